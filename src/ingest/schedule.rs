//! The ingest inside `serve`: the first-run back-fill, then the daily ingest. Only the process
//! holding the PostgreSQL advisory lock runs them, so any number of replicas can serve while one
//! ingests.

use std::time::Duration;

use chrono::{DateTime, Days, NaiveTime, TimeZone, Utc};
use chrono_tz::Tz;
use sqlx::{Connection, PgConnection, PgPool};

use super::backfill::{self, Step};
use super::{ApiSource, Upstream, ingest_apis, retention};
use crate::aggregate;
use crate::config::Settings;

/// "smartcit" in ASCII: the advisory lock key of the ingest leader.
const LEADER_LOCK: i64 = 0x736d_6172_7463_6974;
const RETRY_LEADERSHIP: Duration = Duration::from_secs(60);

/// Runs forever (the caller aborts it on shutdown).
pub async fn run(pool: PgPool, settings: Settings) {
    let (at, tz) = match (settings.ingest.daily_time(), settings.city.tz()) {
        (Ok(at), Ok(tz)) => (at, tz),
        _ => return,
    };
    loop {
        if let Err(e) = lead(&pool, &settings, at, tz).await {
            tracing::warn!(error = %format!("{e:#}"), "ingest scheduler lost its database connection");
        }
        tokio::time::sleep(RETRY_LEADERSHIP).await;
    }
}

/// Takes leadership if free, then runs the first-run back-fill (if any) beside the daily ingest
/// until the connection (and the lock) is lost.
async fn lead(pool: &PgPool, settings: &Settings, at: NaiveTime, tz: Tz) -> anyhow::Result<()> {
    let Some(mut conn) = take_leadership(pool).await? else {
        return Ok(());
    };
    let backfill = first_run(pool, settings, tz);
    if !settings.ingest.schedule {
        return backfill.await;
    }
    tracing::info!(daily_at = %at, "this process runs the scheduled ingestion");
    let daily = daily(&mut conn, pool, settings, at, tz);
    tokio::pin!(daily);
    tokio::select! {
        lost = &mut daily => lost,
        done = backfill => {
            done?;
            daily.await
        }
    }
}

/// The daily ingest and retention, forever; an error means the leader connection is lost.
async fn daily(conn: &mut PgConnection, pool: &PgPool, settings: &Settings, at: NaiveTime, tz: Tz) -> anyhow::Result<()> {
    loop {
        let next = next_run(Utc::now(), at, tz);
        tokio::time::sleep((next - Utc::now()).to_std().unwrap_or_default()).await;
        conn.ping().await?;
        recent_days(pool, settings, ApiSource::All).await;
        if let Err(e) = retention::prune(pool, settings, Utc::now()).await {
            tracing::error!(error = %e, "retention failed");
        }
    }
}

/// The back-fill of a database with no data for the city (or the rest of one a restart stopped):
/// the recent days and the forecast first, then chunk after chunk, each aggregated and chunked as
/// it lands so questions about it are answered while the rest comes in.
async fn first_run(pool: &PgPool, settings: &Settings, tz: Tz) -> anyhow::Result<()> {
    let today = Utc::now().with_timezone(&tz).date_naive();
    let (feeds, planned) = backfill::plan(pool, settings, today).await?;
    if feeds.iter().all(|f| f.next_day.is_none()) {
        return Ok(());
    }
    if planned {
        tracing::info!(
            days = settings.ingest.backfill_days,
            feeds = ?feeds.iter().map(|f| f.feed.as_str()).collect::<Vec<_>>(),
            "no data for the city yet: back-filling, the most recent days first"
        );
        recent_days(pool, settings, ApiSource::OpenMeteo).await;
    } else {
        tracing::info!("resuming the back-fill where it stopped");
    }
    let upstream = Upstream::new(pool.clone(), settings.upstream.clone())?;
    loop {
        match backfill::step(pool, settings, &upstream).await? {
            Step::Landed { feed, days, report, progress } => {
                tracing::info!(
                    feed,
                    from = %days.0,
                    to = %days.1,
                    days_done = progress.days_done(),
                    days_left = progress.days_left(),
                    "back-fill: {report}"
                );
                if let Err(e) = refresh_days(pool, settings, &[report]).await {
                    tracing::error!(error = %format!("{e:#}"), "aggregation after a back-fill chunk failed");
                }
            }
            Step::Failed { feed, error, retry_in } => {
                tracing::warn!(feed, %error, retry_in_secs = retry_in.as_secs(), "back-fill chunk failed; will retry");
            }
            Step::Wait(wait) => tokio::time::sleep(wait).await,
            Step::Done => {
                tracing::info!("back-fill done");
                return Ok(());
            }
        }
    }
}

/// The recent days and the forecast from `source`, aggregated and chunked; failures are logged,
/// and the next run tries again.
async fn recent_days(pool: &PgPool, settings: &Settings, source: ApiSource) {
    match ingest_apis(pool, settings, source, None).await {
        Ok(reports) => {
            reports.iter().for_each(|r| tracing::info!("{r}"));
            if let Err(e) = refresh_days(pool, settings, &reports).await {
                tracing::error!(error = %format!("{e:#}"), "aggregation after the ingest of the recent days failed");
            }
        }
        Err(e) => tracing::error!(error = %format!("{e:#}"), "the recent days could not be ingested"),
    }
}

/// Aggregates and chunks of the days the scheduled runs touched (the index follows by itself).
async fn refresh_days(pool: &PgPool, settings: &Settings, reports: &[super::Report]) -> anyhow::Result<()> {
    if let Some(days) = aggregate::days_covered(settings, reports)? {
        let refreshed = crate::refresh::refresh(pool, settings, Some(days), None).await?;
        tracing::info!(
            added = refreshed.chunks.added,
            changed = refreshed.chunks.changed,
            removed = refreshed.chunks.removed,
            "chunks refreshed"
        );
    }
    Ok(())
}

/// The connection holding the leader lock, if no other process holds it; leadership lasts as long
/// as the connection.
pub async fn take_leadership(pool: &PgPool) -> sqlx::Result<Option<PgConnection>> {
    let mut conn = pool.acquire().await?.detach();
    let leader: bool =
        sqlx::query_scalar(include_str!("sql/try_leader_lock.sql")).bind(LEADER_LOCK).fetch_one(&mut conn).await?;
    Ok(leader.then_some(conn))
}

/// The next `at` (local time in `tz`) strictly after `now`; a time skipped by DST moves an hour later.
pub fn next_run(now: DateTime<Utc>, at: NaiveTime, tz: Tz) -> DateTime<Utc> {
    let today = now.with_timezone(&tz).date_naive();
    [today, today + Days::new(1), today + Days::new(2)]
        .into_iter()
        .filter_map(|day| {
            let local = day.and_time(at);
            tz.from_local_datetime(&local)
                .earliest()
                .or_else(|| tz.from_local_datetime(&(local + chrono::Duration::hours(1))).earliest())
        })
        .map(|t| t.with_timezone(&Utc))
        .find(|t| *t > now)
        .expect("one of three days has the time")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn utc(s: &str) -> DateTime<Utc> {
        s.parse().unwrap()
    }

    #[test]
    fn next_run_is_the_next_local_four_oclock() {
        let four = NaiveTime::from_hms_opt(4, 0, 0).unwrap();
        let paris = chrono_tz::Europe::Paris;
        assert_eq!(next_run(utc("2026-01-10T01:00:00Z"), four, paris), utc("2026-01-10T03:00:00Z"));
        assert_eq!(next_run(utc("2026-01-10T03:00:00Z"), four, paris), utc("2026-01-11T03:00:00Z"));
        assert_eq!(next_run(utc("2026-07-10T12:00:00Z"), four, paris), utc("2026-07-11T02:00:00Z"));
        // 02:30 does not exist on 2026-03-29 in Paris: it runs at 03:30 local.
        let half_two = NaiveTime::from_hms_opt(2, 30, 0).unwrap();
        assert_eq!(next_run(utc("2026-03-28T12:00:00Z"), half_two, paris), utc("2026-03-29T01:30:00Z"));
    }
}
