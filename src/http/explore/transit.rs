//! `/explore/transit`: the public-transport timetable (GTFS). The network (its map from the lines'
//! shapes and stops, its trips per day), a line (its map, its departures per hour on a typical day
//! of each kind, first and last trips, its stops in order) and a stop (its lines, its departures of
//! a chosen day from a chosen time, per hour).

use std::collections::{BTreeMap, HashMap};

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::Response;
use chrono::{NaiveDate, Timelike};
use serde::Serialize;
use serde_json::json;
use sqlx::PgPool;
use tera::Context;

use super::choice::Unservable;
use super::{AppState, Chart, Error, Rows, url};
use crate::calendar::{clock_time, service_seconds};
use crate::charts;
use crate::http::rows::{Params, params};
use crate::http::transit::{Route, Stop, routes, shape_rows, stop_rows};
use crate::question::fold;
use crate::summarize::Lang;
use crate::timetable::{Departure, Departures, days_covered};

const NEXT_DEPARTURES: i64 = 20;
const ALL: i64 = 10_000;

#[tracing::instrument(name = "explore_transit", skip_all)]
pub async fn transit(State(state): State<AppState>, query: Params) -> Result<Response, Error> {
    let params = params(query)?;
    let lang = super::lang_of(&params);
    let mut context = super::base(&state, "/explore/transit", &params, lang);
    let status = match page(&state, &params, lang, &mut context).await? {
        Ok(()) => StatusCode::OK,
        Err(Unservable(message)) => {
            context.insert("error", &message);
            StatusCode::BAD_REQUEST
        }
    };
    super::render(&state, "explore_transit.html.tera", &context, status)
}

/// A line in the lists: its name, its colours and its page.
#[derive(Serialize)]
struct Listed {
    name: String,
    long_name: String,
    colour: String,
    text_colour: String,
    href: String,
}

fn colour(hex: Option<&String>, default: &str) -> String {
    match hex {
        Some(h) if h.len() == 6 && h.chars().all(|c| c.is_ascii_hexdigit()) => format!("#{h}"),
        _ => default.into(),
    }
}

async fn page(
    state: &AppState,
    params: &HashMap<String, String>,
    lang: Lang,
    context: &mut Context,
) -> Result<Result<(), Unservable>, Error> {
    let get = |key: &str| params.get(key).map(|v| v.trim()).filter(|v| !v.is_empty());
    let newest = routes(&state.pool).await?;
    let Some(feed) = newest.iter().map(|r| r.feed_id).max() else {
        return Ok(Err(Unservable(lang.say(
            "No timetable is loaded: `smartcity import gtfs FILE.zip` imports one.",
            "Aucun horaire n'est chargé : `smartcity import gtfs FICHIER.zip` en importe un.",
        ))));
    };
    let lines: Vec<&Route> = newest.iter().filter(|r| r.feed_id == feed && r.short_name.is_some()).collect();
    let (from, to) = (lines[0].valid_from, lines[0].valid_to);
    context.insert("valid_from", &from);
    context.insert("valid_to", &to);
    let listed: Vec<Listed> = lines
        .iter()
        .map(|r| {
            let name = r.short_name.clone().unwrap_or_default();
            Listed {
                href: url("/explore/transit", &[("route", &name), ("lang", lang.code())]),
                long_name: r.long_name.clone().unwrap_or_default(),
                colour: colour(r.color.as_ref(), "#57606a"),
                text_colour: colour(r.text_color.as_ref(), "#ffffff"),
                name,
            }
        })
        .collect();
    context.insert("lines", &listed);
    let served: Vec<Stop> =
        stop_rows(&state.pool, None, None, None).await?.into_iter().filter(|s| !s.lines.is_empty()).collect();
    let mut names: Vec<String> = served.iter().map(|s| s.name.clone()).collect();
    names.sort();
    names.dedup();
    context.insert("stop_names", &names);
    let charts = match (get("route"), get("stop")) {
        (Some(_), Some(_)) => {
            return Ok(Err(Unservable(
                lang.say("Choose a line or a stop, not both.", "Choisissez une ligne ou un arrêt, pas les deux."),
            )));
        }
        (Some(route), None) => match listed.iter().find(|l| l.name == route) {
            Some(line) => line_view(&state.pool, line, lang, context).await?,
            None => {
                let known: Vec<&str> = listed.iter().map(|l| l.name.as_str()).collect();
                return Ok(Err(Unservable(lang.say(
                    &format!("There is no line {route:?} in the timetable; its lines: {}.", known.join(", ")),
                    &format!("Il n'y a pas de ligne «{route}» dans l'horaire ; ses lignes : {}.", known.join(", ")),
                ))));
            }
        },
        (None, Some(stop)) => {
            match names.iter().find(|n| *n == stop).or_else(|| names.iter().find(|n| fold(n) == fold(stop))) {
                Some(name) => match stop_view(state, name, params, &listed, (from, to), lang, context).await? {
                    Ok(charts) => charts,
                    Err(unservable) => return Ok(Err(unservable)),
                },
                None => {
                    return Ok(Err(Unservable(lang.say(
                        &format!("There is no stop named {stop:?} in the timetable: pick one from the list."),
                        &format!(
                            "Il n'y a pas d'arrêt nommé «{stop}» dans l'horaire : choisissez-en un dans la liste."
                        ),
                    ))));
                }
            }
        }
        (None, None) => network_view(&state.pool, (from, to), &listed, &served, lang).await?,
    };
    context.insert("charts", &charts.into_iter().filter(|c| !c.svg.is_empty()).collect::<Vec<_>>());
    Ok(Ok(()))
}

fn on_map(stop: &Stop) -> Option<charts::Stop> {
    Some(charts::Stop { longitude: stop.longitude?, latitude: stop.latitude?, name: stop.name.clone() })
}

/// The lines' paths for the map, buses under trams, each path once.
async fn map_lines(pool: &PgPool, listed: &[Listed], only: &[String]) -> sqlx::Result<Vec<charts::Line>> {
    let mut paths: BTreeMap<(String, String), Vec<(f64, f64)>> = BTreeMap::new();
    for point in shape_rows(pool, only).await? {
        let key = (point.route.unwrap_or_default(), point.shape_id);
        paths.entry(key).or_default().push((point.longitude, point.latitude));
    }
    let mut lines: Vec<charts::Line> = Vec::new();
    for ((route, _), path) in paths {
        match lines.last_mut() {
            Some(line) if line.route == route => line.paths.push(path),
            _ => {
                let colour = listed.iter().find(|l| l.name == route).map_or("#57606a".into(), |l| l.colour.clone());
                lines.push(charts::Line { route, colour, width: 2.0, paths: vec![path] });
            }
        }
    }
    Ok(lines)
}

async fn network_view(
    pool: &PgPool,
    (from, to): (NaiveDate, NaiveDate),
    listed: &[Listed],
    served: &[Stop],
    lang: Lang,
) -> Result<Vec<Chart>, Error> {
    let mut lines = map_lines(pool, listed, &[]).await?;
    let trams: Vec<String> =
        routes(pool).await?.into_iter().filter(|r| r.route_type == 0).filter_map(|r| r.short_name).collect();
    lines.sort_by_key(|l| trams.contains(&l.route));
    for line in lines.iter_mut().filter(|l| trams.contains(&l.route)) {
        line.width = 4.0;
    }
    let stops: Vec<charts::Stop> = served.iter().filter_map(on_map).collect();
    let title = lang.say("The network: its lines and stops", "Le réseau : ses lignes et ses arrêts");
    let text = lang.say(
        &format!("{} lines drawn from their paths, {} stops served", lines.len(), stops.len()),
        &format!("{} lignes tracées d'après leurs parcours, {} arrêts desservis", lines.len(), stops.len()),
    );
    let map = Chart {
        svg: charts::network("transit-map", &title, &text, &lines, &stops),
        rows: vec![
            Rows { label: Some(lang.say("paths", "parcours")), url: url("/api/v1/transit/shapes", &[]) },
            Rows { label: Some(lang.say("stops", "arrêts")), url: url("/api/v1/transit/stops", &[]) },
        ],
        text,
    };

    let days = days_covered(pool, (Some(from), Some(to)), &[]).await?;
    let points: Vec<(NaiveDate, f64)> = days.iter().map(|d| (d.service_day, d.trips as f64)).collect();
    let idle: Vec<String> = days.iter().filter(|d| d.trips == 0).map(|d| d.service_day.to_string()).collect();
    let series = [charts::Series { label: lang.say("trips", "courses"), points }];
    let title = lang.say("Trips run each day", "Courses de chaque jour");
    let text = match idle.is_empty() {
        true => lang.say(
            &format!("{} days from {from} to {to}, every one with service", days.len()),
            &format!("{} jours du {from} au {to}, tous avec du service", days.len()),
        ),
        false => lang.say(
            &format!("{} days from {from} to {to}; without service: {}", days.len(), idle.join(", ")),
            &format!("{} jours du {from} au {to} ; sans service : {}", days.len(), idle.join(", ")),
        ),
    };
    let (from, to) = (from.to_string(), to.to_string());
    let per_day = Chart {
        svg: charts::daily("transit-days", &title, &lang.say("trips", "courses"), &series, None, true),
        rows: Rows::of(url("/api/v1/transit/days", &[("from", &from), ("to", &to)])),
        text,
    };
    Ok(vec![map, per_day])
}

#[derive(sqlx::FromRow)]
struct TypicalDay {
    day_kind: String,
    day: NaiveDate,
    trips: i64,
    days: i64,
}

#[derive(sqlx::FromRow)]
struct OnTheLine {
    direction: Option<i16>,
    trips: i64,
    name: String,
}

fn kind_name(kind: &str, lang: Lang) -> String {
    match kind {
        "weekday" => lang.say("Weekdays", "En semaine"),
        "saturday" => lang.say("Saturdays", "Le samedi"),
        _ => lang.say("Sundays", "Le dimanche"),
    }
}

/// Departures per hour of the service day (after midnight, 24 and more), arrivals at a terminus aside.
fn per_hour(departures: &[Departure]) -> Vec<(u32, f64)> {
    let mut hours: BTreeMap<u32, f64> = BTreeMap::new();
    for d in departures.iter().filter(|d| !d.last_stop) {
        *hours.entry((d.departure_s / 3600) as u32).or_default() += 1.0;
    }
    hours.into_iter().collect()
}

async fn line_view(pool: &PgPool, line: &Listed, lang: Lang, context: &mut Context) -> Result<Vec<Chart>, Error> {
    let only = [line.name.clone()];
    let lines = map_lines(pool, std::slice::from_ref(line), &only).await?;
    let stops: Vec<charts::Stop> =
        stop_rows(pool, None, None, Some(&line.name)).await?.iter().filter_map(on_map).collect();
    let name = &line.name;
    let title =
        lang.say(&format!("Line {name}: its paths and stops"), &format!("Ligne {name} : ses parcours et ses arrêts"));
    let text = lang.say(&format!("{} stops", stops.len()), &format!("{} arrêts", stops.len()));
    let map = Chart {
        svg: charts::network("transit-line-map", &title, &text, &lines, &stops),
        rows: vec![
            Rows { label: Some(lang.say("paths", "parcours")), url: url("/api/v1/transit/shapes", &[("route", name)]) },
            Rows { label: Some(lang.say("stops", "arrêts")), url: url("/api/v1/transit/stops", &[("route", name)]) },
        ],
        text,
    };

    let mut typical: Vec<TypicalDay> =
        sqlx::query_as(include_str!("../sql/transit_line_days.sql")).bind(name).fetch_all(pool).await?;
    typical.sort_by_key(|t| ["weekday", "saturday", "sunday"].iter().position(|k| *k == t.day_kind));
    let mut series = Vec::new();
    let mut rows = Vec::new();
    let mut days = Vec::new();
    for t in &typical {
        let filter = Departures { day: t.day, stop: None, lines: &only, from: None, to: None, first_stop: true };
        let departures = filter.page(pool, None, ALL).await?;
        let label = format!("{} ({})", kind_name(&t.day_kind, lang), t.day);
        let day = t.day.to_string();
        rows.push(Rows {
            label: Some(label.clone()),
            url: url(
                "/api/v1/transit/departures",
                &[("date", &day), ("route", name), ("first_stop", "true"), ("limit", "10000")],
            ),
        });
        days.push(json!({
            "kind": kind_name(&t.day_kind, lang), "day": t.day, "trips": t.trips, "days": t.days,
            "first": departures.first().map(|d| d.clock.clone()), "last": departures.last().map(|d| d.clock.clone()),
            "href": rows.last().map(|r| r.url.clone()),
        }));
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
        .join("; ");
    let hourly =
        Chart { svg: charts::hours("transit-line-hours", &title, &lang.say("trips", "courses"), &series), rows, text };
    context.insert("line", line);
    context.insert("typical", &days);

    let calls: Vec<OnTheLine> =
        sqlx::query_as(include_str!("../sql/transit_line_stops.sql")).bind(name).fetch_all(pool).await?;
    let mut directions: Vec<serde_json::Value> = Vec::new();
    for direction in calls.chunk_by(|a, b| a.direction == b.direction) {
        let stops: Vec<serde_json::Value> = direction
            .iter()
            .map(|c| json!({ "name": c.name, "href": url("/explore/transit", &[("stop", &c.name), ("lang", lang.code())]) }))
            .collect();
        directions.push(json!({ "trips": direction[0].trips, "stops": stops }));
    }
    context.insert("directions", &directions);
    Ok(vec![map, hourly])
}

/// The day and time a stop's departures are shown from: those asked, or now when the timetable
/// covers today, else its first day at 08:00 (said).
fn moment(
    params: &HashMap<String, String>,
    now: chrono::DateTime<chrono_tz::Tz>,
    (from, to): (NaiveDate, NaiveDate),
    lang: Lang,
) -> Result<(NaiveDate, i32, Option<String>), Unservable> {
    let get = |key: &str| params.get(key).map(|v| v.trim()).filter(|v| !v.is_empty());
    let today = now.date_naive();
    let covered = (from..=to).contains(&today);
    let day = match get("date") {
        Some(raw) => raw.parse::<NaiveDate>().map_err(|_| {
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

async fn stop_view(
    state: &AppState,
    name: &str,
    params: &HashMap<String, String>,
    listed: &[Listed],
    (from, to): (NaiveDate, NaiveDate),
    lang: Lang,
    context: &mut Context,
) -> Result<Result<Vec<Chart>, Unservable>, Error> {
    let pool = &state.pool;
    let now = chrono::Utc::now().with_timezone(&state.settings.city.tz()?);
    let (day, time, note) = match moment(params, now, (from, to), lang) {
        Ok(moment) => moment,
        Err(unservable) => return Ok(Err(unservable)),
    };
    context.insert("stop", name);
    context.insert("date", &day);
    context.insert("time", &clock_time(time));
    context.insert("note", &note);
    let mut at_stop: Vec<String> =
        stop_rows(pool, Some(name), None, None).await?.into_iter().flat_map(|s| s.lines).collect();
    at_stop.sort();
    at_stop.dedup();
    context.insert("stop_lines", &listed.iter().filter(|l| at_stop.contains(&l.name)).collect::<Vec<_>>());
    let covered = days_covered(pool, (Some(day), Some(day)), &[]).await?;
    let Some(service) = covered.first() else {
        return Ok(Err(Unservable(lang.say(
            &format!("The timetable does not cover {day}: it runs from {from} to {to}."),
            &format!("L'horaire ne couvre pas le {day} : il va du {from} au {to}."),
        ))));
    };
    let clock = clock_time(time);
    let next = Departures { day, stop: Some(name), lines: &[], from: Some(time), to: None, first_stop: false };
    let date = day.to_string();
    let listed_next: Vec<serde_json::Value> = next
        .page(pool, None, NEXT_DEPARTURES)
        .await?
        .iter()
        .map(|d| {
            let line = listed.iter().find(|l| Some(&l.name) == d.route.as_ref());
            json!({ "clock": d.clock, "next_day": d.departure_s >= 24 * 3600, "route": d.route, "headsign": d.headsign,
                    "terminus": d.last_stop, "colour": line.map(|l| &l.colour), "text_colour": line.map(|l| &l.text_colour) })
        })
        .collect();
    context.insert("next", &listed_next);
    context.insert(
        "next_rows",
        &url(
            "/api/v1/transit/departures",
            &[("date", &date), ("stop", name), ("from", &clock), ("limit", &NEXT_DEPARTURES.to_string())],
        ),
    );
    context.insert("no_service", &(service.trips == 0));

    let all = Departures { from: None, ..next };
    let departures = all.page(pool, None, ALL).await?;
    let hours = per_hour(&departures);
    let count: f64 = hours.iter().map(|h| h.1).sum();
    let title =
        lang.say(&format!("{name}: departures per hour on {day}"), &format!("{name} : départs par heure le {day}"));
    let text = lang.say(
        &format!("{count} departures on {day} (arrivals at a terminus aside)"),
        &format!("{count} départs le {day} (arrivées en terminus exclues)"),
    );
    let series = [(lang.say("departures", "départs"), hours)];
    Ok(Ok(vec![Chart {
        svg: charts::hours("transit-stop-hours", &title, &lang.say("departures", "départs"), &series),
        rows: Rows::of(url("/api/v1/transit/departures", &[("date", &date), ("stop", name), ("limit", "10000")])),
        text,
    }]))
}
