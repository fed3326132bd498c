//! The PostgreSQL connection: an external server from `DATABASE_URL`, or the private cluster.

pub mod cluster;

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use secrecy::ExposeSecret;
use sqlx::migrate::Migrator;
use sqlx::postgres::{PgConnectOptions, PgPoolOptions};
use sqlx::{ConnectOptions, Connection, PgPool};

use crate::config::Settings;
pub use cluster::Cluster;

pub static MIGRATOR: Migrator = sqlx::migrate!();

/// The private cluster's application database.
pub const PRIVATE_DATABASE: &str = "smartcity";

pub struct Database {
    pub pool: PgPool,
    cluster: Option<Cluster>,
}

impl Database {
    pub fn from_pool(pool: PgPool) -> Self {
        Self { pool, cluster: None }
    }

    #[tracing::instrument(name = "db.open", skip_all)]
    pub async fn open(settings: &Settings) -> anyhow::Result<Self> {
        match &settings.database_url {
            Some(url) => {
                let url = url.expose_secret();
                let is_postgres = url.starts_with("postgres://") || url.starts_with("postgresql://");
                let options = PgConnectOptions::from_str(url).ok().filter(|_| is_postgres).context(
                    "DATABASE_URL is not a valid PostgreSQL URL (expected postgres://user:password@host:port/database)",
                )?;
                let pool = connect(options.clone())
                    .await
                    .with_context(|| format!("cannot connect to PostgreSQL at {}", describe(&options)))?;
                tracing::info!(server = %describe(&options), "connected to PostgreSQL");
                Ok(Self { pool, cluster: None })
            }
            None => {
                // On any error below, dropping `cluster` stops the server it started.
                let cluster = start_cluster(settings).await?;
                ensure_database(&cluster).await?;
                let pool = connect(cluster.connect_options(PRIVATE_DATABASE))
                    .await
                    .context("cannot connect to the private PostgreSQL")?;
                Ok(Self { pool, cluster: Some(cluster) })
            }
        }
    }

    /// Closes the pool, then stops the private cluster if this process started it.
    pub async fn close(self) -> anyhow::Result<()> {
        self.pool.close().await;
        if let Some(mut cluster) = self.cluster {
            tokio::task::spawn_blocking(move || cluster.stop()).await??;
        }
        Ok(())
    }
}

/// Starts (initialising if needed) the private cluster of `settings.data_dir`.
pub async fn start_cluster(settings: &Settings) -> anyhow::Result<Cluster> {
    let dir = settings.postgres_dir();
    let bin_dir = settings.postgres_bin_dir.clone();
    tokio::task::spawn_blocking(move || {
        let mut cluster = Cluster::new(&dir, bin_dir.as_deref())?;
        cluster.start()?;
        Ok(cluster)
    })
    .await?
}

/// Creates the application database in the private cluster on first use.
pub async fn ensure_database(cluster: &Cluster) -> anyhow::Result<()> {
    let mut conn =
        cluster.connect_options("postgres").connect().await.context("cannot connect to the private PostgreSQL")?;
    let exists: bool =
        sqlx::query_scalar(include_str!("sql/database_exists.sql")).bind(PRIVATE_DATABASE).fetch_one(&mut conn).await?;
    if !exists {
        sqlx::raw_sql(include_str!("sql/create_database.sql")).execute(&mut conn).await?;
    }
    Ok(())
}

async fn connect(options: PgConnectOptions) -> Result<PgPool, sqlx::Error> {
    PgPoolOptions::new()
        .max_connections(16)
        .acquire_timeout(Duration::from_secs(5))
        // A connection in steady use is not pinged before each statement (a round trip each); one
        // idle for a while is, so a restarted server costs no request.
        .test_before_acquire(false)
        .before_acquire(|conn, meta| {
            Box::pin(async move {
                if meta.idle_for >= Duration::from_secs(10) {
                    conn.ping().await?;
                }
                Ok(true)
            })
        })
        // Back-fills run statements of many seconds on purpose: only far slower ones are worth a warning.
        .connect_with(
            options.application_name("smartcity").log_slow_statements(log::LevelFilter::Warn, Duration::from_secs(30)),
        )
        .await
}

/// host:port/database, never the password.
fn describe(options: &PgConnectOptions) -> String {
    format!("{}:{}/{}", options.get_host(), options.get_port(), options.get_database().unwrap_or("(default)"))
}

#[tracing::instrument(name = "db.migrate", skip_all)]
pub async fn migrate(pool: &PgPool) -> anyhow::Result<()> {
    MIGRATOR.run(pool).await.context("database migration failed")?;
    Ok(())
}

/// Migrations of this build not yet applied to the database.
#[tracing::instrument(name = "db.pending_migrations", skip_all)]
pub async fn pending_migrations(pool: &PgPool) -> Result<usize, sqlx::Error> {
    let applied: Vec<i64> = match sqlx::query_scalar(include_str!("sql/applied_migrations.sql")).fetch_all(pool).await {
        Ok(versions) => versions,
        Err(sqlx::Error::Database(e)) if e.code().as_deref() == Some("42P01") => Vec::new(),
        Err(e) => return Err(e),
    };
    Ok(MIGRATOR.iter().filter(|m| !applied.contains(&m.version)).count())
}

/// The random id this database got at its migration (index builds record it).
#[tracing::instrument(name = "db.identity", skip_all)]
pub async fn identity(pool: &PgPool) -> sqlx::Result<String> {
    sqlx::query_scalar(include_str!("sql/identity.sql")).fetch_one(pool).await
}
