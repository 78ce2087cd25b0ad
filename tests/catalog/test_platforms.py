"""Platform exports and feeds: Shopify, WooCommerce, Magento 2, Google Merchant Center (TSV and XML).

The fixtures follow the platforms' documented column sets (HTML, variants, several categories,
curated links, sale prices, store-view rows); the real public samples are in test_platform_samples.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from catalog.importer import import_catalog
from catalog.store import Catalog, open_database

FIXTURES = Path(__file__).resolve().parents[1] / "data" / "platforms"


@pytest.fixture
def db(tmp_path):
    return open_database(tmp_path / "salesbot.db")


def imported(db, name: str, **options) -> Catalog:
    report = import_catalog(db, FIXTURES / name, **options)
    assert report.format == name.split("_")[1].split(".")[0]
    return Catalog(db)


def test_shopify_rows_fold_into_products_by_handle(db):
    catalog = imported(db, "fixture_shopify.csv")
    assert catalog.count() == 4
    jacket = catalog.get("trail-runner-jacket")
    # the cheapest variant (€139) is out of stock: the product takes the cheapest offerable one
    assert (jacket.price, jacket.regular_price, jacket.stock) == (149.0, 179.0, 6)
    assert jacket.options == {"Color": ["Black", "Blue"], "Size": ["M", "L"]}
    assert [v["sku"] for v in jacket.variants] == ["TRJ-BLK-M", "TRJ-BLK-L", "TRJ-BLU-M"]
    assert jacket.category == "Apparel & Accessories > Clothing > Outerwear > Coats & Jackets"
    assert jacket.categories[1] == "Jackets" and jacket.brand == "Northpeak"
    assert jacket.description == "Light & waterproof shell for trail running. Taped seams; Packs into its pocket"
    assert jacket.attributes["Material"] == "Recycled nylon"  # a metafield column, kept as an attribute
    assert jacket.extra["Image Src"].startswith("https://") and "Image Src" not in jacket.attributes
    assert jacket.spec_attributes == {"Material": "Recycled nylon"}  # options are not specs to compare
    assert catalog.get("TRJ-BLU-M").sku == "trail-runner-jacket"  # a variant SKU finds its product
    assert catalog.get("headlamp-400").stock is None  # sold when out of stock: always available
    assert catalog.get("merino-running-socks").stock is None  # inventory not tracked
    assert catalog.get("old-windbreaker").status == "discontinued"  # archived


def test_shopify_variants_can_be_kept_apart(db):
    catalog = imported(db, "fixture_shopify.csv", variants="keep")
    assert catalog.count() == 6
    blue = catalog.get("TRJ-BLU-M")
    assert (blue.name, blue.price, blue.regular_price, blue.stock) == ("Trail Runner Jacket (Blue / M)", 159.0,
                                                                      None, 2)
    assert blue.attributes["Color"] == "Blue" and blue.extra["variant of"] == "trail-runner-jacket"
    assert catalog.get("TRJ-BLK-L").stock == 0


def test_woocommerce_variations_fold_and_links_resolve(db):
    report = import_catalog(db, FIXTURES / "fixture_woocommerce.csv")
    catalog = Catalog(db)
    assert catalog.count() == 5 and report.variants == 2
    assert report.skipped == {"grouped products (a page listing other products, which have rows of their own)": 1}
    hoodie = catalog.get("HOOD-ZIP")
    # Grey's sale ended in 2020 (€55); Navy is on sale at €49.50
    assert (hoodie.price, hoodie.regular_price, hoodie.stock) == (49.5, 55.0, 8)
    assert hoodie.categories == ("Clothing > Hoodies", "Clothing > Organic, Fair trade")
    assert hoodie.options == {"Color": ["Grey", "Navy"], "Size": ["S", "M"]}
    assert hoodie.upsells == ("HOOD-PRO",)  # id:13 resolved through the ID column
    assert hoodie.cross_sells == ("BEANIE",)  # id:99 is not in the file: left out, with a warning
    assert "row 2: Cross-sells links to id:99, which is not in the file; the link is left out" in report.warnings
    assert hoodie.description == 'Organic cotton hoodie. Brushed inside, "YKK" zip.'
    assert hoodie.attributes["warranty"] == "2 years" and "Meta: _wpcom_is_markdown" in hoodie.extra
    assert catalog.get("BEANIE").cross_sells == ("HOOD-ZIP",) and catalog.get("BEANIE").stock == 12
    assert catalog.get("GIFT-CARD-EXT").stock == 0  # In stock? 0
    assert catalog.linked("HOOD-ZIP", "upsell") == ["HOOD-PRO"]
    assert catalog.get("HOOD-PRO").attributes == {"Material": "Cotton", "Weight (kg)": "0.8"}
    assert catalog.get("HOOD-PRO").brand == "Northpeak"
    assert catalog.get("wc-17").status == "discontinued"  # no SKU, not published
    assert catalog.get("GIFT-CARD-EXT").extra["sold on another site"] == "https://partner.example/gift"


def test_magento_configurables_fold_store_views_are_left_out_and_links_map(db):
    report = import_catalog(db, FIXTURES / "fixture_magento.csv")
    catalog = Catalog(db)
    assert catalog.count() == 4 and report.variants == 3
    assert report.skipped["store-view rows (values a store view overrides, such as translations)"] == 1
    kit = catalog.get("MJ01")
    assert kit.name == "Beaumont Summit Kit"  # not the German store view's
    assert (kit.price, kit.regular_price, kit.stock) == (36.5, 42.0, 9)
    assert kit.categories == ("Men/Tops/Jackets", "Collections/Eco Friendly")
    assert kit.options == {"Size": ["S", "M"], "Color": ["Red", "Blue"]}
    assert kit.upsells == ("MJ02",) and kit.cross_sells == ("MS-BAG", "MH-HOOD")
    assert kit.brand == "Luma" and kit.attributes["material"] == "Polyester, Fleece"
    assert kit.description == "A light jacket for cool days. Polyester shell; Zip pockets"
    assert catalog.get("MJ02").price == 51.0  # its special price ended in 2019
    assert catalog.get("MH-HOOD").status == "discontinued"  # product_online 2
    assert catalog.get("MJ01-M-Blue").sku == "MJ01"


@pytest.mark.parametrize("name", ["fixture_google.xml", "fixture_google.tsv"])
def test_google_feeds_fold_item_groups_and_keep_the_currency(db, name):
    report = import_catalog(db, FIXTURES / name)
    catalog = Catalog(db)
    assert report.format == "google" and catalog.count() == 2 and report.currency == "EUR"
    tee = catalog.get("TEE-ORG")
    assert (tee.name, tee.price, tee.regular_price, tee.stock) == ("Organic Tee", 19.0, 25.0, None)
    assert tee.options == {"Color": ["Blue", "Red"], "Size": ["M", "S"]}
    assert tee.attributes["gender"] == "female" and tee.category == "Apparel > Tops > T-Shirts"
    assert tee.description == "Soft organic cotton tee & relaxed fit."
    assert catalog.get("TEE-RED-S").sku == "TEE-ORG"
    assert catalog.get("MUG-01").price == 12.5


def test_google_xml_keeps_every_path_and_the_shipping(db):
    imported(db, "fixture_google.xml")
    tee = Catalog(db).get("TEE-ORG")
    assert tee.categories == ("Apparel > Tops > T-Shirts", "Sale > Summer",
                              "Apparel & Accessories > Clothing > Shirts & Tops")
    assert tee.extra["g:shipping"] == "NL:4.95 EUR" and tee.extra["g:gtin"] == "4006381333931"


def test_currency_comes_from_the_file_or_the_option(db):
    import_catalog(db, FIXTURES / "fixture_shopify.csv", currency="SEK")
    assert Catalog(db).get("trail-runner-jacket").currency == "SEK"
    report = import_catalog(db, FIXTURES / "fixture_google.xml", currency="USD")
    assert Catalog(db).get("TEE-ORG").currency == "EUR"
    assert "the feed states its prices in EUR; --currency USD is ignored" in report.warnings


def test_dry_run_reports_the_mapping_and_writes_nothing(db, tmp_path):
    result = CliRunner().invoke(main, ["catalog", "import", str(FIXTURES / "fixture_woocommerce.csv"),
                                       "--dry-run", "--db", str(tmp_path / "salesbot.db")])
    assert result.exit_code == 0, result.output
    assert "WooCommerce product CSV" in result.output
    assert "5 would be added, 0 would be updated, 0 unchanged" in result.output
    assert "Cross-sells links to id:99" in result.output and "Dry run: nothing was written." in result.output
    assert "Regular price" in result.output and "EUR (assumed" in result.output
    assert Catalog(db).count() == 0
    result = CliRunner().invoke(main, ["catalog", "import", str(FIXTURES / "fixture_magento.csv"), "--dry-run",
                                       "--json", "--db", str(tmp_path / "salesbot.db")])
    report = json.loads(result.output)
    assert (report["format"], report["dry_run"], report["products"], report["variants_folded"]) == (
        "magento", True, 4, 3)
    assert report["mapping"]["crosssell_skus"] == "cross_sells" and len(report["added"]) == 4
    assert Catalog(db).count() == 0


def test_reimport_of_a_platform_export_is_unchanged(db):
    import_catalog(db, FIXTURES / "fixture_shopify.csv")
    report = import_catalog(db, FIXTURES / "fixture_shopify.csv")
    assert (report.added, report.updated, report.unchanged) == ([], [], 4)


def services_on(path: Path, tmp_path, encoder):
    """The bot's services over a database holding only this file's catalog."""
    from tests.conftest import make_services

    services = make_services(tmp_path / f"{path.name}.db", encoder)
    import_catalog(services.db, path)
    return services


def test_ask_answers_on_each_imported_catalog_with_curated_links(tmp_path, encoder):
    for name, sku, linked in (("fixture_woocommerce.csv", "HOOD-ZIP", "BEANIE"),
                              ("fixture_magento.csv", "MJ01", "MS-BAG")):
        services = services_on(FIXTURES / name, tmp_path, encoder)
        advice = services.advisor().suggest(sku).to_dict()
        cross = {s["sku"]: s for s in advice["cross_sell"]}
        assert linked in cross and "curated" in cross[linked]["sources"], (name, advice["cross_sell"])
    for name, question, expected in (("fixture_shopify.csv", "customer is buying the trail runner jacket",
                                      "trail-runner-jacket"),
                                     ("fixture_google.xml", "customer wants the organic tee", "TEE-ORG")):
        advice = services_on(FIXTURES / name, tmp_path, encoder).advisor().ask(question).to_dict()
        assert advice["anchor"]["sku"] == expected, (name, advice)


@pytest.mark.parametrize("name,format,products", [
    ("fixture_shopify.csv", "Shopify product CSV", 4), ("fixture_woocommerce.csv", "WooCommerce product CSV", 5),
    ("fixture_magento.csv", "Magento 2 product export", 4), ("fixture_google.xml", "Google Merchant Center feed", 2),
    ("fixture_google.tsv", "Google Merchant Center feed", 2)])
def test_every_format_has_a_dry_run_that_writes_nothing(tmp_path, name, format, products):
    db_path = tmp_path / "salesbot.db"
    open_database(db_path)
    result = CliRunner().invoke(main, ["catalog", "import", str(FIXTURES / name), "--dry-run", "--db", str(db_path)])
    assert result.exit_code == 0, result.output
    assert format in " ".join(result.output.split()) and f"{products} would be added" in result.output
    assert "→ sku" in result.output and "Dry run: nothing was written." in result.output
    assert Catalog(open_database(db_path)).count() == 0
