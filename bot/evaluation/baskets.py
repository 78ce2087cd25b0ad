"""`salesbot eval baskets`: hide part of the order history and see whether the advisor's
cross-sells name what those customers actually bought.

For each seed the orders are split at random (by order) into training and held-out parts. The
training part is imported into a private copy of the database, exactly as `salesbot orders
import` would, and every product of a held-out order then serves once as the anchor: a hit is a
cross-sell, as `salesbot suggest` returns it, that is among the order's other products. The
"most popular removed" variant takes the most popular products out of stock and out of the
targets, where popularity alone stops working.
"""

from __future__ import annotations

import random
from dataclasses import dataclass, field
from pathlib import Path

from bot.bootstrap import Services
from bot.evaluation.baselines import BasketStats
from bot.evaluation.metrics import Tally, paired, spread
from bot.evaluation.scratch import scratch_services
from bot.orders.importer import parse_orders, store_orders
from catalog.store import catalog_changed

ADVISOR = "salesbot (as `suggest`)"


@dataclass
class BasketReport:
    path: str
    seeds: list[int]
    holdout: float
    ks: list[int]
    removed: int
    orders: dict[str, int] = field(default_factory=dict)  # training / held-out / cases
    variants: dict[str, dict[str, dict]] = field(default_factory=dict)  # variant -> method -> spread
    # variant -> baseline -> figure -> the advisor minus the baseline, seed by seed (metrics.paired)
    differences: dict[str, dict[str, dict]] = field(default_factory=dict)
    removed_items: list[str] = field(default_factory=list)

    def to_dict(self) -> dict:
        return {"path": self.path, "seeds": self.seeds, "holdout": self.holdout, "k": self.ks,
                "orders": self.orders, "removed_items": self.removed_items, "variants": self.variants,
                "differences": self.differences}


def split(order_ids: list[str], holdout: float, seed: int) -> tuple[list[str], list[str]]:
    shuffled = sorted(order_ids)
    random.Random(seed).shuffle(shuffled)
    cut = round(len(shuffled) * (1 - holdout))
    return shuffled[:cut], shuffled[cut:]


def evaluate_baskets(services: Services, path: str | Path, *, holdout: float = 0.2,
                     seeds: list[int] = (1, 2, 3), ks: list[int] = (3, 5),
                     removed: int = 10) -> BasketReport:
    ks = sorted(set(ks))
    known = {sku.lower(): sku for sku in services.catalog.skus()}
    orders, _ = parse_orders(path, known)
    baskets = {order_id: frozenset(s for s in order.quantities if s.lower() in known)
               for order_id, order in orders.items()}
    report = BasketReport(str(path), list(seeds), holdout, ks, removed)
    runs: dict[str, dict[str, list[dict]]] = {}
    for seed in seeds:
        train_ids, test_ids = split(list(orders), holdout, seed)
        stats = BasketStats((baskets[o] for o in train_ids), known.values())
        popular = stats.most_popular(removed)
        report.removed_items = popular
        test = [baskets[o] for o in test_ids if len(baskets[o]) >= 2]
        report.orders = {"training": len(train_ids), "held_out": len(test_ids),
                         "held_out_with_2_or_more_products": len(test)}
        training = {o: orders[o] for o in train_ids}
        with scratch_services(services, max_cross_sells=max(ks)) as scratch:
            store_orders(scratch.db, training, replace=True)
            for variant, excluded in (("all products", set()),
                                      (f"{removed} most popular removed", set(popular))):
                if excluded:
                    _take_out_of_stock(scratch, excluded)
                tallies = _evaluate(scratch, stats, test, excluded, ks)
                for method, tally in tallies.items():
                    runs.setdefault(variant, {}).setdefault(method, []).append(tally.figures(ks))
    report.variants = {variant: {method: spread(figures) for method, figures in methods.items()}
                       for variant, methods in runs.items()}
    report.differences = {
        variant: {method: {key: paired(methods[ADVISOR], figures, key) for key in (*(f"hit@{k}" for k in ks), "mrr")}
                  for method, figures in methods.items() if method != ADVISOR}
        for variant, methods in runs.items()}
    return report


def _take_out_of_stock(services: Services, skus: set[str]) -> None:
    with services.db.writing() as tx:
        tx.executemany("UPDATE products SET stock = 0 WHERE sku = ?", ((s,) for s in skus))
        catalog_changed(tx)
    services.catalog_changed()


def _evaluate(services: Services, stats: BasketStats, test: list[frozenset[str]],
              excluded: set[str], ks: list[int]) -> dict[str, Tally]:
    advisor = services.advisor()
    rankers = stats.rankers()
    tallies = {ADVISOR: Tally(), **{name: Tally() for name in rankers}}
    cache: dict[str, dict[str, list[str]]] = {}
    k = max(ks)
    for basket in test:
        for anchor in sorted(basket):
            relevant = set(basket) - {anchor} - excluded
            if not relevant:
                continue
            if anchor not in cache:
                cache[anchor] = {ADVISOR: [s.product.sku for s in advisor.suggest(anchor).cross_sell]}
                cache[anchor].update({name: rank(anchor, k, excluded) for name, rank in rankers.items()})
            for method, ranked in cache[anchor].items():
                tallies[method].add(ranked, relevant, ks)
    return tallies


