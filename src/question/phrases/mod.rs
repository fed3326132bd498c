//! Phrase rules: the words of a question, folded and spelled right, become constraints, each with the
//! words it came from. The rules run in a fixed order (a size before the numbers of dates, dates
//! before thresholds, thresholds before the units asked for...), each taking its words; what no rule
//! takes is a function word, a topic without data, or a word that would change the answer (then the
//! question is refused rather than answered as another). Nothing here knows today: periods stay as
//! written until `resolve`.

pub mod housing;
pub mod limits;
pub mod measures;
pub mod periods;
pub mod places;
mod spelling;
mod stop_names;
pub mod transit;
pub mod units;
pub mod variables;
pub mod vocabulary;

use crate::lang::Lang;
use crate::question::constraints::{Constraints, DayOf};
use crate::question::tokens::{number, tokens};
use crate::question::words::Words;
use limits::Limit;
use measures::{Asks, DayKind, Unit};
use places::{Gazetteer, Place};
use variables::{AIR_VARIABLES, TOPICS, Topic, WEATHER_VARIABLES};
use vocabulary::{CHANGING, FUNCTION_PHRASES, GROUPINGS, NO_DATA_TOPICS};

const ORDINAL_WORDS: &[&str] = &["first", "last", "premier", "premiere", "dernier", "derniere"];
/// Left over, they turn a count, a ranking or a comparison around.
const NEGATIONS: &[&str] = &[
    "not", "no", "none", "without", "didn", "doesn", "don", "wasn", "isn", "weren", "aren", "hasn", "haven", "pas",
    "sans", "aucun", "aucune", "non",
];
/// Left over in a question about both the air and the weather, they select days of one kind.
const CONDITIONS: &[&str] = &["when", "whenever", "if", "quand", "lorsque", "lorsqu", "si"];
const PERIOD_NOUNS: &str = "day|days|week|weeks|month|months|year|years|quarter|half|time|times|jour|jours|semaine|semaines|mois|annee|annees|trimestre|semestre|fois";

/// Openings that make a question a follow-up even when it names its subject.
const OPENINGS: &[&[&str]] = &[
    &["and"],
    &["et"],
    &["what", "about"],
    &["how", "about"],
    &["what", "of"],
    &["same", "for"],
    &["same", "at"],
    &["same", "in"],
    &["pareil"],
    &["meme", "chose"],
    &["also"],
    &["aussi"],
];

/// Every word of the reader's tables.
fn table_words() -> Vec<&'static str> {
    let mut words = periods::known_words();
    words.extend(measures::known_words());
    words.extend(limits::known_words());
    words.extend(housing::known_words());
    words.extend(units::known_words());
    words.extend(transit::known_words());
    words
}

/// The words of a question, folded and spelled right, and its language.
fn lex(question: &str, lang: Option<Lang>, names: &[String]) -> (Words, Lang) {
    let mut words = Words::new(tokens(question));
    spelling::correct(&mut words, names);
    let lang = lang.unwrap_or_else(|| {
        let texts: Vec<(String, String)> =
            (0..words.len()).map(|i| (words.text(i).to_string(), words.raw(i).to_lowercase())).collect();
        vocabulary::language(&texts, names)
    });
    (words, lang)
}

/// The constraints the words of `question` say; `after_transit`: it follows a transit question.
pub fn read(question: &str, lang: Option<Lang>, gazetteer: &Gazetteer, after_transit: bool) -> Constraints {
    let mut names = gazetteer.distinctive_words();
    names.extend(gazetteer.city_words());
    // A stop's name says nothing of the language it is asked in, and is not misspelt.
    let mut named = names.clone();
    named.extend(gazetteer.transit.stop_words(question));
    let (mut words, lang) = lex(question, lang, &named);
    let follows = OPENINGS.iter().any(|o| words.at(0, o));
    let help = measures::help(&mut words);
    // A stop's name, an hour and a radius are read before the dates and thresholds take their words.
    let cue = transit::is_transit(&words, &gazetteer.transit, &names);
    let transit = (cue || after_transit).then(|| transit::read(&mut words, &gazetteer.transit));
    let own_transit = transit.as_ref().is_some_and(|ask| cue || *ask != transit::TransitAsk::default());
    // Sizes ("T3", "2 pièces") are read before the dates can take their numbers.
    let housing = if own_transit { None } else { housing::read(&mut words) };
    let mut asks = Asks { index: measures::index(&mut words), ..Asks::default() };
    let ranking = measures::ranks(&words);
    let dates = periods::read(&mut words, ranking);
    let unlimited = words.left();
    let mut limits = limits::read(&mut words);
    let unit = units::read(&mut words);
    // Words of air and weather questions (a threshold, a variable, a topic) that a housing
    // question cannot use.
    let mut foreign: Vec<String> =
        unlimited.into_iter().filter(|i| !words.free(*i)).map(|i| words.raw(i).to_string()).collect();
    measures::read(&mut words, &mut asks);
    let named = variables::read_variables(&mut words);
    asks.future = measures::future(&mut words);
    foreign.extend(named.iter().map(|(i, _)| words.raw(*i).to_string()));
    let mut topics = topics_named(&mut words, &mut foreign);
    let places = places::read(&mut words, gazetteer, lang);
    let notes = match (&housing, places.notes.is_empty()) {
        // "Clermont" is the city; its sales are the commune's, not its stations' mean.
        (Some(_), false) => {
            let city = &gazetteer.city;
            vec![lang.say(
                &format!("the city is taken as the commune of {city}"),
                &format!("la ville est lue comme la commune de {city}"),
            )]
        }
        _ => places.notes.clone(),
    };
    if limits.air && !topics.contains(&Topic::Air) {
        topics.push(Topic::Air);
    }
    gusts(&mut limits, &named);
    let several = dates.periods.len() >= 2 || places.stations.len() >= 2;
    let (variables, day_of, named_topics, air_and_weather) =
        subject(&mut words, &asks, (&named, &limits), topics, several);
    let unknown_place = places::unknown(&mut words, |w| spelling::known(w) || names.iter().any(|n| n == w));
    // After a timetable question, one that says only a day asks the timetable again ("et le 2 mai ?").
    let only_days = !dates.periods.is_empty() && variables.is_empty() && named_topics.is_empty() && housing.is_none();
    let transit = transit.filter(|_| own_transit || only_days);
    let mut constraints = Constraints {
        question: question.to_string(),
        lang,
        city: gazetteer.city.clone(),
        follows,
        help,
        variables,
        topics: named_topics,
        limit: limits.limit,
        periods: dates.periods,
        month_of_year: dates.month_of_year,
        with_city: places.city && !places.stations.is_empty(),
        place: match (&unknown_place, places.stations.first()) {
            (Some(name), _) => Place::Unknown { name: name.clone() },
            (None, Some(station)) => station.clone(),
            (None, None) => Place::City { named: places.city },
        },
        stations: places.stations,
        unit,
        housing,
        transit,
        day_of,
        notes,
        changing: limits.more.into_iter().chain(dates.each_year).collect(),
        asks,
        ..Constraints::default()
    };
    leftovers(&mut words, &mut constraints, foreign, air_and_weather);
    constraints
}

/// The topics named ("the weather", "air quality", "pollution"), their words taken.
fn topics_named(words: &mut Words, foreign: &mut Vec<String>) -> Vec<Topic> {
    let mut topics: Vec<Topic> = Vec::new();
    for (pattern, topic) in TOPICS {
        while let Some(i) = words.take_pattern(pattern) {
            foreign.push(words.raw(i).to_string());
            if !topics.contains(topic) {
                topics.push(*topic);
            }
        }
    }
    topics
}

/// "Gusts above 60 km/h": a speed's unit says the wind, the words say which.
fn gusts(limits: &mut limits::Read, named: &[(usize, &'static str)]) {
    if limits.variable == Some("wind_speed") && named.iter().any(|(_, v)| *v == "wind_gust") {
        limits.variable = Some("wind_gust");
        if let Some(Limit::Given { variable, .. }) = limits.limit.as_mut() {
            *variable = "wind_gust";
        }
    }
}

/// What the question is about: its variables (named, or the one an adjective names), the extreme
/// day of another variable it reads them on ("on the hottest day of 2020, the PM2.5"), and its
/// topics — the air, the weather, a link between them ("does rain clean the air"), episodes —, and
/// whether the air and the weather are both named.
fn subject(
    words: &mut Words,
    asks: &Asks,
    (named, limits): (&[(usize, &'static str)], &limits::Read),
    mut topics: Vec<Topic>,
    several: bool,
) -> (Vec<&'static str>, Option<DayOf>, Vec<Topic>, (bool, bool)) {
    let mut variables = variables_of(named, limits, asks);
    let (extreme_variable, highest) = ranked(asks, named);
    let air_named = variables.iter().any(|v| AIR_VARIABLES.contains(v)) || topics.contains(&Topic::Air);
    let weather_named = variables.iter().any(|v| WEATHER_VARIABLES.contains(v)) || topics.contains(&Topic::Weather);
    // A link between weather and pollution: both named, and a word that asks how one moves the other.
    let both = air_named && weather_named && asks.extreme.is_none() && !several;
    let linked = both && !words.take_all(measures::LINK_WORDS).is_empty();
    if linked || (both && (asks.compare.is_some() || asks.trend.is_some())) {
        topics.push(Topic::Correlation);
    }
    if asks.episode {
        topics.push(Topic::Episode);
    }
    if asks.forecast {
        topics.push(Topic::Forecast);
    }
    // "On the hottest day of 2020, the PM2.5": the day is another variable's extreme.
    let specific = asks.extreme.as_ref().is_some_and(|e| e.variable.is_some());
    let of_day = specific || asks.unit == Some(Unit::Day);
    let day_of = match extreme_variable.map(|v| if v == "air" { "pm25" } else { v }) {
        Some(v) if asks.extreme.is_some() && of_day && variables.iter().any(|w| *w != v) => {
            Some(DayOf { variable: v, highest })
        }
        _ => None,
    };
    // The adjective of a comparison or an extreme names the variable when nothing else does.
    match extreme_variable.or(asks.compared) {
        Some("air") if !topics.contains(&Topic::Air) => topics.push(Topic::Air),
        Some("air") => {}
        Some(v) if variables.is_empty() => variables.push(v),
        _ => {}
    }
    for v in &variables {
        let topic = if WEATHER_VARIABLES.contains(v) { Topic::Weather } else { Topic::Air };
        if !topics.contains(&topic) {
            topics.push(topic);
        }
    }
    (variables, day_of, topics, (air_named, weather_named))
}

/// The variables named, in order, then those a threshold's unit, an index or a kind of day says.
fn variables_of(named: &[(usize, &'static str)], limits: &limits::Read, asks: &Asks) -> Vec<&'static str> {
    let mut variables: Vec<&'static str> = Vec::new();
    let kind_variable = asks.day_kind.map(|k| if k == DayKind::Rainy { "precipitation" } else { "temperature" });
    let index = asks.index.is_some().then_some("pm25");
    for v in named.iter().map(|(_, v)| *v).chain(limits.variable).chain(index).chain(kind_variable) {
        if !variables.contains(&v) {
            variables.push(v);
        }
    }
    variables
}

/// The variable an extreme ranks (its adjective's, else the one named nearest after it), and
/// whether it is the highest.
fn ranked(asks: &Asks, named: &[(usize, &'static str)]) -> (Option<&'static str>, bool) {
    match &asks.extreme {
        Some(e) if e.variable.is_some() => (e.variable, e.highest),
        Some(e) => {
            let nearest = named.iter().min_by_key(|(i, _)| if *i >= e.at { i - e.at } else { (e.at - i) * 2 + 1 });
            (nearest.map(|(_, v)| *v), e.highest)
        }
        None => (None, true),
    }
}

/// What no rule took: function words, topics without data, and words that would change the answer.
fn leftovers(words: &mut Words, c: &mut Constraints, mut foreign: Vec<String>, (air, weather): (bool, bool)) {
    if let Some(ask) = &c.transit {
        c.no_data_topics.extend(ask.not_held.iter().cloned());
        c.changing.append(&mut foreign);
    }
    if c.housing.is_some() {
        // Kinds of property without price statistics, rents, places finer than a commune, and
        // whatever belongs to another topic.
        for pattern in housing::NOT_HELD {
            while let Some(i) = words.find(pattern) {
                c.no_data_topics.push(words.said(i, pattern.len()));
                words.take(i, pattern.len());
            }
        }
        // A name the reader does not know (another commune, a street) would change it too, and so
        // would any word of a question only a price or a median ties to the sales.
        let weak = c.housing.as_ref().is_some_and(|h| h.weak);
        for i in words.left() {
            let (text, raw) = (words.text(i), words.raw(i));
            let name = i > 0 && raw.starts_with(char::is_uppercase) && !vocabulary::is_function_word(text);
            let content = weak && !vocabulary::is_function_word(text) && text.chars().any(char::is_alphanumeric);
            if housing::FINER_PLACES.contains(&text) || housing::changes_it(text) || name || content {
                c.changing.push(raw.to_string());
                words.take(i, 1);
            }
        }
        c.changing.append(&mut foreign);
        c.changing.extend(c.asks.extreme.as_ref().map(|e| e.said.clone()));
        c.changing.extend(c.asks.index.as_ref().map(|_| "index".to_string()));
        c.changing.extend(c.unit.as_ref().map(|(_, said)| said.clone()));
        c.changing.extend(c.asks.statistic.as_ref().map(|(_, said)| said.clone()));
    } else {
        c.changing.extend(c.asks.uncounted.clone());
    }
    c.changing.extend(c.asks.index.as_ref().and_then(|i| i.foreign.clone()));
    words.take_all(FUNCTION_PHRASES);
    for pattern in GROUPINGS {
        while let Some(i) = words.find(pattern) {
            c.changing.push(words.said(i, 2));
            words.take(i, pattern.len());
        }
    }
    for i in words.left() {
        let word = words.text(i);
        let raw = words.raw(i).to_string();
        if NO_DATA_TOPICS.contains(&word) {
            c.no_data_topics.push(raw);
        } else if ORDINAL_WORDS.contains(&word) && !PERIOD_NOUNS.split('|').any(|n| n == words.text(i + 1)) {
            // "le premier confinement": an ordinal that qualifies no period changes nothing.
            c.unread.push(raw);
        } else if NEGATIONS.contains(&word) {
            c.negations.push(raw);
        } else if CONDITIONS.contains(&word) && air && weather {
            // "PM2.5 when it rained": the days of one kind, which the reader does not select.
            c.changing.push(raw);
        } else if number(word).is_some() || CHANGING.contains(&word) || word.chars().any(|c| c.is_ascii_digit()) {
            c.changing.push(raw);
        } else if !vocabulary::is_function_word(word) && word.chars().any(char::is_alphanumeric) {
            // In a transit question, a name the reader does not know (another stop) changes it.
            if c.transit.is_some() { c.changing.push(raw) } else { c.unread.push(raw) }
        }
    }
}
