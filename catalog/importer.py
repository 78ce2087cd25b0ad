"""Import a catalog file into SQLite: validate every row first, then write in one transaction."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from catalog import values
from catalog.errors import CatalogError, Problem
from catalog.product import KNOWN_COLUMNS, REQUIRED_COLUMNS, Product
from catalog.reader import read_rows

LINK_KINDS = {"upsells": "upsell", "cross_sells": "cross_sell", "compatible_with": "compatible"}


@dataclass
class ImportReport:
    path: str
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)

    def summary(self) -> str:
        parts = [f"{len(self.added)} added", f"{len(self.updated)} updated",
                 f"{self.unchanged} unchanged"]
        if self.removed:
            parts.append(f"{len(self.removed)} removed")
        return f"{self.path}: " + ", ".join(parts)


def parse_products(path: str | Path) -> list[Product]:
    """Every product in the file, or CatalogError listing every problem found."""
    raw = read_rows(path)
    missing = [c for c in REQUIRED_COLUMNS if c not in raw.columns]
    if missing:
        found = ", ".join(raw.columns) or "none"
        raise CatalogError(path, Problem(
            f"missing required column{'s' if len(missing) > 1 else ''} "
            f"{', '.join(repr(c) for c in missing)} (found: {found}); add "
            f"{'them' if len(missing) > 1 else 'it'} to the header"))
    products, problems, first_seen = [], [], {}
    for number, row in raw.rows:
        product, row_problems = _product(row, number, raw.row_label)
        problems += row_problems
        if product is None:
            continue
        key = product.sku.lower()
        if key in first_seen:
            problems.append(Problem(
                f"duplicate SKU {product.sku!r} (first on {raw.row_label} {first_seen[key]}); "
                "each SKU may appear once", row=number, column="sku", row_label=raw.row_label))
            continue
        first_seen[key] = number
        products.append(product)
    if problems:
        raise CatalogError(path, problems)
    return products


def _product(row: dict, number: int, label: str) -> tuple[Product | None, list[Problem]]:
    problems: list[Problem] = []

    def cell(column, parse, **kwargs):
        try:
            return parse(row.get(column), **kwargs)
        except ValueError as e:
            problems.append(Problem(str(e), row=number, column=column, row_label=label))
            return None

    sku = values.text(row.get("sku"))
    name = values.text(row.get("name"))
    if sku is None:
        problems.append(Problem("empty; every product needs a SKU", row=number, column="sku",
                                row_label=label))
    elif any(c.isspace() for c in sku):
        problems.append(Problem(f"{sku!r} contains spaces; SKUs are single codes like LAP-450",
                                row=number, column="sku", row_label=label))
    if name is None:
        problems.append(Problem("empty; every product needs a name", row=number, column="name",
                                row_label=label))
    fields = dict(
        price=cell("price", values.price),
        tier=cell("tier", values.whole, what="use 1 for the entry tier, 2 for the next, ...",
                  minimum=None),
        stock=cell("stock", values.whole, what="use the units in stock, 0 when out of stock"),
        review_count=cell("review_count", values.whole, what="use the number of reviews"),
        rating=cell("rating", values.rating),
        status=cell("status", values.status),
        currency=cell("currency", values.currency),
    )
    if problems:
        return None, problems
    attributes = {k: str(v).strip() for k, v in row.items()
                  if k not in KNOWN_COLUMNS and k and v is not None and str(v).strip()}
    return Product(
        sku=sku, name=name,
        category=values.text(row.get("category")),
        description=values.text(row.get("description")),
        brand=values.text(row.get("brand")),
        family=values.text(row.get("family")),
        features=values.items(row.get("features"), separators=";"),
        compatible_with=values.items(row.get("compatible_with"), separators=";,"),
        upsells=values.items(row.get("upsells"), separators=";,"),
        cross_sells=values.items(row.get("cross_sells"), separators=";,"),
        attributes=attributes,
        **fields,
    ), []


def import_catalog(db: sqlite_utils.Database, path: str | Path, *,
                   replace: bool = False) -> ImportReport:
    """Add and update the file's products; with replace, also remove products not in it."""
    products = parse_products(path)
    report = ImportReport(path=str(path))
    incoming = {p.sku.lower() for p in products}
    existing = {r["sku"].lower(): r for r in db.query("SELECT * FROM products")}
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with db.atomic():
        if replace:
            report.removed = sorted(r["sku"] for key, r in existing.items() if key not in incoming)
            for sku in report.removed:
                db.execute("DELETE FROM products WHERE sku = ?", [sku])
                db.execute("DELETE FROM product_links WHERE sku = ?", [sku])
        for product in products:
            row = product.to_row()
            old = existing.get(product.sku.lower())
            if old is not None and all(old.get(k) == v for k, v in row.items()):
                report.unchanged += 1
                continue
            (report.updated if old is not None else report.added).append(product.sku)
            if old is not None and old["sku"] != product.sku:
                db.execute("DELETE FROM products WHERE sku = ?", [old["sku"]])
            db["products"].upsert({**row, "updated_at": now}, pk="sku")
            _write_links(db, product)
        report.warnings = _link_warnings(db, products)
    return report


def _write_links(db: sqlite_utils.Database, product: Product) -> None:
    db.execute("DELETE FROM product_links WHERE sku = ?", [product.sku])
    rows = [{"sku": product.sku, "kind": kind, "target": target, "position": i}
            for column, kind in LINK_KINDS.items()
            for i, target in enumerate(getattr(product, column))]
    if rows:
        db["product_links"].insert_all(rows)


def _link_warnings(db: sqlite_utils.Database, products: list[Product]) -> list[str]:
    """Links to SKUs (or families/categories) the catalog does not have: kept, but worth fixing."""
    skus = {r["sku"].lower() for r in db.query("SELECT sku FROM products")}
    names = {r["v"].lower() for r in db.query(
        "SELECT family AS v FROM products WHERE family IS NOT NULL UNION "
        "SELECT category FROM products WHERE category IS NOT NULL")}
    known = skus | names
    warnings = []
    for product in products:
        for column in ("upsells", "cross_sells"):
            for target in getattr(product, column):
                if target.lower() not in skus:
                    warnings.append(f"{product.sku}: {column} links to unknown SKU {target!r}; "
                                    "it is ignored until a product with that SKU is imported")
        for target in product.compatible_with:
            if target.lower() not in known:
                warnings.append(f"{product.sku}: compatible_with {target!r} is not a SKU, family "
                                "or category in the catalog")
    return warnings
