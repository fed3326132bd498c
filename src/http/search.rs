//! `GET /api/v1/search`: the parsed plan and the chunks retrieved for a question.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use sqlx::PgPool;

use super::{AppState, Error};
use crate::question::{Gazetteer, Plan, dates};
use crate::retrieve::{Hit, Mode, Retrieval, RetrieveError};
use crate::summarize::Lang;

pub const MAX_QUESTION_CHARS: usize = 1000;
const MAX_K: usize = 50;

#[derive(Deserialize)]
pub struct Params {
    q: Option<String>,
    as_of: Option<String>,
    k: Option<String>,
    lang: Option<String>,
}

#[derive(Serialize)]
struct Response {
    query: String,
    plan: PlanView,
    vector_query: String,
    results: Vec<Result>,
    index: IndexView,
    timings_ms: crate::retrieve::Timings,
}

#[derive(Serialize)]
struct PlanView {
    #[serde(flatten)]
    plan: Plan,
    kinds: Vec<&'static str>,
}

#[derive(Serialize)]
struct IndexView {
    build_id: String,
}

#[derive(Serialize, sqlx::FromRow)]
struct ChunkRow {
    id: i64,
    kind: String,
    lang: String,
    title: String,
    body: String,
    period_start: NaiveDate,
    period_end: NaiveDate,
    station_id: Option<i64>,
    station: Option<String>,
    variables: Vec<String>,
}

#[derive(Serialize)]
struct Result {
    #[serde(flatten)]
    chunk: ChunkRow,
    #[serde(flatten)]
    hit: Hit,
}

/// The question as asked, checked: not empty, not over 1,000 characters.
pub fn question(q: Option<&str>) -> std::result::Result<String, Error> {
    let q = q.map(str::trim).unwrap_or_default();
    if q.is_empty() {
        return Err(Error::BadRequest("The question is empty: pass it as q, e.g. ?q=PM2.5 yesterday.".into()));
    }
    let chars = q.chars().count();
    if chars > MAX_QUESTION_CHARS {
        return Err(Error::BadRequest(format!(
            "The question is {chars} characters long; at most {MAX_QUESTION_CHARS} are accepted."
        )));
    }
    Ok(q.to_string())
}

pub fn as_of(value: Option<&str>, state: &AppState) -> std::result::Result<NaiveDate, Error> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        Some(v) => v.parse().ok().filter(|d: &NaiveDate| dates::AS_OF_YEARS.contains(&d.year())).ok_or_else(|| {
            Error::BadRequest(format!("as_of {v:?} is not a date like 2020-03-15 between 1900 and 2099."))
        }),
        None => Ok(chrono::Utc::now().with_timezone(&state.settings.city.tz()?).date_naive()),
    }
}

pub fn lang(value: Option<&str>) -> std::result::Result<Option<Lang>, Error> {
    match value.map(str::trim).filter(|v| !v.is_empty()) {
        Some(v) => Lang::from_code(&v.to_lowercase())
            .map(Some)
            .ok_or_else(|| Error::BadRequest(format!("lang {v:?} is not supported: use fr or en."))),
        None => Ok(None),
    }
}

impl From<RetrieveError> for Error {
    fn from(e: RetrieveError) -> Self {
        match e {
            RetrieveError::Unavailable(message) => Error::Unavailable(message),
            RetrieveError::Internal(e) => Error::Internal(e),
        }
    }
}

#[utoipa::path(get, path = "/api/v1/search", tag = "citizens",
    params(
        ("q" = String, Query, description = "The question, French or English, at most 1000 characters"),
        ("as_of" = Option<String>, Query, description = "The day that is today, YYYY-MM-DD (default: today)"),
        ("k" = Option<usize>, Query, description = "Chunks returned, 1 to 50 (default 5)"),
        ("lang" = Option<String>, Query, description = "fr or en (default: the question's)"),
    ),
    responses((status = 200, description = "The plan and the chunks found", body = serde_json::Value), (status = 400, description = "Bad question or parameter"), (status = 503, description = "No usable index yet")))]
#[tracing::instrument(name = "search", skip_all)]
pub async fn search(
    State(state): State<AppState>,
    params: std::result::Result<Query<Params>, QueryRejection>,
) -> std::result::Result<Json<serde_json::Value>, Error> {
    let Query(params) = params.map_err(|e| Error::BadRequest(format!("Invalid query string: {e}")))?;
    let q = question(params.q.as_deref())?;
    let as_of = as_of(params.as_of.as_deref(), &state)?;
    let lang = lang(params.lang.as_deref())?;
    let k = match params.k.as_deref() {
        None => 5,
        Some(k) => k
            .parse::<usize>()
            .ok()
            .filter(|k| (1..=MAX_K).contains(k))
            .ok_or_else(|| Error::BadRequest(format!("k {k:?} must be a number from 1 to {MAX_K}.")))?,
    };
    let gazetteer = Arc::new(Gazetteer::load(&state.pool, &state.settings.city).await?);
    let plan = Plan::parse(&q, lang, as_of, &gazetteer);
    let (plan, retrieval) = {
        let retriever = Arc::clone(&state.retriever);
        let gazetteer = Arc::clone(&gazetteer);
        tokio::task::spawn_blocking(move || {
            let retrieval = retriever.retrieve(&plan, &gazetteer, k, Mode::Fused);
            (plan, retrieval)
        })
        .await
        .map_err(anyhow::Error::from)?
    };
    let retrieval: Retrieval = retrieval?;
    let mut rows: HashMap<i64, ChunkRow> =
        chunk_rows(&state.pool, &retrieval.hits).await?.into_iter().map(|r| (r.id, r)).collect();
    let results = retrieval
        .hits
        .iter()
        .filter_map(|hit| rows.remove(&hit.id).map(|chunk| Result { chunk, hit: hit.clone() }))
        .collect();
    let kinds = plan.kinds();
    let response = Response {
        query: q,
        plan: PlanView { plan, kinds },
        vector_query: retrieval.vector_query,
        results,
        index: IndexView { build_id: retrieval.build_id },
        timings_ms: retrieval.timings,
    };
    Ok(Json(serde_json::to_value(response).map_err(anyhow::Error::from)?))
}

#[tracing::instrument(name = "db.search_chunks", skip_all)]
async fn chunk_rows(pool: &PgPool, hits: &[Hit]) -> sqlx::Result<Vec<ChunkRow>> {
    let ids: Vec<i64> = hits.iter().map(|h| h.id).collect();
    sqlx::query_as(include_str!("sql/chunks_by_id.sql")).bind(&ids).fetch_all(pool).await
}
