"""Read the order history's counts, and gather the evidence the advisor ranks with."""

from __future__ import annotations

from bot.advisor.evidence import AnchorEvidence
from bot.offers.outcomes import Outcomes
from bot.orders.migrations import MIGRATIONS
from catalog.database import Database
from catalog.migrations import migrate

TOP_PAIRS = 200  # an anchor's most frequent companions read per question
LATEST_ORDERS = 2000  # an anchor's orders read per question to pick cross-sells that complement
CHUNK = 500


class OrderHistory:
    def __init__(self, db: Database):
        self.db = db
        migrate(db, MIGRATIONS, scope="orders")

    def totals(self) -> tuple[int, int]:
        """(orders, lines) in the history."""
        row = self.db.execute("SELECT orders, lines FROM order_totals WHERE id = 1").fetchone()
        return (row[0], row[1]) if row else (0, 0)

    def item_orders(self, skus: list[str]) -> dict[str, int]:
        """SKU (lower case) -> number of orders with it, for the SKUs that have any."""
        return {sku: orders for sku, (orders, _) in self.item_stats(skus).items()}

    def item_stats(self, skus: list[str]) -> dict[str, tuple[int, float | None]]:
        """SKU (lower case) -> (orders with it, its fitted prior strength), for the SKUs that have any."""
        found = {}
        for start in range(0, len(skus), CHUNK):
            chunk = skus[start:start + CHUNK]
            marks = ", ".join("?" * len(chunk))
            found.update({sku.lower(): (n, prior) for sku, n, prior in self.db.execute(
                f"SELECT sku, orders, prior_orders FROM order_items WHERE sku IN ({marks})", chunk)})
        return found

    def bought_with(self, sku: str, *, limit: int = TOP_PAIRS) -> dict[str, int]:
        """SKU (lower case) -> orders that had both it and `sku`, most frequent first."""
        return {other.lower(): n for other, n in self.db.execute(
            "SELECT other, orders FROM order_pairs WHERE sku = ? ORDER BY orders DESC LIMIT ?",
            [sku, limit])}

    def orders_with(self, sku: str, *, limit: int = LATEST_ORDERS) -> dict[str, frozenset[str]]:
        """The latest orders that had `sku`: order id -> the other SKUs (lower case) in it."""
        orders: dict[str, set[str]] = {}
        for order_id, other in self.db.execute(
                "SELECT a.order_id, lower(b.sku) FROM ("
                " SELECT order_id FROM order_lines WHERE sku = ? ORDER BY date DESC, order_id DESC LIMIT ?) a"
                " LEFT JOIN order_lines b ON b.order_id = a.order_id AND b.sku <> ?", [sku, limit, sku]):
            found = orders.setdefault(order_id, set())
            if other is not None:
                found.add(other)
        return {order_id: frozenset(others) for order_id, others in orders.items()}


class TeamEvidence:
    """The advisor's view of the team's data: order history (cross-sells) and offer outcomes."""

    def __init__(self, history: OrderHistory, outcomes: Outcomes):
        self.history = history
        self.outcomes = outcomes

    def for_anchor(self, sku: str, kind: str) -> AnchorEvidence:
        evidence = AnchorEvidence(outcomes=self.outcomes.for_anchor(sku, kind))
        if evidence.outcomes:
            evidence.team_acceptance = self.outcomes.team_acceptance(kind)
        if kind == "cross_sell":
            total, _ = self.history.totals()
            anchor = self.history.item_orders([sku]).get(sku.lower(), 0) if total else 0
            if anchor:
                evidence.total_orders = total
                evidence.anchor_orders = anchor
                evidence.bought_with = self.history.bought_with(sku)
                evidence.load_items = self.history.item_stats
                evidence.orders = self.history.orders_with(sku)
        return evidence
