//! What happens when things break: processes killed mid-work, the database stopped under `serve`,
//! upstream answering nonsense, and clients that abuse the service. Each test is bounded in time.

use std::collections::HashSet;
use std::net::{IpAddr, SocketAddr};
use std::process::{Child, Stdio};
use std::time::{Duration, Instant};

use futures::StreamExt;
use serde_json::{Value, json};
use smartcity::apikeys;
use sqlx::PgPool;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::{TcpSocket, TcpStream};

use crate::answers::no_model_settings;
use crate::cluster::{free_port, signal, spawn_serve, wait_ready};
use crate::helpers::{
    data_dir, database_url, january_2020, load_2020, model_dir, shared_data, smartcity_command, spawn_app_with,
};
use crate::replay::{Replay, Reply};

const SYNOP_2013_2022: &str = "clermont/synop_07460_201301-202203.csv";

async fn weather_rows(pool: &PgPool) -> i64 {
    sqlx::query_scalar("SELECT count(*) FROM weather_observations").fetch_one(pool).await.unwrap()
}

/// Observation times of the configured station in a SYNOP file, read without the service's parser.
fn synop_times(relative: &str) -> HashSet<String> {
    let text = std::fs::read_to_string(shared_data(relative)).unwrap();
    text.lines()
        .skip(1)
        .filter_map(|line| {
            let mut fields = line.split(';');
            (fields.next() == Some("07460")).then(|| fields.next().unwrap().to_string())
        })
        .collect()
}

#[sqlx::test]
async fn an_import_killed_midway_is_completed_by_the_next_one(pool: PgPool) {
    let url = database_url(&pool).await;
    let dir = data_dir();
    let import = || {
        let mut command = smartcity_command(dir.path());
        command.args(["import", "synop"]).arg(shared_data(SYNOP_2013_2022)).env("DATABASE_URL", &url);
        command
    };
    let mut child = import().stdout(Stdio::null()).stderr(Stdio::null()).spawn().unwrap();
    let deadline = Instant::now() + Duration::from_secs(120);
    let mut written = 0;
    while written == 0 {
        assert!(child.try_wait().unwrap().is_none(), "the import ended before it could be killed");
        assert!(Instant::now() < deadline, "the import wrote nothing within 120 s");
        tokio::time::sleep(Duration::from_millis(10)).await;
        written = weather_rows(&pool).await;
    }
    child.kill().unwrap();
    child.wait().unwrap();
    // PostgreSQL finishes (and commits) the statement in flight before it notices its client is gone.
    while sqlx::query_scalar::<_, bool>(
        "SELECT count(*) > 0 FROM pg_stat_activity WHERE datname = current_database() AND application_name = 'smartcity'",
    )
    .fetch_one(&pool)
    .await
    .unwrap()
    {
        assert!(Instant::now() < deadline, "the killed import's sessions did not end");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let partial = weather_rows(&pool).await;
    let expected = synop_times(SYNOP_2013_2022).len() as i64;
    assert!(0 < partial && partial < expected, "killed after {partial} of {expected} rows");
    let running: Vec<String> = sqlx::query_scalar("SELECT status FROM ingest_runs").fetch_all(&pool).await.unwrap();
    assert_eq!(running, ["running"]);

    let output = import().output().unwrap();
    assert!(output.status.success(), "{}", String::from_utf8_lossy(&output.stderr));
    let runs: Vec<(String, Option<String>, i64, i64)> = sqlx::query_as(
        "SELECT status, error, rows_inserted, rows_rejected FROM ingest_runs WHERE source = 'synop-file' ORDER BY id",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let [(killed, why, _, _), (status, error, inserted, rejected)] = &runs[..] else { panic!("{runs:?}") };
    assert_eq!(killed, "failed");
    assert!(why.as_deref().unwrap_or_default().starts_with("interrupted"), "{why:?}");
    assert_eq!((status.as_str(), error), ("succeeded", &None));
    assert_eq!(*rejected, 0, "every row of the real file is valid");
    let total = weather_rows(&pool).await;
    assert_eq!(total, expected, "one row per observation time of the file");
    assert_eq!(*inserted, total - partial, "the second run wrote only what the first had not");
}

fn serve_with_index(database_url: &str, index_dir: &std::path::Path, port: u16) -> Child {
    smartcity_command(index_dir)
        .arg("serve")
        .env("DATABASE_URL", database_url)
        .env("SMARTCITY_INDEX_DIR", index_dir)
        .env("SMARTCITY_INDEX__RELOAD_SECS", "1")
        .env("SMARTCITY_MODEL_DIR", model_dir())
        .env("SMARTCITY_BIND", format!("127.0.0.1:{port}"))
        .env("SMARTCITY_API__PUBLIC_PER_MINUTE", "100000")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .spawn()
        .unwrap()
}

/// The build that answered a search, once the service has one; `None` while search is unavailable.
async fn searched_build(port: u16, q: &str) -> Option<(String, Vec<String>)> {
    let response = reqwest::Client::new()
        .get(format!("http://127.0.0.1:{port}/api/v1/search"))
        .query(&[("q", q), ("as_of", "2020-12-31"), ("k", "10")])
        .send()
        .await
        .ok()?;
    if response.status() != 200 {
        return None;
    }
    let body: Value = response.json().await.unwrap();
    let days =
        body["results"].as_array().unwrap().iter().map(|r| r["period_start"].as_str().unwrap().to_string()).collect();
    Some((body["index"]["build_id"].as_str().unwrap().to_string(), days))
}

async fn wait_for_build(port: u16, q: &str, not: Option<&str>, seconds: u64) -> (String, Vec<String>) {
    let deadline = Instant::now() + Duration::from_secs(seconds);
    loop {
        if let Some((build, days)) = searched_build(port, q).await
            && Some(build.as_str()) != not
        {
            return (build, days);
        }
        assert!(Instant::now() < deadline, "no new index build was served within {seconds} s");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
}

/// The index build lock (see index::build) is held: a build is under way.
async fn build_running(pool: &PgPool) -> bool {
    sqlx::query_scalar(
        "SELECT count(*) > 0 FROM pg_locks WHERE locktype = 'advisory' AND granted
         AND classid = x'736d6172'::int::oid AND objid = x'74696478'::int::oid",
    )
    .fetch_one(pool)
    .await
    .unwrap()
}

#[sqlx::test]
async fn an_index_build_killed_midway_leaves_the_previous_one_served(pool: PgPool) {
    load_2020(&pool, Some(january_2020())).await;
    let url = database_url(&pool).await;
    let index_dir = data_dir();
    let port = free_port();
    let mut first = serve_with_index(&url, index_dir.path(), port);
    let (january, _) = wait_for_build(port, "PM2.5 janvier 2020", None, 120).await;

    // February's chunks: the service starts a new build of its own, which is killed midway.
    let tera = smartcity::summarize::templates(None).unwrap();
    let february = ("2020-02-01".parse().unwrap(), "2020-02-29".parse().unwrap());
    smartcity::summarize::summarize(&pool, &tera, &smartcity::Settings::default().city, february, february.1)
        .await
        .unwrap();
    let deadline = Instant::now() + Duration::from_secs(30);
    while !build_running(&pool).await {
        assert!(Instant::now() < deadline, "serve did not start a build for the new chunks");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    tokio::time::sleep(Duration::from_secs(1)).await;
    let during = searched_build(port, "PM2.5 février 2020").await.expect("search answers during the build");
    assert_eq!(during.0, january, "the previous build is served while the new one is made");
    first.kill().unwrap();
    first.wait().unwrap();
    let indexes = smartcity::index::Indexes::open(&pool, index_dir.path()).await.unwrap();
    assert_eq!(indexes.current_id().unwrap().as_deref(), Some(january.as_str()), "a killed build publishes nothing");

    let port = free_port();
    let mut second = serve_with_index(&url, index_dir.path(), port);
    let (served_first, _) = wait_for_build(port, "PM2.5 février 2020", None, 120).await;
    assert_eq!(served_first, january, "after the restart, the previous build is served until the new one is ready");
    let (rebuilt, days) = wait_for_build(port, "PM2.5 février 2020", Some(&january), 180).await;
    assert!(days.iter().any(|d| d.starts_with("2020-02")), "the new build holds February: {days:?}");
    let builds: Vec<String> = std::fs::read_dir(indexes.builds_dir())
        .unwrap()
        .map(|e| e.unwrap().file_name().to_string_lossy().into_owned())
        .collect();
    assert!(builds.contains(&rebuilt) && builds.iter().all(|b| !b.ends_with(".partial")), "{builds:?}");
    signal(&second, "TERM");
    assert!(second.wait().unwrap().success());
}

async fn status_of(client: &reqwest::Client, url: &str) -> (u16, Value) {
    let response = client.get(url).send().await.unwrap();
    let status = response.status().as_u16();
    (status, response.json().await.unwrap_or(Value::Null))
}

#[tokio::test]
async fn serve_answers_503_while_postgres_is_down_and_recovers_by_itself() {
    let dir = data_dir();
    let port = free_port();
    let mut serve = spawn_serve(dir.path(), port);
    wait_ready(port, &mut serve).await;
    let client = reqwest::Client::builder().timeout(Duration::from_secs(30)).build().unwrap();
    let base = format!("http://127.0.0.1:{port}");
    assert_eq!(status_of(&client, &format!("{base}/api/v1/thresholds")).await.0, 200);

    let db = |action: &str| {
        let output = smartcity_command(dir.path()).args(["db", action]).env("SMARTCITY_DATA_DIR", dir.path()).output();
        let output = output.unwrap();
        assert!(output.status.success(), "db {action}: {}", String::from_utf8_lossy(&output.stderr));
    };
    db("stop");
    let (status, problem) = status_of(&client, &format!("{base}/readyz")).await;
    assert_eq!(status, 503, "{problem}");
    let (status, problem) = status_of(&client, &format!("{base}/api/v1/thresholds")).await;
    assert_eq!(status, 503, "{problem}");
    assert_eq!(problem["detail"], "The database is unreachable; try again shortly.");
    assert_eq!(status_of(&client, &format!("{base}/healthz")).await.0, 200, "the process itself is up");

    db("start");
    let deadline = Instant::now() + Duration::from_secs(30);
    while status_of(&client, &format!("{base}/readyz")).await.0 != 200 {
        assert!(Instant::now() < deadline, "serve did not recover within 30 s of the database's return");
        tokio::time::sleep(Duration::from_millis(200)).await;
    }
    assert_eq!(status_of(&client, &format!("{base}/api/v1/thresholds")).await.0, 200);
    signal(&serve, "TERM");
    assert!(serve.wait().unwrap().success());
}

#[sqlx::test]
async fn upstream_nonsense_is_recorded_and_the_service_stays_up(pool: PgPool) {
    let replay = Replay::start().await;
    let html = b"<!DOCTYPE html><html><body><h1>502 Bad Gateway</h1></body></html>".to_vec();
    replay.on(
        "/v1/forecast",
        [Reply::Status { status: 200, headers: vec![("content-type", "text/html".into())], body: html }],
    );
    replay.on("/v1/air-quality", [Reply::Ok(b"\x00\xff{\"hourly\": {\"time\": [\"2020-".to_vec())]);
    replay.on("/v3/locations", [Reply::Hang(Duration::from_secs(30), b"{}".to_vec())]);
    let dir = tempfile::tempdir().unwrap();
    let mut settings = no_model_settings(dir.path());
    let upstream = crate::ingest_openaq::settings(&replay);
    (settings.openaq, settings.open_meteo, settings.upstream) =
        (upstream.openaq, upstream.open_meteo, upstream.upstream);
    let app = spawn_app_with(pool.clone(), settings).await;
    let (_, admin) = apikeys::create(&pool, "operator", &["admin".into()]).await.unwrap();

    let started = app
        .client
        .post(format!("{}/api/v1/admin/ingest", app.address))
        .bearer_auth(&admin)
        .json(&json!({ "source": "all" }))
        .send()
        .await
        .unwrap();
    assert_eq!(started.status(), 202);
    let deadline = Instant::now() + Duration::from_secs(60);
    let runs = loop {
        assert_eq!(app.get("/readyz").await.status(), 200, "the service answers while upstream hangs");
        let runs: Value = app
            .client
            .get(format!("{}/api/v1/admin/runs", app.address))
            .bearer_auth(&admin)
            .send()
            .await
            .unwrap()
            .json()
            .await
            .unwrap();
        let runs = runs["rows"].as_array().unwrap().clone();
        if runs.len() >= 2 && runs.iter().all(|r| r["status"] != "running") {
            break runs;
        }
        assert!(Instant::now() < deadline, "the runs did not finish within 60 s: {runs:?}");
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    for run in &runs {
        assert_eq!(run["status"], "failed", "{run}");
        assert!(run["rows_inserted"] == 0, "{run}");
        let told = format!("{} {}", run["error"], run["failures"]).to_lowercase();
        let expected = match run["source"].as_str().unwrap() {
            "openaq" => "timed out",
            _ => "unreadable body",
        };
        assert!(told.contains(expected), "{} does not say why: {told}", run["source"]);
    }
    let measurements: i64 = sqlx::query_scalar("SELECT count(*) FROM measurements").fetch_one(&pool).await.unwrap();
    assert_eq!(measurements, 0);
    assert_eq!(app.get("/healthz").await.status(), 200);
    app.shutdown().await;
}

/// A client whose connections come from `local` (any 127.x.y.z is this machine).
fn client_from(local: [u8; 4]) -> reqwest::Client {
    reqwest::Client::builder().local_address(IpAddr::from(local)).timeout(Duration::from_secs(10)).build().unwrap()
}

async fn connect_from(local: [u8; 4], server: SocketAddr) -> TcpStream {
    let socket = TcpSocket::new_v4().unwrap();
    socket.bind(SocketAddr::from((local, 0))).unwrap();
    socket.connect(server).await.unwrap()
}

/// Reads until the server closes the connection; what it sent, or `None` past `limit`.
async fn until_closed(stream: &mut TcpStream, limit: Duration) -> Option<String> {
    let mut received = Vec::new();
    let read = tokio::time::timeout(limit, async {
        let mut buffer = [0u8; 4096];
        loop {
            match stream.read(&mut buffer).await {
                Ok(0) | Err(_) => break,
                Ok(n) => received.extend_from_slice(&buffer[..n]),
            }
        }
    });
    read.await.ok().map(|()| String::from_utf8_lossy(&received).into_owned())
}

#[sqlx::test]
async fn abusive_clients_are_cut_off_and_others_are_served(pool: PgPool) {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = no_model_settings(dir.path());
    settings.api.read_timeout_secs = 2;
    settings.api.connections_per_address = 8;
    settings.api.public_per_minute = 30;
    let app = spawn_app_with(pool, settings).await;
    let server: SocketAddr = app.address.trim_start_matches("http://").parse().unwrap();
    let other = client_from([127, 0, 0, 2]);
    let healthz = format!("{}/healthz", app.address);

    // Connections: past 8 from one address, a new one is closed at once; other addresses are served.
    let mut held = Vec::new();
    for _ in 0..8 {
        held.push(connect_from([127, 0, 0, 1], server).await);
    }
    let mut ninth = connect_from([127, 0, 0, 1], server).await;
    assert_eq!(until_closed(&mut ninth, Duration::from_secs(1)).await.as_deref(), Some(""));
    assert_eq!(other.get(&healthz).send().await.unwrap().status(), 200);
    drop(held);
    let deadline = Instant::now() + Duration::from_secs(5);
    while app.client.get(&healthz).send().await.is_err() {
        assert!(Instant::now() < deadline, "closed connections still count against their address");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }

    // Slow headers, and a connection that sends nothing: closed after the read timeout, while others are served.
    let mut silent = connect_from([127, 0, 0, 1], server).await;
    let mut slow = connect_from([127, 0, 0, 1], server).await;
    let started = Instant::now();
    slow.write_all(b"GET /healthz HTTP/1.1\r\nHost: localhost\r\n").await.unwrap();
    let drip = async {
        for i in 0.. {
            tokio::time::sleep(Duration::from_millis(300)).await;
            if slow.write_all(format!("X-Slow-{i}: 1\r\n").as_bytes()).await.is_err() {
                break;
            }
        }
        started.elapsed()
    };
    let others = async {
        for _ in 0..5 {
            let begun = Instant::now();
            assert_eq!(other.get(&healthz).send().await.unwrap().status(), 200);
            assert!(begun.elapsed() < Duration::from_secs(1), "another client waited {:?}", begun.elapsed());
            tokio::time::sleep(Duration::from_millis(200)).await;
        }
    };
    let (dripped, (), silent_closed) = tokio::time::timeout(
        Duration::from_secs(15),
        futures::future::join3(drip, others, until_closed(&mut silent, Duration::from_secs(10))),
    )
    .await
    .expect("slow clients were not cut off within 15 s");
    assert!(dripped >= Duration::from_secs(1) && dripped < Duration::from_secs(8), "cut off after {dripped:?}");
    assert!(silent_closed.is_some(), "a silent connection stays open");

    // A body sent slowly: 408 once nothing came for the read timeout.
    let mut stalled = connect_from([127, 0, 0, 1], server).await;
    stalled
        .write_all(b"POST /api/v1/ask HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"question\":")
        .await
        .unwrap();
    let answer = until_closed(&mut stalled, Duration::from_secs(10)).await.expect("a stalled body is cut off");
    assert!(answer.starts_with("HTTP/1.1 408"), "{answer}");
    assert!(answer.contains("application/problem+json"), "{answer}");

    // Oversized bodies, announced or chunked: 413 as a problem document.
    let question = "PM2.5 ".repeat(20_000);
    let response = app
        .client
        .post(format!("{}/api/v1/ask", app.address))
        .json(&json!({ "question": question }))
        .send()
        .await
        .unwrap();
    assert_eq!(response.status(), 413);
    let problem: Value = response.json().await.unwrap();
    assert_eq!(problem["detail"], "The request body is too large.");
    let mut chunked = connect_from([127, 0, 0, 1], server).await;
    chunked
        .write_all(b"POST /api/v1/briefs HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\nTransfer-Encoding: chunked\r\n\r\n")
        .await
        .unwrap();
    for _ in 0..20 {
        let chunk = format!("2000\r\n{}\r\n", "x".repeat(0x2000));
        if chunked.write_all(chunk.as_bytes()).await.is_err() {
            break;
        }
    }
    let _ = chunked.write_all(b"0\r\n\r\n").await;
    let answer = until_closed(&mut chunked, Duration::from_secs(10)).await.expect("the connection ends");
    assert!(answer.starts_with("HTTP/1.1 413"), "{answer}");

    // A flood from one address: 429 with Retry-After past its rate; another address is still served.
    let flood =
        futures::stream::iter((0..60).map(|_| {
            let client = app.client.clone();
            let url = format!("{}/api/v1/thresholds", app.address);
            async move {
                client.get(url).send().await.map(|r| (r.status().as_u16(), r.headers().contains_key("retry-after")))
            }
        }))
        .buffer_unordered(6)
        .collect::<Vec<_>>();
    let (flooded, other_status) =
        futures::future::join(flood, async { other.get(format!("{}/api/v1/thresholds", app.address)).send().await })
            .await;
    let answered: Vec<(u16, bool)> = flooded.into_iter().filter_map(Result::ok).collect();
    assert_eq!(answered.len(), 60, "every request of the flood is answered");
    assert!(answered.iter().all(|(s, _)| [200, 429].contains(s)), "{answered:?}");
    assert!(answered.iter().filter(|(s, _)| *s == 200).count() <= 30, "{answered:?}");
    assert!(answered.iter().any(|(s, retry)| *s == 429 && *retry), "{answered:?}");
    assert_eq!(other_status.unwrap().status(), 200);
    app.shutdown().await;
}
