//! The sources an answer cites: one per distinct set of rows, numbered in order of use, each with
//! the chunk that says it (when one covers it) and a URL into the API that returns the rows.

use chrono::NaiveDate;
use reqwest::Url;
use serde::Serialize;
use sqlx::PgPool;

use chrono::{Datelike, Months};

use crate::calendar::{self as dates, Granularity};
use crate::summarize::{Fact, Facts, Lang, Source, pollutant, weather_variable};

/// What kind of rows a source is, for finding the chunk that covers it.
#[derive(Debug, Clone, PartialEq)]
pub enum Kind {
    Air,
    Weather,
    Forecast,
    Correlation { weather_variable: String },
    Reference { reference: String },
    /// Property sales; the source's variable is "commune/dwelling/rooms" (`all` for any).
    Housing,
    /// Rows of the timetable (`departures`, `trips`, `stops`); the source's variable is the query
    /// that selects them.
    Transit { rows: &'static str },
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = CitedPeriod)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Citation {
    pub number: usize,
    pub chunk_id: Option<i64>,
    /// The chunk's kind, or `data` / `reference` for rows no chunk covers.
    pub kind: String,
    pub title: String,
    pub period: Period,
    pub station: Option<String>,
    pub snippet: String,
    pub url: String,
}

#[derive(sqlx::FromRow)]
struct ChunkRow {
    id: i64,
    kind: String,
    title: String,
    body: String,
}

#[derive(sqlx::FromRow)]
struct CitedChunk {
    kind: String,
    title: String,
    body: String,
    period_start: NaiveDate,
    period_end: NaiveDate,
    station: Option<String>,
}

pub struct Citations {
    lang: Lang,
    pub list: Vec<Citation>,
    keys: Vec<(Source, Kind)>,
}

const SNIPPET_CHARS: usize = 240;

impl Citations {
    pub fn new(lang: Lang) -> Self {
        Self { lang, list: Vec::new(), keys: Vec::new() }
    }

    /// The number of the citation for `source`, added on first use.
    pub async fn cite(
        &mut self,
        pool: &PgPool,
        source: &Source,
        kind: Kind,
        station: Option<&str>,
    ) -> sqlx::Result<usize> {
        if let Some(i) = self.keys.iter().position(|(s, k)| s == source && *k == kind) {
            return Ok(i + 1);
        }
        let number = self.list.len() + 1;
        let chunk = self.covering_chunk(pool, source, &kind).await?;
        let period = Period { from: source.from, to: source.to };
        let citation = match chunk {
            Some(chunk) => Citation {
                number,
                chunk_id: Some(chunk.id),
                kind: chunk.kind,
                title: chunk.title,
                period,
                station: station.map(str::to_string),
                snippet: snippet(&chunk.body),
                url: format!("/api/v1/citations/{}", chunk.id),
            },
            None => Citation {
                number,
                chunk_id: None,
                kind: if matches!(kind, Kind::Reference { .. }) { "reference" } else { "data" }.to_string(),
                title: self.data_title(source, &kind, station),
                period,
                station: station.map(str::to_string),
                snippet: String::new(),
                url: url(source, &kind),
            },
        };
        self.list.push(citation);
        self.keys.push((source.clone(), kind));
        Ok(number)
    }

    /// The number of the citation of chunk `id` (offered as related data), added on first use.
    pub async fn cite_chunk(&mut self, pool: &PgPool, id: i64) -> sqlx::Result<usize> {
        if let Some(c) = self.list.iter().find(|c| c.chunk_id == Some(id)) {
            return Ok(c.number);
        }
        let row: CitedChunk = sqlx::query_as(include_str!("sql/cited_chunk.sql")).bind(id).fetch_one(pool).await?;
        let number = self.list.len() + 1;
        let period = Period { from: row.period_start, to: row.period_end };
        self.list.push(Citation {
            number,
            chunk_id: Some(id),
            kind: row.kind,
            title: row.title,
            period,
            station: row.station,
            snippet: snippet(&row.body),
            url: format!("/api/v1/citations/{id}"),
        });
        let key = Source { table: "chunks", station_id: None, variable: None, from: row.period_start, to: row.period_end };
        self.keys.push((key, Kind::Air));
        Ok(number)
    }

    async fn covering_chunk(&self, pool: &PgPool, source: &Source, kind: &Kind) -> sqlx::Result<Option<ChunkRow>> {
        let variable = source.variable.clone().unwrap_or_default();
        let (kinds, station, variables): (&[&str], Option<i64>, Vec<String>) = match kind {
            Kind::Air if source.station_id.is_some() => {
                (&["station_day", "episode", "station_month", "station_year"], source.station_id, vec![variable])
            }
            Kind::Air => (&["city_day", "city_month"], None, vec![variable]),
            // A weather day's chunk states the temperature, the rain, the wind and the humidity.
            Kind::Weather if !["temperature", "precipitation", "wind_speed", "humidity"].contains(&variable.as_str()) => {
                return Ok(None);
            }
            Kind::Weather => (&["weather_day"], source.station_id, vec!["weather".into()]),
            Kind::Forecast => (&["forecast_day"], None, vec!["forecast".into()]),
            Kind::Correlation { weather_variable } => {
                (&["correlation"], source.station_id, vec![variable, weather_variable.clone()])
            }
            Kind::Reference { .. } | Kind::Transit { .. } => return Ok(None),
            // A chunk states the figures of one kind of dwelling of every size, by year and quarter.
            Kind::Housing => match variable.split('/').collect::<Vec<_>>().as_slice() {
                [commune, dwelling @ ("flat" | "house"), "all"] => {
                    (&["housing_year", "housing_quarter"], None, vec!["housing".into(), dwelling.to_string(), commune.to_string()])
                }
                _ => return Ok(None),
            },
        };
        let kinds: Vec<String> = kinds.iter().map(|k| k.to_string()).collect();
        sqlx::query_as(include_str!("sql/citation_chunk.sql"))
            .bind(self.lang.code())
            .bind(&kinds)
            .bind(station)
            .bind(&variables)
            .bind(source.from)
            .bind(source.to)
            .fetch_optional(pool)
            .await
    }

    fn data_title(&self, source: &Source, kind: &Kind, station: Option<&str>) -> String {
        let variable = source.variable.as_deref().unwrap_or_default();
        let name = if crate::question::WEATHER_VARIABLES.contains(&variable) {
            weather_variable(variable, self.lang)
        } else {
            pollutant(variable, self.lang)
        };
        let place = station.map(str::to_string).unwrap_or_else(|| match self.lang {
            Lang::En => "city-wide mean".into(),
            Lang::Fr => "moyenne de la ville".into(),
        });
        match (kind, self.lang) {
            (Kind::Reference { reference }, _) => format!("{reference}: {name}"),
            (Kind::Transit { rows }, lang) => {
                let parsed = Url::parse(&format!("http://api/?{variable}")).ok();
                let query: Vec<String> =
                    parsed.iter().flat_map(|u| u.query_pairs().map(|(k, v)| format!("{k} {v}")).collect::<Vec<_>>()).collect();
                let what = match (*rows, lang) {
                    ("departures", Lang::En) => "departures",
                    ("departures", Lang::Fr) => "départs",
                    ("trips", Lang::En) => "trips",
                    ("trips", Lang::Fr) => "courses",
                    ("days", Lang::En) => "service days",
                    ("days", Lang::Fr) => "jours de service",
                    (_, Lang::En) => "stops",
                    (_, Lang::Fr) => "arrêts",
                };
                let timetable = lang.say("Public-transport timetable (GTFS)", "Horaire des transports en commun (GTFS)");
                format!("{timetable}: {what}, {}", query.join(", "))
            }
            (Kind::Housing, lang) => {
                let mut parts = variable.split('/');
                let commune = parts.next().unwrap_or_default();
                let what = match (parts.next(), lang) {
                    (Some("flat"), Lang::En) => "flats",
                    (Some("house"), Lang::En) => "houses",
                    (_, Lang::En) => "flats and houses",
                    (Some("flat"), Lang::Fr) => "appartements",
                    (Some("house"), Lang::Fr) => "maisons",
                    (_, Lang::Fr) => "appartements et maisons",
                };
                let rooms = parts.next().filter(|r| *r != "all");
                match lang {
                    Lang::En => format!(
                        "Property sales (DVF), commune {commune}: {what}{}, {} to {}",
                        rooms.map(|r| format!(" of {r} rooms")).unwrap_or_default(),
                        source.from,
                        source.to
                    ),
                    Lang::Fr => format!(
                        "Ventes immobilières (DVF), commune {commune} : {what}{}, du {} au {}",
                        rooms.map(|r| format!(" de {r} pièces")).unwrap_or_default(),
                        source.from,
                        source.to
                    ),
                }
            }
            (_, Lang::En) => format!("Daily {name}, {place}, {} to {}", source.from, source.to),
            (_, Lang::Fr) => format!("Valeurs journalières : {name}, {place}, du {} au {}", source.from, source.to),
        }
    }
}

fn snippet(body: &str) -> String {
    if body.chars().count() <= SNIPPET_CHARS {
        return body.to_string();
    }
    let cut: String = body.chars().take(SNIPPET_CHARS).collect();
    format!("{}…", cut.rsplit_once(' ').map_or(cut.as_str(), |(head, _)| head))
}

/// The API URL returning the rows behind `source`.
fn url(source: &Source, kind: &Kind) -> String {
    let mut url = Url::parse("http://api/").expect("a base URL");
    let variable = source.variable.clone().unwrap_or_default();
    {
        let mut query = url.query_pairs_mut();
        match kind {
            Kind::Housing => {
                let mut parts = variable.split('/');
                query.append_pair("commune", parts.next().unwrap_or_default());
                for (key, value) in [("dwelling", parts.next()), ("rooms", parts.next())] {
                    if let Some(value) = value.filter(|v| *v != "all") {
                        query.append_pair(key, value);
                    }
                }
                query
                    .append_pair("from", &source.from.to_string())
                    .append_pair("to", &source.to.to_string())
                    .append_pair("priced", "true");
            }
            Kind::Reference { reference } => {
                query.append_pair("reference", reference).append_pair("variable", &variable);
            }
            Kind::Correlation { weather_variable } => {
                if let Some(station) = source.station_id {
                    query.append_pair("station_id", &station.to_string());
                }
                query
                    .append_pair("pollutant", &variable)
                    .append_pair("weather_variable", weather_variable)
                    .append_pair("from", &source.from.to_string())
                    .append_pair("to", &source.to.to_string());
            }
            _ => {
                match source.station_id {
                    Some(station) => query.append_pair("station_id", &station.to_string()),
                    None => query.append_pair("scope", "city"),
                };
                query
                    .append_pair("variable", &variable)
                    .append_pair("from", &source.from.to_string())
                    .append_pair("to", &source.to.to_string());
            }
        }
    }
    if let Kind::Transit { rows } = kind {
        return format!("/api/v1/transit/{rows}?{variable}");
    }
    let path = match kind {
        Kind::Reference { .. } => "/api/v1/thresholds",
        Kind::Correlation { .. } => "/api/v1/correlations",
        Kind::Housing => "/api/v1/housing/sales",
        _ => "/api/v1/daily",
    };
    format!("{path}?{}", url.query().unwrap_or_default())
}

/// The facts an answer or a brief states, each with the number of the citation of its source.
pub struct Ledger {
    pub facts: Facts,
    cited: Vec<usize>,
    pub citations: Citations,
}

impl Ledger {
    pub fn new(lang: Lang) -> Self {
        Self { facts: Facts::new(lang), cited: Vec::new(), citations: Citations::new(lang) }
    }

    /// Cites `source` for every fact made since the last citation.
    pub async fn cite(
        &mut self,
        pool: &PgPool,
        source: &Source,
        kind: Kind,
        station: Option<&str>,
    ) -> sqlx::Result<usize> {
        let number = self.citations.cite(pool, source, kind, station).await?;
        self.cited.resize(self.facts.list.len(), number);
        Ok(number)
    }

    /// Cites chunk `id` for every fact made since the last citation.
    pub async fn cite_chunk(&mut self, pool: &PgPool, id: i64) -> sqlx::Result<usize> {
        let number = self.citations.cite_chunk(pool, id).await?;
        self.cited.resize(self.facts.list.len(), number);
        Ok(number)
    }

    /// A period's bare name: "February 2020", "2019", "12 May 2020", or "1 March 2020 – 15 March 2020".
    pub fn period_name(&mut self, (from, to): (NaiveDate, NaiveDate), source: &Source) -> String {
        if from == to {
            return self.facts.date("day", from, source);
        }
        if from.day() == 1 && to == dates::month_end(from) {
            return self.facts.month("month", from, source);
        }
        if from.ordinal() == 1 && to.month() == 12 && to.day() == 31 && from.year() == to.year() {
            return self.facts.year("year", from, source);
        }
        let (a, b) = (self.facts.date("first day", from, source), self.facts.date("last day", to, source));
        format!("{a} – {b}")
    }

    pub fn into_parts(self) -> (Vec<(Fact, usize)>, Citations) {
        (self.facts.list.into_iter().zip(self.cited).collect(), self.citations)
    }

    /// "on 12 May 2020", "in March 2020", "from 16 November 2020 to 22 November 2020" (and in French),
    /// every date a fact of `source`.
    pub fn period_words(
        &mut self,
        (from, to): (NaiveDate, NaiveDate),
        granularity: Granularity,
        source: &Source,
    ) -> String {
        let fr = self.facts.lang == Lang::Fr;
        let whole_month = from.day() == 1 && to == dates::month_end(from);
        let whole_year = from.ordinal() == 1 && to.month() == 12 && to.day() == 31 && from.year() == to.year();
        if from == to {
            let day = self.facts.date("day", from, source);
            return if fr { format!("le {day}") } else { format!("on {day}") };
        }
        match granularity {
            Granularity::Month | Granularity::Day | Granularity::Span if whole_month => {
                let month = self.facts.month("month", from, source);
                if fr { format!("en {month}") } else { format!("in {month}") }
            }
            Granularity::Season
                if to == dates::month_end(from.checked_add_months(Months::new(2)).expect("a season end")) =>
            {
                let season = self.facts.season("season", from, source);
                match (fr, from.month()) {
                    (true, 3) => format!("au {season}"),
                    (true, _) => format!("en {season}"),
                    (false, _) => format!("in {season}"),
                }
            }
            Granularity::Years
                if from.ordinal() == 1 && to.month() == 12 && to.day() == 31 && from.year() < to.year() =>
            {
                let (a, b) = (self.facts.year("first year", from, source), self.facts.year("last year", to, source));
                if fr { format!("de {a} à {b}") } else { format!("from {a} to {b}") }
            }
            Granularity::All => {
                let (a, b) = (self.facts.date("first day", from, source), self.facts.date("last day", to, source));
                if fr {
                    format!("sur toutes les données, du {a} au {b}")
                } else {
                    format!("over all the data, from {a} to {b}")
                }
            }
            _ if whole_year => {
                let year = self.facts.year("year", from, source);
                if fr { format!("en {year}") } else { format!("in {year}") }
            }
            _ => {
                let (a, b) = (self.facts.date("first day", from, source), self.facts.date("last day", to, source));
                if fr { format!("du {a} au {b}") } else { format!("from {a} to {b}") }
            }
        }
    }
}
