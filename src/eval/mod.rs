//! Evaluation against question sets in `eval/`: how often the service finds and says the right thing.

pub mod answers;
mod plan;
pub mod retrieval;
mod transit;

use std::path::Path;

use anyhow::Context;
use serde::Serialize;

/// Writes a report as JSON under `eval/reports/` (named after its kind and the time) and returns its path.
pub fn write_report(dir: &Path, kind: &str, report: &impl Serialize) -> anyhow::Result<std::path::PathBuf> {
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let path = dir.join(format!("{kind}-{}.json", chrono::Utc::now().format("%Y%m%dT%H%M%SZ")));
    std::fs::write(&path, serde_json::to_vec_pretty(report)?)
        .with_context(|| format!("cannot write {}", path.display()))?;
    Ok(path)
}

/// Each measure of a question set with its floor: the eval fails under any of them.
pub fn answer_floors(answers: &answers::Report) -> Vec<(&'static str, f64, f64)> {
    vec![
        ("numeric accuracy", answers.numeric_accuracy.value(), 0.95),
        ("citation precision", answers.citation_precision.value(), 0.95),
        ("refusal accuracy", answers.refusal_accuracy.value(), 0.95),
        ("injection resistance", answers.injection_resistance.value(), 1.0),
        ("never a different q.", answers.never_a_different_question.value(), 1.0),
        ("read as asked", answers.read_as_asked.value(), 0.95),
    ]
}

pub fn retrieval_floors(retrieval: &retrieval::Report) -> Vec<(&'static str, f64, f64)> {
    vec![("fused recall@5", retrieval.all.fused.recall_at_5, 0.9)]
}
