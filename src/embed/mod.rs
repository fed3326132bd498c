//! Sentence embeddings from a local sentence-transformers BERT checkpoint: WordPiece tokens, the
//! encoder (ONNX Runtime by default, candle as the pure-Rust alternative), mean pooling over the
//! attention mask, L2 normalisation.

mod candle;
mod graph;
mod onnx;
mod proto;

use std::path::{Path, PathBuf};

use anyhow::bail;
use serde::Deserialize;
use tokenizers::{PaddingParams, PaddingStrategy, Tokenizer, TruncationParams};

/// sentence-transformers' default for this family when the checkpoint does not say.
const DEFAULT_MAX_TOKENS: usize = 256;

/// Texts per forward pass when indexing: big enough to keep both cores busy, small enough that
/// length-sorted batches waste little padding.
pub const BATCH: usize = 32;

/// What runs the encoder.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Runtime {
    #[default]
    Onnx,
    Candle,
}

impl Runtime {
    pub fn name(self) -> &'static str {
        match self {
            Runtime::Onnx => "onnx",
            Runtime::Candle => "candle",
        }
    }
}

/// Where the model is and what runs it.
#[derive(Debug, Clone)]
pub struct Options {
    pub model_dir: PathBuf,
    pub runtime: Runtime,
    /// ONNX Runtime's shared library, for `Runtime::Onnx`.
    pub onnxruntime: PathBuf,
}

pub struct Embedder {
    encoder: Encoder,
    tokenizer: Tokenizer,
    dimension: usize,
    model_dir: PathBuf,
    fingerprint: String,
}

enum Encoder {
    Onnx(onnx::OnnxBert),
    Candle(candle::CandleBert),
}

/// The fields of a BERT `config.json` the ONNX graph is written from.
#[derive(Deserialize)]
struct BertConfig {
    hidden_size: usize,
    num_attention_heads: usize,
    num_hidden_layers: usize,
    intermediate_size: usize,
    max_position_embeddings: usize,
    #[serde(default = "default_layer_norm_eps")]
    layer_norm_eps: f64,
    hidden_act: String,
    position_embedding_type: Option<String>,
}

fn default_layer_norm_eps() -> f64 {
    1e-12
}

#[derive(Deserialize)]
struct SentenceBertConfig {
    max_seq_length: usize,
}

/// A tokenised batch, padded to its longest text: [texts, length] row-major.
struct Tokens {
    texts: usize,
    length: usize,
    ids: Vec<u32>,
    mask: Vec<u32>,
}

impl Embedder {
    pub fn load(options: &Options) -> anyhow::Result<Self> {
        let model_dir = &options.model_dir;
        for file in ["config.json", "tokenizer.json", "model.safetensors"] {
            if !model_dir.join(file).is_file() {
                bail!(
                    "no embedding model in {} ({file} is missing): run scripts/setup, or set SMARTCITY_MODEL_DIR to a sentence-transformers BERT checkpoint",
                    model_dir.display()
                );
            }
        }
        let config: BertConfig = read_json(&model_dir.join("config.json"))?;
        let max_tokens = read_json::<SentenceBertConfig>(&model_dir.join("sentence_bert_config.json"))
            .map(|c| c.max_seq_length)
            .unwrap_or(DEFAULT_MAX_TOKENS)
            .min(config.max_position_embeddings);
        let mut tokenizer = Tokenizer::from_file(model_dir.join("tokenizer.json"))
            .map_err(|e| anyhow::anyhow!("cannot read {}/tokenizer.json: {e}", model_dir.display()))?;
        // The checkpoint's tokenizer.json pads and truncates to a fixed 128 tokens; sentence-transformers
        // pads to the longest text of the batch and truncates at max_seq_length.
        tokenizer.with_padding(Some(PaddingParams { strategy: PaddingStrategy::BatchLongest, ..Default::default() }));
        tokenizer
            .with_truncation(Some(TruncationParams { max_length: max_tokens, ..Default::default() }))
            .map_err(|e| anyhow::anyhow!("tokenizer: {e}"))?;
        let weights = model_dir.join("model.safetensors");
        let fingerprint = fingerprint(&[&model_dir.join("config.json"), &model_dir.join("tokenizer.json"), &weights])?;
        let encoder = match options.runtime {
            Runtime::Onnx => Encoder::Onnx(onnx::OnnxBert::load(&options.onnxruntime, &weights, &config)?),
            Runtime::Candle => Encoder::Candle(candle::CandleBert::load(model_dir, &weights)?),
        };
        Ok(Self { encoder, tokenizer, dimension: config.hidden_size, model_dir: model_dir.clone(), fingerprint })
    }

    pub fn dimension(&self) -> usize {
        self.dimension
    }

    pub fn model_dir(&self) -> &Path {
        &self.model_dir
    }

    pub fn runtime(&self) -> Runtime {
        match self.encoder {
            Encoder::Onnx(_) => Runtime::Onnx,
            Encoder::Candle(_) => Runtime::Candle,
        }
    }

    /// What identifies the model: the SHA-256 of its configuration, tokenizer and weights.
    pub fn fingerprint(&self) -> &str {
        &self.fingerprint
    }

    /// Many texts, in length-sorted batches (little padding); `progress` gets the count done.
    pub fn embed_many(&self, texts: &[&str], progress: impl Fn(usize)) -> anyhow::Result<Vec<Vec<f32>>> {
        let mut order: Vec<usize> = (0..texts.len()).collect();
        order.sort_by_key(|&i| texts[i].len());
        let mut vectors = vec![Vec::new(); texts.len()];
        let mut done = 0;
        for batch in order.chunks(BATCH) {
            let batch_texts: Vec<&str> = batch.iter().map(|&i| texts[i]).collect();
            for (&i, vector) in batch.iter().zip(self.embed(&batch_texts)?) {
                vectors[i] = vector;
            }
            done += batch.len();
            progress(done);
        }
        Ok(vectors)
    }

    /// One unit-length vector per text, in order.
    pub fn embed(&self, texts: &[&str]) -> anyhow::Result<Vec<Vec<f32>>> {
        if texts.is_empty() {
            return Ok(Vec::new());
        }
        let encodings =
            self.tokenizer.encode_batch(texts.to_vec(), true).map_err(|e| anyhow::anyhow!("tokenizer: {e}"))?;
        let tokens = Tokens {
            texts: encodings.len(),
            length: encodings[0].len(),
            ids: encodings.iter().flat_map(|e| e.get_ids()).copied().collect(),
            mask: encodings.iter().flat_map(|e| e.get_attention_mask()).copied().collect(),
        };
        match &self.encoder {
            Encoder::Onnx(encoder) => encoder.embed(&tokens),
            Encoder::Candle(encoder) => encoder.embed(&tokens),
        }
    }
}

/// sentence-transformers' pooling: the mean of the text's token vectors, then unit length.
fn mean_pool(hidden: &[f32], tokens: &Tokens) -> Vec<Vec<f32>> {
    let dimension = hidden.len() / (tokens.texts * tokens.length);
    (0..tokens.texts)
        .map(|text| {
            let mut sum = vec![0f32; dimension];
            let mut count = 0f32;
            for position in 0..tokens.length {
                let at = text * tokens.length + position;
                if tokens.mask[at] == 1 {
                    count += 1.0;
                    for (s, h) in sum.iter_mut().zip(&hidden[at * dimension..(at + 1) * dimension]) {
                        *s += h;
                    }
                }
            }
            let mean: Vec<f32> = sum.iter().map(|s| s / count.max(1e-9)).collect();
            let norm = mean.iter().map(|x| x * x).sum::<f32>().sqrt().max(1e-12);
            mean.iter().map(|x| x / norm).collect()
        })
        .collect()
}

fn fingerprint(files: &[&Path]) -> anyhow::Result<String> {
    use anyhow::Context;
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    for file in files {
        let mut reader = std::fs::File::open(file).with_context(|| format!("cannot read {}", file.display()))?;
        std::io::copy(&mut reader, &mut hasher).with_context(|| format!("cannot read {}", file.display()))?;
    }
    Ok(format!("{:x}", hasher.finalize()))
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> anyhow::Result<T> {
    use anyhow::Context;
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{} is not valid", path.display()))
}
