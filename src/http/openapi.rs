//! The OpenAPI description of the API, generated from the handlers' annotations, and a page that
//! renders it.

use axum::Json;
use axum::extract::State;
use axum::response::Html;
use utoipa::openapi::path::Operation;
use utoipa::openapi::response::Response;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::openapi::schema::{ObjectBuilder, Type};
use utoipa::openapi::{ContentBuilder, Header, Ref, RefOr};
use utoipa::{Modify, OpenApi};

use super::error::Problem;
use super::{AppState, Error};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "SmartCity Insights API",
        description = "Air quality and weather of the city: stations, measurements, daily aggregates, correlations, search, \
                       answers with cited numbers, briefs. Errors are JSON problem documents (RFC 9457). Without an API key \
                       the public rate applies per address; a key (Authorization: Bearer, or X-API-Key) raises it."
    ),
    components(schemas(Problem)),
    modifiers(&Security),
    tags(
        (name = "citizens", description = "Questions and answers"),
        (name = "journalists", description = "Briefs"),
        (name = "analysts", description = "Data"),
        (name = "admin", description = "Operations (admin key)"),
        (name = "service", description = "Health"),
    )
)]
pub struct ApiDoc;

struct Security;

impl Modify for Security {
    fn modify(&self, openapi: &mut utoipa::openapi::OpenApi) {
        let components = openapi.components.get_or_insert_with(Default::default);
        components.add_security_scheme(
            "api_key",
            SecurityScheme::Http(HttpBuilder::new().scheme(HttpAuthScheme::Bearer).build()),
        );
        components.add_security_scheme(
            "api_key_header",
            SecurityScheme::ApiKey(ApiKey::Header(ApiKeyValue::new("x-api-key"))),
        );
    }
}

fn operations(document: &mut utoipa::openapi::OpenApi) -> impl Iterator<Item = &mut Operation> {
    document.paths.paths.values_mut().flat_map(|item| [item.get.as_mut(), item.post.as_mut()]).flatten()
}

fn add(operation: &mut Operation, status: &str, response: Response) {
    operation.responses.responses.entry(status.to_string()).or_insert(RefOr::T(response));
}

/// The answers of the layers in front of the API's routes, whatever the route: the key check and
/// the rate (auth.rs), the database behind both, and the body's size and time for routes with one.
pub fn guarded(document: &mut utoipa::openapi::OpenApi) {
    for operation in operations(document) {
        add(operation, "401", Response::new("The API key presented is unknown or revoked"));
        let retry_after = Header::new(ObjectBuilder::new().schema_type(Type::Integer));
        let mut too_many = Response::new("Over the rate of this address or key: try again after `Retry-After` seconds");
        too_many.headers.insert("Retry-After".into(), RefOr::T(retry_after));
        add(operation, "429", too_many);
        add(operation, "503", Response::new("The database is unreachable"));
        if operation.request_body.is_some() {
            add(operation, "408", Response::new("The body arrived too slowly"));
            add(operation, "413", Response::new("The body is larger than the limit (api.max_body_bytes)"));
        }
    }
}

/// Every error is a problem document: the content of each 4xx and 5xx response that has none.
pub fn problems(document: &mut utoipa::openapi::OpenApi) {
    let problem = ContentBuilder::new().schema(Some(Ref::from_schema_name("Problem"))).build();
    for operation in operations(document) {
        for (status, response) in &mut operation.responses.responses {
            if let RefOr::T(response) = response
                && (status.starts_with('4') || status.starts_with('5'))
                && response.content.is_empty()
            {
                response.content.insert("application/problem+json".into(), RefOr::T(problem.clone()));
            }
        }
    }
}

/// This document.
#[utoipa::path(get, path = "/api/v1/openapi.json", tag = "service", responses((status = 200, description = "The OpenAPI 3.1 document")))]
pub async fn openapi_json() -> Json<utoipa::openapi::OpenApi> {
    Json(super::openapi_document())
}

/// The API described for people: every route, its parameters and answers.
pub async fn docs(State(state): State<AppState>) -> Result<Html<String>, Error> {
    let document = serde_json::to_value(super::openapi_document()).map_err(anyhow::Error::from)?;
    let mut context = tera::Context::new();
    context.insert("api", &document);
    Ok(Html(state.pages.render("docs.html.tera", &context).map_err(anyhow::Error::from)?))
}
