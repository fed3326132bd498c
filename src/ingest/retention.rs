//! Retention: raw measurements past the retention period are deleted in batches, but only for days
//! whose daily aggregate exists, so trends survive; old raw upstream bodies go too.

use chrono::{DateTime, Duration, Utc};
use sqlx::PgPool;

use crate::config::Settings;

const BATCH: i64 = 10_000;

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Pruned {
    pub measurements: u64,
    pub raw_payloads: u64,
}

#[tracing::instrument(name = "db.prune", skip_all)]
pub async fn prune(pool: &PgPool, settings: &Settings, now: DateTime<Utc>) -> sqlx::Result<Pruned> {
    let mut pruned = Pruned::default();
    let cutoff = now - Duration::days(settings.ingest.retention_days.into());
    loop {
        let deleted = sqlx::query(include_str!("sql/prune_measurements.sql"))
            .bind(cutoff)
            .bind(&settings.city.time_zone)
            .bind(BATCH)
            .execute(pool)
            .await?
            .rows_affected();
        pruned.measurements += deleted;
        if deleted == 0 {
            break;
        }
    }
    let cutoff = now - Duration::days(settings.ingest.raw_payload_retention_days.into());
    loop {
        let deleted = sqlx::query(include_str!("sql/prune_raw_payloads.sql"))
            .bind(cutoff)
            .bind(BATCH)
            .execute(pool)
            .await?
            .rows_affected();
        pruned.raw_payloads += deleted;
        if deleted == 0 {
            break;
        }
    }
    if pruned != Pruned::default() {
        tracing::info!(
            measurements = pruned.measurements,
            raw_payloads = pruned.raw_payloads,
            "retention pruned old rows"
        );
    }
    Ok(pruned)
}
