"""Order history import: one transaction, specific messages, counts that are one-directional."""

from __future__ import annotations

import pytest

from bot.orders import OrderHistory, import_orders
from catalog import CatalogError
from catalog.importer import import_catalog
from catalog.store import open_database

CATALOG = "sku,name,price\nCAM,Camera,500\nSD,SD card,20\nBAG,Camera bag,40\nTRI,Tripod,60\n"


@pytest.fixture
def db(tmp_path):
    (tmp_path / "products.csv").write_text(CATALOG)
    database = open_database(tmp_path / "salesbot.db")
    import_catalog(database, tmp_path / "products.csv")
    return database


def write(tmp_path, text: str, name: str = "orders.csv"):
    path = tmp_path / name
    path.write_text(text)
    return path


def counts(db) -> tuple:
    return (db.execute("SELECT COUNT(*) FROM order_lines").fetchone()[0],
            db.execute("SELECT COUNT(*) FROM order_pairs").fetchone()[0],
            OrderHistory(db).totals())


def test_orders_are_imported_and_pairs_counted_one_way(db, tmp_path):
    path = write(tmp_path, "order_id,sku,quantity,date,customer\n"
                           "1,CAM,1,2026-01-02,acme\n1,sd,2,2026-01-02,acme\n1,SD,1,2026-01-02,acme\n"
                           "2,CAM,,2026-01-03,\n2,BAG,1,2026-01-03,\n3,SD,5,,\n")
    report = import_orders(db, path)
    assert (report.orders, report.lines, report.total_orders) == (3, 5, 3)
    history = OrderHistory(db)
    assert history.item_orders(["CAM", "SD", "BAG", "TRI"]) == {"cam": 2, "sd": 2, "bag": 1}
    assert history.bought_with("CAM") == {"sd": 1, "bag": 1}
    assert history.bought_with("SD") == {"cam": 1}  # SD was also bought alone: CAM → SD ≠ SD → CAM
    # The same product twice in one order is one line, quantities summed, in the catalog's spelling.
    assert db.execute("SELECT sku, quantity FROM order_lines WHERE order_id = '1' AND sku = 'SD'"
                      ).fetchall() == [("SD", 3)]


def test_importing_an_order_again_replaces_it(db, tmp_path):
    import_orders(db, write(tmp_path, "order_id,sku\n1,CAM\n1,SD\n2,CAM\n"))
    report = import_orders(db, write(tmp_path, "order_id,sku\n1,CAM\n1,BAG\n", "again.csv"))
    assert report.replaced == 1 and report.total_orders == 2
    assert OrderHistory(db).bought_with("CAM") == {"bag": 1}
    import_orders(db, write(tmp_path, "order_id,sku\n9,TRI\n", "only.csv"), replace=True)
    assert counts(db) == (1, 0, (1, 1))


def test_unknown_skus_are_kept_with_a_warning(db, tmp_path):
    report = import_orders(db, write(tmp_path, "order_id,sku\n1,CAM\n1,LENS-9\n"))
    assert report.warnings == ["1 SKU is not in the catalog (LENS-9); their lines are kept and count "
                               "once the products are imported"]
    assert OrderHistory(db).bought_with("CAM") == {"lens-9": 1}


@pytest.mark.parametrize("text, message", [
    ("sku,quantity\nCAM,1\n", "orders.csv: missing required column 'order_id' (found: sku, quantity); an "
     "order file needs one line per product per order: order_id,sku[,quantity,date,customer]. Nothing "
     "was imported."),
    ("order_id,sku,quantity\n1,CAM,0\n", "orders.csv: row 2, column quantity: '0' is below 1; write how "
     "many were bought, like 2. Nothing was imported."),
    ("order_id,sku,quantity\n1,CAM,1.5\n", "orders.csv: row 2, column quantity: '1.5' is not a whole "
     "number; write how many were bought, like 2. Nothing was imported."),
    ("order_id,sku,date\n1,CAM,03/01/2026\n", "orders.csv: row 2, column date: '03/01/2026' is not a "
     "date; write it as YYYY-MM-DD (or an ISO date and time). Nothing was imported."),
    ("order_id,sku\n,CAM\n", "orders.csv: row 2, column order_id: empty; every line needs the order it "
     "belongs to. Nothing was imported."),
    ("order_id,sku,date\n1,CAM,2026-01-02\n1,SD,2026-01-05\n", "orders.csv: row 3, column date: order "
     "'1' has date '2026-01-02' on row 2 but '2026-01-05' here; every line of an order needs the same "
     "date. Nothing was imported."),
    ("", "orders.csv: the file is empty; expected a header row (order_id,sku,quantity,date,customer) and "
     "at least one order line. Nothing was imported."),
])
def test_bad_input_names_the_place_and_writes_nothing(db, tmp_path, text, message):
    import_orders(db, write(tmp_path, "order_id,sku\n7,CAM\n7,SD\n", "good.csv"))
    before = counts(db)
    with pytest.raises(CatalogError) as error:
        import_orders(db, write(tmp_path, text))
    assert str(error.value).replace(str(tmp_path) + "/", "") == message
    assert counts(db) == before


def test_a_failure_while_writing_rolls_everything_back(db, tmp_path):
    import_orders(db, write(tmp_path, "order_id,sku\n7,CAM\n7,SD\n", "good.csv"))
    before = counts(db)
    db.execute("CREATE TRIGGER boom BEFORE INSERT ON order_pairs BEGIN SELECT RAISE(ABORT, 'disk full'); END")
    with pytest.raises(Exception, match="disk full"):
        import_orders(db, write(tmp_path, "order_id,sku\n8,CAM\n8,BAG\n"))
    db.execute("DROP TRIGGER boom")
    assert counts(db) == before
