"""Answers in a catalog too large to rank every compatible product: the nearest, offerable ones."""

from __future__ import annotations

import csv

from bot.advisor.candidates import LARGE_GROUP
from catalog.importer import import_catalog
from tests.conftest import make_services

COLUMNS = ["sku", "name", "category", "price", "description", "compatible_with", "stock"]


def write(path, rows):
    with open(path, "w", newline="", encoding="utf-8") as f:
        writer = csv.DictWriter(f, fieldnames=COLUMNS)
        writer.writeheader()
        writer.writerows({"stock": "", "compatible_with": "", **row} for row in rows)
    return path


def test_a_large_compatibility_group_offers_the_nearest_offerable_product(store, tmp_path, encoder):
    rows = [{"sku": "CAM-1", "name": "Orbit 4K action camera", "category": "Cameras",
             "price": 300, "description": "Waterproof 4K action camera for divers and cyclists."},
            {"sku": "MNT-NEAR", "name": "Orbit action camera dive housing", "category": "Mounts",
             "price": 40, "description": "Waterproof dive housing for the Orbit action camera.",
             "compatible_with": "Cameras", "stock": "0"},
            {"sku": "MNT-NEXT", "name": "Orbit action camera bike mount", "category": "Mounts",
             "price": 30, "description": "Handlebar mount for the Orbit action camera, for cyclists.",
             "compatible_with": "Cameras"}]
    rows += [{"sku": f"LENS-{i:03d}", "name": f"Studio lens cap {i}", "category": "Lens Caps",
              "price": 10 + i, "description": f"Plain lens cap number {i} for studio cameras.",
              "compatible_with": "Cameras"} for i in range(LARGE_GROUP + 20)]
    services = make_services(store, encoder)
    import_catalog(services.db, write(tmp_path / "big.csv", rows))
    advisor = services.advisor()
    group = advisor.finder._compatible("Cameras", services.catalog.get("CAM-1"))
    assert "MNT-NEAR" not in group and group[0] == "MNT-NEXT"  # nearest, but out of stock
    assert len(group) <= LARGE_GROUP
    offered = [s.product.sku for s in advisor.suggest("CAM-1").cross_sell]
    assert "MNT-NEXT" in offered and "MNT-NEAR" not in offered

    # stock is read live: the advisor built before the change sees it
    rows[1]["stock"] = "5"
    import_catalog(services.db, write(tmp_path / "big.csv", rows))
    assert advisor.finder._compatible("Cameras", services.catalog.get("CAM-1"))[0] == "MNT-NEAR"
    services.db.close()


def test_full_text_with_the_vocabulary_read_once_matches_the_lookup(demo_both):
    counts = demo_both.catalog.term_counts()
    for text in ["probook 450", "toner laserjet 3102fdw", "galaxy s24 case", "nothing-like-it"]:
        assert demo_both.catalog.full_text(text, term_counts=counts) == demo_both.catalog.full_text(text)


def test_both_engines_rank_full_text_matches_alike(demo, pg_demo_services):
    """PostgreSQL computes FTS5's bm25 over what its tsvector finds: the same products first."""
    from tests.bot.test_anchor_accuracy import SETS, load_phrasings

    texts = [row["question"] for name in SETS for row in load_phrasings(name)]
    same_first = same_five = 0
    for text in texts:
        lite, post = demo.catalog.full_text(text), pg_demo_services.catalog.full_text(text)
        same_first += [s for s, _ in lite[:1]] == [s for s, _ in post[:1]]
        same_five += {s for s, _ in lite[:5]} == {s for s, _ in post[:5]}
    assert same_first / len(texts) >= 0.95 and same_five / len(texts) >= 0.85, (same_first, same_five, len(texts))


def test_full_text_skips_words_that_match_more_rows_than_it_may_rank(demo_both):
    from catalog.store import FTS_ROW_BUDGET, Catalog

    many = {"laptop": FTS_ROW_BUDGET + 1, "probook": 3}
    assert Catalog._discriminating(["laptop", "probook"], many) == ["probook"]
    assert Catalog._discriminating(["laptop"], many) == []
    assert demo_both.catalog.full_text("laptop", term_counts={"laptop": FTS_ROW_BUDGET + 1}) == []
    assert demo_both.catalog.full_text("laptop", term_counts={"laptop": 5}) != []
