//! Index builds over the real January 2020 chunks: complete, incremental, switched atomically,
//! surviving a killed build, rebuilt when corrupt, and never mixing two models.

use std::sync::Arc;
use std::time::{Duration, Instant};

use smartcity::index::build::BuildOptions;
use smartcity::index::{BuildReport, IndexBuild, Indexes, build};
use smartcity::question::{Gazetteer, Plan};
use smartcity::retrieve::{Mode, Retriever};
use smartcity::summarize::{Lang, chunk_id};
use smartcity::{Settings, aggregate};
use sqlx::PgPool;

use crate::helpers::{data_dir, database_url, embedder, january_2020, load_2020, model_dir, smartcity_command};

const OPTIONS: BuildOptions = BuildOptions { rebuild: false, hnsw_above: 50_000 };

async fn count(pool: &PgPool, sql: &str) -> usize {
    sqlx::query_scalar::<_, i64>(sql).fetch_one(pool).await.unwrap() as usize
}

async fn build_now(pool: &PgPool, indexes: &Indexes) -> BuildReport {
    build(pool, indexes, &embedder(), OPTIONS).await.unwrap()
}

#[sqlx::test]
async fn a_build_holds_every_chunk_and_finds_them_in_both_languages(pool: PgPool) {
    load_2020(&pool, Some(january_2020())).await;
    let dir = tempfile::tempdir().unwrap();
    let indexes = Indexes::open(&pool, dir.path()).await.unwrap();
    let report = build_now(&pool, &indexes).await;
    assert!(report.published);
    assert_eq!(report.chunks, count(&pool, "SELECT count(*) FROM chunks").await);
    assert_eq!(report.vectors, count(&pool, "SELECT count(*) FROM chunks WHERE lang = 'en'").await);
    assert_eq!((report.embedded, report.reused), (report.vectors, 0));
    assert_eq!(indexes.current_id().unwrap().as_deref(), Some(report.build_id.as_str()));
    let recorded = count(&pool, "SELECT count(*) FROM index_builds").await;
    assert_eq!(recorded, 1);

    let retriever = Retriever::new(Ok(embedder()), indexes.clone());
    assert!(retriever.reload().unwrap());
    let gazetteer = Gazetteer::load(&pool, &Settings::default().city).await.unwrap();
    let montferrand: i64 =
        sqlx::query_scalar("SELECT id FROM stations WHERE code = 'FR07004'").fetch_one(&pool).await.unwrap();
    let day = "2020-01-23".parse().unwrap();
    for (question, lang) in [
        ("Particules fines à Montferrand le 23 janvier 2020", Lang::Fr),
        ("PM2.5 at Montferrand on 23 January 2020", Lang::En),
    ] {
        let plan = Plan::parse(question, None, "2020-12-31".parse().unwrap(), &gazetteer);
        assert_eq!(plan.lang, lang);
        let expected = chunk_id("station_day", lang, (day, day), Some(montferrand), &["pm25".to_string()]);
        for mode in [Mode::Vector, Mode::Text, Mode::Fused] {
            let found = retriever.retrieve(&plan, &gazetteer, 5, mode).unwrap();
            assert_eq!(found.hits[0].id, expected, "{question} ({mode:?}): {:?}", found.hits);
        }
        let fused = retriever.retrieve(&plan, &gazetteer, 5, Mode::Fused).unwrap();
        assert_eq!((fused.hits[0].vector_rank, fused.hits[0].text_rank), (Some(1), Some(1)));
    }
}

#[sqlx::test]
async fn a_second_build_embeds_only_what_changed_and_removes_what_is_gone(pool: PgPool) {
    load_2020(&pool, Some(january_2020())).await;
    let dir = tempfile::tempdir().unwrap();
    let indexes = Indexes::open(&pool, dir.path()).await.unwrap();
    let first = build_now(&pool, &indexes).await;

    let again = build_now(&pool, &indexes).await;
    assert!(!again.published, "nothing changed: {again}");
    assert_eq!(again.build_id, first.build_id);

    // One new value on 14 January at Montferrand changes its day, its month and the city's.
    sqlx::query(
        "UPDATE measurements SET value = 99 WHERE period_start = '2020-01-14T00:00:00Z'
           AND sensor_id = (SELECT s.id FROM sensors s JOIN stations st ON st.id = s.station_id WHERE st.code = 'FR07004')",
    )
    .execute(&pool)
    .await
    .unwrap();
    let settings = Settings::default();
    let day = "2020-01-14".parse().unwrap();
    aggregate::refresh(&pool, &settings, Some((day, day))).await.unwrap();
    let tera = smartcity::summarize::templates(None).unwrap();
    let summary = smartcity::summarize::summarize(&pool, &tera, &settings.city, (day, day), day).await.unwrap();
    let changed_en = summary.changed / 2;
    let second = build_now(&pool, &indexes).await;
    assert!(second.published);
    assert_ne!(second.build_id, first.build_id);
    assert_eq!(second.embedded, changed_en, "{second}");
    assert_eq!(second.reused, first.vectors - changed_en);
    assert_eq!(indexes.current_id().unwrap().as_deref(), Some(second.build_id.as_str()));
    assert!(indexes.build_dir(&first.build_id).exists(), "the previous build stays for readers still on it");

    sqlx::query("DELETE FROM chunks WHERE kind = 'city_day' AND period_start = '2020-01-31'")
        .execute(&pool)
        .await
        .unwrap();
    let third = build_now(&pool, &indexes).await;
    assert_eq!((third.embedded, third.removed, third.vectors), (0, 1, second.vectors - 1), "{third}");
    assert!(!indexes.build_dir(&first.build_id).exists(), "two builds are kept");
}

#[sqlx::test]
async fn a_killed_build_leaves_the_previous_one_in_use(pool: PgPool) {
    load_2020(&pool, Some(january_2020())).await;
    let dir = data_dir();
    let index_dir = dir.path().join("indexes");
    let indexes = Indexes::open(&pool, &index_dir).await.unwrap();
    let first = build_now(&pool, &indexes).await;
    // A directory left by a build killed while writing.
    std::fs::create_dir_all(indexes.builds_dir().join("20200101T000000.000Z.partial/text")).unwrap();

    let mut child = smartcity_command(dir.path())
        .args(["index", "--rebuild"])
        .env("DATABASE_URL", database_url(&pool).await)
        .env("SMARTCITY_INDEX_DIR", &index_dir)
        .env("SMARTCITY_MODEL_DIR", model_dir())
        .spawn()
        .unwrap();
    // Kill it while it embeds: it holds the build lock, and has published nothing.
    let started = Instant::now();
    let locked = "SELECT count(*) FROM pg_locks l JOIN pg_database d ON d.oid = l.database
                  WHERE l.locktype = 'advisory' AND l.granted AND d.datname = current_database()";
    while count(&pool, locked).await == 0 {
        assert!(started.elapsed() < Duration::from_secs(30), "the build never started");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_millis(1500)).await;
    assert!(child.try_wait().unwrap().is_none(), "the build was still running when killed");
    child.kill().unwrap(); // SIGKILL
    child.wait().unwrap();

    assert_eq!(indexes.current_id().unwrap().as_deref(), Some(first.build_id.as_str()));
    let current = indexes.load_current().unwrap().expect("the previous build is still published");
    assert_eq!(current.manifest, IndexBuild::load(&indexes.build_dir(&first.build_id)).unwrap().manifest);

    let rebuilt = build(&pool, &indexes, &embedder(), BuildOptions { rebuild: true, ..OPTIONS }).await.unwrap();
    assert!(rebuilt.published && rebuilt.reused == 0);
    let leftovers: Vec<_> = std::fs::read_dir(indexes.builds_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .filter(|n| n.ends_with(".partial"))
        .collect();
    assert!(leftovers.is_empty(), "{leftovers:?}");
}

#[sqlx::test]
async fn a_corrupt_or_missing_index_is_rebuilt_from_the_chunks(pool: PgPool) {
    load_2020(&pool, Some(january_2020())).await;
    let dir = tempfile::tempdir().unwrap();
    let indexes = Indexes::open(&pool, dir.path()).await.unwrap();
    let first = build_now(&pool, &indexes).await;
    std::fs::write(indexes.build_dir(&first.build_id).join("vectors.faiss"), b"not a FAISS index").unwrap();
    let retriever = Retriever::new(Ok(embedder()), indexes.clone());
    assert!(retriever.reload().is_err(), "a corrupt build is not loaded");

    let repaired = build_now(&pool, &indexes).await;
    assert!(repaired.published && repaired.embedded == repaired.vectors, "{repaired}");
    assert!(retriever.reload().unwrap());

    std::fs::remove_dir_all(dir.path()).unwrap();
    let fresh = build_now(&pool, &indexes).await;
    assert!(fresh.published && fresh.vectors == first.vectors, "{fresh}");
}

#[sqlx::test]
async fn vectors_of_two_models_are_never_mixed(pool: PgPool) {
    load_2020(&pool, Some(january_2020())).await;
    let dir = tempfile::tempdir().unwrap();
    let indexes = Indexes::open(&pool, dir.path()).await.unwrap();
    let first = build_now(&pool, &indexes).await;
    let manifest = indexes.build_dir(&first.build_id).join("manifest.json");
    let text = std::fs::read_to_string(&manifest).unwrap();
    let other = text.replace(embedder().fingerprint(), &"0".repeat(64));
    std::fs::write(&manifest, other).unwrap();

    let err = build(&pool, &indexes, &embedder(), OPTIONS).await.unwrap_err().to_string();
    assert!(err.contains("cannot be mixed") && err.contains("--rebuild"), "{err}");
    let retriever = Arc::new(Retriever::new(Ok(embedder()), indexes.clone()));
    let err = retriever.reload().unwrap_err().to_string();
    assert!(err.contains("another embedding model"), "{err}");

    let rebuilt = build(&pool, &indexes, &embedder(), BuildOptions { rebuild: true, ..OPTIONS }).await.unwrap();
    assert_eq!((rebuilt.embedded, rebuilt.reused), (rebuilt.vectors, 0));
    assert!(retriever.reload().unwrap());
}

/// A second database on the same server, migrated, dropped with its pool by `drop_database`.
async fn second_database(pool: &PgPool) -> (PgPool, String) {
    // PostgreSQL cuts names at 63 bytes, as long as the test database's already.
    let name = format!("{}_second", database_name(pool).await.chars().take(40).collect::<String>());
    sqlx::query(&format!("CREATE DATABASE \"{name}\"")).execute(pool).await.unwrap();
    let options = pool.connect_options().as_ref().clone().database(&name);
    let second = sqlx::PgPool::connect_with(options).await.unwrap();
    smartcity::db::migrate(&second).await.unwrap();
    (second, name)
}

async fn database_name(pool: &PgPool) -> String {
    sqlx::query_scalar("SELECT current_database()").fetch_one(pool).await.unwrap()
}

async fn drop_database(pool: &PgPool, second: PgPool, name: &str) {
    second.close().await;
    sqlx::query(&format!("DROP DATABASE \"{name}\" WITH (FORCE)")).execute(pool).await.unwrap();
}

#[sqlx::test]
async fn two_databases_sharing_an_index_directory_never_serve_each_others_build(pool: PgPool) {
    load_2020(&pool, Some(january_2020())).await;
    let (second, name) = second_database(&pool).await;
    load_2020(&second, Some(("2020-02-01".parse().unwrap(), "2020-02-29".parse().unwrap()))).await;
    let dir = tempfile::tempdir().unwrap();
    let ours = Indexes::open(&pool, dir.path()).await.unwrap();
    let theirs = Indexes::open(&second, dir.path()).await.unwrap();
    assert_ne!(ours.database_id(), theirs.database_id(), "each database has its own identity");

    let mine = build_now(&pool, &ours).await;
    let retriever = Retriever::new(Ok(embedder()), ours.clone());
    assert!(retriever.reload().unwrap());
    // The other database publishes its build in the same index directory (an import elsewhere).
    let other = build_now(&second, &theirs).await;
    assert!(other.published);
    assert_eq!(ours.current_id().unwrap().as_deref(), Some(mine.build_id.as_str()), "our CURRENT is untouched");
    assert!(!retriever.reload().unwrap(), "nothing new to load for this database");
    let loaded = retriever.current().unwrap();
    assert_eq!(loaded.manifest.database_id, ours.database_id());
    let gazetteer = Gazetteer::load(&pool, &Settings::default().city).await.unwrap();
    let plan = Plan::parse("PM2.5 at Montferrand on 23 January 2020", None, "2020-12-31".parse().unwrap(), &gazetteer);
    assert!(!retriever.retrieve(&plan, &gazetteer, 5, Mode::Fused).unwrap().hits.is_empty(), "search finds our chunks");

    // Their build copied into our directory and made current is refused, then replaced by our own.
    let copied = std::process::Command::new("cp")
        .arg("-a")
        .arg(theirs.build_dir(&other.build_id))
        .arg(ours.builds_dir())
        .status()
        .unwrap();
    assert!(copied.success());
    ours.publish(&other.build_id).unwrap();
    let fresh = Retriever::new(Ok(embedder()), ours.clone());
    let err = format!("{:#}", fresh.reload().unwrap_err());
    assert!(err.contains("was made from the database") && err.contains(theirs.database_id()), "{err}");
    let rebuilt = build_now(&pool, &ours).await;
    assert!(rebuilt.published && rebuilt.reused == 0 && rebuilt.chunks == mine.chunks, "{rebuilt}");
    assert!(fresh.reload().unwrap());
    assert_eq!(fresh.current().unwrap().manifest.database_id, ours.database_id());
    drop_database(&pool, second, &name).await;
}
