//! One function per kind of chunk: the rows it reads, the facts it states, the template it renders.

use chrono::{Datelike, NaiveDate};
use sqlx::PgPool;
use tera::{Context, Tera};

use super::facts::{Facts, Lang, Source};
use super::{Chunk, chunk_id};
use crate::config::City;

pub async fn render_all(
    pool: &PgPool,
    tera: &Tera,
    city: &City,
    (first, last): (NaiveDate, NaiveDate),
    today: NaiveDate,
) -> anyhow::Result<Vec<Chunk>> {
    let mut chunks = Vec::new();
    forecast_days(pool, tera, city, (today.max(first), last), &mut chunks).await?;
    city_days(pool, tera, city, (first, last), &mut chunks).await?;
    city_months(pool, tera, city, (first, last), &mut chunks).await?;
    station_years(pool, tera, (first, last), &mut chunks).await?;
    station_days(pool, tera, (first, last), today, &mut chunks).await?;
    weather_days(pool, tera, (first, last), today, &mut chunks).await?;
    station_months(pool, tera, first, last, &mut chunks).await?;
    episodes(pool, tera, first, last, &mut chunks).await?;
    correlations(pool, tera, first, last, &mut chunks).await?;
    housing(pool, tera, first, last, &mut chunks).await?;
    super::transit::chunks(pool, tera, (first, last), &mut chunks).await?;
    Ok(chunks)
}

pub fn pollutant(variable: &str, lang: Lang) -> String {
    let (en, fr) = match variable {
        "pm25" => ("fine particles (PM2.5)", "particules fines (PM2,5)"),
        "pm10" => ("particles (PM10)", "particules (PM10)"),
        "no2" => ("nitrogen dioxide (NO2)", "dioxyde d'azote (NO2)"),
        "o3" => ("ozone (O3)", "ozone (O3)"),
        "so2" => ("sulphur dioxide (SO2)", "dioxyde de soufre (SO2)"),
        "co" => ("carbon monoxide (CO)", "monoxyde de carbone (CO)"),
        other => (other, other),
    };
    if lang == Lang::Fr { fr } else { en }.to_string()
}

/// The pollutant's names for a template: as is, capitalised, and (French) with its "de".
pub fn insert_pollutant(context: &mut Context, variable: &str, lang: Lang) {
    let name = pollutant(variable, lang);
    let mut capitalised = name.clone();
    capitalised[..1].make_ascii_uppercase();
    let of = Lang::de(&name);
    context.insert("pollutant", &name);
    context.insert("Pollutant", &capitalised);
    context.insert("of_pollutant", &of);
}

pub fn weather_variable(variable: &str, lang: Lang) -> String {
    let (en, fr) = match variable {
        "temperature" => ("temperature", "la température"),
        "wind_speed" => ("wind speed", "la vitesse du vent"),
        "precipitation" => ("rainfall", "la pluie"),
        "humidity" => ("humidity", "l'humidité"),
        "wind_gust" => ("wind gusts", "les rafales de vent"),
        "pressure_msl" => ("sea-level pressure", "la pression au niveau de la mer"),
        other => (other, other),
    };
    if lang == Lang::Fr { fr } else { en }.to_string()
}

pub(super) struct Rendered<'a> {
    pub kind: &'static str,
    pub period: (NaiveDate, NaiveDate),
    pub station_id: Option<i64>,
    pub variables: Vec<String>,
    pub context: Context,
    pub facts: Facts,
    pub tera: &'a Tera,
}

impl Rendered<'_> {
    pub fn finish(self) -> anyhow::Result<Chunk> {
        let lang = self.facts.lang;
        let name = format!("chunks/{}.{}.tera", self.kind, lang.code());
        let text = self.tera.render(&name, &self.context)?;
        // The template's first line is the title, the rest the body.
        let (title, body) = text.trim().split_once('\n').unwrap_or((text.trim(), ""));
        let body = body.split_whitespace().collect::<Vec<_>>().join(" ");
        Ok(Chunk {
            id: chunk_id(self.kind, lang, self.period, self.station_id, &self.variables),
            kind: self.kind,
            lang,
            period: self.period,
            station_id: self.station_id,
            variables: self.variables,
            title: title.trim().to_string(),
            body,
            facts: self.facts.list,
        })
    }
}

#[derive(sqlx::FromRow)]
struct StationDay {
    station_id: i64,
    station: String,
    model: bool,
    variable: String,
    day: NaiveDate,
    unit: String,
    mean: f64,
    min: f64,
    max: f64,
    observations: i32,
    expected: i32,
    complete: bool,
    who_guideline: Option<f64>,
    atmo_fr: Option<String>,
    atmo_en: Option<String>,
}

async fn station_days(
    pool: &PgPool,
    tera: &Tera,
    (first, last): (NaiveDate, NaiveDate),
    today: NaiveDate,
    out: &mut Vec<Chunk>,
) -> anyhow::Result<()> {
    let rows: Vec<StationDay> =
        sqlx::query_as(include_str!("sql/station_days.sql")).bind(first).bind(last).bind(today).fetch_all(pool).await?;
    for row in rows {
        let source = Source {
            table: "daily_aggregates",
            station_id: Some(row.station_id),
            variable: Some(row.variable.clone()),
            from: row.day,
            to: row.day,
        };
        for lang in Lang::ALL {
            let mut facts = Facts::new(lang);
            let mut context = Context::new();
            context.insert("station", &row.station);
            context.insert("model", &row.model);
            insert_pollutant(&mut context, &row.variable, lang);
            context.insert("date", &facts.date("day", row.day, &source));
            context.insert("mean", &facts.number("daily mean", row.mean, 1, Some(&row.unit), &source));
            let has_range = row.observations > 1 && row.max > row.min;
            context.insert("has_range", &has_range);
            if has_range {
                context.insert("min", &facts.number("lowest value", row.min, 1, Some(&row.unit), &source));
                context.insert("max", &facts.number("highest value", row.max, 1, Some(&row.unit), &source));
            }
            if let Some(who) = row.who_guideline {
                let reference = Source { table: "reference_thresholds", ..source.clone() };
                context.insert("who", &facts.number("WHO 2021 daily guideline", who, 0, Some(&row.unit), &reference));
                context.insert("above_who", &(row.mean > who));
            }
            let atmo = if lang == Lang::Fr { &row.atmo_fr } else { &row.atmo_en };
            context.insert("atmo", atmo);
            context.insert("complete", &row.complete);
            if !row.complete {
                context.insert("observed", &facts.count("values measured", row.observations.into(), &source));
                context.insert("expected", &facts.count("values expected", row.expected.into(), &source));
            }
            let rendered = Rendered {
                kind: "station_day",
                period: (row.day, row.day),
                station_id: Some(row.station_id),
                variables: vec![row.variable.clone()],
                context,
                facts,
                tera,
            };
            out.push(rendered.finish()?);
        }
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct WeatherDay {
    station_id: i64,
    station: String,
    model: bool,
    day: NaiveDate,
    temperature_mean: Option<f64>,
    temperature_min: Option<f64>,
    temperature_max: Option<f64>,
    precipitation: Option<f64>,
    wind_mean: Option<f64>,
    wind_max: Option<f64>,
    humidity: Option<f64>,
    complete: bool,
}

async fn weather_days(
    pool: &PgPool,
    tera: &Tera,
    (first, last): (NaiveDate, NaiveDate),
    today: NaiveDate,
    out: &mut Vec<Chunk>,
) -> anyhow::Result<()> {
    let rows: Vec<WeatherDay> =
        sqlx::query_as(include_str!("sql/weather_days.sql")).bind(first).bind(last).bind(today).fetch_all(pool).await?;
    for row in rows {
        let source = |variable: &str| Source {
            table: "daily_aggregates",
            station_id: Some(row.station_id),
            variable: Some(variable.to_string()),
            from: row.day,
            to: row.day,
        };
        for lang in Lang::ALL {
            let mut facts = Facts::new(lang);
            let mut context = Context::new();
            context.insert("station", &row.station);
            context.insert("model", &row.model);
            context.insert("date", &facts.date("day", row.day, &source("temperature")));
            let mut put = |key: &str, label: &str, value: Option<f64>, unit: &str, variable: &str| {
                if let Some(value) = value {
                    context.insert(key, &facts.number(label, value, 1, Some(unit), &source(variable)));
                }
            };
            put("t_mean", "mean temperature", row.temperature_mean, "°C", "temperature");
            put("t_min", "lowest temperature", row.temperature_min, "°C", "temperature");
            put("t_max", "highest temperature", row.temperature_max, "°C", "temperature");
            // Under 0.05 mm (0.0 once rounded) the text says that no rain fell.
            let dry = row.precipitation.is_some_and(|mm| mm < 0.05);
            put("rain", "rainfall", row.precipitation.filter(|_| !dry), "mm", "precipitation");
            put("wind", "mean wind speed", row.wind_mean, "m/s", "wind_speed");
            put("wind_max", "highest wind speed", row.wind_max, "m/s", "wind_speed");
            put("humidity", "mean relative humidity", row.humidity, "%", "humidity");
            context.insert("dry", &dry);
            context.insert("complete", &row.complete);
            let rendered = Rendered {
                kind: "weather_day",
                period: (row.day, row.day),
                station_id: Some(row.station_id),
                variables: vec!["weather".into()],
                context,
                facts,
                tera,
            };
            out.push(rendered.finish()?);
        }
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct StationMonth {
    station_id: i64,
    station: String,
    variable: String,
    month: NaiveDate,
    unit: String,
    mean: f64,
    min: f64,
    max: f64,
    days: i64,
    complete_days: i64,
    days_above_who: i64,
    who_guideline: Option<f64>,
    previous_mean: Option<f64>,
    year_before_mean: Option<f64>,
}

fn month_end(month: NaiveDate) -> NaiveDate {
    let next = month.checked_add_months(chrono::Months::new(1)).expect("a next month");
    next.pred_opt().expect("a day before")
}

async fn station_months(
    pool: &PgPool,
    tera: &Tera,
    first: NaiveDate,
    last: NaiveDate,
    out: &mut Vec<Chunk>,
) -> anyhow::Result<()> {
    let rows: Vec<StationMonth> =
        sqlx::query_as(include_str!("sql/station_months.sql")).bind(first).bind(last).fetch_all(pool).await?;
    for row in rows {
        let end = month_end(row.month);
        let source = Source {
            table: "daily_aggregates",
            station_id: Some(row.station_id),
            variable: Some(row.variable.clone()),
            from: row.month,
            to: end,
        };
        for lang in Lang::ALL {
            let mut facts = Facts::new(lang);
            let mut context = Context::new();
            context.insert("station", &row.station);
            insert_pollutant(&mut context, &row.variable, lang);
            context.insert("month", &facts.month("month", row.month, &source));
            context.insert("mean", &facts.number("monthly mean", row.mean, 1, Some(&row.unit), &source));
            context.insert("min", &facts.number("lowest daily mean", row.min, 1, Some(&row.unit), &source));
            context.insert("max", &facts.number("highest daily mean", row.max, 1, Some(&row.unit), &source));
            context.insert("days", &facts.count("days with data", row.days, &source));
            context.insert("all_complete", &(row.complete_days == row.days));
            if row.complete_days != row.days {
                context.insert("complete_days", &facts.count("complete days", row.complete_days, &source));
            }
            if let Some(who) = row.who_guideline {
                let reference = Source { table: "reference_thresholds", ..source.clone() };
                context.insert("who", &facts.number("WHO 2021 daily guideline", who, 0, Some(&row.unit), &reference));
                context.insert("days_above", &facts.count("days above the WHO guideline", row.days_above_who, &source));
                context.insert("none_above", &(row.days_above_who == 0));
            }
            let previous_month = row.month.checked_sub_months(chrono::Months::new(1)).expect("a previous month");
            if let Some(previous) = row.previous_mean {
                let s = Source { from: previous_month, to: month_end(previous_month), ..source.clone() };
                context.insert("previous_month", &facts.month("previous month", previous_month, &s));
                context.insert("previous", &facts.number("previous monthly mean", previous, 1, Some(&row.unit), &s));
                context.insert("higher_than_previous", &(row.mean > previous));
            }
            let year_before = row.month.checked_sub_months(chrono::Months::new(12)).expect("a year before");
            if let Some(before) = row.year_before_mean {
                let s = Source { from: year_before, to: month_end(year_before), ..source.clone() };
                context.insert("year_before_month", &facts.month("same month a year earlier", year_before, &s));
                context.insert(
                    "year_before",
                    &facts.number("monthly mean a year earlier", before, 1, Some(&row.unit), &s),
                );
                context.insert("higher_than_year_before", &(row.mean > before));
            }
            let rendered = Rendered {
                kind: "station_month",
                period: (row.month, end),
                station_id: Some(row.station_id),
                variables: vec![row.variable.clone()],
                context,
                facts,
                tera,
            };
            out.push(rendered.finish()?);
        }
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Episode {
    station_id: i64,
    station: String,
    variable: String,
    start_day: NaiveDate,
    end_day: NaiveDate,
    days: i64,
    peak: f64,
    peak_day: NaiveDate,
    threshold: f64,
    unit: String,
}

async fn episodes(
    pool: &PgPool,
    tera: &Tera,
    first: NaiveDate,
    last: NaiveDate,
    out: &mut Vec<Chunk>,
) -> anyhow::Result<()> {
    let rows: Vec<Episode> =
        sqlx::query_as(include_str!("sql/episodes.sql")).bind(first).bind(last).fetch_all(pool).await?;
    for row in rows {
        let source = Source {
            table: "daily_aggregates",
            station_id: Some(row.station_id),
            variable: Some(row.variable.clone()),
            from: row.start_day,
            to: row.end_day,
        };
        for lang in Lang::ALL {
            let mut facts = Facts::new(lang);
            let mut context = Context::new();
            context.insert("station", &row.station);
            insert_pollutant(&mut context, &row.variable, lang);
            context.insert("start", &facts.date("first day", row.start_day, &source));
            context.insert("end", &facts.date("last day", row.end_day, &source));
            context.insert("days", &facts.count("consecutive days above the WHO guideline", row.days, &source));
            context.insert("peak", &facts.number("peak daily mean", row.peak, 1, Some(&row.unit), &source));
            let peak_source = Source { from: row.peak_day, to: row.peak_day, ..source.clone() };
            context.insert("peak_day", &facts.date("peak day", row.peak_day, &peak_source));
            let reference = Source { table: "reference_thresholds", ..source.clone() };
            context.insert(
                "who",
                &facts.number("WHO 2021 daily guideline", row.threshold, 0, Some(&row.unit), &reference),
            );
            let rendered = Rendered {
                kind: "episode",
                period: (row.start_day, row.end_day),
                station_id: Some(row.station_id),
                variables: vec![row.variable.clone()],
                context,
                facts,
                tera,
            };
            out.push(rendered.finish()?);
        }
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct Correlation {
    air_station_id: i64,
    air_station: String,
    pollutant: String,
    weather_station_id: i64,
    weather_station: String,
    weather_variable: String,
    period_kind: String,
    period_start: NaiveDate,
    period_end: NaiveDate,
    n: i32,
    pearson: f64,
    spearman: f64,
}

pub fn strength(r: f64, lang: Lang) -> &'static str {
    let (en, fr) = match r.abs() {
        a if a < 0.1 => ("no clear", "pas de lien net"),
        a if a < 0.3 => ("a weak", "faible"),
        a if a < 0.5 => ("a moderate", "modéré"),
        _ => ("a strong", "fort"),
    };
    if lang == Lang::Fr { fr } else { en }
}

async fn correlations(
    pool: &PgPool,
    tera: &Tera,
    first: NaiveDate,
    last: NaiveDate,
    out: &mut Vec<Chunk>,
) -> anyhow::Result<()> {
    let rows: Vec<Correlation> =
        sqlx::query_as(include_str!("sql/correlations.sql")).bind(first).bind(last).fetch_all(pool).await?;
    for row in rows {
        let source = Source {
            table: "correlations",
            station_id: Some(row.air_station_id),
            variable: Some(format!("{}~{}", row.pollutant, row.weather_variable)),
            from: row.period_start,
            to: row.period_end,
        };
        for lang in Lang::ALL {
            let mut facts = Facts::new(lang);
            let mut context = Context::new();
            context.insert("air_station", &row.air_station);
            context.insert("weather_station", &row.weather_station);
            insert_pollutant(&mut context, &row.pollutant, lang);
            context.insert("weather", &weather_variable(&row.weather_variable, lang));
            let period = match row.period_kind.as_str() {
                "season" => facts.season("season", row.period_start, &source),
                _ => facts.year("year", row.period_start, &source),
            };
            context.insert("period", &period);
            context.insert("pearson", &facts.number("Pearson correlation", row.pearson, 2, None, &source));
            context.insert("spearman", &facts.number("Spearman correlation", row.spearman, 2, None, &source));
            context.insert("n", &facts.count("days compared", row.n.into(), &source));
            context.insert("strength", strength(row.spearman, lang));
            context.insert("negative", &(row.spearman < 0.0));
            context.insert("clear", &(row.spearman.abs() >= 0.1));
            let rendered = Rendered {
                kind: "correlation",
                period: (row.period_start, row.period_end),
                station_id: Some(row.air_station_id),
                variables: vec![
                    row.pollutant.clone(),
                    row.weather_variable.clone(),
                    row.weather_station_id.to_string(),
                ],
                context,
                facts,
                tera,
            };
            out.push(rendered.finish()?);
        }
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct CityDay {
    variable: String,
    day: NaiveDate,
    unit: String,
    mean: f64,
    stations: i64,
    lowest_station: String,
    lowest: f64,
    highest_station: String,
    highest: f64,
    complete: bool,
    who_guideline: Option<f64>,
}

async fn city_days(
    pool: &PgPool,
    tera: &Tera,
    city: &City,
    (first, last): (NaiveDate, NaiveDate),
    out: &mut Vec<Chunk>,
) -> anyhow::Result<()> {
    let rows: Vec<CityDay> = sqlx::query_as(include_str!("sql/city_days.sql"))
        .bind(first)
        .bind(last)
        .bind(city.latitude)
        .bind(city.longitude)
        .bind(city.radius_km)
        .fetch_all(pool)
        .await?;
    for row in rows {
        let source = Source {
            table: "daily_aggregates",
            station_id: None,
            variable: Some(row.variable.clone()),
            from: row.day,
            to: row.day,
        };
        for lang in Lang::ALL {
            let mut facts = Facts::new(lang);
            let mut context = Context::new();
            context.insert("city", &city.name);
            insert_pollutant(&mut context, &row.variable, lang);
            context.insert("date", &facts.date("day", row.day, &source));
            context.insert("mean", &facts.number("city-wide daily mean", row.mean, 1, Some(&row.unit), &source));
            context.insert("several", &(row.stations > 1));
            if row.stations > 1 {
                context.insert("stations", &facts.count("stations", row.stations, &source));
                context.insert("lowest_station", &row.lowest_station);
                context.insert("lowest", &facts.number("lowest station mean", row.lowest, 1, Some(&row.unit), &source));
                context.insert("highest_station", &row.highest_station);
                context
                    .insert("highest", &facts.number("highest station mean", row.highest, 1, Some(&row.unit), &source));
            }
            if let Some(who) = row.who_guideline {
                let reference = Source { table: "reference_thresholds", ..source.clone() };
                context.insert("who", &facts.number("WHO 2021 daily guideline", who, 0, Some(&row.unit), &reference));
                context.insert("above_who", &(row.mean > who));
            }
            context.insert("complete", &row.complete);
            let rendered = Rendered {
                kind: "city_day",
                period: (row.day, row.day),
                station_id: None,
                variables: vec![row.variable.clone()],
                context,
                facts,
                tera,
            };
            out.push(rendered.finish()?);
        }
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct CityMonth {
    variable: String,
    month: NaiveDate,
    unit: String,
    mean: f64,
    days: i64,
    days_above_who: i64,
    who_guideline: Option<f64>,
    worst_day: NaiveDate,
    worst: f64,
    previous_mean: Option<f64>,
    year_before_mean: Option<f64>,
}

async fn city_months(
    pool: &PgPool,
    tera: &Tera,
    city: &City,
    (first, last): (NaiveDate, NaiveDate),
    out: &mut Vec<Chunk>,
) -> anyhow::Result<()> {
    let rows: Vec<CityMonth> = sqlx::query_as(include_str!("sql/city_months.sql"))
        .bind(first)
        .bind(last)
        .bind(city.latitude)
        .bind(city.longitude)
        .bind(city.radius_km)
        .fetch_all(pool)
        .await?;
    for row in rows {
        let end = month_end(row.month);
        let source = Source {
            table: "daily_aggregates",
            station_id: None,
            variable: Some(row.variable.clone()),
            from: row.month,
            to: end,
        };
        for lang in Lang::ALL {
            let mut facts = Facts::new(lang);
            let mut context = Context::new();
            context.insert("city", &city.name);
            insert_pollutant(&mut context, &row.variable, lang);
            context.insert("month", &facts.month("month", row.month, &source));
            context.insert("mean", &facts.number("city-wide monthly mean", row.mean, 1, Some(&row.unit), &source));
            context.insert("days", &facts.count("days with data", row.days, &source));
            let worst_source = Source { from: row.worst_day, to: row.worst_day, ..source.clone() };
            context.insert("worst_day", &facts.date("most polluted day", row.worst_day, &worst_source));
            context.insert(
                "worst",
                &facts.number("highest city-wide daily mean", row.worst, 1, Some(&row.unit), &worst_source),
            );
            if let Some(who) = row.who_guideline {
                let reference = Source { table: "reference_thresholds", ..source.clone() };
                context.insert("who", &facts.number("WHO 2021 daily guideline", who, 0, Some(&row.unit), &reference));
                context.insert("none_above", &(row.days_above_who == 0));
                context.insert("days_above", &facts.count("days above the WHO guideline", row.days_above_who, &source));
            }
            let previous_month = row.month.checked_sub_months(chrono::Months::new(1)).expect("a previous month");
            if let Some(previous) = row.previous_mean {
                let s = Source { from: previous_month, to: month_end(previous_month), ..source.clone() };
                context.insert("previous_month", &facts.month("previous month", previous_month, &s));
                context.insert("previous", &facts.number("previous monthly mean", previous, 1, Some(&row.unit), &s));
                context.insert("higher_than_previous", &(row.mean > previous));
            }
            let year_before = row.month.checked_sub_months(chrono::Months::new(12)).expect("a year before");
            if let Some(before) = row.year_before_mean {
                let s = Source { from: year_before, to: month_end(year_before), ..source.clone() };
                context.insert("year_before_month", &facts.month("same month a year earlier", year_before, &s));
                context.insert(
                    "year_before",
                    &facts.number("monthly mean a year earlier", before, 1, Some(&row.unit), &s),
                );
                context.insert("higher_than_year_before", &(row.mean > before));
            }
            let rendered = Rendered {
                kind: "city_month",
                period: (row.month, end),
                station_id: None,
                variables: vec![row.variable.clone()],
                context,
                facts,
                tera,
            };
            out.push(rendered.finish()?);
        }
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct StationYear {
    station_id: i64,
    station: String,
    variable: String,
    year: NaiveDate,
    unit: String,
    mean: f64,
    days: i64,
    complete_days: i64,
    who_annual: Option<f64>,
    eu_annual: Option<f64>,
    days_above_who: i64,
    who_daily: Option<f64>,
    worst_day: NaiveDate,
    worst: f64,
}

async fn station_years(
    pool: &PgPool,
    tera: &Tera,
    (first, last): (NaiveDate, NaiveDate),
    out: &mut Vec<Chunk>,
) -> anyhow::Result<()> {
    let rows: Vec<StationYear> =
        sqlx::query_as(include_str!("sql/station_years.sql")).bind(first).bind(last).fetch_all(pool).await?;
    for row in rows {
        let end = row
            .year
            .with_ordinal(1)
            .and_then(|d| d.checked_add_months(chrono::Months::new(12)))
            .and_then(|d| d.pred_opt())
            .expect("a year end");
        let source = Source {
            table: "daily_aggregates",
            station_id: Some(row.station_id),
            variable: Some(row.variable.clone()),
            from: row.year,
            to: end,
        };
        let reference = Source { table: "reference_thresholds", ..source.clone() };
        for lang in Lang::ALL {
            let mut facts = Facts::new(lang);
            let mut context = Context::new();
            context.insert("station", &row.station);
            insert_pollutant(&mut context, &row.variable, lang);
            context.insert("year", &facts.year("year", row.year, &source));
            context.insert("mean", &facts.number("annual mean", row.mean, 1, Some(&row.unit), &source));
            context.insert("days", &facts.count("days with data", row.days, &source));
            context.insert("all_complete", &(row.complete_days == row.days));
            if row.complete_days != row.days {
                context.insert("complete_days", &facts.count("complete days", row.complete_days, &source));
            }
            let representative = row.days as f64 >= 0.75 * f64::from(end.ordinal());
            context.insert("representative", &representative);
            if let Some(who) = row.who_annual.filter(|_| representative) {
                context.insert(
                    "who_annual",
                    &facts.number("WHO 2021 annual guideline", who, 0, Some(&row.unit), &reference),
                );
                context.insert("above_who_annual", &(row.mean > who));
            }
            if let Some(eu) = row.eu_annual.filter(|_| representative) {
                context.insert("eu_annual", &facts.number("EU annual limit value", eu, 0, Some(&row.unit), &reference));
                context.insert("above_eu_annual", &(row.mean > eu));
            }
            if let Some(who) = row.who_daily {
                context.insert(
                    "who_daily",
                    &facts.number("WHO 2021 daily guideline", who, 0, Some(&row.unit), &reference),
                );
                context.insert("none_above", &(row.days_above_who == 0));
                if row.days_above_who > 0 {
                    context.insert(
                        "days_above",
                        &facts.count("days above the WHO daily guideline", row.days_above_who, &source),
                    );
                }
            }
            let worst_source = Source { from: row.worst_day, to: row.worst_day, ..source.clone() };
            context.insert("worst_day", &facts.date("most polluted day", row.worst_day, &worst_source));
            context.insert("worst", &facts.number("highest daily mean", row.worst, 1, Some(&row.unit), &worst_source));
            let rendered = Rendered {
                kind: "station_year",
                period: (row.year, end),
                station_id: Some(row.station_id),
                variables: vec![row.variable.clone()],
                context,
                facts,
                tera,
            };
            out.push(rendered.finish()?);
        }
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct ForecastDay {
    day: NaiveDate,
    weather_station_id: Option<i64>,
    temperature_min: Option<f64>,
    temperature_max: Option<f64>,
    precipitation: Option<f64>,
    wind_max: Option<f64>,
    air_station_id: Option<i64>,
    pm25: Option<f64>,
    pm25_unit: Option<String>,
    who_pm25: Option<f64>,
}

/// Days from `today` on: what the models expect, said as a forecast.
async fn forecast_days(
    pool: &PgPool,
    tera: &Tera,
    city: &City,
    (today, last): (NaiveDate, NaiveDate),
    out: &mut Vec<Chunk>,
) -> anyhow::Result<()> {
    let rows: Vec<ForecastDay> =
        sqlx::query_as(include_str!("sql/forecast_days.sql")).bind(today).bind(last).fetch_all(pool).await?;
    for row in rows {
        let source = |station_id: Option<i64>, variable: &str| Source {
            table: "daily_aggregates",
            station_id,
            variable: Some(variable.into()),
            from: row.day,
            to: row.day,
        };
        let weather = |variable: &str| source(row.weather_station_id, variable);
        for lang in Lang::ALL {
            let mut facts = Facts::new(lang);
            let mut context = Context::new();
            context.insert("city", &city.name);
            context.insert("date", &facts.date("day", row.day, &source(None, "forecast")));
            if let (Some(min), Some(max)) = (row.temperature_min, row.temperature_max) {
                let unit = Some("°C");
                context.insert(
                    "t_min",
                    &facts.number("lowest temperature expected", min, 0, unit, &weather("temperature")),
                );
                context.insert(
                    "t_max",
                    &facts.number("highest temperature expected", max, 0, unit, &weather("temperature")),
                );
            }
            let dry = row.precipitation.is_some_and(|mm| mm < 0.05);
            context.insert("dry", &dry);
            if let Some(rain) = row.precipitation.filter(|_| !dry) {
                context.insert("rain", &facts.number("rain expected", rain, 1, Some("mm"), &weather("precipitation")));
            }
            if let Some(wind) = row.wind_max {
                context.insert(
                    "wind_max",
                    &facts.number("strongest wind expected", wind, 0, Some("m/s"), &weather("wind_speed")),
                );
            }
            if let (Some(pm25), Some(unit)) = (row.pm25, &row.pm25_unit) {
                let air = source(row.air_station_id, "pm25");
                context.insert("pm25", &facts.number("PM2.5 expected (daily mean)", pm25, 0, Some(unit), &air));
                if let Some(who) = row.who_pm25 {
                    let reference = Source { table: "reference_thresholds", ..air };
                    context.insert("who", &facts.number("WHO 2021 daily guideline", who, 0, Some(unit), &reference));
                    context.insert("above_who", &(pm25 > who));
                }
            }
            let rendered = Rendered {
                kind: "forecast_day",
                period: (row.day, row.day),
                station_id: None,
                variables: vec!["forecast".into()],
                context,
                facts,
                tera,
            };
            out.push(rendered.finish()?);
        }
    }
    Ok(())
}

#[derive(sqlx::FromRow)]
struct HousingGroup {
    commune_code: String,
    commune: String,
    dwelling: String,
    period: String,
    period_start: NaiveDate,
    period_end: NaiveDate,
    sales: i32,
    eur_per_m2_q1: Option<f64>,
    eur_per_m2_median: Option<f64>,
    eur_per_m2_q3: Option<f64>,
    price_median: Option<f64>,
    built_m2_median: Option<f64>,
    change_pct: Option<f64>,
}

#[derive(sqlx::FromRow)]
struct HousingRooms {
    commune_code: String,
    dwelling: String,
    period_start: NaiveDate,
    rooms: String,
    sales: i32,
    eur_per_m2_median: Option<f64>,
}

/// The price of flats and of houses per commune and year (with each size) or quarter.
async fn housing(pool: &PgPool, tera: &Tera, first: NaiveDate, last: NaiveDate, out: &mut Vec<Chunk>) -> anyhow::Result<()> {
    let groups: Vec<HousingGroup> =
        sqlx::query_as(include_str!("sql/housing_groups.sql")).bind(first).bind(last).fetch_all(pool).await?;
    let rooms: Vec<HousingRooms> =
        sqlx::query_as(include_str!("sql/housing_rooms.sql")).bind(first).bind(last).fetch_all(pool).await?;
    for row in groups {
        let kind = if row.period == "year" { "housing_year" } else { "housing_quarter" };
        let variable = format!("{}/{}", row.commune_code, row.dwelling);
        let source = Source { table: "sales", station_id: None, variable: Some(variable), from: row.period_start, to: row.period_end };
        let sizes: Vec<&HousingRooms> = rooms
            .iter()
            .filter(|r| {
                kind == "housing_year"
                    && r.commune_code == row.commune_code
                    && r.dwelling == row.dwelling
                    && r.period_start == row.period_start
            })
            .collect();
        for lang in Lang::ALL {
            let mut facts = Facts::new(lang);
            let mut context = Context::new();
            context.insert("commune", &row.commune);
            context.insert("flat", &(row.dwelling == "flat"));
            let period = match kind {
                "housing_year" => facts.year("year", row.period_start, &source),
                _ => facts.quarter("quarter", row.period_start, &source),
            };
            context.insert("period", &period);
            context.insert("sales", &facts.count("sales of one dwelling with a price per m²", row.sales.into(), &source));
            context.insert("one_sale", &(row.sales == 1));
            if let (Some(q1), Some(median), Some(q3)) = (row.eur_per_m2_q1, row.eur_per_m2_median, row.eur_per_m2_q3) {
                context.insert("median", &facts.number("median price per m²", median, 0, Some("€/m²"), &source));
                context.insert("q1", &facts.number("first quartile of the price per m²", q1, 0, Some("€/m²"), &source));
                context.insert("q3", &facts.number("third quartile of the price per m²", q3, 0, Some("€/m²"), &source));
            }
            if let Some(price) = row.price_median {
                context.insert("price", &facts.number("median price", price, 0, Some("€"), &source));
            }
            if let Some(surface) = row.built_m2_median {
                context.insert("surface", &facts.number("median built surface", surface, 0, Some("m²"), &source));
            }
            if let Some(change) = row.change_pct {
                let before = Source {
                    from: row.period_start - chrono::Months::new(12),
                    to: row.period_end - chrono::Months::new(12),
                    ..source.clone()
                };
                context.insert("change", &facts.number("change of the median against a year earlier", change.abs(), 1, Some("%"), &before));
                context.insert("up", &(change > 0.0));
            }
            let sizes: Vec<serde_json::Value> = sizes
                .iter()
                .map(|size| {
                    let source = Source {
                        variable: Some(format!("{}/{}/{}", row.commune_code, row.dwelling, size.rooms)),
                        ..source.clone()
                    };
                    serde_json::json!({
                        "rooms": facts.count("main rooms", size.rooms.trim_end_matches('+').parse().unwrap_or(0), &source),
                        "more": size.rooms.ends_with('+'),
                        "sales": facts.count("sales of this size", size.sales.into(), &source),
                        "median": size.eur_per_m2_median.map(|m| facts.number("median price per m² of this size", m, 0, Some("€/m²"), &source)),
                    })
                })
                .collect();
            context.insert("sizes", &sizes);
            let rendered = Rendered {
                kind,
                period: (row.period_start, row.period_end),
                station_id: None,
                variables: vec!["housing".into(), row.dwelling.clone(), row.commune_code.clone()],
                context,
                facts,
                tera,
            };
            out.push(rendered.finish()?);
        }
    }
    Ok(())
}
