//! A local stand-in for the upstream APIs: serves the real recorded bodies from ../shared/data,
//! scripted per path (and page) to fail the way upstream does.

use std::collections::{HashMap, VecDeque};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::State;
use axum::http::{Response, Uri};

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
}

#[derive(Clone, Default)]
struct Script {
    /// Replies per key (`path` or `path?page=N`); the last one repeats.
    replies: Arc<Mutex<HashMap<String, VecDeque<Reply>>>>,
    hits: Arc<Mutex<Vec<String>>>,
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
        None => respond(404, vec![], br#"{"detail":"Not Found"}"#.to_vec()),
    }
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
