//! The words of a question as the reader consumes them: each one is used by a part of the plan,
//! or is a function word, or is left over (and then said).

use super::tokens::Token;

pub struct Words {
    tokens: Vec<Token>,
    used: Vec<bool>,
}

/// A pattern element matches a word when one of its `|`-separated alternatives is the word.
fn matches(element: &str, word: &str) -> bool {
    element.split('|').any(|alternative| alternative == word)
}

impl Words {
    pub fn new(tokens: Vec<Token>) -> Self {
        let used = vec![false; tokens.len()];
        Self { tokens, used }
    }

    pub fn len(&self) -> usize {
        self.tokens.len()
    }

    /// The folded word at `i` ("" past the end).
    pub fn text(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.text.as_str())
    }

    pub fn raw(&self, i: usize) -> &str {
        self.tokens.get(i).map_or("", |t| t.raw.as_str())
    }

    /// The words `i`..`i + n` as written.
    pub fn said(&self, i: usize, n: usize) -> String {
        (i..(i + n).min(self.tokens.len())).map(|k| self.raw(k)).collect::<Vec<_>>().join(" ")
    }

    pub fn dashed(&self, i: usize) -> bool {
        self.tokens.get(i).is_some_and(|t| t.dashed)
    }

    pub fn set_text(&mut self, i: usize, text: &str) {
        self.tokens[i].text = text.to_string();
    }

    pub fn free(&self, i: usize) -> bool {
        i < self.tokens.len() && !self.used[i]
    }

    /// The free word at `i` is one of `element`'s alternatives.
    pub fn is(&self, i: usize, element: &str) -> bool {
        self.free(i) && matches(element, self.text(i))
    }

    /// The free words from `i` match `pattern`.
    pub fn at(&self, i: usize, pattern: &[&str]) -> bool {
        pattern.iter().enumerate().all(|(k, element)| self.is(i + k, element))
    }

    pub fn take(&mut self, i: usize, n: usize) {
        for k in i..(i + n).min(self.tokens.len()) {
            self.used[k] = true;
        }
    }

    /// The first position where `pattern` matches.
    pub fn find(&self, pattern: &[&str]) -> Option<usize> {
        (0..self.tokens.len()).find(|&i| self.at(i, pattern))
    }

    /// Takes the first match of `pattern`; its position.
    pub fn take_pattern(&mut self, pattern: &[&str]) -> Option<usize> {
        let i = self.find(pattern)?;
        self.take(i, pattern.len());
        Some(i)
    }

    /// Takes every match of any of `patterns` (the longest at each position); the positions taken.
    pub fn take_all(&mut self, patterns: &[&[&str]]) -> Vec<usize> {
        let mut taken = Vec::new();
        for i in 0..self.tokens.len() {
            if let Some(longest) = patterns.iter().filter(|p| self.at(i, p)).map(|p| p.len()).max() {
                self.take(i, longest);
                taken.push(i);
            }
        }
        taken
    }

    /// Whether any of `patterns` matches anywhere.
    pub fn has(&self, patterns: &[&[&str]]) -> bool {
        patterns.iter().any(|p| self.find(p).is_some())
    }

    /// The positions of the words no part of the plan used.
    pub fn left(&self) -> Vec<usize> {
        (0..self.tokens.len()).filter(|&i| !self.used[i]).collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::question::tokens::tokens;

    #[test]
    fn patterns_take_words_once() {
        let mut words = Words::new(tokens("le jour le plus chaud de 2020"));
        assert!(words.at(3, &["plus", "chaud|froid"]));
        assert_eq!(words.take_pattern(&["le", "plus"]), Some(2));
        assert!(!words.at(3, &["plus", "chaud"]));
        assert_eq!(words.take_all(&[&["le"], &["de"]]), vec![0, 5]);
        assert_eq!(words.left(), vec![1, 4, 6]);
    }
}
