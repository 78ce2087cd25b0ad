"""Catalog reads kept in memory while the catalog's version stands still, on both engines."""

from __future__ import annotations

import pytest

from catalog import Catalog
from catalog.importer import import_catalog
from catalog.memo import Memo
from catalog.product import Product
from catalog.store import catalog_changed, open_database
from tests.conftest import DEMO_CATALOG


@pytest.fixture
def catalog(store):
    db = open_database(store)
    import_catalog(db, DEMO_CATALOG)
    yield Catalog(db)
    db.close()


def _behind_its_back(catalog: Catalog, sql: str, *, announced: bool) -> None:
    """A product write; `announced`: with the version raised in the same transaction, as every
    write of the importer, a sync and the evaluations does."""
    with catalog.db.writing() as db:
        db.execute(sql)
        if announced:
            catalog_changed(db)


def test_reads_in_a_snapshot_are_kept_until_the_version_moves(catalog):
    with catalog.snapshot():
        price = catalog.get("LAP-PB450-G10").price
        fits = catalog.fitting("LAP-PB450-G10")
        family = [p.sku for p in catalog.family(catalog.get("LAP-PB450-G10").family)]
    _behind_its_back(catalog, "UPDATE products SET price = price + 1 WHERE sku = 'LAP-PB450-G10'", announced=False)
    _behind_its_back(catalog, "DELETE FROM product_links WHERE kind = 'compatible'", announced=False)
    with catalog.snapshot():  # the version stood still: what was read is what is kept
        assert catalog.get("LAP-PB450-G10").price == price
        assert catalog.fitting("LAP-PB450-G10") == fits and fits
    assert catalog.get("LAP-PB450-G10").price == price + 1  # outside a snapshot, every read is live
    _behind_its_back(catalog, "UPDATE products SET stock = 0 WHERE sku = 'LAP-PB450-G10'", announced=True)
    with catalog.snapshot():  # the version moved: everything is read again
        product = catalog.get("LAP-PB450-G10")
        assert product.price == price + 1 and not product.available
        assert catalog.fitting("LAP-PB450-G10") == []
        assert catalog.offerable(["LAP-PB450-G10", "lap-pb450-g10"]) == []
        assert [p.sku for p in catalog.family(product.family)] == family


def test_kept_reads_answer_as_the_database_does(catalog):
    skus = catalog.skus()[:40] + ["NO-SUCH-SKU", catalog.skus()[0].lower()]
    live = (catalog.many(skus), catalog.names(skus), sorted(catalog.offerable(skus)),
            catalog.full_text("probook laptop"), catalog.get(skus[3]))
    with catalog.snapshot():
        for _ in range(2):  # read, then kept
            assert (catalog.many(skus), catalog.names(skus), sorted(catalog.offerable(skus)),
                    catalog.full_text("probook laptop"), catalog.get(skus[3])) == live
            assert catalog.get("NO-SUCH-SKU") is None


def test_the_memo_keeps_at_most_its_limit_and_the_most_recently_used():
    memo = Memo(products=2, reads=2)
    memo.at(1)
    reads = []

    def fetch(skus):
        reads.append(list(skus))
        return {s: Product(sku=s, name=s, price=1.0) for s in skus if s != "X"}

    memo.products(["A", "B"], fetch)
    memo.products(["A"], fetch)  # kept; A is now the most recent
    memo.products(["C"], fetch)  # B goes
    memo.products(["A", "B", "X"], fetch)
    assert reads == [["A", "B"], ["C"], ["B", "X"]]
    memo.at(2)
    memo.products(["A"], fetch)
    assert reads[-1] == ["A"]  # another version: nothing kept
