//! Calendar words every step shares: a period of days and how it was said (a day, a month, a
//! year...), the first and last day of a month, the years "today" may be in, and the times of a
//! timetable's service day.

use chrono::{Datelike, Months, NaiveDate};
use serde::Serialize;

/// The years "today" may be in: questions are about recorded data and forecasts, and the date
/// arithmetic of relative phrases stays far from chrono's limits.
pub const AS_OF_YEARS: std::ops::RangeInclusive<i32> = 1900..=2099;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
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

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Period {
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub granularity: Granularity,
    /// The words of the question it was read from.
    pub said: String,
}

impl Period {
    /// The period of `from`..`to` named by its shape: a day, a calendar month, whole years, or a span.
    pub fn of(from: NaiveDate, to: NaiveDate, said: String) -> Self {
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

    /// Everything recorded up to `as_of`.
    pub fn all(as_of: NaiveDate) -> Self {
        let from = NaiveDate::from_ymd_opt(*AS_OF_YEARS.start(), 1, 1).expect("a day");
        Period { from, to: as_of, granularity: Granularity::All, said: String::new() }
    }

    pub fn is_day(&self) -> bool {
        self.from == self.to
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

/// The last day of the year of `day`.
pub fn year_end(day: NaiveDate) -> NaiveDate {
    NaiveDate::from_ymd_opt(day.year(), 12, 31).expect("a year end")
}

/// A time of a service day as GTFS writes it, in seconds from its start: "24:59:00" after midnight.
pub fn service_time(seconds: i32) -> String {
    format!("{:02}:{:02}:{:02}", seconds / 3600, (seconds % 3600) / 60, seconds % 60)
}

/// The clock time a person reads for it: "00:59".
pub fn clock_time(seconds: i32) -> String {
    format!("{:02}:{:02}", (seconds / 3600) % 24, (seconds % 3600) / 60)
}

/// "HH:MM" of a service day (hours up to 47, as GTFS counts past midnight) in seconds.
pub fn service_seconds(raw: &str) -> Option<i32> {
    let (h, m) = raw.split_once(':')?;
    let (h, m): (i32, i32) = (h.parse().ok()?, m.parse().ok()?);
    ((0..48).contains(&h) && (0..60).contains(&m) && raw.len() == 5).then_some(h * 3600 + m * 60)
}
