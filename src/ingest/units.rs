//! Canonical variable names and units, and the plausibility checks every value passes.

/// A pollutant or index with its canonical name and unit.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Variable {
    pub name: &'static str,
    pub unit: &'static str,
    /// g/mol, for converting ppb/ppm to µg/m³.
    molar_mass: Option<f64>,
    max: f64,
}

pub const MICROGRAMS: &str = "µg/m³";

const VARIABLES: &[Variable] = &[
    Variable { name: "pm25", unit: MICROGRAMS, molar_mass: None, max: 2000.0 },
    Variable { name: "pm10", unit: MICROGRAMS, molar_mass: None, max: 5000.0 },
    Variable { name: "no2", unit: MICROGRAMS, molar_mass: Some(46.0055), max: 2000.0 },
    Variable { name: "o3", unit: MICROGRAMS, molar_mass: Some(47.9982), max: 2000.0 },
    Variable { name: "so2", unit: MICROGRAMS, molar_mass: Some(64.066), max: 5000.0 },
    Variable { name: "co", unit: MICROGRAMS, molar_mass: Some(28.0101), max: 100_000.0 },
    Variable { name: "european_aqi", unit: "EAQI", molar_mass: None, max: 1000.0 },
    Variable { name: "temperature", unit: "°C", molar_mass: None, max: 60.0 },
    Variable { name: "temperature_min", unit: "°C", molar_mass: None, max: 60.0 },
    Variable { name: "temperature_max", unit: "°C", molar_mass: None, max: 60.0 },
    Variable { name: "precipitation", unit: "mm", molar_mass: None, max: 1000.0 },
    Variable { name: "wind_speed_max", unit: "m/s", molar_mass: None, max: 120.0 },
];

/// Litres per mole at 20 °C and 1013.25 hPa, the EU convention for ppb → µg/m³.
const MOLAR_VOLUME_20C: f64 = 24.055;

/// Maps the many spellings of upstream sources to a canonical variable.
pub fn variable(name: &str) -> Option<Variable> {
    let canonical = match name.trim().to_ascii_lowercase().replace([' ', '-', '.'], "_").as_str() {
        "pm25" | "pm2_5" => "pm25",
        "pm10" => "pm10",
        "no2" | "nitrogen_dioxide" => "no2",
        "o3" | "ozone" => "o3",
        "so2" | "sulphur_dioxide" | "sulfur_dioxide" => "so2",
        "co" | "carbon_monoxide" => "co",
        "european_aqi" | "eaqi" => "european_aqi",
        "temperature" | "temperature_mean" | "temperature_2m_mean" | "tmoy" => "temperature",
        "temperature_min" | "temperature_2m_min" | "tmin" => "temperature_min",
        "temperature_max" | "temperature_2m_max" | "tmax" => "temperature_max",
        "precipitation" | "precipitation_sum" => "precipitation",
        "wind_speed_max" | "wind_speed_10m_max" => "wind_speed_max",
        _ => return None,
    };
    VARIABLES.iter().copied().find(|v| v.name == canonical)
}

impl Variable {
    /// The value in the canonical unit, or why it cannot be accepted.
    pub fn normalise(&self, value: f64, unit: &str) -> Result<f64, String> {
        let converted = self.convert(value, unit)?;
        if !converted.is_finite() {
            return Err(format!("{} value {value} is not a number", self.name));
        }
        let min = if self.unit == "°C" { -90.0 } else { 0.0 };
        if converted < min || converted > self.max {
            return Err(format!("{} value {value} {unit} is impossible", self.name));
        }
        Ok(converted)
    }
}

impl Variable {
    /// The value in the canonical unit, without plausibility checks.
    pub fn convert(&self, value: f64, unit: &str) -> Result<f64, String> {
        convert(value, unit, self)
    }
}

fn convert(value: f64, unit: &str, variable: &Variable) -> Result<f64, String> {
    // OpenAQ writes MICRO SIGN (U+00B5), Open-Meteo GREEK SMALL MU (U+03BC).
    let unit_key = unit.trim().replace('\u{3bc}', "\u{b5}").to_lowercase();
    let unit_key = unit_key.as_str();
    let same = |accepted: &[&str]| accepted.contains(&unit_key);
    match variable.unit {
        MICROGRAMS if same(&["µg/m³", "µg/m3", "ug/m3", "ug/m³", "microg/m3"]) => Ok(value),
        MICROGRAMS if same(&["mg/m³", "mg/m3"]) => Ok(value * 1000.0),
        MICROGRAMS if same(&["ppb", "ppm"]) => match variable.molar_mass {
            Some(mass) => Ok(value * if unit_key == "ppm" { 1000.0 } else { 1.0 } * mass / MOLAR_VOLUME_20C),
            None => Err(format!("unit {unit} does not apply to {}", variable.name)),
        },
        "EAQI" if same(&["eaqi", ""]) => Ok(value),
        "°C" if same(&["°c", "c", "celsius", "degc"]) => Ok(value),
        "°C" if same(&["°f", "f", "fahrenheit"]) => Ok((value - 32.0) * 5.0 / 9.0),
        "°C" if same(&["k", "kelvin"]) => Ok(value - 273.15),
        "mm" if same(&["mm"]) => Ok(value),
        "mm" if same(&["inch", "in"]) => Ok(value * 25.4),
        "m/s" if same(&["m/s"]) => Ok(value),
        "m/s" if same(&["km/h", "kmh"]) => Ok(value / 3.6),
        "m/s" if same(&["mp/h", "mph"]) => Ok(value * 0.44704),
        "m/s" if same(&["kn", "kt", "knots"]) => Ok(value * 0.514444),
        _ => Err(format!("unknown unit {unit:?} for {}", variable.name)),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn both_micro_signs_are_micrograms() {
        let pm = variable("PM2.5").unwrap();
        assert_eq!(pm.normalise(12.5, "\u{b5}g/m\u{b3}"), Ok(12.5));
        assert_eq!(pm.normalise(12.5, "\u{3bc}g/m\u{b3}"), Ok(12.5));
        assert_eq!(variable("pm2_5"), Some(pm));
    }

    #[test]
    fn gases_in_ppb_become_micrograms_at_20c() {
        let no2 = variable("nitrogen_dioxide").unwrap();
        assert!((no2.normalise(10.0, "ppb").unwrap() - 19.125).abs() < 0.01);
        assert!((variable("co").unwrap().normalise(1.0, "ppm").unwrap() - 1164.4).abs() < 0.5);
        assert!(variable("pm25").unwrap().normalise(1.0, "ppb").is_err());
    }

    #[test]
    fn impossible_values_and_unknown_units_are_refused() {
        let pm = variable("pm25").unwrap();
        assert!(pm.normalise(-999.0, "µg/m³").unwrap_err().contains("impossible"));
        assert!(pm.normalise(-0.5, "µg/m³").is_err());
        assert!(pm.normalise(f64::NAN, "µg/m³").is_err());
        assert!(pm.normalise(3.0, "furlongs").unwrap_err().contains("unknown unit"));
        assert_eq!(
            variable("temperature").unwrap().normalise(291.25, "K").map(|t| (t * 100.0).round() / 100.0),
            Ok(18.1)
        );
        assert_eq!(variable("benzene"), None);
    }
}
