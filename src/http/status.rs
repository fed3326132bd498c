//! What the service is loading: the first-run back-fill's progress per feed and, when upstream
//! cannot be reached, what failed and how to import files instead. `/readyz` stays about the
//! database.

use axum::Json;
use axum::extract::State;
use chrono::{DateTime, NaiveDate, Utc};
use serde::Serialize;
use sqlx::PgPool;
use utoipa::ToSchema;

use super::Error;
use crate::ingest::backfill;

/// The commands that load data without the upstream APIs (or once they answer again).
const IMPORT_COMMANDS: [&str; 3] = [
    "smartcity import synop FILE...        # Météo-France SYNOP files (.csv or .csv.gz)",
    "smartcity import daily-csv FILE...    # daily series: station_code,station_name,latitude,longitude,parameter,unit,date,value",
    "smartcity ingest all --from YYYY-MM-DD --to YYYY-MM-DD    # the APIs again, for a range of days",
];

#[derive(Debug, Serialize, ToSchema)]
pub struct Status {
    /// `loading`, `failing` (a feed's last attempt failed; it is retried), `done`, or `none`
    /// (no back-fill: the database had data, or it is turned off).
    pub backfill: &'static str,
    pub feeds: Vec<Feed>,
    /// How to load data by hand; given when a feed is failing.
    pub import_commands: Vec<&'static str>,
}

#[derive(Debug, Serialize, ToSchema)]
pub struct Feed {
    pub feed: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    pub days_done: i64,
    pub days_left: i64,
    /// Failed attempts in a row (0 after a chunk lands).
    pub failures: i32,
    pub last_error: Option<String>,
    /// When a failing feed is tried again.
    pub retry_at: Option<DateTime<Utc>>,
}

pub async fn current(pool: &PgPool) -> sqlx::Result<Status> {
    let feeds: Vec<Feed> = backfill::progress(pool)
        .await?
        .into_iter()
        .map(|p| Feed {
            days_done: p.days_done(),
            days_left: p.days_left(),
            retry_at: (p.failures > 0 && p.next_day.is_some()).then_some(p.next_attempt_at),
            feed: p.feed,
            first_day: p.first_day,
            last_day: p.last_day,
            failures: p.failures,
            last_error: p.last_error,
        })
        .collect();
    let failing = feeds.iter().any(|f| f.failures > 0 && f.days_left > 0);
    let backfill = match () {
        _ if feeds.is_empty() => "none",
        _ if failing => "failing",
        _ if feeds.iter().any(|f| f.days_left > 0) => "loading",
        _ => "done",
    };
    let import_commands = if failing { IMPORT_COMMANDS.to_vec() } else { Vec::new() };
    Ok(Status { backfill, feeds, import_commands })
}

/// What is loading, and what failed.
#[utoipa::path(get, path = "/api/v1/status", tag = "service",
    responses((status = 200, description = "The first-run back-fill's progress per feed", body = Status)))]
#[tracing::instrument(name = "status", skip_all)]
pub async fn status(State(pool): State<PgPool>) -> Result<Json<Status>, Error> {
    Ok(Json(current(&pool).await?))
}
