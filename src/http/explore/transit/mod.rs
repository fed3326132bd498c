//! `/explore/transit`: the public-transport timetable (GTFS) of the newest timetable held (the one
//! starting last). The network (its map from the lines' shapes and stops, its trips per day), a
//! line (`line`) and a stop (`stop`).

mod line;
mod stop;

use std::collections::{BTreeMap, HashMap, HashSet};

use axum::extract::State;
use axum::response::Response;
use chrono::NaiveDate;
use serde::Serialize;
use sqlx::PgPool;
use tera::Context;

use super::choice::Unservable;
use super::{AppState, Chart, Error, Rows, url};
use crate::charts;
use crate::http::rows::{Params, params};
use crate::http::transit::{Stop, routes, shape_rows, stop_rows};
use crate::question::fold;
use crate::summarize::Lang;
use crate::timetable::{Departure, days_covered, network_days};

#[tracing::instrument(name = "explore_transit", skip_all)]
pub async fn transit(State(state): State<AppState>, query: Params) -> Result<Response, Error> {
    let params = params(query)?;
    let lang = super::lang_of(&params);
    let mut context = super::base(&state, "/explore/transit", &params, lang);
    let outcome = page(&state, &params, lang, &mut context).await?;
    let status = super::status_of(outcome, &mut context);
    super::render(&state, "explore_transit.html.tera", &context, status)
}

/// The timetable a view shows: its feed and the days it covers.
#[derive(Clone, Copy)]
struct Timetable {
    feed: i64,
    from: NaiveDate,
    to: NaiveDate,
}

/// A line in the lists: its name, its colours and its page.
#[derive(Serialize)]
struct Listed {
    name: String,
    long_name: String,
    tram: bool,
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

/// Seconds in a day: a service time past it is the next day's clock time.
const DAY: i32 = 24 * 3600;

/// A departure's clock time, marked when it is the next day's.
fn next_day_said(d: &Departure) -> serde_json::Value {
    serde_json::json!({ "clock": d.clock, "next_day": d.departure_s >= DAY })
}

async fn page(
    state: &AppState,
    params: &HashMap<String, String>,
    lang: Lang,
    context: &mut Context,
) -> Result<Result<(), Unservable>, Error> {
    let get = |key: &str| params.get(key).map(|v| v.trim()).filter(|v| !v.is_empty());
    let held = routes(&state.pool).await?;
    let Some(newest) = held.iter().max_by_key(|r| (r.valid_from, r.feed_id)) else {
        return Ok(Err(Unservable(lang.say(
            "No timetable is loaded: `smartcity import gtfs FILE.zip` imports one.",
            "Aucun horaire n'est chargé : `smartcity import gtfs FICHIER.zip` en importe un.",
        ))));
    };
    let timetable = Timetable { feed: newest.feed_id, from: newest.valid_from, to: newest.valid_to };
    context.insert("valid_from", &timetable.from);
    context.insert("valid_to", &timetable.to);
    let listed: Vec<Listed> = held
        .iter()
        .filter(|r| r.feed_id == timetable.feed)
        .filter_map(|r| {
            let name = r.short_name.clone()?;
            Some(Listed {
                href: url("/explore/transit", &[("route", &name), ("lang", lang.code())]),
                long_name: r.long_name.clone().unwrap_or_default(),
                tram: r.route_type == 0,
                colour: colour(r.color.as_ref(), "#57606a"),
                text_colour: colour(r.text_color.as_ref(), "#ffffff"),
                name,
            })
        })
        .collect();
    context.insert("lines", &listed);
    let served: Vec<Stop> = stop_rows(&state.pool, None, None, None)
        .await?
        .into_iter()
        .filter(|s| s.feed_id == timetable.feed && !s.lines.is_empty())
        .collect();
    let mut names: Vec<String> = served.iter().map(|s| s.name.clone()).collect();
    names.sort();
    names.dedup();
    context.insert("stop_names", &names);
    let charts = match (get("route"), get("stop")) {
        (Some(_), Some(_)) => Err(Unservable(
            lang.say("Choose a line or a stop, not both.", "Choisissez une ligne ou un arrêt, pas les deux."),
        )),
        (Some(route), None) => match listed.iter().find(|l| l.name == route) {
            Some(line) => {
                let platforms: Vec<&Stop> = served.iter().filter(|s| s.lines.contains(&line.name)).collect();
                Ok(line::view(&state.pool, timetable, (line, &platforms), lang, context).await?)
            }
            None => {
                let known: Vec<&str> = listed.iter().map(|l| l.name.as_str()).collect();
                Err(Unservable(lang.say(
                    &format!("There is no line {route:?} in the timetable; its lines: {}.", known.join(", ")),
                    &format!("Il n'y a pas de ligne «{route}» dans l'horaire ; ses lignes : {}.", known.join(", ")),
                )))
            }
        },
        (None, Some(stop)) => {
            match names.iter().find(|n| *n == stop).or_else(|| names.iter().find(|n| fold(n) == fold(stop))) {
                Some(name) => {
                    let at: Vec<&Listed> = listed
                        .iter()
                        .filter(|l| served.iter().any(|s| s.name == *name && s.lines.contains(&l.name)))
                        .collect();
                    stop::view(state, name, params, &at, timetable, lang, context).await?
                }
                None => Err(Unservable(lang.say(
                    &format!("There is no stop named {stop:?} in the timetable: pick one from the list."),
                    &format!("Il n'y a pas d'arrêt nommé «{stop}» dans l'horaire : choisissez-en un dans la liste."),
                ))),
            }
        }
        (None, None) => Ok(network(&state.pool, timetable, &listed, &served, lang).await?),
    };
    let charts = match charts {
        Ok(charts) => charts,
        Err(unservable) => return Ok(Err(unservable)),
    };
    context.insert("charts", &charts.into_iter().filter(|c| !c.svg.is_empty()).collect::<Vec<_>>());
    Ok(Ok(()))
}

/// "20 stops (37 platforms)": a stop's name may hold several platforms.
fn stops_said(platforms: &[&Stop], lang: Lang) -> String {
    let names = platforms.iter().map(|s| &s.name).collect::<HashSet<_>>().len();
    let n = platforms.len();
    lang.say(&format!("{names} stops ({n} platforms)"), &format!("{names} arrêts ({n} quais)"))
}

fn on_map(stop: &Stop) -> Option<charts::Stop> {
    Some(charts::Stop { longitude: stop.longitude?, latitude: stop.latitude?, name: stop.name.clone() })
}

/// The lines' paths for the map (of `only` lines, all when empty), trams wider and on top.
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
                let known = listed.iter().find(|l| l.name == route);
                let colour = known.map_or("#57606a".into(), |l| l.colour.clone());
                let width = if known.is_some_and(|l| l.tram) { 4.0 } else { 2.0 };
                lines.push(charts::Line { route, colour, width, paths: vec![path] });
            }
        }
    }
    lines.sort_by(|a, b| a.width.total_cmp(&b.width));
    Ok(lines)
}

/// A map of `lines` and `platforms`, with the rows of both.
fn map(id: &str, title: &str, lines: &[charts::Line], platforms: &[&Stop], only: &[(&str, &str)], lang: Lang) -> Chart {
    let stops: Vec<charts::Stop> = platforms.iter().copied().filter_map(on_map).collect();
    let text = stops_said(platforms, lang);
    Chart {
        svg: charts::network(id, title, &text, lines, &stops),
        rows: vec![
            Rows { label: Some(lang.say("paths", "parcours")), url: url("/api/v1/transit/shapes", only) },
            Rows { label: Some(lang.say("stops", "arrêts")), url: url("/api/v1/transit/stops", only) },
        ],
        text,
    }
}

async fn network(
    pool: &PgPool,
    Timetable { from, to, .. }: Timetable,
    listed: &[Listed],
    served: &[Stop],
    lang: Lang,
) -> Result<Vec<Chart>, Error> {
    let lines = map_lines(pool, listed, &[]).await?;
    let title = lang.say("The network: its lines and stops", "Le réseau : ses lignes et ses arrêts");
    let served: Vec<&Stop> = served.iter().collect();
    let mut map = map("transit-map", &title, &lines, &served, &[], lang);
    map.text = lang.say(
        &format!("{} lines drawn from their paths; {}", lines.len(), map.text),
        &format!("{} lignes tracées d'après leurs parcours ; {}", lines.len(), map.text),
    );

    let days = network_days(days_covered(pool, (Some(from), Some(to)), &[]).await?);
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

/// Departures per hour of the service day (after midnight, 24 and more), arrivals at a terminus aside.
fn per_hour(departures: &[Departure]) -> Vec<(u32, f64)> {
    let mut hours: BTreeMap<u32, f64> = BTreeMap::new();
    for d in departures.iter().filter(|d| !d.last_stop) {
        *hours.entry((d.departure_s / 3600) as u32).or_default() += 1.0;
    }
    hours.into_iter().collect()
}
