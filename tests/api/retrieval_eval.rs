//! The retrieval question set (eval/retrieval.jsonl) over the whole 2020 index: fused recall@5
//! stays at or above 0.9 in each language.

use std::sync::Arc;

use smartcity::Settings;
use smartcity::eval::retrieval;
use smartcity::index::Indexes;
use smartcity::index::build::{BuildOptions, build};
use smartcity::question::Gazetteer;
use smartcity::retrieve::Retriever;
use sqlx::PgPool;

use crate::helpers::{embedder, load_2020, manifest_dir};

#[sqlx::test]
async fn the_question_set_finds_its_chunks_in_both_languages(pool: PgPool) {
    load_2020(&pool, None).await;
    let dir = tempfile::tempdir().unwrap();
    let indexes = Indexes::open(&pool, dir.path()).await.unwrap();
    build(&pool, &indexes, &embedder(), BuildOptions { rebuild: false, hnsw_above: 50_000 }).await.unwrap();
    let retriever = Arc::new(Retriever::new(Ok(embedder()), indexes));
    retriever.reload().unwrap();
    let gazetteer = Gazetteer::load(&pool, &Settings::default().city).await.unwrap();
    let report =
        retrieval::run(&pool, &retriever, &gazetteer, &manifest_dir().join("eval/retrieval.jsonl")).await.unwrap();
    println!("{report}");
    assert!(report.all.questions >= 60 && report.fr.questions >= 30 && report.en.questions >= 30, "{report}");
    for group in [&report.en, &report.fr] {
        assert!(group.fused.recall_at_5 >= 0.9, "{report}");
        assert!(group.fused.mrr >= group.text.mrr.min(group.vector.mrr), "{report}");
    }
}
