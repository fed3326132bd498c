//! `smartcity bench refresh --scratch`: aggregates, chunks and index of all the data from scratch,
//! stage by stage, against embedding the same texts alone. It empties the derived tables first, so
//! it only runs on a scratch database (scripts/bench makes one).

use std::sync::Arc;
use std::time::Instant;

use sqlx::PgPool;

use crate::config::Settings;
use crate::index::build::BuildOptions;
use crate::index::{self, Indexes};

pub async fn run(pool: &PgPool, settings: &Settings) -> anyhow::Result<String> {
    let embedder = crate::refresh::load_embedder(settings).await?;
    sqlx::query(include_str!("sql/clear_derived.sql")).execute(pool).await?;
    let started = Instant::now();
    let aggregates = crate::aggregate::refresh(pool, settings, None).await?;
    let aggregate_s = started.elapsed().as_secs_f64();
    let t = Instant::now();
    let chunks = crate::refresh::summarize_days(pool, settings, None).await?;
    let summarize_s = t.elapsed().as_secs_f64();
    let scratch = tempfile::tempdir()?;
    let t = Instant::now();
    let built = index::build(
        pool,
        &Indexes::new(scratch.path()),
        &embedder,
        BuildOptions { rebuild: true, hnsw_above: settings.index.hnsw_above },
    )
    .await?;
    let index_s = t.elapsed().as_secs_f64();
    let total = started.elapsed().as_secs_f64();

    let texts: Vec<String> = sqlx::query_scalar(include_str!("sql/english_texts.sql")).fetch_all(pool).await?;
    let alone = {
        let embedder = Arc::clone(&embedder);
        tokio::task::spawn_blocking(move || -> anyhow::Result<f64> {
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let t = Instant::now();
            embedder.embed_many(&refs, |_| {})?;
            Ok(t.elapsed().as_secs_f64())
        })
        .await??
    };
    Ok(format!(
        "| stage | result | seconds |\n|---|---|---|\n\
         | daily aggregates and correlations | {} daily rows, {} correlations | {aggregate_s:.1} |\n\
         | chunks (French and English) | {} chunks | {summarize_s:.1} |\n\
         | index (embed {} English chunks, FAISS, tantivy) | build {} | {index_s:.1} |\n\
         | **refresh, all stages** | {:.1} chunks/s | **{total:.1}** |\n\
         | embedding the same {} texts alone | {:.1} texts/s | {alone:.1} |\n\
         \nRefresh / embedding alone: {:.2} (goal ≤ 1.3).\n",
        aggregates.days_changed,
        aggregates.correlations_changed,
        chunks.added,
        built.embedded,
        built.build_id,
        chunks.added as f64 / total,
        built.embedded,
        built.embedded as f64 / alone,
        total / alone
    ))
}
