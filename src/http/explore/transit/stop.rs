//! A stop's view: its lines, its next departures on a day from a time, and its departures per hour
//! that day.

use std::collections::HashMap;

use chrono::{NaiveDate, Timelike};
use serde_json::json;
use tera::Context;

use super::{DAY, Listed, Timetable, next_day_said, per_hour};
use crate::calendar::service_seconds;
use crate::charts;
use crate::http::explore::choice::{Unservable, plausible};
use crate::http::explore::{AppState, Chart, Error, Rows, url};
use crate::summarize::Lang;
use crate::timetable::{Departures, days_covered};

const NEXT_DEPARTURES: i64 = 20;
const ALL: i64 = 10_000;

/// "HH:MM" from the service day's start, as the API takes it ("24:30" after midnight).
fn service_clock(seconds: i32) -> String {
    format!("{:02}:{:02}", seconds / 3600, seconds % 3600 / 60)
}

/// The day and time a stop's departures are shown from: those asked, or now when the timetable
/// covers today, else its first day at 08:00 (said).
fn moment(
    params: &HashMap<String, String>,
    now: chrono::DateTime<chrono_tz::Tz>,
    Timetable { from, to, .. }: Timetable,
    lang: Lang,
) -> Result<(NaiveDate, i32, Option<String>), Unservable> {
    let get = |key: &str| params.get(key).map(|v| v.trim()).filter(|v| !v.is_empty());
    let today = now.date_naive();
    let covered = (from..=to).contains(&today);
    let day = match get("date") {
        Some(raw) => raw.parse::<NaiveDate>().ok().filter(plausible).ok_or_else(|| {
            Unservable(lang.say(
                &format!("{raw:?} is not a date like 2024-03-16."),
                &format!("«{raw}» n'est pas une date comme 2024-03-16."),
            ))
        })?,
        None if covered => today,
        None => from,
    };
    let time = match get("time") {
        Some(raw) => service_seconds(raw).ok_or_else(|| {
            Unservable(lang.say(
                &format!("{raw:?} is not a time like 08:30."),
                &format!("«{raw}» n'est pas une heure comme 08:30."),
            ))
        })?,
        None if covered && get("date").is_none() => (now.hour() * 3600 + now.minute() * 60) as i32,
        None => 8 * 3600,
    };
    let note = (get("date").is_none() && !covered).then(|| {
        lang.say(
            &format!(
                "The timetable does not cover today ({today}): it runs from {from} to {to}; here is its first day."
            ),
            &format!(
                "L'horaire ne couvre pas aujourd'hui ({today}) : il va du {from} au {to} ; voici son premier jour."
            ),
        )
    });
    Ok((day, time, note))
}

pub(super) async fn view(
    state: &AppState,
    name: &str,
    params: &HashMap<String, String>,
    lines: &[&Listed],
    timetable: Timetable,
    lang: Lang,
    context: &mut Context,
) -> Result<Result<Vec<Chart>, Unservable>, Error> {
    let pool = &state.pool;
    let now = chrono::Utc::now().with_timezone(&state.settings.city.tz()?);
    let (day, time, note) = match moment(params, now, timetable, lang) {
        Ok(moment) => moment,
        Err(unservable) => return Ok(Err(unservable)),
    };
    context.insert("stop", name);
    context.insert("date", &day);
    context.insert("time", &service_clock(time % DAY));
    context.insert("time_next_day", &(time >= DAY));
    context.insert("note", &note);
    context.insert("stop_lines", lines);
    let Some(service) = days_covered(pool, (Some(day), Some(day)), &[]).await?.into_iter().next() else {
        let Timetable { from, to, .. } = timetable;
        return Ok(Err(Unservable(lang.say(
            &format!("The timetable does not cover {day}: it runs from {from} to {to}."),
            &format!("L'horaire ne couvre pas le {day} : il va du {from} au {to}."),
        ))));
    };
    context.insert("no_service", &(service.trips == 0));
    let next = Departures { day, stop: Some(name), lines: &[], from: Some(time), to: None, first_stop: false };
    let said_next: Vec<serde_json::Value> = next
        .page(pool, None, NEXT_DEPARTURES)
        .await?
        .iter()
        .map(|d| {
            let line = lines.iter().find(|l| Some(&l.name) == d.route.as_ref());
            let mut said = next_day_said(d);
            said["route"] = json!(d.route);
            said["headsign"] = json!(d.headsign);
            said["terminus"] = json!(d.last_stop);
            said["colour"] = json!(line.map(|l| &l.colour));
            said["text_colour"] = json!(line.map(|l| &l.text_colour));
            said
        })
        .collect();
    context.insert("next", &said_next);
    let (date, from) = (day.to_string(), service_clock(time));
    let limit = NEXT_DEPARTURES.to_string();
    let pairs = [("date", date.as_str()), ("stop", name), ("from", from.as_str()), ("limit", limit.as_str())];
    context.insert("next_rows", &url("/api/v1/transit/departures", &pairs));

    let all = Departures { from: None, ..next };
    let calls = all.page(pool, None, ALL).await?;
    let hours = per_hour(&calls);
    let count: f64 = hours.iter().map(|h| h.1).sum();
    let arrivals = calls.iter().filter(|d| d.last_stop).count();
    let title =
        lang.say(&format!("{name}: departures per hour on {day}"), &format!("{name} : départs par heure le {day}"));
    let text = match arrivals {
        0 => lang.say(&format!("{count} departures on {day}"), &format!("{count} départs le {day}")),
        n => lang.say(
            &format!("{count} departures on {day}, and {n} arrivals at the end of their line (in the rows too)"),
            &format!("{count} départs le {day}, et {n} arrivées en terminus (aussi dans les données)"),
        ),
    };
    let series = [(lang.say("departures", "départs"), hours)];
    let rows = url("/api/v1/transit/departures", &[("date", &date), ("stop", name), ("limit", "10000")]);
    Ok(Ok(vec![Chart {
        svg: charts::hours("transit-stop-hours", &title, &lang.say("departures", "départs"), &series),
        rows: Rows::of(rows),
        text,
    }]))
}
