//! Briefs: `POST /api/v1/briefs` writes and stores one; it is then listed, and readable as JSON,
//! Markdown, CSV data, and as a page at `/briefs/{id}`.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::extract::{Path, State};
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use chrono::NaiveDate;
use serde::Deserialize;
use serde_json::{Value, json};
use uuid::Uuid;

use super::rows::{Params, Rows, limit, params};
use super::{AppState, Error, json_body};
use crate::briefs::{self, Brief, BriefError, Generator, Request};
use crate::summarize::Lang;

#[derive(Deserialize, utoipa::ToSchema)]
pub struct BriefRequest {
    /// First day.
    #[schema(value_type = NaiveDate, required = true)]
    from: Option<String>,
    /// Last day: not before `from`, at most 366 days after it.
    #[schema(value_type = NaiveDate, required = true)]
    to: Option<String>,
    /// air, weather, housing, mobility (default: air and weather).
    #[schema(schema_with = topics_schema)]
    topics: Option<Vec<String>>,
    /// en (default) or fr.
    #[schema(pattern = "^(fr|en)$")]
    lang: Option<String>,
}

fn topics_schema() -> utoipa::openapi::Array {
    use utoipa::openapi::schema::{ArrayBuilder, ObjectBuilder, SchemaType, Type};
    ArrayBuilder::new()
        .schema_type(SchemaType::from_iter([Type::Array, Type::Null]))
        .items(ObjectBuilder::new().schema_type(Type::String).enum_values(Some(crate::briefs::TOPICS)))
        .min_items(Some(1))
        .build()
}

impl From<BriefError> for Error {
    fn from(e: BriefError) -> Self {
        match e {
            BriefError::BadRequest(message) => Error::BadRequest(message),
            BriefError::Internal(e) => Error::Internal(e),
        }
    }
}

fn links(id: Uuid) -> Value {
    json!({
        "html": format!("/briefs/{id}"),
        "json": format!("/api/v1/briefs/{id}"),
        "markdown": format!("/api/v1/briefs/{id}/markdown"),
        "csv": format!("/api/v1/briefs/{id}/data.csv"),
    })
}

fn date(value: Option<&str>, key: &str) -> Result<NaiveDate, Error> {
    let value = value.ok_or_else(|| Error::BadRequest(format!("{key} is required (a date like 2020-03-01).")))?;
    value.parse().map_err(|_| Error::BadRequest(format!("{key} {value:?} is not a date like 2020-03-01.")))
}

/// Writes a brief for the period and topics, stores it, and returns it with its links.
#[utoipa::path(post, path = "/api/v1/briefs", tag = "journalists", request_body = BriefRequest,
    responses((status = 201, description = "The brief and its links", body = serde_json::Value),
        (status = 400, description = "A bad body, period, topic or language, or no data for the period")))]
#[tracing::instrument(name = "brief", skip_all)]
pub async fn create(
    State(state): State<AppState>,
    body: Result<Json<BriefRequest>, JsonRejection>,
) -> Result<(StatusCode, Json<Value>), Error> {
    let body =
        json_body(body, r#"{"from": "2020-03-01", "to": "2020-03-31", "topics": ["air", "weather"], "lang": "en"}"#)?;
    let (from, to) = (date(body.from.as_deref(), "from")?, date(body.to.as_deref(), "to")?);
    let topics = body.topics.unwrap_or_else(|| vec!["air".into(), "weather".into()]);
    let lang = match body.lang.as_deref() {
        None => Lang::En,
        Some(code) => Lang::from_code(code)
            .ok_or_else(|| Error::BadRequest(format!("lang {code:?} is not supported: use fr or en.")))?,
    };
    let request = Request::new(from, to, &topics, lang).map_err(Error::BadRequest)?;
    let brief = generate(&state, &request).await?;
    let mut body = serde_json::to_value(&brief).map_err(anyhow::Error::from)?;
    body["links"] = links(brief.id);
    Ok((StatusCode::CREATED, Json(body)))
}

/// Writes the brief and stores it, for the API and the home page's form.
pub async fn generate(state: &AppState, request: &Request) -> Result<Brief, Error> {
    let generator = Generator {
        pool: &state.pool,
        settings: &state.settings,
        words: &state.brief_words,
        pages: &state.pages,
        llm: state.llm.as_deref(),
    };
    let brief = generator.generate(request).await?;
    briefs::store(&state.pool, &brief).await?;
    Ok(brief)
}

/// The latest briefs, newest first.
#[utoipa::path(get, path = "/api/v1/briefs", tag = "journalists",
    params(("limit" = Option<i64>, Query, minimum = 1, maximum = 500, description = "How many (default 50)")),
    responses((status = 200, description = "Briefs", body = Rows<serde_json::Value>), (status = 400, description = "A bad limit")))]
pub async fn list(State(state): State<AppState>, query: Params) -> Result<Json<Rows<Value>>, Error> {
    let params = params(query)?;
    let limit = limit(&params, 50, 500)?;
    let rows = briefs::list(&state.pool, limit).await?;
    let rows: Vec<Value> = rows
        .into_iter()
        .map(|b| {
            let id = b.id;
            let mut v = serde_json::to_value(b).unwrap_or_default();
            v["links"] = links(id);
            v
        })
        .collect();
    Ok(Json(Rows { rows }))
}

async fn brief(state: &AppState, id: &str) -> Result<Brief, Error> {
    let id: Uuid = id.parse().map_err(|_| Error::BadRequest(format!("{id:?} is not a brief id.")))?;
    briefs::load(&state.pool, id).await?.ok_or_else(|| Error::NotFound(format!("There is no brief {id}.")))
}

/// One brief as JSON (with its Markdown, facts and citations).
#[utoipa::path(get, path = "/api/v1/briefs/{id}", tag = "journalists", params(("id" = String, Path, format = "uuid", description = "The brief's id")),
    responses((status = 400, description = "The id is not a brief id (a UUID)"), (status = 200, description = "The brief", body = serde_json::Value), (status = 404, description = "No such brief")))]
pub async fn get(State(state): State<AppState>, Path(id): Path<String>) -> Result<Json<Value>, Error> {
    let brief = brief(&state, &id).await?;
    let mut body = serde_json::to_value(&brief).map_err(anyhow::Error::from)?;
    body["links"] = links(brief.id);
    Ok(Json(body))
}

/// One brief as Markdown.
#[utoipa::path(get, path = "/api/v1/briefs/{id}/markdown", tag = "journalists", params(("id" = String, Path, format = "uuid", description = "The brief's id")),
    responses((status = 400, description = "The id is not a brief id (a UUID)"), (status = 200, description = "The brief in Markdown", content_type = "text/markdown"), (status = 404, description = "No such brief")))]
pub async fn markdown(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, Error> {
    let brief = brief(&state, &id).await?;
    Ok(([(header::CONTENT_TYPE, "text/markdown; charset=utf-8")], brief.markdown).into_response())
}

/// The daily rows the brief stands on, as CSV (the columns of /api/v1/daily).
#[utoipa::path(get, path = "/api/v1/briefs/{id}/data.csv", tag = "journalists", params(("id" = String, Path, format = "uuid", description = "The brief's id")),
    responses((status = 400, description = "The id is not a brief id (a UUID)"), (status = 200, description = "The data", content_type = "text/csv"), (status = 404, description = "No such brief")))]
pub async fn data(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response, Error> {
    let brief = brief(&state, &id).await?;
    let disposition = format!("attachment; filename=\"brief-{}-data.csv\"", brief.id);
    Ok((
        [(header::CONTENT_TYPE, "text/csv; charset=utf-8".to_string()), (header::CONTENT_DISPOSITION, disposition)],
        brief.data_csv,
    )
        .into_response())
}

/// The brief's page.
pub async fn page(State(state): State<AppState>, Path(id): Path<String>) -> Result<Html<String>, Error> {
    Ok(Html(brief(&state, &id).await?.html))
}
