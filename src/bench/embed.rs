//! `smartcity bench embed`: the embedder alone, on each runtime, on the English chunk texts of the
//! database (batches of 32 sorted by length, as the index embeds them), one-question latency on the
//! questions of a question set, and the reference embeddings reproduced. `--write DIR` leaves the same texts and
//! questions as JSON lines, so `scripts/bench --peers` can time other embedders on them.

use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use serde::Deserialize;
use sqlx::PgPool;

use super::percentiles;
use crate::config::Settings;
use crate::embed::{BATCH, Embedder, Options as EmbedOptions, Runtime};

pub struct Options {
    pub dataset: PathBuf,
    pub reference: PathBuf,
    pub write: Option<PathBuf>,
}

#[derive(Deserialize)]
struct Question {
    question: String,
}

#[derive(Deserialize)]
struct Reference {
    items: Vec<ReferenceItem>,
}

#[derive(Deserialize)]
struct ReferenceItem {
    text: String,
    embedding: Vec<f32>,
}

const ROUNDS: usize = 2;

pub async fn run(pool: &PgPool, settings: &Settings, options: Options) -> anyhow::Result<String> {
    let texts: Vec<String> = sqlx::query_scalar(include_str!("sql/english_texts.sql")).fetch_all(pool).await?;
    anyhow::ensure!(!texts.is_empty(), "no English chunks in this database: import data first");
    let questions: Vec<String> = crate::jsonl::read::<Question>(&options.dataset)?.into_iter().map(|q| q.question).collect();
    let reference: Reference = serde_json::from_str(
        &std::fs::read_to_string(&options.reference)
            .with_context(|| format!("cannot read {}", options.reference.display()))?,
    )
    .with_context(|| format!("{} is not a reference embeddings file", options.reference.display()))?;
    if let Some(dir) = &options.write {
        write_lines(&dir.join("texts.jsonl"), &texts)?;
        write_lines(&dir.join("questions.jsonl"), &questions)?;
    }
    let threads = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    let mut out = format!(
        "{} English chunk texts, batches of {BATCH} sorted by length, best of {ROUNDS} rounds; {} questions \
         one at a time; {threads} threads.\n\n\
         | embedder | texts/s | one question p50 | p95 | reference cosine (min of {}) |\n|---|---|---|---|---|\n",
        texts.len(),
        questions.len(),
        reference.items.len(),
    );
    let (texts, questions, reference) = (Arc::new(texts), Arc::new(questions), Arc::new(reference));
    for runtime in [Runtime::Onnx, Runtime::Candle] {
        let embed_options = EmbedOptions { runtime, ..settings.embedder() };
        let (texts, questions, reference) = (texts.clone(), questions.clone(), reference.clone());
        out += &tokio::task::spawn_blocking(move || {
            let embedder = Embedder::load(&embed_options)?;
            measure(&embedder, &texts, &questions, &reference)
        })
        .await??;
    }
    Ok(out)
}

/// One row of the table.
fn measure(
    embedder: &Embedder,
    texts: &[String],
    questions: &[String],
    reference: &Reference,
) -> anyhow::Result<String> {
    let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
    let mut best = f64::INFINITY;
    for _ in 0..ROUNDS {
        let t = Instant::now();
        embedder.embed_many(&refs, |_| {})?;
        best = best.min(t.elapsed().as_secs_f64());
    }
    let mut query_ms = Vec::new();
    for question in questions {
        let t = Instant::now();
        embedder.embed(&[question])?;
        query_ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    let [p50, p95, _] = percentiles(query_ms);
    let mut worst = f64::INFINITY;
    for item in &reference.items {
        let ours = embedder.embed(&[&item.text])?.remove(0);
        worst = worst.min(cosine(&ours, &item.embedding));
    }
    Ok(format!(
        "| this project ({}) | {:.1} | {p50:.1} ms | {p95:.1} ms | {worst:.5} |\n",
        embedder.runtime().name(),
        texts.len() as f64 / best,
    ))
}

fn cosine(a: &[f32], b: &[f32]) -> f64 {
    let dot: f64 = a.iter().zip(b).map(|(x, y)| f64::from(*x) * f64::from(*y)).sum();
    let norm = |v: &[f32]| v.iter().map(|x| f64::from(*x).powi(2)).sum::<f64>().sqrt();
    dot / (norm(a) * norm(b))
}

fn write_lines(path: &Path, texts: &[String]) -> anyhow::Result<()> {
    let mut out = String::new();
    for text in texts {
        out += &serde_json::json!({ "text": text }).to_string();
        out.push('\n');
    }
    std::fs::write(path, out).with_context(|| format!("cannot write {}", path.display()))
}
