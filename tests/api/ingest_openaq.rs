//! OpenAQ ingest against the replayed real bodies, including upstream's failure modes.

use std::time::Duration;

use chrono::{DateTime, Utc};
use secrecy::SecretString;
use smartcity::Settings;
use smartcity::ingest::{ApiSource, Report, Status, ingest_apis};
use sqlx::PgPool;

use crate::replay::{Replay, Reply, openaq_cassette};

const LOCATIONS: &str = "/v3/locations";
const SENSOR_3: &str = "/v3/sensors/3/hours";

pub fn settings(replay: &Replay) -> Settings {
    let mut settings = Settings::default();
    settings.openaq.base_url = replay.url.clone();
    settings.openaq.api_key = Some(SecretString::from("test-key"));
    settings.open_meteo.forecast_url = format!("{}/v1/forecast", replay.url);
    settings.open_meteo.archive_url = format!("{}/v1/archive", replay.url);
    settings.open_meteo.air_quality_url = format!("{}/v1/air-quality", replay.url);
    settings.upstream.timeout_secs = 1;
    settings.upstream.max_retries = 2;
    settings.upstream.backoff_ms = 10;
    settings
}

async fn replay_with_recorded_bodies() -> Replay {
    let replay = Replay::start().await;
    replay.on(LOCATIONS, [Reply::Ok(openaq_cassette("list_locations.yml"))]);
    replay.on("/v3/sensors/*/hours", [Reply::Ok(openaq_cassette("list_sensor_measurements_3.yml"))]);
    replay
}

async fn ingest_openaq(pool: &PgPool, settings: &Settings) -> Report {
    let mut reports = ingest_apis(pool, settings, ApiSource::Openaq, None).await.unwrap();
    assert_eq!(reports.len(), 1);
    reports.remove(0)
}

async fn count(pool: &PgPool, table: &str) -> i64 {
    let sql = match table {
        "stations" => "SELECT count(*) FROM stations",
        "sensors" => "SELECT count(*) FROM sensors",
        "measurements" => "SELECT count(*) FROM measurements",
        "raw_payloads" => "SELECT count(*) FROM raw_payloads",
        "ingest_runs" => "SELECT count(*) FROM ingest_runs",
        _ => unreachable!(),
    };
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

async fn sensor_3_values(pool: &PgPool) -> Vec<(DateTime<Utc>, DateTime<Utc>, f64)> {
    sqlx::query_as(
        "SELECT m.period_start, m.period_end, m.value FROM measurements m JOIN sensors s ON s.id = m.sensor_id
         JOIN stations st ON st.id = s.station_id WHERE st.source = 'openaq' AND s.source_ref = '3' ORDER BY m.period_start",
    )
    .fetch_all(pool)
    .await
    .unwrap()
}

#[sqlx::test]
async fn stores_what_the_recorded_bodies_hold_and_twice_changes_nothing(pool: PgPool) {
    let replay = replay_with_recorded_bodies().await;
    let settings = settings(&replay);
    let report = ingest_openaq(&pool, &settings).await;
    assert_eq!(report.status, Status::Succeeded, "{report}");
    assert_eq!(count(&pool, "stations").await, 6);
    assert_eq!(count(&pool, "sensors").await, 6);
    assert_eq!(count(&pool, "measurements").await, 6 * 48);
    assert_eq!(report.fetched, 6 * 48);
    assert_eq!(report.written.inserted, 6 * 48);
    assert_eq!(count(&pool, "raw_payloads").await, 7, "the locations page and one page per sensor are kept");

    let values = sensor_3_values(&pool).await;
    assert_eq!(values[0].0, "2023-03-07T05:00:00Z".parse::<DateTime<Utc>>().unwrap());
    assert_eq!(values[0].1, "2023-03-07T05:30:00Z".parse::<DateTime<Utc>>().unwrap());
    assert_eq!(values[0].2, 7.0);
    assert_eq!(values[47].2, 7.23);

    let request = replay.requests().into_iter().find(|r| r.starts_with(LOCATIONS)).unwrap();
    assert!(request.contains("coordinates=45.77720%2C3.08700") && request.contains("radius=10000"), "{request}");

    let again = ingest_openaq(&pool, &settings).await;
    assert_eq!(count(&pool, "measurements").await, 6 * 48);
    assert_eq!((again.written.inserted, again.written.updated), (0, 0), "{again}");
    let (status, fetched, inserted): (String, i64, i64) =
        sqlx::query_as("SELECT status, rows_fetched, rows_inserted FROM ingest_runs WHERE id = $1")
            .bind(again.run_id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!((status.as_str(), fetched, inserted), ("succeeded", 6 * 48, 0));
}

#[sqlx::test]
async fn follows_pages_until_the_last(pool: PgPool) {
    let replay = replay_with_recorded_bodies().await;
    replay.on(SENSOR_3, [Reply::Ok(openaq_cassette("list_sensor_measurements_limit_5.yml"))]);
    replay.on(&format!("{SENSOR_3}?page=2"), [Reply::Ok(openaq_cassette("list_sensor_measurements_3.yml"))]);
    let report = ingest_openaq(&pool, &settings(&replay)).await;
    assert_eq!(report.status, Status::Succeeded, "{report}");
    assert_eq!(replay.hits(SENSOR_3), 2, "found \">5\" on a full page means another page");
    assert_eq!(sensor_3_values(&pool).await.len(), 5 + 48);
}

#[sqlx::test]
async fn waits_out_a_429_and_retries(pool: PgPool) {
    let replay = replay_with_recorded_bodies().await;
    let limited = Reply::Status {
        status: 429,
        headers: vec![
            ("x-ratelimit-limit", "60".into()),
            ("x-ratelimit-used", "60".into()),
            ("x-ratelimit-remaining", "0".into()),
            ("x-ratelimit-reset", "1".into()),
        ],
        body: br#"{"detail":"Too many requests"}"#.to_vec(),
    };
    replay.on(SENSOR_3, [limited, Reply::Ok(openaq_cassette("list_sensor_measurements_3.yml"))]);
    let report = ingest_openaq(&pool, &settings(&replay)).await;
    assert_eq!(report.status, Status::Succeeded, "{report}");
    assert_eq!(replay.hits(SENSOR_3), 2);
    assert_eq!(sensor_3_values(&pool).await.len(), 48);
}

#[sqlx::test]
async fn retries_a_500_and_a_timeout(pool: PgPool) {
    let replay = replay_with_recorded_bodies().await;
    let body = openaq_cassette("list_sensor_measurements_3.yml");
    replay.on(
        SENSOR_3,
        [
            Reply::Status { status: 500, headers: vec![], body: b"Internal Server Error".to_vec() },
            Reply::Ok(body.clone()),
        ],
    );
    replay.on("/v3/sensors/4/hours", [Reply::Hang(Duration::from_secs(3), body.clone()), Reply::Ok(body)]);
    let report = ingest_openaq(&pool, &settings(&replay)).await;
    assert_eq!(report.status, Status::Succeeded, "{report}");
    assert_eq!(replay.hits(SENSOR_3), 2);
    assert_eq!(replay.hits("/v3/sensors/4/hours"), 2);
    assert_eq!(count(&pool, "measurements").await, 6 * 48);
}

#[sqlx::test]
async fn a_truncated_body_fails_its_sensor_only(pool: PgPool) {
    let replay = replay_with_recorded_bodies().await;
    let body = openaq_cassette("list_sensor_measurements_3.yml");
    replay.on(SENSOR_3, [Reply::Ok(body[..body.len() / 2].to_vec())]);
    let report = ingest_openaq(&pool, &settings(&replay)).await;
    assert_eq!(report.status, Status::Partial, "{report}");
    assert_eq!(replay.hits(SENSOR_3), 3, "tried 1 + max_retries times");
    assert_eq!(report.failures.len(), 1);
    assert_eq!(report.failures[0].what, "sensor 3 page 1");
    assert!(report.failures[0].reason.contains("unreadable body"), "{:?}", report.failures);
    assert_eq!(count(&pool, "measurements").await, 5 * 48, "the other sensors are stored");
    let (status, failures): (String, serde_json::Value) =
        sqlx::query_as("SELECT status, failures FROM ingest_runs WHERE id = $1")
            .bind(report.run_id)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(status, "partial");
    assert_eq!(failures[0]["what"], "sensor 3 page 1");
}

#[sqlx::test]
async fn a_401_is_not_retried_and_fails_the_run(pool: PgPool) {
    let replay = Replay::start().await;
    replay.on(
        LOCATIONS,
        [Reply::Status { status: 401, headers: vec![], body: br#"{"detail":"Invalid credentials"}"#.to_vec() }],
    );
    let report = ingest_openaq(&pool, &settings(&replay)).await;
    assert_eq!(report.status, Status::Failed, "{report}");
    assert_eq!(replay.hits(LOCATIONS), 1);
    assert!(report.error.as_deref().unwrap().contains("HTTP 401"), "{report}");
}

#[sqlx::test]
async fn without_a_key_openaq_is_skipped(pool: PgPool) {
    let replay = replay_with_recorded_bodies().await;
    let mut settings = settings(&replay);
    settings.openaq.api_key = None;
    let reports = ingest_apis(&pool, &settings, ApiSource::Openaq, None).await.unwrap();
    assert!(reports.is_empty());
    assert!(replay.requests().is_empty());
    assert_eq!(count(&pool, "ingest_runs").await, 0);
}
