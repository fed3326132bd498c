//! `smartcity bench gtfs FEED`: the import of a GTFS feed (every file read, checked and stored in
//! one transaction, its service days expanded), in stop times per second, against a plain `COPY`
//! of the same stop times into a table of the same shape. The feed stays imported.

use std::path::Path;
use std::time::Instant;

use futures::TryStreamExt;
use sqlx::PgPool;

pub async fn run(pool: &PgPool, feed: &Path) -> anyhow::Result<String> {
    let started = Instant::now();
    let report = crate::ingest::gtfs::import(pool, feed).await?;
    let import = started.elapsed().as_secs_f64();
    if report.written.inserted == 0 {
        anyhow::bail!(
            "{} was not imported anew ({}): run on a database without it, as scripts/bench does",
            feed.display(),
            report.error.as_deref().unwrap_or("already imported")
        );
    }
    let mut conn = pool.acquire().await?;
    let feed_id: i64 = sqlx::query_scalar(include_str!("sql/gtfs_newest_feed.sql")).fetch_one(&mut *conn).await?;
    sqlx::query(include_str!("sql/gtfs_bench_source.sql")).bind(feed_id).execute(&mut *conn).await?;
    let rows: Vec<_> = conn.copy_out_raw(include_str!("sql/gtfs_copy_out.sql")).await?.try_collect().await?;
    let count: i64 = sqlx::query_scalar(include_str!("sql/gtfs_bench_count.sql")).fetch_one(&mut *conn).await?;
    sqlx::query(include_str!("sql/gtfs_bench_target.sql")).execute(&mut *conn).await?;
    let started = Instant::now();
    let mut copy = conn.copy_in_raw(include_str!("sql/gtfs_copy_in.sql")).await?;
    for chunk in &rows {
        copy.send(chunk.as_ref()).await?;
    }
    copy.finish().await?;
    let plain = started.elapsed().as_secs_f64();
    sqlx::query(include_str!("sql/gtfs_bench_drop.sql")).execute(&mut *conn).await?;
    let rate = |seconds: f64| count as f64 / seconds;
    Ok(format!(
        "| measure | stop times | seconds | stop times/s |\n|---|---|---|---|\n\
         | plain `COPY` of the feed's stop times into a table of the same shape (its keys and index) | {count} | {plain:.2} | {:.0} |\n\
         | `import gtfs` of the whole feed ({} rows in all files, service days expanded) | {count} | {import:.2} | {:.0} |\n\
         \nImport rate / COPY rate: {:.2} (goal ≥ 0.5).\n",
        rate(plain),
        report.written.inserted,
        rate(import),
        plain / import
    ))
}
