//! Chunks of the real 2020 data: every number in a text is one of its facts, and the reverse;
//! stable ids; re-running changes nothing; a changed value changes only what states it.

use std::collections::HashSet;

use chrono::NaiveDate;
use smartcity::Settings;
use smartcity::aggregate::{data_days, refresh};
use smartcity::ingest::{daily_csv, synop};
use smartcity::summarize::{Lang, chunk_id, numbers, summarize, templates};
use sqlx::PgPool;

use crate::helpers::shared_data;

async fn summarized_2020(pool: &PgPool) -> (tera::Tera, NaiveDate, NaiveDate) {
    let settings = Settings::default();
    synop::import(pool, &settings.synop, &shared_data("clermont/synop_07460_2020.csv")).await.unwrap();
    daily_csv::import(pool, &shared_data("clermont/pm25_daily_2020_stations.csv")).await.unwrap();
    refresh(pool, &settings, None).await.unwrap();
    let tera = templates(None).unwrap();
    let (first, last) = data_days(pool).await.unwrap();
    let summary = summarize(pool, &tera, &Settings::default().city, (first, last), last).await.unwrap();
    assert!(summary.added > 3000, "{summary:?}");
    (tera, first, last)
}

#[sqlx::test]
async fn every_number_in_a_chunk_is_one_of_its_facts_and_every_fact_is_said(pool: PgPool) {
    summarized_2020(&pool).await;
    let chunks: Vec<(i64, String, String, String, serde_json::Value)> =
        sqlx::query_as("SELECT id, kind, title, body, facts FROM chunks").fetch_all(&pool).await.unwrap();
    let kinds: HashSet<&str> = chunks.iter().map(|c| c.1.as_str()).collect();
    assert_eq!(
        kinds,
        HashSet::from([
            "city_day",
            "city_month",
            "station_day",
            "station_year",
            "weather_day",
            "station_month",
            "episode",
            "correlation"
        ])
    );
    assert_numbers_are_facts(&chunks);
}

fn assert_numbers_are_facts(chunks: &[(i64, String, String, String, serde_json::Value)]) {
    for (id, kind, title, body, facts) in chunks {
        let displays: Vec<&str> = facts.as_array().unwrap().iter().map(|f| f["display"].as_str().unwrap()).collect();
        let allowed: HashSet<String> = displays.iter().flat_map(|d| numbers(d)).collect();
        let text = format!("{title}\n{body}");
        for number in numbers(&text) {
            assert!(allowed.contains(&number), "chunk {id} ({kind}) says {number} which no fact holds: {text}");
        }
        for display in displays {
            assert!(text.contains(display), "chunk {id} ({kind}) has the fact {display:?} but does not say it: {text}");
        }
        for fact in facts.as_array().unwrap() {
            assert!(fact["source"]["table"].is_string() && fact["source"]["from"].is_string(), "{fact}");
        }
    }
}

#[sqlx::test]
async fn a_known_day_reads_right_in_both_languages_under_a_stable_id(pool: PgPool) {
    summarized_2020(&pool).await;
    let montferrand: i64 =
        sqlx::query_scalar("SELECT id FROM stations WHERE code = 'FR07004'").fetch_one(&pool).await.unwrap();
    let day = NaiveDate::from_ymd_opt(2020, 1, 1).unwrap();
    let text = |lang: Lang| {
        let pool = pool.clone();
        let id = chunk_id("station_day", lang, (day, day), Some(montferrand), &["pm25".to_string()]);
        async move {
            sqlx::query_scalar::<_, String>("SELECT body FROM chunks WHERE id = $1")
                .bind(id)
                .fetch_one(&pool)
                .await
                .unwrap()
        }
    };
    let en = text(Lang::En).await;
    assert!(
        en.contains("1 January 2020")
            && en.contains("26.3 µg/m³")
            && en.contains("above the WHO daily guideline of 15 µg/m³"),
        "{en}"
    );
    let fr = text(Lang::Fr).await;
    assert!(
        fr.contains("1er janvier 2020") && fr.contains("26,3 µg/m³") && fr.contains("au-dessus du seuil journalier"),
        "{fr}"
    );
}

#[sqlx::test]
async fn summarizing_unchanged_data_changes_nothing_and_a_new_value_changes_what_states_it(pool: PgPool) {
    let (tera, first, last) = summarized_2020(&pool).await;
    let again = summarize(&pool, &tera, &Settings::default().city, (first, last), last).await.unwrap();
    assert_eq!((again.added, again.changed, again.removed), (0, 0, 0), "{again:?}");

    sqlx::query(
        "UPDATE measurements SET value = 99 WHERE period_start = '2020-07-14T00:00:00Z'
           AND sensor_id = (SELECT s.id FROM sensors s JOIN stations st ON st.id = s.station_id WHERE st.code = 'FR07004')",
    )
    .execute(&pool)
    .await
    .unwrap();
    let july_14 = NaiveDate::from_ymd_opt(2020, 7, 14).unwrap();
    refresh(&pool, &Settings::default(), Some((july_14, july_14))).await.unwrap();
    let changed = summarize(&pool, &tera, &Settings::default().city, (july_14, july_14), last).await.unwrap();
    // The day and the month in two languages, and the correlations of July, summer and 2020 it enters.
    assert_eq!(changed.added + changed.removed, 0, "{changed:?}");
    assert!(changed.changed >= 4, "{changed:?}");
    assert!(changed.unchanged > 0, "chunks of other stations that day do not change: {changed:?}");
    let body: String = sqlx::query_scalar("SELECT body FROM chunks WHERE kind = 'station_day' AND lang = 'en' AND period_start = $1 AND body LIKE '%Montferrand%'")
        .bind(july_14)
        .fetch_one(&pool)
        .await
        .unwrap();
    assert!(body.contains("99.0 µg/m³"), "{body}");
}

#[sqlx::test]
async fn the_forecast_is_told_as_a_forecast_from_today_on(pool: PgPool) {
    use crate::ingest_openaq::settings;
    use crate::replay::{Replay, Reply, open_meteo_body};
    use smartcity::ingest::{ApiSource, ingest_apis};

    const FORECAST: &str = "r-client-mocks/api.open-meteo.com__v1__forecast-4418bd.json";
    let replay = Replay::start().await;
    replay.on("/v1/forecast", [Reply::Ok(open_meteo_body(FORECAST))]);
    replay.on("/v1/air-quality", [Reply::Ok(open_meteo_body("python-client-fixtures/air_quality.json"))]);
    let settings = settings(&replay);
    ingest_apis(&pool, &settings, ApiSource::OpenMeteo, None).await.unwrap();
    refresh(&pool, &settings, None).await.unwrap();

    // The recorded hours are local times at UTC-3; the city's days are Paris days (UTC+2 then).
    let body: serde_json::Value = serde_json::from_slice(&open_meteo_body(FORECAST)).unwrap();
    let paris_day = |local: &str| {
        let utc = chrono::NaiveDateTime::parse_from_str(local, "%Y-%m-%dT%H:%M").unwrap() + chrono::Duration::hours(3);
        (utc + chrono::Duration::hours(2)).date()
    };
    let today = NaiveDate::from_ymd_opt(2023, 10, 26).unwrap();
    let temperatures: Vec<f64> = body["hourly"]["time"]
        .as_array()
        .unwrap()
        .iter()
        .zip(body["hourly"]["temperature_2m"].as_array().unwrap())
        .filter(|(t, v)| paris_day(t.as_str().unwrap()) == today && !v.is_null())
        .map(|(_, v)| v.as_f64().unwrap())
        .collect();
    let (min, max) = temperatures.iter().fold((f64::MAX, f64::MIN), |(lo, hi), t| (lo.min(*t), hi.max(*t)));

    let tera = templates(None).unwrap();
    let (first, last) = data_days(&pool).await.unwrap();
    summarize(&pool, &tera, &settings.city, (first, last), today).await.unwrap();
    let days: Vec<NaiveDate> =
        sqlx::query_scalar("SELECT period_start FROM chunks WHERE kind = 'forecast_day' AND lang = 'en' ORDER BY 1")
            .fetch_all(&pool)
            .await
            .unwrap();
    assert_eq!(days.first(), Some(&today), "no forecast before today: {days:?}");
    let en: String =
        sqlx::query_scalar("SELECT body FROM chunks WHERE kind = 'forecast_day' AND lang = 'en' AND period_start = $1")
            .bind(today)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(en.contains(&format!("temperatures between {min:.0} °C and {max:.0} °C")), "{en}");
    assert!(en.contains("model forecast") && en.contains("not a measurement"), "{en}");
    let fr: String =
        sqlx::query_scalar("SELECT body FROM chunks WHERE kind = 'forecast_day' AND lang = 'fr' AND period_start = $1")
            .bind(today)
            .fetch_one(&pool)
            .await
            .unwrap();
    assert!(fr.contains(&format!("entre {min:.0} °C et {max:.0} °C")) && fr.contains("prévision"), "{fr}");
    let told_as_measured: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM chunks WHERE kind IN ('weather_day', 'station_day', 'city_day') AND lang = 'en'
           AND (period_start >= $1 OR body NOT LIKE '%These are model values%')",
    )
    .bind(today)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(told_as_measured, 0, "model data is never told as a measurement, nor as a past day from today on");
    let chunks: Vec<(i64, String, String, String, serde_json::Value)> =
        sqlx::query_as("SELECT id, kind, title, body, facts FROM chunks").fetch_all(&pool).await.unwrap();
    assert!(chunks.iter().any(|c| c.3.contains("Fine particles (PM2.5) are expected")), "the CAMS forecast is told");
    assert_numbers_are_facts(&chunks);
}

#[sqlx::test]
async fn housing_chunks_state_the_medians_of_sale_stats_in_both_languages(pool: PgPool) {
    smartcity::ingest::dvf::import(&pool, &shared_data("clermont/dvf_63113_2021-2024.csv")).await.unwrap();
    let settings = Settings::default();
    refresh(&pool, &settings, None).await.unwrap();
    let tera = templates(None).unwrap();
    let (first, last) = data_days(&pool).await.unwrap();
    summarize(&pool, &tera, &settings.city, (first, last), last).await.unwrap();

    let chunks: Vec<(i64, String, String, String, serde_json::Value)> =
        sqlx::query_as("SELECT id, kind, title, body, facts FROM chunks WHERE kind LIKE 'housing%'").fetch_all(&pool).await.unwrap();
    // Four years and sixteen quarters, of flats and of houses, in two languages.
    assert_eq!(chunks.len(), (4 + 16) * 2 * 2);
    assert_numbers_are_facts(&chunks);

    let median: f64 = sqlx::query_scalar(
        "SELECT eur_per_m2_median FROM sale_stats WHERE commune_code = '63113' AND dwelling = 'flat' AND period = 'year' AND rooms = 'all' AND period_start = '2023-01-01'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    let texts: Vec<(String, String)> = sqlx::query_as(
        "SELECT lang, title || ' ' || body FROM chunks WHERE kind = 'housing_year' AND period_start = '2023-01-01' AND variables[2] = 'flat' ORDER BY lang",
    )
    .fetch_all(&pool)
    .await
    .unwrap();
    let said = format!("{} €/m²", median.round());
    assert_eq!(texts.len(), 2);
    for (lang, text) in &texts {
        assert!(text.contains(&said), "{lang}: {said} not in {text}");
    }
    assert!(texts[0].1.starts_with("Price of flats in Clermont-Ferrand in 2023"), "{}", texts[0].1);
    assert!(texts[1].1.starts_with("Prix des appartements à Clermont-Ferrand en 2023"), "{}", texts[1].1);
}
