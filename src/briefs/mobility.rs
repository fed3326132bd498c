//! The mobility part of a brief: on the days of the period the timetable covers, the trips a
//! typical day of each kind runs (weekday, Saturday, Sunday), the most frequent lines of the
//! typical weekday, the days without service, and a chart of the trips of every day.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::Writer;
use crate::answer::citations::Kind;
use crate::charts;
use crate::summarize::{Lang, transit_source as source};
use crate::timetable::{ServiceDay, days_covered, trips_by_line};

const TOP_LINES: usize = 3;
const KINDS: [&str; 3] = ["weekday", "saturday", "sunday"];

/// The trips most days of a kind run (the more trips on a tie), its first such day and how many
/// days run it; days without service aside.
fn typical<'a>(days: &[&'a ServiceDay]) -> Option<(i64, &'a ServiceDay, i64)> {
    let mut counts: BTreeMap<i64, Vec<&ServiceDay>> = BTreeMap::new();
    for day in days.iter().filter(|d| d.trips > 0) {
        counts.entry(day.trips).or_default().push(day);
    }
    let (trips, same) = counts.into_iter().max_by_key(|(trips, same)| (same.len(), *trips))?;
    Some((trips, same[0], same.len() as i64))
}

/// A kind of day as a list's label and as the noun counted: "Saturdays", "Saturdays".
fn kind_words(kind: &str, lang: Lang) -> (String, String) {
    match kind {
        "weekday" => (lang.say("Weekdays", "Jours de semaine"), lang.say("weekdays", "jours de semaine")),
        "saturday" => (lang.say("Saturdays", "Samedis"), lang.say("Saturdays", "samedis")),
        _ => (lang.say("Sundays", "Dimanches"), lang.say("Sundays", "dimanches")),
    }
}

/// The section's figures and its chart; none when the timetable covers no day of the period.
pub(super) async fn section(
    w: &mut Writer<'_>,
    range: (NaiveDate, NaiveDate),
    lang: Lang,
) -> anyhow::Result<Option<(Value, String)>> {
    let days = days_covered(w.pool, (Some(range.0), Some(range.1)), &[]).await?;
    let (Some(first), Some(last)) = (days.first(), days.last()) else { return Ok(None) };
    let covered = (first.service_day, last.service_day);
    let (from, to) = (covered.0.to_string(), covered.1.to_string());
    let all = source(&[("from", &from), ("to", &to)], covered);
    // A citation covers the facts made since the one before: each group's facts, then its citation.
    let first = w.ledger.facts.date("first day the timetable covers", covered.0, &all);
    let last = w.ledger.facts.date("last day the timetable covers", covered.1, &all);
    let idle: Vec<String> = days
        .iter()
        .filter(|d| d.trips == 0)
        .map(|d| w.ledger.facts.date("day without service", d.service_day, &all))
        .collect();
    let outside = (range.1 - range.0).num_days() + 1 - days.len() as i64;
    let outside =
        (outside > 0).then(|| w.ledger.facts.count("days of the period the timetable does not cover", outside, &all));
    let c_days = w.cite(&all, Kind::Transit { rows: "days" }, None).await?;
    let mut kinds = Vec::new();
    for kind in KINDS {
        let of: Vec<&ServiceDay> = days.iter().filter(|d| d.day_kind == kind).collect();
        let Some((trips, day, alike)) = typical(&of) else { continue };
        let covered = w.ledger.facts.count("days of the kind the timetable covers", of.len() as i64, &all);
        let alike = w.ledger.facts.count("days running the typical number of trips", alike, &all);
        w.cite(&all, Kind::Transit { rows: "days" }, None).await?;
        let s = source(&[("date", day.service_day.to_string())], (day.service_day, day.service_day));
        let trips = w.ledger.facts.count("trips on a typical day", trips, &s);
        let day = w.ledger.facts.date("typical day", day.service_day, &s);
        let c = w.cite(&s, Kind::Transit { rows: "trips" }, None).await?;
        let (label, noun) = kind_words(kind, lang);
        kinds.push(json!({ "label": label, "noun": noun, "days": covered, "alike": alike, "trips": trips, "day": day, "c": c }));
    }
    let weekdays: Vec<&ServiceDay> = days.iter().filter(|d| d.day_kind == "weekday").collect();
    let mut lines = Vec::new();
    if let Some((_, day, _)) = typical(&weekdays) {
        let s = source(&[("date", day.service_day.to_string())], (day.service_day, day.service_day));
        for line in trips_by_line(w.pool, day.service_day).await?.into_iter().take(TOP_LINES) {
            let name = w.ledger.facts.name("line", &line.short_name, &s);
            let trips = w.ledger.facts.count("trips of the line on the typical weekday", line.trips, &s);
            lines.push(json!({ "name": name, "trips": trips }));
        }
        let c = w.cite(&s, Kind::Transit { rows: "trips" }, None).await?;
        for line in &mut lines {
            line["c"] = c.into();
        }
    }
    let title = lang.say("Public-transport trips each day", "Courses de transport en commun chaque jour");
    let points = days.iter().map(|d| (d.service_day, d.trips as f64)).collect();
    let series = [charts::Series { label: lang.say("trips", "courses"), points }];
    let chart = charts::daily("mobility", &title, &lang.say("trips", "courses"), &series, None, true);
    let section = json!({
        "first": first,
        "last": last,
        "kinds": kinds,
        "lines": lines,
        "idle": idle,
        "outside": outside,
        "c": c_days,
    });
    Ok(Some((section, chart)))
}
