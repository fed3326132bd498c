"""The peers of `smartcity bench embed`, on the texts and questions it wrote (scripts/bench --peers):
sentence-transformers on torch, and ONNX Runtime on an fp32 export of the same checkpoint with
mean pooling. Prints one Markdown row per peer, in the columns of `smartcity bench embed`.

    python bench-peers.py DIR MODEL_DIR REFERENCE_JSON
"""

import json
import os
import sys
import time

import numpy as np
import onnxruntime
import torch
from sentence_transformers import SentenceTransformer

BATCH = 32
ROUNDS = 2
THREADS = os.cpu_count()


def lines(path):
    with open(path) as f:
        return [json.loads(line)["text"] for line in f if line.strip()]


def percentile(ms, p):
    ms = sorted(ms)
    return ms[max(1, min(len(ms), int(np.ceil(len(ms) * p)))) - 1]


def row(name, texts, questions, reference, embed):
    best = float("inf")
    for _ in range(ROUNDS):
        t = time.perf_counter()
        embed(texts)
        best = min(best, time.perf_counter() - t)
    ms = []
    for q in questions:
        t = time.perf_counter()
        embed([q])
        ms.append((time.perf_counter() - t) * 1000)
    worst = min(
        float(np.dot(embed([item["text"]])[0], np.array(item["embedding"], dtype=np.float32))
              / np.linalg.norm(item["embedding"]))
        for item in reference["items"]
    )
    print(f"| {name} | {len(texts) / best:.1f} | {percentile(ms, 0.5):.1f} ms | {percentile(ms, 0.95):.1f} ms "
          f"| {worst:.5f} |", flush=True)


def by_length(texts, encode):
    order = sorted(range(len(texts)), key=lambda i: len(texts[i]))
    out = [None] * len(texts)
    for start in range(0, len(order), BATCH):
        batch = order[start:start + BATCH]
        for i, vector in zip(batch, encode([texts[i] for i in batch])):
            out[i] = vector
    return np.stack(out)


def main():
    work, model_dir, reference_path = sys.argv[1:4]
    texts = lines(os.path.join(work, "texts.jsonl"))
    questions = lines(os.path.join(work, "questions.jsonl"))
    with open(reference_path) as f:
        reference = json.load(f)
    torch.set_num_threads(THREADS)

    st = SentenceTransformer(model_dir, device="cpu")
    row(f"sentence-transformers {__import__('sentence_transformers').__version__} on torch {torch.__version__}",
        texts, questions, reference,
        lambda batch: st.encode(batch, batch_size=BATCH, normalize_embeddings=True, convert_to_numpy=True))

    tokenizer = st.tokenizer
    bert = st[0].auto_model.eval()

    class LastHiddenState(torch.nn.Module):
        def __init__(self):
            super().__init__()
            self.bert = bert

        def forward(self, input_ids, attention_mask, token_type_ids):
            return self.bert(input_ids=input_ids, attention_mask=attention_mask,
                             token_type_ids=token_type_ids).last_hidden_state

    onnx_path = os.path.join(work, "model.onnx")
    sample = tokenizer(["a sample sentence"], return_tensors="pt")
    names = ["input_ids", "attention_mask", "token_type_ids"]
    axes = {name: {0: "batch", 1: "tokens"} for name in names}
    axes["last_hidden_state"] = {0: "batch", 1: "tokens"}
    with torch.no_grad():
        torch.onnx.export(LastHiddenState(), tuple(sample[n] for n in names), onnx_path, input_names=names,
                          output_names=["last_hidden_state"], dynamic_axes=axes, opset_version=17, dynamo=False)
    options = onnxruntime.SessionOptions()
    options.intra_op_num_threads = THREADS
    options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
    session = onnxruntime.InferenceSession(onnx_path, options, providers=["CPUExecutionProvider"])

    def encode(batch):
        enc = tokenizer(batch, padding=True, truncation=True, max_length=st.max_seq_length, return_tensors="np")
        feed = {n: enc[n].astype(np.int64) for n in names}
        hidden = session.run(None, feed)[0]
        mask = feed["attention_mask"][:, :, None].astype(np.float32)
        mean = (hidden * mask).sum(1) / np.clip(mask.sum(1), 1e-9, None)
        return mean / np.clip(np.linalg.norm(mean, axis=1, keepdims=True), 1e-12, None)

    row(f"ONNX Runtime {onnxruntime.__version__}, fp32 export, mean pooling", texts, questions, reference,
        lambda batch: by_length(batch, encode))


if __name__ == "__main__":
    main()
