//! `GET /api/v1/search`: the parsed plan and the chunks retrieved for a question.

use std::collections::HashMap;
use std::sync::Arc;

use axum::Json;
use axum::extract::rejection::QueryRejection;
use axum::extract::{Query, State};
use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use sqlx::PgPool;
use utoipa::IntoParams;
use utoipa::openapi::schema::{Object, ObjectBuilder, SchemaType, Type};

use super::{AppState, Error};
use crate::calendar as dates;
use crate::question::{Gazetteer, Plan};
use crate::retrieve::{Hit, Mode, Retrieval, RetrieveError};
use crate::summarize::Lang;

pub const MAX_QUESTION_CHARS: usize = 1000;
const MAX_K: usize = 50;

/// The checks below as schemas, for the document. Around a value, `str::trim` removes Unicode
/// White_Space: the patterns allow it, and a question must hold something else.
const QUESTION: &str = r"[^\t\n\u000b\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]";
const AS_OF: &str = r"^[\t\n\u000b\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*((19|20)[0-9]{2}-((0[13578]|1[02])-(0[1-9]|[12][0-9]|3[01])|(0[469]|11)-(0[1-9]|[12][0-9]|30)|02-(0[1-9]|1[0-9]|2[0-8]))|(19(0[48]|[2468][048]|[13579][26])|20([02468][048]|[13579][26]))-02-29)?[\t\n\u000b\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$";
const LANG: &str = r"^[\t\n\u000b\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*([Ff][Rr]|[Ee][Nn])?[\t\n\u000b\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]*$";

fn text(pattern: &str, description: &str, null: bool) -> Object {
    let types = if null { SchemaType::from_iter([Type::String, Type::Null]) } else { Type::String.into() };
    ObjectBuilder::new().schema_type(types).pattern(Some(pattern)).description(Some(description)).build()
}

pub fn question_schema() -> Object {
    let mut schema = text(QUESTION, "The question, French or English", false);
    schema.min_length = Some(1);
    schema.max_length = Some(MAX_QUESTION_CHARS);
    schema
}

const AS_OF_SAYS: &str = "The day that is today, YYYY-MM-DD from 1900 to 2099 (default: today in the city)";
const LANG_SAYS: &str = "fr or en, any case (default: the question's language)";

fn as_of_schema() -> Object {
    text(AS_OF, AS_OF_SAYS, false)
}

pub fn as_of_or_null() -> Object {
    text(AS_OF, AS_OF_SAYS, true)
}

fn lang_schema() -> Object {
    text(LANG, LANG_SAYS, false)
}

pub fn lang_or_null() -> Object {
    text(LANG, LANG_SAYS, true)
}

#[derive(Deserialize, IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Params {
    // QUESTION as a literal: utoipa drops `required` next to `schema_with`.
    /// The question, French or English.
    #[param(value_type = String, required = true, min_length = 1, max_length = 1000, pattern = r"[^\t\n\u000b\f\r \u0085\u00a0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]")]
    q: Option<String>,
    #[param(schema_with = as_of_schema)]
    as_of: Option<String>,
    /// Chunks returned (default 5).
    #[param(value_type = Option<u32>, minimum = 1, maximum = 50)]
    k: Option<String>,
    #[param(schema_with = lang_schema)]
    lang: Option<String>,
}

/// The plan of a question and the chunks the hybrid search found for it.
#[derive(Serialize, utoipa::ToSchema)]
pub struct Response {
    query: String,
    plan: PlanView,
    vector_query: String,
    results: Vec<Result>,
    index: IndexView,
    timings_ms: crate::retrieve::Timings,
}

#[derive(Serialize, utoipa::ToSchema)]
struct PlanView {
    #[serde(flatten)]
    plan: Plan,
    /// The kinds of chunk that can answer it.
    #[schema(value_type = Vec<String>)]
    kinds: Vec<&'static str>,
}

#[derive(Serialize, utoipa::ToSchema)]
struct IndexView {
    build_id: String,
}

#[derive(Serialize, sqlx::FromRow, utoipa::ToSchema)]
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

#[derive(Serialize, utoipa::ToSchema)]
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
    params(Params),
    responses((status = 200, description = "The plan and the chunks found", body = Response), (status = 400, description = "A bad question or parameter"), (status = 503, description = "No usable index yet, or the database is unreachable")))]
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
