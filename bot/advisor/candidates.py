"""Where suggestions come from: curated links, catalog structure, embedding similarity, and the
team's own data (order history, offer outcomes) when there is any.

Each candidate keeps every source that proposed it, with a strength, so the answer can say why.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from dataclasses import dataclass, field

import numpy as np

from bot.advisor.evidence import MIN_PAIR_ORDERS, AnchorEvidence, EvidenceSource, PairEvidence
from bot.language.speech import N_
from catalog import Catalog, Product
from catalog.specs import better_version
from catalog.taxonomy import audience_mismatch, kind_words, kinds_of, mentions_use_with, same_kind
from embeddings import KeyMap, VectorIndex, VectorStore

CURATED, FAMILY, COMPATIBLE, SIMILAR = "curated", "family_tier", "compatibility", "similarity"
USED_WITH = "used_with"  # the candidate's own text says it is used with the anchor's kind
BOUGHT_TOGETHER, ACCEPTED = "bought_together", "offer_outcomes"
SOURCE_LABELS = {CURATED: N_("curated link"), FAMILY: N_("family tier"),
                 COMPATIBLE: N_("stated compatibility"), SIMILAR: N_("similarity"),
                 USED_WITH: N_("text says used with"),
                 BOUGHT_TOGETHER: N_("bought together"), ACCEPTED: N_("past offers")}  # said with _()
EVIDENCE_SOURCES = (BOUGHT_TOGETHER, ACCEPTED)
NO_EVIDENCE = AnchorEvidence()
NEIGHBOURS = 60
SHORTLIST = 24  # candidates fully loaded per answer; the rest are ranked on vectors only
LARGE_GROUP = 2 * SHORTLIST  # a compatibility target this popular is trimmed to its nearest
GROUPS_KEPT = 256  # large compatibility groups whose vectors are kept in memory
ADD_ON_PRICE_RATIO = 2.0  # an add-on found by similarity alone costs at most this times the anchor
COMPATIBILITY_STRENGTH = {"sku": 0.9, "family": 0.85, "category": 0.7}
SIBLING_STRENGTH = {"specific": 0.75, "category": 0.55}  # fits what the anchor fits
USED_WITH_STRENGTH = 0.6  # below stated compatibility, above most similarity scores
MENTION_HITS = 40  # products whose text names the anchor's kind, proposed per answer
MENTION_FLOOR = 0.5  # of the relevance floor: a product made for the kind may read unlike it


@dataclass
class Candidate:
    product: Product
    sources: dict[str, float] = field(default_factory=dict)
    similarity: float = 0.0
    fits: str | None = None  # the compatibility target that matched the anchor
    fits_name: str | None = None  # that target as a rep says it: "the HP ProBook 450 G10", "laptops"
    evidence: AnchorEvidence = field(default_factory=AnchorEvidence)
    pair: PairEvidence | None = None  # what the team's data says about this anchor → product
    same_kind: bool = False  # the anchor's own kind, kept because orders or a curated link pair them

    @property
    def catalog_score(self) -> float:
        return catalog_score(self.sources, self.similarity)

    @property
    def score(self) -> float:
        return self.evidence.rank_score(self.catalog_score, self.pair)

    @property
    def led_by_history(self) -> bool:
        return self.evidence.led_by_history(self.catalog_score, self.pair)

    def ranked_sources(self) -> tuple[str, ...]:
        """Sources, the one that drove the suggestion first."""
        own = sorted((s for s in self.sources if s not in EVIDENCE_SOURCES), key=lambda s: -self.sources[s])
        pair = self.pair
        learned = [s for s, present in ((BOUGHT_TOGETHER, pair and pair.together >= MIN_PAIR_ORDERS),
                                        (ACCEPTED, pair and pair.offered)) if present]
        if self.led_by_history:
            return tuple(learned + own)
        return tuple(own + learned)


def catalog_score(sources: dict[str, float], similarity: float) -> float:
    """How well the catalog alone says it fits: the strongest source, a little for each other one."""
    own = [v for s, v in sources.items() if s not in EVIDENCE_SOURCES]
    return (max(own) + 0.05 * (len(own) - 1) if own else 0.0) + 0.1 * similarity


class _Proposals:
    """SKU -> {source: strength}, gathered before the products are fetched in one query."""

    def __init__(self):
        self.sources: dict[str, dict[str, float]] = {}
        self.fits: dict[str, str] = {}
        self.direct: set[str] = set()  # curated, or stated to fit the anchor itself
        self.chosen: set[str] = set()  # curated or bought together: may be the anchor's own kind
        self.offerable: set[str] = set()  # already known to be active and in stock

    def add(self, sku: str, source: str | None = None, strength: float = 0.0) -> None:
        entry = self.sources.setdefault(sku.lower(), {})
        if source:
            entry[source] = max(strength, entry.get(source, 0.0))


class CandidateFinder:
    def __init__(self, catalog: Catalog, index: VectorIndex, store: KeyMap | VectorStore,
                 evidence: EvidenceSource | None = None):
        self.catalog = catalog
        self.index = index
        self.store = store
        self.evidence = evidence
        self._near_cache: tuple[str, dict[str, float]] | None = None
        self.categories = catalog.categories()  # the catalog does not change under an advisor
        self._groups: OrderedDict[str, tuple[list[str], np.ndarray]] = OrderedDict()
        self._groups_lock = threading.Lock()

    def _evidence(self, anchor: Product, kind: str) -> AnchorEvidence:
        return self.evidence.for_anchor(anchor.sku, kind) if self.evidence else NO_EVIDENCE

    def cross_sells(self, anchor: Product, *, floor: float) -> list[Candidate]:
        proposals = _Proposals()
        evidence = self._evidence(anchor, "cross_sell")
        for sku, together in evidence.bought_with.items():
            if together >= MIN_PAIR_ORDERS:
                proposals.add(sku, BOUGHT_TOGETHER)
                proposals.direct.add(sku)
                proposals.chosen.add(sku)
        for sku in self.catalog.linked(anchor.sku, "cross_sell"):
            proposals.add(sku, CURATED, 1.0)
            proposals.direct.add(sku.lower())
            proposals.chosen.add(sku.lower())
        for level, target in (("sku", anchor.sku), ("family", anchor.family),
                              ("category", anchor.category)):
            for sku in self._compatible(target, anchor):
                proposals.add(sku, COMPATIBLE, COMPATIBILITY_STRENGTH[level])
                proposals.fits.setdefault(sku.lower(), target)
                proposals.direct.add(sku.lower())
                proposals.offerable.add(sku)
        self._siblings(anchor, proposals)
        self._mentions(anchor, proposals)
        near = self._near(anchor)
        for sku, similarity in near.items():
            if similarity >= floor:
                proposals.add(sku)
        result = []
        for candidate in self._candidates(anchor, proposals, near, evidence):
            product = candidate.product
            if _same_line(product, anchor):
                continue
            # Another of the anchor's own kind (a jacket for a jacket, from any branch) is an
            # alternative, not an add-on, unless the team's orders or a merchandiser pair them.
            if same_kind(product, anchor):
                if product.sku.lower() not in proposals.chosen:
                    continue
                candidate.same_kind = True
            else:
                if candidate.similarity >= floor and product.price <= anchor.price * ADD_ON_PRICE_RATIO:
                    candidate.sources[SIMILAR] = candidate.similarity
                if USED_WITH in candidate.sources and (candidate.similarity < floor * MENTION_FLOOR or
                                                       CURATED in candidate.sources or COMPATIBLE in candidate.sources):
                    # it names the kind but reads like nothing near it, or the catalog says more
                    del candidate.sources[USED_WITH]
            if candidate.sources:
                result.append(candidate)
        return result

    def _mentions(self, anchor: Product, proposals: _Proposals) -> None:
        """Products whose text names the anchor's kind ("fits laptops"): maybe made for it."""
        words = [w for kind in sorted(kinds_of(anchor)) for w in kind_words(kind)]
        if not words:
            return
        hits = [sku for sku, _ in self.catalog.full_text(" ".join(words), limit=MENTION_HITS)]
        for sku, product in self.catalog.many(hits).items():
            if product.price <= anchor.price * ADD_ON_PRICE_RATIO and not audience_mismatch(product, anchor) \
                    and mentions_use_with(product, anchor):
                proposals.add(sku, USED_WITH, USED_WITH_STRENGTH)

    def _siblings(self, anchor: Product, proposals: _Proposals) -> None:
        """Accessories that fit what this accessory fits: an S24 case → an S24 screen protector."""
        for target in anchor.compatible_with:
            level = "category" if target.lower() in self.categories else "specific"
            for sku in self._compatible(target, anchor):
                proposals.add(sku, COMPATIBLE, SIBLING_STRENGTH[level])
                proposals.fits.setdefault(sku.lower(), target)
                proposals.offerable.add(sku)

    def upsells(self, anchor: Product, *, floor: float, max_jump: float) -> list[Candidate]:
        proposals = _Proposals()
        evidence = self._evidence(anchor, "upsell")
        for sku in self.catalog.linked(anchor.sku, "upsell"):
            proposals.add(sku, CURATED, 1.0)
        if anchor.family:
            for member in self.catalog.family(anchor.family):
                gap = _tier_gap(member, anchor)
                if gap > 0:
                    proposals.add(member.sku, FAMILY, max(0.5, 0.9 - 0.1 * (gap - 1)))
        near = self._near(anchor)
        if anchor.category:
            for sku in self.catalog.skus_in_category(anchor.category, min_price=anchor.price,
                                                     max_price=anchor.price * (1 + max_jump)):
                proposals.add(sku)
        close = [sku for sku, similarity in near.items() if similarity >= floor]
        for sku, (name, category, price) in self.catalog.names(close).items():
            # the same kind may sit in another branch: `Wired` and `Wireless Keyboards`
            if anchor.price < price <= anchor.price * (1 + max_jump) and \
                    same_kind(Product(sku=sku, name=name, price=price, category=category), anchor):
                proposals.add(sku)
        result = []
        for candidate in self._candidates(anchor, proposals, near, evidence):
            product = candidate.product
            # Without a merchandiser's link or a tier, a pricier product of the same kind is an
            # upsell only when it is at least as good on every spec both state, better on one.
            if same_kind(product, anchor) and product.price > anchor.price and \
                    candidate.similarity >= floor and better_version(anchor, product):
                candidate.sources[SIMILAR] = candidate.similarity
            if candidate.sources:
                result.append(candidate)
        return result

    def _compatible(self, target: str | None, anchor: Product) -> list[str]:
        """Offerable SKUs that state they fit target; of a large group, the nearest SHORTLIST.

        "Works with Laptops" can be thousands of products in a large catalog, and only the
        nearest of them can make the shortlist (they all have the same strength). So a large
        group's vectors are kept in memory (which products state a fit changes only with the
        catalog, and so with the advisor) and ranked against the anchor with one product; only
        the nearest are checked for stock, which is read live.
        """
        if not target:
            return []
        with self._groups_lock:
            group = self._groups.get(target.lower())
        if group is None:
            fitting = self.catalog.fitting(target)  # one read: who fits, and who is offerable now
            if not fitting:
                return []
            if len(fitting) <= LARGE_GROUP:
                return [sku for sku, offerable in fitting if offerable]
            skus = [sku for sku, _ in fitting]
            ids = self.store.ids_for(skus)
            kept = [sku for sku in skus if sku in ids]
            group = (kept, self.index.vectors([ids[sku] for sku in kept]))
            with self._groups_lock:
                self._groups[target.lower()] = group
                while len(self._groups) > GROUPS_KEPT:
                    self._groups.popitem(last=False)
        skus, vectors = group
        anchor_id = self.store.ids_for([anchor.sku]).get(anchor.sku)
        if anchor_id is None or len(skus) <= LARGE_GROUP:
            return self.catalog.compatible_with([target], offerable=True)
        scores = vectors @ self.index.vectors([anchor_id])[0]
        nearest = np.argpartition(-scores, LARGE_GROUP)[:LARGE_GROUP]
        ranked = [skus[i] for i in sorted(nearest, key=lambda i: (-scores[i], i))]
        offerable = set(self.catalog.offerable(ranked))
        return [sku for sku in ranked if sku in offerable][:SHORTLIST]

    def _near(self, anchor: Product) -> dict[str, float]:
        """The anchor's nearest products by embedding: SKU (lower case) -> cosine."""
        cached = self._near_cache  # one read: another thread may replace it meanwhile
        if cached and cached[0] == anchor.sku:
            return cached[1]
        anchor_id = self.store.ids_for([anchor.sku]).get(anchor.sku)
        near: dict[str, float] = {}
        if anchor_id is not None:
            hits = self.index.search(self.index.vectors([anchor_id])[0], NEIGHBOURS)
            keys = self.store.keys_for(i for i, _ in hits)
            near = {keys[i].lower(): score for i, score in hits if i in keys}
        self._near_cache = (anchor.sku, near)
        return near

    def _candidates(self, anchor: Product, proposals: _Proposals, near: dict[str, float],
                    evidence: AnchorEvidence) -> list[Candidate]:
        """Offerable proposals, ranked on vectors alone, the best SHORTLIST loaded in full.

        Category-wide compatibility ("works with Laptops") can propose hundreds of products in
        a large catalog; only the most relevant of them are worth building into answers.
        """
        known = {s.lower() for s in proposals.offerable}
        unknown = [s for s in proposals.sources if s not in known]
        skus = [s for s in dict.fromkeys([*proposals.offerable, *self.catalog.offerable(unknown)])
                if s.lower() != anchor.sku.lower()]
        similarity = {s.lower(): near[s.lower()] for s in skus if s.lower() in near}
        far = [s for s in skus if s.lower() not in near]
        if far:
            ids = self.store.ids_for([anchor.sku, *far])
            anchor_id = ids.pop(anchor.sku, None)
            if anchor_id is not None and ids:
                keys = list(ids)
                vectors = self.index.vectors([anchor_id, *(ids[k] for k in keys)])
                scores = vectors[1:] @ vectors[0]
                similarity.update({k.lower(): float(v) for k, v in zip(keys, scores, strict=True)})

        if not evidence.empty:
            evidence.prepare(skus)

        def rough(sku: str) -> float:
            key = sku.lower()
            return evidence.rank_score(catalog_score(proposals.sources[key], similarity.get(key, 0.0)),
                                       evidence.pair(key))

        shortlist = sorted(skus, key=rough, reverse=True)[:SHORTLIST]
        products = self.catalog.many(shortlist)
        targets = {proposals.fits[s.lower()] for s in shortlist if s.lower() in proposals.fits}
        named = self.catalog.many(sorted(targets)) if targets else {}
        names = {t: self._target_name(t, named) for t in targets}
        return [Candidate(product, dict(proposals.sources[sku.lower()]),
                          similarity.get(sku.lower(), 0.0), proposals.fits.get(sku.lower()),
                          names.get(proposals.fits.get(sku.lower())), evidence, evidence.pair(sku))
                for sku, product in products.items()]

    def _target_name(self, target: str, named: dict[str, Product]) -> str:
        """A compatibility target in words: a product by its name, a family as a line, a category."""
        product = named.get(target) or next((p for k, p in named.items() if k.lower() == target.lower()), None)
        if product is not None:
            return f"the {product.name}"
        if target.lower() in self.categories:
            return target.lower()
        return f"the {target} line"


def _same_line(product: Product, anchor: Product) -> bool:
    """Another tier of the anchor's own family is an upsell or an alternative, never a cross-sell."""
    return bool(anchor.family and product.family and
                product.family.lower() == anchor.family.lower())


def _tier_gap(member: Product, anchor: Product) -> int:
    if member.tier is not None and anchor.tier is not None:
        return member.tier - anchor.tier
    return 1 if member.price > anchor.price else 0
