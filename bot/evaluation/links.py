"""`salesbot eval links`: would the advisor have found the links a merchandiser curated by hand?

The truth is a list of (sku, linked_sku) pairs per kind, from CSV files or, by default, the
catalog's own curated links. The advisor answers on a private copy of the database with every
curated link withheld (stated compatibility, families and tiers stay: they describe products,
not recommendations), and its suggestions are compared with the truth beside baselines drawn in
the same run.
"""

from __future__ import annotations

import random
import statistics
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from bot.bootstrap import Services
from bot.evaluation.catalog_quality import CatalogQuality, measure_catalog
from bot.evaluation.metrics import Tally
from bot.evaluation.scratch import scratch_services
from catalog import Product
from catalog.errors import CatalogError, Problem
from catalog.reader import read_rows
from catalog.store import catalog_changed

KINDS = ("upsell", "cross_sell")
ADVISOR = "salesbot (links withheld)"
RANDOM_DRAWS = 20


@dataclass
class LinkReport:
    ks: list[int]
    truth: dict[str, str]  # kind -> where the pairs came from
    sources: dict[str, int] = field(default_factory=dict)  # kind -> source SKUs evaluated
    pairs: dict[str, int] = field(default_factory=dict)
    methods: dict[str, dict[str, dict[str, float]]] = field(default_factory=dict)  # kind -> method -> figures
    catalog: CatalogQuality | None = None  # the same answers judged by `eval catalog`

    def to_dict(self) -> dict:
        return {"k": self.ks, "truth": self.truth, "sources": self.sources, "pairs": self.pairs,
                "methods": self.methods, "catalog": self.catalog.to_dict() if self.catalog else None}


def read_pairs(path: str | Path, known: dict[str, str]) -> dict[str, set[str]]:
    raw = read_rows(path, noun="pair", header="sku,linked_sku")
    missing = [c for c in ("sku", "linked_sku") if c not in raw.columns]
    if missing:
        raise CatalogError(path, Problem(f"missing column {', '.join(map(repr, missing))} "
                                         f"(found: {', '.join(raw.columns)}); the header must be sku,linked_sku"))
    pairs: dict[str, set[str]] = defaultdict(set)
    problems = []
    for number, row in raw.rows:
        for column in ("sku", "linked_sku"):
            value = str(row.get(column) or "").strip()
            if value.lower() not in known:
                problems.append(Problem(f"{value!r} is not in the catalog" if value else "empty",
                                        row=number, column=column, row_label=raw.row_label))
        if not problems:
            pairs[known[row["sku"].strip().lower()]].add(known[row["linked_sku"].strip().lower()])
    if problems:
        raise CatalogError(path, problems)
    return dict(pairs)


def catalog_pairs(services: Services, kind: str) -> dict[str, set[str]]:
    pairs: dict[str, set[str]] = defaultdict(set)
    known = {s.lower(): s for s in services.catalog.skus()}
    for row in services.db.query("SELECT sku, target FROM product_links WHERE kind = ?", [kind]):
        if row["target"].lower() in known:
            pairs[known[row["sku"].lower()]].add(known[row["target"].lower()])
    return dict(pairs)


def evaluate_links(services: Services, *, upsell: str | Path | None = None,
                   cross_sell: str | Path | None = None, ks: list[int] = (3,),
                   seed: int = 1) -> LinkReport:
    ks = sorted(set(ks))
    known = {s.lower(): s for s in services.catalog.skus()}
    files = {"upsell": upsell, "cross_sell": cross_sell}
    from_catalog = upsell is None and cross_sell is None
    truth = {kind: read_pairs(files[kind], known) if files[kind] else
             catalog_pairs(services, kind) if from_catalog else {} for kind in KINDS}
    report = LinkReport(ks, {kind: str(files[kind]) if files[kind] else
                             "catalog's curated links" if from_catalog else "none" for kind in KINDS})
    products = {p.sku: p for p in services.catalog.all()}
    popularity = _popularity(services, products)
    limits = {"max_upsells": max(ks), "max_cross_sells": max(ks)}
    with scratch_services(services, **limits) as scratch:
        _withhold_links(scratch)
        advisor = scratch.advisor()
        for kind, pairs in truth.items():
            if not pairs:
                continue
            report.sources[kind] = len(pairs)
            report.pairs[kind] = sum(len(v) for v in pairs.values())
            tallies = defaultdict(Tally)
            rng = random.Random(seed)
            randoms = [Tally() for _ in range(RANDOM_DRAWS)]
            for sku in sorted(pairs):
                advice = advisor.suggest(sku)
                ranked = [s.product.sku for s in (advice.upsell if kind == "upsell" else advice.cross_sell)]
                tallies[ADVISOR].add(ranked, pairs[sku], ks)
                for name, ranked in _baselines(kind, products[sku], products, popularity, max(ks)).items():
                    tallies[name].add(ranked, pairs[sku], ks)
                for draw in randoms:
                    draw.add(_random(kind, products[sku], products, rng, max(ks)), pairs[sku], ks)
            report.methods[kind] = {name: t.figures(ks) for name, t in tallies.items()}
            report.methods[kind][_random_name(kind)] = _mean_of_draws(randoms, ks)
        report.catalog = measure_catalog(scratch)
    return report


def _withhold_links(services: Services) -> None:
    with services.db.writing() as tx:
        tx.execute("DELETE FROM product_links WHERE kind IN ('upsell', 'cross_sell')")
        tx.execute("UPDATE products SET upsells = '[]', cross_sells = '[]'")
        catalog_changed(tx)
    services.catalog_changed()


def _popularity(services: Services, products: dict[str, Product]) -> dict[str, float]:
    """Orders per product when there is an order history, else the catalog's review counts."""
    ordered = services.orders.item_orders(list(products))
    if ordered:
        return {sku: ordered.get(sku.lower(), 0) for sku in products}
    return {sku: p.review_count or 0 for sku, p in products.items()}


def _baselines(kind: str, source: Product, products: dict[str, Product],
               popularity: dict[str, float], k: int) -> dict[str, list[str]]:
    offerable = [p for p in products.values() if p.sku != source.sku and p.available]
    by_popularity = sorted(offerable, key=lambda p: (-popularity[p.sku], p.sku))
    result = {"most popular": [p.sku for p in by_popularity[:k]]}
    if kind == "upsell":
        pricier = sorted((p for p in offerable if _same_category(p, source) and p.price > source.price),
                         key=lambda p: (p.price, p.sku))
        result["next pricier in category"] = [p.sku for p in pricier[:k]]
    return result


def _random(kind: str, source: Product, products: dict[str, Product], rng: random.Random,
            k: int) -> list[str]:
    if kind == "upsell":
        pool = [p.sku for p in products.values() if p.available and _same_category(p, source)
                and p.price > source.price]
    else:
        pool = [p.sku for p in products.values() if p.available and not _same_category(p, source)]
    return rng.sample(sorted(pool), min(k, len(pool)))


def _random_name(kind: str) -> str:
    return "random same-category pricier" if kind == "upsell" else "random other-category"


def _mean_of_draws(draws: list[Tally], ks: list[int]) -> dict[str, float]:
    figures = [t.figures(ks) for t in draws]
    return {key: statistics.fmean(f[key] for f in figures) for key in figures[0]}


def _same_category(a: Product, b: Product) -> bool:
    return (a.category or "").lower() == (b.category or "").lower()
