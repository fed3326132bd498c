//! The real Clermont-Ferrand files, imported twice; corrupt and wrong files.

use std::io::Write;

use chrono::{DateTime, Utc};
use smartcity::Settings;
use smartcity::ingest::{Status, daily_csv, synop};
use sqlx::PgPool;

use crate::helpers::{data_dir, shared_data, smartcity_command};

const SYNOP_2020: &str = "clermont/synop_07460_2020.csv";
const PM25_DAILY: &str = "clermont/pm25_daily_2020_stations.csv";

/// Rows and distinct observation times of the SYNOP file (it holds one row twice).
fn synop_rows() -> (i64, i64) {
    let text = std::fs::read_to_string(shared_data(SYNOP_2020)).unwrap();
    let dates: Vec<&str> = text.lines().skip(1).map(|l| l.split(';').nth(1).unwrap()).collect();
    let distinct: std::collections::HashSet<&str> = dates.iter().copied().collect();
    (dates.len() as i64, distinct.len() as i64)
}

/// The raw SYNOP row at `date` (YYYYMMDDHHMMSS), field by header name, read independently of the importer.
fn synop_field(date: &str, field: &str) -> f64 {
    let text = std::fs::read_to_string(shared_data(SYNOP_2020)).unwrap();
    let header: Vec<&str> = text.lines().next().unwrap().split(';').collect();
    let row: Vec<&str> = text.lines().find(|l| l.starts_with(&format!("07460;{date}"))).unwrap().split(';').collect();
    row[header.iter().position(|h| *h == field).unwrap()].parse().unwrap()
}

#[sqlx::test]
async fn synop_2020_imports_in_celsius_and_hectopascals_twice_identically(pool: PgPool) {
    let settings = Settings::default();
    let report = synop::import(&pool, &settings.synop, &shared_data(SYNOP_2020)).await.unwrap();
    assert_eq!(report.status, Status::Succeeded, "{report}");
    let (rows, distinct) = synop_rows();
    assert_eq!(report.fetched, rows);
    assert_eq!(report.written.inserted, distinct);

    let (t, pmer, pres, u): (f64, f64, f64, f64) = sqlx::query_as(
        "SELECT temperature_c, pressure_msl_hpa, pressure_station_hpa, humidity_pct FROM weather_observations WHERE observed_at = '2020-03-15T12:00:00Z'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert!((t - (synop_field("20200315120000", "t") - 273.15)).abs() < 1e-9);
    assert!((t - 18.1).abs() < 1e-9);
    assert!((pmer - synop_field("20200315120000", "pmer") / 100.0).abs() < 1e-9);
    assert!((pres - synop_field("20200315120000", "pres") / 100.0).abs() < 1e-9);
    assert_eq!(u, synop_field("20200315120000", "u"));

    let (first, last): (DateTime<Utc>, DateTime<Utc>) =
        sqlx::query_as("SELECT window_start, window_end FROM ingest_runs WHERE id = $1")
            .bind(report.run_id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(first, "2020-01-01T00:00:00Z".parse::<DateTime<Utc>>().unwrap());
    assert_eq!(last.date_naive().to_string(), "2020-12-31");

    let again = synop::import(&pool, &settings.synop, &shared_data(SYNOP_2020)).await.unwrap();
    assert_eq!((again.written.inserted, again.written.updated, again.unchanged()), (0, 0, rows));
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM weather_observations").fetch_one(&pool).await.unwrap();
    assert_eq!(stored, distinct);
}

#[sqlx::test]
async fn synop_gzip_is_read_like_the_plain_file(pool: PgPool) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("synop.202003.csv.gz");
    let mut gz = flate2::write::GzEncoder::new(std::fs::File::create(&path).unwrap(), flate2::Compression::fast());
    gz.write_all(&std::fs::read(shared_data(SYNOP_2020)).unwrap()).unwrap();
    gz.finish().unwrap();
    let report = synop::import(&pool, &Settings::default().synop, &path).await.unwrap();
    assert_eq!(report.written.inserted, synop_rows().1);
    // Trace rain (rr3 = -0.1) counts as 0 and missing values (mq) stay missing.
    let traces: i64 = sqlx::query_scalar("SELECT count(*) FROM weather_observations WHERE precipitation_mm < 0")
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(traces, 0);
}

#[sqlx::test]
async fn daily_pm25_imports_four_stations_twice_identically(pool: PgPool) {
    let report = daily_csv::import(&pool, &shared_data(PM25_DAILY)).await.unwrap();
    assert_eq!(report.status, Status::Succeeded, "{report}");
    assert_eq!((report.fetched, report.written.inserted), (1263, 1263));
    let stations: Vec<String> =
        sqlx::query_scalar("SELECT code FROM stations ORDER BY code").fetch_all(&pool).await.unwrap();
    assert_eq!(stations, ["FR07004", "FR07022", "FR07034", "FR07052"]);

    let value = |code: &'static str, day: &'static str| {
        let pool = pool.clone();
        async move {
            sqlx::query_scalar::<_, f64>(
                "SELECT m.value FROM measurements m JOIN sensors s ON s.id = m.sensor_id JOIN stations st ON st.id = s.station_id
                 WHERE st.code = $1 AND s.parameter = 'pm25' AND m.period_start = $2::date AND m.period_end = $2::date + 1",
            )
            .bind(code)
            .bind(day)
            .fetch_one(&pool)
            .await
            .unwrap()
        }
    };
    let file = std::fs::read_to_string(shared_data(PM25_DAILY)).unwrap();
    for (code, day) in [("FR07004", "2020-01-01"), ("FR07034", "2020-07-14"), ("FR07052", "2020-12-31")] {
        let expected: f64 = file
            .lines()
            .find(|l| l.starts_with(code) && l.contains(&format!(",{day},")))
            .and_then(|l| l.rsplit(',').next())
            .unwrap()
            .parse()
            .unwrap();
        assert_eq!(value(code, day).await, expected, "{code} {day}");
    }

    let again = daily_csv::import(&pool, &shared_data(PM25_DAILY)).await.unwrap();
    assert_eq!((again.written.inserted, again.written.updated, again.unchanged()), (0, 0, 1263));
}

#[sqlx::test]
async fn a_corrupt_file_imports_its_good_rows_and_reports_the_bad_ones_by_line(pool: PgPool) {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("corrupt.csv");
    let good: Vec<String> =
        std::fs::read_to_string(shared_data(PM25_DAILY)).unwrap().lines().take(4).map(String::from).collect();
    let lines = [
        good[0].as_str(),
        good[1].as_str(),
        "FR07004,Montferrand,45.79,3.11,pm25,µg/m³,2020-02-30,12.0",
        "FR07004,Montferrand,45.79,3.11,pm25,µg/m³,2020-02-01,-999",
        good[2].as_str(),
        "FR07004,Montferrand,45.79,3.11,pm25,furlongs,2020-02-02,3.0",
        "FR07004,Montferrand,45.79,3.11,pm25,µg/m³,2020-02-03",
        "FR07004,Montferrand,45.79,3.11,benzene,µg/m³,2020-02-04,1.0",
        "FR07004,Montferrand,45.79,3.11,pm25,μg/m³,2020-02-05,not-a-number",
        good[3].as_str(),
    ];
    std::fs::write(&path, lines.join("\n")).unwrap();
    let report = daily_csv::import(&pool, &path).await.unwrap();
    assert_eq!(report.status, Status::Partial, "{report}");
    assert_eq!((report.written.inserted, report.rejected), (3, 6), "{report}");
    let reasons: Vec<(String, String)> = report.failures.iter().map(|f| (f.what.clone(), f.reason.clone())).collect();
    let expect = [
        (3, "date"),
        (4, "impossible"),
        (6, "unknown unit"),
        (7, "fields"),
        (8, "unknown parameter"),
        (9, "not a number"),
    ];
    for ((what, reason), (line, word)) in reasons.iter().zip(expect) {
        assert!(what.ends_with(&format!("corrupt.csv line {line}")), "{what}");
        assert!(reason.contains(word), "line {line}: {reason}");
    }
}

/// The real file has CRLF line endings: a bad row is reported at its line in the file.
#[sqlx::test]
async fn a_bad_row_in_the_real_crlf_file_is_reported_at_its_line(pool: PgPool) {
    let real = std::fs::read_to_string(shared_data(PM25_DAILY)).unwrap();
    let lines: Vec<&str> = real.split_inclusive('\n').collect();
    assert!(lines[0].ends_with("\r\n"), "the file is CRLF");
    let bad = "FR07004,Montferrand,45.79,3.11,pm25,µg/m³,2020-02-31,abc\r\n";
    let text = [lines[..50].concat(), bad.to_string(), lines[50..60].concat()].concat();
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("bad-row.csv");
    std::fs::write(&path, text).unwrap();
    let report = daily_csv::import(&pool, &path).await.unwrap();
    assert_eq!((report.written.inserted, report.rejected), (59, 1), "{report}");
    let failure = &report.failures[0];
    assert!(failure.what.ends_with("bad-row.csv line 51"), "{}", failure.what);
    assert!(failure.reason.contains("2020-02-31"), "{}", failure.reason);
}

#[sqlx::test]
async fn a_wrong_file_type_is_one_clear_error(pool: PgPool) {
    let err = daily_csv::import(&pool, &shared_data(SYNOP_2020)).await.unwrap_err().to_string();
    assert!(err.contains("is not a daily-series CSV"), "{err}");
    let err = synop::import(&pool, &Settings::default().synop, &shared_data(PM25_DAILY)).await.unwrap_err().to_string();
    assert!(err.contains("is not a Météo-France SYNOP file"), "{err}");
    let runs: i64 = sqlx::query_scalar("SELECT count(*) FROM ingest_runs").fetch_one(&pool).await.unwrap();
    assert_eq!(runs, 0);
}

#[test]
fn the_import_command_reports_and_fails_clearly() {
    let dir = data_dir();
    let output = smartcity_command(dir.path())
        .args(["import", "daily-csv"])
        .arg(shared_data(SYNOP_2020))
        .env("SMARTCITY_DATA_DIR", dir.path())
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("is not a daily-series CSV"), "{stderr}");
    assert!(!stderr.contains("panicked"), "{stderr}");
}
