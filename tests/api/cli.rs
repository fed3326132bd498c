//! The binary's answers to bad set-ups: one clear line, a non-zero exit, never a panic.

use serde_json::Value;
use smartcity::index::Indexes;
use sqlx::PgPool;

use crate::cluster::assert_one_error_line;
use crate::helpers::{data_dir, database_url, january_2020, load_2020, manifest_dir, model_dir, smartcity_command};

#[test]
fn help_explains_the_commands() {
    let dir = data_dir();
    let output = smartcity_command(dir.path()).arg("--help").output().unwrap();
    assert!(output.status.success());
    let help = String::from_utf8(output.stdout).unwrap();
    for command in ["serve", "migrate", "db"] {
        assert!(help.lines().any(|l| l.trim_start().starts_with(command)), "{command} missing from {help}");
    }
}

#[test]
fn an_unreachable_database_url_is_one_clear_error() {
    let dir = data_dir();
    let output = smartcity_command(dir.path())
        .arg("migrate")
        .env("DATABASE_URL", "postgres://someone:s3cret@127.0.0.1:1/nothing")
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_one_error_line(&stderr, "cannot connect to PostgreSQL at 127.0.0.1:1/nothing");
    assert!(!stderr.contains("s3cret"), "the password must never be printed: {stderr}");
}

#[test]
fn a_malformed_database_url_is_one_clear_error() {
    let dir = data_dir();
    let output =
        smartcity_command(dir.path()).arg("migrate").env("DATABASE_URL", "mysql://root:pw@db/x").output().unwrap();
    assert!(!output.status.success());
    assert_one_error_line(&String::from_utf8_lossy(&output.stderr), "DATABASE_URL is not a valid PostgreSQL URL");
}

#[test]
fn missing_postgres_binaries_are_one_clear_error() {
    let dir = data_dir();
    let output = smartcity_command(dir.path())
        .arg("migrate")
        .env("SMARTCITY_DATA_DIR", dir.path())
        .env("SMARTCITY_POSTGRES_BIN_DIR", dir.path())
        .output()
        .unwrap();
    assert!(!output.status.success());
    assert_one_error_line(
        &String::from_utf8_lossy(&output.stderr),
        "PostgreSQL server binaries (initdb, pg_ctl) were not found",
    );
}

#[test]
fn a_bad_configuration_is_one_clear_error() {
    let dir = data_dir();
    std::fs::write(dir.path().join("smartcity.toml"), "[city]\ntime_zone = \"Europe/Clermont\"\n").unwrap();
    let output = smartcity_command(dir.path()).arg("migrate").output().unwrap();
    assert!(!output.status.success());
    assert_one_error_line(&String::from_utf8_lossy(&output.stderr), "unknown time zone");
}

#[test]
fn migrate_with_the_private_cluster_applies_and_stops() {
    let dir = data_dir();
    let run = || smartcity_command(dir.path()).arg("migrate").env("SMARTCITY_DATA_DIR", dir.path()).output().unwrap();
    let first = run();
    assert!(first.status.success(), "{}", String::from_utf8_lossy(&first.stderr));
    let migrations = std::fs::read_dir(manifest_dir().join("migrations")).unwrap().count();
    assert!(String::from_utf8_lossy(&first.stdout).contains(&format!("migrations applied: {migrations} new")));
    let second = run();
    assert!(second.status.success());
    assert!(String::from_utf8_lossy(&second.stdout).contains("migrations applied: 0 new"));
    assert!(!dir.path().join("postgres/postmaster.pid").exists(), "migrate leaves no postgres running");
}

/// The installed binary needs nothing from the repository or the working directory: from an empty
/// one it answers (building this database's index under the data directory) and writes a brief.
#[sqlx::test]
async fn the_binary_answers_and_writes_briefs_from_an_empty_directory(pool: PgPool) {
    load_2020(&pool, Some(january_2020())).await;
    let url = database_url(&pool).await;
    let (cwd, data) = (data_dir(), data_dir());
    let run = |args: &[&str]| {
        let output = smartcity_command(cwd.path())
            .args(args)
            .env("DATABASE_URL", &url)
            .env("SMARTCITY_DATA_DIR", data.path())
            .env("SMARTCITY_MODEL_DIR", model_dir())
            .output()
            .unwrap();
        assert!(output.status.success(), "{args:?}: {}", String::from_utf8_lossy(&output.stderr));
        String::from_utf8(output.stdout).unwrap()
    };

    let answer: Value = serde_json::from_str(&run(&[
        "ask",
        "What was the PM2.5 at Montferrand on 23 January 2020?",
        "--as-of",
        "2020-12-31",
        "--json",
    ]))
    .unwrap();
    assert_eq!(answer["status"], "answered", "{answer}");
    assert!(!answer["retrieved"].as_array().unwrap().is_empty(), "answered with the search index: {answer}");
    let indexes = Indexes::open(&pool, &data.path().join("indexes")).await.unwrap();
    assert!(indexes.current_id().unwrap().is_some(), "the index is built under <data_dir>/indexes");

    let page = run(&["brief", "--from", "2020-01-01", "--to", "2020-01-31", "--format", "html"]);
    assert!(page.contains("<html") && page.contains("Montferrand"), "{page}");
    let markdown = run(&["brief", "--from", "2020-01-01", "--to", "2020-01-31", "--lang", "fr"]);
    assert!(markdown.starts_with("# "), "{markdown}");
    let left: Vec<_> = std::fs::read_dir(cwd.path()).unwrap().collect();
    assert!(left.is_empty(), "nothing is written to the working directory: {left:?}");
}
