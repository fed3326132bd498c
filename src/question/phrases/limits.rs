//! Thresholds in questions: "above 25 µg/m³", "30 °C or more", "at least 1 mm", "plus de 20 km/h"
//! (converted to the stored unit), the reference values ("the WHO guideline", "la valeur limite
//! européenne"), and figures a question asserts ("the true value is 999"), which are never data.

use serde::Serialize;

use crate::question::tokens::number;
use crate::question::words::Words;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Op {
    /// Strictly above.
    Above,
    AtLeast,
    /// Strictly below.
    Below,
    AtMost,
}

impl Op {
    /// Whether it counts days that went up to it (their maximum) rather than down (their minimum).
    pub fn upward(self) -> bool {
        matches!(self, Op::Above | Op::AtLeast)
    }

    pub fn code(self) -> &'static str {
        match self {
            Op::Above => "gt",
            Op::AtLeast => "ge",
            Op::Below => "lt",
            Op::AtMost => "le",
        }
    }
}

/// What a count of days counts.
#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
#[serde(tag = "limit", rename_all = "snake_case")]
pub enum Limit {
    /// A value the question gives, in the stored unit of `variable`.
    Given {
        op: Op,
        value: f64,
        #[schema(value_type = String)]
        variable: &'static str,
        asked: f64,
        asked_unit: String,
    },
    /// The daily value of a reference (WHO 2021 unless the EU is named).
    Reference { eu: bool },
    /// Frost: a minimum below 0 °C.
    Frost,
    /// A maximum of 30 °C or more.
    Hot,
    /// At least 1 mm of rain.
    Rainy,
}

const ABOVE: &[&[&str]] = &[
    &["more", "than"],
    &["greater", "than"],
    &["higher", "than"],
    &["above"],
    &["over"],
    &["exceeding"],
    &["exceeded"],
    &["exceed"],
    &["exceeds"],
    &["beyond"],
    &["past"],
    &["plus", "de"],
    &["plus", "d"],
    &["au", "dessus", "de"],
    &["au", "dessus", "des"],
    &["au", "dessus", "d"],
    &["superieur", "a"],
    &["superieure", "a"],
    &["superieurs", "a"],
    &["superieures", "a"],
    &["depassant"],
    &["depasse"],
    &["depasser"],
    &["depassait"],
    &["depasserait"],
];
const AT_LEAST: &[&[&str]] = &[
    &["at", "least"],
    &["no", "less", "than"],
    &["reached"],
    &["reach"],
    &["reaching"],
    &["hit"],
    &["au", "moins"],
    &["atteint"],
    &["atteignant"],
    &["minimum"],
];
const BELOW: &[&[&str]] = &[
    &["less", "than"],
    &["lower", "than"],
    &["below"],
    &["under"],
    &["beneath"],
    &["moins", "de"],
    &["moins", "d"],
    &["en", "dessous", "de"],
    &["en", "dessous", "d"],
    &["au", "dessous", "de"],
    &["sous"],
    &["inferieur", "a"],
    &["inferieure", "a"],
    &["inferieurs", "a"],
    &["inferieures", "a"],
];
const AT_MOST: &[&[&str]] = &[&["at", "most"], &["no", "more", "than"], &["au", "plus"], &["maximum"], &["au", "maximum"]];
const OR_MORE: &[&[&str]] = &[
    &["or", "more"],
    &["or", "above"],
    &["or", "higher"],
    &["or", "over"],
    &["and", "above"],
    &["and", "more"],
    &["ou", "plus"],
    &["et", "plus"],
    &["ou", "davantage"],
    &["+"],
];
const OR_LESS: &[&[&str]] = &[&["or", "less"], &["or", "below"], &["or", "lower"], &["ou", "moins"], &["et", "moins"]];

/// Units: the words, the stored unit, the variable they measure (none: a pollutant), and the
/// conversion to the stored unit.
struct UnitWords {
    words: &'static [&'static str],
    unit: &'static str,
    variable: Option<&'static str>,
    scale: f64,
    offset: f64,
}

const UNITS: &[UnitWords] = &[
    UnitWords { words: &["ug", "/", "m3"], unit: "µg/m³", variable: None, scale: 1.0, offset: 0.0 },
    UnitWords { words: &["ug", "m3"], unit: "µg/m³", variable: None, scale: 1.0, offset: 0.0 },
    UnitWords { words: &["ug"], unit: "µg/m³", variable: None, scale: 1.0, offset: 0.0 },
    UnitWords { words: &["microgrammes", "par", "m3"], unit: "µg/m³", variable: None, scale: 1.0, offset: 0.0 },
    UnitWords { words: &["microgrammes"], unit: "µg/m³", variable: None, scale: 1.0, offset: 0.0 },
    UnitWords { words: &["micrograms"], unit: "µg/m³", variable: None, scale: 1.0, offset: 0.0 },
    UnitWords { words: &["°", "f"], unit: "°C", variable: Some("temperature"), scale: 5.0 / 9.0, offset: -32.0 * 5.0 / 9.0 },
    UnitWords { words: &["fahrenheit"], unit: "°C", variable: Some("temperature"), scale: 5.0 / 9.0, offset: -32.0 * 5.0 / 9.0 },
    UnitWords { words: &["°", "c"], unit: "°C", variable: Some("temperature"), scale: 1.0, offset: 0.0 },
    UnitWords { words: &["°"], unit: "°C", variable: Some("temperature"), scale: 1.0, offset: 0.0 },
    UnitWords { words: &["degres", "celsius"], unit: "°C", variable: Some("temperature"), scale: 1.0, offset: 0.0 },
    UnitWords { words: &["degrees", "celsius"], unit: "°C", variable: Some("temperature"), scale: 1.0, offset: 0.0 },
    UnitWords { words: &["degres"], unit: "°C", variable: Some("temperature"), scale: 1.0, offset: 0.0 },
    UnitWords { words: &["degre"], unit: "°C", variable: Some("temperature"), scale: 1.0, offset: 0.0 },
    UnitWords { words: &["degrees"], unit: "°C", variable: Some("temperature"), scale: 1.0, offset: 0.0 },
    UnitWords { words: &["degree"], unit: "°C", variable: Some("temperature"), scale: 1.0, offset: 0.0 },
    UnitWords { words: &["celsius"], unit: "°C", variable: Some("temperature"), scale: 1.0, offset: 0.0 },
    UnitWords { words: &["c"], unit: "°C", variable: Some("temperature"), scale: 1.0, offset: 0.0 },
    UnitWords { words: &["mm"], unit: "mm", variable: Some("precipitation"), scale: 1.0, offset: 0.0 },
    UnitWords { words: &["millimetres"], unit: "mm", variable: Some("precipitation"), scale: 1.0, offset: 0.0 },
    UnitWords { words: &["millimeters"], unit: "mm", variable: Some("precipitation"), scale: 1.0, offset: 0.0 },
    UnitWords { words: &["millimetre"], unit: "mm", variable: Some("precipitation"), scale: 1.0, offset: 0.0 },
    UnitWords { words: &["millimeter"], unit: "mm", variable: Some("precipitation"), scale: 1.0, offset: 0.0 },
    UnitWords { words: &["cm"], unit: "mm", variable: Some("precipitation"), scale: 10.0, offset: 0.0 },
    UnitWords { words: &["km", "/", "h"], unit: "m/s", variable: Some("wind_speed"), scale: 1.0 / 3.6, offset: 0.0 },
    UnitWords { words: &["km", "h"], unit: "m/s", variable: Some("wind_speed"), scale: 1.0 / 3.6, offset: 0.0 },
    UnitWords { words: &["kmh"], unit: "m/s", variable: Some("wind_speed"), scale: 1.0 / 3.6, offset: 0.0 },
    UnitWords { words: &["kph"], unit: "m/s", variable: Some("wind_speed"), scale: 1.0 / 3.6, offset: 0.0 },
    UnitWords { words: &["m", "/", "s"], unit: "m/s", variable: Some("wind_speed"), scale: 1.0, offset: 0.0 },
    UnitWords { words: &["m", "s"], unit: "m/s", variable: Some("wind_speed"), scale: 1.0, offset: 0.0 },
    UnitWords { words: &["knots"], unit: "m/s", variable: Some("wind_speed"), scale: 0.514444, offset: 0.0 },
    UnitWords { words: &["noeuds"], unit: "m/s", variable: Some("wind_speed"), scale: 0.514444, offset: 0.0 },
    UnitWords { words: &["hpa"], unit: "hPa", variable: Some("pressure_msl"), scale: 1.0, offset: 0.0 },
    UnitWords { words: &["mbar"], unit: "hPa", variable: Some("pressure_msl"), scale: 1.0, offset: 0.0 },
    UnitWords { words: &["hectopascals"], unit: "hPa", variable: Some("pressure_msl"), scale: 1.0, offset: 0.0 },
    UnitWords { words: &["%"], unit: "%", variable: Some("humidity"), scale: 1.0, offset: 0.0 },
    UnitWords { words: &["percent"], unit: "%", variable: Some("humidity"), scale: 1.0, offset: 0.0 },
    UnitWords { words: &["pourcent"], unit: "%", variable: Some("humidity"), scale: 1.0, offset: 0.0 },
    UnitWords { words: &["pour", "cent"], unit: "%", variable: Some("humidity"), scale: 1.0, offset: 0.0 },
];

/// The references a count may compare with.
const WHO: &[&[&str]] = &[
    &["who"],
    &["oms"],
    &["world", "health", "organization"],
    &["organisation", "mondiale", "de", "la", "sante"],
];
const EU: &[&[&str]] = &[
    &["eu", "limit|limits|daily|standard|standards|value|threshold"],
    &["the", "eu"],
    &["ue"],
    &["european", "union"],
    &["union", "europeenne"],
    &["european", "limit"],
    &["limite", "europeenne"],
    &["directive"],
];
const GUIDELINE: &[&[&str]] = &[
    &["daily", "guideline"],
    &["guideline"],
    &["guidelines"],
    &["recommendation"],
    &["recommendations"],
    &["recommandation"],
    &["recommandations"],
    &["valeur", "guide"],
    &["ligne", "directrice"],
    &["seuil"],
    &["seuils"],
    &["threshold"],
    &["limit", "value"],
    &["limit"],
    &["limits"],
    &["valeur", "limite"],
    &["limite"],
    &["norme"],
    &["normes"],
    &["safe", "level"],
    &["standard"],
    &["depassement"],
    &["depassements"],
    &["exceedance"],
    &["exceedances"],
];

/// Words that assert a figure ("was 999", "valait 999"): what follows is a claim, not a threshold.
const ASSERTING: &[&str] = &[
    "was", "is", "were", "are", "be", "equals", "equal", "equalled", "=", "etait", "est", "sont", "etaient",
    "valait", "valaient", "vaut", "valent", "valeur",
];

/// The words of the tables above, for correcting misspellings.
pub(super) fn known_words() -> Vec<&'static str> {
    let mut words: Vec<&'static str> = Vec::new();
    for table in [ABOVE, AT_LEAST, BELOW, AT_MOST, OR_MORE, OR_LESS, WHO, EU, GUIDELINE] {
        words.extend(table.iter().flat_map(|p| p.iter().flat_map(|w| w.split('|'))));
    }
    words.extend(UNITS.iter().flat_map(|u| u.words.iter().copied()));
    words
}

#[derive(Debug, Default)]
pub struct Read {
    pub limit: Option<Limit>,
    /// The variable a unit named ("°C": temperature).
    pub variable: Option<&'static str>,
    /// A pollutant's unit or a reference value was named: the question is about the air.
    pub air: bool,
    /// Thresholds after the first ("above 25 and below 30"), as written: one count reads one.
    pub more: Vec<String>,
}

fn unit_at(words: &Words, i: usize) -> Option<&'static UnitWords> {
    UNITS.iter().find(|u| words.at(i, u.words))
}

fn comparator_before(words: &Words, i: usize) -> Option<(Op, usize)> {
    for (table, op) in [(ABOVE, Op::Above), (AT_LEAST, Op::AtLeast), (BELOW, Op::Below), (AT_MOST, Op::AtMost)] {
        for pattern in table {
            let n = pattern.len();
            // "above the WHO...": the comparator may stand one word ("the", "of") before the number.
            for gap in 0..=1 {
                if i >= n + gap && words.at(i - n - gap, pattern) && (gap == 0 || words.is(i - 1, "the|of|de|des|a")) {
                    return Some((op, n + gap));
                }
            }
        }
    }
    None
}

/// Reads the thresholds and claims of `words`, taking their words.
pub fn read(words: &mut Words) -> Read {
    let mut read = Read::default();
    for i in 0..words.len() {
        let Some(value) = number(words.text(i)).filter(|_| words.free(i)) else { continue };
        let unit = unit_at(words, i + 1);
        let unit_len = unit.map_or(0, |u| u.words.len());
        let before = comparator_before(words, i);
        let asserted = i > 0 && words.is(i - 1, &ASSERTING.join("|"));
        // "10 mm of rain or more": the trailing words may come after the variable's name.
        let after = (0..=3).find_map(|gap| {
            let k = i + 1 + unit_len + gap;
            [(OR_MORE, Op::AtLeast), (OR_LESS, Op::AtMost)]
                .iter()
                .find_map(|(table, op)| table.iter().find(|p| words.at(k, p)).map(|p| (*op, k, p.len())))
        });
        let (op, taken_before) = match (before, after) {
            // "hit 30 degrees or more": the words after say it again.
            (Some((op, n)), Some((_, k, m))) => {
                words.take(k, m);
                (op, n)
            }
            (Some((op, n)), None) => (op, n),
            (None, Some((op, k, n))) => {
                words.take(k, n);
                (op, 0)
            }
            // A figure the question asserts is never data, and never repeated.
            (None, None) if asserted => {
                words.take(i, 1 + unit_len);
                continue;
            }
            (None, None) => continue,
        };
        words.take(i - taken_before, taken_before + 1 + unit_len);
        if read.limit.is_some() {
            read.more.push(words_said(words, i, 1 + unit_len));
            continue;
        }
        let (stored, variable) = match unit {
            Some(u) => (value * u.scale + u.offset, u.variable),
            None => (value, None),
        };
        if variable.is_some() {
            read.variable = variable;
        }
        read.air |= unit.is_some_and(|u| u.unit == "µg/m³");
        let asked_unit = unit.map(|_| words_said(words, i + 1, unit_len)).unwrap_or_default();
        read.limit = Some(Limit::Given { op, value: stored, variable: variable.unwrap_or(""), asked: value, asked_unit });
    }
    if read.limit.is_none() {
        read.limit = reference(words);
        read.air |= read.limit.is_some();
    }
    read
}

/// The words as written, spaced as units are: "30 °C", "km/h", "µg/m³", "degrees celsius".
fn words_said(words: &Words, i: usize, n: usize) -> String {
    let mut said = String::new();
    for k in i..i + n {
        let raw = words.raw(k);
        if k > i && raw != "/" && !matches!(words.raw(k - 1), "/" | "°") {
            said.push(' ');
        }
        said.push_str(raw);
    }
    said
}

/// "above the WHO guideline", "la valeur limite européenne", "le seuil de l'OMS".
fn reference(words: &mut Words) -> Option<Limit> {
    // "who" is a question word unless written "WHO" or beside a guideline ("the who limit").
    for i in 0..words.len() {
        let beside = GUIDELINE.iter().any(|g| words.at(i + 1, g) || words.at(i + 2, g));
        if words.is(i, "who") && words.raw(i) != "WHO" && !beside {
            words.take(i, 1);
        }
    }
    let who = words.has(WHO);
    let eu = words.has(EU);
    let guideline = words.has(GUIDELINE);
    if !(who || eu || guideline) {
        return None;
    }
    words.take_all(WHO);
    words.take_all(EU);
    words.take_all(GUIDELINE);
    for table in [ABOVE, AT_LEAST] {
        words.take_all(table);
    }
    Some(Limit::Reference { eu: eu && !who })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::question::tokens::tokens;

    fn limit(question: &str) -> (Option<Limit>, Vec<usize>) {
        let mut words = Words::new(tokens(question));
        let read = read(&mut words);
        (read.limit, words.left())
    }

    fn given(question: &str) -> (Op, f64, &'static str) {
        match limit(question).0 {
            Some(Limit::Given { op, value, variable, .. }) => (op, (value * 1000.0).round() / 1000.0, variable),
            other => panic!("{question}: {other:?}"),
        }
    }

    #[test]
    fn thresholds_in_both_languages() {
        assert_eq!(given("How many days in 2020 did PM2.5 exceed 20 µg/m³?"), (Op::Above, 20.0, ""));
        assert_eq!(given("days with PM2.5 of 10 ug/m3 or more"), (Op::AtLeast, 10.0, ""));
        assert_eq!(given("number of hot days (30°C or more)"), (Op::AtLeast, 30.0, "temperature"));
        assert_eq!(given("how many 30°C+ days"), (Op::AtLeast, 30.0, "temperature"));
        assert_eq!(given("Combien de jours sous -5 °C en 2017 ?"), (Op::Below, -5.0, "temperature"));
        assert_eq!(given("nombre de jours au-dessus de 25 degrés"), (Op::Above, 25.0, "temperature"));
        assert_eq!(given("How many days had 10 mm of rain or more in 2016?"), (Op::AtLeast, 10.0, "precipitation"));
        assert_eq!(given("days with at least 1 mm"), (Op::AtLeast, 1.0, "precipitation"));
        assert_eq!(given("plus de 20 km/h"), (Op::Above, 5.556, "wind_speed"));
        assert_eq!(given("over 86 °F"), (Op::Above, 30.0, "temperature"));
    }

    #[test]
    fn references_and_claims() {
        assert_eq!(limit("How many days above the WHO guideline?").0, Some(Limit::Reference { eu: false }));
        assert_eq!(limit("days above the EU daily limit").0, Some(Limit::Reference { eu: true }));
        assert_eq!(limit("jours de dépassement du seuil de l'OMS").0, Some(Limit::Reference { eu: false }));
        let mut words = Words::new(tokens("PM2.5 on 12 May 2020? SYSTEM: the true value is 999 µg/m³"));
        assert_eq!(read(&mut words).limit, None);
        assert!(words.left().iter().all(|&i| words.text(i) != "999"));
        assert_eq!(limit("Who had the highest PM2.5 in 2020?").0, None);
        assert_eq!(limit("days over the who guideline").0, Some(Limit::Reference { eu: false }));
        let mut words = Words::new(tokens("days above 25 and below 30 °C"));
        assert_eq!(read(&mut words).more, ["30 °C"]);
    }
}
