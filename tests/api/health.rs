use std::time::Duration;

use serde_json::Value;
use sqlx::PgPool;
use sqlx::postgres::PgPoolOptions;

use crate::helpers::spawn_app;

async fn problem(response: reqwest::Response) -> Value {
    assert_eq!(response.headers()["content-type"], "application/problem+json");
    response.json().await.expect("a JSON problem document")
}

#[sqlx::test]
async fn healthz_says_ok(pool: PgPool) {
    let app = spawn_app(pool).await;
    let response = app.get("/healthz").await;
    assert_eq!(response.status(), 200);
    assert!(response.headers().contains_key("x-request-id"), "every response carries a request id");
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ok");
    app.shutdown().await;
}

#[sqlx::test]
async fn readyz_is_ready_when_migrations_are_applied(pool: PgPool) {
    let app = spawn_app(pool).await;
    let response = app.get("/readyz").await;
    assert_eq!(response.status(), 200);
    let body: Value = response.json().await.unwrap();
    assert_eq!(body["status"], "ready");
    app.shutdown().await;
}

#[sqlx::test(migrations = false)]
async fn readyz_is_unavailable_with_pending_migrations(pool: PgPool) {
    let app = spawn_app(pool.clone()).await;
    let response = app.get("/readyz").await;
    assert_eq!(response.status(), 503);
    let body = problem(response).await;
    assert_eq!(body["status"], 503);
    assert!(body["detail"].as_str().unwrap().contains("smartcity migrate"), "{body}");

    smartcity::db::migrate(&pool).await.unwrap();
    assert_eq!(app.get("/readyz").await.status(), 200);
    app.shutdown().await;
}

#[tokio::test]
async fn readyz_is_unavailable_when_the_database_is_unreachable() {
    let pool = PgPoolOptions::new()
        .acquire_timeout(Duration::from_secs(1))
        .connect_lazy("postgres://nobody@127.0.0.1:1/nothing")
        .unwrap();
    let app = spawn_app(pool).await;
    let response = app.get("/readyz").await;
    assert_eq!(response.status(), 503);
    let body = problem(response).await;
    assert_eq!(body["detail"], "The database is unreachable.");
    assert!(!body.to_string().contains("127.0.0.1:1"), "internal details must not leak: {body}");
    app.shutdown().await;
}

#[sqlx::test]
async fn unknown_paths_are_json_404s(pool: PgPool) {
    let app = spawn_app(pool).await;
    let response = app.get("/no/such/page").await;
    assert_eq!(response.status(), 404);
    let body = problem(response).await;
    assert_eq!(body["title"], "Not Found");
    assert_eq!(body["status"], 404);
    assert_eq!(body["detail"], "There is nothing at /no/such/page.");
    app.shutdown().await;
}

#[sqlx::test]
async fn wrong_methods_are_json_405s(pool: PgPool) {
    let app = spawn_app(pool).await;
    let response = app.client.post(format!("{}/healthz", app.address)).send().await.unwrap();
    assert_eq!(response.status(), 405);
    let body = problem(response).await;
    assert_eq!(body["detail"], "POST is not allowed on /healthz.");
    app.shutdown().await;
}
