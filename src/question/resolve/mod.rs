//! The late step: a question's constraints, merged with the question before when it follows one up,
//! become a plan against today (`as_of`). The periods get their days; what is asked becomes one
//! intent, or a refusal when two asks disagree (naming both words: never a silent priority); every
//! default is said in a note, in the question's language; and the plan says back what it answers.

pub mod periods;
pub mod transit;

use chrono::{Datelike, NaiveDate};

use super::constraints::Constraints;
use super::phrases::housing::{HousingAsk, Measure};
use super::phrases::limits::Limit;
use super::phrases::measures::{DayKind, Statistic, Unit};
use super::phrases::variables::Topic;
use super::plan::{Intent, Plan, Refusal, figure_of, unread_note};
use crate::calendar::Period;
use crate::lang::Lang;

/// The plan of `constraints`, read after `previous` (the plan of the question before) when there is one.
pub fn resolve(constraints: Constraints, previous: Option<&Plan>, as_of: NaiveDate) -> Plan {
    // Its own words compare ("warmer than August 2018?"), not the question before's.
    let compares = comparing(&constraints);
    let (mut c, kept) = match previous {
        Some(before) => constraints.follow(before),
        None => (constraints, None),
    };
    let followed = previous.filter(|_| kept.is_some());
    let mut kept = kept.unwrap_or_default();
    let mut notes = c.notes.clone();
    let (mut periods, month_of_year, unread) = days(&c, followed, (as_of, compares), (&mut kept, &mut notes));
    let (mut intent, mut said_statistic, mut conflict) = intent(&c, &periods.periods, month_of_year, as_of);
    let own_days = !c.periods.is_empty();
    if let Some(ask) = c.transit.as_mut() {
        let frame = (as_of, c.lang);
        intent = transit::resolve(ask, &mut periods.periods, (own_days, compares), frame, &mut notes);
        (said_statistic, conflict) = (None, None);
        // "How many more?" of one line on one day: the other side is not said.
        if let Some(words) = ask.difference.clone().filter(|_| intent != Intent::Compare) {
            c.changing.push(words);
        }
    }
    let mut period = periods.periods.first().cloned();
    // A record, a ranking of years or of the same month: over all the data unless a period is said.
    if let Intent::Extreme { of, .. } = intent
        && period.is_none()
        && (of == Unit::Year || month_of_year.is_some() || super::tokens::fold(&c.question).contains("record"))
    {
        period = Some(Period::all(as_of));
        notes.push(c.lang.say(
            "no period was given: all the data is used",
            "aucune période n'était donnée : toutes les données sont utilisées",
        ));
    }
    let mut topics = c.topics.clone();
    if intent == Intent::Forecast && !topics.contains(&Topic::Forecast) {
        topics.push(Topic::Forecast);
    }
    if c.housing.is_some() {
        topics = vec![Topic::Housing];
    }
    let mut plan = Plan {
        question: c.question.clone(),
        lang: c.lang,
        intent,
        statistic: None,
        variables: c.variables.clone(),
        topics,
        place: c.place.clone(),
        stations: c.stations.clone(),
        with_city: c.with_city,
        periods: if periods.periods.is_empty() { period.iter().cloned().collect() } else { periods.periods },
        period,
        limit: limit(&c, intent),
        index: c.asks.index.clone(),
        day_of: c.day_of.clone(),
        month_of_year,
        unit: c.unit.as_ref().map(|(u, _)| *u),
        per: c.asks.per.as_ref().map(|(u, _)| *u),
        as_of,
        unread: c.unread.clone(),
        no_data_topics: c.no_data_topics.clone(),
        refusal: None,
        housing: c.housing.clone(),
        transit: c.transit.clone(),
        restated: String::new(),
        notes,
        inherited: Vec::new(),
        said_statistic,
        constraints: c,
        found_day: None,
    };
    plan.refusal = refusal(&plan, (periods.impossible.first(), &unread), conflict);
    if plan.refusal.is_none() && !plan.constraints.has_content() {
        plan.intent = Intent::Help;
    }
    defaults(&mut plan);
    // A refused follow-up keeps nothing of the question before.
    if plan.refusal.is_none() && !kept.is_empty() {
        plan.notes.push(plan.lang.say(
            &format!("kept from the previous question: {}", kept.join("; ")),
            &format!("repris de la question précédente : {}", kept.join(" ; ")),
        ));
        plan.inherited = kept;
    }
    plan.restated = super::restate::restate(&plan);
    plan
}

/// The periods of the question with their days: its own (a month without a year taking the year of
/// the question before, a move moving its period), else those of the question before; a scene set
/// aside; the period before put first when the question compares with it. What was kept and how
/// dates were completed go in `kept` and `notes`; the dates nothing gives days to are returned.
fn days(
    c: &Constraints,
    followed: Option<&Plan>,
    (as_of, compares): (NaiveDate, bool),
    (kept, notes): (&mut Vec<String>, &mut Vec<String>),
) -> (periods::Resolved, Option<u32>, Vec<String>) {
    let lang = c.lang;
    // "And will it rain next week?": the future moves from today, not from the question before.
    let from_before = followed.filter(|_| c.asks.future.is_none());
    let frame = periods::Frame {
        as_of,
        previous: from_before.and_then(|p| p.period.as_ref()),
        found: from_before.and_then(|p| p.found_day),
        lang,
        coming: c.transit.is_some(),
    };
    let mut resolved = periods::resolve(&c.periods, frame);
    notes.append(&mut resolved.notes);
    let mut month_of_year = c.month_of_year;
    match followed {
        Some(before) if c.periods.is_empty() && !before.periods.is_empty() => {
            resolved.periods = before.periods.clone();
            month_of_year = month_of_year.or(before.month_of_year);
            let days: Vec<String> = before.periods.iter().map(|p| super::restate::period_words(p, lang)).collect();
            kept.push(days.join(", "));
        }
        Some(_) if resolved.year_kept => kept.push(lang.say("the year", "l'année")),
        _ => {}
    }
    notes.extend(context_period(c, &mut resolved.periods));
    // "Warmer than August 2018?" after August 2019: the period before against the one said.
    if let Some(before) = followed.and_then(|p| p.period.as_ref())
        && compares
        && resolved.periods.len() == 1
        && !c.periods.is_empty()
        && (before.from, before.to) != (resolved.periods[0].from, resolved.periods[0].to)
    {
        resolved.periods.insert(0, before.clone());
        kept.push(super::restate::period_words(before, lang));
    }
    let unread = std::mem::take(&mut resolved.unread);
    (resolved, month_of_year, unread)
}

/// What the plan takes when the question does not say it, each said in a note: a count's
/// threshold, the variables "the air" and "the weather" are read as, the day's figure; and the
/// topics without data and the words not read.
fn defaults(plan: &mut Plan) {
    let lang = plan.lang;
    if plan.intent == Intent::Count && plan.limit.is_none() && plan.index.is_none() && plan.refusal.is_none() {
        match plan.variables.first().copied() {
            Some(v) if super::AIR_VARIABLES.contains(&v) => plan.limit = Some(Limit::Reference { eu: false }),
            Some("precipitation") => plan.limit = Some(Limit::Rainy),
            None if plan.has(Topic::Air) => plan.limit = Some(Limit::Reference { eu: false }),
            Some(v) => plan.refusal = Some(Refusal::NoThreshold { variable: v }),
            None => {}
        }
    }
    if plan.refusal.is_none() && plan.housing.is_none() && plan.intent != Intent::Help {
        let read_as = default_variables(plan);
        plan.notes.extend(read_as);
    }
    plan.statistic =
        plan.variables.first().and_then(|v| figure_of(plan.intent, plan.said_statistic, v, plan.limit.as_ref()));
    if !plan.no_data_topics.is_empty() && plan.refusal.is_none() {
        let list = plan.no_data_topics.iter().map(|w| format!("«{w}»")).collect::<Vec<_>>().join(", ");
        plan.notes.push(match lang {
            Lang::En => format!("there is no data on {list} here"),
            Lang::Fr => format!("il n'y a pas de données sur {list} ici"),
        });
    }
    if !plan.unread.is_empty() && plan.refusal.is_none() && plan.intent != Intent::Help {
        plan.notes.push(unread_note(lang, &plan.unread));
    }
}

/// The variables "the weather" and "the air" are read as when none is named, with the notes that say so.
fn default_variables(plan: &mut Plan) -> Vec<String> {
    let lang = plan.lang;
    let mut notes = Vec::new();
    let weather_named = plan.variables.iter().any(|v| super::WEATHER_VARIABLES.contains(v));
    if plan.has(Topic::Weather) && !weather_named && plan.variables.is_empty() && plan.intent != Intent::Correlation {
        plan.variables.extend(["temperature", "precipitation", "wind_speed"]);
        notes.push(lang.say(
            "\"the weather\" is read as the temperature, the rain and the wind",
            "« la météo » est lue comme la température, la pluie et le vent",
        ));
    }
    // "The temperature on the most polluted day": the air ranks the day, its figure is not asked.
    let ranks_day = plan.day_of.as_ref().is_some_and(|d| super::AIR_VARIABLES.contains(&d.variable));
    let air = (plan.has(Topic::Air) && !ranks_day)
        || plan.index.is_some()
        || matches!(plan.intent, Intent::Correlation | Intent::Episode);
    if air && !plan.variables.iter().any(|v| super::AIR_VARIABLES.contains(v)) {
        // "Does rain clean the air?": the weather named first stays first.
        let at = if plan.intent == Intent::Correlation { plan.variables.len() } else { 0 };
        plan.variables.insert(at, "pm25");
        notes.push(lang.say(
            "\"air quality\" is read as fine particles (PM2.5), the pollutant measured here",
            "« qualité de l'air » est lue comme les particules fines (PM2,5), le polluant mesuré ici",
        ));
    }
    notes
}

/// Whether the question compares what it names with something ("than", "vs", "moins cher que").
pub(crate) fn comparing(c: &Constraints) -> bool {
    c.asks.compare.is_some() || c.housing.as_ref().is_some_and(|h| h.dearer)
}

/// "I'm writing about the June 2019 heatwave: the highest temperature on 26 June 2019?": of two
/// periods, one inside the other, with nothing comparing them, the second said is asked about, the
/// first sets the scene.
fn context_period(c: &Constraints, periods: &mut Vec<Period>) -> Option<String> {
    let [scene, asked] = &periods[..] else { return None };
    let inside = |a: &Period, b: &Period| a.from <= b.from && b.to <= a.to;
    let nested = (inside(scene, asked) || inside(asked, scene)) && (scene.from, scene.to) != (asked.from, asked.to);
    if !nested || c.asks.compare.is_some() || c.asks.trend.is_some() || c.stations.len() >= 2 || c.housing.is_some() {
        return None;
    }
    let note = c.lang.say(
        &format!("«{}» is read as the setting of «{}»", scene.said, asked.said),
        &format!("« {} » est lu comme le contexte de « {} »", scene.said, asked.said),
    );
    *periods = vec![asked.clone()];
    Some(note)
}

/// What the question asks, the statistic its words say, and two asks that disagree.
fn intent(
    c: &Constraints,
    periods: &[Period],
    month_of_year: Option<u32>,
    as_of: NaiveDate,
) -> (Intent, Option<Statistic>, Option<Vec<String>>) {
    let a = &c.asks;
    let period = periods.first();
    let several = periods.len() >= 2 || c.stations.len() >= 2;
    let long = period.is_some_and(|p| p.from != p.to);
    let today = period.is_none_or(|p| p.from == as_of && p.to == as_of);
    let mut said = a.statistic.as_ref().map(|(s, _)| *s).or(a.total.as_ref().map(|_| Statistic::Sum));
    if said.is_none() && a.averaged.is_some() {
        said = Some(Statistic::Mean);
    }
    if let Some(housing) = &c.housing {
        return (housing_intent(housing, periods, c), None, None);
    }
    let future = period.is_some_and(|p| p.from > as_of) || (a.future.is_some() && period.is_none());
    if let (Some(will), Some(p)) = (&a.future, period)
        && p.to < as_of
    {
        return (Intent::Value, said, Some(vec![will.clone(), p.said.clone()]));
    }
    if let Some(words) = conflict(c, several) {
        return (Intent::Value, said, Some(words));
    }
    if let Some((unit, words)) = &c.unit
        && let Some(v) = c.variables.iter().find(|v| !unit.fits(v))
    {
        return (Intent::Value, said, Some(vec![words.clone(), super::variable_name(v).to_string()]));
    }
    let index_class = a.index.as_ref().is_some_and(|i| i.class.is_some());
    let extreme = a.extreme.as_ref().map(|e| e.highest).filter(|_| c.day_of.is_none());
    let intent = if c.topics.contains(&Topic::Forecast) || future {
        Intent::Forecast
    } else if c.topics.contains(&Topic::Correlation) {
        Intent::Correlation
    } else if c.topics.contains(&Topic::Episode) {
        Intent::Episode
    } else if a.count.is_some()
        || index_class
        || ((c.limit.is_some() || a.day_kind.is_some()) && long && a.compare.is_none())
    {
        Intent::Count
    } else if several || a.compare.is_some() {
        Intent::Compare
    } else if a.trend.is_some() {
        Intent::Trend
    } else if let Some(highest) = extreme {
        let of = match (a.unit, month_of_year) {
            (_, Some(_)) => Unit::Month,
            (Some(unit), _) => unit,
            // "The highest monthly rainfall of 2019": a ranking of its months.
            (None, _) => match &a.per {
                Some((per, _)) if period.is_none_or(|p| !within_one(p, *per)) => *per,
                _ => Unit::Day,
            },
        };
        Intent::Extreme { highest, of }
    } else if let (Some(Statistic::Min | Statistic::Max), true, None) = (said, long, &a.averaged) {
        // "The maximum temperature in July 2019": its highest day.
        Intent::Extreme { highest: said == Some(Statistic::Max), of: a.unit.unwrap_or(Unit::Day) }
    } else if today && c.day_of.is_none() {
        Intent::Now
    } else {
        Intent::Value
    };
    // The highest temperature of one day is that day's highest reading.
    if let (Intent::Extreme { highest, of: Unit::Day }, Some(p)) = (intent, period)
        && p.is_day()
    {
        let statistic =
            said.filter(|s| *s != Statistic::Mean).unwrap_or(if highest { Statistic::Max } else { Statistic::Min });
        return (if today { Intent::Now } else { Intent::Value }, Some(statistic), None);
    }
    (intent, said, None)
}

/// Two asks of one question that cannot both hold, with their words.
fn conflict(c: &Constraints, several: bool) -> Option<Vec<String>> {
    let a = &c.asks;
    // "PM2.5 at night": the night's figure is a temperature's.
    if let (Some((_, said)), Some(of)) = (&a.statistic, a.statistic_of)
        && let Some(other) = c.variables.iter().find(|v| **v != of)
    {
        return Some(vec![said.clone(), super::variable_name(other).to_string()]);
    }
    let extreme = a.extreme.as_ref().map(|e| e.said.clone()).filter(|_| c.day_of.is_none());
    let index_class = a.index.as_ref().is_some_and(|i| i.class.is_some());
    let pairs = [
        (a.count.clone().filter(|_| !index_class), a.compare.clone()),
        (a.count.clone(), a.trend.clone()),
        (a.count.clone(), extreme.clone()),
        (extreme.clone(), a.trend.clone()),
        (extreme.filter(|_| !several), a.compare.clone()),
    ];
    let linked = c.topics.iter().any(|t| matches!(t, Topic::Correlation | Topic::Episode | Topic::Forecast));
    pairs.into_iter().find_map(|pair| match pair {
        (Some(first), Some(second)) if !linked => Some(vec![first, second]),
        _ => None,
    })
}

/// Two periods or two kinds of dwelling are compared; a change is a trend; sales are counted.
fn housing_intent(housing: &HousingAsk, periods: &[Period], c: &Constraints) -> Intent {
    use chrono::Datelike;
    let years = periods.first().is_some_and(|p| p.from.year() < p.to.year());
    if housing.dwellings.len() >= 2 || periods.len() >= 2 {
        Intent::Compare
    } else if housing.change || c.asks.trend.is_some() || c.asks.compare.is_some() || years {
        Intent::Trend
    } else if housing.measure == Measure::Sales && housing.measured {
        Intent::Count
    } else {
        Intent::Value
    }
}

/// What a count counts: the threshold said, else the kind of day.
fn limit(c: &Constraints, intent: Intent) -> Option<Limit> {
    if c.limit.is_some() || intent != Intent::Count || c.asks.index.as_ref().is_some_and(|i| i.class.is_some()) {
        return c.limit.clone();
    }
    c.asks.day_kind.map(|kind| match kind {
        DayKind::Frost => Limit::Frost,
        DayKind::Hot => Limit::Hot,
        DayKind::Rainy => Limit::Rainy,
    })
}

/// Whether the period lies within one year (or month).
fn within_one(period: &Period, unit: Unit) -> bool {
    match unit {
        Unit::Year => period.from.year() == period.to.year(),
        _ => (period.from.year(), period.from.month()) == (period.to.year(), period.to.month()),
    }
}

/// Why the plan gets no figures although it was read, if it does not.
fn refusal(
    plan: &Plan,
    (impossible, unread): (Option<&String>, &[String]),
    conflict: Option<Vec<String>>,
) -> Option<Refusal> {
    let c = &plan.constraints;
    let mut changing = c.changing.clone();
    changing.extend(unread.iter().cloned());
    // "Annual rainfall 2013-2019": a figure per year, which only rankings, trends and comparisons give.
    let per_period = match plan.intent {
        Intent::Extreme { of, .. } => Some(of) != c.asks.per.as_ref().map(|(u, _)| *u),
        Intent::Trend | Intent::Compare | Intent::Correlation => false,
        _ => true,
    };
    if let (Some((unit, said)), Some(period), true) = (&c.asks.per, &plan.period, per_period)
        && !within_one(period, *unit)
    {
        changing.push(said.clone());
    }
    // "days without rain", "not above": a negation turns what is counted or ranked around.
    if matches!(plan.intent, Intent::Count | Intent::Extreme { .. } | Intent::Compare | Intent::Trend) {
        changing.extend(c.negations.iter().cloned());
    }
    let content = c.has_content();
    if let Some(said) = impossible {
        Some(Refusal::ImpossibleDate { said: said.clone() })
    } else if !c.no_data_topics.is_empty() && (!content || c.housing.is_some() || c.transit.is_some()) {
        Some(Refusal::Topics { topics: c.no_data_topics.clone() })
    } else if let Some(words) = conflict {
        Some(Refusal::Conflict { words })
    } else if !changing.is_empty() {
        Some(Refusal::Unread { words: changing })
    } else if !content && !c.help && !c.unread.is_empty() {
        Some(Refusal::Unread { words: c.unread.clone() })
    } else if !content && !c.help {
        Some(Refusal::NoVariable)
    } else {
        None
    }
}
