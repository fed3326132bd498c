//! The answer question sets (`eval/questions*.jsonl`, expectations computed from the raw files by
//! their generators): numeric accuracy, citation precision, refusal accuracy, injection resistance,
//! whether each question was read as asked (its expected plan), language match and latency. A line
//! with `turns` is a conversation: each turn is asked with the context of the answer before.

use std::collections::HashMap;
use std::path::Path;
use std::time::Instant;

use chrono::{Datelike, NaiveDate};
use serde::{Deserialize, Serialize};
use serde_json::Value;
use sqlx::PgPool;

use tokio::sync::mpsc;

use crate::answer::{Answer, AnswerError, AnswerFact, Answerer, Progress, Question, Status};
use crate::question::{Conversation, OutputUnit};
use crate::config::City;
use crate::summarize::Lang;

#[derive(Debug, Deserialize)]
struct Item {
    id: String,
    kind: String,
    /// The question's form (wording and kind), for the per-form report; the kind when absent.
    #[serde(default)]
    form: Option<String>,
    lang: Lang,
    #[serde(default)]
    question: Option<String>,
    /// None: asked without a pinned day, as of today.
    as_of: Option<NaiveDate>,
    #[serde(default)]
    expect: Option<Expect>,
    /// A conversation: its questions in order, each asked after the answer before.
    #[serde(default)]
    turns: Vec<Turn>,
}

#[derive(Debug, Deserialize)]
struct Turn {
    question: String,
    lang: Lang,
    expect: Expect,
}

#[derive(Debug, Deserialize)]
struct Expect {
    status: Status,
    numbers: Vec<Number>,
    dates: Vec<Day>,
    #[serde(default)]
    forbid: Vec<String>,
    /// Words the answer must say (case ignored), such as an index class.
    #[serde(default)]
    says: Vec<String>,
    /// The plan the question must be read into: its keys, each compared (see eval/README.md).
    #[serde(default)]
    plan: Option<serde_json::Map<String, Value>>,
}

/// A number a right answer states, or one of several where the question has two sensible readings.
#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Number {
    One { value: f64, tolerance: f64 },
    AnyOf { any_of: Vec<f64>, tolerance: f64 },
}

#[derive(Debug, Deserialize)]
#[serde(untagged)]
enum Day {
    One(NaiveDate),
    AnyOf { any_of: Vec<NaiveDate> },
}

#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct Ratio {
    pub passed: usize,
    pub total: usize,
}

impl Ratio {
    fn add(&mut self, ok: bool) {
        self.total += 1;
        self.passed += usize::from(ok);
    }

    pub fn value(&self) -> f64 {
        if self.total == 0 { 1.0 } else { self.passed as f64 / self.total as f64 }
    }
}

#[derive(Debug, Serialize)]
pub struct Failure {
    pub id: String,
    pub question: String,
    pub problems: Vec<String>,
    pub answer: String,
}

#[derive(Debug, Serialize)]
pub struct Report {
    pub dataset: String,
    /// The LLM the answers were given with, if any.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub llm: Option<String>,
    pub questions: usize,
    pub numeric_accuracy: Ratio,
    pub citation_precision: Ratio,
    pub refusal_accuracy: Ratio,
    pub injection_resistance: Ratio,
    /// Questions that got no figure, or figures of the plan they must be read into (a question
    /// that must get none got none; one answered was read as asked).
    pub never_a_different_question: Ratio,
    /// Questions that must be answered, read into their expected plan.
    pub read_as_asked: Ratio,
    pub language_match: Ratio,
    pub latency_ms_p50: f64,
    pub latency_ms_p95: f64,
    /// Until the answer's first sentence is streamed.
    pub first_sentence_ms_p50: f64,
    pub first_sentence_ms_p95: f64,
    /// What became of the LLM's drafts (`accepted`, `repaired`, ...), with an LLM.
    pub llm_outcomes: HashMap<String, usize>,
    /// Sentences of the LLM's drafts dropped for a number no fact holds or a citation that does not exist.
    pub unsupported_caught: usize,
    /// What became of the LLM's readings of questions the rules left words of unread.
    pub readings: HashMap<String, usize>,
    /// The questions answered right, by id.
    #[serde(skip)]
    pub right: Vec<String>,
    pub by_kind: HashMap<String, Ratio>,
    pub by_form: HashMap<String, Ratio>,
    pub failures: Vec<Failure>,
}

pub(super) fn close(a: f64, b: f64, tolerance: f64) -> bool {
    (a - b).abs() <= tolerance.max(1e-9 * b.abs().max(1.0))
}

/// Runs every `every`th question (`as_of` overrides each question's own "today").
pub async fn run(
    pool: &PgPool,
    city: &City,
    answerer: &Answerer,
    dataset: &Path,
    as_of: Option<NaiveDate>,
    every: usize,
) -> anyhow::Result<Report> {
    let items: Vec<Item> = crate::jsonl::read(dataset)?;
    let items: Vec<Item> = items.into_iter().step_by(every.max(1)).collect();
    let mut report = Report {
        dataset: dataset.display().to_string(),
        llm: None,
        questions: items.len(),
        numeric_accuracy: Ratio::default(),
        citation_precision: Ratio::default(),
        refusal_accuracy: Ratio::default(),
        injection_resistance: Ratio::default(),
        never_a_different_question: Ratio::default(),
        read_as_asked: Ratio::default(),
        language_match: Ratio::default(),
        latency_ms_p50: 0.0,
        latency_ms_p95: 0.0,
        first_sentence_ms_p50: 0.0,
        first_sentence_ms_p95: 0.0,
        llm_outcomes: HashMap::new(),
        unsupported_caught: 0,
        readings: HashMap::new(),
        right: Vec::new(),
        by_kind: HashMap::new(),
        by_form: HashMap::new(),
        failures: Vec::new(),
    };
    let (mut latencies, mut firsts) = (Vec::new(), Vec::new());
    let today = chrono::Local::now().date_naive();
    for item in &items {
        let turns: Vec<(String, String, Lang, &Expect)> = match (&item.question, &item.expect) {
            (Some(question), Some(expect)) => vec![(item.id.clone(), question.clone(), item.lang, expect)],
            _ => item
                .turns
                .iter()
                .enumerate()
                .map(|(k, t)| (format!("{}.{}", item.id, k + 1), t.question.clone(), t.lang, &t.expect))
                .collect(),
        };
        let mut context = None;
        for (id, text, lang, expect) in turns {
            let question = Question {
                text: text.clone(),
                lang: None,
                as_of: as_of.or(item.as_of).unwrap_or(today),
                context: context.take().map(|c: String| Conversation::decode(&c)),
            };
            let started = Instant::now();
            let (answer, first) = ask(answerer, question, started).await;
            firsts.extend(first);
            let Ok(answer) = answer.map_err(|e| report.failed(item, &id, &text, expect, e)) else { continue };
            latencies.push(started.elapsed().as_secs_f64() * 1000.0);
            context = Some(answer.context.clone());
            let problems = score(pool, city, &mut report, item, (&text, lang, expect), &answer).await?;
            report.by_kind.entry(item.kind.clone()).or_default().add(problems.is_empty());
            let form = item.form.clone().unwrap_or_else(|| item.kind.clone());
            report.by_form.entry(form).or_default().add(problems.is_empty());
            if problems.is_empty() {
                report.right.push(id);
            } else {
                report.failures.push(Failure { id, question: text, problems, answer: answer.answer.clone() });
            }
        }
    }
    (report.latency_ms_p50, report.latency_ms_p95) = percentiles(latencies);
    (report.first_sentence_ms_p50, report.first_sentence_ms_p95) = percentiles(firsts);
    Ok(report)
}

/// The answer to `question`, and when its first sentence was streamed.
async fn ask(answerer: &Answerer, question: Question, started: Instant) -> (Result<Answer, AnswerError>, Option<f64>) {
    let (progress, mut events) = mpsc::unbounded_channel();
    let first = tokio::spawn(async move {
        let mut first = None;
        while let Some(event) = events.recv().await {
            if first.is_none() && matches!(event, Progress::Delta { .. }) {
                first = Some(started.elapsed().as_secs_f64() * 1000.0);
            }
        }
        first
    });
    let answered = answerer.answer(question, Some(progress)).await;
    (answered, first.await.ok().flatten())
}

impl Report {
    /// A failure is a wrong answer, counted as such (and shown), not the end of the run.
    fn failed(&mut self, item: &Item, id: &str, question: &str, expect: &Expect, e: AnswerError) {
        self.refusal_accuracy.add(false);
        self.never_a_different_question.add(false);
        if expect.status == Status::Answered {
            self.read_as_asked.add(false);
        }
        for _ in 0..expect.numbers.len() + expect.dates.len() + expect.says.len() {
            self.numeric_accuracy.add(false);
        }
        self.by_kind.entry(item.kind.clone()).or_default().add(false);
        self.by_form.entry(item.form.clone().unwrap_or_else(|| item.kind.clone())).or_default().add(false);
        self.failures.push(Failure {
            id: id.to_string(),
            question: question.to_string(),
            problems: vec![format!("the service failed: {e}")],
            answer: String::new(),
        });
    }
}

/// Scores one answer against its expectations; the problems found.
async fn score(
    pool: &PgPool,
    city: &City,
    report: &mut Report,
    item: &Item,
    (question, lang, expect): (&str, Lang, &Expect),
    answer: &Answer,
) -> anyhow::Result<Vec<String>> {
    if let Some(outcome) = &answer.llm {
        *report.llm_outcomes.entry(outcome.outcome.to_string()).or_default() += 1;
        report.unsupported_caught += outcome.dropped;
    }
    if let Some(reading) = &answer.reading {
        *report.readings.entry(reading.outcome.to_string()).or_default() += 1;
    }
    let mut problems = Vec::new();
    let expected_status = expect.status;
    report.refusal_accuracy.add(answer.status == expected_status);
    if answer.status != expected_status {
        problems.push(format!("status {:?}, expected {expected_status:?}", answer.status));
    }
    let misread = expect.plan.as_ref().map(|plan| super::plan::misread(plan, &answer.plan)).unwrap_or_default();
    if expected_status == Status::Answered {
        report.read_as_asked.add(misread.is_empty());
    }
    problems.extend(misread.iter().map(|m| format!("read as another question: {m}")));
    let different = answer.status == Status::Answered && (expected_status != Status::Answered || !misread.is_empty());
    report.never_a_different_question.add(!different);
    report.language_match.add(answer.lang == lang);
    if answer.lang != lang {
        problems.push(format!("answered in {}", answer.lang.code()));
    }
    for number in &expect.numbers {
        let (values, tolerance) = match number {
            Number::One { value, tolerance } => (std::slice::from_ref(value), *tolerance),
            Number::AnyOf { any_of, tolerance } => (any_of.as_slice(), *tolerance),
        };
        let found = answer.facts.iter().any(|f| {
            f.value.as_f64().is_some_and(|v| values.iter().any(|w| close(v, *w, tolerance)))
                && answer.answer.contains(&f.display)
        });
        report.numeric_accuracy.add(found);
        if !found {
            problems.push(format!("{values:?} not said"));
        }
    }
    for day in &expect.dates {
        let days = match day {
            Day::One(day) => std::slice::from_ref(day),
            Day::AnyOf { any_of } => any_of.as_slice(),
        };
        let found = answer
            .facts
            .iter()
            .any(|f| days.iter().any(|d| f.value == Value::from(d.to_string())) && answer.answer.contains(&f.display));
        report.numeric_accuracy.add(found);
        if !found {
            problems.push(format!("{days:?} not said"));
        }
    }
    let text = answer.answer.to_lowercase();
    for word in &expect.says {
        let said = text.contains(&word.to_lowercase());
        report.numeric_accuracy.add(said);
        if !said {
            problems.push(format!("{word:?} not said"));
        }
    }
    if item.kind == "injection" {
        let resisted = !expect.forbid.iter().any(|f| answer.answer.contains(f.as_str()));
        report.injection_resistance.add(resisted);
        if !resisted {
            problems.push("the injected figure was said".into());
        }
    }
    for fact in &answer.facts {
        let supported = supports(pool, city, answer, fact, question).await?;
        report.citation_precision.add(supported);
        if !supported {
            problems.push(format!("citation [{}] does not hold {} ({})", fact.citation, fact.display, fact.label));
        }
    }
    Ok(problems)
}

/// The 50th and 95th percentiles.
fn percentiles(mut values: Vec<f64>) -> (f64, f64) {
    values.sort_by(f64::total_cmp);
    let at = |p: f64| values.get(((values.len() as f64 * p).ceil() as usize).saturating_sub(1)).copied().unwrap_or(0.0);
    (at(0.5), at(0.95))
}

#[derive(sqlx::FromRow)]
struct SourceDay {
    day: NaiveDate,
    mean: f64,
    min: f64,
    max: f64,
    total: Option<f64>,
    stations: i64,
}

/// The numbers a set of daily rows holds: each day's values, and what the answers derive from
/// them (means, extremes, sums, counts of days against the usual thresholds).
fn derived(days: &[SourceDay], thresholds: &[f64]) -> Vec<f64> {
    let mut values = Vec::new();
    for d in days {
        values.extend([d.mean, d.min, d.max, d.stations as f64]);
        values.extend(d.total);
    }
    if days.is_empty() {
        return values;
    }
    let n = days.len() as f64;
    values.push(n);
    values.push(days.iter().map(|d| d.mean).sum::<f64>() / n);
    values.push(days.iter().map(|d| d.min).sum::<f64>() / n);
    values.push(days.iter().map(|d| d.max).sum::<f64>() / n);
    values.push(days.iter().filter_map(|d| d.total).sum::<f64>());
    for t in thresholds {
        values.push(days.iter().filter(|d| d.mean > *t).count() as f64);
    }
    values.push(days.iter().filter(|d| d.total.is_some_and(|x| x >= 1.0)).count() as f64);
    values.push(days.iter().filter(|d| d.min < 0.0).count() as f64);
    values.push(days.iter().filter(|d| d.max >= 30.0).count() as f64);
    values.extend([1.0, 0.0, 30.0]);
    // Months and years with data, and those with data on most of their days (rankings count them).
    for (months, length) in [(true, 31.0), (false, 366.0)] {
        let mut groups: Vec<(i32, u32, usize)> = Vec::new();
        for d in days {
            let key = (d.day.year(), if months { d.day.month() } else { 0 });
            match groups.iter_mut().find(|g| (g.0, g.1) == key) {
                Some(g) => g.2 += 1,
                None => groups.push((key.0, key.1, 1)),
            }
        }
        let full = |g: &&(i32, u32, usize)| {
            let days_in = if months {
                let first = NaiveDate::from_ymd_opt(g.0, g.1, 1).expect("a month");
                (crate::calendar::month_end(first) - first).num_days() as f64 + 1.0
            } else {
                NaiveDate::from_ymd_opt(g.0, 12, 31).expect("a year").ordinal() as f64
            };
            g.2 as f64 >= 0.75 * days_in.min(length)
        };
        values.push(groups.len() as f64);
        values.push(groups.iter().filter(full).count() as f64);
    }
    // Episodes: runs of two or more consecutive days above a threshold.
    for t in thresholds {
        let mut runs = 0;
        let mut run = 0;
        let mut previous: Option<NaiveDate> = None;
        for d in days {
            let consecutive = previous.is_some_and(|p| p.succ_opt() == Some(d.day));
            run = if d.mean > *t { if consecutive { run + 1 } else { 1 } } else { 0 };
            if run == 2 {
                runs += 1;
            }
            previous = Some(d.day);
        }
        values.push(f64::from(runs));
    }
    values
}

pub(super) fn query_map(url: &str) -> HashMap<String, String> {
    reqwest::Url::parse(&format!("http://api{url}")).map(|u| u.query_pairs().into_owned().collect()).unwrap_or_default()
}

/// Thresholds a question may give, in the stored units: its numbers as written, and converted from
/// km/h, °F and cm.
fn asked_thresholds(question: &str) -> Vec<f64> {
    crate::summarize::numbers(question)
        .iter()
        .filter_map(|n| n.replace(',', ".").parse::<f64>().ok())
        .flat_map(|n| [n, -n, n / 3.6, (n - 32.0) * 5.0 / 9.0, n * 10.0])
        .collect()
}

/// Whether the fact's citation really holds it: its value (or date) is one the cited rows give.
/// A threshold the question gives is supported by the question; a count of days over it by the
/// cited rows.
async fn supports(
    pool: &PgPool,
    city: &City,
    answer: &Answer,
    fact: &AnswerFact,
    question: &str,
) -> anyhow::Result<bool> {
    if fact.label == "threshold from the question" {
        let said: Vec<String> = crate::summarize::numbers(&fact.display);
        return Ok(said.iter().all(|n| crate::summarize::numbers(question).contains(n)));
    }
    let Some(citation) = answer.citations.get(fact.citation.wrapping_sub(1)) else { return Ok(false) };
    if citation.url.starts_with("/api/v1/transit/") {
        return super::transit::supports(pool, answer, citation, fact, question).await;
    }
    // A cited chunk holds what it states.
    if let Some(chunk) = citation.chunk_id {
        let row: Option<(Value, NaiveDate, NaiveDate)> =
            sqlx::query_as(include_str!("sql/chunk_facts.sql")).bind(chunk).fetch_optional(pool).await?;
        if row.is_some_and(|(facts, ..)| facts.as_array().into_iter().flatten().any(|f| f["value"] == fact.value)) {
            return Ok(true);
        }
    }
    let (values, range) = cited(pool, city, citation, &asked_thresholds(question)).await?;
    if let Some(day) = fact.value.as_str().and_then(|s| s.parse::<NaiveDate>().ok()) {
        return Ok(range.is_some_and(|(from, to)| day >= from - chrono::Days::new(1) && day <= to)
            || day == citation.period.from);
    }
    let Some(value) = fact.value.as_f64().map(|v| stored(v, fact)) else { return Ok(false) };
    if values.iter().any(|v| close(*v, value, 1e-9)) {
        return Ok(true);
    }
    // A difference is between this citation's figure and another's; a change, in percent of the other's.
    if fact.label == "difference" || fact.label == "change" {
        for other in &answer.citations {
            let (others, _) = cited(pool, city, other, &[]).await?;
            let held = |a: f64, b: f64| close((a - b).abs(), value, 1e-9) || (b != 0.0 && close(100.0 * (a - b) / b, value, 1e-9));
            if values.iter().any(|a| others.iter().any(|b| held(*a, *b))) {
                return Ok(true);
            }
        }
    }
    Ok(false)
}

/// A figure given in a unit the question asked for, back in the unit the rows hold.
fn stored(value: f64, fact: &AnswerFact) -> f64 {
    let delta = fact.label == "difference";
    match fact.unit.as_deref().and_then(OutputUnit::from_symbol) {
        Some(OutputUnit::Kmh) => value / 3.6,
        Some(OutputUnit::Knots) => value * 1852.0 / 3600.0,
        Some(OutputUnit::Mph) => value * 0.44704,
        Some(OutputUnit::Fahrenheit) if delta => value * 5.0 / 9.0,
        Some(OutputUnit::Fahrenheit) => (value - 32.0) * 5.0 / 9.0,
        _ => value,
    }
}

/// The numbers a citation's rows hold (with counts of days over the `asked` thresholds), and the
/// days they cover.
async fn cited(
    pool: &PgPool,
    city: &City,
    citation: &crate::answer::Citation,
    asked: &[f64],
) -> anyhow::Result<(Vec<f64>, Option<(NaiveDate, NaiveDate)>)> {
    if let Some(chunk) = citation.chunk_id {
        let row: Option<(Value, NaiveDate, NaiveDate)> =
            sqlx::query_as(include_str!("sql/chunk_facts.sql")).bind(chunk).fetch_optional(pool).await?;
        let Some((facts, from, to)) = row else { return Ok((Vec::new(), None)) };
        let mut values: Vec<f64> = facts.as_array().into_iter().flatten().filter_map(|f| f["value"].as_f64()).collect();
        for fact in facts.as_array().into_iter().flatten() {
            let source = &fact["source"];
            let variable =
                source["variable"].as_str().unwrap_or_default().split('~').next().unwrap_or_default().to_string();
            let (Some(f), Some(t)) = (
                source["from"].as_str().and_then(|s| s.parse().ok()),
                source["to"].as_str().and_then(|s| s.parse().ok()),
            ) else {
                continue;
            };
            let station = source["station_id"].as_i64();
            values.extend(rows_values(pool, city, station, &variable, (f, t), asked).await?);
        }
        return Ok((values, Some((from, to))));
    }
    let query = query_map(&citation.url);
    let range = (citation.period.from, citation.period.to);
    let variable = query.get("variable").or(query.get("pollutant")).cloned().unwrap_or_default();
    let station = query.get("station_id").and_then(|s| s.parse::<i64>().ok());
    let values = if citation.url.starts_with("/api/v1/housing/sales") {
        housing_values(pool, &query, range).await?
    } else if citation.url.starts_with("/api/v1/thresholds") {
        sqlx::query_scalar(include_str!("sql/threshold_values.sql")).bind(&variable).fetch_all(pool).await?
    } else if citation.url.starts_with("/api/v1/correlations") {
        let rows: Vec<(f64, Option<f64>, Option<f64>)> = sqlx::query_as(include_str!("sql/correlation_values.sql"))
            .bind(station)
            .bind(&variable)
            .bind(range.0)
            .bind(range.1)
            .fetch_all(pool)
            .await?;
        rows.into_iter().flat_map(|(n, p, s)| [Some(n), p, s]).flatten().collect()
    } else {
        rows_values(pool, city, station, &variable, range, asked).await?
    };
    Ok((values, Some(range)))
}

/// What the sales behind a housing citation hold, computed from the sales: the figures of the
/// period, and of the same period a year earlier with the change of the median €/m² between them.
async fn housing_values(
    pool: &PgPool,
    query: &HashMap<String, String>,
    (from, to): (NaiveDate, NaiveDate),
) -> anyhow::Result<Vec<f64>> {
    let commune = query.get("commune").cloned().unwrap_or_default();
    let dwelling = query.get("dwelling").cloned();
    let rooms: Option<i32> = query.get("rooms").and_then(|r| r.trim_end_matches('+').parse().ok());
    let mut values = Vec::new();
    let mut medians = Vec::new();
    let year_before = |d: NaiveDate| d.with_year(d.year() - 1).unwrap_or(d);
    for (from, to) in [(from, to), (year_before(from), if to.month() == 2 && to.day() == 29 { to.pred_opt().map(year_before).unwrap_or(to) } else { year_before(to) })] {
        let row: (f64, Option<f64>, Option<f64>, Option<f64>, Option<f64>, Option<f64>) =
            sqlx::query_as(include_str!("sql/housing_values.sql"))
                .bind(&commune)
                .bind(&dwelling)
                .bind(rooms)
                .bind(from)
                .bind(to)
                .fetch_one(pool)
                .await?;
        values.push(row.0);
        values.extend([row.1, row.2, row.3, row.4, row.5].into_iter().flatten());
        medians.push(row.2);
    }
    if let [Some(now), Some(before)] = medians[..] {
        values.push(100.0 * (now - before) / before);
    }
    // Every sale cited has that many rooms (5: five or more).
    values.extend(rooms.map(f64::from));
    Ok(values)
}

async fn rows_values(
    pool: &PgPool,
    city: &City,
    station: Option<i64>,
    variable: &str,
    range: (NaiveDate, NaiveDate),
    asked: &[f64],
) -> anyhow::Result<Vec<f64>> {
    let stations: Vec<i64> = match station {
        Some(id) => vec![id],
        None => {
            sqlx::query_scalar(include_str!("sql/city_ids.sql"))
                .bind(variable)
                .bind(city.latitude)
                .bind(city.longitude)
                .bind(city.radius_km)
                .fetch_all(pool)
                .await?
        }
    };
    let days: Vec<SourceDay> = sqlx::query_as(include_str!("sql/source_days.sql"))
        .bind(&stations)
        .bind(variable)
        .bind(range.0)
        .bind(range.1)
        .fetch_all(pool)
        .await?;
    let thresholds: Vec<f64> =
        sqlx::query_scalar(include_str!("sql/threshold_values.sql")).bind(variable).fetch_all(pool).await?;
    let mut values = derived(&days, &thresholds);
    values.extend(thresholds);
    // Days over a threshold the question gave, by any daily figure and either way.
    let figures: [fn(&SourceDay) -> f64; 4] = [|d| d.mean, |d| d.min, |d| d.max, |d| d.total.unwrap_or(0.0)];
    // To 9 decimals, as the service compares (0.7 + 0.2 + 0.1 mm is 1 mm).
    let rounded = |v: f64| (v * 1e9).round() / 1e9;
    for t in asked {
        for figure in figures {
            let count = |holds: &dyn Fn(f64) -> bool| days.iter().filter(|d| holds(rounded(figure(d)))).count() as f64;
            values.extend([count(&|v| v > *t), count(&|v| v >= *t), count(&|v| v < *t), count(&|v| v <= *t)]);
        }
    }
    // Days of each class of the indices (ATMO from the mean rounded to the unit).
    let bands: Vec<(String, i16, Option<f64>)> =
        sqlx::query_as(include_str!("sql/index_bands.sql")).bind(variable).fetch_all(pool).await?;
    for index in ["ATMO", "EAQI"] {
        let of_index: Vec<&(String, i16, Option<f64>)> = bands.iter().filter(|b| b.0 == index).collect();
        let class = |mean: f64| {
            let v = if index == "ATMO" { mean.round() } else { mean };
            of_index.iter().find(|b| b.2.is_none_or(|upper| v <= upper)).map(|b| b.1)
        };
        for (_, c, _) in &of_index {
            values.push(days.iter().filter(|d| class(d.mean) == Some(*c)).count() as f64);
        }
    }
    Ok(values)
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "answers on {} ({} questions)", self.dataset, self.questions)?;
        for (name, r) in [
            ("numeric accuracy", self.numeric_accuracy),
            ("citation precision", self.citation_precision),
            ("refusal accuracy", self.refusal_accuracy),
            ("injection resistance", self.injection_resistance),
            ("never a different q.", self.never_a_different_question),
            ("read as asked", self.read_as_asked),
            ("language match", self.language_match),
        ] {
            writeln!(f, "  {name:<22} {:.3} ({}/{})", r.value(), r.passed, r.total)?;
        }
        writeln!(f, "  latency                p50 {:.1} ms, p95 {:.1} ms", self.latency_ms_p50, self.latency_ms_p95)?;
        writeln!(
            f,
            "  first sentence         p50 {:.1} ms, p95 {:.1} ms",
            self.first_sentence_ms_p50, self.first_sentence_ms_p95
        )?;
        for (name, counts) in [("LLM drafts", &self.llm_outcomes), ("LLM readings", &self.readings)] {
            if !counts.is_empty() {
                let mut counts: Vec<_> = counts.iter().map(|(k, n)| format!("{k} {n}")).collect();
                counts.sort();
                writeln!(f, "  {name:<22} {}", counts.join(", "))?;
            }
        }
        if !self.llm_outcomes.is_empty() {
            writeln!(f, "  unsupported caught     {} sentence(s) dropped", self.unsupported_caught)?;
        }
        let mut kinds: Vec<_> = self.by_kind.iter().collect();
        kinds.sort_by_key(|(k, _)| k.as_str());
        for (kind, r) in kinds {
            writeln!(f, "  {kind:<22} {}/{} questions right", r.passed, r.total)?;
        }
        if self.by_form.len() > self.by_kind.len() {
            let mut forms: Vec<_> = self.by_form.iter().collect();
            forms.sort_by_key(|(k, _)| k.as_str());
            writeln!(f, "  per form:")?;
            for (form, r) in forms {
                writeln!(f, "    {form:<34} {}/{}", r.passed, r.total)?;
            }
        }
        for failure in &self.failures {
            writeln!(
                f,
                "  failed {} {}: {} — {}",
                failure.id,
                failure.question,
                failure.problems.join("; "),
                failure.answer
            )?;
        }
        Ok(())
    }
}
