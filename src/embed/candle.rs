//! The encoder on candle: pure Rust, no shared library, about half as fast as ONNX Runtime here.

use std::path::Path;

use anyhow::Context;
use candle_core::{DType, Device, Tensor};
use candle_nn::VarBuilder;
use candle_transformers::models::bert::{BertModel, Config};

use super::{Tokens, mean_pool};

pub struct CandleBert {
    model: BertModel,
    device: Device,
}

impl CandleBert {
    pub fn load(model_dir: &Path, weights: &Path) -> anyhow::Result<Self> {
        let config: Config = super::read_json(&model_dir.join("config.json"))?;
        let device = Device::Cpu;
        // SAFETY: the weights file is memory-mapped read-only and not modified while the model lives.
        let vb = unsafe { VarBuilder::from_mmaped_safetensors(&[weights], DType::F32, &device) }
            .with_context(|| format!("cannot read {}", weights.display()))?;
        let model = BertModel::load(vb, &config)
            .with_context(|| format!("{} is not a BERT checkpoint", model_dir.display()))?;
        Ok(Self { model, device })
    }

    pub fn embed(&self, tokens: &Tokens) -> anyhow::Result<Vec<Vec<f32>>> {
        let shape = (tokens.texts, tokens.length);
        let ids = Tensor::from_slice(&tokens.ids, shape, &self.device)?;
        let type_ids = ids.zeros_like()?;
        let mask = Tensor::from_slice(&tokens.mask, shape, &self.device)?;
        let hidden = self.model.forward(&ids, &type_ids, Some(&mask))?;
        Ok(mean_pool(&hidden.flatten_all()?.to_vec1::<f32>()?, tokens))
    }
}
