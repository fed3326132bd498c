//! Follow-up questions: "and in February?" keeps the variable and the place of the question before,
//! "et à l'Esplanade Gare ?" its period, "what about the rain?" its place and period. A question
//! that says all it asks is read alone. The conversation travels as an opaque token: the questions
//! read so far, read again with the stations of the moment.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::places::{Gazetteer, Place};
use super::plan::{AIR_VARIABLES, Intent, Plan, Refusal, Topic};
use super::tokens::tokens;
use crate::lang::Lang;
use crate::summarize;

/// Questions kept in a conversation's token: enough for a few follow-ups in a row.
const KEPT: usize = 4;
/// A token longer than this was not made here.
const MAX_TOKEN: usize = 8 * 1024;

/// The questions of a conversation, the oldest first, and the day they were asked as of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conversation {
    #[serde(rename = "q")]
    questions: Vec<String>,
    as_of: NaiveDate,
}

impl Conversation {
    /// The conversation a token holds; none when it holds none (a token of another version, or
    /// not one at all): the question is then read alone, and says so.
    pub fn decode(token: &str) -> Option<Self> {
        if token.len() > MAX_TOKEN {
            return None;
        }
        let bytes = URL_SAFE_NO_PAD.decode(token.trim()).ok()?;
        let conversation: Self = serde_json::from_slice(&bytes).ok()?;
        (!conversation.questions.is_empty() && conversation.questions.len() <= KEPT).then_some(conversation)
    }

    /// The token an answer returns: this conversation and `plan`'s question, or `plan`'s alone
    /// when it was read alone.
    pub fn next(conversation: Option<&Self>, plan: &Plan) -> String {
        let mut questions = match conversation {
            Some(c) if !plan.inherited.is_empty() => c.questions.clone(),
            _ => Vec::new(),
        };
        questions.push(plan.question.clone());
        let skip = questions.len().saturating_sub(KEPT);
        let next = Self { questions: questions.split_off(skip), as_of: plan.as_of };
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(&next).expect("a conversation serializes"))
    }

    /// The plan the conversation's last question was answered with.
    pub fn plan(&self, gazetteer: &Gazetteer) -> Option<Plan> {
        self.questions.iter().fold(None, |before: Option<Plan>, question| {
            let plan = Plan::parse(question, None, self.as_of, gazetteer);
            Some(match before {
                Some(before) => plan.follow(&before),
                None => plan,
            })
        })
    }
}

/// Openings that make a question a follow-up even when it names its subject.
const OPENINGS: &[&[&str]] = &[
    &["and"],
    &["et"],
    &["what", "about"],
    &["how", "about"],
    &["what", "of"],
    &["same", "for"],
    &["same", "at"],
    &["same", "in"],
    &["pareil"],
    &["meme", "chose"],
    &["also"],
    &["aussi"],
];

impl Plan {
    /// Says that the context sent with the question could not be read.
    pub fn context_unread(mut self) -> Plan {
        self.notes.push(self.lang.say(
            "the context sent could not be read: the question is read alone",
            "le contexte envoyé n'a pas pu être lu : la question est lue seule",
        ));
        self
    }

    /// This question read as a follow-up of `before`: what it does not say is kept from it, and
    /// said in the notes. A question that names its subject and does not open as a follow-up is
    /// left as it is, and so is one after a question that was not answered with figures.
    pub fn follow(mut self, before: &Plan) -> Plan {
        let answerable = before.refusal.is_none()
            && before.housing.is_none()
            && before.intent != Intent::Help
            && !before.variables.is_empty();
        if !answerable || self.housing.is_some() {
            return self;
        }
        let words: Vec<String> = tokens(&self.question).into_iter().map(|t| t.text).collect();
        let opens = OPENINGS.iter().any(|o| words.len() >= o.len() && words.iter().zip(o.iter()).all(|(w, o)| w == o));
        let subjectless = self.refusal == Some(Refusal::NoVariable)
            || (self.variables.is_empty() && self.refusal.is_none() && self.intent != Intent::Help);
        if !(opens || subjectless) {
            return self;
        }
        let lang = self.lang;
        let mut kept = Vec::new();
        if self.variables.is_empty() && matches!(self.refusal, None | Some(Refusal::NoVariable)) {
            self.variables = before.variables.clone();
            self.topics.retain(|t| *t != Topic::Housing);
            for topic in &before.topics {
                if !self.topics.contains(topic) {
                    self.topics.push(*topic);
                }
            }
            if matches!(self.intent, Intent::Now | Intent::Value | Intent::Help) {
                self.intent = before.intent;
                self.limit = self.limit.take().or(before.limit.clone());
                self.index = self.index.take().or(before.index.clone());
                self.day_of = self.day_of.take().or(before.day_of.clone());
            }
            self.refusal = None;
            let names: Vec<String> = self.variables.iter().map(|v| variable_words(v, lang)).collect();
            kept.push(names.join(", "));
        }
        if self.place == (Place::City { named: false }) && self.stations.is_empty() {
            self.place = before.place.clone();
            self.stations = before.stations.clone();
            self.with_city = before.with_city;
            match &before.place {
                Place::Station { name, .. } => kept.push(name.clone()),
                Place::City { named: true } => kept.push(lang.say("the city", "la ville")),
                _ => {}
            }
        }
        if self.period.is_none() && self.periods.is_empty() && before.period.is_some() {
            self.period = before.period.clone();
            self.periods = before.periods.clone();
            self.month_of_year = self.month_of_year.or(before.month_of_year);
            let said: Vec<&str> = before.periods.iter().map(|p| p.said.as_str()).filter(|s| !s.is_empty()).collect();
            kept.push(if said.is_empty() { lang.say("the period", "la période") } else { said.join(", ") });
            // "What about the rain?" after "PM2.5 in March 2020": the value over that period.
            if self.intent == Intent::Now {
                self.intent = match before.intent {
                    Intent::Count | Intent::Correlation | Intent::Forecast | Intent::Help => Intent::Value,
                    other => other,
                };
            }
        }
        // A period said alone ("and in February?") is a value over it, not the latest data.
        if self.intent == Intent::Now
            && self.period.as_ref().is_some_and(|p| p.from != self.as_of || p.to != self.as_of)
        {
            self.intent = Intent::Value;
        }
        if kept.is_empty() {
            return self;
        }
        self.notes.push(lang.say(
            &format!("kept from the previous question: {}", kept.join("; ")),
            &format!("repris de la question précédente : {}", kept.join(" ; ")),
        ));
        self.inherited = kept;
        self
    }
}

fn variable_words(variable: &str, lang: Lang) -> String {
    if AIR_VARIABLES.contains(&variable) {
        summarize::pollutant(variable, lang)
    } else {
        summarize::weather_variable(variable, lang)
    }
}
