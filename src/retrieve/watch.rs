//! Inside `serve`: load the embedding model, pick up newly published index builds, and rebuild the
//! index when it is missing, unreadable or behind the chunks.

use std::sync::Arc;
use std::time::Duration;

use sqlx::PgPool;

use super::Retriever;
use crate::config::Settings;
use crate::index::{self, Indexes};
use crate::refresh;

/// Runs until aborted.
pub async fn keep_current(pool: PgPool, retriever: Arc<Retriever>, settings: Settings) {
    let loaded = refresh::load_embedder(&settings).await.map_err(|e| format!("{e:#}"));
    if let Err(e) = &loaded {
        tracing::warn!(error = %e, "no embedding model: search is unavailable");
    }
    retriever.set_embedder(loaded);
    // The database's identity names its builds; until it answers (or is migrated) there are none.
    while !retriever.has_indexes() {
        match Indexes::open(&pool, &settings.index_dir()).await {
            Ok(indexes) => {
                tracing::info!(database = indexes.database_id(), dir = %indexes.root().display(), "index builds of this database");
                retriever.set_indexes(indexes);
            }
            Err(e) => {
                tracing::warn!(error = %format!("{e:#}"), "cannot find this database's index builds yet");
                tokio::time::sleep(Duration::from_secs(settings.index.reload_secs)).await;
            }
        }
    }
    // A build that failed is not retried until the chunks change.
    let mut failed_on: Option<String> = None;
    loop {
        let reloading = Arc::clone(&retriever);
        match tokio::task::spawn_blocking(move || reloading.reload()).await {
            Ok(Ok(_)) => {}
            Ok(Err(e)) => tracing::warn!(error = %format!("{e:#}"), "the published index cannot be used"),
            Err(e) => tracing::error!(error = %e, "index reload panicked"),
        }
        if let Ok(embedder) = retriever.embedder() {
            match index::build::chunks_digest(&pool).await {
                Ok(digest) => {
                    let behind = retriever.current().is_none_or(|b| b.manifest.chunks_digest != digest);
                    let has_chunks = !digest.starts_with("0:");
                    if behind && has_chunks && failed_on.as_ref() != Some(&digest) {
                        match refresh::build_index(&pool, &settings, &embedder, false).await {
                            Ok(report) => {
                                tracing::info!("{report}");
                                failed_on = None;
                                if report.published {
                                    continue;
                                }
                            }
                            Err(e) => {
                                tracing::error!(error = %format!("{e:#}"), "index build failed");
                                failed_on = Some(digest);
                            }
                        }
                    }
                }
                Err(e) => tracing::warn!(error = %e, "cannot compare the index with the chunks"),
            }
        }
        tokio::time::sleep(Duration::from_secs(settings.index.reload_secs)).await;
    }
}
