//! Progress of long commands on a terminal (indicatif draws nothing when stderr is not one).

use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};

/// A bar counting `total` steps (sensors, requests, chunks embedded).
pub fn count_progress(total: u64, what: &str) -> ProgressBar {
    let bar = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    bar.set_style(
        ProgressStyle::with_template("{prefix} [{bar:30}] {pos}/{len} {msg} ({elapsed}, ETA {eta})")
            .expect("valid template"),
    );
    bar.set_prefix(what.to_string());
    bar
}
