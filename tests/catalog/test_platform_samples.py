"""Real public sample exports, as the platforms (or their sample projects) publish them: see
tests/data/platforms/real/SOURCE.md for where each comes from. Nothing here was written by us."""

from __future__ import annotations

from pathlib import Path

import pytest

from catalog.importer import import_catalog
from catalog.store import Catalog, open_database
from tests.catalog.test_platforms import services_on

REAL = Path(__file__).resolve().parents[1] / "data" / "platforms" / "real"


@pytest.mark.parametrize("name,format,products,currency", [
    ("shopify_product_template.csv", "shopify", 3, "EUR"),
    ("shopify_partners_apparel.csv", "shopify", 20, "EUR"),
    ("shopify_product_template_2024.csv", "shopify", 2, "EUR"),
    ("woocommerce_sample_products.csv", "woocommerce", 17, "EUR"),
    ("woocommerce_importer_sample.csv", "woocommerce", 4, "EUR"),
    ("magento2_catalog_product.csv", "magento", 5, "EUR"),
    ("magento2_import_configurable.csv", "magento", 1, "EUR"),
    ("google_example_feed_xml_rss.xml", "google", 5, "USD"),
])
def test_each_real_sample_imports_whole(tmp_path, name, format, products, currency):
    db = open_database(tmp_path / "salesbot.db")
    report = import_catalog(db, REAL / name)
    assert report.format == format and len(report.added) == products
    assert {p.currency for p in Catalog(db).all()} == {currency}


def test_shopify_template_variants_prices_and_status(tmp_path):
    db = open_database(tmp_path / "salesbot.db")
    report = import_catalog(db, REAL / "shopify_product_template.csv")
    catalog = Catalog(db)
    shirt, jeans, beanie = (catalog.get(s) for s in ("example-shirt", "example-pants", "example-hat"))
    assert len(shirt.variants) == 12 and shirt.price == 25.0
    assert set(shirt.options) == {"Color", "Size"} and len(shirt.options["Color"]) == 4
    # €95 compared at €64.95 is no sale: the price charged stays €95
    assert (jeans.price, jeans.regular_price) == (95.0, None)
    assert (beanie.price, beanie.regular_price) == (17.99, 22.99)
    assert (jeans.status, beanie.status, shirt.status) == ("discontinued", "discontinued", "active")  # draft, archived
    assert shirt.category == "Apparel & Accessories > Clothing > Clothing Tops > T-Shirts"
    assert sum(report.skipped.values()) == 1  # the image-only row
    assert catalog.get("SRT_COT_222").sku == "example-shirt"  # a variant's SKU finds its product


def test_shopify_2024_template_reads_like_the_classic_export(tmp_path):
    """The newer template words its columns differently (URL handle, SKU, Price, Inventory quantity)."""
    db = open_database(tmp_path / "salesbot.db")
    report = import_catalog(db, REAL / "shopify_product_template_2024.csv")
    catalog = Catalog(db)
    shirt = catalog.get("physical-product-the-band-t-shirt")
    ebook = catalog.get("digital-product-the-history-of-rock-music")
    assert len(shirt.variants) == 12 and (shirt.price, shirt.regular_price) == (19.99, 24.99)
    assert shirt.stock == 513 and shirt.options["Size"] == ["Small", "Medium", "Large", "XL"]
    assert shirt.brand == "Harmony Threads" and shirt.category.endswith("> T-Shirts")
    assert "timeless legacy" in shirt.description
    # Kindle at 9.99 compared at 14.99 is the lowest offerable; nothing tracked, so always available
    assert (ebook.price, ebook.regular_price, ebook.stock) == (9.99, 14.99, None)
    assert catalog.get("HRM-EBK-AUD").sku == ebook.sku
    assert report.mapping["Inventory quantity"] == "stock (summed over variants)"


def test_woocommerce_samples_fold_variations_and_keep_links(tmp_path):
    db = open_database(tmp_path / "salesbot.db")
    import_catalog(db, REAL / "woocommerce_sample_products.csv")
    catalog = Catalog(db)
    hoodie = catalog.get("woo-hoodie")
    assert len(hoodie.variants) == 4 and (hoodie.price, hoodie.regular_price) == (42.0, 45.0)
    assert hoodie.options["Color"] == ["Red", "Green", "Blue"]
    assert len(catalog.get("woo-vneck-tee").variants) == 3
    db = open_database(tmp_path / "importer.db")
    report = import_catalog(db, REAL / "woocommerce_importer_sample.csv")
    catalog = Catalog(db)
    assert list(catalog.get("WOOLOGO").cross_sells) == ["WOOALBUM"]
    assert list(catalog.get("WOOALBUM").upsells) == ["WOOLOGO"]
    assert catalog.get("wc-woocommerce-product-csv-suite").name == "WooCommerce Product CSV Suite"
    assert any("no SKU and no ID" in w for w in report.warnings)


def test_magento_samples_links_bundles_and_a_sku_with_a_space(tmp_path):
    db = open_database(tmp_path / "salesbot.db")
    report = import_catalog(db, REAL / "magento2_catalog_product.csv")
    catalog = Catalog(db)
    assert set(catalog.get("24-WG085").cross_sells) == {"24-WG086", "24-WG087"}
    assert catalog.get("24-WG085-bundle-fixed").available  # in stock, no units of its own
    assert sum(report.skipped.values()) == 1  # the grouped product
    db = open_database(tmp_path / "configurable.db")
    import_catalog(db, REAL / "magento2_import_configurable.csv")
    configurable = Catalog(db).get("Configurable 1")
    assert len(configurable.variants) == 2


def test_ask_answers_on_each_real_sample_with_curated_links(tmp_path, encoder):
    for name, sku, linked in (("woocommerce_importer_sample.csv", "WOOLOGO", "WOOALBUM"),
                              ("magento2_catalog_product.csv", "24-WG085", "24-WG086")):
        advice = services_on(REAL / name, tmp_path, encoder).advisor().suggest(sku).to_dict()
        offers = {s["sku"]: s for s in advice["cross_sell"] + advice["upsell"]}
        assert linked in offers and "curated" in offers[linked]["sources"], (name, advice)
    for name, question, expected in (
            ("shopify_partners_apparel.csv", "customer is buying the classic leather jacket", "classic-leather-jacket"),
            ("woocommerce_sample_products.csv", "customer buying 5 pairs of sunglasses", "woo-sunglasses"),
            ("google_example_feed_xml_rss.xml", "customer wants the LG 22 inch TV", "TV_123456")):
        advice = services_on(REAL / name, tmp_path, encoder).advisor().ask(question).to_dict()
        assert advice["anchor"]["sku"] == expected, (name, advice["anchor"])
