//! Builds the application (listener, database, router) and runs it until a shutdown signal.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;

use tokio::net::TcpListener;

use crate::answer::Answerer;
use crate::config::Settings;
use crate::db::{self, Database};
use crate::http::{self, AppState};
use crate::ingest;
use crate::retrieve::{self, Retriever};

pub struct Application {
    listener: TcpListener,
    database: Database,
    settings: Settings,
}

impl Application {
    /// Binds first (a port in use fails before any database work), then opens the database
    /// and applies pending migrations.
    pub async fn build(settings: &Settings) -> anyhow::Result<Self> {
        let listener = bind(settings.bind).await?;
        let database = Database::open(settings).await?;
        db::migrate(&database.pool).await?;
        Ok(Self { listener, database, settings: settings.clone() })
    }

    /// With a database opened elsewhere (tests); migrations are the caller's business.
    pub async fn build_with_database(settings: &Settings, database: Database) -> anyhow::Result<Self> {
        let listener = bind(settings.bind).await?;
        Ok(Self { listener, database, settings: settings.clone() })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener.local_addr().expect("a bound listener has an address")
    }

    pub async fn run_until_stopped(self, shutdown: impl Future<Output = ()> + Send + 'static) -> anyhow::Result<()> {
        // The index builds belong to the database; `keep_current` finds them once it answers.
        let retriever = Arc::new(Retriever::waiting(Err("the embedding model is loading".into())));
        let settings = Arc::new(self.settings.clone());
        let answerer = Answerer::new(self.database.pool.clone(), Arc::clone(&retriever), Arc::clone(&settings))?;
        let state = AppState {
            pool: self.database.pool.clone(),
            retriever: Arc::clone(&retriever),
            answerer: Arc::new(answerer),
            settings,
            limiter: Arc::default(),
            pages: Arc::new(http::pages(self.settings.templates_dir.as_deref())?),
            brief_words: Arc::new(crate::briefs::templates(self.settings.prompts_dir.as_deref())?),
            llm: crate::briefs::llm(&self.settings)?,
        };
        let index_keeper =
            tokio::spawn(retrieve::keep_current(self.database.pool.clone(), retriever, self.settings.clone()));
        let ingest = &self.settings.ingest;
        let scheduler = (ingest.schedule || ingest.backfill_days > 0)
            .then(|| tokio::spawn(ingest::schedule::run(self.database.pool.clone(), self.settings.clone())));
        tracing::info!(address = %self.local_addr(), "serving");
        http::serve(self.listener, http::router(state), &self.settings.api, shutdown).await;
        if let Some(scheduler) = scheduler {
            scheduler.abort();
        }
        index_keeper.abort();
        self.database.close().await
    }
}

async fn bind(address: SocketAddr) -> anyhow::Result<TcpListener> {
    TcpListener::bind(address).await.map_err(|e| match e.kind() {
        std::io::ErrorKind::AddrInUse => anyhow::anyhow!(
            "cannot listen on {address}: the address is already in use (set SMARTCITY_BIND to another one)"
        ),
        _ => anyhow::anyhow!("cannot listen on {address}: {e}"),
    })
}

/// Resolves on Ctrl-C or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = tokio::signal::ctrl_c();
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).expect("SIGTERM handler");
    tokio::select! {
        _ = ctrl_c => {},
        _ = term.recv() => {},
    }
    tracing::info!("shutdown requested");
}
