//! The summarizer: daily aggregates become short texts (chunks) in French and English, rendered
//! with the tera templates in `prompts/chunks/`, each carrying the facts it states.

mod facts;
mod kinds;
mod transit;

use std::collections::HashMap;
use std::path::Path;

use chrono::NaiveDate;
use sha2::{Digest, Sha256};
use sqlx::PgPool;
use tera::Tera;

use crate::config::City;

pub use facts::{Fact, Facts, Lang, Source, numbers};
pub use kinds::{insert_pollutant, pollutant, strength, weather_variable};
pub use transit::source as transit_source;

pub struct Chunk {
    pub id: i64,
    pub kind: &'static str,
    pub lang: Lang,
    pub period: (NaiveDate, NaiveDate),
    pub station_id: Option<i64>,
    pub variables: Vec<String>,
    pub title: String,
    pub body: String,
    pub facts: Vec<Fact>,
}

#[derive(Debug, Default, Clone, Copy, PartialEq, Eq)]
pub struct Summary {
    pub added: usize,
    pub changed: usize,
    pub unchanged: usize,
    pub removed: usize,
}

/// The chunk templates, `chunks/*.tera`: the binary's, or those under `prompts_dir`.
pub fn templates(prompts_dir: Option<&Path>) -> anyhow::Result<Tera> {
    crate::templates::load(crate::templates::Set::Prompts, prompts_dir, &["chunks"])
}

/// Renders every chunk whose period meets `first..=last`, writes the new and changed ones and
/// removes those the data no longer supports. Model data from `today` on is told as a forecast.
#[tracing::instrument(name = "summarize", skip(pool, tera))]
pub async fn summarize(
    pool: &PgPool,
    tera: &Tera,
    city: &City,
    (first, last): (NaiveDate, NaiveDate),
    today: NaiveDate,
) -> anyhow::Result<Summary> {
    let chunks = kinds::render_all(pool, tera, city, (first, last), today).await?;
    let existing: HashMap<i64, Vec<u8>> = sqlx::query_as(include_str!("sql/existing_chunks.sql"))
        .bind(first)
        .bind(last)
        .fetch_all(pool)
        .await?
        .into_iter()
        .collect();
    let mut summary = Summary::default();
    let mut seen = std::collections::HashSet::new();
    let mut tx = pool.begin().await?;
    for chunk in &chunks {
        seen.insert(chunk.id);
        let facts = serde_json::to_value(&chunk.facts)?;
        let hash = Sha256::digest(format!("{}\n{}\n{}", chunk.title, chunk.body, facts)).to_vec();
        match existing.get(&chunk.id) {
            Some(old) if *old == hash => {
                summary.unchanged += 1;
                continue;
            }
            Some(_) => summary.changed += 1,
            None => summary.added += 1,
        }
        sqlx::query(include_str!("sql/upsert_chunk.sql"))
            .bind(chunk.id)
            .bind(chunk.kind)
            .bind(chunk.lang.code())
            .bind(chunk.period.0)
            .bind(chunk.period.1)
            .bind(chunk.station_id)
            .bind(&chunk.variables)
            .bind(&chunk.title)
            .bind(&chunk.body)
            .bind(&facts)
            .bind(&hash)
            .execute(&mut *tx)
            .await?;
    }
    let gone: Vec<i64> = existing.keys().filter(|id| !seen.contains(id)).copied().collect();
    summary.removed = gone.len();
    sqlx::query(include_str!("sql/delete_chunks.sql")).bind(&gone).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(summary)
}

/// Stable id: the same kind, language, period, station and variables always give the same id.
pub fn chunk_id(
    kind: &str,
    lang: Lang,
    period: (NaiveDate, NaiveDate),
    station_id: Option<i64>,
    variables: &[String],
) -> i64 {
    let key =
        format!("{kind}|{}|{}|{}|{}|{}", lang.code(), period.0, period.1, station_id.unwrap_or(0), variables.join(","));
    let digest = Sha256::digest(key.as_bytes());
    i64::from_be_bytes(digest[..8].try_into().expect("8 bytes")) & i64::MAX
}
