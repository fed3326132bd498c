//! The grounded composer: for each intent, the figures from PostgreSQL become facts (formatted in
//! the question's language, each with its citation) and the templates in `prompts/answers/` say
//! them. No number reaches the text except through a fact.

mod housing;
mod transit;

use chrono::{Datelike, Days, Months, NaiveDate};
use sqlx::PgPool;
use tera::{Context, Tera};

use super::citations::{Citations, Kind, Ledger};
use super::figures::{self, DataStation, Holdings, Stats, Threshold};
use super::scope::{NoData, Target};
use crate::calendar as dates;
use crate::config::City;
use crate::question::{
    DayOf, Granularity, IndexAsk, Intent, Limit, OutputUnit, Period, Place, Plan, Refusal, Statistic, Unit,
    WEATHER_VARIABLES,
};
use crate::summarize::{Fact, Lang, Source, insert_pollutant, pollutant, strength, weather_variable};

/// Rain of at least this much makes a rainy day (mm); the usual climatological threshold.
pub(crate) const RAINY_DAY_MM: f64 = 1.0;
const HOT_DAY_C: f64 = 30.0;
const FROST_C: f64 = 0.0;
/// Episodes and forecast days listed one by one, at most.
const LISTED: usize = 3;
const FORECAST_DAYS: u64 = 7;
/// A month or a year is ranked when at least this share of its days has data.
const COVERAGE: f64 = 0.75;
/// Related chunks offered when a question cannot be read into figures.
const RELATED: usize = 3;

pub struct Composer<'a> {
    pool: &'a PgPool,
    holdings: &'a Holdings,
    thresholds: &'a [Threshold],
    tera: &'a Tera,
    city: &'a City,
    lang: Lang,
    /// The day's statistic the question says, and the unit it asks the figures in.
    said: Option<Statistic>,
    unit: Option<OutputUnit>,
    /// What it restates it answers, said first.
    restated: String,
    ledger: Ledger,
    sentences: Vec<String>,
    /// The stations with data of each station set, variable and range already read with its figures.
    present: std::sync::Mutex<Vec<(Vec<i64>, &'static str, (NaiveDate, NaiveDate), i64)>>,
}

/// What the composer made: the text, its facts with their citation numbers, the citations.
pub struct Composed {
    pub text: String,
    /// How the question was read, as the text's last sentence says it (kept under an LLM's words).
    pub reading: Option<String>,
    /// What it answers, as the text's first line says it (kept under an LLM's words).
    pub restated: String,
    pub facts: Vec<(Fact, usize)>,
    pub citations: Citations,
}

/// A chunk retrieval found, offered as related data.
#[derive(sqlx::FromRow)]
pub struct RelatedChunk {
    pub id: i64,
    pub title: String,
    pub body: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub facts: serde_json::Value,
}

fn source(table: &'static str, station: Option<i64>, variable: &str, (from, to): (NaiveDate, NaiveDate)) -> Source {
    Source { table, station_id: station, variable: Some(variable.to_string()), from, to }
}

pub(crate) fn capitalised(text: &str) -> String {
    let mut chars = text.chars();
    chars.next().map(|c| c.to_uppercase().chain(chars).collect()).unwrap_or_default()
}

fn season_start(day: NaiveDate) -> NaiveDate {
    let back = day.month() % 3;
    NaiveDate::from_ymd_opt(day.year(), day.month(), 1)
        .expect("a month")
        .checked_sub_months(Months::new(back))
        .expect("a season")
}

/// The days of the month or year that `start` opens.
fn length(start: NaiveDate, unit: Unit) -> i64 {
    let end = match unit {
        Unit::Year => NaiveDate::from_ymd_opt(start.year(), 12, 31).expect("a year end"),
        _ => dates::month_end(start),
    };
    (end - start).num_days() + 1
}

/// The figure a day or a period is ranked by: rain adds up, other variables average.
fn summed(variable: &str) -> bool {
    variable == "precipitation"
}

impl<'a> Composer<'a> {
    pub fn new(
        (pool, holdings, thresholds): (&'a PgPool, &'a Holdings, &'a [Threshold]),
        tera: &'a Tera,
        city: &'a City,
        plan: &Plan,
    ) -> Self {
        let lang = plan.lang;
        let (ledger, sentences, present) = (Ledger::new(lang), Vec::new(), Default::default());
        let (said, unit, restated) = (plan.said_statistic, plan.unit, plan.restated.clone());
        Self { pool, holdings, thresholds, tera, city, lang, said, unit, restated, ledger, sentences, present }
    }

    /// A figure of the data in the unit asked for when it is of that unit's kind (a difference
    /// scales without an offset), else in its own.
    fn measured(&mut self, label: &str, value: f64, unit: &str, source: &Source, delta: bool) -> String {
        match self.unit.filter(|u| u.stored() == unit) {
            Some(asked) => self.ledger.facts.number(label, asked.convert(value, delta), 1, Some(asked.symbol()), source),
            None => self.ledger.facts.number(label, value, 1, Some(unit), source),
        }
    }

    /// The figure of each day of `variable` used for what is asked.
    fn figure(&self, intent: Intent, variable: &str, limit: Option<&Limit>) -> Option<Statistic> {
        crate::question::figure_of(intent, self.said, variable, limit)
    }

    /// How many sentences were said.
    pub fn said(&self) -> usize {
        self.sentences.len()
    }

    pub fn finish(self, notes: &[String]) -> Composed {
        let body = self.sentences.join(" ");
        let restated = if self.restated.is_empty() { String::new() } else { format!("{}:", self.restated) };
        let mut text = if restated.is_empty() { body } else { format!("{restated} {body}") };
        let reading = (!notes.is_empty()).then(|| match self.lang {
            Lang::En => format!("(How I read the question: {}.)", notes.join("; ")),
            Lang::Fr => format!("(Lecture de la question : {}.)", notes.join(" ; ")),
        });
        if let Some(reading) = &reading {
            text = format!("{text} {reading}");
        }
        let (facts, citations) = self.ledger.into_parts();
        Composed { text, reading, restated, facts, citations }
    }

    async fn cite(&mut self, source: &Source, kind: Kind, station: Option<&str>) -> sqlx::Result<usize> {
        self.ledger.cite(self.pool, source, kind, station).await
    }

    fn render(&mut self, template: &str, mut context: Context) -> anyhow::Result<()> {
        context.insert("city", &self.city.name);
        let name = format!("{template}.{}.tera", self.lang.code());
        let text = self.tera.render(&name, &context)?;
        let text = text.split_whitespace().collect::<Vec<_>>().join(" ");
        if !text.is_empty() {
            self.sentences.push(text);
        }
        Ok(())
    }

    fn period_words(&mut self, range: (NaiveDate, NaiveDate), granularity: Granularity, source: &Source) -> String {
        self.ledger.period_words(range, granularity, source)
    }

    /// "at Montferrand", "in Clermont-Ferrand (mean of 2 stations)": the stations that have data then.
    async fn scope_words(&mut self, target: &Target, source: &Source) -> sqlx::Result<String> {
        let range = (source.from, source.to);
        let known = self.present.lock().expect("present lock").iter().find_map(|(ids, variable, r, n)| {
            (*ids == target.ids() && *variable == target.variable && *r == range).then_some(*n)
        });
        let present = match known {
            _ if !target.city || target.stations.len() < 2 => 1,
            Some(n) => n,
            None => figures::stations_with_data(self.pool, &target.ids(), target.variable, range).await?,
        };
        Ok(match (target.station(), self.lang) {
            (Some(station), Lang::En) => format!("at {}", station.name),
            (Some(station), Lang::Fr) => format!("à {}", station.name),
            (None, lang) if present > 1 => {
                let n = self.ledger.facts.count("stations averaged", present, source);
                match lang {
                    Lang::En => format!("in {} (mean of {n} stations)", self.city.name),
                    Lang::Fr => format!("à {} (moyenne de {n} stations)", self.city.name),
                }
            }
            (None, Lang::En) => format!("in {}", self.city.name),
            (None, Lang::Fr) => format!("à {}", self.city.name),
        })
    }

    fn kind(target: &Target) -> Kind {
        if target.is_weather() { Kind::Weather } else { Kind::Air }
    }

    fn name(&self, variable: &str) -> String {
        if WEATHER_VARIABLES.contains(&variable) {
            weather_variable(variable, self.lang)
        } else {
            pollutant(variable, self.lang)
        }
    }

    /// The variable's names and the period's words, for every template.
    async fn describe(&mut self, context: &mut Context, target: &Target, period: &Period, s: &Source) -> sqlx::Result<()> {
        insert_pollutant(context, target.variable, self.lang);
        context.insert("variable", target.variable);
        let scope = self.scope_words(target, s).await?;
        context.insert("scope", &scope);
        let when = self.period_words((period.from, period.to), period.granularity, s);
        context.insert("Period", &capitalised(&when));
        context.insert("period", &when);
        Ok(())
    }

    async fn stats(&self, target: &Target, period: (NaiveDate, NaiveDate), above: Option<f64>) -> sqlx::Result<Stats> {
        let stats = figures::period_stats(self.pool, &target.ids(), target.variable, period, above).await?;
        self.present.lock().expect("present lock").push((target.ids(), target.variable, period, stats.stations));
        Ok(stats)
    }

    /// The WHO 2021 daily guideline of the variable (or the EU daily limit value when `eu`); none
    /// when the reference sets none.
    fn threshold(&self, variable: &str, eu: bool) -> Option<Threshold> {
        let wanted = if eu { "EU 2008/50/EC" } else { "WHO 2021" };
        self.thresholds.iter().find(|t| t.variable == variable && t.averaging == "day" && t.reference == wanted).cloned()
    }

    /// Says the threshold: its value (and allowed exceedances) as facts, with its citation.
    async fn say_threshold(
        &mut self,
        variable: &str,
        t: &Threshold,
        context: &mut Context,
    ) -> sqlx::Result<()> {
        let day = NaiveDate::from_ymd_opt(2021, 9, 22).expect("the WHO guidelines' publication day");
        let s = Source {
            table: "reference_thresholds",
            station_id: None,
            variable: Some(variable.into()),
            from: day,
            to: day,
        };
        let eu = t.reference != "WHO 2021";
        let label = if eu { "EU daily limit value" } else { "WHO 2021 daily guideline" };
        context.insert("who", &self.ledger.facts.number(label, t.value, 0, Some(&t.unit), &s));
        if let Some(allowed) = t.allowed_exceedances.filter(|_| eu) {
            context.insert("allowed", &self.ledger.facts.count("exceedances allowed per year", allowed.into(), &s));
        }
        context.insert("eu", &eu);
        context.insert("c_ref", &self.cite(&s, Kind::Reference { reference: t.reference.clone() }, None).await?);
        Ok(())
    }

    /// A value over the period: the day's or the period's mean (air), or the weather of those days.
    pub async fn value(&mut self, target: &Target, period: &Period, latest: bool) -> anyhow::Result<Option<NoData>> {
        if let Some(statistic @ (Statistic::Min | Statistic::Max)) = crate::question::said_for(self.said, target.variable) {
            return self.statistic(target, period, statistic, latest).await;
        }
        let range = (period.from, period.to);
        let single_day = range.0 == range.1;
        let mut context = Context::new();
        let threshold = if target.is_weather() { None } else { self.threshold(target.variable, false) };
        let who = threshold.as_ref().map(|t| t.value);
        let stats = self.stats(target, range, who).await?;
        let Some(mean) = stats.mean else {
            return Ok(Some(NoData::InPeriod { target: target.clone(), period: range }));
        };
        let station = target.station().map(|s| s.id);
        let s = source("daily_aggregates", station, target.variable, range);
        let unit = stats.unit.clone().unwrap_or_default();
        self.describe(&mut context, target, period, &s).await?;
        context.insert("single_day", &single_day);
        context.insert("latest", &latest);
        if !single_day {
            context.insert("days", &self.ledger.facts.count("days with data", stats.days, &s));
        }
        match target.variable {
            "precipitation" => {
                let total = stats.total.unwrap_or(0.0);
                context.insert("dry", &(total < 0.05));
                context.insert("total", &self.ledger.facts.number("rainfall", total, 1, Some(&unit), &s));
            }
            v if WEATHER_VARIABLES.contains(&v) => {
                // Gusts are the day's strongest; the others have a mean and a range.
                if v != "wind_gust" {
                    context.insert("mean", &self.measured("mean", mean, &unit, &s, false));
                }
                if let (Some(lo), Some(hi)) = (stats.lowest, stats.highest) {
                    if matches!(v, "temperature" | "pressure_msl" | "humidity") {
                        context.insert("lowest", &self.measured("lowest", lo, &unit, &s, false));
                    }
                    context.insert("highest", &self.measured("highest", hi, &unit, &s, false));
                }
            }
            _ => {
                context.insert("mean", &self.ledger.facts.number("mean", mean, 1, Some(&unit), &s));
                if !single_day && stats.complete_days != stats.days {
                    context.insert("complete_days", &self.ledger.facts.count("complete days", stats.complete_days, &s));
                }
                if let Some(who) = who {
                    context.insert("above_who", &(mean > who));
                    if !single_day {
                        context.insert("none_above", &(stats.days_above == 0));
                        context.insert(
                            "days_above",
                            &self.ledger.facts.count("days above the WHO daily guideline", stats.days_above, &s),
                        );
                    }
                }
            }
        }
        context.insert("c", &self.cite(&s, Self::kind(target), target.station().map(|s| s.name.as_str())).await?);
        if let Some(t) = &threshold {
            self.say_threshold(target.variable, t, &mut context).await?;
        }
        self.render("answers/value", context)?;
        Ok(None)
    }

    /// The highest or lowest day, month, year or station of the period (`month` ranks that month
    /// of every year).
    pub async fn extreme(
        &mut self,
        target: &Target,
        period: &Period,
        (highest, of, month): (bool, Unit, Option<u32>),
        plan: &Plan,
    ) -> anyhow::Result<Option<NoData>> {
        let range = (period.from, period.to);
        match of {
            // Lines are ranked by the timetable's answers, never over a station's data.
            Unit::Station | Unit::Route => return self.rank_stations(target, period, highest, plan).await,
            Unit::Month | Unit::Year => return self.rank_periods(target, period, highest, of, month).await,
            Unit::Day if range.0 == range.1 => return self.value(target, period, false).await,
            Unit::Day => {}
        }
        let station = target.station().map(|s| s.id);
        let s = source("daily_aggregates", station, target.variable, range);
        let mut context = Context::new();
        self.describe(&mut context, target, period, &s).await?;
        context.insert("highest", &highest);
        context.insert("by", "day");
        let station_name = target.station().map(|s| s.name.clone());
        context.insert("c_period", &self.cite(&s, Self::kind(target), station_name.as_deref()).await?);
        let figure = self.figure(Intent::Extreme { highest, of: Unit::Day }, target.variable, None).unwrap_or(Statistic::Mean);
        let found = self.daily(target, range, figure).await?;
        let unit = found.unit.clone().unwrap_or_default();
        let picked = if highest { (found.highest_day, found.highest) } else { (found.lowest_day, found.lowest) };
        let (Some(day), Some(value)) = picked else {
            return Ok(Some(NoData::InPeriod { target: target.clone(), period: range }));
        };
        context.insert("figure", figure.field());
        let ds = source("daily_aggregates", station, target.variable, (day, day));
        context.insert("day", &self.ledger.facts.date("day", day, &ds));
        context.insert("value", &self.measured("value that day", value, &unit, &ds, false));
        context.insert("c", &self.cite(&ds, Self::kind(target), station_name.as_deref()).await?);
        self.render("answers/extreme", context)?;
        Ok(None)
    }

    /// The figure `field` of each day over the range, recording the stations with data.
    async fn daily(&self, target: &Target, range: (NaiveDate, NaiveDate), figure: Statistic) -> sqlx::Result<figures::DailyFigure> {
        figures::daily_figure(self.pool, &target.ids(), target.variable, range, figure.field()).await
    }

    /// The day's lowest or highest reading (one day), or its mean over the days of the period.
    async fn statistic(&mut self, target: &Target, period: &Period, statistic: Statistic, latest: bool) -> anyhow::Result<Option<NoData>> {
        let range = (period.from, period.to);
        let found = self.daily(target, range, statistic).await?;
        let Some(mean) = found.mean else {
            return Ok(Some(NoData::InPeriod { target: target.clone(), period: range }));
        };
        let station = target.station().map(|s| s.id);
        let s = source("daily_aggregates", station, target.variable, range);
        let unit = found.unit.clone().unwrap_or_default();
        let mut context = Context::new();
        self.describe(&mut context, target, period, &s).await?;
        context.insert("name", &self.name(target.variable));
        context.insert("of_name", &de_article(&self.name(target.variable)));
        context.insert("statistic", statistic.field());
        context.insert("latest", &latest);
        context.insert("single_day", &(range.0 == range.1));
        if range.0 != range.1 {
            context.insert("days", &self.ledger.facts.count("days with data", found.days, &s));
        }
        let label = match statistic {
            Statistic::Min => "lowest",
            Statistic::Max => "highest",
            Statistic::Mean => "mean",
            Statistic::Sum => "total",
        };
        let label = if range.0 == range.1 { label.to_string() } else { format!("mean of the daily {label}") };
        context.insert("value", &self.measured(&label, mean, &unit, &s, false));
        context.insert("c", &self.cite(&s, Self::kind(target), target.station().map(|s| s.name.as_str())).await?);
        self.render("answers/statistic", context)?;
        Ok(None)
    }

    /// The month or year of the period (with data on most of its days) with the highest or lowest
    /// mean (or rain), among how many.
    async fn rank_periods(
        &mut self,
        target: &Target,
        period: &Period,
        highest: bool,
        of: Unit,
        month: Option<u32>,
    ) -> anyhow::Result<Option<NoData>> {
        let range = (period.from, period.to);
        let unit_name = if of == Unit::Year { "year" } else { "month" };
        let field = self.figure(Intent::Extreme { highest, of }, target.variable, None).unwrap_or(Statistic::Mean).field();
        let groups: Vec<figures::Group> = figures::groups(self.pool, &target.ids(), target.variable, range, (unit_name, field))
            .await?
            .into_iter()
            .filter(|g| g.days as f64 >= COVERAGE * length(g.start, of) as f64)
            .filter(|g| month.is_none_or(|m| g.start.month() == m))
            .collect();
        let value = |g: &figures::Group| if summed(target.variable) { g.total.unwrap_or(0.0) } else { g.mean };
        let best = if highest {
            groups.iter().max_by(|a, b| value(a).total_cmp(&value(b)))
        } else {
            groups.iter().min_by(|a, b| value(a).total_cmp(&value(b)))
        };
        let Some(best) = best.filter(|_| groups.len() > 1) else {
            return match groups.first() {
                Some(_) => self.value(target, period, false).await,
                None => Ok(Some(NoData::InPeriod { target: target.clone(), period: range })),
            };
        };
        let station = target.station().map(|s| s.id);
        let station_name = target.station().map(|s| s.name.clone());
        let s = source("daily_aggregates", station, target.variable, range);
        let mut context = Context::new();
        self.describe(&mut context, target, period, &s).await?;
        context.insert("highest", &highest);
        context.insert("by", if month.is_some() { "month_of_year" } else { unit_name });
        if let Some(m) = month {
            let (en, fr) = (crate::lang::MONTHS_EN[m as usize - 1], crate::lang::MONTHS_FR[m as usize - 1]);
            context.insert("month_name", if self.lang == Lang::Fr { fr } else { en });
            context.insert("of_month", &Lang::de(fr));
        }
        let compared = if of == Unit::Year { "years compared" } else { "months compared" };
        context.insert("compared", &self.ledger.facts.count(compared, groups.len() as i64, &s));
        context.insert("c_period", &self.cite(&s, Self::kind(target), station_name.as_deref()).await?);
        let end = if of == Unit::Year {
            NaiveDate::from_ymd_opt(best.start.year(), 12, 31).expect("a year end")
        } else {
            dates::month_end(best.start)
        };
        let bs = source("daily_aggregates", station, target.variable, (best.start.max(range.0), end.min(range.1)));
        let name = if of == Unit::Year {
            self.ledger.facts.year("year", best.start, &bs)
        } else {
            self.ledger.facts.month("month", best.start, &bs)
        };
        context.insert("best", &name);
        let unit = self.stats(target, range, None).await?.unit.unwrap_or_default();
        let label = if summed(target.variable) { "total" } else { "mean" };
        context.insert("figure", field);
        context.insert("value", &self.measured(label, value(best), &unit, &bs, false));
        context.insert("c", &self.cite(&bs, Self::kind(target), station_name.as_deref()).await?);
        self.render("answers/extreme", context)?;
        Ok(None)
    }

    /// Every station measuring the variable (or the two named), ranked by their mean over the period.
    async fn rank_stations(
        &mut self,
        target: &Target,
        period: &Period,
        highest: bool,
        plan: &Plan,
    ) -> anyhow::Result<Option<NoData>> {
        let range = (period.from, period.to);
        let named: Vec<i64> =
            plan.stations.iter().filter_map(|p| if let Place::Station { id, .. } = p { Some(*id) } else { None }).collect();
        let stations: Vec<DataStation> = self
            .holdings
            .stations(target.variable)
            .into_iter()
            .filter(|s| s.kind != "model_grid" && (named.len() < 2 || named.contains(&s.id)))
            .collect();
        let figure = self.figure(Intent::Extreme { highest, of: Unit::Station }, target.variable, None).unwrap_or(Statistic::Mean);
        let mut ranked = Vec::new();
        for station in stations {
            let one = Target { variable: target.variable, stations: vec![station.clone()], city: false };
            let found = self.daily(&one, range, figure).await?;
            let value = if figure == Statistic::Sum { found.total } else { found.mean };
            if let Some(value) = value {
                ranked.push((one, value, found.unit.unwrap_or_default()));
            }
        }
        if ranked.len() < 2 {
            return self.value(target, period, false).await;
        }
        ranked.sort_by(|a, b| if highest { b.1.total_cmp(&a.1) } else { a.1.total_cmp(&b.1) });
        let mut context = Context::new();
        insert_pollutant(&mut context, target.variable, self.lang);
        context.insert("variable", target.variable);
        context.insert("highest", &highest);
        let mut items = Vec::new();
        for (i, (one, value, unit)) in ranked.iter().enumerate() {
            let station = one.stations[0].clone();
            let s = source("daily_aggregates", Some(station.id), target.variable, range);
            if i == 0 {
                let when = self.period_words(range, period.granularity, &s);
                context.insert("Period", &capitalised(&when));
            }
            let value = self.measured("mean at the station", *value, unit, &s, false);
            let c = self.cite(&s, Self::kind(one), Some(&station.name)).await?;
            items.push(serde_json::json!({ "station": station.name, "value": value, "c": c }));
        }
        context.insert("items", &items);
        self.render("answers/rank", context)?;
        Ok(None)
    }

    /// Days over a threshold: the question's own, the WHO guideline (or the EU limit), frost, hot
    /// or rainy days; or the days of an index class.
    pub async fn count(&mut self, target: &Target, period: &Period, plan: &Plan) -> anyhow::Result<Option<NoData>> {
        match &plan.index {
            Some(IndexAsk { index, class: Some(class), .. }) => {
                return self.index_count(target, period, (index.code(), *class)).await;
            }
            // "How many days of each class": the days of every class.
            Some(index) => return self.index(target, period, index).await,
            None => {}
        }
        let range = (period.from, period.to);
        let mut context = Context::new();
        let station = target.station().map(|s| s.id);
        let s = source("daily_aggregates", station, target.variable, range);
        let air = !target.is_weather();
        let mut threshold = None;
        let field = self.figure(Intent::Count, target.variable, plan.limit.as_ref()).unwrap_or(Statistic::Mean).field();
        // (what is counted, the daily figure compared, how, with what)
        let (what, field, op, value) = match plan.limit.as_ref() {
            Some(Limit::Given { variable, .. }) if !variable.is_empty() && *variable != target.variable => {
                return Ok(None);
            }
            Some(Limit::Given { op, value, .. }) => ("given", field, op.code(), *value),
            Some(Limit::Frost) if target.variable == "temperature" => ("frost", "min", "lt", FROST_C),
            Some(Limit::Hot) if target.variable == "temperature" => ("hot", "max", "ge", HOT_DAY_C),
            Some(Limit::Rainy) if target.variable == "precipitation" => ("rainy", "total", "ge", RAINY_DAY_MM),
            Some(Limit::Reference { eu }) if air => {
                threshold = self.threshold(target.variable, *eu);
                if threshold.is_none() && *eu {
                    context.insert("no_eu_daily", &true);
                    threshold = self.threshold(target.variable, false);
                }
                match &threshold {
                    Some(t) => ("above", "mean", "gt", t.value),
                    None => return self.value(target, period, false).await,
                }
            }
            _ => return self.value(target, period, false).await,
        };
        let counted = figures::count_days(self.pool, &target.ids(), target.variable, range, (field, op, value)).await?;
        if counted.days == 0 {
            return Ok(Some(NoData::InPeriod { target: target.clone(), period: range }));
        }
        self.describe(&mut context, target, period, &s).await?;
        context.insert("what", what);
        context.insert("name", &self.name(target.variable));
        context.insert("field", field);
        context.insert("op", op);
        context.insert("n", &self.ledger.facts.count("days counted", counted.counted, &s));
        context.insert("days", &self.ledger.facts.count("days with data", counted.days, &s));
        match (what, plan.limit.as_ref()) {
            ("rainy", _) => context
                .insert("limit", &self.ledger.facts.number("rainy day: at least", RAINY_DAY_MM, 0, Some("mm"), &s)),
            ("frost", _) => {
                context.insert("limit", &self.ledger.facts.number("frost: minimum below", FROST_C, 0, Some("°C"), &s))
            }
            ("hot", _) => context
                .insert("limit", &self.ledger.facts.number("hot day: maximum from", HOT_DAY_C, 0, Some("°C"), &s)),
            ("given", Some(Limit::Given { asked, asked_unit, .. })) => {
                let decimals = asked_decimals(*asked);
                let unit = (!asked_unit.is_empty()).then_some(asked_unit.as_str());
                let shown = self.ledger.facts.number("threshold from the question", *asked, decimals, unit, &s);
                context.insert("limit", &shown);
            }
            _ => {}
        }
        context.insert("c", &self.cite(&s, Self::kind(target), target.station().map(|s| s.name.as_str())).await?);
        if let Some(t) = &threshold {
            self.say_threshold(target.variable, t, &mut context).await?;
        }
        self.render("answers/count", context)?;
        Ok(None)
    }

    /// The class of an air-quality index on a day, or how many days of each class over a period.
    pub async fn index(&mut self, target: &Target, period: &Period, index: &IndexAsk) -> anyhow::Result<Option<NoData>> {
        let range = (period.from, period.to);
        let days = figures::index_days(self.pool, &target.ids(), target.variable, range, index.index.code()).await?;
        if days.is_empty() {
            return Ok(Some(NoData::InPeriod { target: target.clone(), period: range }));
        }
        let station = target.station().map(|s| s.id);
        let s = source("daily_aggregates", station, target.variable, range);
        let mut context = Context::new();
        self.describe(&mut context, target, period, &s).await?;
        context.insert("index", index.index.code());
        let unit = self.stats(target, range, None).await?.unit.unwrap_or_default();
        let label = |d: &figures::IndexDay| if self.lang == Lang::Fr { d.label_fr.clone() } else { d.label_en.clone() };
        if let [day] = &days[..] {
            context.insert("single_day", &true);
            context.insert("class", &label(day));
            context.insert("mean", &self.ledger.facts.number("daily mean", day.mean, 1, Some(&unit), &s));
        } else {
            context.insert("single_day", &false);
            let mut classes: Vec<(i16, String, i64)> = Vec::new();
            for day in &days {
                match classes.iter_mut().find(|(c, ..)| *c == day.class) {
                    Some(entry) => entry.2 += 1,
                    None => classes.push((day.class, label(day), 1)),
                }
            }
            classes.sort_by_key(|(c, ..)| *c);
            let items: Vec<serde_json::Value> = classes
                .into_iter()
                .map(|(_, class, n)| serde_json::json!({ "class": class, "n": self.ledger.facts.count("days of the class", n, &s) }))
                .collect();
            context.insert("classes", &items);
            context.insert("days", &self.ledger.facts.count("days with data", days.len() as i64, &s));
        }
        context.insert("c", &self.cite(&s, Self::kind(target), target.station().map(|s| s.name.as_str())).await?);
        self.render("answers/index", context)?;
        Ok(None)
    }

    async fn index_count(
        &mut self,
        target: &Target,
        period: &Period,
        (index, class): (&str, u8),
    ) -> anyhow::Result<Option<NoData>> {
        let range = (period.from, period.to);
        let days = figures::index_days(self.pool, &target.ids(), target.variable, range, index).await?;
        if days.is_empty() {
            return Ok(Some(NoData::InPeriod { target: target.clone(), period: range }));
        }
        let band = figures::index_band(self.pool, index, target.variable, class).await?;
        let station = target.station().map(|s| s.id);
        let s = source("daily_aggregates", station, target.variable, range);
        let mut context = Context::new();
        self.describe(&mut context, target, period, &s).await?;
        context.insert("index", index);
        context.insert("class", &band.map(|b| if self.lang == Lang::Fr { b.0 } else { b.1 }).unwrap_or_default());
        let n = days.iter().filter(|d| d.class == i16::from(class)).count();
        context.insert("n", &self.ledger.facts.count("days of the class", n as i64, &s));
        context.insert("days", &self.ledger.facts.count("days with data", days.len() as i64, &s));
        context.insert("c", &self.cite(&s, Self::kind(target), target.station().map(|s| s.name.as_str())).await?);
        self.render("answers/index_count", context)?;
        Ok(None)
    }

    /// Two stations, two periods (one may be a span of years: "the 2013-2019 average"), or the
    /// period against the one before and the same a year earlier.
    pub async fn compare(&mut self, target: &Target, period: &Period, plan: &Plan) -> anyhow::Result<Option<NoData>> {
        let range = (period.from, period.to);
        let named: Vec<i64> =
            plan.stations.iter().filter_map(|p| if let Place::Station { id, .. } = p { Some(*id) } else { None }).collect();
        // "higher at Montferrand than in the city": the station against the city's mean.
        if named.len() == 1 && plan.with_city && !target.is_weather() && !target.city {
            let in_city: Vec<DataStation> = self
                .holdings
                .stations(target.variable)
                .into_iter()
                .filter(|s| s.in_city && s.kind == "air_quality")
                .collect();
            let city = Target { variable: target.variable, stations: in_city, city: true };
            return self.compare_sides(&[target.clone(), city], (period, period), true).await;
        }
        if named.len() >= 2 && !target.is_weather() {
            let stations = self.holdings.stations(target.variable);
            let mut sides = Vec::new();
            for id in named.iter().take(2) {
                match stations.iter().find(|s| s.id == *id) {
                    Some(data) => sides.push(Target { variable: target.variable, stations: vec![data.clone()], city: false }),
                    None => {
                        let name = plan.stations.iter().find_map(|p| match p {
                            Place::Station { id: i, name } if i == id => Some(name.clone()),
                            _ => None,
                        });
                        return Ok(Some(NoData::NotMeasured { variable: target.variable, place: name.unwrap_or_default() }));
                    }
                }
            }
            return self.compare_sides(&sides, (period, period), true).await;
        }
        if let Some(other) = plan.periods.get(1) {
            let other = Period { to: other.to.min(plan.as_of), ..other.clone() };
            let sides = [target.clone(), target.clone()];
            return self.compare_sides(&sides, (period, &other), false).await;
        }
        let length = (range.1 - range.0).num_days() as u64 + 1;
        let whole_months = range.0.day() == 1 && range.1 == dates::month_end(range.1);
        let previous = if whole_months {
            let months = (range.1.year() - range.0.year()) * 12 + range.1.month() as i32 - range.0.month() as i32 + 1;
            let from = range.0.checked_sub_months(Months::new(months as u32)).expect("a month before");
            Period { from, to: range.0 - Days::new(1), granularity: period.granularity, said: String::new() }
        } else {
            Period {
                from: range.0 - Days::new(length),
                to: range.0 - Days::new(1),
                granularity: Granularity::Span,
                said: String::new(),
            }
        };
        let year_before = Period {
            from: range.0.checked_sub_months(Months::new(12)).expect("a year before"),
            to: range.1.checked_sub_months(Months::new(12)).expect("a year before"),
            ..period.clone()
        };
        let mut compared = false;
        for other in [previous, year_before] {
            let stats = self.stats(target, (other.from, other.to), None).await?;
            if stats.days > 0 {
                let sides = [target.clone(), target.clone()];
                if let Some(no_data) = self.compare_sides(&sides, (period, &other), false).await? {
                    return Ok(Some(no_data));
                }
                compared = true;
            }
        }
        if compared { Ok(None) } else { self.value(target, period, false).await }
    }

    async fn compare_sides(
        &mut self,
        sides: &[Target],
        (p1, p2): (&Period, &Period),
        by_station: bool,
    ) -> anyhow::Result<Option<NoData>> {
        let mut context = Context::new();
        let mut values = Vec::new();
        for (i, (target, period)) in sides.iter().zip([p1, p2]).enumerate() {
            let range = (period.from, period.to);
            let figure = self.figure(Intent::Compare, target.variable, None).unwrap_or(Statistic::Mean);
            let found = self.daily(target, range, figure).await?;
            let value = if figure == Statistic::Sum { found.total } else { found.mean };
            let Some(value) = value else {
                return Ok(Some(NoData::InPeriod { target: target.clone(), period: range }));
            };
            let unit = found.unit.unwrap_or_default();
            let s = source("daily_aggregates", target.station().map(|s| s.id), target.variable, range);
            let when = self.period_words(range, period.granularity, &s);
            context.insert(format!("period{}", i + 1), &when);
            context.insert(format!("Period{}", i + 1), &capitalised(&when));
            context.insert(format!("scope{}", i + 1), &self.scope_words(target, &s).await?);
            context.insert(
                format!("value{}", i + 1),
                &self.measured("value compared", value, &unit, &s, false),
            );
            context.insert(
                format!("c{}", i + 1),
                &self.cite(&s, Self::kind(target), target.station().map(|s| s.name.as_str())).await?,
            );
            values.push((value, unit, s));
        }
        let (difference, unit, s) = (values[0].0 - values[1].0, values[0].1.clone(), values[0].2.clone());
        context.insert("difference", &self.measured("difference", difference.abs(), &unit, &s, true));
        self.cite(&s, Self::kind(&sides[0]), sides[0].station().map(|s| s.name.as_str())).await?;
        context.insert("higher", &(difference > 0.0));
        context.insert("same", &(difference.abs() < 0.05));
        context.insert("by_station", &by_station);
        insert_pollutant(&mut context, sides[0].variable, self.lang);
        context.insert("variable", sides[0].variable);
        self.render("answers/compare", context)?;
        Ok(None)
    }

    /// Monthly means across the period: where they started, ended, peaked.
    pub async fn trend(&mut self, target: &Target, period: &Period) -> anyhow::Result<Option<NoData>> {
        let range = (period.from, period.to);
        let field = self.figure(Intent::Trend, target.variable, None).unwrap_or(Statistic::Mean).field();
        let months = figures::groups(self.pool, &target.ids(), target.variable, range, ("month", field)).await?;
        if months.len() < 2 {
            return self.value(target, period, false).await;
        }
        let unit = self.stats(target, range, None).await?.unit.unwrap_or_default();
        let station = target.station().map(|s| s.id);
        let s = source("daily_aggregates", station, target.variable, range);
        let mut context = Context::new();
        insert_pollutant(&mut context, target.variable, self.lang);
        context.insert("variable", target.variable);
        context.insert("scope", &self.scope_words(target, &s).await?);
        let when = self.period_words(range, period.granularity, &s);
        context.insert("Period", &capitalised(&when));
        let (first, last) = (&months[0], &months[months.len() - 1]);
        let max = months.iter().max_by(|a, b| a.mean.total_cmp(&b.mean)).expect("months");
        let min = months.iter().min_by(|a, b| a.mean.total_cmp(&b.mean)).expect("months");
        context.insert("c", &self.cite(&s, Self::kind(target), target.station().map(|s| s.name.as_str())).await?);
        // Each month's figure cites that month's rows (its monthly chunk when there is one).
        for (key, month) in [("first", first), ("last", last), ("max", max), ("min", min)] {
            let ms = source(
                "daily_aggregates",
                station,
                target.variable,
                (month.start.max(range.0), dates::month_end(month.start).min(range.1)),
            );
            context.insert(format!("{key}_month"), &self.ledger.facts.month("month", month.start, &ms));
            context.insert(key, &self.measured("monthly mean", month.mean, &unit, &ms, false));
            context.insert(
                format!("c_{key}"),
                &self.cite(&ms, Self::kind(target), target.station().map(|s| s.name.as_str())).await?,
            );
        }
        // Least-squares slope over the months, against the mean level: a change under 10% is flat.
        let n = months.len() as f64;
        let mean_x = (n - 1.0) / 2.0;
        let mean_y = months.iter().map(|m| m.mean).sum::<f64>() / n;
        let slope = months.iter().enumerate().map(|(i, m)| (i as f64 - mean_x) * (m.mean - mean_y)).sum::<f64>()
            / months.iter().enumerate().map(|(i, _)| (i as f64 - mean_x).powi(2)).sum::<f64>();
        let change = slope * (n - 1.0) / mean_y.abs().max(1e-9);
        context.insert(
            "direction",
            if change > 0.1 {
                "up"
            } else if change < -0.1 {
                "down"
            } else {
                "flat"
            },
        );
        self.render("answers/trend", context)?;
        Ok(None)
    }

    /// Runs of two or more days above the WHO daily guideline.
    pub async fn episodes(&mut self, target: &Target, period: &Period) -> anyhow::Result<Option<NoData>> {
        let range = (period.from, period.to);
        let mut context = Context::new();
        let Some(threshold) = self.threshold(target.variable, false) else {
            return self.value(target, period, false).await;
        };
        let stats = self.stats(target, range, None).await?;
        if stats.days == 0 {
            return Ok(Some(NoData::InPeriod { target: target.clone(), period: range }));
        }
        let station_ids: Vec<i64> = target.stations.iter().map(|s| s.id).collect();
        let found = figures::episodes(self.pool, &station_ids, target.variable, range).await?;
        let s = source("daily_aggregates", target.station().map(|s| s.id), target.variable, range);
        insert_pollutant(&mut context, target.variable, self.lang);
        context.insert("scope", &self.scope_words(target, &s).await?);
        let when = self.period_words(range, period.granularity, &s);
        context.insert("Period", &capitalised(&when));
        context.insert("n", &self.ledger.facts.count("episodes", found.len() as i64, &s));
        context.insert("none", &found.is_empty());
        context.insert("c", &self.cite(&s, Self::kind(target), target.station().map(|s| s.name.as_str())).await?);
        self.say_threshold(target.variable, &threshold, &mut context).await?;
        let unit = stats.unit.unwrap_or_default();
        let mut listed = Vec::new();
        for episode in found.iter().take(LISTED) {
            let es = source(
                "daily_aggregates",
                Some(episode.station_id),
                target.variable,
                (episode.start_day, episode.end_day),
            );
            let item = serde_json::json!({
                "station": episode.station,
                "start": self.ledger.facts.date("first day", episode.start_day, &es),
                "end": self.ledger.facts.date("last day", episode.end_day, &es),
                "days": self.ledger.facts.count("days", episode.days, &es),
                "peak": self.ledger.facts.number("peak daily mean", episode.peak, 1, Some(&unit), &es),
                "peak_day": self.ledger.facts.date("peak day", episode.peak_day, &es),
                "c": self.cite(&es, Kind::Air, Some(&episode.station)).await?,
            });
            listed.push(item);
        }
        context.insert("episodes", &listed);
        if found.len() > LISTED {
            context.insert("more", &self.ledger.facts.count("more episodes", (found.len() - LISTED) as i64, &s));
            self.cite(&s, Self::kind(target), target.station().map(|s| s.name.as_str())).await?;
        }
        self.render("answers/episodes", context)?;
        Ok(None)
    }

    /// Pearson and Spearman between the pollutant and the weather, with the caution they need.
    pub async fn correlation(
        &mut self,
        target: &Target,
        period: Option<&Period>,
        plan: &Plan,
    ) -> anyhow::Result<Option<NoData>> {
        let weather: Vec<String> =
            plan.variables.iter().filter(|v| WEATHER_VARIABLES.contains(v)).map(|v| v.to_string()).collect();
        let weather =
            if weather.is_empty() { WEATHER_VARIABLES.iter().map(|v| v.to_string()).collect() } else { weather };
        let (kind, range) = match period {
            // Over several years, the latest year of the span.
            Some(p) if matches!(p.granularity, Granularity::Year | Granularity::Years | Granularity::All) => {
                ("year", (p.from, p.to))
            }
            Some(p) => {
                let start = season_start(p.from);
                ("season", (start, dates::month_end(start.checked_add_months(Months::new(2)).expect("a season"))))
            }
            None => ("year", (NaiveDate::from_ymd_opt(*dates::AS_OF_YEARS.start(), 1, 1).expect("a day"), plan.as_of)),
        };
        let rows = figures::correlations(self.pool, &target.ids(), target.variable, &weather, kind, range).await?;
        // The most recent period; per weather variable, the first station (by id) only.
        let Some(latest) = rows.first().map(|r| r.period_start) else {
            let fallback = period.map(|p| (p.from, p.to)).unwrap_or((plan.as_of, plan.as_of));
            return Ok(Some(NoData::InPeriod { target: target.clone(), period: fallback }));
        };
        let mut picked: Vec<&figures::Correlation> = Vec::new();
        for row in rows.iter().filter(|r| r.period_start == latest) {
            if !picked.iter().any(|p| p.weather_variable == row.weather_variable) {
                picked.push(row);
            }
        }
        picked.sort_by(|a, b| b.spearman.abs().total_cmp(&a.spearman.abs()));
        picked.truncate(2);
        let mut items = Vec::new();
        for row in picked {
            let s = Source {
                table: "correlations",
                station_id: Some(row.air_station_id),
                variable: Some(row.pollutant.clone()),
                from: row.period_start,
                to: row.period_end,
            };
            let period = match row.period_kind.as_str() {
                "season" => self.ledger.facts.season("season", row.period_start, &s),
                _ => self.ledger.facts.year("year", row.period_start, &s),
            };
            let item = serde_json::json!({
                "period": period,
                "air_station": row.air_station,
                "weather_station": row.weather_station,
                "weather": weather_variable(&row.weather_variable, self.lang),
                "spearman": self.ledger.facts.number("Spearman correlation", row.spearman, 2, None, &s),
                "pearson": self.ledger.facts.number("Pearson correlation", row.pearson, 2, None, &s),
                "n": self.ledger.facts.count("days compared", row.n.into(), &s),
                "strength": strength(row.spearman, self.lang),
                "negative": row.spearman < 0.0,
                "clear": row.spearman.abs() >= 0.1,
                "c": self.cite(&s, Kind::Correlation { weather_variable: row.weather_variable.clone() }, Some(&row.air_station)).await?,
            });
            items.push(item);
        }
        let mut context = Context::new();
        insert_pollutant(&mut context, target.variable, self.lang);
        context.insert("items", &items);
        self.render("answers/correlation", context)?;
        Ok(None)
    }

    /// The model forecast, day by day.
    pub async fn forecast(&mut self, plan: &Plan) -> anyhow::Result<Option<NoData>> {
        let (from, to) = match &plan.period {
            Some(p) if p.to >= plan.as_of => (p.from.max(plan.as_of), p.to),
            _ => (plan.as_of, plan.as_of + Days::new(FORECAST_DAYS - 1)),
        };
        let air = plan.variables.iter().any(|v| !WEATHER_VARIABLES.contains(v));
        let weather = plan.variables.is_empty() || plan.variables.iter().any(|v| WEATHER_VARIABLES.contains(v));
        let fetch = |variable: &'static str| figures::forecast(self.pool, variable, (from, to));
        let temperature = if weather { fetch("temperature").await? } else { Vec::new() };
        let rain = if weather { fetch("precipitation").await? } else { Vec::new() };
        let wind = if weather { fetch("wind_speed").await? } else { Vec::new() };
        let pm25 = if air || plan.variables.is_empty() { fetch("pm25").await? } else { Vec::new() };
        let mut days: Vec<NaiveDate> = temperature.iter().chain(&pm25).map(|d| d.day).collect();
        days.sort();
        days.dedup();
        if days.is_empty() {
            let last =
                figures::forecast(self.pool, "temperature", (plan.as_of, NaiveDate::MAX)).await?.last().map(|d| d.day);
            return Ok(Some(NoData::NoForecast { last }));
        }
        let mut items = Vec::new();
        for day in days.into_iter().take(FORECAST_DAYS as usize) {
            let mut item = serde_json::Map::new();
            let find = |rows: &[figures::ForecastDay]| rows.iter().find(|r| r.day == day).cloned();
            let station = find(&temperature).or_else(|| find(&pm25)).map(|r| r.station_id);
            let s = source("daily_aggregates", station, "forecast", (day, day));
            item.insert("day".into(), self.ledger.facts.date("day", day, &s).into());
            if let Some(t) = find(&temperature) {
                item.insert(
                    "t_min".into(),
                    self.ledger.facts.number("lowest temperature expected", t.min, 0, Some("°C"), &s).into(),
                );
                item.insert(
                    "t_max".into(),
                    self.ledger.facts.number("highest temperature expected", t.max, 0, Some("°C"), &s).into(),
                );
            }
            if let Some(r) = find(&rain).and_then(|r| r.total) {
                item.insert("dry".into(), (r < 0.05).into());
                if r >= 0.05 {
                    item.insert("rain".into(), self.ledger.facts.number("rain expected", r, 1, Some("mm"), &s).into());
                }
            }
            if let Some(w) = find(&wind) {
                item.insert(
                    "wind".into(),
                    self.ledger.facts.number("strongest wind expected", w.max, 0, Some("m/s"), &s).into(),
                );
            }
            if let Some(p) = find(&pm25) {
                item.insert(
                    "pm25".into(),
                    self.ledger.facts.number("PM2.5 expected", p.mean, 0, Some(&p.unit), &s).into(),
                );
            }
            item.insert("c".into(), self.cite(&s, Kind::Forecast, None).await?.into());
            items.push(serde_json::Value::Object(item));
        }
        let mut context = Context::new();
        context.insert("items", &items);
        self.render("answers/forecast", context)?;
        Ok(None)
    }

    /// The day that is the extreme of `day_of` over the period, said with its value; the day, or
    /// why there is none.
    pub async fn day_of(
        &mut self,
        target: &Target,
        period: &Period,
        day_of: &DayOf,
    ) -> anyhow::Result<Result<NaiveDate, NoData>> {
        let range = (period.from, period.to);
        let extreme = Intent::Extreme { highest: day_of.highest, of: Unit::Day };
        let figure = crate::question::figure_of(extreme, None, target.variable, None).unwrap_or(Statistic::Mean);
        let found = self.daily(target, range, figure).await?;
        let picked = if day_of.highest { (found.highest_day, found.highest) } else { (found.lowest_day, found.lowest) };
        let (Some(day), Some(value)) = picked else {
            return Ok(Err(NoData::InPeriod { target: target.clone(), period: range }));
        };
        let station = target.station().map(|s| s.id);
        let s = source("daily_aggregates", station, target.variable, range);
        let mut context = Context::new();
        self.describe(&mut context, target, period, &s).await?;
        context.insert("highest", &day_of.highest);
        context.insert("by", "day");
        context.insert("c_period", &self.cite(&s, Self::kind(target), target.station().map(|s| s.name.as_str())).await?);
        context.insert("figure", figure.field());
        let ds = source("daily_aggregates", station, target.variable, (day, day));
        let unit = found.unit.unwrap_or_default();
        context.insert("day", &self.ledger.facts.date("day", day, &ds));
        context.insert("value", &self.measured("value that day", value, &unit, &ds, false));
        context.insert("c", &self.cite(&ds, Self::kind(target), target.station().map(|s| s.name.as_str())).await?);
        self.render("answers/extreme", context)?;
        Ok(Ok(day))
    }

    /// What the service can answer: the data it holds and example questions, no figure as an answer.
    pub async fn help(&mut self) -> anyhow::Result<()> {
        let mut context = Context::new();
        self.insert_coverage(&mut context).await?;
        self.render("answers/help", context)
    }

    /// Why the question gets no figures although it was read: what could not be read, then what exists.
    pub async fn refused(&mut self, refusal: &Refusal, timetable: bool) -> anyhow::Result<()> {
        let mut context = Context::new();
        context.insert("timetable", &timetable);
        let quoted = |words: &[String]| words.iter().map(|w| format!("«{w}»")).collect::<Vec<_>>().join(", ");
        match refusal {
            Refusal::ImpossibleDate { said } => {
                context.insert("reason", "impossible_date");
                context.insert("said", &format!("«{said}»"));
            }
            Refusal::Topics { topics } => {
                context.insert("reason", "topics");
                context.insert("words", &quoted(topics));
            }
            Refusal::Unread { words } => {
                context.insert("reason", "unread");
                context.insert("words", &quoted(words));
            }
            Refusal::Conflict { words } => {
                context.insert("reason", "conflict");
                context.insert("words", &quoted(words));
            }
            Refusal::NoThreshold { variable } => {
                context.insert("reason", "no_threshold");
                context.insert("asked", &self.name(variable));
            }
            Refusal::NoVariable => context.insert("reason", "no_variable"),
        }
        self.insert_coverage(&mut context).await?;
        self.render("answers/refused", context)
    }

    /// The chunks retrieval found closest to an unreadable question, each cited, as related data.
    pub async fn related(&mut self, chunks: &[RelatedChunk]) -> anyhow::Result<()> {
        let mut items = Vec::new();
        for chunk in chunks.iter().take(RELATED) {
            self.ledger.facts.list.extend(chunk_facts(chunk));
            let c = self.ledger.cite_chunk(self.pool, chunk.id).await?;
            items.push(serde_json::json!({ "title": chunk.title, "body": chunk.body, "c": c }));
        }
        if items.is_empty() {
            return Ok(());
        }
        let mut context = Context::new();
        context.insert("items", &items);
        self.render("answers/related", context)
    }

    /// No data: says what exists instead, with its dates as facts.
    pub async fn no_data(&mut self, reason: &NoData) -> anyhow::Result<()> {
        let mut context = Context::new();
        match reason {
            NoData::UnknownPlace { name } => {
                context.insert("reason", "unknown_place");
                context.insert("place", name);
                self.insert_coverage(&mut context).await?;
            }
            NoData::NotMeasured { variable, place } => {
                context.insert("reason", "not_measured");
                context.insert("place", place);
                context.insert("asked", &self.name(variable));
                self.insert_coverage(&mut context).await?;
            }
            NoData::InPeriod { target, period } => {
                context.insert("reason", "no_data_in_period");
                insert_pollutant(&mut context, target.variable, self.lang);
                context.insert("asked", &self.name(target.variable));
                let asked = source("daily_aggregates", target.station().map(|s| s.id), target.variable, *period);
                let when = self.period_words(*period, Granularity::Span, &asked);
                context.insert("period", &when);
                context.insert(
                    "c_asked",
                    &self.cite(&asked, Self::kind(target), target.station().map(|s| s.name.as_str())).await?,
                );
                if let (Some(first), Some(last)) = (target.first_day(), target.last_day()) {
                    let s = source("daily_aggregates", target.station().map(|s| s.id), target.variable, (first, last));
                    context.insert("scope", &self.scope_words(target, &s).await?);
                    context.insert("first", &self.ledger.facts.date("first day with data", first, &s));
                    context.insert("last", &self.ledger.facts.date("last day with data", last, &s));
                    context.insert(
                        "c",
                        &self.cite(&s, Self::kind(target), target.station().map(|s| s.name.as_str())).await?,
                    );
                }
            }
            NoData::NoForecast { last } => {
                context.insert("reason", "no_forecast");
                if let Some(last) = last {
                    let s = source("daily_aggregates", None, "forecast", (*last, *last));
                    context.insert("last", &self.ledger.facts.date("last forecast day", *last, &s));
                    context.insert("c", &self.cite(&s, Kind::Forecast, None).await?);
                }
            }
        }
        self.render("answers/no_data", context)
    }

    /// What the service measures: each station with its variables and their first and last day.
    async fn insert_coverage(&mut self, context: &mut Context) -> anyhow::Result<()> {
        let mut items = Vec::new();
        let mut example = None;
        for (variable, station) in self.holdings.measured() {
            let s = source("daily_aggregates", Some(station.id), variable, (station.first_day, station.last_day));
            let kind = if station.kind == "weather" { Kind::Weather } else { Kind::Air };
            let item = serde_json::json!({
                "station": station.name,
                "variable": self.name(variable),
                "first": self.ledger.facts.date("first day with data", station.first_day, &s),
                "last": self.ledger.facts.date("last day with data", station.last_day, &s),
                "c": self.cite(&s, kind, Some(&station.name)).await?,
            });
            if station.kind != "weather" && example.is_none() {
                example = Some(item.clone());
            }
            items.push(item);
        }
        let sales = self.housing_coverage().await?;
        let timetables = self.transit_coverage().await?;
        context.insert("example", &example.or_else(|| items.first().cloned()));
        context.insert("nothing", &(items.is_empty() && sales.is_empty() && timetables.is_empty()));
        context.insert("measured", &items);
        context.insert("sales", &sales);
        context.insert("timetables", &timetables);
        Ok(())
    }
}

/// The facts a chunk states, with the rows they come from.
fn chunk_facts(chunk: &RelatedChunk) -> Vec<Fact> {
    let mut facts = Vec::new();
    for fact in chunk.facts.as_array().into_iter().flatten() {
        let (Some(display), Some(label)) = (fact["display"].as_str(), fact["label"].as_str()) else { continue };
        let from = fact["source"]["from"].as_str().and_then(|d| d.parse().ok()).unwrap_or(chunk.period_start);
        let to = fact["source"]["to"].as_str().and_then(|d| d.parse().ok()).unwrap_or(chunk.period_end);
        let table = match fact["source"]["table"].as_str() {
            Some("correlations") => "correlations",
            Some("reference_thresholds") => "reference_thresholds",
            _ => "daily_aggregates",
        };
        let source = Source {
            table,
            station_id: fact["source"]["station_id"].as_i64(),
            variable: fact["source"]["variable"].as_str().map(str::to_string),
            from,
            to,
        };
        facts.push(Fact {
            label: label.to_string(),
            value: fact["value"].clone(),
            unit: fact["unit"].as_str().map(str::to_string),
            display: display.to_string(),
            source,
        });
    }
    facts
}

impl Composed {
    /// Adds the first `most` chunks not yet cited as numbered sources, with their facts: what an
    /// LLM may draw on beside the answer's own figures, every number it says still one of them.
    pub async fn add_sources(&mut self, pool: &PgPool, chunks: &[RelatedChunk], most: usize) -> sqlx::Result<()> {
        let cited: Vec<i64> = self.citations.list.iter().filter_map(|c| c.chunk_id).collect();
        let new: Vec<&RelatedChunk> = chunks.iter().filter(|c| !cited.contains(&c.id)).take(most).collect();
        for chunk in new {
            let c = self.citations.cite_chunk(pool, chunk.id).await?;
            self.facts.extend(chunk_facts(chunk).into_iter().map(|f| (f, c)));
        }
        Ok(())
    }
}

/// French "de" with a name's article: "de la température", "du vent", "des rafales", "de particules".
fn de_article(name: &str) -> String {
    if let Some(rest) = name.strip_prefix("les ") {
        format!("des {rest}")
    } else if let Some(rest) = name.strip_prefix("le ") {
        format!("du {rest}")
    } else if name.starts_with("la ") || name.starts_with("l'") {
        format!("de {name}")
    } else {
        Lang::de(name)
    }
}

/// The decimals a threshold was written with ("2.5": one).
fn asked_decimals(asked: f64) -> usize {
    format!("{asked}").split_once('.').map_or(0, |(_, d)| d.len().min(3))
}
