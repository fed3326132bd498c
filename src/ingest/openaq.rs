//! OpenAQ API v3: the locations within the city's radius, their sensors, and each sensor's hourly
//! values over the window, page by page.

use chrono::{DateTime, SecondsFormat, Utc};
use reqwest::Url;
use reqwest::header::{HeaderMap, HeaderValue};
use secrecy::ExposeSecret;
use serde::Deserialize;
use sqlx::PgPool;

use super::run::{Report, Run};
use super::store::{self, Measurement, Station};
use super::units;
use super::upstream::Upstream;
use crate::config::Settings;

pub const SOURCE: &str = "openaq";
const PAGE_LIMIT: u32 = 1000;

#[derive(Deserialize)]
struct Page<T> {
    meta: Meta,
    results: Vec<T>,
}

#[derive(Deserialize)]
struct Meta {
    limit: Option<u32>,
    /// A count, or a string like ">1000" when the page is full and the total was not counted.
    found: Option<Found>,
}

#[derive(Deserialize)]
#[serde(untagged)]
enum Found {
    Count(u64),
    AtLeast(serde::de::IgnoredAny),
}

#[derive(Deserialize)]
struct Location {
    id: i64,
    name: Option<String>,
    coordinates: Option<Coordinates>,
    #[serde(default)]
    sensors: Vec<Sensor>,
}

#[derive(Deserialize)]
struct Coordinates {
    latitude: f64,
    longitude: f64,
}

#[derive(Deserialize)]
struct Sensor {
    id: i64,
    parameter: Parameter,
}

#[derive(Deserialize)]
struct Parameter {
    name: String,
    units: String,
}

#[derive(Deserialize)]
struct Value {
    value: Option<f64>,
    parameter: Parameter,
    period: Period,
}

#[derive(Deserialize)]
#[serde(rename_all = "camelCase")]
struct Period {
    datetime_from: Instant,
    datetime_to: Instant,
}

#[derive(Deserialize)]
struct Instant {
    utc: DateTime<Utc>,
}

impl<T> Page<T> {
    fn has_more(&self, page: u32) -> bool {
        let limit = self.meta.limit.unwrap_or(PAGE_LIMIT) as usize;
        match &self.meta.found {
            _ if self.results.is_empty() => false,
            Some(Found::Count(total)) => (page as u64) * (limit as u64) < *total,
            Some(Found::AtLeast(_)) | None => self.results.len() >= limit,
        }
    }
}

struct Tracked {
    id: i64,
    openaq_id: i64,
    variable: units::Variable,
}

/// Without an API key OpenAQ is skipped (`None`).
pub async fn ingest(
    pool: &PgPool,
    upstream: &Upstream,
    settings: &Settings,
    window: (DateTime<Utc>, DateTime<Utc>),
) -> anyhow::Result<Option<Report>> {
    let Some(key) = &settings.openaq.api_key else {
        tracing::info!("OpenAQ skipped: no API key (set SMARTCITY_OPENAQ__API_KEY to ingest it)");
        return Ok(None);
    };
    let mut headers = HeaderMap::new();
    let mut key = HeaderValue::from_str(key.expose_secret())?;
    key.set_sensitive(true);
    headers.insert("x-api-key", key);

    let mut run = Run::start(pool, SOURCE, Some(window)).await?;
    let outcome = fetch_all(pool, upstream, &mut run, &headers, settings, window).await;
    Ok(Some(run.finish(pool, outcome.err().map(|e| format!("{e:#}"))).await?))
}

/// Every sensor near the city; an error here stops the run (a failing sensor only fails itself).
async fn fetch_all(
    pool: &PgPool,
    upstream: &Upstream,
    run: &mut Run,
    headers: &HeaderMap,
    settings: &Settings,
    window: (DateTime<Utc>, DateTime<Utc>),
) -> anyhow::Result<()> {
    let base = Url::parse(&settings.openaq.base_url)?;
    let sensors = locate_sensors(pool, upstream, run, &base, headers, settings).await?;
    tracing::info!(sensors = sensors.len(), "OpenAQ sensors near the city");
    let progress = crate::progress::count_progress(sensors.len() as u64, "OpenAQ sensors");
    for sensor in &sensors {
        fetch_sensor(pool, upstream, run, &base, headers, sensor, window).await?;
        progress.inc(1);
        progress.set_message(format!("{} values", run.fetched));
    }
    progress.finish_and_clear();
    Ok(())
}

async fn locate_sensors(
    pool: &PgPool,
    upstream: &Upstream,
    run: &mut Run,
    base: &Url,
    headers: &HeaderMap,
    settings: &Settings,
) -> anyhow::Result<Vec<Tracked>> {
    let city = &settings.city;
    let mut tracked = Vec::new();
    for page in 1.. {
        let mut url = base.join("/v3/locations")?;
        url.query_pairs_mut()
            .append_pair("coordinates", &format!("{:.5},{:.5}", city.latitude, city.longitude))
            .append_pair("radius", &format!("{}", (city.radius_km * 1000.0).round() as u64))
            .append_pair("limit", &PAGE_LIMIT.to_string())
            .append_pair("page", &page.to_string());
        let locations: Page<Location> = upstream.get_json(run.id, SOURCE, url, headers.clone()).await?;
        for location in &locations.results {
            let source_ref = location.id.to_string();
            let name = location.name.clone().unwrap_or_else(|| format!("OpenAQ location {}", location.id));
            let station = Station {
                source: SOURCE,
                source_ref: &source_ref,
                code: None,
                name: &name,
                kind: "air_quality",
                latitude: location.coordinates.as_ref().map(|c| c.latitude),
                longitude: location.coordinates.as_ref().map(|c| c.longitude),
                elevation_m: None,
            };
            let station_id = store::upsert_station(pool, &station).await?;
            for sensor in &location.sensors {
                let Some(variable) = units::variable(&sensor.parameter.name).filter(|v| v.unit == units::MICROGRAMS)
                else {
                    continue;
                };
                let id = store::upsert_sensor(pool, station_id, &sensor.id.to_string(), variable.name, variable.unit)
                    .await?;
                tracked.push(Tracked { id, openaq_id: sensor.id, variable });
            }
        }
        if !locations.has_more(page) {
            break;
        }
    }
    Ok(tracked)
}

async fn fetch_sensor(
    pool: &PgPool,
    upstream: &Upstream,
    run: &mut Run,
    base: &Url,
    headers: &HeaderMap,
    sensor: &Tracked,
    (from, to): (DateTime<Utc>, DateTime<Utc>),
) -> anyhow::Result<()> {
    for page in 1.. {
        let mut url = base.join(&format!("/v3/sensors/{}/hours", sensor.openaq_id))?;
        url.query_pairs_mut()
            .append_pair("datetime_from", &from.to_rfc3339_opts(SecondsFormat::Secs, true))
            .append_pair("datetime_to", &to.to_rfc3339_opts(SecondsFormat::Secs, true))
            .append_pair("limit", &PAGE_LIMIT.to_string())
            .append_pair("page", &page.to_string());
        let values: Page<Value> = match upstream.get_json(run.id, SOURCE, url, headers.clone()).await {
            Ok(values) => values,
            Err(e) => {
                run.fail(format!("sensor {} page {page}", sensor.openaq_id), e.to_string());
                return Ok(());
            }
        };
        let mut rows = Vec::with_capacity(values.results.len());
        for value in &values.results {
            let Some(raw) = value.value else { continue };
            run.fetched += 1;
            let (start, end) = (value.period.datetime_from.utc, value.period.datetime_to.utc);
            match sensor.variable.normalise(raw, &value.parameter.units) {
                Ok(v) if end > start => rows.push(Measurement { sensor_id: sensor.id, start, end, value: v }),
                Ok(_) => run.reject(format!("sensor {} at {start}", sensor.openaq_id), "period ends before it starts"),
                Err(reason) => run.reject(format!("sensor {} at {start}", sensor.openaq_id), reason),
            }
        }
        run.written += store::upsert_measurements(pool, run.id, &rows).await?;
        if !values.has_more(page) {
            return Ok(());
        }
    }
    Ok(())
}
