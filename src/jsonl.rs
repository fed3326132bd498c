//! JSON lines files (the question sets of eval/): one value per non-blank line.

use std::path::Path;

use anyhow::Context;

pub fn read<T: serde::de::DeserializeOwned>(path: &Path) -> anyhow::Result<Vec<T>> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    text.lines()
        .enumerate()
        .filter(|(_, line)| !line.trim().is_empty())
        .map(|(n, line)| serde_json::from_str(line).with_context(|| format!("{} line {}: not a question", path.display(), n + 1)))
        .collect()
}
