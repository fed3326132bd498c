//! What a question asks of its figures, from its words: the day's statistic (its minimum, maximum,
//! mean or total), and what is done over the period — a count, an extreme (of days, months, years or
//! stations), a comparison, a trend, runs of polluted days, a link between pollution and weather, a
//! forecast —, an air-quality index, or the service itself (a greeting, "what can you do?"). Each
//! keeps the words it was read from.

use serde::Serialize;

use crate::question::words::Words;

/// Adjectives and nouns of extremes: (words, highest, the variable they speak of).
const SUPERLATIVES: &[(&[&str], bool, Option<&str>)] = &[
    (&["hottest"], true, Some("temperature")),
    (&["warmest"], true, Some("temperature")),
    (&["coldest"], false, Some("temperature")),
    (&["coolest"], false, Some("temperature")),
    (&["chilliest"], false, Some("temperature")),
    (&["wettest"], true, Some("precipitation")),
    (&["rainiest"], true, Some("precipitation")),
    (&["driest"], false, Some("precipitation")),
    (&["windiest"], true, Some("wind_speed")),
    (&["calmest"], false, Some("wind_speed")),
    (&["most", "polluted"], true, Some("air")),
    (&["least", "polluted"], false, Some("air")),
    (&["cleanest"], false, Some("air")),
    (&["dirtiest"], true, Some("air")),
    (&["most", "humid"], true, Some("humidity")),
    (&["record", "high"], true, None),
    (&["record", "low"], false, None),
    (&["record", "de", "chaleur"], true, Some("temperature")),
    (&["record", "de", "froid"], false, Some("temperature")),
    (&["record", "de", "pollution"], true, Some("air")),
    (&["how", "low"], false, None),
    (&["how", "high"], true, None),
    (&["worst"], true, None),
    (&["best"], false, None),
    (&["highest"], true, None),
    (&["lowest"], false, None),
    (&["peak"], true, None),
    (&["pic"], true, None),
    (&["top"], true, None),
    (&["record"], true, None),
    (&["records"], true, None),
    (&["strongest"], true, None),
    (&["weakest"], false, None),
    (&["biggest"], true, None),
    (&["largest"], true, None),
    (&["greatest"], true, None),
    (&["smallest"], false, None),
    (&["most"], true, None),
    (&["least"], false, None),
    (&["pire"], true, None),
    (&["pires"], true, None),
    (&["meilleur"], false, None),
    (&["meilleure"], false, None),
];

/// The day's statistic: (words, statistic, the variable they speak of). A day's "high", the
/// "maximales", Tx are temperatures; the night's is the day's lowest.
const STATISTICS: &[(&[&str], Statistic, Option<&str>)] = &[
    (&["how", "cold|chilly|cool", "did|does", "it", "get|go"], Statistic::Min, Some("temperature")),
    (&["how", "hot|warm", "did|does", "it", "get|go"], Statistic::Max, Some("temperature")),
    (&["daily", "high|highs"], Statistic::Max, Some("temperature")),
    (&["daily", "low|lows"], Statistic::Min, Some("temperature")),
    (&["daily", "maximum|max|maxima|maximums"], Statistic::Max, None),
    (&["daily", "minimum|min|minima|minimums"], Statistic::Min, None),
    (&["maximales|maximaux|tmax|tx"], Statistic::Max, Some("temperature")),
    (&["minimales|minimaux|tmin|tn"], Statistic::Min, Some("temperature")),
    (&["maximum|max|maxima|maximums|maximal|maximale"], Statistic::Max, None),
    (&["minimum|min|minima|minimums|minimal|minimale"], Statistic::Min, None),
    (&["highs"], Statistic::Max, Some("temperature")),
    (&["lows"], Statistic::Min, Some("temperature")),
    (&["night|nights|nuit|nuits|nocturne|nocturnes"], Statistic::Min, Some("temperature")),
];

/// "Average", "moyenne": the mean of the days (or, beside a statistic, of the day's statistic).
const AVERAGES: &[&[&str]] = &[
    &["on", "average"],
    &["en", "moyenne"],
    &["average|averages|averaged|mean|means|avg|moyenne|moyennes|moyen|moyens"],
];

/// "Total", "cumul": the sum of the days.
const TOTALS: &[&[&str]] = &[
    &["in", "total"],
    &["au", "total"],
    &["en", "tout"],
    &["total|totale|totaux|cumul|cumule|cumulee|cumules|cumulees|altogether|accumulated|sum"],
];

/// "Annual", "mensuel": the figure of a whole year or month.
const PERIODIC: &[(&[&str], Unit)] = &[
    (&["annual|yearly|annuel|annuelle|annuels|annuelles|annuellement"], Unit::Year),
    (&["monthly|mensuel|mensuelle|mensuels|mensuelles|mensuellement"], Unit::Month),
];

/// Words of the future: the answer is a forecast, never a past day.
const FUTURE: &[&[&str]] = &[
    &["will", "it|there|the|pm25|pm10|air|temperature|weather|rain|wind"],
    &["will", "be"],
    &["going", "to", "be|rain|snow"],
    &["won", "t"],
    &["sera|seront|fera|feront|pleuvra|neigera|soufflera|aura|auront"],
    &["va|vont", "pleuvoir|faire|etre|souffler|geler|neiger|y"],
];

/// French adjectives after "plus" / "moins": (word, the variable, "plus" means highest).
const FRENCH_ADJECTIVES: &[(&str, Option<&str>, bool)] = &[
    ("chaud", Some("temperature"), true),
    ("chaude", Some("temperature"), true),
    ("chauds", Some("temperature"), true),
    ("chaudes", Some("temperature"), true),
    ("froid", Some("temperature"), false),
    ("froide", Some("temperature"), false),
    ("froids", Some("temperature"), false),
    ("froides", Some("temperature"), false),
    ("frais", Some("temperature"), false),
    ("fraiche", Some("temperature"), false),
    ("fraiches", Some("temperature"), false),
    ("doux", Some("temperature"), true),
    ("douce", Some("temperature"), true),
    ("pluvieux", Some("precipitation"), true),
    ("plu", Some("precipitation"), true),
    ("pluvieuse", Some("precipitation"), true),
    ("pluvieuses", Some("precipitation"), true),
    ("arrose", Some("precipitation"), true),
    ("arrosee", Some("precipitation"), true),
    ("humide", Some("humidity"), true),
    ("sec", Some("precipitation"), false),
    ("seche", Some("precipitation"), false),
    ("venteux", Some("wind_speed"), true),
    ("venteuse", Some("wind_speed"), true),
    ("vente", Some("wind_speed"), true),
    ("ventee", Some("wind_speed"), true),
    ("pollue", Some("air"), true),
    ("polluee", Some("air"), true),
    ("pollues", Some("air"), true),
    ("polluees", Some("air"), true),
    ("propre", Some("air"), false),
    ("pur", Some("air"), false),
    ("sain", Some("air"), false),
    ("eleve", None, true),
    ("elevee", None, true),
    ("eleves", None, true),
    ("haut", None, true),
    ("haute", None, true),
    ("fort", None, true),
    ("forte", None, true),
    ("forts", None, true),
    ("grand", None, true),
    ("grande", None, true),
    ("gros", None, true),
    ("grosse", None, true),
    ("important", None, true),
    ("importante", None, true),
    ("bas", None, false),
    ("basse", None, false),
    ("faible", None, false),
    ("faibles", None, false),
];

/// English comparatives: (word, the variable, higher).
const COMPARATIVES: &[(&[&str], Option<&str>, bool)] = &[
    (&["warmer"], Some("temperature"), true),
    (&["hotter"], Some("temperature"), true),
    (&["colder"], Some("temperature"), false),
    (&["cooler"], Some("temperature"), false),
    (&["milder"], Some("temperature"), true),
    (&["wetter"], Some("precipitation"), true),
    (&["rainier"], Some("precipitation"), true),
    (&["drier"], Some("precipitation"), false),
    (&["dryer"], Some("precipitation"), false),
    (&["windier"], Some("wind_speed"), true),
    (&["calmer"], Some("wind_speed"), false),
    (&["more", "polluted"], Some("air"), true),
    (&["less", "polluted"], Some("air"), false),
    (&["cleaner"], Some("air"), false),
    (&["dirtier"], Some("air"), true),
    (&["more", "humid"], Some("humidity"), true),
    (&["worse"], None, true),
    (&["better"], None, false),
    (&["higher"], None, true),
    (&["lower"], None, false),
    (&["greater"], None, true),
    (&["bigger"], None, true),
    (&["smaller"], None, false),
    (&["stronger"], None, true),
    (&["weaker"], None, false),
    (&["more"], None, true),
    (&["less"], None, false),
    (&["fewer"], None, false),
];

const COMPARE_WORDS: &[&[&str]] = &[
    &["plus", "ou", "moins"],
    &["more", "or", "less"],
    &["compare"],
    &["compared"],
    &["comparing"],
    &["comparison"],
    &["comparer"],
    &["comparez"],
    &["comparaison"],
    &["comparee"],
    &["comparees"],
    &["compares"],
    &["versus"],
    &["vs"],
    &["against"],
    &["par", "rapport"],
    &["difference"],
    &["differences"],
    &["ecart"],
    &["than"],
    &["lequel"],
    &["laquelle"],
];

const COUNT_WORDS: &[&[&str]] = &[
    &["how", "many", "times"],
    &["how", "many"],
    &["how", "often"],
    &["number", "of"],
    &["count", "of", "days"],
    &["count", "the", "days"],
    &["nombre", "de"],
    &["nombre", "d"],
    &["combien", "de", "jours"],
    &["combien", "de", "fois"],
    &["combien", "de", "journees"],
    &["combien", "d", "episodes"],
    &["combien", "jours"],
];

/// Counts of days of a kind: (words, what they count).
const DAY_KINDS: &[(&[&str], DayKind)] = &[
    (&["below", "freezing"], DayKind::Frost),
    (&["below", "zero"], DayKind::Frost),
    (&["sous", "zero"], DayKind::Frost),
    (&["en", "dessous", "de", "zero"], DayKind::Frost),
    (&["frost"], DayKind::Frost),
    (&["frosts"], DayKind::Frost),
    (&["frosty"], DayKind::Frost),
    (&["freezing"], DayKind::Frost),
    (&["gel"], DayKind::Frost),
    (&["gelee"], DayKind::Frost),
    (&["gelees"], DayKind::Frost),
    (&["gele"], DayKind::Frost),
    (&["geler"], DayKind::Frost),
    (&["gelait"], DayKind::Frost),
    (&["hot", "days"], DayKind::Hot),
    (&["hot", "day"], DayKind::Hot),
    (&["heat", "days"], DayKind::Hot),
    (&["jours", "chauds"], DayKind::Hot),
    (&["journees", "chaudes"], DayKind::Hot),
    (&["jours", "de", "forte", "chaleur"], DayKind::Hot),
    (&["jours", "de", "chaleur"], DayKind::Hot),
    (&["rainy", "days"], DayKind::Rainy),
    (&["rainy", "day"], DayKind::Rainy),
    (&["wet", "days"], DayKind::Rainy),
    (&["days", "with", "rain"], DayKind::Rainy),
    (&["days", "of", "rain"], DayKind::Rainy),
    (&["jours", "de", "pluie"], DayKind::Rainy),
    (&["jours", "pluvieux"], DayKind::Rainy),
    (&["journees", "pluvieuses"], DayKind::Rainy),
    (&["jours", "avec", "pluie"], DayKind::Rainy),
    (&["jours", "avec", "de", "la", "pluie"], DayKind::Rainy),
];

const TREND_WORDS: &[&[&str]] = &[
    &["trend"],
    &["trends"],
    &["tendance"],
    &["tendances"],
    &["evolution"],
    &["evolue"],
    &["evolved"],
    &["evolving"],
    &["over", "time"],
    &["au", "fil", "du", "temps"],
    &["increasing"],
    &["decreasing"],
    &["rising"],
    &["falling"],
    &["going", "up"],
    &["going", "down"],
    &["gone", "up"],
    &["gone", "down"],
    &["getting", "worse"],
    &["getting", "better"],
    &["improving"],
    &["improved"],
    &["worsening"],
    &["augmente"],
    &["augmenter"],
    &["augmentation"],
    &["diminue"],
    &["diminuer"],
    &["diminution"],
    &["baisse"],
    &["baisser"],
    &["hausse"],
    &["progresse"],
    &["s", "ameliore"],
    &["se", "degrade"],
];

/// Words that ask whether the weather moves the pollution (read only when a question names both).
pub const LINK_WORDS: &[&[&str]] = &[
    &["rank", "correlation"],
    &["correlation"],
    &["correlations"],
    &["correlated"],
    &["correle"],
    &["correlee"],
    &["correles"],
    &["correlees"],
    &["relation"],
    &["relationship"],
    &["related"],
    &["link"],
    &["links"],
    &["linked"],
    &["connection"],
    &["association"],
    &["associated"],
    &["lien"],
    &["liens"],
    &["lie"],
    &["liee"],
    &["lies"],
    &["liees"],
    &["influence"],
    &["influences"],
    &["impact"],
    &["impacts"],
    &["effect"],
    &["effects"],
    &["effet"],
    &["effets"],
    &["depend"],
    &["depends"],
    &["clean"],
    &["cleans"],
    &["clear"],
    &["clears"],
    &["wash"],
    &["washes"],
    &["lower"],
    &["lowers"],
    &["reduce"],
    &["reduces"],
    &["decrease"],
    &["decreases"],
    &["raise"],
    &["raises"],
    &["increase"],
    &["increases"],
    &["affect"],
    &["affects"],
    &["help"],
    &["helps"],
    &["disperse"],
    &["disperses"],
    &["worsen"],
    &["worsens"],
    &["improve"],
    &["improves"],
    &["cause"],
    &["causes"],
    &["bring"],
    &["brings"],
    &["nettoie"],
    &["nettoient"],
    &["nettoyer"],
    &["lave"],
    &["lavent"],
    &["reduit"],
    &["reduisent"],
    &["diminue"],
    &["diminuent"],
    &["baisser"],
    &["baisse"],
    &["monter"],
    &["monte"],
    &["augmente"],
    &["augmenter"],
    &["favorise"],
    &["joue"],
    &["more"],
    &["less"],
    &["plus"],
    &["moins"],
];

const EPISODE_WORDS: &[&[&str]] = &[
    &["pollution", "episode"],
    &["pollution", "episodes"],
    &["episode", "de", "pollution"],
    &["episodes", "de", "pollution"],
    &["pic", "de", "pollution"],
    &["pics", "de", "pollution"],
    &["pollution", "peak"],
    &["pollution", "peaks"],
    &["episode"],
    &["episodes"],
    &["consecutive"],
    &["consecutifs"],
    &["d", "affilee"],
    &["in", "a", "row"],
    &["smog"],
    &["alerte"],
    &["alertes"],
    &["alert"],
    &["alerts"],
];

const FORECAST_WORDS: &[&[&str]] = &[
    &["forecast"],
    &["forecasts"],
    &["prevision"],
    &["previsions"],
    &["prevu"],
    &["prevue"],
    &["prevus"],
    &["prevues"],
    &["expected"],
];

/// Index names: (words, the index).
const INDEX_NAMES: &[(&[&str], IndexName)] = &[
    (&["european", "air", "quality", "index"], IndexName::Eaqi),
    (&["european", "aqi"], IndexName::Eaqi),
    (&["aqi", "europeen"], IndexName::Eaqi),
    (&["indice", "europeen", "de", "qualite", "de", "l", "air"], IndexName::Eaqi),
    (&["indice", "europeen"], IndexName::Eaqi),
    (&["european", "index"], IndexName::Eaqi),
    (&["eaqi"], IndexName::Eaqi),
    (&["aqi"], IndexName::Eaqi),
    (&["indice", "atmo"], IndexName::Atmo),
    (&["atmo", "index"], IndexName::Atmo),
    (&["french", "atmo", "air", "quality", "index"], IndexName::Atmo),
    (&["atmo", "air", "quality", "index"], IndexName::Atmo),
    (&["indice", "de", "qualite", "de", "l", "air", "atmo"], IndexName::Atmo),
    (&["indice", "de", "qualite", "de", "l", "air"], IndexName::Atmo),
    (&["air", "quality", "index"], IndexName::Atmo),
    (&["atmo"], IndexName::Atmo),
    (&["indice"], IndexName::Atmo),
    (&["index"], IndexName::Atmo),
];

/// Index classes by name in both languages: (words, ATMO class, European AQI class).
const INDEX_CLASSES: &[(&[&str], Option<u8>, Option<u8>)] = &[
    (&["extremement", "mauvais"], Some(6), None),
    (&["extremely", "poor"], Some(6), Some(6)),
    (&["extremely", "bad"], Some(6), Some(6)),
    (&["extremement", "mediocre"], None, Some(6)),
    (&["tres", "mauvais"], Some(5), None),
    (&["very", "poor"], Some(5), Some(5)),
    (&["very", "bad"], Some(5), Some(5)),
    (&["tres", "mediocre"], None, Some(5)),
    (&["mauvais"], Some(4), None),
    (&["mauvaise"], Some(4), None),
    (&["poor"], Some(4), Some(4)),
    (&["bad"], Some(4), Some(4)),
    (&["mediocre"], None, Some(4)),
    (&["degrade"], Some(3), None),
    (&["degraded"], Some(3), None),
    (&["moderate"], Some(3), Some(3)),
    (&["moyen"], Some(2), Some(3)),
    (&["fair"], Some(2), Some(2)),
    (&["correct"], None, Some(2)),
    (&["medium"], Some(2), Some(3)),
    (&["bon"], Some(1), Some(1)),
    (&["bonne"], Some(1), Some(1)),
    (&["good"], Some(1), Some(1)),
];

/// The words of the tables above, for correcting misspellings.
pub(crate) fn known_words() -> Vec<&'static str> {
    let mut words: Vec<&'static str> = SUPERLATIVES.iter().flat_map(|(p, ..)| p.iter().copied()).collect();
    words.extend(FRENCH_ADJECTIVES.iter().map(|(w, ..)| *w));
    words.extend(COMPARATIVES.iter().flat_map(|(p, ..)| p.iter().copied()));
    words.extend(STATISTICS.iter().flat_map(|(p, ..)| p.iter().flat_map(|w| w.split('|'))));
    words.extend(PERIODIC.iter().flat_map(|(p, _)| p.iter().flat_map(|w| w.split('|'))));
    for table in [COMPARE_WORDS, COUNT_WORDS, TREND_WORDS, LINK_WORDS, EPISODE_WORDS, FORECAST_WORDS, AVERAGES, TOTALS, FUTURE] {
        words.extend(table.iter().flat_map(|p| p.iter().flat_map(|w| w.split('|'))));
    }
    words.extend(DAY_KINDS.iter().flat_map(|(p, _)| p.iter().copied()));
    words.extend(INDEX_NAMES.iter().flat_map(|(p, _)| p.iter().copied()));
    words.extend(INDEX_CLASSES.iter().flat_map(|(p, ..)| p.iter().copied()));
    words.extend(super::vocabulary::GREETINGS.iter().flat_map(|p| p.iter().copied()));
    words.extend(super::vocabulary::META.iter().flat_map(|p| p.iter().copied()));
    words
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum IndexName {
    /// The French ATMO index (arrêté du 10 juillet 2020).
    Atmo,
    /// The European Air Quality Index (EEA bands before 2024).
    Eaqi,
}

impl IndexName {
    pub fn code(self) -> &'static str {
        match self {
            IndexName::Atmo => "ATMO",
            IndexName::Eaqi => "EAQI",
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct IndexAsk {
    pub index: IndexName,
    /// A class named ("mauvais"): days of that class are counted.
    pub class: Option<u8>,
    /// A class word of the other index ("mauvais" for the European AQI), as written.
    #[serde(skip)]
    pub foreign: Option<String>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum DayKind {
    Frost,
    Hot,
    Rainy,
}

/// What an extreme ranks.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Unit {
    Day,
    Month,
    Year,
    Station,
    /// A line of the timetable.
    Route,
}

/// The figure of a day that is used: its mean, lowest or highest reading, or total.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Statistic {
    Mean,
    Min,
    Max,
    Sum,
}

impl Statistic {
    /// The column of the daily aggregates that holds it.
    pub fn field(self) -> &'static str {
        match self {
            Statistic::Mean => "mean",
            Statistic::Min => "min",
            Statistic::Max => "max",
            Statistic::Sum => "total",
        }
    }
}

/// An extreme: highest or lowest, the variable its adjective speaks of ("hottest": temperature),
/// where its word is (a variable named next to it is the one it ranks), and its words.
#[derive(Debug, Clone, PartialEq)]
pub struct Extreme {
    pub highest: bool,
    pub variable: Option<&'static str>,
    pub at: usize,
    pub said: String,
}

/// What the words ask of the figures, each with the words it was read from.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Asks {
    pub count: Option<String>,
    pub day_kind: Option<DayKind>,
    pub extreme: Option<Extreme>,
    /// What an extreme ranks, when said.
    pub unit: Option<Unit>,
    /// A comparison word ("than", "vs", "plus ... que"); with its adjective's variable.
    pub compare: Option<String>,
    pub compared: Option<&'static str>,
    /// "How many" of something else than days ("how many stations"), as written.
    pub uncounted: Option<String>,
    pub trend: Option<String>,
    pub episode: bool,
    pub forecast: bool,
    pub index: Option<IndexAsk>,
    /// The day's minimum or maximum ("minimum temperature", "au plus froid"), and the variable its
    /// words speak of, if any ("Tx", "the coldest night": temperature).
    pub statistic: Option<(Statistic, String)>,
    pub statistic_of: Option<&'static str>,
    /// "Average", "moyenne".
    pub averaged: Option<String>,
    /// "Total", "cumul".
    pub total: Option<String>,
    /// "Will", "sera": the question is about days to come.
    pub future: Option<String>,
    /// "Annual", "mensuel": the figure of a whole year or month, with its words.
    pub per: Option<(Unit, String)>,
}

/// Greetings and questions about the service; true when there were some.
pub fn help(words: &mut Words) -> bool {
    let greeted = !words.take_all(super::vocabulary::GREETINGS).is_empty();
    let asked = !words.take_all(super::vocabulary::META).is_empty();
    greeted || asked
}

/// An air-quality index named, and a class of it.
pub fn index(words: &mut Words) -> Option<IndexAsk> {
    if words.find(&["indice|index", "uv|pollen|pollinique|chaleur|heat"]).is_some() || words.find(&["uv|pollen|heat", "index"]).is_some() {
        return None;
    }
    let (index, at) = INDEX_NAMES.iter().find_map(|(pattern, name)| words.find(pattern).map(|i| (*name, (i, pattern.len()))))?;
    words.take(at.0, at.1);
    words.take_all(&[&["index"], &["indice"], &["band"], &["bands"], &["class"], &["classe"], &["level"], &["niveau"]]);
    let mut class = None;
    for (pattern, atmo, eaqi) in INDEX_CLASSES {
        let wanted = if index == IndexName::Atmo { *atmo } else { *eaqi };
        if let Some(c) = wanted
            && class.is_none()
            && words.take_pattern(pattern).is_some()
        {
            class = Some(c);
        }
    }
    // "good or bad?" asks for the class, it does not name one.
    if words.take_all(&[&["or"], &["ou"]]).len() == 1 && INDEX_CLASSES.iter().any(|(p, ..)| words.find(p).is_some()) {
        class = None;
        words.take_all(&INDEX_CLASSES.iter().map(|(p, ..)| *p).collect::<Vec<_>>());
    }
    let foreign = match class {
        None => INDEX_CLASSES.iter().find_map(|(p, ..)| words.find(p).map(|i| words.raw(i).to_string())),
        Some(_) => None,
    };
    Some(IndexAsk { index, class, foreign })
}

/// Whether the question ranks something (before dates are read: "which August").
pub fn ranks(words: &Words) -> bool {
    SUPERLATIVES.iter().any(|(p, ..)| words.find(p).is_some())
        || (words.find(&["plus|moins"]).is_some() && FRENCH_ADJECTIVES.iter().any(|(a, ..)| words.find(&[a]).is_some()))
}

/// The words of the first match of any of `patterns`, taking every match; none when none matches.
fn take_said(words: &mut Words, patterns: &[&[&str]]) -> Option<String> {
    let first = patterns.iter().filter_map(|p| words.find(p).map(|i| (i, p.len()))).min()?;
    let said = words.said(first.0, first.1);
    words.take_all(patterns);
    Some(said)
}

/// Words of the future ("will", "sera"), anywhere in the question: "il fera combien" is a
/// temperature too. Those still free are taken.
pub fn future(words: &mut Words) -> Option<String> {
    let found = (0..words.len()).find_map(|i| {
        FUTURE.iter().find(|p| p.iter().enumerate().all(|(k, e)| e.split('|').any(|a| a == words.text(i + k)))).map(|p| (i, p.len()))
    })?;
    let said = (found.0..found.0 + found.1).map(|k| words.raw(k)).collect::<Vec<_>>().join(" ");
    for i in 0..words.len() {
        if words.is(i, "will|sera|seront|fera|feront|pleuvra|neigera|soufflera|aura|auront|won|going") {
            words.take(i, 1);
        }
    }
    Some(said)
}

/// Counts, extremes, statistics, comparisons, trends, episodes, forecasts and links, taking their words.
pub fn read(words: &mut Words, asks: &mut Asks) {
    if words.find(&["how", "many", "mm|millimetres|millimeters|degrees|microgrammes|micrograms|ug"]).is_some()
        || words.find(&["combien", "de|d", "mm|millimetres|degres|microgrammes|ug"]).is_some()
    {
        // "How many mm of rain": an amount.
        words.take_all(&[&["how", "many"], &["combien", "de"], &["combien", "d"]]);
    }
    for (pattern, kind) in DAY_KINDS {
        if words.take_pattern(pattern).is_some() {
            asks.day_kind.get_or_insert(*kind);
        }
    }
    // "How many" counts days (or times); "how many stations" is no count of days.
    let days = words.has(&[&["days|day|jours|jour|journees|times|fois|often|episodes"]]) || asks.day_kind.is_some();
    let first = COUNT_WORDS.iter().filter_map(|p| words.find(p).map(|i| (i, p.len()))).min();
    let counted = words.take_all(COUNT_WORDS);
    match (first, days) {
        (Some((i, n)), true) => asks.count = Some(words.said(i, n)),
        (Some(_), false) => {
            let i = counted[0];
            asks.uncounted = Some((i..(i + 3).min(words.len())).map(|k| words.raw(k)).collect::<Vec<_>>().join(" "));
        }
        (None, _) => {}
    }
    asks.episode = !words.take_all(EPISODE_WORDS).is_empty();
    asks.forecast = !words.take_all(FORECAST_WORDS).is_empty();
    statistics(words, asks);
    comparisons(words, asks);
    superlatives(words, asks);
    asks.trend = take_said(words, TREND_WORDS);
    for (pattern, unit) in PERIODIC {
        if let Some(i) = words.find(pattern) {
            asks.per.get_or_insert((*unit, words.said(i, pattern.len())));
            words.take(i, pattern.len());
        }
    }
    asks.averaged = take_said(words, AVERAGES);
    asks.total = take_said(words, TOTALS);
    if asks.extreme.is_some() || asks.compare.is_some() || asks.statistic.is_some() {
        unit(words, asks);
    }
    // "il a plu combien de jours": the count noun after the verb.
    if asks.count.is_some() || asks.day_kind.is_some() {
        words.take_all(&[&["days"], &["day"], &["jours"], &["jour"], &["journees"], &["times"], &["fois"]]);
    }
}

/// "minimum temperature", "daily highs", "au plus froid", "at its hottest": the day's statistic.
fn statistics(words: &mut Words, asks: &mut Asks) {
    for i in 0..words.len() {
        // "au plus froid", "à son plus chaud", "at its coldest".
        let lead = if words.at(i, &["au", "plus|moins"]) {
            2
        } else if words.at(i, &["a", "son|sa", "plus"]) || words.at(i, &["at", "its", "highest|lowest|hottest|coldest|warmest"]) {
            if words.is(i, "at") { 2 } else { 3 }
        } else {
            continue;
        };
        let high = if words.is(i, "at") {
            words.is(i + 2, "highest|hottest|warmest")
        } else {
            let Some((_, _, high)) = FRENCH_ADJECTIVES.iter().find(|(a, ..)| words.is(i + lead, a)) else { continue };
            *high == words.is(i + 1, "plus")
        };
        let n = if words.is(i, "at") { 3 } else { lead + 1 };
        asks.statistic.get_or_insert((if high { Statistic::Max } else { Statistic::Min }, words.said(i, n)));
        if let Some((_, Some(v), _)) = FRENCH_ADJECTIVES.iter().find(|(a, ..)| words.is(i + lead, a)) {
            asks.compared = asks.compared.or(Some(*v));
        }
        if words.is(i, "at") && words.is(i + 2, "hottest|warmest|coldest") {
            asks.compared = asks.compared.or(Some("temperature"));
        }
        words.take(i, n);
    }
    let mut both = (false, false);
    for (pattern, statistic, variable) in STATISTICS {
        while let Some(i) = words.find(pattern) {
            asks.statistic.get_or_insert((*statistic, words.said(i, pattern.len())));
            asks.statistic_of = asks.statistic_of.or(*variable);
            asks.compared = asks.compared.or(*variable);
            words.take(i, pattern.len());
            both = (both.0 || *statistic == Statistic::Min, both.1 || *statistic == Statistic::Max);
        }
    }
    // "min et max": the day's range, its default.
    if both == (true, true) {
        asks.statistic = None;
    }
}

/// "plus chaud que", "warmer than", "vs", "compared with", "A or B".
fn comparisons(words: &mut Words, asks: &mut Asks) {
    for (pattern, variable, _) in COMPARATIVES {
        while let Some(i) = words.find(pattern) {
            asks.compare.get_or_insert(words.said(i, pattern.len()));
            words.take(i, pattern.len());
            asks.compared = asks.compared.or(*variable);
        }
    }
    // French: "plus chaud", "moins pollué" without an article is a comparative.
    for i in 0..words.len() {
        if !words.is(i, "plus|moins") {
            continue;
        }
        let article = i > 0 && matches!(words.text(i - 1), "le" | "la" | "les" | "l");
        if article {
            continue;
        }
        let adjective = FRENCH_ADJECTIVES.iter().find(|(a, ..)| words.is(i + 1, a));
        if let Some((_, variable, _)) = adjective {
            asks.compare.get_or_insert(words.said(i, 2));
            words.take(i, 2);
            asks.compared = asks.compared.or(*variable);
        } else if words.is(i + 1, "de|d") {
            asks.compare.get_or_insert(words.said(i, 2));
            words.take(i, 2);
        }
    }
    if let Some(said) = take_said(words, COMPARE_WORDS) {
        asks.compare.get_or_insert(said);
    }
    // "plus chaud que": the "que" of a comparison (elsewhere a function word).
    if asks.compare.is_some() {
        words.take_all(&[&["que"], &["qu"]]);
    }
    words.take_all(&[&["or"], &["ou"]]);
}

/// "the hottest", "le plus froid", "la plus forte rafale", "record de chaleur", "le moins de pluie".
fn superlatives(words: &mut Words, asks: &mut Asks) {
    for i in 0..words.len() {
        if !words.is(i, "plus|moins") {
            continue;
        }
        let most = words.is(i, "plus");
        let (highest, variable) = if let Some((_, variable, high)) = FRENCH_ADJECTIVES.iter().find(|(a, ..)| words.is(i + 1, a)) {
            (if most { *high } else { !*high }, *variable)
        } else if words.is(i + 1, "de|d") {
            (most, None)
        } else {
            continue;
        };
        if asks.extreme.is_none() {
            asks.extreme = Some(Extreme { highest, variable, at: i, said: words.said(i, 2) });
        }
        words.take(i, 2);
    }
    for (pattern, highest, variable) in SUPERLATIVES {
        if let Some(i) = words.find(pattern) {
            if asks.extreme.is_none() {
                asks.extreme = Some(Extreme { highest: *highest, variable: *variable, at: i, said: words.said(i, pattern.len()) });
            }
            while words.take_pattern(pattern).is_some() {}
        }
    }
}

/// What an extreme ranks: days (the default), months, years or stations.
fn unit(words: &mut Words, asks: &mut Asks) {
    const UNITS: &[(&[&str], Unit)] = &[
        // "Of the complete calendar years": a ranking keeps those with data on most of their days.
        (&["complete|full|whole|entire", "calendar", "years|year"], Unit::Year),
        (&["complete|full|whole|entire|calendar", "years|year"], Unit::Year),
        (&["annees|annee|ans", "completes|complete|civiles|civile|entieres|entiere|pleines|pleine"], Unit::Year),
        (&["complete|full|whole|entire", "months|month"], Unit::Month),
        (&["mois", "complets|complet|entiers|entier|pleins|plein"], Unit::Month),
        (&["which", "station"], Unit::Station),
        (&["quelle", "station"], Unit::Station),
        (&["where"], Unit::Station),
        (&["station"], Unit::Station),
        (&["stations"], Unit::Station),
        (&["day"], Unit::Day),
        (&["days"], Unit::Day),
        (&["jour"], Unit::Day),
        (&["jours"], Unit::Day),
        (&["journee"], Unit::Day),
        (&["date"], Unit::Day),
        (&["when"], Unit::Day),
        (&["quand"], Unit::Day),
        (&["month"], Unit::Month),
        (&["months"], Unit::Month),
        (&["mois"], Unit::Month),
        (&["year"], Unit::Year),
        (&["years"], Unit::Year),
        (&["annee"], Unit::Year),
        (&["annees"], Unit::Year),
    ];
    let found = UNITS.iter().filter_map(|(p, u)| words.find(p).map(|i| (i, p.len(), *u))).min_by_key(|(i, ..)| *i);
    if let Some((i, n, unit)) = found {
        words.take(i, n);
        asks.unit = Some(unit);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::question::tokens::tokens;

    fn asks(question: &str) -> Asks {
        let mut words = Words::new(tokens(question));
        let mut asks = Asks::default();
        asks.index = index(&mut words);
        read(&mut words, &mut asks);
        asks
    }

    #[test]
    fn counts_extremes_and_comparisons() {
        let extreme = |q: &str| asks(q).extreme.map(|e| (e.highest, e.variable));
        assert_eq!(asks("How many frost days in 2016?").count.as_deref(), Some("How many"));
        assert_eq!(asks("How many frost days in 2016?").day_kind, Some(DayKind::Frost));
        assert!(asks("How many mm of rain fell in October 2020?").count.is_none());
        assert!(asks("Combien de pluie est tombée ?").count.is_none());
        let hottest = asks("On the hottest day of 2020, what was the PM2.5?");
        assert_eq!(hottest.unit, Some(Unit::Day));
        assert_eq!(extreme("On the hottest day of 2020, what was the PM2.5?"), Some((true, Some("temperature"))));
        let coldest = asks("quel jour a-t-il fait le plus froid en 2020");
        assert_eq!(extreme("quel jour a-t-il fait le plus froid en 2020"), Some((false, Some("temperature"))));
        assert!(coldest.compare.is_none());
        let warmer = asks("Il a fait plus chaud en 2018 ou en 2019 ?");
        assert!(warmer.compare.is_some() && warmer.extreme.is_none());
        assert_eq!(warmer.compared, Some("temperature"));
        assert_eq!(asks("Which station had the most PM2.5 in 2020?").unit, Some(Unit::Station));
        assert_eq!(extreme("la plus grosse rafale jamais enregistrée"), Some((true, None)));
        assert_eq!(extreme("Le jour avec le moins de particules fines"), Some((false, None)));
    }

    #[test]
    fn statistics_of_the_day() {
        let statistic = |q: &str| asks(q).statistic.map(|(s, _)| s);
        assert_eq!(statistic("il a fait combien au plus froid le 28 fevrier 2018"), Some(Statistic::Min));
        assert_eq!(statistic("minimum temperature on 3 March 2019"), Some(Statistic::Max).map(|_| Statistic::Min));
        assert_eq!(statistic("average daily maximum temperature in August 2018"), Some(Statistic::Max));
        assert_eq!(statistic("la température maximale du 26 juin 2019"), Some(Statistic::Max));
        assert!(asks("average daily maximum temperature in August 2018").averaged.is_some());
        assert!(asks("il a fait combien au plus froid le 28 fevrier 2018").compare.is_none());
        assert_eq!(asks("Quelle est la moyenne des PM2,5 ?").averaged.as_deref(), Some("moyenne"));
        assert_eq!(asks("total rainfall in 2019").total.as_deref(), Some("total"));
    }

    #[test]
    fn indices_and_their_classes() {
        let atmo = asks("Combien de jours l'indice ATMO était « mauvais » en 2020 ?").index;
        assert_eq!(atmo.map(|a| (a.index, a.class)), Some((IndexName::Atmo, Some(4))));
        let eaqi = asks("How many 'good' European AQI days did Montferrand have in 2020?").index;
        assert_eq!(eaqi.map(|a| (a.index, a.class)), Some((IndexName::Eaqi, Some(1))));
        let asked = asks("Was the Atmo index good or bad in Clermont on February 26th 2020?").index;
        assert_eq!(asked.map(|a| (a.index, a.class)), Some((IndexName::Atmo, None)));
        let foreign = asks("l'indice européen était mauvais le 3 mars 2020").index.unwrap();
        assert_eq!((foreign.class, foreign.foreign.as_deref()), (None, Some("mauvais")));
        assert!(asks("How many stations measure PM2.5?").count.is_none());
    }
}
