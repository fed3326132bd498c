//! Calls to upstream APIs: timeouts, retries with exponential backoff and jitter on timeouts, 5xx,
//! 429 and unreadable bodies, rate-limit headers honoured, every body kept (gzip) in `raw_payloads`.

use std::io::Write;
use std::time::Duration;

use flate2::Compression;
use flate2::write::GzEncoder;
use rand::Rng;
use reqwest::header::{HeaderMap, RETRY_AFTER};
use reqwest::{StatusCode, Url};
use serde::de::DeserializeOwned;
use sha2::{Digest, Sha256};
use sqlx::PgPool;
use tokio::sync::Mutex;
use tokio::time::Instant;

use crate::config::UpstreamPolicy;

/// Never wait longer than this for a rate-limit window.
const MAX_WAIT: Duration = Duration::from_secs(120);

pub struct Upstream {
    client: reqwest::Client,
    pool: PgPool,
    policy: UpstreamPolicy,
    /// Until when requests must wait because the rate-limit window is used up.
    paused_until: Mutex<Option<Instant>>,
}

#[derive(Debug, thiserror::Error)]
pub enum FetchError {
    #[error("HTTP {status}: {detail}")]
    Rejected { status: u16, detail: String },
    #[error("gave up after {attempts} attempts: {last}")]
    Exhausted { attempts: u32, last: String },
    #[error(transparent)]
    Database(#[from] sqlx::Error),
}

enum Attempt<T> {
    Done(T),
    Retry { reason: String, wait: Option<Duration> },
    Fail(FetchError),
}

impl Upstream {
    pub fn new(pool: PgPool, policy: UpstreamPolicy) -> anyhow::Result<Self> {
        let client = reqwest::Client::builder()
            .timeout(Duration::from_secs(policy.timeout_secs))
            .connect_timeout(Duration::from_secs(policy.timeout_secs.min(10)))
            .user_agent(concat!("smartcity/", env!("CARGO_PKG_VERSION")))
            .build()?;
        Ok(Self { client, pool, policy, paused_until: Mutex::new(None) })
    }

    /// GETs `url` and parses its JSON body as `T`, retrying what can succeed on a later try.
    #[tracing::instrument(name = "upstream.get", skip(self, headers), fields(url = %url))]
    pub async fn get_json<T: DeserializeOwned>(
        &self,
        run_id: i64,
        source: &str,
        url: Url,
        headers: HeaderMap,
    ) -> Result<T, FetchError> {
        let mut last = String::new();
        for attempt in 0..=self.policy.max_retries {
            if attempt > 0 {
                tracing::warn!(attempt, reason = %last, "upstream call failed; retrying");
            }
            self.wait_for_rate_limit().await;
            let wait = match self.attempt(run_id, source, &url, &headers).await {
                Attempt::Done(body) => match serde_json::from_slice::<T>(&body) {
                    Ok(value) => return Ok(value),
                    Err(_) if body.trim_ascii_start().starts_with(b"<") => {
                        last = "unreadable body: an HTML page instead of JSON".into();
                        None
                    }
                    Err(e) => {
                        last = format!("unreadable body: {e}");
                        None
                    }
                },
                Attempt::Retry { reason, wait } => {
                    last = reason;
                    wait
                }
                Attempt::Fail(e) => return Err(e),
            };
            if attempt < self.policy.max_retries {
                self.backoff(attempt, wait).await;
            }
        }
        Err(FetchError::Exhausted { attempts: self.policy.max_retries + 1, last })
    }

    async fn attempt(&self, run_id: i64, source: &str, url: &Url, headers: &HeaderMap) -> Attempt<Vec<u8>> {
        let response = match self.client.get(url.clone()).headers(headers.clone()).send().await {
            Ok(response) => response,
            Err(e) if e.is_timeout() => return Attempt::Retry { reason: "timed out".into(), wait: None },
            Err(e) => return Attempt::Retry { reason: format!("request failed: {}", root_cause(&e)), wait: None },
        };
        let status = response.status();
        let rate_wait = self.note_rate_limit(response.headers()).await;
        let retry_after = retry_after(response.headers());
        let content_type = response.headers().get("content-type").and_then(|v| v.to_str().ok()).map(str::to_owned);
        let body = match response.bytes().await {
            Ok(body) => body.to_vec(),
            Err(e) if e.is_timeout() => {
                return Attempt::Retry { reason: "timed out reading the body".into(), wait: None };
            }
            Err(e) => return Attempt::Retry { reason: format!("body cut off: {}", root_cause(&e)), wait: None },
        };
        if let Err(e) = self.keep(run_id, source, url, status, content_type.as_deref(), &body).await {
            return Attempt::Fail(e.into());
        }
        match status {
            s if s.is_success() => Attempt::Done(body),
            StatusCode::TOO_MANY_REQUESTS => Attempt::Retry {
                reason: "rate limited (429)".into(),
                wait: Some(retry_after.or(rate_wait).unwrap_or(Duration::from_secs(60)).min(MAX_WAIT)),
            },
            s if s.is_server_error() => Attempt::Retry { reason: format!("HTTP {}", s.as_u16()), wait: None },
            s => Attempt::Fail(FetchError::Rejected { status: s.as_u16(), detail: snippet(&body) }),
        }
    }

    /// Reads `x-ratelimit-remaining`/`x-ratelimit-reset`: when the window is used up, later requests wait.
    async fn note_rate_limit(&self, headers: &HeaderMap) -> Option<Duration> {
        let number = |name: &str| headers.get(name)?.to_str().ok()?.trim().parse::<f64>().ok();
        let reset = number("x-ratelimit-reset").map(|s| Duration::from_secs_f64(s.max(0.0)).min(MAX_WAIT));
        if let (Some(remaining), Some(reset)) = (number("x-ratelimit-remaining"), reset)
            && remaining <= self.policy.rate_limit_reserve as f64
        {
            tracing::info!(remaining, reset_secs = reset.as_secs_f64(), "rate limit nearly used; slowing down");
            *self.paused_until.lock().await = Some(Instant::now() + reset);
        }
        reset
    }

    async fn wait_for_rate_limit(&self) {
        let until = *self.paused_until.lock().await;
        if let Some(until) = until {
            tokio::time::sleep_until(until).await;
        }
    }

    /// Exponential backoff with full jitter, or the wait the server asked for.
    async fn backoff(&self, attempt: u32, wait: Option<Duration>) {
        let delay = wait.unwrap_or_else(|| {
            let cap = self.policy.backoff_ms.saturating_mul(1 << attempt.min(10)).min(30_000);
            Duration::from_millis(rand::rng().random_range(cap / 2..=cap.max(1)))
        });
        tokio::time::sleep(delay).await;
    }

    #[tracing::instrument(name = "db.keep_raw_payload", skip_all)]
    async fn keep(
        &self,
        run_id: i64,
        source: &str,
        url: &Url,
        status: StatusCode,
        content_type: Option<&str>,
        body: &[u8],
    ) -> sqlx::Result<()> {
        let mut gzip = GzEncoder::new(Vec::new(), Compression::default());
        gzip.write_all(body).and_then(|_| gzip.flush()).expect("writing to memory");
        let gzip = gzip.finish().expect("writing to memory");
        sqlx::query(include_str!("sql/insert_raw_payload.sql"))
            .bind(run_id)
            .bind(source)
            .bind(url.as_str())
            .bind(status.as_u16() as i16)
            .bind(content_type)
            .bind(Sha256::digest(body).to_vec())
            .bind(body.len() as i32)
            .bind(gzip)
            .execute(&self.pool)
            .await?;
        Ok(())
    }
}

fn retry_after(headers: &HeaderMap) -> Option<Duration> {
    let seconds: u64 = headers.get(RETRY_AFTER)?.to_str().ok()?.trim().parse().ok()?;
    Some(Duration::from_secs(seconds))
}

fn snippet(body: &[u8]) -> String {
    let text = String::from_utf8_lossy(body);
    let text = text.trim();
    if text.chars().count() > 200 {
        format!("{}…", text.chars().take(200).collect::<String>())
    } else {
        text.to_string()
    }
}

fn root_cause(e: &(dyn std::error::Error + 'static)) -> String {
    let mut cause = e;
    while let Some(source) = cause.source() {
        cause = source;
    }
    cause.to_string()
}
