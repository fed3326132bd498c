//! Station and place names in questions: accents and case ignored, close misspellings accepted
//! (the reader corrects them to the names it knows), places without data reported.

use serde::Serialize;
use sqlx::PgPool;

use crate::question::tokens::fold;
use super::transit::TransitNames;
use super::vocabulary::{OTHER_PLACES, is_function_word};
use crate::question::words::Words;
use crate::config::City;
use crate::lang::Lang;

#[derive(Debug, Clone, PartialEq, Serialize, sqlx::FromRow)]
pub struct Station {
    pub id: i64,
    pub name: String,
    pub code: Option<String>,
    pub kind: String,
    /// Within the city's radius: its values make the city-wide mean.
    pub in_city: bool,
}

/// The stations a question may name, and the city's own name.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Gazetteer {
    pub city: String,
    pub stations: Vec<Station>,
    /// The lines and stops of the timetables held.
    pub transit: std::sync::Arc<TransitNames>,
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
        let transit = TransitNames::load(pool).await?;
        Ok(Self { city: city.name.clone(), stations, transit })
    }

    pub fn city_stations(&self) -> Vec<i64> {
        self.stations.iter().filter(|s| s.in_city && s.kind == "air_quality").map(|s| s.id).collect()
    }

    /// The words of the city's name ("clermont", "ferrand").
    pub fn city_words(&self) -> Vec<String> {
        name_words(&self.city)
    }

    /// The words that tell a station apart: its name's words that are not the city's, and its code.
    pub fn distinctive_words(&self) -> Vec<String> {
        let city = self.city_words();
        let mut words: Vec<String> = self
            .stations
            .iter()
            .flat_map(|s| name_words(&s.name).into_iter().chain(s.code.iter().map(|c| fold(c))))
            .filter(|w| distinctive(w, &city))
            .collect();
        words.sort();
        words.dedup();
        words
    }
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
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

impl Default for Place {
    fn default() -> Self {
        Place::City { named: false }
    }
}

/// Words that name no station even when they are in a station's name.
const NOT_NAMES: [&str; 12] =
    ["station", "stations", "the", "les", "des", "ville", "city", "gare", "air", "weather", "meteo", "aeroport"];

/// A word of a station's name that tells it apart: not short, not the city's, not a common noun.
fn distinctive(word: &str, city_words: &[String]) -> bool {
    word.len() >= 4 && !city_words.iter().any(|c| c == word) && !NOT_NAMES.contains(&word)
}

fn name_words(name: &str) -> Vec<String> {
    fold(name)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| !w.is_empty())
        .map(str::to_string)
        .collect()
}

#[derive(Debug, Default)]
pub struct Read {
    /// The stations named, in the order of the question.
    pub stations: Vec<Place>,
    /// The city is named ("Clermont-Ferrand", "in town").
    pub city: bool,
    /// How a short name was read ("Clermont" as the city).
    pub notes: Vec<String>,
}

/// Reads the stations and the city the question names, taking their words.
pub fn read(words: &mut Words, gazetteer: &Gazetteer, lang: Lang) -> Read {
    let mut read = Read::default();
    let city_words = gazetteer.city_words();
    let mut named: Vec<(usize, &Station)> = Vec::new();
    for station in &gazetteer.stations {
        let own = name_words(&station.name);
        let code = station.code.as_deref().map(fold);
        let distinctive: Vec<&String> = own.iter().filter(|w| distinctive(w, &city_words)).collect();
        for i in 0..words.len() {
            let word = words.text(i).to_string();
            if !words.free(i) || !(distinctive.contains(&&word) || code.as_deref() == Some(word.as_str())) {
                continue;
            }
            named.push((i, station));
            // The rest of the name around it: "Clermont-Esplanade Gare", "Paray le Fresil".
            let (mut from, mut to) = (i, i + 1);
            while from > 0 && words.free(from - 1) && own.contains(&words.text(from - 1).to_string()) {
                from -= 1;
            }
            while words.free(to) && own.contains(&words.text(to).to_string()) {
                to += 1;
            }
            words.take(from, to - from);
        }
    }
    // "La gare" is the station at the railway station when only one is.
    let at_station: Vec<&Station> = gazetteer.stations.iter().filter(|s| name_words(&s.name).contains(&"gare".to_string())).collect();
    if let [station] = at_station[..] {
        for i in 0..words.len() {
            for pattern in [&["gare", "sncf"][..], &["railway", "station"], &["train", "station"], &["gare"], &["railway"]] {
                if words.at(i, pattern) {
                    words.take(i, pattern.len());
                    named.push((i, station));
                }
            }
        }
    }
    let weather: Vec<&Station> = gazetteer.stations.iter().filter(|s| s.kind == "weather").collect();
    if let [station] = weather[..] {
        for i in 0..words.len() {
            if words.is(i, "airport|aeroport|aerodrome") {
                words.take(i, 1);
                named.push((i, station));
            }
        }
    }
    named.sort_by_key(|(i, _)| *i);
    for (_, station) in named {
        let place = Place::Station { id: station.id, name: station.name.clone() };
        if !read.stations.contains(&place) {
            read.stations.push(place);
        }
    }
    // The city: its whole name, its first word alone (said), or "in town".
    let first = city_words.first().cloned().unwrap_or_default();
    let whole = !city_words.is_empty() && words.find(&city_words.iter().map(String::as_str).collect::<Vec<_>>()).is_some();
    if whole {
        words.take_pattern(&city_words.iter().map(String::as_str).collect::<Vec<_>>());
        read.city = true;
    }
    if let Some(i) = (!first.is_empty()).then(|| words.take_pattern(&[first.as_str()])).flatten() {
        read.city = true;
        // "Clermont-Fd": the rest of the name shortened to its first and last letters.
        let rest = city_words.get(1).map(String::as_str).unwrap_or_default();
        let short = words.text(i + 1);
        let abbreviated = words.free(i + 1)
            && words.dashed(i + 1)
            && short.len() == 2
            && rest.len() > 2
            && short.starts_with(&rest[..1])
            && short.ends_with(&rest[rest.len() - 1..]);
        if abbreviated {
            words.take(i + 1, 1);
        } else if !whole {
            let city = &gazetteer.city;
            read.notes.push(lang.say(
                &format!("\"{first}\" is taken as the city of {city} (the mean of its stations)"),
                &format!("« {first} » est lu comme la ville de {city} (la moyenne de ses stations)"),
            ));
        }
        while words.take_pattern(&[first.as_str()]).is_some() {}
    }
    for pattern in [
        &["in", "town"][..],
        &["en", "ville"],
        &["in", "the", "city"],
        &["centre", "ville"],
        &["downtown"],
        &["city", "centre"],
        &["city", "center"],
        &["toute", "la", "ville"],
        &["whole|entire", "city|town"],
        &["city|town", "as", "a", "whole"],
    ] {
        if let Some(i) = words.find(pattern) {
            // "in" and "en" stay function words; the noun says the city.
            words.take(i + pattern.len() - 1, 1);
            read.city = true;
        }
    }
    read
}

/// A place with no data: a known name (Lyon, Jardin Lecoq), or a capitalised word after "in",
/// "at", "à"... that `known` does not know.
pub fn unknown(words: &mut Words, known: impl Fn(&str) -> bool) -> Option<String> {
    for i in 0..words.len() {
        // "Nice" is a city; "nice" (weather) is not.
        let capitalised = words.raw(i).chars().next().is_some_and(char::is_uppercase);
        let common = is_function_word(words.text(i));
        if let Some(pattern) = OTHER_PLACES.iter().find(|p| words.at(i, p)).filter(|_| capitalised || !common) {
            let name = (i..i + pattern.len()).map(|k| words.raw(k)).collect::<Vec<_>>().join(" ");
            words.take(i, pattern.len());
            return Some(name);
        }
    }
    const BEFORE: &str = "in|at|a|au|near|pour|for|de|du|vers|around|sur|to";
    for i in 1..words.len() {
        let raw = words.raw(i).to_string();
        let capitalised = raw.chars().next().is_some_and(char::is_uppercase) && raw.chars().count() >= 3;
        let word = words.text(i).to_string();
        if words.free(i)
            && capitalised
            && BEFORE.split('|').any(|b| b == words.text(i - 1))
            && !known(&word)
            && word.chars().all(char::is_alphabetic)
        {
            words.take(i, 1);
            return Some(raw);
        }
    }
    None
}

#[cfg(test)]
pub(crate) mod tests {
    use super::*;
    use crate::question::tokens::tokens;

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
            transit: Default::default(),
        }
    }

    fn place(question: &str) -> Read {
        read(&mut Words::new(tokens(question)), &gazetteer(), Lang::En)
    }

    fn ids(question: &str) -> Vec<i64> {
        place(question)
            .stations
            .iter()
            .map(|p| match p {
                Place::Station { id, .. } => *id,
                other => panic!("{question}: {other:?}"),
            })
            .collect()
    }

    #[test]
    fn stations_by_name_code_and_alias() {
        for (question, id) in [
            ("PM2.5 à Montferrand en mars 2020", 1),
            ("particules à l'esplanade de la gare", 2),
            ("Clermont Esplanade Gare", 2),
            ("particules fines à la gare le 14 juillet", 2),
            ("air à Paray-le-Frésil", 3),
            ("Aurillac in May", 4),
            ("pluie à Aulnat", 5),
            ("temperature at the airport", 5),
            ("station FR07004", 1),
        ] {
            assert_eq!(ids(question), [id], "{question}");
        }
        assert_eq!(ids("Was PM2.5 higher at Esplanade Gare or at Montferrand?"), [2, 1]);
    }

    #[test]
    fn the_city_and_unknown_places() {
        assert!(place("air quality in Clermont-Ferrand").city);
        assert!(!place("Was the air bad yesterday?").city);
        let clermont = place("PM2.5 à Clermont hier");
        assert!(clermont.city && clermont.notes[0].contains("Clermont"), "{:?}", clermont.notes);
        assert!(place("PM2.5 in town").city);
        let unknown_of = |q: &str| unknown(&mut Words::new(tokens(q)), |w| w == "march");
        assert_eq!(unknown_of("What was PM2.5 in Lyon in March 2020?"), Some("Lyon".into()));
        assert_eq!(unknown_of("Quelle pollution à Marseille ?"), Some("Marseille".into()));
        assert_eq!(unknown_of("particules fines au jardin Lecoq"), Some("jardin Lecoq".into()));
        assert_eq!(unknown_of("PM2.5 in March"), None);
    }
}
