//! The heavy dependencies, each doing one real thing: the BERT model embeds, FAISS and tantivy find.

use serde::Deserialize;
use smartcity::embed::Embedder;
use smartcity::index::{TextIndex, VectorIndex};

use crate::helpers::{model_dir, shared_data};

#[derive(Deserialize)]
struct Reference {
    dim: usize,
    items: Vec<ReferenceItem>,
}

#[derive(Deserialize)]
struct ReferenceItem {
    text: String,
    embedding: Vec<f32>,
}

fn cosine(a: &[f32], b: &[f32]) -> f32 {
    let dot: f32 = a.iter().zip(b).map(|(x, y)| x * y).sum();
    let norm = |v: &[f32]| v.iter().map(|x| x * x).sum::<f32>().sqrt();
    dot / (norm(a) * norm(b))
}

#[test]
fn embedder_reproduces_sentence_transformers() {
    let reference: Reference = serde_json::from_str(
        &std::fs::read_to_string(shared_data("reference/minilm_l6_v2_reference_embeddings.json")).unwrap(),
    )
    .unwrap();
    let embedder = Embedder::load(&model_dir()).expect("the model installed by scripts/setup loads");
    assert_eq!(embedder.dimension(), reference.dim);

    let texts: Vec<&str> = reference.items.iter().map(|i| i.text.as_str()).collect();
    let batch = embedder.embed(&texts).unwrap();
    for (item, vector) in reference.items.iter().zip(&batch) {
        let single = &embedder.embed(&[&item.text]).unwrap()[0];
        assert!(cosine(single, &item.embedding) >= 0.999, "{:?}: {}", item.text, cosine(single, &item.embedding));
        assert!(
            cosine(vector, &item.embedding) >= 0.999,
            "batched {:?}: {}",
            item.text,
            cosine(vector, &item.embedding)
        );
        let norm: f32 = vector.iter().map(|x| x * x).sum::<f32>().sqrt();
        assert!((norm - 1.0).abs() < 1e-4);
    }
}

#[test]
fn a_missing_model_is_explained() {
    let err = Embedder::load(std::path::Path::new("/nonexistent/model")).err().unwrap().to_string();
    assert!(err.contains("scripts/setup"), "{err}");
}

#[test]
fn faiss_finds_the_nearest_of_two_vectors_and_survives_a_round_trip() {
    let mut index = VectorIndex::new_exact(3).unwrap();
    index.add(&[7, 42], &[vec![1.0, 0.0, 0.0], vec![0.0, 0.6, 0.8]]).unwrap();
    assert_eq!(index.len(), 2);
    let hits = index.search(&[0.0, 0.8, 0.6], 2).unwrap();
    assert_eq!(hits[0].0, 42);
    assert!((hits[0].1 - 0.96).abs() < 1e-6);
    assert_eq!(hits[1], (7, 0.0));

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vectors.faiss");
    index.save(&path).unwrap();
    let mut loaded = VectorIndex::load(&path).unwrap();
    assert_eq!(loaded.search(&[1.0, 0.0, 0.0], 1).unwrap(), vec![(7, 1.0)]);
    assert!(index.add(&[1], &[vec![1.0, 0.0]]).is_err(), "a vector of the wrong dimension is refused");
}

#[test]
fn tantivy_finds_its_one_document_after_reopening() {
    let dir = tempfile::tempdir().unwrap();
    let index = TextIndex::create(dir.path()).unwrap();
    let writer = index.writer().unwrap();
    index.add(&writer, 1001, "PM2.5 at Montferrand averaged 9.8 µg/m³ in January 2020").unwrap();
    index.commit(writer).unwrap();
    drop(index);

    let index = TextIndex::open(dir.path()).unwrap();
    let hits = index.search("Montferrand january", 5).unwrap();
    assert_eq!(hits.len(), 1);
    assert_eq!(hits[0].0, 1001);
    assert!(index.search("ozone", 5).unwrap().is_empty());
}

#[test]
fn embeddings_and_faiss_retrieve_the_related_sentence() {
    let embedder = Embedder::load(&model_dir()).unwrap();
    let texts = ["Fine particle pollution was high in Clermont-Ferrand.", "It rained heavily over the weekend."];
    let vectors = embedder.embed(&texts).unwrap();
    let mut index = VectorIndex::new_exact(embedder.dimension()).unwrap();
    index.add(&[1, 2], &vectors).unwrap();
    let query = embedder.embed(&["How much rain fell?"]).unwrap();
    assert_eq!(index.search(&query[0], 1).unwrap()[0].0, 2);
}
