//! Admin endpoints (an API key with the admin scope): start an ingest or a refresh, list the runs.

use axum::Json;
use axum::extract::State;
use axum::extract::rejection::JsonRejection;
use axum::http::StatusCode;
use chrono::{DateTime, NaiveDate, Utc};
use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::auth::Admin;
use super::rows::{Params, Rows, limit, params};
use super::{AppState, Error, json_body};
use crate::ingest::{self, ApiSource};

#[derive(Deserialize, Default, utoipa::ToSchema)]
pub struct IngestRequest {
    /// openaq, open-meteo or all (default).
    source: Option<String>,
    /// A back-fill's first and last day (YYYY-MM-DD); none: the last days and the forecast.
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

#[derive(Deserialize, Default, utoipa::ToSchema)]
pub struct RefreshRequest {
    from: Option<NaiveDate>,
    to: Option<NaiveDate>,
}

#[derive(Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Run {
    id: i64,
    source: String,
    window_start: Option<DateTime<Utc>>,
    window_end: Option<DateTime<Utc>>,
    started_at: DateTime<Utc>,
    finished_at: Option<DateTime<Utc>>,
    status: String,
    rows_fetched: i64,
    rows_inserted: i64,
    rows_updated: i64,
    rows_rejected: i64,
    error: Option<String>,
    failures: Value,
}

fn days(from: Option<NaiveDate>, to: Option<NaiveDate>) -> Result<Option<(NaiveDate, NaiveDate)>, Error> {
    match (from, to) {
        (None, None) => Ok(None),
        (Some(from), Some(to)) if from <= to => Ok(Some((from, to))),
        (Some(from), Some(to)) => Err(Error::BadRequest(format!("from {from} is after to {to}."))),
        _ => Err(Error::BadRequest("Give both from and to, or neither.".into())),
    }
}

/// Starts an ingest in the background; its runs appear in /api/v1/admin/runs.
#[utoipa::path(post, path = "/api/v1/admin/ingest", tag = "admin", request_body = IngestRequest,
    responses((status = 202, description = "Started", body = serde_json::Value), (status = 400, description = "A bad body, source or period"),
        (status = 401, description = "No key, or an unknown or revoked one"), (status = 403, description = "Not an admin key")),
    security(("api_key" = []), ("api_key_header" = [])))]
pub async fn ingest(
    State(state): State<AppState>,
    _admin: Admin,
    body: Result<Json<IngestRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), Error> {
    let body = json_body(body, r#"{"source": "all"}"#)?;
    let source = match body.source.as_deref() {
        None | Some("all") => ApiSource::All,
        Some("openaq") => ApiSource::Openaq,
        Some("open-meteo") => ApiSource::OpenMeteo,
        Some(other) => return Err(Error::BadRequest(format!("source {other:?}: use openaq, open-meteo or all."))),
    };
    let range = days(body.from, body.to)?;
    let (pool, settings) = (state.pool.clone(), (*state.settings).clone());
    tokio::spawn(async move {
        match ingest::ingest_apis(&pool, &settings, source, range).await {
            Ok(reports) => {
                reports.iter().for_each(|r| tracing::info!("{r}"));
                if let Ok(Some(days)) = crate::aggregate::days_covered(&settings, &reports)
                    && let Err(e) = crate::refresh::refresh(&pool, &settings, Some(days), None).await
                {
                    tracing::error!(error = %format!("{e:#}"), "refresh after the admin ingest failed");
                }
            }
            Err(e) => tracing::error!(error = %format!("{e:#}"), "admin ingest failed"),
        }
    });
    Ok((StatusCode::ACCEPTED, Json(json!({ "status": "started", "runs": "/api/v1/admin/runs" }))))
}

/// Recomputes aggregates and chunks in the background (the index follows by itself).
#[utoipa::path(post, path = "/api/v1/admin/refresh", tag = "admin", request_body = RefreshRequest,
    responses((status = 202, description = "Started", body = serde_json::Value), (status = 400, description = "A bad body or period"),
        (status = 401, description = "No key, or an unknown or revoked one"), (status = 403, description = "Not an admin key")),
    security(("api_key" = []), ("api_key_header" = [])))]
pub async fn refresh(
    State(state): State<AppState>,
    _admin: Admin,
    body: Result<Json<RefreshRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), Error> {
    let body = json_body(body, r#"{"from": "2020-01-01", "to": "2020-01-31"} or {}"#)?;
    let range = days(body.from, body.to)?;
    let (pool, settings) = (state.pool.clone(), (*state.settings).clone());
    tokio::spawn(async move {
        match crate::refresh::refresh(&pool, &settings, range, None).await {
            Ok(refreshed) => tracing::info!("{refreshed}"),
            Err(e) => tracing::error!(error = %format!("{e:#}"), "admin refresh failed"),
        }
    });
    Ok((StatusCode::ACCEPTED, Json(json!({ "status": "started" }))))
}

/// The latest ingest runs, newest first.
#[utoipa::path(get, path = "/api/v1/admin/runs", tag = "admin",
    params(("limit" = Option<i64>, Query, minimum = 1, maximum = 1000, description = "How many (default 50)")),
    responses((status = 200, description = "Runs", body = Rows<Run>), (status = 400, description = "A bad limit"),
        (status = 401, description = "No key, or an unknown or revoked one"), (status = 403, description = "Not an admin key")),
    security(("api_key" = []), ("api_key_header" = [])))]
pub async fn runs(State(state): State<AppState>, _admin: Admin, query: Params) -> Result<Json<Rows<Run>>, Error> {
    let params = params(query)?;
    let limit = limit(&params, 50, 1000)?;
    let rows: Vec<Run> = sqlx::query_as(include_str!("sql/runs.sql")).bind(limit).fetch_all(&state.pool).await?;
    Ok(Json(Rows { rows }))
}
