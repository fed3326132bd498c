//! Météo-France SYNOP files ("données SYNOP essentielles OMM"): semicolon-separated, `mq` = missing,
//! Kelvin and Pascal, one row per station and 3-hourly observation.

use std::path::Path;

use anyhow::{Context, bail};
use chrono::{NaiveDateTime, Utc};
use sqlx::PgPool;

use super::files;
use super::run::{Report, Run};
use super::store::{self, Station, Weather};
use crate::config::Synop as SynopStation;

pub const SOURCE: &str = "meteo-france-synop";

struct Columns {
    station: usize,
    date: usize,
    fields: Vec<(&'static str, Option<usize>)>,
}

/// Imports the rows of the configured station; other stations' rows are skipped.
pub async fn import(pool: &PgPool, station: &SynopStation, path: &Path) -> anyhow::Result<Report> {
    let (rows, skipped, rejects, window) = {
        let path = path.to_path_buf();
        let wanted = station.station_id.clone();
        tokio::task::spawn_blocking(move || parse(&path, &wanted)).await??
    };
    let station_id = store::upsert_station(
        pool,
        &Station {
            source: SOURCE,
            source_ref: &station.station_id,
            code: Some(&station.station_id),
            name: &station.name,
            kind: "weather",
            latitude: Some(station.latitude),
            longitude: Some(station.longitude),
            elevation_m: Some(station.elevation_m),
        },
    )
    .await?;
    let mut run = Run::start(pool, "synop-file", None).await?;
    run.fetched = (rows.len() + rejects.len()) as i64;
    run.window = window;
    for (line, reason) in rejects {
        run.reject(format!("{} line {line}", path.display()), reason);
    }
    let rows: Vec<Weather> = rows.into_iter().map(|w| Weather { station_id, ..w }).collect();
    if skipped > 0 {
        tracing::info!(skipped, station = %station.station_id, "rows of other stations skipped");
    }
    let error = match store::upsert_weather(pool, run.id, &rows).await {
        Ok(written) => {
            run.written = written;
            None
        }
        Err(e) => Some(format!("database write failed: {e}")),
    };
    Ok(run.finish(pool, error).await?)
}

type Parsed = (Vec<Weather>, usize, files::Rejects, Option<(chrono::DateTime<Utc>, chrono::DateTime<Utc>)>);

fn parse(path: &Path, wanted: &str) -> anyhow::Result<Parsed> {
    let (reader, progress) = files::open(path)?;
    let mut csv = csv::ReaderBuilder::new().delimiter(b';').flexible(true).from_reader(reader);
    let headers = csv.headers().with_context(|| format!("{} is not a readable CSV file", path.display()))?.clone();
    let find = |name: &str| headers.iter().position(|h| h.trim() == name);
    let (Some(station), Some(date), Some(_)) = (find("numer_sta"), find("date"), find("t")) else {
        bail!("{} is not a Météo-France SYNOP file: its header has no numer_sta;date;t columns", path.display());
    };
    let columns = Columns {
        station,
        date,
        fields: ["t", "td", "u", "ff", "raf10", "dd", "pmer", "pres", "rr3", "vv", "n"]
            .into_iter()
            .map(|f| (f, find(f)))
            .collect(),
    };

    let (mut rows, mut skipped, mut rejects, mut window) = (Vec::new(), 0, Vec::new(), None);
    let mut record = csv::StringRecord::new();
    let mut count = 0u64;
    loop {
        match csv.read_record(&mut record) {
            Ok(false) => break,
            Ok(true) => {}
            Err(e) => {
                let line = e.position().map(|p| p.line()).unwrap_or(0);
                rejects.push((line, format!("unreadable row: {e}")));
                continue;
            }
        }
        count += 1;
        files::tick(&progress, count);
        let line = record.position().map(|p| p.line()).unwrap_or(0);
        if record.get(columns.station).map(str::trim) != Some(wanted) {
            skipped += 1;
            continue;
        }
        match parse_row(&record, &columns) {
            Ok(row) => {
                window = Some(match window {
                    Some((from, to)) => (row.observed_at.min(from), row.observed_at.max(to)),
                    None => (row.observed_at, row.observed_at),
                });
                rows.push(row);
            }
            Err(reason) => rejects.push((line, reason)),
        }
    }
    progress.finish_and_clear();
    Ok((rows, skipped, rejects, window))
}

fn parse_row(record: &csv::StringRecord, columns: &Columns) -> Result<Weather, String> {
    let date = record.get(columns.date).unwrap_or("").trim();
    let observed_at = NaiveDateTime::parse_from_str(date, "%Y%m%d%H%M%S")
        .map_err(|_| format!("date {date:?} is not YYYYMMDDHHMMSS"))?
        .and_utc();
    let value = |name: &str| -> Result<Option<f64>, String> {
        let index = columns.fields.iter().find(|(f, _)| *f == name).and_then(|(_, i)| *i);
        let raw = index.and_then(|i| record.get(i)).unwrap_or("").trim();
        if raw.is_empty() || raw == "mq" {
            return Ok(None);
        }
        raw.parse::<f64>().map(Some).map_err(|_| format!("{name} {raw:?} is not a number"))
    };
    let celsius = |kelvin: Option<f64>| kelvin.map(|k| k - 273.15);
    let hpa = |pa: Option<f64>| pa.map(|p| p / 100.0);
    // rr3 = -0.1 marks a trace of rain: it counts as 0.
    let rr3 = value("rr3")?.map(|mm| if mm == -0.1 { 0.0 } else { mm });
    let row = Weather {
        station_id: 0,
        observed_at,
        temperature_c: celsius(value("t")?),
        dew_point_c: celsius(value("td")?),
        humidity_pct: value("u")?,
        wind_speed_ms: value("ff")?,
        wind_gust_ms: value("raf10")?,
        wind_direction_deg: value("dd")?,
        pressure_msl_hpa: hpa(value("pmer")?),
        pressure_station_hpa: hpa(value("pres")?),
        precipitation_mm: rr3,
        precipitation_hours: rr3.map(|_| 3),
        visibility_m: value("vv")?,
        // n = 101 codes a sky hidden by fog or precipitation: cover unknown.
        cloud_cover_pct: value("n")?.filter(|n| *n != 101.0),
    };
    row.validate()?;
    Ok(row)
}

#[cfg(test)]
mod tests {
    use proptest::prelude::*;

    use crate::fuzz;

    const HEADER: &str = "numer_sta;date;pmer;tend;cod_tend;dd;ff;t;td;u;vv;ww;w1;w2;n;nbas;hbas;cl;cm;ch;pres;niv_bar;geop;tend24;tn12;tn24;tx12;tx24;tminsol;sw;tw;raf10;rafper;per;etat_sol;ht_neige;ssfrai;perssfrai;rr1;rr3;rr6;rr12;rr24";
    const TOKENS: &[&str] =
        &["07460", "07460", "07481", "mq", "", "20200101000000", "20201332250000", "2020", "-0.1", "101", "271.45"];

    proptest! {
        #![proptest_config(fuzz::config())]
        #[test]
        fn any_file_parses_or_fails_cleanly(bytes in fuzz::file(HEADER, ';', 43, TOKENS)) {
            let file = tempfile::NamedTempFile::new().unwrap();
            std::fs::write(file.path(), &bytes).unwrap();
            let path = file.path().to_path_buf();
            if let Ok((rows, _, _, window)) = fuzz::returns(move || super::parse(&path, "07460")) {
                for row in &rows {
                    prop_assert!(row.validate().is_ok(), "{row:?}");
                    let (from, to) = window.expect("rows have a window");
                    prop_assert!(from <= row.observed_at && row.observed_at <= to);
                }
            }
        }
    }
}
