//! Time ranges in questions, French or English: days, months, seasons, quarters, halves, years and
//! spans of years, ranges ("from 5 to 12 October 2019", "du 1er au 7 juillet"), named days
//! (Christmas, le 14 juillet, Easter), the whole record ("ever", "depuis le début des mesures"), and
//! relative ones resolved against `as_of` ("yesterday", "la semaine dernière"). A date that does
//! not exist ("30 February 2020") is reported, never moved.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};
use serde::Serialize;

use super::words::Words;

/// The years "today" may be in: questions are about recorded data and forecasts, and the date
/// arithmetic of relative phrases stays far from chrono's limits.
pub const AS_OF_YEARS: std::ops::RangeInclusive<i32> = 1900..=2099;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Granularity {
    Day,
    /// Several days that are not a calendar month (a week, the past 30 days, a quarter).
    Span,
    Month,
    Season,
    Year,
    /// Several whole years ("between 2013 and 2021").
    Years,
    /// Everything recorded up to `as_of` ("ever").
    All,
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub granularity: Granularity,
    /// The words of the question it was read from.
    pub said: String,
}

/// What the date reader found.
#[derive(Debug, Default)]
pub struct Dates {
    /// In the order of the question.
    pub periods: Vec<Period>,
    /// Dates that do not exist, as written.
    pub impossible: Vec<String>,
    /// A month named to rank the same month across years ("which August was the warmest").
    pub month_of_year: Option<u32>,
}

const MONTHS: &[(&str, u32)] = &[
    ("january", 1),
    ("jan", 1),
    ("janvier", 1),
    ("janv", 1),
    ("february", 2),
    ("feb", 2),
    ("fevrier", 2),
    ("fev", 2),
    ("march", 3),
    ("mars", 3),
    ("mar", 3),
    ("april", 4),
    ("apr", 4),
    ("avril", 4),
    ("avr", 4),
    ("may", 5),
    ("mai", 5),
    ("june", 6),
    ("jun", 6),
    ("juin", 6),
    ("july", 7),
    ("jul", 7),
    ("juillet", 7),
    ("juil", 7),
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
];

/// Month names that are also other words, read as months only when a day, a year or "in" says so.
const AMBIGUOUS_MONTHS: &[&str] =
    &["may", "mar", "jan", "dec", "oct", "nov", "apr", "aug", "feb", "jun", "jul", "sep", "sept", "avr", "fev", "janv"];

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

/// A named day: a fixed (month, day), or days after Easter Sunday.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Named {
    Fixed(u32, u32),
    Easter(u64),
}

const NAMED_DAYS: &[(&[&str], Named)] = &[
    (&["christmas", "eve"], Named::Fixed(12, 24)),
    (&["veille", "de", "noel"], Named::Fixed(12, 24)),
    (&["reveillon", "de", "noel"], Named::Fixed(12, 24)),
    (&["christmas", "day"], Named::Fixed(12, 25)),
    (&["jour", "de", "noel"], Named::Fixed(12, 25)),
    (&["christmas"], Named::Fixed(12, 25)),
    (&["xmas"], Named::Fixed(12, 25)),
    (&["noel"], Named::Fixed(12, 25)),
    (&["new", "year", "s", "eve"], Named::Fixed(12, 31)),
    (&["new", "years", "eve"], Named::Fixed(12, 31)),
    (&["saint", "sylvestre"], Named::Fixed(12, 31)),
    (&["st", "sylvestre"], Named::Fixed(12, 31)),
    (&["new", "year", "s", "day"], Named::Fixed(1, 1)),
    (&["new", "years", "day"], Named::Fixed(1, 1)),
    (&["new", "year", "day"], Named::Fixed(1, 1)),
    (&["jour", "de", "l", "an"], Named::Fixed(1, 1)),
    (&["premier", "de", "l", "an"], Named::Fixed(1, 1)),
    (&["nouvel", "an"], Named::Fixed(1, 1)),
    (&["bastille", "day"], Named::Fixed(7, 14)),
    (&["fete", "nationale"], Named::Fixed(7, 14)),
    (&["may", "day"], Named::Fixed(5, 1)),
    (&["fete", "du", "travail"], Named::Fixed(5, 1)),
    (&["all", "saints", "day"], Named::Fixed(11, 1)),
    (&["all", "saints"], Named::Fixed(11, 1)),
    (&["toussaint"], Named::Fixed(11, 1)),
    (&["armistice", "day"], Named::Fixed(11, 11)),
    (&["armistice"], Named::Fixed(11, 11)),
    (&["assomption"], Named::Fixed(8, 15)),
    (&["halloween"], Named::Fixed(10, 31)),
    (&["valentine", "s", "day"], Named::Fixed(2, 14)),
    (&["valentines", "day"], Named::Fixed(2, 14)),
    (&["saint", "valentin"], Named::Fixed(2, 14)),
    (&["st", "valentin"], Named::Fixed(2, 14)),
    (&["easter", "monday"], Named::Easter(1)),
    (&["lundi", "de", "paques"], Named::Easter(1)),
    (&["easter", "sunday"], Named::Easter(0)),
    (&["easter", "day"], Named::Easter(0)),
    (&["dimanche", "de", "paques"], Named::Easter(0)),
    (&["jour", "de", "paques"], Named::Easter(0)),
    (&["easter"], Named::Easter(0)),
    (&["paques"], Named::Easter(0)),
];

/// "Ever": everything recorded.
const ALL_TIME: &[&[&str]] = &[
    &["of", "all", "time"],
    &["all", "time"],
    &["ever"],
    &["on", "record"],
    &["in", "the", "records"],
    &["in", "your", "records"],
    &["of", "all", "records"],
    &["in", "all", "the", "records"],
    &["in", "all", "your", "data"],
    &["in", "all", "the", "data"],
    &["in", "your", "data"],
    &["in", "the", "data"],
    &["since", "records", "began"],
    &["since", "measurements", "began"],
    &["since", "the", "beginning"],
    &["since", "the", "start"],
    &["in", "history"],
    &["depuis", "le", "debut", "des", "mesures"],
    &["depuis", "le", "debut", "des", "releves"],
    &["depuis", "le", "debut", "des", "donnees"],
    &["depuis", "le", "debut", "des", "enregistrements"],
    &["depuis", "toujours"],
    &["de", "tous", "les", "temps"],
    &["dans", "vos", "donnees"],
    &["dans", "tes", "donnees"],
    &["dans", "les", "donnees"],
    &["dans", "vos", "releves"],
    &["jamais"],
    &["historique"],
];

const ORDINALS: &[(&str, u32)] = &[
    ("first", 1),
    ("1st", 1),
    ("premier", 1),
    ("premiere", 1),
    ("1er", 1),
    ("1ere", 1),
    ("second", 2),
    ("seconde", 2),
    ("2nd", 2),
    ("deuxieme", 2),
    ("2e", 2),
    ("2eme", 2),
    ("third", 3),
    ("3rd", 3),
    ("troisieme", 3),
    ("3e", 3),
    ("3eme", 3),
    ("fourth", 4),
    ("4th", 4),
    ("quatrieme", 4),
    ("4e", 4),
    ("4eme", 4),
];

/// The words of the tables above, for correcting misspellings.
pub(super) fn known_words() -> Vec<&'static str> {
    let mut words: Vec<&'static str> = MONTHS.iter().map(|(w, _)| *w).collect();
    words.extend(SEASONS.iter().map(|(w, _)| *w));
    words.extend(WEEKDAYS.iter().map(|(w, _)| *w));
    words.extend(ORDINALS.iter().map(|(w, _)| *w));
    words.extend(NAMED_DAYS.iter().flat_map(|(p, _)| p.iter().copied()));
    words.extend(ALL_TIME.iter().flat_map(|p| p.iter().copied()));
    words.extend([
        "yesterday", "hier", "today", "tonight", "now", "tomorrow", "demain", "maintenant", "actuellement", "latest",
        "aujourd", "hui", "moment", "recent", "ago", "previous", "past", "derniere", "dernier", "passee", "precedente",
        "precedent", "quarter", "trimestre", "half", "semestre", "moitie", "week", "semaine", "month", "year", "annee",
        "beginning", "start", "early", "middle", "late", "debut", "milieu", "until", "through", "since", "depuis",
        "between", "entre", "prochains", "prochaines", "next", "coming", "days", "weeks", "months", "avant",
        "apres",
    ]);
    words
}

fn lookup<T: Copy>(table: &[(&str, T)], word: &str) -> Option<T> {
    table.iter().find(|(name, _)| *name == word).map(|(_, v)| *v)
}

fn month(word: &str) -> Option<u32> {
    lookup(MONTHS, word)
}

fn year(word: &str) -> Option<i32> {
    (word.len() == 4 && word.chars().all(|c| c.is_ascii_digit()))
        .then(|| word.parse().ok())
        .flatten()
        .filter(|y| (1900..=2100).contains(y))
}

/// A day of the month as written ("12", "1er", "3rd"); 32 to 99 are days that do not exist.
fn day_number(word: &str) -> Option<u32> {
    let digits = word.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    let suffix = &word[digits.len()..];
    if !matches!(suffix, "" | "er" | "st" | "nd" | "rd" | "th" | "e") || digits.is_empty() || digits.len() > 2 {
        return None;
    }
    digits.parse().ok().filter(|d| (1..=99).contains(d))
}

fn count(word: &str) -> Option<u32> {
    match word {
        "a" | "an" | "one" | "un" | "une" => Some(1),
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

/// Easter Sunday (anonymous Gregorian algorithm).
fn easter(year: i32) -> NaiveDate {
    let (a, b, c) = (year % 19, year / 100, year % 100);
    let (d, e) = (b / 4, b % 4);
    let f = (b + 8) / 25;
    let g = (b - f + 1) / 3;
    let h = (19 * a + b - d - g + 15) % 30;
    let (i, k) = (c / 4, c % 4);
    let l = (32 + 2 * e + 2 * i - h - k) % 7;
    let m = (a + 11 * h + 22 * l) / 451;
    let month = (h + l - 7 * m + 114) / 31;
    let day = (h + l - 7 * m + 114) % 31 + 1;
    NaiveDate::from_ymd_opt(year, month as u32, day as u32).expect("an Easter Sunday")
}

fn period(from: NaiveDate, to: NaiveDate, said: String) -> Period {
    let granularity = if from == to {
        Granularity::Day
    } else if from.day() == 1 && to == month_end(from) {
        Granularity::Month
    } else if from.ordinal() == 1 && to.month() == 12 && to.day() == 31 {
        if from.year() == to.year() { Granularity::Year } else { Granularity::Years }
    } else {
        Granularity::Span
    };
    Period { from, to, granularity, said }
}

/// A piece of a date as written, before its year is known.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Element {
    Day { d: u32, m: Option<u32>, y: Option<i32> },
    Month { m: u32, y: Option<i32> },
    Year(i32),
    Named { named: Named, y: Option<i32> },
    Season { m: u32, y: Option<i32> },
    /// A quarter (`months` 3) or a half (`months` 6): the `n`th.
    Part { n: u32, months: u32, y: Option<i32> },
    /// "le premier" of "entre le premier et le second semestre": a part of the kind of the other end.
    Ordinal(u32),
}

enum Resolved {
    Period(NaiveDate, NaiveDate),
    Impossible,
}

impl Element {
    fn year(&self) -> Option<i32> {
        match *self {
            Element::Day { y, .. }
            | Element::Month { y, .. }
            | Element::Named { y, .. }
            | Element::Season { y, .. }
            | Element::Part { y, .. } => y,
            Element::Year(y) => Some(y),
            Element::Ordinal(_) => None,
        }
    }

    fn with_year(self, year: i32) -> Self {
        match self {
            Element::Day { d, m, .. } => Element::Day { d, m, y: Some(year) },
            Element::Month { m, .. } => Element::Month { m, y: Some(year) },
            Element::Named { named, .. } => Element::Named { named, y: Some(year) },
            Element::Season { m, .. } => Element::Season { m, y: Some(year) },
            Element::Part { n, months, .. } => Element::Part { n, months, y: Some(year) },
            other => other,
        }
    }

    /// Its first and last day in `year`.
    fn in_year(&self, year: i32) -> Option<Resolved> {
        Some(match *self {
            Element::Day { d, m, .. } => match NaiveDate::from_ymd_opt(year, m?, d) {
                Some(day) => Resolved::Period(day, day),
                None => Resolved::Impossible,
            },
            Element::Month { m, .. } => {
                let from = month_start(year, m);
                Resolved::Period(from, month_end(from))
            }
            Element::Year(y) => Resolved::Period(
                NaiveDate::from_ymd_opt(y, 1, 1).expect("a year"),
                NaiveDate::from_ymd_opt(y, 12, 31).expect("a year"),
            ),
            Element::Named { named, .. } => {
                let day = match named {
                    Named::Fixed(m, d) => NaiveDate::from_ymd_opt(year, m, d)?,
                    Named::Easter(after) => easter(year) + Days::new(after),
                };
                Resolved::Period(day, day)
            }
            Element::Season { m, .. } => {
                // "Winter 2020" is the winter whose January is in 2020.
                let from = if m == 12 { month_start(year - 1, 12) } else { month_start(year, m) };
                let to = from.checked_add_months(Months::new(3)).and_then(|d| d.pred_opt())?;
                Resolved::Period(from, to)
            }
            Element::Part { n, months, .. } => {
                let from = month_start(year, (n - 1) * months + 1);
                let to = from.checked_add_months(Months::new(months)).and_then(|d| d.pred_opt())?;
                Resolved::Period(from, to)
            }
            Element::Ordinal(_) => return None,
        })
    }

    /// Its days: in its own year, else the latest that has begun by `as_of`.
    fn resolve(&self, as_of: NaiveDate) -> Option<Resolved> {
        if let Some(y) = self.year() {
            return self.in_year(y);
        }
        let mut impossible = false;
        for year in (as_of.year() - 8..=as_of.year()).rev() {
            match self.in_year(year)? {
                Resolved::Period(from, to) if from <= as_of => return Some(Resolved::Period(from, to)),
                Resolved::Impossible => impossible = true,
                Resolved::Period(..) => {}
            }
        }
        // 29 February is looked for in the last eight years; 30 February never exists.
        impossible.then_some(Resolved::Impossible)
    }

    /// Month and day, to tell which of two yearless ends comes first.
    fn month_day(&self) -> Option<(u32, u32)> {
        match *self {
            Element::Day { d, m, .. } => Some((m?, d)),
            Element::Month { m, .. } => Some((m, 1)),
            Element::Named { named: Named::Fixed(m, d), .. } => Some((m, d)),
            Element::Part { n, months, .. } => Some(((n - 1) * months + 1, 1)),
            Element::Season { m, .. } => Some((m, 1)),
            _ => None,
        }
    }
}

/// A reader of the dates in `words`, resolved against `as_of`.
struct Reader<'a> {
    words: &'a Words,
    as_of: NaiveDate,
}

/// A date found: its elements (one, or two ends of a range), or its days.
enum Found {
    One(Element),
    Range(Element, Element),
    /// Two parts of one year ("entre le premier et le second semestre 2020").
    Pair(Element, Element),
    Period(Period),
    Impossible,
}

impl Reader<'_> {
    fn text(&self, i: usize) -> &str {
        if self.words.free(i) { self.words.text(i) } else { "" }
    }

    fn said(&self, i: usize, n: usize) -> String {
        (i..i + n).map(|k| self.words.raw(k)).collect::<Vec<_>>().join(" ")
    }

    /// A day, month, year, season, part or named day at `i`; a bare day number only with `partial`.
    fn element(&self, i: usize, partial: bool) -> Option<(Element, usize)> {
        let w = self.text(i);
        let next = |k: usize| self.text(i + k);
        if w.is_empty() {
            return None;
        }
        // A weekday before a date says nothing more ("Sunday 12 May 2020").
        if lookup(WEEKDAYS, w).is_some()
            && let Some((e @ Element::Day { .. }, n)) = self.element(i + 1, false)
        {
            return Some((e, n + 1));
        }
        // 12/05/2020, 12/05, 12.05.2020
        let parts: Vec<&str> = w.split(['/', '.']).collect();
        if parts.len() >= 2
            && parts.len() <= 3
            && (w.contains('/') || parts.len() == 3)
            && let (Ok(d), Ok(m)) = (parts[0].parse::<u32>(), parts[1].parse::<u32>())
            && (1..=99).contains(&d)
            && (1..=12).contains(&m)
        {
            let y = match parts.get(2) {
                Some(y) => Some(year(y)?),
                None => None,
            };
            return Some((Element::Day { d, m: Some(m), y }, 1));
        }
        // 2020-05-12 arrives as three words.
        if let Some(y) = year(w)
            && next(1).len() == 2
            && next(2).len() == 2
            && let (Ok(m), Ok(d)) = (next(1).parse::<u32>(), next(2).parse::<u32>())
            && (1..=12).contains(&m)
        {
            return Some((Element::Day { d, m: Some(m), y: Some(y) }, 3));
        }
        // 2020-03: a month.
        if let Some(y) = year(w)
            && next(1).len() == 2
            && self.words.dashed(i + 1)
            && let Ok(m) = next(1).parse::<u32>()
            && (1..=12).contains(&m)
        {
            return Some((Element::Month { m, y: Some(y) }, 2));
        }
        // 12 May 2020, 1er mars, the 1st of March 2020
        if let Some(d) = day_number(w) {
            let of = usize::from(matches!(next(1), "of" | "de"));
            if let Some(m) = month(next(1 + of)) {
                return Some(match year(next(2 + of)) {
                    Some(y) => (Element::Day { d, m: Some(m), y: Some(y) }, 3 + of),
                    None => (Element::Day { d, m: Some(m), y: None }, 2 + of),
                });
            }
            if partial {
                return Some((Element::Day { d, m: None, y: None }, 1));
            }
        }
        if let Some(m) = month(w) {
            // May 12, 2020 / May 12th
            if let Some(d) = day_number(next(1)).filter(|_| year(next(1)).is_none()) {
                return Some(match year(next(2)) {
                    Some(y) => (Element::Day { d, m: Some(m), y: Some(y) }, 3),
                    None => (Element::Day { d, m: Some(m), y: None }, 2),
                });
            }
            let of = usize::from(matches!(next(1), "of" | "de" | "d"));
            if let Some(y) = year(next(1 + of)) {
                return Some((Element::Month { m, y: Some(y) }, 2 + of));
            }
            let previous = i.checked_sub(1).map(|p| self.words.text(p)).unwrap_or("");
            let introduced = matches!(
                previous,
                "in" | "en" | "during" | "de" | "du" | "d" | "pendant" | "for" | "of" | "since" | "durant" | "mois"
                    | "to" | "au" | "a" | "and" | "et" | "or" | "ou" | "vs" | "versus" | "from" | "between" | "entre"
            );
            if !AMBIGUOUS_MONTHS.contains(&w) || introduced {
                return Some((Element::Month { m, y: None }, 1));
            }
        }
        // Quarters and halves: Q1 2020, premier trimestre, the second half of 2020, S1.
        let part = match w {
            "q1" | "q2" | "q3" | "q4" => Some((w[1..].parse::<u32>().ok()?, 3, 1)),
            "t1" | "t2" | "t3" | "t4" if year(next(1)).is_some() => Some((w[1..].parse::<u32>().ok()?, 3, 1)),
            "h1" | "h2" => Some((w[1..].parse::<u32>().ok()?, 6, 1)),
            "s1" | "s2" if year(next(1)).is_some() => Some((w[1..].parse::<u32>().ok()?, 6, 1)),
            _ => {
                let last = (w == "last" || w.starts_with("dernier")) && (1..=3).any(|k| year(next(k)).is_some());
                let n = lookup(ORDINALS, w).or_else(|| last.then_some(0));
                match (n, next(1)) {
                    (Some(n), "quarter" | "trimestre") => Some((if n == 0 { 4 } else { n }, 3, 2)),
                    (Some(n), "half" | "semestre" | "moitie") if n <= 2 => Some((if n == 0 { 2 } else { n }, 6, 2)),
                    _ => None,
                }
            }
        };
        if let Some((n, months, len)) = part
            && (1..=12 / months).contains(&n)
        {
            let of = usize::from(matches!(next(len), "of" | "de" | "d" | "du"));
            return Some(match year(next(len + of)) {
                Some(y) => (Element::Part { n, months, y: Some(y) }, len + of + 1),
                None => (Element::Part { n, months, y: None }, len),
            });
        }
        if let Some(m) = lookup(SEASONS, w) {
            let of = usize::from(matches!(next(1), "of" | "de" | "d"));
            // winter 2019-2020: December 2019 to February 2020
            if m == 12
                && let (Some(a), Some(b)) = (year(next(1 + of)), year(next(2 + of)))
                && b == a + 1
            {
                return Some((Element::Season { m, y: Some(b) }, 3 + of));
            }
            if let Some(y) = year(next(1 + of)) {
                return Some((Element::Season { m, y: Some(y) }, 2 + of));
            }
            // "a été" and "did it fall" are no seasons.
            let previous = i.checked_sub(1).map(|p| self.words.text(p)).unwrap_or("");
            let introduced = matches!(
                previous,
                "l" | "in" | "en" | "during" | "pendant" | "de" | "du" | "this" | "the" | "cet" | "cette" | "au"
            );
            if introduced {
                return Some((Element::Season { m, y: None }, 1));
            }
        }
        for (pattern, named) in NAMED_DAYS {
            if self.words.at(i, pattern) {
                let n = pattern.len();
                let of = usize::from(matches!(next(n), "of" | "de" | "in" | "en"));
                return Some(match year(next(n + of)) {
                    Some(y) => (Element::Named { named: *named, y: Some(y) }, n + of + 1),
                    None => (Element::Named { named: *named, y: None }, n),
                });
            }
        }
        if let Some(y) = year(w) {
            return Some((Element::Year(y), 1));
        }
        if partial && let Some(n) = lookup(ORDINALS, w) {
            return Some((Element::Ordinal(n), 1));
        }
        None
    }

    /// "from X to Y", "between X and Y", "du X au Y", "2013-2019".
    fn range(&self, i: usize) -> Option<(Found, usize)> {
        let mut k = i;
        let lead = matches!(self.text(k), "from" | "between" | "du" | "de" | "des" | "entre");
        if lead {
            k += 1;
        }
        let skip = |k: &mut usize| {
            while matches!(self.text(*k), "le" | "the" | "l") {
                *k += 1;
            }
        };
        skip(&mut k);
        let (start, n) = self.element(k, true)?;
        k += n;
        let separator = self.text(k);
        let dashed = self.words.dashed(k);
        let joined = matches!(separator, "and" | "et");
        let to = matches!(separator, "to" | "until" | "till" | "through" | "thru" | "au" | "a" | "jusqu");
        if !(to || (joined && lead) || dashed) {
            return None;
        }
        if to || joined {
            k += 1;
            if separator == "jusqu" && matches!(self.text(k), "au" | "a") {
                k += 1;
            }
        }
        skip(&mut k);
        let (end, n) = self.element(k, false)?;
        k += n;
        let found = match (start, end) {
            (Element::Ordinal(a), Element::Part { months, y, .. }) if (1..=12 / months).contains(&a) => {
                Found::Pair(Element::Part { n: a, months, y }, end)
            }
            (Element::Ordinal(_), _) => return None,
            (Element::Part { .. }, Element::Part { .. }) if joined => Found::Pair(start, end),
            (Element::Day { m: None, .. }, Element::Day { m: Some(_), .. }) => Found::Range(start, end),
            (Element::Day { m: None, .. }, _) => return None,
            _ => Found::Range(start, end),
        };
        Some((found, k - i))
    }

    /// "the first week of March 2020", "la dernière semaine de décembre", "early May 2019".
    fn part_of_month(&self, i: usize) -> Option<(Found, usize)> {
        let w = self.text(i);
        let (first, last, len) = if matches!(self.text(i + 1), "week" | "semaine") {
            match lookup(ORDINALS, w) {
                Some(n) => (Some((n - 1) * 7 + 1), None, 2),
                None if matches!(w, "last" | "derniere") => (None, Some(7), 2),
                None => return None,
            }
        } else if self.words.at(i, &["beginning|start", "of"]) || self.words.at(i, &["debut", "de|d"]) {
            (Some(1), None, 2)
        } else if matches!(w, "early" | "debut") {
            (Some(1), None, 1)
        } else if self.words.at(i, &["middle", "of"]) || self.words.at(i, &["milieu", "de|d"]) {
            (Some(11), None, 2)
        } else if matches!(w, "mid" | "mi") {
            (Some(11), None, 1)
        } else if self.words.at(i, &["end", "of"]) || self.words.at(i, &["fin", "de|d"]) {
            (None, Some(11), 2)
        } else if matches!(w, "late" | "fin") {
            (None, Some(11), 1)
        } else {
            return None;
        };
        let k = i + len + usize::from(matches!(self.text(i + len), "of" | "de" | "d" | "in" | "en"));
        let (element @ Element::Month { .. }, n) = self.element(k, false)? else { return None };
        let Resolved::Period(from, to) = element.resolve(self.as_of)? else { return None };
        let (from, to) = match (first, last) {
            (Some(day), None) if len == 2 && matches!(self.text(i + 1), "week" | "semaine") => {
                (from + Days::new(u64::from(day) - 1), (from + Days::new(u64::from(day) + 5)).min(to))
            }
            // Early: the first ten days; middle: the 11th to the 20th; late: from the 21st.
            (Some(1), None) => (from, from + Days::new(9)),
            (Some(_), None) => (from + Days::new(10), from + Days::new(19)),
            (None, Some(7)) => (to - Days::new(6), to),
            _ => (from + Days::new(20), to),
        };
        Some((Found::Period(period(from, to, String::new())), k + n - i))
    }

    fn all_time(&self, i: usize) -> Option<(Found, usize)> {
        let pattern = ALL_TIME.iter().find(|p| self.words.at(i, p))?;
        let from = NaiveDate::from_ymd_opt(*AS_OF_YEARS.start(), 1, 1).expect("a day");
        let all = Period { from, to: self.as_of, granularity: Granularity::All, said: String::new() };
        Some((Found::Period(all), pattern.len()))
    }

    fn since(&self, i: usize) -> Option<(Found, usize)> {
        let at = |pattern: &[&str]| self.words.at(i, pattern);
        let month = month_start(self.as_of.year(), self.as_of.month());
        let year = NaiveDate::from_ymd_opt(self.as_of.year(), 1, 1).expect("a year");
        for (pattern, from) in [
            (&["depuis", "le", "debut", "du", "mois"][..], month),
            (&["since", "the", "start", "of", "the", "month"], month),
            (&["since", "the", "beginning", "of", "the", "month"], month),
            (&["so", "far", "this", "month"], month),
            (&["this", "month", "so", "far"], month),
            (&["depuis", "le", "debut", "de", "l", "annee"], year),
            (&["since", "the", "start", "of", "the", "year"], year),
            (&["so", "far", "this", "year"], year),
        ] {
            if at(pattern) {
                let span = Period { granularity: Granularity::Span, ..period(from, self.as_of, String::new()) };
                return Some((Found::Period(span), pattern.len()));
            }
        }
        if !matches!(self.text(i), "since" | "depuis") {
            return None;
        }
        let k = i + 1 + usize::from(matches!(self.text(i + 1), "le" | "the" | "l"));
        let (element, n) = self.element(k, false)?;
        match element.resolve(self.as_of)? {
            Resolved::Period(from, _) if from <= self.as_of => {
                Some((Found::Period(period(from, self.as_of, String::new())), k + n - i))
            }
            Resolved::Period(..) => None,
            Resolved::Impossible => Some((Found::Impossible, k + n - i)),
        }
    }

    fn relative(&self, i: usize) -> Option<(Period, usize)> {
        let as_of = self.as_of;
        let at = |pattern: &[&str]| self.words.at(i, pattern);
        let w = self.text(i);
        let next = |k: usize| self.text(i + k);
        let day = |offset: i64, n: usize| {
            let d = if offset >= 0 { as_of + Days::new(offset as u64) } else { as_of - Days::new(offset.unsigned_abs()) };
            Some((period(d, d, self.said(i, n)), n))
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
            "today" | "tonight" | "now" | "currently" | "maintenant" | "actuellement" | "latest" | "current" => {
                return day(0, 1);
            }
            "tomorrow" | "demain" => return day(1, 1),
            _ => {}
        }
        for pattern in [
            &["aujourd", "hui"][..],
            &["right", "now"],
            &["en", "ce", "moment"],
            &["most", "recent"],
            &["a", "l", "instant"],
            &["dernier|derniere|derniers|dernieres", "niveau|valeur|mesure|releve|donnee|chiffre|niveaux|valeurs|mesures|releves|donnees"],
            &["last", "reading|value|measurement|figure|data|readings|values|measurements|figures"],
        ] {
            if at(pattern) {
                // "Now" is the latest day with data (the answer says which day that is).
                let n = if pattern.len() == 2 && pattern[0].starts_with("dernier") { 1 } else { pattern.len() };
                return day(0, n);
            }
        }
        // 3 days ago, il y a 3 jours
        if let Some(n) = count(w)
            && matches!(next(1), "day" | "days")
            && next(2) == "ago"
        {
            return day(-i64::from(n), 3);
        }
        if at(&["il", "y", "a"])
            && let Some(n) = count(next(3))
            && matches!(next(4), "jour" | "jours")
        {
            return day(-i64::from(n), 5);
        }
        let monday = as_of - Days::new(as_of.weekday().num_days_from_monday().into());
        let this = matches!(w, "this" | "cette" | "ce" | "cet");
        let last = matches!(w, "last" | "previous" | "past");
        // French puts "dernier" after the noun: "la semaine dernière", "le mois dernier", "l'an dernier".
        let after_last = matches!(next(1), "derniere" | "dernier" | "passee" | "passe" | "precedente" | "precedent");
        let noun = if this || last { next(1) } else { w };
        let n = if this || last || after_last { 2 } else { 1 };
        // "ce mois-ci"
        let n = if matches!(noun, "mois" | "semaine") && self.text(i + n) == "ci" { n + 1 } else { n };
        let said = self.said(i, n);
        // "last quarter", "le trimestre dernier": the one before as_of's (with a year: a part of it).
        let dated = (1..=3).any(|k| year(next(k)).is_some());
        if matches!(noun, "quarter" | "trimestre") && (last || after_last) && !dated {
            let start = month_start(as_of.year(), (as_of.month() - 1) / 3 * 3 + 1).checked_sub_months(Months::new(3))?;
            let end = start.checked_add_months(Months::new(3)).and_then(|d| d.pred_opt())?;
            return Some((Period { granularity: Granularity::Span, ..period(start, end, said) }, n));
        }
        match noun {
            "week" | "semaine" if this => return Some((Period { granularity: Granularity::Span, ..period(monday, as_of, said) }, n)),
            "week" | "semaine" if last || after_last => {
                let from = monday - Days::new(7);
                return Some((Period { granularity: Granularity::Span, ..period(from, from + Days::new(6), said) }, n));
            }
            "month" | "mois" if this || (w == "mois" && next(1) == "ci") => {
                let from = month_start(as_of.year(), as_of.month());
                return Some((Period { from, to: as_of, granularity: Granularity::Month, said }, n));
            }
            "month" | "mois" if last || after_last => {
                let from = month_start(as_of.year(), as_of.month()).checked_sub_months(Months::new(1))?;
                return Some((period(from, month_end(from), said), n));
            }
            "year" | "annee" | "an" if this => {
                let from = NaiveDate::from_ymd_opt(as_of.year(), 1, 1)?;
                return Some((Period { from, to: as_of, granularity: Granularity::Year, said }, n));
            }
            "year" | "annee" | "an" if last || after_last => {
                let y = as_of.year() - 1;
                return Some((period(NaiveDate::from_ymd_opt(y, 1, 1)?, NaiveDate::from_ymd_opt(y, 12, 31)?, said), n));
            }
            season if (this || last || after_last) && lookup(SEASONS, season).is_some() => {
                let m = lookup(SEASONS, season)?;
                return Some((latest_season(as_of, m, said, !this), n));
            }
            weekday if (this || last || after_last) && lookup(WEEKDAYS, weekday).is_some() => {
                let target = lookup(WEEKDAYS, weekday)?;
                let back = (7 + as_of.weekday().num_days_from_monday() - target.num_days_from_monday() - 1) % 7 + 1;
                let d = as_of - Days::new(back.into());
                return Some((period(d, d, said), n));
            }
            _ => {}
        }
        // the past 30 days, last 2 weeks, les 30 derniers jours, ces 7 derniers jours
        if last && let Some(count) = count(next(1)) {
            return past(as_of, count, next(2), self.said(i, 3)).map(|p| (p, 3));
        }
        if last && matches!(next(1), "week" | "weeks") {
            return past(as_of, 1, "week", self.said(i, 2)).map(|p| (p, 2));
        }
        if let Some(count) = count(w)
            && matches!(next(1), "derniers" | "dernieres")
        {
            return past(as_of, count, next(2), self.said(i, 3)).map(|p| (p, 3));
        }
        if matches!(w, "derniers" | "dernieres")
            && let Some(count) = count(next(1))
        {
            return past(as_of, count, next(2), self.said(i, 3)).map(|p| (p, 3));
        }
        // the next 3 days, les 3 prochains jours, the coming days, les prochains jours
        // "next" alone is no period ("next to the station").
        let coming = matches!(w, "next" | "coming");
        let (ahead, n) = match count(next(1)) {
            Some(c) if (coming || matches!(w, "prochains" | "prochaines")) && matches!(next(2), "days" | "jours") => (c, 3),
            _ if coming && matches!(next(1), "days" | "week" | "few") => (7, 2),
            _ if matches!(w, "prochains" | "prochaines") && next(1) == "jours" => (7, 2),
            _ => (0, 0),
        };
        if n > 0 {
            return Some((period(as_of + Days::new(1), as_of + Days::new(ahead.into()), self.said(i, n)), n));
        }
        if let Some(count) = count(w)
            && matches!(next(1), "prochains" | "prochaines")
        {
            return Some((period(as_of + Days::new(1), as_of + Days::new(count.into()), self.said(i, 3)), 3));
        }
        None
    }
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
    if previous && as_of <= season_end(start) {
        start = start.checked_sub_months(Months::new(12)).expect("a year earlier");
    }
    Period { from: start, to: season_end(start), granularity: Granularity::Season, said }
}

fn season_end(start: NaiveDate) -> NaiveDate {
    start.checked_add_months(Months::new(3)).and_then(|d| d.pred_opt()).expect("a season end")
}

fn past(as_of: NaiveDate, count: u32, unit: &str, said: String) -> Option<Period> {
    let days = match unit {
        "day" | "days" | "jour" | "jours" => count,
        "week" | "weeks" | "semaine" | "semaines" => count * 7,
        "month" | "months" | "mois" => {
            let from = as_of.checked_sub_months(Months::new(count))? + Days::new(1);
            return Some(Period { granularity: Granularity::Span, ..period(from, as_of, said) });
        }
        _ => return None,
    };
    let from = as_of - Days::new(u64::from(days.max(1)) - 1);
    Some(Period { granularity: Granularity::Span, ..period(from, as_of, said) })
}

/// The granularity an element was written at.
fn granularity_of(element: &Element, from: NaiveDate, to: NaiveDate) -> Granularity {
    match element {
        Element::Season { .. } => Granularity::Season,
        Element::Part { .. } => Granularity::Span,
        _ => period(from, to, String::new()).granularity,
    }
}

/// One element read alone (with a year borrowed from a neighbour when it gives none).
fn single(element: Element, year: Option<i32>, as_of: NaiveDate, said: String) -> Option<Result<Period, String>> {
    let element = match (element.year(), year) {
        (None, Some(y)) => element.with_year(y),
        _ => element,
    };
    Some(match element.resolve(as_of)? {
        Resolved::Period(from, to) => {
            let granularity = granularity_of(&element, from, to);
            Ok(Period { from, to, granularity, said })
        }
        Resolved::Impossible => Err(said),
    })
}

/// The two ends of a range, the year given once applying to both.
fn range(start: Element, end: Element, as_of: NaiveDate, said: String) -> Option<Result<Period, String>> {
    let start = match (start, end) {
        (Element::Day { d, m: None, y }, Element::Day { m, .. }) => Element::Day { d, m, y },
        _ => start,
    };
    let (start, end) = match (start.year(), end.year()) {
        (Some(_), Some(_)) => (start, end),
        (None, Some(y)) => {
            let earlier = start.month_day() > end.month_day();
            (start.with_year(if earlier { y - 1 } else { y }), end)
        }
        (Some(y), None) => {
            let later = start.month_day() > end.month_day();
            (start, end.with_year(if later { y + 1 } else { y }))
        }
        (None, None) => {
            let Resolved::Period(_, to) = end.resolve(as_of)? else { return Some(Err(said)) };
            let y = to.year();
            let earlier = start.month_day() > end.month_day();
            (start.with_year(if earlier { y - 1 } else { y }), end.with_year(y))
        }
    };
    let (Resolved::Period(from, _), Resolved::Period(_, to)) = (start.resolve(as_of)?, end.resolve(as_of)?) else {
        return Some(Err(said));
    };
    let (from, to) = if from <= to { (from, to) } else { (to, from) };
    Some(Ok(period(from, to, said)))
}

/// Reads every date of `words` (taking their words), in order. `ranking` says the question ranks
/// something, so that a month without a year may be the month of every year ("which July").
pub fn read(words: &mut Words, as_of: NaiveDate, ranking: bool) -> Dates {
    let mut dates = Dates::default();
    if ranking {
        month_of_year(words, &mut dates);
    }
    let mut found: Vec<(Found, String)> = Vec::new();
    let mut i = 0;
    while i < words.len() {
        let reader = Reader { words, as_of };
        let hit = reader
            .all_time(i)
            .or_else(|| reader.since(i))
            .or_else(|| reader.part_of_month(i))
            .or_else(|| reader.range(i))
            .or_else(|| reader.relative(i).map(|(p, n)| (Found::Period(p), n)))
            .or_else(|| reader.element(i, false).map(|(e, n)| (Found::One(e), n)));
        match hit {
            Some((hit, n)) => {
                found.push((hit, reader.said(i, n)));
                words.take(i, n);
                i += n;
            }
            None => i += 1,
        }
    }
    // A yearless element takes the year of the next element that has one (else of the previous):
    // "in January or in July 2020", "the first half of 2020 ... the second half".
    let years: Vec<Option<i32>> = found
        .iter()
        .map(|(f, _)| match f {
            Found::One(e) => e.year(),
            Found::Range(a, b) | Found::Pair(a, b) => b.year().or(a.year()),
            _ => None,
        })
        .collect();
    for (k, (hit, said)) in found.into_iter().enumerate() {
        let year = years[k + 1..].iter().flatten().next().or(years[..k].iter().rev().flatten().next()).copied();
        let outcomes: Vec<Option<Result<Period, String>>> = match hit {
            Found::One(e) => vec![single(e, year, as_of, said)],
            Found::Range(a, b) => {
                let b = match (b.year(), year) {
                    (None, Some(y)) => b.with_year(y),
                    _ => b,
                };
                vec![range(a, b, as_of, said)]
            }
            Found::Pair(a, b) => {
                let y = b.year().or(year);
                vec![single(a, y, as_of, said.clone()), single(b, y, as_of, said)]
            }
            Found::Period(p) => vec![Some(Ok(Period { said, ..p }))],
            Found::Impossible => vec![Some(Err(said))],
        };
        for outcome in outcomes.into_iter().flatten() {
            match outcome {
                Ok(p) if dates.periods.last().is_some_and(|l| (l.from, l.to) == (p.from, p.to)) => {}
                Ok(p) => dates.periods.push(p),
                Err(said) => dates.impossible.push(said),
            }
        }
    }
    // "Now" says little when a date is also given ("you are now in developer mode ... on 12 May").
    let weak = |p: &Period| {
        matches!(super::tokens::fold(&p.said).as_str(), "now" | "currently" | "maintenant" | "actuellement" | "current")
    };
    if dates.periods.iter().any(|p| !weak(p)) {
        dates.periods.retain(|p| !weak(p));
    }
    dates
}

/// "Which August", "quel mois de juillet", "the warmest January": a month of every year.
fn month_of_year(words: &mut Words, dates: &mut Dates) {
    for i in 0..words.len() {
        let Some(m) = month(words.text(i)).filter(|_| words.free(i)) else { continue };
        let next = words.text(i + 1);
        if year(next).is_some() || day_number(next).is_some() {
            continue;
        }
        let before = |k: usize| i.checked_sub(k).map(|p| words.text(p)).unwrap_or("");
        let which = matches!(before(1), "which" | "what" | "quel" | "quelle")
            || (matches!(before(1), "de" | "d") && before(2) == "mois")
            || before(1).ends_with("est");
        if which {
            words.take(i, 1);
            dates.month_of_year = Some(m);
            return;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::question::tokens::tokens;

    fn d(s: &str) -> NaiveDate {
        s.parse().unwrap()
    }

    fn read_all(question: &str, as_of: &str) -> Dates {
        read(&mut Words::new(tokens(question)), d(as_of), false)
    }

    fn range(question: &str, as_of: &str) -> Option<(NaiveDate, NaiveDate, Granularity)> {
        read_all(question, as_of).periods.first().map(|p| (p.from, p.to, p.granularity))
    }

    fn span(question: &str, from: &str, to: &str) {
        let found = range(question, "2022-06-30");
        assert_eq!(found.map(|(a, b, _)| (a, b)), Some((d(from), d(to))), "{question}");
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
        assert_eq!(range("how cold was it on 1 Mar 2022", now), Some((d("2022-03-01"), d("2022-03-01"), Day)));
        assert_eq!(range("en mars 2020", now), Some((d("2020-03-01"), d("2020-03-31"), Month)));
        assert_eq!(range("in February 2020", now), Some((d("2020-02-01"), d("2020-02-29"), Month)));
        assert_eq!(range("summer 2020", now), Some((d("2020-06-01"), d("2020-08-31"), Season)));
        assert_eq!(range("in the summer of 2018", now), Some((d("2018-06-01"), d("2018-08-31"), Season)));
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
    fn ranges_take_the_year_given_once() {
        span("How much rain fell from 5 to 12 October 2019?", "2019-10-05", "2019-10-12");
        span("du 1er au 7 juillet 2019", "2019-07-01", "2019-07-07");
        span("between 1 and 10 June 2018", "2018-06-01", "2018-06-10");
        span("from 17 March to 10 May 2020", "2020-03-17", "2020-05-10");
        span("du 10 au 16 août 2020", "2020-08-10", "2020-08-16");
        span("Average PM2.5 at Montferrand from 1 February to 15 March 2020", "2020-02-01", "2020-03-15");
        span("between December 20, 2018 and January 5, 2019", "2018-12-20", "2019-01-05");
        span("between January 15 and February 15, 2020", "2020-01-15", "2020-02-15");
        span("from 2016-07-01 to 2016-07-15", "2016-07-01", "2016-07-15");
        span("entre le 28 octobre et le 3 novembre 2015", "2015-10-28", "2015-11-03");
        span("from March to May 2020", "2020-03-01", "2020-05-31");
        span("1-7 July 2019", "2019-07-01", "2019-07-07");
        span("pm25 montferrand 2020-03 mean", "2020-03-01", "2020-03-31");
        assert_eq!(
            range("entre le 1er et le 15 novembre", "2020-12-31").map(|(a, b, _)| (a, b)),
            Some((d("2020-11-01"), d("2020-11-15")))
        );
        assert_eq!(
            range("between 20 December and 5 January", "2021-03-01").map(|(a, b, _)| (a, b)),
            Some((d("2020-12-20"), d("2021-01-05")))
        );
    }

    #[test]
    fn spans_of_years_quarters_halves_and_weeks() {
        use Granularity::*;
        let now = "2022-06-30";
        assert_eq!(range("between 2013 and 2021", now), Some((d("2013-01-01"), d("2021-12-31"), Years)));
        assert_eq!(range("mean temperature 2016-2019", now), Some((d("2016-01-01"), d("2019-12-31"), Years)));
        assert_eq!(range("sur 2013–2019", now), Some((d("2013-01-01"), d("2019-12-31"), Years)));
        assert_eq!(range("de 2015 à 2018", now), Some((d("2015-01-01"), d("2018-12-31"), Years)));
        span("Q1 2020", "2020-01-01", "2020-03-31");
        span("au premier trimestre 2020", "2020-01-01", "2020-03-31");
        span("au 3e trimestre 2020", "2020-07-01", "2020-09-30");
        span("in the fourth quarter of 2020", "2020-10-01", "2020-12-31");
        span("second half of 2020", "2020-07-01", "2020-12-31");
        span("premier semestre 2020", "2020-01-01", "2020-06-30");
        span("the first week of March 2020", "2020-03-01", "2020-03-07");
        span("la dernière semaine de décembre 2019", "2019-12-25", "2019-12-31");
        span("early May 2019", "2019-05-01", "2019-05-10");
        span("fin mars 2020", "2020-03-21", "2020-03-31");
        span("the last quarter of 2020", "2020-10-01", "2020-12-31");
        assert_eq!(range("PM2.5 last quarter", now).map(|r| (r.0, r.1)), Some((d("2022-01-01"), d("2022-03-31"))));
        assert_eq!(range("PM2.5 next to the station yesterday", now).map(|r| r.0), Some(d("2022-06-29")));
        assert!(read_all("entre le troisième et le second semestre 2020", now).periods.len() <= 1);
        assert_eq!(range("what is the hottest day ever?", now).map(|r| r.2), Some(All));
        assert_eq!(range("depuis le début des mesures", now).map(|r| (r.1, r.2)), Some((d(now), All)));
    }

    #[test]
    fn named_days() {
        span("What was the temperature on Christmas Day 2018?", "2018-12-25", "2018-12-25");
        span("à Noël 2016", "2016-12-25", "2016-12-25");
        span("New Year's Day 2017", "2017-01-01", "2017-01-01");
        span("le jour de l'an 2019", "2019-01-01", "2019-01-01");
        span("easter sunday 2018", "2018-04-01", "2018-04-01");
        span("le dimanche de Pâques 2020", "2020-04-12", "2020-04-12");
        span("à la Toussaint 2015", "2015-11-01", "2015-11-01");
        span("le 14 juillet 2019", "2019-07-14", "2019-07-14");
        assert_eq!(range("Particules fines à Noël ?", "2020-12-30").map(|r| r.0), Some(d("2020-12-25")));
        assert_eq!(range("Particules fines à Noël ?", "2020-12-20").map(|r| r.0), Some(d("2019-12-25")));
    }

    #[test]
    fn lists_share_their_year() {
        let periods = |q: &str| read_all(q, "2022-06-30").periods.iter().map(|p| (p.from, p.to)).collect::<Vec<_>>();
        assert_eq!(
            periods("Was the air worse in January or in July 2020?"),
            [(d("2020-01-01"), d("2020-01-31")), (d("2020-07-01"), d("2020-07-31"))]
        );
        assert_eq!(
            periods("Was the first half of 2020 warmer than the second half?"),
            [(d("2020-01-01"), d("2020-06-30")), (d("2020-07-01"), d("2020-12-31"))]
        );
        assert_eq!(
            periods("premier semestre vs second semestre 2021"),
            [(d("2021-01-01"), d("2021-06-30")), (d("2021-07-01"), d("2021-12-31"))]
        );
        assert_eq!(
            periods("Les particules fines ont-elles baissé entre le premier et le second semestre 2020 ?"),
            [(d("2020-01-01"), d("2020-06-30")), (d("2020-07-01"), d("2020-12-31"))]
        );
        assert_eq!(
            periods("Compare 2021 with the 2014–2020 average"),
            [(d("2021-01-01"), d("2021-12-31")), (d("2014-01-01"), d("2020-12-31"))]
        );
        assert_eq!(periods("Daily mean for Valentine's Day, 14 February 2020?"), [(d("2020-02-14"), d("2020-02-14"))]);
    }

    #[test]
    fn impossible_dates_are_reported() {
        for question in [
            "What was the temperature on 30 February 2020?",
            "PM2.5 on February 30th 2020",
            "rain on 31 June 2019?",
            "weather on 29 February 2019",
            "Quel temps faisait-il le 31 avril 2020 ?",
            "pollution le 32 mai",
            "PM2,5 à Clermont le 31/11/2020",
        ] {
            let dates = read_all(question, "2022-06-30");
            assert_eq!(dates.impossible.len(), 1, "{question}: {dates:?}");
            assert!(dates.periods.is_empty(), "{question}: {dates:?}");
        }
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
        let mut words = Words::new(tokens("ce mois-ci"));
        read(&mut words, d(now), false);
        assert!(words.left().is_empty());
        assert_eq!(range("this month", now), Some((d("2020-03-01"), d("2020-03-18"), Month)));
        assert_eq!(range("rain this month so far?", now), Some((d("2020-03-01"), d("2020-03-18"), Span)));
        assert_eq!(range("depuis le debut du mois", now), Some((d("2020-03-01"), d("2020-03-18"), Span)));
        assert_eq!(range("le mois dernier", now), Some((d("2020-02-01"), d("2020-02-29"), Month)));
        assert_eq!(range("last month", now), Some((d("2020-02-01"), d("2020-02-29"), Month)));
        assert_eq!(range("the past 30 days", now), Some((d("2020-02-18"), d("2020-03-18"), Span)));
        assert_eq!(range("les 7 derniers jours", now), Some((d("2020-03-12"), d("2020-03-18"), Span)));
        assert_eq!(range("l'an dernier", now), Some((d("2019-01-01"), d("2019-12-31"), Year)));
        assert_eq!(range("l'année dernière", now), Some((d("2019-01-01"), d("2019-12-31"), Year)));
        assert_eq!(range("last year", now), Some((d("2019-01-01"), d("2019-12-31"), Year)));
        assert_eq!(range("cet hiver", now), Some((d("2019-12-01"), d("2020-02-29"), Season)));
        assert_eq!(range("last summer", now), Some((d("2019-06-01"), d("2019-08-31"), Season)));
        assert_eq!(range("last monday", now), Some((d("2020-03-16"), d("2020-03-16"), Day)));
        assert_eq!(range("les 3 prochains jours", now), Some((d("2020-03-19"), d("2020-03-21"), Span)));
        assert_eq!(range("il y a 3 jours", now), Some((d("2020-03-15"), d("2020-03-15"), Day)));
        assert_eq!(range("le dernier niveau de PM2.5", now), Some((d("2020-03-18"), d("2020-03-18"), Day)));
    }

    #[test]
    fn the_same_month_of_every_year() {
        let mut words = Words::new(tokens("Which August was the warmest between 2013 and 2021?"));
        let dates = read(&mut words, d("2022-06-30"), true);
        assert_eq!(dates.month_of_year, Some(8));
        assert_eq!(dates.periods[0].granularity, Granularity::Years);
        let mut words = Words::new(tokens("Quel mois de juillet a été le plus chaud ?"));
        assert_eq!(read(&mut words, d("2022-06-30"), true).month_of_year, Some(7));
    }
}
