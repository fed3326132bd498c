//! API keys for analysts: created with a name and scopes (read, admin), shown once, stored as a
//! SHA-256 hash, revocable.

use chrono::{DateTime, Utc};
use rand::Rng;
use serde::Serialize;
use sha2::{Digest, Sha256};
use sqlx::PgPool;

pub const SCOPES: [&str; 2] = ["read", "admin"];
const KEY_PREFIX: &str = "sc_";

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct ApiKey {
    pub id: i64,
    pub name: String,
    pub prefix: String,
    pub scopes: Vec<String>,
    pub created_at: DateTime<Utc>,
    pub last_used_at: Option<DateTime<Utc>>,
    pub revoked_at: Option<DateTime<Utc>>,
}

/// A key presented with a request, once checked.
#[derive(Debug, Clone, sqlx::FromRow)]
pub struct Caller {
    pub id: i64,
    pub scopes: Vec<String>,
}

impl Caller {
    pub fn is_admin(&self) -> bool {
        self.scopes.iter().any(|s| s == "admin")
    }
}

fn digest(key: &str) -> Vec<u8> {
    Sha256::digest(key.as_bytes()).to_vec()
}

/// Creates a key; the returned secret is never stored and cannot be shown again.
pub async fn create(pool: &PgPool, name: &str, scopes: &[String]) -> anyhow::Result<(ApiKey, String)> {
    if name.trim().is_empty() {
        anyhow::bail!("a key needs a name (who or what uses it)");
    }
    if let Some(bad) = scopes.iter().find(|s| !SCOPES.contains(&s.as_str())) {
        anyhow::bail!("unknown scope {bad:?}: use read or admin");
    }
    let mut scopes = scopes.to_vec();
    if scopes.is_empty() {
        scopes.push("read".into());
    }
    // An admin key reads too.
    if scopes.iter().any(|s| s == "admin") && !scopes.iter().any(|s| s == "read") {
        scopes.insert(0, "read".into());
    }
    const ALPHABET: &[u8] = b"ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
    let mut rng = rand::rng();
    let secret: String = (0..32).map(|_| ALPHABET[rng.random_range(0..ALPHABET.len())] as char).collect();
    let key = format!("{KEY_PREFIX}{secret}");
    let prefix: String = key.chars().take(KEY_PREFIX.len() + 6).collect();
    let created = sqlx::query_as(include_str!("sql/create.sql"))
        .bind(name.trim())
        .bind(&prefix)
        .bind(digest(&key))
        .bind(&scopes)
        .fetch_one(pool)
        .await?;
    Ok((created, key))
}

pub async fn list(pool: &PgPool) -> sqlx::Result<Vec<ApiKey>> {
    sqlx::query_as(include_str!("sql/list.sql")).fetch_all(pool).await
}

/// Revokes key `id`; false when there is no such key (or it was already revoked).
pub async fn revoke(pool: &PgPool, id: i64) -> sqlx::Result<bool> {
    Ok(sqlx::query(include_str!("sql/revoke.sql")).bind(id).execute(pool).await?.rows_affected() == 1)
}

/// The caller a presented key belongs to, if it is a valid, unrevoked key.
#[tracing::instrument(name = "db.verify_key", skip_all)]
pub async fn verify(pool: &PgPool, key: &str) -> sqlx::Result<Option<Caller>> {
    sqlx::query_as(include_str!("sql/verify.sql")).bind(digest(key)).fetch_optional(pool).await
}
