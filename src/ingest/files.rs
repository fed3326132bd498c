//! Reading import files: plain or gzip-compressed (detected by content), with a progress bar on a terminal.

use std::fs::File;
use std::io::{BufReader, Read};
use std::path::Path;

use anyhow::Context;
use flate2::read::MultiGzDecoder;
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// Rows that could not be read: line number and reason.
pub type Rejects = Vec<(u64, String)>;

/// Opens `path` for reading, decompressing gzip, and a progress bar over its bytes.
pub fn open(path: &Path) -> anyhow::Result<(Box<dyn Read + Send>, ProgressBar)> {
    let mut file = File::open(path).with_context(|| format!("cannot open {}", path.display()))?;
    let len = file.metadata()?.len();
    let mut magic = [0u8; 2];
    let gzip = file.read(&mut magic)? == 2 && magic == [0x1f, 0x8b];
    let file = File::open(path)?;
    let progress = progress_bar(len, path);
    let reader = BufReader::with_capacity(1 << 16, progress.wrap_read(file));
    let reader: Box<dyn Read + Send> = if gzip { Box::new(MultiGzDecoder::new(reader)) } else { Box::new(reader) };
    Ok((reader, progress))
}

pub fn progress_bar(len: u64, path: &Path) -> ProgressBar {
    // indicatif draws nothing when stderr is not a terminal.
    let bar = ProgressBar::with_draw_target(Some(len), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{prefix} [{bar:30}] {percent}% {msg} ({elapsed}, ETA {eta})")
            .expect("valid template")
            .progress_chars("=> "),
    );
    bar.set_prefix(path.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_default());
    bar
}

/// Updates the bar's row count and rate every few thousand rows.
pub fn tick(bar: &ProgressBar, rows: u64) {
    if rows.is_multiple_of(2_000) {
        let rate = rows as f64 / bar.elapsed().as_secs_f64().max(0.001);
        bar.set_message(format!("{rows} rows, {rate:.0} rows/s"));
    }
}
