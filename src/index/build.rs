//! Building an index from the `chunks` table: embed only new or changed chunks (the rest reuse the
//! current build's vectors), write a new build directory, then switch to it atomically.

use std::collections::{HashMap, HashSet};
use std::io::{BufReader, BufWriter, Read, Write};
use std::path::Path;
use std::sync::Arc;
use std::time::Instant;

use anyhow::{Context, bail};
use chrono::{NaiveDate, Utc};
use sqlx::{Connection, PgPool};

use super::filter::{ChunkMeta, spoken_variables};
use super::{CHUNKS, IndexBuild, Indexes, MANIFEST, Manifest, RAW_VECTORS, TEXT, TextIndex, VECTORS, VectorIndex};
use crate::embed::Embedder;
use crate::summarize::{Lang, chunk_id};

/// "smartidx" in ASCII: the advisory lock held while building, one builder at a time.
const BUILD_LOCK: i64 = 0x736d_6172_7469_6478;
/// Builds kept on disk: the current one and the one before (a replica may still read it).
const KEEP: usize = 2;

#[derive(Debug, Clone, Copy)]
pub struct BuildOptions {
    /// Re-embed every chunk, whatever the current build holds.
    pub rebuild: bool,
    /// Exact vector search up to this many vectors, HNSW above.
    pub hnsw_above: usize,
}

#[derive(Debug, Clone)]
pub struct BuildReport {
    pub build_id: String,
    /// False when the current build already held every chunk as it is.
    pub published: bool,
    pub chunks: usize,
    pub vectors: usize,
    pub embedded: usize,
    pub reused: usize,
    /// Vectors of the previous build whose chunk is gone.
    pub removed: usize,
    pub embed_seconds: f64,
    pub seconds: f64,
}

impl std::fmt::Display for BuildReport {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        if !self.published {
            return write!(
                f,
                "index {} is up to date: {} chunks, {} vectors",
                self.build_id, self.chunks, self.vectors
            );
        }
        write!(
            f,
            "index {} published: {} chunks, {} vectors ({} embedded in {:.1} s, {} reused, {} removed) in {:.1} s",
            self.build_id,
            self.chunks,
            self.vectors,
            self.embedded,
            self.embed_seconds,
            self.reused,
            self.removed,
            self.seconds
        )
    }
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    kind: String,
    lang: String,
    period_start: NaiveDate,
    period_end: NaiveDate,
    station_id: Option<i64>,
    variables: Vec<String>,
    title: String,
    body: String,
    content_hash: Vec<u8>,
}

struct Chunk {
    meta: ChunkMeta,
    text: String,
}

/// Builds and publishes a new index of every chunk, unless the current build already holds them
/// all as they are. A missing or unreadable current build is rebuilt from the chunks.
#[tracing::instrument(name = "index.build", skip_all, fields(rebuild = options.rebuild))]
pub async fn build(
    pool: &PgPool,
    indexes: &Indexes,
    embedder: &Arc<Embedder>,
    options: BuildOptions,
) -> anyhow::Result<BuildReport> {
    let started = Instant::now();
    let started_at = Utc::now();
    let mut lock = pool.acquire().await?.detach();
    if !sqlx::query_scalar::<_, bool>(include_str!("sql/try_lock.sql")).bind(BUILD_LOCK).fetch_one(&mut lock).await? {
        tracing::info!("another index build is running: waiting for it to finish");
        sqlx::query(include_str!("sql/lock.sql")).bind(BUILD_LOCK).execute(&mut lock).await?;
    }
    let result = build_locked(pool, indexes, embedder, options, started_at).await;
    let _ = lock.close().await;
    let mut report = result?;
    report.seconds = started.elapsed().as_secs_f64();
    Ok(report)
}

async fn build_locked(
    pool: &PgPool,
    indexes: &Indexes,
    embedder: &Arc<Embedder>,
    options: BuildOptions,
    started_at: chrono::DateTime<Utc>,
) -> anyhow::Result<BuildReport> {
    indexes.prune(KEEP)?;
    let (chunks, chunks_digest) = load_chunks(pool).await?;
    let current = match indexes.current_id()? {
        Some(id) => match indexes.load(&id) {
            Ok(build) => Some((id, build)),
            Err(e) => {
                tracing::warn!(error = %format!("{e:#}"), "the current index cannot be used: rebuilding it from the chunks");
                None
            }
        },
        None => {
            tracing::info!(
                dir = %indexes.root().display(),
                "no index build of this database yet: building one from its chunks"
            );
            None
        }
    };
    if let Some((id, build)) = &current
        && build.manifest.model_sha256 != embedder.fingerprint()
        && !options.rebuild
    {
        bail!(
            "the current index {id} was built with the model {} (sha256 {}), not with {} (sha256 {}): \
             vectors of two models cannot be mixed; run `smartcity index --rebuild`",
            build.manifest.model,
            &build.manifest.model_sha256[..12],
            embedder.model_dir().display(),
            &embedder.fingerprint()[..12]
        );
    }
    if let Some((id, build)) = &current
        && !options.rebuild
        && same_chunks(&build.chunks, &chunks)
    {
        return Ok(BuildReport {
            build_id: id.clone(),
            published: false,
            chunks: build.manifest.chunks,
            vectors: build.manifest.vectors,
            embedded: 0,
            reused: build.manifest.vectors,
            removed: 0,
            embed_seconds: 0.0,
            seconds: 0.0,
        });
    }
    let previous: HashMap<i64, (String, Vec<f32>)> = match &current {
        Some((id, build)) if !options.rebuild => read_raw_vectors(&indexes.build_dir(id), build)?,
        _ => HashMap::new(),
    };

    let english: Vec<&Chunk> = chunks.iter().filter(|c| c.meta.lang == Lang::En).collect();
    let mut vectors: Vec<Option<Vec<f32>>> = english
        .iter()
        .map(|c| previous.get(&c.meta.id).filter(|(hash, _)| *hash == c.meta.hash).map(|(_, v)| v.clone()))
        .collect();
    let reused = vectors.iter().flatten().count();
    let kept: HashSet<i64> = english.iter().map(|c| c.meta.id).collect();
    let removed = previous.keys().filter(|id| !kept.contains(id)).count();
    let missing: Vec<usize> = (0..english.len()).filter(|&i| vectors[i].is_none()).collect();
    let texts: Vec<String> = missing.iter().map(|&i| english[i].text.clone()).collect();
    let embed_started = Instant::now();
    let embedded = {
        let embedder = Arc::clone(embedder);
        tokio::task::spawn_blocking(move || {
            let bar = crate::progress::count_progress(texts.len() as u64, "embedding chunks");
            let refs: Vec<&str> = texts.iter().map(String::as_str).collect();
            let vectors = embedder.embed_many(&refs, |done| bar.set_position(done as u64));
            bar.finish_and_clear();
            vectors
        })
        .await??
    };
    let embed_seconds = embed_started.elapsed().as_secs_f64();
    for (&i, vector) in missing.iter().zip(embedded) {
        vectors[i] = Some(vector);
    }
    let vectors: Vec<Vec<f32>> = vectors.into_iter().map(|v| v.expect("every vector embedded or reused")).collect();

    let build_id = started_at.format("%Y%m%dT%H%M%S%.3fZ").to_string();
    let manifest = Manifest {
        build_id: build_id.clone(),
        database_id: indexes.database_id().to_string(),
        created_at: Utc::now(),
        model: embedder.model_dir().display().to_string(),
        model_sha256: embedder.fingerprint().to_string(),
        dimension: embedder.dimension(),
        vector_index: if english.len() > options.hnsw_above { "hnsw" } else { "flat" }.to_string(),
        chunks: chunks.len(),
        vectors: english.len(),
        embedded: missing.len(),
        reused,
        chunks_digest,
    };
    let english_ids: Vec<i64> = english.iter().map(|c| c.meta.id).collect();
    let final_dir = indexes.build_dir(&build_id);
    let partial = indexes.builds_dir().join(format!("{build_id}.partial"));
    {
        let manifest = manifest.clone();
        let partial = partial.clone();
        tokio::task::spawn_blocking(move || write_build(&partial, &manifest, &chunks, &english_ids, &vectors, options))
            .await??;
    }
    std::fs::rename(&partial, &final_dir).context("cannot move the finished index build into place")?;
    super::sync_dir(&indexes.builds_dir())?;
    indexes.publish(&build_id)?;
    sqlx::query(include_str!("sql/insert_build.sql"))
        .bind(&build_id)
        .bind(&manifest.model)
        .bind(&manifest.model_sha256)
        .bind(manifest.dimension as i32)
        .bind(&manifest.vector_index)
        .bind(manifest.chunks as i32)
        .bind(manifest.vectors as i32)
        .bind(manifest.embedded as i32)
        .bind(manifest.reused as i32)
        .bind(started_at)
        .execute(pool)
        .await?;
    indexes.prune(KEEP)?;
    Ok(BuildReport {
        build_id,
        published: true,
        chunks: manifest.chunks,
        vectors: manifest.vectors,
        embedded: manifest.embedded,
        reused,
        removed,
        embed_seconds,
        seconds: 0.0,
    })
}

/// The count and hashes of the chunks as one string: the index is behind when it differs.
#[tracing::instrument(name = "db.chunks_digest", skip_all)]
pub async fn chunks_digest(pool: &PgPool) -> sqlx::Result<String> {
    sqlx::query_scalar(include_str!("sql/chunks_digest.sql")).fetch_one(pool).await
}

/// Every chunk and their digest, read in one snapshot.
#[tracing::instrument(name = "db.index_chunks", skip_all)]
async fn load_chunks(pool: &PgPool) -> anyhow::Result<(Vec<Chunk>, String)> {
    let mut tx = pool.begin().await?;
    sqlx::query(include_str!("sql/snapshot.sql")).execute(&mut *tx).await?;
    let rows: Vec<Row> = sqlx::query_as(include_str!("sql/chunks.sql")).fetch_all(&mut *tx).await?;
    let digest: String = sqlx::query_scalar(include_str!("sql/chunks_digest.sql")).fetch_one(&mut *tx).await?;
    tx.commit().await?;
    let chunks = rows
        .into_iter()
        .map(|row| {
            let lang = Lang::from_code(&row.lang)
                .with_context(|| format!("chunk {} has the language {:?}", row.id, row.lang))?;
            let other = if lang == Lang::En { Lang::Fr } else { Lang::En };
            let period = (row.period_start, row.period_end);
            let meta = ChunkMeta {
                id: row.id,
                twin: chunk_id(&row.kind, other, period, row.station_id, &row.variables),
                variables: spoken_variables(&row.kind, &row.variables),
                kind: row.kind,
                lang,
                from: row.period_start,
                to: row.period_end,
                station_id: row.station_id,
                hash: hex(&row.content_hash),
            };
            Ok(Chunk { meta, text: format!("{}\n{}", row.title, row.body) })
        })
        .collect::<anyhow::Result<_>>()?;
    Ok((chunks, digest))
}

fn same_chunks(indexed: &[ChunkMeta], chunks: &[Chunk]) -> bool {
    let indexed: HashMap<i64, &str> = indexed.iter().map(|c| (c.id, c.hash.as_str())).collect();
    indexed.len() == chunks.len() && chunks.iter().all(|c| indexed.get(&c.meta.id) == Some(&c.meta.hash.as_str()))
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn write_build(
    dir: &Path,
    manifest: &Manifest,
    chunks: &[Chunk],
    english_ids: &[i64],
    vectors: &[Vec<f32>],
    options: BuildOptions,
) -> anyhow::Result<()> {
    if dir.exists() {
        std::fs::remove_dir_all(dir)?;
    }
    std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;

    let mut raw = BufWriter::new(std::fs::File::create(dir.join(RAW_VECTORS))?);
    for (id, vector) in english_ids.iter().zip(vectors) {
        raw.write_all(&id.to_le_bytes())?;
        for x in vector {
            raw.write_all(&x.to_le_bytes())?;
        }
    }
    raw.into_inner().map_err(|e| e.into_error())?.sync_all()?;

    let mut index = VectorIndex::for_size(manifest.dimension, vectors.len(), options.hnsw_above)?;
    index.add(english_ids, vectors)?;
    index.save(&dir.join(VECTORS))?;
    std::fs::File::open(dir.join(VECTORS))?.sync_all()?;

    let text = TextIndex::create(&dir.join(TEXT))?;
    let writer = text.writer()?;
    for chunk in chunks {
        text.add(&writer, &chunk.meta, &chunk.text)?;
    }
    text.commit(writer)?;

    let metas: Vec<&ChunkMeta> = chunks.iter().map(|c| &c.meta).collect();
    write_synced(&dir.join(CHUNKS), &serde_json::to_vec(&metas)?)?;
    // Last: a directory with a manifest is a complete build.
    write_synced(&dir.join(MANIFEST), &serde_json::to_vec_pretty(manifest)?)?;
    super::sync_dir(dir)
}

fn write_synced(path: &Path, bytes: &[u8]) -> anyhow::Result<()> {
    let mut file = std::fs::File::create(path).with_context(|| format!("cannot write {}", path.display()))?;
    file.write_all(bytes)?;
    file.sync_all()?;
    Ok(())
}

/// The previous build's vectors with the hash of the chunk each was made from.
pub fn read_raw_vectors(dir: &Path, build: &IndexBuild) -> anyhow::Result<HashMap<i64, (String, Vec<f32>)>> {
    let path = dir.join(RAW_VECTORS);
    let mut reader =
        BufReader::new(std::fs::File::open(&path).with_context(|| format!("cannot read {}", path.display()))?);
    let dimension = build.manifest.dimension;
    let mut record = vec![0u8; 8 + 4 * dimension];
    let mut found = HashMap::new();
    for _ in 0..build.manifest.vectors {
        reader.read_exact(&mut record).with_context(|| format!("{} is truncated", path.display()))?;
        let id = i64::from_le_bytes(record[..8].try_into().expect("8 bytes"));
        let vector = record[8..].chunks_exact(4).map(|b| f32::from_le_bytes(b.try_into().expect("4 bytes"))).collect();
        if let Some(chunk) = build.chunk(id) {
            found.insert(id, (chunk.hash.clone(), vector));
        }
    }
    Ok(found)
}
