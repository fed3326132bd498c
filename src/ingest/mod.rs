//! Ingestion: upstream APIs (OpenAQ, Open-Meteo) and files (SYNOP, daily series, DVF sales) into PostgreSQL,
//! idempotently, every run recorded.

pub mod backfill;
pub mod daily_csv;
pub mod dvf;
mod copy;
mod files;
pub mod gtfs;
pub mod open_meteo;
pub mod openaq;
pub mod retention;
pub mod run;
pub mod schedule;
pub mod store;
pub mod synop;
pub mod units;
pub mod upstream;

use chrono::{Days, Duration, NaiveDate, Utc};
use sqlx::PgPool;

use crate::config::Settings;
pub use run::{Report, Status};
pub use upstream::Upstream;

#[derive(Debug, Clone, Copy, PartialEq, Eq, clap::ValueEnum)]
pub enum ApiSource {
    Openaq,
    OpenMeteo,
    All,
}

/// Runs the API sources over the look-back window (with the forecast), or back-fills `range`.
pub async fn ingest_apis(
    pool: &PgPool,
    settings: &Settings,
    which: ApiSource,
    range: Option<(NaiveDate, NaiveDate)>,
) -> anyhow::Result<Vec<Report>> {
    let upstream = Upstream::new(pool.clone(), settings.upstream.clone())?;
    let lookback = settings.ingest.lookback_days;
    let mut reports = Vec::new();
    if matches!(which, ApiSource::Openaq | ApiSource::All) {
        let window = match range {
            Some((from, to)) => (midnight(from), midnight(to + Days::new(1))),
            None => (Utc::now() - Duration::days(lookback.into()), Utc::now()),
        };
        reports.extend(openaq::ingest(pool, &upstream, settings, window).await?);
    }
    if matches!(which, ApiSource::OpenMeteo | ApiSource::All) {
        let request = match range {
            Some((from, to)) => open_meteo::Request::Range { from, to },
            None => open_meteo::Request::Recent { past_days: lookback },
        };
        reports.push(open_meteo::ingest(pool, &upstream, settings, request, &[open_meteo::Feed::Weather, open_meteo::Feed::Air]).await?);
    }
    Ok(reports)
}

fn midnight(date: NaiveDate) -> chrono::DateTime<Utc> {
    date.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc()
}
