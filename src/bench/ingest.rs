//! `smartcity bench ingest`: a back-fill of a million and more measurement rows through the
//! ingestors' upsert, against a plain `COPY` of the same rows into a table of the same shape.
//! The rows are the real hourly Beijing (Aotizhongxin, 2013-2017) values of six pollutants, written
//! for several benchmark stations so that their count passes a million; they are deleted after.

use std::path::Path;
use std::time::Instant;

use anyhow::Context;
use chrono::{Duration, NaiveDate, TimeZone, Utc};
use sqlx::PgPool;

use crate::ingest::run::Run;
use crate::ingest::store::{self, Measurement, Station};

const POLLUTANTS: [(&str, &str); 6] =
    [("PM2.5", "pm25"), ("PM10", "pm10"), ("SO2", "so2"), ("NO2", "no2"), ("CO", "co"), ("O3", "o3")];

/// The file's hourly values: (hour start in UTC, column, value); Beijing is UTC+8 all year.
fn read(path: &Path) -> anyhow::Result<Vec<(chrono::DateTime<Utc>, usize, f64)>> {
    let mut reader = csv::Reader::from_path(path).with_context(|| format!("cannot read {}", path.display()))?;
    let headers = reader.headers()?.clone();
    let column = |name: &str| headers.iter().position(|h| h == name).with_context(|| format!("no {name} column"));
    let (year, month, day, hour) = (column("year")?, column("month")?, column("day")?, column("hour")?);
    let columns: Vec<usize> = POLLUTANTS.iter().map(|(name, _)| column(name)).collect::<anyhow::Result<_>>()?;
    let mut values = Vec::new();
    for record in reader.records() {
        let record = record?;
        let number = |i: usize| record.get(i).and_then(|v| v.parse::<u32>().ok());
        let (Some(y), Some(m), Some(d), Some(h)) = (number(year), number(month), number(day), number(hour)) else {
            continue;
        };
        let Some(local) = NaiveDate::from_ymd_opt(y as i32, m, d).and_then(|d| d.and_hms_opt(h, 0, 0)) else {
            continue;
        };
        let start = Utc.from_utc_datetime(&(local - Duration::hours(8)));
        for (k, i) in columns.iter().enumerate() {
            if let Some(v) = record.get(*i).and_then(|v| v.parse::<f64>().ok()) {
                values.push((start, k, v));
            }
        }
    }
    Ok(values)
}

pub async fn run(pool: &PgPool, file: &Path, copies: usize) -> anyhow::Result<String> {
    let values = read(file)?;
    let run = Run::start(pool, "benchmark", None).await?;
    let rows = station_rows(pool, &values, copies, "upsert").await?;
    let copied = station_rows(pool, &values, copies, "copy").await?;
    let count = rows.len();

    // The same rows, for other benchmark stations, copied plainly into the same table first.
    let mut conn = pool.acquire().await?;
    let started = Instant::now();
    let mut text = String::with_capacity(count * 64);
    for row in &copied {
        use std::fmt::Write;
        let _ = writeln!(
            text,
            "{}\t{}\t{}\t{}\t{}",
            row.sensor_id,
            row.start.to_rfc3339(),
            row.end.to_rfc3339(),
            row.value,
            run.id
        );
    }
    let mut copy = conn.copy_in_raw(include_str!("sql/copy.sql")).await?;
    copy.send(text.as_bytes()).await?;
    copy.finish().await?;
    let plain = started.elapsed().as_secs_f64();
    drop(conn);

    let started = Instant::now();
    let written = store::upsert_measurements(pool, run.id, &rows).await?;
    let upsert = started.elapsed().as_secs_f64();
    let again = Instant::now();
    let rewritten = store::upsert_measurements(pool, run.id, &rows).await?;
    let unchanged = again.elapsed().as_secs_f64();

    run.finish(pool, None).await?;
    sqlx::query(include_str!("sql/delete_stations.sql")).execute(pool).await?;

    Ok(format!(
        "| measure | rows | seconds | rows/s |\n|---|---|---|---|\n\
         | plain `COPY` into `measurements` (other benchmark stations) | {count} | {plain:.1} | {:.0} |\n\
         | back-fill through the ingestors' upsert ({} inserted) | {count} | {upsert:.1} | {:.0} |\n\
         | the same rows again (nothing changes, {} written) | {count} | {unchanged:.1} | {:.0} |\n\
         \nUpsert rate / COPY rate: {:.2} (goal ≥ 0.5).\n",
        count as f64 / plain,
        written.inserted,
        count as f64 / upsert,
        rewritten.inserted + rewritten.updated,
        count as f64 / unchanged,
        plain / upsert
    ))
}

/// The rows for `copies` benchmark stations named after `purpose`.
async fn station_rows(
    pool: &PgPool,
    values: &[(chrono::DateTime<Utc>, usize, f64)],
    copies: usize,
    purpose: &str,
) -> anyhow::Result<Vec<Measurement>> {
    let mut rows = Vec::with_capacity(values.len() * copies);
    for copy in 1..=copies {
        let source_ref = format!("beijing-aotizhongxin-{purpose}-{copy}");
        let name = format!("Benchmark copy {copy} of Beijing Aotizhongxin (real 2013-2017 hourly values)");
        let station = Station {
            source: "benchmark",
            source_ref: &source_ref,
            code: None,
            name: &name,
            kind: "air_quality",
            latitude: None,
            longitude: None,
            elevation_m: None,
        };
        let station_id = store::upsert_station(pool, &station).await?;
        let mut sensors = Vec::new();
        for (column, variable) in POLLUTANTS {
            sensors.push(store::upsert_sensor(pool, station_id, column, variable, "µg/m³").await?);
        }
        rows.extend(values.iter().map(|(start, k, value)| Measurement {
            sensor_id: sensors[*k],
            start: *start,
            end: *start + Duration::hours(1),
            value: *value,
        }));
    }
    Ok(rows)
}
