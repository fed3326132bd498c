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

/// The first day from `as_of` on that `word` says; "the Saturday before" (after), the last before
/// (the first after) `asked`, the day asked about before, or today.
pub fn day_of(word: DayWord, as_of: NaiveDate, asked: Option<NaiveDate>) -> NaiveDate {
    let reference = asked.unwrap_or(as_of);
    let around = |w: Weekday, step: fn(NaiveDate, chrono::Days) -> NaiveDate| {
        (1..=7).map(|k| step(reference, chrono::Days::new(k))).find(|d| d.weekday() == w).unwrap_or(reference)
    };
    match word {
        DayWord::Before(w) => return around(w, |d, k| d - k),
        DayWord::After(w) => return around(w, |d, k| d + k),
        _ => {}
    }
    let fits = |d: NaiveDate| match word {
        DayWord::Weekday(w) => d.weekday() == w,
        DayWord::Next(w) => d.weekday() == w && d != as_of,
        DayWord::Working => !matches!(d.weekday(), Weekday::Sat | Weekday::Sun),
        DayWord::Before(_) | DayWord::After(_) => false,
    };
    as_of.iter_days().take(8).find(|d| fits(*d)).unwrap_or(as_of)
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
        let asked = periods.first().map(|p| p.from);
        *periods = ask.days.iter().map(|d| day_of(*d, as_of, asked)).map(|d| Period::of(d, d, String::new())).collect();
        periods.dedup_by_key(|p| p.from);
    }
    // "Compare the trips between Wednesday 13 and Thursday 14 March": the two days.
    if let ([span], true) = (periods.as_slice(), compares)
        && span.to > span.from
    {
        let (first, last) = (span.from, span.to);
        *periods = vec![Period::of(first, first, String::new()), Period::of(last, last, String::new())];
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
        assert_eq!(day_of(DayWord::Weekday(Weekday::Sat), wednesday, None), d("2024-03-16"));
        assert_eq!(day_of(DayWord::Weekday(Weekday::Wed), wednesday, None), wednesday);
        assert_eq!(day_of(DayWord::Working, d("2024-03-16"), None), d("2024-03-18"));
        assert_eq!(day_of(DayWord::Working, wednesday, None), wednesday);
        assert_eq!(day_of(DayWord::Next(Weekday::Wed), wednesday, None), d("2024-03-20"));
        assert_eq!(day_of(DayWord::Before(Weekday::Sat), wednesday, Some(d("2024-03-23"))), d("2024-03-16"));
        assert_eq!(day_of(DayWord::After(Weekday::Sun), wednesday, Some(d("2024-04-13"))), d("2024-04-14"));
        assert_eq!(day_of(DayWord::After(Weekday::Sat), wednesday, Some(d("2024-04-13"))), d("2024-04-20"));
    }
}
