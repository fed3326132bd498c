//! Names of what the service measures, in both languages: pollutants and weather variables, and the
//! topics a question may be about.

use serde::Serialize;

use crate::question::words::Words;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    Episode,
    Correlation,
    Forecast,
    Weather,
    Air,
    Housing,
}

pub const AIR_VARIABLES: &[&str] = &["pm25", "pm10", "no2", "o3", "so2", "co"];
pub const WEATHER_VARIABLES: &[&str] =
    &["temperature", "precipitation", "wind_speed", "wind_gust", "humidity", "pressure_msl"];

/// Phrases naming a variable, longest first where they overlap.
pub(crate) const VARIABLES: &[(&[&str], &str)] = &[
    (&["pm25"], "pm25"),
    (&["fine", "particles"], "pm25"),
    (&["fine", "particle"], "pm25"),
    (&["fine", "particulate", "matter"], "pm25"),
    (&["fine", "particulates"], "pm25"),
    (&["fine", "particulate"], "pm25"),
    (&["fine", "dust"], "pm25"),
    (&["particules", "fines"], "pm25"),
    (&["particule", "fine"], "pm25"),
    (&["poussieres", "fines"], "pm25"),
    (&["pm10"], "pm10"),
    (&["coarse", "particles"], "pm10"),
    (&["no2"], "no2"),
    (&["nitrogen", "dioxide"], "no2"),
    (&["dioxyde", "d", "azote"], "no2"),
    (&["o3"], "o3"),
    (&["ozone"], "o3"),
    (&["so2"], "so2"),
    (&["sulphur", "dioxide"], "so2"),
    (&["sulfur", "dioxide"], "so2"),
    (&["dioxyde", "de", "soufre"], "so2"),
    (&["carbon", "monoxide"], "co"),
    (&["monoxyde", "de", "carbone"], "co"),
    (&["sea", "level", "pressure"], "pressure_msl"),
    (&["atmospheric", "pressure"], "pressure_msl"),
    (&["air", "pressure"], "pressure_msl"),
    (&["barometric", "pressure"], "pressure_msl"),
    (&["pressure"], "pressure_msl"),
    (&["pression", "atmospherique"], "pressure_msl"),
    (&["pression", "au", "niveau", "de", "la", "mer"], "pressure_msl"),
    (&["pression"], "pressure_msl"),
    (&["barometre"], "pressure_msl"),
    (&["wind", "gusts"], "wind_gust"),
    (&["wind", "gust"], "wind_gust"),
    (&["gusts"], "wind_gust"),
    (&["gust"], "wind_gust"),
    (&["gusty"], "wind_gust"),
    (&["rafale", "de", "vent"], "wind_gust"),
    (&["rafales", "de", "vent"], "wind_gust"),
    (&["rafale"], "wind_gust"),
    (&["rafales"], "wind_gust"),
    (&["wind", "speed"], "wind_speed"),
    (&["vitesse", "du", "vent"], "wind_speed"),
    (&["vitesse", "moyenne", "du", "vent"], "wind_speed"),
    (&["wind"], "wind_speed"),
    (&["winds"], "wind_speed"),
    (&["windy"], "wind_speed"),
    (&["vent"], "wind_speed"),
    (&["vents"], "wind_speed"),
    (&["venteux"], "wind_speed"),
    (&["relative", "humidity"], "humidity"),
    (&["humidite", "relative"], "humidity"),
    (&["humidity"], "humidity"),
    (&["humid"], "humidity"),
    (&["humidite"], "humidity"),
    (&["humide"], "humidity"),
    (&["hygrometrie"], "humidity"),
    (&["temperature"], "temperature"),
    (&["temperatures"], "temperature"),
    (&["temp"], "temperature"),
    (&["temps", "moyenne"], "temperature"),
    (&["hot"], "temperature"),
    (&["warm"], "temperature"),
    (&["mild"], "temperature"),
    (&["cold"], "temperature"),
    (&["chilly"], "temperature"),
    (&["chaud"], "temperature"),
    (&["chaude"], "temperature"),
    (&["froid"], "temperature"),
    (&["froide"], "temperature"),
    (&["chaleur"], "temperature"),
    (&["fraicheur"], "temperature"),
    (&["degres"], "temperature"),
    (&["thermometer"], "temperature"),
    (&["thermometre"], "temperature"),
    (&["mercury"], "temperature"),
    (&["mercure"], "temperature"),
    (&["fait", "combien"], "temperature"),
    (&["faisait", "combien"], "temperature"),
    (&["fera", "combien"], "temperature"),
    (&["rainfall"], "precipitation"),
    (&["millimetres"], "precipitation"),
    (&["millimeters"], "precipitation"),
    (&["millimetre"], "precipitation"),
    (&["mm"], "precipitation"),
    (&["rain"], "precipitation"),
    (&["rains"], "precipitation"),
    (&["rainy"], "precipitation"),
    (&["rained"], "precipitation"),
    (&["raining"], "precipitation"),
    (&["precipitation"], "precipitation"),
    (&["precipitations"], "precipitation"),
    (&["wet"], "precipitation"),
    (&["pluie"], "precipitation"),
    (&["pluies"], "precipitation"),
    (&["plu"], "precipitation"),
    (&["pleut"], "precipitation"),
    (&["pleuvoir"], "precipitation"),
    (&["pleuvait"], "precipitation"),
    (&["pluvieux"], "precipitation"),
    (&["pluviometrie"], "precipitation"),
    (&["averses"], "precipitation"),
    (&["averse"], "precipitation"),
    (&["downpour"], "precipitation"),
    (&["downpours"], "precipitation"),
    (&["showers"], "precipitation"),
    (&["flotte"], "precipitation"),
    (&["flotter"], "precipitation"),
    (&["drache"], "precipitation"),
];

pub(crate) const TOPICS: &[(&[&str], Topic)] = &[
    (&["quel", "temps"], Topic::Weather),
    (&["quelle", "meteo"], Topic::Weather),
    (&["beau", "temps"], Topic::Weather),
    (&["mauvais", "temps"], Topic::Weather),
    (&["temps", "qu", "il"], Topic::Weather),
    (&["weather"], Topic::Weather),
    (&["meteo"], Topic::Weather),
    (&["air", "quality"], Topic::Air),
    (&["qualite", "de", "l", "air"], Topic::Air),
    (&["air"], Topic::Air),
    (&["pollution"], Topic::Air),
    (&["polluted"], Topic::Air),
    (&["pollue"], Topic::Air),
    (&["polluee"], Topic::Air),
    (&["pollutant"], Topic::Air),
    (&["pollutants"], Topic::Air),
    (&["polluant"], Topic::Air),
    (&["polluants"], Topic::Air),
    (&["particles"], Topic::Air),
    (&["particules"], Topic::Air),
    (&["particulate"], Topic::Air),
    (&["particulates"], Topic::Air),
];

/// The variables named, with where: a superlative ranks the variable named next to it.
pub fn read_variables(words: &mut Words) -> Vec<(usize, &'static str)> {
    let mut found = Vec::new();
    for i in 0..words.len() {
        // "ça fait combien en km/h ?" asks of the figure before, not of the temperature.
        let that = i > 0 && words.is(i - 1, "ca|cela|c") && words.is(i, "fait|faisait|fera");
        if let Some((pattern, variable)) = VARIABLES.iter().filter(|(p, _)| words.at(i, p) && !that).max_by_key(|(p, _)| p.len()) {
            words.take(i, pattern.len());
            found.push((i, *variable));
        }
    }
    found
}

pub fn variable_name(variable: &str) -> &'static str {
    match variable {
        "pm25" => "fine particles (PM2.5)",
        "pm10" => "particles (PM10)",
        "no2" => "nitrogen dioxide (NO2)",
        "o3" => "ozone (O3)",
        "so2" => "sulphur dioxide (SO2)",
        "co" => "carbon monoxide (CO)",
        "temperature" => "temperature",
        "precipitation" => "rain",
        "wind_speed" => "wind",
        "wind_gust" => "wind gusts",
        "pressure_msl" => "sea-level pressure",
        _ => "humidity",
    }
}

