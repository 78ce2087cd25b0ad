"""Prior strengths fitted to the history: a staple's pairs are trusted less than an accessory's."""

from __future__ import annotations

import random

import pytest

from bot.advisor.evidence import AnchorEvidence
from bot.evaluation.baselines import BasketStats
from bot.orders import OrderHistory, import_orders
from bot.orders.priors import MIN_ANCHORS, PRIOR_SCALE, STRENGTH_LIMITS, prior_strength
from catalog.importer import import_catalog
from catalog.store import open_database

CAMERAS = [f"CAM{n}" for n in range(6)]
CARDS = [f"SD{n}" for n in range(6)]  # SD{n} belongs with CAM{n} only


@pytest.fixture
def db(tmp_path):
    rows = [f"{sku},{sku},100" for sku in (*CAMERAS, *CARDS, "BAG", "LONE")]
    (tmp_path / "products.csv").write_text("sku,name,price\n" + "\n".join(rows) + "\n")
    database = open_database(tmp_path / "salesbot.db")
    import_catalog(database, tmp_path / "products.csv")
    return database


def shop_orders(path, *, orders=600, seed=3) -> dict[str, frozenset[str]]:
    """Each camera sells with its own card 70% of the time; the bag rides along with 40% of
    every order, whatever the camera: a staple."""
    rng = random.Random(seed)
    baskets = {}
    for n in range(orders):
        camera = rng.randrange(len(CAMERAS))
        basket = {CAMERAS[camera]}
        if rng.random() < 0.7:
            basket.add(CARDS[camera])
        if rng.random() < 0.4:
            basket.add("BAG")
        baskets[str(n)] = frozenset(basket)
    path.write_text("order_id,sku\n" + "".join(f"{o},{sku}\n" for o, b in baskets.items() for sku in sorted(b)))
    return baskets


def priors(db) -> dict[str, float | None]:
    return {sku: prior for sku, (_, prior) in OrderHistory(db).item_stats([*CAMERAS, *CARDS, "BAG"]).items()}


def test_a_staple_gets_a_strong_prior_and_an_accessory_a_weak_one(db, tmp_path):
    baskets = shop_orders(tmp_path / "orders.csv")
    import_orders(db, tmp_path / "orders.csv")
    fitted = priors(db)
    # The bag is in ~40% of every camera's orders: its pairs say little beyond that.
    assert fitted["bag"] > 100
    # A card is in 70% of one camera's orders and in none of the others': its pairs say a lot.
    assert all(fitted[card.lower()] < 5 for card in CARDS)
    # The evaluation's baseline fits the same strengths from the same counts.
    stats = BasketStats(baskets.values(), [*CAMERAS, *CARDS, "BAG"])
    assert {sku.lower(): round(v, 6) for sku, v in stats.priors.items()} == \
        {sku: round(v, 6) for sku, v in fitted.items()}


def test_a_staple_does_not_swamp_a_short_history(db, tmp_path):
    shop_orders(tmp_path / "orders.csv")
    import_orders(db, tmp_path / "orders.csv")
    evidence = evidence_for(db, "CAM0")
    card, bag = evidence.pair("sd0"), evidence.pair("bag")
    assert evidence.share(card) > 0.6 > 0.45 > evidence.share(bag) > 0.35


def evidence_for(db, sku: str) -> AnchorEvidence:
    history = OrderHistory(db)
    evidence = AnchorEvidence(anchor_orders=history.item_orders([sku])[sku.lower()],
                              total_orders=history.totals()[0], bought_with=history.bought_with(sku),
                              load_items=history.item_stats)
    evidence.prepare([*CARDS, "BAG"])
    return evidence


def test_too_little_history_keeps_the_default(db, tmp_path):
    lines = "".join(f"{n},{CAMERAS[n % 2]}\n{n},{CARDS[n % 2]}\n" for n in range(40))
    (tmp_path / "orders.csv").write_text("order_id,sku\n" + lines)
    import_orders(db, tmp_path / "orders.csv")
    assert MIN_ANCHORS > 4  # two cameras and two cards with 20 orders each are too few anchors
    assert set(priors(db).values()) == {None}


@pytest.mark.parametrize(("spread", "expected"), [
    (0.0, STRENGTH_LIMITS[1] * PRIOR_SCALE),  # no spread beyond noise: clipped at the top
    (1.0, STRENGTH_LIMITS[0] * PRIOR_SCALE),  # more spread than a Beta allows: clipped at the bottom
])
def test_strengths_are_clipped(spread, expected):
    # 10 anchors of 100 orders; the product in 20% of them on average.
    weight, together = 1000.0, 200.0
    mean = together / weight
    squares = weight * (mean * mean + spread)
    assert prior_strength(weight=weight, together=together, squares=squares, anchors=10) == expected


def test_a_known_spread_gives_the_beta_strength():
    # True shares spread with variance 0.01 around 0.2, plus the binomial noise of 100-order anchors.
    weight, anchors, mean, variance = 1000.0, 10, 0.2, 0.01
    noise = anchors * mean * (1 - mean) / weight
    squares = weight * (mean * mean + variance + noise)
    fitted = prior_strength(weight=weight, together=mean * weight, squares=squares, anchors=anchors)
    assert fitted == pytest.approx((mean * (1 - mean) / variance - 1) * PRIOR_SCALE)
