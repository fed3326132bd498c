//! What the fuzz tests of the parsers share: generated inputs close to real ones (so that they
//! reach deep into the parsers) or arbitrary, and a check that a parse returns at all.

use std::sync::mpsc;
use std::time::Duration;

use proptest::prelude::*;

/// Cases per parser: a bounded run in CI, more with PROPTEST_CASES.
pub fn config() -> ProptestConfig {
    let cases = std::env::var("PROPTEST_CASES").ok().and_then(|n| n.parse().ok()).unwrap_or(1000);
    ProptestConfig { cases, failure_persistence: None, ..ProptestConfig::default() }
}

/// Runs `f` on another thread; a parse still running after a generous delay is a hang.
pub fn returns<T: Send + 'static>(f: impl FnOnce() -> T + Send + 'static) -> T {
    let (sender, receiver) = mpsc::channel();
    std::thread::spawn(move || {
        let _ = sender.send(f());
    });
    match receiver.recv_timeout(Duration::from_secs(20)) {
        Ok(value) => value,
        Err(mpsc::RecvTimeoutError::Timeout) => panic!("the parser did not return within 20 s"),
        Err(mpsc::RecvTimeoutError::Disconnected) => panic!("the parser panicked"),
    }
}

/// A field: one of `tokens`, a number in any notation, or any text.
pub fn field(tokens: &'static [&'static str]) -> BoxedStrategy<String> {
    prop_oneof![
        4 => proptest::sample::select(tokens).prop_map(str::to_string),
        2 => any::<f64>().prop_map(|n| n.to_string()),
        1 => proptest::sample::select(&["NaN", "inf", "-inf", "1e309", "-0", "0x10", "1,5", " 12 "][..])
            .prop_map(str::to_string),
        1 => "\\PC{0,12}",
    ]
    .boxed()
}

/// A file: `header` then rows of 0 to `width + 2` fields joined by `separator`, or arbitrary bytes
/// (gzip's magic number first, sometimes, to reach the decompressor).
pub fn file(
    header: &'static str,
    separator: char,
    width: usize,
    tokens: &'static [&'static str],
) -> impl Strategy<Value = Vec<u8>> {
    let row = proptest::collection::vec(field(tokens), 0..width + 3).prop_map(move |fields| {
        let mut row = fields.join(&separator.to_string());
        row.push('\n');
        row
    });
    let text = proptest::collection::vec(row, 0..30).prop_map(move |rows| {
        let mut text = format!("{header}\n");
        text.extend(rows);
        text.into_bytes()
    });
    let bytes = (any::<bool>(), proptest::collection::vec(any::<u8>(), 0..2000)).prop_map(|(gzip, mut bytes)| {
        if gzip {
            bytes.splice(0..0, [0x1f, 0x8b]);
        }
        bytes
    });
    prop_oneof![4 => text, 1 => bytes]
}

/// A question: words the parser looks for, numbers and dates, or any text.
pub fn question() -> impl Strategy<Value = String> {
    // Separated by `|`: some words hold spaces.
    const WORDS: &str = "PM2.5|pm10|NO2|ozone|particules|fines|pluie|rain|temperature|température|vent|wind|humidité|le|la|de|en|in|on|at|à|Montferrand|Montferand|Clermont-Ferrand|Aulnat|janvier|février|mars|march|December|décembre|2020|2013|1900|2100|9999|99999999999999999999|-1|0|31|29|32|12/05/2020|31/02/2020|2020-02-30|2020-13-01|1er|hier|yesterday|today|aujourd'hui|demain|tomorrow|now|last|dernier|dernière|semaine|week|month|mois|year|année|il|y|a|ago|days|jours|between|entre|et|and|from|to|du|au|highest|le plus|coldest|combien|how many|above|au-dessus|OMS|WHO|trend|tendance|episode|épisode|correlation|lien|compare|versus|vs|?|!|,|.|'|\"|—|ignore|previous|instructions|system|prompt|🙂|\u{0}|\u{200b}|ﬁ|İ";
    prop_oneof![
        4 => proptest::collection::vec(proptest::sample::select(WORDS.split('|').collect::<Vec<_>>()), 0..25)
            .prop_map(|w| w.join(" ")),
        1 => "\\PC{0,300}",
    ]
}
