//! The HTTP surface: routes, shared state and the middleware every request goes through.

mod admin;
mod analyst;
mod ask;
mod auth;
mod briefs;
mod error;
mod explore;
mod health;
mod housing;
mod openapi;
mod pages;
mod rows;
pub mod search;
mod server;
mod status;
mod transit;

use std::sync::Arc;
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, FromRef};
use axum::http::{HeaderName, HeaderValue, Method, Request, Uri, header};
use axum::middleware::from_fn_with_state;
use axum::routing::get;
use sqlx::PgPool;
use tower::ServiceBuilder;
use tower_http::cors::{AllowOrigin, CorsLayer};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::timeout::RequestBodyTimeoutLayer;
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;
use utoipa::OpenApi;
use utoipa_axum::router::OpenApiRouter;
use utoipa_axum::routes;

pub use auth::Limiter;
pub use error::Error;
use error::json_body;
pub use server::serve;

use crate::answer::Answerer;
use crate::config::Settings;
use crate::retrieve::Retriever;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub pool: PgPool,
    pub retriever: Arc<Retriever>,
    pub answerer: Arc<Answerer>,
    pub settings: Arc<Settings>,
    pub limiter: Arc<Limiter>,
    /// The HTML templates of `templates/`.
    #[from_ref(skip)]
    pub pages: Arc<tera::Tera>,
    /// The words of briefs (`prompts/briefs/`).
    #[from_ref(skip)]
    pub brief_words: Arc<tera::Tera>,
    #[from_ref(skip)]
    pub llm: Option<Arc<crate::answer::llm::Llm>>,
}

/// The page templates (`*.html.tera`): the binary's, or those of `templates_dir`.
pub fn pages(templates_dir: Option<&std::path::Path>) -> anyhow::Result<tera::Tera> {
    crate::templates::load(crate::templates::Set::Pages, templates_dir, &[""])
}

/// Every route of the API, with its OpenAPI description.
fn api() -> OpenApiRouter<AppState> {
    OpenApiRouter::with_openapi(openapi::ApiDoc::openapi())
        .routes(routes!(search::search))
        .routes(routes!(ask::ask))
        .routes(routes!(ask::chat))
        .routes(routes!(rows::citation))
        .routes(routes!(rows::thresholds))
        .routes(routes!(rows::correlations))
        .routes(routes!(analyst::stations))
        .routes(routes!(analyst::measurements))
        .routes(routes!(analyst::daily))
        .routes(routes!(housing::sales))
        .routes(routes!(housing::stats))
        .routes(routes!(transit::route_list))
        .routes(routes!(transit::stops))
        .routes(routes!(transit::departures))
        .routes(routes!(transit::trips))
        .routes(routes!(transit::days))
        .routes(routes!(transit::shapes))
        .routes(routes!(briefs::create, briefs::list))
        .routes(routes!(briefs::get))
        .routes(routes!(briefs::markdown))
        .routes(routes!(briefs::data))
        .routes(routes!(admin::ingest))
        .routes(routes!(admin::refresh))
        .routes(routes!(admin::runs))
        .routes(routes!(status::status))
}

/// The OpenAPI document of every route (the API's and the service's own).
pub fn openapi_document() -> utoipa::openapi::OpenApi {
    let (_, mut document) = api().split_for_parts();
    openapi::guarded(&mut document);
    let (_, service) = OpenApiRouter::<AppState>::new()
        .routes(routes!(health::healthz))
        .routes(routes!(health::readyz))
        .routes(routes!(openapi::openapi_json))
        .split_for_parts();
    document.merge(service);
    openapi::problems(&mut document);
    document
}

pub fn router(state: AppState) -> Router {
    let trace = TraceLayer::new_for_http()
        .make_span_with(|request: &Request<_>| {
            let request_id = request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or_default();
            tracing::info_span!("request", method = %request.method(), uri = %request.uri(), request_id)
        })
        .on_response(DefaultOnResponse::new().level(Level::INFO));
    let origins: Vec<HeaderValue> =
        state.settings.api.cors_origins.iter().filter_map(|o| o.trim_end_matches('/').parse().ok()).collect();
    let cors = CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([Method::GET, Method::POST])
        .allow_headers([header::CONTENT_TYPE, header::AUTHORIZATION, HeaderName::from_static("x-api-key")])
        .expose_headers([header::RETRY_AFTER, header::LINK, HeaderName::from_static("x-request-id")]);
    let body_limit = DefaultBodyLimit::max(state.settings.api.max_body_bytes);
    let body_timeout = RequestBodyTimeoutLayer::new(Duration::from_secs(state.settings.api.read_timeout_secs));
    let (api, _) = api().split_for_parts();
    let api = api.layer(from_fn_with_state(state.clone(), auth::guard));
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/api/v1/openapi.json", get(openapi::openapi_json))
        .route("/docs", get(openapi::docs))
        .route("/briefs/{id}", get(briefs::page))
        .route("/", get(pages::home))
        .route("/widget.js", get(pages::widget))
        .route("/explore", get(explore::explore))
        .route("/explore/weather", get(explore::weather))
        .route("/explore/relations", get(explore::relations))
        .route("/explore/housing", get(explore::housing))
        .route("/explore/transit", get(explore::transit))
        .route("/explore/chart.svg", get(explore::chart))
        .route("/briefs", axum::routing::post(pages::brief_form))
        .merge(api)
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state)
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
                .layer(trace)
                .layer(PropagateRequestIdLayer::x_request_id())
                // Outermost but for the request id, so that preflight requests never reach a route.
                .layer(cors)
                .layer(body_limit)
                .layer(body_timeout),
        )
}

async fn not_found(uri: Uri) -> Error {
    Error::NotFound(format!("There is nothing at {}.", uri.path()))
}

async fn method_not_allowed(method: Method, uri: Uri) -> Error {
    Error::MethodNotAllowed(format!("{method} is not allowed on {}.", uri.path()))
}
