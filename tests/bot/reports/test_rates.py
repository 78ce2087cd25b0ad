"""Every rate against a hand computation, on offer logs built for the purpose (real SQLite)."""

from __future__ import annotations

import json
from zoneinfo import ZoneInfo

import pytest

from bot.offers import OfferLog
from bot.reports import Week, weekly_report
from bot.reports.wording import summary_lines
from catalog.store import open_database

UTC = ZoneInfo("UTC")
AMSTERDAM = ZoneInfo("Europe/Amsterdam")
W47 = Week(2026, 47)  # Monday 16 to Sunday 22 November 2026


def log_deal(log: OfferLog, *, rep: str, at: str, quantity: int = 1, price: float = 100.0,
             category: str = "Laptops", offers: list[tuple] = ()) -> list[int]:
    """A deal with offers (kind, price, price delta, outcome); returns the offer ids."""
    with log.db.writing() as db:
        deal_id = db.execute(
            "INSERT INTO deals (rep, anchor_sku, anchor_name, anchor_price, anchor_category, "
            "quantity, advice, created_at) VALUES (?, 'A-1', 'Anchor', ?, ?, ?, '{}', ?) RETURNING id",
            [rep, price, category, quantity, at]).fetchone()[0]
        ids = []
        for rank, (kind, offer_price, delta, _) in enumerate(offers, start=1):
            ids.append(db.execute(
                "INSERT INTO offers (deal_id, kind, sku, name, price, price_delta, rank, sources, "
                "presented_at) VALUES (?, ?, ?, ?, ?, ?, ?, '[]', ?) RETURNING id",
                [deal_id, kind, f"S-{kind}-{offer_price}", f"Item {offer_price:g}", offer_price,
                 delta, rank, at]).fetchone()[0])
        log.refresh_counts(deal_id)
    for offer_id, (_, _, _, outcome) in zip(ids, offers, strict=True):
        if outcome:
            log.set_outcome(offer_id, outcome, by=rep, at=None)
    return ids


@pytest.fixture
def log(store):
    """On each backend."""
    return OfferLog(open_database(store))


@pytest.fixture
def week_of_deals(log):
    # D1: anna, 2 units at €100: a cross-sell accepted, one declined, the upsell accepted.
    log_deal(log, rep="anna", at="2026-11-17T10:00:00+00:00", quantity=2, offers=[
        ("cross_sell", 10.0, None, "accepted"), ("cross_sell", 5.0, None, "declined"),
        ("upsell", 130.0, 30.0, "accepted")])
    # D2: ben, 1 unit at €200: a cross-sell still open, the upsell declined.
    log_deal(log, rep="ben", at="2026-11-18T10:00:00+00:00", price=200.0, category="Phones",
             offers=[("cross_sell", 20.0, None, None), ("upsell", 250.0, 50.0, "declined")])
    # D3: anna, 1 unit at €50, nothing offered.
    log_deal(log, rep="anna", at="2026-11-19T10:00:00+00:00", price=50.0)
    return log


def rates(report) -> dict:
    return report.to_dict()["figures"]["rates"]


def test_every_rate_matches_the_hand_computation(week_of_deals):
    report = weekly_report(week_of_deals.db, W47, UTC)
    f = report.team
    assert (f.deals, f.anchor_units, f.anchor_revenue) == (3, 4, 450.0)
    r = rates(report)
    assert r["cross_sell_rate"] | {"value": 0.5} == {
        "value": 0.5, "numerator": 1, "denominator": 2, "small_sample": True}
    assert (r["upsell_rate"]["numerator"], r["upsell_rate"]["denominator"]) == (1, 2)
    assert (r["cross_sell_acceptance"]["numerator"], r["cross_sell_acceptance"]["denominator"]) \
        == (1, 3)
    assert (r["upsell_acceptance"]["numerator"], r["upsell_acceptance"]["denominator"]) == (1, 2)
    assert (r["attach_rate"]["numerator"], r["attach_rate"]["denominator"]) == (2, 4)
    # add-on revenue: accepted cross-sell €10 × 2 units + accepted upsell delta €30 × 2 units
    assert f.addon_revenue == 80.0
    assert r["aov_uplift"]["value"] == round(80 / 450, 4)
    assert f.open_offers == 1  # presented, not declined
    assert f.cross_declined == 1 and f.up_declined == 1


def test_per_rep_and_per_category(week_of_deals):
    report = weekly_report(week_of_deals.db, W47, UTC)
    assert report.per_rep["anna"].deals == 2 and report.per_rep["ben"].deals == 1
    assert report.per_rep["anna"].rates["cross_sell_rate"].value == 1.0
    assert report.per_rep["ben"].rates["cross_sell_rate"].value == 0.0
    assert set(report.per_category) == {"Laptops", "Phones"}
    assert [p["name"] for p in report.top_accepted] == ["Item 10", "Item 130"]
    assert [p["name"] for p in report.most_declined] == ["Item 5", "Item 250"]  # tie: by SKU


def test_a_rep_sees_only_their_own_numbers(week_of_deals):
    mine = weekly_report(week_of_deals.db, W47, UTC, rep="ben")
    assert mine.team.deals == 1 and set(mine.per_rep) == {"ben"}
    assert mine.team.rates["upsell_rate"].value == 0.0
    assert "anna" not in json.dumps(mine.to_dict())


def test_declined_then_accepted_counts_once_as_accepted(log):
    (offer,) = log_deal(log, rep="anna", at="2026-11-17T10:00:00+00:00",
                        offers=[("cross_sell", 10.0, None, "declined")])
    log.set_outcome(offer, "accepted", by="anna")
    f = weekly_report(log.db, W47, UTC).team
    assert (f.cross_accepted, f.cross_declined, f.cross_deals_accepted) == (1, 0, 1)


def test_sunday_night_utc_is_monday_in_amsterdam(log):
    # 23:30 UTC on Sunday 22 November is 00:30 on Monday 23 November in Amsterdam (UTC+1).
    log_deal(log, rep="anna", at="2026-11-22T23:30:00+00:00",
             offers=[("cross_sell", 10.0, None, "accepted")])
    assert weekly_report(log.db, W47, UTC).team.deals == 1
    assert weekly_report(log.db, W47, AMSTERDAM).team.deals == 0
    assert weekly_report(log.db, Week(2026, 48), AMSTERDAM).team.deals == 1
    assert W47.bounds(AMSTERDAM) == ("2026-11-15T23:00:00+00:00", "2026-11-22T23:00:00+00:00")


def test_an_empty_week_says_no_deals_rather_than_zero_percent(log):
    report = weekly_report(log.db, W47, UTC)
    assert all(rate["value"] is None for rate in rates(report).values())
    text = "\n".join(summary_lines(report))
    assert "No deals this week" in text and "0%" not in text


def test_trend_and_change_against_last_week(week_of_deals):
    log_deal(week_of_deals, rep="anna", at="2026-11-10T10:00:00+00:00",
             offers=[("cross_sell", 10.0, None, "declined")])
    report = weekly_report(week_of_deals.db, W47, UTC)
    assert [w.label for w, _ in report.trend][-2:] == ["2026-W46", "2026-W47"]
    assert len(report.trend) == 8
    text = "\n".join(summary_lines(report))
    assert "*Deal-level cross-sell rate*: 50% (1 / 2 deals) ▲ 50 pts vs last week" in text
    assert "small sample" in text


def test_a_superseded_deal_does_not_count(week_of_deals):
    week_of_deals.db.execute("UPDATE deals SET superseded_by = 2 WHERE id = 1")
    week_of_deals.db.conn.commit()
    assert weekly_report(week_of_deals.db, W47, UTC).team.deals == 2


@pytest.mark.parametrize("text,ok", [("2026-W47", True), ("2026-w01", True), ("2026-W54", False),
                                     ("2026-47", False)])
def test_week_labels(text, ok):
    from bot.reports import BadWeek

    if ok:
        assert Week.parse(text).label == text.upper()
    else:
        with pytest.raises(BadWeek):
            Week.parse(text)


def test_a_superseded_deal_leaves_the_product_lists(week_of_deals):
    # D4 replaces D1 (the rep picked another product): D1's answers no longer count.
    log_deal(week_of_deals, rep="anna", at="2026-11-17T10:05:00+00:00",
             offers=[("cross_sell", 5.0, None, "declined")])
    week_of_deals.db.execute("UPDATE deals SET superseded_by = 4 WHERE id = 1")
    week_of_deals.db.conn.commit()
    report = weekly_report(week_of_deals.db, W47, UTC)
    assert report.top_accepted == []
    assert [(p["name"], p["count"]) for p in report.most_declined] == [("Item 5", 1), ("Item 250", 1)]
    ben = weekly_report(week_of_deals.db, W47, UTC, rep="ben")
    assert [p["name"] for p in ben.most_declined] == ["Item 250"]


def test_trend_rates_agree_with_full_figures(week_of_deals):
    from bot.reports.figures import by_window, deal_rates

    log_deal(week_of_deals, rep="ben", at="2026-10-28T10:00:00+00:00",
             offers=[("cross_sell", 10.0, None, "accepted"), ("upsell", 99.0, 9.0, "declined")])
    bounds = [W47.shifted(-i).bounds(UTC) for i in range(3, -1, -1)]
    for rep in (None, "ben"):
        for lean, full in zip(deal_rates(week_of_deals.db, bounds, rep=rep),
                              by_window(week_of_deals.db, bounds, rep=rep), strict=True):
            for name in ("cross_sell_rate", "upsell_rate"):
                assert lean.rates[name] == full.rates[name]
            assert lean.deals == full.deals


def test_figures_of_several_weeks_in_one_pass_agree_with_each_week_alone(week_of_deals):
    from bot.reports.figures import breakdown, by_window

    log_deal(week_of_deals, rep="ben", at="2026-10-28T10:00:00+00:00",
             offers=[("cross_sell", 10.0, None, "accepted"), ("upsell", 99.0, 9.0, "declined")])
    weeks = [W47.shifted(-i) for i in range(3, -1, -1)]
    together = by_window(week_of_deals.db, [w.bounds(UTC) for w in weeks])
    for week, figures in zip(weeks, together, strict=True):
        alone, _, _ = breakdown(week_of_deals.db, *week.bounds(UTC))
        assert figures == alone, week


def test_deal_counts_follow_every_outcome_change(log):
    (offer,) = log_deal(log, rep="anna", at="2026-11-17T10:00:00+00:00", quantity=3,
                        offers=[("upsell", 130.0, 30.0, None)])
    for outcome, accepted, declined, revenue in (("accepted", 1, 0, 90.0), ("declined", 0, 1, 0.0),
                                                 (None, 0, 0, 0.0)):
        log.set_outcome(offer, outcome, by="anna")
        deal = log.deal(1)
        assert (deal.up_accepted, deal.up_declined, deal.addon_revenue) == (
            accepted, declined, revenue)
