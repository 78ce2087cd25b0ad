"""What the team's own data says about offering Y with X: order history and offer outcomes.

Measured on real baskets (`salesbot eval baskets`, README "Quality"): what a customer takes next
is predicted best by how often Y was bought in X's orders (confidence, one-directional: X → Y is
not Y → X), not by lift, which favours rare items seen a handful of times. Small counts are
smoothed towards Y's share of all orders, with a strength fitted to the history for each product
(bot/orders/priors.py), so a pair seen twice is not "100%" and a staple's pairs count for less.
How much the history counts grows with the anchor's number of orders: an anchor with a long
history is ranked by it, one with a short history keeps the catalog's own ranking.

Offer outcomes move a pair up or down: the score is multiplied by the pair's acceptance,
smoothed towards the team's, divided by the team's. Which cross-sells go together is
bot/advisor/coverage.py.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Protocol

SHARE_PRIOR_ORDERS = 20  # pseudo-orders pulling a pair's share towards the item's overall share,
# when the history is too short to fit one per product (5, 20 and 50 tie on the grocery baskets)
HISTORY_PRIOR_ORDERS = 1  # an anchor with this many orders weighs history and catalog equally
# (hit@3 over co-occurrence on the grocery baskets, 10 most popular removed, 20 seeds: +0.11 points
# with 2, +0.17 with 1, +0.20 with 0; 0 would let one order overrule the catalog)
MIN_PAIR_ORDERS = 3  # a pair bought together fewer times is not proposed on that ground alone
OUTCOME_PRIOR_OFFERS = 4  # pseudo-offers pulling a pair's acceptance towards the team's
OUTCOME_EXPONENT = 1.0  # score × (pair's acceptance ÷ team's) ** this: scale-free, so it moves
# a pair the same way whether the score came from the catalog or from order history
MIN_OFFERS_QUOTED = 3  # "accepted in 7 of 9 offers" needs at least this many answers
MIN_ORDERS_QUOTED = 10  # "bought with it in 38% of its orders (n=112)" needs this many anchor orders


@dataclass(frozen=True)
class PairEvidence:
    together: int = 0  # orders with both the anchor and this product
    item_orders: int = 0  # orders with this product
    accepted: int = 0  # offers of this product with the anchor, accepted
    declined: int = 0
    prior_orders: float | None = None  # fitted strength of the smoothing; None: the default

    @property
    def offered(self) -> int:
        return self.accepted + self.declined


@dataclass
class AnchorEvidence:
    anchor_orders: int = 0  # orders with the anchor
    total_orders: int = 0
    bought_with: dict[str, int] = field(default_factory=dict)  # sku (lower) -> orders together
    outcomes: dict[str, tuple[int, int]] = field(default_factory=dict)  # sku (lower) -> (acc, dec)
    team_acceptance: float = 0.3
    item_orders: dict[str, int] = field(default_factory=dict)  # sku (lower) -> orders
    item_priors: dict[str, float | None] = field(default_factory=dict)  # sku (lower) -> strength
    load_items: Callable[[list[str]], dict[str, tuple[int, float | None]]] | None = None
    # The anchor's latest orders: order id -> the other SKUs (lower case) in it.
    orders: dict[str, frozenset[str]] = field(default_factory=dict)

    @property
    def empty(self) -> bool:
        return not self.anchor_orders and not self.outcomes

    def prepare(self, skus: Iterable[str]) -> None:
        """Fetch the overall order counts of these candidates (one query) before ranking them."""
        wanted = [s for s in {s.lower() for s in skus} if s not in self.item_orders]
        if wanted and self.load_items and self.total_orders:
            found = self.load_items(wanted)
            for sku in wanted:
                self.item_orders[sku], self.item_priors[sku] = found.get(sku, (0, None))

    def pair(self, sku: str) -> PairEvidence | None:
        key = sku.lower()
        accepted, declined = self.outcomes.get(key, (0, 0))
        together = self.bought_with.get(key, 0)
        if not (self.anchor_orders or accepted or declined):
            return None
        return PairEvidence(together, self.item_orders.get(key, together), accepted, declined,
                            self.item_priors.get(key))

    def among(self, orders: dict[str, frozenset[str]]) -> AnchorEvidence:
        """The evidence of some of the anchor's orders (counts scaled up when only the latest
        orders were read)."""
        scale = self.anchor_orders / len(self.orders) if self.orders else 1.0
        counts = Counter(other for order in orders.values() for other in order)
        return replace(self, orders=orders, anchor_orders=round(len(orders) * scale),
                       bought_with={other: round(n * scale) for other, n in counts.items()})

    @property
    def history_weight(self) -> float:
        return self.anchor_orders / (self.anchor_orders + HISTORY_PRIOR_ORDERS)

    def share(self, pair: PairEvidence) -> float:
        """Smoothed share of the anchor's orders that also had this product."""
        base = pair.item_orders / self.total_orders if self.total_orders else 0.0
        prior = SHARE_PRIOR_ORDERS if pair.prior_orders is None else pair.prior_orders
        return (pair.together + prior * base) / (self.anchor_orders + prior)

    def acceptance(self, pair: PairEvidence) -> float:
        return (pair.accepted + OUTCOME_PRIOR_OFFERS * self.team_acceptance) / \
            (pair.offered + OUTCOME_PRIOR_OFFERS)

    def rank_score(self, catalog_score: float, pair: PairEvidence | None) -> float:
        """The catalog's score moved by what customers bought and accepted."""
        if pair is None:
            return catalog_score
        score = catalog_score
        if self.anchor_orders:
            weight = self.history_weight
            score = (1 - weight) * catalog_score + weight * self.share(pair)
        if pair.offered and self.team_acceptance > 0:
            score *= (self.acceptance(pair) / self.team_acceptance) ** OUTCOME_EXPONENT
        return score

    def led_by_history(self, catalog_score: float, pair: PairEvidence | None) -> bool:
        """Did the order history, rather than the catalog, put this candidate where it is?"""
        if pair is None or not self.anchor_orders or pair.together < MIN_PAIR_ORDERS:
            return False
        weight = self.history_weight
        return weight * self.share(pair) >= (1 - weight) * catalog_score


class EvidenceSource(Protocol):
    def for_anchor(self, sku: str, kind: str) -> AnchorEvidence: ...
