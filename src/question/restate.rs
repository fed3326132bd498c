//! What a plan answers, said back in the question's language: "Lowest temperature on 28 February
//! 2018 in Clermont-Ferrand", "Minimum de température le 28 février 2018 à Clermont-Ferrand". A
//! misreading shows at once.

use chrono::{Datelike, NaiveDate};

use super::phrases::housing::{Dwelling, HousingAsk, Measure};
use super::phrases::limits::{Limit, Op};
use super::phrases::measures::{Statistic, Unit};
use super::phrases::places::Place;
use super::phrases::transit::{TransitAsk, TransitMeasure};
use super::plan::{AIR_VARIABLES, Intent, Plan};
use crate::calendar::{Granularity, Period};
use crate::lang::{Lang, MONTHS_EN, MONTHS_FR};

/// The plan said back; empty for a refusal or a greeting.
pub fn restate(plan: &Plan) -> String {
    if plan.refusal.is_some() || plan.intent == Intent::Help {
        return String::new();
    }
    if let Some(ask) = &plan.transit {
        return capitalised(&transit(plan, ask));
    }
    let lang = plan.lang;
    let mut parts = vec![match &plan.housing {
        Some(housing) => housing_measure(plan, housing),
        None => measure(plan),
    }];
    if let Some(day_of) = &plan.day_of {
        let (en, fr) =
            (if day_of.highest { "highest" } else { "lowest" }, if day_of.highest { "maximum" } else { "minimum" });
        parts.push(lang.say(
            &format!("on the day of the {en} {}", noun(day_of.variable, Lang::En)),
            &format!("le jour du {fr} {}", Lang::de(&noun(day_of.variable, Lang::Fr))),
        ));
    }
    match (plan.intent, plan.periods.as_slice()) {
        (Intent::Compare, [first, second, ..]) => parts.push(format!(
            "{} {} {}",
            period_words(first, lang),
            lang.say("and", "et"),
            period_words(second, lang)
        )),
        (Intent::Forecast, []) => parts.push(lang.say("for the coming days", "pour les prochains jours")),
        // The latest day with data, whatever today is.
        (Intent::Now, _) => {}
        (_, [period, ..]) => parts.push(period_words(period, lang)),
        _ => {}
    }
    let city = &plan.constraints.city;
    match (&plan.intent, plan.stations.as_slice()) {
        (Intent::Compare, [first, second, ..]) => parts.push(format!(
            "{} {} {}",
            place_words(first, city, lang),
            lang.say("and", "et"),
            place_words(second, city, lang)
        )),
        _ => parts.push(place_words(&plan.place, city, lang)),
    }
    if plan.per.is_some() && plan.period.is_none() {
        parts.push(match plan.per {
            Some(Unit::Year) => lang.say("over the latest whole year", "sur la dernière année entière"),
            _ => lang.say("over the latest whole month", "sur le dernier mois entier"),
        });
    }
    let mut text = parts.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ");
    if let Some(unit) = plan.unit {
        text.push_str(&format!(", {} {}", lang.say("in", "en"), unit.symbol()));
    }
    capitalised(&text)
}

/// "last departure of line A at Jaude on 16 March 2024", "les lignes à l'arrêt Gaillard".
fn transit(plan: &Plan, ask: &TransitAsk) -> String {
    let lang = plan.lang;
    let lines = |routes: &[String]| match routes {
        [] => lang.say("the network", "le réseau"),
        [one] => lang.say(&format!("line {one}"), &format!("la ligne {one}")),
        several => lang.say(&format!("lines {}", several.join(" and ")), &format!("les lignes {}", several.join(" et "))),
    };
    let of_lines = |routes: &[String]| match (lang, routes) {
        (Lang::Fr, []) => "du réseau".to_string(),
        (Lang::Fr, [one]) => format!("de la ligne {one}"),
        (Lang::Fr, several) => format!("des lignes {}", several.join(" et ")),
        (Lang::En, routes) => format!("of {}", lines(routes)),
    };
    let named: Vec<String> = match (&ask.unknown_route, ask.routes.is_empty()) {
        (Some(unknown), true) => vec![unknown.clone()],
        _ => ask.routes.clone(),
    };
    let at = |stop: &Option<String>| {
        stop.as_ref().map(|s| lang.say(&format!("at {s}"), &format!("à l'arrêt {s}"))).unwrap_or_default()
    };
    let mut parts = vec![match ask.measure {
        Some(TransitMeasure::FirstDeparture) => lang.say("first departure", "premier départ").to_string() + " " + &of_lines(&named),
        Some(TransitMeasure::LastDeparture) => lang.say("last departure", "dernier départ").to_string() + " " + &of_lines(&named),
        Some(TransitMeasure::Headway) => {
            let hour = ask.hour.map(|h| lang.say(&format!(" at {h}:00"), &format!(" à {h} h"))).unwrap_or_default();
            format!("{} {}{hour}", lang.say("time between departures", "temps entre deux départs"), of_lines(&named))
        }
        Some(TransitMeasure::Trips) if ask.rank.is_some() => {
            let most = ask.rank == Some(true);
            lang.say(
                if most { "the line with the most trips" } else { "the line with the fewest trips" },
                if most { "la ligne qui a le plus de courses" } else { "la ligne qui a le moins de courses" },
            )
        }
        Some(TransitMeasure::Trips) => format!("{} {}", lang.say("trips", "courses"), of_lines(&named)),
        Some(TransitMeasure::Lines) => lang.say("the lines", "les lignes"),
        Some(TransitMeasure::StopsNear) => {
            let r = ask.radius_m.unwrap_or(crate::question::resolve::transit::DEFAULT_RADIUS_M);
            lang.say(&format!("stops within {r} m"), &format!("les arrêts à moins de {r} m"))
        }
        None => lang.say("the timetable", "l'horaire"),
    }];
    parts.push(match ask.measure {
        Some(TransitMeasure::StopsNear) => ask.stop.as_ref().map(|s| lang.say(&format!("of {s}"), &format!("de {s}"))).unwrap_or_default(),
        _ => at(&ask.stop),
    });
    match plan.periods.as_slice() {
        [first, second, ..] => parts.push(format!("{} {} {}", period_words(first, lang), lang.say("and", "et"), period_words(second, lang))),
        [one] => parts.push(period_words(one, lang)),
        [] => parts.push(lang.say("in the timetable", "dans l'horaire")),
    }
    parts.into_iter().filter(|p| !p.is_empty()).collect::<Vec<_>>().join(" ")
}

fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

/// A variable's name without an article: "temperature", "température", "fine particles (PM2.5)".
pub(crate) fn noun(variable: &str, lang: Lang) -> String {
    let (en, fr) = match variable {
        "temperature" => ("temperature", "température"),
        "precipitation" => ("rain", "pluie"),
        "wind_speed" => ("wind speed", "vent"),
        "wind_gust" => ("wind gusts", "rafales"),
        "humidity" => ("humidity", "humidité"),
        "pressure_msl" => ("sea-level pressure", "pression au niveau de la mer"),
        "pm25" => ("fine particles (PM2.5)", "particules fines (PM2,5)"),
        "pm10" => ("particles (PM10)", "particules (PM10)"),
        "no2" => ("nitrogen dioxide (NO2)", "dioxyde d'azote (NO2)"),
        "o3" => ("ozone (O3)", "ozone (O3)"),
        "so2" => ("sulphur dioxide (SO2)", "dioxyde de soufre (SO2)"),
        "co" => ("carbon monoxide (CO)", "monoxyde de carbone (CO)"),
        other => (other, other),
    };
    lang.say(en, fr)
}

/// The variables asked about, or what the topic reads as.
fn nouns(plan: &Plan) -> String {
    let names: Vec<String> = plan.variables.iter().map(|v| noun(v, plan.lang)).collect();
    match (names.is_empty(), plan.about_weather(), plan.lang) {
        (false, ..) => names.join(plan.lang.say(" and ", " et ").as_str()),
        (true, true, lang) => lang.say("weather", "météo"),
        (true, false, lang) => lang.say("air quality", "qualité de l'air"),
    }
}

/// What is asked of the figures: "Lowest temperature", "Days above 25 µg/m³ of fine particles".
fn measure(plan: &Plan) -> String {
    let lang = plan.lang;
    let what = nouns(plan);
    let of = Lang::de(&what);
    let said = plan.said_statistic;
    let long = plan.period.as_ref().is_some_and(|p| !p.is_day());
    let index = plan.index.as_ref().map(|i| i.index.code());
    match plan.intent {
        Intent::Now => match index {
            Some(index) => {
                lang.say(&format!("Latest {index} index: {what}"), &format!("Dernier indice {index} : {what}"))
            }
            None => format!("{}: {}", lang.say("Latest", "Dernière donnée"), statistic_of(said, &what, false, lang)),
        },
        Intent::Value => match index {
            Some(index) => lang.say(&format!("{index} index: {what}"), &format!("Indice {index} : {what}")),
            None => statistic_of(said, &what, long, lang),
        },
        Intent::Extreme { highest, of: unit } => {
            let figure = plan.statistic.unwrap_or(Statistic::Mean);
            let (high, low) = match unit {
                Unit::Day => (lang.say("highest", "du maximum"), lang.say("lowest", "du minimum")),
                _ => (lang.say("highest", "à la plus forte"), lang.say("lowest", "à la plus faible")),
            };
            let extreme = if highest { high } else { low };
            let (day, month, year, station) = match lang {
                Lang::En => ("Day", "Month", "Year", "Station"),
                Lang::Fr => ("Jour", "Mois", "Année", "Station"),
            };
            match (unit, lang) {
                (Unit::Day, Lang::En) => format!("{day} with the {extreme} {}", statistic_noun(said, &what, lang)),
                (Unit::Day, Lang::Fr) => format!("{day} {extreme} {}", Lang::de(&statistic_noun(said, &what, lang))),
                (unit, lang) => {
                    let name = match unit {
                        Unit::Month if plan.month_of_year.is_some() => {
                            let m = plan.month_of_year.unwrap_or(1) as usize - 1;
                            lang.say(MONTHS_EN[m], &format!("Mois {}", Lang::de(MONTHS_FR[m])))
                        }
                        Unit::Month => month.to_string(),
                        Unit::Year => year.to_string(),
                        _ => station.to_string(),
                    };
                    let total = figure == Statistic::Sum;
                    match lang {
                        Lang::En => {
                            format!("{name} with the {extreme} {} {what}", if total { "total" } else { "mean" })
                        }
                        Lang::Fr => format!("{name} {extreme} {} {of}", if total { "cumul" } else { "moyenne" }),
                    }
                }
            }
        }
        Intent::Count => count_words(plan, &what),
        Intent::Compare => {
            format!("{} {}", lang.say("Comparison:", "Comparaison :"), statistic_of(said, &what, long, lang))
        }
        Intent::Trend => format!("{} {}", lang.say("Trend:", "Évolution :"), statistic_of(said, &what, long, lang)),
        Intent::Episode => format!("{} {what}", lang.say("Pollution episodes:", "Épisodes de pollution :")),
        Intent::Correlation => {
            let air: Vec<String> =
                plan.variables.iter().filter(|v| AIR_VARIABLES.contains(v)).map(|v| noun(v, lang)).collect();
            let air = if air.is_empty() { noun("pm25", lang) } else { air.join(", ") };
            lang.say(&format!("Link between {air} and the weather"), &format!("Lien entre {air} et météo"))
        }
        Intent::Forecast => format!("{} {what}", lang.say("Forecast:", "Prévision :")),
        Intent::Help => String::new(),
    }
}

/// "Lowest temperature", "Mean of the daily highest temperatures", "Total rain".
fn statistic_of(statistic: Option<Statistic>, what: &str, long: bool, lang: Lang) -> String {
    let of = Lang::de(what);
    let text = match (statistic, long, lang) {
        (None, ..) => what.to_string(),
        (Some(Statistic::Min), false, Lang::En) => format!("lowest {what}"),
        (Some(Statistic::Max), false, Lang::En) => format!("highest {what}"),
        (Some(Statistic::Min), true, Lang::En) => format!("mean of the daily lowest {what}"),
        (Some(Statistic::Max), true, Lang::En) => format!("mean of the daily highest {what}"),
        (Some(Statistic::Mean), _, Lang::En) => format!("mean {what}"),
        (Some(Statistic::Sum), _, Lang::En) => format!("total {what}"),
        (Some(Statistic::Min), false, Lang::Fr) => format!("minimum {of}"),
        (Some(Statistic::Max), false, Lang::Fr) => format!("maximum {of}"),
        (Some(Statistic::Min), true, Lang::Fr) => format!("moyenne des minimums quotidiens {of}"),
        (Some(Statistic::Max), true, Lang::Fr) => format!("moyenne des maximums quotidiens {of}"),
        (Some(Statistic::Mean), _, Lang::Fr) => format!("moyenne {of}"),
        (Some(Statistic::Sum), _, Lang::Fr) => format!("cumul {of}"),
    };
    capitalised(&text)
}

/// What an extreme day ranks: "temperature", "daily mean temperature".
fn statistic_noun(statistic: Option<Statistic>, what: &str, lang: Lang) -> String {
    match (statistic, lang) {
        (Some(Statistic::Mean), Lang::En) => format!("daily mean {what}"),
        (Some(Statistic::Mean), Lang::Fr) => format!("moyenne quotidienne {}", Lang::de(what)),
        (Some(Statistic::Min), Lang::En) => format!("daily minimum {what}"),
        (Some(Statistic::Max), Lang::En) => format!("daily maximum {what}"),
        _ => what.to_string(),
    }
}

fn count_words(plan: &Plan, what: &str) -> String {
    let lang = plan.lang;
    let of = Lang::de(what);
    if let Some(index) = &plan.index {
        return lang.say(
            &format!("Days of each class of the {} index: {what}", index.index.code()),
            &format!("Jours par classe de l'indice {} : {what}", index.index.code()),
        );
    }
    match &plan.limit {
        Some(Limit::Frost) => lang.say("Frost days", "Jours de gel"),
        Some(Limit::Hot) => lang.say("Hot days", "Jours chauds"),
        Some(Limit::Rainy) => lang.say("Rainy days", "Jours de pluie"),
        Some(Limit::Reference { eu }) => {
            let (en, fr) = if *eu {
                ("the EU daily limit", "la valeur limite journalière de l'UE")
            } else {
                ("the WHO daily guideline", "la valeur guide journalière de l'OMS")
            };
            lang.say(&format!("Days of {what} above {en}"), &format!("Jours {of} au-dessus de {fr}"))
        }
        Some(Limit::Given { op, asked, asked_unit, .. }) => {
            let threshold = format!("{asked} {asked_unit}").trim().to_string();
            let threshold = if lang == Lang::Fr { threshold.replace('.', ",") } else { threshold };
            let (en, fr) = match op {
                Op::Above => ("above", "au-dessus de"),
                Op::AtLeast => ("at or above", "à partir de"),
                Op::Below => ("below", "au-dessous de"),
                Op::AtMost => ("at or below", "jusqu'à"),
            };
            lang.say(&format!("Days of {what} {en} {threshold}"), &format!("Jours {of} {fr} {threshold}"))
        }
        None => lang.say(&format!("Days of {what}"), &format!("Jours {of}")),
    }
}

fn housing_measure(plan: &Plan, housing: &HousingAsk) -> String {
    let lang = plan.lang;
    let dwellings: Vec<&str> = housing
        .dwellings
        .iter()
        .map(|d| match (d, lang) {
            (Dwelling::Flat, Lang::En) => "flats",
            (Dwelling::House, Lang::En) => "houses",
            (Dwelling::Flat, Lang::Fr) => "appartements",
            (Dwelling::House, Lang::Fr) => "maisons",
        })
        .collect();
    let dwellings = if dwellings.is_empty() {
        lang.say("flats and houses", "appartements et maisons")
    } else {
        dwellings.join(lang.say(" and ", " et ").as_str())
    };
    let rooms = housing.rooms.map(|r| match (r, lang) {
        (5, Lang::En) => " (5 rooms or more)".to_string(),
        (5, Lang::Fr) => " (5 pièces ou plus)".to_string(),
        (1, Lang::En) => " (1 room)".to_string(),
        (r, Lang::En) => format!(" ({r} rooms)"),
        (r, Lang::Fr) => format!(" ({r} pièce{})", if r > 1 { "s" } else { "" }),
    });
    let (en, fr) = match housing.measure {
        Measure::PricePerM2 => ("Median price per m² of", "Prix médian au m² des"),
        Measure::Price => ("Median price of", "Prix médian des"),
        Measure::Surface => ("Median surface of", "Surface médiane des"),
        Measure::Sales => ("Number of sales of", "Nombre de ventes des"),
    };
    let lead = match plan.intent {
        Intent::Trend => lang.say("Change: ", "Évolution : "),
        Intent::Compare => lang.say("Comparison: ", "Comparaison : "),
        _ => String::new(),
    };
    let measure = lang.say(en, fr);
    let measure = if lead.is_empty() { measure } else { measure.to_lowercase() };
    format!("{lead}{measure} {dwellings}{}", rooms.unwrap_or_default())
}

fn place_words(place: &Place, city: &str, lang: Lang) -> String {
    match place {
        Place::Station { name, .. } | Place::Unknown { name } => lang.say(&format!("at {name}"), &format!("à {name}")),
        Place::City { .. } if city.is_empty() => String::new(),
        Place::City { .. } => lang.say(&format!("in {city}"), &format!("à {city}")),
    }
}

fn day_words(day: NaiveDate, lang: Lang) -> String {
    match lang {
        Lang::En => format!("{} {} {}", day.day(), MONTHS_EN[day.month0() as usize], day.year()),
        Lang::Fr if day.day() == 1 => format!("1er {} {}", MONTHS_FR[day.month0() as usize], day.year()),
        Lang::Fr => format!("{} {} {}", day.day(), MONTHS_FR[day.month0() as usize], day.year()),
    }
}

/// "on 28 February 2018", "en mars 2020", "from 17 March to 10 May 2020", "sur toutes les données".
pub fn period_words(period: &Period, lang: Lang) -> String {
    let (from, to) = (period.from, period.to);
    let month =
        |d: NaiveDate| if lang == Lang::Fr { MONTHS_FR[d.month0() as usize] } else { MONTHS_EN[d.month0() as usize] };
    match (period.granularity, lang) {
        (Granularity::Day, Lang::En) => format!("on {}", day_words(from, lang)),
        (Granularity::Day, Lang::Fr) => format!("le {}", day_words(from, lang)),
        (Granularity::Month, Lang::En) => format!("in {} {}", month(from), from.year()),
        (Granularity::Month, Lang::Fr) => format!("en {} {}", month(from), from.year()),
        (Granularity::Year, _) => format!("{} {}", lang.say("in", "en"), from.year()),
        (Granularity::Years, Lang::En) => format!("from {} to {}", from.year(), to.year()),
        (Granularity::Years, Lang::Fr) => format!("de {} à {}", from.year(), to.year()),
        (Granularity::All, _) => lang.say("over all the data", "sur toutes les données"),
        (Granularity::Season, _) => {
            let (en, fr) = match from.month() {
                12 => ("winter", "en hiver"),
                3 => ("spring", "au printemps"),
                6 => ("summer", "en été"),
                _ => ("autumn", "en automne"),
            };
            let years =
                if from.month() == 12 { format!("{}-{}", from.year(), to.year()) } else { from.year().to_string() };
            lang.say(&format!("in {en} {years}"), &format!("{fr} {years}"))
        }
        (Granularity::Span, Lang::En) if from.year() == to.year() => {
            format!("from {} {} to {}", from.day(), month(from), day_words(to, lang))
        }
        (Granularity::Span, Lang::Fr) if from.year() == to.year() => {
            let first = if from.day() == 1 { "1er".to_string() } else { from.day().to_string() };
            format!("du {first} {} au {}", month(from), day_words(to, lang))
        }
        (Granularity::Span, Lang::En) => format!("from {} to {}", day_words(from, lang), day_words(to, lang)),
        (Granularity::Span, Lang::Fr) => format!("du {} au {}", day_words(from, lang), day_words(to, lang)),
    }
}
