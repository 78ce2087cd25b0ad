"""The deal's totals and the offers' headlines, as every view shows them."""

from __future__ import annotations

from bot.advisor import glance


def advice(quantity: int = 12, budget: float | None = 1300.0) -> dict:
    return {
        "quantity": quantity, "budget": budget,
        "anchor": {"sku": "A", "name": "Laptop", "price": 979.0, "currency": "EUR"},
        "upsell": [{"sku": "U1", "name": "Bigger laptop", "price": 1199.0, "price_delta": 220.0},
                   {"sku": "U2", "name": "Biggest laptop", "price": 1399.0, "price_delta": 420.0}],
        "cross_sell": [{"sku": "C1", "name": "Dock", "price": 189.0, "per_order": False},
                       {"sku": "C2", "name": "Onboarding", "price": 490.0, "per_order": True}],
    }


def test_nothing_accepted_is_the_order_as_asked():
    totals = glance.deal_totals(advice())
    assert (totals.total, totals.accepted_total) == (11748.0, 0.0)
    assert glance.deal_line(totals) == "12 × €979 = €11,748"
    assert glance.budget_line(totals) == "Budget €1,300 each: €321 left each"
    assert glance.accepted_line(totals) is None


def test_an_accepted_upgrade_replaces_the_product_and_add_ons_count_per_unit_or_once():
    totals = glance.deal_totals(advice(), {("upsell", 2): "accepted", ("upsell", 1): "declined",
                                           ("cross_sell", 1): "accepted", ("cross_sell", 2): "accepted"})
    assert totals.unit == 1399 + 189 and totals.once == 490
    assert totals.total == 12 * (1399 + 189) + 490 and totals.accepted_total == totals.total - 11748
    assert glance.accepted_line(totals) == ("Accepted: Biggest laptop, Dock, Onboarding · order now "
                                            "12 × €1,588 + €490 = €19,546 (+€7,798)")
    assert glance.budget_line(totals) == "Budget €1,300 each: €288 over each"


def test_headlines_say_what_an_offer_does_to_this_deal():
    totals = glance.deal_totals(advice())
    upsell, dock, onboarding = advice()["upsell"][0], *advice()["cross_sell"]
    assert glance.headline_price(upsell, "upsell", totals) == "€1,199 · +€220 each, +€2,640 for 12"
    assert glance.headline_price(dock, "cross_sell", totals) == "€189 each, +€2,268 for 12"
    assert glance.headline_price(onboarding, "cross_sell", totals) == "€490 once for the order"
    single = glance.deal_totals(advice(quantity=1, budget=None))
    assert glance.headline_price(upsell, "upsell", single) == "€1,199 · +€220"
    assert glance.headline_price(dock, "cross_sell", single) == "€189"
    assert glance.deal_line(single) == "€979" and glance.budget_line(single) is None


def test_an_answer_stored_before_reasons_existed_still_renders():
    old = {"talking_points": ["First point", "Second point"]}
    assert glance.reason(old) == "First point" and glance.details(old) == ["Second point"]
