//! The first-run back-fill: on a database with no data for the city, the last
//! `ingest.backfill_days` days from Open-Meteo's archive and air quality (no key needed), and from
//! OpenAQ when a key is set. Each feed walks from the newest day back, a chunk at a time; every
//! chunk landed is recorded, so a restart resumes where it stopped and nothing is fetched twice.

use std::time::Duration;

use chrono::{DateTime, Days, NaiveDate, Utc};
use rand::Rng;
use serde::Serialize;
use sqlx::PgPool;

use super::open_meteo::{self, Request};
use super::run::Report;
use super::upstream::Upstream;
use super::{midnight, openaq};
use crate::config::Settings;

/// Days per request: one month of hourly values, well inside what the APIs serve in one call.
const CHUNK_DAYS: u64 = 30;
const FIRST_RETRY: Duration = Duration::from_secs(30);
const LONGEST_RETRY: Duration = Duration::from_secs(30 * 60);

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Feed {
    Archive,
    AirQuality,
    Openaq,
}

impl Feed {
    const ALL: [Feed; 3] = [Feed::Archive, Feed::AirQuality, Feed::Openaq];

    fn name(self) -> &'static str {
        match self {
            Feed::Archive => "open-meteo archive (weather)",
            Feed::AirQuality => "open-meteo air-quality (CAMS model)",
            Feed::Openaq => "openaq (measurements)",
        }
    }
}

/// How far one feed has come.
#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Progress {
    pub feed: String,
    pub first_day: NaiveDate,
    pub last_day: NaiveDate,
    /// The newest day not loaded yet; `None` once the feed is done.
    pub next_day: Option<NaiveDate>,
    pub failures: i32,
    pub last_error: Option<String>,
    pub next_attempt_at: DateTime<Utc>,
    pub updated_at: DateTime<Utc>,
}

impl Progress {
    pub fn days_done(&self) -> i64 {
        (self.last_day - self.next_day.map_or(self.first_day - Days::new(1), |d| d)).num_days()
    }

    pub fn days_left(&self) -> i64 {
        self.next_day.map_or(0, |d| (d - self.first_day).num_days() + 1)
    }
}

/// What one step of the back-fill did.
pub enum Step {
    Landed { feed: &'static str, days: (NaiveDate, NaiveDate), report: Report, progress: Progress },
    Failed { feed: &'static str, error: String, retry_in: Duration },
    /// Every feed left is waiting to be retried.
    Wait(Duration),
    Done,
}

/// Plans the back-fill when the city has no data and none was planned before: the days before
/// `today`. Returns the feeds' progress and whether it was planned just now.
pub async fn plan(pool: &PgPool, settings: &Settings, today: NaiveDate) -> anyhow::Result<(Vec<Progress>, bool)> {
    let existing = progress(pool).await?;
    let days = settings.ingest.backfill_days;
    if !existing.is_empty() || days == 0 {
        return Ok((existing, false));
    }
    let city = &settings.city;
    let has_data: bool = sqlx::query_scalar(include_str!("sql/city_has_data.sql"))
        .bind(city.latitude)
        .bind(city.longitude)
        .bind(city.radius_km)
        .fetch_one(pool)
        .await?;
    if has_data {
        return Ok((existing, false));
    }
    let feeds: Vec<&str> = Feed::ALL
        .into_iter()
        .filter(|f| *f != Feed::Openaq || settings.openaq.api_key.is_some())
        .map(Feed::name)
        .collect();
    let last = today - Days::new(1);
    let first = today - Days::new(days.into());
    sqlx::query(include_str!("sql/backfill_plan.sql")).bind(&feeds).bind(first).bind(last).execute(pool).await?;
    Ok((progress(pool).await?, true))
}

#[tracing::instrument(name = "db.backfill_progress", skip_all)]
pub async fn progress(pool: &PgPool) -> sqlx::Result<Vec<Progress>> {
    sqlx::query_as(include_str!("sql/backfill_progress.sql")).fetch_all(pool).await
}

/// Loads the next chunk of the feed that is due and has come least far.
pub async fn step(pool: &PgPool, settings: &Settings, upstream: &Upstream) -> anyhow::Result<Step> {
    let rows = progress(pool).await?;
    let pending: Vec<(Feed, &Progress, NaiveDate)> = rows
        .iter()
        .filter_map(|p| Some((Feed::ALL.into_iter().find(|f| f.name() == p.feed)?, p, p.next_day?)))
        .collect();
    let now = Utc::now();
    let Some(&(feed, progress, to)) =
        pending.iter().filter(|(_, p, _)| p.next_attempt_at <= now).max_by_key(|(_, _, next)| *next)
    else {
        return Ok(match pending.iter().map(|(_, p, _)| p.next_attempt_at).min() {
            Some(at) => Step::Wait((at - now).to_std().unwrap_or_default()),
            None => Step::Done,
        });
    };
    let from = (to - Days::new(CHUNK_DAYS - 1)).max(progress.first_day);
    let fetched = match feed {
        Feed::Archive | Feed::AirQuality => {
            let what = if feed == Feed::Archive { open_meteo::Feed::Weather } else { open_meteo::Feed::Air };
            open_meteo::ingest(pool, upstream, settings, Request::Range { from, to }, &[what]).await.map(Some)
        }
        Feed::Openaq => {
            openaq::ingest(pool, upstream, settings, (midnight(from), midnight(to + Days::new(1)))).await
        }
    };
    let failure = match &fetched {
        Ok(Some(report)) if report.failed_parts == 0 && report.error.is_none() => None,
        Ok(Some(report)) => Some(report.error.clone().unwrap_or_else(|| {
            report.failures.last().map(|f| format!("{}: {}", f.what, f.reason)).unwrap_or_default()
        })),
        // Without a key (removed since the plan), OpenAQ has nothing to load.
        Ok(None) => None,
        Err(e) => Some(format!("{e:#}")),
    };
    if let Some(error) = failure {
        let retry_in = retry_delay(progress.failures);
        sqlx::query(include_str!("sql/backfill_failed.sql"))
            .bind(&progress.feed)
            .bind(&error)
            .bind(retry_in.as_secs_f64())
            .execute(pool)
            .await?;
        return Ok(Step::Failed { feed: feed.name(), error, retry_in });
    }
    let landed_from = if fetched.as_ref().is_ok_and(Option::is_none) { progress.first_day } else { from };
    sqlx::query(include_str!("sql/backfill_landed.sql")).bind(&progress.feed).bind(landed_from).execute(pool).await?;
    let progress = self::progress(pool).await?.into_iter().find(|p| p.feed == feed.name()).expect("the feed's row");
    Ok(match fetched {
        Ok(Some(report)) => Step::Landed { feed: feed.name(), days: (from, to), report, progress },
        _ => Step::Wait(Duration::ZERO),
    })
}

/// Doubles from 30 s after each failure in a row, up to 30 min, with jitter.
fn retry_delay(failures: i32) -> Duration {
    let doubled = FIRST_RETRY.saturating_mul(1u32 << failures.clamp(0, 10));
    let delay = doubled.min(LONGEST_RETRY);
    delay + Duration::from_millis(rand::rng().random_range(0..=delay.as_millis() as u64 / 10))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn retries_back_off_up_to_half_an_hour() {
        assert!((30..=33).contains(&retry_delay(0).as_secs()));
        assert!((60..=66).contains(&retry_delay(1).as_secs()));
        assert!((1800..=1980).contains(&retry_delay(9).as_secs()));
        assert!((1800..=1980).contains(&retry_delay(i32::MAX).as_secs()));
    }

    #[test]
    fn progress_counts_days_done_and_left() {
        let day = |s: &str| s.parse::<NaiveDate>().unwrap();
        let mut p = Progress {
            feed: Feed::Archive.name().into(),
            first_day: day("2026-01-01"),
            last_day: day("2026-01-31"),
            next_day: Some(day("2026-01-31")),
            failures: 0,
            last_error: None,
            next_attempt_at: Utc::now(),
            updated_at: Utc::now(),
        };
        assert_eq!((p.days_done(), p.days_left()), (0, 31));
        p.next_day = Some(day("2026-01-10"));
        assert_eq!((p.days_done(), p.days_left()), (21, 10));
        p.next_day = None;
        assert_eq!((p.days_done(), p.days_left()), (31, 0));
    }
}
