"""What the team's own data says about offering Y with X: order history and offer outcomes.

Measured on real baskets (`salesbot eval baskets`, README "Quality"): what a customer takes next
is predicted best by how often Y was bought in X's orders (confidence, one-directional: X → Y is
not Y → X), not by lift, which favours rare items seen a handful of times. Small counts are
smoothed towards Y's share of all orders, so a pair seen twice is not "100%". How much the
history counts grows with the anchor's number of orders: an anchor with a long history is ranked
by it, one with a short history keeps the catalog's own ranking.

Cross-sells are picked one at a time, each for the orders the earlier picks do not already
explain (`without`): with yogurt chosen, the next pick is what the anchor's orders *without*
yogurt had, so the offers cover more customers instead of repeating one kind of basket.

Offer outcomes move a pair up or down: the score is multiplied by the pair's acceptance,
smoothed towards the team's, divided by the team's.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field, replace
from typing import Protocol

SHARE_PRIOR_ORDERS = 20  # pseudo-orders pulling a pair's share towards the item's overall share
# (5, 20 and 50 tie on the grocery baskets; 50 lets popular items swamp a short history)
HISTORY_PRIOR_ORDERS = 2  # an anchor with this many orders weighs history and catalog equally
# (2 measured best of 20, 2 and 0 on the grocery baskets: the share is already smoothed)
# `without` drops the orders an earlier pick covers. Measured on the grocery baskets: that gains
# 0.5 points of hit@3 over not dropping them; letting them count 0.6 of an order gains 0.2. With the
# 10 most popular items removed, dropping loses 0.4 points and 0.6 is even.
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
    load_items: Callable[[list[str]], dict[str, int]] | None = None
    orders: list[frozenset[str]] = field(default_factory=list)  # the anchor's latest orders (SKUs)

    @property
    def empty(self) -> bool:
        return not self.anchor_orders and not self.outcomes

    def prepare(self, skus: Iterable[str]) -> None:
        """Fetch the overall order counts of these candidates (one query) before ranking them."""
        wanted = [s for s in {s.lower() for s in skus} if s not in self.item_orders]
        if wanted and self.load_items and self.total_orders:
            self.item_orders.update(self.load_items(wanted))
            self.item_orders.update({s: self.item_orders.get(s, 0) for s in wanted})

    def pair(self, sku: str) -> PairEvidence | None:
        key = sku.lower()
        accepted, declined = self.outcomes.get(key, (0, 0))
        together = self.bought_with.get(key, 0)
        if not (self.anchor_orders or accepted or declined):
            return None
        return PairEvidence(together, self.item_orders.get(key, together), accepted, declined)

    def without(self, sku: str) -> AnchorEvidence:
        """The evidence of the anchor's orders that did not have `sku` (counts scaled up when only
        the latest orders were read)."""
        if not self.orders:
            return self
        key = sku.lower()
        rest = [order for order in self.orders if key not in order]
        scale = self.anchor_orders / len(self.orders)
        counts = Counter(other for order in rest for other in order)
        return replace(self, orders=rest, anchor_orders=round(len(rest) * scale),
                       bought_with={other: round(n * scale) for other, n in counts.items()})

    @property
    def history_weight(self) -> float:
        return self.anchor_orders / (self.anchor_orders + HISTORY_PRIOR_ORDERS)

    def share(self, pair: PairEvidence) -> float:
        """Smoothed share of the anchor's orders that also had this product."""
        base = pair.item_orders / self.total_orders if self.total_orders else 0.0
        return (pair.together + SHARE_PRIOR_ORDERS * base) / (self.anchor_orders + SHARE_PRIOR_ORDERS)

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
