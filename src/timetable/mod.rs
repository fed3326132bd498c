//! The timetable's rows that several surfaces show: the days it covers, with their trips, and the
//! departures of a service day. The analyst API returns them, the dashboards draw them, briefs and
//! answers count them, so a figure and the rows its link returns are the same query.

use std::collections::BTreeMap;

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::PgPool;

use crate::calendar::{clock_time, service_time};
use crate::lang::Lang;

/// The kinds of day a timetable is read by, in the order they are said.
pub const DAY_KINDS: [&str; 3] = ["weekday", "saturday", "sunday"];

/// A kind of day, as one and as several: "Saturday", "Saturdays".
pub fn kind_words(kind: &str, lang: Lang) -> (&'static str, &'static str) {
    match (kind, lang) {
        ("saturday", Lang::En) => ("Saturday", "Saturdays"),
        ("saturday", Lang::Fr) => ("samedi", "samedis"),
        ("sunday", Lang::En) => ("Sunday", "Sundays"),
        ("sunday", Lang::Fr) => ("dimanche", "dimanches"),
        (_, Lang::En) => ("weekday", "weekdays"),
        (_, Lang::Fr) => ("jour de semaine", "jours de semaine"),
    }
}

#[derive(Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Departure {
    pub service_day: NaiveDate,
    /// The time as GTFS writes it, from the service day's start ("24:59:00" after midnight).
    #[sqlx(skip)]
    time: String,
    /// The clock time ("00:59").
    #[sqlx(skip)]
    pub clock: String,
    #[serde(skip)]
    pub departure_s: i32,
    pub route: Option<String>,
    trip_id: String,
    direction: Option<i16>,
    pub headsign: Option<String>,
    stop: String,
    stop_id: String,
    stop_sequence: i32,
    /// The trip's last stop: an arrival, not a departure (answers leave it out).
    pub last_stop: bool,
}

impl Departure {
    /// The `after` cursor of the page that follows this row.
    pub fn cursor(&self) -> String {
        format!("{},{},{}", self.departure_s, self.trip_id, self.stop_sequence)
    }
}

/// Which departures of a service day: at a stop, of lines, from and before a time (seconds of the
/// service day), only at each trip's first stop. The API's rows and the dashboards' come from here.
pub struct Departures<'a> {
    pub day: NaiveDate,
    pub stop: Option<&'a str>,
    pub lines: &'a [String],
    pub from: Option<i32>,
    pub to: Option<i32>,
    pub first_stop: bool,
}

impl Departures<'_> {
    /// `limit` departures in time order after the cursor (time, trip, stop sequence).
    pub async fn page(
        &self,
        pool: &PgPool,
        after: Option<(i32, String, i32)>,
        limit: i64,
    ) -> sqlx::Result<Vec<Departure>> {
        let mut found: Vec<Departure> = sqlx::query_as(include_str!("sql/departures.sql"))
            .bind(self.day)
            .bind(self.stop)
            .bind(self.lines)
            .bind(self.from)
            .bind(self.to)
            .bind(self.first_stop)
            .bind(after.as_ref().map(|a| a.0))
            .bind(after.as_ref().map(|a| a.1.clone()))
            .bind(after.as_ref().map(|a| a.2))
            .bind(limit)
            .fetch_all(pool)
            .await?;
        for d in &mut found {
            d.time = service_time(d.departure_s);
            d.clock = clock_time(d.departure_s);
        }
        Ok(found)
    }
}

#[derive(Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct ServiceDay {
    pub feed_id: i64,
    pub service_day: NaiveDate,
    /// weekday, saturday or sunday (a holiday is its own date: see its trips).
    pub day_kind: String,
    /// Trips running that day (0: no service on a day the timetable covers).
    pub trips: i64,
    pub lines: i64,
}

/// The days the timetables cover between two days, of lines (each filter open when empty).
pub async fn days_covered(
    pool: &PgPool,
    (from, to): (Option<NaiveDate>, Option<NaiveDate>),
    lines: &[String],
) -> sqlx::Result<Vec<ServiceDay>> {
    sqlx::query_as(include_str!("sql/days.sql")).bind(from).bind(to).bind(lines).fetch_all(pool).await
}

/// A kind of day's typical day: the number of trips most of its days run (the more trips on a
/// tie), the first day running it, and how many days do; days without service aside.
pub struct Typical<'a> {
    pub trips: i64,
    pub day: &'a ServiceDay,
    pub alike: i64,
}

pub fn typical<'a>(days: impl IntoIterator<Item = &'a ServiceDay>) -> Option<Typical<'a>> {
    let mut counts: BTreeMap<i64, Vec<&ServiceDay>> = BTreeMap::new();
    for day in days.into_iter().filter(|d| d.trips > 0) {
        counts.entry(day.trips).or_default().push(day);
    }
    let (trips, same) = counts.into_iter().max_by_key(|(trips, same)| (same.len(), *trips))?;
    Some(Typical { trips, day: same[0], alike: same.len() as i64 })
}

/// The days of several timetables (agencies) as the network's: each day once, their trips and
/// lines added up.
pub fn network_days(rows: Vec<ServiceDay>) -> Vec<ServiceDay> {
    let mut days: BTreeMap<NaiveDate, ServiceDay> = BTreeMap::new();
    for row in rows {
        match days.get_mut(&row.service_day) {
            Some(day) => {
                day.trips += row.trips;
                day.lines += row.lines;
            }
            None => {
                days.insert(row.service_day, row);
            }
        }
    }
    days.into_values().collect()
}

#[derive(sqlx::FromRow)]
pub struct LineTrips {
    pub short_name: String,
    pub trips: i64,
}

/// The trips each line runs on a service day, the most first.
pub async fn trips_by_line(pool: &PgPool, day: NaiveDate) -> sqlx::Result<Vec<LineTrips>> {
    sqlx::query_as(include_str!("sql/trips_by_line.sql")).bind(day).fetch_all(pool).await
}
