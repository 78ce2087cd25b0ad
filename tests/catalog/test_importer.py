"""Importing catalogs: good files in every format, and bad input that must change nothing."""

from __future__ import annotations

import json

import pytest

from catalog import CatalogError
from catalog.importer import import_catalog
from catalog.store import Catalog, open_database

HEADER = "sku,name,price,category,family,tier,stock,status,rating,review_count,upsells,features\n"
GOOD = HEADER + (
    "LAP-1,ProBook 440,799.00,Laptops,ProBook,1,5,active,4.2,31,LAP-2,8 GB RAM;256 GB SSD\n"
    "LAP-2,ProBook 450,899.00,Laptops,ProBook,2,3,active,4.5,120,,16 GB RAM;512 GB SSD\n"
)


@pytest.fixture
def db(store, tmp_path):
    """A catalog with the start file imported, on each backend."""
    db = open_database(store)
    path = tmp_path / "start.csv"
    path.write_text(GOOD)
    import_catalog(db, path)
    return db


def snapshot(db) -> list:
    searchable = ("SELECT COUNT(*) FROM products WHERE search IS NOT NULL" if db.dialect == "postgresql"
                  else "SELECT COUNT(*) FROM products_fts")
    return [list(db.query(f"SELECT * FROM {t} ORDER BY 1, 2"))
            for t in ("products", "product_links")] + [db.execute(searchable).fetchone()[0]]


def write(tmp_path, name: str, content: str | bytes):
    path = tmp_path / name
    if isinstance(content, bytes):
        path.write_bytes(content)
    else:
        path.write_text(content, encoding="utf-8")
    return path


def test_csv_import_reads_every_column(db):
    product = Catalog(db).get("lap-2")
    assert product.name == "ProBook 450" and product.price == 899.0 and product.tier == 2
    assert product.features == ("16 GB RAM", "512 GB SSD")
    assert Catalog(db).get("LAP-1").upsells == ("LAP-2",)
    assert Catalog(db).linked("LAP-1", "upsell") == ["LAP-2"]


def test_json_list_and_json_lines_import_the_same_products(tmp_path):
    items = [{"sku": "A-1", "name": "Alpha", "price": 10, "features": ["one", "two"],
              "color": "red"},
             {"sku": "B-2", "name": "Beta", "price": "12.50", "cross_sells": "A-1"}]
    for name, text in (("p.json", json.dumps(items)),
                       ("p.jsonl", "\n".join(json.dumps(i) for i in items))):
        db = open_database(tmp_path / f"{name}.db")
        report = import_catalog(db, write(tmp_path, name, text))
        assert report.added == ["A-1", "B-2"]
        alpha = Catalog(db).get("A-1")
        assert alpha.features == ("one", "two") and alpha.attributes == {"color": "red"}
        assert Catalog(db).get("B-2").cross_sells == ("A-1",)


def test_reimport_updates_changed_products_and_missing_ones_are_discontinued_or_deleted(db, tmp_path):
    changed = HEADER + "LAP-2,ProBook 450,849.00,Laptops,ProBook,2,3,active,4.5,120,,16 GB RAM\n"
    report = import_catalog(db, write(tmp_path, "changed.csv", changed))
    assert (report.added, report.updated, report.unchanged, report.removed) == ([], ["LAP-2"], 0, [])
    assert Catalog(db).get("LAP-2").price == 849.0
    assert Catalog(db).get("LAP-1") is not None  # untouched without --replace
    report = import_catalog(db, write(tmp_path, "changed.csv", changed), missing="discontinue")
    assert report.discontinued == ["LAP-1"] and report.removed == [] and report.unchanged == 1
    assert Catalog(db).get("LAP-1").status == "discontinued"  # the offer log may still refer to it
    assert Catalog(db).linked("LAP-1", "upsell") == ["LAP-2"]
    report = import_catalog(db, write(tmp_path, "changed.csv", changed), missing="discontinue")
    assert report.discontinued == []  # already discontinued: nothing to change
    report = import_catalog(db, write(tmp_path, "changed.csv", changed), missing="delete")
    assert report.removed == ["LAP-1"] and report.unchanged == 1
    assert Catalog(db).get("LAP-1") is None
    assert Catalog(db).linked("LAP-1", "upsell") == []


def test_link_to_unknown_sku_is_a_warning_not_an_error(db, tmp_path):
    text = HEADER + "LAP-3,ProBook 470,999,Laptops,ProBook,3,1,active,,,NOPE-9,\n"
    report = import_catalog(db, write(tmp_path, "warn.csv", text))
    assert report.added == ["LAP-3"]
    assert report.warnings == ["LAP-3: upsells links to unknown SKU 'NOPE-9'; it is ignored until "
                               "a product with that SKU is imported"]


def test_prices_written_the_way_shops_write_them(db, tmp_path):
    text = "sku,name,price\nA,Alpha,€1,099.00\nB,Beta,15 EUR\nC,Gamma,0\n"
    text = text.replace("€1,099.00", '"€1,099.00"')
    import_catalog(db, write(tmp_path, "prices.csv", text))
    catalog = Catalog(db)
    assert [catalog.get(s).price for s in "ABC"] == [1099.0, 15.0, 0.0]


BAD_INPUT = [
    ("empty.csv", "",
     "empty.csv: the file is empty; expected a header row (sku,name,price,...) and at least one "
     "product. Nothing was imported."),
    ("header-only.csv", "sku,name,price\n",
     "header-only.csv: the file has no products; add at least one. Nothing was imported."),
    ("no-price.csv", "sku,name\nA-1,Alpha\n",
     "no-price.csv: missing required column 'price' (found: sku, name); add it to the header. "
     "Nothing was imported."),
    ("no-sku-name.csv", "price,title\n10,Alpha\n",
     "no-sku-name.csv: missing required columns 'sku', 'name' (found: price, title); add them to "
     "the header. Nothing was imported."),
    ("dup.csv", "sku,name,price\nA-1,Alpha,10\nB-2,Beta,11\na-1,Alpha again,12\n",
     "dup.csv: row 4, column sku: duplicate SKU 'a-1' (first on row 2); each SKU may appear once. "
     "Nothing was imported."),
    ("text-price.csv", "sku,name,price\nA-1,Alpha,ten euros\n",
     "text-price.csv: row 2, column price: 'ten euros' is not a number; write it like 899.00. "
     "Nothing was imported."),
    ("negative.csv", "sku,name,price\nA-1,Alpha,-5\n",
     "negative.csv: row 2, column price: '-5' is negative; prices must be 0 or more. "
     "Nothing was imported."),
    ("comma.csv", 'sku,name,price\nA-1,Alpha,"899,50"\n',
     "comma.csv: row 2, column price: '899,50' uses a decimal comma; write it with a point, like "
     "899.50. Nothing was imported."),
    ("no-price-value.csv", "sku,name,price\nA-1,Alpha,\n",
     "no-price-value.csv: row 2, column price: empty; every product needs a price, like 899.00. "
     "Nothing was imported."),
    ("no-sku.csv", "sku,name,price\n,Alpha,10\n",
     "no-sku.csv: row 2, column sku: empty; every product needs a SKU. Nothing was imported."),
    ("no-name.csv", "sku,name,price\nA-1, ,10\n",
     "no-name.csv: row 2, column name: empty; every product needs a name. Nothing was imported."),
    ("stock.csv", "sku,name,price,stock\nA-1,Alpha,10,2.5\n",
     "stock.csv: row 2, column stock: '2.5' is not a whole number; use the units in stock, 0 when "
     "out of stock. Nothing was imported."),
    ("rating.csv", "sku,name,price,rating\nA-1,Alpha,10,7\n",
     "rating.csv: row 2, column rating: '7' is outside 0 to 5; use a rating from 0 to 5, like 4.5. "
     "Nothing was imported."),
    ("status.csv", "sku,name,price,status\nA-1,Alpha,10,sold out\n",
     "status.csv: row 2, column status: 'sold out' is not a status; use 'active' or "
     "'discontinued'. Nothing was imported."),
    ("tier.csv", "sku,name,price,tier\nA-1,Alpha,10,gold\n",
     "tier.csv: row 2, column tier: 'gold' is not a whole number; use 1 for the entry tier, 2 for "
     "the next, .... Nothing was imported."),
    ("currency.csv", "sku,name,price,currency\nA-1,Alpha,10,euro\n",
     "currency.csv: row 2, column currency: 'euro' is not a currency code; use a 3-letter code like "
     "EUR. Nothing was imported."),
    ("spaces.csv", "sku,name,price\nA 1,Alpha,10\n",
     "spaces.csv: row 2, column sku: 'A 1' contains spaces; SKUs are single codes like LAP-450. "
     "Nothing was imported."),
    ("extra.csv", "sku,name,price\nA-1,Alpha,10,extra\n",
     "extra.csv: row 2: 4 values but the header has 3 columns; quote values that contain the "
     "delimiter. Nothing was imported."),
    ("dupcol.csv", "sku,name,price,Name\nA-1,Alpha,10,B\n",
     "dupcol.csv: row 1: column 'name' appears more than once; keep one. Nothing was imported."),
    ("latin1.csv", "sku,name,price\nA-1,Caf\xe9 cr\xe8me,10\n".encode("latin-1"),
     "latin1.csv: line 2: byte 0xe9 is not valid UTF-8; save the file as UTF-8 and import again. "
     "Nothing was imported."),
    ("broken.json", '[{"sku": "A-1", "name": "Alpha", "price": 10},\n {"sku": }]',
     "broken.json: line 2: not valid JSON (Expecting value, column 10). Nothing was imported."),
    ("object.json", '{"sku": "A-1"}',
     "object.json: expected a list of product objects, found a JSON dict. Nothing was imported."),
    ("lines.jsonl", '{"sku": "A-1", "name": "Alpha", "price": 10}\n["B-2"]\n',
     "lines.jsonl: line 2: expected a product object, found list. Nothing was imported."),
    ("catalog.xlsx", "sku,name,price\n",
     "catalog.xlsx: unsupported file type '.xlsx'; use .csv, .tsv, .json, .jsonl or .xml. "
     "Nothing was imported."),
]


@pytest.mark.parametrize("name,content,message", BAD_INPUT, ids=[c[0] for c in BAD_INPUT])
def test_bad_input_is_named_precisely_and_changes_nothing(db, tmp_path, name, content, message):
    before = snapshot(db)
    path = write(tmp_path, name, content)
    with pytest.raises(CatalogError) as error:
        import_catalog(db, path, missing="delete")
    assert str(error.value) == f"{path.parent}/{message}"
    assert snapshot(db) == before


def test_every_problem_in_a_file_is_listed_at_once(db, tmp_path):
    path = write(tmp_path, "many.csv", "sku,name,price\nA-1,Alpha,x\n,Beta,5\nC-3,Gamma,-1\n")
    before = snapshot(db)
    with pytest.raises(CatalogError) as error:
        import_catalog(db, path)
    assert str(error.value).splitlines() == [
        f"{path}: 3 problems. Nothing was imported.",
        "  - row 2, column price: 'x' is not a number; write it like 899.00",
        "  - row 3, column sku: empty; every product needs a SKU",
        "  - row 4, column price: '-1' is negative; prices must be 0 or more",
    ]
    assert snapshot(db) == before


def test_missing_file(db, tmp_path):
    with pytest.raises(CatalogError, match="file not found; check the path"):
        import_catalog(db, tmp_path / "nope.csv")


def test_a_failure_midway_through_the_write_rolls_everything_back(db, tmp_path):
    """Validation passes but the database refuses a row: the transaction must leave no trace."""
    before = snapshot(db)
    text = HEADER + "LAP-9,New,100,Laptops,,,,,,,,\nLAP-1,Changed,1,Laptops,,,,,,,,\n"
    if db.dialect == "postgresql":
        db.execute("CREATE FUNCTION refuse() RETURNS trigger AS $$ BEGIN IF NEW.name = 'Changed' THEN "
                   "RAISE EXCEPTION 'refused'; END IF; RETURN NEW; END $$ LANGUAGE plpgsql")
        db.execute("CREATE TRIGGER refuse BEFORE UPDATE ON products FOR EACH ROW EXECUTE FUNCTION refuse()")
    else:
        db.execute("CREATE TRIGGER refuse BEFORE UPDATE ON products WHEN NEW.name = 'Changed' "
                   "BEGIN SELECT RAISE(ABORT, 'refused'); END")
    with pytest.raises(Exception, match="refused"):
        import_catalog(db, write(tmp_path, "mid.csv", text))
    db.execute("DROP TRIGGER refuse ON products" if db.dialect == "postgresql" else "DROP TRIGGER refuse")
    assert snapshot(db) == before
