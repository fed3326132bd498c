//! The public-transport timetable for analysts, and the rows behind every timetable answer:
//! `/api/v1/transit/routes`, `/stops` (by name, or near a stop), `/departures` and `/trips` of a
//! service day (filtered, paged by keyset, JSON or CSV).

use std::collections::HashMap;

use axum::Json;
use axum::extract::State;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::Serialize;
use sqlx::PgPool;

use crate::calendar::{service_seconds, service_time};
use crate::timetable::{Departure, Departures, ServiceDay, days_covered};

use super::analyst::{Format, csv_body, format, page};
use super::rows::{Page, Params, Rows, date_param, limit, params};
use super::{AppState, Error};

const DEFAULT_LIMIT: i64 = 1000;
const MAX_LIMIT: i64 = 10_000;
const DEFAULT_RADIUS_M: f64 = 400.0;

#[derive(Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Route {
    pub feed_id: i64,
    route_id: String,
    pub short_name: Option<String>,
    pub long_name: Option<String>,
    /// GTFS route_type: 0 tram, 3 bus, ...
    pub route_type: i32,
    /// Hex without '#', as published.
    pub color: Option<String>,
    pub text_color: Option<String>,
    /// The days its timetable covers.
    pub valid_from: NaiveDate,
    pub valid_to: NaiveDate,
}

#[derive(Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Stop {
    pub feed_id: i64,
    stop_id: String,
    /// As published (several codes joined by '|' in some feeds).
    code: Option<String>,
    pub name: String,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    parent_station: Option<String>,
    /// Metres from the stop given as `near`.
    metres: Option<f64>,
    /// The lines calling there in the timetable.
    pub lines: Vec<String>,
}

/// A stop as a CSV row, its lines joined by spaces (a CSV cell holds no list).
#[derive(Serialize)]
struct StopCsv {
    feed_id: i64,
    stop_id: String,
    code: Option<String>,
    name: String,
    latitude: Option<f64>,
    longitude: Option<f64>,
    parent_station: Option<String>,
    metres: Option<f64>,
    lines: String,
}

impl From<Stop> for StopCsv {
    fn from(s: Stop) -> Self {
        Self {
            feed_id: s.feed_id,
            stop_id: s.stop_id,
            code: s.code,
            name: s.name,
            latitude: s.latitude,
            longitude: s.longitude,
            parent_station: s.parent_station,
            metres: s.metres,
            lines: s.lines.join(" "),
        }
    }
}

#[derive(sqlx::FromRow)]
struct TripRow {
    service_day: NaiveDate,
    route: Option<String>,
    trip_id: String,
    direction: Option<i16>,
    headsign: Option<String>,
    first_departure_s: Option<i32>,
}

#[derive(Serialize, utoipa::ToSchema)]
pub struct Trip {
    service_day: NaiveDate,
    route: Option<String>,
    trip_id: String,
    direction: Option<i16>,
    headsign: Option<String>,
    /// The first departure as GTFS writes it.
    first_departure: Option<String>,
}

/// The query's parameters, an empty stop or line name (`stop=`) taken as absent.
fn given(query: Params) -> Result<HashMap<String, String>, Error> {
    let mut params = params(query)?;
    params.retain(|key, value| !value.is_empty() || !["stop", "name", "near", "route"].contains(&key.as_str()));
    Ok(params)
}

/// "HH:MM" (hours up to 47, as GTFS counts past midnight) as seconds, or a 400.
fn time_param(params: &HashMap<String, String>, key: &str) -> Result<Option<i32>, Error> {
    let Some(raw) = params.get(key) else { return Ok(None) };
    let seconds = service_seconds(raw)
        .ok_or_else(|| Error::BadRequest(format!("{key} {raw:?} is not a time HH:MM (00:00 to 47:59).")))?;
    Ok(Some(seconds))
}

/// The service day asked for, or a 400.
fn service_day(params: &HashMap<String, String>) -> Result<NaiveDate, Error> {
    date_param(params, "date")?
        .ok_or_else(|| Error::BadRequest("date (YYYY-MM-DD) is required: the service day.".into()))
}

/// The lines asked for (comma-separated short names), each known, or a 404 naming the lines.
async fn routes_param(pool: &PgPool, params: &HashMap<String, String>) -> Result<Vec<String>, Error> {
    let Some(raw) = params.get("route") else { return Ok(Vec::new()) };
    let asked: Vec<String> = raw.split(',').map(|r| r.trim().to_string()).filter(|r| !r.is_empty()).collect();
    let found: Vec<String> =
        sqlx::query_scalar(include_str!("sql/transit_routes_known.sql")).bind(&asked).fetch_all(pool).await?;
    if let Some(unknown) = asked.iter().find(|r| !found.contains(r)) {
        let known: Vec<String> = routes(pool).await?.into_iter().filter_map(|r| r.short_name).collect();
        return Err(Error::NotFound(format!("There is no line {unknown:?}; lines: {}.", known.join(", "))));
    }
    Ok(asked)
}

/// The stop name asked for under `key`, known, or a 404.
async fn stop_param<'a>(
    pool: &PgPool,
    params: &'a HashMap<String, String>,
    key: &str,
) -> Result<Option<&'a String>, Error> {
    let Some(name) = params.get(key) else { return Ok(None) };
    let known: bool = sqlx::query_scalar(include_str!("sql/transit_stop_known.sql")).bind(name).fetch_one(pool).await?;
    if !known {
        return Err(Error::NotFound(format!("There is no stop named {name:?}: see /api/v1/transit/stops.")));
    }
    Ok(Some(name))
}

/// The `after` cursor of the page before: its sort time, then `rest` more comma-separated parts
/// (the last may hold commas), or a 400.
fn cursor(params: &HashMap<String, String>, rest: usize) -> Result<Option<(i32, Vec<String>)>, Error> {
    let Some(raw) = params.get("after") else { return Ok(None) };
    let bad = || Error::BadRequest(format!("after {raw:?} is not a cursor from a previous page."));
    let parts: Vec<&str> = raw.splitn(rest + 1, ',').collect();
    let (Some(time), true) = (parts.first(), parts.len() == rest + 1) else { return Err(bad()) };
    Ok(Some((time.parse().map_err(|_| bad())?, parts[1..].iter().map(|p| p.to_string()).collect())))
}

/// The stops named `name`, around a stop (`near`, within metres), where `line` calls (each filter
/// open when `None`), nearest first.
pub async fn stop_rows(
    pool: &PgPool,
    name: Option<&str>,
    near: Option<(&str, f64)>,
    line: Option<&str>,
) -> sqlx::Result<Vec<Stop>> {
    sqlx::query_as(include_str!("sql/transit_stops_rows.sql"))
        .bind(name)
        .bind(near.map(|n| n.0))
        .bind(near.map_or(DEFAULT_RADIUS_M, |n| n.1))
        .bind(line)
        .fetch_all(pool)
        .await
}

pub async fn routes(pool: &PgPool) -> sqlx::Result<Vec<Route>> {
    sqlx::query_as(include_str!("sql/transit_routes_rows.sql")).fetch_all(pool).await
}

fn rows<T: Serialize>(rows: Vec<T>, format: Format) -> Result<Response, Error> {
    match format {
        Format::Json => Ok(Json(Rows { rows }).into_response()),
        Format::Csv => {
            let body = csv_body(&rows)?;
            Ok(([(axum::http::header::CONTENT_TYPE, "text/csv; charset=utf-8")], body).into_response())
        }
    }
}

/// Every line of every timetable held.
#[utoipa::path(get, path = "/api/v1/transit/routes", tag = "analysts",
    params(("format" = inline(Option<Format>), Query)),
    responses((status = 200, description = "The lines", content((Rows<Route> = "application/json"), (String = "text/csv"))),
        (status = 400, description = "A format other than json or csv")))]
#[tracing::instrument(name = "transit_routes", skip_all)]
pub async fn route_list(State(state): State<AppState>, query: Params) -> Result<Response, Error> {
    let params = given(query)?;
    let format = format(&params)?;
    rows(routes(&state.pool).await?, format)
}

/// The stops (platforms): all, those of a name, or those within a radius of a named stop.
#[utoipa::path(get, path = "/api/v1/transit/stops", tag = "analysts",
    params(
        ("name" = Option<String>, Query, description = "A stop's name, as published"),
        ("near" = Option<String>, Query, description = "A stop's name: the stops around it, nearest first (itself left out)"),
        ("radius_m" = Option<f64>, Query, minimum = 1, maximum = 20000, description = "With `near`, in metres (default 400)"),
        ("route" = Option<String>, Query, description = "A line's short name: only the stops where it calls"),
        ("format" = inline(Option<Format>), Query),
    ),
    responses((status = 200, description = "The stops", content((Rows<Stop> = "application/json"), (String = "text/csv"))),
        (status = 400, description = "A bad parameter"), (status = 404, description = "An unknown stop")))]
#[tracing::instrument(name = "transit_stops", skip_all)]
pub async fn stops(State(state): State<AppState>, query: Params) -> Result<Response, Error> {
    let params = given(query)?;
    let format = format(&params)?;
    let near = stop_param(&state.pool, &params, "near").await?;
    let radius =
        match params.get("radius_m") {
            None => DEFAULT_RADIUS_M,
            Some(raw) => raw.parse::<f64>().ok().filter(|r| (1.0..=20_000.0).contains(r)).ok_or_else(|| {
                Error::BadRequest(format!("radius_m {raw:?} is not a distance from 1 to 20000 metres."))
            })?,
        };
    if params.get("route").is_some_and(|r| r.contains(',')) {
        return Err(Error::BadRequest("route is one line's short name here.".into()));
    }
    let line = routes_param(&state.pool, &params).await?.into_iter().next();
    let found = stop_rows(
        &state.pool,
        params.get("name").map(String::as_str),
        near.map(|n| (n.as_str(), radius)),
        line.as_deref(),
    )
    .await?;
    match format {
        Format::Json => rows(found, format),
        Format::Csv => rows(found.into_iter().map(StopCsv::from).collect(), format),
    }
}

/// The departures of a service day: at a stop, of lines, in a time window.
#[utoipa::path(get, path = "/api/v1/transit/departures", tag = "analysts",
    params(
        ("date" = NaiveDate, Query, description = "The service day (times past 24:00 belong to it)"),
        ("stop" = Option<String>, Query, description = "A stop's name, as published"),
        ("route" = Option<String>, Query, description = "Lines' short names, comma-separated"),
        ("from" = Option<String>, Query, pattern = "^([0-3][0-9]|4[0-7]):[0-5][0-9]$", description = "From this time of the service day (HH:MM, up to 47:59)"),
        ("to" = Option<String>, Query, pattern = "^([0-3][0-9]|4[0-7]):[0-5][0-9]$", description = "Before this time of the service day"),
        ("first_stop" = Option<bool>, Query, description = "true: only each trip's first stop"),
        ("after" = Option<String>, Query, pattern = "^-?[0-9]{1,6},[^,]+,[0-9]{1,6}$", description = "The `next` cursor of the previous page"),
        ("limit" = Option<i64>, Query, minimum = 1, maximum = 10000, description = "Rows per page (default 1000)"),
        ("format" = inline(Option<Format>), Query),
    ),
    responses((status = 200, description = "A page of departures; as CSV, the next page is in the `Link` header",
            content((Page<Departure> = "application/json"), (String = "text/csv"))),
        (status = 400, description = "A missing date, a bad parameter, a cursor not from a previous page"),
        (status = 404, description = "An unknown stop or line")))]
#[tracing::instrument(name = "transit_departures", skip_all)]
pub async fn departures(State(state): State<AppState>, query: Params) -> Result<Response, Error> {
    let params = given(query)?;
    let format = format(&params)?;
    let limit = limit(&params, DEFAULT_LIMIT, MAX_LIMIT)?;
    let day = service_day(&params)?;
    let (from, to) = (time_param(&params, "from")?, time_param(&params, "to")?);
    let first_stop = match params.get("first_stop").map(String::as_str) {
        None | Some("false") => false,
        Some("true") => true,
        Some(other) => return Err(Error::BadRequest(format!("first_stop {other:?} is neither true nor false."))),
    };
    let stop = stop_param(&state.pool, &params, "stop").await?;
    let lines = routes_param(&state.pool, &params).await?;
    let after = match cursor(&params, 2)? {
        Some((s, parts)) => {
            let seq = parts[1]
                .parse::<i32>()
                .map_err(|_| Error::BadRequest("after: the cursor's last part is not a stop sequence.".into()))?;
            Some((s, parts[0].clone(), seq))
        }
        None => None,
    };
    let filter = Departures { day, stop: stop.map(String::as_str), lines: &lines, from, to, first_stop };
    let found = filter.page(&state.pool, after, limit).await?;
    let next = (found.len() as i64 == limit).then(|| found.last().map(Departure::cursor)).flatten();
    page(found, next, "/api/v1/transit/departures", &params, format, std::convert::identity)
}

/// The trips running on a service day, of lines, by their first departure.
#[utoipa::path(get, path = "/api/v1/transit/trips", tag = "analysts",
    params(
        ("date" = NaiveDate, Query, description = "The service day"),
        ("route" = Option<String>, Query, description = "Lines' short names, comma-separated"),
        ("after" = Option<String>, Query, pattern = "^-?[0-9]{1,6},.+$", description = "The `next` cursor of the previous page"),
        ("limit" = Option<i64>, Query, minimum = 1, maximum = 10000, description = "Rows per page (default 1000)"),
        ("format" = inline(Option<Format>), Query),
    ),
    responses((status = 200, description = "A page of trips; as CSV, the next page is in the `Link` header",
            content((Page<Trip> = "application/json"), (String = "text/csv"))),
        (status = 400, description = "A missing date, a bad parameter, a cursor not from a previous page"),
        (status = 404, description = "An unknown line")))]
#[tracing::instrument(name = "transit_trips", skip_all)]
pub async fn trips(State(state): State<AppState>, query: Params) -> Result<Response, Error> {
    let params = given(query)?;
    let format = format(&params)?;
    let limit = limit(&params, DEFAULT_LIMIT, MAX_LIMIT)?;
    let day = service_day(&params)?;
    let lines = routes_param(&state.pool, &params).await?;
    let after = cursor(&params, 1)?.map(|(s, mut parts)| (s, parts.remove(0)));
    let found: Vec<TripRow> = sqlx::query_as(include_str!("sql/transit_trips_page.sql"))
        .bind(day)
        .bind(&lines)
        .bind(after.as_ref().map(|a| a.0))
        .bind(after.as_ref().map(|a| a.1.clone()))
        .bind(limit)
        .fetch_all(&state.pool)
        .await?;
    let next = (found.len() as i64 == limit)
        .then(|| found.last().map(|r| format!("{},{}", r.first_departure_s.unwrap_or(-1), r.trip_id)))
        .flatten();
    let rows: Vec<Trip> = found
        .into_iter()
        .map(|r| Trip {
            service_day: r.service_day,
            route: r.route,
            trip_id: r.trip_id,
            direction: r.direction,
            headsign: r.headsign,
            first_departure: r.first_departure_s.map(service_time),
        })
        .collect();
    page(rows, next, "/api/v1/transit/trips", &params, format, std::convert::identity)
}

/// Each day the timetables cover: its kind, the trips and lines running (0 trips: no service).
#[utoipa::path(get, path = "/api/v1/transit/days", tag = "analysts",
    params(
        ("from" = Option<NaiveDate>, Query, description = "From this day (default: the first day a timetable covers)"),
        ("to" = Option<NaiveDate>, Query, description = "To this day, included (default: the last)"),
        ("route" = Option<String>, Query, description = "Lines' short names, comma-separated: only their trips"),
        ("format" = inline(Option<Format>), Query),
    ),
    responses((status = 200, description = "The days", content((Rows<ServiceDay> = "application/json"), (String = "text/csv"))),
        (status = 400, description = "A bad parameter"), (status = 404, description = "An unknown line")))]
#[tracing::instrument(name = "transit_days", skip_all)]
pub async fn days(State(state): State<AppState>, query: Params) -> Result<Response, Error> {
    let params = given(query)?;
    let format = format(&params)?;
    let span = super::rows::days(&params)?;
    let lines = routes_param(&state.pool, &params).await?;
    rows(days_covered(&state.pool, span, &lines).await?, format)
}

#[derive(Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct ShapePoint {
    pub feed_id: i64,
    pub route: Option<String>,
    /// Hex without '#', as published.
    pub color: Option<String>,
    pub shape_id: String,
    /// The line's trips that follow this shape.
    pub trips: i64,
    pub seq: i32,
    pub latitude: f64,
    pub longitude: f64,
}

/// The paths of the newest timetable's lines, point by point (all when `lines` is empty).
pub async fn shape_rows(pool: &PgPool, lines: &[String]) -> sqlx::Result<Vec<ShapePoint>> {
    sqlx::query_as(include_str!("sql/transit_shapes_rows.sql")).bind(lines).fetch_all(pool).await
}

/// The paths the lines' trips follow in the newest timetable (GTFS shapes), point by point.
#[utoipa::path(get, path = "/api/v1/transit/shapes", tag = "analysts",
    params(
        ("route" = Option<String>, Query, description = "Lines' short names, comma-separated (default: every line)"),
        ("format" = inline(Option<Format>), Query),
    ),
    responses((status = 200, description = "The points of each shape", content((Rows<ShapePoint> = "application/json"), (String = "text/csv"))),
        (status = 400, description = "A bad parameter"), (status = 404, description = "An unknown line")))]
#[tracing::instrument(name = "transit_shapes", skip_all)]
pub async fn shapes(State(state): State<AppState>, query: Params) -> Result<Response, Error> {
    let params = given(query)?;
    let format = format(&params)?;
    let lines = routes_param(&state.pool, &params).await?;
    rows(shape_rows(&state.pool, &lines).await?, format)
}
