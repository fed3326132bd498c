//! The words the reader knows: function words of both languages, the names of variables and
//! topics, topics it has no data on, places it does not cover, greetings. A word in none of
//! these lists is left over, and said.

use crate::lang::Lang;

/// English words that carry no part of a plan.
pub const FUNCTION_EN: &[&str] = &[
    "a", "an", "the", "of", "in", "on", "at", "to", "for", "from", "by", "with", "and", "or", "is", "are", "was",
    "were", "be", "been", "being", "am", "do", "does", "did", "done", "has", "have", "had", "having", "what",
    "whats", "which", "who", "whom", "whose", "when", "where", "how", "why", "it", "its", "itself", "there", "here",
    "this", "that", "these", "those", "i", "me", "my", "you", "your", "we", "us", "our", "they", "them", "their",
    "he", "she", "can", "could", "would", "should", "will", "shall", "may", "might", "must", "please", "pls", "plz",
    "tell", "show", "give", "let", "know", "find", "get", "got", "see", "say", "like", "look", "looked", "about",
    "so", "then", "also", "too", "as", "just", "really", "very", "quite", "pretty", "much", "any", "some", "all",
    "both", "not", "no", "yes", "if", "whether", "s", "t", "d", "ll", "re", "ve", "m", "don", "doesn", "didn",
    "wasn", "weren", "isn", "aren", "ok", "okay", "well", "oh", "exactly", "roughly", "approximately", "around",
    "into", "during", "over", "up", "out", "via", "again", "still", "ago", "through", "throughout",
    "within", "between", "across", "overall", "total", "whole", "entire", "full", "value", "values", "level",
    "levels", "figure", "figures", "number", "amount", "reading", "readings", "data", "measure", "measured",
    "measurement", "measurements", "recorded", "observed", "concentration", "concentrations", "rate", "situation",
    "conditions", "condition", "outside", "outdoors", "city", "town", "area", "local", "station", "stations", "day",
    "days", "date", "time", "period", "year", "years", "month", "months", "average", "mean", "typical", "typically",
    "usually", "generally", "many", "same", "other", "another", "one", "ones", "something", "anything",
    "everything", "currently", "current", "kind", "sort", "info", "information", "details", "stats", "statistics",
    "report", "summary", "overview", "graph", "chart", "quick", "question", "wondering", "curious", "want",
    "wanted", "need", "looking", "check", "checking", "happened", "happen", "happening", "fell", "fall", "record",
    "went", "go", "come", "came", "bit", "lot", "lots", "little", "high", "low", "bad", "good", "nice", "real",
    "actual", "reached", "reach", "hit", "gone", "goes", "make", "made", "daily", "monthly", "yearly", "annual",
    "altogether",
];

/// French words that carry no part of a plan.
pub const FUNCTION_FR: &[&str] = &[
    "le", "la", "les", "l", "un", "une", "des", "du", "de", "d", "au", "aux", "a", "en", "dans", "sur", "pour",
    "par", "avec", "sans", "et", "ou", "est", "es", "etait", "etaient", "ete", "sont", "suis", "sera", "seront",
    "serait", "fera", "va", "vont", "ont", "avait", "avaient", "as", "ai", "avons", "avez", "eu", "eue", "fait",
    "faisait", "faire", "il", "elle", "ils", "elles", "on", "y", "ce", "cet", "cette", "ces", "c", "ca", "cela",
    "ceci", "qu", "que", "qui", "quoi", "quel", "quelle", "quels", "quelles", "lequel", "laquelle", "comment",
    "combien", "quand", "je", "j", "tu", "vous", "nous", "me", "m", "te", "t", "se", "s", "moi", "toi", "mon", "ma",
    "mes", "ton", "ta", "tes", "son", "sa", "ses", "votre", "vos", "notre", "nos", "leur", "leurs", "ne", "n",
    "pas", "tres", "trop", "bien", "alors", "donc", "aussi", "encore", "deja", "tout", "tous", "toute", "toutes",
    "peu", "beaucoup", "assez", "sais", "sait", "savoir", "peux", "peut", "pouvez", "pourrais", "pourriez",
    "pourrait", "dire", "dis", "dites", "donner", "donne", "donnez", "montre", "montrer", "montrez", "indiquer",
    "indique", "connaitre", "voudrais", "veux", "aimerais", "svp", "stp", "lors", "pendant", "durant", "entre",
    "depuis", "chez", "vers", "environ", "exactement", "approximativement", "valeur", "valeurs", "niveau",
    "niveaux", "taux", "concentration", "concentrations", "mesure", "mesures", "mesuree", "mesurees", "mesurait",
    "releve", "releves", "relevee", "relevees", "enregistre", "enregistree", "enregistrees", "enregistres",
    "donnee", "donnees", "chiffre", "chiffres", "quantite", "total", "totale", "ville", "centre", "ici", "dehors",
    "situation", "etat", "jour", "jours", "journee", "journees", "date", "periode", "annee", "annees", "an", "ans",
    "mois", "station", "stations", "actuel", "actuelle", "moyenne", "moyen", "typique", "habituellement",
    "generalement", "meme", "autre", "autres", "quelque", "chose", "rien", "info", "infos", "information",
    "informations", "details", "statistiques", "resume", "bilan", "point", "question", "voir", "besoin", "regarder",
    "verifier", "passe", "passee", "tombe", "tombee", "tombes", "tombees", "avoir", "etre", "ya", "mais", "si",
    "car", "puis", "oui", "non", "bon", "bonne", "mauvais", "mauvaise", "bas", "haut", "haute", "vrai", "reel",
    "reelle", "quotidien", "quotidienne", "mensuel", "mensuelle", "annuel", "annuelle", "globalement", "cumul",
    "cumule", "cumulee", "quantites", "atteint", "atteinte", "atteints", "atteintes", "fallait", "faut", "aurait",
    "aurais", "avais", "etais", "connu", "connue", "regne",
];

/// Words that change an answer: left over, they make the question unreadable.
pub const CHANGING: &[&str] = &[
    "than", "versus", "vs", "compared", "compare", "comparing", "comparison", "comparer", "comparaison", "more",
    "less", "fewer", "plus", "moins", "higher", "lower", "greater", "davantage", "superieur", "superieure",
    "inferieur", "inferieure", "above", "below", "under", "exceed", "exceeded", "exceeding", "depasse", "depasser",
    "depassant", "early", "late", "beginning", "start", "end", "middle", "mid", "debut", "fin", "milieu", "mi",
    "except", "excluding", "sauf", "hors", "without", "each", "chaque", "every", "per", "top", "rank", "ranking",
    "classement", "median", "mediane", "percentile", "sum", "somme", "ratio", "percentage", "pourcentage",
    "proportion", "share", "week", "weeks", "semaine", "semaines", "quarter", "quarters", "trimestre", "trimestres", "semestre", "semestres", "half", "night", "nuit", "nights", "nuits", "morning",
    "matin", "afternoon", "apres", "midi", "evening", "soir", "hour", "hours", "heure", "heures", "h", "usual",
    "normal", "normale", "habitude", "season", "saison", "saisons", "seasons", "weekend", "weekends", "last",
    "first", "dernier", "derniere", "premier", "premiere", "before", "after", "until", "till", "avant", "jusqu",
    "jusque", "since",
];

/// Phrases of function words only: "jusqu'à combien" asks how much, not until when.
pub const FUNCTION_PHRASES: &[&[&str]] = &[&["jusqu", "a", "combien"], &["jusqu", "ou"], &["jusqu", "a", "quel", "point"]];

/// Word pairs that ask for figures grouped in a way the reader does not do ("per month").
pub const GROUPINGS: &[&[&str]] = &[&[
    "per|each|every|par|chaque|by",
    "day|month|year|week|station|jour|mois|an|annee|semaine|hour|heure",
]];

/// Topics with no data here: named, they get no figure.
pub const NO_DATA_TOPICS: &[&str] = &[
    "crime", "crimes", "criminalite", "delinquance", "vol", "vols", "theft", "thefts", "burglary", "burglaries",
    "cambriolage", "cambriolages", "securite", "insecurite", "police", "safety", "rent", "rents", "rental",
    "loyer", "loyers", "tax", "taxes", "impots",
    "unemployment", "chomage", "job", "jobs", "emploi", "emplois", "employment", "salary", "salaries", "salaire",
    "salaires", "economy", "economie", "income", "revenus", "traffic", "trafic", "circulation", "embouteillage",
    "embouteillages", "bouchons", "cars", "voitures", "bus", "tram", "tramway", "transport", "transports",
    "parking", "velo", "velos", "bike", "bikes", "cycling", "noise", "bruit", "bruits", "sonore", "decibels",
    "pollen", "pollens", "allergy", "allergies", "allergie", "allergique", "population", "inhabitants", "habitants",
    "residents", "demographics", "school", "schools", "ecole", "ecoles", "college", "lycee", "university",
    "universite", "hospital", "hospitals", "hopital", "hopitaux", "sante", "health", "covid", "coronavirus",
    "virus", "flu", "grippe", "snow", "snowfall", "neige", "neiger", "enneigement", "sunshine", "sun", "sunny",
    "soleil", "ensoleillement", "ensoleille", "uv", "fog", "foggy", "brouillard", "storm", "storms", "orage",
    "orages", "thunder", "tonnerre", "lightning", "eclairs", "grele", "hail", "visibility", "visibilite", "cloud",
    "clouds", "cloudy", "nuage", "nuages", "nuageux", "nebulosite", "water", "eau", "river", "riviere", "flood",
    "floods", "inondation", "inondations", "earthquake", "seisme", "election", "elections", "vote", "mayor",
    "maire", "restaurant", "restaurants", "hotel", "hotels", "tourism", "tourisme", "tourist", "tourists",
    "touristes", "museum", "musee", "concert", "concerts", "football", "rugby", "asm", "benzene", "co2", "methane",
    "ammonia", "ammoniac", "nh3", "plomb", "arsenic", "nickel", "cadmium", "radon", "voc", "cov", "formaldehyde",
    "pm1", "nox", "dew", "rosee", "tide", "maree", "earthquakes", "volcano", "volcan", "wildfire", "incendie",
    "incendies", "fire", "fires", "energy", "energie", "electricity", "electricite", "waste", "dechets",
    "recycling", "recyclage", "budget", "taxis", "uber", "stock", "bourse", "bitcoin", "news", "actualite",
    "actualites",
];

/// Places people name that this service has no data for (its own stations are read first).
pub const OTHER_PLACES: &[&[&str]] = &[
    &["paris"], &["lyon"], &["marseille"], &["toulouse"], &["nice"], &["nantes"], &["strasbourg"],
    &["montpellier"], &["bordeaux"], &["lille"], &["rennes"], &["reims"], &["grenoble"], &["dijon"], &["angers"],
    &["nimes"], &["limoges"], &["tours"], &["orleans"], &["brest"], &["le", "havre"], &["saint", "etienne"],
    &["vichy"], &["riom"], &["thiers"], &["issoire"], &["moulins"], &["montlucon"], &["le", "puy"],
    &["chamalieres"], &["royat"], &["beaumont"], &["cournon"], &["aubiere"], &["jardin", "lecoq"], &["lecoq"],
    &["les", "ancizes"], &["stade", "leclanche"], &["beaulieu"], &["jaude"], &["edouard", "michelin"],
    &["london"], &["londres"], &["berlin"], &["madrid"], &["rome"], &["new", "york"], &["brussels"],
    &["bruxelles"], &["geneva"], &["geneve"], &["milan"], &["barcelona"], &["barcelone"], &["tokyo"],
    &["beijing"], &["pekin"],
];

/// Greetings and thanks: alone, they get the capability answer.
pub const GREETINGS: &[&[&str]] = &[
    &["hello"], &["hi"], &["hey"], &["hiya"], &["greetings"], &["good", "morning"], &["good", "afternoon"],
    &["good", "evening"], &["thanks"], &["thank", "you"], &["thank"], &["thx"], &["cheers"], &["bye"],
    &["goodbye"], &["bonjour"], &["bonsoir"], &["salut"], &["coucou"], &["merci"], &["merci", "beaucoup"],
    &["au", "revoir"], &["bonne", "journee"], &["dear"], &["sir"], &["madam"], &["madame"],
    &["monsieur"], &["bot"], &["robot"], &["chatbot"], &["assistant"],
];

/// Questions about the service itself.
pub const META: &[&[&str]] = &[
    &["help"], &["aide"], &["aidez"], &["aider"], &["what", "can", "you", "do"], &["what", "can", "i", "ask"],
    &["what", "do", "you", "know"], &["who", "are", "you"], &["what", "are", "you"], &["how", "does", "this", "work"],
    &["how", "do", "you", "work"], &["what", "questions"], &["what", "data"], &["which", "data"],
    &["what", "do", "you", "have"], &["que", "sais", "tu", "faire"], &["que", "savez", "vous", "faire"],
    &["que", "peux", "tu", "faire"], &["que", "pouvez", "vous", "faire"], &["qui", "es", "tu"],
    &["qui", "etes", "vous"], &["comment", "ca", "marche"], &["comment", "tu", "marches"],
    &["a", "quoi", "sers", "tu"], &["a", "quoi", "servez", "vous"], &["tu", "sers", "a", "quoi"],
    &["vous", "servez", "a", "quoi"], &["sers", "a", "quoi"], &["quelles", "questions"],
    &["quelles", "donnees"], &["capabilities"], &["capable"], &["fonctionnalites"], &["sais", "tu"],
    &["savez", "vous"], &["possible"], &["options"], &["menu"], &["commands"], &["example"], &["examples"],
    &["exemple"], &["exemples"], &["how", "are", "you"], &["ca", "va"], &["comment", "vas", "tu"],
    &["comment", "allez", "vous"], &["ce", "service"], &["this", "service"], &["repondre", "a", "quoi"],
];

/// Words each language uses most, for telling them apart.
const ENGLISH_ONLY: &[&str] = &[
    "monday", "tuesday", "wednesday", "thursday", "friday", "saturday", "sunday", "next", "often", "tonight", "trips",
    "stops", "lines",
    "the", "was", "what", "how", "which", "is", "in", "on", "of", "many", "days", "did", "yesterday", "tomorrow",
    "week", "month", "last", "it", "rain", "quality", "does", "were", "at", "and", "there", "any", "year", "than",
    "with", "between", "average", "highest", "lowest", "above", "today", "will", "be", "much", "weather",
    "temperature", "wind", "day", "hottest", "coldest", "warmest", "when", "from", "to", "hello", "thanks", "help",
    "you", "can", "fine", "particles", "frost", "rainy", "windy", "hot", "cold", "warm", "wettest", "windiest",
    "strongest", "gust", "gusts", "pressure", "humidity", "compare", "fell", "during", "first", "half", "quarter",
    "this", "that", "get", "got", "had", "has", "have", "price", "prices", "flat", "flats", "house", "houses",
    "sales", "sold", "housing", "property", "apartment", "apartments", "rooms", "room", "square", "cost",
];
const FRENCH_ONLY: &[&str] = &[
    "lundi", "mardi", "mercredi", "jeudi", "vendredi", "samedi", "dimanche", "prochain", "prochaine", "stp", "ligne",
    "lignes", "arret", "arrets", "soir", "passe", "trajets", "horaires",
    "le", "la", "les", "des", "du", "est", "etait", "quel", "quelle", "quels", "quelles", "combien", "en", "au",
    "aux", "il", "fait", "jours", "hier", "demain", "mois", "semaine", "qualite", "pluie", "dernier", "derniere",
    "ce", "cette", "ou", "pas", "plus", "que", "qui", "pour", "sur", "avec", "de", "y", "annee", "jour",
    "temperature", "vent", "chaud", "froid", "pluvieux", "particules", "fines", "gel", "bonjour", "merci", "aide",
    "moyenne", "entre", "et", "plu", "pleut", "premier", "semestre", "trimestre", "noel", "depuis", "mesures",
    "pression", "humidite", "rafale", "rafales", "ete", "ont", "sont", "une", "un", "dans", "l", "qu", "elle",
    "vous", "tu", "je", "prix", "appartement", "appartements", "appart", "maison", "maisons", "immobilier",
    "ventes", "vente", "vendu", "vendus", "vendue", "vendues", "pieces", "logement", "logements", "coute", "tx", "tn",
];

/// French or English, from the words each language uses most, month names, greetings and
/// accents; the words of place names (`names`) say nothing of the language.
pub fn language(words: &[(String, String)], names: &[String]) -> Lang {
    const MONTHS_EN: &[&str] = &[
        "january", "february", "march", "april", "june", "july", "august", "september", "october", "november",
        "december", "hello", "hi", "thanks", "thank",
    ];
    const MONTHS_FR: &[&str] = &[
        "janvier", "fevrier", "avril", "juin", "juillet", "aout", "septembre", "octobre", "novembre", "decembre",
        "salut", "bonsoir", "coucou",
    ];
    let mut french = 0;
    let mut english = 0;
    for (text, raw) in words.iter().filter(|(text, _)| !names.contains(text)) {
        let w = text.as_str();
        let (fr, en) = (FRENCH_ONLY.contains(&w) || MONTHS_FR.contains(&w), ENGLISH_ONLY.contains(&w) || MONTHS_EN.contains(&w));
        french += usize::from(fr && !en);
        english += usize::from(en && !fr);
        if raw.chars().any(|c| "éèêàâùûçôîœ".contains(c.to_lowercase().next().unwrap_or(c))) {
            french += 2;
        }
    }
    if french > english { Lang::Fr } else { Lang::En }
}

pub fn is_function_word(word: &str) -> bool {
    FUNCTION_EN.contains(&word) || FUNCTION_FR.contains(&word)
}
