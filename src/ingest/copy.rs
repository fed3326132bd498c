//! Lines of PostgreSQL's COPY text format.

use std::fmt::Display;

/// Appends `value` (or NULL) and a tab; `end` turns the last tab into the line's end.
pub fn put(out: &mut String, value: Option<&dyn Display>) {
    match value {
        None => out.push_str("\\N"),
        Some(value) => {
            for c in value.to_string().chars() {
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
