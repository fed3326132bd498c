//! Follow-up questions: "and in February?" keeps the variable and the place of the question before,
//! "et à l'Esplanade Gare ?" its period, "what about the rain?" its place and period. A question
//! that says all it asks is read alone. The conversation travels as an opaque token: the questions
//! read so far, read again with the stations of the moment.

use base64::Engine;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use chrono::NaiveDate;
use serde::{Deserialize, Serialize};

use super::phrases::places::Gazetteer;
use super::plan::Plan;

/// Questions kept in a conversation's token: enough for a few follow-ups in a row.
const KEPT: usize = 4;
/// A token longer than this was not made here.
const MAX_TOKEN: usize = 8 * 1024;

/// The questions of a conversation, the oldest first, the day each answer found (the hottest day
/// asked for: what "the day after" moves from), and the day they were asked as of.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Conversation {
    #[serde(rename = "q")]
    questions: Vec<String>,
    #[serde(rename = "d", default)]
    found: Vec<Option<NaiveDate>>,
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
    pub fn next(conversation: Option<&Self>, plan: &Plan, found: Option<NaiveDate>) -> String {
        let (mut questions, mut days) = match conversation {
            Some(c) if !plan.inherited.is_empty() => (c.questions.clone(), c.found.clone()),
            _ => (Vec::new(), Vec::new()),
        };
        days.resize(questions.len(), None);
        questions.push(plan.question.clone());
        days.push(found);
        let skip = questions.len().saturating_sub(KEPT);
        let next = Self { questions: questions.split_off(skip), found: days.split_off(skip), as_of: plan.as_of };
        URL_SAFE_NO_PAD.encode(serde_json::to_vec(&next).expect("a conversation serializes"))
    }

    /// The plan the conversation's last question was answered with.
    pub fn plan(&self, gazetteer: &Gazetteer) -> Option<Plan> {
        self.questions.iter().enumerate().fold(None, |before: Option<Plan>, (k, question)| {
            let mut plan = match before {
                Some(before) => Plan::parse_after(question, None, &before, gazetteer),
                None => Plan::parse(question, None, self.as_of, gazetteer),
            };
            plan.found_day = self.found.get(k).copied().flatten();
            Some(plan)
        })
    }
}

impl Plan {
    /// Says that the context sent with the question could not be read.
    pub fn context_unread(mut self) -> Plan {
        self.notes.push(self.lang.say(
            "the context sent could not be read: the question is read alone",
            "le contexte envoyé n'a pas pu être lu : la question est lue seule",
        ));
        self
    }
}
