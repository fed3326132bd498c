//! One recorded ingest run: what was fetched, written and rejected, and what failed.

use std::fmt;

use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::PgPool;

use super::store::Upserted;

/// More failures than this are counted but not itemised.
const MAX_LISTED_FAILURES: usize = 1_000;

#[derive(Debug, Clone, Serialize)]
pub struct Failure {
    /// Where: `file.csv line 12`, `sensor 3 page 2`, ...
    pub what: String,
    pub reason: String,
}

#[derive(Debug)]
pub struct Run {
    pub id: i64,
    pub source: String,
    /// What `fetched` and `rejected` count: rows, or sales for DVF files.
    pub unit: &'static str,
    pub fetched: i64,
    pub written: Upserted,
    pub rejected: i64,
    pub failures: Vec<Failure>,
    failures_not_listed: usize,
    /// Parts (sensor, page, request) that failed, as opposed to rejected rows.
    failed_parts: usize,
    /// The period the data covers, when only known once it is read (files).
    pub window: Option<(DateTime<Utc>, DateTime<Utc>)>,
    /// Holds the run's advisory lock while it runs.
    lock: Option<sqlx::PgConnection>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "lowercase")]
pub enum Status {
    Succeeded,
    Partial,
    Failed,
}

impl Status {
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Succeeded => "succeeded",
            Self::Partial => "partial",
            Self::Failed => "failed",
        }
    }
}

/// What a finished run reports to its caller.
#[derive(Debug, Clone)]
pub struct Report {
    pub run_id: i64,
    pub source: String,
    pub status: Status,
    pub unit: &'static str,
    pub fetched: i64,
    pub written: Upserted,
    pub rejected: i64,
    pub failures: Vec<Failure>,
    /// Parts that could not be fetched or stored (rejected rows are not counted here).
    pub failed_parts: usize,
    pub error: Option<String>,
    pub window: Option<(DateTime<Utc>, DateTime<Utc>)>,
}

impl Run {
    #[tracing::instrument(name = "db.start_run", skip(pool))]
    pub async fn start(
        pool: &PgPool,
        source: &str,
        window: Option<(DateTime<Utc>, DateTime<Utc>)>,
    ) -> sqlx::Result<Self> {
        sweep(pool).await?;
        let id: i64 = sqlx::query_scalar(include_str!("sql/start_run.sql"))
            .bind(source)
            .bind(window.map(|w| w.0))
            .bind(window.map(|w| w.1))
            .fetch_one(pool)
            .await?;
        let mut lock = pool.acquire().await?.detach();
        sqlx::query(include_str!("sql/lock_run.sql")).bind(id).execute(&mut lock).await?;
        Ok(Self {
            id,
            source: source.to_string(),
            unit: "rows",
            fetched: 0,
            written: Upserted::default(),
            rejected: 0,
            failures: Vec::new(),
            failures_not_listed: 0,
            failed_parts: 0,
            window,
            lock: Some(lock),
        })
    }

    /// A row that cannot be stored; the rest of the input goes on.
    pub fn reject(&mut self, what: impl Into<String>, reason: impl Into<String>) {
        self.rejected += 1;
        self.list(what, reason);
    }

    /// A part (sensor, page, request) that failed; the other parts go on.
    pub fn fail(&mut self, what: impl Into<String>, reason: impl Into<String>) {
        self.failed_parts += 1;
        self.list(what, reason);
    }

    fn list(&mut self, what: impl Into<String>, reason: impl Into<String>) {
        if self.failures.len() < MAX_LISTED_FAILURES {
            self.failures.push(Failure { what: what.into(), reason: reason.into() });
        } else {
            self.failures_not_listed += 1;
        }
    }

    /// Widens the run's window to include `at`.
    pub fn cover(&mut self, at: DateTime<Utc>) {
        self.window = Some(match self.window {
            Some((from, to)) => (from.min(at), to.max(at)),
            None => (at, at),
        });
    }

    /// Records the end of the run; `error` is what stopped it, if anything did.
    #[tracing::instrument(name = "db.finish_run", skip_all, fields(run_id = self.id))]
    pub async fn finish(mut self, pool: &PgPool, error: Option<String>) -> sqlx::Result<Report> {
        let wrote_anything = self.written.inserted + self.written.updated > 0 || self.fetched > self.rejected;
        let status = match (&error, self.failures.is_empty()) {
            (Some(_), _) if !wrote_anything => Status::Failed,
            (None, true) => Status::Succeeded,
            (None, false) if !wrote_anything && self.fetched == 0 => Status::Failed,
            _ => Status::Partial,
        };
        if self.failures_not_listed > 0 {
            self.failures
                .push(Failure { what: format!("{} more", self.failures_not_listed), reason: "not listed".into() });
        }
        sqlx::query(include_str!("sql/finish_run.sql"))
            .bind(self.id)
            .bind(status.as_str())
            .bind(self.fetched)
            .bind(self.written.inserted)
            .bind(self.written.updated)
            .bind(self.rejected)
            .bind(&error)
            .bind(sqlx::types::Json(&self.failures))
            .bind(self.window.map(|w| w.0))
            .bind(self.window.map(|w| w.1))
            .execute(pool)
            .await?;
        if let Some(lock) = self.lock.take() {
            let _ = sqlx::Connection::close(lock).await;
        }
        Ok(Report {
            run_id: self.id,
            source: self.source,
            status,
            unit: self.unit,
            fetched: self.fetched,
            written: self.written,
            rejected: self.rejected,
            failures: self.failures,
            failed_parts: self.failed_parts,
            error,
            window: self.window,
        })
    }
}

/// Marks as failed the runs whose process died without finishing them.
async fn sweep(pool: &PgPool) -> sqlx::Result<()> {
    let mut conn = pool.acquire().await?.detach();
    let swept: Vec<i64> = sqlx::query_scalar(include_str!("sql/sweep_runs.sql")).fetch_all(&mut conn).await?;
    if !swept.is_empty() {
        tracing::warn!(runs = ?swept, "ingest runs interrupted by a stopped process are marked failed");
    }
    // Closing the connection releases the locks the sweep took.
    sqlx::Connection::close(conn).await
}

impl Report {
    pub fn unchanged(&self) -> i64 {
        (self.fetched - self.rejected - self.written.inserted - self.written.updated).max(0)
    }
}

impl fmt::Display for Report {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "{} (run {}): {} — {} {} read, {} inserted, {} updated, {} unchanged, {} rejected",
            self.source,
            self.run_id,
            self.status.as_str(),
            self.fetched,
            self.unit,
            self.written.inserted,
            self.written.updated,
            self.unchanged(),
            self.rejected
        )?;
        if let Some(error) = &self.error {
            write!(f, "; stopped: {error}")?;
        }
        Ok(())
    }
}
