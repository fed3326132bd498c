//! Hybrid retrieval: a question becomes a plan (language, variables, place, period), the plan
//! becomes filters applied in both indexes, and the vector and text rankings are fused with
//! reciprocal rank fusion.

mod watch;

use std::collections::HashMap;
use std::sync::{Arc, Mutex, RwLock};
use std::time::Instant;

use serde::Serialize;

use crate::embed::Embedder;
use crate::index::{Clause, Filter, IndexBuild, Indexes};
use crate::question::{AIR_VARIABLES, Gazetteer, Place, Plan, WEATHER_VARIABLES};
use crate::summarize::Lang;
pub use watch::keep_current;

/// Reciprocal rank fusion's constant: ranks past a few dozen weigh little.
const RRF_K: f64 = 60.0;
/// Candidates taken from each side before fusing.
const DEPTH: usize = 50;
const QUERY_CACHE: usize = 1024;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Mode {
    Fused,
    Vector,
    Text,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Hit {
    pub id: i64,
    pub score: f64,
    /// 1-based ranks in each index (none: not among its candidates).
    pub vector_rank: Option<usize>,
    pub text_rank: Option<usize>,
}

#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
#[schema(as = RetrievalTimings)]
pub struct Timings {
    pub embed_ms: f64,
    pub vector_ms: f64,
    pub text_ms: f64,
    pub total_ms: f64,
}

#[derive(Debug, Clone, Serialize)]
pub struct Retrieval {
    pub hits: Vec<Hit>,
    pub filter: Filter,
    /// What the vector side embedded (the canonical English form for a French question).
    pub vector_query: String,
    pub build_id: String,
    pub timings: Timings,
}

#[derive(Debug, thiserror::Error)]
pub enum RetrieveError {
    #[error("{0}")]
    Unavailable(String),
    #[error(transparent)]
    Internal(#[from] anyhow::Error),
}

/// The embedding model and the current index build, swapped in when a new build is published.
pub struct Retriever {
    embedder: RwLock<Result<Arc<Embedder>, String>>,
    /// The database's index builds, known once its identity could be read.
    indexes: std::sync::OnceLock<Indexes>,
    current: RwLock<Option<Arc<IndexBuild>>>,
    /// Why there is no usable build (none yet, unreadable, another model).
    problem: RwLock<Option<String>>,
    query_vectors: Mutex<HashMap<String, Vec<f32>>>,
}

impl Retriever {
    pub fn new(embedder: Result<Arc<Embedder>, String>, indexes: Indexes) -> Self {
        let retriever = Self::waiting(embedder);
        retriever.set_indexes(indexes);
        retriever
    }

    /// A retriever whose index builds are known later (`set_indexes`), once the database answers.
    pub fn waiting(embedder: Result<Arc<Embedder>, String>) -> Self {
        Self {
            embedder: RwLock::new(embedder),
            indexes: std::sync::OnceLock::new(),
            current: RwLock::new(None),
            problem: RwLock::new(Some("no index build loaded yet".into())),
            query_vectors: Mutex::new(HashMap::new()),
        }
    }

    pub fn embedder(&self) -> Result<Arc<Embedder>, RetrieveError> {
        self.embedder
            .read()
            .expect("embedder lock")
            .clone()
            .map_err(|e| RetrieveError::Unavailable(format!("search is unavailable: {e}")))
    }

    pub fn set_embedder(&self, embedder: Result<Arc<Embedder>, String>) {
        *self.embedder.write().expect("embedder lock") = embedder;
    }

    pub fn set_indexes(&self, indexes: Indexes) {
        let _ = self.indexes.set(indexes);
    }

    pub fn has_indexes(&self) -> bool {
        self.indexes.get().is_some()
    }

    pub fn current(&self) -> Option<Arc<IndexBuild>> {
        self.current.read().expect("index lock").clone()
    }

    /// Serves `build` (built elsewhere, e.g. by a benchmark) from now on.
    pub fn use_build(&self, build: IndexBuild) {
        *self.current.write().expect("index lock") = Some(Arc::new(build));
        *self.problem.write().expect("index lock") = None;
    }

    /// Loads the published build if it is not the one in use; true when a new one was loaded.
    pub fn reload(&self) -> anyhow::Result<bool> {
        let Some(indexes) = self.indexes.get() else {
            *self.problem.write().expect("index lock") = Some("the database has not answered yet".into());
            return Ok(false);
        };
        let published = indexes.current_id()?;
        let loaded = self.current().map(|b| b.manifest.build_id.clone());
        if published.is_none() {
            *self.problem.write().expect("index lock") =
                Some("no index has been built yet: run `smartcity index`".into());
        }
        let Some(id) = published.filter(|id| Some(id) != loaded.as_ref()) else { return Ok(false) };
        let build = match indexes.load(&id) {
            Ok(build) => build,
            Err(e) => {
                *self.problem.write().expect("index lock") = Some(format!("{e:#}"));
                return Err(e);
            }
        };
        if let Ok(embedder) = self.embedder()
            && build.manifest.model_sha256 != embedder.fingerprint()
        {
            let problem = format!(
                "the index {id} was built with another embedding model ({}); run `smartcity index --rebuild`",
                build.manifest.model
            );
            *self.problem.write().expect("index lock") = Some(problem.clone());
            anyhow::bail!(problem);
        }
        tracing::info!(build = %id, chunks = build.manifest.chunks, "index build loaded");
        *self.current.write().expect("index lock") = Some(Arc::new(build));
        *self.problem.write().expect("index lock") = None;
        Ok(true)
    }

    fn build(&self) -> Result<Arc<IndexBuild>, RetrieveError> {
        self.current().ok_or_else(|| {
            let problem = self.problem.read().expect("index lock").clone().unwrap_or_default();
            RetrieveError::Unavailable(format!("search is unavailable: {problem}"))
        })
    }

    /// The query's vector, computed once per distinct text.
    pub fn query_vector(&self, text: &str) -> Result<Vec<f32>, RetrieveError> {
        if let Some(vector) = self.query_vectors.lock().expect("cache lock").get(text) {
            return Ok(vector.clone());
        }
        let vector = self.embedder()?.embed(&[text])?.remove(0);
        let mut cache = self.query_vectors.lock().expect("cache lock");
        if cache.len() >= QUERY_CACHE {
            cache.clear();
        }
        cache.insert(text.to_string(), vector.clone());
        Ok(vector)
    }

    /// The `k` best chunks for the plan, in the plan's language. Blocking (embeds, searches).
    pub fn retrieve(
        &self,
        plan: &Plan,
        gazetteer: &Gazetteer,
        k: usize,
        mode: Mode,
    ) -> Result<Retrieval, RetrieveError> {
        let started = Instant::now();
        let build = self.build()?;
        let filter = filter_for(plan, gazetteer);
        let mut timings = Timings::default();
        let vector_query =
            if plan.lang == Lang::En { plan.question.clone() } else { plan.canonical_english(gazetteer) };

        // The text side runs beside the query's embedding.
        let (vector_side, text_side) = std::thread::scope(|scope| {
            let text_side = (mode != Mode::Vector).then(|| {
                scope.spawn(|| {
                    let t = Instant::now();
                    let found = build.text.search(&plan.question, &filter, DEPTH);
                    (found, ms(t))
                })
            });
            let vector_side = (mode != Mode::Text).then(|| self.vector_side(&build, plan, &filter, &vector_query));
            (vector_side, text_side.map(|side| side.join().expect("the text search panicked")))
        });
        let mut vector_hits = Vec::new();
        if let Some(side) = vector_side {
            (vector_hits, timings.embed_ms, timings.vector_ms) = side?;
        }
        let mut text_hits = Vec::new();
        if let Some((found, text_ms)) = text_side {
            text_hits = found?.into_iter().map(|(id, _)| id).collect();
            timings.text_ms = text_ms;
        }
        let hits = fuse(&vector_hits, &text_hits, k);
        timings.total_ms = ms(started);
        Ok(Retrieval { hits, filter, vector_query, build_id: build.manifest.build_id.clone(), timings })
    }

    /// The vector side's hits (English chunks, or their French twins), the milliseconds spent
    /// embedding the query and searching.
    fn vector_side(
        &self,
        build: &IndexBuild,
        plan: &Plan,
        filter: &Filter,
        vector_query: &str,
    ) -> Result<(Vec<i64>, f64, f64), RetrieveError> {
        let t = Instant::now();
        let query = self.query_vector(vector_query)?;
        let embed_ms = ms(t);
        let t = Instant::now();
        let english = filter.in_lang(Lang::En);
        let allowed = (!english.is_open()).then(|| build.matching(&english));
        let found = build.vectors.lock().expect("vector index lock").search(&query, DEPTH, allowed.as_deref())?;
        let hits = found
            .into_iter()
            .filter_map(|(id, _)| match plan.lang {
                Lang::En => Some(id),
                Lang::Fr => build.chunk(id).map(|c| c.twin),
            })
            .collect();
        Ok((hits, embed_ms, ms(t)))
    }
}

fn ms(since: Instant) -> f64 {
    since.elapsed().as_secs_f64() * 1000.0
}

/// Reciprocal rank fusion of two rankings (either may be empty).
pub fn fuse(vector: &[i64], text: &[i64], k: usize) -> Vec<Hit> {
    let mut hits: HashMap<i64, Hit> = HashMap::new();
    for (rank, id) in vector.iter().enumerate() {
        let hit = hits.entry(*id).or_insert(Hit { id: *id, score: 0.0, vector_rank: None, text_rank: None });
        if hit.vector_rank.is_none() {
            hit.vector_rank = Some(rank + 1);
            hit.score += 1.0 / (RRF_K + (rank + 1) as f64);
        }
    }
    for (rank, id) in text.iter().enumerate() {
        let hit = hits.entry(*id).or_insert(Hit { id: *id, score: 0.0, vector_rank: None, text_rank: None });
        if hit.text_rank.is_none() {
            hit.text_rank = Some(rank + 1);
            hit.score += 1.0 / (RRF_K + (rank + 1) as f64);
        }
    }
    let mut hits: Vec<Hit> = hits.into_values().collect();
    hits.sort_by(|a, b| {
        b.score
            .total_cmp(&a.score)
            .then(a.vector_rank.unwrap_or(usize::MAX).cmp(&b.vector_rank.unwrap_or(usize::MAX)))
            .then(a.id.cmp(&b.id))
    });
    hits.truncate(k);
    hits
}

/// The plan's constraints as index filters: its language, its period, and per kind of chunk the
/// stations and variables that fit.
pub fn filter_for(plan: &Plan, gazetteer: &Gazetteer) -> Filter {
    let station = match &plan.place {
        Place::Station { id, .. } => Some(*id),
        _ => None,
    };
    let city_stations = gazetteer.city_stations();
    let air: Vec<String> =
        plan.variables.iter().filter(|v| AIR_VARIABLES.contains(v)).map(|v| v.to_string()).collect();
    let weather: Vec<String> =
        plan.variables.iter().filter(|v| WEATHER_VARIABLES.contains(v)).map(|v| v.to_string()).collect();
    let all: Vec<String> = plan.variables.iter().map(|v| v.to_string()).collect();
    let housing: Vec<String> = match plan.housing.as_ref().map(|h| &h.dwellings) {
        Some(dwellings) if !dwellings.is_empty() => dwellings.iter().map(|d| d.code().to_string()).collect(),
        _ => vec!["housing".to_string()],
    };
    let transit = plan.transit.as_ref();
    let routes: Vec<String> = match transit.map(|t| &t.routes) {
        Some(routes) if !routes.is_empty() => routes.clone(),
        _ => vec!["transit".to_string()],
    };
    let stop: Vec<String> = match transit.and_then(|t| t.stop.as_ref()) {
        Some(stop) => vec![format!("stop:{stop}")],
        None => vec!["transit".to_string()],
    };
    let clauses = plan
        .kinds()
        .into_iter()
        .map(|kind| {
            let stations = match kind {
                "station_day" | "station_month" | "station_year" | "episode" | "correlation" => {
                    Some(station.map(|s| vec![s]).unwrap_or_else(|| city_stations.clone()))
                }
                _ => None,
            };
            let (variables, all_variables) = match kind {
                "weather_day" => (weather.clone(), false),
                "forecast_day" => (all.clone(), false),
                "correlation" => (all.clone(), true),
                "housing_year" | "housing_quarter" => (housing.clone(), false),
                "transit_route" => (routes.clone(), false),
                "transit_stop" => (stop.clone(), false),
                "transit_network" => (vec!["transit".to_string()], false),
                _ => (air.clone(), false),
            };
            Clause { kinds: vec![kind], stations, variables, all_variables }
        })
        .collect();
    Filter { lang: plan.lang, period: plan.period.as_ref().map(|p| (p.from, p.to)), clauses }
}
