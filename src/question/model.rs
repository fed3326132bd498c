//! A language model's reading of a question the rules could not read whole: what is asked, of
//! which variable, above or below which threshold, as JSON (the schema constrains what it may
//! write). The place and the period stay the rules' (they read them from the question, or it says
//! none); the reading is checked against what the rules read and the question says before it
//! becomes a plan. The figures still come from SQL.

use serde::{Deserialize, Serialize};
use serde_json::{Value, json};

use super::phrases::limits::{Limit, Op};
use super::phrases::measures::Unit;
use super::phrases::places::Place;
use super::plan::{AIR_VARIABLES, Intent, Plan, Refusal, Topic, WEATHER_VARIABLES, unread_note};
use super::tokens::{number, tokens};

/// What a reading may ask, as the schema names it.
pub const ASKS: &[&str] = &["mean", "highest_day", "lowest_day", "days_above", "days_below", "trend", "none"];

/// The model's JSON, as the schema shapes it.
#[derive(Debug, Clone, PartialEq, Deserialize, Serialize)]
pub struct Reading {
    pub asks: String,
    pub variable: String,
    pub threshold: Option<f64>,
}

/// Whether the rules left content words of the question unread, and nothing else that would
/// change the answer (a number, a comparison, a negation: those stay refused), in a question a
/// reading can say (a value, a day's extreme, a count or a trend, without an index or another
/// variable's day): the model may read it.
pub fn unread(plan: &Plan) -> bool {
    let sayable = matches!(
        plan.intent,
        Intent::Now | Intent::Value | Intent::Count | Intent::Trend | Intent::Extreme { of: Unit::Day, .. }
    );
    sayable
        && plan.housing.is_none()
        && plan.index.is_none()
        && plan.day_of.is_none()
        && plan.month_of_year.is_none()
        && !plan.unread.is_empty()
        && match &plan.refusal {
            Some(Refusal::Unread { words }) => *words == plan.unread,
            Some(_) => false,
            None => true,
        }
}

/// The JSON schema of a reading, over the variables that exist.
pub fn schema(variables: &[&str]) -> Value {
    json!({
        "type": "object",
        "properties": {
            "asks": { "enum": ASKS },
            "variable": { "enum": variables },
            "threshold": { "type": ["number", "null"] },
        },
        "required": ["asks", "variable", "threshold"],
        "additionalProperties": false,
    })
}

impl Reading {
    /// The plan the reading says, or why it cannot be one. What the rules read stands: a variable
    /// (or the air, or the weather) they read, what is asked when they read it (a count, a
    /// ranking, a trend), the place and the period (a question without a period asks for the
    /// latest day: only a mean). A threshold is one of the question's numbers that is not a date.
    pub fn plan(&self, rules: &Plan) -> Result<Plan, String> {
        let variable = AIR_VARIABLES
            .iter()
            .chain(WEATHER_VARIABLES)
            .find(|v| **v == self.variable)
            .copied()
            .ok_or_else(|| format!("no variable «{}»", self.variable))?;
        let named = &rules.constraints.variables;
        if !named.is_empty() && !named.contains(&variable) {
            return Err(format!("the question names {}, not {variable}", named.join(", ")));
        }
        if self.asks == "none" {
            return Err("the model found nothing the data answers".into());
        }
        let air = AIR_VARIABLES.contains(&variable);
        if (rules.has(Topic::Air) && !rules.has(Topic::Weather) && !air)
            || (rules.has(Topic::Weather) && !rules.has(Topic::Air) && air)
        {
            return Err(format!("the question is about the {}, not {variable}", if air { "weather" } else { "air" }));
        }
        let agrees = match rules.intent {
            Intent::Now | Intent::Value => true,
            Intent::Count => ["days_above", "days_below"].contains(&self.asks.as_str()),
            Intent::Extreme { highest, of: Unit::Day } => {
                self.asks == if highest { "highest_day" } else { "lowest_day" }
            }
            Intent::Trend => self.asks == "trend",
            _ => false,
        };
        if !agrees {
            return Err(format!("the question asks for {:?}, not «{}»", rules.intent, self.asks));
        }
        if let Place::Unknown { name } = &rules.place {
            return Err(format!("no data at «{name}»"));
        }
        let intent = match (self.asks.as_str(), &rules.period) {
            ("mean", None) => Intent::Now,
            ("mean", Some(_)) => Intent::Value,
            (_, None) => return Err(format!("«{}» over no period the question names", self.asks)),
            ("highest_day", _) => Intent::Extreme { highest: true, of: Unit::Day },
            ("lowest_day", _) => Intent::Extreme { highest: false, of: Unit::Day },
            ("days_above" | "days_below", _) => Intent::Count,
            ("trend", _) => Intent::Trend,
            (other, _) => return Err(format!("«{other}» is not a question the data answers")),
        };
        let limit = match intent {
            Intent::Count => Some(self.limit(rules, variable)?),
            _ => None,
        };
        let topic = if WEATHER_VARIABLES.contains(&variable) { Topic::Weather } else { Topic::Air };
        let mut notes: Vec<String> =
            rules.notes.iter().filter(|n| **n != unread_note(rules.lang, &rules.unread)).cloned().collect();
        notes.push(rules.lang.say(
            "read by the language model, not by the service's rules",
            "lue par le modèle de langue, et non par les règles du service",
        ));
        let mut plan = Plan {
            intent,
            statistic: super::plan::figure_of(intent, None, variable, limit.as_ref()),
            said_statistic: None,
            variables: vec![variable],
            topics: vec![topic],
            limit,
            index: None,
            day_of: None,
            month_of_year: None,
            unread: Vec::new(),
            refusal: None,
            housing: None,
            notes,
            ..rules.clone()
        };
        plan.restated = super::restate::restate(&plan);
        Ok(plan)
    }

    /// What a count counts: what the rules read (units converted), said again the same way; else
    /// one of the question's numbers that is not a date, or the WHO guideline for a pollutant.
    fn limit(&self, rules: &Plan, variable: &str) -> Result<Limit, String> {
        let op = if self.asks == "days_above" { Op::Above } else { Op::Below };
        let upward = |limit: &Limit| match limit {
            Limit::Given { op, .. } => op.upward(),
            Limit::Frost => false,
            Limit::Reference { .. } | Limit::Hot | Limit::Rainy => true,
        };
        // What the rules read stands: the reading must count the same way, and say the same
        // threshold or none.
        let same = |limit: &Limit, t: f64| matches!(limit, Limit::Given { asked, .. } if *asked == t);
        match (self.threshold, &rules.limit) {
            (t, Some(limit)) if upward(limit) == op.upward() && t.is_none_or(|t| same(limit, t)) => Ok(limit.clone()),
            (_, Some(limit)) => Err(format!("the question counts {limit:?}, not {op:?} {:?}", self.threshold)),
            (Some(t), None)
                if numbers(&rules.question).contains(&t)
                    && !rules.periods.iter().any(|p| numbers(&p.said).contains(&t)) =>
            {
                Ok(Limit::Given { op, value: t, variable: "", asked: t, asked_unit: String::new() })
            }
            (Some(t), None) => Err(format!("the question does not say the threshold {t}")),
            (None, None) if op == Op::Above && AIR_VARIABLES.contains(&variable) => Ok(Limit::Reference { eu: false }),
            (None, None) => Err("a count of days without a threshold".into()),
        }
    }
}

/// The numbers the question writes.
fn numbers(question: &str) -> Vec<f64> {
    tokens(question).iter().filter_map(|t| number(&t.text)).collect()
}

#[cfg(test)]
mod tests {
    use chrono::NaiveDate;

    use super::*;
    use crate::question::phrases::places::tests::gazetteer;

    fn rules(question: &str) -> Plan {
        let as_of = NaiveDate::from_ymd_opt(2021, 6, 1).unwrap();
        Plan::parse(question, None, as_of, &gazetteer())
    }

    fn reading(asks: &str, variable: &str, threshold: Option<f64>) -> Reading {
        Reading { asks: asks.into(), variable: variable.into(), threshold }
    }

    #[test]
    fn a_reading_fills_what_the_rules_left_and_changes_nothing_they_read() {
        let question = rules("In 2020 how often was Montferrand's air murky, over 20?");
        let plan = reading("days_above", "pm25", Some(20.0)).plan(&question).unwrap();
        assert_eq!(plan.intent, Intent::Count);
        assert_eq!((&plan.place, &plan.period), (&question.place, &question.period));
        assert_eq!(plan.place, Place::Station { id: 1, name: "Montferrand".into() });
        assert!(matches!(plan.limit, Some(Limit::Given { value: 20.0, op: Op::Above, .. })), "{:?}", plan.limit);
        assert!(plan.refusal.is_none() && plan.notes.iter().any(|n| n.contains("language model")));

        let wrong = |r: Reading| r.plan(&question).unwrap_err();
        assert!(wrong(reading("days_above", "pm25", Some(2e15))).contains("counts"));
        assert!(wrong(reading("days_above", "pollen", Some(20.0))).contains("variable"));
        let untopical = rules("How many days in 2020 was Montferrand murky?");
        assert!(reading("days_above", "temperature", None).plan(&untopical).unwrap_err().contains("threshold"));
        assert!(wrong(reading("none", "pm25", None)).contains("nothing"));
        assert!(wrong(reading("mean", "pm25", None)).contains("Count"));
        assert!(wrong(reading("days_above", "temperature", Some(20.0))).contains("air"));
        let guideline = reading("days_above", "pm25", None).plan(&question).unwrap();
        assert_eq!(guideline.limit, question.limit, "the rules' threshold stands");
        assert!(wrong(reading("days_below", "pm25", Some(20.0))).contains("counts"), "nor turned around");
        let unsaid = rules("In 2020 how often was Montferrand's air murky?");
        let guideline = reading("days_above", "pm25", None).plan(&unsaid).unwrap();
        assert_eq!(guideline.limit, Some(Limit::Reference { eu: false }));
        let unsaid_wrong = |r: Reading| r.plan(&untopical).unwrap_err();
        assert!(unsaid_wrong(reading("days_above", "pm25", Some(2e15))).contains("threshold"));
        assert!(
            unsaid_wrong(reading("days_above", "pm25", Some(2020.0))).contains("threshold"),
            "a year is no threshold"
        );
        let hottest = rules("On the hottest day of 2020, how murky was the PM2.5 at Montferrand?");
        assert!(hottest.day_of.is_some() && !unread(&hottest), "{hottest:?}");

        let named = rules("How murky was the PM10 at Montferrand in March 2020?");
        assert!(reading("mean", "pm25", None).plan(&named).unwrap_err().contains("pm10"));
        let undated = rules("How murky is the air at Montferrand?");
        assert_eq!(reading("mean", "pm25", None).plan(&undated).unwrap().intent, Intent::Now);
        assert!(reading("trend", "pm25", None).plan(&undated).unwrap_err().contains("period"));
    }
}
