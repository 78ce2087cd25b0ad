"""The loop closes: what customers accept, decline and buy together moves suggestions, inside
the guardrails; with no history nothing changes."""

from __future__ import annotations

import re

import pytest

from bot.advisor import Advisor
from bot.advisor.candidates import CandidateFinder
from bot.orders import import_orders
from tests.bot.test_suggestions import guardrail_violations
from tests.conftest import make_services

ANCHOR = "LAP-PB450-G10"


@pytest.fixture
def team(demo_store, encoder):
    """A writable copy of the demo, on each engine: the evidence is read from its orders and outcomes."""
    services = make_services(demo_store, encoder)
    yield services
    services.db.close()


def cross_sells(services, sku=ANCHOR) -> list[str]:
    return [s.product.sku for s in services.advisor().suggest(sku).cross_sell]


def log_answers(services, *, accept: str | None = None, decline: str | None = None, times: int,
                anchor: str = ANCHOR) -> None:
    for n in range(times):
        deal, _ = services.offers.record(services.advisor().suggest(anchor), rep="U1", source_key=f"t:{n}")
        for offer in deal.offers:
            if offer.sku in (accept, decline):
                services.offers.set_outcome(offer.id, "accepted" if offer.sku == accept else "declined",
                                            by="U1")


def test_without_history_the_answers_are_the_catalogs_own(demo_both):
    """The demo advisor reads (empty) order history and offer outcomes; one that has no
    evidence source at all must answer exactly the same for every product."""
    with_evidence = demo_both.advisor()
    finder = with_evidence.finder
    catalog_only = Advisor(catalog=demo_both.catalog, search=with_evidence.search, limits=with_evidence.limits,
                           finder=CandidateFinder(demo_both.catalog, finder.index, finder.store))
    for sku in demo_both.catalog.skus():
        assert with_evidence.suggest(sku).to_dict() == catalog_only.suggest(sku).to_dict(), sku


def test_accepted_offers_move_up_and_declined_ones_sink(team):
    first, *_, last = cross_sells(team)
    log_answers(team, accept=last, decline=first, times=6)
    advice = team.advisor().suggest(ANCHOR)
    ranked = [s.product.sku for s in advice.cross_sell]
    assert ranked[0] == last
    assert first not in ranked[:1]
    moved = advice.cross_sell[0]
    assert "offer_outcomes" in moved.sources
    assert "Accepted in 6 of 6 offers with the HP ProBook 450 G10" in moved.pitch.points
    assert guardrail_violations(advice.to_dict(), team.catalog) == []


def test_repeated_declines_sink_an_upsell_below_the_other(team):
    anchor = next(sku for sku in team.catalog.skus() if len(team.advisor().suggest(sku).upsell) == 2)
    upsells = [s.product.sku for s in team.advisor().suggest(anchor).upsell]
    log_answers(team, decline=upsells[0], times=8, anchor=anchor)
    advice = team.advisor().suggest(anchor)
    assert [s.product.sku for s in advice.upsell] == upsells[::-1]
    assert any(p.startswith("Accepted in 0 of 8 offers") for p in advice.upsell[1].pitch.points)
    assert guardrail_violations(advice.to_dict(), team.catalog) == []


def test_bought_together_leads_and_says_so_with_its_n(team, tmp_path):
    catalog_choice = cross_sells(team)
    fits = [p.sku for p in team.catalog.all() if p.available and p.sku not in catalog_choice
            and "Laptops" in p.compatible_with and p.category not in ("Laptops",)]
    together = fits[0]
    lines = ["order_id,sku"] + [f"other{n},{fits[1]}" for n in range(60)]
    for n in range(40):
        lines.append(f"{n},{ANCHOR}")
        if n % 4:  # 30 of the 40 orders
            lines.append(f"{n},{together}")
    (tmp_path / "orders.csv").write_text("\n".join(lines) + "\n")
    import_orders(team.db, tmp_path / "orders.csv")
    advice = team.advisor().suggest(ANCHOR)
    top = advice.cross_sell[0]
    assert top.product.sku == together and top.sources[0] == "bought_together"
    assert top.pitch.points[0] == "Bought with the HP ProBook 450 G10 in 75% of its orders (30 of 40)"
    assert guardrail_violations(advice.to_dict(), team.catalog) == []
    # Every figure quoted comes from the history: 30 and 40, and 30/40 = 75%.
    assert {float(x) for x in re.findall(r"\d+", top.pitch.points[0])} - {450.0, 10.0} == {75.0, 30.0, 40.0}


def test_a_pair_is_one_directional(team, tmp_path):
    """The accessory is in every ProBook order, but the ProBook in few of the accessory's."""
    accessory = cross_sells(team)[0]
    lines = ["order_id,sku"] + [f"{n},{ANCHOR}\n{n},{accessory}" for n in range(12)] + \
        [f"a{n},{accessory}" for n in range(200)]
    (tmp_path / "orders.csv").write_text("\n".join(lines) + "\n")
    import_orders(team.db, tmp_path / "orders.csv")
    top = team.advisor().suggest(ANCHOR).cross_sell[0]
    assert top.product.sku == accessory
    # Bought in every ProBook order, but also in every other order: a staple, and it says so.
    assert top.pitch.points[0] == ("Bought with the HP ProBook 450 G10 in 100% of its orders (12 of 12); "
                                   "it is in 100% of all orders")
    history = team.advisor().finder.evidence.for_anchor(accessory, "cross_sell")
    assert (history.anchor_orders, history.bought_with[ANCHOR.lower()]) == (212, 12)


@pytest.mark.parametrize(("b_with_a", "b_alone", "expected"), [
    (30, 0, ["A", "C"]),  # every B order already has A: C reaches the customers A misses
    (10, 20, ["A", "B"]),  # a third of B's orders have A: B still adds the most
])
def test_cross_sells_complement_each_other(team, tmp_path, b_with_a, b_alone, expected):
    fits = [p.sku for p in team.catalog.all() if p.available and "Laptops" in p.compatible_with
            and p.category != "Laptops"]
    a, b, c = fits[:3]
    lines = ["order_id,sku"] + [f"{n},{ANCHOR}" for n in range(60)]
    lines += [f"{n},{a}" for n in range(36)]  # A in 60% of the ProBook's orders
    lines += [f"{n},{b}" for n in [*range(b_with_a), *range(36, 36 + b_alone)]]  # B in 50%
    lines += [f"{n},{c}" for n in range(40, 60)]  # C in 33%, never with A
    (tmp_path / "orders.csv").write_text("\n".join(lines) + "\n")
    import_orders(team.db, tmp_path / "orders.csv")
    advice = team.advisor().suggest(ANCHOR)
    names = {a: "A", b: "B", c: "C"}
    assert [names.get(s.product.sku) for s in advice.cross_sell[:2]] == expected
    # The talking points quote the whole history, whichever order the picks came in.
    assert ("(30 of 60)" if expected[1] == "B" else "(20 of 60)") in advice.cross_sell[1].pitch.points[0]
    assert guardrail_violations(advice.to_dict(), team.catalog) == []
