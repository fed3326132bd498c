//! Public-transport questions (the GTFS timetable): which line, which stop, what is asked of the
//! timetable (a first or last departure, how often, how many trips, which lines, which stops are
//! near), an hour, a radius, and days said by their kind ("samedi", "en semaine"), which the resolve
//! step turns into dates. A timetable is planned: real time and fares are named as not held.

use std::sync::{Arc, Mutex};

use chrono::Weekday;
use serde::Serialize;
use sqlx::PgPool;

use super::stop_names::StopNames;
use crate::question::tokens::{fold, tokens};
use crate::question::words::Words;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum TransitMeasure {
    FirstDeparture,
    LastDeparture,
    Headway,
    Trips,
    Lines,
    StopsNear,
}

/// A day said by its kind: resolved to the first such day from today on.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DayWord {
    Weekday(Weekday),
    /// "Next Saturday", "samedi prochain": not today's.
    Next(Weekday),
    /// "Le samedi d'avant", "the Saturday before": before the day asked about before.
    Before(Weekday),
    /// "Le dimanche d'après", "the Sunday after": after the day asked about before.
    After(Weekday),
    /// "En semaine", "on a weekday": Monday to Friday.
    Working,
}

/// A line as the timetable names it.
#[derive(Debug, Clone, PartialEq, Eq, sqlx::FromRow)]
pub struct RouteName {
    pub short_name: String,
    pub long_name: Option<String>,
    pub route_type: i32,
}

/// The lines and stop names of the timetables held (none when no feed is imported).
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct TransitNames {
    pub routes: Vec<RouteName>,
    stop_names: StopNames,
}

impl TransitNames {
    /// The names of the feeds held, read again only when another feed is imported: they are a
    /// function of the feeds' content, so the feeds' hashes key them.
    #[tracing::instrument(name = "db.transit_names", skip_all)]
    pub async fn load(pool: &PgPool) -> sqlx::Result<Arc<Self>> {
        static LAST: Mutex<Option<(String, Arc<TransitNames>)>> = Mutex::new(None);
        let feeds: String = sqlx::query_scalar(include_str!("sql/transit_feed_hashes.sql")).fetch_one(pool).await?;
        if let Some((held, names)) = LAST.lock().expect("transit names lock").as_ref()
            && *held == feeds
        {
            return Ok(Arc::clone(names));
        }
        let routes = sqlx::query_as(include_str!("sql/transit_routes.sql")).fetch_all(pool).await?;
        let stops = sqlx::query_scalar(include_str!("sql/transit_stops.sql")).fetch_all(pool).await?;
        let names = Arc::new(Self::new(routes, stops));
        *LAST.lock().expect("transit names lock") = Some((feeds, Arc::clone(&names)));
        Ok(names)
    }

    pub fn new(routes: Vec<RouteName>, stops: Vec<String>) -> Self {
        Self { routes, stop_names: StopNames::new(&stops) }
    }

    /// The words of the stop `question` names, which say nothing of its language.
    pub fn stop_words(&self, question: &str) -> Vec<String> {
        let words = Words::new(tokens(question));
        let Some((i, n, _)) = self.stop_names.find(&words) else { return Vec::new() };
        (i..i + n).map(|k| words.text(k).to_string()).collect()
    }

    fn route(&self, word: &str) -> Option<&RouteName> {
        self.routes.iter().find(|r| fold(&r.short_name) == word)
    }

    fn trams(&self) -> Vec<String> {
        self.routes.iter().filter(|r| r.route_type == 0).map(|r| r.short_name.clone()).collect()
    }
}

/// What a transit question asks, as its words say it (nothing defaulted).
#[derive(Debug, Clone, Default, PartialEq, Serialize, utoipa::ToSchema)]
pub struct TransitAsk {
    #[serde(skip_serializing_if = "Option::is_none")]
    pub measure: Option<TransitMeasure>,
    /// The lines named (route short names), in order; two are compared.
    pub routes: Vec<String>,
    /// A line named that the timetable does not have.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub unknown_route: Option<String>,
    /// The stop, as the timetable names it.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub stop: Option<String>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub hour: Option<u32>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub radius_m: Option<u32>,
    /// The most (true) or least frequent line.
    #[serde(skip)]
    pub rank: Option<bool>,
    #[serde(skip)]
    pub days: Vec<DayWord>,
    /// Real time ("late", "perturbations") or fares: not in a timetable, with their words.
    #[serde(skip)]
    pub not_held: Vec<String>,
    /// "Combien", "how many": a count of what is asked (or was, in a follow-up).
    #[serde(skip)]
    pub counted: bool,
    /// The whole network is named ("le réseau", "T2C").
    #[serde(skip)]
    pub network: bool,
    /// "The last one", "celui-là", "them": what the question before named.
    #[serde(skip)]
    pub refers: bool,
    /// "How many more", "combien de plus": a difference, which needs two sides (its words).
    #[serde(skip)]
    pub difference: Option<String>,
}

const CUES: &[&str] = &[
    "tram", "trams", "tramway", "tramways", "bus", "buses", "autobus", "ligne", "lignes", "line", "lines", "arret",
    "arrets", "stop", "stops", "t2c", "reseau", "network", "trajet", "trajets", "course", "courses", "trip", "trips",
    "headway", "frequence", "navette", "horaire", "horaires", "timetable", "departs", "departures", "passages",
    "route", "routes", "navettes",
];
const REAL_TIME: &[&[&str]] = &[
    &["retard|retards|late|delayed|delay|delays|perturbation|perturbations|disruption|disruptions|greve|strike|incident|incidents|panne"],
    &["next|prochain|prochaine", "tram|bus|tramway|depart|departure|passage"],
    &["right", "now"],
    &["en", "ce", "moment"],
    &["maintenant"],
    &["temps", "reel"],
    &["real", "time"],
    &["live"],
];
const FARES: &[&[&str]] = &[&[
    "ticket|tickets|carnet|carnets|pass|abonnement|abonnements|tarif|tarifs|fare|fares|coute|cost|costs|prix|price",
]];
const FIRST: &[&[&str]] = &[&["premier|premiere|first|earliest"], &["tout", "premier|premiere"], &["1st|1er|1ere", "tram|tramway|bus|navette"]];
const LAST: &[&[&str]] = &[&["dernier|derniere|dernie|last|latest"], &["tout", "dernier|derniere"]];
const HEADWAY: &[&[&str]] = &[
    &["how", "often"],
    &["how", "frequent|frequently"],
    &["toutes|tous", "les", "combien"],
    &["frequence|frequency|headway|headways|intervalle|interval|cadence"],
];
const TRIPS: &[&[&str]] = &[&[
    "trajet|trajets|course|courses|voyage|voyages|passage|passages|trip|trips|runs|departs|departures|circulations|services",
]];
const VEHICLES: &str = "tram|trams|tramway|tramways|bus|buses|autobus|navette|navettes";
const COUNTING: &[&[&str]] = &[&["combien|nombre|number|many|nb"]];
/// "Plus de bus … que …", "fewer trams": trips compared.
const MORE: &str = "plus|moins|more|fewer|less";
const LINES: &[&[&str]] = &[&["lignes|lines|routes"]];
const NEAR: &[&[&str]] = &[
    &["pres|proche|proches|near|nearby|nearest|autour|around|within|rayon|close|alentours|environs|proximite"],
    &["a", "moins", "de"],
    &["less", "than"],
];
const MOST: &[&[&str]] = &[&["plus|most|busiest"]];
const LEAST: &[&[&str]] = &[&["moins|least|fewest"]];
const WHICH: &[&[&str]] = &[&["quelle|laquelle|which|what"]];
const WEEKDAYS: &[(&str, Weekday)] = &[
    ("lundi|monday|lundis|mondays", Weekday::Mon),
    ("mardi|tuesday|mardis|tuesdays", Weekday::Tue),
    ("mercredi|wednesday|mercredis|wednesdays", Weekday::Wed),
    ("jeudi|thursday|jeudis|thursdays", Weekday::Thu),
    ("vendredi|friday|vendredis|fridays", Weekday::Fri),
    ("samedi|saturday|samedis|saturdays|sat", Weekday::Sat),
    ("dimanche|sunday|dimanches|sundays|sun", Weekday::Sun),
];
const WORKING: &[&[&str]] = &[
    &["en", "semaine"],
    &["jour|jours", "de", "semaine"],
    &["jour|jours", "ouvre|ouvres|ouvrable|ouvrables"],
    &["weekday|weekdays"],
    &["working", "day|days"],
];
/// Words of the hour of a day ("samedi soir", "tomorrow night") that the day already says.
const DAY_PARTS: &[&[&str]] = &[&["soir|soiree|matin|matinee|night|tonight|evening|morning|afternoon|apres|midi"]];
const STOP_WORDS: &[&[&str]] = &[&["arret|arrets|stop|stops|place|station|stations"]];
/// The verbs of a timetable ("leave", "passe", "dessert") and words that qualify what is asked
/// without changing it.
const FILLER: &[&[&str]] = &[
    &["leave|leaves|leaving|part|partent|partir|passe|passent|passer|pass|passes|run|runs|running|ran|roule|roulent|circule|circulent|come|comes|through|serve|serves|served|desservent|dessert|desservie|desservi|call|calls|arrive|arrives|go|goes|depart|departs|different|differents|differentes|distinct|distinctes|depuis"],
    &["heure|heures|minute|minutes|time|deux|comme|quoi|koi|plus|moins|more|fewer|less|ecart|difference|going|out|town|hey|slt|salut|voulais|voudrais|savoir|ex|exemple|vacances|holidays|vs|versus|contre|avance|train|other|autres|arriving|catch|prendre|attraper|still|encore|passage|depart|departure"],
];
const METRES: &str = "m|metre|metres|meter|meters|km";
const DIFFERENCE: &[&[&str]] = &[&["combien", "de", "plus|moins"], &["how", "many|much", "more|fewer|less"], &["by", "how", "many|much"]];
/// Words that stand for what the question before named.
const REFERRING: &[&[&str]] = &[&["one|ones|them|it|celui|celle|ceux|celles|ca|cela"]];

/// Whether the question is about the timetable: a word of transit, or a stop named (not a word
/// of a station's name, `stations`) with a first or last departure.
pub fn is_transit(words: &Words, names: &TransitNames, stations: &[String]) -> bool {
    if names.routes.is_empty() {
        return false;
    }
    let cue = (0..words.len()).any(|i| CUES.contains(&words.text(i)) || line_said(words, names, i));
    let stop_named = stop(words, names).is_some_and(|(i, n, _)| n >= 2 || !stations.iter().any(|s| s == words.text(i)));
    cue || ((words.has(FIRST) || words.has(LAST) || words.has(HEADWAY)) && stop_named)
}

/// "La C", "the B", "B line": a line's letter, as written, with its article or noun.
fn line_said(words: &Words, names: &TransitNames, i: usize) -> bool {
    let raw = words.raw(i);
    let letters = !raw.is_empty() && raw.len() <= 3 && raw.chars().all(|c| c.is_ascii_uppercase());
    let introduced = (i > 0 && words.is(i - 1, ARTICLES)) || words.is(i + 1, "line|ligne") || versus(words, names, i);
    letters && introduced && names.route(words.text(i)).is_some()
}

/// Reads a transit question's words, taking them.
pub fn read(words: &mut Words, names: &TransitNames) -> TransitAsk {
    let mut ask = TransitAsk {
        network: words.has(&[&["reseau|network|t2c"]]),
        refers: words.has(REFERRING),
        ..TransitAsk::default()
    };
    for pattern in REAL_TIME.iter().chain(FARES) {
        while let Some(i) = words.take_pattern(pattern) {
            ask.not_held.push(words.said(i, pattern.len()));
        }
    }
    ask.difference = DIFFERENCE.iter().find_map(|p| words.find(p).map(|i| words.said(i, p.len())));
    read_stop(words, names, &mut ask);
    read_radius(words, &mut ask);
    read_hour(words, &mut ask);
    let tram = read_routes(words, names, &mut ask);
    read_days(words, &mut ask);
    ask.measure = measure(words, &mut ask);
    // "Le dernier tram": the tram line(s); "bus and tram lines" name no line.
    let listing = matches!(ask.measure, Some(TransitMeasure::Lines | TransitMeasure::StopsNear));
    if tram && ask.routes.is_empty() && ask.unknown_route.is_none() && !listing && ask.rank.is_none() {
        ask.routes = names.trams();
    }
    words.take_all(DAY_PARTS);
    words.take_all(STOP_WORDS);
    words.take_all(FILLER);
    for i in 0..words.len() {
        if words.is(i, VEHICLES) || words.is(i, "ligne|line|route|routes|reseau|network|t2c|horaire|horaires|timetable") {
            words.take(i, 1);
        }
    }
    ask
}

/// What is asked of the timetable, when the words say it.
fn measure(words: &mut Words, ask: &mut TransitAsk) -> Option<TransitMeasure> {
    let which = words.has(WHICH);
    let most = words.find(MOST[0]);
    let least = words.find(LEAST[0]);
    let frequent = words.find(&["frequent|frequente|frequentes|frequents|desservie"]);
    // "la ligne la plus fréquente", "which line has the most trips": a ranking of the lines.
    let busiest = most.is_some_and(|i| words.is(i, "busiest"));
    let ranked = ask.routes.is_empty() && (frequent.is_some() || words.has(TRIPS) || which || busiest);
    if ranked && let Some((i, highest)) = most.map(|i| (i, true)).or(least.map(|i| (i, false))) {
        if frequent.is_some() || words.has(TRIPS) || busiest || (which && words.has(&[&["ligne|line|route"]])) {
            ask.rank = Some(highest);
            words.take(i, 1);
            if let Some(f) = frequent {
                words.take(f, 1);
            }
            words.take_all(TRIPS);
            return Some(TransitMeasure::Trips);
        }
    }
    if !words.take_all(HEADWAY).is_empty() || frequent.is_some_and(|f| words.is(f, "frequent")) {
        if let Some(f) = frequent {
            words.take(f, 1);
        }
        return Some(TransitMeasure::Headway);
    }
    if !words.take_all(NEAR).is_empty() || ask.radius_m.is_some() {
        ask.counted |= !words.take_all(COUNTING).is_empty();
        return Some(TransitMeasure::StopsNear);
    }
    if !words.take_all(FIRST).is_empty() {
        return Some(TransitMeasure::FirstDeparture);
    }
    if !words.take_all(LAST).is_empty() {
        return Some(TransitMeasure::LastDeparture);
    }
    if !words.take_all(LINES).is_empty() {
        words.take_all(COUNTING);
        return Some(TransitMeasure::Lines);
    }
    let vehicles_after = |i: usize| (i + 1..i + 4).any(|k| words.is(k, VEHICLES));
    let counted = words.find(COUNTING[0]).is_some_and(vehicles_after) || words.find(&[MORE]).is_some_and(vehicles_after);
    if !words.take_all(TRIPS).is_empty() || counted {
        words.take_all(COUNTING);
        return Some(TransitMeasure::Trips);
    }
    // "Ça en fait combien ?": the count of what was asked before.
    ask.counted |= !words.take_all(COUNTING).is_empty();
    None
}

/// The stop named: its first word, how many words it takes, its published name.
fn stop(words: &Words, names: &TransitNames) -> Option<(usize, usize, String)> {
    names.stop_names.find(words)
}

fn read_stop(words: &mut Words, names: &TransitNames, ask: &mut TransitAsk) {
    if let Some((i, n, name)) = stop(words, names) {
        words.take(i, n);
        // "la place de Jaude", "l'arrêt Gaillard".
        if i >= 2 && words.at(i - 2, &["place", "de"]) {
            words.take(i - 2, 2);
        }
        ask.stop = Some(name);
    }
}

/// "À moins de 350 m", "within 500m", "dans un rayon de 250 m", "200 m max".
fn read_radius(words: &mut Words, ask: &mut TransitAsk) {
    for i in 0..words.len() {
        let Some(n) = words.text(i).parse::<u32>().ok().filter(|_| words.free(i)) else { continue };
        if !words.is(i + 1, METRES) {
            continue;
        }
        let metres = if words.text(i + 1) == "km" { n * 1000 } else { n };
        ask.radius_m = Some(metres);
        words.take(i, 2);
        if words.is(i + 2, "max|maximum") {
            words.take(i + 2, 1);
        }
        if i >= 2 && words.at(i - 2, &["rayon", "de"]) {
            words.take(i - 2, 2);
        }
        return;
    }
}

/// "8h", "à 17 h 30", "8 am", "6 pm", "around 8", "midi".
fn read_hour(words: &mut Words, ask: &mut TransitAsk) {
    for i in 0..words.len() {
        if words.is(i, "noon|midi") && !(i > 0 && words.is(i - 1, "apres")) {
            ask.hour = Some(12);
            words.take(i, 1);
            return;
        }
        // "17h30" is one word.
        if let Some((h, m)) = words.text(i).split_once('h')
            && let (Ok(h), Ok(_)) = (h.parse::<u32>(), m.parse::<u32>())
            && h < 24
            && words.free(i)
        {
            ask.hour = Some(h);
            words.take(i, 1);
            if i > 0 && words.is(i - 1, "at|around|vers|a|about") {
                words.take(i - 1, 1);
            }
            return;
        }
        let Some(n) = words.text(i).parse::<u32>().ok().filter(|n| *n < 24 && words.free(i)) else { continue };
        if let Some((hour, len)) = clock(words, i, n) {
            ask.hour = Some(hour);
            words.take(i, len);
            if i > 0 && words.is(i - 1, "at|around|vers|a|about|between|entre") {
                words.take(i - 1, 1);
            }
            return;
        }
    }
}

/// The hour a number at `i` opens, and the words it takes: "8 h", "17 h 30", "6 pm", "5:30 pm"
/// (the colon is no word), "at 8", "between 4 and 5 pm" (the first hour).
fn clock(words: &Words, i: usize, n: u32) -> Option<(u32, usize)> {
    let two_digits = |k: usize| words.text(k).len() == 2 && words.text(k).parse::<u32>().is_ok_and(|m| m < 60);
    let minutes = usize::from(two_digits(i + 1) && words.is(i + 2, "h|am|pm"))
        + usize::from(words.is(i + 1, "h|heure|heures") && two_digits(i + 2));
    let introduced = i > 0 && words.is(i - 1, "at|around|vers|a|about");
    let suffix = if words.is(i + 1, "h|heure|heures") { i + 1 } else { i + 1 + minutes };
    let len = suffix - i + 1 + usize::from(words.is(i + 1, "h|heure|heures") && minutes == 1);
    match words.text(suffix) {
        "h" | "heure" | "heures" | "hr" | "oclock" => Some((n, len)),
        "am" if n <= 12 => Some((n % 12, len)),
        "pm" if n <= 12 => Some((n % 12 + 12, len)),
        _ if i > 0 && words.is(i - 1, "between|entre") && words.is(i + 1, "and|et") => {
            let then = words.text(i + 2).parse::<u32>().ok()?;
            let pm = words.is(i + 3, "pm") && n < 12;
            (then == n + 1 && words.is(i + 3, "h|am|pm")).then_some((if pm { n + 12 } else { n }, 4))
        }
        _ if introduced && two_digits(i + 1) => Some((n, 2)),
        _ if introduced && !words.is(i + 1, METRES) && words.text(i + 1).parse::<u32>().is_err() => Some((n, 1)),
        _ => None,
    }
}

/// "tram A", "ligne B", "le bus 3", "la C", "the B", "B line", "dernier 3"; whether a tram was
/// named without its line. A line the timetable does not have is kept as unknown.
fn read_routes(words: &mut Words, names: &TransitNames, ask: &mut TransitAsk) -> bool {
    read_long_names(words, names, ask);
    for i in 0..words.len() {
        if !words.free(i) {
            continue;
        }
        let word = words.text(i).to_string();
        let raw = words.raw(i).to_string();
        let before = if i > 0 { words.text(i - 1) } else { "" };
        let introduced = matches!(
            before,
            "tram" | "tramway" | "ligne" | "line" | "bus" | "navette" | "route" | "trams" | "lignes" | "lines" | "number" | "numero"
        );
        let letter = raw.len() <= 3 && raw.chars().all(|c| c.is_ascii_uppercase());
        let number = word.chars().all(|c| c.is_ascii_digit()) && !word.is_empty() && word.len() <= 3;
        let article = ARTICLES.split('|').any(|a| a == before) || (letter && versus(words, names, i));
        let followed = words.is(i + 1, "line|ligne");
        // A capital letter other than "A" (an article in English) is a line in a timetable question.
        let lone = letter && raw.len() == 1 && raw != "A" && raw != "I";
        // "Quelle ligne a le plus de courses": the verb.
        let verb = raw == "a" && words.is(i + 1, "le|la|les|du|des|plus|moins|t|il|elle|combien|un|une");
        if verb || raw == "I" {
            continue;
        }
        let named = introduced || (letter && (article || followed || lone)) || (number && article && !next_is_date(words, i));
        if !named || !(letter || number || introduced) {
            continue;
        }
        match names.route(&word) {
            Some(route) if !ask.routes.contains(&route.short_name) => {
                ask.routes.push(route.short_name.clone());
                words.take(i, 1);
                if followed {
                    words.take(i + 1, 1);
                }
            }
            Some(_) => words.take(i, 1),
            None if introduced && (letter || number) => {
                ask.unknown_route.get_or_insert(raw);
                words.take(i, 1);
            }
            None => {}
        }
    }
    (0..words.len()).any(|i| words.is(i, "tram|trams|tramway|tramways"))
}

/// Lines named by their own name ("navette Montjuzet", "les navettes Montjuzet"), where it says
/// more than "Ligne 4".
fn read_long_names(words: &mut Words, names: &TransitNames, ask: &mut TransitAsk) {
    for route in &names.routes {
        let Some(long) = &route.long_name else { continue };
        let own: Vec<String> = tokens(long).into_iter().map(|t| t.text).collect();
        if own.len() < 2 || own.contains(&fold(&route.short_name)) {
            continue;
        }
        let first = format!("{0}|{0}s", own[0]);
        let mut pattern: Vec<&str> = own.iter().map(String::as_str).collect();
        pattern[0] = &first;
        if let Some(i) = words.find(&pattern) {
            // "Combien de navettes Montjuzet": the vehicle is left to what is counted.
            let vehicle = usize::from(words.is(i, VEHICLES));
            words.take(i + vehicle, pattern.len() - vehicle);
            if !ask.routes.contains(&route.short_name) {
                ask.routes.push(route.short_name.clone());
            }
        }
    }
}

/// Words before a line's letter or number: "la C", "the B", "dernier 3".
const ARTICLES: &str = "la|le|the|du|dernier|derniere|premier|premiere|last|first|1st|latest|earliest|un|une|number|numero|no|frequence|frequency";

/// "B vs C", "A ou B": a letter beside another line's letter.
fn versus(words: &Words, names: &TransitNames, i: usize) -> bool {
    let letter = |k: usize| {
        let raw = words.raw(k);
        !raw.is_empty() && raw.len() <= 3 && raw.chars().all(|c| c.is_ascii_uppercase()) && names.route(words.text(k)).is_some()
    };
    const BETWEEN: &str = "vs|versus|ou|or|et|and|contre";
    (words.is(i + 1, BETWEEN) && letter(i + 2)) || (i >= 2 && words.is(i - 1, BETWEEN) && letter(i - 2))
}

/// A number followed by a month's name or a year is a date's day, not a line.
fn next_is_date(words: &Words, i: usize) -> bool {
    const MONTHS: &str = "janvier|fevrier|mars|avril|mai|juin|juillet|aout|septembre|octobre|novembre|decembre|january|february|march|april|may|june|july|august|september|october|november|december|er";
    words.is(i + 1, MONTHS)
}

/// A day of the month: "16", "1er", "16th".
fn day_number(words: &Words, i: usize) -> bool {
    let word = if words.free(i) { words.text(i) } else { "" };
    let digits: String = word.chars().take_while(char::is_ascii_digit).collect();
    let rest = &word[digits.len()..];
    digits.parse::<u32>().is_ok_and(|d| (1..=31).contains(&d)) && matches!(rest, "" | "er" | "st" | "nd" | "rd" | "th" | "e")
        && !words.is(i + 1, "h|heure|heures|am|pm|m|km|metres")
}

/// "samedi", "ce dimanche", "le samedi", "en semaine", "on a weekday".
fn read_days(words: &mut Words, ask: &mut TransitAsk) {
    for i in 0..words.len() {
        // "Lundi de Pâques", "jeudi de l'Ascension", "samedi 16 mars": dates the dates read.
        let holiday = i > 0 && words.is(i - 1, "easter|whit|pentecost");
        if holiday || words.at(i + 1, &["de", "paques|pentecote"]) || words.at(i + 1, &["de", "l", "ascension"]) || day_number(words, i + 1) {
            continue;
        }
        if let Some((_, day)) = WEEKDAYS.iter().find(|(w, _)| words.is(i, w)) {
            let next = (i > 0 && words.is(i - 1, "next|coming")) || words.is(i + 1, "prochain");
            let before = [&["d", "avant"][..], &["before|previous|precedent|earlier"]].into_iter().find(|p| words.at(i + 1, p));
            // "The Sunday after", not "Sunday after 8 pm".
            let after = [&["d", "apres"][..], &["after|suivant"]]
                .into_iter()
                .find(|p| words.at(i + 1, p) && !words.text(i + 1 + p.len()).starts_with(|c: char| c.is_ascii_digit()));
            let following = i > 0 && words.is(i - 1, "following");
            if let Some(pattern) = before.or(after) {
                words.take(i + 1, pattern.len());
            }
            if following {
                words.take(i - 1, 1);
            }
            ask.days.push(match (before, after.is_some() || following, next) {
                (Some(_), _, _) => DayWord::Before(*day),
                (None, true, _) => DayWord::After(*day),
                (None, false, true) => DayWord::Next(*day),
                (None, false, false) => DayWord::Weekday(*day),
            });
            words.take(i, 1);
            if i > 0 && words.is(i - 1, "ce|this|cette|next|prochain|coming") {
                words.take(i - 1, 1);
            }
            if words.is(i + 1, "prochain|next|soir|matin") {
                words.take(i + 1, 1);
            }
        } else if let Some(pattern) = WORKING.iter().find(|p| words.at(i, p)) {
            ask.days.push(DayWord::Working);
            words.take(i, pattern.len());
        }
    }
}

pub fn known_words() -> Vec<&'static str> {
    let mut known: Vec<&'static str> = CUES.to_vec();
    for table in [REAL_TIME, FARES, FIRST, LAST, HEADWAY, TRIPS, COUNTING, LINES, NEAR, WORKING, DAY_PARTS, STOP_WORDS, FILLER] {
        known.extend(table.iter().flat_map(|p| p.iter().flat_map(|w| w.split('|'))));
    }
    known.extend(WEEKDAYS.iter().flat_map(|(w, _)| w.split('|')));
    known.extend(VEHICLES.split('|'));
    known
}
