//! The OpenAPI description of the API, generated from the handlers' annotations, and a page that
//! renders it.

use axum::Json;
use axum::extract::State;
use axum::response::Html;
use utoipa::openapi::security::{ApiKey, ApiKeyValue, HttpAuthScheme, HttpBuilder, SecurityScheme};
use utoipa::{Modify, OpenApi};

use super::{AppState, Error};

#[derive(OpenApi)]
#[openapi(
    info(
        title = "SmartCity Insights API",
        description = "Air quality and weather of the city: stations, measurements, daily aggregates, correlations, search, \
                       answers with cited numbers, briefs. Errors are JSON problem documents (RFC 9457). Without an API key \
                       the public rate applies per address; a key (Authorization: Bearer, or X-API-Key) raises it."
    ),
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
