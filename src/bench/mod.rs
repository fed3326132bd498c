//! Benchmarks, each printing Markdown for BENCHMARKS.md: retrieval, ingestion, a timetable's
//! import, refresh, the embedder alone, answers under load.

pub mod ask;
pub mod embed;
pub mod gtfs;
pub mod ingest;
pub mod refresh;
pub mod retrieval;

/// Latencies in milliseconds: p50, p95 and p99.
pub fn percentiles(mut ms: Vec<f64>) -> [f64; 3] {
    if ms.is_empty() {
        return [0.0; 3];
    }
    ms.sort_by(f64::total_cmp);
    let at = |p: f64| ms[((ms.len() as f64 * p).ceil() as usize).clamp(1, ms.len()) - 1];
    [at(0.50), at(0.95), at(0.99)]
}
