"""A catalog with only sku,name,category,price,description: structure and embeddings carry it."""

from __future__ import annotations

import csv

import pytest

from catalog.importer import import_catalog
from catalog.specs import better_version
from catalog.taxonomy import same_kind
from tests.conftest import DEMO_CATALOG, make_services

COLUMNS = ["sku", "name", "category", "price", "description"]


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def minimal(request, tmp_path_factory, encoder):
    folder = tmp_path_factory.mktemp("minimal")
    path = folder / "minimal.csv"
    with open(DEMO_CATALOG, newline="", encoding="utf-8") as src, \
            open(path, "w", newline="", encoding="utf-8") as dst:
        writer = csv.DictWriter(dst, fieldnames=COLUMNS)
        writer.writeheader()
        for row in csv.DictReader(src):
            writer.writerow({c: row[c] for c in COLUMNS})
    target = folder / "salesbot.db" if request.param == "sqlite" else \
        request.getfixturevalue("pg_cluster").new_database()
    services = make_services(target, encoder)
    import_catalog(services.db, path)
    yield services
    services.db.close()


def test_both_kinds_of_suggestion_without_links_tiers_or_compatibility(minimal):
    advisor = minimal.advisor()
    answers = [advisor.suggest(sku) for sku in minimal.catalog.skus()]
    with_cross = sum(1 for a in answers if a.cross_sell)
    with_up = sum(1 for a in answers if a.upsell)
    print(f"minimal catalog: {with_cross}/{len(answers)} get a cross-sell, "
          f"{with_up}/{len(answers)} an upsell")
    assert with_cross >= len(answers) * 0.5
    # Without tiers an upsell must be a better version by the specs the texts state (laptops,
    # monitors, storage): a pricier chair mat is another chair mat, not an upgrade.
    assert with_up >= len(answers) * 0.1
    for advice in answers:
        for s in advice.cross_sell:
            # another kind: another category, or another kind of product in a generic one
            assert not same_kind(s.product, advice.anchor)
            # only what bare text can tell: embedding similarity, and a text that says it is used
            # with the anchor's kind ("fits laptops up to 15.6 inches")
            assert set(s.sources) <= {"similarity", "used_with"} and s.sources
        for s in advice.upsell:
            assert advice.anchor.price < s.product.price <= advice.anchor.price * 1.5
            assert s.product.category == advice.anchor.category
            assert better_version(advice.anchor, s.product), (advice.anchor.sku, s.product.sku)
        if not advice.upsell:
            assert any(n.startswith("No upsell: no better version") for n in advice.notes)


def test_the_classic_laptop_example_still_works(minimal):
    advice = minimal.advisor().ask("customer is buying the ProBook 450 G10")
    assert advice.anchor.sku == "LAP-PB450-G10"
    kinds = {s.product.category for s in advice.cross_sell}
    assert kinds & {"Laptop Bags", "Mice", "Docking Stations", "USB Storage", "Keyboards"}
    assert advice.upsell and all(s.product.category == "Laptops" for s in advice.upsell)
