//! Everything derived from the measurements, brought up to date in order: aggregates, chunks, index.

use std::sync::Arc;

use chrono::{NaiveDate, Utc};
use sqlx::PgPool;

use crate::config::Settings;
use crate::embed::Embedder;
use crate::index::build::BuildOptions;
use crate::index::{self, BuildReport, Indexes};
use crate::{aggregate, summarize};

pub struct Refreshed {
    pub aggregates: aggregate::Refreshed,
    pub chunks: summarize::Summary,
    pub index: Option<BuildReport>,
}

impl std::fmt::Display for Refreshed {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let (a, c) = (&self.aggregates, &self.chunks);
        write!(
            f,
            "aggregates: {} daily rows added or changed; correlations: {} added or changed, {} removed",
            a.days_changed, a.correlations_changed, a.correlations_removed
        )?;
        match a.sale_groups {
            Some(groups) => writeln!(f, "; {groups} groups of sale prices")?,
            None => writeln!(f)?,
        }
        write!(
            f,
            "chunks: {} added, {} changed, {} removed, {} unchanged",
            c.added, c.changed, c.removed, c.unchanged
        )?;
        if let Some(index) = &self.index {
            write!(f, "\n{index}")?;
        }
        Ok(())
    }
}

/// Recomputes the aggregates and chunks of `days` (or of all data), then, with an embedder, the index.
pub async fn refresh(
    pool: &PgPool,
    settings: &Settings,
    days: Option<(NaiveDate, NaiveDate)>,
    embedder: Option<&Arc<Embedder>>,
) -> anyhow::Result<Refreshed> {
    let aggregates = aggregate::refresh(pool, settings, days).await?;
    let chunks = summarize_days(pool, settings, days).await?;
    let index = match embedder {
        Some(embedder) => Some(build_index(pool, settings, embedder, false).await?),
        None => None,
    };
    Ok(Refreshed { aggregates, chunks, index })
}

pub async fn summarize_days(
    pool: &PgPool,
    settings: &Settings,
    days: Option<(NaiveDate, NaiveDate)>,
) -> anyhow::Result<summarize::Summary> {
    let tera = summarize::templates(settings.prompts_dir.as_deref())?;
    let days = match days {
        Some(days) => days,
        None => aggregate::data_days(pool).await?,
    };
    let today = Utc::now().with_timezone(&settings.city.tz()?).date_naive();
    summarize::summarize(pool, &tera, &settings.city, days, today).await
}

pub async fn build_index(
    pool: &PgPool,
    settings: &Settings,
    embedder: &Arc<Embedder>,
    rebuild: bool,
) -> anyhow::Result<BuildReport> {
    let indexes = Indexes::open(pool, &settings.index_dir()).await?;
    index::build(pool, &indexes, embedder, BuildOptions { rebuild, hnsw_above: settings.index.hnsw_above }).await
}

/// The configured embedding model, loaded off the async threads.
pub async fn load_embedder(settings: &Settings) -> anyhow::Result<Arc<Embedder>> {
    let options = settings.embedder();
    Ok(Arc::new(tokio::task::spawn_blocking(move || Embedder::load(&options)).await??))
}
