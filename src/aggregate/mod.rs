//! Aggregation in PostgreSQL: daily aggregates per station and variable (recomputed for the days an
//! ingest touched), correlations between pollution and weather. Monthly and yearly roll-ups,
//! exceedances of reference values, index classes and episodes are views over the daily rows.
//! The price statistics of property sales, per commune, dwelling, period and size, are rebuilt by a
//! full refresh and after an import of sales.

use chrono::{Days, NaiveDate};
use sqlx::PgPool;

use crate::config::Settings;
use crate::ingest::Report;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Refreshed {
    /// Daily aggregate rows added or changed.
    pub days_changed: i64,
    pub correlations_changed: i64,
    pub correlations_removed: i64,
    /// Groups of the sales' price statistics, when they were rebuilt (a full refresh).
    pub sale_groups: Option<u64>,
}

/// Recomputes the daily aggregates of `days` (first, last), or of all data, then the correlations;
/// for all data, the sales' price statistics too.
#[tracing::instrument(name = "db.aggregate", skip(pool, settings))]
pub async fn refresh(
    pool: &PgPool,
    settings: &Settings,
    days: Option<(NaiveDate, NaiveDate)>,
) -> sqlx::Result<Refreshed> {
    let ((first, last), sale_groups) = match days {
        Some(days) => (days, None),
        None => (data_days(pool).await?, Some(sale_stats(pool).await?)),
    };
    let tz = &settings.city.time_zone;
    let mut days_changed = 0;
    for sql in [include_str!("sql/daily_measurements.sql"), include_str!("sql/daily_weather.sql")] {
        let changed: i64 = sqlx::query_scalar(sql).bind(tz).bind(first).bind(last).fetch_one(pool).await?;
        days_changed += changed;
    }
    let (correlations_changed, correlations_removed) =
        sqlx::query_as(include_str!("sql/correlations.sql")).fetch_one(pool).await?;
    Ok(Refreshed { days_changed, correlations_changed, correlations_removed, sale_groups })
}

/// Rebuilds the price statistics of the sales (`sale_stats`); returns how many groups there are.
#[tracing::instrument(name = "db.sale_stats", skip(pool))]
pub async fn sale_stats(pool: &PgPool) -> sqlx::Result<u64> {
    let mut tx = pool.begin().await?;
    sqlx::query(include_str!("sql/clear_sale_stats.sql")).execute(&mut *tx).await?;
    let groups = sqlx::query(include_str!("sql/sale_stats.sql")).execute(&mut *tx).await?.rows_affected();
    tx.commit().await?;
    Ok(groups)
}

/// The first and last day holding any data (with a day of margin).
pub async fn data_days(pool: &PgPool) -> sqlx::Result<(NaiveDate, NaiveDate)> {
    sqlx::query_as(include_str!("sql/data_days.sql")).fetch_one(pool).await
}

/// The days the runs covered, in the city's time zone, with a day of margin each side.
pub fn days_covered(settings: &Settings, reports: &[Report]) -> anyhow::Result<Option<(NaiveDate, NaiveDate)>> {
    let tz = settings.city.tz()?;
    let span =
        reports.iter().filter_map(|r| r.window).fold(None, |span: Option<(NaiveDate, NaiveDate)>, (from, to)| {
            let (from, to) = (from.with_timezone(&tz).date_naive(), to.with_timezone(&tz).date_naive());
            Some(span.map_or((from, to), |(a, b)| (a.min(from), b.max(to))))
        });
    Ok(span.map(|(first, last)| (first - Days::new(1), last + Days::new(1))))
}
