//! Housing questions (DVF property sales): which dwellings, of what size, and what is asked of
//! their sales — the price per m², the price paid, the surface, how many, the spread of prices, a
//! change — in both languages. Sales of land, business premises or parking spaces, and rents, are
//! not in the data: named, they are said to have none.

use serde::Serialize;

use crate::question::words::Words;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Dwelling {
    Flat,
    House,
}

impl Dwelling {
    pub fn code(self) -> &'static str {
        match self {
            Dwelling::Flat => "flat",
            Dwelling::House => "house",
        }
    }
}

/// What is asked of the sales.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Measure {
    PricePerM2,
    Price,
    Surface,
    Sales,
}

#[derive(Debug, Clone, PartialEq, Serialize, utoipa::ToSchema)]
pub struct HousingAsk {
    /// The dwellings named, in order: none is every dwelling; two are compared.
    pub dwellings: Vec<Dwelling>,
    /// Main rooms, 1 to 4, or 5 for "5 or more".
    pub rooms: Option<u8>,
    pub measure: Measure,
    /// The first and third quartiles are asked too.
    pub spread: bool,
    /// "Average" was said: the answer says it gives the median.
    pub average: bool,
    /// A change is asked (in percent, against the year before, since a year).
    pub change: bool,
    /// Which of two is dearer ("more expensive", "le plus cher").
    pub dearer: bool,
    /// What is asked of the sales was said (else `measure` is the price per m², by default).
    #[serde(skip)]
    pub measured: bool,
    /// Only a price, a median or a surface says the question is about the sales.
    #[serde(skip)]
    pub weak: bool,
    #[serde(skip)]
    pub words: MeasureWords,
}

const FLATS: &[&[&str]] =
    &[&["flat|flats|apartment|apartments|appartement|appartements|appart|apparts|appt|appts|condo|condos"]];
const HOUSES: &[&[&str]] = &[&["house|houses|maison|maisons|villa|villas|pavillon|pavillons"]];
/// Every dwelling: the market as a whole.
const PROPERTY: &[&[&str]] = &[
    &["real", "estate"],
    &[
        "housing|property|properties|immobilier|immobiliere|immobilieres|immobiliers|immo|logement|logements|home|homes|dwelling|dwellings|habitation|habitations|biens",
    ],
];
const PER_M2: &[&[&str]] = &[
    &["per|par|au|le|du|/|a|the|each|chaque|un", "m2|sqm"],
    &["per|par|au|le|du|/|a|the|each|chaque|un", "metre|metres|meter|meters", "carre|carres"],
    &["per|par|au|le|du|/|a|the|each|chaque|un", "square", "metre|metres|meter|meters"],
    &["per|par|au|le|du|/|a|the|each|chaque|un", "sq", "m"],
    &["m2|sqm"],
    &["metre|metres|meter|meters", "carre|carres"],
    &["square", "metre|metres|meter|meters"],
    &["eur|euro|euros", "m2"],
];
const PRICES: &[&[&str]] = &[
    &["going", "rate"],
    &["sell|sells|sold|selling", "for"],
    &["se", "vend|vendent|vendait|vendaient"],
    &[
        "price|prices|priced|prix|cost|costs|costed|coute|coutent|coutait|coutaient|couter|cout|couts|worth|vaut|valent|paid|pay|payer|paye|payes|tarif|tarifs|eur|euro|euros|€",
    ],
];
const SURFACES: &[&[&str]] = &[
    &["floor", "area|areas|space"],
    &["living", "area|space"],
    &["surface|surfaces|superficie|superficies|size|sizes"],
];
const SALES: &[&[&str]] = &[
    &["changed|change|changing", "hands"],
    &["trouve|trouver|trouvent|trouvait", "preneur|preneurs|acquereur|acquereurs"],
    &["sale|sales|sold|sell|ventes|vendu|vendus|vendue|vendues|transaction|transactions|mutations|deals|achats|bought|purchases"],
];
/// "How many flats", "combien de maisons": a number of sales.
const COUNTS: &[&[&str]] = &[&["how", "many"], &["combien", "de|d"], &["number", "of"], &["nombre", "de|d"]];
const MEDIANS: &[&[&str]] = &[&["median|medians|mediane|medianes|medien|mediens"]];
const AVERAGES: &[&str] = &["average", "mean", "avg", "moyen", "moyenne", "moyens", "moyennes", "typical", "typique"];
const SPREADS: &[&[&str]] = &[
    &["lower|upper|bottom|top", "and|&", "lower|upper|bottom|top", "quartile|quartiles"],
    &["lower|upper|bottom|top", "quartile|quartiles"],
    &["quartile|quartiles", "inferieur|superieur|inferieurs|superieurs|bas|haut", "et", "inferieur|superieur|bas|haut"],
    &["quartile|quartiles", "inferieur|superieur|inferieurs|superieurs|bas|haut"],
    &["25th", "and|&|et", "75th", "percentile|percentiles|centile|centiles"],
    &["25e", "et", "75e", "percentile|percentiles|centile|centiles"],
    &["1er|premier|first|1st", "et|and|&", "3e|troisieme|third|3rd", "quartile|quartiles"],
    &["interquartile", "range"],
    &["p25|q1", "/|and|et|&|-", "p75|q3"],
    &["moitie|half", "centrale|central|middle"],
    &["middle|central", "half|50"],
    &["quartile|quartiles|fourchette|fourchettes|ecart", "interquartile"],
    &["quartile|quartiles|fourchette|fourchettes|spread"],
];
const CHANGES: &[&[&str]] = &[
    &["year", "over|on", "year"],
    &["in|en", "percent|%|pourcentage|pourcent|percentage"],
    &["percent|%|pourcentage|percentage|pourcent"],
    &[
        "yoy|change|changed|changes|changing|variation|variations|evolue|evolution|evolutions|evolved|risen|rose|fallen|dropped|drop|increase|increased|decrease|decreased|grown|grew|moved",
    ],
];
/// "Which is dearer", in both languages.
const DEARER: &[&[&str]] = &[
    &["more|less|most|least|plus|moins", "expensive|cher|chere|chers|cheres|couteux|couteuse|couteuses"],
    &["cheaper|cheapest|dearer|dearest|pricier|priciest|expensive|cher|chere|chers|cheres"],
];
/// Dwellings of a size: "T3", "studio".
const SIZED: &[(&str, Dwelling, u8)] = &[
    ("studio", Dwelling::Flat, 1),
    ("studios", Dwelling::Flat, 1),
    ("t1", Dwelling::Flat, 1),
    ("t2", Dwelling::Flat, 2),
    ("t3", Dwelling::Flat, 3),
    ("t4", Dwelling::Flat, 4),
    ("t5", Dwelling::Flat, 5),
    ("f1", Dwelling::Flat, 1),
    ("f2", Dwelling::Flat, 2),
    ("f3", Dwelling::Flat, 3),
    ("f4", Dwelling::Flat, 4),
    ("f5", Dwelling::Flat, 5),
];
/// Main rooms (DVF's "pièces principales"); bedrooms are not rooms.
const ROOM_WORDS: &str = "room|rooms|piece|pieces|pcs|pc|p";
const NUMBERS: &[(&str, u8)] = &[
    ("1", 1),
    ("2", 2),
    ("3", 3),
    ("4", 4),
    ("5", 5),
    ("6", 6),
    ("7", 7),
    ("8", 8),
    ("9", 9),
    ("one", 1),
    ("two", 2),
    ("three", 3),
    ("four", 4),
    ("five", 5),
    ("six", 6),
    ("une", 1),
    ("un", 1),
    ("deux", 2),
    ("trois", 3),
    ("quatre", 4),
    ("cinq", 5),
    ("single", 1),
];
const OR_MORE: &[&[&str]] = &[&["or|ou|et", "more|plus"], &["+"], &["and", "up|over|above"]];

/// Kinds of property the sales statistics leave out, and rents: (words, what to call them).
pub const NOT_HELD: &[&[&str]] = &[
    &["building", "land|plot|plots"],
    &["terrain|terrains", "a", "batir"],
    &["land|plot|plots|terrain|terrains"],
    &["locaux|local", "commercial|commerciaux|professionnel|professionnels"],
    &["commercial|business", "premises|property|properties|space|spaces|real"],
    &[
        "office|offices|bureau|bureaux|shop|shops|boutique|boutiques|commerce|commerces|warehouse|entrepot|entrepots|industriel|industriels",
    ],
    &["place|places", "de", "parking"],
    &["parking|garage|garages|box|car", "space|spaces|spot|spots"],
    &["parking|garage|garages|box"],
    &["rent|rents|rental|rentals|renting|loyer|loyers|louer|location|locations|colocation|bail"],
];
/// Places finer than a commune: the sales are not read street by street.
pub const FINER_PLACES: &[&str] = &[
    "street",
    "streets",
    "rue",
    "rues",
    "avenue",
    "avenues",
    "boulevard",
    "bd",
    "quartier",
    "quartiers",
    "neighbourhood",
    "neighborhood",
    "district",
    "districts",
    "address",
    "adresse",
    "arrondissement",
    "road",
    "lane",
    "place",
    "square",
    "impasse",
    "allee",
    "chemin",
    "residence",
];

/// Words that, left unread in a housing question, would change it: sizes and numbers.
pub fn changes_it(word: &str) -> bool {
    let article = ["un", "une", "one", "single"].contains(&word);
    ROOM_WORDS.split('|').any(|w| w == word) || (!article && NUMBERS.iter().any(|(w, _)| *w == word))
}

/// The size named: "3 rooms", "2-room", "5 pièces ou plus", "d'une pièce"; taken.
fn rooms(words: &mut Words) -> Option<u8> {
    for i in 0..words.len() {
        let Some((_, n)) = NUMBERS.iter().find(|(w, _)| words.is(i, w)) else { continue };
        let n = *n;
        let mut at = i + 1 + usize::from(words.is(i + 1, "seule|single|only"));
        // "5+ rooms", "five or more rooms"
        let plus_before = match OR_MORE.iter().find(|p| words.at(at, p)) {
            Some(p) => {
                at += p.len();
                true
            }
            None => false,
        };
        if !words.is(at, ROOM_WORDS) {
            continue;
        }
        let mut end = at + 1;
        // "5 rooms or more", "5 pièces et plus"
        let more = OR_MORE.iter().find(|p| words.at(end, p)).map(|p| p.len());
        if let Some(len) = more {
            end += len;
        }
        words.take(i, end - i);
        return Some(if plus_before || more.is_some() || n >= 5 { 5 } else { n });
    }
    None
}

/// A size said: "4 pièces", "a 2-room", "d'une seule pièce".
fn sized(words: &Words) -> bool {
    (0..words.len()).any(|i| {
        NUMBERS.iter().any(|(w, _)| words.is(i, w))
            && (words.is(i + 1, ROOM_WORDS) || (words.is(i + 1, "seule|single|only") && words.is(i + 2, ROOM_WORDS)))
    })
}

/// The housing part of a question, when it has one; its words taken.
pub fn read(words: &mut Words) -> Option<HousingAsk> {
    // "T3 2021" is a quarter, not a three-room flat.
    let quarter = |i: usize| words.is(i, "t1|t2|t3|t4") && super::periods::year(words.text(i + 1)).is_some();
    let sized_word =
        (0..words.len()).filter(|i| !quarter(*i)).find_map(|i| SIZED.iter().find(|(w, ..)| words.is(i, w)).map(|s| (i, *s)));
    let strong = words.has(FLATS)
        || words.has(HOUSES)
        || words.has(PROPERTY)
        || words.has(PER_M2)
        || words.has(SALES)
        || sized_word.is_some()
        || sized(words)
        || (0..words.len()).any(|i| words.is(i, "t1|t2|t3|t4|t5") && !quarter(i));
    // Prices, medians and surfaces are the sales' only: alone, they ask of them too.
    let weak = words.has(PRICES) || words.has(MEDIANS) || words.has(SURFACES);
    if !strong && !weak {
        return None;
    }
    let sized = sized_word;
    let dwelling_words = |k: usize| FLATS.iter().chain(HOUSES).any(|p| words.at(k, p));
    let counted = COUNTS.iter().any(|p| words.find(p).is_some_and(|i| (i + p.len()..i + p.len() + 3).any(dwelling_words)));
    let mut dwellings: Vec<(usize, Dwelling)> = Vec::new();
    let mut rooms_named = None;
    if let Some((i, (_, dwelling, n))) = sized {
        words.take(i, 1);
        dwellings.push((i, dwelling));
        rooms_named = Some(n);
    }
    for (patterns, dwelling) in [(FLATS, Dwelling::Flat), (HOUSES, Dwelling::House)] {
        for i in words.take_all(patterns) {
            if !dwellings.iter().any(|(_, d)| *d == dwelling) {
                dwellings.push((i, dwelling));
            }
        }
    }
    dwellings.sort_by_key(|(i, _)| *i);
    words.take_all(PROPERTY);
    let rooms = rooms(words).or(rooms_named);
    let per_m2 = !words.take_all(PER_M2).is_empty();
    let spread = !words.take_all(SPREADS).is_empty();
    let surface = !words.take_all(SURFACES).is_empty();
    let dearer = !words.take_all(DEARER).is_empty();
    let price = !words.take_all(PRICES).is_empty();
    let sales = !words.take_all(SALES).is_empty() || counted;
    let change = !words.take_all(CHANGES).is_empty();
    words.take_all(MEDIANS);
    let average = (0..words.len()).any(|i| AVERAGES.contains(&words.text(i)));
    let measured = surface || per_m2 || spread || dearer || price || sales || change;
    let words_said = MeasureWords { per_m2, surface, price, sales };
    let dwellings: Vec<Dwelling> = dwellings.into_iter().map(|(_, d)| d).collect();
    Some(HousingAsk {
        measure: words_said.measure(!dwellings.is_empty() || rooms.is_some(), spread || dearer),
        dwellings,
        rooms,
        spread,
        average,
        change,
        dearer,
        measured,
        weak: !strong,
        words: words_said,
    })
}

/// The words that say what is asked of the sales.
#[derive(Debug, Clone, Copy, Default, PartialEq)]
pub struct MeasureWords {
    per_m2: bool,
    surface: bool,
    price: bool,
    sales: bool,
}

impl MeasureWords {
    /// A surface, a price per m² (also for quartiles and "which is dearer"), the price paid for
    /// named dwellings, a number of sales; the price per m² when nothing is said.
    fn measure(self, dwellings: bool, per_m2: bool) -> Measure {
        if self.surface && !self.price && !per_m2 {
            Measure::Surface
        } else if self.per_m2 || per_m2 {
            Measure::PricePerM2
        } else if self.price && dwellings {
            Measure::Price
        } else if self.sales && !self.price {
            Measure::Sales
        } else {
            Measure::PricePerM2
        }
    }
}

impl HousingAsk {
    /// This ask as a follow-up of `before`: what it does not say is kept (the dwellings, the size,
    /// what is asked of the sales).
    pub fn after(&self, before: &HousingAsk) -> HousingAsk {
        let mut ask = if self.measured { self.clone() } else { HousingAsk { dwellings: self.dwellings.clone(), rooms: self.rooms, ..before.clone() } };
        if ask.dwellings.is_empty() {
            ask.dwellings = before.dwellings.clone();
        }
        if self.rooms.is_none() && self.dwellings.is_empty() {
            ask.rooms = before.rooms;
        }
        if self.measured {
            ask.measure = self.words.measure(!ask.dwellings.is_empty() || ask.rooms.is_some(), self.spread || self.dearer);
        }
        ask
    }
}

/// Every word of the tables, for correcting misspellings.
pub fn known_words() -> Vec<&'static str> {
    let tables =
        [FLATS, HOUSES, PROPERTY, PER_M2, PRICES, SURFACES, SALES, MEDIANS, SPREADS, CHANGES, DEARER, NOT_HELD];
    let mut words: Vec<&'static str> =
        tables.iter().flat_map(|t| t.iter()).flat_map(|p| p.iter()).flat_map(|e| e.split('|')).collect();
    words.extend(ROOM_WORDS.split('|'));
    words.extend(SIZED.iter().map(|(w, ..)| *w));
    words.extend(FINER_PLACES);
    words
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::question::tokens::tokens;

    fn ask(question: &str) -> (Option<HousingAsk>, Vec<String>) {
        let mut words = Words::new(tokens(question));
        let ask = read(&mut words);
        (ask, words.left().into_iter().map(|i| words.text(i).to_string()).collect())
    }

    #[test]
    fn dwellings_sizes_and_measures_in_both_languages() {
        let (a, left) = ask("prix m2 T3 clermont 2023");
        let a = a.unwrap();
        assert_eq!((a.dwellings.as_slice(), a.rooms, a.measure), (&[Dwelling::Flat][..], Some(3), Measure::PricePerM2));
        assert_eq!(left, ["clermont", "2023"]);
        let a = ask("Median price of houses with 5 rooms or more in Clermont-Ferrand in 2023?").0.unwrap();
        assert_eq!((a.dwellings.as_slice(), a.rooms, a.measure), (&[Dwelling::House][..], Some(5), Measure::Price));
        let a = ask("how much is a 2-room flat").0.unwrap();
        assert_eq!((a.rooms, a.measure), (Some(2), Measure::PricePerM2));
        let a = ask("prix médian au m² des maisons d'une pièce en 2023").0.unwrap();
        assert_eq!((a.dwellings.as_slice(), a.rooms), (&[Dwelling::House][..], Some(1)));
        let a = ask("combien de ventes de T3 en 2023 ?").0.unwrap();
        assert_eq!((a.rooms, a.measure), (Some(3), Measure::Sales));
        let a = ask("surface médiane des maisons vendues en 2023").0.unwrap();
        assert_eq!(a.measure, Measure::Surface);
        let a = ask("25th and 75th percentile of house prices per m2 in 2022").0.unwrap();
        assert!(a.spread && a.measure == Measure::PricePerM2);
        let a = ask("Maison ou appartement : lequel est le plus cher au m² à Clermont en 2023 ?").0.unwrap();
        assert_eq!(a.dwellings, [Dwelling::House, Dwelling::Flat]);
        assert!(a.dearer);
        let a = ask("average house price in Clermont 2024").0.unwrap();
        assert!(a.average && a.measure == Measure::Price);
        assert!(ask("PM2.5 at Montferrand in March 2020").0.is_none());
        assert!(ask("Quel temps fera-t-il demain ?").0.is_none());
    }
}
