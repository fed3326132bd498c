//! The housing part of a brief: for flats and for houses, the median price per m² of the latest
//! quarter within the period, its sales and its change against the same quarter a year earlier,
//! and a chart of the median of every quarter of the period.

use chrono::{Months, NaiveDate};
use serde_json::{Value, json};

use super::Writer;
use crate::answer::citations::Kind;
use crate::charts;
use crate::summarize::{Lang, Source};

#[derive(sqlx::FromRow)]
struct Quarter {
    commune_code: String,
    dwelling: String,
    period_start: NaiveDate,
    sales: i32,
    eur_per_m2_median: Option<f64>,
    change_pct: Option<f64>,
}

/// The section's figures and its chart; none when no whole quarter of the period has sales.
pub(super) async fn section(
    w: &mut Writer<'_>,
    commune: &str,
    range: (NaiveDate, NaiveDate),
    lang: Lang,
) -> anyhow::Result<Option<(Value, String)>> {
    let quarters: Vec<Quarter> = sqlx::query_as(include_str!("sql/housing_quarters.sql"))
        .bind(commune)
        .bind(range.0)
        .bind(range.1)
        .fetch_all(w.pool)
        .await?;
    if quarters.is_empty() {
        return Ok(None);
    }
    let mut dwellings = Vec::new();
    let mut series = Vec::new();
    for (dwelling, en, fr) in [("flat", "Flats", "Appartements"), ("house", "Houses", "Maisons")] {
        let of: Vec<&Quarter> = quarters.iter().filter(|q| q.dwelling == dwelling).collect();
        let label = if lang == Lang::Fr { fr } else { en };
        series.push(charts::Series {
            label: label.to_string(),
            points: of.iter().filter_map(|q| q.eur_per_m2_median.map(|m| (q.period_start, m))).collect(),
        });
        let Some(last) = of.last() else { continue };
        let to = crate::calendar::month_end(last.period_start + Months::new(2));
        let variable = format!("{}/{dwelling}/all", last.commune_code);
        let s = Source { table: "sales", station_id: None, variable: Some(variable), from: last.period_start, to };
        let quarter = w.ledger.facts.quarter("quarter", last.period_start, &s);
        let sales = w.ledger.facts.count("sales of one dwelling with a price per m²", last.sales.into(), &s);
        let median = last.eur_per_m2_median.map(|m| w.number("median price per m²", m, 0, "€/m²", &s));
        let change = last.change_pct.map(|c| w.number("change of the median against a year earlier", c, 1, "%", &s));
        let c = w.cite(&s, Kind::Housing, None).await?;
        dwellings.push(
            json!({ "label": label, "quarter": quarter, "sales": sales, "median": median, "change": change, "c": c }),
        );
    }
    let title = match lang {
        Lang::En => format!("Median price per m² by quarter, {commune}"),
        Lang::Fr => format!("Prix médian au m² par trimestre, {commune}"),
    };
    let chart = charts::daily("housing", &title, "€/m²", &series, None, false);
    Ok(Some((json!({ "dwellings": dwellings, "quarters": quarters.len() / 2 }), chart)))
}
