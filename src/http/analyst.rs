//! The analyst API: stations, raw measurements and daily aggregates, filtered, paged by keyset
//! (`after` = the `next` cursor of the previous page) and as JSON or CSV (`format=csv`).

use std::collections::HashMap;

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sqlx::PgPool;

use super::rows::{DailyRow, DailyRows, Page, Params, Rows, days, limit, params, range, station_id};
use super::{AppState, Error};

const DEFAULT_LIMIT: i64 = 1000;
const MAX_LIMIT: i64 = 10_000;

#[derive(Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Station {
    id: i64,
    code: Option<String>,
    name: String,
    kind: String,
    source: String,
    latitude: Option<f64>,
    longitude: Option<f64>,
    elevation_m: Option<f64>,
    variables: Vec<String>,
    first_day: Option<NaiveDate>,
    last_day: Option<NaiveDate>,
}

#[derive(Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Measurement {
    period_start: DateTime<Utc>,
    period_end: DateTime<Utc>,
    sensor_id: i64,
    station_id: i64,
    station: String,
    variable: String,
    unit: String,
    value: f64,
}

/// The representation: json (default) or csv.
#[derive(PartialEq, utoipa::ToSchema)]
#[schema(rename_all = "lowercase")]
pub enum Format {
    Json,
    Csv,
}

pub(super) fn format(params: &HashMap<String, String>) -> Result<Format, Error> {
    match params.get("format").map(String::as_str) {
        None | Some("json") => Ok(Format::Json),
        Some("csv") => Ok(Format::Csv),
        Some(other) => Err(Error::BadRequest(format!("format {other:?} is not supported: use json or csv."))),
    }
}

/// The rows as a CSV document (a header line, then one line per row).
pub fn csv_body<T: Serialize>(rows: &[T]) -> Result<String, Error> {
    let mut writer = csv::Writer::from_writer(Vec::new());
    for row in rows {
        writer.serialize(row).map_err(anyhow::Error::from)?;
    }
    let bytes = writer.into_inner().map_err(|e| anyhow::anyhow!("{e}"))?;
    Ok(String::from_utf8(bytes).map_err(anyhow::Error::from)?)
}

/// JSON `{rows, next, next_url}` (as `json` wraps it), or CSV with the next page in a `Link` header.
pub(super) fn page<T: Serialize, J: Serialize>(
    rows: Vec<T>,
    next: Option<String>,
    path: &str,
    params: &HashMap<String, String>,
    format: Format,
    json: impl FnOnce(Page<T>) -> J,
) -> Result<Response, Error> {
    let next_url = next.as_ref().map(|cursor| {
        let mut query: Vec<(String, String)> =
            params.iter().filter(|(k, _)| *k != "after").map(|(k, v)| (k.clone(), v.clone())).collect();
        query.sort();
        query.push(("after".into(), cursor.clone()));
        let encoded: String = reqwest::Url::parse_with_params("http://api/", &query)
            .map(|u| u.query().unwrap_or_default().to_string())
            .unwrap_or_default();
        format!("{path}?{encoded}")
    });
    match format {
        Format::Json => Ok(Json(json(Page { rows, next, next_url })).into_response()),
        Format::Csv => {
            let mut response = ([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], csv_body(&rows)?).into_response();
            if let Some(url) = next_url
                && let Ok(value) = format!("<{url}>; rel=\"next\"").parse()
            {
                response.headers_mut().insert(header::LINK, value);
            }
            Ok(response)
        }
    }
}

async fn check_station(pool: &PgPool, id: Option<i64>) -> Result<(), Error> {
    if let Some(id) = id {
        let exists: bool = sqlx::query_scalar(include_str!("sql/station_exists.sql")).bind(id).fetch_one(pool).await?;
        if !exists {
            return Err(Error::BadRequest(format!("There is no station {id}: see /api/v1/stations.")));
        }
    }
    Ok(())
}

async fn check_variable(pool: &PgPool, variable: Option<&String>) -> Result<(), Error> {
    if let Some(variable) = variable {
        let known: Vec<String> = sqlx::query_scalar(include_str!("sql/known_variables.sql")).fetch_all(pool).await?;
        if !known.contains(variable) {
            return Err(Error::BadRequest(format!("Unknown variable {variable:?}; known: {}.", known.join(", "))));
        }
    }
    Ok(())
}

/// Every station, with the variables it measures and its first and last day of data.
#[utoipa::path(get, path = "/api/v1/stations", tag = "analysts",
    params(("format" = inline(Option<Format>), Query)),
    responses((status = 200, description = "The stations", content((Rows<Station> = "application/json"), (String = "text/csv"))),
        (status = 400, description = "A format other than json or csv")))]
#[tracing::instrument(name = "stations", skip_all)]
pub async fn stations(State(state): State<AppState>, query: Params) -> Result<Response, Error> {
    let params = params(query)?;
    let format = format(&params)?;
    let rows: Vec<Station> = sqlx::query_as(include_str!("sql/stations.sql")).fetch_all(&state.pool).await?;
    if format == Format::Csv {
        let flat: Vec<StationCsv> = rows.iter().map(StationCsv::from).collect();
        return Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], csv_body(&flat)?).into_response());
    }
    Ok(Json(Rows { rows }).into_response())
}

/// A station as a CSV line: its variables space-separated.
#[derive(Serialize)]
struct StationCsv {
    id: i64,
    code: Option<String>,
    name: String,
    kind: String,
    source: String,
    latitude: Option<f64>,
    longitude: Option<f64>,
    elevation_m: Option<f64>,
    variables: String,
    first_day: Option<NaiveDate>,
    last_day: Option<NaiveDate>,
}

impl From<&Station> for StationCsv {
    fn from(s: &Station) -> Self {
        Self {
            id: s.id,
            code: s.code.clone(),
            name: s.name.clone(),
            kind: s.kind.clone(),
            source: s.source.clone(),
            latitude: s.latitude,
            longitude: s.longitude,
            elevation_m: s.elevation_m,
            variables: s.variables.join(" "),
            first_day: s.first_day,
            last_day: s.last_day,
        }
    }
}

/// Raw measurements (one per sensor and period), oldest first.
#[utoipa::path(get, path = "/api/v1/measurements", tag = "analysts",
    params(
        ("station_id" = Option<i64>, Query, description = "One station (see /api/v1/stations)"),
        ("variable" = Option<String>, Query, description = "A variable some station measures: pm25, pm10, no2, o3, ..."),
        ("from" = Option<NaiveDate>, Query, description = "First day"),
        ("to" = Option<NaiveDate>, Query, description = "Last day, not before `from`"),
        ("after" = Option<String>, Query, description = "The `next` cursor of the previous page"),
        ("limit" = Option<i64>, Query, minimum = 1, maximum = 10000, description = "Rows per page (default 1000)"),
        ("format" = inline(Option<Format>), Query),
    ),
    responses((status = 200, description = "A page of measurements; as CSV, the next page is in the `Link` header",
            content((Page<Measurement> = "application/json"), (String = "text/csv"))),
        (status = 400, description = "A bad parameter, an unknown station or variable, `to` before `from`, a cursor not from a previous page")))]
#[tracing::instrument(name = "measurements", skip_all)]
pub async fn measurements(State(state): State<AppState>, query: Params) -> Result<Response, Error> {
    let params = params(query)?;
    let format = format(&params)?;
    let limit = limit(&params, DEFAULT_LIMIT, MAX_LIMIT)?;
    let station = station_id(&params)?;
    let variable = params.get("variable");
    let (from, to) = days(&params)?;
    check_station(&state.pool, station).await?;
    check_variable(&state.pool, variable).await?;
    let after = match params.get("after") {
        Some(cursor) => {
            let bad = || Error::BadRequest(format!("after {cursor:?} is not a cursor from a previous page."));
            let (at, sensor) = cursor.split_once(',').ok_or_else(bad)?;
            Some((at.parse::<DateTime<Utc>>().map_err(|_| bad())?, sensor.parse::<i64>().map_err(|_| bad())?))
        }
        None => None,
    };
    let rows: Vec<Measurement> = sqlx::query_as(include_str!("sql/measurements_page.sql"))
        .bind(station)
        .bind(variable)
        .bind(from)
        .bind(to)
        .bind(after.map(|a| a.0))
        .bind(after.map(|a| a.1))
        .bind(limit)
        .fetch_all(&state.pool)
        .await?;
    let next = (rows.len() as i64 == limit)
        .then(|| {
            rows.last().map(|r| {
                format!("{},{}", r.period_start.to_rfc3339_opts(chrono::SecondsFormat::Micros, true), r.sensor_id)
            })
        })
        .flatten();
    page(rows, next, "/api/v1/measurements", &params, format, std::convert::identity)
}

/// What /api/v1/daily answers in JSON: a page, or the city's rows.
#[derive(Serialize, utoipa::ToSchema)]
#[serde(untagged)]
pub enum DailyBody {
    Page(Page<DailyRow>),
    City(DailyRows),
}

/// Daily aggregates (mean, min, max, sum, count, completeness) per station and variable; with
/// `scope=city`, the city's stations and the city's daily means for one variable.
#[utoipa::path(get, path = "/api/v1/daily", tag = "analysts",
    params(
        ("station_id" = Option<i64>, Query, description = "One station"),
        ("scope" = Option<String>, Query, pattern = "^city$", description = "city: the stations of the city and their daily means, not paged (needs variable, from and to, at most 3660 days, and no station_id)"),
        ("means" = Option<bool>, Query, description = "With scope=city as CSV: the city's daily means (day, mean, stations) instead of its stations' rows"),
        ("variable" = Option<String>, Query, description = "A variable some station measures: pm25, temperature, precipitation, wind_speed, humidity, ..."),
        ("from" = Option<NaiveDate>, Query, description = "First day"),
        ("to" = Option<NaiveDate>, Query, description = "Last day, not before `from`"),
        ("after" = Option<String>, Query, description = "The `next` cursor of the previous page"),
        ("limit" = Option<i64>, Query, minimum = 1, maximum = 10000, description = "Rows per page (default 1000)"),
        ("format" = inline(Option<Format>), Query),
    ),
    responses((status = 200, description = "A page of daily aggregates (as CSV, the next page is in the `Link` header); with scope=city, the city's rows and daily means",
            content((inline(DailyBody) = "application/json"), (String = "text/csv"))),
        (status = 400, description = "A bad parameter, an unknown station or variable, `to` before `from`, a cursor not from a previous page, scope=city without its parameters")))]
#[tracing::instrument(name = "daily", skip_all)]
pub async fn daily(State(state): State<AppState>, query: Params) -> Result<Response, Error> {
    let params = params(query)?;
    let format = format(&params)?;
    let station = station_id(&params)?;
    let variable = params.get("variable");
    let means = match params.get("means").map(String::as_str) {
        None | Some("false") => false,
        Some("true") => true,
        Some(other) => return Err(Error::BadRequest(format!("means {other:?} is not true or false."))),
    };
    match params.get("scope").map(String::as_str) {
        Some("city") if station.is_some() => {
            return Err(Error::BadRequest("Give station_id or scope=city, not both.".into()));
        }
        Some("city") => {
            let variable =
                variable.ok_or_else(|| Error::BadRequest("scope=city needs a variable (pm25, ...).".into()))?;
            let days = range(&params)?;
            let body = super::rows::city_daily(&state.pool, &state.settings.city, variable, days).await?;
            return match format {
                Format::Json => Ok(Json(DailyBody::City(body)).into_response()),
                Format::Csv => {
                    let csv = match (&body.city_daily_means, means) {
                        (Some(daily_means), true) => csv_body(daily_means)?,
                        _ => csv_body(&body.rows)?,
                    };
                    Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], csv).into_response())
                }
            };
        }
        Some(other) => return Err(Error::BadRequest(format!("scope {other:?} is not supported: use scope=city."))),
        None => {}
    }
    let limit = limit(&params, DEFAULT_LIMIT, MAX_LIMIT)?;
    let (from, to) = days(&params)?;
    check_station(&state.pool, station).await?;
    check_variable(&state.pool, variable).await?;
    let after = match params.get("after") {
        Some(cursor) => {
            let bad = || Error::BadRequest(format!("after {cursor:?} is not a cursor from a previous page."));
            let mut parts = cursor.splitn(3, ',');
            let day = parts.next().and_then(|d| d.parse::<NaiveDate>().ok()).ok_or_else(bad)?;
            let station = parts.next().and_then(|s| s.parse::<i64>().ok()).ok_or_else(bad)?;
            let variable = parts.next().ok_or_else(bad)?.to_string();
            Some((day, station, variable))
        }
        None => None,
    };
    let rows: Vec<DailyRow> = sqlx::query_as(include_str!("sql/daily_page.sql"))
        .bind(station)
        .bind(variable)
        .bind(from)
        .bind(to)
        .bind(after.as_ref().map(|a| a.0))
        .bind(after.as_ref().map(|a| a.1))
        .bind(after.as_ref().map(|a| a.2.clone()))
        .bind(limit)
        .fetch_all(&state.pool)
        .await?;
    let next = (rows.len() as i64 == limit)
        .then(|| rows.last().map(|r| format!("{},{},{}", r.day, r.station_id, r.variable)))
        .flatten();
    page(rows, next, "/api/v1/daily", &params, format, DailyBody::Page)
}
