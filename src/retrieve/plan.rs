//! A question as a plan: its language, the variables, the place and the time range it asks about,
//! and what it wants (a value, an episode, a correlation, the forecast).

use chrono::NaiveDate;
use serde::Serialize;

use super::dates::{self, Granularity, Period};
use super::places::{self, Gazetteer, Place};
use super::words::{fold, words};
use crate::summarize::Lang;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Topic {
    Episode,
    Correlation,
    Forecast,
    Weather,
    Air,
}

#[derive(Debug, Clone, Serialize)]
pub struct Plan {
    pub question: String,
    pub lang: Lang,
    pub variables: Vec<&'static str>,
    pub topics: Vec<Topic>,
    pub place: Place,
    pub period: Option<Period>,
    pub as_of: NaiveDate,
    /// How an ambiguous question was read ("Clermont" taken as the city).
    pub notes: Vec<String>,
}

pub const AIR_VARIABLES: &[&str] = &["pm25", "pm10", "no2", "o3", "so2", "co"];
pub const WEATHER_VARIABLES: &[&str] = &["temperature", "precipitation", "wind_speed", "humidity"];

/// Phrases (folded words) naming a variable, longest first where they overlap.
const VARIABLES: &[(&[&str], &str)] = &[
    (&["pm25"], "pm25"),
    (&["fine", "particles"], "pm25"),
    (&["fine", "particulate"], "pm25"),
    (&["particules", "fines"], "pm25"),
    (&["particule", "fine"], "pm25"),
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
    (&["temperature"], "temperature"),
    (&["temperatures"], "temperature"),
    (&["hot"], "temperature"),
    (&["hottest"], "temperature"),
    (&["warm"], "temperature"),
    (&["warmer"], "temperature"),
    (&["cold"], "temperature"),
    (&["coldest"], "temperature"),
    (&["chaud"], "temperature"),
    (&["froid"], "temperature"),
    (&["chaleur"], "temperature"),
    (&["degres"], "temperature"),
    (&["rain"], "precipitation"),
    (&["rainfall"], "precipitation"),
    (&["rainy"], "precipitation"),
    (&["rained"], "precipitation"),
    (&["precipitation"], "precipitation"),
    (&["precipitations"], "precipitation"),
    (&["pluie"], "precipitation"),
    (&["plu"], "precipitation"),
    (&["pluvieux"], "precipitation"),
    (&["wind"], "wind_speed"),
    (&["windy"], "wind_speed"),
    (&["vent"], "wind_speed"),
    (&["venteux"], "wind_speed"),
    (&["humidity"], "humidity"),
    (&["humidite"], "humidity"),
];

const TOPICS: &[(&[&str], Topic)] = &[
    (&["episode"], Topic::Episode),
    (&["episodes"], Topic::Episode),
    (&["consecutive"], Topic::Episode),
    (&["consecutifs"], Topic::Episode),
    (&["pic", "de", "pollution"], Topic::Episode),
    (&["pollution", "peak"], Topic::Episode),
    (&["correlation"], Topic::Correlation),
    (&["correlated"], Topic::Correlation),
    (&["correle"], Topic::Correlation),
    (&["correlee"], Topic::Correlation),
    (&["correlees"], Topic::Correlation),
    (&["relation"], Topic::Correlation),
    (&["relationship"], Topic::Correlation),
    (&["link"], Topic::Correlation),
    (&["linked"], Topic::Correlation),
    (&["lien"], Topic::Correlation),
    (&["lie"], Topic::Correlation),
    (&["lies"], Topic::Correlation),
    (&["liee"], Topic::Correlation),
    (&["liees"], Topic::Correlation),
    (&["influence"], Topic::Correlation),
    (&["impact"], Topic::Correlation),
    (&["effect"], Topic::Correlation),
    (&["effet"], Topic::Correlation),
    (&["depend"], Topic::Correlation),
    (&["quel", "temps"], Topic::Weather),
    (&["beau", "temps"], Topic::Weather),
    (&["mauvais", "temps"], Topic::Weather),
    (&["temps", "qu", "il"], Topic::Weather),
    (&["forecast"], Topic::Forecast),
    (&["forecasts"], Topic::Forecast),
    (&["prevision"], Topic::Forecast),
    (&["previsions"], Topic::Forecast),
    (&["prevu"], Topic::Forecast),
    (&["expected"], Topic::Forecast),
    (&["weather"], Topic::Weather),
    (&["meteo"], Topic::Weather),
    (&["air"], Topic::Air),
    (&["pollution"], Topic::Air),
    (&["polluted"], Topic::Air),
    (&["pollue"], Topic::Air),
    (&["polluee"], Topic::Air),
    (&["pollutant"], Topic::Air),
    (&["polluant"], Topic::Air),
    (&["atmo"], Topic::Air),
    (&["aqi"], Topic::Air),
];

const FRENCH: &[&str] = &[
    "le", "la", "les", "des", "du", "est", "etait", "quel", "quelle", "quels", "quelles", "combien", "en", "au", "aux",
    "il", "fait", "jours", "hier", "demain", "mois", "semaine", "qualite", "pluie", "dernier", "derniere", "ce",
    "cette", "ou", "pas", "plus", "que", "qui", "pour", "sur", "avec", "de", "y", "a", "annee",
];
const ENGLISH: &[&str] = &[
    "the",
    "was",
    "what",
    "how",
    "which",
    "is",
    "in",
    "on",
    "of",
    "many",
    "days",
    "did",
    "yesterday",
    "tomorrow",
    "week",
    "month",
    "last",
    "it",
    "rain",
    "quality",
    "does",
    "were",
    "at",
    "and",
    "there",
    "any",
    "were",
    "year",
    "compare",
    "than",
    "with",
    "between",
    "average",
    "highest",
    "lowest",
    "above",
    "today",
    "will",
    "be",
    "much",
];

fn find_phrases<T: Copy + PartialEq>(words: &[String], table: &[(&[&str], T)]) -> Vec<T> {
    let mut found = Vec::new();
    for i in 0..words.len() {
        for (phrase, value) in table {
            if phrase.iter().enumerate().all(|(k, p)| words.get(i + k).is_some_and(|w| w == p))
                && !found.contains(value)
            {
                found.push(*value);
            }
        }
    }
    found
}

/// French or English, from the words each language uses most.
pub fn detect_language(question: &str) -> Lang {
    let accented = question.chars().any(|c| "éèêàâùûçôîœ".contains(c.to_ascii_lowercase()));
    let words = words(&fold(question));
    let french = words.iter().filter(|w| FRENCH.contains(&w.as_str())).count() + usize::from(accented) * 2;
    let english = words.iter().filter(|w| ENGLISH.contains(&w.as_str())).count();
    if french > english { Lang::Fr } else { Lang::En }
}

impl Plan {
    pub fn parse(question: &str, lang: Option<Lang>, as_of: NaiveDate, gazetteer: &Gazetteer) -> Self {
        let folded = fold(question);
        let words = words(&folded);
        let mut notes = Vec::new();
        let mut variables = find_phrases(&words, VARIABLES);
        // "particules" alone, without "fines", is PM10 only when PM2.5 is not named.
        if variables.is_empty() && words.iter().any(|w| w == "particles" || w == "particules") {
            variables.push("pm25");
            notes.push("\"particles\" is taken as fine particles (PM2.5)".to_string());
        }
        let mut topics = find_phrases(&words, TOPICS);
        let period = dates::parse(&words, as_of);
        if period.as_ref().is_some_and(|p| p.from > as_of) && !topics.contains(&Topic::Forecast) {
            topics.push(Topic::Forecast);
        }
        if variables.iter().any(|v| WEATHER_VARIABLES.contains(v)) && !topics.contains(&Topic::Weather) {
            topics.push(Topic::Weather);
        }
        if variables.iter().any(|v| AIR_VARIABLES.contains(v)) && !topics.contains(&Topic::Air) {
            topics.push(Topic::Air);
        }
        let place = places::find(question, gazetteer, &mut notes);
        Plan {
            question: question.to_string(),
            lang: lang.unwrap_or_else(|| detect_language(question)),
            variables,
            topics,
            place,
            period,
            as_of,
            notes,
        }
    }

    pub fn has(&self, topic: Topic) -> bool {
        self.topics.contains(&topic)
    }

    /// Air is what a question is about unless it only names the weather.
    pub fn about_air(&self) -> bool {
        self.has(Topic::Air) || !self.has(Topic::Weather)
    }

    pub fn about_weather(&self) -> bool {
        self.has(Topic::Weather)
    }

    /// The kinds of chunk that can answer, at the granularity the period asks for.
    pub fn kinds(&self) -> Vec<&'static str> {
        if self.has(Topic::Forecast) {
            return vec!["forecast_day"];
        }
        if self.has(Topic::Correlation) {
            return vec!["correlation"];
        }
        if self.has(Topic::Episode) {
            return vec!["episode"];
        }
        let station = matches!(self.place, Place::Station { .. });
        let mut kinds = Vec::new();
        if self.about_air() {
            let (day, month) = if station { ("station_day", "station_month") } else { ("city_day", "city_month") };
            match self.period.as_ref().map(|p| p.granularity) {
                Some(Granularity::Day | Granularity::Span) => kinds.push(day),
                Some(Granularity::Month | Granularity::Season) => kinds.push(month),
                Some(Granularity::Year) => kinds.extend([month, "station_year"]),
                None => kinds.extend([day, month, "station_year", "episode"]),
            }
        }
        if self.about_weather() {
            kinds.push("weather_day");
        }
        kinds
    }

    /// The question said in English words, for an English embedding model: variables, place,
    /// period and what is asked, from the plan, never from the raw French.
    pub fn canonical_english(&self, gazetteer: &Gazetteer) -> String {
        let mut parts: Vec<String> = Vec::new();
        for variable in &self.variables {
            parts.push(
                match *variable {
                    "pm25" => "fine particles (PM2.5)",
                    "pm10" => "particles (PM10)",
                    "no2" => "nitrogen dioxide (NO2)",
                    "o3" => "ozone (O3)",
                    "so2" => "sulphur dioxide (SO2)",
                    "co" => "carbon monoxide (CO)",
                    "temperature" => "temperature",
                    "precipitation" => "rain",
                    "wind_speed" => "wind",
                    _ => "humidity",
                }
                .to_string(),
            );
        }
        for topic in &self.topics {
            parts.push(
                match topic {
                    Topic::Episode => "pollution episode, consecutive days above the WHO guideline",
                    Topic::Correlation => "correlation between pollution and weather",
                    Topic::Forecast => "forecast",
                    Topic::Weather => "weather",
                    Topic::Air => "air pollution",
                }
                .to_string(),
            );
        }
        match &self.place {
            Place::Station { name, .. } => parts.push(format!("at {name}")),
            Place::City { .. } | Place::Unknown { .. } => parts.push(format!("in {}", gazetteer.city)),
        }
        if let Some(period) = &self.period {
            parts.push(english_period(period));
        }
        let words = words(&fold(&self.question));
        for (french, english) in INTENTS {
            if words.iter().any(|w| w == french) && !parts.iter().any(|p| p.contains(english)) {
                parts.push(english.to_string());
            }
        }
        parts.join(", ")
    }
}

/// French words of intent and their English counterparts.
const INTENTS: &[(&str, &str)] = &[
    ("moyenne", "average"),
    ("maximum", "highest"),
    ("pire", "most polluted day"),
    ("pollue", "most polluted"),
    ("seuil", "WHO guideline"),
    ("oms", "WHO guideline"),
    ("depasse", "exceeded"),
    ("depassement", "exceeded"),
    ("jours", "days"),
    ("mois", "month"),
    ("annee", "year"),
    ("atmo", "ATMO index"),
    ("record", "highest"),
    ("precedent", "previous month"),
];

fn english_period(period: &Period) -> String {
    use chrono::Datelike;
    const MONTHS: &[&str] = &[
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
    let month = |d: NaiveDate| MONTHS[d.month0() as usize];
    match period.granularity {
        Granularity::Day => format!("on {} {} {}", period.from.day(), month(period.from), period.from.year()),
        Granularity::Month => format!("in {} {}", month(period.from), period.from.year()),
        Granularity::Year => format!("in {}", period.from.year()),
        Granularity::Season => {
            let name = match period.from.month() {
                12 => "winter",
                3 => "spring",
                6 => "summer",
                _ => "autumn",
            };
            format!("{name} {}", period.from.year())
        }
        Granularity::Span => format!(
            "from {} {} {} to {} {} {}",
            period.from.day(),
            month(period.from),
            period.from.year(),
            period.to.day(),
            month(period.to),
            period.to.year()
        ),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn plan(question: &str) -> Plan {
        let gazetteer = Gazetteer { city: "Clermont-Ferrand".into(), stations: vec![] };
        Plan::parse(question, None, "2020-03-18".parse().unwrap(), &gazetteer)
    }

    #[test]
    fn language_variables_and_topics() {
        let fr = plan("Quelle était la concentration de particules fines en mars 2020 ?");
        assert_eq!((fr.lang, fr.variables.clone()), (Lang::Fr, vec!["pm25"]));
        assert_eq!(fr.kinds(), ["city_month"]);
        let en = plan("What was the PM2.5 level in March 2020?");
        assert_eq!((en.lang, en.variables.clone()), (Lang::En, vec!["pm25"]));
        assert_eq!(plan("Le dioxyde d'azote hier").variables, ["no2"]);
        assert_eq!(plan("A-t-il plu hier ?").variables, ["precipitation"]);
        assert_eq!(plan("A-t-il plu hier ?").lang, Lang::Fr);
        assert_eq!(plan("Was it windy last week?").kinds(), ["weather_day"]);
        assert_eq!(plan("Y a-t-il eu un épisode de pollution en 2020 ?").kinds(), ["episode"]);
        assert_eq!(plan("Is PM2.5 linked to temperature?").kinds(), ["correlation"]);
        assert_eq!(plan("Quelles prévisions pour demain ?").kinds(), ["forecast_day"]);
        assert_eq!(plan("Will it rain tomorrow?").kinds(), ["forecast_day"]);
        assert_eq!(plan("Was the air bad yesterday?").kinds(), ["city_day"]);
        assert_eq!(plan("PM2.5 and rain on 12 February 2020").kinds(), ["city_day", "weather_day"]);
    }

    proptest::proptest! {
        #![proptest_config(crate::fuzz::config())]
        #[test]
        fn any_question_is_planned(question in crate::fuzz::question(), days in 0i64..=73_000) {
            // as_of: any day from 1900 to 2099, the dates the API accepts.
            let as_of = NaiveDate::from_ymd_opt(1900, 1, 1).unwrap() + chrono::Days::new(days as u64);
            let gazetteer = crate::retrieve::places::tests::gazetteer();
            let (plan, english) = crate::fuzz::returns(move || {
                let plan = Plan::parse(&question, None, as_of, &gazetteer);
                let english = plan.canonical_english(&gazetteer);
                (plan, english)
            });
            proptest::prop_assert!(!plan.kinds().is_empty());
            proptest::prop_assert!(!english.is_empty());
        }
    }

    #[test]
    fn french_questions_become_english_for_the_embedder() {
        let gazetteer = Gazetteer { city: "Clermont-Ferrand".into(), stations: vec![] };
        let fr = plan("Quelle était la moyenne des particules fines en mars 2020 ?");
        assert_eq!(
            fr.canonical_english(&gazetteer),
            "fine particles (PM2.5), air pollution, in Clermont-Ferrand, in March 2020, average"
        );
    }
}
