//! Aggregates over the real 2020 Clermont-Ferrand files, each checked against values computed here
//! from the raw files, independently of the service.

use std::collections::{BTreeMap, BTreeSet};

use chrono::NaiveDate;
use smartcity::Settings;
use smartcity::aggregate::{Refreshed, refresh};
use smartcity::ingest::{daily_csv, synop};
use sqlx::PgPool;

use crate::helpers::shared_data;

fn day(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

async fn import_2020(pool: &PgPool) -> Settings {
    let settings = Settings::default();
    synop::import(pool, &settings.synop, &shared_data("clermont/synop_07460_2020.csv")).await.unwrap();
    daily_csv::import(pool, &shared_data("clermont/pm25_daily_2020_stations.csv")).await.unwrap();
    refresh(pool, &settings, None).await.unwrap();
    settings
}

/// SYNOP rows of 2020 by UTC day (in Paris, every 3-hourly slot from 00 to 21 UTC falls on the same
/// calendar day), one row per time.
pub fn synop_by_day() -> BTreeMap<String, Vec<BTreeMap<String, Option<f64>>>> {
    let text = std::fs::read_to_string(shared_data("clermont/synop_07460_2020.csv")).unwrap();
    let mut lines = text.lines();
    let header: Vec<String> = lines.next().unwrap().split(';').map(String::from).collect();
    let mut seen = BTreeSet::new();
    let mut days: BTreeMap<String, Vec<_>> = BTreeMap::new();
    for line in lines {
        let fields: Vec<&str> = line.split(';').collect();
        if !seen.insert(fields[1].to_string()) {
            continue;
        }
        let row = header.iter().zip(&fields).map(|(h, v)| (h.clone(), v.parse::<f64>().ok())).collect();
        days.entry(fields[1][..8].to_string()).or_default().push(row);
    }
    days
}

pub fn pm25_daily(code: &str) -> BTreeMap<NaiveDate, f64> {
    let text = std::fs::read_to_string(shared_data("clermont/pm25_daily_2020_stations.csv")).unwrap();
    text.lines()
        .skip(1)
        .filter(|l| l.starts_with(&format!("{code},")))
        .map(|l| {
            let f: Vec<&str> = l.split(',').collect();
            (day(f[6]), f[7].parse().unwrap())
        })
        .collect()
}

async fn station(pool: &PgPool, code: &str) -> i64 {
    sqlx::query_scalar("SELECT id FROM stations WHERE code = $1").bind(code).fetch_one(pool).await.unwrap()
}

#[sqlx::test]
async fn daily_weather_matches_the_raw_synop_file(pool: PgPool) {
    import_2020(&pool).await;
    let days = synop_by_day();
    let synop = station(&pool, "07460").await;
    for date in ["20200315", "20200714", "20201120"] {
        let rows = &days[date];
        let temperatures: Vec<f64> = rows.iter().filter_map(|r| r["t"]).map(|k| k - 273.15).collect();
        let rain: f64 = rows.iter().filter_map(|r| r["rr3"]).map(|mm| if mm == -0.1 { 0.0 } else { mm }).sum();
        let day = NaiveDate::parse_from_str(date, "%Y%m%d").unwrap();
        let (mean, min, max, n, complete): (f64, f64, f64, i32, bool) = sqlx::query_as(
            "SELECT mean, min, max, observations, complete FROM daily_aggregates WHERE station_id = $1 AND variable = 'temperature' AND day = $2",
        )
        .bind(synop)
        .bind(day)
        .fetch_one(&pool)
        .await
        .unwrap();
        assert!((mean - temperatures.iter().sum::<f64>() / temperatures.len() as f64).abs() < 1e-9, "{date}");
        assert!((min - temperatures.iter().cloned().fold(f64::MAX, f64::min)).abs() < 1e-9, "{date}");
        assert!((max - temperatures.iter().cloned().fold(f64::MIN, f64::max)).abs() < 1e-9, "{date}");
        assert_eq!((n as usize, complete), (temperatures.len(), temperatures.len() >= 6), "{date}");
        let total: f64 = sqlx::query_scalar(
            "SELECT total FROM daily_aggregates WHERE station_id = $1 AND variable = 'precipitation' AND day = $2",
        )
        .bind(synop)
        .bind(day)
        .fetch_one(&pool)
        .await
        .unwrap();
        assert!((total - rain).abs() < 1e-9, "{date}: {total} vs {rain}");
    }
}

#[sqlx::test]
async fn monthly_pm25_means_days_above_who_and_episodes_match_the_file(pool: PgPool) {
    import_2020(&pool).await;
    let montferrand = station(&pool, "FR07004").await;
    let daily = pm25_daily("FR07004");
    for month in [1, 7, 11] {
        let values: Vec<f64> = daily
            .iter()
            .filter(|(d, _)| d.format("%Y-%m").to_string() == format!("2020-{month:02}"))
            .map(|(_, v)| *v)
            .collect();
        let mean: f64 = sqlx::query_scalar(
            "SELECT mean FROM monthly_aggregates WHERE station_id = $1 AND variable = 'pm25' AND month = $2",
        )
        .bind(montferrand)
        .bind(NaiveDate::from_ymd_opt(2020, month, 1).unwrap())
        .fetch_one(&pool)
        .await
        .unwrap();
        let expected = values.iter().sum::<f64>() / values.len() as f64;
        assert!((mean - expected).abs() < 1e-9, "month {month}: {mean} vs {expected} over {} days", values.len());
    }

    let above = daily.values().filter(|v| **v > 15.0).count() as i64;
    let counted: i64 = sqlx::query_scalar(
        "SELECT count(*) FROM daily_exceedances WHERE station_id = $1 AND variable = 'pm25' AND reference = 'WHO 2021'",
    )
    .bind(montferrand)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(counted, above);
    assert!(above > 0);

    // The longest run of consecutive days above 15 µg/m³, found here by walking the file.
    type Run = (NaiveDate, NaiveDate, usize);
    let mut best: Run = (day("2000-01-01"), day("2000-01-01"), 0);
    let mut run: Option<Run> = None;
    for (d, v) in &daily {
        run = match run {
            Some((start, end, n)) if *v > 15.0 && end.succ_opt() == Some(*d) => Some((start, *d, n + 1)),
            _ if *v > 15.0 => Some((*d, *d, 1)),
            _ => None,
        };
        if let Some(r) = run
            && r.2 > best.2
        {
            best = r;
        }
    }
    let episode: (NaiveDate, NaiveDate, i64, f64) = sqlx::query_as(
        "SELECT start_day, end_day, days, peak FROM pollution_episodes WHERE station_id = $1 AND variable = 'pm25' ORDER BY days DESC, start_day LIMIT 1",
    )
    .bind(montferrand)
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!((episode.0, episode.1, episode.2 as usize), best);
    let peak = daily.range(best.0..=best.1).map(|(_, v)| *v).fold(f64::MIN, f64::max);
    assert_eq!(episode.3, peak);
}

fn pearson(pairs: &[(f64, f64)]) -> f64 {
    let n = pairs.len() as f64;
    let (mx, my) = (pairs.iter().map(|p| p.0).sum::<f64>() / n, pairs.iter().map(|p| p.1).sum::<f64>() / n);
    let cov: f64 = pairs.iter().map(|(x, y)| (x - mx) * (y - my)).sum();
    let vx: f64 = pairs.iter().map(|(x, _)| (x - mx).powi(2)).sum();
    let vy: f64 = pairs.iter().map(|(_, y)| (y - my).powi(2)).sum();
    cov / (vx * vy).sqrt()
}

#[sqlx::test]
async fn the_pm25_temperature_correlation_of_2020_matches_one_computed_here(pool: PgPool) {
    import_2020(&pool).await;
    let days = synop_by_day();
    let pairs: Vec<(f64, f64)> = pm25_daily("FR07004")
        .iter()
        .filter_map(|(d, pm)| {
            let rows = days.get(&d.format("%Y%m%d").to_string())?;
            let t: Vec<f64> = rows.iter().filter_map(|r| r["t"]).map(|k| k - 273.15).collect();
            (!t.is_empty()).then(|| (*pm, t.iter().sum::<f64>() / t.len() as f64))
        })
        .collect();
    let expected = pearson(&pairs);
    let (n, r, rho): (i32, f64, f64) = sqlx::query_as(
        "SELECT n, pearson, spearman FROM correlations c JOIN stations a ON a.id = c.air_station_id
         WHERE a.code = 'FR07004' AND c.pollutant = 'pm25' AND c.weather_variable = 'temperature'
           AND c.period_kind = 'year' AND c.period_start = '2020-01-01'",
    )
    .fetch_one(&pool)
    .await
    .unwrap();
    assert_eq!(n as usize, pairs.len());
    assert!((r - expected).abs() < 1e-9, "{r} vs {expected}");
    assert!(r < 0.0 && rho < 0.0, "fine particles go with cold days in Clermont: r = {r}, rho = {rho}");
}

#[sqlx::test]
async fn refreshing_unchanged_data_changes_nothing(pool: PgPool) {
    let settings = import_2020(&pool).await;
    // A full refresh rebuilds the sales' price statistics (none here); a refresh of days leaves them.
    assert_eq!(refresh(&pool, &settings, None).await.unwrap(), Refreshed { sale_groups: Some(0), ..Refreshed::default() });
    let one_day = Some((day("2020-03-15"), day("2020-03-15")));
    assert_eq!(refresh(&pool, &settings, one_day).await.unwrap(), Refreshed::default());
}

#[sqlx::test]
async fn reference_values_are_those_of_the_official_tables(pool: PgPool) {
    let csv = |name: &str| -> Vec<BTreeMap<String, String>> {
        let text = std::fs::read_to_string(shared_data(&format!("reference/{name}"))).unwrap();
        let mut reader = csv::Reader::from_reader(text.as_bytes());
        let headers = reader.headers().unwrap().clone();
        reader
            .records()
            .map(|r| headers.iter().zip(r.unwrap().iter()).map(|(h, v)| (h.to_string(), v.to_string())).collect())
            .collect()
    };
    let thresholds: Vec<(String, String, String, f64, Option<i32>)> =
        sqlx::query_as("SELECT reference, variable, averaging, value, allowed_exceedances FROM reference_thresholds")
            .fetch_all(&pool)
            .await
            .unwrap();
    let name = |variable: &str| match variable {
        "pm25" => "PM2.5",
        other => Box::leak(other.to_uppercase().into_boxed_str()),
    };
    for (reference, variable, averaging, value, allowed) in &thresholds {
        let found = if reference == "WHO 2021" {
            let period = if averaging == "day" { "24-hour" } else { "annual" };
            let row = csv("who_aqg_2021.csv")
                .into_iter()
                .find(|r| r["pollutant"] == name(variable) && r["averaging_time"] == period)
                .unwrap();
            let scale = if row["unit"] == "mg/m3" { 1000.0 } else { 1.0 };
            row["aqg_level"].parse::<f64>().unwrap() * scale == *value && allowed.is_none()
        } else {
            let period = if averaging == "day" { "1 day" } else { "calendar year" };
            csv("eu_air_quality_standards.csv").into_iter().any(|r| {
                r["pollutant"] == name(variable)
                    && r["averaging_period"] == period
                    && r["legal_source"] == "Directive 2008/50/EC"
                    && r["value_ug_m3"].parse::<f64>().unwrap() == *value
                    && r["allowed_exceedances_per_year"].parse::<i32>().ok() == *allowed
            })
        };
        assert!(found, "{reference} {variable} {averaging} {value} is not in the official table");
    }

    let bands: Vec<(String, String, i16, Option<f64>)> =
        sqlx::query_as("SELECT index_name, variable, class, upper_bound FROM index_bands ORDER BY 1, 2, 3")
            .fetch_all(&pool)
            .await
            .unwrap();
    let atmo = csv("atmo_index_france_2021_arrete_2020-07-10.csv");
    let eaqi = csv("eaqi_bands_eea_pre2024_as_documented_by_open-meteo.csv");
    for (index, variable, class, upper) in bands {
        let expected = if index == "ATMO" {
            let column = if variable == "pm25" { "pm2_5_ug_m3_daily_mean" } else { "pm10_ug_m3_daily_mean" };
            let cell = &atmo[class as usize - 1][column];
            cell.split_once('-').map(|(_, hi)| hi.parse::<f64>().unwrap())
        } else {
            let row =
                eaqi.iter().find(|r| r["pollutant"] == if variable == "pm25" { "pm2_5" } else { "pm10" }).unwrap();
            ["good_hi", "fair_hi", "moderate_hi", "poor_hi", "very_poor_hi"]
                .get(class as usize - 1)
                .map(|c| row[*c].parse().unwrap())
        };
        assert_eq!(upper, expected, "{index} {variable} class {class}");
    }
}
