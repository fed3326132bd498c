//! Every number an answer says must be one of its facts: the check applied to every answer, and to
//! an LLM's draft sentence by sentence.

use std::collections::HashSet;

use crate::summarize::numbers;

/// The text without its `[n]` citation markers.
pub fn without_markers(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('[') {
        let (head, tail) = rest.split_at(start);
        out.push_str(head);
        match tail[1..].find(']') {
            Some(end) if end > 0 && tail[1..=end].chars().all(|c| c.is_ascii_digit() || c == ',' || c == ' ') => {
                rest = &tail[end + 2..];
            }
            _ => {
                out.push('[');
                rest = &tail[1..];
            }
        }
    }
    out.push_str(rest);
    out
}

/// The citation numbers a text refers to with `[n]` markers.
pub fn markers(text: &str) -> Vec<usize> {
    let mut found = Vec::new();
    for part in text.split('[').skip(1) {
        if let Some((inside, _)) = part.split_once(']') {
            found.extend(inside.split(',').filter_map(|n| n.trim().parse::<usize>().ok()));
        }
    }
    found
}

/// The numbers of `text` (markers and place names aside: "Paris 18e" states no figure) that no
/// fact display holds.
pub fn unsupported<'a>(text: &str, displays: impl IntoIterator<Item = &'a str>, names: &[String]) -> Vec<String> {
    let allowed: HashSet<String> = displays.into_iter().flat_map(numbers).collect();
    let mut text = without_markers(text);
    for name in names.iter().filter(|n| n.chars().any(|c| c.is_ascii_digit())) {
        text = text.replace(name.as_str(), " ");
    }
    numbers(&text).into_iter().filter(|n| !allowed.contains(n)).collect()
}

/// Splits off the complete sentences at the front of `buffer` (a sentence ends with . ! ? or a line
/// break, followed by white space), leaving the unfinished rest in it.
pub fn take_sentences(buffer: &mut String) -> Vec<String> {
    let mut sentences = Vec::new();
    loop {
        let chars: Vec<(usize, char)> = buffer.char_indices().collect();
        let end = chars.windows(2).find_map(|w| {
            let ((_, c), (next_at, next)) = (w[0], w[1]);
            ((matches!(c, '.' | '!' | '?') && next.is_whitespace()) || c == '\n').then_some(next_at)
        });
        let Some(end) = end else { break };
        let sentence: String = buffer.drain(..end).collect();
        if !sentence.trim().is_empty() {
            sentences.push(sentence);
        }
    }
    sentences
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn markers_are_not_numbers() {
        assert_eq!(
            without_markers("PM2.5 averaged 12.3 µg/m³ [1]. WHO [2, 3] [x]"),
            "PM2.5 averaged 12.3 µg/m³ . WHO  [x]"
        );
        assert_eq!(markers("a [1] b [2, 3] c [x]"), [1, 2, 3]);
        assert_eq!(unsupported("averaged 12,3 µg/m³ [1] and 999 [2]", ["12,3 µg/m³"], &[]), ["999"]);
        assert!(unsupported("On 1 March 2020 [1]", ["1 March 2020"], &[]).is_empty());
        let names = ["Paris 18e".to_string()];
        assert!(unsupported("At Paris 18e, 12 µg/m³", ["12 µg/m³"], &names).is_empty());
        assert_eq!(unsupported("At Paris 18e, 18 µg/m³", ["12 µg/m³"], &names), ["18"]);
    }

    #[test]
    fn sentences_end_at_a_stop_and_a_space() {
        let mut buffer = "It averaged 12.3 µg/m³ [1]. Above the WHO guideline! Then".to_string();
        assert_eq!(take_sentences(&mut buffer), ["It averaged 12.3 µg/m³ [1].", " Above the WHO guideline!"]);
        assert_eq!(buffer, " Then");
    }
}
