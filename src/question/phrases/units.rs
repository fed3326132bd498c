//! The unit an answer is asked in: "en km/h", "in Fahrenheit", "in knots". A unit after a number is
//! a threshold's (`limits`), not this.

use serde::Serialize;

use crate::question::words::Words;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub enum OutputUnit {
    #[serde(rename = "km/h")]
    Kmh,
    #[serde(rename = "m/s")]
    Ms,
    #[serde(rename = "kt")]
    Knots,
    #[serde(rename = "mph")]
    Mph,
    #[serde(rename = "°F")]
    Fahrenheit,
    #[serde(rename = "°C")]
    Celsius,
}

const UNITS: &[(&[&str], OutputUnit)] = &[
    (&["km", "/", "h"], OutputUnit::Kmh),
    (&["km", "h"], OutputUnit::Kmh),
    (&["kmh|kph"], OutputUnit::Kmh),
    (&["km|kilometres|kilometers|kilometre|kilometer", "par|per|an|a|by", "heure|hour"], OutputUnit::Kmh),
    (&["m", "/", "s"], OutputUnit::Ms),
    (&["metres|meters|metre|meter", "par|per|a", "seconde|second"], OutputUnit::Ms),
    (&["knots|knot|noeuds|noeud|kt|kts"], OutputUnit::Knots),
    (&["mph"], OutputUnit::Mph),
    (&["miles", "per|an|a", "hour"], OutputUnit::Mph),
    (&["degres|degrees|degre|degree", "fahrenheit"], OutputUnit::Fahrenheit),
    (&["°", "f"], OutputUnit::Fahrenheit),
    (&["fahrenheit"], OutputUnit::Fahrenheit),
    (&["degres|degrees|degre|degree", "celsius"], OutputUnit::Celsius),
    (&["°", "c"], OutputUnit::Celsius),
    (&["celsius"], OutputUnit::Celsius),
];

impl OutputUnit {
    pub fn symbol(self) -> &'static str {
        match self {
            OutputUnit::Kmh => "km/h",
            OutputUnit::Ms => "m/s",
            OutputUnit::Knots => "kt",
            OutputUnit::Mph => "mph",
            OutputUnit::Fahrenheit => "°F",
            OutputUnit::Celsius => "°C",
        }
    }

    /// The unit the service stores what it converts.
    pub fn stored(self) -> &'static str {
        match self {
            OutputUnit::Fahrenheit | OutputUnit::Celsius => "°C",
            _ => "m/s",
        }
    }

    /// Whether `variable` is measured in this unit's dimension.
    pub fn fits(self, variable: &str) -> bool {
        match self.stored() {
            "°C" => variable == "temperature",
            _ => matches!(variable, "wind_speed" | "wind_gust"),
        }
    }

    /// `value` in the stored unit, in this one; a difference (`delta`) scales without the offset.
    pub fn convert(self, value: f64, delta: bool) -> f64 {
        match self {
            OutputUnit::Kmh => value * 3.6,
            OutputUnit::Knots => value * 3600.0 / 1852.0,
            OutputUnit::Mph => value / 0.44704,
            OutputUnit::Fahrenheit if delta => value * 9.0 / 5.0,
            OutputUnit::Fahrenheit => value * 9.0 / 5.0 + 32.0,
            OutputUnit::Ms | OutputUnit::Celsius => value,
        }
    }

    /// The unit of a symbol as `symbol` writes it.
    pub fn from_symbol(symbol: &str) -> Option<Self> {
        [OutputUnit::Kmh, OutputUnit::Ms, OutputUnit::Knots, OutputUnit::Mph, OutputUnit::Fahrenheit, OutputUnit::Celsius]
            .into_iter()
            .find(|u| u.symbol() == symbol)
    }
}

/// The words of the table, for correcting misspellings.
pub(crate) fn known_words() -> Vec<&'static str> {
    UNITS.iter().flat_map(|(p, _)| p.iter().flat_map(|w| w.split('|'))).collect()
}

/// The unit asked for, with its words, taken.
pub fn read(words: &mut Words) -> Option<(OutputUnit, String)> {
    let mut found = None;
    for i in 0..words.len() {
        let Some((pattern, unit)) = UNITS.iter().filter(|(p, _)| words.at(i, p)).max_by_key(|(p, _)| p.len()) else { continue };
        let lead = usize::from(i > 0 && words.is(i - 1, "in|en|into|as|au"));
        // "km / h" as tokens, "km/h" as written.
        let said = if pattern.len() > 1 && pattern.contains(&"/") { unit.symbol().to_string() } else { words.said(i, pattern.len()) };
        words.take(i - lead, pattern.len() + lead);
        found.get_or_insert((*unit, said));
    }
    found
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::question::tokens::tokens;

    #[test]
    fn units_asked_for_and_their_conversions() {
        let unit = |q: &str| read(&mut Words::new(tokens(q))).map(|(u, _)| u);
        assert_eq!(unit("et en km/h ?"), Some(OutputUnit::Kmh));
        assert_eq!(unit("rafale la plus forte en fevrier 2020, en km/h ?"), Some(OutputUnit::Kmh));
        assert_eq!(unit("in Fahrenheit please"), Some(OutputUnit::Fahrenheit));
        assert_eq!(unit("en noeuds"), Some(OutputUnit::Knots));
        assert_eq!(unit("PM2.5 in March"), None);
        assert!((OutputUnit::Kmh.convert(10.0, false) - 36.0).abs() < 1e-9);
        assert!((OutputUnit::Fahrenheit.convert(30.0, false) - 86.0).abs() < 1e-9);
        assert!((OutputUnit::Fahrenheit.convert(5.0, true) - 9.0).abs() < 1e-9);
        assert!(OutputUnit::Kmh.fits("wind_gust") && !OutputUnit::Kmh.fits("pm25"));
    }
}
