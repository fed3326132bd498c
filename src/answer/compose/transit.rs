//! Answers from the public-transport timetable (GTFS): a line's first or last departure at a stop,
//! the minutes between departures at an hour, the trips of a line or of the network on a day (two
//! days or two lines compared, the lines ranked), the lines at a stop, the stops near one. A day
//! outside the timetable, or without service, gets what the timetable covers, never another day's.

use chrono::{Datelike, NaiveDate};
use serde_json::{Value, json};
use tera::Context;

use super::Composer;
use crate::answer::citations::Kind;
use crate::question::{Intent, Plan, TransitAsk, TransitMeasure};
use crate::summarize::{Lang, Source, transit_source as source};
use crate::timetable::{LineTrips, trips_by_line};

#[derive(sqlx::FromRow)]
struct Feed {
    agency: String,
    valid_from: NaiveDate,
    valid_to: NaiveDate,
}

#[derive(sqlx::FromRow)]
struct FirstLast {
    first_s: Option<i32>,
    last_s: Option<i32>,
    departures: i64,
}

#[derive(sqlx::FromRow)]
struct Headway {
    direction: i32,
    minutes: f64,
}

#[derive(sqlx::FromRow)]
struct Near {
    name: String,
    metres: f64,
}

/// The query of the departures of the ask's lines at its stop on `day`.
fn day_pairs(day: NaiveDate, ask: &TransitAsk) -> Vec<(&'static str, String)> {
    vec![("date", day.to_string()), ("stop", ask.stop.clone().unwrap_or_default()), ("route", ask.routes.join(","))]
}

fn day_source(day: NaiveDate, ask: &TransitAsk) -> Source {
    source(&day_pairs(day, ask), (day, day))
}

fn weekday(day: NaiveDate, lang: Lang) -> &'static str {
    let i = day.weekday().num_days_from_monday() as usize;
    let (en, fr) = (
        ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday", "Sunday"],
        ["lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche"],
    );
    if lang == Lang::Fr { fr[i] } else { en[i] }
}

impl Composer<'_> {
    /// A transit question answered; false when the timetable cannot answer it (what it covers is said).
    pub async fn transit(&mut self, plan: &Plan, ask: &TransitAsk) -> anyhow::Result<bool> {
        let feeds: Vec<Feed> = sqlx::query_as(include_str!("../sql/transit_feeds.sql")).fetch_all(self.pool).await?;
        let (Some(first), Some(last)) = (feeds.iter().map(|f| f.valid_from).min(), feeds.iter().map(|f| f.valid_to).max())
        else {
            self.transit_missing("none_loaded", json!({}), None).await?;
            return Ok(false);
        };
        let span = (first, last);
        if let Some(route) = &ask.unknown_route {
            self.transit_missing("unknown_route", json!({ "route": route }), Some(span)).await?;
            return Ok(false);
        }
        let Some(measure) = ask.measure else {
            self.transit_missing("unasked", json!({}), Some(span)).await?;
            return Ok(false);
        };
        let whole_timetable = matches!(measure, TransitMeasure::Lines | TransitMeasure::StopsNear);
        if plan.periods.iter().any(|p| p.to > p.from) && !whole_timetable {
            self.transit_missing("span", json!({}), Some(span)).await?;
            return Ok(false);
        }
        for period in &plan.periods {
            let day = period.from;
            if day < first || period.to > last {
                let day = self.day_words(day, span);
                self.transit_missing("outside", json!({ "day": day }), Some(span)).await?;
                return Ok(false);
            }
            let trips: i64 = self.trips(day, &[]).await?;
            if trips == 0 {
                let day = self.day_words(day, span);
                self.transit_missing("no_service", json!({ "day": day }), Some(span)).await?;
                return Ok(false);
            }
        }
        let agency = feeds.last().map(|f| f.agency.clone()).unwrap_or_default();
        let mut context = Context::new();
        context.insert("agency", &agency);
        let answered = match (measure, plan.intent) {
            (TransitMeasure::FirstDeparture | TransitMeasure::LastDeparture, _) => {
                self.first_last(plan, ask, measure, &mut context).await?
            }
            (TransitMeasure::Headway, _) => self.headway(plan, ask, &mut context).await?,
            (TransitMeasure::Trips, Intent::Extreme { highest, .. }) => self.ranked(plan, highest, &mut context).await?,
            (TransitMeasure::Trips, Intent::Compare) => self.compared(plan, ask, &mut context).await?,
            (TransitMeasure::Trips, _) => self.trip_count(plan, ask, &mut context).await?,
            (TransitMeasure::Lines, _) => self.lines_at(plan, ask, &mut context).await?,
            (TransitMeasure::StopsNear, _) => self.stops_near(ask, span, &mut context).await?,
        };
        if !answered {
            return Ok(false);
        }
        self.render("answers/transit", context)?;
        Ok(true)
    }

    async fn trips(&self, day: NaiveDate, routes: &[String]) -> sqlx::Result<i64> {
        sqlx::query_scalar(include_str!("../sql/transit_trips.sql")).bind(day).bind(routes).fetch_one(self.pool).await
    }

    /// "Saturday 16 March 2024", a day the timetable (its span the source) does not run.
    fn day_words(&mut self, day: NaiveDate, span: (NaiveDate, NaiveDate)) -> String {
        let source = source::<&str>(&[], span);
        let date = self.ledger.facts.date("day asked", day, &source);
        format!("{} {date}", weekday(day, self.lang))
    }

    /// The service day a figure is of, as a fact of `source`.
    fn dated(&mut self, day: NaiveDate, source: &Source) -> String {
        let date = self.ledger.facts.date("service day", day, source);
        format!("{} {date}", weekday(day, self.lang))
    }

    /// The stop's name as a fact of `source` (a name such as "1er Mai" holds a figure).
    fn stop_said(&mut self, stop: &Option<String>, source: &Source) -> Option<String> {
        stop.as_ref().map(|s| self.ledger.facts.name("stop", s, source))
    }

    /// The lines as facts of `source`, and "line A" / "la ligne A" ("the network" for none) in
    /// `context` as `what` and `What`.
    fn routes_said(&mut self, routes: &[String], source: &Source, context: &mut Context) -> Vec<String> {
        let said: Vec<String> = routes.iter().map(|r| self.ledger.facts.name("line", r, source)).collect();
        let what = match (self.lang, said.as_slice()) {
            (Lang::En, []) => "the network".to_string(),
            (Lang::En, [one]) => format!("line {one}"),
            (Lang::En, several) => format!("lines {}", several.join(" and ")),
            (Lang::Fr, []) => "le réseau".to_string(),
            (Lang::Fr, [one]) => format!("la ligne {one}"),
            (Lang::Fr, several) => format!("les lignes {}", several.join(" et ")),
        };
        context.insert("What", &super::capitalised(&what));
        context.insert("what", &what);
        said
    }

    async fn first_last(
        &mut self,
        plan: &Plan,
        ask: &TransitAsk,
        measure: TransitMeasure,
        context: &mut Context,
    ) -> anyhow::Result<bool> {
        let day = plan.periods[0].from;
        let row = self.departures(day, ask).await?;
        let source = day_source(day, ask);
        let (Some(first_s), Some(last_s)) = (row.first_s, row.last_s) else {
            return self.no_departure(day, ask, context).await;
        };
        let first = measure == TransitMeasure::FirstDeparture;
        let seconds = if first { first_s } else { last_s };
        let time = self.ledger.facts.time(if first { "first departure" } else { "last departure" }, seconds, &source);
        let departures = self.ledger.facts.count("departures that day", row.departures, &source);
        let day_said = self.dated(day, &source);
        let next_day = (seconds >= 86_400).then(|| self.dated(day.succ_opt().unwrap_or(day), &source));
        let routes = self.routes_said(&ask.routes, &source, context);
        let stop = self.stop_said(&ask.stop, &source);
        context.insert("kind", "first_last");
        context.insert("first", &first);
        context.insert("time", &time);
        context.insert("next_day", &next_day);
        context.insert("departures", &departures);
        context.insert("day", &day_said);
        context.insert("routes", &routes);
        context.insert("stop", &stop);
        context.insert("c", &self.cite(&source, Kind::Transit { rows: "departures" }, None).await?);
        Ok(true)
    }

    /// No departure of the lines at the stop that day (a line that does not call there).
    async fn no_departure(&mut self, day: NaiveDate, ask: &TransitAsk, context: &mut Context) -> anyhow::Result<bool> {
        let source = day_source(day, ask);
        let day = self.dated(day, &source);
        let routes = self.routes_said(&ask.routes, &source, context);
        let stop = self.stop_said(&ask.stop, &source);
        context.insert("kind", "no_departure");
        context.insert("day", &day);
        context.insert("routes", &routes);
        context.insert("stop", &stop);
        context.insert("c", &self.cite(&source, Kind::Transit { rows: "departures" }, None).await?);
        self.render("answers/transit", std::mem::take(context))?;
        Ok(false)
    }

    async fn departures(&self, day: NaiveDate, ask: &TransitAsk) -> sqlx::Result<FirstLast> {
        sqlx::query_as(include_str!("../sql/transit_first_last.sql"))
            .bind(&ask.stop)
            .bind(&ask.routes)
            .bind(day)
            .fetch_one(self.pool)
            .await
    }

    async fn headway(&mut self, plan: &Plan, ask: &TransitAsk, context: &mut Context) -> anyhow::Result<bool> {
        let day = plan.periods[0].from;
        let rows: Vec<Headway> = sqlx::query_as(include_str!("../sql/transit_headway.sql"))
            .bind(&ask.stop)
            .bind(&ask.routes)
            .bind(day)
            .bind(ask.hour.map(|h| h as i32))
            .fetch_all(self.pool)
            .await?;
        if rows.is_empty() && self.departures(day, ask).await?.departures == 0 {
            return self.no_departure(day, ask, context).await;
        }
        let mut pairs = day_pairs(day, ask);
        if let Some(h) = ask.hour {
            pairs.push(("from", format!("{:02}:00", h.saturating_sub(1))));
            pairs.push(("to", format!("{:02}:00", h + 1)));
        }
        if ask.stop.is_none() {
            pairs.push(("first_stop", "true".into()));
        }
        let source = source(&pairs, (day, day));
        let day_said = self.dated(day, &source);
        let routes = self.routes_said(&ask.routes, &source, context);
        let stop = self.stop_said(&ask.stop, &source);
        let hour = ask.hour.map(|h| {
            let from = self.ledger.facts.time("hour from", h as i32 * 3600, &source);
            let to = self.ledger.facts.time("hour to", (h as i32 + 1) * 3600, &source);
            json!({ "from": from, "to": to })
        });
        let mut directions: Vec<Value> = Vec::new();
        for (k, row) in rows.iter().enumerate() {
            let minutes = self.ledger.facts.number("minutes between departures", row.minutes, 1, Some("min"), &source);
            directions.push(json!({ "other_way": k > 0, "minutes": minutes, "direction": row.direction }));
        }
        context.insert("day", &day_said);
        context.insert("routes", &routes);
        context.insert("stop", &stop);
        context.insert("hour", &hour);
        context.insert("c", &self.cite(&source, Kind::Transit { rows: "departures" }, None).await?);
        if rows.is_empty() {
            context.insert("kind", "no_headway");
            self.render("answers/transit", std::mem::take(context))?;
            return Ok(false);
        }
        context.insert("kind", "headway");
        context.insert("directions", &directions);
        Ok(true)
    }

    async fn trip_count(&mut self, plan: &Plan, ask: &TransitAsk, context: &mut Context) -> anyhow::Result<bool> {
        let day = plan.periods[0].from;
        let trips = self.trips(day, &ask.routes).await?;
        let source = source(&[("date", day.to_string()), ("route", ask.routes.join(","))], (day, day));
        let day_said = self.dated(day, &source);
        let routes = self.routes_said(&ask.routes, &source, context);
        let count = self.ledger.facts.count("trips", trips, &source);
        context.insert("kind", "trips");
        context.insert("trips", &count);
        context.insert("none", &(trips == 0));
        context.insert("day", &day_said);
        context.insert("routes", &routes);
        context.insert("c", &self.cite(&source, Kind::Transit { rows: "trips" }, None).await?);
        Ok(true)
    }

    /// Two days (or two lines on one day) side by side, with the difference.
    async fn compared(&mut self, plan: &Plan, ask: &TransitAsk, context: &mut Context) -> anyhow::Result<bool> {
        let sides: Vec<(NaiveDate, Vec<String>)> = match (plan.periods.as_slice(), ask.routes.as_slice()) {
            ([a, b, ..], _) => vec![(a.from, ask.routes.clone()), (b.from, ask.routes.clone())],
            ([one], [r1, r2, ..]) => vec![(one.from, vec![r1.clone()]), (one.from, vec![r2.clone()])],
            _ => return self.trip_count(plan, ask, context).await,
        };
        let mut said = Vec::new();
        let mut counts = Vec::new();
        for (day, routes) in &sides {
            let trips = self.trips(*day, routes).await?;
            let source = source(&[("date", day.to_string()), ("route", routes.join(","))], (*day, *day));
            let day_said = self.dated(*day, &source);
            let routes_said = self.routes_said(routes, &source, context);
            let count = self.ledger.facts.count("trips", trips, &source);
            let c = self.cite(&source, Kind::Transit { rows: "trips" }, None).await?;
            said.push(json!({ "day": day_said, "routes": routes_said, "trips": count, "c": c }));
            counts.push((trips, source));
        }
        let (a, b) = (counts[0].0, counts[1].0);
        let difference = self.ledger.facts.count("difference", (a - b).abs(), &counts[0].1);
        self.cite(&counts[0].1, Kind::Transit { rows: "trips" }, None).await?;
        context.insert("kind", if sides[0].0 == sides[1].0 { "compare_routes" } else { "compare_days" });
        context.insert("sides", &said);
        context.insert("difference", &difference);
        context.insert("more_first", &(a > b));
        context.insert("same", &(a == b));
        Ok(true)
    }

    async fn ranked(&mut self, plan: &Plan, highest: bool, context: &mut Context) -> anyhow::Result<bool> {
        let day = plan.periods[0].from;
        let mut rows = trips_by_line(self.pool, day).await?;
        if !highest {
            rows.reverse();
        }
        let Some(top) = rows.first().map(|r| r.trips) else { return Ok(false) };
        let tied: Vec<String> = rows.iter().filter(|r| r.trips == top).map(|r| r.short_name.clone()).collect();
        let source = source(&[("date", day.to_string())], (day, day));
        let day_said = self.dated(day, &source);
        let routes = self.routes_said(&tied, &source, context);
        let trips = self.ledger.facts.count("trips of the line", top, &source);
        let lines = self.ledger.facts.count("lines running", rows.len() as i64, &source);
        context.insert("kind", "rank");
        context.insert("highest", &highest);
        context.insert("routes", &routes);
        context.insert("trips", &trips);
        context.insert("lines", &lines);
        context.insert("day", &day_said);
        context.insert("c", &self.cite(&source, Kind::Transit { rows: "trips" }, None).await?);
        Ok(true)
    }

    async fn lines_at(&mut self, plan: &Plan, ask: &TransitAsk, context: &mut Context) -> anyhow::Result<bool> {
        let Some(stop) = &ask.stop else {
            self.transit_missing("no_stop", json!({}), None).await?;
            return Ok(false);
        };
        let day = plan.periods.first().map(|p| p.from);
        let rows: Vec<LineTrips> = sqlx::query_as(include_str!("../sql/transit_lines_at.sql"))
            .bind(stop)
            .bind(day)
            .fetch_all(self.pool)
            .await?;
        // On a day, its departures there; in the whole timetable, the stop's platforms and their lines.
        let (source, rows_kind) = match day {
            Some(d) => (source(&[("date", d.to_string()), ("stop", stop.clone())], (d, d)), "departures"),
            None => (source(&[("name", stop.clone())], (plan.as_of, plan.as_of)), "stops"),
        };
        let names: Vec<String> = rows.iter().map(|r| r.short_name.clone()).collect();
        let routes = self.routes_said(&names, &source, context);
        let count = self.ledger.facts.count("lines", rows.len() as i64, &source);
        let day_said = day.map(|d| self.dated(d, &source));
        let stop = self.ledger.facts.name("stop", stop, &source);
        context.insert("kind", "lines");
        context.insert("stop", &stop);
        context.insert("routes", &routes);
        context.insert("count", &count);
        context.insert("day", &day_said);
        context.insert("c", &self.cite(&source, Kind::Transit { rows: rows_kind }, None).await?);
        Ok(true)
    }

    async fn stops_near(
        &mut self,
        ask: &TransitAsk,
        span: (NaiveDate, NaiveDate),
        context: &mut Context,
    ) -> anyhow::Result<bool> {
        let (Some(stop), Some(radius)) = (&ask.stop, ask.radius_m) else {
            self.transit_missing("no_stop", json!({}), None).await?;
            return Ok(false);
        };
        let rows: Vec<Near> = sqlx::query_as(include_str!("../sql/transit_stops_near.sql"))
            .bind(stop)
            .bind(f64::from(radius))
            .fetch_all(self.pool)
            .await?;
        let source = source(&[("near", stop.clone()), ("radius_m", radius.to_string())], span);
        let radius_said = self.ledger.facts.count("radius in metres", radius.into(), &source);
        let mut stops = Vec::new();
        for row in &rows {
            let name = self.ledger.facts.name("stop", &row.name, &source);
            let metres = self.ledger.facts.number("metres away", row.metres, 0, Some("m"), &source);
            stops.push(json!({ "name": name, "metres": metres }));
        }
        let count = self.ledger.facts.count("stops near", rows.len() as i64, &source);
        let stop = self.ledger.facts.name("stop", stop, &source);
        context.insert("kind", "stops_near");
        context.insert("stop", &stop);
        context.insert("radius", &radius_said);
        context.insert("stops", &stops);
        context.insert("count", &count);
        context.insert("c", &self.cite(&source, Kind::Transit { rows: "stops" }, None).await?);
        Ok(true)
    }

    /// Each timetable held: its agency and the days it covers, cited.
    pub(super) async fn transit_coverage(&mut self) -> anyhow::Result<Vec<Value>> {
        let feeds: Vec<Feed> = sqlx::query_as(include_str!("../sql/transit_feeds.sql")).fetch_all(self.pool).await?;
        let mut items = Vec::new();
        for feed in &feeds {
            let span = (feed.valid_from, feed.valid_to);
            let source = source(&[("date", feed.valid_from.to_string())], span);
            let first = self.ledger.facts.date("first service day", feed.valid_from, &source);
            let last = self.ledger.facts.date("last service day", feed.valid_to, &source);
            let c = self.cite(&source, Kind::Transit { rows: "trips" }, None).await?;
            items.push(json!({ "agency": feed.agency, "first": first, "last": last, "c": c }));
        }
        Ok(items)
    }

    /// What the timetable covers, when it cannot answer (`kind` says why).
    async fn transit_missing(
        &mut self,
        kind: &str,
        details: Value,
        span: Option<(NaiveDate, NaiveDate)>,
    ) -> anyhow::Result<()> {
        let mut context = Context::from_value(details.clone())?;
        context.insert("kind", kind);
        if let Some((first, last)) = span {
            let source = source(&[("date", first.to_string())], (first, last));
            if let Some(route) = details["route"].as_str() {
                context.insert("route", &self.ledger.facts.name("line asked", route, &source));
            }
            let from = self.ledger.facts.date("first service day", first, &source);
            let to = self.ledger.facts.date("last service day", last, &source);
            let c = self.cite(&source, Kind::Transit { rows: "trips" }, None).await?;
            context.insert("covered", &json!({ "from": from, "to": to, "c": c }));
        }
        self.render("answers/transit", context)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_source_is_the_query_of_its_rows() {
        let day = NaiveDate::from_ymd_opt(2024, 3, 16).unwrap();
        let s = source(&[("date", day.to_string()), ("stop", "Hôtel de Ville".into()), ("route", String::new())], (day, day));
        assert_eq!(s.variable.as_deref(), Some("date=2024-03-16&stop=H%C3%B4tel+de+Ville"));
        assert_eq!(weekday(day, Lang::Fr), "samedi");
        assert_eq!(weekday(day, Lang::En), "Saturday");
    }
}
