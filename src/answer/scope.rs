//! What data a question is about: for each variable, the stations to read (one station, or the
//! city's stations whose daily mean is the city's), and the days; or why there is no such data.

use chrono::{Datelike, NaiveDate};
use sqlx::PgPool;

use super::figures::{self, DataStation, Holdings};
use crate::config::City;
use crate::question::{AIR_VARIABLES, Granularity, Intent, Period, Place, Plan, Unit, WEATHER_VARIABLES};
use crate::summarize::Lang;

#[derive(Debug, Clone)]
pub struct Target {
    pub variable: &'static str,
    pub stations: Vec<DataStation>,
    /// The city-wide daily mean of `stations`.
    pub city: bool,
}

impl Target {
    pub fn ids(&self) -> Vec<i64> {
        self.stations.iter().map(|s| s.id).collect()
    }

    /// The single station, or none for the city-wide mean.
    pub fn station(&self) -> Option<&DataStation> {
        if self.city { None } else { self.stations.first() }
    }

    pub fn is_weather(&self) -> bool {
        WEATHER_VARIABLES.contains(&self.variable)
    }

    pub fn first_day(&self) -> Option<NaiveDate> {
        self.stations.iter().map(|s| s.first_day).min()
    }

    pub fn last_day(&self) -> Option<NaiveDate> {
        self.stations.iter().map(|s| s.last_day).max()
    }
}

/// Why a question gets no figures.
#[derive(Debug, Clone)]
pub enum NoData {
    UnknownPlace { name: String },
    NotMeasured { variable: &'static str, place: String },
    InPeriod { target: Target, period: (NaiveDate, NaiveDate) },
    NoForecast { last: Option<NaiveDate> },
}

pub enum Resolution {
    Targets(Vec<Target>),
    NoData(NoData),
}

/// The variables to answer with, and the stations of each.
pub fn targets(holdings: &Holdings, city: &City, plan: &Plan, intent: Intent, notes: &mut Vec<String>) -> Resolution {
    if let Place::Unknown { name } = &plan.place {
        return Resolution::NoData(NoData::UnknownPlace { name: name.clone() });
    }
    let mut variables: Vec<&'static str> = plan.variables.clone();
    if intent == Intent::Correlation {
        // The pollutant is the target; the weather variables are what it is compared with.
        variables.retain(|v| AIR_VARIABLES.contains(v));
    }
    let mut targets = Vec::new();
    for variable in variables {
        match target(holdings, city, &plan.place, variable, plan.lang, notes) {
            Ok(target) => targets.push(target),
            Err(no_data) => return Resolution::NoData(no_data),
        }
    }
    Resolution::Targets(targets)
}

/// The stations to read `variable` at for `place`: the station, the city's weather station, or
/// the city's air stations (whose daily mean is the city's).
pub fn target(
    holdings: &Holdings,
    city: &City,
    place: &Place,
    variable: &'static str,
    lang: Lang,
    notes: &mut Vec<String>,
) -> Result<Target, NoData> {
    let stations = holdings.stations(variable);
    let weather = WEATHER_VARIABLES.contains(&variable);
    // Without a measuring station, the model's grid point of the city, its longest series (the
    // archive rather than the forecast's few past days).
    let model = stations.iter().filter(|s| s.kind == "model_grid").min_by_key(|s| s.first_day).cloned();
    let measured: Vec<DataStation> = stations.into_iter().filter(|s| s.kind != "model_grid").collect();
    let not_measured = |place: &str| Err(NoData::NotMeasured { variable, place: place.to_string() });
    match place {
        Place::Station { id, name } => match measured.iter().find(|s| s.id == *id) {
            Some(station) => Ok(Target { variable, stations: vec![station.clone()], city: false }),
            None if weather => match city_weather(&measured) {
                Some(station) => {
                    notes.push(lang.say(&format!("the weather is observed at {}, not at {name}", station.name), &format!("la météo est observée à {}, pas à {name}", station.name)));
                    Ok(Target { variable, stations: vec![station], city: false })
                }
                None => not_measured(name),
            },
            None => not_measured(name),
        },
        _ if weather => match city_weather(&measured) {
            Some(station) => Ok(Target { variable, stations: vec![station], city: false }),
            None => match model {
                Some(station) => {
                    notes.push(lang.say(
                        "no weather station has data here: these are model values (Open-Meteo), not observations",
                        "aucune station météo n'a de données ici : ce sont des valeurs de modèle (Open-Meteo), pas des observations",
                    ));
                    Ok(Target { variable, stations: vec![station], city: false })
                }
                None => not_measured(&city.name),
            },
        },
        _ => {
            let in_city: Vec<DataStation> =
                measured.into_iter().filter(|s| s.in_city && s.kind == "air_quality").collect();
            if in_city.is_empty() {
                let Some(station) = model else { return not_measured(&city.name) };
                notes.push(lang.say(
                    "no station measures this here: these are model values (CAMS air-quality model, via Open-Meteo), not measurements",
                    "aucune station ne le mesure ici : ce sont des valeurs de modèle (modèle CAMS, via Open-Meteo), pas des mesures",
                ));
                return Ok(Target { variable, stations: vec![station], city: false });
            }
            if matches!(place, Place::City { named: false }) && in_city.len() > 1 {
                let said = lang.say("no station named: the stations of the city are used", "aucune station nommée : les stations de la ville sont utilisées");
                if !notes.contains(&said) {
                    notes.push(said);
                }
            }
            Ok(Target { variable, stations: in_city, city: true })
        }
    }
}

/// The weather station of the city (or the only one there is).
fn city_weather(stations: &[DataStation]) -> Option<DataStation> {
    let weather: Vec<&DataStation> = stations.iter().filter(|s| s.kind == "weather").collect();
    weather.iter().find(|s| s.in_city).or(weather.first()).map(|s| (*s).clone())
}

/// The days to read: the question's period (up to `as_of`; "ever" from the first day with data), or
/// by default the latest day with data up to `as_of` (for "now" and plain values) or its year.
pub async fn period(
    pool: &PgPool,
    plan: &Plan,
    intent: Intent,
    target: &Target,
    notes: &mut Vec<String>,
) -> sqlx::Result<Option<Period>> {
    let as_of = plan.as_of;
    // "Now" is the latest day with data: today's values may not have arrived yet.
    let today_only = plan.period.as_ref().is_some_and(|p| p.from == as_of && p.to == as_of);
    if let Some(period) = plan.period.as_ref().filter(|_| !(intent == Intent::Now && today_only)) {
        let to = period.to.min(as_of);
        // "Ever": from the first day with data to the last.
        if period.granularity == Granularity::All {
            let (Some(first), Some(last)) = (target.first_day(), target.last_day()) else { return Ok(None) };
            let last = last.min(as_of);
            return Ok((first <= last).then(|| Period { from: first, to: last, ..period.clone() }));
        }
        return Ok((period.from <= to).then(|| Period { to, ..period.clone() }));
    }
    // The holdings know the last day unless `as_of` falls before it (a pinned past "now").
    let latest = match target.last_day() {
        Some(last) if last <= as_of => Some(last),
        _ => figures::latest_day(pool, &target.ids(), target.variable, as_of).await?,
    };
    let Some(latest) = latest else { return Ok(None) };
    Ok(match (intent, plan.per) {
        // "The annual mean": the latest whole year (or month) with data.
        (Intent::Now | Intent::Value, Some(per)) => {
            let said = plan.lang.say(
                "no period was given: the latest whole year or month with data is used",
                "aucune période n'était donnée : la dernière année ou le dernier mois complet avec des données est utilisé",
            );
            notes.push(said);
            Some(whole(latest, per))
        }
        (Intent::Now | Intent::Value, None) => {
            Some(Period { from: latest, to: latest, granularity: Granularity::Day, said: String::new() })
        }
        (_, _) => {
            let said = plan.lang.say(
                "no period was given: the latest year with data is used",
                "aucune période n'était donnée : la dernière année avec des données est utilisée",
            );
            if !notes.contains(&said) {
                notes.push(said);
            }
            let from = NaiveDate::from_ymd_opt(latest.year(), 1, 1).expect("a year start");
            Some(Period { from, to: latest, granularity: Granularity::Year, said: String::new() })
        }
    })
}

/// The last whole year (or month) up to `latest`: its own when `latest` ends it, else the one before.
fn whole(latest: NaiveDate, per: Unit) -> Period {
    let (first, end) = match per {
        Unit::Year => (NaiveDate::from_ymd_opt(latest.year(), 1, 1).expect("a year"), crate::calendar::year_end(latest)),
        _ => (latest.with_day(1).expect("a month"), crate::calendar::month_end(latest)),
    };
    let to = if latest == end { latest } else { first.pred_opt().expect("a day before") };
    let from = match per {
        Unit::Year => NaiveDate::from_ymd_opt(to.year(), 1, 1).expect("a year"),
        _ => to.with_day(1).expect("a month"),
    };
    Period::of(from, to, String::new())
}
