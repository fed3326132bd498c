//! Question text as comparable words: lower case, accents folded, "PM2.5" and "PM2,5" as one word.

/// Lower-cased, accent-free text with apostrophes and dashes as spaces.
pub fn fold(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars().flat_map(char::to_lowercase) {
        match c {
            'à' | 'â' | 'ä' | 'á' | 'ã' => out.push('a'),
            'é' | 'è' | 'ê' | 'ë' => out.push('e'),
            'î' | 'ï' | 'í' | 'ì' => out.push('i'),
            'ô' | 'ö' | 'ó' | 'ò' | 'õ' => out.push('o'),
            'ù' | 'û' | 'ü' | 'ú' => out.push('u'),
            'ç' => out.push('c'),
            'ÿ' => out.push('y'),
            'ñ' => out.push('n'),
            'œ' => out.push_str("oe"),
            'æ' => out.push_str("ae"),
            '\'' | '’' | '‘' | '`' | '-' | '–' | '—' | '_' => out.push(' '),
            c => out.push(c),
        }
    }
    out
}

/// The words of a folded text; a decimal point or comma between digits stays inside its word, and
/// "pm 2.5", "pm2,5" and "pm2.5" all become "pm25".
pub fn words(folded: &str) -> Vec<String> {
    let chars: Vec<char> = folded.chars().collect();
    let mut words: Vec<String> = Vec::new();
    let mut current = String::new();
    for (i, &c) in chars.iter().enumerate() {
        let inner_separator = matches!(c, '.' | ',' | '/')
            && i > 0
            && chars[i - 1].is_ascii_digit()
            && chars.get(i + 1).is_some_and(|n| n.is_ascii_digit());
        if c.is_alphanumeric() || inner_separator {
            current.push(c);
        } else if !current.is_empty() {
            words.push(std::mem::take(&mut current));
        }
    }
    if !current.is_empty() {
        words.push(current);
    }
    let mut merged: Vec<String> = Vec::with_capacity(words.len());
    for word in words {
        let word = match word.as_str() {
            "pm2.5" | "pm2,5" => "pm25".to_string(),
            "2.5" | "2,5" | "25" | "10" if merged.last().is_some_and(|w| w == "pm") => {
                merged.pop();
                format!("pm{}", word.replace(['.', ','], ""))
            }
            _ => word,
        };
        merged.push(word);
    }
    merged
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

/// A misspelling close enough to count: one edit from 5 letters, two from 9.
pub fn close(word: &str, target: &str) -> bool {
    if word == target {
        return true;
    }
    let len = target.chars().count();
    let allowed = match len {
        0..=4 => 0,
        5..=8 => 1,
        _ => 2,
    };
    allowed > 0 && word.chars().count().abs_diff(len) <= allowed && edit_distance(word, target) <= allowed
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn folding_and_words() {
        assert_eq!(fold("Été à Clermont-Ferrand"), "ete a clermont ferrand");
        assert_eq!(words(&fold("Les PM2,5 l'été 2020 ?")), ["les", "pm25", "l", "ete", "2020"]);
        assert_eq!(
            words(&fold("PM 2.5 and pm10 on 12/05/2020, 3.5 mm")),
            ["pm25", "and", "pm10", "on", "12/05/2020", "3.5", "mm"]
        );
        assert_eq!(words("pm 10"), ["pm10"]);
    }

    #[test]
    fn close_words() {
        assert!(close("montferand", "montferrand"));
        assert!(close("esplanad", "esplanade"));
        assert!(!close("gars", "gare"));
        assert!(!close("mars", "paray"));
        assert_eq!(edit_distance("aulnta", "aulnat"), 1);
    }
}
