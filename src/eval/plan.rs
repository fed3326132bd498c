//! Whether an answer's plan is the plan its question must be read into: each key of the expected
//! plan (eval/README.md, "Expected plans") compared with what the plan says.

use serde_json::{Map, Value};

use crate::question::{Granularity, Intent, Place, Plan, Unit, fold};

/// What a plan says for the expected plan's keys, as the expected plan writes them.
fn said(plan: &Plan) -> Map<String, Value> {
    let mut said = Map::new();
    let unit = |of: Unit| serde_json::to_value(of).unwrap_or_default();
    let (ask, by) = match (plan.intent, &plan.day_of) {
        // "The PM2.5 on the hottest day": the extreme day of another variable, then its figure.
        (_, Some(day_of)) => (if day_of.highest { "highest" } else { "lowest" }, Some(unit(Unit::Day))),
        (Intent::Now, _) => ("latest", None),
        (Intent::Value, _) => ("value", None),
        (Intent::Extreme { highest, of }, _) => (if highest { "highest" } else { "lowest" }, Some(unit(of))),
        (Intent::Count, _) => ("count", None),
        (Intent::Compare, _) => ("compare", None),
        (Intent::Trend, _) => ("trend", None),
        (Intent::Episode, _) => ("episode", None),
        (Intent::Correlation, _) => ("correlation", None),
        (Intent::Forecast, _) => ("forecast", None),
        (Intent::Help, _) => ("help", None),
    };
    said.insert("ask".into(), ask.into());
    said.extend(by.map(|by| ("by".to_string(), by)));
    if let Some(statistic) = plan.statistic {
        said.insert("statistic".into(), serde_json::to_value(statistic).unwrap_or_default());
    }
    let mut variables: Vec<&str> = plan.day_of.iter().map(|d| d.variable).collect();
    for v in &plan.variables {
        if !variables.contains(v) {
            variables.push(v);
        }
    }
    if let Some(first) = variables.first() {
        said.insert("variable".into(), (*first).into());
    }
    said.insert("variables".into(), variables.into());
    said.insert("place".into(), place(&plan.place).into());
    said.insert("places".into(), plan.stations.iter().map(place).collect::<Vec<_>>().into());
    if let Some(period) = &plan.period {
        if period.granularity == Granularity::All {
            said.insert("period".into(), "all".into());
        }
        said.insert("from".into(), period.from.to_string().into());
        said.insert("to".into(), period.to.to_string().into());
    }
    let periods: Vec<Value> = plan.periods.iter().map(|p| vec![p.from.to_string(), p.to.to_string()].into()).collect();
    said.insert("periods".into(), periods.into());
    if let Some(unit) = plan.unit {
        said.insert("unit".into(), unit.symbol().into());
    }
    if let Some(index) = &plan.index {
        said.insert("index".into(), index.index.code().into());
    }
    if let Some(housing) = &plan.housing {
        said.insert("housing".into(), serde_json::to_value(housing).unwrap_or_default());
    }
    if let Some(transit) = &plan.transit {
        let mut asked = Map::new();
        if let Some(measure) = transit.measure {
            asked.insert("measure".into(), serde_json::to_value(measure).unwrap_or_default());
        }
        match transit.routes.as_slice() {
            [] => {}
            [one] => _ = asked.insert("route".into(), one.clone().into()),
            several => _ = asked.insert("routes".into(), several.to_vec().into()),
        }
        asked.extend(transit.stop.clone().map(|s| ("stop".to_string(), s.into())));
        asked.extend(transit.hour.map(|h| ("hour".to_string(), h.into())));
        asked.extend(transit.radius_m.map(|r| ("radius_m".to_string(), r.into())));
        said.insert("transit".into(), asked.into());
    }
    said
}

/// A housing change read by its first and last days: `from`, `to` and `periods` as one span (the
/// keys it has).
fn bounds(plan: &mut Map<String, Value>) {
    let days: Vec<Value> = plan
        .get("periods")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
        .filter_map(Value::as_array)
        .flatten()
        .cloned()
        .chain(plan.get("from").cloned())
        .chain(plan.get("to").cloned())
        .collect();
    let mut days: Vec<&str> = days.iter().filter_map(Value::as_str).collect();
    days.sort();
    if let (Some(first), Some(last)) = (days.first().map(|d| d.to_string()), days.last().map(|d| d.to_string())) {
        for (key, value) in [("from", Value::from(first.clone())), ("to", last.clone().into())] {
            if plan.contains_key(key) {
                plan.insert(key.into(), value);
            }
        }
        if plan.contains_key("periods") {
            plan.insert("periods".into(), vec![Value::from(vec![first, last])].into());
        }
    }
}

fn place(place: &Place) -> String {
    match place {
        Place::City { .. } => "city".into(),
        Place::Station { name, .. } | Place::Unknown { name } => name.clone(),
    }
}

/// Whether the plan's `value` is the expected one: a station by a word of its name, lists of
/// variables and dwellings in any order, a housing ask key by key.
fn agrees(key: &str, expected: &Value, said: Option<&Value>) -> bool {
    let Some(said) = said else { return false };
    match (key, expected, said) {
        ("place", Value::String(e), Value::String(s)) if e != "city" => s != "city" && fold(s).contains(&fold(e)),
        ("places", Value::Array(e), Value::Array(s)) => {
            e.len() == s.len() && e.iter().zip(s).all(|(e, s)| agrees("place", e, Some(s)))
        }
        ("variables" | "dwellings", Value::Array(e), Value::Array(s)) => {
            e.len() == s.len() && e.iter().all(|v| s.contains(v))
        }
        ("housing" | "transit", Value::Object(e), Value::Object(s)) => e.iter().all(|(k, v)| agrees(k, v, s.get(k))),
        ("rooms" | "hour" | "radius_m", e, s) => e.as_u64() == s.as_u64(),
        _ => expected == said,
    }
}

/// The keys of `expected` the plan does not say, each with what it says instead. A housing change
/// between two periods and the two periods side by side are one reading: `trend` and `compare`
/// agree, and a span is the two periods it runs between.
pub fn misread(expected: &Map<String, Value>, plan: &Plan) -> Vec<String> {
    let mut said = said(plan);
    let mut expected = expected.clone();
    let change = |p: &Map<String, Value>| p.get("ask").is_some_and(|a| a == "trend" || a == "compare");
    if plan.housing.is_some() && change(&expected) && change(&said) {
        said.insert("ask".into(), expected["ask"].clone());
        let spans = [&expected, &said].map(|p| p.get("periods").and_then(Value::as_array).map(Vec::len));
        let whole = |p: &Map<String, Value>| (p.get("from").cloned(), p.get("to").cloned());
        let shapes_differ = spans[0].is_some_and(|n| Some(n) != spans[1])
            || (spans[0].is_none() && whole(&expected) != whole(&said) && expected.contains_key("to"));
        if shapes_differ {
            bounds(&mut said);
            bounds(&mut expected);
        }
    }
    expected
        .iter()
        .filter(|(key, value)| !agrees(key, value, said.get(key.as_str())))
        .map(|(key, value)| format!("{key} {value}, read {}", said.get(key).map_or("nothing".into(), |s| s.to_string())))
        .collect()
}
