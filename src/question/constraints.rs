//! What a question's words constrain, before anything is resolved: the variables, place and periods
//! as written, what is asked of the figures (each ask with its words), a unit, thresholds, and the
//! words no rule could read. A follow-up takes from the question before, field by field, what it
//! does not say.

use serde::Serialize;

use crate::lang::Lang;
use crate::question::phrases::housing::HousingAsk;
use crate::question::phrases::transit::TransitAsk;
use crate::question::phrases::limits::Limit;
use crate::question::phrases::measures::Asks;
use crate::question::phrases::periods::{Expr, Said};
use crate::question::phrases::places::Place;
use crate::question::phrases::units::OutputUnit;
use crate::question::phrases::variables::Topic;
use crate::question::plan::{Intent, Plan, Refusal};

/// The day is the extreme day of another variable: "on the hottest day of 2020".
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct DayOf {
    #[schema(value_type = String)]
    pub variable: &'static str,
    pub highest: bool,
}

#[derive(Debug, Clone, Default)]
pub struct Constraints {
    pub question: String,
    pub lang: Lang,
    /// The city's name.
    pub city: String,
    /// It opens as a follow-up ("and...", "et...", "what about...").
    pub follows: bool,
    /// A greeting or a question about the service.
    pub help: bool,
    pub variables: Vec<&'static str>,
    pub topics: Vec<Topic>,
    pub asks: Asks,
    pub limit: Option<Limit>,
    pub periods: Vec<Said>,
    pub month_of_year: Option<u32>,
    pub place: Place,
    /// Every station named, in order.
    pub stations: Vec<Place>,
    /// The city is named beside a station.
    pub with_city: bool,
    pub unit: Option<(OutputUnit, String)>,
    pub housing: Option<HousingAsk>,
    pub transit: Option<TransitAsk>,
    pub day_of: Option<DayOf>,
    /// Content words no rule read.
    pub unread: Vec<String>,
    /// Words that would change the answer and that no rule read.
    pub changing: Vec<String>,
    pub negations: Vec<String>,
    pub no_data_topics: Vec<String>,
    pub notes: Vec<String>,
}

impl Constraints {
    /// Something the service holds is named: a variable, the air or the weather, property sales.
    pub fn has_content(&self) -> bool {
        !self.variables.is_empty()
            || self.topics.iter().any(|t| matches!(t, Topic::Air | Topic::Weather | Topic::Episode | Topic::Forecast))
            || self.asks.index.is_some()
            || self.housing.is_some()
            || self.transit.is_some()
    }

    /// Words that would be refused whatever the question before said.
    fn refused(&self) -> bool {
        !self.changing.is_empty() || !self.no_data_topics.is_empty() || (!self.has_content() && !self.unread.is_empty())
    }

    /// What is done over the period is said: a count, a ranking, a comparison, a trend...
    fn ranks_or_counts(&self) -> bool {
        let a = &self.asks;
        a.count.is_some()
            || a.compare.is_some()
            || a.trend.is_some()
            || a.extreme.is_some()
            || a.day_kind.is_some()
            || a.index.is_some()
            || a.episode
            || a.forecast
            || self.limit.is_some()
            || self.topics.contains(&Topic::Correlation)
    }

    /// What is done over the period, or which figure of the day, is said.
    fn asks_something(&self) -> bool {
        let a = &self.asks;
        self.ranks_or_counts() || a.statistic.is_some() || a.averaged.is_some() || a.total.is_some()
    }

    /// What the question before asked that this one does not say, field by field: its count,
    /// ranking, comparison or trend, and the day's figure ("et des minimales ?" after "moyenne des
    /// maximales" keeps the mean). Another variable keeps only a ranking, comparison or trend over
    /// the same period ("and the rain?" after the hottest day of 2018: the wettest).
    fn inherit_asks(&mut self, before: &Plan, own_variables: bool) {
        let b = &before.constraints;
        if own_variables {
            let over_period = matches!(before.intent, Intent::Extreme { .. } | Intent::Compare | Intent::Trend);
            if over_period && self.periods.is_empty() && !self.ranks_or_counts() {
                self.asks.extreme = b.asks.extreme.clone();
                self.asks.compare = b.asks.compare.clone();
                self.asks.trend = b.asks.trend.clone();
                self.asks.unit = b.asks.unit;
            }
            return;
        }
        if !self.ranks_or_counts() {
            let own = self.asks.clone();
            self.asks = Asks {
                statistic: own.statistic,
                statistic_of: own.statistic_of,
                averaged: own.averaged,
                total: own.total,
                future: own.future,
                ..b.asks.clone()
            };
            self.limit = b.limit.clone();
            self.day_of = b.day_of.clone();
            self.topics.extend(b.topics.iter().filter(|t| **t == Topic::Correlation));
            self.month_of_year = self.month_of_year.or(b.month_of_year);
        }
        if self.asks.statistic.is_none() && self.asks.averaged.is_none() && self.asks.total.is_none() {
            self.asks.statistic = b.asks.statistic.clone();
            self.asks.statistic_of = b.asks.statistic_of;
        }
        if self.asks.averaged.is_none() && self.asks.total.is_none() {
            self.asks.averaged = b.asks.averaged.clone();
            self.asks.total = b.asks.total.clone();
        }
    }

    /// Nothing at all is said ("et ?").
    fn says_nothing(&self) -> bool {
        !self.has_content()
            && !self.help
            && self.periods.is_empty()
            && self.place == (Place::City { named: false })
            && self.unit.is_none()
            && !self.asks_something()
    }

    /// Whether this question follows up `before`: it opens as a follow-up, says no subject, no
    /// period and no place, refers to the period before, compares with one thing only, or asks of
    /// other sales without saying what — and is not refused alone, nor empty, nor after a question
    /// not answered with figures.
    fn follows_up(&self, before: &Plan) -> bool {
        // A timetable question refused for what a timetable does not hold (real time, fares) still
        // named its line and stop.
        let not_held = before.transit.is_some() && matches!(before.refusal, Some(Refusal::Topics { .. }));
        let answerable = (before.refusal.is_none() || not_held)
            && before.intent != Intent::Help
            && (!before.variables.is_empty() || before.housing.is_some() || before.transit.is_some());
        let subjectless = !self.has_content() && !self.help;
        let other_sales = before.housing.is_some() && self.housing.as_ref().is_some_and(|h| !h.measured);
        let placeless = self.place == (Place::City { named: false }) && self.stations.is_empty();
        let unplaced = self.periods.is_empty() && placeless && !self.help && before.period.is_some();
        let referring = self.periods.iter().any(|p| {
            matches!(p.expr, Expr::Shift { .. } | Expr::Shifts(_) | Expr::InShiftedYear { .. } | Expr::DayOfMonth(_))
        });
        // "Warmer than August 2018?": one side of a comparison, the other is the question before.
        let half_compare = crate::question::resolve::comparing(self) && self.periods.len() + self.stations.len() == 1;
        // "And which stops are within 350 m of it?", "how many of them…": of the timetable, naming
        // neither line nor stop nor the network.
        let of_timetable = before.transit.is_some()
            && self.transit.as_ref().is_some_and(|t| {
                let unnamed = t.routes.is_empty() && t.rank.is_none() && !t.network;
                t.measure.is_none() || (unnamed && (t.stop.is_none() || t.refers))
            });
        let follows = self.follows || subjectless || other_sales || unplaced || referring || half_compare || of_timetable;
        answerable && !self.refused() && !self.says_nothing() && follows
    }

    /// This question as a follow-up of `before`, when it is one, and what it keeps.
    pub fn follow(mut self, before: &Plan) -> (Self, Option<Vec<String>>) {
        if !self.follows_up(before) {
            return (self, None);
        }
        let mut kept = Vec::new();
        // Other variables than the question before's (the same one said again is no change).
        let own_variables = !self.variables.is_empty() && self.variables != before.variables;
        self.keep_subject(&before.constraints, &mut kept);
        self.keep_transit(&before.constraints, &mut kept);
        if self.housing.is_none() && self.transit.is_none() {
            self.inherit_asks(before, own_variables);
        }
        if self.unit.is_none() && !own_variables {
            self.unit = before.constraints.unit.clone();
        }
        self.keep_place(&before.constraints, &mut kept);
        (self, Some(kept))
    }

    /// The sales or the variables asked about before, when this question names none; the dwelling
    /// before beside the one a comparison names ("c'est moins cher que les maisons ?").
    fn keep_subject(&mut self, b: &Constraints, kept: &mut Vec<String>) {
        let lang = self.lang;
        let subjectless = !self.has_content() && !self.help;
        match (&self.housing, &b.housing) {
            (Some(ask), Some(previous)) => {
                let mut after = ask.after(previous);
                let compared = ask.dearer || self.asks.compare.is_some();
                if let ([own], [earlier]) = (ask.dwellings.as_slice(), previous.dwellings.as_slice())
                    && compared
                    && own != earlier
                {
                    after.dwellings = vec![*earlier, *own];
                }
                if !ask.measured {
                    kept.push(lang.say("what was asked of the sales", "ce qui était demandé des ventes"));
                }
                self.housing = Some(after);
            }
            (None, Some(previous)) if subjectless => {
                self.housing = Some(previous.clone());
                self.topics = vec![Topic::Housing];
                kept.push(lang.say("the property sales asked about", "les ventes immobilières demandées"));
            }
            (None, None) if subjectless => {
                self.variables = b.variables.clone();
                self.topics.retain(|t| *t != Topic::Housing);
                for topic in &b.topics {
                    if !self.topics.contains(topic) {
                        self.topics.push(*topic);
                    }
                }
                let names: Vec<String> =
                    self.variables.iter().map(|v| crate::question::restate::noun(v, lang)).collect();
                kept.push(names.join(", "));
            }
            _ => {}
        }
    }

    /// What a transit question before asked of the timetable, its line, stop, hour and radius,
    /// where this one says none: "et le premier ?", "what about Jaude?", "et dimanche ?".
    fn keep_transit(&mut self, b: &Constraints, kept: &mut Vec<String>) {
        let (Some(ask), Some(before)) = (self.transit.as_mut(), &b.transit) else { return };
        let lang = self.lang;
        let ranks = ask.rank.is_some();
        if ask.measure.is_none() {
            ask.measure = before.measure;
            if ask.routes.is_empty() && ask.stop.is_none() && ask.hour.is_none() {
                ask.rank = ask.rank.or(before.rank);
            }
            kept.push(lang.say("what was asked of the timetable", "ce qui était demandé de l'horaire"));
        }
        if ask.routes.is_empty() && ask.unknown_route.is_none() && !ranks && !before.routes.is_empty() {
            ask.routes = before.routes.clone();
            kept.push(lang.say(&format!("line {}", before.routes.join(", ")), &format!("ligne {}", before.routes.join(", "))));
        }
        if ask.stop.is_none() && let Some(stop) = &before.stop {
            ask.stop = Some(stop.clone());
            kept.push(stop.clone());
        }
        if ask.hour.is_none() && ask.measure == before.measure {
            ask.hour = before.hour;
        }
        if ask.radius_m.is_none() && ask.measure == before.measure {
            ask.radius_m = before.radius_m;
        }
    }

    /// The place asked about before, when this question names none; the station before beside the
    /// one a comparison names ("how does that compare with Esplanade Gare?").
    fn keep_place(&mut self, b: &Constraints, kept: &mut Vec<String>) {
        let comparing = crate::question::resolve::comparing(self);
        if let (true, [own @ Place::Station { .. }], Place::Station { .. }) =
            (comparing, self.stations.as_slice(), &b.place)
            && *own != b.place
        {
            self.stations.insert(0, b.place.clone());
            self.place = b.place.clone();
        } else if self.place == (Place::City { named: false }) && self.stations.is_empty() {
            self.place = b.place.clone();
            self.stations = b.stations.clone();
            self.with_city = b.with_city;
            match &b.place {
                Place::Station { name, .. } => kept.push(name.clone()),
                Place::City { named: true } => kept.push(self.lang.say("the city", "la ville")),
                _ => {}
            }
        }
    }
}
