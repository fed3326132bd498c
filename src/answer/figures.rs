//! The exact numbers behind an answer, computed in PostgreSQL for any station set, variable and range.

use chrono::{DateTime, NaiveDate, Utc};
use sqlx::PgPool;

use crate::config::City;
use crate::question::{Gazetteer, Station, TransitNames};

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DataStation {
    pub id: i64,
    pub name: String,
    pub kind: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub in_city: bool,
}

/// What data exists: every station's days of each variable, read once for an answer or a page.
#[derive(Debug, Clone, Default)]
pub struct Holdings {
    rows: Vec<Holding>,
    last_ingest: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone)]
struct Holding {
    variable: String,
    station: DataStation,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    name: String,
    code: Option<String>,
    kind: String,
    in_city: bool,
    variable: Option<String>,
    first_day: Option<NaiveDate>,
    last_day: Option<NaiveDate>,
    last_ingest: Option<DateTime<Utc>>,
}

impl Holdings {
    /// The stations a question may name, and what every station holds, in one query.
    #[tracing::instrument(name = "db.holdings", skip_all)]
    pub async fn load(pool: &PgPool, city: &City) -> sqlx::Result<(Gazetteer, Self)> {
        let rows = sqlx::query_as(include_str!("sql/holdings.sql"))
            .bind(city.latitude)
            .bind(city.longitude)
            .bind(city.radius_km)
            .fetch_all(pool);
        let (rows, transit): (Vec<Row>, _) = tokio::try_join!(rows, TransitNames::load(pool))?;
        let mut gazetteer = Gazetteer { city: city.name.clone(), stations: Vec::new(), transit };
        let mut holdings = Self { rows: Vec::new(), last_ingest: rows.first().and_then(|r| r.last_ingest) };
        for row in rows {
            let named = ["air_quality", "weather"].contains(&row.kind.as_str());
            if named && gazetteer.stations.last().is_none_or(|s| s.id != row.id) {
                let (id, name, code, kind) = (row.id, row.name.clone(), row.code.clone(), row.kind.clone());
                gazetteer.stations.push(Station { id, name, code, kind, in_city: row.in_city });
            }
            if let (Some(variable), Some(first_day), Some(last_day)) = (row.variable, row.first_day, row.last_day) {
                let station =
                    DataStation { id: row.id, name: row.name, kind: row.kind, first_day, last_day, in_city: row.in_city };
                holdings.rows.push(Holding { variable, station });
            }
        }
        Ok((gazetteer, holdings))
    }

    /// The stations holding daily values of `variable`, by id.
    pub fn stations(&self, variable: &str) -> Vec<DataStation> {
        self.rows.iter().filter(|r| r.variable == variable).map(|r| r.station.clone()).collect()
    }

    /// What the stations (not the model) measure, by kind, station name and variable.
    pub fn measured(&self) -> Vec<(&str, &DataStation)> {
        let mut measured: Vec<(&str, &DataStation)> = self
            .rows
            .iter()
            .filter(|r| ["air_quality", "weather"].contains(&r.station.kind.as_str()))
            .map(|r| (r.variable.as_str(), &r.station))
            .collect();
        measured.sort_by(|a, b| (&a.1.kind, &a.1.name, a.0).cmp(&(&b.1.kind, &b.1.name, b.0)));
        measured
    }

    /// The last day with data of `variable` at any of `stations`, and the end of the last ingest.
    pub fn freshness(&self, stations: &[i64], variable: &str) -> Freshness {
        let latest_day = self
            .rows
            .iter()
            .filter(|r| r.variable == variable && stations.contains(&r.station.id))
            .map(|r| r.station.last_day)
            .max();
        Freshness { latest_day, last_ingest: self.last_ingest }
    }
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Stats {
    pub days: i64,
    pub complete_days: i64,
    pub unit: Option<String>,
    pub mean: Option<f64>,
    pub max_mean: Option<f64>,
    pub max_mean_day: Option<NaiveDate>,
    pub min_mean: Option<f64>,
    pub min_mean_day: Option<NaiveDate>,
    pub lowest: Option<f64>,
    pub lowest_day: Option<NaiveDate>,
    pub highest: Option<f64>,
    pub highest_day: Option<NaiveDate>,
    pub total: Option<f64>,
    pub max_total: Option<f64>,
    pub max_total_day: Option<NaiveDate>,
    pub days_above: i64,
    /// How many of the stations have data in the range.
    pub stations: i64,
}

/// One figure of each day over a period: how many days have it, its mean and sum, its extremes.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct DailyFigure {
    pub days: i64,
    pub unit: Option<String>,
    pub mean: Option<f64>,
    pub total: Option<f64>,
    pub highest: Option<f64>,
    pub highest_day: Option<NaiveDate>,
    pub lowest: Option<f64>,
    pub lowest_day: Option<NaiveDate>,
}

/// A month's or a year's figures.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Group {
    pub start: NaiveDate,
    pub days: i64,
    pub mean: f64,
    pub total: Option<f64>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Counted {
    pub days: i64,
    pub counted: i64,
}

/// A day's class of an air-quality index.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct IndexDay {
    pub mean: f64,
    pub class: i16,
    pub label_fr: String,
    pub label_en: String,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Episode {
    pub station_id: i64,
    pub station: String,
    pub start_day: NaiveDate,
    pub end_day: NaiveDate,
    pub days: i64,
    pub peak: f64,
    pub peak_day: NaiveDate,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Correlation {
    pub air_station_id: i64,
    pub air_station: String,
    pub weather_station: String,
    pub pollutant: String,
    pub weather_variable: String,
    pub period_kind: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub n: i32,
    pub pearson: f64,
    pub spearman: f64,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Threshold {
    pub variable: String,
    pub reference: String,
    pub averaging: String,
    pub value: f64,
    pub unit: String,
    pub allowed_exceedances: Option<i32>,
}

#[derive(Debug, Clone, sqlx::FromRow)]
pub struct ForecastDay {
    pub day: NaiveDate,
    pub station_id: i64,
    pub mean: f64,
    pub min: f64,
    pub max: f64,
    pub total: Option<f64>,
    pub unit: String,
}

#[derive(Debug, Clone, Default, serde::Serialize, utoipa::ToSchema)]
pub struct Freshness {
    pub latest_day: Option<NaiveDate>,
    pub last_ingest: Option<DateTime<Utc>>,
}

/// `above`: count the days whose mean is over it.
#[tracing::instrument(name = "db.period_stats", skip(pool))]
pub async fn period_stats(
    pool: &PgPool,
    stations: &[i64],
    variable: &str,
    (from, to): (NaiveDate, NaiveDate),
    above: Option<f64>,
) -> sqlx::Result<Stats> {
    sqlx::query_as(include_str!("sql/period_stats.sql"))
        .bind(stations)
        .bind(variable)
        .bind(from)
        .bind(to)
        .bind(above)
        .fetch_one(pool)
        .await
}

/// Months or years (`unit`) of the range, with their days with data and the mean of `field` of
/// their days.
#[tracing::instrument(name = "db.groups", skip(pool))]
pub async fn groups(
    pool: &PgPool,
    stations: &[i64],
    variable: &str,
    (from, to): (NaiveDate, NaiveDate),
    (unit, field): (&str, &str),
) -> sqlx::Result<Vec<Group>> {
    sqlx::query_as(include_str!("sql/groups.sql"))
        .bind(stations)
        .bind(variable)
        .bind(from)
        .bind(to)
        .bind(unit)
        .bind(field)
        .fetch_all(pool)
        .await
}

/// The `field` ('mean', 'min', 'max', 'total') of each day of the range, over the range.
#[tracing::instrument(name = "db.daily_figure", skip(pool))]
pub async fn daily_figure(
    pool: &PgPool,
    stations: &[i64],
    variable: &str,
    (from, to): (NaiveDate, NaiveDate),
    field: &str,
) -> sqlx::Result<DailyFigure> {
    sqlx::query_as(include_str!("sql/daily_figure.sql"))
        .bind(stations)
        .bind(variable)
        .bind(from)
        .bind(to)
        .bind(field)
        .fetch_one(pool)
        .await
}

/// The days whose `field` (mean, min, max, total) holds `op` (gt, ge, lt, le) against `threshold`.
#[tracing::instrument(name = "db.count_days", skip(pool))]
pub async fn count_days(
    pool: &PgPool,
    stations: &[i64],
    variable: &str,
    (from, to): (NaiveDate, NaiveDate),
    (field, op, threshold): (&str, &str, f64),
) -> sqlx::Result<Counted> {
    sqlx::query_as(include_str!("sql/count_days.sql"))
        .bind(stations)
        .bind(variable)
        .bind(from)
        .bind(to)
        .bind(field)
        .bind(op)
        .bind(threshold)
        .fetch_one(pool)
        .await
}

/// The last day up to `as_of` with data of the variable at any of the stations.
#[tracing::instrument(name = "db.latest_day", skip(pool))]
pub async fn latest_day(pool: &PgPool, stations: &[i64], variable: &str, as_of: NaiveDate) -> sqlx::Result<Option<NaiveDate>> {
    sqlx::query_scalar(include_str!("sql/latest_day.sql")).bind(stations).bind(variable).bind(as_of).fetch_one(pool).await
}

/// How many of the stations have data of the variable over the range.
#[tracing::instrument(name = "db.stations_with_data", skip(pool))]
pub async fn stations_with_data(
    pool: &PgPool,
    stations: &[i64],
    variable: &str,
    (from, to): (NaiveDate, NaiveDate),
) -> sqlx::Result<i64> {
    sqlx::query_scalar(include_str!("sql/stations_with_data.sql"))
        .bind(stations)
        .bind(variable)
        .bind(from)
        .bind(to)
        .fetch_one(pool)
        .await
}

/// The French and English labels of class `class` of `index`.
#[tracing::instrument(name = "db.index_band", skip(pool))]
pub async fn index_band(pool: &PgPool, index: &str, variable: &str, class: u8) -> sqlx::Result<Option<(String, String)>> {
    sqlx::query_as(include_str!("sql/index_band.sql"))
        .bind(index)
        .bind(variable)
        .bind(i16::from(class))
        .fetch_optional(pool)
        .await
}

/// Each day's class of `index` ("ATMO", "EAQI").
#[tracing::instrument(name = "db.index_days", skip(pool))]
pub async fn index_days(
    pool: &PgPool,
    stations: &[i64],
    variable: &str,
    (from, to): (NaiveDate, NaiveDate),
    index: &str,
) -> sqlx::Result<Vec<IndexDay>> {
    sqlx::query_as(include_str!("sql/index_days.sql"))
        .bind(stations)
        .bind(variable)
        .bind(from)
        .bind(to)
        .bind(index)
        .fetch_all(pool)
        .await
}

#[tracing::instrument(name = "db.episodes", skip(pool))]
pub async fn episodes(
    pool: &PgPool,
    stations: &[i64],
    variable: &str,
    (from, to): (NaiveDate, NaiveDate),
) -> sqlx::Result<Vec<Episode>> {
    sqlx::query_as(include_str!("sql/episodes.sql"))
        .bind(stations)
        .bind(variable)
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await
}

#[tracing::instrument(name = "db.correlations", skip(pool))]
pub async fn correlations(
    pool: &PgPool,
    stations: &[i64],
    pollutant: &str,
    weather: &[String],
    period_kind: &str,
    (from, to): (NaiveDate, NaiveDate),
) -> sqlx::Result<Vec<Correlation>> {
    sqlx::query_as(include_str!("sql/correlations.sql"))
        .bind(stations)
        .bind(pollutant)
        .bind(weather)
        .bind(period_kind)
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await
}

/// Every reference threshold (they come with the migrations).
#[tracing::instrument(name = "db.thresholds", skip(pool))]
pub async fn thresholds(pool: &PgPool) -> sqlx::Result<Vec<Threshold>> {
    sqlx::query_as(include_str!("sql/thresholds.sql")).fetch_all(pool).await
}

/// The WHO 2021 daily guideline of `variable` among `thresholds`.
pub fn who_daily(thresholds: Vec<Threshold>, variable: &str) -> Option<Threshold> {
    thresholds.into_iter().find(|t| t.variable == variable && t.reference == "WHO 2021" && t.averaging == "day")
}

#[tracing::instrument(name = "db.forecast", skip(pool))]
pub async fn forecast(
    pool: &PgPool,
    variable: &str,
    (from, to): (NaiveDate, NaiveDate),
) -> sqlx::Result<Vec<ForecastDay>> {
    sqlx::query_as(include_str!("sql/forecast.sql")).bind(from).bind(to).bind(variable).fetch_all(pool).await
}
