//! Transit questions resolved: days said by their kind ("samedi", "en semaine") become the first
//! such day from today on; a day left unsaid is today (the lines of a stop and the stops near it
//! are the whole timetable's); the radius left unsaid is 400 m; what is asked becomes one intent.
//! Each default is said in a note.

use chrono::{Datelike, NaiveDate, Weekday};

use crate::calendar::Period;
use crate::lang::Lang;
use crate::question::phrases::measures::Unit;
use crate::question::phrases::transit::{DayWord, TransitAsk, TransitMeasure};
use crate::question::plan::Intent;

/// Around a stop, when the question says no radius.
pub const DEFAULT_RADIUS_M: u32 = 400;

/// The first day from `as_of` on that `word` says.
pub fn day_of(word: DayWord, as_of: NaiveDate) -> NaiveDate {
    let fits = |d: NaiveDate| match word {
        DayWord::Weekday(w) => d.weekday() == w,
        DayWord::Working => !matches!(d.weekday(), Weekday::Sat | Weekday::Sun),
    };
    as_of.iter_days().take(7).find(|d| fits(*d)).unwrap_or(as_of)
}

/// The days asked (`periods`, the question's own dates or those kept from the question before,
/// `own`: the question said dates), the ask's defaults, and the intent.
pub fn resolve(
    ask: &mut TransitAsk,
    periods: &mut Vec<Period>,
    (own, compares): (bool, bool),
    (as_of, lang): (NaiveDate, Lang),
    notes: &mut Vec<String>,
) -> Intent {
    if !own && !ask.days.is_empty() {
        *periods = ask.days.iter().map(|d| Period::of(day_of(*d, as_of), day_of(*d, as_of), String::new())).collect();
        periods.dedup_by_key(|p| p.from);
    }
    let whole_timetable = matches!(ask.measure, Some(TransitMeasure::Lines | TransitMeasure::StopsNear));
    if periods.is_empty() && !whole_timetable {
        periods.push(Period::of(as_of, as_of, String::new()));
        notes.push(lang.say("no day was given: today's timetable is used", "aucun jour n'était donné : l'horaire du jour est utilisé"));
    }
    if ask.measure == Some(TransitMeasure::StopsNear) && ask.radius_m.is_none() {
        ask.radius_m = Some(DEFAULT_RADIUS_M);
        notes.push(lang.say(
            &format!("no distance was given: stops within {DEFAULT_RADIUS_M} m are listed"),
            &format!("aucune distance n'était donnée : les arrêts à moins de {DEFAULT_RADIUS_M} m sont listés"),
        ));
    }
    match ask.rank {
        Some(highest) => Intent::Extreme { highest, of: Unit::Route },
        None if periods.len() >= 2 || ask.routes.len() >= 2 || compares => Intent::Compare,
        None => Intent::Value,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_day_said_by_its_kind_is_the_first_from_today_on() {
        let d = |s: &str| NaiveDate::parse_from_str(s, "%Y-%m-%d").unwrap();
        let wednesday = d("2024-03-13");
        assert_eq!(day_of(DayWord::Weekday(Weekday::Sat), wednesday), d("2024-03-16"));
        assert_eq!(day_of(DayWord::Weekday(Weekday::Wed), wednesday), wednesday);
        assert_eq!(day_of(DayWord::Working, d("2024-03-16")), d("2024-03-18"));
        assert_eq!(day_of(DayWord::Working, wednesday), wednesday);
    }
}
