//! What a dashboard shows, read from its URL: a place (the city or a station), a variable and a
//! period (a preset or two days). What the URL names and the data does not hold is said, never
//! replaced by something else.

use std::collections::HashMap;

use chrono::{Datelike, Days, NaiveDate};
use serde::Serialize;

use crate::answer::figures::{DataStation, Holdings};
use crate::calendar::month_end;
use crate::summarize::Lang;

/// A user's choice the data cannot serve, in the page's language.
pub struct Unservable(pub String);

/// The place of a dashboard: the mean of the city's air-quality stations, or one station.
#[derive(Clone)]
pub enum Scope {
    City(Vec<i64>),
    Station(DataStation),
}

impl Scope {
    pub fn ids(&self) -> Vec<i64> {
        match self {
            Scope::City(ids) => ids.clone(),
            Scope::Station(s) => vec![s.id],
        }
    }

    /// The URL parameter's value.
    pub fn param(&self) -> String {
        match self {
            Scope::City(_) => "city".into(),
            Scope::Station(s) => s.id.to_string(),
        }
    }

    pub fn is_model(&self) -> bool {
        matches!(self, Scope::Station(s) if s.kind == "model_grid")
    }
}

/// One entry of a form's list.
#[derive(Serialize)]
pub struct Entry {
    pub value: String,
    pub label: String,
    pub selected: bool,
}

/// The places that hold `variable`: the city (when its air-quality stations do), then each station.
pub fn places(holdings: &Holdings, variable: &str) -> (Option<Scope>, Vec<DataStation>) {
    let mut stations = holdings.stations(variable);
    stations.sort_by(|a, b| (a.kind == "model_grid", &a.name).cmp(&(b.kind == "model_grid", &b.name)));
    let city: Vec<i64> = stations.iter().filter(|s| s.in_city && s.kind == "air_quality").map(|s| s.id).collect();
    ((!city.is_empty()).then_some(Scope::City(city)), stations)
}

/// The place named by `station` ("city" or an id); without one, the city, else the nearest
/// measuring station, else the model.
pub fn scope(holdings: &Holdings, variable: &str, station: Option<&str>, lang: Lang) -> Result<Scope, Unservable> {
    let (city, stations) = places(holdings, variable);
    let fr = lang == Lang::Fr;
    let name = super::label(variable, lang);
    match station.map(str::trim).filter(|s| !s.is_empty()) {
        None => city
            .or_else(|| {
                let measured = stations.iter().filter(|s| s.kind != "model_grid").max_by_key(|s| s.in_city);
                measured.or(stations.first()).cloned().map(Scope::Station)
            })
            .ok_or_else(|| {
                Unservable(if fr {
                    format!("Aucune donnée n'est chargée pour : {name}.")
                } else {
                    format!("No data is loaded for: {name}.")
                })
            }),
        Some("city") => city.ok_or_else(|| {
            Unservable(if fr {
                format!("Aucune station de mesure de la ville ne mesure : {name}. Choisissez une station.")
            } else {
                format!("No measuring station of the city measures: {name}. Pick a station.")
            })
        }),
        Some(id) => {
            let found = id.parse::<i64>().ok().and_then(|id| stations.iter().find(|s| s.id == id));
            found.cloned().map(Scope::Station).ok_or_else(|| {
                let held = stations.iter().map(|s| format!("{} ({})", s.name, s.id)).collect::<Vec<_>>().join(", ");
                Unservable(if fr {
                    format!("La station «{id}» n'a pas de données pour : {name}. En ont : {held}.")
                } else {
                    format!("Station {id:?} holds no data for: {name}. These do: {held}.")
                })
            })
        }
    }
}

/// The first and last days the place holds of `variable`.
pub fn span(holdings: &Holdings, scope: &Scope, variable: &str) -> Option<(NaiveDate, NaiveDate)> {
    let held: Vec<DataStation> =
        holdings.stations(variable).into_iter().filter(|s| scope.ids().contains(&s.id)).collect();
    Some((held.iter().map(|s| s.first_day).min()?, held.iter().map(|s| s.last_day).max()?))
}

/// The years a date in a URL may have (chrono reads "+262142-12" as a year).
const YEARS: std::ops::RangeInclusive<i32> = 1900..=2200;

pub(super) fn plausible(day: &NaiveDate) -> bool {
    YEARS.contains(&day.year())
}

/// The presets a period can be.
pub const PRESETS: [&str; 5] = ["30d", "month", "year", "all", "range"];

/// The period: `period` (a preset, by default the last 30 days with data) with `month`, `year` or
/// `from` and `to`, within the days the place holds.
pub fn period(
    params: &HashMap<String, String>,
    (first, last): (NaiveDate, NaiveDate),
    lang: Lang,
) -> Result<(&'static str, (NaiveDate, NaiveDate)), Unservable> {
    let fr = lang == Lang::Fr;
    let bad = |en: String, fr_text: String| Unservable(if fr { fr_text } else { en });
    let get = |key: &str| params.get(key).map(|v| v.trim()).filter(|v| !v.is_empty());
    let preset = match get("period") {
        None if get("from").is_some() || get("to").is_some() => "range",
        None => "30d",
        Some(p) => PRESETS.into_iter().find(|preset| *preset == p).ok_or_else(|| {
            bad(
                format!("The period {p:?} is not one of {}.", PRESETS.join(", ")),
                format!("La période «{p}» n'est pas l'une de : {}.", PRESETS.join(", ")),
            )
        })?,
    };
    let range = match preset {
        "30d" => (last - Days::new(29), last),
        "all" => (first, last),
        "month" => match get("month") {
            None => (last.with_day(1).expect("a month's first day"), month_end(last)),
            Some(m) => {
                let start = NaiveDate::parse_from_str(&format!("{m}-01"), "%Y-%m-%d")
                    .ok()
                    .filter(plausible)
                    .ok_or_else(|| {
                        bad(
                            format!("{m:?} is not a month like 2020-03."),
                            format!("«{m}» n'est pas un mois comme 2020-03."),
                        )
                    })?;
                (start, month_end(start))
            }
        },
        "year" => {
            let year = match get("year") {
                None => last.year(),
                Some(y) => y.parse::<i32>().ok().filter(|y| YEARS.contains(y)).ok_or_else(|| {
                    bad(format!("{y:?} is not a year like 2020."), format!("«{y}» n'est pas une année comme 2020."))
                })?,
            };
            (
                NaiveDate::from_ymd_opt(year, 1, 1).expect("a year"),
                NaiveDate::from_ymd_opt(year, 12, 31).expect("a year"),
            )
        }
        _ => {
            let day = |key: &str| -> Result<NaiveDate, Unservable> {
                let value = get(key).ok_or_else(|| {
                    bad(
                        format!("A range needs {key} (a day like 2020-03-15)."),
                        format!("Une plage demande {key} (un jour comme 2020-03-15)."),
                    )
                })?;
                value.parse().ok().filter(plausible).ok_or_else(|| {
                    bad(
                        format!("{key} {value:?} is not a day like 2020-03-15."),
                        format!("{key} «{value}» n'est pas un jour comme 2020-03-15."),
                    )
                })
            };
            let (from, to) = (day("from")?, day("to")?);
            if from > to {
                return Err(bad(format!("from {from} is after to {to}."), format!("from {from} est après to {to}.")));
            }
            (from, to)
        }
    };
    Ok((preset, range))
}
