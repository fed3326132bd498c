//! The sections of `/explore`: the days, the months, the same months of earlier years, a calendar,
//! the days above each threshold and the map of the stations.

use std::collections::{BTreeMap, HashMap};

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;
use serde_json::json;
use tera::Context;

use super::choice::{self, Scope, Unservable};
use super::{AppState, Chart, Error, Rows, label, place_name, rows_url, unit, url, value};
use crate::answer::figures::{self, Holdings, Threshold};
use crate::calendar::month_end;
use crate::charts::{self, Fifths, PALETTE};
use crate::summarize::Lang;

/// The days of data a month needs to be set against the same month of other years (rainfall, a sum,
/// needs every day).
const MONTH_DAYS: usize = 15;
/// The longest calendar drawn: a year of days.
const CALENDAR_DAYS: u64 = 366;
const RAIN_PALETTE: [&str; 5] = ["#f7fbff", "#c6dbef", "#6baed6", "#2171b5", "#08306b"];

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

/// The ATMO class of a daily mean: the first whose bound holds the mean rounded to the unit (to 9
/// decimals first, as PostgreSQL's numeric rounding sees it).
fn class(bands: &[Band], mean: f64) -> Option<&Band> {
    bands.iter().find(|b| b.upper_bound.is_none_or(|u| round9(mean).round() <= u))
}

fn round9(v: f64) -> f64 {
    (v * 1e9).round() / 1e9
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

/// What the sections are drawn from.
struct View<'a> {
    variable: &'a str,
    scope: &'a Scope,
    unit: String,
    lang: Lang,
    /// Every day the place holds, and those of the period.
    whole: Vec<(NaiveDate, f64)>,
    days: Vec<(NaiveDate, f64)>,
    range: (NaiveDate, NaiveDate),
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
        return Ok(Err(Unservable(
            lang.say("This place holds no data of this variable.", "Ce lieu n'a pas de données de cette variable."),
        )));
    };
    let (preset, range) = match choice::period(params, span, lang) {
        Ok(p) => p,
        Err(e) => return Ok(Err(e)),
    };
    super::insert_period(context, preset, range, span);
    context.insert("span", &json!({ "from": span.0, "to": span.1 }));
    let pool = &state.pool;
    let ids = scope.ids();
    let place = place_name(&scope, &state.settings.city.name, lang);
    context.insert("place", &place);
    context.insert("model", &scope.is_model());
    context.insert("share", &share_url(&scope, variable, preset, range, lang));
    let whole: Vec<(NaiveDate, f64)> = crate::briefs::series(pool, &ids, variable, span)
        .await?
        .iter()
        .filter_map(|d| Some((d.0, value(variable, d)?)))
        .collect();
    let days = whole.iter().filter(|d| (range.0..=range.1).contains(&d.0)).copied().collect();
    let view = View { variable, scope: &scope, unit: unit(pool, &ids, variable).await?, lang, whole, days, range };
    let thresholds = figures::thresholds(pool).await?;
    let who = figures::who_daily(thresholds.clone(), variable);
    let guideline_label = lang.say("WHO guideline", "seuil OMS");
    let name = label(variable, lang);

    let series = charts::Series { label: place, points: view.days.clone() };
    let text = charts::describe(&series, lang);
    let svg = charts::daily(
        "explore-days",
        &lang.say(&format!("{name}, day by day"), &format!("{name}, jour par jour")),
        &view.unit,
        &[series],
        who.as_ref().map(|t| (t.value, guideline_label.as_str())),
        variable == "precipitation",
    );
    let mut charts = vec![Chart { svg, rows: Rows::of(rows_url(&scope, variable, range)), text }];
    charts.extend(months(&view));
    charts.extend(against_years(&view, span));
    context.insert("charts", &charts.into_iter().filter(|c| !c.svg.is_empty()).collect::<Vec<_>>());

    let bands: Vec<Band> =
        sqlx::query_as(include_str!("../sql/explore_bands.sql")).bind(variable).fetch_all(pool).await?;
    if !view.days.is_empty() {
        context.insert("calendar", &calendar(&view, &bands));
    }
    if !bands.is_empty() {
        let classes: Vec<_> = bands
            .iter()
            .map(|b| {
                let count = view.days.iter().filter(|d| class(&bands, d.1).is_some_and(|c| c.class == b.class)).count();
                json!({ "label": b.label(lang), "colour": b.colour, "days": count })
            })
            .collect();
        context.insert("classes", &classes);
    }
    context.insert("thresholds", &exceedances(state, &view, thresholds).await?);
    map(state, &view, &bands, context).await?;
    Ok(Ok(()))
}

/// A view's address: the choices, resolved (a preset's days are kept as the preset).
fn share_url(scope: &Scope, variable: &str, preset: &str, (from, to): (NaiveDate, NaiveDate), lang: Lang) -> String {
    let (month, year, from, to) =
        (from.format("%Y-%m").to_string(), from.year().to_string(), from.to_string(), to.to_string());
    let mut pairs =
        vec![("station", scope.param()), ("variable", variable.to_string()), ("period", preset.to_string())];
    match preset {
        "month" => pairs.push(("month", month)),
        "year" => pairs.push(("year", year)),
        "range" => pairs.extend([("from", from), ("to", to)]),
        _ => {}
    }
    pairs.push(("lang", lang.code().to_string()));
    url("/explore", &pairs.iter().map(|(k, v)| (*k, v.as_str())).collect::<Vec<_>>())
}

fn years(n: usize, lang: Lang) -> String {
    match (n, lang) {
        (1, Lang::En) => "1 year".into(),
        (1, Lang::Fr) => "1 an".into(),
        (n, _) => lang.say(&format!("{n} years"), &format!("{n} ans")),
    }
}

/// Each month's mean of the days (rainfall: their sum) and its days with data, oldest first.
fn by_month(variable: &str, days: &[(NaiveDate, f64)]) -> BTreeMap<NaiveDate, (f64, usize)> {
    let mut sums: BTreeMap<NaiveDate, (f64, usize)> = BTreeMap::new();
    for (day, v) in days {
        let entry = sums.entry(day.with_day(1).expect("a month's first day")).or_default();
        entry.0 += v;
        entry.1 += 1;
    }
    sums.into_iter()
        .map(|(k, (sum, n))| (k, (if variable == "precipitation" { sum } else { sum / n as f64 }, n)))
        .collect()
}

/// The whole months the period touches, from the first day of the first to the last of the last.
fn months_of(view: &View) -> (NaiveDate, NaiveDate) {
    (view.range.0.with_day(1).expect("a month's first day"), month_end(view.range.1))
}

/// The months the period touches, each whole, with its days with data.
fn months(view: &View) -> Option<Chart> {
    let (from, to) = months_of(view);
    let touched: Vec<(NaiveDate, f64)> = view.whole.iter().filter(|d| (from..=to).contains(&d.0)).copied().collect();
    let months = by_month(view.variable, &touched);
    if months.len() < 2 {
        return None;
    }
    let (lang, unit) = (view.lang, &view.unit);
    let items: Vec<(NaiveDate, f64)> = months.iter().map(|(m, v)| (*m, v.0)).collect();
    let text = months
        .iter()
        .map(|(m, (v, n))| {
            let (m, v) = (m.format("%Y-%m"), lang.decimal(*v));
            lang.say(&format!("{m}: {v} {unit} ({n} days)"), &format!("{m} : {v} {unit} ({n} jours)"))
        })
        .collect::<Vec<_>>()
        .join("; ");
    let name = label(view.variable, lang);
    let title = if view.variable == "precipitation" {
        lang.say("Rainfall by month (sum of the days with data)", "Pluie par mois (somme des jours avec données)")
    } else {
        lang.say(&format!("{name}, monthly mean"), &format!("{name}, moyenne mensuelle"))
    };
    let first = touched.first().map_or(from, |d| d.0);
    let last = touched.last().map_or(to, |d| d.0);
    let svg = charts::months("explore-months", &title, unit, &items, None);
    Some(Chart { svg, rows: Rows::of(rows_url(view.scope, view.variable, (first, last))), text })
}

/// The period's months (its last twelve) against the same months of every earlier year; a month
/// with too few days is set against nothing.
fn against_years(view: &View, span: (NaiveDate, NaiveDate)) -> Option<Chart> {
    let (lang, unit, variable) = (view.lang, &view.unit, view.variable);
    let needed = |month: &NaiveDate| {
        if variable == "precipitation" { (month_end(*month) - *month).num_days() as usize + 1 } else { MONTH_DAYS }
    };
    let months: BTreeMap<NaiveDate, f64> = by_month(variable, &view.whole)
        .into_iter()
        .filter(|(m, (_, n))| *n >= needed(m))
        .map(|(m, (v, _))| (m, v))
        .collect();
    let (from, to) = months_of(view);
    let mut chosen: Vec<NaiveDate> = months.keys().filter(|m| (from..=to).contains(*m)).copied().collect();
    if chosen.len() > 12 {
        chosen.drain(..chosen.len() - 12);
    }
    let earlier: Vec<Vec<(i32, f64)>> = chosen
        .iter()
        .map(|m| {
            months
                .iter()
                .filter(|(e, _)| e.month() == m.month() && e.year() < m.year())
                .map(|(e, v)| (e.year(), *v))
                .collect()
        })
        .collect();
    if earlier.iter().all(Vec::is_empty) {
        return None;
    }
    let categories: Vec<String> = chosen.iter().map(|m| m.format("%Y-%m").to_string()).collect();
    let this: Vec<f64> = chosen.iter().map(|m| months[m]).collect();
    let text = categories
        .iter()
        .zip(&this)
        .zip(&earlier)
        .map(|((c, v), before)| {
            let v = lang.decimal(*v);
            match before.is_empty() {
                true => lang.say(
                    &format!("{c}: {v} {unit}, no earlier year"),
                    &format!("{c} : {v} {unit}, aucune année précédente"),
                ),
                false => {
                    let m = lang.decimal(before.iter().map(|b| b.1).sum::<f64>() / before.len() as f64);
                    lang.say(
                        &format!("{c}: {v} {unit}, earlier years {m} ({})", years(before.len(), lang)),
                        &format!("{c} : {v} {unit}, années précédentes {m} ({})", years(before.len(), lang)),
                    )
                }
            }
        })
        .collect::<Vec<_>>()
        .join("; ");
    let left_out = if variable == "precipitation" {
        lang.say(
            "Months missing a day of data are left out.",
            "Les mois auxquels manque un jour de données sont écartés.",
        )
    } else {
        lang.say(
            &format!("Months with fewer than {MONTH_DAYS} days of data are left out."),
            &format!("Les mois de moins de {MONTH_DAYS} jours de données sont écartés."),
        )
    };
    let name = label(variable, lang);
    let svg = charts::against_years(
        "explore-years",
        &lang.say(
            &format!("{name}: these months against the same months of earlier years"),
            &format!("{name} : ces mois face aux mêmes mois des années précédentes"),
        ),
        unit,
        &categories,
        &this,
        &earlier,
        (
            &lang.say("this period", "cette période"),
            &lang.say("earlier years (their mean: black line)", "années précédentes (leur moyenne : trait noir)"),
        ),
    );
    Some(Chart { svg, rows: Rows::of(rows_url(view.scope, variable, span)), text: format!("{text}. {left_out}") })
}

/// The period's last year of days, coloured by ATMO class, or by fifths of their values.
fn calendar(view: &View, bands: &[Band]) -> Chart {
    let (lang, unit) = (view.lang, &view.unit);
    let last = view.days[view.days.len() - 1].0;
    let start = (last - Days::new(CALENDAR_DAYS - 1)).max(view.range.0);
    let shown: Vec<(NaiveDate, f64)> = view.days.iter().filter(|d| d.0 >= start).copied().collect();
    let first = shown[0].0;
    let name = label(view.variable, lang);
    let atmo = !bands.is_empty() && bands.iter().all(|b| b.colour.is_some());
    let (cells, legend): (Vec<charts::Day>, Vec<(String, String)>) = if atmo {
        let cells = shown
            .iter()
            .filter_map(|(day, v)| {
                let band = class(bands, *v)?;
                let label = format!("{day}: {} {unit}, {}", lang.decimal(*v), band.label(lang));
                Some(charts::Day { day: *day, colour: band.colour.clone()?, label })
            })
            .collect();
        (cells, bands.iter().map(|b| (b.colour.clone().unwrap_or_default(), b.label(lang).to_string())).collect())
    } else {
        let palette = if view.variable == "precipitation" { RAIN_PALETTE } else { PALETTE };
        let values: Vec<f64> = shown.iter().map(|d| d.1).collect();
        let fifths = Fifths::new(&values).expect("a day at least");
        let cells = shown
            .iter()
            .map(|(day, v)| charts::Day {
                day: *day,
                colour: palette[fifths.class(*v)].to_string(),
                label: format!("{day}: {} {unit}", lang.decimal(*v)),
            })
            .collect();
        (cells, legend(&fifths, &palette, unit, lang))
    };
    let title = if atmo {
        lang.say(
            &format!("{name}: calendar of the ATMO sub-index"),
            &format!("{name} : calendrier du sous-indice ATMO"),
        )
    } else {
        lang.say(&format!("{name}: calendar"), &format!("{name} : calendrier"))
    };
    let text = lang.say(
        &format!("{} days from {first} to {last}", shown.len()),
        &format!("{} jours du {first} au {last}", shown.len()),
    );
    let svg = charts::calendar("explore-calendar", &title, &cells, &legend, lang);
    Chart { svg, rows: Rows::of(rows_url(view.scope, view.variable, (first, last))), text }
}

/// The legend of the fifths that hold values.
fn legend(fifths: &Fifths, palette: &[&str; 5], unit: &str, lang: Lang) -> Vec<(String, String)> {
    let e = fifths.edges;
    // A fifth above the first holds the values over its lower edge: none when its edges are equal.
    (0..5)
        .filter(|i| *i == 0 || e[*i] < e[i + 1])
        .map(|i| (palette[i].to_string(), format!("{}–{} {unit}", lang.decimal(e[i]), lang.decimal(e[i + 1]))))
        .collect()
}

/// The days of the period above each official daily threshold of the variable, counted as answers
/// count them.
async fn exceedances(
    state: &AppState,
    view: &View<'_>,
    thresholds: Vec<Threshold>,
) -> Result<Vec<ThresholdRow>, Error> {
    let mut rows = Vec::new();
    for t in thresholds.into_iter().filter(|t| t.variable == view.variable && t.averaging == "day") {
        let counted =
            figures::count_days(&state.pool, &view.scope.ids(), view.variable, view.range, ("mean", "gt", t.value))
                .await?;
        let above = view.days.iter().filter(|d| round9(d.1) > t.value).map(|d| d.0.to_string()).collect();
        rows.push(ThresholdRow {
            reference: t.reference,
            value: t.value,
            unit: t.unit,
            days: counted.days,
            counted: counted.counted,
            allowed: t.allowed_exceedances,
            above,
        });
    }
    Ok(rows)
}

/// The stations holding the variable, coloured by their latest day's ATMO class or fifth of values.
async fn map(state: &AppState, view: &View<'_>, bands: &[Band], context: &mut Context) -> Result<(), Error> {
    let (lang, unit, variable) = (view.lang, &view.unit, view.variable);
    let stations: Vec<MapStation> =
        sqlx::query_as(include_str!("../sql/explore_map.sql")).bind(variable).fetch_all(&state.pool).await?;
    let fifths = Fifths::new(&stations.iter().map(|s| s.mean).collect::<Vec<_>>());
    let places: Vec<charts::Place> = stations
        .iter()
        .map(|s| {
            let band = class(bands, s.mean);
            let colour = match (band.and_then(|b| b.colour.clone()), &fifths) {
                (Some(colour), _) => colour,
                (None, Some(fifths)) => PALETTE[fifths.class(s.mean)].to_string(),
                (None, None) => PALETTE[0].to_string(),
            };
            let class = band.map(|b| format!(", {}", b.label(lang))).unwrap_or_default();
            charts::Place {
                longitude: s.longitude,
                latitude: s.latitude,
                name: s.name.clone(),
                colour,
                label: format!("{} {unit} ({}){class}", lang.decimal(s.mean), s.day),
                href: url("/explore", &[("station", &s.id.to_string()), ("variable", variable), ("lang", lang.code())]),
            }
        })
        .collect();
    let legend = match (bands.is_empty(), &fifths) {
        (false, _) => bands.iter().filter_map(|b| Some((b.colour.clone()?, b.label(lang).to_string()))).collect(),
        (true, Some(fifths)) => legend(fifths, &PALETTE, unit, lang),
        (true, None) => Vec::new(),
    };
    let name = label(variable, lang);
    let title = lang.say(
        &format!("The stations: their latest day of {name}"),
        &format!("Les stations : leur dernier jour ({name})"),
    );
    context.insert("map", &charts::stations("explore-map", &title, &places, &legend));
    context.insert(
        "map_text",
        &places.iter().map(|p| json!({ "name": p.name, "label": p.label, "href": p.href })).collect::<Vec<_>>(),
    );
    Ok(())
}
