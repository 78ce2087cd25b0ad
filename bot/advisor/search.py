"""Find the product a rep means: exact SKU, name words (typo-tolerant), full text and meaning.

The signals are blended into one score per product:
  - name: how much of the product's name (weighted by word rarity) the question contains,
  - meaning: cosine between the question and the product text (FAISS over the catalog),
  - text: SQLite full-text (bm25) over name, brand, family, category, description, features,
  - sku: the question names the SKU exactly (always wins).
"""

from __future__ import annotations

import re
from dataclasses import dataclass

import numpy as np

from bot.advisor.words import Vocabulary, content_tokens, tokens
from catalog import Catalog, Product
from embeddings import Encoder, VectorIndex, VectorStore

_SKU_LIKE = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-_./]{2,}")
WEIGHTS = {"name": 0.45, "meaning": 0.35, "text": 0.20}


@dataclass(frozen=True)
class Match:
    product: Product
    score: float
    signals: dict[str, float]

    def to_dict(self) -> dict:
        return {**self.product.summary(), "score": round(self.score, 3)}


class ProductSearch:
    def __init__(self, catalog: Catalog, encoder: Encoder, index: VectorIndex, store: VectorStore):
        self.catalog = catalog
        self.encoder = encoder
        self.index = index
        self.store = store
        self.vocabulary = Vocabulary(p.name for p in catalog.all())

    def find(self, text: str, *, limit: int = 5, pool: int = 20) -> list[Match]:
        words = self.vocabulary.corrected(content_tokens(text))
        if not words and not text.strip():
            return []
        sku_hits = self._sku_hits(text)
        lexical = dict(self.catalog.full_text(" ".join(words), limit=pool)) if words else {}
        vector = self.encoder.encode_query(" ".join(words) or text)
        ids = dict(self.index.search(vector, pool))
        keys = self.store.keys_for(ids)
        meaning = {keys[i]: score for i, score in ids.items() if i in keys}
        candidates = self.catalog.many([*sku_hits, *lexical, *meaning])
        missing = [sku for sku in candidates if sku not in meaning]
        for sku, vec in self.store.vectors(missing).items():
            meaning[sku] = float(np.dot(vec, vector))
        top_text = max(lexical.values(), default=0.0) or 1.0
        question_words = set(words)
        matches = []
        for sku, product in candidates.items():
            signals = {
                "name": self._name_coverage(product, question_words),
                "meaning": max(meaning.get(sku, 0.0), 0.0),
                "text": lexical.get(sku, 0.0) / top_text,
            }
            score = sum(WEIGHTS[k] * v for k, v in signals.items())
            if sku in sku_hits:
                signals["sku"] = 1.0
                score += 1.0
            matches.append(Match(product, score, signals))
        matches.sort(key=lambda m: (-m.score, m.product.price, m.product.sku))
        return matches[:limit]

    def _sku_hits(self, text: str) -> list[str]:
        words = {w.strip(".,;:!?()[]'\"") for w in _SKU_LIKE.findall(text)}
        found = self.catalog.many(w for w in words if any(c.isdigit() for c in w) or "-" in w)
        return list(found)

    def _name_coverage(self, product: Product, question_words: set[str]) -> float:
        name_words = set(tokens(product.name))
        if not name_words:
            return 0.0
        total = sum(self.vocabulary.idf(w) for w in name_words)
        hit = sum(self.vocabulary.idf(w) for w in name_words if w in question_words)
        return hit / total if total else 0.0
