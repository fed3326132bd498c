//! The encoder on ONNX Runtime, loaded at run time from the `libonnxruntime.so` of the PyPI
//! `onnxruntime` wheel that `scripts/setup` installs (no torch, nothing downloaded when running).

use std::path::Path;
use std::sync::Mutex;

use anyhow::{Context, anyhow, bail};
use ort::environment::Environment;
use ort::session::Session;
use ort::session::builder::GraphOptimizationLevel;
use ort::value::Tensor;

use super::{BertConfig, Tokens, graph, mean_pool};

pub struct OnnxBert {
    session: Mutex<Session>,
}

impl OnnxBert {
    pub fn load(library: &Path, weights: &Path, config: &BertConfig) -> anyhow::Result<Self> {
        let environment = environment(library)?;
        let model = write_graph(weights, config)?;
        let threads = std::thread::available_parallelism().map_or(1, |n| n.get());
        let session = Session::builder(&environment)
            .map_err(|e| anyhow!("ONNX Runtime: {e}"))?
            .with_optimization_level(GraphOptimizationLevel::All)
            .and_then(|b| b.with_intra_threads(threads))
            // Threads spin while a run lasts (a hand-off between operators then costs no wake-up) and
            // stop when it returns: spinning idle, they would take the cores PostgreSQL needs.
            .and_then(|b| b.with_intra_op_spinning(true))
            .and_then(|b| b.with_config_entry("session.force_spinning_stop", "1"))
            .map_err(|e| anyhow!("ONNX Runtime: {e}"))?
            .commit_from_memory(&model)
            .map_err(|e| anyhow!("ONNX Runtime cannot load the BERT graph of {}: {e}", weights.display()))?;
        Ok(Self { session: Mutex::new(session) })
    }

    pub fn embed(&self, tokens: &Tokens) -> anyhow::Result<Vec<Vec<f32>>> {
        let shape = [tokens.texts, tokens.length];
        let column = |values: &[u32]| Tensor::from_array((shape, values.iter().map(|&v| v as i32).collect::<Vec<_>>()));
        let ids = column(&tokens.ids).map_err(|e| anyhow!("ONNX Runtime: {e}"))?;
        let mask = column(&tokens.mask).map_err(|e| anyhow!("ONNX Runtime: {e}"))?;
        let mut session = self.session.lock().map_err(|_| anyhow!("an earlier embedding panicked"))?;
        let outputs = session
            .run(ort::inputs![graph::INPUT_IDS => ids, graph::ATTENTION_MASK => mask])
            .map_err(|e| anyhow!("ONNX Runtime: {e}"))?;
        let (_, hidden) = outputs[graph::HIDDEN].try_extract_tensor::<f32>().map_err(|e| anyhow!("ONNX Runtime: {e}"))?;
        Ok(mean_pool(hidden, tokens))
    }
}

fn write_graph(weights: &Path, config: &BertConfig) -> anyhow::Result<Vec<u8>> {
    let file = std::fs::File::open(weights).with_context(|| format!("cannot read {}", weights.display()))?;
    // SAFETY: the weights file is mapped read-only and only read while the graph is written.
    let mapped = unsafe { memmap2::Mmap::map(&file) }.with_context(|| format!("cannot read {}", weights.display()))?;
    let tensors = safetensors::SafeTensors::deserialize(&mapped)
        .with_context(|| format!("{} is not a safetensors file", weights.display()))?;
    graph::bert(&tensors, config)
}

/// ONNX Runtime allows one environment per process: the first load makes it, later ones share it.
fn environment(library: &Path) -> anyhow::Result<Environment> {
    static ENVIRONMENT: Mutex<Option<Environment>> = Mutex::new(None);
    if !library.is_file() {
        bail!(
            "no ONNX Runtime at {}: run scripts/setup, set embedding.onnxruntime to a libonnxruntime.so (1.31 or later), or set embedding.runtime = \"candle\"",
            library.display()
        );
    }
    let mut shared = ENVIRONMENT.lock().map_err(|_| anyhow!("ONNX Runtime failed to start earlier"))?;
    if let Some(environment) = shared.as_ref() {
        return Ok(environment.clone());
    }
    let environment = ort::init_from(library)
        .map_err(|e| anyhow!("cannot load ONNX Runtime: {e}"))?
        .with_name("smartcity")
        .build()
        .map_err(|e| anyhow!("ONNX Runtime: {e}"))?;
    *shared = Some(environment.clone());
    Ok(environment)
}
