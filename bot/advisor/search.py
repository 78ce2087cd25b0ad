"""Find the product a rep means: exact SKU, name words (typo-tolerant), full text and meaning.

The signals are blended into one score per product:
  - name: how much of the product's name (weighted by word rarity) the question contains,
  - meaning: cosine between the question and the product text (FAISS over the catalog),
  - text: SQLite full-text (bm25) over name, brand, family, category, description, features,
  - kind: the question names the product's kind ("phone" for Smartphones),
  - sku: the question names the SKU exactly (always wins).
Two readings of the wording then adjust the ranking: "a toner for the LaserJet ..." means the
toner that fits that printer, and "the cheapest plan" / "the top model" picks within a family.
"""

from __future__ import annotations

import re
from dataclasses import dataclass

from bot.advisor.words import Vocabulary, content_tokens, kind_words, names_kind, tokens
from bot.language import fold, languages
from catalog import Catalog, Product
from embeddings import Encoder, KeyMap, VectorIndex, VectorStore

_SKU_LIKE = re.compile(r"[A-Za-z0-9][A-Za-z0-9\-_./]{2,}")
_FOR_TARGET = re.compile(
    r"^(?P<head>.*?)\b(?:for|fits?|fitting|to\s+go\s+with|that\s+goes\s+with)\s+"
    r"(?:the|their|his|her|our|my|your|this|that|those|these|a|an)\s+(?P<target>.+)$",
    re.IGNORECASE)
# "deksel til galaxy s24", "toner voor de laserjet": the same in the other languages (bot/language),
# where no article is needed; a target must still match well (SURE_TARGET) to be read so.
_FOR_TARGET_LOCAL = re.compile(
    r"^(?P<head>.*?)(?<!\w)(?:" + "|".join(p for lang in languages().values() for p in lang.for_target) +
    r")\s+(?P<target>\S.+)$") if any(lang.for_target for lang in languages().values()) else None
_CHEAPEST = re.compile(r"\b(?:cheapest|entry[- ]level|most\s+affordable|lowest[- ]priced|"
                       r"basic\s+(?:plan|version|model|tier))\b", re.IGNORECASE)
_TOP = re.compile(r"\b(?:top[- ]of[- ]the[- ]line|top\s+(?:model|tier|plan|version)|flagship|"
                  r"most\s+powerful|highest\s+tier|premium\s+(?:plan|version|model|tier))\b",
                  re.IGNORECASE)
WEIGHTS = {"name": 0.40, "meaning": 0.35, "text": 0.15, "kind": 0.10}
NAME_TIE_MEANING = 0.75  # a near tie goes to the best-named only among those the model finds close
NEAR_TIE = 0.03  # a tie this close goes to the kind asked for, then the name: "iPhone 15" is not the 15 Pro
SURE_TARGET = 0.45  # how well "the X" must match before "a Y for the X" is read as an accessory
KEPT = 8  # matches loaded in full; the rest of the pool is only scored
STRONG_NAME = 0.3  # a question naming this much of the best match's name means that product
SURE_MATCH = 0.40  # a best match this good is what the rep meant, whatever kind words the question has
KIND_FLOOR = 0.36  # a product of the very kind asked for is found (shown "not sure", with alternatives)


@dataclass(frozen=True)
class Match:
    product: Product
    score: float
    signals: dict[str, float]

    def to_dict(self) -> dict:
        return {**self.product.summary(), "score": round(self.score, 3)}


class ProductSearch:
    def __init__(self, catalog: Catalog, encoder: Encoder, index: VectorIndex, store: KeyMap | VectorStore):
        self.catalog = catalog
        self.encoder = encoder
        self.index = index
        self.store = store
        # Read once per advisor (the catalog does not change under one): no per-question scans.
        self.vocabulary = Vocabulary(catalog.product_names())
        self.term_counts = catalog.term_counts()
        self.kinds = sorted(catalog.categories())

    def find(self, text: str, *, limit: int = 5, budget: float | None = None) -> list[Match]:
        """budget (per unit, the catalog's currency): a need described by its kind ("10 laptops
        under 1000") is met by a product of that kind within it."""
        matches = self._rank(text)
        matches = self._accessory_for_target(text, matches) or self._kind_intent(text, matches, budget) or matches
        return self._price_intent(text, matches)[:limit]

    def _kind_intent(self, text: str, matches: list[Match], budget: float | None) -> list[Match] | None:
        """"bärbara datorer" (laptop), "a new office chair": the rep names a kind of product, not
        one product. The best match whose category is that kind comes first, ahead of products
        that only mention the word ("Laptop Setup Service"); within the budget when there is one."""
        top = matches[0] if matches else None
        if top is None or "sku" in top.signals or top.signals.get("name", 0) >= STRONG_NAME or top.score >= SURE_MATCH:
            return None
        words = set(self.vocabulary.corrected(content_tokens(text)))
        kinds = [c for c in self.kinds if names_kind(words, kind_words(c))]
        if not kinds or (matches[0].product.category or "").lower() in kinds:
            return None
        pool = [sku for kind in kinds for sku in self.catalog.skus_in_category(
            kind, min_price=-1.0, max_price=budget if budget else float("inf"), limit=200)]
        pool = self.catalog.offerable(pool) or pool
        ranked = self._rank(text, only=set(pool)) if pool else []
        if not ranked:
            return None
        best = ranked[0]
        lifted = Match(best.product, max(best.score, matches[0].score + 0.01, KIND_FLOOR),
                       {**best.signals, "kind": 1.0})
        return [lifted, *[m for m in ranked[1:3]], *[m for m in matches if m.product.sku not in
                                                      {r.product.sku for r in ranked[:3]}]]

    def _rank(self, text: str, *, only: set[str] | None = None, pool: int = 20) -> list[Match]:
        words = self.vocabulary.corrected(content_tokens(text))
        if not text.strip():
            return []
        vector = self.encoder.encode_query(" ".join(words) or text)
        lexical = dict(self.catalog.full_text(" ".join(words), limit=pool,
                                              term_counts=self.term_counts)) if words else {}
        if only is None:
            hits = dict(self.index.search(vector, pool))
            keys = self.store.keys_for(hits)
            meaning = {keys[i]: score for i, score in hits.items() if i in keys}
            sku_hits = self._sku_hits(text)
            candidates = self.catalog.names([*sku_hits, *lexical, *meaning])
        else:
            meaning, sku_hits = {}, []
            candidates = self.catalog.names(only)
        ids = self.store.ids_for(sku for sku in candidates if sku not in meaning)
        if ids:
            scores = self.index.vectors(list(ids.values())) @ vector
            meaning.update(zip(ids, map(float, scores), strict=True))
        top_text = max(lexical.values(), default=0.0) or 1.0
        question_words = set(words)
        scored = []
        for sku, (name, category, price) in candidates.items():
            signals = {
                "name": self._name_coverage(name, question_words),
                "meaning": max(meaning.get(sku, 0.0), 0.0),
                "text": lexical.get(sku, 0.0) / top_text,
                "kind": float(names_kind(question_words, kind_words(category))),
            }
            score = sum(WEIGHTS[k] * v for k, v in signals.items())
            if sku in sku_hits:
                signals["sku"] = 1.0
                score += 1.0
            scored.append((score, price, sku, signals))
        scored.sort(key=lambda s: (-s[0], s[1], s[2]))
        products = self.catalog.many(s[2] for s in scored[:KEPT])
        matches = [Match(products[sku], score, signals) for score, _, sku, signals in scored[:KEPT]]
        if len(matches) > 1 and "sku" not in matches[0].signals:
            tied = [m for m in matches if m.score >= matches[0].score - NEAR_TIE]
            if any(m.signals["kind"] for m in tied):  # "a 14 inch laptop": a laptop, not the 14" Laptop Sleeve
                tied = [m for m in tied if m.signals["kind"]]
            # "iphone 15 for the sales team": a name word ("Team") does not win against the meaning
            closest = max(m.signals["meaning"] for m in tied)
            tied = [m for m in tied if m.signals["meaning"] >= NAME_TIE_MEANING * closest] or tied
            named = max(tied, key=lambda m: m.signals["name"])
            if named is not matches[0]:
                matches.remove(named)
                matches.insert(0, named)
        return matches

    def _accessory_for_target(self, text: str, matches: list[Match]) -> list[Match] | None:
        """"high-yield toner for the LaserJet 3102fdw": the toner that fits, not the printer."""
        parts = _FOR_TARGET.match(text) or (_FOR_TARGET_LOCAL.match(fold(text)) if _FOR_TARGET_LOCAL else None)
        if not parts or not matches or "sku" in matches[0].signals:
            return None
        head = set(self.vocabulary.corrected(content_tokens(parts["head"])))
        targets = self._rank(parts["target"])
        if not head or not targets or targets[0].score < SURE_TARGET:
            return None
        target = targets[0].product
        fitting = set(self.catalog.compatible_with([target.sku, target.family]))
        fitting.discard(target.sku)
        if not fitting:
            return None
        named = [m for m in self._rank(text, only=fitting)
                 if any(w in tokens(f"{m.product.name} {m.product.category or ''}") or
                        names_kind({w}, kind_words(m.product.category)) for w in head)]
        if not named:
            return None
        best = named[0]
        lifted = Match(best.product, max(best.score, matches[0].score + 0.01),
                       {**best.signals, "fits": 1.0})
        return [lifted, *[m for m in matches if m.product.sku != best.product.sku]]

    def _price_intent(self, text: str, matches: list[Match]) -> list[Match]:
        """"the cheapest plan" / "the top model": choose within the best match's family."""
        cheapest, top = _CHEAPEST.search(text), _TOP.search(text)
        if not matches or not (cheapest or top) or not matches[0].product.family:
            return matches
        family = self.catalog.family(matches[0].product.family)
        usable = [p for p in family if p.available] or family
        pick = min(usable, key=lambda p: p.price) if cheapest else max(usable, key=lambda p: p.price)
        if pick.sku == matches[0].product.sku:
            return matches
        chosen = Match(pick, matches[0].score + 0.01, {**matches[0].signals, "price_intent": 1.0})
        return [chosen, *[m for m in matches if m.product.sku != pick.sku]]

    def _sku_hits(self, text: str) -> list[str]:
        words = {w.strip(".,;:!?()[]'\"") for w in _SKU_LIKE.findall(text)}
        return list(self.catalog.many(w for w in words if any(c.isdigit() for c in w) or "-" in w))

    def _name_coverage(self, name: str, question_words: set[str]) -> float:
        name_words = set(tokens(name))
        total = sum(self.vocabulary.idf(w) for w in name_words)
        hit = sum(self.vocabulary.idf(w) for w in name_words if w in question_words)
        return hit / total if total else 0.0
