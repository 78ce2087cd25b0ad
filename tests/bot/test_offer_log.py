"""The offer log: one deal per delivery, one outcome per offer, whatever is retried."""

from __future__ import annotations

import threading

import pytest

from bot.offers import OfferLog, UnknownOffer
from catalog.store import open_database


@pytest.fixture
def log(demo, store):
    """A log in a fresh database of its own, on each backend; the advice comes from the shared demo advisor."""
    return OfferLog(open_database(store))


def test_a_deal_and_its_offers_are_recorded(demo, log):
    advice = demo.advisor().ask("customer buying 12 probook 450")
    deal, created = log.record(advice, rep="U1", channel="C1", source_key="cmd:1")
    assert created and deal.rep == "U1" and deal.quantity == 12
    assert deal.anchor_sku == "LAP-PB450-G10"
    assert len(deal.offers) == len(advice.cross_sell) + len(advice.upsell)
    first = deal.offer_for("cross_sell", 1)
    assert first.sku == advice.cross_sell[0].product.sku and first.outcome is None
    assert deal.advice["anchor"]["sku"] == "LAP-PB450-G10"


def test_the_same_delivery_twice_is_one_deal_even_from_two_threads(demo, store):
    advice = demo.advisor().ask("galaxy s24")
    path = store
    OfferLog(open_database(path))
    results = []

    def deliver():
        results.append(OfferLog(open_database(path)).record(advice, rep="U1",
                                                            source_key="event:Ev1"))

    threads = [threading.Thread(target=deliver) for _ in range(4)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert sorted(created for _, created in results) == [False, False, False, True]
    assert len({deal.id for deal, _ in results}) == 1
    db = open_database(path)
    assert db.count("deals") == 1
    assert db.count("offers") == len(advice.cross_sell) + len(advice.upsell)


def test_outcomes_are_set_not_toggled(demo, log):
    deal, _ = log.record(demo.advisor().ask("galaxy s24"), rep="U1", source_key="k")
    offer = deal.offers[0]
    assert log.set_outcome(offer.id, "accepted", by="U1")[1] is True
    assert log.set_outcome(offer.id, "accepted", by="U1")[1] is False  # double click
    assert log.set_outcome(offer.id, "declined", by="U2")[1] is True   # changed mind
    changed = log.set_outcome(offer.id, None, by="U2")                 # undo
    assert changed[1] is True and changed[0].outcome is None and changed[0].outcome_by is None
    history = [(r["outcome"], r["by"]) for r in log.db.query("SELECT * FROM offer_outcomes ORDER BY id")]
    assert history == [("accepted", "U1"), ("declined", "U2"), (None, "U2")]


def test_a_click_answered_after_a_later_one_does_not_undo_it(demo, log):
    deal, _ = log.record(demo.advisor().ask("galaxy s24"), rep="U1", source_key="k")
    offer = deal.offers[0]
    assert log.set_outcome(offer.id, "accepted", by="U1", clicked=1700000001.5)[1] is True
    assert log.set_outcome(offer.id, None, by="U1", clicked=1700000003.0)[1] is True  # undo, the rep's last click
    # the Decline clicked in between, answered last (another process, or again after a crash)
    late = log.set_outcome(offer.id, "declined", by="U1", clicked=1700000002.0)
    assert late[1] is False and late[0].outcome is None
    assert log.set_outcome(offer.id, "declined", by="U1", clicked=1700000002.0)[1] is False  # answered again
    assert log.set_outcome(offer.id, "accepted", by="U1", clicked=1700000001.7)[1] is False  # a late double click
    other = deal.offers[1]  # a double click, the second answered first: one change
    log.set_outcome(other.id, "accepted", by="U1", clicked=1700000010.2)
    log.set_outcome(other.id, "accepted", by="U1", clicked=1700000010.1)
    assert [r["clicked"] for r in log.db.query("SELECT clicked FROM offer_outcomes WHERE offer_id = ?",
                                               [other.id])] == [1700000010.2]
    history = [(r["outcome"], r["clicked"]) for r in log.db.query(
        "SELECT * FROM offer_outcomes WHERE offer_id = ? ORDER BY clicked", [offer.id])]
    # the history holds every click that changed something, in the order the rep made them
    assert history == [("accepted", 1700000001.5), ("declined", 1700000002.0), (None, 1700000003.0)]


def test_unknown_offer_and_bad_outcome(log):
    with pytest.raises(UnknownOffer, match="no offer with id 999"):
        log.set_outcome(999, "accepted", by="U1")
    with pytest.raises(ValueError, match="outcome must be one of accepted, declined"):
        log.set_outcome(1, "maybe", by="U1")


def test_concurrent_clicks_from_many_threads_never_fail(demo, store):
    """Clicks arrive on Bolt's worker threads, each with its own connection: none may be
    refused with 'database is locked' (or a serialization failure), and the log must end consistent."""
    log = OfferLog(open_database(store))
    deal, _ = log.record(demo.advisor().ask("galaxy s24"), rep="U1", source_key="k")
    offers = [o.id for o in deal.offers]
    errors = []

    def clicker(n: int) -> None:
        for i in range(25):
            try:
                log.set_outcome(offers[(n + i) % len(offers)],
                                ("accepted", "declined", None)[(n * 7 + i) % 3], by=f"U{n}")
            except Exception as e:  # noqa: BLE001 - the test reports any failure
                errors.append(repr(e))

    threads = [threading.Thread(target=clicker, args=(n,)) for n in range(8)]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    assert errors == []
    final = log.deal(deal.id)
    assert final.cross_accepted == sum(o.outcome == "accepted" for o in final.offers
                                       if o.kind == "cross_sell")
