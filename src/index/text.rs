//! Full-text search over chunk texts with tantivy: each text under its language's field, analysed
//! with that language's stemmer (accents folded in French), with the chunk's kind, language,
//! period, station and variables as fields to filter on.

use std::collections::HashSet;
use std::path::Path;

use anyhow::Context;
use tantivy::collector::TopDocs;
use tantivy::query::{BooleanQuery, Occur, Query, TermQuery};
use tantivy::schema::{
    FAST, Field, INDEXED, IndexRecordOption, STORED, STRING, Schema, TextFieldIndexing, TextOptions, Value,
};
use tantivy::tokenizer::{
    AsciiFoldingFilter, Language, LowerCaser, RemoveLongFilter, SimpleTokenizer, Stemmer, StopWordFilter, TextAnalyzer,
};
use tantivy::{Index, IndexReader, IndexWriter, TantivyDocument, Term, doc};

use super::filter::{ChunkMeta, Fields, Filter, day_number};
use crate::summarize::Lang;

const WRITER_MEMORY: usize = 50_000_000;

pub struct TextIndex {
    index: Index,
    reader: IndexReader,
    id: Field,
    text_en: Field,
    text_fr: Field,
    fields: Fields,
}

fn analyzer(lang: Lang) -> TextAnalyzer {
    let language = match lang {
        Lang::En => Language::English,
        Lang::Fr => Language::French,
    };
    let mut builder = TextAnalyzer::builder(SimpleTokenizer::default())
        .filter(RemoveLongFilter::limit(40))
        .filter(LowerCaser)
        .dynamic();
    if let Some(stop_words) = StopWordFilter::new(language) {
        builder = builder.filter_dynamic(stop_words);
    }
    // "ete" and "été" are one word to a French reader typing fast.
    if lang == Lang::Fr {
        builder = builder.filter_dynamic(AsciiFoldingFilter);
    }
    builder.filter_dynamic(Stemmer::new(language)).build()
}

fn tokenizer_name(lang: Lang) -> &'static str {
    match lang {
        Lang::En => "smartcity_en",
        Lang::Fr => "smartcity_fr",
    }
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
        for lang in Lang::ALL {
            index.tokenizers().register(tokenizer_name(lang), analyzer(lang));
        }
        let schema = index.schema();
        let id = schema.get_field("id")?;
        let text_en = schema.get_field("text_en")?;
        let text_fr = schema.get_field("text_fr")?;
        let fields = Fields {
            lang: schema.get_field("lang")?,
            kind: schema.get_field("kind")?,
            station: schema.get_field("station")?,
            variables: schema.get_field("variables")?,
            period_start: schema.get_field("period_start")?,
            period_end: schema.get_field("period_end")?,
        };
        let reader = index.reader()?;
        Ok(Self { index, reader, id, text_en, text_fr, fields })
    }

    fn field(&self, lang: Lang) -> Field {
        match lang {
            Lang::En => self.text_en,
            Lang::Fr => self.text_fr,
        }
    }

    pub fn writer(&self) -> anyhow::Result<IndexWriter> {
        Ok(self.index.writer(WRITER_MEMORY)?)
    }

    pub fn add(&self, writer: &IndexWriter, chunk: &ChunkMeta, text: &str) -> anyhow::Result<()> {
        let f = &self.fields;
        let mut document = doc!(
            self.id => chunk.id,
            f.lang => chunk.lang.code(),
            f.kind => chunk.kind.as_str(),
            f.period_start => day_number(chunk.from),
            f.period_end => day_number(chunk.to),
            self.field(chunk.lang) => text,
        );
        if let Some(station) = chunk.station_id {
            document.add_i64(f.station, station);
        }
        for variable in &chunk.variables {
            document.add_text(f.variables, variable);
        }
        writer.add_document(document)?;
        Ok(())
    }

    /// Commits the writer's documents and makes them searchable.
    pub fn commit(&self, mut writer: IndexWriter) -> anyhow::Result<()> {
        writer.commit()?;
        writer.wait_merging_threads()?;
        self.reader.reload()?;
        Ok(())
    }

    pub fn len(&self) -> u64 {
        self.reader.searcher().num_docs()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }

    /// The `k` best BM25 matches of `query` among the chunks `filter` lets through, with their scores.
    pub fn search(&self, query: &str, filter: &Filter, k: usize) -> anyhow::Result<Vec<(i64, f32)>> {
        let field = self.field(filter.lang);
        let mut analyzer = analyzer(filter.lang);
        let mut stream = analyzer.token_stream(query);
        let mut terms: Vec<(Occur, Box<dyn Query>)> = Vec::new();
        let mut seen = HashSet::new();
        while stream.advance() {
            let text = stream.token().text.clone();
            if seen.insert(text.clone()) {
                let term = Term::from_field_text(field, &text);
                terms.push((Occur::Should, Box::new(TermQuery::new(term, IndexRecordOption::WithFreqs))));
            }
        }
        if terms.is_empty() || k == 0 {
            return Ok(Vec::new());
        }
        let query = BooleanQuery::new(vec![
            (Occur::Must, Box::new(BooleanQuery::new(terms)) as Box<dyn Query>),
            (Occur::Must, filter.query(&self.fields)),
        ]);
        let searcher = self.reader.searcher();
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
    builder.add_text_field("lang", STRING);
    builder.add_text_field("kind", STRING);
    builder.add_i64_field("station", INDEXED);
    builder.add_text_field("variables", STRING);
    builder.add_i64_field("period_start", INDEXED | FAST);
    builder.add_i64_field("period_end", INDEXED | FAST);
    for lang in Lang::ALL {
        let indexing = TextFieldIndexing::default()
            .set_tokenizer(tokenizer_name(lang))
            .set_index_option(IndexRecordOption::WithFreqsAndPositions);
        builder.add_text_field(&format!("text_{}", lang.code()), TextOptions::default().set_indexing_options(indexing));
    }
    builder.build()
}
