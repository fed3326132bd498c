//! Open-Meteo ingest against replayed real bodies: forecast, archive and air quality, nulls kept missing.

use chrono::{DateTime, NaiveDate, Utc};
use smartcity::ingest::{ApiSource, Status, ingest_apis};
use sqlx::PgPool;

use crate::ingest_openaq::settings;
use crate::replay::{Replay, Reply, open_meteo_body};

const FORECAST: &str = "r-client-mocks/api.open-meteo.com__v1__forecast-4418bd.json";
const ALL_NULL: &str = "r-client-mocks/api.open-meteo.com__v1__forecast-073b9d.json";
const ARCHIVE: &str = "r-client-mocks/archive-api.open-meteo.com__v1__archive-f5378f.json";
const AIR_QUALITY: &str = "python-client-fixtures/air_quality.json";

fn at(s: &str) -> DateTime<Utc> {
    s.parse().unwrap()
}

async fn air_value(pool: &PgPool, parameter: &str, start: DateTime<Utc>) -> (f64, String) {
    sqlx::query_as(
        "SELECT m.value, s.unit FROM measurements m JOIN sensors s ON s.id = m.sensor_id
         WHERE s.parameter = $1 AND m.period_start = $2 AND m.period_end = $2 + interval '1 hour'",
    )
    .bind(parameter)
    .bind(start)
    .fetch_one(pool)
    .await
    .unwrap()
}

#[sqlx::test]
async fn forecast_and_air_quality_are_stored_at_their_utc_hours(pool: PgPool) {
    let replay = Replay::start().await;
    replay.on("/v1/forecast", [Reply::Ok(open_meteo_body(FORECAST))]);
    replay.on("/v1/air-quality", [Reply::Ok(open_meteo_body(AIR_QUALITY))]);
    let settings = settings(&replay);
    let reports = ingest_apis(&pool, &settings, ApiSource::OpenMeteo, None).await.unwrap();
    assert_eq!(reports[0].status, Status::Succeeded, "{}", reports[0]);

    let forecast: serde_json::Value = serde_json::from_slice(&open_meteo_body(FORECAST)).unwrap();
    let temperatures = forecast["hourly"]["temperature_2m"].as_array().unwrap();
    let stored: i64 = sqlx::query_scalar("SELECT count(*) FROM weather_observations").fetch_one(&pool).await.unwrap();
    assert_eq!(stored as usize, temperatures.iter().filter(|t| !t.is_null()).count());
    // 2023-10-25T00:00 in America/Sao_Paulo (UTC-3) is 03:00 UTC.
    let first: f64 = sqlx::query_scalar("SELECT temperature_c FROM weather_observations WHERE observed_at = $1")
        .bind(at("2023-10-25T03:00:00Z"))
        .fetch_one(&pool)
        .await
        .unwrap();
    assert_eq!(first, 23.1);

    // Amsterdam in summer is UTC+2; Open-Meteo's GREEK MU is stored as MICRO SIGN.
    assert_eq!(air_value(&pool, "pm25", at("2026-10-02T22:00:00Z")).await, (20.5, "\u{b5}g/m\u{b3}".to_string()));
    assert_eq!(air_value(&pool, "european_aqi", at("2026-10-02T22:00:00Z")).await.0, 43.0);
    let parameters: Vec<String> =
        sqlx::query_scalar("SELECT parameter FROM sensors ORDER BY parameter").fetch_all(&pool).await.unwrap();
    assert_eq!(parameters, ["co", "european_aqi", "no2", "o3", "pm10", "pm25", "so2"]);

    let request = replay.requests().into_iter().find(|r| r.starts_with("/v1/forecast")).unwrap();
    assert!(request.contains("timezone=Europe%2FParis") && request.contains("past_days=7"), "{request}");

    let again = ingest_apis(&pool, &settings, ApiSource::OpenMeteo, None).await.unwrap();
    assert_eq!((again[0].written.inserted, again[0].written.updated), (0, 0), "{}", again[0]);
}

#[sqlx::test]
async fn nulls_are_missing_values_not_zeros(pool: PgPool) {
    let replay = Replay::start().await;
    replay.on("/v1/forecast", [Reply::Ok(open_meteo_body(ALL_NULL))]);
    replay.on("/v1/air-quality", [Reply::Ok(open_meteo_body(ALL_NULL))]);
    let reports = ingest_apis(&pool, &settings(&replay), ApiSource::OpenMeteo, None).await.unwrap();
    assert_eq!(reports[0].fetched, 0);
    let rows: i64 =
        sqlx::query_scalar("SELECT (SELECT count(*) FROM measurements) + (SELECT count(*) FROM weather_observations)")
            .fetch_one(&pool)
            .await
            .unwrap();
    assert_eq!(rows, 0);
}

#[sqlx::test]
async fn a_back_fill_reads_the_archive_with_daily_values(pool: PgPool) {
    let replay = Replay::start().await;
    replay.on("/v1/archive", [Reply::Ok(open_meteo_body(ARCHIVE))]);
    replay.on(
        "/v1/air-quality",
        [Reply::Status {
            status: 400,
            headers: vec![],
            body: br#"{"error":true,"reason":"Parameter 'start_date' is out of allowed range"}"#.to_vec(),
        }],
    );
    let range = (NaiveDate::from_ymd_opt(2022, 12, 29).unwrap(), NaiveDate::from_ymd_opt(2022, 12, 29).unwrap());
    let reports = ingest_apis(&pool, &settings(&replay), ApiSource::OpenMeteo, Some(range)).await.unwrap();
    let report = &reports[0];
    assert_eq!(report.status, Status::Partial, "{report}");
    assert_eq!(report.failures[0].what, "air-quality");
    assert!(report.failures[0].reason.contains("out of allowed range"), "{:?}", report.failures);
    assert_eq!(replay.hits("/v1/air-quality"), 1, "a 400 is not retried");
    let request = replay.requests().into_iter().find(|r| r.starts_with("/v1/archive")).unwrap();
    assert!(request.contains("start_date=2022-12-29") && request.contains("end_date=2022-12-29"), "{request}");

    let (start, end, value): (DateTime<Utc>, DateTime<Utc>, f64) = sqlx::query_as(
        "SELECT m.period_start, m.period_end, m.value FROM measurements m JOIN sensors s ON s.id = m.sensor_id WHERE s.parameter = 'temperature_max'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((start, end, value), (at("2022-12-29T00:00:00Z"), at("2022-12-30T00:00:00Z"), 26.4));
    let hourly: i64 = sqlx::query_scalar("SELECT count(*) FROM weather_observations").fetch_one(&pool).await.unwrap();
    assert!(hourly > 0);
}
