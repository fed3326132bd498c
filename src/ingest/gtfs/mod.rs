//! Public-transport timetables (GTFS): a feed, zipped or a folder of `.txt` files, read with csv and
//! serde (each file's columns by name, so the optional ones a feed leaves out cost nothing, and a
//! bad row is rejected with its line rather than failing the feed, which `gtfs-structures` does),
//! then stored in one transaction. The same content twice changes nothing.

pub mod read;
mod store;

use std::path::Path;

use sqlx::PgPool;

use super::run::{Report, Run};
use store::Stored;

pub const SOURCE: &str = "gtfs";

/// Imports the feed at `path`; a feed the format cannot read is a failed run that stores nothing.
pub async fn import(pool: &PgPool, path: &Path) -> anyhow::Result<Report> {
    let mut run = Run::start(pool, SOURCE, None).await?;
    let error = load(pool, &mut run, path).await.err().map(|e| format!("{e:#}"));
    Ok(run.finish(pool, error).await?)
}

async fn load(pool: &PgPool, run: &mut Run, path: &Path) -> anyhow::Result<()> {
    let feed = {
        let path = path.to_path_buf();
        tokio::task::spawn_blocking(move || read::read(&path)).await??
    };
    run.fetched = feed.rows as i64;
    for reject in &feed.rejects {
        run.reject(format!("{} line {}", reject.file, reject.line), reject.reason.clone());
    }
    match store::store(pool, &feed, &path.display().to_string(), run.id).await? {
        Stored::New { feed_id, rows } => {
            run.written.inserted = rows as i64;
            // The days it covers: their chunks are written anew.
            if let Some((from, to)) = feed.valid {
                run.cover(from.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc());
                run.cover(to.and_hms_opt(12, 0, 0).expect("noon exists").and_utc());
            }
            tracing::info!(feed_id, rows, "GTFS feed stored");
        }
        Stored::Known { feed_id } => tracing::info!(feed_id, "GTFS feed already imported: nothing changed"),
    }
    Ok(())
}
