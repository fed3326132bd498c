//! `smartcity bench ask --url URL`: `/api/v1/ask` (grounded) under a bounded load from this
//! process, at several numbers of concurrent clients: latency p50/p95/p99, answers per second,
//! errors, where the time goes, and the serving process's peak memory.

use std::path::PathBuf;
use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use serde::Deserialize;
use serde_json::Value;

use super::percentiles;

pub struct Options {
    pub url: String,
    pub clients: Vec<usize>,
    pub seconds: u64,
    pub dataset: PathBuf,
    pub key: Option<String>,
    /// The serving process, for its memory.
    pub pid: Option<u32>,
    /// A new question's p50 goal, in times its query embedding.
    pub goal: f64,
}

/// A question of an eval set (its conversations are left out); without `as_of`, asked as of today.
#[derive(Deserialize)]
struct Question {
    #[serde(default)]
    question: Option<String>,
    #[serde(default)]
    as_of: Option<String>,
}

#[derive(Default)]
struct Tally {
    latencies: Vec<f64>,
    errors: usize,
    /// Server-side milliseconds: plan, query embedding, retrieval, data, total.
    parts: [f64; 5],
    /// The service's query-embedding time of each answer.
    embeds: Vec<f64>,
}

async fn ask(client: &reqwest::Client, options: &Options, question: &Question) -> Result<Value, String> {
    let mut request = client
        .post(format!("{}/api/v1/ask", options.url))
        .json(&serde_json::json!({ "question": question.question, "as_of": question.as_of }));
    if let Some(key) = &options.key {
        request = request.bearer_auth(key);
    }
    let response = request.send().await.map_err(|e| e.to_string())?;
    let status = response.status();
    let body: Value = response.json().await.map_err(|e| e.to_string())?;
    if status.is_success() { Ok(body) } else { Err(format!("{status}: {}", body["detail"])) }
}

fn record(tally: &mut Tally, started: Instant, result: Result<Value, String>) {
    tally.latencies.push(started.elapsed().as_secs_f64() * 1000.0);
    match result {
        Ok(answer) => {
            let t = &answer["timings_ms"];
            for (i, key) in ["plan_ms", "embed_ms", "retrieve_ms", "data_ms", "total_ms"].iter().enumerate() {
                tally.parts[i] += t[key].as_f64().unwrap_or(0.0);
            }
            tally.embeds.push(t["embed_ms"].as_f64().unwrap_or(0.0));
        }
        Err(e) => {
            if tally.errors < 3 {
                tracing::warn!(error = %e, "request failed");
            }
            tally.errors += 1;
        }
    }
}

/// Until the service has its model and index, answers skip retrieval: they would time nothing real.
async fn wait_for_search(client: &reqwest::Client, options: &Options) -> anyhow::Result<()> {
    let deadline = Instant::now() + Duration::from_secs(300);
    loop {
        let mut request = client.get(format!("{}/api/v1/search", options.url)).query(&[("q", "PM2.5")]);
        if let Some(key) = &options.key {
            request = request.bearer_auth(key);
        }
        if request.send().await.is_ok_and(|r| r.status().is_success()) {
            return Ok(());
        }
        anyhow::ensure!(Instant::now() < deadline, "{} has no usable search index after 300 s", options.url);
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
}

/// VmHWM (peak) and VmRSS of a process, in MB.
fn memory(pid: u32) -> Option<(f64, f64)> {
    let status = std::fs::read_to_string(format!("/proc/{pid}/status")).ok()?;
    let field = |name: &str| {
        status
            .lines()
            .find(|l| l.starts_with(name))
            .and_then(|l| l.split_whitespace().nth(1))
            .and_then(|kb| kb.parse::<f64>().ok())
            .map(|kb| kb / 1024.0)
    };
    Some((field("VmHWM:")?, field("VmRSS:")?))
}

pub async fn run(options: Options) -> anyhow::Result<String> {
    let mut questions: Vec<Question> = crate::jsonl::read(&options.dataset)?;
    questions.retain(|q| q.question.is_some());
    anyhow::ensure!(!questions.is_empty(), "no questions in {}", options.dataset.display());
    let client = reqwest::Client::builder().pool_max_idle_per_host(64).build()?;
    let options = Arc::new(options);
    let questions = Arc::new(questions);

    wait_for_search(&client, &options).await?;
    // First pass, one client: every question new to the service (its embedding is computed).
    let mut cold = Tally::default();
    for question in questions.iter() {
        let started = Instant::now();
        record(&mut cold, started, ask(&client, &options, question).await);
    }
    let mut out = format!(
        "{} questions of {}, {} s per level; the service's own timings in the last columns.\n\n\
         | clients | answers | answers/s | p50 | p95 | p99 | errors | plan | query embedding | retrieval | SQL and composition |\n|---|---|---|---|---|---|---|---|---|---|---|\n",
        questions.len(),
        options.dataset.display(),
        options.seconds
    );
    let row = |label: String, tally: &Tally, seconds: f64| {
        let n = tally.latencies.len().max(1) as f64;
        let [p50, p95, p99] = percentiles(tally.latencies.clone());
        let [plan, embed, retrieve, data, total] = tally.parts;
        let share = |part: f64| 100.0 * part / total.max(1e-9);
        format!(
            "| {label} | {} | {:.1} | {p50:.1} ms | {p95:.1} ms | {p99:.1} ms | {} | {:.0}% | {:.0}% | {:.0}% | {:.0}% |\n",
            tally.latencies.len(),
            n / seconds,
            tally.errors,
            share(plan),
            share(embed),
            share(retrieve - embed),
            share(data)
        )
    };
    let cold_seconds = cold.latencies.iter().sum::<f64>() / 1000.0;
    out += &row("1, each question new".into(), &cold, cold_seconds);

    for &clients in &options.clients {
        let next = Arc::new(AtomicUsize::new(0));
        let deadline = Instant::now() + Duration::from_secs(options.seconds);
        let started = Instant::now();
        let mut tasks = Vec::new();
        for _ in 0..clients {
            let (client, options, questions, next) =
                (client.clone(), Arc::clone(&options), Arc::clone(&questions), Arc::clone(&next));
            tasks.push(tokio::spawn(async move {
                let mut tally = Tally::default();
                while Instant::now() < deadline {
                    let question = &questions[next.fetch_add(1, Ordering::Relaxed) % questions.len()];
                    let t = Instant::now();
                    record(&mut tally, t, ask(&client, &options, question).await);
                }
                tally
            }));
        }
        let mut all = Tally::default();
        for task in tasks {
            let tally = task.await?;
            all.latencies.extend(tally.latencies);
            all.errors += tally.errors;
            for (sum, part) in all.parts.iter_mut().zip(tally.parts) {
                *sum += part;
            }
        }
        out += &row(clients.to_string(), &all, started.elapsed().as_secs_f64());
    }
    let [cold_p50, ..] = percentiles(cold.latencies.clone());
    let [embed_p50, ..] = percentiles(cold.embeds.clone());
    out += &format!(
        "\nWith every question new, the service embedded each query in {embed_p50:.1} ms (p50): an answer's p50 of \
         {cold_p50:.1} ms is {:.2} × that (goal ≤ {}). The retrieval (the query's embedding first) runs beside the \
         reading of what exists and the answer's SQL, so the shares of one line can add up to more than 100%.\n",
        cold_p50 / embed_p50.max(1e-9),
        options.goal
    );
    if let Some((peak, now)) = options.pid.and_then(memory) {
        out += &format!(
            "\nMemory of the serving process: peak (VmHWM) {peak:.0} MB, resident now {now:.0} MB (goal ≤ 400 MB).\n"
        );
    }
    Ok(out)
}
