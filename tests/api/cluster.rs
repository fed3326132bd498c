//! The private PostgreSQL cluster, through the library and through the real binary.

use std::io::{BufRead, BufReader};
use std::net::TcpListener;
use std::path::Path;
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use smartcity::Settings;
use smartcity::db::{self, Database};

use crate::helpers::{data_dir, smartcity_command};

fn settings_in(dir: &Path) -> Settings {
    Settings { data_dir: dir.to_path_buf(), database_url: None, ..Settings::default() }
}

pub fn postgres_is_running(data_dir: &Path) -> bool {
    data_dir.join("postgres/postmaster.pid").exists()
}

#[tokio::test]
async fn private_cluster_keeps_data_across_restarts() {
    let dir = data_dir();
    let settings = settings_in(dir.path());

    let database = Database::open(&settings).await.expect("private cluster starts");
    assert!(postgres_is_running(dir.path()));
    db::migrate(&database.pool).await.unwrap();
    sqlx::query("INSERT INTO stations (source, source_ref, name, kind) VALUES ('test', 'FR07004', 'Montferrand', 'air_quality')")
        .execute(&database.pool)
        .await
        .unwrap();
    database.close().await.unwrap();
    assert!(!postgres_is_running(dir.path()), "closing stops the cluster it started");

    let database = Database::open(&settings).await.expect("private cluster starts again");
    assert_eq!(db::pending_migrations(&database.pool).await.unwrap(), 0);
    let name: String = sqlx::query_scalar("SELECT name FROM stations WHERE source_ref = 'FR07004'")
        .fetch_one(&database.pool)
        .await
        .unwrap();
    assert_eq!(name, "Montferrand");
    database.close().await.unwrap();
    assert!(!postgres_is_running(dir.path()));
}

#[tokio::test]
async fn a_failed_start_stops_the_cluster_it_started() {
    let dir = data_dir();
    let busy = TcpListener::bind("127.0.0.1:0").unwrap();
    let output = smartcity_command(dir.path())
        .args(["serve"])
        .env("SMARTCITY_DATA_DIR", dir.path())
        .env("SMARTCITY_BIND", busy.local_addr().unwrap().to_string())
        .output()
        .unwrap();
    assert!(!output.status.success());
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert_one_error_line(&stderr, "already in use");
    assert!(!postgres_is_running(dir.path()));
}

pub fn free_port() -> u16 {
    TcpListener::bind("127.0.0.1:0").unwrap().local_addr().unwrap().port()
}

pub fn spawn_serve(data_dir: &Path, port: u16) -> Child {
    smartcity_command(data_dir)
        .args(["serve"])
        .env("SMARTCITY_DATA_DIR", data_dir)
        .env("SMARTCITY_BIND", format!("127.0.0.1:{port}"))
        .env("RUST_LOG", "info")
        .stderr(Stdio::piped())
        .spawn()
        .expect("smartcity serve starts")
}

pub async fn wait_ready(port: u16, child: &mut Child) {
    let deadline = Instant::now() + Duration::from_secs(60);
    let client = reqwest::Client::new();
    loop {
        if let Some(status) = child.try_wait().unwrap() {
            let mut log = String::new();
            std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut log).unwrap();
            panic!("serve exited early with {status}: {log}");
        }
        if let Ok(response) = client.get(format!("http://127.0.0.1:{port}/readyz")).send().await
            && response.status() == 200
        {
            return;
        }
        assert!(Instant::now() < deadline, "serve was not ready within 60 s");
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

pub fn signal(child: &Child, name: &str) {
    let status =
        std::process::Command::new("kill").args([&format!("-{name}"), &child.id().to_string()]).status().unwrap();
    assert!(status.success());
}

#[tokio::test]
async fn serve_stops_postgres_on_ctrl_c_and_sigterm_and_starts_again() {
    let dir = data_dir();
    for signal_name in ["INT", "TERM"] {
        let port = free_port();
        let mut child = spawn_serve(dir.path(), port);
        wait_ready(port, &mut child).await;
        assert!(postgres_is_running(dir.path()));
        let healthz = reqwest::get(format!("http://127.0.0.1:{port}/healthz")).await.unwrap();
        assert_eq!(healthz.status(), 200);

        signal(&child, signal_name);
        let status = child.wait().unwrap();
        let log: Vec<String> = BufReader::new(child.stderr.take().unwrap()).lines().map_while(Result::ok).collect();
        assert!(status.success(), "SIG{signal_name}: exit {status}, log: {log:?}");
        assert!(log.iter().any(|l| l.contains("private PostgreSQL stopped")), "{log:?}");
        assert!(!postgres_is_running(dir.path()), "no postgres left running after SIG{signal_name}");
    }
}

pub fn assert_one_error_line(stderr: &str, expected: &str) {
    assert!(!stderr.contains("panicked"), "{stderr}");
    let errors: Vec<&str> = stderr.lines().filter(|l| l.starts_with("error:")).collect();
    assert_eq!(errors.len(), 1, "{stderr}");
    assert!(errors[0].contains(expected), "expected {expected:?} in {stderr}");
}
