//! Vectors keyed by chunk id in a FAISS index (exact inner product over unit vectors = cosine).

use std::path::Path;

use anyhow::{Context, bail};
use faiss::index::IndexImpl;
use faiss::{Idx, Index, MetricType};

pub struct VectorIndex {
    index: IndexImpl,
    dimension: usize,
}

impl VectorIndex {
    pub fn new_exact(dimension: usize) -> anyhow::Result<Self> {
        let index = faiss::index_factory(dimension as u32, "IDMap,Flat", MetricType::InnerProduct)?;
        Ok(Self { index, dimension })
    }

    pub fn len(&self) -> usize {
        self.index.ntotal() as usize
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    pub fn add(&mut self, ids: &[i64], vectors: &[Vec<f32>]) -> anyhow::Result<()> {
        if ids.len() != vectors.len() {
            bail!("{} ids for {} vectors", ids.len(), vectors.len());
        }
        if let Some(v) = vectors.iter().find(|v| v.len() != self.dimension) {
            bail!("a vector of dimension {} does not fit an index of dimension {}", v.len(), self.dimension);
        }
        let ids: Vec<Idx> = ids.iter().map(|&id| Idx::new(id as u64)).collect();
        self.index.add_with_ids(&vectors.concat(), &ids)?;
        Ok(())
    }

    /// The `k` nearest ids with their scores, best first.
    pub fn search(&mut self, query: &[f32], k: usize) -> anyhow::Result<Vec<(i64, f32)>> {
        if query.len() != self.dimension {
            bail!("a query of dimension {} does not fit an index of dimension {}", query.len(), self.dimension);
        }
        let found = self.index.search(query, k)?;
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
        let index =
            faiss::read_index(path.to_string_lossy()).with_context(|| format!("cannot read {}", path.display()))?;
        let dimension = index.d() as usize;
        Ok(Self { index, dimension })
    }
}
