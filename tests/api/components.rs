//! The heavy dependencies, each doing one real thing: the BERT model embeds, FAISS and tantivy find.

use chrono::NaiveDate;
use serde::Deserialize;
use smartcity::embed::{Embedder, Options, Runtime};
use smartcity::index::{ChunkMeta, Clause, Filter, TextIndex, VectorIndex};
use smartcity::summarize::Lang;

use crate::helpers::{embed_options, shared_data};

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
fn both_runtimes_reproduce_sentence_transformers() {
    let reference: Reference = serde_json::from_str(
        &std::fs::read_to_string(shared_data("reference/minilm_l6_v2_reference_embeddings.json")).unwrap(),
    )
    .unwrap();
    let texts: Vec<&str> = reference.items.iter().map(|i| i.text.as_str()).collect();
    for runtime in [Runtime::Onnx, Runtime::Candle] {
        let embedder = Embedder::load(&Options { runtime, ..embed_options() })
            .expect("the model and ONNX Runtime installed by scripts/setup load");
        assert_eq!(embedder.runtime(), runtime);
        assert_eq!(embedder.dimension(), reference.dim);
        let batch = embedder.embed(&texts).unwrap();
        for (item, vector) in reference.items.iter().zip(&batch) {
            let single = &embedder.embed(&[&item.text]).unwrap()[0];
            let alone = cosine(single, &item.embedding);
            assert!(alone >= 0.999, "{runtime:?} {:?}: {alone}", item.text);
            let batched = cosine(vector, &item.embedding);
            assert!(batched >= 0.999, "{runtime:?} batched {:?}: {batched}", item.text);
            let norm: f32 = vector.iter().map(|x| x * x).sum::<f32>().sqrt();
            assert!((norm - 1.0).abs() < 1e-4);
        }
    }
}

#[test]
fn a_missing_model_or_runtime_is_explained() {
    let options = Options { model_dir: "/nonexistent/model".into(), ..embed_options() };
    let err = Embedder::load(&options).err().unwrap().to_string();
    assert!(err.contains("no embedding model in /nonexistent/model") && err.contains("scripts/setup"), "{err}");

    let options = Options { onnxruntime: "/nonexistent/libonnxruntime.so".into(), ..embed_options() };
    let err = Embedder::load(&options).err().unwrap().to_string();
    assert!(err.contains("no ONNX Runtime at /nonexistent/libonnxruntime.so") && err.contains("candle"), "{err}");
    let candle = Embedder::load(&Options { runtime: Runtime::Candle, ..options }).expect("candle needs no library");
    assert_eq!(candle.runtime(), Runtime::Candle);
}

#[test]
fn faiss_finds_the_nearest_of_two_vectors_and_survives_a_round_trip() {
    let mut index = VectorIndex::new_exact(3).unwrap();
    index.add(&[7, 42], &[vec![1.0, 0.0, 0.0], vec![0.0, 0.6, 0.8]]).unwrap();
    assert_eq!(index.len(), 2);
    let hits = index.search(&[0.0, 0.8, 0.6], 2, None).unwrap();
    assert_eq!(hits[0].0, 42);
    assert!((hits[0].1 - 0.96).abs() < 1e-6);
    assert_eq!(hits[1], (7, 0.0));
    assert_eq!(index.search(&[0.0, 0.8, 0.6], 2, Some(&[7])).unwrap(), vec![(7, 0.0)], "only the allowed ids");

    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("vectors.faiss");
    index.save(&path).unwrap();
    let mut loaded = VectorIndex::load(&path).unwrap();
    assert_eq!(loaded.search(&[1.0, 0.0, 0.0], 1, None).unwrap(), vec![(7, 1.0)]);
    assert!(index.add(&[1], &[vec![1.0, 0.0]]).is_err(), "a vector of the wrong dimension is refused");
}

fn meta(id: i64, kind: &str, lang: Lang, day: &str, station: Option<i64>, variables: &[&str]) -> ChunkMeta {
    let day: NaiveDate = day.parse().unwrap();
    ChunkMeta {
        id,
        kind: kind.into(),
        lang,
        from: day,
        to: day,
        station_id: station,
        variables: variables.iter().map(|v| v.to_string()).collect(),
        twin: -id,
        hash: String::new(),
    }
}

#[test]
fn tantivy_stems_each_language_and_applies_the_filter_like_the_predicate() {
    let dir = tempfile::tempdir().unwrap();
    let index = TextIndex::create(dir.path()).unwrap();
    let docs = [
        (
            meta(1, "station_day", Lang::En, "2020-01-15", Some(4), &["pm25"]),
            "PM2.5 at Montferrand averaged 9.8 µg/m³ on 15 January 2020",
        ),
        (
            meta(2, "station_day", Lang::Fr, "2020-01-15", Some(4), &["pm25"]),
            "Les particules fines à Montferrand le 15 janvier 2020",
        ),
        (
            meta(3, "weather_day", Lang::En, "2020-01-15", Some(9), &["precipitation", "temperature"]),
            "It rained 4.2 mm on 15 January 2020",
        ),
        (
            meta(4, "station_day", Lang::En, "2020-02-15", Some(5), &["pm25"]),
            "PM2.5 at Esplanade Gare averaged 7.1 µg/m³ on 15 February 2020",
        ),
    ];
    let writer = index.writer().unwrap();
    for (chunk, text) in &docs {
        index.add(&writer, chunk, text).unwrap();
    }
    index.commit(writer).unwrap();
    drop(index);

    let index = TextIndex::open(dir.path()).unwrap();
    let ids = |query: &str, filter: &Filter| {
        index.search(query, filter, 10).unwrap().into_iter().map(|h| h.0).collect::<Vec<_>>()
    };
    assert_eq!(ids("how much did it rain", &Filter::any(Lang::En)), [3], "English stemming: rain = rained");
    assert_eq!(ids("particule fine", &Filter::any(Lang::Fr)), [2], "French stemming and the language filter");
    assert!(ids("ozone", &Filter::any(Lang::En)).is_empty());

    let january = (NaiveDate::from_ymd_opt(2020, 1, 1).unwrap(), NaiveDate::from_ymd_opt(2020, 1, 31).unwrap());
    let filters = [
        Filter { lang: Lang::En, period: Some(january), clauses: vec![] },
        Filter {
            lang: Lang::En,
            period: None,
            clauses: vec![Clause { kinds: vec!["station_day"], stations: Some(vec![5]), ..Clause::default() }],
        },
        Filter {
            lang: Lang::En,
            period: Some(january),
            clauses: vec![
                Clause { kinds: vec!["station_day"], variables: vec!["no2".into()], ..Clause::default() },
                Clause { kinds: vec!["weather_day"], variables: vec!["precipitation".into()], ..Clause::default() },
            ],
        },
    ];
    for filter in &filters {
        let mut found = ids("2020 15", filter);
        found.sort();
        let expected: Vec<i64> = docs.iter().filter(|(c, _)| filter.matches(c)).map(|(c, _)| c.id).collect();
        assert_eq!(found, expected, "{filter:?}");
    }
}

#[test]
fn embeddings_and_faiss_retrieve_the_related_sentence() {
    let embedder = Embedder::load(&embed_options()).unwrap();
    let texts = ["Fine particle pollution was high in Clermont-Ferrand.", "It rained heavily over the weekend."];
    let vectors = embedder.embed(&texts).unwrap();
    let mut index = VectorIndex::new_exact(embedder.dimension()).unwrap();
    index.add(&[1, 2], &vectors).unwrap();
    let query = embedder.embed(&["How much rain fell?"]).unwrap();
    assert_eq!(index.search(&query[0], 1, None).unwrap()[0].0, 2);
}
