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
}

/// The real application on a free port, against the test's own database.
pub async fn spawn_app(pool: PgPool) -> TestApp {
    let mut settings = Settings { bind: SocketAddr::from(([127, 0, 0, 1], 0)), ..Settings::default() };
    settings.ingest.schedule = false;
    let app = Application::build_with_database(&settings, Database::from_pool(pool)).await.expect("application builds");
    let address = format!("http://{}", app.local_addr());
    let (stop, stopped) = oneshot::channel();
    let server = tokio::spawn(app.run_until_stopped(async {
        let _ = stopped.await;
    }));
    TestApp { address, client: reqwest::Client::new(), stop: Some(stop), server }
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

/// The model `scripts/setup` installs, or SMARTCITY_MODEL_DIR.
pub fn model_dir() -> PathBuf {
    std::env::var_os("SMARTCITY_MODEL_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| manifest_dir().join("var").join(smartcity::config::DEFAULT_MODEL_SUBDIR))
}

/// A temporary data directory the `postgres` account can reach when tests run as root.
pub fn data_dir() -> tempfile::TempDir {
    use std::os::unix::fs::PermissionsExt;
    let dir = tempfile::Builder::new().prefix("smartcity-test-").tempdir().expect("temp dir");
    std::fs::set_permissions(dir.path(), std::fs::Permissions::from_mode(0o755)).expect("chmod");
    dir
}

/// The service binary with a clean environment: no DATABASE_URL, no SMARTCITY_*, no config file.
pub fn smartcity_command(cwd: &Path) -> std::process::Command {
    let mut cmd = std::process::Command::new(env!("CARGO_BIN_EXE_smartcity"));
    for (key, _) in std::env::vars_os() {
        if key.to_string_lossy().starts_with("SMARTCITY_") || key == "DATABASE_URL" {
            cmd.env_remove(key);
        }
    }
    cmd.current_dir(cwd).env("RUST_LOG", "warn");
    cmd
}
