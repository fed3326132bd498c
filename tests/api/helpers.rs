use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use smartcity::db::Database;
use smartcity::{Application, Settings};
use sqlx::PgPool;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub struct TestApp {
    pub address: String,
    pub client: reqwest::Client,
    stop: Option<oneshot::Sender<()>>,
    server: JoinHandle<anyhow::Result<()>>,
    _index_dir: Option<tempfile::TempDir>,
}

/// Settings for a test: a free port, no schedule, the installed model, indexes in `index_dir`.
pub fn test_settings(index_dir: &Path) -> Settings {
    let mut settings = Settings { bind: SocketAddr::from(([127, 0, 0, 1], 0)), ..Settings::default() };
    settings.ingest.schedule = false;
    settings.ingest.backfill_days = 0;
    let installed = embed_options();
    settings.model_dir = Some(installed.model_dir);
    settings.embedding.onnxruntime = Some(installed.onnxruntime);
    settings.index_dir = Some(index_dir.to_path_buf());
    settings.index.reload_secs = 1;
    settings
}

/// The real application on a free port, against the test's own database, indexes in a temporary directory.
pub async fn spawn_app(pool: PgPool) -> TestApp {
    let index_dir = tempfile::tempdir().expect("temp dir");
    let mut app = spawn_app_with(pool, test_settings(index_dir.path())).await;
    app._index_dir = Some(index_dir);
    app
}

pub async fn spawn_app_with(pool: PgPool, settings: Settings) -> TestApp {
    let app = Application::build_with_database(&settings, Database::from_pool(pool)).await.expect("application builds");
    let address = format!("http://{}", app.local_addr());
    let (stop, stopped) = oneshot::channel();
    let server = tokio::spawn(app.run_until_stopped(async {
        let _ = stopped.await;
    }));
    TestApp { address, client: reqwest::Client::new(), stop: Some(stop), server, _index_dir: None }
}

impl TestApp {
    pub async fn get(&self, path: &str) -> reqwest::Response {
        self.client.get(format!("{}{path}", self.address)).send().await.expect("request sent")
    }

    pub async fn shutdown(mut self) {
        let _ = self.stop.take().expect("running").send(());
        self.server.await.expect("server task").expect("server stops cleanly");
    }
}

pub fn manifest_dir() -> &'static Path {
    Path::new(env!("CARGO_MANIFEST_DIR"))
}

pub fn shared_data(relative: &str) -> PathBuf {
    manifest_dir().join("../shared/data").join(relative)
}

/// Where `scripts/setup` installed the model and ONNX Runtime (SMARTCITY_DATA_DIR or the default
/// data directory), or SMARTCITY_MODEL_DIR and SMARTCITY_EMBEDDING__ONNXRUNTIME.
pub fn embed_options() -> smartcity::embed::Options {
    let var = |name| std::env::var_os(name).map(PathBuf::from);
    let mut settings = Settings::default();
    if let Some(dir) = var("SMARTCITY_DATA_DIR") {
        settings.data_dir = dir;
    }
    settings.model_dir = var("SMARTCITY_MODEL_DIR");
    settings.embedding.onnxruntime = var("SMARTCITY_EMBEDDING__ONNXRUNTIME");
    settings.embedder()
}

pub fn model_dir() -> PathBuf {
    embed_options().model_dir
}

/// A temporary data directory the `postgres` account can reach when tests run as root.
pub fn data_dir() -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::Builder::new().prefix("smartcity-test-").tempdir().expect("temp dir");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    dir
}

/// The service binary with a clean environment: no DATABASE_URL, no config file, no SMARTCITY_* but
/// the installed ONNX Runtime (and no model: tests that embed set SMARTCITY_MODEL_DIR).
pub fn smartcity_command(cwd: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_smartcity"));
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("SMARTCITY_") || key == "DATABASE_URL" {
            cmd.env_remove(key);
        }
    }
    cmd.current_dir(cwd)
        .env("RUST_LOG", "warn")
        .env("SMARTCITY_EMBEDDING__ONNXRUNTIME", embed_options().onnxruntime)
        // No first-run back-fill: nothing may reach the network.
        .env("SMARTCITY_INGEST__BACKFILL_DAYS", "0");
    cmd
}

/// The URL of the test's own database, for the binary run as a child process.
pub async fn database_url(pool: &PgPool) -> String {
    let name: String = sqlx::query_scalar("SELECT current_database()").fetch_one(pool).await.unwrap();
    let mut url =
        reqwest::Url::parse(&std::env::var("DATABASE_URL").expect("DATABASE_URL is set for the tests")).unwrap();
    url.set_path(&format!("/{name}"));
    url.to_string()
}

/// The real 2020 Clermont-Ferrand files imported and aggregated; chunks of `days` (all by default).
pub async fn load_2020(pool: &PgPool, days: Option<(chrono::NaiveDate, chrono::NaiveDate)>) {
    use smartcity::ingest::{daily_csv, synop};
    let settings = Settings::default();
    synop::import(pool, &settings.synop, &shared_data("clermont/synop_07460_2020.csv")).await.unwrap();
    daily_csv::import(pool, &shared_data("clermont/pm25_daily_2020_stations.csv")).await.unwrap();
    smartcity::aggregate::refresh(pool, &settings, None).await.unwrap();
    let days = match days {
        Some(days) => days,
        None => smartcity::aggregate::data_days(pool).await.unwrap(),
    };
    let tera = smartcity::summarize::templates(None).unwrap();
    smartcity::summarize::summarize(pool, &tera, &settings.city, days, days.1).await.unwrap();
}

pub fn january_2020() -> (chrono::NaiveDate, chrono::NaiveDate) {
    ("2020-01-01".parse().unwrap(), "2020-01-31".parse().unwrap())
}

/// The installed model, loaded once for the whole test binary.
pub fn embedder() -> std::sync::Arc<smartcity::embed::Embedder> {
    static EMBEDDER: std::sync::OnceLock<std::sync::Arc<smartcity::embed::Embedder>> = std::sync::OnceLock::new();
    EMBEDDER
        .get_or_init(|| std::sync::Arc::new(smartcity::embed::Embedder::load(&embed_options()).expect("the model loads")))
        .clone()
}
