"""Record deals and offers, and the customer's answer to each offer. Exactly once, always.

A deal is created once per delivery (`source_key`: a Slack event id, a command's trigger id),
so a retried or doubled delivery returns the deal that already exists. An outcome is *set*, not
toggled, so a retried or double click changes nothing the second time.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.advisor import Advice
from bot.offers.migrations import MIGRATIONS
from catalog.database import Database
from catalog.migrations import migrate

OUTCOMES = ("accepted", "declined")
_REFRESH_COUNTS = """
UPDATE deals SET
  cross_presented = (SELECT COUNT(*) FROM offers WHERE deal_id = :deal AND kind = 'cross_sell'),
  cross_accepted = (SELECT COUNT(*) FROM offers WHERE deal_id = :deal AND kind = 'cross_sell'
                    AND outcome = 'accepted'),
  cross_declined = (SELECT COUNT(*) FROM offers WHERE deal_id = :deal AND kind = 'cross_sell'
                    AND outcome = 'declined'),
  up_presented = (SELECT COUNT(*) FROM offers WHERE deal_id = :deal AND kind = 'upsell'),
  up_accepted = (SELECT COUNT(*) FROM offers WHERE deal_id = :deal AND kind = 'upsell'
                 AND outcome = 'accepted'),
  up_declined = (SELECT COUNT(*) FROM offers WHERE deal_id = :deal AND kind = 'upsell'
                 AND outcome = 'declined'),
  addon_revenue = quantity * (SELECT COALESCE(SUM(CASE kind WHEN 'cross_sell' THEN price
                                                   ELSE COALESCE(price_delta, 0) END), 0)
                              FROM offers WHERE deal_id = :deal AND outcome = 'accepted')
WHERE id = :deal"""


class UnknownOffer(LookupError):
    def __init__(self, offer_id):
        super().__init__(f"no offer with id {offer_id!r}; see the offer ids with `--json`")


@dataclass(frozen=True)
class Offer:
    id: int
    deal_id: int
    kind: str
    sku: str
    name: str
    price: float
    price_delta: float | None
    rank: int
    sources: tuple[str, ...]
    presented_at: str
    outcome: str | None
    outcome_at: str | None
    outcome_by: str | None

    @classmethod
    def from_row(cls, row: dict) -> Offer:
        kept = {k: v for k, v in row.items() if k in _OFFER_FIELDS}  # not the bookkeeping (last_click)
        return cls(**{**kept, "sources": tuple(json.loads(row["sources"]))})


_OFFER_FIELDS = frozenset(Offer.__dataclass_fields__)


@dataclass(frozen=True)
class Deal:
    id: int
    source_key: str | None
    team: str | None
    rep: str
    channel: str | None
    anchor_sku: str
    anchor_name: str
    anchor_price: float
    quantity: int
    question: str | None
    advice: dict
    created_at: str
    superseded_by: int | None = None
    anchor_category: str | None = None
    cross_presented: int = 0
    cross_accepted: int = 0
    cross_declined: int = 0
    up_presented: int = 0
    up_accepted: int = 0
    up_declined: int = 0
    addon_revenue: float = 0.0
    offers: tuple[Offer, ...] = ()

    def offer_for(self, kind: str, rank: int) -> Offer | None:
        return next((o for o in self.offers if o.kind == kind and o.rank == rank), None)

    @property
    def outcomes(self) -> dict[tuple[str, int], str | None]:
        """(kind, rank) -> the customer's answer so far, as the deal's totals read it."""
        return {(o.kind, o.rank): o.outcome for o in self.offers}


def now_iso(at: datetime | None = None) -> str:
    at = at or datetime.now(UTC)
    if at.tzinfo is None:
        at = at.replace(tzinfo=UTC)
    return at.astimezone(UTC).isoformat(timespec="seconds")


class OfferLog:
    def __init__(self, db: Database):
        self.db = db
        migrate(db, MIGRATIONS, scope="offers")

    def record(self, advice: Advice, *, rep: str, team: str | None = None,
               channel: str | None = None, source_key: str | None = None,
               at: datetime | None = None) -> tuple[Deal, bool]:
        """The deal for this answer and whether this call created it (False: seen before)."""
        if advice.anchor is None:
            raise ValueError("only an answer about a product can be logged as a deal")
        when = now_iso(at)
        question = advice.question
        with self.db.writing():
            cursor = self.db.execute(
                "INSERT INTO deals (source_key, team, rep, channel, anchor_sku, anchor_name, "
                "anchor_price, anchor_category, quantity, question, advice, created_at) "
                "VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?) ON CONFLICT(source_key) DO NOTHING RETURNING id",
                [source_key, team, rep, channel, advice.anchor.sku, advice.anchor.name,
                 advice.anchor.price, advice.anchor.category, question.quantity if question else 1,
                 question.text if question else None,
                 json.dumps(advice.to_dict(), ensure_ascii=False), when])
            created = cursor.fetchone()
            if created is None:
                existing = self.db.execute("SELECT id FROM deals WHERE source_key = ?",
                                           [source_key]).fetchone()
                return self.deal(existing[0]), False
            deal_id = created[0]
            self.db.executemany(
                "INSERT INTO offers (deal_id, kind, sku, name, price, price_delta, rank, sources, "
                "presented_at) VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)",
                [(deal_id, s.kind, s.product.sku, s.product.name, s.product.price, s.price_delta,
                  s.rank, json.dumps(list(s.sources)), when)
                 for s in (*advice.cross_sell, *advice.upsell)])
            self.refresh_counts(deal_id)
        return self.deal(deal_id), True

    def _file_late_click(self, offer_id: int, outcome: str | None, by: str | None, when: str,
                         clicked: float) -> None:
        """A click older than the offer's last, in the history at its place by click time, if it
        was a change there: unlike what held before it, and unlike the next change filed (a double
        click answered out of order is one change). Filed once: the same click answered again is not."""
        def outcome_at(where: str, order: str):
            return self.db.execute(
                f"SELECT outcome, clicked FROM offer_outcomes WHERE offer_id = ? AND clicked IS NOT NULL AND {where} "
                f"ORDER BY {order} LIMIT 1", [offer_id, clicked]).fetchone()

        before, after = outcome_at("clicked <= ?", "clicked DESC, id DESC"), outcome_at("clicked > ?", "clicked, id")
        if before is not None and before[1] == clicked:
            return  # filed already
        if outcome != (before[0] if before else None) and (after is None or after[0] != outcome):
            self.db.execute('INSERT INTO offer_outcomes (offer_id, outcome, "by", at, clicked) VALUES (?, ?, ?, ?, ?)',
                            [offer_id, outcome, by, when, clicked])

    def refresh_counts(self, deal_id: int) -> None:
        """Bring the deal's offer counts (presented / accepted per kind) up to date."""
        with self.db.writing() as db:
            db.execute(_REFRESH_COUNTS, {"deal": deal_id})

    def claim(self, key: str, *, by: str | None = None) -> bool:
        """True for the first claim of a key; False for every other claim of it, except another by
        the same delivery (`by`: a request answered again after its process died, bot/inbox.py)."""
        with self.db.writing() as db:
            cursor = db.execute("INSERT INTO deliveries (key, at, claimed_by) VALUES (?, ?, ?) "
                                "ON CONFLICT(key) DO NOTHING", [key, now_iso(), by])
            if cursor.rowcount == 1:
                return True
            if by is None:
                return False
            return db.execute("SELECT 1 FROM deliveries WHERE key = ? AND claimed_by = ?", [key, by]).fetchone() \
                is not None

    def supersede(self, old_deal_id: int, new_deal_id: int) -> None:
        """The rep picked another product: the old deal no longer counts in reports."""
        with self.db.writing():
            self.db.execute("UPDATE deals SET superseded_by = ? WHERE id = ? AND id != ?",
                            [new_deal_id, old_deal_id, new_deal_id])

    def deal(self, deal_id: int) -> Deal | None:
        rows = list(self.db.query("SELECT * FROM deals WHERE id = ?", [deal_id]))
        if not rows:
            return None
        offers = tuple(Offer.from_row(r) for r in self.db.query(
            "SELECT * FROM offers WHERE deal_id = ? ORDER BY kind, rank", [deal_id]))
        return Deal(**{**rows[0], "advice": json.loads(rows[0]["advice"])}, offers=offers)

    def offer(self, offer_id: int) -> Offer:
        rows = list(self.db.query("SELECT * FROM offers WHERE id = ?", [offer_id]))
        if not rows:
            raise UnknownOffer(offer_id)
        return Offer.from_row(rows[0])

    def set_outcome(self, offer_id: int, outcome: str | None, *, by: str | None,
                    at: datetime | None = None, clicked: float | None = None) -> tuple[Offer, bool]:
        """Set (or with None, clear) the customer's answer. Returns the offer and whether it
        changed: setting the outcome it already has is a no-op, so retries are harmless.

        `clicked`: when the rep clicked (Slack's action_ts, epoch seconds). Clicks answered out of
        order (by two processes, or one answered again after its process died) end as the rep's
        last click: an older one than the last applied changes nothing but the history, where it
        takes its place by click time."""
        if outcome is not None and outcome not in OUTCOMES:
            raise ValueError(f"outcome must be one of {', '.join(OUTCOMES)}, not {outcome!r}")
        when = now_iso(at)
        with self.db.writing():
            self.offer(offer_id)
            if clicked is not None and self.db.execute(
                    "UPDATE offers SET last_click = ? WHERE id = ? AND (last_click IS NULL OR last_click <= ?)",
                    [clicked, offer_id, clicked]).rowcount == 0:
                self._file_late_click(offer_id, outcome, by, when, clicked)
                return self.offer(offer_id), False
            cursor = self.db.execute(
                "UPDATE offers SET outcome = ?, outcome_at = ?, outcome_by = ? "
                "WHERE id = ? AND outcome IS DISTINCT FROM ?",
                [outcome, when if outcome else None, by if outcome else None, offer_id, outcome])
            changed = cursor.rowcount == 1
            if changed:
                self.db.execute(_REFRESH_COUNTS, {"deal": self.offer(offer_id).deal_id})
                self.db.execute('INSERT INTO offer_outcomes (offer_id, outcome, "by", at, clicked) '
                                "VALUES (?, ?, ?, ?, ?)", [offer_id, outcome, by, when, clicked])
        return self.offer(offer_id), changed
