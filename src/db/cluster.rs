//! The private PostgreSQL cluster used when `DATABASE_URL` is unset: `initdb` on first use under
//! the data directory, `pg_ctl` to start it on a Unix socket only, stopped when we are done.

use std::ffi::OsStr;
use std::fs;
use std::os::unix::fs::PermissionsExt;
use std::os::unix::process::CommandExt;
use std::path::{Path, PathBuf};
use std::process::{Command, Output, Stdio};

use anyhow::{Context, bail};
use nix::unistd::{Gid, Uid, User, geteuid};
use sqlx::postgres::PgConnectOptions;

const PORT: u16 = 5432;
/// Unix socket paths are limited to 107 bytes; `/.s.PGSQL.5432.lock` needs 20 of them.
const MAX_SOCKET_DIR_LEN: usize = 86;

pub struct Cluster {
    dir: PathBuf,
    socket_dir: PathBuf,
    initdb: PathBuf,
    pg_ctl: PathBuf,
    /// The unprivileged account that runs PostgreSQL when we are root.
    owner: Option<(Uid, Gid)>,
    started_here: bool,
}

impl Cluster {
    /// Locates the PostgreSQL binaries; `bin_dir` overrides the search of PATH and /usr/lib/postgresql.
    pub fn new(dir: &Path, bin_dir: Option<&Path>) -> anyhow::Result<Self> {
        let bin = match bin_dir {
            Some(dir) => Some(dir.to_path_buf()).filter(|d| has_binaries(d)),
            None => find_bin_dir(std::env::var_os("PATH").as_deref(), Path::new("/usr/lib/postgresql")),
        };
        let Some(bin) = bin else {
            bail!(
                "PostgreSQL server binaries (initdb, pg_ctl) were not found{}: install them (Debian: apt-get install postgresql) or set DATABASE_URL to use an existing server",
                bin_dir.map(|d| format!(" in {}", d.display())).unwrap_or_default()
            );
        };
        let owner = if geteuid().is_root() {
            let user = User::from_name("postgres")?.context(
                "PostgreSQL refuses to run as root and there is no `postgres` account to run it: create one (Debian's postgresql package does) or set DATABASE_URL",
            )?;
            Some((user.uid, user.gid))
        } else {
            None
        };
        fs::create_dir_all(dir.parent().unwrap_or(Path::new("/")))
            .with_context(|| format!("cannot create {}", dir.display()))?;
        let dir = std::path::absolute(dir)?;
        let socket_dir = if dir.as_os_str().len() <= MAX_SOCKET_DIR_LEN {
            dir.clone()
        } else {
            std::env::temp_dir().join(format!("smartcity-pg-{:016x}", fnv1a(dir.as_os_str().as_encoded_bytes())))
        };
        Ok(Self { dir, socket_dir, initdb: bin.join("initdb"), pg_ctl: bin.join("pg_ctl"), owner, started_here: false })
    }

    pub fn dir(&self) -> &Path {
        &self.dir
    }

    /// Initialises the cluster if needed and starts it unless it already runs (then it is shared,
    /// and left running when this handle is dropped).
    pub fn start(&mut self) -> anyhow::Result<()> {
        if !self.dir.join("PG_VERSION").is_file() {
            self.init()?;
        }
        if self.is_running()? {
            tracing::info!(dir = %self.dir.display(), "private PostgreSQL already running; reusing it");
            return Ok(());
        }
        self.write_settings()?;
        let log = self.dir.join("server.log");
        let out = self.pg_ctl(["start", "-w", "-t", "60", "-s", "-l"], Some(&log))?;
        if !out.status.success() {
            bail!("PostgreSQL did not start: {}", failure_text(&out, &log));
        }
        self.started_here = true;
        tracing::info!(dir = %self.dir.display(), socket = %self.socket_dir.display(), "private PostgreSQL started");
        Ok(())
    }

    /// Stops the cluster if this handle started it.
    pub fn stop(&mut self) -> anyhow::Result<()> {
        if !self.started_here {
            return Ok(());
        }
        self.started_here = false;
        self.stop_now()
    }

    /// Leaves the cluster running after this handle is gone (`smartcity db start`).
    pub fn keep_running(mut self) {
        self.started_here = false;
    }

    /// Stops the cluster whoever started it (`smartcity db stop`).
    pub fn stop_now(&self) -> anyhow::Result<()> {
        if !self.dir.join("PG_VERSION").is_file() || !self.is_running()? {
            return Ok(());
        }
        let out = self.pg_ctl(["stop", "-w", "-t", "60", "-s", "-m", "fast"], None)?;
        if !out.status.success() {
            bail!("PostgreSQL did not stop: {}", failure_text(&out, &self.dir.join("server.log")));
        }
        tracing::info!(dir = %self.dir.display(), "private PostgreSQL stopped");
        Ok(())
    }

    pub fn is_running(&self) -> anyhow::Result<bool> {
        let out = self.pg_ctl(["status"], None)?;
        // pg_ctl status: 0 running, 3 not running, 4 no usable data directory.
        Ok(out.status.code() == Some(0))
    }

    pub fn connect_options(&self, database: &str) -> PgConnectOptions {
        PgConnectOptions::new().socket(&self.socket_dir).port(PORT).username("postgres").database(database)
    }

    /// A `DATABASE_URL` for other programs (psql, the test suite).
    pub fn url(&self, database: &str) -> String {
        let host: String = self
            .socket_dir
            .as_os_str()
            .as_encoded_bytes()
            .iter()
            .map(|&b| match b {
                b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'_' | b'~' => (b as char).to_string(),
                _ => format!("%{b:02X}"),
            })
            .collect();
        format!("postgres://postgres@localhost:{PORT}/{database}?host={host}")
    }

    fn init(&self) -> anyhow::Result<()> {
        if self.dir.exists() && fs::read_dir(&self.dir)?.next().is_some() {
            bail!(
                "{} exists but holds no PostgreSQL cluster: move it away or choose another data directory",
                self.dir.display()
            );
        }
        // initdb into a side directory, renamed when complete: a crash never leaves half a cluster.
        let tmp = self.dir.with_extension("initdb-tmp");
        if tmp.exists() {
            fs::remove_dir_all(&tmp).with_context(|| format!("cannot remove {}", tmp.display()))?;
        }
        self.make_private_dir(&tmp)?;
        tracing::info!(dir = %self.dir.display(), "creating the private PostgreSQL cluster");
        let out = self.run(
            &self.initdb,
            [OsStr::new("-D"), tmp.as_os_str(), OsStr::new("-U"), OsStr::new("postgres")]
                .into_iter()
                .chain(["--auth=trust", "--encoding=UTF8", "--locale=C.UTF-8", "--no-instructions"].map(OsStr::new)),
        )?;
        if !out.status.success() {
            let _ = fs::remove_dir_all(&tmp);
            let mut text = failure_text(&out, Path::new(""));
            if text.contains("ermission denied") && self.owner.is_some() {
                text.push_str(" (the `postgres` account must be able to reach the data directory: choose one outside /root, e.g. SMARTCITY_DATA_DIR=/var/lib/smartcity)");
            }
            bail!("initdb failed: {text}");
        }
        fs::OpenOptions::new()
            .append(true)
            .open(tmp.join("postgresql.conf"))
            .and_then(|mut f| std::io::Write::write_all(&mut f, b"\ninclude_if_exists = 'smartcity.conf'\n"))?;
        if self.dir.exists() {
            fs::remove_dir(&self.dir)?;
        }
        fs::rename(&tmp, &self.dir)?;
        Ok(())
    }

    /// Settings rewritten at every start: the socket directory follows the data directory.
    fn write_settings(&self) -> anyhow::Result<()> {
        if self.socket_dir != self.dir {
            self.make_private_dir(&self.socket_dir)?;
        }
        let quoted = self.socket_dir.to_string_lossy().replace('\'', "''");
        let conf = format!(
            "# Written by smartcity at every start.\nlisten_addresses = ''\nport = {PORT}\nunix_socket_directories = '{quoted}'\nunix_socket_permissions = 0700\n"
        );
        let path = self.dir.join("smartcity.conf");
        fs::write(&path, conf).with_context(|| format!("cannot write {}", path.display()))?;
        self.give_to_owner(&path)
    }

    fn make_private_dir(&self, dir: &Path) -> anyhow::Result<()> {
        fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        fs::set_permissions(dir, fs::Permissions::from_mode(0o700))?;
        self.give_to_owner(dir)
    }

    fn give_to_owner(&self, path: &Path) -> anyhow::Result<()> {
        if let Some((uid, gid)) = self.owner {
            std::os::unix::fs::chown(path, Some(uid.as_raw()), Some(gid.as_raw()))
                .with_context(|| format!("cannot give {} to the postgres account", path.display()))?;
        }
        Ok(())
    }

    fn pg_ctl<const N: usize>(&self, args: [&str; N], log: Option<&Path>) -> anyhow::Result<Output> {
        let mut all: Vec<&OsStr> = vec![OsStr::new("-D"), self.dir.as_os_str()];
        all.extend(args.iter().map(OsStr::new));
        if let Some(log) = log {
            all.push(log.as_os_str());
        }
        self.run(&self.pg_ctl, all)
    }

    fn run<'a>(&self, program: &Path, args: impl IntoIterator<Item = &'a OsStr>) -> anyhow::Result<Output> {
        let mut cmd = Command::new(program);
        cmd.args(args).current_dir("/").stdin(Stdio::null()).env_remove("PGDATA").env("LC_ALL", "C.UTF-8");
        if let Some((uid, gid)) = self.owner {
            cmd.uid(uid.as_raw()).gid(gid.as_raw());
        }
        cmd.output().with_context(|| format!("cannot run {}", program.display()))
    }
}

impl Drop for Cluster {
    fn drop(&mut self) {
        if let Err(e) = self.stop() {
            tracing::error!(error = %format!("{e:#}"), "could not stop the private PostgreSQL");
        }
    }
}

fn has_binaries(dir: &Path) -> bool {
    dir.join("initdb").is_file() && dir.join("pg_ctl").is_file()
}

/// PATH first, then the newest major version under `lib_root` (Debian keeps them off PATH).
fn find_bin_dir(path: Option<&OsStr>, lib_root: &Path) -> Option<PathBuf> {
    if let Some(found) = path.into_iter().flat_map(std::env::split_paths).find(|d| has_binaries(d)) {
        return Some(found);
    }
    let mut versions: Vec<(u32, PathBuf)> = fs::read_dir(lib_root)
        .ok()?
        .filter_map(|e| e.ok())
        .filter_map(|e| Some((e.file_name().to_str()?.parse().ok()?, e.path().join("bin"))))
        .filter(|(_, bin): &(u32, PathBuf)| has_binaries(bin))
        .collect();
    versions.sort();
    versions.pop().map(|(_, bin)| bin)
}

/// The last lines of a failed command's output, or of the server log.
fn failure_text(out: &Output, log: &Path) -> String {
    let mut text = String::from_utf8_lossy(&out.stderr).trim().to_string();
    if text.is_empty() {
        text = String::from_utf8_lossy(&out.stdout).trim().to_string();
    }
    if let Ok(log_text) = fs::read_to_string(log) {
        let tail: Vec<&str> = log_text.lines().rev().take(3).collect();
        let tail: Vec<&str> = tail.into_iter().rev().collect();
        text = format!("{text} (server log: {})", tail.join(" / "));
    }
    text.replace('\n', " / ")
}

fn fnv1a(bytes: &[u8]) -> u64 {
    bytes.iter().fold(0xcbf29ce484222325, |h, &b| (h ^ b as u64).wrapping_mul(0x100000001b3))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn finds_no_binaries_where_there_are_none() {
        let empty = tempfile::tempdir().unwrap();
        assert_eq!(find_bin_dir(Some(empty.path().as_os_str()), empty.path()), None);
        let err = Cluster::new(&empty.path().join("pg"), Some(empty.path())).err().unwrap().to_string();
        assert!(err.contains("initdb, pg_ctl") && err.contains("DATABASE_URL"), "{err}");
    }

    #[test]
    fn prefers_the_newest_version_under_lib_root() {
        let root = tempfile::tempdir().unwrap();
        for v in ["9", "15", "13"] {
            let bin = root.path().join(v).join("bin");
            fs::create_dir_all(&bin).unwrap();
            fs::write(bin.join("initdb"), "").unwrap();
            fs::write(bin.join("pg_ctl"), "").unwrap();
        }
        assert_eq!(find_bin_dir(None, root.path()), Some(root.path().join("15/bin")));
    }
}
