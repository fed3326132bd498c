//! The analyst API: keyset pages that walk every row once, CSV equal to JSON, clear 400s, API keys
//! with scopes, rate limits with Retry-After, and an OpenAPI document listing every route.

use std::collections::HashSet;

use serde_json::Value;
use smartcity::apikeys;
use sqlx::PgPool;

use crate::answers::no_model_settings;
use crate::helpers::{TestApp, data_dir, database_url, load_2020, smartcity_command, spawn_app_with};

async fn get_json(app: &TestApp, url: &str) -> Value {
    let response = app.get(url).await;
    assert_eq!(response.status(), 200, "{url}");
    response.json().await.unwrap()
}

/// Every row of a paged endpoint, following `next_url`.
async fn walk(app: &TestApp, first: &str) -> (Vec<Value>, usize) {
    let (mut rows, mut pages, mut url) = (Vec::new(), 0, Some(first.to_string()));
    while let Some(next) = url {
        let page = get_json(app, &next).await;
        rows.extend(page["rows"].as_array().unwrap().iter().cloned());
        url = page["next_url"].as_str().map(String::from);
        pages += 1;
        assert!(pages < 1000, "pages never end");
    }
    (rows, pages)
}

fn parse_csv(text: &str) -> Vec<std::collections::HashMap<String, String>> {
    let mut reader = csv::Reader::from_reader(text.as_bytes());
    let headers = reader.headers().unwrap().clone();
    reader
        .records()
        .map(|r| headers.iter().zip(r.unwrap().iter()).map(|(h, v)| (h.to_string(), v.to_string())).collect())
        .collect()
}

#[sqlx::test]
async fn pages_walk_every_row_once_and_csv_says_what_json_says(pool: PgPool) {
    load_2020(&pool, Some(crate::helpers::january_2020())).await;
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_with(pool.clone(), no_model_settings(dir.path())).await;

    let total: i64 = sqlx::query_scalar("SELECT count(*) FROM measurements").fetch_one(&pool).await.unwrap();
    let (rows, pages) = walk(&app, "/api/v1/measurements?limit=100").await;
    assert_eq!(rows.len() as i64, total);
    assert!(pages > 10);
    let keys: HashSet<String> = rows.iter().map(|r| format!("{}|{}", r["sensor_id"], r["period_start"])).collect();
    assert_eq!(keys.len(), rows.len(), "no row twice");

    let daily: i64 = sqlx::query_scalar("SELECT count(*) FROM daily_aggregates WHERE variable = 'pm25'")
        .fetch_one(&pool)
        .await
        .unwrap();
    let (rows, _) = walk(&app, "/api/v1/daily?variable=pm25&limit=250").await;
    assert_eq!(rows.len() as i64, daily);
    assert!(rows.iter().all(|r| r["variable"] == "pm25"));

    let stations = get_json(&app, "/api/v1/stations").await;
    let montferrand = stations["rows"].as_array().unwrap().iter().find(|s| s["code"] == "FR07004").unwrap().clone();
    assert_eq!(montferrand["variables"], serde_json::json!(["pm25"]));
    let id = montferrand["id"].as_i64().unwrap();

    for path in [
        format!("/api/v1/measurements?station_id={id}&from=2020-03-01&to=2020-03-31"),
        format!("/api/v1/daily?station_id={id}&from=2020-03-01&to=2020-03-31"),
        "/api/v1/daily?variable=temperature&from=2020-02-01&to=2020-02-10".to_string(),
        "/api/v1/stations?".to_string(),
    ] {
        let json = get_json(&app, &path).await;
        let response = app.get(&format!("{path}&format=csv")).await;
        assert_eq!(response.status(), 200);
        assert!(response.headers()["content-type"].to_str().unwrap().starts_with("text/csv"));
        let csv = parse_csv(&response.text().await.unwrap());
        let rows = json["rows"].as_array().unwrap();
        assert_eq!(csv.len(), rows.len(), "{path}");
        assert!(!rows.is_empty(), "{path}");
        for (line, row) in csv.iter().zip(rows) {
            for (key, value) in row.as_object().unwrap() {
                let expected = match value {
                    Value::String(s) => s.clone(),
                    Value::Null => String::new(),
                    Value::Array(items) => {
                        items.iter().map(|i| i.as_str().unwrap_or_default()).collect::<Vec<_>>().join(" ")
                    }
                    Value::Number(n) if line[key].parse::<f64>().is_ok() => {
                        // serde_json parses floats to within one ulp; the CSV writes the exact value.
                        let (csv, json) = (line[key].parse::<f64>().unwrap(), n.as_f64().unwrap());
                        assert!((csv - json).abs() <= 1e-12 * json.abs().max(1.0), "{path} {key}: {csv} vs {json}");
                        continue;
                    }
                    other => other.to_string(),
                };
                assert_eq!(line[key], expected, "{path} {key}");
            }
        }
    }
    let csv_page = app.get("/api/v1/measurements?limit=10&format=csv").await;
    assert!(csv_page.headers()["link"].to_str().unwrap().contains("rel=\"next\""));

    for (path, expected) in [
        ("/api/v1/measurements?from=2020-13-01", "not a date"),
        ("/api/v1/measurements?station_id=999999", "There is no station 999999"),
        ("/api/v1/measurements?station_id=abc", "not a station id"),
        ("/api/v1/measurements?variable=radon", "Unknown variable \"radon\""),
        ("/api/v1/measurements?format=xml", "use json or csv"),
        ("/api/v1/measurements?limit=0", "from 1 to 10000"),
        ("/api/v1/measurements?after=yesterday", "not a cursor"),
        ("/api/v1/daily?from=2020-02-01&to=2020-01-01", "is after"),
        ("/api/v1/daily?scope=town", "use scope=city"),
    ] {
        let response = app.get(path).await;
        assert_eq!(response.status(), 400, "{path}");
        let problem: Value = response.json().await.unwrap();
        assert!(problem["detail"].as_str().unwrap().contains(expected), "{path}: {problem}");
    }
    app.shutdown().await;
}

#[sqlx::test]
async fn keys_raise_the_rate_limit_and_guard_the_admin_endpoints(pool: PgPool) {
    let dir = tempfile::tempdir().unwrap();
    let mut settings = no_model_settings(dir.path());
    settings.api.public_per_minute = 3;
    settings.api.key_per_minute = 1000;
    let app = spawn_app_with(pool.clone(), settings).await;
    let (_, read) = apikeys::create(&pool, "analyst", &["read".into()]).await.unwrap();
    let (_, admin) = apikeys::create(&pool, "operator", &["admin".into()]).await.unwrap();
    let with_key = |key: &str, path: &str| app.client.get(format!("{}{path}", app.address)).bearer_auth(key).send();

    for _ in 0..3 {
        assert_eq!(app.get("/api/v1/stations").await.status(), 200);
    }
    let limited = app.get("/api/v1/stations").await;
    assert_eq!(limited.status(), 429);
    let retry_after: u64 = limited.headers()["retry-after"].to_str().unwrap().parse().unwrap();
    assert!((1..=60).contains(&retry_after));
    let problem: Value = limited.json().await.unwrap();
    assert!(problem["detail"].as_str().unwrap().contains("Too many requests"));
    assert_eq!(app.get("/healthz").await.status(), 200, "health checks are not rate limited");
    for _ in 0..10 {
        assert_eq!(with_key(&read, "/api/v1/stations").await.unwrap().status(), 200, "a key raises the limit");
    }
    let header_key =
        app.client.get(format!("{}/api/v1/stations", app.address)).header("x-api-key", &read).send().await.unwrap();
    assert_eq!(header_key.status(), 200);
    assert_eq!(with_key("sc_not-a-key", "/api/v1/stations").await.unwrap().status(), 401);

    assert_eq!(
        app.client.get(format!("{}/api/v1/admin/runs", app.address)).bearer_auth(&read).send().await.unwrap().status(),
        403
    );
    let anonymous = app.client.get(format!("{}/api/v1/admin/runs", app.address)).send().await.unwrap();
    assert!(matches!(anonymous.status().as_u16(), 401 | 429));
    let runs = with_key(&admin, "/api/v1/admin/runs").await.unwrap();
    assert_eq!(runs.status(), 200);
    let refresh = app
        .client
        .post(format!("{}/api/v1/admin/refresh", app.address))
        .bearer_auth(&admin)
        .json(&serde_json::json!({ "from": "2020-01-02", "to": "2020-01-01" }))
        .send()
        .await
        .unwrap();
    assert_eq!(refresh.status(), 400, "a bad range is refused before anything starts");
    let refresh = app
        .client
        .post(format!("{}/api/v1/admin/refresh", app.address))
        .bearer_auth(&admin)
        .json(&serde_json::json!({}))
        .send()
        .await
        .unwrap();
    assert_eq!(refresh.status(), 202);

    // Its last use is kept to the minute: written by the first request, not by each one after it.
    let used = || {
        sqlx::query_as::<_, (Option<chrono::DateTime<chrono::Utc>>, i64)>(
            "SELECT last_used_at, xmin::text::bigint FROM api_keys WHERE name = 'analyst'",
        )
        .fetch_one(&pool)
    };
    let (first, version) = used().await.unwrap();
    assert!(first.is_some(), "a used key has a last use");
    assert_eq!(with_key(&read, "/api/v1/stations").await.unwrap().status(), 200);
    assert_eq!(used().await.unwrap(), (first, version), "no write within the minute");
    sqlx::query("UPDATE api_keys SET last_used_at = now() - interval '2 minutes' WHERE name = 'analyst'")
        .execute(&pool)
        .await
        .unwrap();
    assert_eq!(with_key(&read, "/api/v1/stations").await.unwrap().status(), 200);
    assert!(used().await.unwrap().0 > first, "a minute on, the use is written again");

    let id: i64 = sqlx::query_scalar("SELECT id FROM api_keys WHERE name = 'analyst'").fetch_one(&pool).await.unwrap();
    assert!(apikeys::revoke(&pool, id).await.unwrap());
    assert_eq!(with_key(&read, "/api/v1/stations").await.unwrap().status(), 401, "a revoked key is refused");
    let stored: Vec<Vec<u8>> = sqlx::query_scalar("SELECT key_sha256 FROM api_keys").fetch_all(&pool).await.unwrap();
    assert!(stored.iter().all(|hash| hash.len() == 32 && !String::from_utf8_lossy(hash).contains(&read[3..])));
    app.shutdown().await;
}

#[sqlx::test]
async fn the_apikey_command_creates_lists_and_revokes(pool: PgPool) {
    let dir = data_dir();
    let url = database_url(&pool).await;
    let run = |args: &[&str]| smartcity_command(dir.path()).args(args).env("DATABASE_URL", &url).output().unwrap();
    let created = run(&["apikey", "create", "--name", "newsroom", "--scope", "read"]);
    assert!(created.status.success(), "{}", String::from_utf8_lossy(&created.stderr));
    let key = String::from_utf8(created.stdout).unwrap().trim().to_string();
    assert!(key.starts_with("sc_") && key.len() > 30, "{key}");
    let listed = String::from_utf8(run(&["apikey", "list"]).stdout).unwrap();
    assert!(listed.contains("newsroom") && listed.contains(&key[..9]) && !listed.contains(&key), "{listed}");
    assert!(run(&["apikey", "revoke", "1"]).status.success());
    let again = run(&["apikey", "revoke", "1"]);
    assert!(!again.status.success() && String::from_utf8_lossy(&again.stderr).contains("no active key 1"));
    let bad = run(&["apikey", "create", "--name", "x", "--scope", "root"]);
    assert!(String::from_utf8_lossy(&bad.stderr).contains("unknown scope \"root\""));
}

#[sqlx::test]
async fn the_openapi_document_validates_and_lists_every_route(pool: PgPool) {
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_with(pool, no_model_settings(dir.path())).await;
    let document = get_json(&app, "/api/v1/openapi.json").await;
    assert!(document["openapi"].as_str().unwrap().starts_with("3.1"));
    assert!(document["info"]["title"].is_string() && document["info"]["version"].is_string());
    let paths = document["paths"].as_object().unwrap();
    let expected = [
        ("/healthz", "get"),
        ("/readyz", "get"),
        ("/api/v1/openapi.json", "get"),
        ("/api/v1/search", "get"),
        ("/api/v1/ask", "post"),
        ("/api/v1/chat", "post"),
        ("/api/v1/citations/{id}", "get"),
        ("/api/v1/thresholds", "get"),
        ("/api/v1/correlations", "get"),
        ("/api/v1/stations", "get"),
        ("/api/v1/measurements", "get"),
        ("/api/v1/daily", "get"),
        ("/api/v1/briefs", "post"),
        ("/api/v1/briefs", "get"),
        ("/api/v1/briefs/{id}", "get"),
        ("/api/v1/briefs/{id}/markdown", "get"),
        ("/api/v1/briefs/{id}/data.csv", "get"),
        ("/api/v1/admin/ingest", "post"),
        ("/api/v1/admin/refresh", "post"),
        ("/api/v1/admin/runs", "get"),
    ];
    for (path, method) in expected {
        assert!(paths.get(path).and_then(|p| p.get(method)).is_some(), "{method} {path} is not described");
    }
    let schemas = document["components"]["schemas"].as_object().cloned().unwrap_or_default();
    for (path, item) in paths {
        assert!(path.starts_with('/'));
        for (method, operation) in item.as_object().unwrap() {
            let responses = operation["responses"].as_object().unwrap();
            assert!(!responses.is_empty(), "{method} {path}");
            for parameter in path.split('/').filter(|p| p.starts_with('{')) {
                let name = parameter.trim_matches(|c| c == '{' || c == '}');
                let declared = operation["parameters"]
                    .as_array()
                    .into_iter()
                    .flatten()
                    .any(|p| p["name"] == name && p["in"] == "path");
                assert!(declared, "{method} {path}: path parameter {name} undeclared");
            }
            // Every error the service can give is declared, as a problem document.
            let mut errors = vec!["503"];
            if path.starts_with("/api/v1/") && path != "/api/v1/openapi.json" {
                errors.extend(["401", "429"]);
            }
            if operation.get("parameters").is_some() || operation.get("requestBody").is_some() {
                errors.push("400");
            }
            if operation.get("requestBody").is_some() {
                errors.push("413");
            }
            if path.contains('{') {
                errors.push("404");
            }
            for status in errors.into_iter().filter(|_| !["/healthz", "/api/v1/openapi.json"].contains(&path.as_str())) {
                let schema = &responses.get(status).unwrap_or_else(|| panic!("{method} {path}: no {status}"))["content"]
                    ["application/problem+json"]["schema"];
                assert_eq!(schema["$ref"], "#/components/schemas/Problem", "{method} {path} {status}");
            }
            // Every reference resolves.
            let text = operation.to_string();
            for reference in text.split("\"#/components/schemas/").skip(1) {
                let name = reference.split('"').next().unwrap();
                assert!(schemas.contains_key(name), "{method} {path}: {name} is not in components");
            }
            // And the route exists: its method answers something else than 404/405.
            let url = format!("{}{}", app.address, path.replace("{id}", "1"));
            let response = match method.as_str() {
                "get" => app.client.get(&url).send().await.unwrap(),
                _ => app.client.post(&url).json(&serde_json::json!({})).send().await.unwrap(),
            };
            assert!(
                ![404, 405].contains(&response.status().as_u16()) || path.contains("{id}"),
                "{method} {path}: {}",
                response.status()
            );
        }
    }
    // Lists are objects: their rows, and the next page where there is one.
    for path in ["/api/v1/stations", "/api/v1/measurements", "/api/v1/daily", "/api/v1/thresholds"] {
        let schema = &paths[path]["get"]["responses"]["200"]["content"]["application/json"]["schema"];
        let text = schema.to_string();
        assert!(text.contains("\"rows\"") || text.contains("#/components/schemas/"), "{path}: {schema}");
        assert!(!schema["type"].as_str().is_some_and(|t| t == "array"), "{path}: {schema}");
        let body = get_json(&app, path).await;
        assert!(body["rows"].is_array(), "{path}: {body}");
    }
    let limit = paths["/api/v1/measurements"]["get"]["parameters"]
        .as_array()
        .unwrap()
        .iter()
        .find(|p| p["name"] == "limit")
        .unwrap()["schema"]
        .clone();
    assert_eq!((limit["minimum"].as_i64(), limit["maximum"].as_i64()), (Some(1), Some(10_000)), "{limit}");
    let docs = app.get("/docs").await;
    assert_eq!(docs.status(), 200);
    let html = docs.text().await.unwrap();
    for (path, _) in expected {
        assert!(html.contains(path), "{path} missing from /docs");
    }
    app.shutdown().await;
}

#[sqlx::test]
async fn housing_sales_page_by_keyset_and_the_stats_are_their_medians(pool: PgPool) {
    smartcity::ingest::dvf::import(&pool, &crate::helpers::shared_data("clermont/dvf_63113_2021-2024.csv")).await.unwrap();
    smartcity::ingest::dvf::import(&pool, &crate::helpers::shared_data("other-cities/geodvf_2024_dep01_head.csv"))
        .await
        .unwrap();
    smartcity::aggregate::sale_stats(&pool).await.unwrap();
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_with(pool.clone(), no_model_settings(dir.path())).await;

    let (rows, pages) = walk(&app, "/api/v1/housing/sales?commune=63113&dwelling=house&from=2023-01-01&to=2023-12-31&limit=50").await;
    assert!(pages > 5);
    let ids: HashSet<i64> = rows.iter().map(|r| r["id"].as_i64().unwrap()).collect();
    assert_eq!(ids.len(), rows.len(), "no sale twice");
    assert!(rows.iter().all(|r| r["dwelling"] == "house" && r["sold_on"].as_str().unwrap().starts_with("2023")));
    // The stats' count and median are those of the sales the API returns.
    let stats = get_json(&app, "/api/v1/housing/stats?commune=63113&dwelling=house&period=year&from=2023-01-01&to=2023-01-01").await;
    let stat = &stats["rows"][0];
    assert_eq!(stat["sales"].as_u64().unwrap() as usize, rows.len());
    let mut prices: Vec<f64> = rows.iter().map(|r| r["eur_per_m2"].as_f64().unwrap()).collect();
    prices.sort_by(f64::total_cmp);
    let n = prices.len();
    let median = if n % 2 == 1 { prices[n / 2] } else { (prices[n / 2 - 1] + prices[n / 2]) / 2.0 };
    assert!((stat["eur_per_m2_median"].as_f64().unwrap() - median).abs() < 1e-6);

    let csv = app.get("/api/v1/housing/sales?commune=63113&rooms=5%2B&priced=true&format=csv&limit=10000").await.text().await.unwrap();
    let lines = parse_csv(&csv);
    assert!(!lines.is_empty() && lines.iter().all(|l| l["rooms"].parse::<i32>().unwrap() >= 5 && l["in_price_statistics"] == "true"));
    // Land-only sales are there, not priced.
    let gex = get_json(&app, "/api/v1/housing/sales?commune=01076").await;
    assert_eq!(gex["rows"][0]["in_price_statistics"], false, "{gex}");
    assert!(gex["rows"][0]["eur_per_m2"].is_null());

    for (url, says) in [
        ("/api/v1/housing/sales?commune=75056", "communes with sales: 63113 Clermont-Ferrand (9925 sales)"),
        ("/api/v1/housing/sales?dwelling=castle", "dwelling \"castle\" is not one of flat, house"),
        ("/api/v1/housing/sales?after=yesterday", "is not a cursor from a previous page"),
        ("/api/v1/housing/stats?period=week", "period \"week\" is not one of year, quarter, month"),
        ("/api/v1/housing/stats?from=2024-01-01&to=2023-01-01", "is after to"),
    ] {
        let response = app.get(url).await;
        assert_eq!(response.status(), 400, "{url}");
        let body: Value = response.json().await.unwrap();
        assert!(body["detail"].as_str().unwrap().contains(says), "{url}: {body}");
    }
}
