//! `/explore/relations`: a pollutant against a weather variable, day by day, with their correlation
//! and how many days it rests on; a correlation is not a cause, and the page says so.

use std::collections::HashMap;

use axum::extract::State;
use axum::response::Response;
use chrono::NaiveDate;
use serde_json::json;
use tera::Context;

use super::choice::{self, Unservable};
use super::{AppState, Error, label, place_name, rows_url, unit, url, value};
use crate::answer::figures::Holdings;
use crate::charts;
use crate::question::{AIR_VARIABLES, WEATHER_VARIABLES};
use crate::summarize::Lang;

/// Days needed before a correlation is said.
const MIN_PAIRS: usize = 7;

#[tracing::instrument(name = "explore_relations", skip_all)]
pub async fn relations(State(state): State<AppState>, query: crate::http::rows::Params) -> Result<Response, Error> {
    let params = crate::http::rows::params(query)?;
    let lang = super::lang_of(&params);
    let mut context = super::base(&state, "/explore/relations", &params, lang);
    let (_, holdings) = Holdings::load(&state.pool, &state.settings.city).await?;
    let get = |key: &str, default: &'static str| {
        params.get(key).map(|v| v.trim().to_string()).filter(|v| !v.is_empty()).unwrap_or(default.to_string())
    };
    let (pollutant, weather) = (get("pollutant", "pm25"), get("weather", "temperature"));
    context.insert("pollutants", &super::variables(&holdings, AIR_VARIABLES, &pollutant, lang));
    context.insert("weathers", &super::variables(&holdings, WEATHER_VARIABLES, &weather, lang));
    let outcome = page(&state, &holdings, &params, (&pollutant, &weather), lang, &mut context).await?;
    let status = super::status_of(outcome, &mut context);
    super::render(&state, "explore_relations.html.tera", &context, status)
}

async fn page(
    state: &AppState,
    holdings: &Holdings,
    params: &HashMap<String, String>,
    (pollutant, weather): (&str, &str),
    lang: Lang,
    context: &mut Context,
) -> Result<Result<(), Unservable>, Error> {
    if !AIR_VARIABLES.contains(&pollutant) || !WEATHER_VARIABLES.contains(&weather) {
        return Ok(Err(Unservable(lang.say(
            &format!("{pollutant:?} against {weather:?}: pick a pollutant and a weather variable from the lists."),
            &format!(
                "«{pollutant}» face à «{weather}» : choisissez un polluant et une variable météo dans les listes."
            ),
        ))));
    }
    let air = match choice::scope(holdings, pollutant, params.get("station").map(String::as_str), lang) {
        Ok(s) => s,
        Err(e) => return Ok(Err(e)),
    };
    let sky = match choice::scope(holdings, weather, params.get("weather_station").map(String::as_str), lang) {
        Ok(s) => s,
        Err(e) => return Ok(Err(e)),
    };
    context.insert("stations", &super::place_options(state, holdings, pollutant, &air, lang));
    context.insert("weather_stations", &super::place_options(state, holdings, weather, &sky, lang));
    let (Some(a), Some(b)) = (choice::span(holdings, &air, pollutant), choice::span(holdings, &sky, weather)) else {
        return Ok(Err(Unservable(lang.say("No data for this choice.", "Aucune donnée pour ce choix."))));
    };
    let span = (a.0.max(b.0), a.1.min(b.1));
    if span.0 > span.1 {
        return Ok(Err(Unservable(lang.say(
            &format!(
                "The two series share no day: {pollutant} from {} to {}, {weather} from {} to {}.",
                a.0, a.1, b.0, b.1
            ),
            &format!(
                "Les deux séries n'ont aucun jour en commun : {pollutant} du {} au {}, {weather} du {} au {}.",
                a.0, a.1, b.0, b.1
            ),
        ))));
    }
    let (preset, range) = match choice::period(params, span, lang) {
        Ok(p) => p,
        Err(e) => return Ok(Err(e)),
    };
    super::insert_period(context, preset, range, span);
    let pool = &state.pool;
    let (air_ids, sky_ids) = (air.ids(), sky.ids());
    let ys: HashMap<_, f64> = crate::briefs::series(pool, &air_ids, pollutant, range)
        .await?
        .iter()
        .filter_map(|d| Some((d.0, value(pollutant, d)?)))
        .collect();
    let xs = crate::briefs::series(pool, &sky_ids, weather, range).await?;
    let mut pairs: Vec<(NaiveDate, f64, f64)> =
        xs.iter().filter_map(|d| Some((d.0, value(weather, d)?, *ys.get(&d.0)?))).collect();
    pairs.sort_by_key(|p| p.0);
    let (x_unit, y_unit) = (unit(pool, &sky_ids, weather).await?, unit(pool, &air_ids, pollutant).await?);
    let (x_name, y_name) = (label(weather, lang), label(pollutant, lang));
    let city = &state.settings.city.name;
    let title = lang.say(
        &format!("{y_name} at {} against {x_name} at {}", place_name(&air, city, lang), place_name(&sky, city, lang)),
        &format!("{y_name} à {} face à {x_name} à {}", place_name(&air, city, lang), place_name(&sky, city, lang)),
    );
    let points: Vec<(f64, f64)> = pairs.iter().map(|p| (p.1, p.2)).collect();
    let svg = charts::scatter("relations", &title, (&format!("{x_name} ({x_unit})"), &y_unit), &points);
    let r = (pairs.len() >= MIN_PAIRS).then(|| pearson(&points)).flatten();
    let air_rows = rows_url(&air, pollutant, range);
    let sky_rows = rows_url(&sky, weather, range);
    context.insert(
        "relation",
        &json!({
            "svg": svg,
            "n": pairs.len(),
            "r": r.map(|r| if lang == Lang::Fr { format!("{r:.2}").replace('.', ",") } else { format!("{r:.2}") }),
            "strength": r.map(|r| strength(r, lang)),
            "min_pairs": MIN_PAIRS,
            "air_csv": format!("{air_rows}&format=csv"),
            "sky_csv": format!("{sky_rows}&format=csv"),
            "correlations": correlations_url(&air, (pollutant, weather), range),
        }),
    );
    let (station, weather_station, from, to) = (air.param(), sky.param(), range.0.to_string(), range.1.to_string());
    let share = [
        ("pollutant", pollutant),
        ("weather", weather),
        ("station", &station),
        ("weather_station", &weather_station),
        ("period", "range"),
        ("from", &from),
        ("to", &to),
        ("lang", lang.code()),
    ];
    context.insert("share", &url("/explore/relations", &share));
    Ok(Ok(()))
}

/// The stored monthly and yearly correlations of the air station (every one of the city's) over the days.
fn correlations_url(
    air: &choice::Scope,
    (pollutant, weather): (&str, &str),
    (from, to): (NaiveDate, NaiveDate),
) -> String {
    let (from, to) = (from.to_string(), to.to_string());
    let mut pairs =
        vec![("pollutant", pollutant), ("weather_variable", weather), ("from", from.as_str()), ("to", to.as_str())];
    let station = match air {
        choice::Scope::Station(s) => s.id.to_string(),
        choice::Scope::City(_) => String::new(),
    };
    if !station.is_empty() {
        pairs.push(("station_id", &station));
    }
    url("/api/v1/correlations", &pairs)
}

/// Pearson's r of the pairs; none when either side does not vary.
fn pearson(points: &[(f64, f64)]) -> Option<f64> {
    let n = points.len() as f64;
    let (mx, my) = (points.iter().map(|p| p.0).sum::<f64>() / n, points.iter().map(|p| p.1).sum::<f64>() / n);
    let (mut sxy, mut sxx, mut syy) = (0.0, 0.0, 0.0);
    for (x, y) in points {
        sxy += (x - mx) * (y - my);
        sxx += (x - mx).powi(2);
        syy += (y - my).powi(2);
    }
    (sxx > 0.0 && syy > 0.0).then(|| sxy / (sxx * syy).sqrt())
}

/// The link in words: "a weak negative link", "lien négatif faible".
fn strength(r: f64, lang: Lang) -> String {
    let word = crate::summarize::strength(r, lang);
    match lang {
        _ if r.abs() < 0.1 => lang.say("no clear link", "pas de lien net"),
        Lang::En => format!("{word} {} link", if r < 0.0 { "negative" } else { "positive" }),
        Lang::Fr => format!("lien {} {word}", if r < 0.0 { "négatif" } else { "positif" }),
    }
}

#[cfg(test)]
mod tests {
    use super::pearson;

    #[test]
    fn pearson_is_one_on_a_line_and_none_without_variation() {
        let line = [(1.0, 2.0), (2.0, 4.0), (3.0, 6.5)];
        assert!(pearson(&line).unwrap() > 0.99);
        assert!(pearson(&[(1.0, 2.0), (1.0, 3.0)]).is_none());
    }
}
