//! Whether a timetable citation holds a figure: the times, counts, minutes, metres and names the
//! rows its URL lists give (read with the analyst API's own queries), recomputed here.

use std::collections::{BTreeMap, HashMap, HashSet};

use chrono::NaiveDate;
use serde_json::Value;
use sqlx::PgPool;

use crate::answer::{Answer, AnswerFact, Citation};
use crate::calendar::{service_seconds, service_time};

const ALL_ROWS: i64 = 1_000_000;

#[derive(sqlx::FromRow)]
struct Call {
    departure_s: i32,
    route: Option<String>,
    direction: Option<i16>,
    stop: String,
    last_stop: bool,
}

#[derive(sqlx::FromRow)]
struct TripRow {
    route: Option<String>,
}

#[derive(sqlx::FromRow)]
struct StopRow {
    name: String,
    metres: Option<f64>,
    lines: Vec<String>,
}

/// What a timetable citation's rows hold.
#[derive(Default)]
struct Held {
    numbers: Vec<f64>,
    texts: HashSet<String>,
}

/// Whether `fact`, cited to a timetable citation of `answer`, is held by its rows (a line the
/// question names but the timetable does not know, by the question).
pub async fn supports(
    pool: &PgPool,
    answer: &Answer,
    citation: &Citation,
    fact: &AnswerFact,
    question: &str,
) -> anyhow::Result<bool> {
    if fact.label == "line asked" {
        return Ok(fact.value.as_str().is_some_and(|line| question.to_lowercase().contains(&line.to_lowercase())));
    }
    let Some(day) = fact.value.as_str().and_then(|s| s.parse::<NaiveDate>().ok()) else {
        return values_held(pool, answer, citation, fact).await;
    };
    // A day the timetable does not run: none of its trips that day.
    if fact.label == "day asked" {
        let trips: Vec<TripRow> = sqlx::query_as(include_str!("../http/sql/transit_trips_page.sql"))
            .bind(day)
            .bind(Vec::<String>::new())
            .bind(None::<i32>)
            .bind(None::<String>)
            .bind(1_i64)
            .fetch_all(pool)
            .await?;
        return Ok(trips.is_empty());
    }
    let (from, to) = (citation.period.from, citation.period.to);
    if day >= from && day <= to {
        return Ok(true);
    }
    // The night after a service day, when its rows run past midnight.
    let night = held(pool, citation).await?.texts.iter().any(|t| t.len() == 8 && t.as_str() >= "24:00:00");
    Ok(night && day == to + chrono::Days::new(1))
}

async fn values_held(pool: &PgPool, answer: &Answer, citation: &Citation, fact: &AnswerFact) -> anyhow::Result<bool> {
    let held = held(pool, citation).await?;
    match &fact.value {
        Value::String(text) => Ok(held.texts.contains(text)),
        Value::Number(n) => {
            let value = n.as_f64().unwrap_or(f64::NAN);
            if held.numbers.iter().any(|v| super::answers::close(*v, value, 1e-9)) {
                return Ok(true);
            }
            // A difference is between this citation's count and another's.
            if fact.label != "difference" {
                return Ok(false);
            }
            for other in answer.citations.iter().filter(|c| c.url.starts_with("/api/v1/transit/")) {
                let others = held_numbers(pool, other).await?;
                if held.numbers.iter().any(|a| others.iter().any(|b| super::answers::close((a - b).abs(), value, 1e-9)))
                {
                    return Ok(true);
                }
            }
            Ok(false)
        }
        _ => Ok(false),
    }
}

async fn held_numbers(pool: &PgPool, citation: &Citation) -> anyhow::Result<Vec<f64>> {
    Ok(held(pool, citation).await?.numbers)
}

async fn held(pool: &PgPool, citation: &Citation) -> anyhow::Result<Held> {
    let query = super::answers::query_map(&citation.url);
    let mut held = Held::default();
    // The stop and lines a URL names are what its rows are of.
    for key in ["stop", "name", "near"] {
        held.texts.extend(query.get(key).cloned());
    }
    held.texts.extend(query.get("route").into_iter().flat_map(|r| r.split(',')).map(str::to_string));
    let path = citation.url.split('?').next().unwrap_or_default();
    match path.trim_start_matches("/api/v1/transit/") {
        "departures" => departures(pool, &query, &mut held).await?,
        "trips" => trips(pool, &query, &mut held).await?,
        "stops" => stops(pool, &query, &mut held).await?,
        _ => {}
    }
    Ok(held)
}

fn routes(query: &HashMap<String, String>) -> Vec<String> {
    query.get("route").map(|r| r.split(',').map(str::to_string).collect()).unwrap_or_default()
}

/// The calls' times, how many departures (terminus arrivals aside), the lines and stops, and the
/// median minutes between departures in each direction for every whole hour of the window.
async fn departures(pool: &PgPool, query: &HashMap<String, String>, held: &mut Held) -> anyhow::Result<()> {
    let Some(day) = query.get("date").and_then(|d| d.parse::<NaiveDate>().ok()) else { return Ok(()) };
    let (from, to) =
        (query.get("from").and_then(|t| service_seconds(t)), query.get("to").and_then(|t| service_seconds(t)));
    let calls: Vec<Call> = sqlx::query_as(include_str!("../timetable/sql/departures.sql"))
        .bind(day)
        .bind(query.get("stop"))
        .bind(routes(query))
        .bind(from)
        .bind(to)
        .bind(query.get("first_stop").is_some_and(|f| f == "true"))
        .bind(None::<i32>)
        .bind(None::<String>)
        .bind(None::<i32>)
        .bind(ALL_ROWS)
        .fetch_all(pool)
        .await?;
    let lines: HashSet<&String> = calls.iter().filter_map(|c| c.route.as_ref()).collect();
    held.numbers.push(lines.len() as f64);
    held.texts.extend(lines.into_iter().cloned());
    held.texts.extend(calls.iter().map(|c| c.stop.clone()));
    let departures: Vec<&Call> = calls.iter().filter(|c| !c.last_stop).collect();
    held.numbers.push(departures.len() as f64);
    held.texts.extend(departures.iter().map(|c| service_time(c.departure_s)));
    let (first_hour, last_hour) = (from.unwrap_or(0) / 3600, to.unwrap_or(48 * 3600) / 3600);
    held.texts.extend((first_hour..=last_hour).map(|h| service_time(h * 3600)));
    let mut by_direction: BTreeMap<i16, Vec<i32>> = BTreeMap::new();
    for call in &departures {
        by_direction.entry(call.direction.unwrap_or(0)).or_default().push(call.departure_s);
    }
    for times in by_direction.values_mut() {
        times.sort_unstable();
        for hour in first_hour..last_hour {
            let gaps: Vec<f64> = times
                .windows(2)
                .filter(|w| w[1] >= hour * 3600 && w[1] < (hour + 1) * 3600)
                .map(|w| f64::from(w[1] - w[0]) / 60.0)
                .collect();
            held.numbers.extend(median(gaps));
        }
    }
    Ok(())
}

fn median(mut values: Vec<f64>) -> Option<f64> {
    values.sort_by(f64::total_cmp);
    let n = values.len();
    match n {
        0 => None,
        _ if n % 2 == 1 => Some(values[n / 2]),
        _ => Some((values[n / 2 - 1] + values[n / 2]) / 2.0),
    }
}

/// How many trips, of each line, and how many lines run.
async fn trips(pool: &PgPool, query: &HashMap<String, String>, held: &mut Held) -> anyhow::Result<()> {
    let Some(day) = query.get("date").and_then(|d| d.parse::<NaiveDate>().ok()) else { return Ok(()) };
    let rows: Vec<TripRow> = sqlx::query_as(include_str!("../http/sql/transit_trips_page.sql"))
        .bind(day)
        .bind(routes(query))
        .bind(None::<i32>)
        .bind(None::<String>)
        .bind(ALL_ROWS)
        .fetch_all(pool)
        .await?;
    let mut per_line: HashMap<String, usize> = HashMap::new();
    for row in &rows {
        *per_line.entry(row.route.clone().unwrap_or_default()).or_default() += 1;
    }
    held.numbers.push(rows.len() as f64);
    held.numbers.push(per_line.len() as f64);
    held.numbers.extend(per_line.values().map(|n| *n as f64));
    held.texts.extend(per_line.into_keys());
    Ok(())
}

/// The stops' names, distances and lines, how many names and lines, and the radius asked.
async fn stops(pool: &PgPool, query: &HashMap<String, String>, held: &mut Held) -> anyhow::Result<()> {
    let radius = query.get("radius_m").and_then(|r| r.parse::<f64>().ok()).unwrap_or(400.0);
    let rows: Vec<StopRow> = sqlx::query_as(include_str!("../http/sql/transit_stops_rows.sql"))
        .bind(query.get("name"))
        .bind(query.get("near"))
        .bind(radius)
        .bind(query.get("route"))
        .fetch_all(pool)
        .await?;
    let names: HashSet<&String> = rows.iter().map(|r| &r.name).collect();
    let lines: HashSet<&String> = rows.iter().flat_map(|r| &r.lines).collect();
    held.numbers.extend([names.len() as f64, lines.len() as f64, radius]);
    // A name's distance is its nearest platform's.
    let mut nearest: HashMap<&String, f64> = HashMap::new();
    for row in &rows {
        if let Some(m) = row.metres {
            let d = nearest.entry(&row.name).or_insert(m);
            *d = d.min(m);
        }
    }
    held.numbers.extend(nearest.values());
    held.texts.extend(names.into_iter().cloned());
    held.texts.extend(lines.into_iter().cloned());
    Ok(())
}
