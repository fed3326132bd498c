//! The numbers a chunk states: formatted once per language, recorded with their unit and source
//! rows, so the text can only say what the facts hold.

use chrono::{Datelike, NaiveDate};
use serde::Serialize;

pub use crate::lang::Lang;
use crate::lang::{MONTHS_EN, MONTHS_FR};

/// Where a fact comes from: aggregate rows of one station and variable over a period. For property
/// sales (`table: "sales"`), `variable` is `commune/dwelling` (`63113/flat`), `/rooms` added for
/// one size (`63113/flat/3`).
#[derive(Debug, Clone, PartialEq, Eq, Serialize)]
pub struct Source {
    pub table: &'static str,
    pub station_id: Option<i64>,
    pub variable: Option<String>,
    pub from: NaiveDate,
    pub to: NaiveDate,
}

#[derive(Debug, Clone, Serialize)]
pub struct Fact {
    pub label: String,
    /// A number, or a date (YYYY-MM-DD).
    pub value: serde_json::Value,
    pub unit: Option<String>,
    /// Exactly as the text writes it.
    pub display: String,
    pub source: Source,
}

pub struct Facts {
    pub lang: Lang,
    pub list: Vec<Fact>,
}

impl Facts {
    pub fn new(lang: Lang) -> Self {
        Self { lang, list: Vec::new() }
    }

    /// A number with `decimals` digits (decimal comma in French), recorded as a fact.
    pub fn number(&mut self, label: &str, value: f64, decimals: usize, unit: Option<&str>, source: &Source) -> String {
        let rounded = format!("{value:.decimals$}");
        // "-0.0" says nothing a reader needs.
        let rounded = if rounded.trim_start_matches('-').chars().all(|c| c == '0' || c == '.') {
            rounded.trim_start_matches('-').to_string()
        } else {
            rounded
        };
        let number = if self.lang == Lang::Fr { rounded.replace('.', ",") } else { rounded };
        let display = match unit {
            Some(unit) => format!("{number} {unit}"),
            None => number,
        };
        self.list.push(Fact {
            label: label.to_string(),
            value: serde_json::json!(value),
            unit: unit.map(str::to_string),
            display: display.clone(),
            source: source.clone(),
        });
        display
    }

    pub fn count(&mut self, label: &str, value: i64, source: &Source) -> String {
        self.number(label, value as f64, 0, None, source)
    }

    /// "15 March 2020" / "15 mars 2020" ("1er mars" in French).
    pub fn date(&mut self, label: &str, day: NaiveDate, source: &Source) -> String {
        let display = match self.lang {
            Lang::En => format!("{} {} {}", day.day(), MONTHS_EN[day.month0() as usize], day.year()),
            Lang::Fr if day.day() == 1 => format!("1er {} {}", MONTHS_FR[day.month0() as usize], day.year()),
            Lang::Fr => format!("{} {} {}", day.day(), MONTHS_FR[day.month0() as usize], day.year()),
        };
        self.push_date(label, day, display, source)
    }

    /// "March 2020" / "mars 2020".
    pub fn month(&mut self, label: &str, month: NaiveDate, source: &Source) -> String {
        let names = if self.lang == Lang::Fr { MONTHS_FR } else { MONTHS_EN };
        let display = format!("{} {}", names[month.month0() as usize], month.year());
        self.push_date(label, month, display, source)
    }

    /// Meteorological seasons: "winter 2020-2021" opens in December.
    pub fn season(&mut self, label: &str, start: NaiveDate, source: &Source) -> String {
        let (en, fr) = match start.month() {
            12 => ("winter", "hiver"),
            3 => ("spring", "printemps"),
            6 => ("summer", "été"),
            _ => ("autumn", "automne"),
        };
        let name = if self.lang == Lang::Fr { fr } else { en };
        let display = match start.month() {
            12 => format!("{name} {}-{}", start.year(), start.year() + 1),
            _ => format!("{name} {}", start.year()),
        };
        self.push_date(label, start, display, source)
    }

    /// "the first quarter of 2023" / "premier trimestre 2023".
    pub fn quarter(&mut self, label: &str, start: NaiveDate, source: &Source) -> String {
        let index = start.month0() as usize / 3;
        let display = match self.lang {
            Lang::En => format!("the {} quarter of {}", ["first", "second", "third", "fourth"][index], start.year()),
            Lang::Fr => format!("{} trimestre {}", ["premier", "deuxième", "troisième", "quatrième"][index], start.year()),
        };
        self.push_date(label, start, display, source)
    }

    /// A clock time of a service day as "HH:MM": past midnight, the next day's ("24:59:00" is "00:59").
    pub fn time(&mut self, label: &str, seconds: i32, source: &Source) -> String {
        self.push_text(label, crate::calendar::service_time(seconds), crate::calendar::clock_time(seconds), source)
    }

    /// A name that holds figures (a line "20", a stop "1er Mai"), said as the data names it.
    pub fn name(&mut self, label: &str, name: &str, source: &Source) -> String {
        self.push_text(label, name.to_string(), name.to_string(), source)
    }

    fn push_text(&mut self, label: &str, value: String, display: String, source: &Source) -> String {
        let value = serde_json::json!(value);
        if !self.list.iter().any(|f| f.label == label && f.value == value && f.source == *source) {
            let fact = Fact { label: label.into(), value, unit: None, display: display.clone(), source: source.clone() };
            self.list.push(fact);
        }
        display
    }

    pub fn year(&mut self, label: &str, year: NaiveDate, source: &Source) -> String {
        self.push_date(label, year, year.year().to_string(), source)
    }

    fn push_date(&mut self, label: &str, day: NaiveDate, display: String, source: &Source) -> String {
        let value = serde_json::json!(day.to_string());
        // A date said twice (a period and its name) is one fact.
        if self.list.iter().any(|f| f.label == label && f.value == value && f.source == *source) {
            return display;
        }
        self.list.push(Fact {
            label: label.to_string(),
            value,
            unit: None,
            display: display.clone(),
            source: source.clone(),
        });
        display
    }
}

/// Number tokens of a text, decimal commas read as points; digits glued to letters (PM2.5, NO2) are names.
pub fn numbers(text: &str) -> Vec<String> {
    let chars: Vec<char> = text.chars().collect();
    let mut found = Vec::new();
    let mut i = 0;
    let in_number = |i: usize| {
        chars[i].is_ascii_digit()
            || (matches!(chars[i], '.' | ',') && chars.get(i + 1).is_some_and(|c| c.is_ascii_digit()))
    };
    while i < chars.len() {
        if !chars[i].is_ascii_digit() {
            i += 1;
            continue;
        }
        let glued = i > 0 && chars[i - 1].is_alphanumeric();
        let mut token = String::new();
        while i < chars.len() && in_number(i) {
            token.push(if chars[i] == ',' { '.' } else { chars[i] });
            i += 1;
        }
        if !glued {
            found.push(token);
        }
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;

    fn source() -> Source {
        let day = NaiveDate::from_ymd_opt(2020, 3, 1).unwrap();
        Source { table: "daily_aggregates", station_id: None, variable: None, from: day, to: day }
    }

    #[test]
    fn numbers_are_written_per_language() {
        let mut fr = Facts::new(Lang::Fr);
        let mut en = Facts::new(Lang::En);
        assert_eq!(fr.number("mean", 12.345, 1, Some("µg/m³"), &source()), "12,3 µg/m³");
        assert_eq!(en.number("mean", 12.345, 1, Some("µg/m³"), &source()), "12.3 µg/m³");
        assert_eq!(en.number("r", -0.001, 2, None, &source()), "0.00");
        let day = NaiveDate::from_ymd_opt(2020, 3, 1).unwrap();
        assert_eq!(fr.date("day", day, &source()), "1er mars 2020");
        assert_eq!(en.date("day", day, &source()), "1 March 2020");
    }

    #[test]
    fn numbers_in_text_skip_names() {
        assert_eq!(
            numbers("PM2.5 a atteint 12,3 µg/m³ le 1er mars 2020, NO2 -0.45 (PM2,5)"),
            ["12.3", "1", "2020", "0.45"]
        );
    }
}
