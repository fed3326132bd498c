use axum::Json;
use axum::extract::State;
use serde_json::{Value, json};
use sqlx::PgPool;

use super::Error;
use crate::db;

/// The process is up.
#[utoipa::path(get, path = "/healthz", tag = "service", responses((status = 200, description = "The process is up")))]
pub async fn healthz() -> Json<Value> {
    Json(json!({ "status": "ok", "version": env!("CARGO_PKG_VERSION") }))
}

/// The database answers and every migration of this build is applied.
#[utoipa::path(get, path = "/readyz", tag = "service", responses((status = 200, description = "Ready"), (status = 503, description = "The database is unreachable or not migrated")))]
#[tracing::instrument(skip_all)]
pub async fn readyz(State(pool): State<PgPool>) -> Result<Json<Value>, Error> {
    let pending = db::pending_migrations(&pool).await.map_err(|e| {
        tracing::warn!(error = %e, "readiness: database unreachable");
        Error::Unavailable("The database is unreachable.".into())
    })?;
    if pending > 0 {
        return Err(Error::Unavailable(format!(
            "{pending} database migration(s) are not applied yet; run `smartcity migrate`."
        )));
    }
    Ok(Json(json!({ "status": "ready", "database": "ok", "migrations": "applied" })))
}
