//! Evaluation against question sets in `eval/`: how often the service finds and says the right thing.

pub mod retrieval;

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
