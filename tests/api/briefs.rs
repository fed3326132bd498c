//! A brief for March 2020: its figures against values computed here from the raw files, its page
//! with the charts, its CSV equal to the API's rows, stored and listed; bad requests are 400s.

use std::collections::{BTreeMap, BTreeSet};

use serde_json::Value;
use smartcity::summarize::numbers;
use sqlx::PgPool;

use crate::aggregates::{pm25_daily, synop_by_day};
use crate::answers::no_model_settings;
use crate::helpers::{TestApp, load_2020, shared_data, spawn_app_with};
use crate::transit_import::T2C;

async fn post_brief(app: &TestApp, body: Value) -> reqwest::Response {
    app.client.post(format!("{}/api/v1/briefs", app.address)).json(&body).send().await.unwrap()
}

fn fact(brief: &Value, label: &str) -> f64 {
    brief["facts"].as_array().unwrap().iter().find(|f| f["label"] == label).unwrap_or_else(|| panic!("no {label}"))["value"]
        .as_f64()
        .unwrap()
}

#[sqlx::test]
async fn a_month_brief_has_true_figures_charts_and_the_api_s_data(pool: PgPool) {
    load_2020(&pool, Some(("2020-02-01".parse().unwrap(), "2020-03-31".parse().unwrap()))).await;
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_with(pool.clone(), no_model_settings(dir.path())).await;
    let response = post_brief(
        &app,
        serde_json::json!({ "from": "2020-03-01", "to": "2020-03-31", "topics": ["air", "weather"], "lang": "en" }),
    )
    .await;
    assert_eq!(response.status(), 201);
    let brief: Value = response.json().await.unwrap();

    // The city's daily PM2.5 (mean of the two stations within 10 km), straight from the file.
    let (a, b) = (pm25_daily("FR07004"), pm25_daily("FR07034"));
    let march: Vec<f64> = a
        .keys()
        .chain(b.keys())
        .filter(|d| d.format("%Y-%m").to_string() == "2020-03")
        .collect::<BTreeSet<_>>()
        .into_iter()
        .map(|d| {
            let values: Vec<f64> = [a.get(d), b.get(d)].into_iter().flatten().copied().collect();
            values.iter().sum::<f64>() / values.len() as f64
        })
        .collect();
    let mean = march.iter().sum::<f64>() / march.len() as f64;
    assert!((fact(&brief, "city-wide mean") - mean).abs() < 1e-9);
    assert_eq!(
        fact(&brief, "days above the WHO daily guideline") as usize,
        march.iter().filter(|v| **v > 15.0).count()
    );

    let synop = synop_by_day();
    let days: Vec<&Vec<BTreeMap<String, Option<f64>>>> =
        synop.iter().filter(|(d, _)| d.starts_with("202003")).map(|(_, rows)| rows).collect();
    let rain: f64 = days
        .iter()
        .flat_map(|rows| rows.iter().filter_map(|r| r["rr3"]))
        .map(|mm| if mm == -0.1 { 0.0 } else { mm })
        .sum();
    assert!((fact(&brief, "rainfall") - rain).abs() < 1e-9);
    let daily_means: Vec<f64> = days
        .iter()
        .map(|rows| {
            let t: Vec<f64> = rows.iter().filter_map(|r| r["t"]).map(|k| k - 273.15).collect();
            t.iter().sum::<f64>() / t.len() as f64
        })
        .collect();
    let t_mean = daily_means.iter().sum::<f64>() / daily_means.len() as f64;
    assert!((fact(&brief, "mean temperature") - t_mean).abs() < 1e-9);

    let markdown = brief["markdown"].as_str().unwrap();
    let body = markdown.split("\n## Sources").next().unwrap();
    let allowed: Vec<String> =
        brief["facts"].as_array().unwrap().iter().flat_map(|f| numbers(f["display"].as_str().unwrap())).collect();
    let names = ["Clermont-Ferrand (Aulnat)", "Clermont-Esplanade Gare", "Montferrand", "Clermont-Ferrand"];
    let mut text: String = body.split('[').map(|part| part.split_once(']').map_or(part, |(_, rest)| rest)).collect();
    for name in names {
        text = text.replace(name, " ");
    }
    for number in numbers(&text) {
        assert!(allowed.contains(&number), "{number} is no fact in {body}");
    }
    for heading in [
        "# Fine particles (PM2.5) in Clermont-Ferrand in March 2020",
        "## Change",
        "## Pollution episodes",
        "## Pollution and weather",
        "## Caveats",
        "## Sources",
    ] {
        assert!(markdown.contains(heading), "{heading} missing: {markdown}");
    }
    assert!(markdown.contains("February 2020") && markdown.contains("A correlation is not a cause"));

    let html = app.get(brief["links"]["html"].as_str().unwrap()).await;
    assert_eq!(html.status(), 200);
    let html = html.text().await.unwrap();
    assert!(html.matches("<svg").count() >= 4, "the PM2.5 series, days above, scatter, temperature and rain charts");
    assert!(html.contains("class=\"guideline\"") && html.contains("<polyline") && html.contains("<circle"));
    assert!(html.contains("<h1>Fine particles (PM2.5) in Clermont-Ferrand in March 2020"));

    let csv = app.get(brief["links"]["csv"].as_str().unwrap()).await.text().await.unwrap();
    let mut lines = csv.lines();
    let header = lines.next().unwrap().to_string();
    let brief_lines: BTreeSet<String> = lines.map(String::from).collect();
    let pairs: BTreeSet<(String, String)> = brief_lines
        .iter()
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (f[0].to_string(), f[3].to_string())
        })
        .collect();
    assert!(pairs.iter().any(|p| p.1 == "pm25") && pairs.iter().any(|p| p.1 == "temperature"));
    let mut api_lines = BTreeSet::new();
    for (station, variable) in &pairs {
        let url =
            format!("/api/v1/daily?station_id={station}&variable={variable}&from=2020-03-01&to=2020-03-31&format=csv");
        let text = app.get(&url).await.text().await.unwrap();
        let mut lines = text.lines();
        assert_eq!(lines.next().unwrap(), header, "the same columns as the API");
        api_lines.extend(lines.map(String::from));
    }
    assert_eq!(brief_lines, api_lines);

    let listed: Value = app.get("/api/v1/briefs").await.json().await.unwrap();
    assert_eq!(listed["rows"][0]["id"], brief["id"]);
    let markdown_file = app.get(brief["links"]["markdown"].as_str().unwrap()).await;
    assert!(markdown_file.headers()["content-type"].to_str().unwrap().starts_with("text/markdown"));
    assert_eq!(markdown_file.text().await.unwrap(), markdown);

    let fr: Value = post_brief(&app, serde_json::json!({ "from": "2020-03-01", "to": "2020-03-31", "lang": "fr" }))
        .await
        .json()
        .await
        .unwrap();
    assert!(fr["headline"].as_str().unwrap().contains("mars 2020"), "{}", fr["headline"]);
    let values = |b: &Value| {
        b["facts"]
            .as_array()
            .unwrap()
            .iter()
            .map(|f| (f["label"].to_string(), f["value"].to_string()))
            .collect::<Vec<_>>()
    };
    assert_eq!(values(&fr), values(&brief), "the same facts in French");
    app.shutdown().await;
}

#[sqlx::test]
async fn bad_brief_requests_are_clear_400s(pool: PgPool) {
    load_2020(&pool, Some(("2020-01-01".parse().unwrap(), "2020-01-31".parse().unwrap()))).await;
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_with(pool, no_model_settings(dir.path())).await;
    for (body, expected) in [
        (serde_json::json!({ "to": "2020-01-31" }), "from is required"),
        (serde_json::json!({ "from": "2020-01-31", "to": "yesterday" }), "not a date"),
        (serde_json::json!({ "from": "2020-02-01", "to": "2020-01-01" }), "is after"),
        (serde_json::json!({ "from": "2019-01-01", "to": "2020-06-01" }), "at most 366 days"),
        (
            serde_json::json!({ "from": "2020-01-01", "to": "2020-01-31", "topics": ["traffic"] }),
            "not one of air, weather",
        ),
        (serde_json::json!({ "from": "2020-01-01", "to": "2020-01-31", "lang": "de" }), "use fr or en"),
        (serde_json::json!({ "from": "2019-01-01", "to": "2019-01-31" }), "There is no data"),
    ] {
        let response = post_brief(&app, body.clone()).await;
        assert_eq!(response.status(), 400, "{body}");
        let problem: Value = response.json().await.unwrap();
        assert!(problem["detail"].as_str().unwrap().contains(expected), "{body}: {problem}");
    }
    assert_eq!(app.get("/briefs/00000000-0000-0000-0000-000000000000").await.status(), 404);
    assert_eq!(app.get("/api/v1/briefs/not-an-id").await.status(), 400);
    app.shutdown().await;
}

fn facts_of(brief: &Value, label: &str) -> Vec<f64> {
    brief["facts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["label"] == label)
        .map(|f| f["value"].as_f64().unwrap())
        .collect()
}

/// A mobility brief: a typical day of each kind against the checks of ../shared/data/README.md, the
/// most frequent lines, 1 May 2024 without service, the days past the timetable's end said, every
/// citation's rows there.
#[sqlx::test]
async fn a_mobility_brief_says_the_timetable_s_typical_days_and_its_days_without_service(pool: PgPool) {
    smartcity::ingest::gtfs::import(&pool, &shared_data(T2C)).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_with(pool, no_model_settings(dir.path())).await;
    let body = serde_json::json!({ "from": "2024-03-01", "to": "2024-03-31", "topics": ["mobility"], "lang": "en" });
    let response = post_brief(&app, body).await;
    assert_eq!(response.status(), 201);
    let brief: Value = response.json().await.unwrap();
    assert_eq!(facts_of(&brief, "trips on a typical day"), [2157.0, 1581.0, 535.0], "weekday, Saturday, Sunday");
    assert_eq!(facts_of(&brief, "days of the kind the timetable covers"), [21.0, 5.0, 5.0]);
    let lines = facts_of(&brief, "trips of the line on the typical weekday");
    assert!(lines.len() == 3 && lines.windows(2).all(|w| w[0] >= w[1]), "{lines:?}");
    let markdown = brief["markdown"].as_str().unwrap();
    assert!(markdown.starts_with("# Public transport in Clermont-Ferrand"), "{markdown}");
    assert!(markdown.contains("- Days without service: none"), "{markdown}");
    assert!(markdown.contains("Every day of the period has complete data."), "{markdown}");
    for citation in brief["citations"].as_array().unwrap() {
        let url = citation["url"].as_str().unwrap();
        assert!(url.starts_with("/api/v1/transit/"), "{url}");
        assert_eq!(app.get(url).await.status(), 200, "{url}");
    }

    let body = serde_json::json!({ "from": "2024-04-15", "to": "2024-07-15", "topics": ["mobility"], "lang": "fr" });
    let brief: Value = post_brief(&app, body).await.json().await.unwrap();
    let markdown = brief["markdown"].as_str().unwrap();
    assert!(markdown.contains("- Jours sans service : 1er mai 2024"), "{markdown}");
    assert!(markdown.contains("- Horaire (GTFS) : 15 jours sans données"), "1 to 15 July: {markdown}");
    assert!(markdown.contains("L'horaire couvre la période du 15 avril 2024 au 30 juin 2024"), "{markdown}");

    let body = serde_json::json!({ "from": "2030-01-01", "to": "2030-01-31", "topics": ["mobility"] });
    let response = post_brief(&app, body).await;
    assert_eq!(response.status(), 400);
    let problem: Value = response.json().await.unwrap();
    assert!(problem["detail"].as_str().unwrap().contains("/api/v1/transit/days"), "{problem}");
    app.shutdown().await;
}
