//! Who calls the API and how often: an API key (`Authorization: Bearer` or `X-API-Key`) raises the
//! request rate allowed; without one, each client address gets a low public rate. Over the rate:
//! 429 with `Retry-After`. Admin endpoints need a key with the admin scope.

use std::collections::HashMap;
use std::net::{IpAddr, SocketAddr};
use std::sync::Mutex;
use std::time::Instant;

use axum::extract::{ConnectInfo, FromRequestParts, Request, State};
use axum::http::HeaderMap;
use axum::http::request::Parts;
use axum::middleware::Next;
use axum::response::Response;

use super::{AppState, Error};
use crate::apikeys::{self, Caller};

/// Token buckets, one per client: `per_minute` tokens, refilled continuously.
#[derive(Default)]
pub struct Limiter {
    buckets: Mutex<HashMap<String, (f64, Instant)>>,
}

/// Buckets kept before idle ones are forgotten.
const MAX_BUCKETS: usize = 100_000;

impl Limiter {
    /// Takes a token for `client`; the seconds to wait when there is none.
    pub fn take(&self, client: &str, per_minute: u32) -> Result<(), u64> {
        let capacity = f64::from(per_minute.max(1));
        let rate = capacity / 60.0;
        let now = Instant::now();
        let mut buckets = self.buckets.lock().expect("limiter lock");
        if buckets.len() > MAX_BUCKETS {
            buckets.retain(|_, (tokens, at)| *tokens + now.duration_since(*at).as_secs_f64() * rate < capacity);
        }
        let (tokens, at) = buckets.entry(client.to_string()).or_insert((capacity, now));
        *tokens = (*tokens + now.duration_since(*at).as_secs_f64() * rate).min(capacity);
        *at = now;
        if *tokens >= 1.0 {
            *tokens -= 1.0;
            Ok(())
        } else {
            Err(((1.0 - *tokens) / rate).ceil().max(1.0) as u64)
        }
    }
}

fn presented_key(headers: &HeaderMap) -> Option<String> {
    let bearer = headers
        .get(axum::http::header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
        .map(str::trim);
    let header = headers.get("x-api-key").and_then(|v| v.to_str().ok()).map(str::trim);
    bearer.or(header).filter(|k| !k.is_empty()).map(str::to_string)
}

fn client_address(request: &Request) -> Option<IpAddr> {
    request.extensions().get::<ConnectInfo<SocketAddr>>().map(|ConnectInfo(addr)| addr.ip())
}

/// Checks the key (if any) and the rate; the caller is left in the request's extensions.
pub async fn guard(State(state): State<AppState>, mut request: Request, next: Next) -> Result<Response, Error> {
    let caller = match presented_key(request.headers()) {
        Some(key) => Some(
            apikeys::verify(&state.pool, &key)
                .await?
                .ok_or_else(|| Error::Unauthorized("This API key is unknown or revoked.".into()))?,
        ),
        None => None,
    };
    let (client, per_minute) = match &caller {
        Some(caller) => (format!("key:{}", caller.id), state.settings.api.key_per_minute),
        None => {
            let ip = client_address(&request).map_or("unknown".to_string(), |ip| ip.to_string());
            (format!("ip:{ip}"), state.settings.api.public_per_minute)
        }
    };
    state.limiter.take(&client, per_minute).map_err(|retry_after| Error::TooManyRequests { retry_after })?;
    request.extensions_mut().insert(caller);
    Ok(next.run(request).await)
}

/// A handler argument that only an admin key gets past.
pub struct Admin;

impl<S: Send + Sync> FromRequestParts<S> for Admin {
    type Rejection = Error;

    async fn from_request_parts(parts: &mut Parts, _: &S) -> Result<Self, Self::Rejection> {
        match parts.extensions.get::<Option<Caller>>().cloned().flatten() {
            Some(caller) if caller.is_admin() => Ok(Admin),
            Some(_) => Err(Error::Forbidden("This API key has no admin scope.".into())),
            None => Err(Error::Unauthorized("Admin endpoints need an API key with the admin scope.".into())),
        }
    }
}
