//! Full-text search over chunk texts with tantivy.

use std::path::Path;

use anyhow::Context;
use tantivy::collector::TopDocs;
use tantivy::query::QueryParser;
use tantivy::schema::{Field, INDEXED, STORED, Schema, TEXT, Value};
use tantivy::{Index, IndexReader, IndexWriter, TantivyDocument, doc};

const WRITER_MEMORY: usize = 50_000_000;

pub struct TextIndex {
    index: Index,
    reader: IndexReader,
    id: Field,
    text: Field,
}

impl TextIndex {
    pub fn create(dir: &Path) -> anyhow::Result<Self> {
        std::fs::create_dir_all(dir).with_context(|| format!("cannot create {}", dir.display()))?;
        let index = Index::create_in_dir(dir, schema())
            .with_context(|| format!("cannot create a text index in {}", dir.display()))?;
        Self::from_index(index)
    }

    pub fn open(dir: &Path) -> anyhow::Result<Self> {
        let index =
            Index::open_in_dir(dir).with_context(|| format!("cannot open the text index in {}", dir.display()))?;
        Self::from_index(index)
    }

    fn from_index(index: Index) -> anyhow::Result<Self> {
        let schema = index.schema();
        let id = schema.get_field("id")?;
        let text = schema.get_field("text")?;
        let reader = index.reader()?;
        Ok(Self { index, reader, id, text })
    }

    pub fn writer(&self) -> anyhow::Result<IndexWriter> {
        Ok(self.index.writer(WRITER_MEMORY)?)
    }

    pub fn add(&self, writer: &IndexWriter, id: i64, text: &str) -> anyhow::Result<()> {
        writer.add_document(doc!(self.id => id, self.text => text))?;
        Ok(())
    }

    /// Commits the writer's documents and makes them searchable.
    pub fn commit(&self, mut writer: IndexWriter) -> anyhow::Result<()> {
        writer.commit()?;
        self.reader.reload()?;
        Ok(())
    }

    /// The `k` best-matching ids with their BM25 scores.
    pub fn search(&self, query: &str, k: usize) -> anyhow::Result<Vec<(i64, f32)>> {
        let searcher = self.reader.searcher();
        let (query, _errors) = QueryParser::for_index(&self.index, vec![self.text]).parse_query_lenient(query);
        searcher
            .search(&query, &TopDocs::with_limit(k))?
            .into_iter()
            .map(|(score, address)| {
                let doc: TantivyDocument = searcher.doc(address)?;
                let id = doc.get_first(self.id).and_then(|v| v.as_i64()).context("a document without id")?;
                Ok((id, score))
            })
            .collect()
    }
}

fn schema() -> Schema {
    let mut builder = Schema::builder();
    builder.add_i64_field("id", INDEXED | STORED);
    builder.add_text_field("text", TEXT | STORED);
    builder.build()
}
