"""Baselines for basket evaluation, from the training orders alone: popularity and pair statistics.

Each is a ranking of the catalog for an anchor, so the advisor is judged beside them on the same
held-out cases. The pair statistics are also how the advisor's own choice of statistic is tested:
raw co-occurrence counts, lift (favours rare items), and the smoothed share the advisor uses
(with each product's prior strength fitted the same way, alone: no catalog, no coverage).
"""

from __future__ import annotations

import heapq
from collections import Counter
from collections.abc import Callable, Iterable

from bot.advisor.evidence import SHARE_PRIOR_ORDERS
from bot.orders.priors import MIN_ANCHOR_ORDERS, fit_strengths

Ranker = Callable[[str, int, set[str]], list[str]]


class BasketStats:
    def __init__(self, baskets: Iterable[frozenset[str]], items: Iterable[str]):
        self.items = sorted(set(items))
        self.orders = 0
        self.popularity: Counter[str] = Counter()
        self.pairs: dict[str, Counter[str]] = {}
        for basket in baskets:
            self.orders += 1
            self.popularity.update(basket)
            for sku in basket:
                self.pairs.setdefault(sku, Counter()).update(basket - {sku})

        self.priors = self._fit_priors()

    def _fit_priors(self) -> dict[str, float]:
        """Each product's prior strength, fitted as bot/orders/priors.py fits it from the same counts."""
        moments: dict[str, tuple[float, float]] = {}
        for anchor, n in self.popularity.items():
            if n >= MIN_ANCHOR_ORDERS:
                for other, together in self.pairs.get(anchor, {}).items():
                    t, sq = moments.get(other, (0, 0.0))
                    moments[other] = (t + together, sq + together * together / n)
        return fit_strengths(dict(self.popularity), moments) or {}

    def most_popular(self, n: int) -> list[str]:
        return [sku for sku, _ in sorted(self.popularity.items(), key=lambda kv: (-kv[1], kv[0]))[:n]]

    def ranker(self, score: Callable[[str, str], float]) -> Ranker:
        def rank(anchor: str, k: int, excluded: set[str]) -> list[str]:
            pool = (sku for sku in self.items if sku != anchor and sku not in excluded)
            return heapq.nsmallest(k, pool, key=lambda sku: (-score(anchor, sku),
                                                             -self.popularity[sku], sku))
        return rank

    def rankers(self) -> dict[str, Ranker]:
        together = lambda a, b: self.pairs.get(a, {}).get(b, 0)  # noqa: E731
        share = lambda b: self.popularity[b] / self.orders  # noqa: E731
        return {
            "most popular": self.ranker(lambda a, b: self.popularity[b]),
            "co-occurrence count": self.ranker(together),
            "lift": self.ranker(lambda a, b: together(a, b) / (self.popularity[a] * share(b))
                                if self.popularity[a] and self.popularity[b] else 0.0),
            "smoothed share (as the advisor)": self.ranker(
                lambda a, b: (together(a, b) + self.priors.get(b, SHARE_PRIOR_ORDERS) * share(b))
                / (self.popularity[a] + self.priors.get(b, SHARE_PRIOR_ORDERS))),
        }
