//! The service's own pages: the home page (the widget and charts of the last 30 days with data and
//! the forecast, drawn on the server as SVG), the widget script, and the brief form.

use axum::Form;
use axum::extract::{Query, State};
use axum::http::header;
use axum::response::{Html, IntoResponse, Redirect, Response};
use chrono::{Datelike, Days, NaiveDate};
use serde::Deserialize;
use tera::Context;

use super::{AppState, Error};
use crate::answer::figures;
use crate::briefs::{self, Request};
use crate::charts;
use crate::summarize::Lang;

const WIDGET: &str = include_str!("../../assets/widget.js");
const DAYS: u64 = 30;

#[derive(Deserialize)]
pub struct PageQuery {
    lang: Option<String>,
}

fn lang(code: Option<&str>) -> Lang {
    code.and_then(Lang::from_code).unwrap_or(Lang::En)
}

/// The widget: one self-contained script.
pub async fn widget() -> Response {
    (
        [
            (header::CONTENT_TYPE, "application/javascript; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=300"),
        ],
        WIDGET,
    )
        .into_response()
}

#[tracing::instrument(name = "home", skip_all)]
pub async fn home(State(state): State<AppState>, Query(query): Query<PageQuery>) -> Result<Html<String>, Error> {
    let lang = lang(query.lang.as_deref());
    let fr = lang == Lang::Fr;
    let city = &state.settings.city;
    let today = chrono::Utc::now().with_timezone(&city.tz()?).date_naive();
    let mut context = Context::new();
    context.insert("lang", lang.code());
    context.insert("city", &city.name);
    let mut charts: Vec<String> = Vec::new();

    context.insert("status", &super::status::current(&state.pool).await?);
    // Measured series first; without them, the model's grid point of the city (said so).
    let (_, holdings) = figures::Holdings::load(&state.pool, city).await?;
    let air_stations = holdings.stations("pm25");
    let mut air: Vec<i64> =
        air_stations.iter().filter(|s| s.in_city && s.kind == "air_quality").map(|s| s.id).collect();
    let air_model = air.is_empty();
    if air_model {
        air.extend(air_stations.iter().filter(|s| s.kind == "model_grid").map(|s| s.id).take(1));
    }
    let weather_stations = holdings.stations("temperature");
    let weather = weather_stations
        .iter()
        .filter(|s| s.kind == "weather")
        .max_by_key(|s| s.in_city)
        .or_else(|| weather_stations.iter().filter(|s| s.kind == "model_grid").min_by_key(|s| s.first_day));
    context.insert("model", &(air_model && !air.is_empty() || weather.is_some_and(|s| s.kind == "model_grid")));
    let air_latest = holdings.freshness(&air, "pm25").latest_day;
    let weather_latest = weather.and_then(|station| holdings.freshness(&[station.id], "temperature").latest_day);
    let latest = air_latest.max(weather_latest).map(|d| d.min(today));
    if let Some(latest) = latest {
        let range = (latest - Days::new(DAYS - 1), latest);
        context.insert("from", &range.0);
        context.insert("to", &range.1);
        let who = figures::who_daily(figures::thresholds(&state.pool).await?, "pm25");
        let series = briefs::series(&state.pool, &air, "pm25", range).await?;
        let title = match (fr, air_model) {
            (true, false) => "Particules fines (PM2,5), moyenne de la ville",
            (false, false) => "Fine particles (PM2.5), city-wide daily mean",
            (true, true) => "Particules fines (PM2,5), modèle CAMS (pas une mesure)",
            (false, true) => "Fine particles (PM2.5), CAMS model (not a measurement)",
        };
        let label = if fr { "seuil OMS" } else { "WHO guideline" };
        charts.push(charts::daily(
            "home-pm25",
            title,
            "µg/m³",
            &[charts::Series { label: city.name.clone(), points: series.iter().map(|d| (d.0, d.1)).collect() }],
            who.map(|t| (t.value, label)),
            false,
        ));
        if let Some(station) = &weather {
            let temperature = briefs::series(&state.pool, &[station.id], "temperature", range).await?;
            let rain = briefs::series(&state.pool, &[station.id], "precipitation", range).await?;
            let (t, r) = if fr {
                ("Température moyenne journalière", "Pluie journalière")
            } else {
                ("Daily mean temperature", "Daily rainfall")
            };
            charts.push(charts::daily(
                "home-t",
                t,
                "°C",
                &[charts::Series {
                    label: station.name.clone(),
                    points: temperature.iter().map(|d| (d.0, d.1)).collect(),
                }],
                None,
                false,
            ));
            charts.push(charts::daily(
                "home-rain",
                r,
                "mm",
                &[charts::Series {
                    label: station.name.clone(),
                    points: rain.iter().map(|d| (d.0, d.2.unwrap_or(0.0))).collect(),
                }],
                None,
                true,
            ));
        }
    }
    let forecast = figures::forecast(&state.pool, "temperature", (today, today + Days::new(7))).await?;
    if !forecast.is_empty() {
        let (title, low, high) = if fr {
            ("Prévision de température", "minimum", "maximum")
        } else {
            ("Temperature forecast", "lowest", "highest")
        };
        let series = [
            charts::Series { label: low.into(), points: forecast.iter().map(|d| (d.day, d.min)).collect() },
            charts::Series { label: high.into(), points: forecast.iter().map(|d| (d.day, d.max)).collect() },
        ];
        charts.push(charts::daily("home-forecast", title, "°C", &series, None, false));
    }
    context.insert("has_forecast", &!forecast.is_empty());
    if let Some(housing) = housing_panel(&state, lang).await? {
        context.insert("housing", &housing);
    }
    context.insert("charts", &charts.into_iter().filter(|c| !c.is_empty()).collect::<Vec<_>>());
    // The last month with data (a month that has only begun is not offered first).
    let month = latest.map(|d| (d - Days::new(1)).format("%Y-%m").to_string()).unwrap_or_default();
    context.insert("month", &month);
    Ok(Html(state.pages.render("home.html.tera", &context).map_err(anyhow::Error::from)?))
}

#[derive(sqlx::FromRow)]
struct HousingRow {
    commune_code: String,
    dwelling: String,
    period: String,
    period_start: NaiveDate,
    sales: i32,
    eur_per_m2_median: Option<f64>,
    change_pct: Option<f64>,
}

/// The city's property sales: the latest full year's medians by dwelling, their quarterly chart and
/// a map of that year's sales; none without sales in the city's commune.
async fn housing_panel(state: &AppState, lang: Lang) -> Result<Option<serde_json::Value>, Error> {
    let city = &state.settings.city.name;
    let rows: Vec<HousingRow> = sqlx::query_as(include_str!("sql/housing_home.sql")).bind(city).fetch_all(&state.pool).await?;
    let Some(commune) = rows.first().map(|r| r.commune_code.clone()) else { return Ok(None) };
    let full = |year: i32| rows.iter().any(|r| r.period == "quarter" && r.period_start.year() == year && r.period_start.month() == 10);
    let years: Vec<i32> = rows.iter().filter(|r| r.period == "year").map(|r| r.period_start.year()).collect();
    let Some(year) = years.iter().copied().filter(|y| full(*y)).max().or(years.iter().copied().max()) else { return Ok(None) };
    let fr = lang == Lang::Fr;
    let labels = [("flat", if fr { "Appartements" } else { "Flats" }), ("house", if fr { "Maisons" } else { "Houses" })];
    let mut dwellings = Vec::new();
    let mut series = Vec::new();
    for (dwelling, label) in labels {
        if let Some(r) = rows.iter().find(|r| r.period == "year" && r.period_start.year() == year && r.dwelling == dwelling) {
            dwellings.push(serde_json::json!({
                "label": label,
                "sales": r.sales,
                "median": r.eur_per_m2_median.map(|m| format!("{m:.0} €/m²")),
                "change": r.change_pct.map(|c| format!("{c:+.1} %")),
            }));
        }
        let points =
            rows.iter().filter(|r| r.period == "quarter" && r.dwelling == dwelling).filter_map(|r| r.eur_per_m2_median.map(|m| (r.period_start, m)));
        series.push(charts::Series { label: label.to_string(), points: points.collect() });
    }
    let title = if fr { "Prix médian au m² par trimestre" } else { "Median price per m² by quarter" };
    let quarterly = charts::daily("home-housing", title, "€/m²", &series, None, false);
    let points: Vec<(f64, f64, f64)> =
        sqlx::query_as(include_str!("sql/housing_map.sql")).bind(&commune).bind(year).bind(None::<String>).bind(None::<String>).fetch_all(&state.pool).await?;
    let title = if fr { format!("Les ventes de {year}, par prix au m²") } else { format!("The sales of {year}, by price per m²") };
    let map = charts::map("home-housing-map", &title, "€/m²", &points);
    let from = NaiveDate::from_ymd_opt(year, 1, 1).expect("a year");
    let to = NaiveDate::from_ymd_opt(year, 12, 31).expect("a year end");
    Ok(Some(serde_json::json!({
        "year": year,
        "dwellings": dwellings,
        "charts": [quarterly, map],
        "sales_csv": format!("/api/v1/housing/sales?commune={commune}&from={from}&to={to}&priced=true&format=csv"),
        "stats": format!("/api/v1/housing/stats?commune={commune}"),
    })))
}

#[derive(Deserialize)]
pub struct BriefForm {
    month: String,
    lang: Option<String>,
}

/// The home page's brief form: a month in, the brief's page out.
pub async fn brief_form(State(state): State<AppState>, Form(form): Form<BriefForm>) -> Result<Redirect, Error> {
    let from = NaiveDate::parse_from_str(&format!("{}-01", form.month.trim()), "%Y-%m-%d")
        .map_err(|_| Error::BadRequest(format!("{:?} is not a month like 2020-03.", form.month)))?;
    let to = crate::calendar::month_end(from);
    let lang = lang(form.lang.as_deref());
    let request = Request { from, to, air: true, weather: true, housing: false, mobility: false, lang };
    let brief = super::briefs::generate(&state, &request).await?;
    Ok(Redirect::to(&format!("/briefs/{}", brief.id)))
}
