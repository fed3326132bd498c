//! A BERT encoder written as an ONNX graph for ONNX Runtime, straight from the checkpoint's
//! `model.safetensors` and `config.json` (no torch export). It uses ONNX Runtime's fused BERT
//! operators (Attention, SkipLayerNormalization, BiasGelu) and outputs the last hidden state.

use anyhow::{Context, bail};
use safetensors::{Dtype, SafeTensors};

use super::proto::Message;
use super::BertConfig;

/// Graph inputs, both int32 [batch, tokens]; the output is float [batch, tokens, hidden].
pub const INPUT_IDS: &str = "input_ids";
pub const ATTENTION_MASK: &str = "attention_mask";
pub const HIDDEN: &str = "last_hidden_state";

const IR_VERSION: i64 = 8;
const OPSET: i64 = 17;
const MICROSOFT: &str = "com.microsoft";

const FLOAT: i64 = 1;
const INT32: i64 = 6;
const INT64: i64 = 7;

pub fn bert(weights: &SafeTensors, config: &BertConfig) -> anyhow::Result<Vec<u8>> {
    if config.hidden_act != "gelu" {
        bail!("hidden_act {:?} is not supported by the ONNX runtime (only gelu): set embedding.runtime = \"candle\"", config.hidden_act);
    }
    if config.position_embedding_type.as_deref().is_some_and(|t| t != "absolute") {
        bail!("position_embedding_type {:?} is not supported: set embedding.runtime = \"candle\"", config.position_embedding_type);
    }
    let w = Weights::new(weights)?;
    let hidden = config.hidden_size;
    let epsilon = config.layer_norm_eps as f32;
    // The weights once, and a little for the rest: the model is never copied whole.
    let size = weights.tensors().iter().map(|(_, t)| t.data().len()).sum::<usize>() + (1 << 20);
    let mut g = Graph { body: Message::with_capacity(size), nodes: 0 };

    // Token type 0 for every token (one sentence per text): fold it into the position embeddings.
    let positions = w.matrix("embeddings.position_embeddings.weight", config.max_position_embeddings, hidden)?;
    let token_type = w.matrix("embeddings.token_type_embeddings.weight", 0, hidden)?;
    let positions: Vec<f32> = positions.iter().enumerate().map(|(i, p)| p + token_type[i % hidden]).collect();
    let positions = g.floats("positions", &[config.max_position_embeddings, hidden], &positions);
    let words = w.as_is(&mut g, "embeddings.word_embeddings.weight")?;
    let word = g.node("Gather", "", &[&words, INPUT_IDS], vec![]);
    let length = g.node("Shape", "", &[INPUT_IDS], vec![int_attribute("start", 1), int_attribute("end", 2)]);
    let zero = g.int64s("zero", &[0]);
    let position = g.node("Slice", "", &[&positions, &zero, &length, &zero], vec![]);
    let embedded = g.node("Add", "", &[&word, &position], vec![]);
    let gamma = w.as_is(&mut g, "embeddings.LayerNorm.weight")?;
    let beta = w.as_is(&mut g, "embeddings.LayerNorm.bias")?;
    let mut x = g.node(
        "LayerNormalization",
        "",
        &[&embedded, &gamma, &beta],
        vec![int_attribute("axis", -1), float_attribute("epsilon", epsilon)],
    );

    for layer in 0..config.num_hidden_layers {
        let p = format!("encoder.layer.{layer}.");
        let (mut qkv, mut qkv_bias) = (Vec::new(), Vec::new());
        for part in ["query", "key", "value"] {
            qkv.push(w.matrix(&format!("{p}attention.self.{part}.weight"), hidden, hidden)?);
            qkv_bias.extend(w.vector(&format!("{p}attention.self.{part}.bias"), hidden)?);
        }
        // [hidden, 3 * hidden]: the query, key and value columns side by side.
        let mut packed = vec![0f32; hidden * 3 * hidden];
        for (part, matrix) in qkv.iter().enumerate() {
            for out in 0..hidden {
                for inp in 0..hidden {
                    packed[inp * 3 * hidden + part * hidden + out] = matrix[out * hidden + inp];
                }
            }
        }
        let qkv = g.floats(&format!("{p}qkv"), &[hidden, 3 * hidden], &packed);
        let qkv_bias = g.floats(&format!("{p}qkv_bias"), &[3 * hidden], &qkv_bias);
        let heads = config.num_attention_heads as i64;
        let attended =
            g.node("Attention", MICROSOFT, &[&x, &qkv, &qkv_bias, ATTENTION_MASK], vec![int_attribute("num_heads", heads)]);
        x = w.dense_then_norm(&mut g, &format!("{p}attention.output."), &attended, &x, (hidden, hidden), epsilon)?;

        let up = w.transposed(&mut g, &format!("{p}intermediate.dense.weight"), config.intermediate_size, hidden)?;
        let up_bias = w.as_is(&mut g, &format!("{p}intermediate.dense.bias"))?;
        let up = g.node("MatMul", "", &[&x, &up], vec![]);
        let activated = g.node("BiasGelu", MICROSOFT, &[&up, &up_bias], vec![]);
        x = w.dense_then_norm(&mut g, &format!("{p}output."), &activated, &x, (hidden, config.intermediate_size), epsilon)?;
    }
    g.push_node(node("Identity", "", &[&x], HIDDEN, vec![]));

    let tokens = |name: &str| value_info(name, INT32, &[Dim::Named("batch"), Dim::Named("tokens")]);
    let output = value_info(HIDDEN, FLOAT, &[Dim::Named("batch"), Dim::Named("tokens"), Dim::Size(hidden)]);
    let graph = g.body.string(2, "bert").message(11, &tokens(INPUT_IDS)).message(11, &tokens(ATTENTION_MASK)).message(12, &output);
    let opset = |domain: &str, version| Message::new().string(1, domain).int(2, version);
    let model = Message::new()
        .int(1, IR_VERSION)
        .string(2, "smartcity")
        .message(8, &opset("", OPSET))
        .message(8, &opset(MICROSOFT, 1));
    Ok(graph.nest_under(model, 7))
}

struct Weights<'a> {
    tensors: &'a SafeTensors<'a>,
    /// "" or "bert.", as the checkpoint names its tensors.
    prefix: &'static str,
}

impl<'a> Weights<'a> {
    fn new(tensors: &'a SafeTensors<'a>) -> anyhow::Result<Self> {
        let prefix = ["", "bert."]
            .into_iter()
            .find(|p| tensors.tensor(&format!("{p}embeddings.word_embeddings.weight")).is_ok())
            .context("model.safetensors has no embeddings.word_embeddings.weight: not a BERT checkpoint")?;
        Ok(Self { tensors, prefix })
    }

    fn tensor(&self, name: &str) -> anyhow::Result<safetensors::tensor::TensorView<'a>> {
        let full = format!("{}{name}", self.prefix);
        let tensor = self.tensors.tensor(&full).with_context(|| format!("model.safetensors has no {full}"))?;
        if tensor.dtype() != Dtype::F32 {
            bail!("{full} is {:?}; the ONNX runtime reads float32 checkpoints (embedding.runtime = \"candle\" reads others)", tensor.dtype());
        }
        Ok(tensor)
    }

    fn floats(&self, name: &str) -> anyhow::Result<(Vec<usize>, Vec<f32>)> {
        let tensor = self.tensor(name)?;
        let values = tensor.data().chunks_exact(4).map(|b| f32::from_le_bytes([b[0], b[1], b[2], b[3]])).collect();
        Ok((tensor.shape().to_vec(), values))
    }

    /// A [rows, columns] matrix; `rows` 0 takes any number of rows.
    fn matrix(&self, name: &str, rows: usize, columns: usize) -> anyhow::Result<Vec<f32>> {
        let (shape, values) = self.floats(name)?;
        if shape.len() != 2 || shape[1] != columns || (rows != 0 && shape[0] != rows) {
            bail!("{}{name} has shape {shape:?}, config.json says [{rows}, {columns}]", self.prefix);
        }
        Ok(values)
    }

    fn vector(&self, name: &str, length: usize) -> anyhow::Result<Vec<f32>> {
        let (shape, values) = self.floats(name)?;
        if shape != [length] {
            bail!("{}{name} has shape {shape:?}, config.json says [{length}]", self.prefix);
        }
        Ok(values)
    }

    fn as_is(&self, g: &mut Graph, name: &str) -> anyhow::Result<String> {
        let tensor = self.tensor(name)?;
        Ok(g.initializer(name, FLOAT, tensor.shape(), tensor.data()))
    }

    /// A linear layer's [out, in] weight as the [in, out] matrix MatMul multiplies by.
    fn transposed(&self, g: &mut Graph, name: &str, out: usize, inp: usize) -> anyhow::Result<String> {
        let matrix = self.matrix(name, out, inp)?;
        let mut t = vec![0f32; matrix.len()];
        for o in 0..out {
            for i in 0..inp {
                t[i * out + o] = matrix[o * inp + i];
            }
        }
        Ok(g.floats(name, &[inp, out], &t))
    }

    /// LayerNorm(input · dense + bias + residual), BERT's step after attention and after the feed-forward.
    fn dense_then_norm(
        &self,
        g: &mut Graph,
        prefix: &str,
        input: &str,
        residual: &str,
        (out, inp): (usize, usize),
        epsilon: f32,
    ) -> anyhow::Result<String> {
        let weight = self.transposed(g, &format!("{prefix}dense.weight"), out, inp)?;
        let bias = self.as_is(g, &format!("{prefix}dense.bias"))?;
        let gamma = self.as_is(g, &format!("{prefix}LayerNorm.weight"))?;
        let beta = self.as_is(g, &format!("{prefix}LayerNorm.bias"))?;
        let projected = g.node("MatMul", "", &[input, &weight], vec![]);
        Ok(g.node(
            "SkipLayerNormalization",
            MICROSOFT,
            &[&projected, residual, &gamma, &beta, &bias],
            vec![float_attribute("epsilon", epsilon)],
        ))
    }
}

/// The graph's nodes and initializers, written straight into the message that becomes the model.
struct Graph {
    body: Message,
    nodes: usize,
}

impl Graph {
    /// Appends a node with one output, named after its position, and returns that name.
    fn node(&mut self, op: &str, domain: &str, inputs: &[&str], attributes: Vec<Message>) -> String {
        let output = format!("{op}_{}", self.nodes);
        self.push_node(node(op, domain, inputs, &output, attributes));
        output
    }

    fn push_node(&mut self, node: Message) {
        self.nodes += 1;
        self.body = std::mem::take(&mut self.body).message(1, &node);
    }

    fn floats(&mut self, name: &str, dims: &[usize], values: &[f32]) -> String {
        let raw: Vec<u8> = values.iter().flat_map(|v| v.to_le_bytes()).collect();
        self.initializer(name, FLOAT, dims, &raw)
    }

    fn int64s(&mut self, name: &str, values: &[i64]) -> String {
        let raw: Vec<u8> = values.iter().flat_map(|v| v.to_le_bytes()).collect();
        self.initializer(name, INT64, &[values.len()], &raw)
    }

    fn initializer(&mut self, name: &str, data_type: i64, dims: &[usize], raw: &[u8]) -> String {
        let mut head = Message::new();
        for &d in dims {
            head = head.int(1, d as i64);
        }
        let head = head.int(2, data_type).string(8, name);
        self.body = std::mem::take(&mut self.body).message_ending_in(5, &head, 9, raw);
        name.to_string()
    }
}

fn node(op: &str, domain: &str, inputs: &[&str], output: &str, attributes: Vec<Message>) -> Message {
    let mut node = Message::new();
    for input in inputs {
        node = node.string(1, input);
    }
    node = node.string(2, output).string(3, output).string(4, op).string(7, domain);
    for attribute in &attributes {
        node = node.message(5, attribute);
    }
    node
}

fn int_attribute(name: &str, value: i64) -> Message {
    const INT: i64 = 2;
    Message::new().string(1, name).int(20, INT).int(3, value)
}

fn float_attribute(name: &str, value: f32) -> Message {
    const FLOAT_ATTRIBUTE: i64 = 1;
    Message::new().string(1, name).int(20, FLOAT_ATTRIBUTE).float(2, value)
}

enum Dim<'a> {
    Named(&'a str),
    Size(usize),
}

fn value_info(name: &str, elem_type: i64, dims: &[Dim]) -> Message {
    let mut shape = Message::new();
    for dim in dims {
        let dim = match dim {
            Dim::Named(param) => Message::new().string(2, param),
            Dim::Size(size) => Message::new().int(1, *size as i64),
        };
        shape = shape.message(1, &dim);
    }
    let tensor = Message::new().int(1, elem_type).message(2, &shape);
    Message::new().string(1, name).message(2, &Message::new().message(1, &tensor))
}
