//! The derived indexes over chunks: FAISS for vectors, tantivy for full text. A database's builds
//! live under `<index_dir>/<database id>/`, so databases sharing an index directory never see each
//! other's: each build is a directory under `builds/` there, switched to atomically through
//! `CURRENT`; a build being written is a `.partial` directory nobody reads.

pub mod build;
pub mod filter;
pub mod text;
pub mod vectors;

use std::collections::HashMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Mutex;

use anyhow::{Context, bail};
use chrono::{DateTime, Utc};
use serde::{Deserialize, Serialize};

pub use build::{BuildReport, build};
pub use filter::{ChunkMeta, Clause, Filter};
pub use text::TextIndex;
pub use vectors::VectorIndex;

const CURRENT: &str = "CURRENT";
const MANIFEST: &str = "manifest.json";
const CHUNKS: &str = "chunks.json";
const VECTORS: &str = "vectors.faiss";
/// The raw vectors (id, then the vector), so the next build reuses what did not change.
const RAW_VECTORS: &str = "vectors.bin";
const TEXT: &str = "text";

/// What a build holds and how it was made.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Manifest {
    pub build_id: String,
    /// The database whose chunks it holds (`db::identity`); empty in builds made before it was recorded.
    #[serde(default)]
    pub database_id: String,
    pub created_at: DateTime<Utc>,
    pub model: String,
    pub model_sha256: String,
    pub dimension: usize,
    /// `flat` (exact) or `hnsw`.
    pub vector_index: String,
    /// Chunks in both languages (all in the text index).
    pub chunks: usize,
    /// Chunks with a vector: the English ones (a French chunk is found through its English twin).
    pub vectors: usize,
    pub embedded: usize,
    pub reused: usize,
    /// The chunks it was built from (see `build::chunks_digest`).
    pub chunks_digest: String,
}

/// A published build, loaded and checked.
pub struct IndexBuild {
    pub manifest: Manifest,
    pub vectors: Mutex<VectorIndex>,
    pub text: TextIndex,
    pub chunks: Vec<ChunkMeta>,
    by_id: HashMap<i64, usize>,
    /// Chunk positions per kind, by first day, with the kind's longest period in days.
    by_kind: HashMap<String, (Vec<usize>, i64)>,
}

impl IndexBuild {
    /// Loads a build directory; anything missing or inconsistent is an error (a corrupt build).
    pub fn load(dir: &Path) -> anyhow::Result<Self> {
        let manifest: Manifest = read_json(&dir.join(MANIFEST))?;
        let chunks: Vec<ChunkMeta> = read_json(&dir.join(CHUNKS))?;
        let vectors = VectorIndex::load(&dir.join(VECTORS))?;
        let text = TextIndex::open(&dir.join(TEXT))?;
        if chunks.len() != manifest.chunks
            || vectors.len() != manifest.vectors
            || text.len() as usize != manifest.chunks
        {
            bail!(
                "the index build {} is inconsistent: {} chunks, {} vectors, {} texts where its manifest says {}, {}, {}",
                dir.display(),
                chunks.len(),
                vectors.len(),
                text.len(),
                manifest.chunks,
                manifest.vectors,
                manifest.chunks
            );
        }
        if vectors.dimension() != manifest.dimension {
            bail!(
                "the index build {} holds vectors of dimension {}, not {}",
                dir.display(),
                vectors.dimension(),
                manifest.dimension
            );
        }
        Ok(Self::from_parts(manifest, vectors, text, chunks))
    }

    pub fn from_parts(manifest: Manifest, vectors: VectorIndex, text: TextIndex, chunks: Vec<ChunkMeta>) -> Self {
        let by_id = chunks.iter().enumerate().map(|(i, c)| (c.id, i)).collect();
        let mut by_kind: HashMap<String, (Vec<usize>, i64)> = HashMap::new();
        for (i, chunk) in chunks.iter().enumerate() {
            let entry = by_kind.entry(chunk.kind.clone()).or_default();
            entry.0.push(i);
            entry.1 = entry.1.max((chunk.to - chunk.from).num_days());
        }
        for (positions, _) in by_kind.values_mut() {
            positions.sort_by_key(|&i| chunks[i].from);
        }
        Self { manifest, vectors: Mutex::new(vectors), text, chunks, by_id, by_kind }
    }

    /// The ids of the chunks `filter` lets through, looking only at its kinds and period.
    pub fn matching(&self, filter: &Filter) -> Vec<i64> {
        let mut kinds: Vec<&str> = filter.clauses.iter().flat_map(|c| c.kinds.iter().copied()).collect();
        if filter.clauses.is_empty() {
            kinds = self.by_kind.keys().map(String::as_str).collect();
        }
        kinds.sort_unstable();
        kinds.dedup();
        let mut ids = Vec::new();
        for kind in kinds {
            let Some((positions, longest)) = self.by_kind.get(kind) else { continue };
            let range = match filter.period {
                Some((from, to)) => {
                    let earliest = from - chrono::Days::new(*longest as u64);
                    positions.partition_point(|&i| self.chunks[i].from < earliest)
                        ..positions.partition_point(|&i| self.chunks[i].from <= to)
                }
                None => 0..positions.len(),
            };
            ids.extend(positions[range].iter().map(|&i| &self.chunks[i]).filter(|c| filter.matches(c)).map(|c| c.id));
        }
        ids
    }

    pub fn chunk(&self, id: i64) -> Option<&ChunkMeta> {
        self.by_id.get(&id).map(|&i| &self.chunks[i])
    }
}

/// One database's part of the index directory: its published builds and the pointer to the current one.
#[derive(Debug, Clone)]
pub struct Indexes {
    root: PathBuf,
    database_id: String,
}

impl Indexes {
    /// The builds of the database `database_id` under `index_dir`.
    pub fn new(index_dir: &Path, database_id: &str) -> Self {
        Self { root: index_dir.join(database_id), database_id: database_id.to_string() }
    }

    /// The builds of the database behind `pool`.
    pub async fn open(pool: &sqlx::PgPool, index_dir: &Path) -> anyhow::Result<Self> {
        let id = crate::db::identity(pool).await.context("cannot read the database's identity")?;
        Ok(Self::new(index_dir, &id))
    }

    pub fn database_id(&self) -> &str {
        &self.database_id
    }

    pub fn root(&self) -> &Path {
        &self.root
    }

    pub fn builds_dir(&self) -> PathBuf {
        self.root.join("builds")
    }

    pub fn build_dir(&self, id: &str) -> PathBuf {
        self.builds_dir().join(id)
    }

    /// The id of the current build, if one was ever published.
    pub fn current_id(&self) -> anyhow::Result<Option<String>> {
        match std::fs::read_to_string(self.root.join(CURRENT)) {
            Ok(id) if !id.trim().is_empty() => Ok(Some(id.trim().to_string())),
            Ok(_) => Ok(None),
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
            Err(e) => Err(e).with_context(|| format!("cannot read {}", self.root.join(CURRENT).display())),
        }
    }

    /// The current build, loaded; `Ok(None)` when none was published.
    pub fn load_current(&self) -> anyhow::Result<Option<IndexBuild>> {
        match self.current_id()? {
            Some(id) => self.load(&id).map(Some),
            None => Ok(None),
        }
    }

    /// The build `id`, loaded; an error when it holds another database's chunks (copied here, or
    /// made before builds recorded their database).
    pub fn load(&self, id: &str) -> anyhow::Result<IndexBuild> {
        let dir = self.build_dir(id);
        let build = IndexBuild::load(&dir)?;
        if build.manifest.database_id != self.database_id {
            bail!(
                "the index build {} was made from the database {}, not from this one ({})",
                dir.display(),
                if build.manifest.database_id.is_empty() { "(unrecorded)" } else { build.manifest.database_id.as_str() },
                self.database_id
            );
        }
        Ok(build)
    }

    /// Points CURRENT at `id` with a rename, so a reader sees the old build or the new one.
    pub fn publish(&self, id: &str) -> anyhow::Result<()> {
        let tmp = self.root.join(format!("{CURRENT}.tmp"));
        let mut file = std::fs::File::create(&tmp).with_context(|| format!("cannot write {}", tmp.display()))?;
        file.write_all(id.as_bytes())?;
        file.sync_all()?;
        std::fs::rename(&tmp, self.root.join(CURRENT)).context("cannot switch to the new index build")?;
        sync_dir(&self.root)
    }

    /// Removes builds left half-written by a crash, and published builds older than the last `keep`
    /// (the current one always stays).
    pub fn prune(&self, keep: usize) -> anyhow::Result<()> {
        let current = self.current_id()?;
        let Ok(entries) = std::fs::read_dir(self.builds_dir()) else { return Ok(()) };
        let mut published = Vec::new();
        for entry in entries {
            let entry = entry?;
            let name = entry.file_name().to_string_lossy().into_owned();
            if name.ends_with(".partial") {
                std::fs::remove_dir_all(entry.path())?;
            } else if Some(&name) != current.as_ref() {
                published.push(name);
            }
        }
        published.sort();
        let old = published.len().saturating_sub(keep.saturating_sub(1));
        for name in &published[..old] {
            std::fs::remove_dir_all(self.build_dir(name))?;
        }
        Ok(())
    }
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> anyhow::Result<T> {
    let text = std::fs::read(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_slice(&text).with_context(|| format!("{} is not valid", path.display()))
}

fn sync_dir(dir: &Path) -> anyhow::Result<()> {
    std::fs::File::open(dir)?.sync_all().with_context(|| format!("cannot sync {}", dir.display()))
}
