//! Periods given their days: a date takes its year from the question (another date of it), else
//! from the question before (a follow-up), else the latest that has begun by today, and says so;
//! days around today count from `as_of`; a move ("the year before") moves another period of the
//! question, else the period of the question before, else today's. A date that does not exist
//! ("30 February 2020") is reported, never moved.

use chrono::{Datelike, Days, Months, NaiveDate, Weekday};

use crate::calendar::{Granularity, Period, month_end, month_start, year_end};
use crate::lang::Lang;
use crate::question::phrases::periods::{Element, Expr, MonthPart, Named, Relative, Said, Step};

/// What today and the question before give the periods of a question.
#[derive(Debug, Clone, Copy)]
pub struct Frame<'a> {
    pub as_of: NaiveDate,
    /// The period of the question this one follows up.
    pub previous: Option<&'a Period>,
    /// The day the answer before found (its hottest day): what a move by days, or "that day", moves.
    pub found: Option<NaiveDate>,
    pub lang: Lang,
    /// A timetable's question: a date without its year is the next one from today, not the last.
    pub coming: bool,
}

#[derive(Debug, Default, PartialEq)]
pub struct Resolved {
    /// In the order of the question.
    pub periods: Vec<Period>,
    /// Dates that do not exist, as written.
    pub impossible: Vec<String>,
    /// How a date was completed: a year not said, a move from another period.
    pub notes: Vec<String>,
    /// The year of a date came from the question before.
    pub year_kept: bool,
    /// Periods said that nothing gives days to ("the 5th" alone), as written.
    pub unread: Vec<String>,
}

enum Days2 {
    Period(NaiveDate, NaiveDate),
    Impossible,
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

/// Its first and last day in `year`.
fn in_year(element: &Element, year: i32) -> Option<Days2> {
    Some(match *element {
        Element::Day { d, m, .. } => match NaiveDate::from_ymd_opt(year, m?, d) {
            Some(day) => Days2::Period(day, day),
            None => Days2::Impossible,
        },
        Element::Month { m, .. } => {
            let from = month_start(year, m);
            Days2::Period(from, month_end(from))
        }
        Element::Year(y) => {
            let from = NaiveDate::from_ymd_opt(y, 1, 1)?;
            Days2::Period(from, year_end(from))
        }
        Element::Named { named, .. } => {
            let day = match named {
                Named::Fixed(m, d) => NaiveDate::from_ymd_opt(year, m, d)?,
                Named::Easter(after) => easter(year) + Days::new(after),
            };
            Days2::Period(day, day)
        }
        Element::Season { m, .. } => {
            // "Winter 2020" is the winter whose January is in 2020.
            let from = if m == 12 { month_start(year - 1, 12) } else { month_start(year, m) };
            let to = from.checked_add_months(Months::new(3)).and_then(|d| d.pred_opt())?;
            Days2::Period(from, to)
        }
        Element::Part { n, months, .. } => {
            let from = month_start(year, (n - 1) * months + 1);
            let to = from.checked_add_months(Months::new(months)).and_then(|d| d.pred_opt())?;
            Days2::Period(from, to)
        }
        Element::Ordinal(_) => return None,
    })
}

/// The granularity an element was written at.
fn granularity_of(element: &Element, from: NaiveDate, to: NaiveDate) -> Granularity {
    match element {
        Element::Season { .. } => Granularity::Season,
        Element::Part { .. } => Granularity::Span,
        _ => Period::of(from, to, String::new()).granularity,
    }
}

/// The years a yearless element may take, in the order they are tried.
enum Year<'a> {
    Given(i32),
    /// That of the question before: the one whose days fall in its period, else its first.
    Previous(&'a Period),
    /// The latest that has begun by `as_of`.
    Latest(NaiveDate),
    /// The first that has not ended by `as_of`.
    Coming(NaiveDate),
}

impl Year<'_> {
    fn days(&self, element: &Element) -> Option<Days2> {
        if let Some(y) = element.year() {
            return in_year(element, y);
        }
        match *self {
            Year::Given(y) => in_year(element, y),
            Year::Previous(p) => {
                let inside = (p.from.year()..=p.to.year()).find_map(|y| match in_year(element, y)? {
                    Days2::Period(from, to) if from >= p.from && to <= p.to => Some(Days2::Period(from, to)),
                    _ => None,
                });
                inside.or_else(|| in_year(element, p.from.year()))
            }
            Year::Latest(as_of) => {
                let mut impossible = false;
                for year in (as_of.year() - 8..=as_of.year()).rev() {
                    match in_year(element, year)? {
                        Days2::Period(from, to) if from <= as_of => return Some(Days2::Period(from, to)),
                        Days2::Impossible => impossible = true,
                        Days2::Period(..) => {}
                    }
                }
                // 29 February is looked for in the last eight years; 30 February never exists.
                impossible.then_some(Days2::Impossible)
            }
            Year::Coming(as_of) => (as_of.year()..=as_of.year() + 8).find_map(|year| match in_year(element, year)? {
                Days2::Period(from, to) if to >= as_of => Some(Days2::Period(from, to)),
                Days2::Period(..) => None,
                Days2::Impossible => None,
            }),
        }
    }
}

/// A period, a date that does not exist, or nothing to give days to.
enum Outcome {
    Period(Period),
    Impossible,
    None,
}

fn single(element: Element, year: &Year, said: &str) -> Outcome {
    match year.days(&element) {
        Some(Days2::Period(from, to)) => Outcome::Period(Period {
            from,
            to,
            granularity: granularity_of(&element, from, to),
            said: said.to_string(),
        }),
        Some(Days2::Impossible) => Outcome::Impossible,
        None => Outcome::None,
    }
}

/// The two ends of a range, the year given once applying to both.
fn range(start: Element, end: Element, year: &Year, said: &str) -> Outcome {
    let start = match (start, end) {
        (Element::Day { d, m: None, y }, Element::Day { m, .. }) => Element::Day { d, m, y },
        _ => start,
    };
    let earlier = start.month_day() > end.month_day();
    let (start, end) = match (start.year(), end.year()) {
        (Some(_), Some(_)) => (start, end),
        (None, Some(y)) => (start.with_year(if earlier { y - 1 } else { y }), end),
        (Some(y), None) => (start, end.with_year(if earlier { y + 1 } else { y })),
        (None, None) => {
            let Some(Days2::Period(_, to)) = year.days(&end) else { return Outcome::Impossible };
            let y = to.year();
            (start.with_year(if earlier { y - 1 } else { y }), end.with_year(y))
        }
    };
    match (year.days(&start), year.days(&end)) {
        (Some(Days2::Period(from, _)), Some(Days2::Period(_, to))) => {
            let (from, to) = if from <= to { (from, to) } else { (to, from) };
            Outcome::Period(Period::of(from, to, said.to_string()))
        }
        (None, _) | (_, None) => Outcome::None,
        _ => Outcome::Impossible,
    }
}

fn part_of_month(month: Element, part: MonthPart, year: &Year, said: &str) -> Outcome {
    let Some(Days2::Period(from, to)) = year.days(&month) else { return Outcome::None };
    let (from, to) = match part {
        MonthPart::Week(n) => {
            (from + Days::new(u64::from(n - 1) * 7), (from + Days::new(u64::from(n) * 7 - 1)).min(to))
        }
        MonthPart::LastWeek => (to - Days::new(6), to),
        MonthPart::Early => (from, from + Days::new(9)),
        MonthPart::Middle => (from + Days::new(10), from + Days::new(19)),
        MonthPart::Late => (from + Days::new(20), to),
    };
    Outcome::Period(Period { granularity: Granularity::Span, ..Period::of(from, to, said.to_string()) })
}

fn day(d: NaiveDate, said: &str) -> Period {
    Period::of(d, d, said.to_string())
}

fn span(from: NaiveDate, to: NaiveDate, said: &str) -> Period {
    Period { granularity: Granularity::Span, ..Period::of(from, to, said.to_string()) }
}

/// Days around `as_of`.
fn relative(relative: Relative, as_of: NaiveDate, said: &str) -> Option<Period> {
    let monday = as_of - Days::new(as_of.weekday().num_days_from_monday().into());
    let plus = |n: i64| {
        if n >= 0 {
            as_of.checked_add_days(Days::new(n as u64))
        } else {
            as_of.checked_sub_days(Days::new(n.unsigned_abs()))
        }
    };
    Some(match relative {
        Relative::Days(n) => day(plus(n)?, said),
        Relative::Now => day(as_of, said),
        Relative::Week(0) => span(monday, as_of, said),
        Relative::Week(_) => span(monday - Days::new(7), monday - Days::new(1), said),
        Relative::Month(0) => Period {
            from: month_start(as_of.year(), as_of.month()),
            to: as_of,
            granularity: Granularity::Month,
            said: said.into(),
        },
        Relative::Month(_) => {
            let from = month_start(as_of.year(), as_of.month()).checked_sub_months(Months::new(1))?;
            Period::of(from, month_end(from), said.to_string())
        }
        Relative::Year(0) => {
            let from = NaiveDate::from_ymd_opt(as_of.year(), 1, 1)?;
            Period { from, to: as_of, granularity: Granularity::Year, said: said.into() }
        }
        Relative::Year(_) => {
            let from = NaiveDate::from_ymd_opt(as_of.year() - 1, 1, 1)?;
            Period::of(from, year_end(from), said.to_string())
        }
        Relative::LastQuarter => {
            let start =
                month_start(as_of.year(), (as_of.month() - 1) / 3 * 3 + 1).checked_sub_months(Months::new(3))?;
            span(start, start.checked_add_months(Months::new(3))?.pred_opt()?, said)
        }
        Relative::Season { m, previous } => latest_season(as_of, m, said, previous),
        Relative::LastWeekday(target) => day(as_of - Days::new(days_between(target, as_of.weekday()).into()), said),
        Relative::NextWeekday(target) => day(as_of + Days::new(days_between(as_of.weekday(), target).into()), said),
        Relative::Past { count, step } => {
            let from = match step {
                Step::Month => as_of.checked_sub_months(Months::new(count))? + Days::new(1),
                Step::Week => as_of - Days::new(u64::from(count.max(1)) * 7 - 1),
                _ => as_of - Days::new(u64::from(count.max(1)) - 1),
            };
            span(from, as_of, said)
        }
        Relative::Next(days) => {
            Period::of(as_of + Days::new(1), as_of + Days::new(days.max(1).into()), said.to_string())
        }
        Relative::Ago { count, step: Step::Week, day: true } => day(as_of - Days::new(7 * u64::from(count)), said),
        Relative::Ago { count, step, day: true } => {
            let today = Period::of(as_of, as_of, said.to_string());
            return shift(&today, step, -(count as i32), said);
        }
        Relative::Ago { count, step, .. } => return shift(&current(step, as_of), step, -(count as i32), said),
        Relative::MonthToDate => span(month_start(as_of.year(), as_of.month()), as_of, said),
        Relative::YearToDate => span(NaiveDate::from_ymd_opt(as_of.year(), 1, 1)?, as_of, said),
    })
}

/// Days from weekday `from` forward to the next `to` (1 to 7).
fn days_between(from: Weekday, to: Weekday) -> u32 {
    (7 + to.num_days_from_monday() - from.num_days_from_monday() - 1) % 7 + 1
}

/// The season (opening in month `m`) that `as_of` is in or last saw; with `previous`, the one before it.
fn latest_season(as_of: NaiveDate, m: u32, said: &str, previous: bool) -> Period {
    let end =
        |start: NaiveDate| start.checked_add_months(Months::new(3)).and_then(|d| d.pred_opt()).expect("a season end");
    let mut start = month_start(as_of.year(), m);
    if m == 12 && as_of.month() < 12 {
        start = month_start(as_of.year() - 1, 12);
    }
    if start > as_of {
        start = start.checked_sub_months(Months::new(12)).expect("a year earlier");
    }
    if previous && as_of <= end(start) {
        start = start.checked_sub_months(Months::new(12)).expect("a year earlier");
    }
    Period { from: start, to: end(start), granularity: Granularity::Season, said: said.to_string() }
}

/// How long a period is, against a step: 0 a day, 1 a week, 2 a month, 3 a season, 4 a year, 5 more.
fn rank(period: &Period) -> u8 {
    match period.granularity {
        Granularity::Day => 0,
        Granularity::Month => 2,
        Granularity::Season => 3,
        Granularity::Year => 4,
        Granularity::Years | Granularity::All => 5,
        Granularity::Span => match (period.to - period.from).num_days() {
            ..=6 => 1,
            7..=30 => 2,
            31..=91 => 3,
            _ => 4,
        },
    }
}

/// `reference` moved by `by` steps: the same days a step earlier or later, or, for a period longer
/// than the step, the step just before or after it ("the day after" a month is its next day).
/// With `by` 0, the period of the step's length around `reference` ("the whole month" of a day), or
/// `reference` itself; with the step `Same`, one of `reference`'s own length.
pub fn shift(reference: &Period, step: Step, by: i32, said: &str) -> Option<Period> {
    let (from, to) = (reference.from, reference.to);
    if reference.granularity == Granularity::All {
        return None;
    }
    let step = match (step, rank(reference)) {
        (Step::Same, _) if by == 0 => return Some(Period { said: said.to_string(), ..reference.clone() }),
        (Step::Same, 0) => Step::Day,
        (Step::Same, 1) => Step::Week,
        (Step::Same, 2 | 3) if reference.granularity != Granularity::Season => Step::Month,
        (Step::Same, 3) => return shift_months(reference, 3 * by, said),
        (Step::Same, _) => {
            let years = (to.year() - from.year() + 1) * by;
            return shift_months(reference, 12 * years, said);
        }
        (step, _) => step,
    };
    let step_rank = match step {
        Step::Day | Step::Same => 0,
        Step::Week => 1,
        Step::Month => 2,
        Step::Quarter => 3,
        Step::Year => 4,
    };
    if by == 0 {
        let monday = from - Days::new(from.weekday().num_days_from_monday().into());
        return Some(match step {
            _ if rank(reference) >= step_rank => Period { said: said.to_string(), ..reference.clone() },
            Step::Week => span(monday, monday + Days::new(6), said),
            Step::Month => Period::of(from.with_day(1)?, month_end(from), said.to_string()),
            Step::Quarter => {
                let start = month_start(from.year(), (from.month() - 1) / 3 * 3 + 1);
                span(start, month_end(start.checked_add_months(Months::new(2))?), said)
            }
            _ => Period::of(NaiveDate::from_ymd_opt(from.year(), 1, 1)?, year_end(from), said.to_string()),
        });
    }
    // "The week before Christmas": the seven days before it.
    if rank(reference) > step_rank || (step == Step::Week && rank(reference) == 0) {
        let (before, after) = (from.pred_opt()?, to.succ_opt()?);
        return Some(match (step, by < 0) {
            (Step::Day | Step::Same, true) => day(before, said),
            (Step::Day | Step::Same, false) => day(after, said),
            (Step::Week, true) => span(from - Days::new(7), before, said),
            (Step::Week, false) => span(after, to + Days::new(7), said),
            (Step::Month, true) => Period::of(before.with_day(1)?, before, said.to_string()),
            (Step::Month, false) => Period::of(after, month_end(after), said.to_string()),
            (Step::Quarter, true) => span(from.checked_sub_months(Months::new(3))?, before, said),
            (Step::Quarter, false) => span(after, month_end(after.checked_add_months(Months::new(2))?), said),
            (Step::Year, true) => Period::of(NaiveDate::from_ymd_opt(before.year(), 1, 1)?, before, said.to_string()),
            (Step::Year, false) => Period::of(after, year_end(after), said.to_string()),
        });
    }
    let days = |d: NaiveDate, n: i64| {
        if n >= 0 { d.checked_add_days(Days::new(n as u64)) } else { d.checked_sub_days(Days::new(n.unsigned_abs())) }
    };
    let (from, to) = match step {
        Step::Day | Step::Same => (days(from, by.into())?, days(to, by.into())?),
        Step::Week => (days(from, 7 * i64::from(by))?, days(to, 7 * i64::from(by))?),
        Step::Month => return shift_months(reference, by, said),
        Step::Quarter => return shift_months(reference, 3 * by, said),
        Step::Year => return shift_months(reference, 12 * by, said),
    };
    Some(Period { from, to, granularity: reference.granularity, said: said.to_string() })
}

/// `reference` `n` months later (earlier when negative), a month's end kept at its month's end.
fn shift_months(reference: &Period, n: i32, said: &str) -> Option<Period> {
    let months = |d: NaiveDate| {
        if n >= 0 {
            d.checked_add_months(Months::new(n as u32))
        } else {
            d.checked_sub_months(Months::new(n.unsigned_abs()))
        }
    };
    let to =
        if reference.to == month_end(reference.to) { month_end(months(reference.to)?) } else { months(reference.to)? };
    Some(Period { from: months(reference.from)?, to, granularity: reference.granularity, said: said.to_string() })
}

/// The day, week, month or year `as_of` is in: what a move of that step moves when nothing else is said.
fn current(step: Step, as_of: NaiveDate) -> Period {
    let monday = as_of - Days::new(as_of.weekday().num_days_from_monday().into());
    match step {
        Step::Day => day(as_of, ""),
        Step::Week => span(monday, monday + Days::new(6), ""),
        Step::Month => {
            let from = month_start(as_of.year(), as_of.month());
            Period::of(from, month_end(from), String::new())
        }
        Step::Quarter => {
            let start = month_start(as_of.year(), (as_of.month() - 1) / 3 * 3 + 1);
            span(start, month_end(start + Months::new(2)), "")
        }
        Step::Year | Step::Same => {
            let from = NaiveDate::from_ymd_opt(as_of.year(), 1, 1).expect("a year");
            Period::of(from, year_end(from), String::new())
        }
    }
}

/// The first period of the question that is not a move: what a move moves.
fn anchor(exprs: &[Said]) -> Option<usize> {
    exprs.iter().position(|s| !is_move(&s.expr))
}

/// Whether the expression takes its days from another period.
fn is_move(expr: &Expr) -> bool {
    matches!(expr, Expr::Shift { .. } | Expr::Shifts(_) | Expr::InShiftedYear { .. } | Expr::DayOfMonth(_))
}

/// The year a yearless date of `exprs[k]` takes from another date of the question: the next that
/// says one, else the one before.
fn neighbour_year(exprs: &[Said], k: usize) -> Option<i32> {
    let year = |s: &Said| match &s.expr {
        Expr::One(e) | Expr::WeekOf(e) | Expr::Since(e) | Expr::ShiftOf { of: e, .. } => e.year(),
        Expr::PartOfMonth { month, .. } => month.year(),
        Expr::Range(a, b) => b.year().or(a.year()),
        _ => None,
    };
    exprs[k + 1..].iter().find_map(year).or_else(|| exprs[..k].iter().rev().find_map(year))
}

/// Whether the expression names a date whose year it does not say.
fn yearless(expr: &Expr) -> bool {
    match expr {
        Expr::One(e) | Expr::WeekOf(e) | Expr::Since(e) | Expr::ShiftOf { of: e, .. } => {
            e.year().is_none() && !matches!(e, Element::Ordinal(_))
        }
        Expr::PartOfMonth { month, .. } => month.year().is_none(),
        Expr::Range(a, b) => a.year().is_none() && b.year().is_none(),
        _ => false,
    }
}

/// Gives every period of the question its days.
pub fn resolve(exprs: &[Said], frame: Frame) -> Resolved {
    let mut resolved = Resolved::default();
    // Dates first; moves are made once the periods they move have their days.
    let outcomes: Vec<Option<Outcome>> = (0..exprs.len()).map(|k| dated(exprs, k, frame, &mut resolved)).collect();
    let anchor = anchor(exprs).and_then(|k| match &outcomes[k] {
        Some(Outcome::Period(p)) => Some(p.clone()),
        _ => None,
    });
    for (said, outcome) in exprs.iter().zip(outcomes) {
        let outcome = match outcome {
            Some(outcome) => outcome,
            None => moved(said, anchor.as_ref(), frame, &mut resolved.notes),
        };
        match outcome {
            Outcome::Period(p) if resolved.periods.last().is_some_and(|l| (l.from, l.to) == (p.from, p.to)) => {}
            Outcome::Period(p) => resolved.periods.push(p),
            Outcome::Impossible => resolved.impossible.push(said.said.clone()),
            Outcome::None => resolved.unread.push(said.said.clone()),
        }
    }
    resolved
}

/// The year a yearless date of `exprs[k]` takes, said when it is today's latest.
fn year_of<'a>(exprs: &[Said], k: usize, frame: Frame<'a>, resolved: &mut Resolved) -> Year<'a> {
    let yearless = yearless(&exprs[k].expr);
    match (neighbour_year(exprs, k), frame.previous) {
        (Some(y), _) => Year::Given(y),
        (None, Some(previous)) if yearless => {
            resolved.year_kept = true;
            Year::Previous(previous)
        }
        _ if frame.coming => {
            let note = frame.lang.say(
                "no year was said: the next such day from today is taken",
                "l'année n'était pas dite : le prochain jour de ce nom à partir d'aujourd'hui est pris",
            );
            if yearless && !resolved.notes.contains(&note) {
                resolved.notes.push(note);
            }
            Year::Coming(frame.as_of)
        }
        _ => {
            let note = frame.lang.say(
                "no year was said: the latest one up to today is taken",
                "l'année n'était pas dite : la plus récente jusqu'à aujourd'hui est prise",
            );
            if yearless && !resolved.notes.contains(&note) {
                resolved.notes.push(note);
            }
            Year::Latest(frame.as_of)
        }
    }
}

/// The days of a date of the question, or none for a move.
fn dated(exprs: &[Said], k: usize, frame: Frame, resolved: &mut Resolved) -> Option<Outcome> {
    let year = year_of(exprs, k, frame, resolved);
    let text = exprs[k].said.as_str();
    Some(match &exprs[k].expr {
        Expr::One(e) => single(*e, &year, text),
        Expr::Range(a, b) => range(*a, *b, &year, text),
        Expr::WeekOf(e) => match year.days(e) {
            Some(Days2::Period(d, _)) => {
                let monday = d - Days::new(d.weekday().num_days_from_monday().into());
                Outcome::Period(span(monday, monday + Days::new(6), text))
            }
            Some(Days2::Impossible) => Outcome::Impossible,
            None => Outcome::None,
        },
        Expr::PartOfMonth { month, part } => part_of_month(*month, *part, &year, text),
        Expr::Since(e) => match year.days(e) {
            Some(Days2::Period(from, _)) if from <= frame.as_of => {
                Outcome::Period(Period::of(from, frame.as_of, text.into()))
            }
            Some(Days2::Impossible) => Outcome::Impossible,
            _ => Outcome::None,
        },
        Expr::Today(r) => relative(*r, frame.as_of, text).map_or(Outcome::None, Outcome::Period),
        Expr::ShiftOf { step, by, of } => match single(*of, &year, text) {
            Outcome::Period(of) => shift(&of, *step, *by, text).map_or(Outcome::None, Outcome::Period),
            other => other,
        },
        Expr::All => Outcome::Period(Period { said: text.to_string(), ..Period::all(frame.as_of) }),
        Expr::Shift { .. } | Expr::Shifts(_) | Expr::InShiftedYear { .. } | Expr::DayOfMonth(_) => return None,
    })
}

/// The days of a move: from another period of the question (`anchor`), else from the day the
/// answer before found (a move by days, or "that day"), else from the period before, else from
/// today (said).
fn moved(said: &Said, anchor: Option<&Period>, frame: Frame, notes: &mut Vec<String>) -> Outcome {
    let reference = anchor.or(frame.previous);
    match &said.expr {
        Expr::Shift { .. } | Expr::Shifts(_) => {
            let moves = match &said.expr {
                Expr::Shift { step, by } => vec![(*step, *by)],
                Expr::Shifts(moves) => moves.clone(),
                _ => Vec::new(),
            };
            let found =
                frame.found.filter(|_| anchor.is_none() && matches!(moves[0], (Step::Day | Step::Week, _) | (_, 0)));
            let reference = found.map(|d| day(d, "")).or_else(|| reference.cloned()).unwrap_or_else(|| {
                notes.push(frame.lang.say(
                    &format!("«{}» is read from today", said.said),
                    &format!("« {} » est lu à partir d'aujourd'hui", said.said),
                ));
                current(moves[0].0, frame.as_of)
            });
            let moved = moves.iter().try_fold(reference, |p, (step, by)| shift(&p, *step, *by, &said.said));
            moved.map_or(Outcome::None, Outcome::Period)
        }
        Expr::InShiftedYear { element, by } => {
            let year = reference.map_or(frame.as_of.year(), |p| p.from.year()) + by;
            single(*element, &Year::Given(year), &said.said)
        }
        Expr::DayOfMonth(d) => match reference.map(|p| NaiveDate::from_ymd_opt(p.from.year(), p.from.month(), *d)) {
            Some(Some(day)) => Outcome::Period(Period::of(day, day, said.said.clone())),
            Some(None) => Outcome::Impossible,
            None => Outcome::None,
        },
        _ => Outcome::None,
    }
}
