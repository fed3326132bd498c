//! Dashboards drawn on the server (SVG, no script): `/explore` (a variable at the city or a station
//! over a period: its days against the guideline, its months, the same months of earlier years, a
//! calendar, the days above each threshold and a map of the stations), `/explore/weather` (a chart
//! per weather variable and the model's forecast), `/explore/relations` (a pollutant against a
//! weather variable), `/explore/housing` (a commune's property sales), `/explore/transit` (the
//! public-transport timetable: the network, a line, a stop) and `/explore/chart.svg` (the
//! small chart under an answer about a period).
//! The URL holds every choice, so a view is shared by its address; every chart links its rows.

mod choice;
mod housing;
mod relations;
mod sections;
mod transit;
mod weather;

use std::collections::HashMap;

use axum::extract::State;
use axum::http::{StatusCode, header};
use axum::response::{Html, IntoResponse, Response};
use chrono::{Datelike, NaiveDate};
use serde::Serialize;
use sqlx::PgPool;
use tera::Context;

pub use housing::housing;
pub use relations::relations;
pub use transit::transit;
use weather::Figure;
pub use weather::weather;

use super::rows::{Params, daily_rows, params};
use super::{AppState, Error};
use crate::answer::figures::{self, Holdings};
use crate::charts;
use crate::summarize::Lang;
use choice::{Entry, Scope, Unservable};

/// A variable's name as a chart's title says it.
pub(super) fn label(variable: &str, lang: Lang) -> String {
    let (en, fr) = match variable {
        "pm25" => ("PM2.5", "PM2,5"),
        "pm10" => ("PM10", "PM10"),
        "no2" => ("NO2", "NO2"),
        "o3" => ("O3", "O3"),
        "so2" => ("SO2", "SO2"),
        "co" => ("CO", "CO"),
        "temperature" => ("Temperature", "Température"),
        "precipitation" => ("Rainfall", "Pluie"),
        "wind_speed" => ("Wind speed", "Vitesse du vent"),
        "wind_gust" => ("Wind gusts", "Rafales de vent"),
        "humidity" => ("Humidity", "Humidité"),
        "pressure_msl" => ("Sea-level pressure", "Pression au niveau de la mer"),
        other => (other, other),
    };
    lang.say(en, fr)
}

/// A day's figure: the day's rainfall is its sum (none when not measured), any other variable's its mean.
fn value(variable: &str, (_, mean, total): &(NaiveDate, f64, Option<f64>)) -> Option<f64> {
    if variable == "precipitation" { *total } else { Some(*mean) }
}

/// A chart, the analyst API's URLs of its rows (the template adds `&format=csv` for the CSV) and a
/// sentence for who cannot see it.
#[derive(Serialize)]
struct Chart {
    svg: String,
    rows: Vec<Rows>,
    text: String,
}

/// The rows of one series of a chart, named when the chart has several.
#[derive(Serialize)]
struct Rows {
    label: Option<String>,
    url: String,
}

impl Rows {
    fn of(url: String) -> Vec<Rows> {
        vec![Rows { label: None, url }]
    }
}

/// `path` with its query, every value encoded ("5+" stays 5+).
fn url(path: &str, pairs: &[(&str, &str)]) -> String {
    let query =
        reqwest::Url::parse_with_params("http://page/", pairs).map(|u| u.query().unwrap_or_default().to_string());
    format!("{path}?{}", query.unwrap_or_default())
}

/// The analyst API's URL of the daily rows behind a chart: the city's daily means, or a station's rows.
fn rows_url(scope: &Scope, variable: &str, (from, to): (NaiveDate, NaiveDate)) -> String {
    let (from, to) = (from.to_string(), to.to_string());
    match scope {
        Scope::City(_) => url(
            "/api/v1/daily",
            &[("scope", "city"), ("variable", variable), ("from", &from), ("to", &to), ("means", "true")],
        ),
        Scope::Station(s) => url(
            "/api/v1/daily",
            &[
                ("station_id", &s.id.to_string()),
                ("variable", variable),
                ("from", &from),
                ("to", &to),
                ("limit", "10000"),
            ],
        ),
    }
}

fn place_name(scope: &Scope, city: &str, lang: Lang) -> String {
    match scope {
        Scope::City(ids) => lang.say(
            &format!("{city} (mean of {} stations)", ids.len()),
            &format!("{city} (moyenne de {} stations)", ids.len()),
        ),
        Scope::Station(s) if s.kind == "model_grid" => {
            lang.say(&format!("{} (model, not a measurement)", s.name), &format!("{} (modèle, pas une mesure)", s.name))
        }
        Scope::Station(s) => s.name.clone(),
    }
}

fn lang_of(params: &HashMap<String, String>) -> Lang {
    params.get("lang").and_then(|c| Lang::from_code(c)).unwrap_or(Lang::En)
}

/// The page's address with `lang` switched: the same view in the other language.
fn with_lang(path: &str, params: &HashMap<String, String>, lang: Lang) -> String {
    let mut pairs: Vec<(&str, &str)> =
        params.iter().filter(|(k, _)| *k != "lang").map(|(k, v)| (k.as_str(), v.as_str())).collect();
    pairs.sort();
    pairs.push(("lang", lang.code()));
    url(path, &pairs)
}

/// A page's status: 200, or 400 with the reason the data cannot serve the choice in `context`.
fn status_of(outcome: Result<(), Unservable>, context: &mut Context) -> StatusCode {
    match outcome {
        Ok(()) => StatusCode::OK,
        Err(Unservable(message)) => {
            context.insert("error", &message);
            StatusCode::BAD_REQUEST
        }
    }
}

fn render(state: &AppState, template: &str, context: &Context, status: StatusCode) -> Result<Response, Error> {
    let html = state.pages.render(template, context).map_err(anyhow::Error::from)?;
    Ok((status, Html(html)).into_response())
}

/// What every dashboard's template gets: language, city, the other language's link.
fn base(state: &AppState, path: &str, params: &HashMap<String, String>, lang: Lang) -> Context {
    let mut context = Context::new();
    context.insert("lang", lang.code());
    context.insert("city", &state.settings.city.name);
    context.insert("path", path);
    context.insert("other_lang", &with_lang(path, params, if lang == Lang::Fr { Lang::En } else { Lang::Fr }));
    context
}

/// The variables the service holds, air first, as a form's list.
fn variables(holdings: &Holdings, only: &[&str], chosen: &str, lang: Lang) -> Vec<Entry> {
    only.iter()
        .filter(|v| !holdings.stations(v).is_empty())
        .map(|v| Entry { value: v.to_string(), label: label(v, lang), selected: *v == chosen })
        .collect()
}

/// The places holding `variable` as a form's list.
fn place_options(state: &AppState, holdings: &Holdings, variable: &str, chosen: &Scope, lang: Lang) -> Vec<Entry> {
    let (city, stations) = choice::places(holdings, variable);
    let chosen = chosen.param();
    let city = city.map(|c| Entry {
        value: "city".into(),
        label: place_name(&c, &state.settings.city.name, lang),
        selected: chosen == "city",
    });
    let stations = stations.into_iter().map(|s| Entry {
        value: s.id.to_string(),
        label: place_name(&Scope::Station(s.clone()), "", lang),
        selected: chosen == s.id.to_string(),
    });
    city.into_iter().chain(stations).collect()
}

async fn unit(pool: &PgPool, stations: &[i64], variable: &str) -> sqlx::Result<String> {
    let unit: Option<String> = sqlx::query_scalar(include_str!("../sql/explore_unit.sql"))
        .bind(stations)
        .bind(variable)
        .fetch_optional(pool)
        .await?;
    Ok(unit.unwrap_or_default())
}

/// The form's period fields as the URL gave them (or as the view resolved them).
fn insert_period(
    context: &mut Context,
    preset: &str,
    (from, to): (NaiveDate, NaiveDate),
    span: (NaiveDate, NaiveDate),
) {
    context.insert("period", preset);
    context.insert("from", &from);
    context.insert("to", &to);
    context.insert("month", &to.format("%Y-%m").to_string());
    context.insert("year", &to.year());
    context.insert("years", &(span.0.year()..=span.1.year()).rev().collect::<Vec<_>>());
}

/// `/explore`: one variable at the city or a station over a period.
#[tracing::instrument(name = "explore", skip_all)]
pub async fn explore(State(state): State<AppState>, query: Params) -> Result<Response, Error> {
    let params = params(query)?;
    let lang = lang_of(&params);
    let mut context = base(&state, "/explore", &params, lang);
    let (_, holdings) = Holdings::load(&state.pool, &state.settings.city).await?;
    let all: Vec<&str> =
        crate::question::AIR_VARIABLES.iter().chain(crate::question::WEATHER_VARIABLES).copied().collect();
    let variable = params.get("variable").map(|v| v.trim()).filter(|v| !v.is_empty()).unwrap_or("pm25").to_string();
    context.insert("variables", &variables(&holdings, &all, &variable, lang));
    context.insert("variable", &variable);
    context.insert("variable_label", &label(&variable, lang));
    let outcome = sections::explore(&state, &holdings, &params, &variable, lang, &mut context).await?;
    let status = status_of(outcome, &mut context);
    render(&state, "explore.html.tera", &context, status)
}

/// `/explore/chart.svg`: the daily series of a variable between two days at the city or stations
/// (`station=city,12`, at most four), with its guideline; the chart under an answer about a period.
#[tracing::instrument(name = "explore_chart", skip_all)]
pub async fn chart(State(state): State<AppState>, query: Params) -> Result<Response, Error> {
    let params = params(query)?;
    let lang = lang_of(&params);
    let (_, holdings) = Holdings::load(&state.pool, &state.settings.city).await?;
    let variable =
        params.get("variable").ok_or_else(|| Error::BadRequest("variable is required (pm25, ...).".into()))?;
    let named: Vec<&str> = params.get("station").map_or(vec!["city"], |s| s.split(',').map(str::trim).collect());
    if named.len() > crate::answer::MAX_CHART_PLACES || named.contains(&"") {
        return Err(Error::BadRequest(format!(
            "station is a list of at most {} places (city or a station id), comma-separated.",
            crate::answer::MAX_CHART_PLACES
        )));
    }
    let mut ranged = params.clone();
    ranged.insert("period".into(), "range".into());
    let unservable = |Unservable(m)| Error::BadRequest(m);
    let (_, range) = choice::period(&ranged, (NaiveDate::MIN, NaiveDate::MAX), lang).map_err(unservable)?;
    let mut series = Vec::new();
    let mut ids = Vec::new();
    let single = named.len() == 1;
    for name in named {
        let scope = choice::scope(&holdings, variable, Some(name), lang).map_err(unservable)?;
        let place = place_name(&scope, &state.settings.city.name, lang);
        match &scope {
            // A temperature's answer may be a day's highest or lowest reading: they are drawn too.
            Scope::Station(station) if single && variable == "temperature" => {
                let rows = daily_rows(&state.pool, &[station.id], variable, range).await?;
                for figure in [Figure::Min, Figure::Mean, Figure::Max] {
                    let points = rows.iter().filter_map(|r| Some((r.day, figure.of(r)?))).collect();
                    series.push(charts::Series { label: format!("{place}, {}", figure.label(lang)), points });
                }
            }
            _ => {
                let days = crate::briefs::series(&state.pool, &scope.ids(), variable, range).await?;
                let points = days.iter().filter_map(|d| Some((d.0, value(variable, d)?))).collect();
                series.push(charts::Series { label: place, points });
            }
        }
        ids.extend(scope.ids());
    }
    if series.iter().all(|s| s.points.is_empty()) {
        return Err(Error::NotFound(format!("No {variable} data from {} to {}.", range.0, range.1)));
    }
    let who = figures::who_daily(figures::thresholds(&state.pool).await?, variable);
    let svg = charts::daily(
        "answer-chart",
        &format!("{}, {} – {}", label(variable, lang), range.0, range.1),
        &unit(&state.pool, &ids, variable).await?,
        &series,
        who.map(|t| (t.value, if lang == Lang::Fr { "seuil OMS" } else { "WHO guideline" })),
        variable == "precipitation",
    );
    Ok(([(header::CONTENT_TYPE, "image/svg+xml"), (header::CACHE_CONTROL, "public, max-age=300")], svg).into_response())
}
