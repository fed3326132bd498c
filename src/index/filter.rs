//! Which chunks a search may return: a language, a period they must meet, and clauses of kinds,
//! stations and variables. Applied the same way to both indexes: as a predicate over chunk
//! metadata (FAISS id selector) and as a tantivy query over the chunk fields.

use std::ops::Bound;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use tantivy::query::{BooleanQuery, Occur, Query, RangeQuery, TermQuery, TermSetQuery};
use tantivy::schema::IndexRecordOption;
use tantivy::{Term, schema::Field};

use crate::summarize::Lang;

/// What an index knows of a chunk.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChunkMeta {
    pub id: i64,
    pub kind: String,
    pub lang: Lang,
    pub from: NaiveDate,
    pub to: NaiveDate,
    pub station_id: Option<i64>,
    /// The variables the chunk speaks of ("weather" days speak of temperature, rain, wind, humidity).
    pub variables: Vec<String>,
    /// The same chunk in the other language.
    pub twin: i64,
    /// The content hash of the chunk row: a changed hash means a new embedding.
    pub hash: String,
}

/// The variables a chunk of `kind` with `variables` speaks of, for filtering.
pub fn spoken_variables(kind: &str, variables: &[String]) -> Vec<String> {
    let mut spoken: Vec<String> = match kind {
        "weather_day" => ["temperature", "precipitation", "wind_speed", "humidity"].map(String::from).to_vec(),
        "forecast_day" => ["temperature", "precipitation", "wind_speed", "pm25"].map(String::from).to_vec(),
        // The weather station's id closes a correlation's variables.
        "correlation" => variables.iter().filter(|v| v.parse::<i64>().is_err()).cloned().collect(),
        _ => variables.to_vec(),
    };
    spoken.sort();
    spoken.dedup();
    spoken
}

#[derive(Debug, Clone, Default, PartialEq, Serialize)]
pub struct Clause {
    pub kinds: Vec<&'static str>,
    /// Only these stations (none: any station, or none).
    pub stations: Option<Vec<i64>>,
    /// The chunk speaks of one of these variables (all of them with `all_variables`).
    pub variables: Vec<String>,
    pub all_variables: bool,
}

#[derive(Debug, Clone, PartialEq, Serialize)]
pub struct Filter {
    pub lang: Lang,
    /// The chunk's period meets this range.
    pub period: Option<(NaiveDate, NaiveDate)>,
    /// The chunk matches one of them (no clause: any chunk).
    pub clauses: Vec<Clause>,
}

pub struct Fields {
    pub lang: Field,
    pub kind: Field,
    pub station: Field,
    pub variables: Field,
    pub period_start: Field,
    pub period_end: Field,
}

/// Days are indexed as their day number since the common era.
pub fn day_number(day: NaiveDate) -> i64 {
    day.num_days_from_ce().into()
}

impl Clause {
    fn matches(&self, chunk: &ChunkMeta) -> bool {
        let kind = self.kinds.iter().any(|k| *k == chunk.kind);
        let station = match &self.stations {
            Some(stations) => chunk.station_id.is_some_and(|s| stations.contains(&s)),
            None => true,
        };
        let has = |v: &String| chunk.variables.contains(v);
        let variables = self.variables.is_empty()
            || if self.all_variables { self.variables.iter().all(has) } else { self.variables.iter().any(has) };
        kind && station && variables
    }

    fn query(&self, fields: &Fields) -> Box<dyn Query> {
        let mut must: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let kinds = self.kinds.iter().map(|k| Term::from_field_text(fields.kind, k));
        must.push((Occur::Must, Box::new(TermSetQuery::new(kinds))));
        if let Some(stations) = &self.stations {
            let stations = stations.iter().map(|s| Term::from_field_i64(fields.station, *s));
            must.push((Occur::Must, Box::new(TermSetQuery::new(stations))));
        }
        if !self.variables.is_empty() {
            let term = |v: &String| -> Box<dyn Query> {
                Box::new(TermQuery::new(Term::from_field_text(fields.variables, v), IndexRecordOption::Basic))
            };
            if self.all_variables {
                must.extend(self.variables.iter().map(|v| (Occur::Must, term(v))));
            } else {
                let any = self.variables.iter().map(|v| (Occur::Should, term(v))).collect();
                must.push((Occur::Must, Box::new(BooleanQuery::new(any))));
            }
        }
        Box::new(BooleanQuery::new(must))
    }
}

impl Filter {
    pub fn any(lang: Lang) -> Self {
        Self { lang, period: None, clauses: Vec::new() }
    }

    pub fn in_lang(&self, lang: Lang) -> Self {
        Self { lang, ..self.clone() }
    }

    pub fn is_open(&self) -> bool {
        self.period.is_none() && self.clauses.is_empty()
    }

    pub fn matches(&self, chunk: &ChunkMeta) -> bool {
        chunk.lang == self.lang
            && self.period.is_none_or(|(from, to)| chunk.from <= to && chunk.to >= from)
            && (self.clauses.is_empty() || self.clauses.iter().any(|c| c.matches(chunk)))
    }

    /// The same filter as a tantivy query (to be a `Must` clause beside the text query).
    pub fn query(&self, fields: &Fields) -> Box<dyn Query> {
        let mut must: Vec<(Occur, Box<dyn Query>)> = vec![(
            Occur::Must,
            Box::new(TermQuery::new(Term::from_field_text(fields.lang, self.lang.code()), IndexRecordOption::Basic)),
        )];
        if let Some((from, to)) = self.period {
            let starts_by_end = RangeQuery::new(
                Bound::Unbounded,
                Bound::Included(Term::from_field_i64(fields.period_start, day_number(to))),
            );
            let ends_after_start = RangeQuery::new(
                Bound::Included(Term::from_field_i64(fields.period_end, day_number(from))),
                Bound::Unbounded,
            );
            must.push((Occur::Must, Box::new(starts_by_end)));
            must.push((Occur::Must, Box::new(ends_after_start)));
        }
        if !self.clauses.is_empty() {
            let any = self.clauses.iter().map(|c| (Occur::Should, c.query(fields))).collect();
            must.push((Occur::Must, Box::new(BooleanQuery::new(any))));
        }
        Box::new(BooleanQuery::new(must))
    }
}
