//! The command line: one subcommand per job the service does.

use std::path::PathBuf;

use clap::{Parser, Subcommand};

use crate::config::Settings;
use crate::db::{self, Cluster, Database};
use crate::startup::{Application, shutdown_signal};

#[derive(Debug, Parser)]
#[command(
    name = "smartcity",
    version,
    about = "Answers about a city's air quality and weather, every number cited to its data."
)]
#[command(
    long_about = "Answers about a city's air quality and weather, every number cited to its data.\n\n\
Settings come from smartcity.toml (or --config) and SMARTCITY_* environment variables; \
without DATABASE_URL a private PostgreSQL cluster is run under the data directory."
)]
pub struct Cli {
    /// Configuration file (TOML); ./smartcity.toml is read when it exists.
    #[arg(long, global = true, env = "SMARTCITY_CONFIG", value_name = "FILE")]
    pub config: Option<PathBuf>,
    #[command(subcommand)]
    pub command: Command,
}

#[derive(Debug, Subcommand)]
pub enum Command {
    /// Serve the HTTP API (applies pending migrations first); Ctrl-C or SIGTERM stop it cleanly.
    Serve,
    /// Apply pending database migrations, then exit.
    Migrate,
    /// Manage the private PostgreSQL cluster (used when DATABASE_URL is unset).
    #[command(subcommand)]
    Db(DbCommand),
}

#[derive(Debug, Subcommand)]
pub enum DbCommand {
    /// Start the private cluster and leave it running; prints its DATABASE_URL.
    Start,
    /// Stop the private cluster.
    Stop,
    /// Say whether the private cluster is running.
    Status,
}

pub async fn run(cli: Cli) -> anyhow::Result<()> {
    let settings = Settings::load(cli.config.as_deref())?;
    match cli.command {
        Command::Serve => {
            let app = Application::build(&settings).await?;
            app.run_until_stopped(shutdown_signal()).await
        }
        Command::Migrate => {
            let database = Database::open(&settings).await?;
            let pending = db::pending_migrations(&database.pool).await?;
            let result = db::migrate(&database.pool).await;
            database.close().await?;
            result?;
            println!("migrations applied: {pending} new, database up to date");
            Ok(())
        }
        Command::Db(command) => run_db(&settings, command).await,
    }
}

async fn run_db(settings: &Settings, command: DbCommand) -> anyhow::Result<()> {
    if settings.database_url.is_some() {
        anyhow::bail!(
            "DATABASE_URL is set, so the private cluster is not used; unset it to manage the private cluster"
        );
    }
    match command {
        DbCommand::Start => {
            let cluster = db::start_cluster(settings).await?;
            db::ensure_database(&cluster).await?;
            println!("{}", cluster.url(db::PRIVATE_DATABASE));
            cluster.keep_running();
            Ok(())
        }
        DbCommand::Stop => cluster(settings)?.stop_now(),
        DbCommand::Status => {
            let cluster = cluster(settings)?;
            if cluster.is_running()? {
                println!("running: {}", cluster.url(db::PRIVATE_DATABASE));
            } else {
                println!("stopped ({})", cluster.dir().display());
            }
            Ok(())
        }
    }
}

fn cluster(settings: &Settings) -> anyhow::Result<Cluster> {
    Cluster::new(
        &settings.postgres_dir(),
        settings.postgres_bin_dir.as_deref(),
    )
}
