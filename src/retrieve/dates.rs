//! Time ranges in questions, French or English: absolute ("on 12 May 2020", "en mars 2020",
//! "summer 2020") and relative to `as_of` ("yesterday", "la semaine dernière", "the past 30 days").

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::Serialize;

/// The years "today" may be in: questions are about recorded data and forecasts, and the date
/// arithmetic of relative phrases stays far from chrono's limits.
pub const AS_OF_YEARS: std::ops::RangeInclusive<i32> = 1900..=2099;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    Day,
    /// Several days that are not a calendar month (a week, the past 30 days).
    Span,
    Month,
    Season,
    Year,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub granularity: Granularity,
    /// The words of the question it was read from.
    pub said: String,
}

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("janvier", 1),
    ("february", 2),
    ("feb", 2),
    ("fevrier", 2),
    ("march", 3),
    ("mars", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("may", 5),
    ("mai", 5),
    ("june", 6),
    ("juin", 6),
    ("july", 7),
    ("juillet", 7),
    ("august", 8),
    ("aug", 8),
    ("aout", 8),
    ("september", 9),
    ("sept", 9),
    ("sep", 9),
    ("septembre", 9),
    ("october", 10),
    ("oct", 10),
    ("octobre", 10),
    ("november", 11),
    ("nov", 11),
    ("novembre", 11),
    ("december", 12),
    ("dec", 12),
    ("decembre", 12),
    ("juil", 7),
];

const SEASONS: &[(&str, u32)] = &[
    ("winter", 12),
    ("hiver", 12),
    ("spring", 3),
    ("printemps", 3),
    ("summer", 6),
    ("ete", 6),
    ("autumn", 9),
    ("fall", 9),
    ("automne", 9),
];

const WEEKDAYS: &[(&str, Weekday)] = &[
    ("monday", Weekday::Mon),
    ("lundi", Weekday::Mon),
    ("tuesday", Weekday::Tue),
    ("mardi", Weekday::Tue),
    ("wednesday", Weekday::Wed),
    ("mercredi", Weekday::Wed),
    ("thursday", Weekday::Thu),
    ("jeudi", Weekday::Thu),
    ("friday", Weekday::Fri),
    ("vendredi", Weekday::Fri),
    ("saturday", Weekday::Sat),
    ("samedi", Weekday::Sat),
    ("sunday", Weekday::Sun),
    ("dimanche", Weekday::Sun),
];

fn month(word: &str) -> Option<u32> {
    MONTHS.iter().find(|(name, _)| *name == word).map(|(_, m)| *m)
}

fn year(word: &str) -> Option<i32> {
    (word.len() == 4).then(|| word.parse().ok()).flatten().filter(|y| (1900..=2100).contains(y))
}

fn day_number(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if !matches!(suffix, "" | "er" | "st" | "nd" | "rd" | "th") || digits.is_empty() || digits.len() > 2 {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

fn number(word: &str) -> Option<u32> {
    match word {
        "two" | "deux" => Some(2),
        "three" | "trois" => Some(3),
        "four" | "quatre" => Some(4),
        "five" | "cinq" => Some(5),
        "six" => Some(6),
        "seven" | "sept" => Some(7),
        "ten" | "dix" => Some(10),
        "fifteen" | "quinze" => Some(15),
        "thirty" | "trente" => Some(30),
        w => w.parse().ok().filter(|n| (1..=3660).contains(n)),
    }
}

pub fn month_start(year: i32, month: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(year, month, 1).expect("a valid month")
}

/// The last day of `day`'s month.
pub fn month_end(day: NaiveDate) -> NaiveDate {
    let first = day.with_day(1).expect("a first day");
    first.checked_add_months(Months::new(1)).and_then(|d| d.pred_opt()).expect("a month end")
}

fn year_period(year: i32, said: String) -> Period {
    Period {
        from: NaiveDate::from_ymd_opt(year, 1, 1).expect("a year"),
        to: NaiveDate::from_ymd_opt(year, 12, 31).expect("a year"),
        granularity: Granularity::Year,
        said,
    }
}

fn month_period(year: i32, month: u32, said: String) -> Period {
    let from = month_start(year, month);
    Period { from, to: month_end(from), granularity: Granularity::Month, said }
}

/// Meteorological season opening in `month` (12, 3, 6, 9) of `year`.
fn season_period(year: i32, month: u32, said: String) -> Period {
    let from = month_start(year, month);
    let to = from.checked_add_months(Months::new(3)).and_then(|d| d.pred_opt()).expect("a season end");
    Period { from, to, granularity: Granularity::Season, said }
}

fn day_period(day: NaiveDate, said: String) -> Period {
    Period { from: day, to: day, granularity: Granularity::Day, said }
}

fn span(from: NaiveDate, to: NaiveDate, said: String) -> Period {
    Period { from, to, granularity: Granularity::Span, said }
}

fn matches_at(words: &[String], i: usize, phrase: &[&str]) -> bool {
    phrase.iter().enumerate().all(|(k, p)| words.get(i + k).is_some_and(|w| w == p))
}

/// The first time range the words mention, relative ones resolved against `as_of`.
/// "Now" and its kin say little when a date is also given ("you are now... on 12 May 2020").
pub fn parse(words: &[String], as_of: NaiveDate) -> Option<Period> {
    let weak = |p: &Period| matches!(p.said.as_str(), "now" | "currently" | "maintenant" | "actuellement");
    let all = parse_all(words, as_of);
    all.iter().find(|p| !weak(p)).or(all.first()).cloned()
}

/// Every time range the words mention, in order ("October 2020 ... than September": two).
pub fn parse_all(words: &[String], as_of: NaiveDate) -> Vec<Period> {
    let mut found = Vec::new();
    let mut i = 0;
    while i < words.len() {
        match relative(words, i, as_of).or_else(|| absolute(words, i, as_of)) {
            Some(period) => {
                i += period.said.split_whitespace().count().max(1);
                found.push(period);
            }
            None => i += 1,
        }
    }
    found
}

fn said(words: &[String], i: usize, n: usize) -> String {
    words[i..(i + n).min(words.len())].join(" ")
}

fn absolute(words: &[String], i: usize, as_of: NaiveDate) -> Option<Period> {
    let w = words[i].as_str();
    let next = |k: usize| words.get(i + k).map(String::as_str).unwrap_or("");
    // 2020-05-12 arrives as three words; 12/05/2020 as one.
    if let (Some(y), Some(m), Some(d)) = (year(w), next(1).parse::<u32>().ok(), next(2).parse::<u32>().ok())
        && next(1).len() == 2
        && let Some(day) = NaiveDate::from_ymd_opt(y, m, d)
    {
        return Some(day_period(day, said(words, i, 3)));
    }
    if let [d, m, y] = w.split('/').collect::<Vec<_>>()[..]
        && let (Ok(d), Ok(m), Some(y)) = (d.parse(), m.parse(), year(y))
        && let Some(day) = NaiveDate::from_ymd_opt(y, m, d)
    {
        return Some(day_period(day, w.to_string()));
    }
    // 12 May 2020, 1er mars 2020, 12 mai
    if let (Some(d), Some(m)) = (day_number(w), month(next(1))) {
        let (y, n) = match year(next(2)) {
            Some(y) => (y, 3),
            None => (latest_year_of(as_of, m, d), 2),
        };
        if let Some(day) = NaiveDate::from_ymd_opt(y, m, d) {
            return Some(day_period(day, said(words, i, n)));
        }
    }
    // May 12, 2020 / May 12th
    if let (Some(m), Some(d)) = (month(w), day_number(next(1)))
        && (w != "may" || year(next(2)).is_some())
    {
        let (y, n) = match year(next(2)) {
            Some(y) => (y, 3),
            None => (latest_year_of(as_of, m, d), 2),
        };
        if let Some(day) = NaiveDate::from_ymd_opt(y, m, d) {
            return Some(day_period(day, said(words, i, n)));
        }
    }
    // March 2020 / en mars 2020 / in March
    if let Some(m) = month(w) {
        let previous = i.checked_sub(1).map(|p| words[p].as_str()).unwrap_or("");
        if let Some(y) = year(next(1)) {
            return Some(month_period(y, m, said(words, i, 2)));
        }
        let introduced = matches!(previous, "in" | "en" | "during" | "de" | "du" | "pendant" | "for" | "of" | "since");
        let ambiguous =
            matches!(w, "may" | "mars" | "sep" | "jan" | "dec" | "oct" | "nov" | "apr" | "aug" | "feb") && !introduced;
        if !ambiguous {
            let y = if m <= as_of.month() { as_of.year() } else { as_of.year() - 1 };
            return Some(month_period(y, m, w.to_string()));
        }
    }
    // summer 2020, l'été 2020, winter 2019-2020 (December 2019 to February 2020); "a été" and
    // "did it fall" are no seasons.
    let previous = i.checked_sub(1).map(|p| words[p].as_str()).unwrap_or("");
    let introduced =
        matches!(previous, "l" | "in" | "en" | "during" | "pendant" | "de" | "du" | "this" | "the" | "cet" | "cette");
    if let Some((_, m)) = SEASONS.iter().find(|(name, _)| *name == w)
        && (introduced || year(next(1)).is_some())
    {
        if let (Some(a), Some(b)) = (year(next(1)), year(next(2)))
            && b == a + 1
            && *m == 12
        {
            return Some(season_period(a, 12, said(words, i, 3)));
        }
        if let Some(y) = year(next(1)) {
            // "winter 2020" is the winter whose January is in 2020.
            let y = if *m == 12 { y - 1 } else { y };
            return Some(season_period(y, *m, said(words, i, 2)));
        }
        return Some(latest_season(as_of, *m, w.to_string(), false));
    }
    if let Some(y) = year(w) {
        return Some(year_period(y, w.to_string()));
    }
    None
}

/// The year in which day `d` of month `m` was last reached by `as_of`.
fn latest_year_of(as_of: NaiveDate, m: u32, d: u32) -> i32 {
    if (m, d) <= (as_of.month(), as_of.day()) { as_of.year() } else { as_of.year() - 1 }
}

/// The season (opening in month `m`) that `as_of` is in or last saw; with `previous`, the one before it.
fn latest_season(as_of: NaiveDate, m: u32, said: String, previous: bool) -> Period {
    let mut start = month_start(as_of.year(), m);
    if m == 12 && as_of.month() < 12 {
        start = month_start(as_of.year() - 1, 12);
    }
    if start > as_of {
        start = start.checked_sub_months(Months::new(12)).expect("a year earlier");
    }
    let season = season_period(start.year(), m, said);
    if previous && as_of <= season.to {
        let start = start.checked_sub_months(Months::new(12)).expect("a year earlier");
        return season_period(start.year(), m, season.said);
    }
    season
}

fn relative(words: &[String], i: usize, as_of: NaiveDate) -> Option<Period> {
    let at = |phrase: &[&str]| matches_at(words, i, phrase);
    let w = words[i].as_str();
    let next = |k: usize| words.get(i + k).map(String::as_str).unwrap_or("");
    let day = |offset: i64, n: usize| {
        let d = if offset >= 0 { as_of + Days::new(offset as u64) } else { as_of - Days::new(offset.unsigned_abs()) };
        Some(day_period(d, said(words, i, n)))
    };
    if at(&["day", "before", "yesterday"]) {
        return day(-2, 3);
    }
    if at(&["avant", "hier"]) {
        return day(-2, 2);
    }
    if at(&["day", "after", "tomorrow"]) {
        return day(2, 3);
    }
    if at(&["apres", "demain"]) {
        return day(2, 2);
    }
    match w {
        "yesterday" | "hier" => return day(-1, 1),
        "today" | "tonight" | "now" | "currently" | "maintenant" | "actuellement" => return day(0, 1),
        "tomorrow" | "demain" => return day(1, 1),
        _ => {}
    }
    if at(&["aujourd", "hui"]) {
        return day(0, 2);
    }
    if at(&["right", "now"]) || at(&["en", "ce", "moment"]) {
        return day(0, 2);
    }
    let monday = as_of - Days::new(as_of.weekday().num_days_from_monday().into());
    let this = matches!(w, "this" | "cette" | "ce" | "cet");
    let last = matches!(w, "last" | "previous" | "past");
    // French puts "dernier" after the noun: "la semaine dernière", "le mois dernier", "l'an dernier".
    let after_last = matches!(next(1), "derniere" | "dernier" | "passee" | "passe" | "precedente" | "precedent");
    let noun = if this || last { next(1) } else { w };
    let n = if this || last || after_last { 2 } else { 1 };
    match noun {
        "week" | "semaine" if this => return Some(span(monday, as_of, said(words, i, n))),
        "week" | "semaine" if last || after_last => {
            let from = monday - Days::new(7);
            return Some(span(from, from + Days::new(6), said(words, i, n)));
        }
        "month" | "mois" if this || (w == "mois" && next(1) == "ci") => {
            let from = month_start(as_of.year(), as_of.month());
            return Some(Period { from, to: as_of, granularity: Granularity::Month, said: said(words, i, n) });
        }
        "month" | "mois" if last || after_last => {
            let from = month_start(as_of.year(), as_of.month()).checked_sub_months(Months::new(1))?;
            return Some(month_period(from.year(), from.month(), said(words, i, n)));
        }
        "year" | "annee" | "an" if this => {
            let from = NaiveDate::from_ymd_opt(as_of.year(), 1, 1)?;
            return Some(Period { from, to: as_of, granularity: Granularity::Year, said: said(words, i, n) });
        }
        "year" | "annee" | "an" if last || after_last => return Some(year_period(as_of.year() - 1, said(words, i, n))),
        season if (this || last || after_last) && SEASONS.iter().any(|(name, _)| *name == season) => {
            let m = SEASONS.iter().find(|(name, _)| *name == season).map(|(_, m)| *m)?;
            return Some(latest_season(as_of, m, said(words, i, n), !this));
        }
        weekday if (this || last || after_last) && WEEKDAYS.iter().any(|(name, _)| *name == weekday) => {
            let target = WEEKDAYS.iter().find(|(name, _)| *name == weekday).map(|(_, d)| *d)?;
            let back = (7 + as_of.weekday().num_days_from_monday() - target.num_days_from_monday() - 1) % 7 + 1;
            return Some(day_period(as_of - Days::new(back.into()), said(words, i, n)));
        }
        _ => {}
    }
    // the past 30 days, last 2 weeks, les 30 derniers jours, ces 7 derniers jours
    if last && let Some(count) = number(next(1)) {
        return past(as_of, count, next(2), said(words, i, 3));
    }
    if let Some(count) = number(w)
        && matches!(next(1), "derniers" | "dernieres")
    {
        return past(as_of, count, next(2), said(words, i, 3));
    }
    if matches!(w, "derniers" | "dernieres")
        && let Some(count) = number(next(1))
    {
        return past(as_of, count, next(2), said(words, i, 3));
    }
    // the next 3 days, les 3 prochains jours, the coming days, les prochains jours
    if matches!(w, "next" | "coming") || (matches!(w, "prochains" | "prochaines") && matches!(next(1), "jours")) {
        let count = number(next(1)).unwrap_or(7);
        return Some(span(as_of + Days::new(1), as_of + Days::new(count.into()), said(words, i, 3)));
    }
    if let Some(count) = number(w)
        && matches!(next(1), "prochains" | "prochaines")
    {
        return Some(span(as_of + Days::new(1), as_of + Days::new(count.into()), said(words, i, 3)));
    }
    None
}

fn past(as_of: NaiveDate, count: u32, unit: &str, said: String) -> Option<Period> {
    let days = match unit {
        "day" | "days" | "jour" | "jours" => count,
        "week" | "weeks" | "semaine" | "semaines" => count * 7,
        "month" | "months" | "mois" => {
            let from = as_of.checked_sub_months(Months::new(count))? + Days::new(1);
            return Some(span(from, as_of, said));
        }
        _ => return None,
    };
    Some(span(as_of - Days::new(u64::from(days.max(1)) - 1), as_of, said))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::retrieve::words::{fold, words};

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn range(question: &str, as_of: &str) -> Option<(NaiveDate, NaiveDate, Granularity)> {
        parse(&words(&fold(question)), d(as_of)).map(|p| (p.from, p.to, p.granularity))
    }

    #[test]
    fn absolute_dates_in_both_languages() {
        use Granularity::*;
        let now = "2021-06-15";
        assert_eq!(range("PM2.5 on 12 May 2020?", now), Some((d("2020-05-12"), d("2020-05-12"), Day)));
        assert_eq!(range("le 1er mars 2020", now), Some((d("2020-03-01"), d("2020-03-01"), Day)));
        assert_eq!(range("on May 12th, 2020", now), Some((d("2020-05-12"), d("2020-05-12"), Day)));
        assert_eq!(range("le 12/05/2020", now), Some((d("2020-05-12"), d("2020-05-12"), Day)));
        assert_eq!(range("on 2020-05-12", now), Some((d("2020-05-12"), d("2020-05-12"), Day)));
        assert_eq!(range("en mars 2020", now), Some((d("2020-03-01"), d("2020-03-31"), Month)));
        assert_eq!(range("in February 2020", now), Some((d("2020-02-01"), d("2020-02-29"), Month)));
        assert_eq!(range("summer 2020", now), Some((d("2020-06-01"), d("2020-08-31"), Season)));
        assert_eq!(range("l'été 2020", now), Some((d("2020-06-01"), d("2020-08-31"), Season)));
        assert_eq!(range("l'hiver 2020", now), Some((d("2019-12-01"), d("2020-02-29"), Season)));
        assert_eq!(range("winter 2020-2021", now), Some((d("2020-12-01"), d("2021-02-28"), Season)));
        assert_eq!(range("en 2020", now), Some((d("2020-01-01"), d("2020-12-31"), Year)));
        assert_eq!(range("en juillet", now), Some((d("2020-07-01"), d("2020-07-31"), Month)));
        assert_eq!(range("in May", now), Some((d("2021-05-01"), d("2021-05-31"), Month)));
        assert_eq!(range("the 14 july", now), Some((d("2020-07-14"), d("2020-07-14"), Day)));
        assert_eq!(range("may I ask about the air", now), None);
        assert_eq!(range("Quel a été le jour le plus pollué ?", now), None);
        assert_eq!(range("en été", now), Some((d("2021-06-01"), d("2021-08-31"), Season)));
    }

    #[test]
    fn relative_dates_in_both_languages() {
        use Granularity::*;
        let now = "2020-03-18"; // a Wednesday
        assert_eq!(range("Was the air bad yesterday?", now), Some((d("2020-03-17"), d("2020-03-17"), Day)));
        assert_eq!(range("Quel temps hier ?", now), Some((d("2020-03-17"), d("2020-03-17"), Day)));
        assert_eq!(range("avant-hier", now), Some((d("2020-03-16"), d("2020-03-16"), Day)));
        assert_eq!(range("aujourd'hui", now), Some((d("2020-03-18"), d("2020-03-18"), Day)));
        assert_eq!(range("demain", now), Some((d("2020-03-19"), d("2020-03-19"), Day)));
        assert_eq!(range("last week", now), Some((d("2020-03-09"), d("2020-03-15"), Span)));
        assert_eq!(range("la semaine dernière", now), Some((d("2020-03-09"), d("2020-03-15"), Span)));
        assert_eq!(range("cette semaine", now), Some((d("2020-03-16"), d("2020-03-18"), Span)));
        assert_eq!(range("ce mois-ci", now), Some((d("2020-03-01"), d("2020-03-18"), Month)));
        assert_eq!(range("this month", now), Some((d("2020-03-01"), d("2020-03-18"), Month)));
        assert_eq!(range("le mois dernier", now), Some((d("2020-02-01"), d("2020-02-29"), Month)));
        assert_eq!(range("last month", now), Some((d("2020-02-01"), d("2020-02-29"), Month)));
        assert_eq!(range("the past 30 days", now), Some((d("2020-02-18"), d("2020-03-18"), Span)));
        assert_eq!(range("les 7 derniers jours", now), Some((d("2020-03-12"), d("2020-03-18"), Span)));
        assert_eq!(range("l'an dernier", now), Some((d("2019-01-01"), d("2019-12-31"), Year)));
        assert_eq!(range("last year", now), Some((d("2019-01-01"), d("2019-12-31"), Year)));
        assert_eq!(range("cet hiver", now), Some((d("2019-12-01"), d("2020-02-29"), Season)));
        assert_eq!(range("last summer", now), Some((d("2019-06-01"), d("2019-08-31"), Season)));
        assert_eq!(range("last monday", now), Some((d("2020-03-16"), d("2020-03-16"), Day)));
        assert_eq!(range("les 3 prochains jours", now), Some((d("2020-03-19"), d("2020-03-21"), Span)));
    }

    #[test]
    fn two_periods_in_one_question() {
        let periods = parse_all(&words(&fold("Was October 2020 more polluted than September 2020?")), d("2021-01-01"));
        let months: Vec<NaiveDate> = periods.iter().map(|p| p.from).collect();
        assert_eq!(months, [d("2020-10-01"), d("2020-09-01")]);
    }
}
