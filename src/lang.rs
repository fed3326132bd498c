//! The two languages of questions, answers and chunks.

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Lang {
    Fr,
    #[default]
    En,
}

impl Lang {
    pub const ALL: [Lang; 2] = [Lang::Fr, Lang::En];

    pub fn code(self) -> &'static str {
        match self {
            Lang::Fr => "fr",
            Lang::En => "en",
        }
    }

    /// The text in this language.
    pub fn say(self, en: &str, fr: &str) -> String {
        if self == Lang::Fr { fr.to_string() } else { en.to_string() }
    }

    /// A number to one decimal as this language writes it: 8.4, 8,4.
    pub fn decimal(self, value: f64) -> String {
        let text = format!("{value:.1}");
        if self == Lang::Fr { text.replace('.', ",") } else { text }
    }

    /// French "de" before `word`, elided before a vowel: "de mars", "d'avril", "d'appartements".
    pub fn de(word: &str) -> String {
        if word.starts_with(['a', 'e', 'i', 'o', 'u']) { format!("d'{word}") } else { format!("de {word}") }
    }

    pub fn from_code(code: &str) -> Option<Self> {
        match code {
            "fr" => Some(Lang::Fr),
            "en" => Some(Lang::En),
            _ => None,
        }
    }
}

/// Month names, as the texts write them.
pub const MONTHS_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];
pub const MONTHS_FR: [&str; 12] = [
    "janvier",
    "février",
    "mars",
    "avril",
    "mai",
    "juin",
    "juillet",
    "août",
    "septembre",
    "octobre",
    "novembre",
    "décembre",
];
