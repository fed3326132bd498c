//! Idempotent writes: stations, sensors, measurements and weather observations, upserted in batches.

use std::collections::HashMap;

use chrono::{DateTime, Utc};
use sqlx::PgPool;

const BATCH: usize = 5_000;
/// Bytes of COPY text sent at a time.
const COPY_CHUNK: usize = 1 << 20;

pub struct Station<'a> {
    pub source: &'a str,
    pub source_ref: &'a str,
    pub code: Option<&'a str>,
    pub name: &'a str,
    pub kind: &'a str,
    pub latitude: Option<f64>,
    pub longitude: Option<f64>,
    pub elevation_m: Option<f64>,
}

#[derive(Debug, Clone, Copy)]
pub struct Measurement {
    pub sensor_id: i64,
    pub start: DateTime<Utc>,
    pub end: DateTime<Utc>,
    pub value: f64,
}

#[derive(Debug, Clone, Default)]
pub struct Weather {
    pub station_id: i64,
    pub observed_at: DateTime<Utc>,
    pub temperature_c: Option<f64>,
    pub dew_point_c: Option<f64>,
    pub humidity_pct: Option<f64>,
    pub wind_speed_ms: Option<f64>,
    pub wind_gust_ms: Option<f64>,
    pub wind_direction_deg: Option<f64>,
    pub pressure_msl_hpa: Option<f64>,
    pub pressure_station_hpa: Option<f64>,
    pub precipitation_mm: Option<f64>,
    pub precipitation_hours: Option<i16>,
    pub visibility_m: Option<f64>,
    pub cloud_cover_pct: Option<f64>,
}

/// Rows written by an upsert; rows sent but not counted were already there, unchanged.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Upserted {
    pub inserted: i64,
    pub updated: i64,
}

impl std::ops::AddAssign for Upserted {
    fn add_assign(&mut self, other: Self) {
        self.inserted += other.inserted;
        self.updated += other.updated;
    }
}

#[tracing::instrument(name = "db.upsert_station", skip_all, fields(source = station.source, source_ref = station.source_ref))]
pub async fn upsert_station(pool: &PgPool, station: &Station<'_>) -> sqlx::Result<i64> {
    sqlx::query_scalar(include_str!("sql/upsert_station.sql"))
        .bind(station.source)
        .bind(station.source_ref)
        .bind(station.code)
        .bind(station.name)
        .bind(station.kind)
        .bind(station.latitude)
        .bind(station.longitude)
        .bind(station.elevation_m)
        .fetch_one(pool)
        .await
}

#[tracing::instrument(name = "db.upsert_sensor", skip(pool))]
pub async fn upsert_sensor(
    pool: &PgPool,
    station_id: i64,
    source_ref: &str,
    parameter: &str,
    unit: &str,
) -> sqlx::Result<i64> {
    sqlx::query_scalar(include_str!("sql/upsert_sensor.sql"))
        .bind(station_id)
        .bind(source_ref)
        .bind(parameter)
        .bind(unit)
        .fetch_one(pool)
        .await
}

/// Writes measurements: copied into a staging table (COPY is the fast way in), then upserted from
/// it in one statement.
#[tracing::instrument(name = "db.upsert_measurements", skip_all, fields(rows = rows.len()))]
pub async fn upsert_measurements(pool: &PgPool, run_id: i64, rows: &[Measurement]) -> sqlx::Result<Upserted> {
    if rows.is_empty() {
        return Ok(Upserted::default());
    }
    // A key twice in one statement is an error for ON CONFLICT: the last value wins.
    let mut unique: HashMap<(i64, DateTime<Utc>, DateTime<Utc>), f64> = HashMap::with_capacity(rows.len());
    for row in rows {
        unique.insert((row.sensor_id, row.start, row.end), row.value);
    }
    let mut tx = pool.begin().await?;
    sqlx::query(include_str!("sql/staging_measurements.sql")).execute(&mut *tx).await?;
    let mut copy = tx.copy_in_raw(include_str!("sql/copy_staging.sql")).await?;
    let mut text = String::with_capacity(COPY_CHUNK * 2);
    for ((sensor, start, end), value) in &unique {
        use std::fmt::Write;
        let _ = writeln!(text, "{sensor}\t{}\t{}\t{value}", start.to_rfc3339(), end.to_rfc3339());
        if text.len() >= COPY_CHUNK {
            copy.send(text.as_bytes()).await?;
            text.clear();
        }
    }
    copy.send(text.as_bytes()).await?;
    copy.finish().await?;
    let (inserted, updated): (i64, i64) =
        sqlx::query_as(include_str!("sql/upsert_measurements.sql")).bind(run_id).fetch_one(&mut *tx).await?;
    tx.commit().await?;
    Ok(Upserted { inserted, updated })
}

#[tracing::instrument(name = "db.upsert_weather", skip_all, fields(rows = rows.len()))]
pub async fn upsert_weather(pool: &PgPool, run_id: i64, rows: &[Weather]) -> sqlx::Result<Upserted> {
    let mut unique: HashMap<(i64, DateTime<Utc>), &Weather> = HashMap::with_capacity(rows.len());
    for row in rows {
        unique.insert((row.station_id, row.observed_at), row);
    }
    let rows: Vec<&Weather> = unique.into_values().collect();
    let mut total = Upserted::default();
    for batch in rows.chunks(BATCH) {
        let column = |f: fn(&Weather) -> Option<f64>| batch.iter().map(|w| f(w)).collect::<Vec<_>>();
        let (inserted, updated): (i64, i64) = sqlx::query_as(include_str!("sql/upsert_weather.sql"))
            .bind(batch.iter().map(|w| w.station_id).collect::<Vec<_>>())
            .bind(batch.iter().map(|w| w.observed_at).collect::<Vec<_>>())
            .bind(column(|w| w.temperature_c))
            .bind(column(|w| w.dew_point_c))
            .bind(column(|w| w.humidity_pct))
            .bind(column(|w| w.wind_speed_ms))
            .bind(column(|w| w.wind_gust_ms))
            .bind(column(|w| w.wind_direction_deg))
            .bind(column(|w| w.pressure_msl_hpa))
            .bind(column(|w| w.pressure_station_hpa))
            .bind(column(|w| w.precipitation_mm))
            .bind(batch.iter().map(|w| w.precipitation_hours).collect::<Vec<_>>())
            .bind(column(|w| w.visibility_m))
            .bind(column(|w| w.cloud_cover_pct))
            .bind(run_id)
            .fetch_one(pool)
            .await?;
        total += Upserted { inserted, updated };
    }
    Ok(total)
}

impl Weather {
    pub fn is_empty(&self) -> bool {
        [
            self.temperature_c,
            self.dew_point_c,
            self.humidity_pct,
            self.wind_speed_ms,
            self.wind_gust_ms,
            self.wind_direction_deg,
            self.pressure_msl_hpa,
            self.pressure_station_hpa,
            self.precipitation_mm,
            self.visibility_m,
            self.cloud_cover_pct,
        ]
        .iter()
        .all(Option::is_none)
    }

    /// Refuses physically impossible values (sentinels such as −999 included).
    pub fn validate(&self) -> Result<(), String> {
        let checks = [
            ("temperature", self.temperature_c, -90.0, 60.0),
            ("dew point", self.dew_point_c, -100.0, 40.0),
            ("humidity", self.humidity_pct, 0.0, 100.0),
            ("wind speed", self.wind_speed_ms, 0.0, 120.0),
            ("wind gust", self.wind_gust_ms, 0.0, 150.0),
            ("wind direction", self.wind_direction_deg, 0.0, 360.0),
            ("sea-level pressure", self.pressure_msl_hpa, 850.0, 1100.0),
            ("station pressure", self.pressure_station_hpa, 500.0, 1100.0),
            ("precipitation", self.precipitation_mm, 0.0, 500.0),
            ("visibility", self.visibility_m, 0.0, 100_000.0),
            ("cloud cover", self.cloud_cover_pct, 0.0, 100.0),
        ];
        for (name, value, min, max) in checks {
            if let Some(v) = value
                && !(min..=max).contains(&v)
            {
                return Err(format!("{name} {v} is impossible"));
            }
        }
        Ok(())
    }
}
