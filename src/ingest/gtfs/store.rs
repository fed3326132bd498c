//! A read feed into PostgreSQL in one transaction: each file's rows copied under the feed's id, its
//! service days with them, the lines of each stop, then the older feeds of its agency cut back to
//! the day it starts.

use std::fmt::Display;

use sqlx::{PgConnection, PgPool};

use super::read::Feed;
use crate::ingest::copy::{end, put, some};

/// Bytes sent to PostgreSQL at a time.
const CHUNK: usize = 1 << 20;

/// What storing a feed did.
pub enum Stored {
    /// A new feed, with the rows written.
    New { feed_id: i64, rows: u64 },
    /// The same content was imported before, as this feed.
    Known { feed_id: i64 },
}

#[tracing::instrument(name = "db.store_gtfs", skip_all, fields(sha256 = %feed.sha256))]
pub async fn store(pool: &PgPool, feed: &Feed, source: &str, run_id: i64) -> anyhow::Result<Stored> {
    let mut tx = pool.begin().await?;
    // Two imports of one feed at once: the second waits here, then finds the first's.
    sqlx::query(include_str!("../sql/gtfs_lock_feed.sql")).bind(&feed.sha256).execute(&mut *tx).await?;
    let known: Option<i64> =
        sqlx::query_scalar(include_str!("../sql/gtfs_feed_known.sql")).bind(&feed.sha256).fetch_optional(&mut *tx).await?;
    if let Some(feed_id) = known {
        return Ok(Stored::Known { feed_id });
    }
    let Some((from, to)) = feed.valid else { anyhow::bail!("the feed's calendars give no day") };
    let agency = &feed.agencies[0].agency_name;
    let feed_id: i64 = sqlx::query_scalar(include_str!("../sql/gtfs_insert_feed.sql"))
        .bind(&feed.sha256)
        .bind(agency)
        .bind(source)
        .bind(from)
        .bind(to)
        .bind(run_id)
        .fetch_one(&mut *tx)
        .await?;
    let rows = copy_all(&mut tx, feed, feed_id).await?;
    sqlx::query(include_str!("../sql/gtfs_stop_routes.sql")).bind(feed_id).execute(&mut *tx).await?;
    sqlx::query(include_str!("../sql/gtfs_supersede.sql")).bind(feed_id).execute(&mut *tx).await?;
    tx.commit().await?;
    Ok(Stored::New { feed_id, rows })
}

async fn copy_all(tx: &mut PgConnection, feed: &Feed, id: i64) -> anyhow::Result<u64> {
    let id = &id as &dyn Display;
    let mut rows = copy(tx, include_str!("../sql/gtfs_copy_agencies.sql"), &feed.agencies, |a, out| {
        let agency_id = a.agency_id.clone().unwrap_or_default();
        put(out, Some(id));
        put(out, Some(&agency_id));
        put(out, Some(&a.agency_name));
        put(out, some(&a.agency_url));
        put(out, Some(&a.agency_timezone));
        put(out, some(&a.agency_lang));
        put(out, some(&a.agency_phone));
    })
    .await?;
    rows += copy(tx, include_str!("../sql/gtfs_copy_routes.sql"), &feed.routes, |r, out| {
        put(out, Some(id));
        put(out, Some(&r.route_id));
        put(out, some(&r.agency_id));
        put(out, some(&r.route_short_name));
        put(out, some(&r.route_long_name));
        put(out, Some(&r.route_type));
        put(out, some(&r.route_color));
        put(out, some(&r.route_text_color));
    })
    .await?;
    rows += copy(tx, include_str!("../sql/gtfs_copy_stops.sql"), &feed.stops, |s, out| {
        let name = s.stop_name.clone().unwrap_or_default();
        put(out, Some(id));
        put(out, Some(&s.stop_id));
        put(out, some(&s.stop_code));
        put(out, Some(&name));
        put(out, some(&s.stop_lat));
        put(out, some(&s.stop_lon));
        put(out, Some(&s.location_type.unwrap_or(0)));
        put(out, some(&s.parent_station));
    })
    .await?;
    rows += copy(tx, include_str!("../sql/gtfs_copy_trips.sql"), &feed.trips, |t, out| {
        put(out, Some(id));
        put(out, Some(&t.trip_id));
        put(out, Some(&t.route_id));
        put(out, Some(&t.service_id));
        put(out, some(&t.direction_id));
        put(out, some(&t.trip_headsign));
        put(out, some(&t.shape_id));
    })
    .await?;
    rows += copy(tx, include_str!("../sql/gtfs_copy_stop_times.sql"), &feed.stop_times, |t, out| {
        put(out, Some(id));
        put(out, Some(&t.trip_id));
        put(out, Some(&t.stop_sequence));
        put(out, Some(&t.stop_id));
        put(out, some(&t.arrival_s));
        put(out, some(&t.departure_s));
        put(out, Some(&t.last_stop));
    })
    .await?;
    rows += copy(tx, include_str!("../sql/gtfs_copy_calendar.sql"), &feed.calendar, |c, out| {
        let weekdays = format!("{{{}}}", c.weekdays.iter().map(i16::to_string).collect::<Vec<_>>().join(","));
        put(out, Some(id));
        put(out, Some(&c.service_id));
        put(out, Some(&weekdays));
        put(out, Some(&c.start));
        put(out, Some(&c.end));
    })
    .await?;
    rows += copy(tx, include_str!("../sql/gtfs_copy_calendar_dates.sql"), &feed.calendar_dates, |d, out| {
        let kind = if d.added { 1 } else { 2 };
        put(out, Some(id));
        put(out, Some(&d.service_id));
        put(out, Some(&d.day));
        put(out, Some(&kind));
    })
    .await?;
    rows += copy(tx, include_str!("../sql/gtfs_copy_shapes.sql"), &feed.shapes, |p, out| {
        put(out, Some(id));
        put(out, Some(&p.shape_id));
        put(out, Some(&p.shape_pt_sequence));
        put(out, Some(&p.shape_pt_lat));
        put(out, Some(&p.shape_pt_lon));
    })
    .await?;
    let days: Vec<_> = feed.service_days.iter().collect();
    copy(tx, include_str!("../sql/gtfs_copy_service_days.sql"), &days, |(day, service), out| {
        put(out, Some(id));
        put(out, Some(day));
        put(out, Some(service));
    })
    .await?;
    Ok(rows)
}

/// Copies `rows` with `line` writing each one's fields; the number of rows copied.
async fn copy<T>(
    tx: &mut PgConnection,
    statement: &str,
    rows: &[T],
    line: impl Fn(&T, &mut String),
) -> anyhow::Result<u64> {
    let mut copy = tx.copy_in_raw(statement).await?;
    let mut text = String::with_capacity(CHUNK + 4096);
    for row in rows {
        line(row, &mut text);
        end(&mut text);
        if text.len() >= CHUNK {
            copy.send(text.as_bytes()).await?;
            text.clear();
        }
    }
    if !text.is_empty() {
        copy.send(text.as_bytes()).await?;
    }
    Ok(copy.finish().await?)
}
