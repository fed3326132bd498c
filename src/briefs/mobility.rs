//! The mobility part of a brief: on the days of the period the timetable covers, the trips a
//! typical day of each kind runs (weekday, Saturday, Sunday), the most frequent lines of the
//! typical weekday, the days without service, and a chart of the trips of every day. Each figure
//! cites the `/api/v1/transit/days` rows that hold it.

use chrono::NaiveDate;
use serde_json::{Value, json};

use super::Writer;
use crate::answer::citations::Kind;
use crate::answer::compose::capitalised;
use crate::charts;
use crate::summarize::{Lang, Source, transit_source};
use crate::timetable::{DAY_KINDS, days_covered, kind_words, network_days, trips_by_line, typical};

const TOP_LINES: usize = 3;
const DAYS: Kind = Kind::Transit { rows: "days" };

/// The `days` rows from `from` to `to`, of one line when given.
fn days_source((from, to): (NaiveDate, NaiveDate), line: Option<&str>) -> Source {
    let (a, b) = (from.to_string(), to.to_string());
    transit_source(&[("from", a.as_str()), ("to", b.as_str()), ("route", line.unwrap_or_default())], (from, to))
}

/// The section's figures and its chart; none when the timetable covers no day of the period.
pub(super) async fn section(
    w: &mut Writer<'_>,
    range: (NaiveDate, NaiveDate),
    lang: Lang,
) -> anyhow::Result<Option<(Value, String)>> {
    let days = network_days(days_covered(w.pool, (Some(range.0), Some(range.1)), &[]).await?);
    let (Some(first), Some(last)) = (days.first(), days.last()) else { return Ok(None) };
    // A citation covers the facts made since the one before: each group's facts, then its citation.
    let all = days_source(range, None);
    let first = w.ledger.facts.date("first day the timetable covers", first.service_day, &all);
    let last = w.ledger.facts.date("last day the timetable covers", last.service_day, &all);
    let idle: Vec<String> = days
        .iter()
        .filter(|d| d.trips == 0)
        .map(|d| w.ledger.facts.date("day without service", d.service_day, &all))
        .collect();
    let outside = (range.1 - range.0).num_days() + 1 - days.len() as i64;
    let outside =
        (outside > 0).then(|| w.ledger.facts.count("days of the period the timetable does not cover", outside, &all));
    let c = w.cite(&all, DAYS, None).await?;
    let mut kinds = Vec::new();
    for kind in DAY_KINDS {
        let of: Vec<_> = days.iter().filter(|d| d.day_kind == kind).collect();
        let Some(t) = typical(of.iter().copied()) else { continue };
        let covered = w.ledger.facts.count("days of the kind the timetable covers", of.len() as i64, &all);
        let alike = w.ledger.facts.count("days running the typical number of trips", t.alike, &all);
        w.cite(&all, DAYS, None).await?;
        let one = days_source((t.day.service_day, t.day.service_day), None);
        let trips = w.ledger.facts.count("trips on a typical day", t.trips, &one);
        let day = w.ledger.facts.date("typical day", t.day.service_day, &one);
        let c = w.cite(&one, DAYS, None).await?;
        let (_, several) = kind_words(kind, lang);
        let label = capitalised(several);
        kinds.push(json!({ "label": label, "noun": several, "days": covered, "alike": alike, "trips": trips, "day": day, "c": c }));
    }
    let mut lines = Vec::new();
    if let Some(t) = typical(days.iter().filter(|d| d.day_kind == "weekday")) {
        let day = t.day.service_day;
        for line in trips_by_line(w.pool, day).await?.into_iter().take(TOP_LINES) {
            let s = days_source((day, day), Some(&line.short_name));
            let name = w.ledger.facts.name("line", &line.short_name, &s);
            let trips = w.ledger.facts.count("trips of the line on the typical weekday", line.trips, &s);
            let c = w.cite(&s, DAYS, None).await?;
            lines.push(json!({ "name": name, "trips": trips, "c": c }));
        }
    }
    let title = lang.say("Public-transport trips each day", "Courses de transport en commun chaque jour");
    let points = days.iter().map(|d| (d.service_day, d.trips as f64)).collect();
    let series = [charts::Series { label: lang.say("trips", "courses"), points }];
    let chart = charts::daily("mobility", &title, &lang.say("trips", "courses"), &series, None, true);
    let section = json!({ "first": first, "last": last, "kinds": kinds, "lines": lines, "idle": idle, "outside": outside, "c": c });
    Ok(Some((section, chart)))
}
