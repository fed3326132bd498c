//! A line's view: its map, its trips leaving per hour on a typical day of each kind with its first
//! and last trips, and its stops in order each way.

use serde_json::{Value, json};
use sqlx::PgPool;
use tera::Context;

use super::{Listed, Timetable, map, map_lines, next_day_said, per_hour};
use crate::answer::compose::capitalised;
use crate::charts;
use crate::http::explore::{Chart, Error, Rows, url};
use crate::http::transit::Stop;
use crate::summarize::Lang;
use crate::timetable::{DAY_KINDS, Departures, ServiceDay, days_covered, kind_words, typical};

const ALL: i64 = 10_000;

#[derive(sqlx::FromRow)]
struct OnTheLine {
    direction: Option<i16>,
    trips: i64,
    name: String,
}

pub(super) async fn view(
    pool: &PgPool,
    Timetable { feed, from, to }: Timetable,
    (line, platforms): (&Listed, &[&Stop]),
    lang: Lang,
    context: &mut Context,
) -> Result<Vec<Chart>, Error> {
    let name = &line.name;
    let only = [name.clone()];
    let lines = map_lines(pool, std::slice::from_ref(line), &only).await?;
    let title =
        lang.say(&format!("Line {name}: its paths and stops"), &format!("Ligne {name} : ses parcours et ses arrêts"));
    let map = map("transit-line-map", &title, &lines, platforms, &[("route", name)], lang);

    let days: Vec<ServiceDay> =
        days_covered(pool, (Some(from), Some(to)), &only).await?.into_iter().filter(|d| d.feed_id == feed).collect();
    let mut series = Vec::new();
    let mut rows = Vec::new();
    let mut typical_days = Vec::new();
    for kind in DAY_KINDS {
        let Some(t) = typical(days.iter().filter(|d| d.day_kind == kind)) else { continue };
        let day = t.day.service_day;
        let filter = Departures { day, stop: None, lines: &only, from: None, to: None, first_stop: true };
        let departures = filter.page(pool, None, ALL).await?;
        let kind_said = capitalised(kind_words(kind, lang).1);
        let date = day.to_string();
        let href = url(
            "/api/v1/transit/departures",
            &[("date", &date), ("route", name), ("first_stop", "true"), ("limit", "10000")],
        );
        typical_days.push(json!({
            "kind": kind_said, "day": day, "trips": t.trips, "days": t.alike, "href": href,
            "first": departures.first().map(next_day_said), "last": departures.last().map(next_day_said),
        }));
        let label = format!("{kind_said} ({day})");
        rows.push(Rows { label: Some(label.clone()), url: href });
        series.push((label, per_hour(&departures)));
    }
    let title = lang.say(
        &format!("Line {name}: trips leaving per hour, a typical day of each kind"),
        &format!("Ligne {name} : départs de course par heure, un jour type de chaque sorte"),
    );
    let text = series
        .iter()
        .map(|(label, hours)| {
            let trips: f64 = hours.iter().map(|h| h.1).sum();
            lang.say(&format!("{label}: {trips} trips"), &format!("{label} : {trips} courses"))
        })
        .collect::<Vec<_>>()
        .join(&lang.say("; ", " ; "));
    let unit = lang.say("trips", "courses");
    let hourly = Chart { svg: charts::hours("transit-line-hours", &title, &unit, &series), rows, text };
    context.insert("line", line);
    context.insert("typical", &typical_days);
    context.insert("directions", &stops_in_order(pool, name, lang).await?);
    Ok(vec![map, hourly])
}

/// The line's stops each way, in the order of its most common sequence of calls.
async fn stops_in_order(pool: &PgPool, name: &str, lang: Lang) -> sqlx::Result<Vec<Value>> {
    let calls: Vec<OnTheLine> =
        sqlx::query_as(include_str!("../../sql/transit_line_stops.sql")).bind(name).fetch_all(pool).await?;
    Ok(calls
        .chunk_by(|a, b| a.direction == b.direction)
        .map(|direction| {
            let stops: Vec<Value> = direction
                .iter()
                .map(|c| json!({ "name": c.name, "href": url("/explore/transit", &[("stop", &c.name), ("lang", lang.code())]) }))
                .collect();
            json!({ "trips": direction[0].trips, "stops": stops })
        })
        .collect())
}
