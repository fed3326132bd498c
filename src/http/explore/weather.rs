//! `/explore/weather`: a chart per weather variable at one station over a period, and the coming
//! days of the model forecast, marked as a forecast.

use axum::extract::State;
use axum::response::Response;
use chrono::{Days, NaiveDate};
use tera::Context;

use super::choice::{self, Scope, Unservable};
use super::{AppState, Chart, Error, Rows, label, place_name, rows_url, url};
use crate::answer::figures::{self, Holdings};
use crate::charts::{self, Series};
use crate::http::rows::{DailyRow, Params, daily_rows, params};
use crate::summarize::Lang;

/// The charts of the page: a variable, and which of its daily figures are drawn.
const PANELS: [(&str, &[Figure]); 5] = [
    ("temperature", &[Figure::Min, Figure::Mean, Figure::Max]),
    ("precipitation", &[Figure::Total]),
    ("wind_speed", &[Figure::Mean]),
    ("humidity", &[Figure::Mean]),
    ("pressure_msl", &[Figure::Mean]),
];

#[derive(Clone, Copy)]
pub(super) enum Figure {
    Min,
    Mean,
    Max,
    Total,
}

impl Figure {
    /// The row's figure; a day's sum is none where it was not measured.
    pub(super) fn of(self, row: &DailyRow) -> Option<f64> {
        match self {
            Figure::Min => Some(row.min),
            Figure::Mean => Some(row.mean),
            Figure::Max => Some(row.max),
            Figure::Total => row.total,
        }
    }

    pub(super) fn label(self, lang: Lang) -> String {
        match self {
            Figure::Min => lang.say("daily lowest", "minimum du jour"),
            Figure::Mean => lang.say("daily mean", "moyenne du jour"),
            Figure::Max => lang.say("daily highest", "maximum du jour"),
            Figure::Total => lang.say("daily sum", "cumul du jour"),
        }
    }
}

#[tracing::instrument(name = "explore_weather", skip_all)]
pub async fn weather(State(state): State<AppState>, query: Params) -> Result<Response, Error> {
    let params = params(query)?;
    let lang = super::lang_of(&params);
    let mut context = super::base(&state, "/explore/weather", &params, lang);
    let (_, holdings) = Holdings::load(&state.pool, &state.settings.city).await?;
    let outcome = page(&state, &holdings, &params, lang, &mut context).await?;
    let status = super::status_of(outcome, &mut context);
    forecast(&state, lang, &mut context).await?;
    super::render(&state, "explore_weather.html.tera", &context, status)
}

async fn page(
    state: &AppState,
    holdings: &Holdings,
    params: &std::collections::HashMap<String, String>,
    lang: Lang,
    context: &mut Context,
) -> Result<Result<(), Unservable>, Error> {
    let scope = match choice::scope(holdings, "temperature", params.get("station").map(String::as_str), lang) {
        Ok(scope) => scope,
        Err(e) => return Ok(Err(e)),
    };
    context.insert("stations", &super::place_options(state, holdings, "temperature", &scope, lang));
    let Some(span) = choice::span(holdings, &scope, "temperature") else {
        return Ok(Err(Unservable(
            lang.say("This station holds no temperature.", "Cette station n'a pas de température."),
        )));
    };
    let (preset, range) = match choice::period(params, span, lang) {
        Ok(p) => p,
        Err(e) => return Ok(Err(e)),
    };
    super::insert_period(context, preset, range, span);
    let Scope::Station(station) = &scope else {
        return Ok(Err(Unservable(lang.say(
            "The weather is shown at a station: pick one.",
            "La météo se montre à une station : choisissez-en une.",
        ))));
    };
    context.insert("place", &place_name(&scope, &state.settings.city.name, lang));
    context.insert("model", &scope.is_model());
    let mut charts = Vec::new();
    let mut missing = Vec::new();
    for (variable, figures) in PANELS {
        let rows = daily_rows(&state.pool, &[station.id], variable, range).await?;
        let Some(unit) = rows.first().map(|r| r.unit.clone()) else {
            missing.push(label(variable, lang));
            continue;
        };
        let mut series: Vec<Series> = figures
            .iter()
            .map(|f| Series {
                label: f.label(lang),
                points: rows.iter().filter_map(|r| Some((r.day, f.of(r)?))).collect(),
            })
            .collect();
        let mut links = vec![Rows { label: None, url: rows_url(&scope, variable, range) }];
        if variable == "wind_speed" {
            // Gusts beside the mean wind: the day's strongest gust.
            let gusts = daily_rows(&state.pool, &[station.id], "wind_gust", range).await?;
            if !gusts.is_empty() {
                let gust = lang.say("strongest gust", "rafale la plus forte");
                series.push(Series { label: gust.clone(), points: gusts.iter().map(|r| (r.day, r.max)).collect() });
                links[0].label = Some(label(variable, lang));
                links.push(Rows { label: Some(label("wind_gust", lang)), url: rows_url(&scope, "wind_gust", range) });
            }
        }
        let title = match variable {
            "wind_speed" => lang.say("Wind and gusts", "Vent et rafales"),
            "temperature" => lang.say(
                "Temperature: lowest, mean and highest of each day",
                "Température : minimum, moyenne et maximum du jour",
            ),
            _ => label(variable, lang),
        };
        let text = series.iter().map(|s| charts::describe(s, lang)).collect::<Vec<_>>().join("; ");
        let svg =
            charts::daily(&format!("weather-{variable}"), &title, &unit, &series, None, variable == "precipitation");
        charts.push(Chart { svg, rows: links, text });
    }
    context.insert("charts", &charts);
    context.insert("missing", &missing);
    let (id, from, to) = (station.id.to_string(), range.0.to_string(), range.1.to_string());
    let share = [("station", id.as_str()), ("period", "range"), ("from", &from), ("to", &to), ("lang", lang.code())];
    context.insert("share", &url("/explore/weather", &share));
    Ok(Ok(()))
}

/// The model's coming seven days (temperature range and rain), said to be a forecast.
async fn forecast(state: &AppState, lang: Lang, context: &mut Context) -> Result<(), Error> {
    let today = chrono::Utc::now().with_timezone(&state.settings.city.tz()?).date_naive();
    let days = (today, today + Days::new(6));
    // One grid point: the first the forecast holds.
    let one = |mut days: Vec<figures::ForecastDay>| {
        let first = days.first().map(|d| d.station_id);
        days.retain(|d| Some(d.station_id) == first);
        days
    };
    let temperature = one(figures::forecast(&state.pool, "temperature", days).await?);
    let rain = one(figures::forecast(&state.pool, "precipitation", days).await?);
    let mut charts = Vec::new();
    if !temperature.is_empty() {
        let series = [
            Series {
                label: lang.say("lowest", "minimum"),
                points: temperature.iter().map(|d| (d.day, d.min)).collect(),
            },
            Series {
                label: lang.say("highest", "maximum"),
                points: temperature.iter().map(|d| (d.day, d.max)).collect(),
            },
        ];
        let title = lang.say("Forecast temperature (Open-Meteo model)", "Température prévue (modèle Open-Meteo)");
        let text = series.iter().map(|s| charts::describe(s, lang)).collect::<Vec<_>>().join("; ");
        let rows = forecast_rows(&temperature, "temperature", days);
        charts.push(Chart { svg: charts::daily("forecast-t", &title, "°C", &series, None, false), rows, text });
    }
    if !rain.is_empty() {
        let series = [Series {
            label: lang.say("rain", "pluie"),
            points: rain.iter().filter_map(|d| Some((d.day, d.total?))).collect(),
        }];
        let title = lang.say("Forecast rain (Open-Meteo model)", "Pluie prévue (modèle Open-Meteo)");
        let text = charts::describe(&series[0], lang);
        let rows = forecast_rows(&rain, "precipitation", days);
        charts.push(Chart { svg: charts::daily("forecast-rain", &title, "mm", &series, None, true), rows, text });
    }
    context.insert("forecast", &charts);
    Ok(())
}

/// The forecast's rows: its grid point's days in the analyst API.
fn forecast_rows(days: &[figures::ForecastDay], variable: &str, (from, to): (NaiveDate, NaiveDate)) -> Vec<Rows> {
    let Some(station) = days.first().map(|d| d.station_id.to_string()) else { return Vec::new() };
    let (from, to) = (from.to_string(), to.to_string());
    let pairs = [("station_id", station.as_str()), ("variable", variable), ("from", &from), ("to", &to)];
    Rows::of(url("/api/v1/daily", &pairs))
}
