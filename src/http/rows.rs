//! The rows behind citations: `GET /api/v1/citations/{id}` (a chunk, its facts and the rows of each
//! fact's source: daily rows, thresholds, correlations or property sales), `/api/v1/daily`,
//! `/api/v1/thresholds` and `/api/v1/correlations`.

use std::collections::HashMap;

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Path, Query, State};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};
use sqlx::PgPool;

use super::{AppState, Error};
use crate::config::City;

/// The longest span of days one request may ask for.
const MAX_DAYS: i64 = 3660;

#[derive(Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct DailyRow {
    pub station_id: i64,
    pub station: String,
    pub day: NaiveDate,
    pub variable: String,
    pub unit: String,
    pub mean: f64,
    pub min: f64,
    pub max: f64,
    pub total: Option<f64>,
    pub observations: i32,
    pub expected: i32,
    pub complete: bool,
}

/// A list of rows.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Rows<T> {
    pub rows: Vec<T>,
}

/// A keyset page: `next` is the cursor to pass as `after` for the next page, `next_url` that
/// page's URL; both null on the last page.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Page<T> {
    pub rows: Vec<T>,
    pub next: Option<String>,
    pub next_url: Option<String>,
}

/// The daily rows of some stations for one variable and days; for the city (`scope: "city"`),
/// also the city's daily means.
#[derive(Serialize, utoipa::ToSchema)]
pub struct DailyRows {
    variable: String,
    from: NaiveDate,
    to: NaiveDate,
    pub rows: Vec<DailyRow>,
    #[serde(skip_serializing_if = "Option::is_none")]
    scope: Option<&'static str>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub city_daily_means: Option<Vec<CityMean>>,
}

#[derive(Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct CityMean {
    day: NaiveDate,
    mean: f64,
    stations: i64,
}

#[derive(Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Threshold {
    reference: String,
    variable: String,
    averaging: String,
    value: f64,
    unit: String,
    allowed_exceedances: Option<i32>,
}

#[derive(Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct CorrelationRow {
    air_station_id: i64,
    air_station: String,
    weather_station_id: i64,
    weather_station: String,
    pollutant: String,
    weather_variable: String,
    period_kind: String,
    period_start: NaiveDate,
    period_end: NaiveDate,
    n: i32,
    pearson: Option<f64>,
    spearman: Option<f64>,
}

#[derive(Serialize, sqlx::FromRow)]
struct ChunkRow {
    id: i64,
    kind: String,
    lang: String,
    title: String,
    body: String,
    period_start: NaiveDate,
    period_end: NaiveDate,
    station_id: Option<i64>,
    station: Option<String>,
    variables: Vec<String>,
    facts: Value,
}

pub type Params = Result<Query<HashMap<String, String>>, QueryRejection>;

/// The query's parameters; a NUL character in a value is refused (PostgreSQL text cannot hold one).
pub fn params(params: Params) -> Result<HashMap<String, String>, Error> {
    let params = params.map(|Query(p)| p).map_err(|e| Error::BadRequest(format!("Invalid query string: {e}")))?;
    match params.iter().find(|(_, v)| v.contains('\0')) {
        Some((key, _)) => Err(Error::BadRequest(format!("{key} contains a NUL character."))),
        None => Ok(params),
    }
}

/// The `limit` parameter: `default` when absent, else a number from 1 to `max`.
pub fn limit(params: &HashMap<String, String>, default: i64, max: i64) -> Result<i64, Error> {
    match params.get("limit") {
        None => Ok(default),
        Some(v) => v
            .parse::<i64>()
            .ok()
            .filter(|n| (1..=max).contains(n))
            .ok_or_else(|| Error::BadRequest(format!("limit {v:?} must be a number from 1 to {max}."))),
    }
}

fn date(params: &HashMap<String, String>, key: &str) -> Result<NaiveDate, Error> {
    date_param(params, key)?.ok_or_else(|| Error::BadRequest(format!("{key} is required (a date like 2020-03-15).")))
}

pub fn date_param(params: &HashMap<String, String>, key: &str) -> Result<Option<NaiveDate>, Error> {
    params
        .get(key)
        .map(|value| {
            // Years PostgreSQL and a person both read (chrono also reads "-5000-01-01").
            value
                .parse()
                .ok()
                .filter(|d: &NaiveDate| (1..=9999).contains(&d.year()))
                .ok_or_else(|| Error::BadRequest(format!("{key} {value:?} is not a date like 2020-03-15.")))
        })
        .transpose()
}

/// The optional `from` and `to` days, `from` not after `to`.
pub fn days(params: &HashMap<String, String>) -> Result<(Option<NaiveDate>, Option<NaiveDate>), Error> {
    let (from, to) = (date_param(params, "from")?, date_param(params, "to")?);
    if let (Some(from), Some(to)) = (from, to)
        && from > to
    {
        return Err(Error::BadRequest(format!("from {from} is after to {to}.")));
    }
    Ok((from, to))
}

pub fn range(params: &HashMap<String, String>) -> Result<(NaiveDate, NaiveDate), Error> {
    let (from, to) = (date(params, "from")?, date(params, "to")?);
    if from > to {
        return Err(Error::BadRequest(format!("from {from} is after to {to}.")));
    }
    if (to - from).num_days() >= MAX_DAYS {
        return Err(Error::BadRequest(format!("At most {MAX_DAYS} days can be asked at once.")));
    }
    Ok((from, to))
}

pub fn station_id(params: &HashMap<String, String>) -> Result<Option<i64>, Error> {
    params
        .get("station_id")
        .map(|v| v.parse().map_err(|_| Error::BadRequest(format!("station_id {v:?} is not a station id (a number)."))))
        .transpose()
}

async fn city_stations(pool: &PgPool, city: &City) -> sqlx::Result<Vec<i64>> {
    sqlx::query_scalar(include_str!("sql/city_stations.sql"))
        .bind(city.latitude)
        .bind(city.longitude)
        .bind(city.radius_km)
        .fetch_all(pool)
        .await
}

/// The city's stations' daily rows for `variable`, with the city's daily means.
pub async fn city_daily(
    pool: &PgPool,
    city: &City,
    variable: &str,
    days: (NaiveDate, NaiveDate),
) -> sqlx::Result<DailyRows> {
    let stations = city_stations(pool, city).await?;
    daily_json(pool, &stations, variable, days, true).await
}

async fn daily_json(
    pool: &PgPool,
    stations: &[i64],
    variable: &str,
    (from, to): (NaiveDate, NaiveDate),
    city: bool,
) -> sqlx::Result<DailyRows> {
    let rows = daily_rows(pool, stations, variable, (from, to)).await?;
    let mut body =
        DailyRows { variable: variable.to_string(), from, to, rows, scope: None, city_daily_means: None };
    if city {
        let means: Vec<CityMean> = sqlx::query_as(include_str!("sql/city_daily_means.sql"))
            .bind(stations)
            .bind(variable)
            .bind(from)
            .bind(to)
            .fetch_all(pool)
            .await?;
        body.scope = Some("city");
        body.city_daily_means = Some(means);
    }
    Ok(body)
}

/// The daily rows of `stations` for `variable` over the days, by day and station.
pub async fn daily_rows(
    pool: &PgPool,
    stations: &[i64],
    variable: &str,
    (from, to): (NaiveDate, NaiveDate),
) -> sqlx::Result<Vec<DailyRow>> {
    sqlx::query_as(include_str!("sql/daily_rows.sql")).bind(stations).bind(variable).bind(from).bind(to).fetch_all(pool).await
}

#[utoipa::path(get, path = "/api/v1/thresholds", tag = "analysts",
    params(("reference" = Option<String>, Query, pattern = "^[^\\u0000]*$", description = "WHO 2021 or EU 2008/50/EC"),
        ("variable" = Option<String>, Query, pattern = "^[^\\u0000]*$", description = "pm25, pm10, no2, ...")),
    responses((status = 200, description = "Reference values", body = Rows<Threshold>), (status = 400, description = "An unreadable query string, a NUL character")))]
#[tracing::instrument(name = "thresholds", skip_all)]
pub async fn thresholds(State(state): State<AppState>, query: Params) -> Result<Json<Rows<Threshold>>, Error> {
    let params = params(query)?;
    let rows: Vec<Threshold> = sqlx::query_as(include_str!("sql/thresholds.sql"))
        .bind(params.get("reference"))
        .bind(params.get("variable"))
        .fetch_all(&state.pool)
        .await?;
    Ok(Json(Rows { rows }))
}

#[utoipa::path(get, path = "/api/v1/correlations", tag = "analysts",
    params(
        ("station_id" = Option<i64>, Query, description = "The air-quality station"),
        ("pollutant" = Option<String>, Query, pattern = "^[^\\u0000]*$", description = "pm25, ..."),
        ("weather_variable" = Option<String>, Query, pattern = "^[^\\u0000]*$", description = "temperature, wind_speed, precipitation or humidity"),
        ("from" = NaiveDate, Query, description = "First day"),
        ("to" = NaiveDate, Query, description = "Last day: not before `from`, at most 3660 days after it"),
    ),
    responses((status = 200, description = "Pearson and Spearman per month, season and year meeting the days", body = Rows<CorrelationRow>),
        (status = 400, description = "A missing or bad date, `to` before `from` or over 3660 days after it, a bad station id")))]
#[tracing::instrument(name = "correlations", skip_all)]
pub async fn correlations(State(state): State<AppState>, query: Params) -> Result<Json<Rows<CorrelationRow>>, Error> {
    let params = params(query)?;
    let (from, to) = range(&params)?;
    let rows: Vec<CorrelationRow> = sqlx::query_as(include_str!("sql/correlation_rows.sql"))
        .bind(station_id(&params)?)
        .bind(params.get("pollutant"))
        .bind(params.get("weather_variable"))
        .bind(from)
        .bind(to)
        .fetch_all(&state.pool)
        .await?;
    Ok(Json(Rows { rows }))
}

#[derive(Deserialize)]
struct FactSource {
    table: String,
    station_id: Option<i64>,
    variable: Option<String>,
    from: NaiveDate,
    to: NaiveDate,
}

/// A chunk, the facts it states, and for each fact's source the rows it comes from.
#[utoipa::path(get, path = "/api/v1/citations/{id}", tag = "citizens",
    params(("id" = i64, Path, description = "A citation's chunk id")),
    responses((status = 200, description = "The chunk, its facts and the rows behind each", body = serde_json::Value),
        (status = 400, description = "The id is not a number"), (status = 404, description = "No such citation")))]
#[tracing::instrument(name = "citation", skip_all)]
pub async fn citation(State(state): State<AppState>, Path(id): Path<String>) -> Result<Json<Value>, Error> {
    let id: i64 = id.parse().map_err(|_| Error::BadRequest(format!("{id:?} is not a citation id (a number).")))?;
    let chunk: Option<ChunkRow> =
        sqlx::query_as(include_str!("sql/chunk.sql")).bind(id).fetch_optional(&state.pool).await?;
    let chunk = chunk.ok_or_else(|| Error::NotFound(format!("There is no citation {id}.")))?;
    let facts: Vec<Value> = serde_json::from_value(chunk.facts.clone()).unwrap_or_default();
    let mut sources: Vec<Value> = Vec::new();
    let mut seen = Vec::new();
    for fact in &facts {
        let Ok(source) = serde_json::from_value::<FactSource>(fact["source"].clone()) else { continue };
        let key = fact["source"].to_string();
        if seen.contains(&key) {
            continue;
        }
        seen.push(key);
        let variable = source.variable.clone().unwrap_or_default();
        let rows = match source.table.as_str() {
            "daily_aggregates" => {
                let stations = match source.station_id {
                    Some(station) => vec![station],
                    None => city_stations(&state.pool, &state.settings.city).await?,
                };
                json!(
                    daily_json(&state.pool, &stations, &variable, (source.from, source.to), source.station_id.is_none())
                        .await?
                )
            }
            "reference_thresholds" => {
                let rows: Vec<Threshold> = sqlx::query_as(include_str!("sql/thresholds.sql"))
                    .bind(None::<String>)
                    .bind(&variable)
                    .fetch_all(&state.pool)
                    .await?;
                json!({ "rows": rows })
            }
            "correlations" => {
                let (pollutant, weather) = variable.split_once('~').unwrap_or((variable.as_str(), ""));
                let rows: Vec<CorrelationRow> = sqlx::query_as(include_str!("sql/correlation_rows.sql"))
                    .bind(source.station_id)
                    .bind(pollutant)
                    .bind((!weather.is_empty()).then_some(weather))
                    .bind(source.from)
                    .bind(source.to)
                    .fetch_all(&state.pool)
                    .await?;
                let rows: Vec<CorrelationRow> =
                    rows.into_iter().filter(|r| r.period_start == source.from && r.period_end == source.to).collect();
                json!({ "rows": rows })
            }
            "sales" => super::housing::sales_behind(&state.pool, &variable, (source.from, source.to)).await?,
            _ => continue,
        };
        sources.push(json!({ "source": fact["source"], "data": rows }));
    }
    Ok(Json(json!({ "chunk": chunk, "sources": sources })))
}
