"""Import order history (CSV, JSON or JSON Lines: order_id, sku, optional quantity, date, customer).

Every row is checked before anything is written; the lines and the counts derived from them are
written in one transaction, so a bad file changes nothing. Importing an order again replaces it.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date, datetime
from pathlib import Path

from bot.orders.migrations import MIGRATIONS
from bot.orders.priors import fit_priors
from catalog import values
from catalog.database import Database
from catalog.errors import CatalogError, Problem
from catalog.migrations import migrate
from catalog.reader import read_rows

REQUIRED = ("order_id", "sku")
OPTIONAL = ("quantity", "date", "customer")
UNKNOWN_LISTED = 5


@dataclass
class OrderImport:
    path: str
    orders: int = 0
    lines: int = 0
    replaced: int = 0  # orders already in the history, now replaced by the file's version
    total_orders: int = 0
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        text = f"{self.path}: {self.orders:,} orders ({self.lines:,} lines) imported"
        if self.replaced:
            text += f", {self.replaced:,} of them replacing earlier versions"
        return text + f"; {self.total_orders:,} orders in the history"


@dataclass
class Order:
    row: int
    date: str | None
    customer: str | None
    quantities: dict[str, int] = field(default_factory=dict)


def parse_orders(path: str | Path, known_skus: dict[str, str]) -> tuple[dict[str, Order], list[str]]:
    """The file's orders (SKUs in the catalog's spelling), and warnings; CatalogError on bad input."""
    raw = read_rows(path, noun="order line", header="order_id,sku,quantity,date,customer")
    missing = [c for c in REQUIRED if c not in raw.columns]
    if missing:
        raise CatalogError(path, Problem(
            f"missing required column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(repr(c) for c in missing)} (found: {', '.join(raw.columns) or 'none'}); "
            "an order file needs one line per product per order: order_id,sku[,quantity,date,customer]"))
    warnings = []
    ignored = [c for c in raw.columns if c not in REQUIRED + OPTIONAL]
    if ignored:
        warnings.append(f"ignored column{'s' if len(ignored) > 1 else ''}: {', '.join(ignored)}")
    orders: dict[str, Order] = {}
    problems: list[Problem] = []
    unknown: dict[str, int] = {}
    for number, row in raw.rows:
        line, row_problems = _line(row, number, raw.row_label)
        problems += row_problems
        if line is None:
            continue
        order_id, sku, quantity, when, customer = line
        sku = known_skus.get(sku.lower(), sku)
        if sku.lower() not in known_skus:
            unknown[sku] = unknown.get(sku, 0) + 1
        order = orders.setdefault(order_id, Order(number, when, customer))
        for column, mine, theirs in (("date", when, order.date), ("customer", customer, order.customer)):
            if mine != theirs:
                problems.append(Problem(
                    f"order {order_id!r} has {column} {theirs!r} on {raw.row_label} {order.row} but "
                    f"{mine!r} here; every line of an order needs the same {column}",
                    row=number, column=column, row_label=raw.row_label))
        order.quantities[sku] = order.quantities.get(sku, 0) + quantity
    if problems:
        raise CatalogError(path, problems)
    if unknown:
        listed = ", ".join(sorted(unknown)[:UNKNOWN_LISTED])
        more = f" and {len(unknown) - UNKNOWN_LISTED} more" if len(unknown) > UNKNOWN_LISTED else ""
        warnings.append(f"{len(unknown)} SKU{'s are' if len(unknown) > 1 else ' is'} not in the catalog "
                        f"({listed}{more}); their lines are kept and count once the products are "
                        "imported")
    return orders, warnings


def _line(row: dict, number: int, label: str):
    problems = []

    def problem(column: str, message: str) -> None:
        problems.append(Problem(message, row=number, column=column, row_label=label))

    order_id = values.text(row.get("order_id"))
    sku = values.text(row.get("sku"))
    if order_id is None:
        problem("order_id", "empty; every line needs the order it belongs to")
    if sku is None:
        problem("sku", "empty; every line needs the SKU of the product bought")
    quantity = 1
    try:
        quantity = values.whole(row.get("quantity"), what="write how many were bought, like 2",
                                minimum=1) or 1
    except ValueError as e:
        problem("quantity", str(e))
    when = None
    try:
        when = _date(row.get("date"))
    except ValueError as e:
        problem("date", str(e))
    if problems:
        return None, problems
    return (order_id, sku, quantity, when, values.text(row.get("customer"))), []


def _date(value) -> str | None:
    raw = values.text(value)
    if raw is None:
        return None
    try:
        if len(raw) == 10:
            return date.fromisoformat(raw).isoformat()
        return datetime.fromisoformat(raw.replace("Z", "+00:00")).isoformat()
    except ValueError:
        raise ValueError(f"{raw!r} is not a date; write it as YYYY-MM-DD (or an ISO date and time)") from None


def import_orders(db: Database, path: str | Path, *, replace: bool = False) -> OrderImport:
    """Add the file's orders to the history (all of it replaced with `replace`), in one transaction."""
    migrate(db, MIGRATIONS, scope="orders")
    known = {r["sku"].lower(): r["sku"] for r in db.query("SELECT sku FROM products")}
    orders, warnings = parse_orders(path, known)
    report = OrderImport(str(path), orders=len(orders),
                         lines=sum(len(o.quantities) for o in orders.values()), warnings=warnings)
    report.replaced, report.total_orders = store_orders(db, orders, replace=replace)
    return report


def store_orders(db: Database, orders: dict[str, Order], *, replace: bool = False) -> tuple[int, int]:
    """Write parsed orders and recount, in one transaction: (orders replaced, orders in the history)."""
    migrate(db, MIGRATIONS, scope="orders")
    with db.writing() as tx:
        replaced = 0
        if replace:
            tx.execute("DELETE FROM order_lines")
        else:
            replaced = _forget(tx, list(orders))
        tx.executemany(
            "INSERT INTO order_lines (order_id, sku, quantity, date, customer) VALUES (?, ?, ?, ?, ?)",
            ((order_id, sku, quantity, order.date, order.customer)
             for order_id, order in orders.items() for sku, quantity in order.quantities.items()))
        return replaced, recount(tx)


def _forget(tx, order_ids: list[str]) -> int:
    """Delete these orders' earlier lines; how many of them were there."""
    tx.execute("CREATE TEMP TABLE IF NOT EXISTS incoming_orders (order_id TEXT PRIMARY KEY)")
    tx.execute("DELETE FROM incoming_orders")
    tx.executemany("INSERT INTO incoming_orders VALUES (?)", ((o,) for o in order_ids))
    replaced = tx.execute("SELECT COUNT(DISTINCT order_id) FROM order_lines "
                          "WHERE order_id IN (SELECT order_id FROM incoming_orders)").fetchone()[0]
    tx.execute("DELETE FROM order_lines WHERE order_id IN (SELECT order_id FROM incoming_orders)")
    tx.execute("DELETE FROM incoming_orders")
    return replaced


def recount(tx) -> int:
    """Rebuild per-product and per-pair order counts (and the priors fitted to them) from the lines;
    the number of orders."""
    tx.execute("DELETE FROM order_items")
    tx.execute("INSERT INTO order_items (sku, orders) SELECT sku, COUNT(*) FROM order_lines GROUP BY sku")
    tx.execute("DELETE FROM order_pairs")
    tx.execute("""
        INSERT INTO order_pairs (sku, other, orders)
        SELECT a.sku, b.sku, COUNT(*) FROM order_lines a
        JOIN order_lines b ON b.order_id = a.order_id AND b.sku <> a.sku
        GROUP BY a.sku, b.sku""")
    fit_priors(tx)
    orders, lines = tx.execute("SELECT COUNT(DISTINCT order_id), COUNT(*) FROM order_lines").fetchone()
    tx.execute("INSERT INTO order_totals (id, orders, lines) VALUES (1, ?, ?) "
               "ON CONFLICT (id) DO UPDATE SET orders = excluded.orders, lines = excluded.lines", (orders, lines))
    return orders
