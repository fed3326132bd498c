//! Briefs for journalists: a period and topics in, a publishable brief out — headline, key figures,
//! change against the period before and a year earlier, episodes, notable days, pollution–weather
//! relations, property prices, the public-transport timetable, caveats and sources, with SVG
//! charts, as HTML and Markdown, and its data as CSV.
//! Every number is a fact with its citation, checked like an answer's; stored, so links keep working.

mod housing;
mod mobility;

use std::path::Path;
use std::sync::Arc;

use chrono::{DateTime, Datelike, Days, Months, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sqlx::PgPool;
use tera::{Context, Tera};
use uuid::Uuid;

use crate::answer::check;
use crate::answer::citations::{Citation, Kind, Ledger};
use crate::answer::compose::{RAINY_DAY_MM, capitalised};
use crate::answer::figures::{self, DataStation, Stats};
use crate::answer::llm::Llm;
use crate::charts;
use crate::config::Settings;
use crate::question::Granularity;
use crate::summarize::{Lang, Source, pollutant, strength, weather_variable};

/// What a brief can be about.
pub const TOPICS: [&str; 4] = ["air", "weather", "housing", "mobility"];

/// The longest period a brief covers.
pub const MAX_DAYS: i64 = 366;
const WEATHER: [&str; 4] = ["temperature", "precipitation", "wind_speed", "humidity"];
/// Days needed before a correlation is worth saying.
const MIN_PAIRS: i32 = 7;

#[derive(Debug, Clone)]
pub struct Request {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub air: bool,
    pub weather: bool,
    pub housing: bool,
    pub mobility: bool,
    pub lang: Lang,
}

impl Request {
    /// A brief of `topics` (each one of `TOPICS`); the topic not known, when one is not.
    pub fn new(from: NaiveDate, to: NaiveDate, topics: &[String], lang: Lang) -> Result<Self, String> {
        if let Some(bad) = topics.iter().find(|t| !TOPICS.contains(&t.as_str())) {
            return Err(format!("topic {bad:?} is not one of {}.", TOPICS.join(", ")));
        }
        let has = |topic: &str| topics.iter().any(|t| t == topic);
        Ok(Self {
            from,
            to,
            air: has("air"),
            weather: has("weather"),
            housing: has("housing"),
            mobility: has("mobility"),
            lang,
        })
    }
}

#[derive(Debug, Clone, Serialize, Deserialize, sqlx::FromRow)]
pub struct Brief {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub topics: Vec<String>,
    pub lang: String,
    pub mode: String,
    pub headline: String,
    pub markdown: String,
    #[serde(skip_serializing)]
    pub html: String,
    #[serde(skip_serializing)]
    pub data_csv: String,
    pub facts: Value,
    pub citations: Value,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Listed {
    pub id: Uuid,
    pub created_at: DateTime<Utc>,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub topics: Vec<String>,
    pub lang: String,
    pub mode: String,
    pub headline: String,
}

#[derive(Debug, thiserror::Error)]
pub enum BriefError {
    #[error("{0}")]
    BadRequest(String),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for BriefError {
    fn from(e: sqlx::Error) -> Self {
        Self::Internal(e.into())
    }
}

impl From<tera::Error> for BriefError {
    fn from(e: tera::Error) -> Self {
        Self::Internal(e.into())
    }
}

/// The templates of briefs: `prompts/briefs/*.tera` (the words) and the page.
pub fn templates(prompts_dir: Option<&Path>) -> anyhow::Result<Tera> {
    crate::templates::load(crate::templates::Set::Prompts, prompts_dir, &["briefs"])
}

#[derive(sqlx::FromRow)]
struct Relation {
    n: i32,
    pearson: Option<f64>,
    spearman: Option<f64>,
}

#[derive(sqlx::FromRow)]
struct Day {
    day: NaiveDate,
    mean: f64,
    total: Option<f64>,
}

#[derive(Serialize, sqlx::FromRow)]
struct DataRow {
    station_id: i64,
    station: String,
    day: NaiveDate,
    variable: String,
    unit: String,
    mean: f64,
    min: f64,
    max: f64,
    total: Option<f64>,
    observations: i32,
    expected: i32,
    complete: bool,
}

pub struct Generator<'a> {
    pub pool: &'a PgPool,
    pub settings: &'a Settings,
    pub words: &'a Tera,
    pub pages: &'a Tera,
    pub llm: Option<&'a Llm>,
}

struct Writer<'a> {
    pool: &'a PgPool,
    ledger: Ledger,
}

impl Writer<'_> {
    async fn cite(&mut self, source: &Source, kind: Kind, station: Option<&str>) -> sqlx::Result<usize> {
        self.ledger.cite(self.pool, source, kind, station).await
    }

    fn number(&mut self, label: &str, value: f64, decimals: usize, unit: &str, source: &Source) -> String {
        self.ledger.facts.number(label, value, decimals, Some(unit), source)
    }
}

fn source(station: Option<i64>, variable: &str, range: (NaiveDate, NaiveDate)) -> Source {
    Source {
        table: "daily_aggregates",
        station_id: station,
        variable: Some(variable.to_string()),
        from: range.0,
        to: range.1,
    }
}

/// The period just before (as many whole months, or as many days) and the same days a year earlier.
fn comparisons(range: (NaiveDate, NaiveDate)) -> [(NaiveDate, NaiveDate); 2] {
    let whole_months = range.0.day() == 1 && range.1 == crate::calendar::month_end(range.1);
    let previous = if whole_months {
        let months = (range.1.year() - range.0.year()) * 12 + range.1.month() as i32 - range.0.month() as i32 + 1;
        (range.0.checked_sub_months(Months::new(months as u32)).expect("months before"), range.0 - Days::new(1))
    } else {
        let length = (range.1 - range.0).num_days() as u64 + 1;
        (range.0 - Days::new(length), range.0 - Days::new(1))
    };
    let year = (
        range.0.checked_sub_months(Months::new(12)).expect("a year before"),
        range.1.checked_sub_months(Months::new(12)).expect("a year before"),
    );
    [previous, year]
}

impl Generator<'_> {
    /// Writes the brief (not yet stored).
    pub async fn generate(&self, request: &Request) -> Result<Brief, BriefError> {
        let range = (request.from, request.to);
        if request.from > request.to {
            return Err(BriefError::BadRequest(format!("from {} is after to {}.", request.from, request.to)));
        }
        if (request.to - request.from).num_days() >= MAX_DAYS {
            return Err(BriefError::BadRequest(format!("A brief covers at most {MAX_DAYS} days.")));
        }
        if !request.air && !request.weather && !request.housing && !request.mobility {
            return Err(BriefError::BadRequest(format!("Choose at least one topic: {}.", TOPICS.join(", "))));
        }
        let lang = request.lang;
        let city = &self.settings.city;
        let mut w = Writer { pool: self.pool, ledger: Ledger::new(lang) };
        let mut context = Context::new();
        context.insert("city", &city.name);
        let all = source(None, "pm25", range);
        let period = w.ledger.period_words(range, Granularity::Span, &all);
        context.insert("period", &period);
        context.insert("Period", &capitalised(&period));
        let mut charts: Vec<String> = Vec::new();
        let mut data_stations: Vec<i64> = Vec::new();
        let mut data_variables: Vec<String> = Vec::new();
        let mut caveats: Vec<Value> = Vec::new();
        let expected_days = (request.to - request.from).num_days() + 1;

        let (_, holdings) = figures::Holdings::load(self.pool, city).await?;
        let air_stations: Vec<DataStation> =
            holdings.stations("pm25").into_iter().filter(|s| s.in_city && s.kind == "air_quality").collect();
        let weather_station =
            holdings.stations("temperature").into_iter().filter(|s| s.kind == "weather").max_by_key(|s| s.in_city);
        let air_ids: Vec<i64> = air_stations.iter().map(|s| s.id).collect();
        let mut has_data = false;

        if request.air && !air_ids.is_empty() {
            let who = figures::who_daily(figures::thresholds(self.pool).await?, "pm25");
            let stats =
                figures::period_stats(self.pool, &air_ids, "pm25", range, who.as_ref().map(|t| t.value)).await?;
            if let Some(mean) = stats.mean {
                has_data = true;
                let unit = stats.unit.clone().unwrap_or_default();
                let s = source(None, "pm25", range);
                let mut air = serde_json::Map::new();
                air.insert("pollutant".into(), pollutant("pm25", lang).into());
                air.insert("Pollutant".into(), capitalised(&pollutant("pm25", lang)).into());
                air.insert("mean".into(), w.number("city-wide mean", mean, 1, &unit, &s).into());
                air.insert("days".into(), w.ledger.facts.count("days with data", stats.days, &s).into());
                air.insert(
                    "days_above".into(),
                    w.ledger.facts.count("days above the WHO daily guideline", stats.days_above, &s).into(),
                );
                if let (Some(day), Some(value)) = (stats.max_mean_day, stats.max_mean) {
                    air.insert("worst_day".into(), w.ledger.facts.date("most polluted day", day, &s).into());
                    air.insert("worst".into(), w.number("highest city-wide daily mean", value, 1, &unit, &s).into());
                }
                if let (Some(day), Some(value)) = (stats.min_mean_day, stats.min_mean) {
                    air.insert("best_day".into(), w.ledger.facts.date("cleanest day", day, &s).into());
                    air.insert("best".into(), w.number("lowest city-wide daily mean", value, 1, &unit, &s).into());
                }
                air.insert("c".into(), w.cite(&s, Kind::Air, None).await?.into());
                if let Some(t) = &who {
                    let day = NaiveDate::from_ymd_opt(2021, 9, 22).expect("the WHO guidelines' day");
                    let r = Source {
                        table: "reference_thresholds",
                        station_id: None,
                        variable: Some("pm25".into()),
                        from: day,
                        to: day,
                    };
                    air.insert("who".into(), w.number("WHO 2021 daily guideline", t.value, 0, &t.unit, &r).into());
                    air.insert(
                        "c_who".into(),
                        w.cite(&r, Kind::Reference { reference: t.reference.clone() }, None).await?.into(),
                    );
                }
                let mut stations = Vec::new();
                let mut bars = Vec::new();
                for station in &air_stations {
                    let st =
                        figures::period_stats(self.pool, &[station.id], "pm25", range, who.as_ref().map(|t| t.value))
                            .await?;
                    let Some(m) = st.mean else { continue };
                    let ss = source(Some(station.id), "pm25", range);
                    bars.push((station.name.clone(), st.days_above as f64));
                    stations.push(json!({
                        "name": station.name,
                        "mean": w.number("station mean", m, 1, &unit, &ss),
                        "days_above": w.ledger.facts.count("days above the WHO daily guideline", st.days_above, &ss),
                        "c": w.cite(&ss, Kind::Air, Some(&station.name)).await?,
                    }));
                    caveat(&mut w, &mut caveats, &st, expected_days, &station.name, &ss, Kind::Air).await?;
                    data_stations.push(station.id);
                }
                air.insert("stations".into(), stations.into());
                let mut changes = Vec::new();
                for (i, other) in comparisons(range).into_iter().enumerate() {
                    let past = figures::period_stats(self.pool, &air_ids, "pm25", other, None).await?;
                    if let Some(before) = past.mean {
                        let os = source(None, "pm25", other);
                        let when = w.ledger.period_name(other, &os);
                        changes.push(json!({
                            "which": if i == 0 { "previous" } else { "year_before" },
                            "period": when,
                            "mean": w.number("city-wide mean then", before, 1, &unit, &os),
                            "difference": w.number("change", (mean - before).abs(), 1, &unit, &os),
                            "higher": mean > before,
                            "c": w.cite(&os, Kind::Air, None).await?,
                        }));
                    }
                }
                air.insert("changes".into(), changes.into());
                let episodes = figures::episodes(self.pool, &air_ids, "pm25", range).await?;
                let mut listed = Vec::new();
                for e in &episodes {
                    let es = source(Some(e.station_id), "pm25", (e.start_day, e.end_day));
                    listed.push(json!({
                        "station": e.station,
                        "start": w.ledger.facts.date("first day", e.start_day, &es),
                        "end": w.ledger.facts.date("last day", e.end_day, &es),
                        "days": w.ledger.facts.count("days", e.days, &es),
                        "peak": w.number("peak daily mean", e.peak, 1, &unit, &es),
                        "c": w.cite(&es, Kind::Air, Some(&e.station)).await?,
                    }));
                }
                air.insert("episodes".into(), listed.into());
                context.insert("air", &air);
                data_variables.push("pm25".into());

                let series: Vec<Day> = sqlx::query_as(include_str!("sql/series.sql"))
                    .bind(&air_ids)
                    .bind("pm25")
                    .bind(range.0)
                    .bind(range.1)
                    .fetch_all(self.pool)
                    .await?;
                let (title, who_label) = match lang {
                    Lang::En => (
                        format!("Daily {} in {} (city-wide mean)", pollutant("pm25", lang), city.name),
                        "WHO daily guideline",
                    ),
                    Lang::Fr => (
                        format!(
                            "{} à {}, moyenne journalière de la ville",
                            capitalised(&pollutant("pm25", lang)),
                            city.name
                        ),
                        "seuil journalier OMS",
                    ),
                };
                let points = series.iter().map(|d| (d.day, d.mean)).collect();
                charts.push(charts::daily(
                    "pm25",
                    &title,
                    &unit,
                    &[charts::Series { label: city.name.clone(), points }],
                    who.as_ref().map(|t| (t.value, who_label)),
                    false,
                ));
                let bars_title = match lang {
                    Lang::En => "Days above the WHO daily guideline, by station".to_string(),
                    Lang::Fr => "Jours au-dessus du seuil journalier de l'OMS, par station".to_string(),
                };
                charts.push(charts::bars("above", &bars_title, if lang == Lang::En { "days" } else { "jours" }, &bars));
            }
        }

        if let Some(station) = weather_station.as_ref().filter(|_| request.weather || request.air) {
            let mut relations = Vec::new();
            if request.air && !air_ids.is_empty() {
                for variable in WEATHER {
                    let r: Relation = sqlx::query_as(include_str!("sql/relation.sql"))
                        .bind(&air_ids)
                        .bind(station.id)
                        .bind(variable)
                        .bind(range.0)
                        .bind(range.1)
                        .fetch_one(self.pool)
                        .await?;
                    let (Some(pearson), Some(spearman)) = (r.pearson, r.spearman) else { continue };
                    if r.n < MIN_PAIRS {
                        continue;
                    }
                    let rs = Source {
                        table: "daily_aggregates",
                        station_id: Some(station.id),
                        variable: Some(variable.into()),
                        from: range.0,
                        to: range.1,
                    };
                    relations.push(json!({
                        "weather": weather_variable(variable, lang),
                        "spearman": w.ledger.facts.number("Spearman correlation", spearman, 2, None, &rs),
                        "pearson": w.ledger.facts.number("Pearson correlation", pearson, 2, None, &rs),
                        "n": w.ledger.facts.count("days compared", r.n.into(), &rs),
                        "strength": strength(spearman, lang),
                        "negative": spearman < 0.0,
                        "clear": spearman.abs() >= 0.1,
                        "c": w.cite(&rs, Kind::Weather, Some(&station.name)).await?,
                    }));
                }
                let temperature: Vec<Day> = sqlx::query_as(include_str!("sql/series.sql"))
                    .bind([station.id])
                    .bind("temperature")
                    .bind(range.0)
                    .bind(range.1)
                    .fetch_all(self.pool)
                    .await?;
                let air: Vec<Day> = sqlx::query_as(include_str!("sql/series.sql"))
                    .bind(&air_ids)
                    .bind("pm25")
                    .bind(range.0)
                    .bind(range.1)
                    .fetch_all(self.pool)
                    .await?;
                let points: Vec<(f64, f64)> = air
                    .iter()
                    .filter_map(|a| temperature.iter().find(|t| t.day == a.day).map(|t| (t.mean, a.mean)))
                    .collect();
                let title = match lang {
                    Lang::En => "Daily PM2.5 against the day's mean temperature".to_string(),
                    Lang::Fr => "PM2,5 journalières selon la température moyenne du jour".to_string(),
                };
                charts.push(charts::scatter("scatter", &title, ("°C", "µg/m³"), &points));
            }
            context.insert("relations", &relations);

            if request.weather {
                let mut weather = serde_json::Map::new();
                weather.insert("station".into(), station.name.clone().into());
                let t = figures::period_stats(self.pool, &[station.id], "temperature", range, None).await?;
                if let Some(mean) = t.mean {
                    has_data = true;
                    let s = source(Some(station.id), "temperature", range);
                    weather.insert("t_mean".into(), w.number("mean temperature", mean, 1, "°C", &s).into());
                    if let (Some(lo), Some(lo_day), Some(hi), Some(hi_day)) =
                        (t.lowest, t.lowest_day, t.highest, t.highest_day)
                    {
                        weather.insert("t_min".into(), w.number("lowest temperature", lo, 1, "°C", &s).into());
                        weather.insert("t_min_day".into(), w.ledger.facts.date("coldest day", lo_day, &s).into());
                        weather.insert("t_max".into(), w.number("highest temperature", hi, 1, "°C", &s).into());
                        weather.insert("t_max_day".into(), w.ledger.facts.date("hottest day", hi_day, &s).into());
                    }
                    weather.insert("c_t".into(), w.cite(&s, Kind::Weather, Some(&station.name)).await?.into());
                    caveat(&mut w, &mut caveats, &t, expected_days, &station.name, &s, Kind::Weather).await?;
                    let mut changes = Vec::new();
                    for (i, other) in comparisons(range).into_iter().enumerate() {
                        let past = figures::period_stats(self.pool, &[station.id], "temperature", other, None).await?;
                        if let Some(before) = past.mean {
                            let os = source(Some(station.id), "temperature", other);
                            let when = w.ledger.period_name(other, &os);
                            changes.push(json!({
                                "which": if i == 0 { "previous" } else { "year_before" },
                                "period": when,
                                "mean": w.number("mean temperature then", before, 1, "°C", &os),
                                "difference": w.number("change", (mean - before).abs(), 1, "°C", &os),
                                "higher": mean > before,
                                "c": w.cite(&os, Kind::Weather, Some(&station.name)).await?,
                            }));
                        }
                    }
                    weather.insert("changes".into(), changes.into());
                }
                let rain = figures::period_stats(self.pool, &[station.id], "precipitation", range, None).await?;
                if let Some(total) = rain.total {
                    let s = source(Some(station.id), "precipitation", range);
                    let rainy = figures::count_days(
                        self.pool,
                        &[station.id],
                        "precipitation",
                        range,
                        ("total", "ge", RAINY_DAY_MM),
                    )
                    .await?;
                    weather.insert("rain".into(), w.number("rainfall", total, 1, "mm", &s).into());
                    weather.insert(
                        "rainy_days".into(),
                        w.ledger.facts.count("days with at least 1 mm", rainy.counted, &s).into(),
                    );
                    weather.insert(
                        "rainy_limit".into(),
                        w.number("rainy day: at least", RAINY_DAY_MM, 0, "mm", &s).into(),
                    );
                    if let (Some(day), Some(most)) = (rain.max_total_day, rain.max_total)
                        && most >= 0.05
                    {
                        weather.insert("wettest_day".into(), w.ledger.facts.date("wettest day", day, &s).into());
                        weather.insert("wettest".into(), w.number("rain on the wettest day", most, 1, "mm", &s).into());
                    }
                    weather.insert("c_rain".into(), w.cite(&s, Kind::Weather, Some(&station.name)).await?.into());
                }
                context.insert("weather", &weather);
                data_stations.push(station.id);
                data_variables.extend(WEATHER.iter().map(|v| v.to_string()));

                let temperature: Vec<Day> = sqlx::query_as(include_str!("sql/series.sql"))
                    .bind([station.id])
                    .bind("temperature")
                    .bind(range.0)
                    .bind(range.1)
                    .fetch_all(self.pool)
                    .await?;
                let rain_days: Vec<Day> = sqlx::query_as(include_str!("sql/series.sql"))
                    .bind([station.id])
                    .bind("precipitation")
                    .bind(range.0)
                    .bind(range.1)
                    .fetch_all(self.pool)
                    .await?;
                let (t_title, r_title) = match lang {
                    Lang::En => (
                        format!("Daily mean temperature at {}", station.name),
                        format!("Daily rainfall at {}", station.name),
                    ),
                    Lang::Fr => (
                        format!("Température moyenne journalière à {}", station.name),
                        format!("Pluie journalière à {}", station.name),
                    ),
                };
                charts.push(charts::daily(
                    "temperature",
                    &t_title,
                    "°C",
                    &[charts::Series {
                        label: station.name.clone(),
                        points: temperature.iter().map(|d| (d.day, d.mean)).collect(),
                    }],
                    None,
                    false,
                ));
                charts.push(charts::daily(
                    "rain",
                    &r_title,
                    "mm",
                    &[charts::Series {
                        label: station.name.clone(),
                        points: rain_days.iter().map(|d| (d.day, d.total.unwrap_or(0.0))).collect(),
                    }],
                    None,
                    true,
                ));
            }
        }
        if request.housing
            && let Some((housing, chart)) = housing::section(&mut w, &city.name, range, lang).await?
        {
            has_data = true;
            context.insert("housing", &housing);
            charts.push(chart);
        }
        if request.mobility
            && let Some((mobility, chart)) = mobility::section(&mut w, range, lang).await?
        {
            has_data = true;
            if let Some(outside) = mobility["outside"].as_str() {
                let series = lang.say("Timetable (GTFS)", "Horaire (GTFS)");
                caveats.push(json!({ "series": series, "missing": outside, "c": mobility["c"] }));
            }
            context.insert("mobility", &mobility);
            charts.push(chart);
        }
        if !has_data {
            let timetable =
                if request.mobility { ", /api/v1/transit/days for the days the timetable covers" } else { "" };
            return Err(BriefError::BadRequest(format!(
                "There is no data from {} to {} for these topics; see /api/v1/stations for the days each station covers{timetable}.",
                request.from, request.to
            )));
        }
        context.insert("caveats", &caveats);

        let mut mode = "grounded";
        let headline =
            self.words.render(&format!("briefs/headline.{}.tera", lang.code()), &context)?.trim().to_string();
        let mut lead = self
            .words
            .render(&format!("briefs/lead.{}.tera", lang.code()), &context)?
            .split_whitespace()
            .collect::<Vec<_>>()
            .join(" ");
        let (facts, citations) = w.ledger.into_parts();
        let displays: Vec<String> = facts.iter().map(|(f, _)| f.display.clone()).collect();
        let names: Vec<String> = std::iter::once(city.name.clone())
            .chain(air_stations.iter().map(|s| s.name.clone()))
            .chain(weather_station.iter().map(|s| s.name.clone()))
            .collect();
        if let Some(llm) = self.llm
            && let Some(drafted) = self.llm_lead(llm, &lead, &facts, &citations.list, &names, lang).await
        {
            lead = drafted;
            mode = "llm";
        }
        context.insert("headline", &headline);
        context.insert("lead", &lead);
        let body = self.words.render(&format!("briefs/brief.{}.md.tera", lang.code()), &context)?;
        let unsupported = check::unsupported(&body, displays.iter().map(String::as_str), &names);
        if !unsupported.is_empty() {
            return Err(anyhow::anyhow!("the brief says {unsupported:?}, which no fact holds").into());
        }
        let markdown = format!("{}\n{}", body.trim_end(), sources_markdown(&citations.list, request));

        let id = Uuid::new_v4();
        let rows: Vec<DataRow> = sqlx::query_as(include_str!("sql/data_rows.sql"))
            .bind(&data_stations)
            .bind(&data_variables)
            .bind(range.0)
            .bind(range.1)
            .fetch_all(self.pool)
            .await?;
        let data_csv = csv_text(&rows)?;
        let mut page = Context::new();
        page.insert("lang", lang.code());
        page.insert("headline", &headline);
        page.insert("body", &markdown_to_html(&markdown));
        page.insert("charts", &charts.into_iter().filter(|c| !c.is_empty()).collect::<Vec<_>>());
        page.insert("id", &id.to_string());
        let html = self.pages.render("brief.html.tera", &page)?;
        let facts_json: Vec<Value> = facts
            .iter()
            .map(|(f, c)| json!({ "label": f.label, "value": f.value, "unit": f.unit, "display": f.display, "period": { "from": f.source.from, "to": f.source.to }, "citation": c }))
            .collect();
        let topics: Vec<String> = [
            ("air", request.air),
            ("weather", request.weather),
            ("housing", request.housing),
            ("mobility", request.mobility),
        ]
        .into_iter()
        .filter(|t| t.1)
        .map(|t| t.0.to_string())
        .collect();
        Ok(Brief {
            id,
            created_at: Utc::now(),
            period_start: request.from,
            period_end: request.to,
            topics,
            lang: lang.code().into(),
            mode: mode.into(),
            headline,
            markdown,
            html,
            data_csv,
            facts: Value::Array(facts_json),
            citations: serde_json::to_value(&citations.list).map_err(anyhow::Error::from)?,
        })
    }

    /// The lead paragraph reworded by the LLM, kept only if every sentence passes the check.
    async fn llm_lead(
        &self,
        llm: &Llm,
        lead: &str,
        facts: &[(crate::summarize::Fact, usize)],
        citations: &[Citation],
        names: &[String],
        lang: Lang,
    ) -> Option<String> {
        let mut context = Context::new();
        context.insert("city", &self.settings.city.name);
        context.insert("language", if lang == Lang::Fr { "French" } else { "English" });
        let prompts = crate::answer::templates(self.settings.prompts_dir.as_deref()).ok()?;
        let system = prompts.render("llm/system.tera", &context).ok()?;
        context.insert("question", "Write the lead paragraph of a news brief from these figures.");
        context.insert("sources", citations);
        let listed: Vec<Value> =
            facts.iter().map(|(f, c)| json!({ "label": f.label, "display": f.display, "citation": c })).collect();
        context.insert("facts", &listed);
        context.insert("draft", lead);
        let user = prompts.render("llm/user.tera", &context).ok()?;
        let cited: Vec<(String, usize)> = facts.iter().map(|(f, c)| (f.display.clone(), *c)).collect();
        match llm.draft(system, user, &cited, citations.len(), names, citations.len(), |_| true).await {
            Ok(draft) if draft.dropped.is_empty() && !draft.sentences.is_empty() => {
                Some(draft.sentences.iter().map(|s| s.trim()).collect::<Vec<_>>().join(" "))
            }
            Ok(_) => None,
            Err(e) => {
                tracing::warn!(error = %format!("{e:#}"), "the LLM could not draft the brief's lead");
                None
            }
        }
    }
}

/// Days without data and days measured only in part, per series.
async fn caveat(
    w: &mut Writer<'_>,
    caveats: &mut Vec<Value>,
    stats: &Stats,
    expected: i64,
    name: &str,
    s: &Source,
    kind: Kind,
) -> sqlx::Result<()> {
    let missing = expected - stats.days;
    let incomplete = stats.days - stats.complete_days;
    if missing <= 0 && incomplete <= 0 {
        return Ok(());
    }
    let mut item = serde_json::Map::new();
    item.insert("series".into(), name.into());
    if missing > 0 {
        item.insert("missing".into(), w.ledger.facts.count("days without data", missing, s).into());
    }
    if incomplete > 0 {
        item.insert("incomplete".into(), w.ledger.facts.count("days measured in part", incomplete, s).into());
    }
    item.insert("c".into(), w.cite(s, kind, Some(name)).await?.into());
    caveats.push(Value::Object(item));
    Ok(())
}

fn csv_text<T: Serialize>(rows: &[T]) -> anyhow::Result<String> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer.serialize(row)?;
    }
    Ok(String::from_utf8(writer.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?)?)
}

fn sources_markdown(citations: &[Citation], request: &Request) -> String {
    let lang = request.lang;
    let mut out = String::from("\n## Sources\n\n");
    for c in citations {
        out.push_str(&format!("{}. [{}]({})\n", c.number, c.title, c.url));
    }
    let data: Vec<String> = [
        (
            request.air,
            "OpenAQ and the EEA (air quality), WHO 2021 guidelines",
            "OpenAQ et l'AEE (qualité de l'air), lignes directrices OMS 2021",
        ),
        (request.weather, "Météo-France SYNOP (weather)", "Météo-France SYNOP (météo)"),
        (
            request.housing,
            "DVF, the DGFiP's property sales (housing)",
            "DVF, les ventes immobilières de la DGFiP (logement)",
        ),
        (
            request.mobility,
            "the operator's GTFS timetable (public transport)",
            "l'horaire GTFS de l'exploitant (transports en commun)",
        ),
    ]
    .into_iter()
    .filter(|t| t.0)
    .map(|(_, en, fr)| lang.say(en, fr))
    .collect();
    out.push_str(&lang.say(
        &format!("\nData: {}. Figures computed by SmartCity Insights.\n", data.join(", ")),
        &format!("\nDonnées : {}. Chiffres calculés par SmartCity Insights.\n", data.join(", ")),
    ));
    out
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;")
}

/// Inline Markdown of our own briefs: [text](url) links and **bold**.
fn inline(text: &str) -> String {
    let mut out = String::new();
    let mut rest = text;
    while let Some(open) = rest.find('[') {
        let (head, tail) = rest.split_at(open);
        match tail.find("](").and_then(|mid| tail[mid..].find(')').map(|end| (mid, mid + end))) {
            Some((mid, end)) if !tail[1..mid].contains('[') => {
                out.push_str(&escape(head));
                out.push_str(&format!("<a href=\"{}\">{}</a>", escape(&tail[mid + 2..end]), escape(&tail[1..mid])));
                rest = &tail[end + 1..];
            }
            _ => {
                out.push_str(&escape(head));
                out.push('[');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(&escape(rest));
    let mut bold = String::new();
    for (i, part) in out.split("**").enumerate() {
        if i % 2 == 1 {
            bold.push_str(&format!("<strong>{part}</strong>"));
        } else {
            bold.push_str(part);
        }
    }
    bold
}

/// The Markdown our brief templates write (headings, lists, numbered lists, paragraphs) as HTML.
pub fn markdown_to_html(markdown: &str) -> String {
    let mut html = String::new();
    let mut list: Option<&str> = None;
    let mut paragraph: Vec<String> = Vec::new();
    let flush = |html: &mut String, paragraph: &mut Vec<String>| {
        if !paragraph.is_empty() {
            html.push_str(&format!("<p>{}</p>\n", inline(&paragraph.join(" "))));
            paragraph.clear();
        }
    };
    for line in markdown.lines() {
        let trimmed = line.trim();
        let item = trimmed.strip_prefix("- ").map(|t| ("ul", t)).or_else(|| {
            trimmed
                .split_once(". ")
                .filter(|(n, _)| !n.is_empty() && n.chars().all(|c| c.is_ascii_digit()))
                .map(|(_, t)| ("ol", t))
        });
        if (item.is_none() || list != item.map(|i| i.0))
            && let Some(kind) = list.take()
        {
            html.push_str(&format!("</{kind}>\n"));
        }
        if let Some((kind, text)) = item {
            flush(&mut html, &mut paragraph);
            if list.is_none() {
                html.push_str(&format!("<{kind}>\n"));
                list = Some(kind);
            }
            html.push_str(&format!("<li>{}</li>\n", inline(text)));
        } else if let Some(heading) = trimmed.strip_prefix("## ") {
            flush(&mut html, &mut paragraph);
            html.push_str(&format!("<h2>{}</h2>\n", inline(heading)));
        } else if let Some(heading) = trimmed.strip_prefix("# ") {
            flush(&mut html, &mut paragraph);
            html.push_str(&format!("<h1>{}</h1>\n", inline(heading)));
        } else if trimmed.is_empty() {
            flush(&mut html, &mut paragraph);
        } else {
            paragraph.push(trimmed.to_string());
        }
    }
    flush(&mut html, &mut paragraph);
    if let Some(kind) = list {
        html.push_str(&format!("</{kind}>\n"));
    }
    html
}

/// Day by day: the mean of `stations` for `variable`, and the day's sum.
pub async fn series(
    pool: &PgPool,
    stations: &[i64],
    variable: &str,
    (from, to): (NaiveDate, NaiveDate),
) -> sqlx::Result<Vec<(NaiveDate, f64, Option<f64>)>> {
    let days: Vec<Day> = sqlx::query_as(include_str!("sql/series.sql"))
        .bind(stations)
        .bind(variable)
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await?;
    Ok(days.into_iter().map(|d| (d.day, d.mean, d.total)).collect())
}

pub async fn store(pool: &PgPool, brief: &Brief) -> sqlx::Result<()> {
    sqlx::query(include_str!("sql/insert.sql"))
        .bind(brief.id)
        .bind(brief.period_start)
        .bind(brief.period_end)
        .bind(&brief.topics)
        .bind(&brief.lang)
        .bind(&brief.mode)
        .bind(&brief.headline)
        .bind(&brief.markdown)
        .bind(&brief.html)
        .bind(&brief.data_csv)
        .bind(&brief.facts)
        .bind(&brief.citations)
        .execute(pool)
        .await?;
    Ok(())
}

pub async fn load(pool: &PgPool, id: Uuid) -> sqlx::Result<Option<Brief>> {
    sqlx::query_as(include_str!("sql/get.sql")).bind(id).fetch_optional(pool).await
}

pub async fn list(pool: &PgPool, limit: i64) -> sqlx::Result<Vec<Listed>> {
    sqlx::query_as(include_str!("sql/list.sql")).bind(limit).fetch_all(pool).await
}

/// An LLM client from the settings, when one is configured.
pub fn llm(settings: &Settings) -> anyhow::Result<Option<Arc<Llm>>> {
    Ok(Llm::from_settings(&settings.llm)?.map(Arc::new))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn our_markdown_becomes_html() {
        let html = markdown_to_html(
            "# Title\n\nA **bold** lead [1].\n\n## Key figures\n\n- one\n- two\n\n1. [A source](/api/v1/daily?a=1&b=2)\n",
        );
        assert!(html.contains("<h1>Title</h1>") && html.contains("<strong>bold</strong> lead [1]."), "{html}");
        assert!(html.contains("<ul>\n<li>one</li>\n<li>two</li>\n</ul>"), "{html}");
        assert!(html.contains("<ol>\n<li><a href=\"/api/v1/daily?a=1&amp;b=2\">A source</a></li>\n</ol>"), "{html}");
    }

    #[test]
    fn a_month_compares_with_the_month_before_and_a_year_earlier() {
        let d = |s: &str| s.parse::<NaiveDate>().unwrap();
        assert_eq!(
            comparisons((d("2020-03-01"), d("2020-03-31"))),
            [(d("2020-02-01"), d("2020-02-29")), (d("2019-03-01"), d("2019-03-31"))]
        );
        assert_eq!(comparisons((d("2020-03-10"), d("2020-03-16")))[0], (d("2020-03-03"), d("2020-03-09")));
    }
}
