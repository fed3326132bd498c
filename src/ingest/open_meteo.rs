//! Open-Meteo (no key): the forecast and the historical archive (weather), and air quality (CAMS).
//! Column-oriented bodies; `null` is a missing value, never 0.

use std::collections::HashMap;

use chrono::{DateTime, Days, Duration, NaiveDate, NaiveDateTime, Utc};
use reqwest::Url;
use reqwest::header::HeaderMap;
use serde::Deserialize;
use serde_json::Value;
use sqlx::PgPool;

use super::run::{Report, Run};
use super::store::{self, Measurement, Station, Weather};
use super::units;
use super::upstream::Upstream;
use crate::config::Settings;

pub const SOURCE: &str = "open-meteo";
const HOURLY_WEATHER: &str = "temperature_2m,relative_humidity_2m,dew_point_2m,precipitation,wind_speed_10m,\
wind_gusts_10m,wind_direction_10m,pressure_msl,surface_pressure,cloud_cover";
const DAILY_WEATHER: &str =
    "temperature_2m_max,temperature_2m_min,temperature_2m_mean,precipitation_sum,wind_speed_10m_max";
const HOURLY_AIR: &str = "pm10,pm2_5,nitrogen_dioxide,ozone,european_aqi";
const FORECAST_DAYS: &str = "7";

/// Recent data and the forecast, or a back-fill of a past date range.
#[derive(Debug, Clone, Copy)]
pub enum Request {
    Recent { past_days: u32 },
    Range { from: NaiveDate, to: NaiveDate },
}

#[derive(Deserialize)]
struct Body {
    latitude: Option<f64>,
    longitude: Option<f64>,
    elevation: Option<f64>,
    #[serde(default)]
    utc_offset_seconds: i64,
    #[serde(default)]
    hourly_units: HashMap<String, String>,
    #[serde(default)]
    hourly: HashMap<String, Vec<Value>>,
    #[serde(default)]
    daily_units: HashMap<String, String>,
    #[serde(default)]
    daily: HashMap<String, Vec<Value>>,
}

/// What an Open-Meteo request fetches: the weather (forecast or archive) or the air quality (CAMS).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Feed {
    Weather,
    Air,
}

pub async fn ingest(
    pool: &PgPool,
    upstream: &Upstream,
    settings: &Settings,
    request: Request,
    feeds: &[Feed],
) -> anyhow::Result<Report> {
    let window = match request {
        Request::Recent { past_days } => {
            (Utc::now() - Duration::days(past_days.into()), Utc::now() + Duration::days(7))
        }
        Request::Range { from, to } => (midnight(from), midnight(to + Days::new(1))),
    };
    let mut run = Run::start(pool, SOURCE, Some(window)).await?;
    let om = &settings.open_meteo;
    let (weather_name, weather_url) = match request {
        Request::Recent { .. } => ("forecast", &om.forecast_url),
        Request::Range { .. } => ("archive", &om.archive_url),
    };
    for (name, base, kind) in
        [(weather_name, weather_url, Feed::Weather), ("air-quality", &om.air_quality_url, Feed::Air)]
    {
        if !feeds.contains(&kind) {
            continue;
        }
        let url = match request_url(base, settings, request, &kind) {
            Ok(url) => url,
            Err(e) => {
                run.fail(name, format!("invalid URL {base}: {e}"));
                continue;
            }
        };
        match upstream.get_json::<Body>(run.id, SOURCE, url, HeaderMap::new()).await {
            Ok(body) => {
                if let Err(e) = store_body(pool, &mut run, settings, name, &kind, &body).await {
                    run.fail(name, format!("could not store the data: {e:#}"));
                }
            }
            Err(e) => run.fail(name, e.to_string()),
        }
    }
    Ok(run.finish(pool, None).await?)
}

fn request_url(base: &str, settings: &Settings, request: Request, kind: &Feed) -> anyhow::Result<Url> {
    let mut url = Url::parse(base)?;
    {
        let mut query = url.query_pairs_mut();
        query
            .append_pair("latitude", &settings.city.latitude.to_string())
            .append_pair("longitude", &settings.city.longitude.to_string())
            .append_pair("timezone", &settings.city.time_zone);
        match kind {
            Feed::Weather => query
                .append_pair("hourly", HOURLY_WEATHER)
                .append_pair("daily", DAILY_WEATHER)
                .append_pair("wind_speed_unit", "ms"),
            Feed::Air => query.append_pair("hourly", HOURLY_AIR),
        };
        match request {
            Request::Recent { past_days } => {
                query.append_pair("past_days", &past_days.to_string()).append_pair("forecast_days", FORECAST_DAYS);
            }
            Request::Range { from, to } => {
                query.append_pair("start_date", &from.to_string()).append_pair("end_date", &to.to_string());
            }
        }
    }
    Ok(url)
}

async fn store_body(
    pool: &PgPool,
    run: &mut Run,
    settings: &Settings,
    name: &str,
    kind: &Feed,
    body: &Body,
) -> anyhow::Result<()> {
    let source_ref = format!("{name}:{:.4},{:.4}", settings.city.latitude, settings.city.longitude);
    let station_name = format!("Open-Meteo {name} for {}", settings.city.name);
    let station = Station {
        source: SOURCE,
        source_ref: &source_ref,
        code: None,
        name: &station_name,
        kind: "model_grid",
        latitude: body.latitude,
        longitude: body.longitude,
        elevation_m: body.elevation,
    };
    let station_id = store::upsert_station(pool, &station).await?;
    let hours = times(body.hourly.get("time"), body.utc_offset_seconds);
    let mut measurements = Vec::new();
    match kind {
        Feed::Weather => {
            let rows = weather_rows(run, name, station_id, body, &hours);
            run.written += store::upsert_weather(pool, run.id, &rows).await?;
        }
        Feed::Air => {
            for (key, values) in &body.hourly {
                let Some(variable) = units::variable(key) else { continue };
                let unit = body.hourly_units.get(key).map(String::as_str).unwrap_or("");
                let sensor_id = store::upsert_sensor(pool, station_id, key, variable.name, variable.unit).await?;
                collect(run, name, &mut measurements, sensor_id, variable, unit, &hours, values, Duration::hours(1));
            }
        }
    }
    let days: Vec<Option<DateTime<Utc>>> = body
        .daily
        .get("time")
        .map(|t| {
            t.iter()
                .map(|v| v.as_str().and_then(|d| NaiveDate::parse_from_str(d, "%Y-%m-%d").ok()).map(midnight))
                .collect()
        })
        .unwrap_or_default();
    for (key, values) in &body.daily {
        let Some(variable) = units::variable(key) else { continue };
        let unit = body.daily_units.get(key).map(String::as_str).unwrap_or("");
        let sensor_id =
            store::upsert_sensor(pool, station_id, &format!("{key}:daily"), variable.name, variable.unit).await?;
        collect(run, name, &mut measurements, sensor_id, variable, unit, &days, values, Duration::days(1));
    }
    run.written += store::upsert_measurements(pool, run.id, &measurements).await?;
    Ok(())
}

#[allow(clippy::too_many_arguments)]
fn collect(
    run: &mut Run,
    name: &str,
    into: &mut Vec<Measurement>,
    sensor_id: i64,
    variable: units::Variable,
    unit: &str,
    times: &[Option<DateTime<Utc>>],
    values: &[Value],
    step: Duration,
) {
    for (time, value) in times.iter().zip(values) {
        let (Some(start), Some(raw)) = (time, value.as_f64()) else { continue };
        run.fetched += 1;
        match variable.normalise(raw, unit) {
            Ok(value) => into.push(Measurement { sensor_id, start: *start, end: *start + step, value }),
            Err(reason) => run.reject(format!("{name} {} at {start}", variable.name), reason),
        }
    }
}

fn weather_rows(
    run: &mut Run,
    name: &str,
    station_id: i64,
    body: &Body,
    hours: &[Option<DateTime<Utc>>],
) -> Vec<Weather> {
    let mut column = |key: &str, variable: Option<&str>| match convert_column(body, key, variable, hours.len()) {
        Ok(values) => values,
        Err(reason) => {
            run.fail(format!("{name} {key}"), reason);
            vec![None; hours.len()]
        }
    };
    let temperature = column("temperature_2m", Some("temperature"));
    let dew_point = column("dew_point_2m", Some("temperature"));
    let humidity = column("relative_humidity_2m", None);
    let precipitation = column("precipitation", Some("precipitation"));
    let wind = column("wind_speed_10m", Some("wind_speed_max"));
    let gusts = column("wind_gusts_10m", Some("wind_speed_max"));
    let direction = column("wind_direction_10m", None);
    let msl = column("pressure_msl", None);
    let surface = column("surface_pressure", None);
    let cloud = column("cloud_cover", None);
    let mut rows = Vec::new();
    for (i, time) in hours.iter().enumerate() {
        let Some(observed_at) = *time else { continue };
        let row = Weather {
            station_id,
            observed_at,
            temperature_c: temperature[i],
            dew_point_c: dew_point[i],
            humidity_pct: humidity[i],
            wind_speed_ms: wind[i],
            wind_gust_ms: gusts[i],
            wind_direction_deg: direction[i],
            pressure_msl_hpa: msl[i],
            pressure_station_hpa: surface[i],
            precipitation_mm: precipitation[i],
            precipitation_hours: precipitation[i].map(|_| 1),
            visibility_m: None,
            cloud_cover_pct: cloud[i],
        };
        if row.is_empty() {
            continue;
        }
        run.fetched += 1;
        match row.validate() {
            Ok(()) => rows.push(row),
            Err(reason) => run.reject(format!("{name} weather at {observed_at}"), reason),
        }
    }
    rows
}

/// One hourly column in canonical units (`variable` names the unit family; `None`: already canonical).
fn convert_column(body: &Body, key: &str, variable: Option<&str>, len: usize) -> Result<Vec<Option<f64>>, String> {
    let unit = body.hourly_units.get(key).map(String::as_str).unwrap_or("");
    let values = body.hourly.get(key);
    (0..len)
        .map(|i| {
            let raw = values.and_then(|v| v.get(i)).and_then(Value::as_f64);
            match (raw, variable.and_then(units::variable)) {
                (Some(x), Some(variable)) => variable.convert(x, unit).map(Some),
                (raw, _) => Ok(raw),
            }
        })
        .collect()
}

/// Timestamps as unix seconds, or as local ISO times (`2023-11-13T00:00`) at the body's UTC offset.
fn times(values: Option<&Vec<Value>>, utc_offset_seconds: i64) -> Vec<Option<DateTime<Utc>>> {
    let Some(values) = values else { return Vec::new() };
    values
        .iter()
        .map(|v| match v {
            Value::Number(n) => n.as_i64().and_then(|s| DateTime::from_timestamp(s, 0)),
            Value::String(s) => NaiveDateTime::parse_from_str(s, "%Y-%m-%dT%H:%M")
                .ok()
                .map(|local| local.and_utc() - Duration::seconds(utc_offset_seconds)),
            _ => None,
        })
        .collect()
}

fn midnight(date: NaiveDate) -> DateTime<Utc> {
    date.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc()
}
