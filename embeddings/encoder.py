"""The sentence encoder: loaded lazily, once per process; normalized float32 vectors.

The backend (embeddings/backends.py) is a setting: onnx (the default: the same vectors as torch
fp32, about three times faster), torch, or bf16 (torch in bfloat16: slightly different vectors,
so its vectors are kept apart from the others').
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from pathlib import Path

import numpy as np

from embeddings.backends import BACKENDS

DEFAULT_BACKEND = "onnx"


class Encoder:
    def __init__(self, model: str, *, backend: str = DEFAULT_BACKEND, cache_dir: Path | None = None,
                 query_cache_size: int = 2048):
        if backend not in BACKENDS:
            raise ValueError(f"unknown encoder backend {backend!r}; use one of {', '.join(BACKENDS)}")
        self.model_name = model
        self.backend_name = backend
        self.cache_dir = Path(cache_dir) if cache_dir else Path(".salesbot-cache")
        self._backend = None
        self._lock = threading.Lock()
        self._cache_lock = threading.Lock()
        self._cache: OrderedDict[str, np.ndarray] = OrderedDict()
        self._cache_size = query_cache_size

    @property
    def identity(self) -> str:
        """What the vectors are made by. onnx fp32 reproduces torch fp32 (cosine 1.0000), so they
        share vectors; bfloat16 vectors differ slightly and are never mixed with them."""
        if self.backend_name == "e5":
            from embeddings.backends import E5_MODEL

            return E5_MODEL
        return self.model_name if self.backend_name != "bf16" else f"{self.model_name}+bf16"

    @property
    def backend(self):
        if self._backend is None:
            with self._lock:
                if self._backend is None:
                    from embeddings.backends import load_backend

                    self._backend = load_backend(self.model_name, self.backend_name,
                                                 cache_dir=self.cache_dir)
        return self._backend

    def load(self) -> Encoder:
        """Load the model now (at start-up) and warm it with one encode."""
        self.encode(["warm-up"])
        return self

    @property
    def dimension(self) -> int:
        return int(self.backend.dimension)

    def encode(self, texts: list[str], *, batch_size: int = 32) -> np.ndarray:
        texts = list(texts)
        if not texts:
            return np.zeros((0, self.dimension), dtype=np.float32)
        vectors = self.backend.encode(texts, batch_size)
        return np.ascontiguousarray(vectors, dtype=np.float32).reshape(len(texts), -1)

    def clear_cache(self) -> None:
        with self._cache_lock:
            self._cache.clear()

    def encode_query(self, text: str) -> np.ndarray:
        """One question's vector; repeated questions come from a small LRU cache."""
        key = " ".join(text.lower().split())
        with self._cache_lock:
            cached = self._cache.get(key)
            if cached is not None:
                self._cache.move_to_end(key)
                return cached
        queries = getattr(self.backend, "encode_queries", None)  # e5: questions are queries, products passages
        vector = np.ascontiguousarray(queries([key])[0] if queries else self.encode([key])[0], dtype=np.float32)
        vector.setflags(write=False)
        with self._cache_lock:
            self._cache[key] = vector
            if len(self._cache) > self._cache_size:
                self._cache.popitem(last=False)
        return vector
