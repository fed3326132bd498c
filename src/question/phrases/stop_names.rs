//! Stop names as people say them: accents, case and punctuation aside ("UCA - Campus Cézeaux" is
//! "uca campus cezeaux"), initials dropped ("CHU G. Montpied" is "CHU Montpied"), a leading article
//! optional ("des Vergnes"), small words the name lacks skipped ("campus des Cézeaux"), and the
//! name's last words alone when no other stop ends so ("musée Roger Quilliot").

use std::collections::HashMap;

use crate::question::tokens::{fold, tokens};
use crate::question::words::Words;

/// Words a question puts inside a stop's name without changing it.
const INSERTED: &str = "de|des|du|d|la|le|les|l";
/// Words before a name that opens with a number ("1er Mai") and is not a date.
const BEFORE_NUMBERED: &str = "arret|stop|station|at|a|from|de|depuis|to|vers";
/// Words that may stand before a one-word name said without its article ("des Vergnes").
const ARTICLES: &str = "les|la|le|l|des|du|de|d|aux|au|a|arret|stop";

#[derive(Debug, Clone, PartialEq, Eq)]
struct Form {
    name: String,
    words: Vec<String>,
    /// The name's leading article was dropped.
    bare: bool,
}

/// Every stop name in each form a question may say it.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct StopNames {
    forms: Vec<Form>,
    /// The forms by their first word: a question is matched against those its words open.
    opening: HashMap<String, Vec<usize>>,
}

impl StopNames {
    pub fn new(names: &[String]) -> Self {
        let keys: Vec<(String, Vec<String>, bool)> = names.iter().map(|n| key(n)).collect();
        let mut forms = Vec::new();
        for (name, words, bare) in &keys {
            forms.push(Form { name: name.clone(), words: words.clone(), bare: *bare });
            // The last two or more words, or all but one inside, when no other stop's name says so.
            let tails = (1..words.len().saturating_sub(1)).map(|start| words[start..].to_vec());
            let gapped = (1..words.len().saturating_sub(1)).filter(|_| words.len() >= 4).map(|k| {
                let mut w = words.clone();
                w.remove(k);
                w
            });
            for short in tails.chain(gapped) {
                let shared = keys.iter().filter(|(_, other, _)| contains_in_order(other, &short)).count();
                if shared == 1 {
                    forms.push(Form { name: name.clone(), words: short, bare: false });
                }
            }
        }
        let mut opening: HashMap<String, Vec<usize>> = HashMap::new();
        for (k, form) in forms.iter().enumerate() {
            if let Some(first) = form.words.first() {
                opening.entry(first.clone()).or_default().push(k);
            }
        }
        Self { forms, opening }
    }

    /// The stop named in `words`: where it starts, how many words it takes, its published name.
    /// The form with the most words wins, then the first form, then the first place.
    pub fn find(&self, words: &Words) -> Option<(usize, usize, String)> {
        let mut best: Option<(usize, usize, usize)> = None;
        for i in 0..words.len() {
            for &k in self.opening.get(words.text(i)).into_iter().flatten() {
                let form = &self.forms[k];
                let Some(n) = matched(words, i, &form.words) else { continue };
                if !introduced(words, i, n, form) {
                    continue;
                }
                let rank = |(_, _, b): (usize, usize, usize)| (std::cmp::Reverse(self.forms[b].words.len()), b);
                if best.is_none_or(|b| rank((i, n, k)) < rank(b)) {
                    best = Some((i, n, k));
                }
            }
        }
        best.map(|(i, n, k)| (i, n, self.forms[k].name.clone()))
    }
}

/// A name's words as matched: folded, without dashes or initials, its leading article dropped.
fn key(name: &str) -> (String, Vec<String>, bool) {
    let mut words: Vec<String> =
        tokens(name).into_iter().map(|t| fold(&t.text)).filter(|t| t != "-" && t.len() > 1 || is_number(t)).collect();
    let bare = words.len() > 1 && matches!(words[0].as_str(), "les" | "la" | "le" | "l");
    if bare {
        words.remove(0);
    }
    (name.to_string(), words, bare)
}

/// Whether `short`'s words are `name`'s, in order (some left out).
fn contains_in_order(name: &[String], short: &[String]) -> bool {
    let mut rest = name.iter();
    short.iter().all(|w| rest.any(|n| n == w))
}

fn is_number(word: &str) -> bool {
    word.starts_with(|c: char| c.is_ascii_digit())
}

/// How many question words from `i` say `form` (small inserted words skipped), if they do.
fn matched(words: &Words, i: usize, form: &[String]) -> Option<usize> {
    if form.is_empty() || !words.is(i, &form[0]) {
        return None;
    }
    let mut k = i + 1;
    for word in &form[1..] {
        while !words.is(k, word) && words.is(k, INSERTED) && !form.contains(&words.text(k).to_string()) {
            k += 1;
        }
        if !words.is(k, word) {
            return None;
        }
        k += 1;
    }
    Some(k - i)
}

/// A name that opens with a number is a stop only after "arrêt", "at", "à"... or before "stop";
/// a one-word name said without its article only after an article or "arrêt".
fn introduced(words: &Words, i: usize, n: usize, form: &Form) -> bool {
    let before = if i > 0 { words.text(i - 1) } else { "" };
    let is = |list: &str| list.split('|').any(|w| w == before);
    if is_number(&form.words[0]) {
        return is(BEFORE_NUMBERED) || words.is(i + n, "stop|arret|station");
    }
    !(form.bare && form.words.len() == 1) || is(ARTICLES)
}
