//! Housing through the API: questions in both languages get the medians of the sales, computed
//! here from the file, each cited to a URL that returns the sales behind it; a commune, a year or a
//! kind of property that is not there gets no figure; a housing brief and the home page's panel.

use serde_json::Value;
use sqlx::PgPool;

use crate::answers::no_model_settings;
use crate::helpers::{TestApp, shared_data, spawn_app_with};
use crate::housing_import::{CLERMONT, csv_rows, percentile};

const AS_OF: &str = "2025-06-30";

/// The €/m² of the file's sales of `dwelling` (None: both) sold in `year`, sorted.
fn prices(dwelling: Option<&str>, year: &str) -> Vec<f64> {
    let mut values: Vec<f64> = csv_rows(CLERMONT)
        .iter()
        .filter(|r| r["date_mutation"].starts_with(year))
        .filter(|r| dwelling.is_none_or(|d| r["type_local"] == d))
        .map(|r| r["valeur_fonciere"].parse::<f64>().unwrap() / r["surface_reelle_bati"].parse::<f64>().unwrap())
        .collect();
    values.sort_by(f64::total_cmp);
    values
}

async fn imported(pool: &PgPool) {
    smartcity::ingest::dvf::import(pool, &shared_data(CLERMONT)).await.unwrap();
    smartcity::aggregate::sale_stats(pool).await.unwrap();
}

async fn ask(app: &TestApp, question: &str) -> Value {
    let body = serde_json::json!({ "question": question, "as_of": AS_OF });
    let response = app.client.post(format!("{}/api/v1/ask", app.address)).json(&body).send().await.unwrap();
    assert_eq!(response.status(), 200, "{question}");
    response.json().await.unwrap()
}

fn facts<'a>(answer: &'a Value, label: &str) -> Vec<&'a Value> {
    answer["facts"].as_array().unwrap().iter().filter(|f| f["label"] == label).collect()
}

fn close(a: f64, b: f64) -> bool {
    (a - b).abs() < 1e-6
}

/// Every sale the URL returns, page after page.
async fn sales(app: &TestApp, url: &str) -> Vec<Value> {
    let mut rows = Vec::new();
    let mut next = Some(url.to_string());
    while let Some(url) = next {
        let page: Value = app.client.get(format!("{}{url}", app.address)).send().await.unwrap().json().await.unwrap();
        rows.extend(page["rows"].as_array().unwrap().iter().cloned());
        next = page["next_url"].as_str().map(str::to_string);
    }
    rows
}

#[sqlx::test]
async fn housing_questions_get_the_medians_of_the_sales_cited_to_them_in_both_languages(pool: PgPool) {
    imported(&pool).await;
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_with(pool.clone(), no_model_settings(dir.path())).await;

    let answer = ask(&app, "What was the median price per m² of flats in Clermont-Ferrand in 2023?").await;
    assert_eq!((answer["status"].as_str(), answer["lang"].as_str()), (Some("answered"), Some("en")), "{answer}");
    let flats_2023 = prices(Some("Appartement"), "2023");
    let median = facts(&answer, "median price per m²")[0];
    assert!(close(median["value"].as_f64().unwrap(), percentile(&flats_2023, 0.5)), "{answer}");
    assert!(answer["answer"].as_str().unwrap().contains(median["display"].as_str().unwrap()));
    // The citation's URL returns exactly the sales behind the median.
    let citation = &answer["citations"][median["citation"].as_u64().unwrap() as usize - 1];
    let url = citation["url"].as_str().unwrap();
    assert!(url.starts_with("/api/v1/housing/sales?commune=63113&dwelling=flat"), "{url}");
    let cited = sales(&app, url).await;
    assert_eq!(cited.len(), flats_2023.len());
    let mut cited: Vec<f64> = cited.iter().map(|s| s["eur_per_m2"].as_f64().unwrap()).collect();
    cited.sort_by(f64::total_cmp);
    assert!(close(percentile(&cited, 0.5), median["value"].as_f64().unwrap()));

    // No period: the latest full year, said; in French.
    let answer = ask(&app, "Combien coûte le m² d'une maison à Clermont-Ferrand ?").await;
    assert_eq!((answer["status"].as_str(), answer["lang"].as_str()), (Some("answered"), Some("fr")), "{answer}");
    let median = facts(&answer, "median price per m²")[0]["value"].as_f64().unwrap();
    assert!(close(median, percentile(&prices(Some("Maison"), "2024"), 0.5)), "{answer}");
    assert!(facts(&answer, "year").iter().any(|f| f["value"] == "2024-01-01"), "{answer}");
    assert!(answer["answer"].as_str().unwrap().contains("dernière année complète"), "{answer}");

    // Two years compared, with the change between their medians.
    let answer = ask(&app, "prix m2 appart 2022 vs 2023").await;
    let medians: Vec<f64> =
        facts(&answer, "median price per m²").iter().map(|f| f["value"].as_f64().unwrap()).collect();
    let (a, b) = (percentile(&prices(Some("Appartement"), "2022"), 0.5), percentile(&flats_2023, 0.5));
    assert!(medians.len() == 2 && close(medians[0], a) && close(medians[1], b), "{answer}");
    let change = facts(&answer, "change")[0]["value"].as_f64().unwrap();
    assert!(close(change, 100.0 * (b - a) / a), "{answer}");

    // A count of sales of a size, and a group too small for a median.
    let answer = ask(&app, "How many 3-room flats were sold in 2023?").await;
    let counted = facts(&answer, "sales of one dwelling with a price per m²")[0]["value"].as_f64().unwrap();
    let in_file = csv_rows(CLERMONT)
        .iter()
        .filter(|r| {
            r["date_mutation"].starts_with("2023")
                && r["type_local"] == "Appartement"
                && r["nombre_pieces_principales"] == "3"
        })
        .count();
    assert_eq!(counted as usize, in_file, "{answer}");
    let answer = ask(&app, "median price per m² of one-room houses in 2023").await;
    assert_eq!(answer["status"], "answered", "{answer}");
    assert!(facts(&answer, "median price per m²").is_empty(), "fewer than ten sales have no median: {answer}");

    // What is not there gets no figure, and says what is.
    for question in [
        "Combien coûte une maison à Riom ?",
        "median flat price in Clermont in 2019",
        "loyer moyen d'un T2 à Clermont",
        "How much does building land cost per m² in Clermont-Ferrand?",
        "mon appart de 60 m2 rue Blatin, il vaut combien ?",
        "combien coute un appart a Clermont-l'Hérault ?",
    ] {
        let answer = ask(&app, question).await;
        assert_eq!(answer["status"], "no_data", "{question}: {answer}");
        assert!(
            answer["facts"].as_array().unwrap().iter().all(|f| f["unit"] != "€/m²" && f["unit"] != "€"),
            "{question}"
        );
    }
    let answer = ask(&app, "Combien coûte une maison à Riom ?").await;
    assert!(answer["answer"].as_str().unwrap().contains("Clermont-Ferrand"), "what exists is said: {answer}");
    app.shutdown().await;
}

#[sqlx::test]
async fn without_sales_a_housing_question_says_how_to_import_them(pool: PgPool) {
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_with(pool.clone(), no_model_settings(dir.path())).await;
    let answer = ask(&app, "prix du m2 à Clermont en 2023").await;
    assert_eq!(answer["status"], "no_data", "{answer}");
    assert!(answer["answer"].as_str().unwrap().contains("smartcity import dvf"), "{answer}");
    app.shutdown().await;
}

#[sqlx::test]
async fn a_housing_brief_and_the_home_page_show_the_sales(pool: PgPool) {
    imported(&pool).await;
    let dir = tempfile::tempdir().unwrap();
    let app = spawn_app_with(pool.clone(), no_model_settings(dir.path())).await;
    let body = serde_json::json!({ "from": "2023-01-01", "to": "2023-12-31", "topics": ["housing"], "lang": "fr" });
    let response = app.client.post(format!("{}/api/v1/briefs", app.address)).json(&body).send().await.unwrap();
    assert_eq!(response.status(), 201);
    let brief: Value = response.json().await.unwrap();
    assert!(brief["markdown"].as_str().unwrap().contains("## Logement"), "{}", brief["markdown"]);
    // The latest quarter of the year: flats of the fourth quarter of 2023.
    let mut q4: Vec<f64> = csv_rows(CLERMONT)
        .iter()
        .filter(|r| {
            ("2023-10-01".."2024-01-01").contains(&r["date_mutation"].as_str()) && r["type_local"] == "Appartement"
        })
        .map(|r| r["valeur_fonciere"].parse::<f64>().unwrap() / r["surface_reelle_bati"].parse::<f64>().unwrap())
        .collect();
    q4.sort_by(f64::total_cmp);
    let medians: Vec<f64> = brief["facts"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|f| f["label"] == "median price per m²")
        .map(|f| f["value"].as_f64().unwrap())
        .collect();
    assert!(medians.iter().any(|m| close(*m, percentile(&q4, 0.5))), "{medians:?}");
    let page = app.get(&format!("/briefs/{}", brief["id"].as_str().unwrap())).await.text().await.unwrap();
    assert!(page.contains("Prix médian au m² par trimestre"), "the quarterly chart");

    let bad = serde_json::json!({ "from": "2023-01-01", "to": "2023-12-31", "topics": ["rents"] });
    let response = app.client.post(format!("{}/api/v1/briefs", app.address)).json(&bad).send().await.unwrap();
    assert_eq!(response.status(), 400);
    assert!(response.text().await.unwrap().contains("air, weather, housing"));

    let home = app.get("/").await.text().await.unwrap();
    assert!(home.contains("Housing: the sales of 2024"), "the housing panel");
    let sold_2024 = csv_rows(CLERMONT).iter().filter(|r| r["date_mutation"].starts_with("2024")).count();
    let drawn = home.matches("<circle").count();
    assert!(drawn <= sold_2024 && drawn * 100 >= sold_2024 * 99, "{drawn} of {sold_2024} sales on the map");
    app.shutdown().await;
}
