//! End to end in a real headless Chromium, driven over WebDriver (chromedriver): a plain page on
//! another origin embeds the widget with one script tag, a question is typed, the streamed answer
//! and its citations appear, and a citation link opens the data. A screenshot goes under target/.

use std::process::{Child, Command, Stdio};
use std::time::{Duration, Instant};

use axum::Router;
use axum::response::Html;
use base64::Engine;
use serde_json::{Value, json};
use sqlx::PgPool;

use crate::answers::no_model_settings;
use crate::cluster::free_port;
use crate::helpers::{january_2020, load_2020, manifest_dir, spawn_app_with};

const ELEMENT: &str = "element-6066-11e4-a52e-4f735466cecf";
const SHADOW: &str = "shadow-6066-11e4-a52e-4f735466cecf";

pub struct Driver {
    child: Child,
    client: reqwest::Client,
    session: String,
}

impl Drop for Driver {
    fn drop(&mut self) {
        let _ = self.child.kill();
    }
}


impl Driver {
    pub async fn start() -> Driver {
        let port = free_port();
        let child = Command::new("chromedriver")
            .arg(format!("--port={port}"))
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .expect("chromedriver runs (Debian's chromium-driver, installed by `scripts/setup --browser`)");
        let client = reqwest::Client::new();
        let base = format!("http://127.0.0.1:{port}");
        let started = Instant::now();
        while client.get(format!("{base}/status")).send().await.is_err() {
            assert!(started.elapsed() < Duration::from_secs(20), "chromedriver did not start");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
        let profile = tempfile::tempdir().unwrap().keep();
        let capabilities = json!({ "capabilities": { "alwaysMatch": { "browserName": "chrome", "goog:chromeOptions": {
            "binary": "/usr/bin/chromium",
            "args": ["--headless=new", "--no-sandbox", "--disable-gpu", "--disable-dev-shm-usage", "--disable-quic",
                     "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync",
                     "--window-size=1280,900", format!("--user-data-dir={}", profile.display())]
        }}}});
        let response: Value =
            client.post(format!("{base}/session")).json(&capabilities).send().await.unwrap().json().await.unwrap();
        let session =
            response["value"]["sessionId"].as_str().unwrap_or_else(|| panic!("no session: {response}")).to_string();
        Driver { child, client, session: format!("{base}/session/{session}") }
    }

    pub async fn call(&self, method: &str, path: &str, body: Value) -> Value {
        let url = format!("{}{path}", self.session);
        let request = match method {
            "GET" => self.client.get(url),
            "DELETE" => self.client.delete(url),
            _ => self.client.post(url).json(&body),
        };
        let response: Value = request.send().await.unwrap().json().await.unwrap();
        response["value"].clone()
    }

    pub async fn open(&self, url: &str) {
        self.call("POST", "/url", json!({ "url": url })).await;
    }

    pub async fn shadow(&self) -> String {
        let host = self.wait_for("/element", "[data-smartcity-widget]").await;
        self.call("GET", &format!("/element/{host}/shadow"), Value::Null).await[SHADOW].as_str().unwrap().to_string()
    }

    /// Polls until an element matches (in the shadow root `/shadow/ID/element`, or the page `/element`).
    pub async fn wait_for(&self, scope: &str, css: &str) -> String {
        let started = Instant::now();
        loop {
            let found = self.call("POST", scope, json!({ "using": "css selector", "value": css })).await;
            if let Some(id) = found[ELEMENT].as_str() {
                return id.to_string();
            }
            assert!(started.elapsed() < Duration::from_secs(30), "{css} never appeared");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// The text of the `n`th answer in the widget's log, once it is complete (its sources listed).
    pub async fn answer(&self, shadow: &str, n: usize) -> String {
        let started = Instant::now();
        loop {
            let css = json!({ "using": "css selector", "value": ".msg.bot, .msg.error" });
            let answers = self.call("POST", &format!("/shadow/{shadow}/elements"), css).await;
            if let Some(item) = answers.as_array().and_then(|a| a.get(n - 1)) {
                let id = item[ELEMENT].as_str().unwrap();
                // The sources are listed last: once they are, the text is whole.
                let done = self
                    .call("POST", &format!("/element/{id}/elements"), json!({ "using": "css selector", "value": "ol" }))
                    .await;
                if !done.as_array().unwrap().is_empty() {
                    return self.text(id).await;
                }
            }
            assert!(started.elapsed() < Duration::from_secs(30), "answer {n} never completed");
            tokio::time::sleep(Duration::from_millis(100)).await;
        }
    }

    /// Runs `script` in the page and returns what it returns.
    pub async fn execute(&self, script: &str) -> Value {
        self.call("POST", "/execute/sync", json!({ "script": script, "args": [] })).await
    }

    /// A screenshot of the window, saved as `target/NAME.png`.
    pub async fn screenshot(&self, name: &str) {
        let screenshot = self.call("GET", "/screenshot", Value::Null).await;
        let png = base64::engine::general_purpose::STANDARD.decode(screenshot.as_str().unwrap()).unwrap();
        assert!(png.starts_with(b"\x89PNG"));
        let target = manifest_dir().join("target");
        std::fs::create_dir_all(&target).unwrap();
        std::fs::write(target.join(format!("{name}.png")), &png).unwrap();
    }

    pub async fn text(&self, element: &str) -> String {
        self.call("GET", &format!("/element/{element}/text"), Value::Null)
            .await
            .as_str()
            .unwrap_or_default()
            .to_string()
    }
}

#[sqlx::test]
async fn a_page_elsewhere_embeds_the_widget_and_a_citizen_gets_a_cited_answer(pool: PgPool) {
    load_2020(&pool, Some(january_2020())).await;
    let dir = tempfile::tempdir().unwrap();
    let page_port = free_port();
    let page_origin = format!("http://127.0.0.1:{page_port}");
    let mut settings = no_model_settings(dir.path());
    settings.api.cors_origins = vec![page_origin.clone()];
    let app = spawn_app_with(pool, settings).await;

    // CORS: the embedding site may call the API, another may not.
    let allowed =
        app.client.get(format!("{}/api/v1/stations", app.address)).header("origin", &page_origin).send().await.unwrap();
    assert_eq!(allowed.headers()["access-control-allow-origin"], page_origin.as_str());
    let other = app
        .client
        .get(format!("{}/api/v1/stations", app.address))
        .header("origin", "http://evil.example")
        .send()
        .await
        .unwrap();
    assert!(other.headers().get("access-control-allow-origin").is_none());
    let preflight = app
        .client
        .request(reqwest::Method::OPTIONS, format!("{}/api/v1/chat", app.address))
        .header("origin", &page_origin)
        .header("access-control-request-method", "POST")
        .header("access-control-request-headers", "content-type")
        .send()
        .await
        .unwrap();
    assert_eq!(preflight.headers()["access-control-allow-origin"], page_origin.as_str(), "the preflight passes");

    let html = format!(
        r##"<!doctype html><html lang="en"><head><title>Clermont news</title><style>* {{ color: red !important; font-size: 40px !important; }}</style></head>
<body><h1>Local news</h1><p>A page of another site.</p>
<script src="{}/widget.js" data-lang="en" data-color="#2b7a0b" async></script></body></html>"##,
        app.address
    );
    let page = Router::new().route("/", axum::routing::get(move || async move { Html(html) }));
    let listener = tokio::net::TcpListener::bind(("127.0.0.1", page_port)).await.unwrap();
    tokio::spawn(async move { axum::serve(listener, page).await.unwrap() });

    let driver = Driver::start().await;
    driver.open(&format!("{page_origin}/")).await;
    let shadow = driver.shadow().await;
    let scope = format!("/shadow/{shadow}/element");
    let launcher = driver.wait_for(&scope, ".launcher").await;
    assert_eq!(driver.text(&launcher).await, "Ask about the air and the weather");
    driver.call("POST", &format!("/element/{launcher}/click"), json!({})).await;
    let examples = driver
        .call(
            "POST",
            &format!("/shadow/{shadow}/elements"),
            json!({ "using": "css selector", "value": ".examples button" }),
        )
        .await;
    assert_eq!(examples.as_array().unwrap().len(), 3, "three example questions");
    let input = driver.wait_for(&scope, "input").await;
    driver
        .call(
            "POST",
            &format!("/element/{input}/value"),
            json!({ "text": "PM2.5 at Montferrand on 23 January 2020\n" }),
        )
        .await;

    let link = driver.wait_for(&scope, ".msg.bot a.citation").await;
    let answer = driver.wait_for(&scope, ".msg.bot p").await;
    let text = driver.text(&answer).await;
    assert!(text.contains("69.4 µg/m³") && text.contains("[1]"), "{text}");
    let sources = driver
        .call(
            "POST",
            &format!("/shadow/{shadow}/elements"),
            json!({ "using": "css selector", "value": ".msg.bot ol li a" }),
        )
        .await;
    assert!(!sources.as_array().unwrap().is_empty(), "the sources are listed");
    let href = driver.call("GET", &format!("/element/{link}/property/href"), Value::Null).await;
    let href = href.as_str().unwrap().to_string();
    assert!(href.starts_with(&app.address), "{href}");

    // A follow-up keeps the station and the variable: its figures are those of the whole question.
    let whole = json!({ "question": "PM2.5 at Montferrand on 24 January 2020", "lang": "en" });
    let direct: Value =
        app.client.post(format!("{}/api/v1/ask", app.address)).json(&whole).send().await.unwrap().json().await.unwrap();
    let expected: Vec<&str> = direct["facts"].as_array().unwrap().iter().map(|f| f["display"].as_str().unwrap()).collect();
    assert!(!expected.is_empty(), "{direct:#}");
    driver.call("POST", &format!("/element/{input}/value"), json!({ "text": "and on 24 January 2020?\n" })).await;
    let second = driver.answer(&shadow, 2).await;
    assert!(expected.iter().all(|e| second.contains(e)), "{second} against {expected:?}");
    assert!(second.contains("kept from the previous question"), "{second}");

    // "New question" forgets the conversation: the same words alone name no data.
    let fresh = driver.wait_for(&scope, ".fresh").await;
    driver.call("POST", &format!("/element/{fresh}/click"), json!({})).await;
    let left = driver
        .call("POST", &format!("/shadow/{shadow}/elements"), json!({ "using": "css selector", "value": ".msg" }))
        .await;
    assert_eq!(left.as_array().unwrap().len(), 0, "the log is cleared");
    driver.call("POST", &format!("/element/{input}/value"), json!({ "text": "and on 24 January 2020?\n" })).await;
    let alone = driver.answer(&shadow, 1).await;
    let figures = expected.iter().filter(|e| e.contains("µg/m³") && !alone.contains(*e));
    assert!(alone.contains("could not tell") && figures.count() > 0, "{alone}");

    driver.screenshot("widget-e2e").await;

    driver.open(&href).await;
    let body = driver.wait_for("/element", "body").await;
    let data = driver.text(&body).await;
    assert!(data.contains("rows") && data.contains("Montferrand") && data.contains("69.4"), "{data}");
    driver.call("DELETE", "", Value::Null).await;
    app.shutdown().await;
}

#[sqlx::test]
async fn the_home_page_draws_its_charts_and_writes_a_brief_from_its_form(pool: PgPool) {
    load_2020(&pool, Some(january_2020())).await;
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_with(pool, no_model_settings(dir.path())).await;
    let home = app.get("/").await;
    assert_eq!(home.status(), 200);
    let html = home.text().await.unwrap();
    assert!(html.contains("<script src=\"/widget.js\""), "the widget is on the page");
    assert!(
        html.matches("<svg").count() >= 3 && html.contains("class=\"guideline\""),
        "PM2.5 against the WHO line, temperature, rain"
    );
    assert!(html.contains("2020-12-03 – 2021-01-01"), "the last 30 days with data");
    assert!(app.get("/?lang=fr").await.text().await.unwrap().contains("L'air et la météo à Clermont-Ferrand"));

    let widget = app.get("/widget.js").await;
    assert!(widget.headers()["content-type"].to_str().unwrap().starts_with("application/javascript"));
    let script = widget.text().await.unwrap();
    assert!(script.len() < 30_000 && script.contains("attachShadow"), "one small self-contained script");

    let client = reqwest::Client::builder().redirect(reqwest::redirect::Policy::none()).build().unwrap();
    let posted = client
        .post(format!("{}/briefs", app.address))
        .form(&[("month", "2020-01"), ("lang", "en")])
        .send()
        .await
        .unwrap();
    assert_eq!(posted.status(), 303);
    let location = posted.headers()["location"].to_str().unwrap().to_string();
    let brief = app.get(&location).await.text().await.unwrap();
    assert!(brief.contains("in January 2020") && brief.contains("data.csv"), "{brief}");
    app.shutdown().await;
}
