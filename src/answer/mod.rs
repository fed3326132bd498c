//! Answers with cited data: a question becomes a plan, the plan an intent and the data it is about;
//! the numbers come from PostgreSQL, the words from templates (or an LLM, checked), and every
//! number said is a fact with its citation. No data, no answer: what exists is said instead.

pub(crate) mod check;
pub(crate) mod citations;
pub(crate) mod compose;
pub(crate) mod figures;
pub mod llm;
mod scope;

use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use chrono::NaiveDate;
use serde::Serialize;
use sqlx::PgPool;
use tera::{Context, Tera};
use tokio::sync::mpsc;
use tracing::Instrument;

pub use check::{markers, unsupported};
pub use citations::Citation;
pub use figures::Freshness;
use figures::{Holdings, Threshold};
use llm::{Llm, Outcome};

use crate::config::Settings;
pub use crate::question::Intent;
use crate::question::model::{self as reading, Reading};
use crate::question::{
    AIR_VARIABLES, Conversation, DayOf, Gazetteer, Granularity, Period, Place, Plan, Refusal, Unit, WEATHER_VARIABLES,
    variable_name,
};
use crate::retrieve::{Mode as RetrievalMode, Retriever, Timings as RetrievalTimings};
use crate::summarize::{Fact, Lang, Source};

pub const MAX_QUESTION_CHARS: usize = 1000;
/// Retrieved chunks given to an LLM as sources beside the answer's own (each adds to its prompt).
const LLM_SOURCES: usize = 2;

#[derive(Debug, Clone)]
pub struct Question {
    pub text: String,
    pub lang: Option<Lang>,
    pub as_of: NaiveDate,
    /// The conversation so far, when the question follows up an answer: `Some(None)` for a
    /// context that could not be read.
    pub context: Option<Option<Conversation>>,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, serde::Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = AnswerStatus)]
pub enum Status {
    Answered,
    NoData,
    /// What the service can answer, for a greeting or "what can you do?": no figure.
    Help,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    Grounded,
    Llm,
}

/// A number the answer says (or a date), the rows it comes from, and its citation.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct AnswerFact {
    pub label: String,
    /// A number, or a date (YYYY-MM-DD).
    #[schema(schema_with = number_or_date)]
    pub value: serde_json::Value,
    pub unit: Option<String>,
    /// As the answer writes it.
    pub display: String,
    pub period: citations::Period,
    pub station: Option<String>,
    pub citation: usize,
}

/// A fact's value: a number, or a date.
fn number_or_date() -> utoipa::openapi::schema::Schema {
    use utoipa::openapi::schema::{ObjectBuilder, OneOfBuilder, SchemaFormat, KnownFormat, Type};
    OneOfBuilder::new()
        .item(ObjectBuilder::new().schema_type(Type::Number))
        .item(ObjectBuilder::new().schema_type(Type::String).format(Some(SchemaFormat::KnownFormat(KnownFormat::Date))))
        .build()
        .into()
}

#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
#[schema(as = AnswerTimings)]
pub struct Timings {
    pub plan_ms: f64,
    /// Retrieval, query embedding included; it starts with the reading of the question, so it
    /// overlaps the plan and the data.
    pub retrieve_ms: f64,
    /// 0 when the query's vector was cached.
    pub embed_ms: f64,
    pub data_ms: f64,
    pub llm_ms: f64,
    pub total_ms: f64,
}

/// An answer: its text with `[n]` markers, every number a fact with its citation, how the question
/// was read (`plan`, with `restated`), and the `context` to follow it up with.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Answer {
    pub answer: String,
    pub lang: Lang,
    pub status: Status,
    pub mode: Mode,
    pub citations: Vec<Citation>,
    pub facts: Vec<AnswerFact>,
    pub data_freshness: Freshness,
    pub timings_ms: Timings,
    pub intent: Intent,
    pub plan: Plan,
    /// What the LLM's draft became (none without an LLM).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub llm: Option<Outcome>,
    /// The LLM's reading of a question the rules left words of unread (with an LLM only).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub reading: Option<ModelReading>,
    /// Chunks the retrieval found, for the curious (the citations are what the answer uses).
    pub retrieved: Vec<i64>,
    /// Sent back with a follow-up question ("and in February?"), it answers it with what it does not say.
    pub context: String,
    /// A small SVG chart of the days behind an answer about a period (a trend, a comparison, an extreme).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub chart_url: Option<String>,
}

/// The chart of an answer about a period: the daily series of its first variable at each place its
/// figures come from (the city's mean or a station), over the days they cover.
fn chart_url(intent: Intent, facts: &[(Fact, usize)], lang: Lang) -> Option<String> {
    if !matches!(intent, Intent::Trend | Intent::Compare | Intent::Extreme { .. }) {
        return None;
    }
    let daily: Vec<&Source> = facts.iter().map(|(f, _)| &f.source).filter(|s| s.table == "daily_aggregates").collect();
    let variable = daily.iter().find_map(|s| s.variable.as_deref())?;
    let sources: Vec<&&Source> = daily.iter().filter(|s| s.variable.as_deref() == Some(variable)).collect();
    let mut places: Vec<String> = Vec::new();
    for source in &sources {
        let place = source.station_id.map_or("city".to_string(), |id| id.to_string());
        if !places.contains(&place) && places.len() < MAX_CHART_PLACES {
            places.push(place);
        }
    }
    let from = sources.iter().map(|s| s.from).min()?;
    let to = sources.iter().map(|s| s.to).max()?;
    (from < to).then(|| {
        format!("/explore/chart.svg?station={}&variable={variable}&from={from}&to={to}&lang={}", places.join(","), lang.code())
    })
}

/// The places one answer's chart draws at most.
pub const MAX_CHART_PLACES: usize = 4;

/// What became of a language model's reading of the question.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ModelReading {
    /// `used` (the answer is the model's reading, said so in it), `rejected` (it names what does
    /// not exist or what the question does not say: the rules' answer stands) or `failed`.
    #[schema(value_type = String)]
    pub outcome: &'static str,
    /// The model's JSON.
    #[serde(skip_serializing_if = "Option::is_none")]
    #[schema(value_type = Option<Object>)]
    pub reading: Option<serde_json::Value>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub detail: Option<String>,
}

/// What the chat stream sends before the final answer.
#[derive(Debug, Clone, Serialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum Progress {
    Meta { plan: Box<Plan>, intent: Intent, status: Status, citations: Vec<Citation>, facts: Vec<AnswerFact> },
    Delta { text: String },
    /// The deltas sent so far were an LLM draft that is not kept: the grounded answer's follow.
    Reset,
}

#[derive(Debug, thiserror::Error)]
pub enum AnswerError {
    #[error("{0}")]
    BadRequest(String),
    /// The client went away (the stream's receiver is gone).
    #[error("the client disconnected")]
    Gone,
    /// With its causes: a template's error is in them.
    #[error("{0:#}")]
    Internal(#[from] anyhow::Error),
}

impl From<sqlx::Error> for AnswerError {
    fn from(e: sqlx::Error) -> Self {
        Self::Internal(e.into())
    }
}

pub struct Answerer {
    pool: PgPool,
    retriever: Arc<Retriever>,
    settings: Arc<Settings>,
    tera: Tera,
    llm: Option<Llm>,
    /// Read once: they change only with a migration.
    thresholds: tokio::sync::OnceCell<Vec<Threshold>>,
    /// The stations as last read, to read a question with while they are read again.
    gazetteer: std::sync::RwLock<Option<Arc<Gazetteer>>>,
}

/// A retrieval under way.
type Retrieving = tokio::task::JoinHandle<Result<crate::retrieve::Retrieval, crate::retrieve::RetrieveError>>;

/// The templates of answers and LLM prompts.
pub fn templates(prompts_dir: Option<&Path>) -> anyhow::Result<Tera> {
    crate::templates::load(crate::templates::Set::Prompts, prompts_dir, &["answers", "llm"])
}

impl Answerer {
    pub fn new(pool: PgPool, retriever: Arc<Retriever>, settings: Arc<Settings>) -> anyhow::Result<Self> {
        let tera = templates(settings.prompts_dir.as_deref())?;
        let llm = Llm::from_settings(&settings.llm)?;
        Ok(Self { pool, retriever, settings, tera, llm, thresholds: Default::default(), gazetteer: Default::default() })
    }

    /// Answers `question`; with `progress`, streams the plan and citations, then the text.
    #[tracing::instrument(name = "answer", skip_all, fields(question = %question.text))]
    pub async fn answer(
        &self,
        question: Question,
        progress: Option<mpsc::UnboundedSender<Progress>>,
    ) -> Result<Answer, AnswerError> {
        let started = Instant::now();
        let text = question.text.trim();
        if text.is_empty() {
            return Err(AnswerError::BadRequest("The question is empty.".into()));
        }
        let chars = text.chars().count();
        if chars > MAX_QUESTION_CHARS {
            return Err(AnswerError::BadRequest(format!(
                "The question is {chars} characters long; at most {MAX_QUESTION_CHARS} are accepted."
            )));
        }
        let mut timings = Timings::default();
        let city = &self.settings.city;
        let read = |gazetteer: &Gazetteer| match &question.context {
            Some(Some(conversation)) => match conversation.plan(gazetteer) {
                Some(before) => Plan::parse_after(text, question.lang, &before, gazetteer),
                None => Plan::parse(text, question.lang, question.as_of, gazetteer),
            },
            Some(None) => Plan::parse(text, question.lang, question.as_of, gazetteer).context_unread(),
            None => Plan::parse(text, question.lang, question.as_of, gazetteer),
        };
        // The retrieval (the query's embedding first) runs while the stations and what they hold
        // are read, the question read with the stations as last read; should they have changed, it
        // is read again and retrieved anew.
        let last = self.gazetteer.read().expect("gazetteer lock").clone();
        let early = last.map(|gazetteer| {
            let plan = read(&gazetteer);
            let retrieving = self.start_retrieval(&plan, &gazetteer);
            (gazetteer, plan, retrieving)
        });
        let thresholds = self.thresholds.get_or_try_init(|| figures::thresholds(&self.pool));
        let ((gazetteer, holdings), thresholds) = tokio::try_join!(Holdings::load(&self.pool, city), thresholds)?;
        let (gazetteer, plan, retrieving) = match early {
            Some((last, plan, retrieving)) if *last == gazetteer => (last, plan, retrieving),
            _ => {
                let gazetteer = Arc::new(gazetteer);
                *self.gazetteer.write().expect("gazetteer lock") = Some(Arc::clone(&gazetteer));
                let plan = read(&gazetteer);
                let retrieving = self.start_retrieval(&plan, &gazetteer);
                (gazetteer, plan, retrieving)
            }
        };
        let (plan, reading) = match &self.llm {
            Some(llm) if self.settings.llm.read_questions && reading::unread(&plan) => {
                let (read, reading) = self.read_by_model(llm, &plan, &holdings).await?;
                (read.unwrap_or(plan), Some(reading))
            }
            _ => (plan, None),
        };
        let known = (&self.pool, &holdings, thresholds.as_slice());
        let intent = plan.intent;
        timings.plan_ms = ms(started);

        // The answer's figures do not depend on the retrieved chunks (the SQL runs while the query
        // is embedded), except for a question that cannot be read: it is offered the chunks found.
        let unreadable = matches!(plan.refusal, Some(Refusal::Unread { .. }));
        let ((retrieved, retrieval_timings), (composed, compose_ms)) = if unreadable {
            let found = retrieved(retrieving).await;
            let composed = timed(self.compose(known, &plan, &found.0)).await;
            (found, composed)
        } else {
            tokio::join!(retrieved(retrieving), timed(self.compose(known, &plan, &[])))
        };
        (timings.retrieve_ms, timings.embed_ms) = (retrieval_timings.total_ms, retrieval_timings.embed_ms);
        let t = Instant::now();
        let (mut composed, status, freshness) = composed?;
        let chart_url = (status == Status::Answered).then(|| chart_url(intent, &composed.facts, plan.lang)).flatten();
        let mut names = place_names(&gazetteer);
        // An answer may quote the question's own words (a date that does not exist, words not read)
        // and say how it read them.
        names.extend(quoted(&plan).iter().map(|w| format!("«{w}»")));
        names.extend(readings(&plan));
        let unsupported =
            check::unsupported(&composed.text, composed.facts.iter().map(|(f, _)| f.display.as_str()), &names);
        if !unsupported.is_empty() {
            return Err(anyhow::anyhow!(
                "the composed answer says {unsupported:?}, which no fact holds: {}",
                composed.text
            )
            .into());
        }
        // The grounded answer's own sources; an LLM is given retrieved chunks too.
        let own = (composed.facts.len(), composed.citations.list.len());
        if self.llm.is_some() && status == Status::Answered && !retrieved.is_empty() {
            let chunks: Vec<compose::RelatedChunk> =
                sqlx::query_as(include_str!("sql/related_chunks.sql")).bind(&retrieved).fetch_all(&self.pool).await?;
            composed.add_sources(&self.pool, &chunks, LLM_SOURCES).await?;
        }
        timings.data_ms = compose_ms + ms(t);
        let mut facts: Vec<AnswerFact> = composed
            .facts
            .iter()
            .map(|(fact, citation)| AnswerFact {
                label: fact.label.clone(),
                value: fact.value.clone(),
                unit: fact.unit.clone(),
                display: fact.display.clone(),
                period: citations::Period { from: fact.source.from, to: fact.source.to },
                station: composed.citations.list.get(citation - 1).and_then(|c| c.station.clone()),
                citation: *citation,
            })
            .collect();
        let mut citations = composed.citations.list.clone();
        let send = |event: Progress| match &progress {
            Some(tx) => tx.send(event).map_err(|_| AnswerError::Gone),
            None => Ok(()),
        };
        send(Progress::Meta {
            plan: Box::new(plan.clone()),
            intent,
            status,
            citations: citations.clone(),
            facts: facts.clone(),
        })?;

        let mut answer_text = composed.text.clone();
        let mut mode = Mode::Grounded;
        let mut outcome = None;
        let t = Instant::now();
        match (&self.llm, status) {
            (Some(llm), Status::Answered) => {
                let (text, used, result) =
                    self.with_llm(llm, &plan, &composed, &facts, own, &names, progress.clone()).await?;
                if used {
                    answer_text = text;
                    mode = Mode::Llm;
                } else {
                    // Without the LLM's words, the sources it was given are not the answer's.
                    facts.truncate(own.0);
                    citations.truncate(own.1);
                    send(Progress::Reset)?;
                    for sentence in sentences(&answer_text) {
                        send(Progress::Delta { text: sentence })?;
                    }
                }
                outcome = Some(result);
            }
            _ => {
                for sentence in sentences(&answer_text) {
                    send(Progress::Delta { text: sentence })?;
                }
            }
        }
        timings.llm_ms = ms(t);
        timings.total_ms = ms(started);
        let context = Conversation::next(question.context.as_ref().and_then(Option::as_ref), &plan, found_day(&plan, &facts));
        let answer = Answer {
            answer: answer_text,
            lang: plan.lang,
            status,
            mode,
            citations,
            facts,
            data_freshness: freshness,
            timings_ms: timings,
            intent,
            plan,
            llm: outcome,
            reading,
            retrieved,
            context,
            chart_url,
        };
        if let Err(e) = self.log(&answer) {
            tracing::warn!(error = %e, "the question could not be logged");
        }
        Ok(answer)
    }

    /// The chunks retrieval finds for the plan, searched in a blocking task (none without an index).
    /// With an LLM, whose sources they become, over the period before too and of every kind of
    /// chunk (days, months, episodes).
    fn start_retrieval(&self, plan: &Plan, gazetteer: &Arc<Gazetteer>) -> Option<Retrieving> {
        self.retriever.current()?;
        let mut plan = plan.clone();
        if let (Some(_), Some(period)) = (&self.llm, plan.period.as_mut()) {
            period.from = period.from - (period.to - period.from) - chrono::Days::new(1);
            period.granularity = Granularity::All;
        }
        let (retriever, gazetteer) = (Arc::clone(&self.retriever), Arc::clone(gazetteer));
        Some(tokio::task::spawn_blocking(move || retriever.retrieve(&plan, &gazetteer, 5, RetrievalMode::Fused)))
    }

    async fn compose(
        &self,
        known: (&PgPool, &Holdings, &[Threshold]),
        plan: &Plan,
        related: &[i64],
    ) -> anyhow::Result<(compose::Composed, Status, Freshness)> {
        let holdings = known.1;
        let mut notes = plan.notes.clone();
        let mut composer = compose::Composer::new(known, &self.tera, &self.settings.city, plan);
        let mut freshness = Freshness::default();
        if let Some(refusal) = &plan.refusal {
            composer.refused(refusal, plan.transit.is_some()).await?;
            let chunks: Vec<compose::RelatedChunk> =
                sqlx::query_as(include_str!("sql/related_chunks.sql")).bind(related).fetch_all(&self.pool).await?;
            composer.related(&chunks).await?;
            return Ok((composer.finish(&notes), Status::NoData, freshness));
        }
        if let Some(ask) = &plan.housing {
            let status = if composer.housing(plan, ask).await? { Status::Answered } else { Status::NoData };
            return Ok((composer.finish(&notes), status, freshness));
        }
        if let Some(ask) = &plan.transit {
            let status = if composer.transit(plan, ask).await? { Status::Answered } else { Status::NoData };
            return Ok((composer.finish(&notes), status, freshness));
        }
        if plan.intent == Intent::Help {
            composer.help().await?;
            return Ok((composer.finish(&notes), Status::Help, freshness));
        }
        let mut no_data = None;
        // Sentences that set the scene (the extreme day of a composition) answer nothing alone.
        let mut lead = 0;
        if plan.intent == Intent::Forecast {
            no_data = composer.forecast(plan).await?;
        } else {
            match scope::targets(holdings, &self.settings.city, plan, plan.intent, &mut notes) {
                scope::Resolution::NoData(reason) => no_data = Some(reason),
                scope::Resolution::Targets(targets) => {
                    // "On the hottest day of 2020": that day first, then the figures asked.
                    let day = match &plan.day_of {
                        Some(day_of) => match self.day_of(&mut composer, holdings, plan, day_of, &mut notes).await? {
                            Ok(day) => Some(day),
                            Err(reason) => {
                                no_data = Some(reason);
                                None
                            }
                        },
                        None => None,
                    };
                    lead = composer.said();
                    let skipped = plan.day_of.is_some() && day.is_none();
                    for (i, target) in targets.iter().enumerate().filter(|_| !skipped) {
                        if plan.day_of.as_ref().is_some_and(|d| d.variable == target.variable) {
                            continue;
                        }
                        if i == 0 {
                            freshness = holdings.freshness(&target.ids(), target.variable);
                        }
                        let period = match day {
                            Some(day) => Some(Period { from: day, to: day, granularity: Granularity::Day, said: String::new() }),
                            // Without a period, a link is shown for the latest year the data has.
                            None if plan.intent == Intent::Correlation && plan.period.is_none() => None,
                            None => scope::period(&self.pool, plan, plan.intent, target, &mut notes).await?,
                        };
                        let missing = match (plan.intent, &period) {
                            (Intent::Correlation, _) => composer.correlation(target, period.as_ref(), plan).await?,
                            (_, None) => {
                                let day =
                                    plan.period.as_ref().map(|p| (p.from, p.to)).unwrap_or((plan.as_of, plan.as_of));
                                Some(scope::NoData::InPeriod { target: target.clone(), period: day })
                            }
                            (Intent::Now | Intent::Value, Some(p)) if plan.index.is_some() && !target.is_weather() => {
                                composer.index(target, p, plan.index.as_ref().expect("an index")).await?
                            }
                            (Intent::Now, Some(p)) => composer.value(target, p, p.to < plan.as_of).await?,
                            (Intent::Value, Some(p)) => composer.value(target, p, false).await?,
                            (Intent::Extreme { highest, of }, Some(p)) => {
                                composer.extreme(target, p, (highest, of, plan.month_of_year), plan).await?
                            }
                            (Intent::Count, Some(p)) => composer.count(target, p, plan).await?,
                            (Intent::Compare, Some(p)) => composer.compare(target, p, plan).await?,
                            (Intent::Trend, Some(p)) => composer.trend(target, p).await?,
                            (Intent::Episode, Some(p)) => composer.episodes(target, p).await?,
                            (Intent::Forecast | Intent::Help, _) => unreachable!("composed above"),
                        };
                        if missing.is_some() && no_data.is_none() {
                            no_data = missing;
                        }
                    }
                }
            }
        }
        // Figures for one variable and none for another still answer; nothing at all does not.
        let answered_any = composer.said() > lead;
        if let Some(reason) = &no_data {
            composer.no_data(reason).await?;
        }
        let status = if answered_any { Status::Answered } else { Status::NoData };
        Ok((composer.finish(&notes), status, freshness))
    }

    /// The extreme day of another variable ("the hottest day of 2020"), said; or why there is none.
    async fn day_of(
        &self,
        composer: &mut compose::Composer<'_>,
        holdings: &Holdings,
        plan: &Plan,
        day_of: &DayOf,
        notes: &mut Vec<String>,
    ) -> anyhow::Result<Result<chrono::NaiveDate, scope::NoData>> {
        let city = &self.settings.city;
        let target = match scope::target(holdings, city, &plan.place, day_of.variable, plan.lang, notes) {
            Ok(target) => target,
            Err(_) => {
                let anywhere = Place::City { named: false };
                match scope::target(holdings, city, &anywhere, day_of.variable, plan.lang, notes) {
                    Ok(target) => target,
                    Err(reason) => return Ok(Err(reason)),
                }
            }
        };
        let extreme = Intent::Extreme { highest: day_of.highest, of: Unit::Day };
        let Some(period) = scope::period(&self.pool, plan, extreme, &target, notes).await? else {
            let asked = plan.period.as_ref().map(|p| (p.from, p.to)).unwrap_or((plan.as_of, plan.as_of));
            return Ok(Err(scope::NoData::InPeriod { target, period: asked }));
        };
        composer.day_of(&target, &period, day_of).await
    }

    /// The LLM's reading of a question the rules could not read whole, as a plan when it names
    /// only what exists and what the question says, and the data holds its variable at the place
    /// in the period.
    async fn read_by_model(
        &self,
        llm: &Llm,
        plan: &Plan,
        holdings: &Holdings,
    ) -> Result<(Option<Plan>, ModelReading), AnswerError> {
        let measured = holdings.measured();
        let variables: Vec<&str> = AIR_VARIABLES
            .iter()
            .chain(WEATHER_VARIABLES)
            .copied()
            .filter(|v| measured.iter().any(|(w, _)| w == v))
            .collect();
        let mut context = Context::new();
        context.insert("city", &self.settings.city.name);
        let named: Vec<serde_json::Value> =
            variables.iter().map(|v| serde_json::json!({ "code": v, "name": variable_name(v) })).collect();
        context.insert("variables", &named);
        let system = self.tera.render("llm/read.tera", &context).map_err(anyhow::Error::from)?;
        let schema = reading::schema(&variables);
        let outcome = |outcome, reading: Option<&serde_json::Value>, detail: String| ModelReading {
            outcome,
            reading: reading.cloned(),
            detail: Some(detail),
        };
        let value = match llm.fill(system, plan.question.clone(), schema).await {
            Ok(value) => value,
            Err(e) => {
                tracing::warn!(error = %format!("{e:#}"), "the LLM could not read the question");
                return Ok((None, outcome("failed", None, format!("{e:#}"))));
            }
        };
        let read = serde_json::from_value::<Reading>(value.clone())
            .map_err(|e| format!("not a reading: {e}"))
            .and_then(|r| r.plan(plan))
            .and_then(|read| {
                let variable = read.variables[0];
                let place = match &read.place {
                    Place::Station { id, .. } => Some(*id),
                    _ => None,
                };
                let (from, to) = read.period.as_ref().map_or((plan.as_of, plan.as_of), |p| (p.from, p.to));
                let held = holdings.stations(variable).iter().any(|s| {
                    place.is_none_or(|id| id == s.id) && s.first_day <= to && (read.period.is_none() || s.last_day >= from)
                });
                if held { Ok(read) } else { Err(format!("no {variable} data there from {from} to {to}")) }
            });
        Ok(match read {
            Ok(read) => (Some(read), ModelReading { outcome: "used", reading: Some(value), detail: None }),
            Err(why) => (None, outcome("rejected", Some(&value), why)),
        })
    }

    /// The LLM's reworded answer, streamed sentence by sentence once checked; the grounded text
    /// when the LLM fails or leaves nothing usable. The first `own_facts` facts and `own_citations`
    /// citations are the grounded answer's, the others those of the chunks the LLM was given.
    /// Returns (text, LLM text used, outcome).
    async fn with_llm(
        &self,
        llm: &Llm,
        plan: &Plan,
        composed: &compose::Composed,
        facts: &[AnswerFact],
        (own_facts, own_citations): (usize, usize),
        names: &[String],
        progress: Option<mpsc::UnboundedSender<Progress>>,
    ) -> Result<(String, bool, Outcome), AnswerError> {
        let language = if plan.lang == Lang::Fr { "French" } else { "English" };
        let mut context = Context::new();
        context.insert("city", &self.settings.city.name);
        context.insert("language", language);
        let system = self.tera.render("llm/system.tera", &context).map_err(anyhow::Error::from)?;
        context.insert("question", &plan.question);
        context.insert("sources", &composed.citations.list);
        context.insert("facts", facts);
        context.insert("draft", composed.text.strip_prefix(composed.restated.as_str()).unwrap_or(&composed.text).trim_start());
        let user = self.tera.render("llm/user.tera", &context).map_err(anyhow::Error::from)?;
        let cited: Vec<(String, usize)> = facts.iter().map(|f| (f.display.clone(), f.citation)).collect();
        if let Some(tx) = progress.as_ref().filter(|_| !composed.restated.is_empty()) {
            tx.send(Progress::Delta { text: composed.restated.clone() }).map_err(|_| AnswerError::Gone)?;
        }
        let mut gone = false;
        let result = llm
            .draft(system, user, &cited, own_citations, names, composed.citations.list.len(), |sentence| {
                if let Some(tx) = &progress
                    && tx.send(Progress::Delta { text: sentence.to_string() }).is_err()
                {
                    gone = true;
                    return false;
                }
                true
            })
            .await;
        if gone {
            return Err(AnswerError::Gone);
        }
        let grounded = composed.text.clone();
        Ok(match result {
            Err(e) => {
                tracing::warn!(error = %format!("{e:#}"), "the LLM failed: the grounded answer is given");
                (grounded, false, Outcome { outcome: "failed", dropped: 0, detail: Some(format!("{e:#}")) })
            }
            Ok(draft) => {
                let text = draft.sentences.iter().map(|s| s.trim()).collect::<Vec<_>>().join(" ");
                let cites = !check::markers(&text).is_empty();
                let dropped = draft.dropped.len();
                // Every figure the grounded answer says must still be said.
                let said = check::without_markers(&text);
                let lost: Vec<&str> = facts[..own_facts]
                    .iter()
                    .map(|f| f.display.as_str())
                    .filter(|d| composed.text.contains(d) && !check::unsupported(d, [said.as_str()], &[]).is_empty())
                    .collect();
                if text.is_empty() || !cites || !lost.is_empty() {
                    let detail = match lost.is_empty() {
                        true => format!("{} sentence(s) kept, {dropped} dropped, no citation left", draft.sentences.len()),
                        false => format!("figures left out: {}", lost.join(", ")),
                    };
                    (grounded, false, Outcome { outcome: "replaced", dropped, detail: Some(detail) })
                } else {
                    // What was answered, and how the question was read, are said whatever the LLM's words.
                    let text = match composed.restated.as_str() {
                        "" => text,
                        restated => format!("{restated} {text}"),
                    };
                    let text = match &composed.reading {
                        Some(reading) if !text.contains(reading.as_str()) => {
                            if let Some(tx) = &progress {
                                tx.send(Progress::Delta { text: reading.clone() }).map_err(|_| AnswerError::Gone)?;
                            }
                            format!("{text} {reading}")
                        }
                        _ => text,
                    };
                    let (outcome, detail) = match draft.dropped.is_empty() {
                        true => ("accepted", None),
                        false => {
                            let removed = draft.dropped.iter().map(|s| s.trim()).collect::<Vec<_>>().join(" | ");
                            ("repaired", Some(format!("removed: {removed}")))
                        }
                    };
                    (text, true, Outcome { outcome, dropped, detail })
                }
            }
        })
    }

    /// Logs the question beside the answer's delivery: the answer does not wait for the write.
    fn log(&self, answer: &Answer) -> anyhow::Result<()> {
        let citations: Vec<serde_json::Value> = answer
            .citations
            .iter()
            .map(|c| serde_json::json!({ "number": c.number, "chunk_id": c.chunk_id, "url": c.url }))
            .collect();
        let insert = sqlx::query(include_str!("sql/log_question.sql"))
            .bind(answer.plan.question.clone())
            .bind(answer.lang.code())
            .bind(answer.plan.as_of)
            .bind(serde_json::to_value(answer.status)?.as_str().map(str::to_string))
            .bind(serde_json::to_value(answer.mode)?.as_str().map(str::to_string))
            .bind(answer.llm.as_ref().map(|o| o.outcome))
            .bind(serde_json::Value::Array(citations))
            .bind(serde_json::to_value(&answer.timings_ms)?);
        let pool = self.pool.clone();
        let span = tracing::info_span!("db.log_question");
        tokio::spawn(
            async move {
                if let Err(e) = insert.execute(&pool).await {
                    tracing::warn!(error = %e, "the question could not be logged");
                }
            }
            .instrument(span),
        );
        Ok(())
    }
}

/// The day an answer about the extreme day of a period found: what "the day after" follows from.
fn found_day(plan: &Plan, facts: &[AnswerFact]) -> Option<NaiveDate> {
    let extreme_day = matches!(plan.intent, Intent::Extreme { of: Unit::Day, .. }) || plan.day_of.is_some();
    let day = facts.iter().find(|f| f.label == "day").and_then(|f| f.value.as_str()?.parse().ok());
    day.filter(|_| extreme_day)
}

/// The words of the question an answer quotes back: what it could not read, or had no data on.
fn quoted(plan: &Plan) -> Vec<String> {
    let mut quoted: Vec<String> = plan.unread.iter().chain(&plan.no_data_topics).cloned().collect();
    match &plan.refusal {
        Some(Refusal::ImpossibleDate { said }) => quoted.push(said.clone()),
        Some(Refusal::Topics { topics: words } | Refusal::Unread { words } | Refusal::Conflict { words }) => {
            quoted.extend(words.iter().cloned())
        }
        _ => {}
    }
    quoted
}

/// What an answer says of the question itself, whose numbers are the question's, not figures: how
/// it was read back and the notes on its reading.
fn readings(plan: &Plan) -> Vec<String> {
    let mut said: Vec<String> = plan.notes.clone();
    said.push(plan.restated.clone());
    said.retain(|s| !s.is_empty());
    said
}

/// The names an answer may say that are no figures: the city and its stations.
fn place_names(gazetteer: &Gazetteer) -> Vec<String> {
    std::iter::once(gazetteer.city.clone()).chain(gazetteer.stations.iter().map(|s| s.name.clone())).collect()
}

/// The answer's sentences, for streaming.
fn sentences(text: &str) -> Vec<String> {
    let mut buffer = format!("{text} ");
    let mut found = check::take_sentences(&mut buffer);
    if !buffer.trim().is_empty() {
        found.push(buffer);
    }
    found
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

/// The retrieved chunks, when the index is usable (answers do not depend on it), and the
/// retrieval's timings.
async fn retrieved(retrieving: Option<Retrieving>) -> (Vec<i64>, RetrievalTimings) {
    let Some(retrieving) = retrieving else { return Default::default() };
    match retrieving.await {
        Ok(Ok(retrieval)) => (retrieval.hits.into_iter().map(|h| h.id).collect(), retrieval.timings),
        Ok(Err(e)) => {
            tracing::info!(error = %e, "answering without retrieval");
            Default::default()
        }
        Err(e) => {
            tracing::error!(error = %e, "retrieval panicked");
            Default::default()
        }
    }
}

async fn timed<F: std::future::Future>(future: F) -> (F::Output, f64) {
    let t = Instant::now();
    let output = future.await;
    (output, ms(t))
}
