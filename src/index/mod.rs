//! The derived indexes over chunks: FAISS for vectors, tantivy for full text.

pub mod text;
pub mod vectors;

pub use text::TextIndex;
pub use vectors::VectorIndex;
