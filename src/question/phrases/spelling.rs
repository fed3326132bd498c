//! Misspellings: a word the reader does not know becomes the known word (or place name) it is
//! closest to, when only one is.

use super::variables::{TOPICS, VARIABLES};
use super::vocabulary::{self, CHANGING, NO_DATA_TOPICS};
use crate::question::tokens::{allowed_edits, close, edit_distance};
use crate::question::words::Words;

/// Every word the reader's lists know, sorted.
static KNOWN: std::sync::LazyLock<Vec<String>> = std::sync::LazyLock::new(|| {
    let mut known: Vec<String> = vocabulary::FUNCTION_EN
        .iter()
        .chain(vocabulary::FUNCTION_FR)
        .chain(CHANGING)
        .chain(NO_DATA_TOPICS)
        .map(|w| w.to_string())
        .collect();
    for table in [VARIABLES.iter().map(|(p, _)| *p).collect::<Vec<_>>(), TOPICS.iter().map(|(p, _)| *p).collect()] {
        known.extend(table.iter().flat_map(|p| p.iter().map(|w| w.to_string())));
    }
    known.extend(super::table_words().into_iter().map(str::to_string));
    known.retain(|w| w.chars().all(char::is_alphabetic));
    known.sort();
    known.dedup();
    known
});

/// Whether the reader's lists know `word`.
pub fn known(word: &str) -> bool {
    KNOWN.binary_search_by(|k| k.as_str().cmp(word)).is_ok()
}

pub fn correct(words: &mut Words, names: &[String]) {
    for i in 0..words.len() {
        let word = words.text(i).to_string();
        if word.chars().count() < 5 || !word.chars().all(char::is_alphabetic) || known(&word) || names.contains(&word) {
            continue;
        }
        let mut best: Vec<(&String, usize)> = KNOWN
            .iter()
            .chain(names)
            .filter(|k| allowed_edits(k) > 0 && close(&word, k))
            .map(|k| (k, edit_distance(&word, k)))
            .collect();
        best.sort_by_key(|(_, d)| *d);
        if let [(first, d), rest @ ..] = best.as_slice()
            && rest.first().is_none_or(|(_, other)| other > d)
        {
            words.set_text(i, first);
        }
    }
}
