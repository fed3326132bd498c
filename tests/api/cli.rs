//! The binary's answers to bad set-ups: one clear line, a non-zero exit, never a panic.

use crate::cluster::assert_one_error_line;
use crate::helpers::{data_dir, manifest_dir, smartcity_command};

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
