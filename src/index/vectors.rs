//! Vectors keyed by chunk id in a FAISS index: inner product over unit vectors (= cosine), exact
//! up to a size, HNSW above it.

use std::path::Path;

use anyhow::{Context, bail};
use faiss::index::{IndexImpl, SearchWithParamsMut};
use faiss::search_params::SearchParameters;
use faiss::selector::IdSelector;
use faiss::{Idx, Index, MetricType};

pub struct VectorIndex {
    index: IndexImpl,
    dimension: usize,
}

/// HNSW graph degree: FAISS's usual default, a good recall/speed balance for small vectors.
const HNSW_NEIGHBOURS: u32 = 32;

impl VectorIndex {
    pub fn new_exact(dimension: usize) -> anyhow::Result<Self> {
        Self::with_description(dimension, "IDMap,Flat".to_string())
    }

    /// Exact search for up to `hnsw_above` vectors, HNSW beyond.
    pub fn for_size(dimension: usize, count: usize, hnsw_above: usize) -> anyhow::Result<Self> {
        if count > hnsw_above {
            Self::with_description(dimension, format!("IDMap,HNSW{HNSW_NEIGHBOURS},Flat"))
        } else {
            Self::new_exact(dimension)
        }
    }

    fn with_description(dimension: usize, description: String) -> anyhow::Result<Self> {
        let index = faiss::index_factory(dimension as u32, &description, MetricType::InnerProduct)
            .with_context(|| format!("cannot create a FAISS index {description}"))?;
        Ok(Self { index, dimension })
    }

    pub fn len(&self) -> usize {
        self.index.ntotal() as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn dimension(&self) -> usize {
        self.dimension
    }

    pub fn add(&mut self, ids: &[i64], vectors: &[Vec<f32>]) -> anyhow::Result<()> {
        if ids.len() != vectors.len() {
            bail!("{} ids for {} vectors", ids.len(), vectors.len());
        }
        if let Some(v) = vectors.iter().find(|v| v.len() != self.dimension) {
            bail!("a vector of dimension {} does not fit an index of dimension {}", v.len(), self.dimension);
        }
        if ids.is_empty() {
            return Ok(());
        }
        let ids: Vec<Idx> = ids.iter().map(|&id| Idx::new(id as u64)).collect();
        self.index.add_with_ids(&vectors.concat(), &ids)?;
        Ok(())
    }

    /// The `k` nearest ids with their scores, best first; only among `allowed` ids when given.
    pub fn search(&mut self, query: &[f32], k: usize, allowed: Option<&[i64]>) -> anyhow::Result<Vec<(i64, f32)>> {
        if query.len() != self.dimension {
            bail!("a query of dimension {} does not fit an index of dimension {}", query.len(), self.dimension);
        }
        if k == 0 || self.is_empty() || allowed.is_some_and(|a| a.is_empty()) {
            return Ok(Vec::new());
        }
        let found = match allowed {
            None => self.index.search(query, k)?,
            Some(allowed) => {
                let ids: Vec<Idx> = allowed.iter().map(|&id| Idx::new(id as u64)).collect();
                let params = SearchParameters::new(IdSelector::batch(&ids)?)?;
                self.index.search_with_params(query, k.min(allowed.len()), &params)?
            }
        };
        Ok(found
            .labels
            .into_iter()
            .zip(found.distances)
            .filter_map(|(label, score)| label.get().map(|id| (id as i64, score)))
            .collect())
    }

    pub fn save(&self, path: &Path) -> anyhow::Result<()> {
        faiss::write_index(&self.index, path.to_string_lossy())
            .with_context(|| format!("cannot write {}", path.display()))
    }

    pub fn load(path: &Path) -> anyhow::Result<Self> {
        if !path.is_file() {
            bail!("{} is missing", path.display());
        }
        let index =
            faiss::read_index(path.to_string_lossy()).with_context(|| format!("cannot read {}", path.display()))?;
        let dimension = index.d() as usize;
        Ok(Self { index, dimension })
    }
}
