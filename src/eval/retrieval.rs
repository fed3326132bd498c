//! The retrieval question set: for each question, the chunks that answer it; recall@5 and MRR of
//! vector-only, text-only and fused retrieval, per language.

use std::path::Path;

use chrono::NaiveDate;
use serde::{Deserialize, Serialize};
use sqlx::PgPool;

use crate::question::{Gazetteer, Plan};
use crate::retrieve::{Mode, Retriever};
use crate::summarize::Lang;

/// Ranks looked at for the reciprocal rank.
const DEPTH: usize = 20;

#[derive(Debug, Deserialize)]
struct Question {
    id: String,
    question: String,
    lang: Lang,
    as_of: NaiveDate,
    /// Chunks that answer the question; finding any one of them is a hit.
    expect: Vec<Expected>,
}

#[derive(Debug, Clone, Serialize, Deserialize)]
struct Expected {
    kind: String,
    from: NaiveDate,
    to: NaiveDate,
    /// The station's code; none for city-wide chunks.
    station: Option<String>,
    variables: Vec<String>,
}

#[derive(Debug, Default, Clone, Copy, Serialize)]
pub struct Scores {
    pub recall_at_5: f64,
    pub mrr: f64,
}

#[derive(Debug, Default, Clone, Serialize)]
pub struct Group {
    pub questions: usize,
    pub vector: Scores,
    pub text: Scores,
    pub fused: Scores,
}

#[derive(Debug, Serialize)]
pub struct Miss {
    pub id: String,
    pub question: String,
    /// 1-based rank of the first answering chunk in fused retrieval (none: not in the top 20).
    pub rank: Option<usize>,
    pub top: Vec<String>,
}

#[derive(Debug, Serialize)]
pub struct Report {
    pub dataset: String,
    pub build_id: String,
    pub all: Group,
    pub en: Group,
    pub fr: Group,
    pub misses: Vec<Miss>,
}

impl std::fmt::Display for Report {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        writeln!(f, "retrieval on {} (index {})", self.dataset, self.build_id)?;
        writeln!(
            f,
            "{:<10} {:>9}  {:>13} {:>6}  {:>13} {:>6}  {:>13} {:>6}",
            "", "questions", "vector r@5", "MRR", "text r@5", "MRR", "fused r@5", "MRR"
        )?;
        for (name, g) in [("all", &self.all), ("english", &self.en), ("french", &self.fr)] {
            writeln!(
                f,
                "{name:<10} {:>9}  {:>13.3} {:>6.3}  {:>13.3} {:>6.3}  {:>13.3} {:>6.3}",
                g.questions,
                g.vector.recall_at_5,
                g.vector.mrr,
                g.text.recall_at_5,
                g.text.mrr,
                g.fused.recall_at_5,
                g.fused.mrr
            )?;
        }
        for miss in &self.misses {
            let rank = miss.rank.map_or("not found".to_string(), |r| format!("rank {r}"));
            writeln!(f, "  missed {} ({rank}): {}", miss.id, miss.question)?;
        }
        Ok(())
    }
}

#[derive(Default)]
struct Tally {
    questions: usize,
    hits: [usize; 3],
    reciprocal: [f64; 3],
}

impl Tally {
    fn add(&mut self, mode: usize, rank: Option<usize>) {
        if rank.is_some_and(|r| r <= 5) {
            self.hits[mode] += 1;
        }
        self.reciprocal[mode] += rank.map_or(0.0, |r| 1.0 / r as f64);
    }

    fn group(&self) -> Group {
        let n = self.questions.max(1) as f64;
        let scores = |m: usize| Scores { recall_at_5: self.hits[m] as f64 / n, mrr: self.reciprocal[m] / n };
        Group { questions: self.questions, vector: scores(0), text: scores(1), fused: scores(2) }
    }
}

/// Runs every question of `dataset` through the three retrieval modes.
pub async fn run(
    pool: &PgPool,
    retriever: &std::sync::Arc<Retriever>,
    gazetteer: &Gazetteer,
    dataset: &Path,
) -> anyhow::Result<Report> {
    let questions: Vec<Question> = crate::jsonl::read(dataset)?;
    let build_id = retriever.current().map(|b| b.manifest.build_id.clone()).unwrap_or_default();
    let (mut all, mut en, mut fr) = (Tally::default(), Tally::default(), Tally::default());
    let mut misses = Vec::new();
    for question in &questions {
        let mut answering = Vec::new();
        for expected in &question.expect {
            let ids: Vec<i64> = sqlx::query_scalar(include_str!("sql/expected_chunks.sql"))
                .bind(&expected.kind)
                .bind(question.lang.code())
                .bind(expected.from)
                .bind(expected.to)
                .bind(&expected.station)
                .bind(&expected.variables)
                .fetch_all(pool)
                .await?;
            if ids.is_empty() {
                anyhow::bail!("question {}: no chunk is {expected:?}: the dataset does not fit the data", question.id);
            }
            answering.extend(ids);
        }
        let plan = Plan::parse(&question.question, Some(question.lang), question.as_of, gazetteer);
        let by_lang = if question.lang == Lang::Fr { &mut fr } else { &mut en };
        all.questions += 1;
        by_lang.questions += 1;
        for (m, mode) in [Mode::Vector, Mode::Text, Mode::Fused].into_iter().enumerate() {
            let retrieval = retriever.retrieve(&plan, gazetteer, DEPTH, mode)?;
            let rank = retrieval.hits.iter().position(|h| answering.contains(&h.id)).map(|p| p + 1);
            all.add(m, rank);
            by_lang.add(m, rank);
            if mode == Mode::Fused && rank.is_none_or(|r| r > 5) {
                let top: Vec<i64> = retrieval.hits.iter().take(5).map(|h| h.id).collect();
                let titles: Vec<String> =
                    sqlx::query_scalar(include_str!("sql/titles.sql")).bind(&top).fetch_all(pool).await?;
                misses.push(Miss { id: question.id.clone(), question: question.question.clone(), rank, top: titles });
            }
        }
    }
    Ok(Report {
        dataset: dataset.display().to_string(),
        build_id,
        all: all.group(),
        en: en.group(),
        fr: fr.group(),
        misses,
    })
}
