//! Property sales for analysts: `/api/v1/housing/sales` (the sales, filtered, paged by keyset, JSON
//! or CSV) and `/api/v1/housing/stats` (the price statistics computed from them).

use std::collections::HashMap;

use axum::Json;
use axum::extract::State;
use axum::http::header;
use axum::response::{IntoResponse, Response};
use chrono::NaiveDate;
use serde::Serialize;
use sqlx::PgPool;

use super::analyst::{Format, csv_body, format, page};
use super::rows::{Page, Params, Rows, days, limit, params};
use super::{AppState, Error};

const DEFAULT_LIMIT: i64 = 1000;
const MAX_LIMIT: i64 = 10_000;
const ROOMS: [&str; 5] = ["1", "2", "3", "4", "5+"];

#[derive(Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Sale {
    id: i64,
    /// The DVF mutation (geo-dvf's `id_mutation`).
    mutation: String,
    sold_on: NaiveDate,
    nature: String,
    price_eur: Option<f64>,
    commune_code: String,
    commune: String,
    /// flat or house when the sale is of exactly one of them (dependencies allowed).
    dwelling: Option<String>,
    built_m2: Option<f64>,
    rooms: Option<i32>,
    eur_per_m2: Option<f64>,
    /// Whether the price statistics count this sale: a Vente of one dwelling with a built surface.
    in_price_statistics: bool,
    flats: i32,
    houses: i32,
    dependencies: i32,
    business: i32,
    longitude: Option<f64>,
    latitude: Option<f64>,
}

#[derive(Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct SaleStat {
    pub(super) commune_code: String,
    pub(super) commune: String,
    pub(super) dwelling: String,
    pub(super) period: String,
    pub(super) period_start: NaiveDate,
    pub(super) rooms: String,
    /// Sales counted (those in the price statistics).
    pub(super) sales: i32,
    /// Quartiles and median of €/m², the median price and built surface: null under 10 sales.
    pub(super) eur_per_m2_q1: Option<f64>,
    pub(super) eur_per_m2_median: Option<f64>,
    pub(super) eur_per_m2_q3: Option<f64>,
    pub(super) price_median: Option<f64>,
    pub(super) built_m2_median: Option<f64>,
    /// The median €/m² against the same group a year earlier, in %.
    pub(super) change_pct: Option<f64>,
}

/// One of `allowed`, or a 400 naming them.
fn choice<'a>(params: &'a HashMap<String, String>, key: &str, allowed: &[&str]) -> Result<Option<&'a str>, Error> {
    match params.get(key) {
        None => Ok(None),
        Some(value) if allowed.contains(&value.as_str()) => Ok(Some(value)),
        Some(value) => Err(Error::BadRequest(format!("{key} {value:?} is not one of {}.", allowed.join(", ")))),
    }
}

/// The commune asked for, when some sale is in it; else a 400 naming the communes with sales.
async fn commune<'a>(pool: &PgPool, params: &'a HashMap<String, String>) -> Result<Option<&'a str>, Error> {
    let Some(code) = params.get("commune") else { return Ok(None) };
    let known: bool = sqlx::query_scalar(include_str!("sql/sale_commune_exists.sql")).bind(code).fetch_one(pool).await?;
    if known {
        return Ok(Some(code));
    }
    let known: Vec<String> = communes(pool).await?.iter().take(10).map(|(c, name, n)| format!("{c} {name} ({n} sales)")).collect();
    Err(Error::BadRequest(match known.is_empty() {
        true => "No property sales are loaded: import DVF files with `smartcity import dvf`.".into(),
        false => format!("No sales in commune {code:?} (an INSEE code); communes with sales: {}.", known.join(", ")),
    }))
}

/// Property sales (DVF), oldest first: the rows behind every housing figure.
#[utoipa::path(get, path = "/api/v1/housing/sales", tag = "analysts",
    params(
        ("commune" = Option<String>, Query, description = "INSEE code of a commune with sales, e.g. 63113"),
        ("dwelling" = Option<String>, Query, pattern = "^(flat|house)$", description = "Sales of exactly one flat or one house"),
        ("rooms" = Option<String>, Query, pattern = "^([1-4]|5\\+)$", description = "Main rooms of the dwelling: 1 to 4, or 5+"),
        ("from" = Option<NaiveDate>, Query, description = "First day"),
        ("to" = Option<NaiveDate>, Query, description = "Last day, not before `from`"),
        ("priced" = Option<bool>, Query, description = "true: only the sales the price statistics count"),
        ("after" = Option<String>, Query, description = "The `next` cursor of the previous page"),
        ("limit" = Option<i64>, Query, minimum = 1, maximum = 10000, description = "Rows per page (default 1000)"),
        ("format" = inline(Option<Format>), Query),
    ),
    responses((status = 200, description = "A page of sales; as CSV, the next page is in the `Link` header",
            content((Page<Sale> = "application/json"), (String = "text/csv"))),
        (status = 400, description = "A bad parameter, a commune without sales, `to` before `from`, a cursor not from a previous page")))]
#[tracing::instrument(name = "housing_sales", skip_all)]
pub async fn sales(State(state): State<AppState>, query: Params) -> Result<Response, Error> {
    let params = params(query)?;
    let format = format(&params)?;
    let limit = limit(&params, DEFAULT_LIMIT, MAX_LIMIT)?;
    let dwelling = choice(&params, "dwelling", &["flat", "house"])?;
    let rooms = choice(&params, "rooms", &ROOMS)?;
    let priced = choice(&params, "priced", &["true", "false"])? == Some("true");
    let (from, to) = days(&params)?;
    let commune = commune(&state.pool, &params).await?;
    let after = match params.get("after") {
        Some(cursor) => {
            let bad = || Error::BadRequest(format!("after {cursor:?} is not a cursor from a previous page."));
            let (day, id) = cursor.split_once(',').ok_or_else(bad)?;
            Some((day.parse::<NaiveDate>().map_err(|_| bad())?, id.parse::<i64>().map_err(|_| bad())?))
        }
        None => None,
    };
    let rows: Vec<Sale> = sqlx::query_as(include_str!("sql/sales_page.sql"))
        .bind(commune)
        .bind(dwelling)
        .bind(rooms)
        .bind(from)
        .bind(to)
        .bind(priced)
        .bind(after.map(|a| a.0))
        .bind(after.map(|a| a.1))
        .bind(limit)
        .fetch_all(&state.pool)
        .await?;
    let next = (rows.len() as i64 == limit).then(|| rows.last().map(|r| format!("{},{}", r.sold_on, r.id))).flatten();
    page(rows, next, "/api/v1/housing/sales", &params, format, std::convert::identity)
}

/// Price statistics of the sales: per commune, dwelling, period and rooms, the number of sales,
/// the quartiles and median of €/m² (from 10 sales), the median price and surface, and the change
/// of the median against a year earlier.
#[utoipa::path(get, path = "/api/v1/housing/stats", tag = "analysts",
    params(
        ("commune" = Option<String>, Query, description = "INSEE code of a commune with sales (all communes when absent)"),
        ("dwelling" = Option<String>, Query, pattern = "^(flat|house|all)$", description = "flat, house or all (default)"),
        ("period" = Option<String>, Query, pattern = "^(year|quarter|month)$", description = "year (default), quarter or month"),
        ("rooms" = Option<String>, Query, pattern = "^([1-4]|5\\+|all)$", description = "Main rooms: 1 to 4, 5+ or all (default)"),
        ("from" = Option<NaiveDate>, Query, description = "Periods starting on or after this day"),
        ("to" = Option<NaiveDate>, Query, description = "Periods starting on or before this day"),
        ("format" = inline(Option<Format>), Query),
    ),
    responses((status = 200, description = "The statistics, oldest period first",
            content((Rows<SaleStat> = "application/json"), (String = "text/csv"))),
        (status = 400, description = "A bad parameter, a commune without sales, `to` before `from`")))]
#[tracing::instrument(name = "housing_stats", skip_all)]
pub async fn stats(State(state): State<AppState>, query: Params) -> Result<Response, Error> {
    let params = params(query)?;
    let format = format(&params)?;
    let dwelling = choice(&params, "dwelling", &["flat", "house", "all"])?.unwrap_or("all");
    let period = choice(&params, "period", &["year", "quarter", "month"])?.unwrap_or("year");
    let rooms = choice(&params, "rooms", &["1", "2", "3", "4", "5+", "all"])?.unwrap_or("all");
    let (from, to) = days(&params)?;
    let commune = commune(&state.pool, &params).await?;
    let rows = stat_rows(&state.pool, commune, (dwelling, period, rooms), (from, to)).await?;
    match format {
        Format::Json => Ok(Json(Rows { rows }).into_response()),
        Format::Csv => Ok(([(header::CONTENT_TYPE, "text/csv; charset=utf-8")], csv_body(&rows)?).into_response()),
    }
}

/// The statistics of `commune` (every one when none) for a dwelling, period and rooms, periods
/// starting within the days, oldest first.
pub(super) async fn stat_rows(
    pool: &PgPool,
    commune: Option<&str>,
    (dwelling, period, rooms): (&str, &str, &str),
    (from, to): (Option<NaiveDate>, Option<NaiveDate>),
) -> sqlx::Result<Vec<SaleStat>> {
    sqlx::query_as(include_str!("sql/sale_stats_rows.sql"))
        .bind(commune)
        .bind(dwelling)
        .bind(period)
        .bind(rooms)
        .bind(from)
        .bind(to)
        .fetch_all(pool)
        .await
}

/// The communes with sales (INSEE code, name, sales), most sales first.
pub(super) async fn communes(pool: &PgPool) -> sqlx::Result<Vec<(String, String, i64)>> {
    sqlx::query_as(include_str!("sql/sale_communes.sql")).fetch_all(pool).await
}

/// The priced sales behind a fact whose source is `sales` (`variable` = `commune/dwelling[/rooms]`).
pub(super) async fn sales_behind(pool: &PgPool, variable: &str, (from, to): (NaiveDate, NaiveDate)) -> Result<serde_json::Value, Error> {
    let mut parts = variable.split('/');
    let commune = parts.next();
    let dwelling = parts.next().filter(|d| *d != "all");
    let rooms = parts.next();
    let rows: Vec<Sale> = sqlx::query_as(include_str!("sql/sales_page.sql"))
        .bind(commune)
        .bind(dwelling)
        .bind(rooms)
        .bind(from)
        .bind(to)
        .bind(true)
        .bind(None::<NaiveDate>)
        .bind(None::<i64>)
        .bind(i64::MAX)
        .fetch_all(pool)
        .await?;
    Ok(serde_json::json!({ "rows": rows }))
}
