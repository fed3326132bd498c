//! `smartcity bench retrieval`: query embedding time, retrieval latency at the real chunk count and
//! at a larger count, and the index build rate against the embedder alone. Prints Markdown for
//! BENCHMARKS.md.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use chrono::{NaiveDate, Utc};
use rand::Rng;
use serde::Deserialize;
use sqlx::PgPool;

use crate::config::Settings;
use crate::index::build::{BuildOptions, read_raw_vectors};
use crate::index::{self, ChunkMeta, IndexBuild, Indexes, Manifest, TextIndex, VectorIndex};
use crate::question::{Gazetteer, Plan};
use crate::retrieve::{Mode, Retriever};
use crate::summarize::Lang;

#[derive(Deserialize)]
struct Question {
    question: String,
    lang: Lang,
    as_of: NaiveDate,
}

fn percentiles(ms: Vec<f64>) -> (f64, f64) {
    let [p50, p95, _] = super::percentiles(ms);
    (p50, p95)
}

pub struct Options {
    pub dataset: std::path::PathBuf,
    pub rounds: usize,
    pub large: Vec<usize>,
}

pub async fn run(pool: &PgPool, settings: &Settings, options: Options) -> anyhow::Result<String> {
    let embedder = crate::refresh::load_embedder(settings).await?;
    let questions: Vec<Question> = crate::jsonl::read(&options.dataset)?;
    let gazetteer = Gazetteer::load(pool, &settings.city).await?;
    let indexes = Indexes::open(pool, &settings.index_dir()).await?;
    let retriever = Arc::new(Retriever::new(Ok(Arc::clone(&embedder)), indexes.clone()));
    retriever.reload()?;
    let build = retriever.current().context("no index has been built yet: run `smartcity index`")?;
    let mut out = String::new();
    let cores = std::thread::available_parallelism().map(|n| n.get()).unwrap_or(1);
    out += &format!(
        "Machine: {cores} cores. Model: {}. Dataset: {} ({} questions), {} rounds.\n\n",
        build.manifest.model,
        options.dataset.display(),
        questions.len(),
        options.rounds
    );

    // Query embedding alone: every question embedded afresh (no cache).
    let plans: Vec<Plan> =
        questions.iter().map(|q| Plan::parse(&q.question, Some(q.lang), q.as_of, &gazetteer)).collect();
    let mut embed_ms = Vec::new();
    for _ in 0..options.rounds {
        for plan in &plans {
            let text = if plan.lang == Lang::En { plan.question.clone() } else { plan.canonical_english(&gazetteer) };
            let t = Instant::now();
            embedder.embed(&[&text])?;
            embed_ms.push(t.elapsed().as_secs_f64() * 1000.0);
        }
    }
    let (p50, p95) = percentiles(embed_ms);
    out += "| measure | p50 | p95 |\n|---|---|---|\n";
    let runtime = embedder.runtime().name();
    out += &format!("| query embedding (one question, {runtime}, {cores} cores) | {p50:.1} ms | {p95:.1} ms |\n");

    // Total, vector side and text side, each as (p50, p95).
    let measure = |retriever: &Retriever| -> anyhow::Result<[(f64, f64); 3]> {
        // Warm the query vector cache so that only retrieval is timed.
        for plan in &plans {
            retriever.retrieve(plan, &gazetteer, 5, Mode::Fused)?;
        }
        let (mut total, mut vector, mut text) = (Vec::new(), Vec::new(), Vec::new());
        for _ in 0..options.rounds {
            for plan in &plans {
                let t = Instant::now();
                let found = retriever.retrieve(plan, &gazetteer, 5, Mode::Fused)?;
                total.push(t.elapsed().as_secs_f64() * 1000.0);
                vector.push(found.timings.vector_ms);
                text.push(found.timings.text_ms);
            }
        }
        Ok([percentiles(total), percentiles(vector), percentiles(text)])
    };
    let row = |chunks: usize, vectors: usize, kind: &str, [total, vector, text]: [(f64, f64); 3]| {
        format!(
            "| {chunks} chunks ({vectors} vectors, {kind}) | {:.2} ms | {:.2} ms | {:.2} ms | {:.2} ms | {:.2} ms | {:.2} ms |\n",
            total.0, total.1, vector.0, vector.1, text.0, text.1
        )
    };
    out += "\nRetrieval after the query is embedded (filters, FAISS, tantivy, fusion):\n\n\
            | index | p50 | p95 | vector side p50 | p95 | text side p50 | p95 |\n|---|---|---|---|---|---|---|\n";
    out += &row(build.manifest.chunks, build.manifest.vectors, &build.manifest.vector_index, measure(&retriever)?);
    let rows: Vec<(i64, String)> = sqlx::query_as(include_str!("sql/chunk_texts.sql")).fetch_all(pool).await?;
    let texts: HashMap<i64, String> = rows.into_iter().collect();
    let originals = read_raw_vectors(&indexes.build_dir(&build.manifest.build_id), &build)?;
    for (&size, hnsw) in options.large.iter().flat_map(|size| [(size, false), (size, true)]) {
        let (large, _files) = tokio::task::block_in_place(|| enlarged(&build, &texts, &originals, size, hnsw))?;
        let (chunks, vectors, kind) =
            (large.manifest.chunks, large.manifest.vectors, large.manifest.vector_index.clone());
        let big = Retriever::new(Ok(Arc::clone(&embedder)), indexes.clone());
        big.use_build(large);
        out += &row(chunks, vectors, &kind, measure(&big)?);
    }

    // Build rate: a full rebuild into a scratch directory against embedding the same texts alone.
    let scratch = tempfile::tempdir()?;
    let texts: Vec<String> = sqlx::query_scalar(include_str!("sql/english_texts.sql")).fetch_all(pool).await?;
    let alone = {
        let embedder = Arc::clone(&embedder);
        let texts = texts.clone();
        tokio::task::spawn_blocking(move || -> anyhow::Result<f64> {
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let t = Instant::now();
            embedder.embed_many(&refs, |_| {})?;
            Ok(t.elapsed().as_secs_f64())
        })
        .await??
    };
    let options = BuildOptions { rebuild: true, hnsw_above: settings.index.hnsw_above };
    let report = index::build(pool, &Indexes::open(pool, scratch.path()).await?, &embedder, options).await?;
    out += &format!(
        "\n| index build ({} chunks, {} embedded) | chunks/s | seconds |\n|---|---|---|\n\
         | embedder alone, same {} texts | {:.1} | {:.1} |\n| full build (embed + FAISS + tantivy + files) | {:.1} | {:.1} |\n\
         \nBuild time / embedding time: {:.2}.\n",
        report.chunks,
        report.embedded,
        texts.len(),
        texts.len() as f64 / alone,
        alone,
        report.vectors as f64 / report.seconds,
        report.seconds,
        report.seconds / alone
    );
    Ok(out)
}

/// The real build grown to `target` chunks: each chunk copied with a new id and its own text, its
/// vector moved by a little noise and re-normalised. Only for timing: nothing of it is ever shown.
fn enlarged(
    build: &IndexBuild,
    texts: &HashMap<i64, String>,
    originals: &HashMap<i64, (String, Vec<f32>)>,
    target: usize,
    hnsw: bool,
) -> anyhow::Result<(IndexBuild, tempfile::TempDir)> {
    let copies = target.div_ceil(build.chunks.len().max(1));
    let dir = tempfile::tempdir()?;
    let text = TextIndex::create(&dir.path().join("text"))?;
    let writer = text.writer()?;
    let mut chunks = Vec::new();
    let mut ids = Vec::new();
    let mut vectors = Vec::new();
    let mut rng = rand::rng();
    for copy in 0..copies as i64 {
        for chunk in &build.chunks {
            let shift = |id: i64| id ^ (copy << 40);
            let meta = ChunkMeta { id: shift(chunk.id), twin: shift(chunk.twin), ..chunk.clone() };
            text.add(&writer, &meta, texts.get(&chunk.id).map(String::as_str).unwrap_or_default())?;
            if let Some((_, vector)) = originals.get(&chunk.id) {
                let mut v: Vec<f32> = vector.iter().map(|x| x + rng.random_range(-0.02..0.02)).collect();
                let norm = v.iter().map(|x| x * x).sum::<f32>().sqrt();
                v.iter_mut().for_each(|x| *x /= norm);
                ids.push(meta.id);
                vectors.push(v);
            }
            chunks.push(meta);
        }
    }
    text.commit(writer)?;
    let mut index = VectorIndex::for_size(build.manifest.dimension, vectors.len(), if hnsw { 0 } else { usize::MAX })?;
    index.add(&ids, &vectors)?;
    let manifest = Manifest {
        build_id: format!("bench-{}", Utc::now().format("%H%M%S")),
        vector_index: if hnsw { "hnsw" } else { "flat" }.into(),
        chunks: chunks.len(),
        vectors: vectors.len(),
        ..build.manifest.clone()
    };
    Ok((IndexBuild::from_parts(manifest, index, text, chunks), dir))
}
