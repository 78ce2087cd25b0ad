"""Bad platform files: each problem named by row (or item) and the platform's own column, and the
database exactly as it was."""

from __future__ import annotations

import csv
import io
from pathlib import Path

import pytest

from catalog import CatalogError
from catalog.importer import import_catalog
from catalog.store import open_database

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "platforms"


def edited(name: str, changes: list[tuple[int, str, str]]) -> str:
    """The fixture with cells changed: (row index, 0 = header; column; new value)."""
    rows = list(csv.reader(open(FIXTURES / name, newline="", encoding="utf-8")))
    for index, column, value in changes:
        rows[index][rows[0].index(column)] = value
    out = io.StringIO()
    csv.writer(out, lineterminator="\n").writerows(rows)
    return out.getvalue()


XML = (FIXTURES / "fixture_google.xml").read_text(encoding="utf-8")
TSV = (FIXTURES / "fixture_google.tsv").read_text(encoding="utf-8")

CASES = [
    # Shopify
    ("shopify-price.csv", edited("fixture_shopify.csv", [(1, "Variant Price", "abc")]),
     "row 2, column Variant Price: 'abc' is not a number; write it like 899.00"),
    ("shopify-handle.csv", edited("fixture_shopify.csv", [(2, "Handle", "")]),
     "row 3, column Handle: empty; every Shopify row belongs to a product Handle"),
    ("shopify-negative.csv", edited("fixture_shopify.csv", [(5, "Variant Price", "-5")]),
     "row 6, column Variant Price: '-5' is negative; prices must be 0 or more"),
    ("shopify-qty.csv", edited("fixture_shopify.csv", [(3, "Variant Inventory Qty", "lots")]),
     "row 4, column Variant Inventory Qty: 'lots' is not a number; use the units in stock"),
    ("shopify-title.csv", edited("fixture_shopify.csv", [(6, "Title", "")]),
     "row 7, column Title: empty; every product needs a name"),
    ("shopify-no-variant.csv", edited("fixture_shopify.csv", [(5, "Variant Price", ""), (5, "Variant SKU", ""),
                                                              (5, "Option1 Value", "")]),
     "row 6, column Variant Price: product 'merino-running-socks' has no variant row with a price; "
     "add its Variant Price"),
    # Shopify's 2024 template: the same checks, quoting its own column names
    ("shopify-2024-price.csv", edited("real/shopify_product_template_2024.csv", [(3, "Price", "abc")]),
     "row 4, column Price: 'abc' is not a number; write it like 899.00"),
    ("shopify-2024-qty.csv", edited("real/shopify_product_template_2024.csv", [(2, "Inventory quantity", "lots")]),
     "row 3, column Inventory quantity: 'lots' is not a number; use the units in stock"),
    ("shopify-2024-handle.csv", edited("real/shopify_product_template_2024.csv", [(14, "URL handle", "")]),
     "row 15, column URL handle: empty; every Shopify row belongs to a product Handle"),
    # WooCommerce
    ("woo-comma.csv", edited("fixture_woocommerce.csv", [(4, "Regular price", "12,50")]),
     "row 5, column Regular price: '12,50' uses a decimal comma; write it with a point, like 12.50"),
    ("woo-type.csv", edited("fixture_woocommerce.csv", [(5, "Type", "bundle")]),
     "row 6, column Type: 'bundle' is not a WooCommerce product type; expected one of simple, variable, "
     "variation, grouped, external"),
    ("woo-parent.csv", edited("fixture_woocommerce.csv", [(2, "Parent", "id:77")]),
     "row 3, column Parent: variation of 'id:77', which is not a product in the file; export the variable "
     "product with its variations"),
    ("woo-no-price.csv", edited("fixture_woocommerce.csv", [(4, "Regular price", "")]),
     "row 5, column Regular price: empty; a product needs a Regular price (a variable product, variations "
     "with prices)"),
    ("woo-stock.csv", edited("fixture_woocommerce.csv", [(4, "Stock", "many")]),
     "row 5, column Stock: 'many' is not a number; use the units in stock"),
    ("woo-duplicate.csv", edited("fixture_woocommerce.csv", [(5, "SKU", "HOOD-PRO")]),
     "row 6, column SKU: duplicate SKU 'HOOD-PRO' (first on row 5); each SKU may appear once"),
    # Magento 2
    ("magento-price.csv", edited("fixture_magento.csv", [(6, "price", "abc")]),
     "row 7, column price: 'abc' is not a number; write it like 899.00"),
    ("magento-no-price.csv", edited("fixture_magento.csv", [(7, "price", "")]),
     "row 8, column price: empty; a product needs a price (a configurable product, children with prices)"),
    ("magento-qty.csv", edited("fixture_magento.csv", [(7, "qty", "x")]),
     "row 8, column qty: 'x' is not a number; use the units in stock"),
    ("magento-name.csv", edited("fixture_magento.csv", [(8, "name", "")]),
     "row 9, column name: empty; every product needs a name"),
    ("magento-space.csv", edited("fixture_magento.csv", [(8, "sku", "MH\tHOOD")]),
     "row 9, column sku: 'MH\\tHOOD' contains spaces; SKUs are single codes like LAP-450"),
    ("magento-duplicate.csv", edited("fixture_magento.csv", [(8, "sku", "MS-BAG")]),
     "row 9, column sku: duplicate SKU 'MS-BAG' (first on row 8); each SKU may appear once"),
    # Google Merchant Center
    ("google-currency.xml", XML.replace("<g:price>12.50 EUR</g:price>", "<g:price>12.50</g:price>"),
     "item 3, column g:price: '12.50' is not a price with its currency; write it like 99.00 EUR"),
    ("google-mixed.xml", XML.replace("<g:price>12.50 EUR</g:price>", "<g:price>12.50 USD</g:price>"),
     "item 3, column g:price: price in USD, but the feed's first price is in EUR; one feed, one currency"),
    ("google-no-price.xml", XML.replace("<g:price>15.00 EUR</g:price>", ""),
     "item 2, column g:price: empty; every item needs a price, like 99.00 EUR"),
    ("google-cut.xml", XML[: XML.index("<g:id>MUG-01")],
     "line 44: not well-formed XML (no element found, column 0); the feed may be cut off or damaged"),
    ("google-doctype.xml", XML.replace('<?xml version="1.0" encoding="UTF-8"?>',
                                       '<?xml version="1.0"?>\n<!DOCTYPE rss [<!ENTITY a "aaaa">]>'),
     "the feed declares a DOCTYPE or entities, which a product feed does not need; remove them (they are "
     "refused for safety)"),
    ("google-empty.xml", '<?xml version="1.0"?><rss><channel><title>x</title></channel></rss>',
     "no <item> or <entry> elements; expected an RSS 2.0 or Atom product feed with the g: namespace "
     "(http://base.google.com/ns/1.0)"),
    ("google-no-id.tsv", TSV.replace("MUG-01\t", "\t"), "row 4, column id: empty; every product needs a SKU"),
    ("google-price.tsv", TSV.replace("12.50 EUR", "twelve EUR"),
     "row 4, column price: 'twelve EUR' is not a price with its currency; write it like 99.00 EUR"),
]


@pytest.fixture
def db(tmp_path):
    db = open_database(tmp_path / "salesbot.db")
    import_catalog(db, FIXTURES / "fixture_shopify.csv")
    return db


def snapshot(db) -> list:
    return [list(db.query(f"SELECT * FROM {t} ORDER BY 1, 2"))
            for t in ("products", "product_links", "product_variants")]


@pytest.mark.parametrize("name,content,message", CASES, ids=[c[0] for c in CASES])
def test_a_bad_platform_file_is_named_precisely_and_changes_nothing(db, tmp_path, name, content, message):
    before = snapshot(db)
    path = tmp_path / name
    path.write_text(content, encoding="utf-8")
    with pytest.raises(CatalogError) as error:
        import_catalog(db, path, missing="discontinue")
    assert str(error.value) == f"{path}: {message}. Nothing was imported."
    assert snapshot(db) == before


def test_a_forced_format_that_does_not_fit_says_so(db, tmp_path):
    with pytest.raises(CatalogError) as error:
        import_catalog(db, FIXTURES / "fixture_woocommerce.csv", format="shopify")
    assert str(error.value).endswith("this is not a Shopify product CSV: it has no handle, variant price column; "
                                     "check the export, or leave --format out to detect it. Nothing was imported.")
    with pytest.raises(CatalogError) as error:
        import_catalog(db, FIXTURES / "fixture_google.xml", format="magento")
    assert "an XML feed cannot be read as Magento 2 product export" in str(error.value)
