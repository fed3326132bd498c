//! Answers about property sales (DVF): the price statistics of the city's commune per dwelling,
//! size and period (year, quarter, month), from `sale_stats`; two sides compared with the change
//! between them; what exists when the commune, the period or the figure is not there.

use chrono::{Datelike, Months, NaiveDate};
use serde_json::{Value, json};
use tera::Context;

use super::Composer;
use crate::answer::citations::Kind;
use crate::calendar as dates;
use crate::question::{Dwelling, Granularity, HousingAsk, Intent, Measure, Period, Place, Plan, fold};
use crate::summarize::{Lang, Source};

/// Under this many sales a group has no median (the aggregate keeps its count only).
const MIN_SALES: i32 = 10;

#[derive(sqlx::FromRow)]
struct Commune {
    commune_code: String,
    commune: String,
    first_sale: NaiveDate,
    last_sale: NaiveDate,
}

#[derive(sqlx::FromRow)]
struct Group {
    sales: i32,
    eur_per_m2_q1: Option<f64>,
    eur_per_m2_median: Option<f64>,
    eur_per_m2_q3: Option<f64>,
    price_median: Option<f64>,
    built_m2_median: Option<f64>,
    change_pct: Option<f64>,
}

/// One figure asked: a dwelling (none: both) over a period of `sale_stats` (year, quarter, month).
#[derive(Clone, Copy)]
struct Side {
    dwelling: Option<Dwelling>,
    period: &'static str,
    from: NaiveDate,
    to: NaiveDate,
}

/// The `sale_stats` period a question's period is: a month, a quarter or a year.
fn stats_period(p: &Period) -> Option<(&'static str, NaiveDate, NaiveDate)> {
    let (from, to) = (p.from, p.to);
    if from.day() != 1 {
        return None;
    }
    let month_end = dates::month_end(from);
    let quarter_end = dates::month_end(from + Months::new(2));
    let year_end = NaiveDate::from_ymd_opt(from.year(), 12, 31).expect("a year end");
    if to == month_end {
        Some(("month", from, to))
    } else if [1, 4, 7, 10].contains(&from.month()) && to == quarter_end {
        Some(("quarter", from, to))
    } else if from.month() == 1 && (to == year_end || p.granularity == Granularity::Year && to.year() == from.year()) {
        Some(("year", from, year_end))
    } else {
        None
    }
}

fn year(y: i32) -> (&'static str, NaiveDate, NaiveDate) {
    let from = NaiveDate::from_ymd_opt(y, 1, 1).expect("a year");
    ("year", from, NaiveDate::from_ymd_opt(y, 12, 31).expect("a year end"))
}

fn a_year_earlier((period, from, to): (&'static str, NaiveDate, NaiveDate)) -> (&'static str, NaiveDate, NaiveDate) {
    let from = from - Months::new(12);
    let to = if period == "month" || period == "quarter" {
        dates::month_end(to - Months::new(12))
    } else {
        to - Months::new(12)
    };
    (period, from, to)
}

impl Composer<'_> {
    /// A housing question answered; false when there is no data to answer it (what exists is said).
    pub async fn housing(&mut self, plan: &Plan, ask: &HousingAsk) -> anyhow::Result<bool> {
        let communes: Vec<Commune> =
            sqlx::query_as(include_str!("../sql/housing_communes.sql")).fetch_all(self.pool).await?;
        let city = fold(&self.city.name);
        let asked_place = match &plan.place {
            Place::City { .. } => None,
            Place::Unknown { name } => Some(name.clone()),
            Place::Station { name, .. } => Some(name.clone()),
        };
        let commune = communes.iter().find(|c| fold(&c.commune) == city);
        let (Some(commune), None) = (commune, &asked_place) else {
            self.housing_elsewhere(asked_place.as_deref().unwrap_or(&self.city.name), &communes).await?;
            return Ok(false);
        };
        let latest: Option<NaiveDate> = sqlx::query_scalar(include_str!("../sql/housing_latest_year.sql"))
            .bind(&commune.commune_code)
            .bind(plan.as_of)
            .fetch_one(self.pool)
            .await?;
        let latest = latest.map(|d| d.year());
        let Some(sides) = sides(plan, ask, latest) else {
            self.housing_missing(commune, plan.period.as_ref().map(|p| (p.from, p.to)), true).await?;
            return Ok(false);
        };
        let rooms = match ask.rooms {
            Some(5) => "5+".to_string(),
            Some(n) => n.to_string(),
            None => "all".to_string(),
        };
        let mut said: Vec<(Side, Group, Source)> = Vec::new();
        for side in sides {
            let dwelling = side.dwelling.map_or("all", Dwelling::code);
            let group: Option<Group> = sqlx::query_as(include_str!("../sql/housing_group.sql"))
                .bind(&commune.commune_code)
                .bind(dwelling)
                .bind(side.period)
                .bind(side.from)
                .bind(&rooms)
                .fetch_optional(self.pool)
                .await?;
            let Some(group) = group else {
                self.housing_missing(commune, Some((side.from, side.to)), false).await?;
                return Ok(false);
            };
            let variable = format!("{}/{dwelling}/{rooms}", commune.commune_code);
            let source =
                Source { table: "sales", station_id: None, variable: Some(variable), from: side.from, to: side.to };
            said.push((side, group, source));
        }
        let mut context = Context::new();
        context.insert("commune", &commune.commune);
        let measure = match ask.measure {
            Measure::PricePerM2 => "m2",
            Measure::Price => "price",
            Measure::Surface => "surface",
            Measure::Sales => "sales",
        };
        context.insert("measure", measure);
        context.insert("spread", &ask.spread);
        context.insert("average", &(ask.average && ask.measure != Measure::Sales));
        let now = plan.periods.iter().all(|p| p.from == plan.as_of && p.to == plan.as_of);
        context.insert("latest", &(now && plan.intent != Intent::Trend));
        let mut sides_out: Vec<Value> = Vec::new();
        for (side, group, source) in &said {
            sides_out.push(self.housing_side(side, group, source, ask).await?);
        }
        context.insert("sides", &sides_out);
        let figure = |g: &Group| match ask.measure {
            Measure::PricePerM2 => g.eur_per_m2_median,
            Measure::Price => g.price_median,
            Measure::Surface => g.built_m2_median,
            Measure::Sales => Some(f64::from(g.sales)),
        };
        // Two periods: the change from the earlier to the later; two dwellings: which is dearer.
        if let [(a, before, s_before), (b, after, s_after)] = said.as_slice() {
            if a.dwelling == b.dwelling {
                if let (Some(x), Some(y)) = (figure(before), figure(after)) {
                    let pct = match (ask.measure, s_before.from == s_after.from - Months::new(12), after.change_pct) {
                        (Measure::PricePerM2, true, Some(stored)) => stored,
                        _ => 100.0 * (y - x) / x,
                    };
                    let display = self.ledger.facts.number("change", pct, 1, Some("%"), s_after);
                    let c = self.cite(s_after, Kind::Housing, None).await?;
                    context.insert("change", &json!({ "pct": display, "c": c }));
                }
            } else if let (Some(x), Some(y)) = (figure(before), figure(after)) {
                context.insert("dearer", &json!({ "first": x > y, "same": x == y }));
            }
        }
        self.render("answers/housing", context)?;
        Ok(true)
    }

    /// One side's figures, as facts cited to its sales.
    async fn housing_side(
        &mut self,
        side: &Side,
        group: &Group,
        source: &Source,
        ask: &HousingAsk,
    ) -> anyhow::Result<Value> {
        let granularity = match side.period {
            "month" => Granularity::Month,
            "year" => Granularity::Year,
            _ => Granularity::Span,
        };
        let when = if side.period == "quarter" {
            let quarter = self.ledger.facts.quarter("quarter", side.from, source);
            if self.lang == Lang::Fr { format!("au {quarter}") } else { format!("in {quarter}") }
        } else {
            self.period_words((side.from, side.to), granularity, source)
        };
        let name = match side.period {
            "year" => self.ledger.facts.year("year", side.from, source),
            "quarter" => self.ledger.facts.quarter("quarter", side.from, source),
            _ => self.ledger.facts.month("month", side.from, source),
        };
        let facts = &mut self.ledger.facts;
        let rooms = ask.rooms.map(|n| (n, facts.count("main rooms", n.into(), source)));
        let sales = facts.count("sales of one dwelling with a price per m²", group.sales.into(), source);
        let mut out = json!({
            "Period": super::capitalised(&when),
            "what": what(side.dwelling, rooms.clone(), self.lang),
            "of_what": of(&what(side.dwelling, rooms, self.lang), self.lang),
            "From": super::capitalised(&match (self.lang, side.period) {
                (Lang::Fr, "quarter") => format!("du {name}"),
                (Lang::Fr, _) => Lang::de(&name),
                (Lang::En, _) => format!("from {name}"),
            }),
            "to": match (self.lang, side.period) {
                (Lang::Fr, "quarter") => format!("au {name}"),
                (Lang::Fr, _) => format!("à {name}"),
                (Lang::En, _) => format!("to {name}"),
            },
            "sales": sales,
            "one_sale": group.sales == 1,
            "too_few": group.sales < MIN_SALES && ask.measure != Measure::Sales,
        });
        let number = |facts: &mut crate::summarize::Facts, label: &str, value: Option<f64>, unit: &str| {
            value.map(|v| {
                facts.number(label, v, if v.fract() == 0.0 || unit != "m²" { 0 } else { 1 }, Some(unit), source)
            })
        };
        match ask.measure {
            Measure::PricePerM2 => {
                out["median"] = json!(number(facts, "median price per m²", group.eur_per_m2_median, "€/m²"));
                if ask.spread {
                    out["q1"] = json!(number(facts, "first quartile of the price per m²", group.eur_per_m2_q1, "€/m²"));
                    out["q3"] = json!(number(facts, "third quartile of the price per m²", group.eur_per_m2_q3, "€/m²"));
                }
            }
            Measure::Price => out["price"] = json!(number(facts, "median price", group.price_median, "€")),
            Measure::Surface => {
                out["surface"] = json!(number(facts, "median built surface", group.built_m2_median, "m²"))
            }
            Measure::Sales => {}
        }
        out["c"] = json!(self.cite(source, Kind::Housing, None).await?);
        Ok(out)
    }

    /// No sales for the place asked: the communes that have some.
    async fn housing_elsewhere(&mut self, place: &str, communes: &[Commune]) -> anyhow::Result<()> {
        let mut context = Context::new();
        context.insert("reason", "place");
        context.insert("place", place);
        let mut loaded = Vec::new();
        for c in communes.iter().take(5) {
            loaded.push(self.housing_span(c).await?);
        }
        context.insert("loaded", &loaded);
        self.render("answers/housing_no_data", context)
    }

    /// No sales figures for what was asked (`period`: the period asked, when there is one;
    /// `unkept`: the figures are not kept for such a period).
    async fn housing_missing(
        &mut self,
        commune: &Commune,
        period: Option<(NaiveDate, NaiveDate)>,
        unkept: bool,
    ) -> anyhow::Result<()> {
        let mut context = Context::new();
        context.insert("reason", if unkept { "unkept" } else { "period" });
        if let Some(range) = period {
            // The sales of the period asked: none, or none the statistics keep by such a period.
            let variable = format!("{}/all/all", commune.commune_code);
            let s = Source { table: "sales", station_id: None, variable: Some(variable), from: range.0, to: range.1 };
            let when = self.period_words(range, Granularity::Span, &s);
            context.insert("period", &when);
            context.insert("c_asked", &self.cite(&s, Kind::Housing, None).await?);
        }
        context.insert("loaded", &vec![self.housing_span(commune).await?]);
        self.render("answers/housing_no_data", context)
    }

    /// A commune's sales: its name, code and first and last day, cited.
    /// The communes with sales and the days they span, each cited: what exists of the housing data.
    pub(super) async fn housing_coverage(&mut self) -> anyhow::Result<Vec<Value>> {
        let communes: Vec<Commune> =
            sqlx::query_as(include_str!("../sql/housing_communes.sql")).fetch_all(self.pool).await?;
        let mut items = Vec::new();
        for commune in &communes {
            items.push(self.housing_span(commune).await?);
        }
        Ok(items)
    }

    async fn housing_span(&mut self, c: &Commune) -> anyhow::Result<Value> {
        let variable = format!("{}/all/all", c.commune_code);
        let s =
            Source { table: "sales", station_id: None, variable: Some(variable), from: c.first_sale, to: c.last_sale };
        let first = self.ledger.facts.date("first sale", c.first_sale, &s);
        let last = self.ledger.facts.date("last sale", c.last_sale, &s);
        let cited = self.cite(&s, Kind::Housing, None).await?;
        Ok(json!({ "commune": c.commune, "code": c.commune_code, "first": first, "last": last, "c": cited }))
    }
}

/// The sides the question asks for, or none when its period is not one the statistics keep.
fn sides(plan: &Plan, ask: &HousingAsk, latest: Option<i32>) -> Option<Vec<Side>> {
    let dwelling = ask.dwellings.first().copied();
    let side = |(period, from, to): (&'static str, NaiveDate, NaiveDate), dwelling| Side { dwelling, period, from, to };
    let latest_year = || latest.map(year);
    // "Now" is the latest full year.
    let periods: Vec<&Period> = plan.periods.iter().filter(|p| !(p.from == plan.as_of && p.to == plan.as_of)).collect();
    Some(match (ask.dwellings.len(), periods.as_slice(), plan.intent) {
        (2.., [], _) => {
            ask.dwellings.iter().map(|d| side(latest_year().unwrap_or(year(plan.as_of.year())), Some(*d))).collect()
        }
        (2.., [p, ..], _) => {
            let p = stats_period(p)?;
            ask.dwellings.iter().map(|d| side(p, Some(*d))).collect()
        }
        (_, [a, b, ..], _) => {
            let mut two = vec![side(stats_period(a)?, dwelling), side(stats_period(b)?, dwelling)];
            two.sort_by_key(|s| s.from);
            two
        }
        // "Since 2021", "between 2021 and 2024": the first year against the last full one.
        (_, [p], Intent::Trend) if p.from.year() < p.to.year() => {
            let last = latest.map_or(p.to.year(), |l| l.min(p.to.year()));
            let first = p.from.year();
            if first >= last {
                vec![side(year(first), dwelling)]
            } else {
                vec![side(year(first), dwelling), side(year(last), dwelling)]
            }
        }
        (_, [p], Intent::Trend) => {
            let p = stats_period(p)?;
            vec![side(a_year_earlier(p), dwelling), side(p, dwelling)]
        }
        (_, [], Intent::Trend) => {
            let p = latest_year().unwrap_or(year(plan.as_of.year()));
            vec![side(a_year_earlier(p), dwelling), side(p, dwelling)]
        }
        (_, [p], _) => vec![side(stats_period(p)?, dwelling)],
        (_, [], _) => vec![side(latest_year().unwrap_or(year(plan.as_of.year())), dwelling)],
    })
}

/// "of flats", "d'appartements".
fn of(what: &str, lang: Lang) -> String {
    match lang {
        Lang::En => format!("of {what}"),
        Lang::Fr => Lang::de(what),
    }
}

/// "3-room flats", "houses", "flats and houses" (and in French); `rooms` with the fact saying it.
fn what(dwelling: Option<Dwelling>, rooms: Option<(u8, String)>, lang: Lang) -> String {
    let size = |en: bool| match &rooms {
        Some((5, n)) if en => format!("{n}-or-more-room "),
        Some((_, n)) if en => format!("{n}-room "),
        Some((5, n)) => format!(" de {n} pièces ou plus"),
        Some((1, n)) => format!(" de {n} pièce"),
        Some((_, n)) => format!(" de {n} pièces"),
        None => String::new(),
    };
    match (lang, dwelling) {
        (Lang::En, Some(Dwelling::Flat)) => format!("{}flats", size(true)),
        (Lang::En, Some(Dwelling::House)) => format!("{}houses", size(true)),
        (Lang::En, None) => format!("{}dwellings (flats and houses)", size(true)),
        (Lang::Fr, Some(Dwelling::Flat)) => format!("appartements{}", size(false)),
        (Lang::Fr, Some(Dwelling::House)) => format!("maisons{}", size(false)),
        (Lang::Fr, None) => format!("logements{} (appartements et maisons)", size(false)),
    }
}
