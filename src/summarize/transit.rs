//! Chunks of the public-transport timetable: each line's typical day of each kind (weekday,
//! Saturday, Sunday), the network's, and the busiest stops' lines and departures.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde_json::json;
use sqlx::PgPool;
use tera::{Context, Tera};

use super::Chunk;
use super::facts::{Facts, Lang, Source};
use super::kinds::Rendered;
use crate::timetable::kind_words;

/// The stops that get a chunk of their own: the busiest on the network's typical weekday.
const BUSIEST_STOPS: usize = 15;

#[derive(sqlx::FromRow)]
struct Typical {
    feed_id: i64,
    agency: String,
    valid_from: NaiveDate,
    valid_to: NaiveDate,
    route: Option<String>,
    long_name: Option<String>,
    day_kind: String,
    day: NaiveDate,
    trips: i64,
    days: i64,
    days_run: i64,
    first_s: Option<i32>,
    last_s: Option<i32>,
    stops: i64,
    lines: i64,
}

#[derive(sqlx::FromRow)]
struct StopLine {
    stop: String,
    route: String,
    departures: i64,
    first_s: i32,
    last_s: i32,
}

/// The source of timetable rows: those the query's `pairs` select (an empty value says nothing),
/// over the days `from..=to`.
pub fn source<S: AsRef<str>>(pairs: &[(&str, S)], (from, to): (NaiveDate, NaiveDate)) -> Source {
    let mut url = reqwest::Url::parse("http://api/").expect("a base URL");
    url.query_pairs_mut().extend_pairs(pairs.iter().map(|(k, v)| (*k, v.as_ref())).filter(|(_, v)| !v.is_empty()));
    let query = url.query().unwrap_or_default().to_string();
    Source { table: "transit", station_id: None, variable: Some(query), from, to }
}

fn insert_kind(context: &mut Context, kind: &str, lang: Lang) {
    let (one, several) = kind_words(kind, lang);
    context.insert("kind", one);
    context.insert("kinds", several);
}

/// Every transit chunk of the timetables valid on some day of `first..=last`.
pub async fn chunks(
    pool: &PgPool,
    tera: &Tera,
    (first, last): (NaiveDate, NaiveDate),
    out: &mut Vec<Chunk>,
) -> anyhow::Result<()> {
    let typical: Vec<Typical> =
        sqlx::query_as(include_str!("sql/transit_typical_days.sql")).bind(first).bind(last).fetch_all(pool).await?;
    for row in &typical {
        out.extend(days(tera, row)?);
    }
    for network in typical.iter().filter(|t| t.route.is_none()) {
        let lines: Vec<StopLine> = sqlx::query_as(include_str!("sql/transit_stop_lines.sql"))
            .bind(network.feed_id)
            .bind(network.day)
            .fetch_all(pool)
            .await?;
        let mut by_stop: BTreeMap<&str, Vec<&StopLine>> = BTreeMap::new();
        for line in &lines {
            by_stop.entry(&line.stop).or_default().push(line);
        }
        let mut busiest: Vec<(&str, Vec<&StopLine>)> = by_stop.into_iter().collect();
        busiest
            .sort_by_key(|(stop, lines)| (std::cmp::Reverse(lines.iter().map(|l| l.departures).sum::<i64>()), *stop));
        for (stop, lines) in busiest.into_iter().take(BUSIEST_STOPS) {
            out.extend(stop_day(tera, network, stop, &lines)?);
        }
    }
    Ok(())
}

/// A line's (or the network's) typical day of a kind, in both languages.
fn days(tera: &Tera, row: &Typical) -> anyhow::Result<Vec<Chunk>> {
    let span = (row.valid_from, row.valid_to);
    let day = row.day.to_string();
    let route = row.route.as_deref().unwrap_or_default();
    let of_day = source(&[("date", day.as_str()), ("route", route)], span);
    let mut chunks = Vec::new();
    for lang in Lang::ALL {
        let mut facts = Facts::new(lang);
        let mut context = Context::new();
        context.insert("agency", &row.agency);
        insert_kind(&mut context, &row.day_kind, lang);
        context.insert("from", &facts.date("first service day", row.valid_from, &of_day));
        context.insert("to", &facts.date("last service day", row.valid_to, &of_day));
        context.insert("day", &facts.date("typical day", row.day, &of_day));
        context.insert("trips", &facts.count("trips", row.trips, &of_day));
        context.insert("days", &facts.count("days with as many trips", row.days, &of_day));
        context.insert("days_run", &facts.count("days of this kind with service", row.days_run, &of_day));
        if let (Some(first), Some(last)) = (row.first_s, row.last_s) {
            context.insert("first", &facts.time("first departure", first, &of_day));
            context.insert("last", &facts.time("last departure", last, &of_day));
            context.insert("after_midnight", &(last >= 86_400));
        }
        let kind = match &row.route {
            Some(route) => {
                context.insert("route", &facts.name("line", route, &of_day));
                // "Navette Montjuzet" says more than "Ligne 4" does.
                let named = row.long_name.as_ref().filter(|n| !n.contains(route.as_str()));
                context.insert("long_name", &named);
                "transit_route"
            }
            None => {
                context.insert("lines", &facts.count("lines running", row.lines, &of_day));
                context.insert("stops", &facts.count("stops served", row.stops, &of_day));
                "transit_network"
            }
        };
        let mut variables = vec!["transit".to_string(), row.day_kind.clone()];
        variables.extend(row.route.clone());
        let rendered = Rendered { kind, period: span, station_id: None, variables, context, facts, tera };
        chunks.push(rendered.finish()?);
    }
    Ok(chunks)
}

/// A busy stop's lines and departures on the network's typical day of a kind.
fn stop_day(tera: &Tera, network: &Typical, stop: &str, lines: &[&StopLine]) -> anyhow::Result<Vec<Chunk>> {
    let span = (network.valid_from, network.valid_to);
    let day = network.day.to_string();
    let mut chunks = Vec::new();
    for lang in Lang::ALL {
        let mut facts = Facts::new(lang);
        let at_stop = source(&[("date", day.as_str()), ("stop", stop)], span);
        let mut context = Context::new();
        context.insert("agency", &network.agency);
        insert_kind(&mut context, &network.day_kind, lang);
        context.insert("stop", &facts.name("stop", stop, &at_stop));
        context.insert("day", &facts.date("typical day", network.day, &at_stop));
        context.insert("departures", &facts.count("departures", lines.iter().map(|l| l.departures).sum(), &at_stop));
        context.insert("count", &facts.count("lines", lines.len() as i64, &at_stop));
        let said: Vec<serde_json::Value> = lines
            .iter()
            .map(|l| {
                let of_line = source(&[("date", day.as_str()), ("stop", stop), ("route", &l.route)], span);
                json!({
                    "route": facts.name("line", &l.route, &of_line),
                    "departures": facts.count("departures of the line", l.departures, &of_line),
                    "first": facts.time("first departure", l.first_s, &of_line),
                    "last": facts.time("last departure", l.last_s, &of_line),
                })
            })
            .collect();
        context.insert("lines", &said);
        let variables = vec!["transit".to_string(), network.day_kind.clone(), format!("stop:{stop}")];
        let rendered =
            Rendered { kind: "transit_stop", period: span, station_id: None, variables, context, facts, tera };
        chunks.push(rendered.finish()?);
    }
    Ok(chunks)
}
