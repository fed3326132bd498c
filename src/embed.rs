//! Sentence embeddings on candle from a local sentence-transformers BERT checkpoint:
//! WordPiece tokens, mean pooling over the attention mask, L2 normalisation.

use std::path::{Path, PathBuf};

use anyhow::{Context, bail};
use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config};
use serde::Deserialize;
use tokenizers::{PaddingParams, PaddingStrategy, Tokenizer, TruncationParams};

/// sentence-transformers' default for this family when the checkpoint does not say.
const DEFAULT_MAX_TOKENS: usize = 256;

pub struct Embedder {
    model: BertModel,
    tokenizer: Tokenizer,
    device: Device,
    dimension: usize,
    model_dir: PathBuf,
    fingerprint: String,
}

/// Texts per forward pass when indexing: big enough to keep both cores busy, small enough that
/// length-sorted batches waste little padding.
pub const BATCH: usize = 32;

#[derive(Deserialize)]
struct SentenceBertConfig {
    max_seq_length: usize,
}

impl Embedder {
    pub fn load(model_dir: &Path) -> anyhow::Result<Self> {
        for file in ["config.json", "tokenizer.json", "model.safetensors"] {
            if !model_dir.join(file).is_file() {
                bail!(
                    "no embedding model in {} ({file} is missing): run scripts/setup, or set SMARTCITY_MODEL_DIR to a sentence-transformers BERT checkpoint",
                    model_dir.display()
                );
            }
        }
        let config: Config = read_json(&model_dir.join("config.json"))?;
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
        let device = Device::Cpu;
        let weights = model_dir.join("model.safetensors");
        let fingerprint = fingerprint(&[&model_dir.join("config.json"), &model_dir.join("tokenizer.json"), &weights])?;
        // SAFETY: the weights file is memory-mapped read-only and not modified while the model lives.
        let vb = unsafe { VarBuilder::from_mmaped_safetensors(&[&weights], DType::F32, &device) }
            .with_context(|| format!("cannot read {}", weights.display()))?;
        let model = BertModel::load(vb, &config)
            .with_context(|| format!("{} is not a BERT checkpoint", model_dir.display()))?;
        Ok(Self {
            model,
            tokenizer,
            device,
            dimension: config.hidden_size,
            model_dir: model_dir.to_path_buf(),
            fingerprint,
        })
    }

    pub fn dimension(&self) -> usize {
        self.dimension
    }

    pub fn model_dir(&self) -> &Path {
        &self.model_dir
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
        let rows = |f: &dyn Fn(&tokenizers::Encoding) -> &[u32]| -> anyhow::Result<Tensor> {
            let rows = encodings.iter().map(|e| Tensor::new(f(e), &self.device)).collect::<Result<Vec<_>, _>>()?;
            Ok(Tensor::stack(&rows, 0)?)
        };
        let ids = rows(&|e| e.get_ids())?;
        let type_ids = rows(&|e| e.get_type_ids())?;
        let mask = rows(&|e| e.get_attention_mask())?;
        let hidden = self.model.forward(&ids, &type_ids, Some(&mask))?;
        let mask = mask.to_dtype(DType::F32)?.unsqueeze(2)?;
        let summed = hidden.broadcast_mul(&mask)?.sum(1)?;
        let counts = mask.sum(1)?;
        let mean = summed.broadcast_div(&counts)?;
        let norms = mean.sqr()?.sum_keepdim(1)?.sqrt()?.clamp(1e-12, f32::MAX)?;
        Ok(mean.broadcast_div(&norms)?.to_vec2()?)
    }
}

fn fingerprint(files: &[&Path]) -> anyhow::Result<String> {
    use sha2::{Digest, Sha256};
    let mut hasher = Sha256::new();
    for file in files {
        let mut reader = std::fs::File::open(file).with_context(|| format!("cannot read {}", file.display()))?;
        std::io::copy(&mut reader, &mut hasher).with_context(|| format!("cannot read {}", file.display()))?;
    }
    Ok(format!("{:x}", hasher.finalize()))
}

fn read_json<T: serde::de::DeserializeOwned>(path: &Path) -> anyhow::Result<T> {
    let text = std::fs::read_to_string(path).with_context(|| format!("cannot read {}", path.display()))?;
    serde_json::from_str(&text).with_context(|| format!("{} is not valid", path.display()))
}
