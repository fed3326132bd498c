//! The timetable's analyst API against the checks of ../shared/data/README.md: a stop's departures
//! (past midnight, paged by keyset, as CSV with its next page linked), a day's trips, the days the
//! timetable covers (a holiday without service), the lines' paths, the stops of a line, and its
//! errors.

use serde_json::Value;
use smartcity::ingest::gtfs;
use sqlx::PgPool;

use crate::answers::no_model_settings;
use crate::helpers::{TestApp, shared_data, spawn_app_with};
use crate::transit_import::T2C;

async fn json(app: &TestApp, path: &str) -> Value {
    let response = app.get(path).await;
    assert_eq!(response.status(), 200, "{path}");
    response.json().await.unwrap()
}

/// Every row of every page, following `next_url` from `path`.
async fn all_pages(app: &TestApp, path: &str) -> Vec<Value> {
    let (mut rows, mut path) = (Vec::new(), Some(path.to_string()));
    while let Some(p) = path {
        let page = json(app, &p).await;
        rows.extend(page["rows"].as_array().unwrap().iter().cloned());
        path = page["next_url"].as_str().map(str::to_string);
    }
    rows
}

#[sqlx::test]
async fn the_timetable_rows_answer_the_data_readme_s_checks(pool: PgPool) {
    gtfs::import(&pool, &shared_data(T2C)).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_with(pool, no_model_settings(dir.path())).await;

    // Tram A leaves Jaude 217 times on Saturday 16 March 2024, first 04:39, last "24:59:00".
    let whole = all_pages(&app, "/api/v1/transit/departures?date=2024-03-16&stop=Jaude&route=A").await;
    let leaving: Vec<&Value> = whole.iter().filter(|r| r["last_stop"] == false).collect();
    assert_eq!(leaving.len(), 217);
    assert_eq!(leaving[0]["clock"], "04:39");
    let last = leaving.last().unwrap();
    assert_eq!((last["time"].as_str(), last["clock"].as_str()), (Some("24:59:00"), Some("00:59")));
    let paged = all_pages(&app, "/api/v1/transit/departures?date=2024-03-16&stop=Jaude&route=A&limit=40").await;
    assert_eq!(paged, whole, "pages of 40 rows are the whole list, in order, each row once");
    let csv = app.get("/api/v1/transit/departures?date=2024-03-16&stop=Jaude&route=A&limit=40&format=csv").await;
    let link = csv.headers()["link"].to_str().unwrap().to_string();
    assert!(link.contains("after=") && link.contains("format=csv") && link.ends_with("rel=\"next\""), "{link}");
    assert_eq!(csv.text().await.unwrap().lines().count(), 41, "a header and 40 rows");

    // The trips of Tuesday 12 March 2024, and the days around 1 May 2024 (a holiday without trips).
    assert_eq!(all_pages(&app, "/api/v1/transit/trips?date=2024-03-12").await.len(), 2157);
    let days = json(&app, "/api/v1/transit/days?from=2024-04-30&to=2024-05-02").await;
    let said: Vec<(String, String, i64)> = days["rows"]
        .as_array()
        .unwrap()
        .iter()
        .map(|d| {
            (
                d["service_day"].as_str().unwrap().into(),
                d["day_kind"].as_str().unwrap().into(),
                d["trips"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(said[1], ("2024-05-01".into(), "weekday".into(), 0));
    assert_eq!(said.len(), 3);
    assert!(said[0].2 > 0 && said[2].2 > 0, "{said:?}");
    let saturday = json(&app, "/api/v1/transit/days?from=2024-03-16&to=2024-03-17").await;
    let trips: Vec<i64> = saturday["rows"].as_array().unwrap().iter().map(|d| d["trips"].as_i64().unwrap()).collect();
    assert_eq!(trips, [1581, 535]);
    let outside = json(&app, "/api/v1/transit/days?from=2030-01-01&to=2030-12-31").await;
    assert_eq!(outside["rows"], serde_json::json!([]), "a day the timetable does not cover is no row");
    let a_only = json(&app, "/api/v1/transit/days?from=2024-03-16&to=2024-03-16&route=A").await;
    assert_eq!(a_only["rows"][0]["lines"], 1);

    // Tram A's paths, in its colour and point order; the stops it calls at.
    let shapes = json(&app, "/api/v1/transit/shapes?route=A").await;
    let points = shapes["rows"].as_array().unwrap();
    assert!(points.len() > 50 && points.iter().all(|p| p["route"] == "A" && p["color"] == "ad2624"));
    assert!(
        points.windows(2).all(|w| w[0]["shape_id"] != w[1]["shape_id"] || w[0]["seq"].as_i64() < w[1]["seq"].as_i64())
    );
    let stops = json(&app, "/api/v1/transit/stops?route=A").await;
    let stops = stops["rows"].as_array().unwrap();
    assert!(stops.iter().any(|s| s["name"] == "Jaude"));
    assert!(stops.iter().all(|s| s["lines"].as_array().unwrap().contains(&Value::from("A"))));
    let csv = app.get("/api/v1/transit/stops?route=A&format=csv").await;
    assert_eq!(csv.status(), 200);
    let csv = csv.text().await.unwrap();
    let rows: Vec<std::collections::BTreeMap<String, String>> =
        csv::Reader::from_reader(csv.as_bytes()).deserialize().map(|r| r.unwrap()).collect();
    assert_eq!(rows.len(), stops.len());
    assert!(rows.iter().all(|r| r["lines"].split(' ').any(|line| line == "A")), "{csv}");

    for (path, status) in [
        ("/api/v1/transit/departures?stop=Jaude", 400),
        ("/api/v1/transit/departures?date=2024-03-16&from=25", 400),
        ("/api/v1/transit/departures?date=2024-03-16&stop=Nowhere", 404),
        ("/api/v1/transit/departures?date=2024-03-16&after=garbage", 400),
        ("/api/v1/transit/days?from=2024-05-02&to=2024-05-01", 400),
        ("/api/v1/transit/days?from=-5000-01-01", 400),
        ("/api/v1/transit/departures?date=-5000-01-01", 400),
        ("/api/v1/transit/days?route=ZZ", 404),
        ("/api/v1/transit/shapes?route=ZZ", 404),
        ("/api/v1/transit/shapes?format=xml", 400),
        ("/api/v1/transit/stops?route=A,B", 400),
    ] {
        assert_eq!(app.get(path).await.status(), status, "{path}");
    }
    app.shutdown().await;
}
