//! `/explore/housing`: the property sales of a commune (DVF) for a dwelling and a size: the median
//! price per m² of every quarter with its quartiles, the sales of every year, and a map of a year's
//! sales.

use std::collections::HashMap;

use axum::extract::State;
use axum::response::Response;
use chrono::Datelike;
use tera::Context;

use super::choice::{Entry, Unservable};
use super::{AppState, Chart, Error, Rows, url};
use crate::charts::{self, Series};
use crate::http::housing::{communes, stat_rows};
use crate::http::rows::{Params, params};
use crate::summarize::Lang;

const DWELLINGS: [&str; 2] = ["flat", "house"];
const ROOMS: [&str; 6] = ["all", "1", "2", "3", "4", "5+"];

#[tracing::instrument(name = "explore_housing", skip_all)]
pub async fn housing(State(state): State<AppState>, query: Params) -> Result<Response, Error> {
    let params = params(query)?;
    let lang = super::lang_of(&params);
    let mut context = super::base(&state, "/explore/housing", &params, lang);
    let outcome = page(&state, &params, lang, &mut context).await?;
    let status = super::status_of(outcome, &mut context);
    super::render(&state, "explore_housing.html.tera", &context, status)
}

fn options(values: &[&str], chosen: &str, label: impl Fn(&str) -> String) -> Vec<Entry> {
    values.iter().map(|v| Entry { value: v.to_string(), label: label(v), selected: *v == chosen }).collect()
}

async fn page(
    state: &AppState,
    params: &HashMap<String, String>,
    lang: Lang,
    context: &mut Context,
) -> Result<Result<(), Unservable>, Error> {
    let get = |key: &str| params.get(key).map(|v| v.trim()).filter(|v| !v.is_empty());
    let known = communes(&state.pool).await?;
    let city = state.settings.city.name.to_lowercase();
    let default = known.iter().find(|c| c.1.to_lowercase() == city).or(known.first());
    let Some(commune) = (match get("commune") {
        Some(code) => known.iter().find(|c| c.0 == code),
        None => default,
    }) else {
        return Ok(Err(Unservable(match get("commune") {
            Some(code) => lang.say(
                &format!("No property sales in commune {code:?} (an INSEE code)."),
                &format!("Aucune vente dans la commune «{code}» (un code INSEE)."),
            ),
            None => lang.say(
                "No property sales are loaded: `smartcity import dvf FILE` imports them.",
                "Aucune vente n'est chargée : `smartcity import dvf FICHIER` les importe.",
            ),
        })));
    };
    let dwelling = get("dwelling").unwrap_or("flat");
    let rooms = get("rooms").unwrap_or("all");
    let label_of = |d: &str| match d {
        "flat" => lang.say("Flats", "Appartements"),
        "house" => lang.say("Houses", "Maisons"),
        "all" => lang.say("Any size", "Toutes tailles"),
        "5+" => lang.say("5 main rooms or more", "5 pièces ou plus"),
        n => lang.say(&format!("{n} main rooms"), &format!("{n} pièces")),
    };
    context.insert(
        "communes",
        &known
            .iter()
            .map(|c| Entry { value: c.0.clone(), label: format!("{} ({})", c.1, c.0), selected: c.0 == commune.0 })
            .collect::<Vec<_>>(),
    );
    context.insert("dwellings", &options(&DWELLINGS, dwelling, label_of));
    context.insert("rooms", &options(&ROOMS, rooms, label_of));
    if !DWELLINGS.contains(&dwelling) || !ROOMS.contains(&rooms) {
        return Ok(Err(Unservable(lang.say(
            &format!("{dwelling:?} of {rooms:?} rooms: pick a dwelling (flat, house) and a size from the lists."),
            &format!(
                "«{dwelling}» de «{rooms}» pièces : choisissez un logement (flat, house) et une taille dans les listes."
            ),
        ))));
    }
    let code = commune.0.as_str();
    let quarters = stat_rows(&state.pool, Some(code), (dwelling, "quarter", rooms), (None, None)).await?;
    let years = stat_rows(&state.pool, Some(code), (dwelling, "year", rooms), (None, None)).await?;
    let Some(last_year) = years.iter().map(|r| r.period_start.year()).max() else {
        return Ok(Err(Unservable(
            lang.say("No sales of this dwelling and size here.", "Aucune vente de ce logement et de cette taille ici."),
        )));
    };
    let year = match get("year") {
        None => last_year,
        Some(y) => match y.parse::<i32>().ok().filter(|y| years.iter().any(|r| r.period_start.year() == *y)) {
            Some(y) => y,
            None => {
                return Ok(Err(Unservable(
                    lang.say(&format!("No sales in {y:?} here."), &format!("Aucune vente en «{y}» ici.")),
                )));
            }
        },
    };
    context.insert("year", &year);
    context.insert("years", &years.iter().map(|r| r.period_start.year()).rev().collect::<Vec<_>>());
    context.insert("place", &format!("{} ({code})", commune.1));
    let stats = |period: &str| {
        let pairs = [("commune", code), ("dwelling", dwelling), ("period", period), ("rooms", rooms)];
        Rows::of(url("/api/v1/housing/stats", &pairs))
    };
    let mut charts = Vec::new();

    let quartile = |label: String, of: fn(&crate::http::housing::SaleStat) -> Option<f64>| Series {
        label,
        points: quarters.iter().filter_map(|r| Some((r.period_start, of(r)?))).collect(),
    };
    let series = [
        quartile(lang.say("first quartile", "premier quartile"), |r| r.eur_per_m2_q1),
        quartile(lang.say("median", "médiane"), |r| r.eur_per_m2_median),
        quartile(lang.say("third quartile", "troisième quartile"), |r| r.eur_per_m2_q3),
    ];
    let title = lang.say(
        &format!("{}: price per m² by quarter", label_of(dwelling)),
        &format!("{} : prix au m² par trimestre", label_of(dwelling)),
    );
    let medians = &series[1].points;
    let text = match (medians.first(), medians.last()) {
        (Some(first), Some(last)) => lang.say(
            &format!("Median: {} quarters from {} to {}, the latest {:.0} €/m²; a quarter of fewer than 10 sales has no median", medians.len(), first.0, last.0, last.1),
            &format!("Médiane : {} trimestres du {} au {}, la dernière {:.0} €/m² ; pas de médiane sous 10 ventes dans un trimestre", medians.len(), first.0, last.0, last.1),
        ),
        _ => lang.say("No quarter has 10 sales: no median.", "Aucun trimestre n'a 10 ventes : pas de médiane."),
    };
    charts.push(Chart {
        svg: charts::daily("housing-quarters", &title, "€/m²", &series, None, false),
        rows: stats("quarter"),
        text,
    });

    let counted: Vec<(String, f64)> =
        years.iter().map(|r| (r.period_start.year().to_string(), f64::from(r.sales))).collect();
    let text = counted
        .iter()
        .map(|(y, n)| lang.say(&format!("{y}: {n} sales"), &format!("{y} : {n} ventes")))
        .collect::<Vec<_>>()
        .join("; ");
    let title = lang.say("Sales counted, by year", "Ventes comptées, par année");
    charts.push(Chart {
        svg: charts::bars("housing-years", &title, lang.say("sales", "ventes").as_str(), &counted),
        rows: stats("year"),
        text,
    });

    let points: Vec<(f64, f64, f64)> = sqlx::query_as(include_str!("../sql/housing_map.sql"))
        .bind(code)
        .bind(year)
        .bind(dwelling)
        .bind((rooms != "all").then_some(rooms))
        .fetch_all(&state.pool)
        .await?;
    let title =
        lang.say(&format!("The sales of {year} by price per m²"), &format!("Les ventes de {year} par prix au m²"));
    let (from, to) = (format!("{year}-01-01"), format!("{year}-12-31"));
    let mut sales = vec![
        ("commune", code),
        ("dwelling", dwelling),
        ("from", &from),
        ("to", &to),
        ("priced", "true"),
        ("limit", "10000"),
    ];
    if rooms != "all" {
        sales.push(("rooms", rooms));
    }
    let text = lang
        .say(&format!("{} sales with coordinates", points.len()), &format!("{} ventes avec coordonnées", points.len()));
    charts.push(Chart {
        svg: charts::map("housing-map", &title, "€/m²", &points),
        rows: Rows::of(url("/api/v1/housing/sales", &sales)),
        text,
    });
    context.insert("charts", &charts.into_iter().filter(|c| !c.svg.is_empty()).collect::<Vec<_>>());
    let year = year.to_string();
    let share = [("commune", code), ("dwelling", dwelling), ("rooms", rooms), ("year", &year), ("lang", lang.code())];
    context.insert("share", &url("/explore/housing", &share));
    Ok(Ok(()))
}
