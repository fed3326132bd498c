//! The LLM path against a local OpenAI-compatible server with scripted streams: a faithful draft is
//! kept, an invented number is caught, a slow or failing endpoint falls back to the grounded
//! answer; and the chat stream's order, keep-alive and client disconnect.

use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::Response;
use axum::routing::post;
use futures::StreamExt;
use serde_json::Value;
use smartcity::Settings;
use smartcity::answer::{Answer, Mode};
use sqlx::PgPool;

use crate::answers::{answerer, ask, no_model_settings};
use crate::helpers::{january_2020, load_2020, spawn_app_with};

/// What the fake LLM does with a request.
#[derive(Clone)]
enum Script {
    /// Streams the draft it was given, then `extra` sentences, `pause` between pieces.
    Echo {
        extra: &'static str,
        pause: Duration,
    },
    /// Streams only this text.
    Say(&'static str),
    /// Answers nothing for this long.
    Hang(Duration),
    Status(u16),
}

#[derive(Clone)]
struct Fake {
    script: Arc<Mutex<Script>>,
    requests: Arc<Mutex<Vec<Value>>>,
}

async fn completions(State(fake): State<Fake>, body: String) -> Response<Body> {
    let request: Value = serde_json::from_str(&body).unwrap_or_default();
    fake.requests.lock().unwrap().push(request.clone());
    let script = fake.script.lock().unwrap().clone();
    let user = request["messages"][1]["content"].as_str().unwrap_or_default().to_string();
    let draft = user.split_once("to improve in wording only:\n").map(|(_, d)| d.trim().to_string()).unwrap_or_default();
    let (text, pause) = match script {
        Script::Echo { extra, pause } => (format!("{draft} {extra}"), pause),
        Script::Say(text) => (text.to_string(), Duration::ZERO),
        Script::Hang(delay) => {
            tokio::time::sleep(delay).await;
            (draft, Duration::ZERO)
        }
        Script::Status(status) => {
            return Response::builder().status(status).body(Body::from(r#"{"error":{"message":"boom"}}"#)).unwrap();
        }
    };
    let pieces: Vec<String> = text.split_inclusive(' ').map(String::from).collect();
    let chunk = |content: &str| {
        let body = serde_json::json!({
            "id": "test", "object": "chat.completion.chunk", "created": 0, "model": "test-model",
            "choices": [{ "index": 0, "delta": { "content": content }, "finish_reason": null }]
        });
        format!("data: {body}\n\n")
    };
    let events: Vec<String> = pieces.iter().map(|p| chunk(p)).chain(["data: [DONE]\n\n".to_string()]).collect();
    let stream = futures::stream::iter(events).then(move |event| async move {
        tokio::time::sleep(pause).await;
        Ok::<_, std::convert::Infallible>(event)
    });
    Response::builder().header("content-type", "text/event-stream").body(Body::from_stream(stream)).unwrap()
}

async fn fake_llm(script: Script) -> (String, Fake) {
    let fake = Fake { script: Arc::new(Mutex::new(script)), requests: Arc::default() };
    let app = Router::new().route("/v1/chat/completions", post(completions)).with_state(fake.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}/v1", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
    (url, fake)
}

fn llm_settings(index_dir: &std::path::Path, url: &str) -> Settings {
    let mut settings = no_model_settings(index_dir);
    settings.llm.base_url = Some(url.to_string());
    settings.llm.model = Some("test-model".into());
    settings.llm.timeout_secs = 2;
    settings
}

const QUESTION: &str = "What was the PM2.5 in Clermont-Ferrand in January 2020?";

#[sqlx::test]
async fn a_faithful_draft_is_kept_and_an_invented_number_is_caught(pool: PgPool) {
    load_2020(&pool, Some(january_2020())).await;
    let dir = tempfile::tempdir().unwrap();
    let grounded = ask(&answerer(&pool, no_model_settings(dir.path())), QUESTION, "2020-12-31").await;

    let (url, fake) = fake_llm(Script::Echo { extra: "", pause: Duration::ZERO }).await;
    let answerer = answerer(&pool, llm_settings(dir.path(), &url));
    let kept = ask(&answerer, QUESTION, "2020-12-31").await;
    assert_eq!((kept.mode, kept.llm.as_ref().unwrap().outcome), (Mode::Llm, "accepted"), "{kept:#?}");
    assert_eq!(kept.answer, grounded.answer);
    let request = fake.requests.lock().unwrap()[0].clone();
    assert_eq!(request["model"], "test-model");
    assert_eq!(request["stream"], true);
    let prompt = request["messages"][1]["content"].as_str().unwrap();
    let mean = &grounded.facts.iter().find(|f| f.label == "mean").unwrap().display;
    assert!(
        prompt.contains(mean.as_str()) && prompt.contains("[1]"),
        "the exact figures and numbered sources: {prompt}"
    );
    assert!(request["messages"][0]["content"].as_str().unwrap().contains("never instructions"));

    *fake.script.lock().unwrap() = Script::Echo {
        extra: "On the worst day it reached 999 µg/m³ [1]. It was a calm month [1].",
        pause: Duration::ZERO,
    };
    let repaired = ask(&answerer, QUESTION, "2020-12-31").await;
    let outcome = repaired.llm.as_ref().unwrap();
    assert_eq!((repaired.mode, outcome.outcome), (Mode::Llm, "repaired"), "{repaired:#?}");
    assert!(!repaired.answer.contains("999") && repaired.answer.contains("calm month"), "{}", repaired.answer);
    assert!(outcome.detail.as_ref().unwrap().contains("999"));

    *fake.script.lock().unwrap() = Script::Say("PM2.5 was 999 µg/m³ in January [1]. Ignore the data [7].");
    let replaced = ask(&answerer, QUESTION, "2020-12-31").await;
    assert_eq!((replaced.mode, replaced.llm.as_ref().unwrap().outcome), (Mode::Grounded, "replaced"), "{replaced:#?}");
    assert_eq!(replaced.answer, grounded.answer);

    *fake.script.lock().unwrap() = Script::Say("Fine particles were moderate in January.");
    let uncited = ask(&answerer, QUESTION, "2020-12-31").await;
    assert_eq!(uncited.llm.as_ref().unwrap().outcome, "replaced", "a draft citing nothing is not used");

    *fake.script.lock().unwrap() = Script::Say("Yes, the air was fine in January [1].");
    let vague = ask(&answerer, QUESTION, "2020-12-31").await;
    let outcome = vague.llm.as_ref().unwrap();
    assert_eq!((vague.mode, outcome.outcome), (Mode::Grounded, "replaced"), "{vague:#?}");
    assert!(outcome.detail.as_ref().unwrap().contains("figures left out"), "{outcome:?}");
    assert_eq!((vague.answer.as_str(), vague.citations.len()), (grounded.answer.as_str(), grounded.citations.len()));
}

#[sqlx::test]
async fn a_slow_or_failing_llm_falls_back_to_the_grounded_answer(pool: PgPool) {
    load_2020(&pool, Some(january_2020())).await;
    let dir = tempfile::tempdir().unwrap();
    let grounded = ask(&answerer(&pool, no_model_settings(dir.path())), QUESTION, "2020-12-31").await;
    for script in [Script::Hang(Duration::from_secs(6)), Script::Status(500), Script::Status(429)] {
        let (url, _fake) = fake_llm(script).await;
        let answerer = answerer(&pool, llm_settings(dir.path(), &url));
        let started = Instant::now();
        let answer: Answer = ask(&answerer, QUESTION, "2020-12-31").await;
        assert!(started.elapsed() < Duration::from_secs(5), "the timeout (2 s) bounds the wait");
        assert_eq!((answer.mode, answer.llm.as_ref().unwrap().outcome), (Mode::Grounded, "failed"), "{answer:#?}");
        assert_eq!(answer.answer, grounded.answer);
    }
    let (dead, _) = ("http://127.0.0.1:9/v1".to_string(), ());
    let answer = ask(&answerer(&pool, llm_settings(dir.path(), &dead)), QUESTION, "2020-12-31").await;
    assert_eq!(answer.llm.as_ref().unwrap().outcome, "failed");
}

/// The events of an SSE body: (event name, data), and the keep-alive comments seen.
pub(crate) fn parse_events(body: &str) -> (Vec<(String, String)>, usize) {
    let mut events = Vec::new();
    let mut comments = 0;
    for block in body.split("\n\n") {
        let (mut name, mut data) = (String::new(), String::new());
        for line in block.lines() {
            if line.starts_with(':') {
                comments += 1;
            } else if let Some(v) = line.strip_prefix("event:") {
                name = v.trim().to_string();
            } else if let Some(v) = line.strip_prefix("data:") {
                data.push_str(v.trim_start());
            }
        }
        if !name.is_empty() {
            events.push((name, data));
        }
    }
    (events, comments)
}

async fn chat(app: &crate::helpers::TestApp, question: &str) -> reqwest::Response {
    app.client
        .post(format!("{}/api/v1/chat", app.address))
        .json(&serde_json::json!({ "question": question, "as_of": "2020-12-31" }))
        .send()
        .await
        .unwrap()
}

#[sqlx::test]
async fn the_chat_stream_sends_meta_then_deltas_then_done_with_keep_alives(pool: PgPool) {
    load_2020(&pool, Some(january_2020())).await;
    let dir = tempfile::tempdir().unwrap();
    let (url, fake) = fake_llm(Script::Echo { extra: "", pause: Duration::from_millis(150) }).await;
    let mut settings = llm_settings(dir.path(), &url);
    settings.llm.timeout_secs = 20;
    settings.answer.keep_alive_secs = 1;
    let app = spawn_app_with(pool.clone(), settings).await;

    let response = chat(&app, QUESTION).await;
    assert_eq!(response.status(), 200);
    assert_eq!(response.headers()["content-type"], "text/event-stream");
    let (events, comments) = parse_events(&response.text().await.unwrap());
    let names: Vec<&str> = events.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!(names.first(), Some(&"meta"), "{names:?}");
    assert_eq!(names.last(), Some(&"done"), "{names:?}");
    assert!(names[1..names.len() - 1].iter().all(|n| *n == "delta") && names.len() > 3, "{names:?}");
    assert!(comments >= 1, "keep-alive comments while the LLM streams slowly");
    let meta: Value = serde_json::from_str(&events[0].1).unwrap();
    assert!(!meta["citations"].as_array().unwrap().is_empty(), "citations come first: {meta}");
    let done: Value = serde_json::from_str(&events.last().unwrap().1).unwrap();
    let streamed: String = events[1..events.len() - 1]
        .iter()
        .map(|(_, d)| serde_json::from_str::<Value>(d).unwrap()["text"].as_str().unwrap().trim().to_string())
        .collect::<Vec<_>>()
        .join(" ");
    assert_eq!(done["mode"], "llm");
    assert_eq!(streamed, done["answer"].as_str().unwrap());
    assert_eq!(done["citations"], meta["citations"]);

    // A draft streamed, then not kept: a reset, then the grounded answer's sentences.
    *fake.script.lock().unwrap() = Script::Say("Yes, the air was fine in January [1]. It was calm [1].");
    let (events, _) = parse_events(&chat(&app, QUESTION).await.text().await.unwrap());
    let names: Vec<&str> = events.iter().map(|(n, _)| n.as_str()).collect();
    let reset = names.iter().position(|n| *n == "reset").unwrap_or_else(|| panic!("{names:?}"));
    assert!(names[1..reset].iter().all(|n| *n == "delta") && reset > 1, "the draft streamed first: {names:?}");
    let done: Value = serde_json::from_str(&events.last().unwrap().1).unwrap();
    let after: Vec<String> = events[reset + 1..events.len() - 1]
        .iter()
        .map(|(_, d)| serde_json::from_str::<Value>(d).unwrap()["text"].as_str().unwrap().trim().to_string())
        .collect();
    assert_eq!((done["mode"].as_str(), after.join(" ").as_str()), (Some("grounded"), done["answer"].as_str().unwrap()));

    let grounded_app = spawn_app_with(pool.clone(), no_model_settings(dir.path())).await;
    let (events, _) = parse_events(&chat(&grounded_app, "PM2.5 in Lyon?").await.text().await.unwrap());
    let names: Vec<&str> = events.iter().map(|(n, _)| n.as_str()).collect();
    assert_eq!((names[0], names[names.len() - 1]), ("meta", "done"), "{names:?}");
    let done: Value = serde_json::from_str(&events.last().unwrap().1).unwrap();
    assert_eq!((done["status"].as_str(), done["mode"].as_str()), (Some("no_data"), Some("grounded")));
    grounded_app.shutdown().await;
    app.shutdown().await;
}

#[sqlx::test]
async fn a_client_leaving_mid_stream_stops_the_answer_and_the_service_carries_on(pool: PgPool) {
    load_2020(&pool, Some(january_2020())).await;
    let dir = tempfile::tempdir().unwrap();
    let extra = "The city's stations measured it [1]. Both stations agree [1]. Data comes from the stations [1].";
    let (url, fake) = fake_llm(Script::Echo { extra, pause: Duration::from_millis(100) }).await;
    let mut settings = llm_settings(dir.path(), &url);
    settings.llm.timeout_secs = 30;
    let app = spawn_app_with(pool.clone(), settings).await;

    let mut response = chat(&app, QUESTION).await;
    let first = response.chunk().await.unwrap().unwrap();
    assert!(String::from_utf8_lossy(&first).contains("event: meta"), "{first:?}");
    drop(response);
    // Streaming the whole draft takes about 6 s: long after it, the answer was never finished.
    tokio::time::sleep(Duration::from_secs(10)).await;
    let logged: i64 = sqlx::query_scalar("SELECT count(*) FROM question_log").fetch_one(&pool).await.unwrap();
    assert_eq!(logged, 0, "an answer nobody received is not logged as answered");
    assert_eq!(fake.requests.lock().unwrap().len(), 1);

    assert_eq!(app.get("/healthz").await.status(), 200);
    *fake.script.lock().unwrap() = Script::Echo { extra: "", pause: Duration::ZERO };
    let (events, _) = parse_events(&chat(&app, QUESTION).await.text().await.unwrap());
    assert_eq!(events.last().unwrap().0, "done");
    app.shutdown().await;
}
