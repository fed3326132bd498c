//! The one error type of the HTTP boundary: a JSON problem document (RFC 9457) for the client,
//! the internal cause in the logs only.

use axum::Json;
use axum::extract::rejection::JsonRejection;
use axum::http::{StatusCode, header};
use axum::response::{IntoResponse, Response};
use serde::Serialize;

#[derive(Debug, thiserror::Error)]
pub enum Error {
    #[error("{0}")]
    BadRequest(String),
    #[error("{0}")]
    NotFound(String),
    #[error("{0}")]
    MethodNotAllowed(String),
    #[error("{0}")]
    Unauthorized(String),
    #[error("{0}")]
    Forbidden(String),
    #[error("The request body is too large.")]
    PayloadTooLarge,
    #[error("The request body arrived too slowly.")]
    RequestTimeout,
    #[error("Too many requests: try again in {retry_after} s.")]
    TooManyRequests { retry_after: u64 },
    #[error("{0}")]
    Unavailable(String),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for Error {
    fn from(e: sqlx::Error) -> Self {
        match e {
            sqlx::Error::PoolTimedOut | sqlx::Error::PoolClosed | sqlx::Error::Io(_) => {
                tracing::warn!(error = %e, "database unreachable");
                Self::Unavailable("The database is unreachable; try again shortly.".into())
            }
            e => Self::Internal(e.into()),
        }
    }
}

/// The JSON body of a request; `example` shows the expected shape when it is not JSON.
pub fn json_body<T>(body: Result<Json<T>, JsonRejection>, example: &str) -> Result<T, Error> {
    let rejection = match body {
        Ok(Json(body)) => return Ok(body),
        Err(rejection) => rejection,
    };
    if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
        return Err(Error::PayloadTooLarge);
    }
    let mut cause: Option<&(dyn std::error::Error + 'static)> = Some(&rejection);
    while let Some(e) = cause {
        if e.is::<tower_http::timeout::TimeoutError>() {
            return Err(Error::RequestTimeout);
        }
        cause = e.source();
    }
    Err(Error::BadRequest(format!("The body must be JSON like {example}: {}", rejection.body_text())))
}

/// An error, as every route sends it (`application/problem+json`, RFC 9457).
#[derive(Serialize, utoipa::ToSchema)]
pub struct Problem<'a> {
    /// Always `about:blank`: the status says what happened.
    r#type: &'a str,
    /// The status's reason phrase, e.g. "Bad Request".
    title: &'a str,
    status: u16,
    /// What was wrong and how to put it right.
    detail: String,
}

impl Error {
    fn status(&self) -> StatusCode {
        match self {
            Self::BadRequest(_) => StatusCode::BAD_REQUEST,
            Self::NotFound(_) => StatusCode::NOT_FOUND,
            Self::MethodNotAllowed(_) => StatusCode::METHOD_NOT_ALLOWED,
            Self::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            Self::Forbidden(_) => StatusCode::FORBIDDEN,
            Self::PayloadTooLarge => StatusCode::PAYLOAD_TOO_LARGE,
            Self::RequestTimeout => StatusCode::REQUEST_TIMEOUT,
            Self::TooManyRequests { .. } => StatusCode::TOO_MANY_REQUESTS,
            Self::Unavailable(_) => StatusCode::SERVICE_UNAVAILABLE,
            Self::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }
}

impl IntoResponse for Error {
    fn into_response(self) -> Response {
        let status = self.status();
        let detail = match &self {
            Self::Internal(cause) => {
                tracing::error!(error = %format!("{cause:#}"), "internal error");
                "An internal error occurred; it has been logged.".to_string()
            }
            other => other.to_string(),
        };
        let problem = Problem {
            r#type: "about:blank",
            title: status.canonical_reason().unwrap_or("Error"),
            status: status.as_u16(),
            detail,
        };
        let mut response =
            (status, [(header::CONTENT_TYPE, "application/problem+json")], Json(problem)).into_response();
        if let Self::TooManyRequests { retry_after } = self {
            response.headers_mut().insert(header::RETRY_AFTER, retry_after.into());
        }
        if matches!(self, Self::Unauthorized(_)) {
            response.headers_mut().insert(header::WWW_AUTHENTICATE, header::HeaderValue::from_static("Bearer"));
        }
        response
    }
}
