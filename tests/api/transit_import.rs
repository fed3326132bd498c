//! The T2C GTFS feed: counts per file, service days (times past midnight, a holiday without service),
//! the BOM and multi-id stop codes, the same feed twice, a folder, bad rows, a broken file and a
//! newer feed taking over; the timetable's chunks. Expected counts are read from the feed's files here (or are the checks
//! of ../shared/data/README.md), independently of the importer.

use std::io::Read;

use smartcity::ingest::{Status, gtfs};
use sqlx::PgPool;

use crate::helpers::shared_data;

pub const T2C: &str = "clermont/gtfs_t2c_2024-01-17_2024-06-30.zip";
const TABLES: &[(&str, &str)] = &[
    ("agency.txt", "transit_agencies"),
    ("routes.txt", "transit_routes"),
    ("stops.txt", "transit_stops"),
    ("trips.txt", "transit_trips"),
    ("stop_times.txt", "transit_stop_times"),
    ("calendar.txt", "transit_calendar"),
    ("calendar_dates.txt", "transit_calendar_dates"),
    ("shapes.txt", "transit_shapes"),
];

/// The rows of each file of the zipped feed (its lines but the header).
fn rows_per_file() -> Vec<(String, i64)> {
    let mut zip = zip::ZipArchive::new(std::fs::File::open(shared_data(T2C)).unwrap()).unwrap();
    let names: Vec<String> = zip.file_names().map(|n| n.unwrap().into_owned()).collect();
    names
        .into_iter()
        .map(|name| {
            let mut text = String::new();
            zip.by_name(&name).unwrap().read_to_string(&mut text).unwrap();
            let rows = text.lines().filter(|l| !l.trim().is_empty()).count() as i64 - 1;
            (name, rows)
        })
        .collect()
}

/// The feed unpacked into a folder, each file passed through `edit` (name, text) first.
fn unpacked(edit: impl Fn(&str, String) -> String) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let mut zip = zip::ZipArchive::new(std::fs::File::open(shared_data(T2C)).unwrap()).unwrap();
    for i in 0..zip.len() {
        let mut file = zip.by_index(i).unwrap();
        let name = file.name().unwrap().into_owned();
        let mut text = String::new();
        file.read_to_string(&mut text).unwrap();
        std::fs::write(dir.path().join(&name), edit(&name, text)).unwrap();
    }
    dir
}

async fn count(pool: &PgPool, sql: &str) -> i64 {
    sqlx::query_scalar(sql).fetch_one(pool).await.unwrap()
}

/// Trips running on `day` (every feed's service days).
async fn trips_on(pool: &PgPool, day: &str) -> i64 {
    sqlx::query_scalar(
        "SELECT count(*) FROM transit_trips t JOIN transit_service_days d
         ON d.feed_id = t.feed_id AND d.service_id = t.service_id WHERE d.day = $1::date",
    )
    .bind(day)
    .fetch_one(pool)
    .await
    .unwrap()
}

async fn table_counts(pool: &PgPool) -> Vec<(String, i64)> {
    let mut counts = Vec::new();
    for (file, table) in TABLES {
        counts.push((file.to_string(), count(pool, &format!("SELECT count(*) FROM {table}")).await));
    }
    counts
}

#[sqlx::test]
async fn the_t2c_feed_imports_every_row_and_twice_changes_nothing(pool: PgPool) {
    let files = rows_per_file();
    let read: i64 = files.iter().map(|(_, n)| n).sum();
    let report = gtfs::import(&pool, &shared_data(T2C)).await.unwrap();
    assert_eq!(report.status, Status::Succeeded, "{report}");
    assert_eq!((report.fetched, report.written.inserted, report.rejected), (read, read, 0), "{report}");
    for (file, stored) in table_counts(&pool).await {
        let expected = files.iter().find(|(name, _)| *name == file).map_or(0, |(_, n)| *n);
        assert_eq!(stored, expected, "{file}");
    }
    // The figures of ../shared/data/README.md.
    assert_eq!(count(&pool, "SELECT count(*) FROM transit_stop_times").await, 201_178);
    assert_eq!(count(&pool, "SELECT count(*) FROM transit_calendar_dates").await, 1_424, "the BOM's first column is read");
    for (day, trips) in [("2024-03-12", 2157), ("2024-03-16", 1581), ("2024-03-17", 535), ("2024-05-01", 0)] {
        assert_eq!(trips_on(&pool, day).await, trips, "{day}");
    }
    let (departures, first, last): (i64, i32, i32) = sqlx::query_as(
        "SELECT count(*), min(st.departure_s), max(st.departure_s)
         FROM transit_stop_times st
         JOIN transit_stops s ON s.feed_id = st.feed_id AND s.stop_id = st.stop_id
         JOIN transit_trips t ON t.feed_id = st.feed_id AND t.trip_id = st.trip_id
         JOIN transit_routes r ON r.feed_id = t.feed_id AND r.route_id = t.route_id
         JOIN transit_service_days d ON d.feed_id = t.feed_id AND d.service_id = t.service_id
         WHERE s.name = 'Jaude' AND r.short_name = 'A' AND d.day = '2024-03-16' AND NOT st.last_stop",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((departures, first, last), (217, 4 * 3600 + 39 * 60, 24 * 3600 + 59 * 60), "a time past midnight is the service day's");
    let (from, to): (chrono::NaiveDate, chrono::NaiveDate) =
        sqlx::query_as("SELECT valid_from, valid_to FROM transit_feeds").fetch_one(&pool).await.unwrap();
    assert_eq!((from.to_string(), to.to_string()), ("2024-01-17".into(), "2024-06-30".into()));
    let codes = count(&pool, "SELECT count(*) FROM transit_stops WHERE code LIKE '%|%'").await;
    let expected_codes = {
        let mut zip = zip::ZipArchive::new(std::fs::File::open(shared_data(T2C)).unwrap()).unwrap();
        let mut reader = csv::Reader::from_reader(zip.by_name("stops.txt").unwrap());
        reader.records().filter(|r| r.as_ref().unwrap()[1].contains('|')).count() as i64
    };
    assert!(codes > 0 && codes == expected_codes, "stop codes holding several ids are kept whole: {codes} of {expected_codes}");

    let again = gtfs::import(&pool, &shared_data(T2C)).await.unwrap();
    assert_eq!((again.status, again.written.inserted, again.unchanged()), (Status::Succeeded, 0, read), "{again}");
    // The same files in a folder are the same feed.
    let folder = unpacked(|_, text| text);
    let from_folder = gtfs::import(&pool, folder.path()).await.unwrap();
    assert_eq!((from_folder.written.inserted, from_folder.unchanged()), (0, read), "{from_folder}");
    assert_eq!(count(&pool, "SELECT count(*) FROM transit_feeds").await, 1);
    assert_eq!(trips_on(&pool, "2024-03-12").await, 2157);
    // A feed removed takes every row of its own with it.
    sqlx::query("DELETE FROM transit_feeds").execute(&pool).await.unwrap();
    for (file, stored) in table_counts(&pool).await {
        assert_eq!(stored, 0, "{file}");
    }
    assert_eq!(count(&pool, "SELECT count(*) FROM transit_stop_routes").await, 0);
}

#[sqlx::test]
async fn bad_rows_are_rejected_with_their_file_and_line_and_the_rest_is_kept(pool: PgPool) {
    let folder = unpacked(|name, text| match name {
        // Line 2 (the first row) gets a time that is not one, line 3 a trip that does not exist.
        "stop_times.txt" => {
            let mut lines: Vec<String> = text.lines().map(str::to_string).collect();
            lines[1] = lines[1].replacen(":00,", ":6x,", 1);
            lines[2] = format!("no-such-trip{}", &lines[2][lines[2].find(',').unwrap()..]);
            lines.join("\n")
        }
        "routes.txt" => format!("{text}\nR-bad,6192453782601729,,,,not-a-type,,,\n"),
        _ => text,
    });
    let report = gtfs::import(&pool, folder.path()).await.unwrap();
    assert_eq!(report.status, Status::Partial, "{report}");
    assert_eq!(report.rejected, 3, "{report}");
    let lines: Vec<String> = report.failures.iter().map(|f| format!("{}: {}", f.what, f.reason)).collect();
    assert!(lines.iter().any(|l| l.starts_with("stop_times.txt line 2: time")), "{lines:?}");
    assert!(lines.iter().any(|l| l.starts_with("stop_times.txt line 3: trip no-such-trip")), "{lines:?}");
    assert!(lines.iter().any(|l| l.starts_with("routes.txt line ")), "{lines:?}");
    assert_eq!(count(&pool, "SELECT count(*) FROM transit_stop_times").await, 201_176);
    assert_eq!(trips_on(&pool, "2024-03-12").await, 2157);
}

#[sqlx::test]
async fn a_feed_the_format_cannot_read_stores_nothing(pool: PgPool) {
    let folder = unpacked(|name, text| match name {
        "stop_times.txt" => text.replacen("stop_sequence", "sequence", 1),
        _ => text,
    });
    let report = gtfs::import(&pool, folder.path()).await.unwrap();
    assert_eq!(report.status, Status::Failed, "{report}");
    assert!(report.error.as_deref().is_some_and(|e| e.contains("stop_times.txt: no column stop_sequence")), "{report}");
    for (file, stored) in table_counts(&pool).await {
        assert_eq!(stored, 0, "{file}");
    }
    assert_eq!(count(&pool, "SELECT count(*) FROM transit_feeds").await, 0);

    let not_a_feed = tempfile::NamedTempFile::new().unwrap();
    std::fs::write(not_a_feed.path(), "route_id,route_type\n").unwrap();
    let report = gtfs::import(&pool, not_a_feed.path()).await.unwrap();
    assert_eq!(report.status, Status::Failed, "{report}");
    assert!(report.error.as_deref().is_some_and(|e| e.contains("neither a GTFS zip file nor a folder")), "{report}");
}

/// The feed as if republished from 1 April: its calendars start then (a service that ended
/// before runs on no day), its exceptions before are gone.
fn from_april(name: &str, text: String) -> String {
    let april = "20240401";
    let dated = |field: &str| field.chars().all(|c| c.is_ascii_digit());
    let lines = text.lines().map(|line| {
        let mut fields: Vec<String> = line.split(',').map(str::to_string).collect();
        match name {
            "calendar.txt" if dated(&fields[9]) && fields[9].as_str() < april => {
                (1..=7).for_each(|d| fields[d] = "0".into());
                (fields[8], fields[9]) = (april.into(), april.into());
            }
            "calendar.txt" if dated(&fields[8]) && fields[8].as_str() < april => fields[8] = april.into(),
            _ => {}
        }
        fields.join(",")
    });
    let kept = lines.filter(|line| name != "calendar_dates.txt" || line.split(',').nth(1).is_none_or(|d| !dated(d) || d >= april));
    kept.collect::<Vec<_>>().join("\n")
}

#[sqlx::test]
async fn a_newer_feed_takes_over_from_its_first_day_and_the_older_keeps_its_days_before(pool: PgPool) {
    let report = gtfs::import(&pool, &shared_data(T2C)).await.unwrap();
    assert_eq!(report.status, Status::Succeeded, "{report}");
    let before = (trips_on(&pool, "2024-03-12").await, trips_on(&pool, "2024-04-02").await);
    let newer = unpacked(from_april);
    let report = gtfs::import(&pool, newer.path()).await.unwrap();
    // Trips of services that only ran before April have no calendar left: rejected, the rest kept.
    assert!(report.status != Status::Failed && report.written.inserted > 0, "{report}");
    assert_eq!(count(&pool, "SELECT count(*) FROM transit_feeds").await, 2);
    // No day counted twice, each from the feed in force that day.
    assert_eq!((trips_on(&pool, "2024-03-12").await, trips_on(&pool, "2024-04-02").await), before);
    let feeds_in_april = count(
        &pool,
        "SELECT count(DISTINCT feed_id) FROM transit_service_days WHERE day >= '2024-04-01'",
    )
    .await;
    let newest = count(&pool, "SELECT max(id) FROM transit_feeds").await;
    let april_feed = count(&pool, "SELECT min(feed_id) FROM transit_service_days WHERE day >= '2024-04-01'").await;
    assert_eq!((feeds_in_april, april_feed), (1, newest));
    let march_feed = count(&pool, "SELECT max(feed_id) FROM transit_service_days WHERE day < '2024-04-01'").await;
    assert!(march_feed < newest, "the older feed keeps March");
}

/// A fact of a chunk by its label.
fn fact(facts: &serde_json::Value, label: &str) -> serde_json::Value {
    facts.as_array().unwrap().iter().find(|f| f["label"] == label).map(|f| f["value"].clone()).unwrap_or_default()
}

#[sqlx::test]
async fn the_timetable_chunks_state_each_kind_of_day_of_the_network_and_its_lines(pool: PgPool) {
    gtfs::import(&pool, &shared_data(T2C)).await.unwrap();
    let tera = smartcity::summarize::templates(None).unwrap();
    let days = (chrono::NaiveDate::from_ymd_opt(2024, 1, 16).unwrap(), chrono::NaiveDate::from_ymd_opt(2024, 7, 1).unwrap());
    smartcity::summarize::summarize(&pool, &tera, &smartcity::Settings::default().city, days, days.1).await.unwrap();
    let network: Vec<(String, Vec<String>, serde_json::Value)> =
        sqlx::query_as("SELECT lang, variables, facts FROM chunks WHERE kind = 'transit_network' ORDER BY lang, variables")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(network.len(), 6, "three kinds of day, in French and English");
    // The most common count of each kind of day is the one of ../shared/data/README.md's checks.
    for (lang, variables, facts) in &network {
        let expected = match variables[1].as_str() {
            "weekday" => 2157,
            "saturday" => 1581,
            _ => 535,
        };
        assert_eq!(fact(facts, "trips"), serde_json::json!(expected as f64), "{lang} {variables:?}");
    }
    // A line's typical Saturday: its trips that day, counted here from the stored timetable.
    let (facts,): (serde_json::Value,) = sqlx::query_as(
        "SELECT facts FROM chunks WHERE kind = 'transit_route' AND lang = 'en' AND variables = '{transit,saturday,A}'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let day: chrono::NaiveDate = fact(&facts, "typical day").as_str().unwrap().parse().unwrap();
    let trips: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM transit_trips t JOIN transit_routes r USING (feed_id, route_id)
         JOIN transit_service_days d ON d.feed_id = t.feed_id AND d.service_id = t.service_id
         WHERE r.short_name = 'A' AND d.day = $1",
    )
    .bind(day)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(fact(&facts, "trips"), serde_json::json!(trips as f64));
    assert_eq!(fact(&facts, "last departure"), serde_json::json!("25:24:00"), "after midnight, the service day's");
    let stops = count(&pool, "SELECT count(*) FROM chunks WHERE kind = 'transit_stop'").await;
    assert_eq!(stops, 2 * 3 * 15, "the 15 busiest stops, each kind of day, both languages");
}
