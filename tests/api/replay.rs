//! A local stand-in for the upstream APIs: serves the real recorded bodies from ../shared/data,
//! scripted per path (and page) to fail the way upstream does.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{Response, Uri};
use chrono::NaiveDate;

use crate::helpers::shared_data;

#[derive(Clone)]
pub enum Reply {
    Ok(Vec<u8>),
    Status {
        status: u16,
        headers: Vec<(&'static str, String)>,
        body: Vec<u8>,
    },
    /// Answers only after `Duration`, longer than the client's timeout.
    Hang(Duration, Vec<u8>),
    /// An Open-Meteo body cut to the days asked (`start_date` to `end_date`), as a back-fill pages
    /// by date; requests that end before the held day wait until `release`.
    Dated(Vec<u8>),
}

/// Holds dated requests that end before a day.
#[derive(Default)]
struct Gate {
    before: Mutex<Option<NaiveDate>>,
    released: tokio::sync::Notify,
}

#[derive(Clone, Default)]
struct Script {
    /// Replies per key (`path` or `path?page=N`); the last one repeats.
    replies: Arc<Mutex<HashMap<String, VecDeque<Reply>>>>,
    hits: Arc<Mutex<Vec<String>>>,
    gate: Arc<Gate>,
}

pub struct Replay {
    pub url: String,
    script: Script,
}

impl Replay {
    pub async fn start() -> Self {
        let script = Script::default();
        let app = Router::new().fallback(serve).with_state(script.clone());
        let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
        let url = format!("http://{}", listener.local_addr().unwrap());
        tokio::spawn(async move { axum::serve(listener, app).await.unwrap() });
        Self { url, script }
    }

    pub fn on(&self, key: &str, replies: impl IntoIterator<Item = Reply>) -> &Self {
        self.script.replies.lock().unwrap().insert(key.to_string(), replies.into_iter().collect());
        self
    }

    /// Requests received for `path` (any page).
    pub fn hits(&self, path: &str) -> usize {
        self.script.hits.lock().unwrap().iter().filter(|uri| uri.split('?').next() == Some(path)).count()
    }

    /// Dated requests for days before `day` wait until `release`.
    pub fn hold_before(&self, day: NaiveDate) {
        *self.script.gate.before.lock().unwrap() = Some(day);
    }

    pub fn release(&self) {
        *self.script.gate.before.lock().unwrap() = None;
        self.script.gate.released.notify_waiters();
    }

    pub fn requests(&self) -> Vec<String> {
        self.script.hits.lock().unwrap().clone()
    }
}

async fn serve(State(script): State<Script>, uri: Uri) -> Response<Body> {
    script.hits.lock().unwrap().push(uri.to_string());
    let page = uri.query().and_then(|q| q.split('&').find_map(|p| p.strip_prefix("page="))).filter(|p| *p != "1");
    let reply = {
        let mut replies = script.replies.lock().unwrap();
        let key = match page {
            Some(page) => format!("{}?page={page}", uri.path()),
            None => uri.path().to_string(),
        };
        let key = if replies.contains_key(&key) { key } else { prefix_key(uri.path()) };
        let queue = replies.get_mut(&key);
        match queue {
            Some(queue) if queue.len() > 1 => queue.pop_front(),
            Some(queue) => queue.front().cloned(),
            None => None,
        }
    };
    let respond = |status: u16, headers: Vec<(&'static str, String)>, body: Vec<u8>| {
        let mut response = Response::builder().status(status);
        if !headers.iter().any(|(name, _)| name.eq_ignore_ascii_case("content-type")) {
            response = response.header("content-type", "application/json");
        }
        for (name, value) in headers {
            response = response.header(name, value);
        }
        response.body(Body::from(body)).unwrap()
    };
    match reply {
        Some(Reply::Ok(body)) => respond(200, vec![], body),
        Some(Reply::Status { status, headers, body }) => respond(status, headers, body),
        Some(Reply::Hang(delay, body)) => {
            tokio::time::sleep(delay).await;
            respond(200, vec![], body)
        }
        Some(Reply::Dated(body)) => {
            let url = reqwest::Url::parse(&format!("http://replay{uri}")).unwrap();
            let query: HashMap<String, String> = url.query_pairs().into_owned().collect();
            let day = |key: &str| query.get(key).and_then(|d| d.parse::<NaiveDate>().ok());
            // Without dates (the recent days): none of the recorded ones.
            let (from, to) = match (day("start_date"), day("end_date")) {
                (Some(from), Some(to)) => (from, to),
                _ => (NaiveDate::MAX, NaiveDate::MIN),
            };
            loop {
                let released = script.gate.released.notified();
                if script.gate.before.lock().unwrap().is_none_or(|held| to >= held) {
                    break;
                }
                released.await;
            }
            respond(200, vec![], between(&body, from, to))
        }
        None => respond(404, vec![], br#"{"detail":"Not Found"}"#.to_vec()),
    }
}

/// The body with only the hourly and daily values of the days from `from` to `to` (local days).
fn between(body: &[u8], from: NaiveDate, to: NaiveDate) -> Vec<u8> {
    let mut body: serde_json::Value = serde_json::from_slice(body).unwrap();
    for section in ["hourly", "daily"] {
        let Some(columns) = body.get_mut(section).and_then(|s| s.as_object_mut()) else { continue };
        let keep: Vec<bool> = columns["time"]
            .as_array()
            .unwrap()
            .iter()
            .map(|t| t.as_str().and_then(|t| t[..10].parse::<NaiveDate>().ok()).is_some_and(|d| (from..=to).contains(&d)))
            .collect();
        for column in columns.values_mut() {
            let values = column.as_array_mut().unwrap();
            let mut k = keep.iter();
            values.retain(|_| *k.next().unwrap());
        }
    }
    serde_json::to_vec(&body).unwrap()
}

/// `/v3/sensors/*/hours` answers every sensor not scripted on its own.
fn prefix_key(path: &str) -> String {
    match path.strip_prefix("/v3/sensors/") {
        Some(rest) if rest.ends_with("/hours") => "/v3/sensors/*/hours".into(),
        _ => path.into(),
    }
}

/// The response body recorded in one of the OpenAQ R client's VCR cassettes: a YAML single-quoted
/// scalar, folded over lines (a line break is a space, indentation dropped, `''` is a quote).
pub fn openaq_cassette(name: &str) -> Vec<u8> {
    let text = std::fs::read_to_string(shared_data(&format!("api-samples/openaq/r-client-cassettes/{name}"))).unwrap();
    let mut lines = text.lines().skip_while(|l| !l.trim_start().starts_with("string: '"));
    let mut folded = lines.next().expect("a recorded body").trim_start().trim_start_matches("string: '").to_string();
    let closed = |s: &str| s.chars().rev().take_while(|c| *c == '\'').count() % 2 == 1;
    while !closed(folded.trim_end()) {
        folded.push(' ');
        folded.push_str(lines.next().expect("a closing quote").trim());
    }
    let body = folded.trim_end();
    body[..body.len() - 1].replace("''", "'").into_bytes()
}

pub fn open_meteo_body(path: &str) -> Vec<u8> {
    std::fs::read(shared_data(&format!("api-samples/open-meteo/{path}"))).unwrap()
}
