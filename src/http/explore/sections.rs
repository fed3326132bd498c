//! The sections of `/explore`: the days, the months, the same months of earlier years, a calendar,
//! the days above each threshold and the map of the stations.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;
use serde_json::json;
use tera::Context;

use super::choice::{self, Scope, Unservable};
use super::{AppState, Chart, Error, label, place_name, rows_url, unit, value};
use crate::answer::figures::{self, Holdings};
use crate::charts;
use crate::summarize::Lang;

/// The days of data a month needs to be set against the same month of other years.
const MONTH_DAYS: usize = 15;
/// The longest calendar drawn: a year of days.
const CALENDAR_DAYS: u64 = 366;
/// Five classes from cold to warm, for values without an official index.
const SCALE: [&str; 5] = ["#2c7bb6", "#abd9e9", "#ffffbf", "#fdae61", "#d7191c"];
const RAIN_SCALE: [&str; 5] = ["#f7fbff", "#c6dbef", "#6baed6", "#2171b5", "#08306b"];

#[derive(sqlx::FromRow)]
struct Band {
    class: i16,
    label_fr: String,
    label_en: String,
    upper_bound: Option<f64>,
    colour: Option<String>,
}

impl Band {
    fn label(&self, lang: Lang) -> &str {
        if lang == Lang::Fr { &self.label_fr } else { &self.label_en }
    }
}

/// The ATMO class of a daily mean: the first whose bound holds the mean rounded to the unit.
fn class(bands: &[Band], mean: f64) -> Option<&Band> {
    bands.iter().find(|b| b.upper_bound.is_none_or(|u| mean.round() <= u))
}

#[derive(Serialize)]
struct ThresholdRow {
    reference: String,
    value: f64,
    unit: String,
    days: i64,
    counted: i64,
    allowed: Option<i32>,
    above: Vec<String>,
}

#[derive(sqlx::FromRow)]
struct MapStation {
    id: i64,
    name: String,
    latitude: f64,
    longitude: f64,
    day: NaiveDate,
    mean: f64,
}

/// Fills `context` with the sections; `Err(Unservable)` for a choice the data cannot serve.
pub async fn explore(
    state: &AppState,
    holdings: &Holdings,
    params: &HashMap<String, String>,
    variable: &str,
    lang: Lang,
    context: &mut Context,
) -> Result<Result<(), Unservable>, Error> {
    let scope = match choice::scope(holdings, variable, params.get("station").map(String::as_str), lang) {
        Ok(scope) => scope,
        Err(e) => return Ok(Err(e)),
    };
    context.insert("stations", &super::place_options(state, holdings, variable, &scope, lang));
    let Some(span) = choice::span(holdings, &scope, variable) else {
        return Ok(Err(Unservable(lang.say("This place holds no data of this variable.", "Ce lieu n'a pas de données de cette variable."))));
    };
    let (preset, range) = match choice::period(params, span, lang) {
        Ok(p) => p,
        Err(e) => return Ok(Err(e)),
    };
    super::insert_period(context, preset, range, span);
    context.insert("span", &json!({ "from": span.0, "to": span.1 }));
    let pool = &state.pool;
    let city = &state.settings.city.name;
    let ids = scope.ids();
    let place = place_name(&scope, city, lang);
    context.insert("place", &place);
    context.insert("model", &scope.is_model());
    context.insert("share", &share_url(&scope, variable, preset, range, lang));
    let unit = unit(pool, &ids, variable).await?;
    let whole = crate::briefs::series(pool, &ids, variable, span).await?;
    let days: Vec<(NaiveDate, f64)> =
        whole.iter().filter(|d| (range.0..=range.1).contains(&d.0)).map(|d| (d.0, value(variable, d))).collect();
    let who = figures::who_daily(figures::thresholds(pool).await?, variable);
    let guideline_label = lang.say("WHO guideline", "seuil OMS");
    let guideline = who.as_ref().map(|t| (t.value, guideline_label.as_str()));
    let rows = rows_url(&scope, variable, range);
    let name = label(variable, lang);
    let mut charts = Vec::new();

    let series = charts::Series { label: place.clone(), points: days.clone() };
    let text = charts::describe(&series, lang);
    charts.push(Chart {
        svg: charts::daily(
            "explore-days",
            &lang.say(&format!("{name}, day by day"), &format!("{name}, jour par jour")),
            &unit,
            &[series],
            guideline,
            variable == "precipitation",
        ),
        rows: Some(rows.clone()),
        text,
    });

    let months = by_month(variable, &days);
    if months.len() > 1 {
        let items: Vec<(NaiveDate, f64)> =
            months.iter().map(|((y, m), v)| (NaiveDate::from_ymd_opt(*y, *m, 1).expect("a month"), v.0)).collect();
        let text = months
            .iter()
            .map(|((y, m), (v, n))| {
                let v = lang.decimal(*v);
                lang.say(&format!("{y}-{m:02}: {v} {unit} ({n} days)"), &format!("{y}-{m:02} : {v} {unit} ({n} jours)"))
            })
            .collect::<Vec<_>>()
            .join("; ");
        let title = if variable == "precipitation" {
            lang.say("Rainfall by month (sum of the days with data)", "Pluie par mois (somme des jours avec données)")
        } else {
            lang.say(&format!("{name}, monthly mean"), &format!("{name}, moyenne mensuelle"))
        };
        charts.push(Chart {
            svg: charts::months("explore-months", &title, &unit, &items, guideline),
            rows: Some(rows.clone()),
            text,
        });
    }

    let years = against_years(variable, &whole, range, &unit, lang);
    charts.push(Chart { rows: Some(rows_url(&scope, variable, span)), ..years });
    context.insert("charts", &charts.into_iter().filter(|c| !c.svg.is_empty()).collect::<Vec<_>>());

    let bands: Vec<Band> = sqlx::query_as(include_str!("../sql/explore_bands.sql")).bind(variable).fetch_all(pool).await?;
    if let Some(last) = days.last() {
        let start = last.0 - Days::new(CALENDAR_DAYS - 1);
        let shown: Vec<(NaiveDate, f64)> = days.iter().filter(|d| d.0 >= start).copied().collect();
        let calendar = calendar(variable, &shown, &bands, &unit, lang);
        context.insert("calendar", &Chart { rows: Some(rows_url(&scope, variable, (start.max(range.0), last.0))), ..calendar });
    }
    if !bands.is_empty() {
        let classes: Vec<_> = bands
            .iter()
            .map(|b| {
                let count = days.iter().filter(|d| class(&bands, d.1).is_some_and(|c| c.class == b.class)).count();
                json!({ "label": b.label(lang), "colour": b.colour, "days": count })
            })
            .collect();
        context.insert("classes", &classes);
    }

    let mut thresholds = Vec::new();
    for t in figures::thresholds(pool).await?.into_iter().filter(|t| t.variable == variable && t.averaging == "day") {
        let counted = figures::count_days(pool, &ids, variable, range, ("mean", "gt", t.value)).await?;
        let above = days.iter().filter(|d| round9(d.1) > t.value).map(|d| d.0.to_string()).collect();
        thresholds.push(ThresholdRow {
            reference: t.reference,
            value: t.value,
            unit: t.unit,
            days: counted.days,
            counted: counted.counted,
            allowed: t.allowed_exceedances,
            above,
        });
    }
    context.insert("thresholds", &thresholds);

    let stations: Vec<MapStation> =
        sqlx::query_as(include_str!("../sql/explore_map.sql")).bind(variable).fetch_all(pool).await?;
    let places: Vec<charts::Place> = stations
        .iter()
        .map(|s| {
            let band = class(&bands, s.mean);
            let said = format!("{} {unit} ({}){}", lang.decimal(s.mean), s.day, band.map(|b| format!(", {}", b.label(lang))).unwrap_or_default());
            charts::Place {
                longitude: s.longitude,
                latitude: s.latitude,
                name: s.name.clone(),
                colour: band.and_then(|b| b.colour.clone()).unwrap_or_else(|| SCALE[0].to_string()),
                label: said,
                href: format!("/explore?station={}&variable={variable}&lang={}", s.id, lang.code()),
            }
        })
        .collect();
    let legend: Vec<(String, String)> =
        bands.iter().filter_map(|b| Some((b.colour.clone()?, b.label(lang).to_string()))).collect();
    let title = lang.say(&format!("The stations: their latest day of {name}"), &format!("Les stations : leur dernier jour ({name})"));
    context.insert("map", &charts::stations("explore-map", &title, &places, &legend));
    context.insert("map_text", &places.iter().map(|p| json!({ "name": p.name, "label": p.label, "href": p.href })).collect::<Vec<_>>());
    Ok(Ok(()))
}

/// A view's address: the choices, resolved (a preset's days are kept as the preset).
fn share_url(scope: &Scope, variable: &str, preset: &str, (from, to): (NaiveDate, NaiveDate), lang: Lang) -> String {
    let period = match preset {
        "month" => format!("period=month&month={}", from.format("%Y-%m")),
        "year" => format!("period=year&year={}", from.year()),
        "range" => format!("period=range&from={from}&to={to}"),
        other => format!("period={other}"),
    };
    format!("/explore?station={}&variable={variable}&{period}&lang={}", scope.param(), lang.code())
}

fn years(n: usize, lang: Lang) -> String {
    match (n, lang) {
        (1, Lang::En) => "1 year".into(),
        (1, Lang::Fr) => "1 an".into(),
        (n, _) => lang.say(&format!("{n} years"), &format!("{n} ans")),
    }
}

fn round9(v: f64) -> f64 {
    (v * 1e9).round() / 1e9
}

/// Each month's mean of the days (rainfall: their sum) and its days with data, oldest first.
fn by_month(variable: &str, days: &[(NaiveDate, f64)]) -> BTreeMap<(i32, u32), (f64, usize)> {
    let mut sums: BTreeMap<(i32, u32), (f64, usize)> = BTreeMap::new();
    for (day, v) in days {
        let entry = sums.entry((day.year(), day.month())).or_default();
        entry.0 += v;
        entry.1 += 1;
    }
    sums.into_iter()
        .map(|(k, (sum, n))| (k, (if variable == "precipitation" { sum } else { sum / n as f64 }, n)))
        .collect()
}

/// The period's months (its last twelve) against the same months of every earlier year.
fn against_years(
    variable: &str,
    whole: &[(NaiveDate, f64, Option<f64>)],
    (from, to): (NaiveDate, NaiveDate),
    unit: &str,
    lang: Lang,
) -> Chart {
    let all: Vec<(NaiveDate, f64)> = whole.iter().map(|d| (d.0, value(variable, d))).collect();
    // A month of a few days is not set against whole months.
    let months: BTreeMap<(i32, u32), f64> =
        by_month(variable, &all).into_iter().filter(|(_, (_, n))| *n >= MONTH_DAYS).map(|(k, (v, _))| (k, v)).collect();
    let mut chosen: Vec<(i32, u32)> = months.keys().filter(|(y, m)| {
        let first = NaiveDate::from_ymd_opt(*y, *m, 1).expect("a month");
        first <= to && crate::question::dates::month_end(first) >= from
    }).copied().collect();
    if chosen.len() > 12 {
        chosen.drain(..chosen.len() - 12);
    }
    let categories: Vec<String> = chosen.iter().map(|(y, m)| format!("{y}-{m:02}")).collect();
    let this: Vec<Option<f64>> = chosen.iter().map(|k| months.get(k).copied()).collect();
    let earlier: Vec<Vec<(i32, f64)>> = chosen
        .iter()
        .map(|(y, m)| months.iter().filter(|((yy, mm), _)| mm == m && yy < y).map(|((yy, _), v)| (*yy, *v)).collect())
        .collect();
    let name = label(variable, lang);
    let text = categories
        .iter()
        .zip(&this)
        .zip(&earlier)
        .map(|((c, v), before)| {
            let mean = (!before.is_empty()).then(|| before.iter().map(|b| b.1).sum::<f64>() / before.len() as f64);
            match (v.map(|v| lang.decimal(v)), mean.map(|m| lang.decimal(m))) {
                (Some(v), Some(m)) => lang.say(
                    &format!("{c}: {v} {unit}, earlier years {m} ({})", years(before.len(), lang)),
                    &format!("{c} : {v} {unit}, années précédentes {m} ({})", years(before.len(), lang)),
                ),
                (Some(v), None) => lang.say(&format!("{c}: {v} {unit}, no earlier year"), &format!("{c} : {v} {unit}, aucune année précédente")),
                _ => lang.say(&format!("{c}: too few days"), &format!("{c} : trop peu de jours")),
            }
        })
        .collect::<Vec<_>>()
        .join("; ");
    let text = lang.say(
        &format!("{text}. Months with fewer than {MONTH_DAYS} days of data are left out."),
        &format!("{text}. Les mois de moins de {MONTH_DAYS} jours de données sont écartés."),
    );
    Chart {
        svg: if earlier.iter().all(Vec::is_empty) {
            String::new()
        } else {
            charts::against_years(
                "explore-years",
                &lang.say(&format!("{name}: these months against the same months of earlier years"), &format!("{name} : ces mois face aux mêmes mois des années précédentes")),
                unit,
                &categories,
                &this,
                &earlier,
                (&lang.say("this period", "cette période"), &lang.say("earlier years (their mean: black line)", "années précédentes (leur moyenne : trait noir)")),
            )
        },
        rows: None,
        text,
    }
}

/// The days (at least one) coloured by ATMO class, or by fifths of their values.
fn calendar(variable: &str, shown: &[(NaiveDate, f64)], bands: &[Band], unit: &str, lang: Lang) -> Chart {
    let (first, last) = (shown[0].0, shown[shown.len() - 1].0);
    let name = label(variable, lang);
    let (cells, legend): (Vec<charts::Day>, Vec<(String, String)>) = if bands.iter().all(|b| b.colour.is_some()) && !bands.is_empty() {
        let cells = shown
            .iter()
            .filter_map(|(day, v)| {
                let band = class(bands, *v)?;
                Some(charts::Day { day: *day, colour: band.colour.clone()?, label: format!("{day}: {} {unit}, {}", lang.decimal(*v), band.label(lang)) })
            })
            .collect();
        (cells, bands.iter().map(|b| (b.colour.clone().unwrap_or_default(), b.label(lang).to_string())).collect())
    } else {
        let scale = if variable == "precipitation" { RAIN_SCALE } else { SCALE };
        let mut sorted: Vec<f64> = shown.iter().map(|d| d.1).collect();
        sorted.sort_by(f64::total_cmp);
        let cut = |q: f64| sorted[((sorted.len() - 1) as f64 * q).round() as usize];
        let bounds: Vec<f64> = [0.2, 0.4, 0.6, 0.8].into_iter().map(cut).collect();
        let fifth = |v: f64| bounds.iter().filter(|b| v > **b).count();
        let cells =
            shown.iter().map(|(day, v)| charts::Day { day: *day, colour: scale[fifth(*v)].to_string(), label: format!("{day}: {} {unit}", lang.decimal(*v)) }).collect();
        let mut edges = vec![sorted[0]];
        edges.extend(&bounds);
        edges.push(sorted[sorted.len() - 1]);
        let legend = (0..5).map(|i| (scale[i].to_string(), format!("{}–{} {unit}", lang.decimal(edges[i]), lang.decimal(edges[i + 1])))).collect();
        (cells, legend)
    };
    let title = if bands.is_empty() {
        lang.say(&format!("{name}: calendar"), &format!("{name} : calendrier"))
    } else {
        lang.say(&format!("{name}: calendar of the ATMO index"), &format!("{name} : calendrier de l'indice ATMO"))
    };
    let text = lang.say(
        &format!("{} days from {first} to {last}", shown.len()),
        &format!("{} jours du {first} au {last}", shown.len()),
    );
    Chart { svg: charts::calendar("explore-calendar", &title, &cells, &legend, lang), rows: None, text }
}
