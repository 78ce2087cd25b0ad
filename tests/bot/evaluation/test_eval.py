"""`salesbot eval`: figures computed right, the advisor beside its baselines, the database untouched."""

from __future__ import annotations

import random

import pytest

from bot.evaluation import evaluate_baskets, evaluate_links
from bot.evaluation.baskets import ADVISOR
from bot.evaluation.metrics import Tally, spread
from catalog import CatalogError


def test_the_metrics_by_hand():
    tally = Tally()
    tally.add(["a", "b", "c"], {"c", "z"}, [1, 3])  # first hit at rank 3
    tally.add([], {"a"}, [1, 3])  # nothing suggested
    figures = tally.figures([1, 3])
    assert figures == {"cases": 2, "coverage": 0.5, "mrr": pytest.approx(1 / 6), "hit@1": 0.0,
                       "precision@1": 0.0, "recall@1": 0.0, "hit@3": 0.5, "precision@3": pytest.approx(1 / 3),
                       "recall@3": 0.25}
    assert spread([{"x": 1.0}, {"x": 3.0}]) == {"x": {"mean": 2.0, "sd": pytest.approx(1.414, abs=1e-3),
                                                      "min": 1.0, "max": 3.0}}


def test_links_withheld_are_found_well_above_the_baselines(demo_both):
    links_before = demo_both.db.execute("SELECT COUNT(*) FROM product_links").fetchone()[0]
    report = evaluate_links(demo_both, ks=[3])
    assert report.sources == {"upsell": 13, "cross_sell": 19}
    for kind, methods in report.methods.items():
        ours = methods["salesbot (links withheld)"]["precision@3"]
        baselines = {name: f["precision@3"] for name, f in methods.items() if not name.startswith("salesbot")}
        assert ours > 2 * max(baselines.values()), (kind, ours, baselines)
    # The curated links were withheld in a private copy only.
    assert demo_both.db.execute("SELECT COUNT(*) FROM product_links").fetchone()[0] == links_before


def test_link_files_with_unknown_skus_are_refused(demo_both, tmp_path):
    (tmp_path / "up.csv").write_text("sku,linked_sku\nLAP-PB450-G10,NOPE\n")
    with pytest.raises(CatalogError, match=r"row 2, column linked_sku: 'NOPE' is not in the catalog"):
        evaluate_links(demo_both, upsell=tmp_path / "up.csv")


def planted_orders(demo_both, path, *, orders=400, seed=5):
    """Each laptop sells with its own accessory 70% of the time; two popular phones ride along."""
    rng = random.Random(seed)
    laptops = [p.sku for p in demo_both.catalog.in_category("Laptops", min_price=0, max_price=1e9)][:6]
    extras = [p.sku for p in demo_both.catalog.all() if p.category in ("Mice", "Laptop Bags", "Docking Stations")]
    phones = [p.sku for p in demo_both.catalog.in_category("Smartphones", min_price=0, max_price=1e9)][:2]
    assert len(laptops) == 6 and len(phones) == 2
    partner = {laptop: extras[i] for i, laptop in enumerate(laptops)}
    lines = ["order_id,sku"]
    for n in range(orders):
        laptop = rng.choice(laptops)
        lines.append(f"{n},{laptop}")
        if rng.random() < 0.7:
            lines.append(f"{n},{partner[laptop]}")
        lines += [f"{n},{phone}" for phone in phones if rng.random() < 0.4]
    path.write_text("\n".join(lines) + "\n")
    return path


def test_baskets_the_advisor_learns_the_planted_pairs(demo_both, tmp_path):
    path = planted_orders(demo_both, tmp_path / "orders.csv")
    report = evaluate_baskets(demo_both, path, seeds=[1, 2], ks=[1, 3], removed=2)
    plain = report.variants["all products"]
    assert plain[ADVISOR]["hit@1"]["mean"] > plain["most popular"]["hit@1"]["mean"] + 0.1
    # The baselines may name out-of-stock products; the advisor never does, and still finds the pairs.
    assert plain[ADVISOR]["hit@3"]["mean"] > 0.8
    assert plain["lift"]["cases"]["mean"] == plain[ADVISOR]["cases"]["mean"] > 0
    assert report.orders["training"] == 320 and report.orders["held_out"] == 80
    # Training orders went into a private copy: the demo database has no history.
    assert demo_both.orders.totals() == (0, 0)
