//! Periods as questions write them, French or English: days, months, seasons, quarters, halves,
//! years and spans of years, ranges ("from 5 to 12 October 2019", "la semaine du 9 au 15 mars"),
//! named days (Christmas, le 14 juillet, Easter), the whole record ("ever"), days around today
//! ("yesterday", "la semaine dernière", "next Tuesday") and periods moved from another ("the year
//! before", "le mois suivant"). Nothing here knows today: `resolve::periods` gives them their days.

use chrono::Weekday;

use crate::question::words::Words;

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

const NAMED_DAYS: &[(&[&str], Named)] = &[
    (&["christmas", "eve"], Named::Fixed(12, 24)),
    (&["veille", "de", "noel"], Named::Fixed(12, 24)),
    (&["reveillon", "de", "noel"], Named::Fixed(12, 24)),
    (&["christmas", "day"], Named::Fixed(12, 25)),
    (&["boxing", "day"], Named::Fixed(12, 26)),
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
    (&["jeudi", "de", "l", "ascension"], Named::Easter(39)),
    (&["ascension", "day"], Named::Easter(39)),
    (&["ascension", "thursday"], Named::Easter(39)),
    (&["ascension"], Named::Easter(39)),
    (&["lundi", "de", "pentecote"], Named::Easter(50)),
    (&["whit", "monday"], Named::Easter(50)),
    (&["pentecost", "monday"], Named::Easter(50)),
    (&["dimanche", "de", "pentecote"], Named::Easter(49)),
    (&["whit", "sunday"], Named::Easter(49)),
    (&["whitsunday"], Named::Easter(49)),
    (&["pentecost"], Named::Easter(49)),
    (&["pentecote"], Named::Easter(49)),
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


/// Words that move another period: (pattern, step, by).
const SHIFTS: &[(&[&str], Step, i32)] = &[
    (&["the", "day", "before"], Step::Day, -1),
    (&["the", "day", "after"], Step::Day, 1),
    (&["previous|preceding", "day"], Step::Day, -1),
    (&["next|following", "day"], Step::Day, 1),
    (&["la", "veille"], Step::Day, -1),
    (&["le", "lendemain"], Step::Day, 1),
    (&["le", "jour", "d", "avant"], Step::Day, -1),
    (&["le", "jour", "d", "apres"], Step::Day, 1),
    (&["le", "jour", "precedent"], Step::Day, -1),
    (&["le", "jour", "suivant"], Step::Day, 1),
    (&["week", "before|earlier"], Step::Week, -1),
    (&["week", "after|later"], Step::Week, 1),
    (&["previous|preceding", "week"], Step::Week, -1),
    (&["next|following", "week"], Step::Week, 1),
    (&["semaine", "d", "avant"], Step::Week, -1),
    (&["semaine", "d", "apres"], Step::Week, 1),
    (&["semaine", "precedente"], Step::Week, -1),
    (&["semaine", "suivante"], Step::Week, 1),
    (&["quarter", "before|earlier"], Step::Quarter, -1),
    (&["quarter", "after|later"], Step::Quarter, 1),
    (&["previous|preceding", "quarter"], Step::Quarter, -1),
    (&["next|following", "quarter"], Step::Quarter, 1),
    (&["trimestre", "d", "avant"], Step::Quarter, -1),
    (&["trimestre", "d", "apres"], Step::Quarter, 1),
    (&["trimestre", "precedent"], Step::Quarter, -1),
    (&["trimestre", "suivant"], Step::Quarter, 1),
    (&["month", "before|earlier"], Step::Month, -1),
    (&["month", "after|later"], Step::Month, 1),
    (&["previous|preceding", "month"], Step::Month, -1),
    (&["next|following", "month"], Step::Month, 1),
    (&["mois", "d", "avant"], Step::Month, -1),
    (&["mois", "d", "apres"], Step::Month, 1),
    (&["mois", "precedent"], Step::Month, -1),
    (&["mois", "suivant"], Step::Month, 1),
    (&["year", "before|earlier"], Step::Year, -1),
    (&["year", "after|later"], Step::Year, 1),
    (&["previous|preceding|prior", "year"], Step::Year, -1),
    (&["next|following", "year"], Step::Year, 1),
    (&["annee|an", "d", "avant"], Step::Year, -1),
    (&["annee|an", "d", "apres"], Step::Year, 1),
    (&["annee", "precedente"], Step::Year, -1),
    (&["an|annee", "plus", "tot"], Step::Year, -1),
    (&["annee", "suivante"], Step::Year, 1),
    (&["an|annee", "plus", "tard"], Step::Year, 1),
    // The period itself, or the one of that length around it: "that day", "ce mois-là", "the whole month".
    (&["that|same", "day|week|month|year"], Step::Same, 0),
    (&["ce|cet|cette", "jour|journee|mois|annee|semaine", "la"], Step::Same, 0),
    (&["le|la|l", "meme", "jour|journee|mois|annee|semaine"], Step::Same, 0),
    (&["whole|entire|full", "day"], Step::Day, 0),
    (&["whole|entire|full", "week"], Step::Week, 0),
    (&["whole|entire|full", "month"], Step::Month, 0),
    (&["whole|entire|full", "year"], Step::Year, 0),
    (&["toute", "la", "journee"], Step::Day, 0),
    (&["toute", "la", "semaine"], Step::Week, 0),
    (&["tout", "le", "mois"], Step::Month, 0),
    (&["toute", "l", "annee"], Step::Year, 0),
    (&["semaine", "entiere"], Step::Week, 0),
    (&["mois", "entier"], Step::Month, 0),
    (&["annee", "entiere"], Step::Year, 0),
    // The next or the one before, of the length of the period before: "celui d'après".
    (&["celui|celle", "d", "apres"], Step::Same, 1),
    (&["celui|celle", "d", "avant"], Step::Same, -1),
    (&["the", "one", "after"], Step::Same, 1),
    (&["the", "one", "before"], Step::Same, -1),
];

/// Words of a shift that name the period written right after it ("le mois précédent (17 février –
/// 16 mars)"); other shifts moved from the period written after them ("the week before Christmas").
const APPOSED: &[&str] = &["previous", "preceding", "prior", "next", "following", "precedent", "precedente", "suivant", "suivante", "that", "same", "la", "meme", "whole", "entire", "full", "tout", "toute", "entier", "entiere"];

/// The words of the tables above, for correcting misspellings.
pub(crate) fn known_words() -> Vec<&'static str> {
    let mut words: Vec<&'static str> = MONTHS.iter().map(|(w, _)| *w).collect();
    words.extend(SEASONS.iter().map(|(w, _)| *w));
    words.extend(WEEKDAYS.iter().map(|(w, _)| *w));
    words.extend(ORDINALS.iter().map(|(w, _)| *w));
    words.extend(NAMED_DAYS.iter().flat_map(|(p, _)| p.iter().copied()));
    words.extend(ALL_TIME.iter().flat_map(|p| p.iter().copied()));
    words.extend(SHIFTS.iter().flat_map(|(p, ..)| p.iter().flat_map(|w| w.split('|'))));
    words.extend([
        "yesterday", "hier", "today", "tonight", "now", "tomorrow", "demain", "maintenant", "actuellement", "latest",
        "aujourd", "hui", "moment", "recent", "ago", "previous", "past", "derniere", "dernier", "passee", "precedente",
        "precedent", "quarter", "trimestre", "half", "semestre", "moitie", "week", "semaine", "month", "year", "annee",
        "beginning", "start", "early", "middle", "late", "debut", "milieu", "until", "through", "since", "depuis",
        "between", "entre", "prochains", "prochaines", "prochain", "prochaine", "next", "coming", "days", "weeks",
        "months", "avant", "apres", "veille", "lendemain", "summers", "winters", "autumns", "springs", "hivers",
        "automnes",
    ]);
    words
}

fn lookup<T: Copy>(table: &[(&str, T)], word: &str) -> Option<T> {
    table.iter().find(|(name, _)| *name == word).map(|(_, v)| *v)
}

fn month(word: &str) -> Option<u32> {
    lookup(MONTHS, word)
}

pub(crate) fn year(word: &str) -> Option<i32> {
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

/// A named day: a fixed (month, day), or days after Easter Sunday.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Named {
    Fixed(u32, u32),
    Easter(u64),
}

/// A piece of a date as written, its year perhaps not said.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Element {
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

impl Element {
    pub fn year(&self) -> Option<i32> {
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

    pub fn with_year(self, year: i32) -> Self {
        match self {
            Element::Day { d, m, .. } => Element::Day { d, m, y: Some(year) },
            Element::Month { m, .. } => Element::Month { m, y: Some(year) },
            Element::Named { named, .. } => Element::Named { named, y: Some(year) },
            Element::Season { m, .. } => Element::Season { m, y: Some(year) },
            Element::Part { n, months, .. } => Element::Part { n, months, y: Some(year) },
            other => other,
        }
    }

    /// Month and day, to tell which of two yearless ends comes first.
    pub fn month_day(&self) -> Option<(u32, u32)> {
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

/// The days of a month a part names.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum MonthPart {
    /// The `n`th seven days.
    Week(u32),
    LastWeek,
    /// The first ten days, the 11th to the 20th, from the 21st.
    Early,
    Middle,
    Late,
}

/// What a move counts in (`Same`: the length of the period it moves).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Day,
    Week,
    Month,
    Quarter,
    Year,
    Same,
}

/// Days around today.
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Relative {
    /// Today (0), yesterday (-1), tomorrow (1), three days ago (-3).
    Days(i64),
    /// "Now", "currently": said beside a date, it says nothing more.
    Now,
    /// This week, month, year (0: up to today) or the one before (-1).
    Week(i32),
    Month(i32),
    Year(i32),
    /// The quarter before today's.
    LastQuarter,
    /// The season opening in month `m` that today is in or last saw; with `previous`, the one before.
    Season { m: u32, previous: bool },
    /// The last such weekday before today, or the next after it.
    LastWeekday(Weekday),
    NextWeekday(Weekday),
    /// The past `count` days, weeks or months, up to today.
    Past { count: u32, step: Step },
    /// The next `days` days after today.
    Next(u32),
    /// The week, month or year `count` of them before today's (with `day`: the same day then).
    Ago { count: u32, step: Step, day: bool },
    /// From the first of this month, or of this year, to today.
    MonthToDate,
    YearToDate,
}

/// A period as the question writes it.
#[derive(Debug, Clone, PartialEq)]
pub enum Expr {
    One(Element),
    Range(Element, Element),
    /// The seven days from the Monday of the day's week ("the week of 9 March 2020").
    WeekOf(Element),
    PartOfMonth { month: Element, part: MonthPart },
    /// From a day to today.
    Since(Element),
    Today(Relative),
    /// Moved from the period of the question before, or from another period of this one.
    Shift { step: Step, by: i32 },
    /// Moves made one after the other ("the same month, the year before").
    Shifts(Vec<(Step, i32)>),
    /// Moved from the period written right after it ("the week before Christmas 2019").
    ShiftOf { step: Step, by: i32, of: Element },
    /// A date in the year of another period, moved by years ("juin de l'année d'avant").
    InShiftedYear { element: Element, by: i32 },
    /// A day of the month of another period ("et le 5 ?").
    DayOfMonth(u32),
    /// Everything recorded.
    All,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Said {
    pub expr: Expr,
    /// The question's words.
    pub said: String,
}

/// The periods of a question, in order, and a month named to rank the same month across years.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Dates {
    pub periods: Vec<Said>,
    /// "Which August was the warmest": August of every year.
    pub month_of_year: Option<u32>,
    /// The same month or season of several years at once ("the summers 2013 to 2021", "des mois
    /// d'août"), which no figure is computed over: said, they are not read.
    pub each_year: Vec<String>,
}

/// A reader of the periods in `words`.
struct Reader<'a> {
    words: &'a Words,
}

impl Reader<'_> {
    fn text(&self, i: usize) -> &str {
        if self.words.free(i) { self.words.text(i) } else { "" }
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
            && let Some((e @ Element::Day { .. }, n)) = self.element(i + 1, partial)
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
            let introduced = self.words.dashed(i)
                || matches!(
                    previous,
                    "in" | "en" | "during" | "de" | "du" | "d" | "pendant" | "for" | "of" | "since" | "durant" | "mois"
                        | "to" | "au" | "a" | "and" | "et" | "or" | "ou" | "vs" | "versus" | "from" | "between" | "entre"
                );
            // "dec?" alone: a follow-up naming its month.
            let alone = previous.is_empty() && next(1).is_empty();
            if !AMBIGUOUS_MONTHS.contains(&w) || introduced || alone {
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


    /// "from X to Y", "between X and Y", "du X au Y", "2013-2019"; two parts of one year.
    fn range(&self, i: usize) -> Option<(Vec<Expr>, usize)> {
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
        // Two parts of one year: each is a period of its own, in the year of the second.
        let pair = |a: Element, b: Element| match b.year() {
            Some(y) => vec![Expr::One(a.with_year(y)), Expr::One(b)],
            None => vec![Expr::One(a), Expr::One(b)],
        };
        let found = match (start, end) {
            (Element::Ordinal(a), Element::Part { months, y, .. }) if (1..=12 / months).contains(&a) => {
                pair(Element::Part { n: a, months, y }, end)
            }
            (Element::Ordinal(_), _) => return None,
            (Element::Part { .. }, Element::Part { .. }) if joined => pair(start, end),
            (Element::Day { m: None, .. }, Element::Day { m: Some(_), .. }) => vec![Expr::Range(start, end)],
            (Element::Day { m: None, .. }, _) => return None,
            _ => vec![Expr::Range(start, end)],
        };
        Some((found, k - i))
    }

    /// "la semaine du 9 au 15 mars", "the week of 9 March 2020".
    fn week_of(&self, i: usize) -> Option<(Vec<Expr>, usize)> {
        if !(self.words.at(i, &["semaine", "du|de"]) || self.words.at(i, &["week", "of|from"])) {
            return None;
        }
        if let Some((found, n)) = self.range(i + 1).or_else(|| self.range(i + 2).map(|(f, n)| (f, n + 1))) {
            return Some((found, n + 1));
        }
        match self.element(i + 2, false)? {
            (day @ Element::Day { m: Some(_), .. }, n) => Some((vec![Expr::WeekOf(day)], n + 2)),
            _ => None,
        }
    }

    /// "the first week of March 2020", "la dernière semaine de décembre", "early May 2019".
    fn part_of_month(&self, i: usize) -> Option<(Expr, usize)> {
        let w = self.text(i);
        let (part, len) = if matches!(self.text(i + 1), "week" | "semaine") {
            match lookup(ORDINALS, w) {
                Some(n) if n <= 4 => (MonthPart::Week(n), 2),
                None if matches!(w, "last" | "derniere") => (MonthPart::LastWeek, 2),
                _ => return None,
            }
        } else if self.words.at(i, &["beginning|start", "of"]) || self.words.at(i, &["debut", "de|d"]) {
            (MonthPart::Early, 2)
        } else if matches!(w, "early" | "debut") {
            (MonthPart::Early, 1)
        } else if self.words.at(i, &["middle", "of"]) || self.words.at(i, &["milieu", "de|d"]) {
            (MonthPart::Middle, 2)
        } else if matches!(w, "mid" | "mi") {
            (MonthPart::Middle, 1)
        } else if self.words.at(i, &["end", "of"]) || self.words.at(i, &["fin", "de|d"]) {
            (MonthPart::Late, 2)
        } else if matches!(w, "late" | "fin") {
            (MonthPart::Late, 1)
        } else {
            return None;
        };
        let k = i + len + usize::from(matches!(self.text(i + len), "of" | "de" | "d" | "in" | "en"));
        let (month @ Element::Month { .. }, n) = self.element(k, false)? else { return None };
        Some((Expr::PartOfMonth { month, part }, k + n - i))
    }

    fn all_time(&self, i: usize) -> Option<(Expr, usize)> {
        let pattern = ALL_TIME.iter().find(|p| self.words.at(i, p))?;
        Some((Expr::All, pattern.len()))
    }

    fn since(&self, i: usize) -> Option<(Expr, usize)> {
        let at = |pattern: &[&str]| self.words.at(i, pattern);
        for (pattern, relative) in [
            (&["depuis", "le", "debut", "du", "mois"][..], Relative::MonthToDate),
            (&["since", "the", "start", "of", "the", "month"], Relative::MonthToDate),
            (&["since", "the", "beginning", "of", "the", "month"], Relative::MonthToDate),
            (&["so", "far", "this", "month"], Relative::MonthToDate),
            (&["this", "month", "so", "far"], Relative::MonthToDate),
            (&["depuis", "le", "debut", "de", "l", "annee"], Relative::YearToDate),
            (&["since", "the", "start", "of", "the", "year"], Relative::YearToDate),
            (&["so", "far", "this", "year"], Relative::YearToDate),
        ] {
            if at(pattern) {
                return Some((Expr::Today(relative), pattern.len()));
            }
        }
        if !matches!(self.text(i), "since" | "depuis") {
            return None;
        }
        let k = i + 1 + usize::from(matches!(self.text(i + 1), "le" | "the" | "l"));
        let (element, n) = self.element(k, false)?;
        Some((Expr::Since(element), k + n - i))
    }

    /// "the year before", "le mois suivant", "la veille"; "the week before Christmas 2019".
    fn shift(&self, i: usize) -> Option<(Vec<Expr>, usize)> {
        let (pattern, step, by) = SHIFTS.iter().filter(|(p, ..)| self.words.at(i, p)).max_by_key(|(p, ..)| p.len())?;
        let n = pattern.len();
        // "the day before yesterday" is a day around today.
        if matches!(self.text(i + n), "yesterday" | "tomorrow" | "hier" | "demain") {
            return None;
        }
        let apposed = (i..i + n).any(|k| APPOSED.contains(&self.text(k)));
        let next = i + n + usize::from(matches!(self.text(i + n), "of" | "de" | "d" | "du"));
        match self.element(next, false).or_else(|| self.element(next + 1, false).filter(|_| self.text(next) == "le")) {
            // "le mois précédent (17 février – 16 mars)": the dates written are the period.
            Some(_) if apposed => Some((Vec::new(), n)),
            Some((of, m)) => Some((vec![Expr::ShiftOf { step: *step, by: *by, of }], next + m - i)),
            None => Some((vec![Expr::Shift { step: *step, by: *by }], n)),
        }
    }

    fn relative(&self, i: usize) -> Option<(Relative, usize)> {
        let at = |pattern: &[&str]| self.words.at(i, pattern);
        let w = self.text(i);
        let next = |k: usize| self.text(i + k);
        for (pattern, days) in [
            (&["day", "before", "yesterday"][..], -2),
            (&["avant", "hier"], -2),
            (&["day", "after", "tomorrow"], 2),
            (&["apres", "demain"], 2),
        ] {
            if at(pattern) {
                return Some((Relative::Days(days), pattern.len()));
            }
        }
        match w {
            "yesterday" | "hier" => return Some((Relative::Days(-1), 1)),
            "today" | "tonight" | "latest" | "aujourdhui" | "ajd" => return Some((Relative::Days(0), 1)),
            "now" | "currently" | "maintenant" | "actuellement" | "current" => return Some((Relative::Now, 1)),
            "tomorrow" | "demain" => return Some((Relative::Days(1), 1)),
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
                // "Le dernier niveau": the noun stays a function word.
                let n = if pattern.len() == 2 && pattern[0].starts_with("dernier") { 1 } else { pattern.len() };
                return Some((Relative::Days(0), n));
            }
        }
        // 3 days ago, il y a 3 jours, two years ago (today), il y a deux ans
        let ago = |n: u32, unit: &str, len: usize| {
            let today = matches!(self.text(i + len), "today" | "aujourd");
            let len = len + usize::from(today) + usize::from(today && self.text(i + len + 1) == "hui");
            let step = match unit {
                "day" | "days" | "jour" | "jours" => return Some((Relative::Days(-i64::from(n)), len)),
                "week" | "weeks" | "semaine" | "semaines" => Step::Week,
                "month" | "months" | "mois" => Step::Month,
                "year" | "years" | "an" | "ans" | "annee" | "annees" => Step::Year,
                _ => return None,
            };
            Some((Relative::Ago { count: n, step, day: today }, len))
        };
        if let Some(n) = count(w)
            && next(2) == "ago"
            && let Some(found) = ago(n, next(1), 3)
        {
            return Some(found);
        }
        if at(&["il", "y", "a"])
            && let Some(n) = count(next(3))
            && let Some(found) = ago(n, next(4), 5)
        {
            return Some(found);
        }
        // next Tuesday, mardi prochain
        if let Some(day) = lookup(WEEKDAYS, next(1)).filter(|_| matches!(w, "next" | "coming")) {
            return Some((Relative::NextWeekday(day), 2));
        }
        if let Some(day) = lookup(WEEKDAYS, w).filter(|_| matches!(next(1), "prochain" | "next")) {
            return Some((Relative::NextWeekday(day), 2));
        }
        let this = matches!(w, "this" | "cette" | "ce" | "cet");
        let last = matches!(w, "last" | "previous" | "past");
        // French puts "dernier" after the noun: "la semaine dernière", "le mois dernier", "l'an dernier".
        let after_last = matches!(next(1), "derniere" | "dernier" | "passee" | "passe");
        let noun = if this || last { next(1) } else { w };
        let n = if this || last || after_last { 2 } else { 1 };
        // "ce mois-ci"
        let n = if matches!(noun, "mois" | "semaine") && self.text(i + n) == "ci" { n + 1 } else { n };
        // "last quarter", "le trimestre dernier": the one before today's (with a year: a part of it).
        let dated = (1..=3).any(|k| year(next(k)).is_some());
        if matches!(noun, "quarter" | "trimestre") && (last || after_last) && !dated {
            return Some((Relative::LastQuarter, n));
        }
        let relative = match noun {
            "week" | "semaine" if this => Some(Relative::Week(0)),
            "week" | "semaine" if last || after_last => Some(Relative::Week(-1)),
            "month" | "mois" if this || (w == "mois" && next(1) == "ci") => Some(Relative::Month(0)),
            "month" | "mois" if last || after_last => Some(Relative::Month(-1)),
            "year" | "annee" | "an" if this => Some(Relative::Year(0)),
            "year" | "annee" | "an" if last || after_last => Some(Relative::Year(-1)),
            season if (this || last || after_last) && lookup(SEASONS, season).is_some() => {
                lookup(SEASONS, season).map(|m| Relative::Season { m, previous: !this })
            }
            weekday if (this || last || after_last) && lookup(WEEKDAYS, weekday).is_some() => {
                lookup(WEEKDAYS, weekday).map(Relative::LastWeekday)
            }
            _ => None,
        };
        if let Some(relative) = relative {
            return Some((relative, n));
        }
        let step = |word: &str| match word {
            "day" | "days" | "jour" | "jours" => Some(Step::Day),
            "week" | "weeks" | "semaine" | "semaines" => Some(Step::Week),
            "month" | "months" | "mois" => Some(Step::Month),
            _ => None,
        };
        // the past 30 days, last 2 weeks, les 30 derniers jours, ces 7 derniers jours
        if last && let (Some(count), Some(step)) = (count(next(1)), step(next(2))) {
            return Some((Relative::Past { count, step }, 3));
        }
        if last && matches!(next(1), "week" | "weeks") {
            return Some((Relative::Past { count: 1, step: Step::Week }, 2));
        }
        if let (Some(count), true, Some(step)) = (count(w), matches!(next(1), "derniers" | "dernieres"), step(next(2))) {
            return Some((Relative::Past { count, step }, 3));
        }
        if let (true, Some(count), Some(step)) = (matches!(w, "derniers" | "dernieres"), count(next(1)), step(next(2))) {
            return Some((Relative::Past { count, step }, 3));
        }
        // the next 3 days, les 3 prochains jours, the coming days, les prochains jours
        // "next" alone is no period ("next to the station").
        let coming = matches!(w, "next" | "coming");
        match count(next(1)) {
            Some(c) if (coming || matches!(w, "prochains" | "prochaines")) && matches!(next(2), "days" | "jours") => {
                return Some((Relative::Next(c), 3));
            }
            _ if coming && matches!(next(1), "days" | "week" | "few") => return Some((Relative::Next(7), 2)),
            _ if matches!(w, "prochains" | "prochaines") && next(1) == "jours" => return Some((Relative::Next(7), 2)),
            _ => {}
        }
        if let Some(count) = count(w)
            && matches!(next(1), "prochains" | "prochaines")
        {
            return Some((Relative::Next(count), 3));
        }
        None
    }

    fn said(&self, i: usize, n: usize) -> String {
        (i..i + n).map(|k| self.words.raw(k)).collect::<Vec<_>>().join(" ")
    }

    /// The period phrase at `i`: its periods (none for words that only introduce the next one) and length.
    fn at(&self, i: usize) -> Option<(Vec<Expr>, usize)> {
        let one = |(expr, n): (Expr, usize)| (vec![expr], n);
        self.all_time(i)
            .map(one)
            .or_else(|| self.since(i).map(one))
            .or_else(|| self.part_of_month(i).map(one))
            .or_else(|| self.week_of(i))
            .or_else(|| self.range(i))
            .or_else(|| self.shift(i))
            .or_else(|| self.relative(i).map(|(r, n)| (vec![Expr::Today(r)], n)))
            .or_else(|| self.element(i, false).map(|(e, n)| (vec![Expr::One(e)], n)))
            .or_else(|| self.day_of_month(i))
    }

    /// "le 5", "on the 21st": a day of a month the question does not name.
    /// "le dimanche 17": with its weekday.
    fn day_of_month(&self, i: usize) -> Option<(Vec<Expr>, usize)> {
        if !self.words.is(i, "le|the") {
            return None;
        }
        let k = i + 1 + usize::from(lookup(WEEKDAYS, self.text(i + 1)).is_some());
        let d = day_number(self.text(k)).filter(|d| *d <= 31)?;
        let next = self.words.text(k + 1);
        let unit = "quarter|quarters|trimestre|trimestres|half|semestre|week|weeks|semaine|semaines|month|months|mois|year|years|annee|annees|day|days|jour|jours|of|de|du|h|heure|heures|am|pm|m|km|au|to|a|until";
        let alone = count(next).is_none() && year(next).is_none() && month(next).is_none() && !unit.split('|').any(|u| u == next);
        alone.then_some((vec![Expr::DayOfMonth(d)], k + 1 - i))
    }
}

/// Reads every period of `words` (taking their words), in order. `ranking` says the question ranks
/// something, so that a month without a year may be the month of every year ("which July").
pub fn read(words: &mut Words, ranking: bool) -> Dates {
    let mut dates = Dates::default();
    if ranking {
        month_of_year(words, &mut dates);
    }
    for i in 0..words.len() {
        let plural = words.is(i, "summers|winters|autumns|springs|falls|hivers|automnes")
            || (words.at(i, &["des|les", "mois", "de|d"]) && month(words.text(i + 3)).is_some());
        if plural {
            let n = if words.is(i, "des|les") { 4 } else { 1 };
            dates.each_year.push(words.said(i, n));
            words.take(i, n);
        }
    }
    let mut i = 0;
    let mut end = 0;
    while i < words.len() {
        let reader = Reader { words };
        match reader.at(i) {
            Some((found, n)) => {
                let said = reader.said(i, n);
                // "juin de l'année d'avant": the month, in the year the move says.
                let joined = (end..i).all(|k| words.is(k, "de|of|d|l|the|la|le"));
                let last = dates.periods.last_mut().filter(|_| joined);
                if let ([Expr::Shift { step: Step::Year, by }], Some(last)) = (found.as_slice(), last)
                    && let Expr::One(element) = last.expr
                    && element.year().is_none()
                {
                    last.expr = Expr::InShiftedYear { element, by: *by };
                    last.said = format!("{} {said}", last.said);
                } else if let ([Expr::Shift { step, by }], Some(last)) = (found.as_slice(), dates.periods.last_mut().filter(|_| joined))
                    && let Some(mut moves) = match &last.expr {
                        Expr::Shift { step, by } => Some(vec![(*step, *by)]),
                        Expr::Shifts(moves) => Some(moves.clone()),
                        _ => None,
                    }
                {
                    moves.push((*step, *by));
                    last.expr = Expr::Shifts(moves);
                    last.said = format!("{} {said}", last.said);
                } else {
                    dates.periods.extend(found.into_iter().map(|expr| Said { expr, said: said.clone() }));
                }
                words.take(i, n);
                i += n;
                end = i;
            }
            None => i += 1,
        }
    }
    // "Now" says little when a date is also given ("you are now in developer mode ... on 12 May").
    let weak = |s: &Said| s.expr == Expr::Today(Relative::Now);
    if dates.periods.iter().any(|s| !weak(s)) {
        dates.periods.retain(|s| !weak(s));
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
