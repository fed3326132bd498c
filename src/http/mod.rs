//! The HTTP surface: routes, shared state and the middleware every request goes through.

mod ask;
mod error;
mod health;
mod rows;
pub mod search;

use axum::Router;
use axum::extract::FromRef;
use axum::http::{Method, Request, Uri};
use axum::routing::{get, post};
use std::sync::Arc;

use sqlx::PgPool;
use tower::ServiceBuilder;
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::{DefaultOnResponse, TraceLayer};
use tracing::Level;

pub use error::Error;

use crate::answer::Answerer;
use crate::config::Settings;
use crate::retrieve::Retriever;

#[derive(Clone, FromRef)]
pub struct AppState {
    pub pool: PgPool,
    pub retriever: Arc<Retriever>,
    pub answerer: Arc<Answerer>,
    pub settings: Arc<Settings>,
}

pub fn router(state: AppState) -> Router {
    let trace = TraceLayer::new_for_http()
        .make_span_with(|request: &Request<_>| {
            let request_id = request.headers().get("x-request-id").and_then(|v| v.to_str().ok()).unwrap_or_default();
            tracing::info_span!("request", method = %request.method(), uri = %request.uri(), request_id)
        })
        .on_response(DefaultOnResponse::new().level(Level::INFO));
    Router::new()
        .route("/healthz", get(health::healthz))
        .route("/readyz", get(health::readyz))
        .route("/api/v1/search", get(search::search))
        .route("/api/v1/ask", post(ask::ask))
        .route("/api/v1/chat", post(ask::chat))
        .route("/api/v1/citations/{id}", get(rows::citation))
        .route("/api/v1/daily", get(rows::daily))
        .route("/api/v1/thresholds", get(rows::thresholds))
        .route("/api/v1/correlations", get(rows::correlations))
        .fallback(not_found)
        .method_not_allowed_fallback(method_not_allowed)
        .with_state(state)
        .layer(
            ServiceBuilder::new()
                .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
                .layer(trace)
                .layer(PropagateRequestIdLayer::x_request_id()),
        )
}

async fn not_found(uri: Uri) -> Error {
    Error::NotFound(format!("There is nothing at {}.", uri.path()))
}

async fn method_not_allowed(method: Method, uri: Uri) -> Error {
    Error::MethodNotAllowed(format!("{method} is not allowed on {}.", uri.path()))
}
