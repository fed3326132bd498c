//! The first start on an empty database: `serve` back-fills from the replayed real archive and
//! air-quality bodies (paged by date), answers during and after, resumes after a restart without
//! fetching a landed day again, and says when upstream cannot be reached.

use std::time::Duration;

use chrono::{DateTime, NaiveDate, NaiveDateTime, Utc};
use serde_json::Value;
use smartcity::Settings;
use sqlx::PgPool;

use crate::helpers::{TestApp, spawn_app_with, test_settings};
use crate::ingest_openaq::settings as replay_settings;
use crate::replay::{Replay, Reply, open_meteo_body};

const ARCHIVE: &str = "r-client-mocks/archive-api.open-meteo.com__v1__archive-f5378f.json";
const AIR_QUALITY: &str = "python-client-fixtures/air_quality.json";
const FORECAST: &str = "r-client-mocks/api.open-meteo.com__v1__forecast-4418bd.json";
/// The recorded archive day; the back-fill reaches back to it.
const FIRST: &str = "2022-12-28";
/// Dated requests ending before this wait, to look at a back-fill in progress.
const HELD: &str = "2023-06-01";

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

fn today() -> NaiveDate {
    Utc::now().with_timezone(&chrono_tz::Europe::Paris).date_naive()
}

async fn replay() -> Replay {
    let replay = Replay::start().await;
    replay.on("/v1/forecast", [Reply::Ok(open_meteo_body(FORECAST))]);
    replay.on("/v1/archive", [Reply::Dated(open_meteo_body(ARCHIVE))]);
    replay.on("/v1/air-quality", [Reply::Dated(open_meteo_body(AIR_QUALITY))]);
    replay
}

fn settings(replay: &Replay, index_dir: &std::path::Path) -> Settings {
    let mut settings = test_settings(index_dir);
    let upstream = replay_settings(replay);
    settings.open_meteo = upstream.open_meteo;
    settings.upstream = upstream.upstream;
    settings.ingest.backfill_days = (today() - day(FIRST)).num_days() as u32;
    settings
}

async fn status(app: &TestApp) -> Value {
    let response = app.get("/api/v1/status").await;
    assert_eq!(response.status(), 200);
    response.json().await.unwrap()
}

async fn until(what: &str, mut done: impl AsyncFnMut() -> bool) {
    for _ in 0..240 {
        if done().await {
            return;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    panic!("timed out waiting for {what}");
}

/// Whether a dated request ending before the held day reached the replay.
fn held(replay: &Replay) -> bool {
    replay.requests().iter().filter_map(|r| end_date(r)).any(|end| end < day(HELD))
}

fn end_date(request: &str) -> Option<NaiveDate> {
    request.split(['?', '&']).find_map(|p| p.strip_prefix("end_date=")).and_then(|d| d.parse().ok())
}

async fn ask(app: &TestApp, question: &str) -> Value {
    let response = app
        .client
        .post(format!("{}/api/v1/ask", app.address))
        .json(&serde_json::json!({ "question": question }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 200, "{question}");
    response.json().await.unwrap()
}

/// The mean of a recorded hourly column over one Paris day, from the raw body.
fn paris_day_mean(path: &str, column: &str, on: NaiveDate) -> f64 {
    let body: Value = serde_json::from_slice(&open_meteo_body(path)).unwrap();
    let offset = body["utc_offset_seconds"].as_i64().unwrap();
    let values: Vec<f64> = body["hourly"]["time"]
        .as_array()
        .unwrap()
        .iter()
        .zip(body["hourly"][column].as_array().unwrap())
        .filter_map(|(t, v)| {
            let local = NaiveDateTime::parse_from_str(t.as_str()?, "%Y-%m-%dT%H:%M").ok()?;
            let utc: DateTime<Utc> = (local - chrono::Duration::seconds(offset)).and_utc();
            (utc.with_timezone(&chrono_tz::Europe::Paris).date_naive() == on).then_some(v.as_f64()?)
        })
        .collect();
    values.iter().sum::<f64>() / values.len() as f64
}

fn fact_values(answer: &Value) -> Vec<f64> {
    answer["facts"].as_array().unwrap().iter().filter_map(|f| f["value"].as_f64()).collect()
}

async fn daily_pm25(pool: &PgPool, on: NaiveDate) -> bool {
    sqlx::query_scalar("SELECT EXISTS (SELECT 1 FROM daily_aggregates WHERE variable = 'pm25' AND day = $1)")
        .bind(on)
        .fetch_one(pool)
        .await
        .unwrap()
}

#[sqlx::test]
async fn an_empty_database_is_filled_by_serve_and_answers_during_and_after(pool: PgPool) {
    let replay = replay().await;
    replay.hold_before(day(HELD));
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_with(pool.clone(), settings(&replay, dir.path())).await;

    // The newest days land first: the recorded air-quality day, while older pages are held.
    let air_day = day("2026-10-03");
    until("the recorded air-quality day and a held page", async || daily_pm25(&pool, air_day).await && held(&replay))
        .await;
    let loading = status(&app).await;
    assert_eq!(loading["backfill"], "loading", "{loading}");
    let feeds = loading["feeds"].as_array().unwrap();
    assert_eq!(feeds.len(), 2, "no OpenAQ without a key: {loading}");
    assert!(feeds.iter().all(|f| f["days_done"].as_i64() > Some(0) && f["days_left"].as_i64() > Some(0)), "{loading}");
    let page = app.get("/").await.text().await.unwrap();
    assert!(page.contains("Loading the city") && page.contains("days loaded"), "{page}");

    let answer = ask(&app, "What was the PM2.5 on 3 October 2026?").await;
    assert_eq!(answer["status"], "answered", "{answer}");
    let expected = paris_day_mean(AIR_QUALITY, "pm2_5", air_day);
    assert!(fact_values(&answer).iter().any(|v| (v - expected).abs() < 0.006), "{expected} in {answer}");
    assert!(answer["answer"].as_str().unwrap().contains("model values"), "said to be model data: {answer}");

    replay.release();
    until("the back-fill to finish", async || status(&app).await["backfill"] == "done").await;
    let done = status(&app).await;
    assert!(done["feeds"].as_array().unwrap().iter().all(|f| f["days_left"] == 0), "{done}");
    let archive_day = day("2022-12-29");
    let answer = ask(&app, "What was the temperature on 29 December 2022?").await;
    assert_eq!(answer["status"], "answered", "{answer}");
    let expected = paris_day_mean(ARCHIVE, "temperature_2m", archive_day);
    assert!(fact_values(&answer).iter().any(|v| (v - expected).abs() < 0.006), "{expected} in {answer}");
    let chunk: String = sqlx::query_scalar("SELECT body FROM chunks WHERE kind = 'weather_day' AND lang = 'en' AND period_start = $1")
        .bind(archive_day)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(chunk.contains("model values"), "{chunk}");
    app.shutdown().await;
}

#[sqlx::test]
async fn a_restart_mid_backfill_resumes_and_fetches_no_landed_day_again(pool: PgPool) {
    let first = replay().await;
    first.hold_before(day(HELD));
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_with(pool.clone(), settings(&first, dir.path())).await;
    until("a held page", async || held(&first)).await;
    app.shutdown().await;
    // The pages that were asked for and answered before the restart.
    let landed: Vec<NaiveDate> = first.requests().iter().filter_map(|r| end_date(r)).filter(|d| *d >= day(HELD)).collect();
    assert!(!landed.is_empty());

    let pool = PgPool::connect_with((*pool.connect_options()).clone()).await.unwrap();
    let second = replay().await;
    let app = spawn_app_with(pool.clone(), settings(&second, dir.path())).await;
    until("the back-fill to finish", async || status(&app).await["backfill"] == "done").await;
    let again: Vec<String> =
        second.requests().into_iter().filter(|r| end_date(r).is_some_and(|d| landed.contains(&d))).collect();
    assert!(again.is_empty(), "pages fetched twice: {again:?}");
    assert_eq!(second.hits("/v1/forecast"), 0, "a resumed back-fill does not start over");
    let archive_hours: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM weather_observations w JOIN stations s ON s.id = w.station_id WHERE s.source_ref LIKE 'archive:%'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let recorded: Value = serde_json::from_slice(&open_meteo_body(ARCHIVE)).unwrap();
    assert_eq!(archive_hours as usize, recorded["hourly"]["time"].as_array().unwrap().len());
    app.shutdown().await;
}

#[sqlx::test]
async fn an_unreachable_upstream_is_reported_with_the_import_commands(pool: PgPool) {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = test_settings(dir.path());
    settings.ingest.backfill_days = 30;
    let nowhere = format!("http://127.0.0.1:{}", crate::cluster::free_port());
    settings.open_meteo.forecast_url = format!("{nowhere}/v1/forecast");
    settings.open_meteo.archive_url = format!("{nowhere}/v1/archive");
    settings.open_meteo.air_quality_url = format!("{nowhere}/v1/air-quality");
    settings.upstream.max_retries = 0;
    settings.upstream.timeout_secs = 1;
    let app = spawn_app_with(pool, settings).await;
    until("the back-fill to fail", async || status(&app).await["backfill"] == "failing").await;
    let failing = status(&app).await;
    let feed = failing["feeds"].as_array().unwrap().iter().find(|f| f["failures"].as_i64() > Some(0)).unwrap().clone();
    assert!(feed["last_error"].as_str().unwrap().contains("request failed"), "{failing}");
    assert!(feed["retry_at"].is_string(), "retried later, not at once: {failing}");
    let commands = failing["import_commands"].as_array().unwrap();
    assert!(commands.iter().any(|c| c.as_str().unwrap().starts_with("smartcity import synop")), "{failing}");
    let page = app.get("/").await.text().await.unwrap();
    assert!(page.contains("cannot be reached") && page.contains("smartcity import daily-csv"), "{page}");
    let ready = app.get("/readyz").await;
    assert_eq!(ready.status(), 200, "readiness is about the database");
    app.shutdown().await;
}
