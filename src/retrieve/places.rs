//! Station and place names in questions: accents and case ignored, close misspellings accepted.

use serde::Serialize;
use sqlx::PgPool;

use super::words::{close, fold, words};
use crate::config::City;

#[derive(Debug, Clone, Serialize, sqlx::FromRow)]
pub struct Station {
    pub id: i64,
    pub name: String,
    pub code: Option<String>,
    pub kind: String,
    /// Within the city's radius: its values make the city-wide mean.
    pub in_city: bool,
}

/// The stations a question may name, and the city's own name.
#[derive(Debug, Clone, Default)]
pub struct Gazetteer {
    pub city: String,
    pub stations: Vec<Station>,
}

impl Gazetteer {
    #[tracing::instrument(name = "db.gazetteer", skip_all)]
    pub async fn load(pool: &PgPool, city: &City) -> sqlx::Result<Self> {
        let stations = sqlx::query_as(include_str!("sql/stations.sql"))
            .bind(city.latitude)
            .bind(city.longitude)
            .bind(city.radius_km)
            .fetch_all(pool)
            .await?;
        Ok(Self { city: city.name.clone(), stations })
    }

    pub fn city_stations(&self) -> Vec<i64> {
        self.stations.iter().filter(|s| s.in_city && s.kind == "air_quality").map(|s| s.id).collect()
    }
}

#[derive(Debug, Clone, PartialEq, Serialize)]
#[serde(tag = "scope", rename_all = "snake_case")]
pub enum Place {
    /// The city-wide mean (or no place named: the city by default).
    City {
        named: bool,
    },
    Station {
        id: i64,
        name: String,
    },
    /// A place the data does not cover.
    Unknown {
        name: String,
    },
}

/// Words that name no station even when they look like one.
const NOT_NAMES: [&str; 12] =
    ["station", "stations", "the", "les", "des", "ville", "city", "gare", "air", "weather", "meteo", "aeroport"];

/// The stations the question names, best match first.
pub fn stations_named<'a>(question: &str, gazetteer: &'a Gazetteer) -> Vec<&'a Station> {
    let words = words(&fold(question));
    let city_words = words_of(&gazetteer.city);
    let mut scored: Vec<(&Station, usize)> =
        gazetteer.stations.iter().map(|s| (s, score(s, &words, &city_words))).filter(|(_, n)| *n > 0).collect();
    scored.sort_by(|a, b| b.1.cmp(&a.1).then(a.0.id.cmp(&b.0.id)));
    scored.into_iter().map(|(s, _)| s).collect()
}

fn score(station: &Station, words: &[String], city_words: &[String]) -> usize {
    let code = station.code.as_deref().map(str::to_lowercase);
    let distinctive: Vec<String> = words_of(&station.name)
        .into_iter()
        .filter(|w| w.len() >= 4 && !city_words.contains(w) && !NOT_NAMES.contains(&w.as_str()))
        .collect();
    let mut score = distinctive.iter().filter(|d| words.iter().any(|w| close(w, d))).count();
    if code.is_some_and(|c| words.contains(&c)) {
        score += 2;
    }
    // "Esplanade Gare": "gare" counts once the station is named.
    if score > 0 && station.name.to_lowercase().contains("gare") && words.iter().any(|w| w == "gare") {
        score += 1;
    }
    score
}

/// The station or place the question names. `Clermont` alone is the city, said so in `notes`.
pub fn find(question: &str, gazetteer: &Gazetteer, notes: &mut Vec<String>) -> Place {
    let words = words(&fold(question));
    let city_words = words_of(&gazetteer.city);
    if let Some(station) = stations_named(question, gazetteer).first() {
        return Place::Station { id: station.id, name: station.name.clone() };
    }
    let city_named = !city_words.is_empty() && city_words.iter().all(|c| words.iter().any(|w| close(w, c)));
    if !city_named
        && let Some(first) = city_words.first()
        && words.iter().any(|w| close(w, first))
    {
        notes.push(format!("\"{}\" is taken as the city of {} (the mean of its stations)", first, gazetteer.city));
        return Place::City { named: true };
    }
    if city_named {
        return Place::City { named: true };
    }
    match unknown_place(question) {
        Some(name) => Place::Unknown { name },
        None => Place::City { named: false },
    }
}

fn words_of(name: &str) -> Vec<String> {
    words(&fold(name))
}

/// A capitalised name after "in", "at", "à"... that is not a month, a day or a known word:
/// "What was the PM2.5 in Lyon?" names Lyon.
fn unknown_place(question: &str) -> Option<String> {
    const BEFORE: &[&str] = &["in", "at", "à", "a", "au", "near", "pour", "for", "de"];
    const NOT_PLACES: &[&str] = &[
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
        "WHO",
        "OMS",
        "PM2.5",
        "PM10",
        "NO2",
        "ATMO",
        "I",
        "EU",
    ];
    let tokens: Vec<&str> = question
        .split(|c: char| c.is_whitespace() || matches!(c, ',' | '?' | '!' | ';' | ':'))
        .filter(|t| !t.is_empty())
        .collect();
    tokens.windows(2).find_map(|pair| {
        let (before, name) = (pair[0].to_lowercase(), pair[1].trim_matches(|c: char| !c.is_alphanumeric()));
        let capitalised = name.chars().next().is_some_and(char::is_uppercase) && name.chars().count() >= 3;
        let known = NOT_PLACES.iter().any(|n| n.eq_ignore_ascii_case(name)) || name.chars().any(|c| c.is_ascii_digit());
        (BEFORE.contains(&before.as_str()) && capitalised && !known).then(|| name.to_string())
    })
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;

    pub(crate) fn gazetteer() -> Gazetteer {
        let station = |id, name: &str, code: &str, kind: &str, in_city| Station {
            id,
            name: name.into(),
            code: Some(code.into()),
            kind: kind.into(),
            in_city,
        };
        Gazetteer {
            city: "Clermont-Ferrand".into(),
            stations: vec![
                station(1, "Montferrand", "FR07004", "air_quality", true),
                station(2, "Clermont-Esplanade Gare", "FR07034", "air_quality", true),
                station(3, "Paray le Fresil", "FR07022", "air_quality", false),
                station(4, "Aurillac-Lagarde", "FR07052", "air_quality", false),
                station(5, "Clermont-Ferrand (Aulnat)", "07460", "weather", true),
            ],
        }
    }

    fn place(question: &str) -> (Place, Vec<String>) {
        let mut notes = Vec::new();
        (find(question, &gazetteer(), &mut notes), notes)
    }

    #[test]
    fn stations_by_name_accent_case_and_misspelling() {
        for (question, id) in [
            ("PM2.5 à Montferrand en mars 2020", 1),
            ("pm2.5 at MONTFERAND", 1),
            ("particules à l'esplanade de la gare", 2),
            ("Clermont Esplanade Gare", 2),
            ("air à Paray-le-Frésil", 3),
            ("Aurillac in May", 4),
            ("pluie à Aulnat", 5),
            ("station FR07004", 1),
        ] {
            match place(question).0 {
                Place::Station { id: found, .. } => assert_eq!(found, id, "{question}"),
                other => panic!("{question}: {other:?}"),
            }
        }
    }

    #[test]
    fn the_city_and_unknown_places() {
        assert_eq!(place("air quality in Clermont-Ferrand").0, Place::City { named: true });
        assert_eq!(place("Was the air bad yesterday?").0, Place::City { named: false });
        let (clermont, notes) = place("PM2.5 à Clermont hier");
        assert_eq!(clermont, Place::City { named: true });
        assert!(notes[0].contains("Clermont"), "{notes:?}");
        assert_eq!(place("What was PM2.5 in Lyon in March 2020?").0, Place::Unknown { name: "Lyon".into() });
        assert_eq!(place("Quelle pollution à Marseille ?").0, Place::Unknown { name: "Marseille".into() });
        assert_eq!(place("PM2.5 in March 2020").0, Place::City { named: false });
    }
}
