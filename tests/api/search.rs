//! `GET /api/v1/search` on the real app: the plan and the right chunks in both languages, clear
//! 400s for bad input, a 503 until an index exists, which the service then builds by itself.

use std::time::{Duration, Instant};

use serde_json::Value;
use smartcity::index::Indexes;
use smartcity::index::build::{BuildOptions, build};
use sqlx::PgPool;

use crate::helpers::{TestApp, embedder, january_2020, load_2020, spawn_app_with, test_settings};

async fn search(app: &TestApp, query: &[(&str, &str)]) -> reqwest::Response {
    app.client.get(format!("{}/api/v1/search", app.address)).query(query).send().await.unwrap()
}

/// Waits (the app loads the model and the index in the background) for a 200, asking once a second
/// (the public rate is 60 requests a minute).
async fn search_ok(app: &TestApp, query: &[(&str, &str)]) -> Value {
    let started = Instant::now();
    loop {
        let response = search(app, query).await;
        if response.status() == 200 {
            return response.json().await.unwrap();
        }
        assert_eq!(response.status(), 503, "{}", response.text().await.unwrap());
        assert!(started.elapsed() < Duration::from_secs(120), "search never became available");
        tokio::time::sleep(Duration::from_millis(1000)).await;
    }
}

#[sqlx::test]
async fn search_returns_the_plan_and_the_right_chunks_in_both_languages(pool: PgPool) {
    load_2020(&pool, Some(january_2020())).await;
    let dir = tempfile::tempdir().unwrap();
    build(
        &pool,
        &Indexes::open(&pool, dir.path()).await.unwrap(),
        &embedder(),
        BuildOptions { rebuild: false, hnsw_above: 50_000 },
    )
    .await
    .unwrap();
    let app = spawn_app_with(pool, test_settings(dir.path())).await;

    let fr = search_ok(
        &app,
        &[("q", "Quelle était la moyenne des particules fines en janvier 2020 ?"), ("as_of", "2020-12-31")],
    )
    .await;
    assert_eq!(fr["plan"]["lang"], "fr");
    assert_eq!(fr["plan"]["variables"], serde_json::json!(["pm25"]));
    assert_eq!(fr["plan"]["period"]["from"], "2020-01-01");
    assert_eq!(fr["plan"]["period"]["granularity"], "month");
    assert_eq!(fr["plan"]["kinds"], serde_json::json!(["city_month"]));
    assert!(fr["vector_query"].as_str().unwrap().contains("January 2020"), "{fr}");
    let top = &fr["results"][0];
    assert_eq!((top["kind"].as_str(), top["lang"].as_str()), (Some("city_month"), Some("fr")), "{fr}");
    assert!(top["title"].as_str().unwrap().contains("janvier 2020"), "{top}");
    assert!(top["vector_rank"].is_number() && top["score"].is_number(), "{top}");
    assert!(fr["index"]["build_id"].is_string() && fr["timings_ms"]["total_ms"].is_number());

    let en = search_ok(&app, &[("q", "What was the average PM2.5 in January 2020?"), ("as_of", "2020-12-31")]).await;
    assert_eq!(en["plan"]["lang"], "en");
    let top_en = &en["results"][0];
    assert_eq!((top_en["kind"].as_str(), top_en["lang"].as_str()), (Some("city_month"), Some("en")));
    assert_eq!(top_en["period_start"], top["period_start"], "the same chunk in the other language");

    let yesterday = search_ok(&app, &[("q", "Was the air bad yesterday?"), ("as_of", "2020-01-16"), ("k", "3")]).await;
    assert_eq!(yesterday["plan"]["period"]["from"], "2020-01-15");
    assert_eq!(yesterday["results"][0]["period_start"], "2020-01-15");
    assert!(yesterday["results"].as_array().unwrap().len() <= 3);
    app.shutdown().await;
}

#[sqlx::test]
async fn bad_search_requests_are_clear_400s(pool: PgPool) {
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_with(pool, test_settings(dir.path())).await;
    let long = "a".repeat(1001);
    for (query, expected) in [
        (vec![], "question is empty"),
        (vec![("q", "   ")], "question is empty"),
        (vec![("q", long.as_str())], "at most 1000"),
        (vec![("q", "PM2.5"), ("as_of", "2020-13-01")], "not a date"),
        (vec![("q", "PM2.5 next year"), ("as_of", "+262142-12-31")], "between 1900 and 2099"),
        (vec![("q", "PM2.5"), ("k", "0")], "from 1 to 50"),
        (vec![("q", "PM2.5"), ("k", "many")], "from 1 to 50"),
        (vec![("q", "PM2.5"), ("lang", "de")], "use fr or en"),
    ] {
        let response = search(&app, &query).await;
        assert_eq!(response.status(), 400, "{query:?}");
        assert_eq!(response.headers()["content-type"], "application/problem+json");
        let body: Value = response.json().await.unwrap();
        assert!(body["detail"].as_str().unwrap().contains(expected), "{query:?}: {body}");
    }
    app.shutdown().await;
}

#[sqlx::test]
async fn without_an_index_search_is_503_until_the_service_has_built_one(pool: PgPool) {
    load_2020(&pool, Some(january_2020())).await;
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_with(pool.clone(), test_settings(dir.path())).await;
    let first = search(&app, &[("q", "PM2.5 at Montferrand on 23 January 2020")]).await;
    assert_eq!(first.status(), 503);
    let body: Value = first.json().await.unwrap();
    assert!(body["detail"].as_str().unwrap().contains("search is unavailable"), "{body}");

    let found = search_ok(&app, &[("q", "PM2.5 at Montferrand on 23 January 2020")]).await;
    assert_eq!(found["results"][0]["kind"], "station_day");
    assert_eq!(found["results"][0]["station"], "Montferrand");
    assert!(
        Indexes::open(&pool, dir.path()).await.unwrap().current_id().unwrap().is_some(),
        "the service published its build"
    );
    app.shutdown().await;
}
