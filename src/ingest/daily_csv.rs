//! Daily series already aggregated elsewhere, one value per station, variable and date:
//! `station_code,station_name,latitude,longitude,parameter,unit,date,value`.
//! A daily value keeps its own date: its period is that date, 00:00 to 24:00 UTC.

use std::collections::HashMap;
use std::path::Path;

use anyhow::{Context, bail};
use chrono::{Days, NaiveDate};
use sqlx::PgPool;

use super::run::{Report, Run};
use super::store::{self, Measurement, Station};
use super::{files, units};

pub const SOURCE: &str = "csv";
const HEADER: [&str; 8] =
    ["station_code", "station_name", "latitude", "longitude", "parameter", "unit", "date", "value"];

struct Row {
    station_code: String,
    station_name: String,
    latitude: Option<f64>,
    longitude: Option<f64>,
    variable: units::Variable,
    date: NaiveDate,
    value: f64,
}

pub async fn import(pool: &PgPool, path: &Path) -> anyhow::Result<Report> {
    let (rows, rejects) = {
        let path = path.to_path_buf();
        tokio::task::spawn_blocking(move || parse(&path)).await??
    };
    let mut run = Run::start(pool, "daily-csv", None).await?;
    run.fetched = (rows.len() + rejects.len()) as i64;
    for (line, reason) in rejects {
        run.reject(format!("{} line {line}", path.display()), reason);
    }
    let error = match store_rows(pool, &mut run, &rows).await {
        Ok(()) => None,
        Err(e) => Some(format!("database write failed: {e}")),
    };
    Ok(run.finish(pool, error).await?)
}

async fn store_rows(pool: &PgPool, run: &mut Run, rows: &[Row]) -> sqlx::Result<()> {
    let mut sensors: HashMap<(&str, &str), i64> = HashMap::new();
    let mut measurements = Vec::with_capacity(rows.len());
    for row in rows {
        let key = (row.station_code.as_str(), row.variable.name);
        let sensor_id = match sensors.get(&key) {
            Some(id) => *id,
            None => {
                let kind = if row.variable.unit == units::MICROGRAMS || row.variable.unit == "EAQI" {
                    "air_quality"
                } else {
                    "weather"
                };
                let station = Station {
                    source: SOURCE,
                    source_ref: &row.station_code,
                    code: Some(&row.station_code),
                    name: &row.station_name,
                    kind,
                    latitude: row.latitude,
                    longitude: row.longitude,
                    elevation_m: None,
                };
                let station_id = store::upsert_station(pool, &station).await?;
                let sensor_ref = format!("{}:daily", row.variable.name);
                let id =
                    store::upsert_sensor(pool, station_id, &sensor_ref, row.variable.name, row.variable.unit).await?;
                sensors.insert(key, id);
                id
            }
        };
        let start = row.date.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc();
        let end = (row.date + Days::new(1)).and_hms_opt(0, 0, 0).expect("midnight exists").and_utc();
        run.cover(start);
        measurements.push(Measurement { sensor_id, start, end, value: row.value });
    }
    run.written = store::upsert_measurements(pool, run.id, &measurements).await?;
    Ok(())
}

fn parse(path: &Path) -> anyhow::Result<(Vec<Row>, files::Rejects)> {
    let (reader, progress) = files::open(path)?;
    // Records end at `\n` only: csv ends a CRLF record at `\r` and counts its `\n` in the next
    // record, one line short. The `\r` left in the last field is trimmed like other blanks.
    let mut csv = csv::ReaderBuilder::new().flexible(true).terminator(csv::Terminator::Any(b'\n')).from_reader(reader);
    let headers = csv.headers().with_context(|| format!("{} is not a readable CSV file", path.display()))?;
    let found: Vec<&str> = headers.iter().map(|h| h.trim().trim_start_matches('\u{feff}')).collect();
    if found != HEADER {
        bail!("{} is not a daily-series CSV: expected the header {}", path.display(), HEADER.join(","));
    }
    let (mut rows, mut rejects) = (Vec::new(), Vec::new());
    for (count, record) in csv.records().enumerate() {
        files::tick(&progress, count as u64 + 1);
        let record = match record {
            Ok(record) => record,
            Err(e) => {
                rejects.push((e.position().map(|p| p.line()).unwrap_or(0), format!("unreadable row: {e}")));
                continue;
            }
        };
        if record.iter().all(|f| f.trim().is_empty()) {
            continue;
        }
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        match parse_row(&record) {
            Ok(row) => rows.push(row),
            Err(reason) => rejects.push((line, reason)),
        }
    }
    progress.finish_and_clear();
    Ok((rows, rejects))
}

fn parse_row(record: &csv::StringRecord) -> Result<Row, String> {
    if record.len() != HEADER.len() {
        return Err(format!("{} fields instead of {}", record.len(), HEADER.len()));
    }
    let field = |i: usize| record.get(i).unwrap_or("").trim();
    let optional_number = |i: usize| -> Result<Option<f64>, String> {
        match field(i) {
            "" => Ok(None),
            raw => raw.parse().map(Some).map_err(|_| format!("{} {raw:?} is not a number", HEADER[i])),
        }
    };
    let station_code = field(0);
    if station_code.is_empty() {
        return Err("no station_code".into());
    }
    let latitude = optional_number(2)?.filter(|l| (-90.0..=90.0).contains(l));
    let longitude = optional_number(3)?.filter(|l| (-180.0..=180.0).contains(l));
    let variable = units::variable(field(4)).ok_or_else(|| format!("unknown parameter {:?}", field(4)))?;
    let date = NaiveDate::parse_from_str(field(6), "%Y-%m-%d")
        .map_err(|_| format!("date {:?} is not YYYY-MM-DD", field(6)))?;
    let raw = optional_number(7)?.ok_or("no value")?;
    let value = variable.normalise(raw, field(5))?;
    Ok(Row {
        station_code: station_code.to_string(),
        station_name: if field(1).is_empty() { station_code.to_string() } else { field(1).to_string() },
        latitude,
        longitude,
        variable,
        date,
        value,
    })
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use crate::fuzz;

    const TOKENS: &[&str] = &[
        "FR07004",
        "Montferrand",
        "45.79",
        "3.11",
        "pm25",
        "pm10",
        "no2",
        "temperature",
        "µg/m³",
        "ppm",
        "°C",
        "K",
        "2020-01-01",
        "2020-02-30",
        "01/01/2020",
        "",
        "26.3",
        "-5",
    ];

    proptest! {
        #![proptest_config(fuzz::config())]
        #[test]
        fn any_file_parses_or_fails_cleanly(bytes in fuzz::file("station_code,station_name,latitude,longitude,parameter,unit,date,value", ',', 8, TOKENS)) {
            let file = tempfile::NamedTempFile::new().unwrap();
            std::fs::write(file.path(), &bytes).unwrap();
            let path = file.path().to_path_buf();
            if let Ok((rows, _)) = fuzz::returns(move || super::parse(&path)) {
                for row in &rows {
                    prop_assert!(row.value.is_finite() && !row.station_code.is_empty());
                    prop_assert!(row.latitude.is_none_or(|l| (-90.0..=90.0).contains(&l)));
                }
            }
        }
    }
}
