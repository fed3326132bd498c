//! Lines of PostgreSQL's COPY text format.

use std::fmt::{Display, Write};

/// Appends `value` (or NULL) and a tab; `end` turns the last tab into the line's end.
pub fn put(out: &mut String, value: Option<&dyn Display>) {
    match value {
        None => out.push_str("\\N"),
        Some(value) => {
            // Written in place; only a value holding a character COPY escapes is written again.
            let start = out.len();
            write!(out, "{value}").expect("a String takes any text");
            if out[start..].contains(['\\', '\t', '\n', '\r']) {
                let raw = out.split_off(start);
                for c in raw.chars() {
                    match c {
                        '\\' => out.push_str("\\\\"),
                        '\t' => out.push_str("\\t"),
                        '\n' => out.push_str("\\n"),
                        '\r' => out.push_str("\\r"),
                        c => out.push(c),
                    }
                }
            }
        }
    }
    out.push('\t');
}

/// An optional value as COPY takes it.
pub fn some<T: Display>(v: &Option<T>) -> Option<&dyn Display> {
    v.as_ref().map(|v| v as &dyn Display)
}

/// Ends the line started by `put`.
pub fn end(out: &mut String) {
    out.pop();
    out.push('\n');
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fields_are_escaped_and_nulls_said() {
        let mut line = String::new();
        put(&mut line, Some(&"Gare\tSNCF \\ 1\r\n"));
        put(&mut line, None);
        put(&mut line, Some(&24.5));
        end(&mut line);
        assert_eq!(line, "Gare\\tSNCF \\\\ 1\\r\\n\t\\N\t24.5\n");
    }
}
