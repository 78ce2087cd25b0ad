"""What customers answered to past offers: per anchor → offer pair, and for the whole team."""

from __future__ import annotations

import threading
import time

from catalog.database import Database

KINDS = {"cross_sell": "cross", "upsell": "up"}
RECENT_DEALS = 5000  # the team's acceptance rate is taken over its latest deals
TEAM_RATE_TTL = 300.0  # seconds a team rate is reused before it is read again
DEFAULT_ACCEPTANCE = 0.3  # what the team's rate starts from ...
PRIOR_ANSWERS = 10  # ... and how many answers that start counts as


class Outcomes:
    def __init__(self, db: Database):
        self.db = db
        self._team: dict[str, tuple[float, float]] = {}  # kind -> (rate, read at)
        self._lock = threading.Lock()

    def for_anchor(self, anchor_sku: str, kind: str) -> dict[str, tuple[int, int]]:
        """Offered SKU (lower case) -> (accepted, declined), over this anchor's current deals."""
        rows = self.db.execute(
            "SELECT lower(o.sku), COUNT(*) FILTER (WHERE o.outcome = 'accepted'), "
            "COUNT(*) FILTER (WHERE o.outcome = 'declined') "
            "FROM deals d JOIN offers o ON o.deal_id = d.id "
            "WHERE d.anchor_sku = ? COLLATE NOCASE AND d.superseded_by IS NULL AND o.kind = ? "
            "AND o.outcome IS NOT NULL GROUP BY lower(o.sku)", [anchor_sku, kind]).fetchall()
        return {sku: (int(accepted), int(declined)) for sku, accepted, declined in rows}

    def team_acceptance(self, kind: str) -> float:
        """Accepted ÷ answered offers of this kind over the latest deals, smoothed (cached a few
        minutes)."""
        with self._lock:
            cached = self._team.get(kind)
            if cached and time.monotonic() - cached[1] < TEAM_RATE_TTL:
                return cached[0]
        prefix = KINDS[kind]
        accepted, declined = self.db.execute(
            f"SELECT COALESCE(SUM({prefix}_accepted), 0), COALESCE(SUM({prefix}_declined), 0) "
            f"FROM (SELECT {prefix}_accepted, {prefix}_declined FROM deals "
            f"WHERE superseded_by IS NULL ORDER BY id DESC LIMIT ?) AS recent", [RECENT_DEALS]).fetchone()
        rate = (accepted + PRIOR_ANSWERS * DEFAULT_ACCEPTANCE) / (accepted + declined + PRIOR_ANSWERS)
        with self._lock:
            self._team[kind] = (rate, time.monotonic())
        return rate
