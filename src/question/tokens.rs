//! Question text as tokens: lower case and accents folded, numbers, units and dates kept whole,
//! each token with the text it was read from.

#[derive(Debug, Clone, PartialEq)]
pub struct Token {
    /// Folded: "fevrier", "pm25", "ug", "°", "-3.5", "12/05/2020".
    pub text: String,
    /// As written.
    pub raw: String,
    /// A dash stood between this token and the one before ("2013-2019", "1-7 July").
    pub dashed: bool,
}

fn fold_char(c: char, out: &mut String) {
    for c in c.to_lowercase() {
        match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' | 'å' => out.push('a'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'î' | 'ï' | 'í' | 'ì' => out.push('i'),
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => out.push('o'),
            'ù' | 'û' | 'ü' | 'ú' => out.push('u'),
            'ç' => out.push('c'),
            'ÿ' => out.push('y'),
            'ñ' => out.push('n'),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            // Both micro signs: U+00B5 (OpenAQ) and U+03BC (Open-Meteo).
            'µ' | 'μ' => out.push('u'),
            '³' => out.push('3'),
            '²' => out.push('2'),
            c => out.push(c),
        }
    }
}

/// Lower-cased, accent-free text.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        fold_char(c, &mut out);
    }
    out
}

const SYMBOLS: &[char] = &['°', '%', '+', '/', '<', '>', '≤', '≥', '='];
const DASHES: &[char] = &['-', '–', '—', '−'];
const ORDINALS: &[&str] = &["er", "ere", "re", "e", "eme", "st", "nd", "rd", "th"];

/// The tokens of a question.
pub fn tokens(question: &str) -> Vec<Token> {
    let chars: Vec<char> = question.chars().collect();
    let mut out: Vec<Token> = Vec::new();
    let mut text = String::new();
    let mut raw = String::new();
    let mut dashed = false;
    let mut pending_dash = false;
    let flush = |text: &mut String, raw: &mut String, dashed: &mut bool, out: &mut Vec<Token>| {
        if !text.is_empty() {
            out.push(Token { text: std::mem::take(text), raw: std::mem::take(raw), dashed: *dashed });
        }
        raw.clear();
        *dashed = false;
    };
    for (i, &c) in chars.iter().enumerate() {
        let digit_before = i > 0 && chars[i - 1].is_ascii_digit();
        let digit_after = chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
        if c.is_alphanumeric() || c == '³' || c == '²' {
            if text.is_empty() {
                dashed = std::mem::take(&mut pending_dash);
            }
            fold_char(c, &mut text);
            raw.push(c);
        } else if matches!(c, '.' | ',' | '/') && digit_before && digit_after && !text.is_empty() {
            text.push(c);
            raw.push(c);
        } else if DASHES.contains(&c) && digit_after && text.is_empty() && !digit_before {
            // A minus sign: "-5 °C".
            text.push('-');
            raw.push(c);
        } else if SYMBOLS.contains(&c) {
            flush(&mut text, &mut raw, &mut dashed, &mut out);
            out.push(Token { text: c.to_string(), raw: c.to_string(), dashed: std::mem::take(&mut pending_dash) });
        } else {
            flush(&mut text, &mut raw, &mut dashed, &mut out);
            if DASHES.contains(&c) {
                pending_dash = true;
            } else if !c.is_whitespace() {
                pending_dash = false;
            }
        }
    }
    flush(&mut text, &mut raw, &mut dashed, &mut out);
    merge(split_units(out))
}

/// "20km" is a number and a unit; "1er" and "3rd" stay ordinals.
fn split_units(tokens: Vec<Token>) -> Vec<Token> {
    let mut out = Vec::with_capacity(tokens.len());
    for token in tokens {
        let digits = token.text.trim_end_matches(|c: char| c.is_alphabetic()).len();
        let suffix = &token.text[digits..];
        let numeric = digits > 0 && token.text[..digits].chars().all(|c| c.is_ascii_digit() || ".,-/".contains(c));
        if numeric && !suffix.is_empty() && !ORDINALS.contains(&suffix) {
            let cut = token.raw.char_indices().find(|(_, c)| c.is_alphabetic()).map(|(i, _)| i);
            let (number_raw, unit_raw) = token.raw.split_at(cut.unwrap_or(token.raw.len()));
            out.push(Token { text: token.text[..digits].to_string(), raw: number_raw.to_string(), dashed: token.dashed });
            out.push(Token { text: suffix.to_string(), raw: unit_raw.to_string(), dashed: false });
        } else {
            out.push(token);
        }
    }
    out
}

/// "PM 2.5", "pm2,5" and "PM2.5" are one word, "pm25"; "PM 10" is "pm10".
fn merge(tokens: Vec<Token>) -> Vec<Token> {
    let mut out: Vec<Token> = Vec::with_capacity(tokens.len());
    for token in tokens {
        let text = match token.text.as_str() {
            "pm2.5" | "pm2,5" => Some("pm25".to_string()),
            "2.5" | "2,5" | "25" | "10" | "1" if out.last().is_some_and(|t| t.text == "pm") => {
                Some(format!("pm{}", token.text.replace(['.', ','], "")))
            }
            _ => None,
        };
        match text {
            Some(text) if text != token.text && out.last().is_some_and(|t| t.text == "pm") => {
                let previous = out.pop().expect("the pm token");
                out.push(Token { text, raw: format!("{} {}", previous.raw, token.raw), dashed: previous.dashed });
            }
            Some(text) => out.push(Token { text, ..token }),
            None => out.push(token),
        }
    }
    out
}

/// A number as written: "20", "2.5", "2,5", "-3".
pub fn number(text: &str) -> Option<f64> {
    let first = text.chars().next()?;
    if !(first.is_ascii_digit() || first == '-') || text.contains('/') {
        return None;
    }
    text.replace(',', ".").parse::<f64>().ok().filter(|n| n.is_finite())
}

/// Damerau-Levenshtein distance (optimal string alignment), on characters.
pub fn edit_distance(a: &str, b: &str) -> usize {
    let (a, b): (Vec<char>, Vec<char>) = (a.chars().collect(), b.chars().collect());
    let mut d = vec![vec![0usize; b.len() + 1]; a.len() + 1];
    for (i, row) in d.iter_mut().enumerate() {
        row[0] = i;
    }
    for (j, cell) in d[0].iter_mut().enumerate() {
        *cell = j;
    }
    for i in 1..=a.len() {
        for j in 1..=b.len() {
            let cost = usize::from(a[i - 1] != b[j - 1]);
            d[i][j] = (d[i - 1][j] + 1).min(d[i][j - 1] + 1).min(d[i - 1][j - 1] + cost);
            if i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1] {
                d[i][j] = d[i][j].min(d[i - 2][j - 2] + 1);
            }
        }
    }
    d[a.len()][b.len()]
}

/// The edits a misspelling of `target` may have: none up to 4 letters, one from 5, two from 9.
pub fn allowed_edits(target: &str) -> usize {
    match target.chars().count() {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    }
}

/// A misspelling close enough to count.
pub fn close(word: &str, target: &str) -> bool {
    if word == target {
        return true;
    }
    let allowed = allowed_edits(target);
    allowed > 0
        && word.chars().count().abs_diff(target.chars().count()) <= allowed
        && edit_distance(word, target) <= allowed
}

#[cfg(test)]
mod tests {
    use super::*;

    fn texts(question: &str) -> Vec<String> {
        tokens(question).into_iter().map(|t| t.text).collect()
    }

    #[test]
    fn words_numbers_units_and_dates() {
        assert_eq!(texts("Les PM2,5 l'été 2020 ?"), ["les", "pm25", "l", "ete", "2020"]);
        assert_eq!(
            texts("PM 2.5 and pm10 on 12/05/2020, 3.5 mm"),
            ["pm25", "and", "pm10", "on", "12/05/2020", "3.5", "mm"]
        );
        assert_eq!(texts("above 25 µg/m³"), ["above", "25", "ug", "/", "m3"]);
        assert_eq!(texts("above 25μg/m3"), ["above", "25", "ug", "/", "m3"]);
        assert_eq!(texts("below -5 °C, 30°C"), ["below", "-5", "°", "c", "30", "°", "c"]);
        assert_eq!(texts("plus de 20km/h"), ["plus", "de", "20", "km", "/", "h"]);
        assert_eq!(texts("le 1er mai, the 3rd"), ["le", "1er", "mai", "the", "3rd"]);
        assert_eq!(texts("Clermont-Ferrand 80 %"), ["clermont", "ferrand", "80", "%"]);
        assert_eq!(texts("pm 10"), ["pm10"]);
    }

    #[test]
    fn dashes_between_tokens_are_kept() {
        let t = tokens("2013–2019 and 1-7 July");
        assert_eq!(t.iter().map(|t| t.dashed).collect::<Vec<_>>(), [false, true, false, false, true, false]);
        assert_eq!(t[0].raw, "2013");
        assert_eq!(number("2,5"), Some(2.5));
        assert_eq!(number("-3"), Some(-3.0));
        assert_eq!(number("12/05/2020"), None);
    }

    #[test]
    fn close_words() {
        assert!(close("montferand", "montferrand"));
        assert!(close("temprature", "temperature"));
        assert!(!close("gars", "gare"));
        assert_eq!(edit_distance("aulnta", "aulnat"), 1);
    }
}
