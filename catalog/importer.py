"""Import a catalog file into SQLite: validate every row first, then write in one transaction.

Our own CSV/JSON, or a platform export or feed (catalog.formats), detected from its columns.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path

import sqlite_utils

from catalog import values
from catalog.errors import CatalogError, Problem
from catalog.formats import VARIANTS, read_platform
from catalog.product import KNOWN_COLUMNS, REQUIRED_COLUMNS, Product
from catalog.store import catalog_changed

LINK_KINDS = {"upsells": "upsell", "cross_sells": "cross_sell", "compatible_with": "compatible"}


MISSING = ("keep", "discontinue", "delete")


@dataclass
class ImportReport:
    path: str
    format: str = "salesbot"
    added: list[str] = field(default_factory=list)
    updated: list[str] = field(default_factory=list)
    unchanged: int = 0
    removed: list[str] = field(default_factory=list)
    discontinued: list[str] = field(default_factory=list)
    warnings: list[str] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)  # why -> how many rows
    mapping: dict[str, str] = field(default_factory=dict)  # the file's column -> where it went
    products: int = 0
    variants: int = 0  # variants folded into products
    currency: str = "EUR"
    currency_stated: bool = True  # by the file or --currency; else EUR is assumed
    dry_run: bool = False

    def summary(self) -> str:
        verb = "would be " if self.dry_run else ""
        parts = [f"{len(self.added)} {verb}added", f"{len(self.updated)} {verb}updated",
                 f"{self.unchanged} unchanged"]
        if self.discontinued:
            parts.append(f"{len(self.discontinued)} {verb}marked discontinued")
        if self.removed:
            parts.append(f"{len(self.removed)} {verb}removed")
        return f"{self.path}: " + ", ".join(parts)

    def to_dict(self) -> dict:
        return {"path": self.path, "format": self.format, "dry_run": self.dry_run, "products": self.products,
                "variants_folded": self.variants, "currency": self.currency,
                "currency_stated": self.currency_stated, "added": self.added,
                "updated": self.updated, "unchanged": self.unchanged, "discontinued": self.discontinued,
                "removed": self.removed, "skipped": self.skipped, "mapping": self.mapping,
                "warnings": self.warnings}


@dataclass
class Parsed:
    products: list[Product]
    format: str = "salesbot"
    warnings: list[str] = field(default_factory=list)
    skipped: dict[str, int] = field(default_factory=dict)
    mapping: dict[str, str] = field(default_factory=dict)
    variants: int = 0
    currency: str = "EUR"
    currency_stated: bool = True


def parse_products(path: str | Path) -> list[Product]:
    """Every product in the file, or CatalogError listing every problem found."""
    return parse_catalog(path).products


def parse_catalog(path: str | Path, *, format: str = "auto", variants: str = "fold",
                  currency: str | None = None) -> Parsed:
    """The file's products in any supported format, or CatalogError listing every problem found.

    currency is for formats that do not state one (Shopify, WooCommerce, Magento exports are in
    the shop's currency); a feed that states its currency keeps it.
    """
    if variants not in VARIANTS:
        raise CatalogError(path, Problem(f"unknown --variants {variants!r}; use fold or keep"))
    if currency is not None and not re.fullmatch(r"[A-Za-z]{3}", currency):
        raise CatalogError(path, Problem(f"--currency {currency!r} is not a currency code; use one like EUR"))
    found, read = read_platform(path, format=format, variants=variants)
    if found == "salesbot":
        raw = read
        missing = [c for c in REQUIRED_COLUMNS if c not in raw.columns]
        if missing:
            found_columns = ", ".join(raw.columns) or "none"
            raise CatalogError(path, Problem(
                f"missing required column{'s' if len(missing) > 1 else ''} "
                f"{', '.join(repr(c) for c in missing)} (found: {found_columns}); add "
                f"{'them' if len(missing) > 1 else 'it'} to the header"))
        items = [(number, row, {}) for number, row in raw.rows]
        label, problems, parsed = raw.row_label, [], Parsed([], found)
        if currency:
            items = [(n, {"currency": currency, **row}, c) for n, row, c in items]
    else:
        mapped = read
        label, problems = mapped.label, list(mapped.problems)
        parsed = Parsed([], found, mapped.warnings, mapped.skipped, mapped.mapping,
                        sum(len(v) for d in mapped.drafts if len(v := d.fields.get("variants") or ()) > 1))
        file_currency = mapped.currency
        if file_currency and currency and file_currency != currency.upper():
            parsed.warnings.append(f"the feed states its prices in {file_currency}; --currency {currency} is ignored")
        items = [(d.row, {"currency": file_currency or currency or "EUR", **d.fields}, d.columns)
                 for d in mapped.drafts]
        parsed.currency_stated = bool(file_currency or currency)
    products, first_seen = [], {}
    for number, row, columns in items:
        product, row_problems = _product(row, number, label, columns, spaces_ok=found != "salesbot")
        problems += row_problems
        if product is None:
            continue
        key = product.sku.lower()
        if key in first_seen:
            problems.append(Problem(
                f"duplicate SKU {product.sku!r} (first on {label} {first_seen[key]}); "
                "each SKU may appear once", row=number, column=columns.get("sku", "sku"), row_label=label))
            continue
        first_seen[key] = number
        products.append(product)
    if problems:
        raise CatalogError(path, _first_per_cell(problems))
    parsed.products = products
    parsed.currency = products[0].currency if products else (currency or "EUR").upper()
    return parsed


def _first_per_cell(problems: list[Problem]) -> list[Problem]:
    """In row order, one problem per cell: a platform's own message ("a variable product needs
    variations with prices") is kept over the general one it leads to ("needs a price")."""
    seen, kept = set(), []
    for problem in sorted(problems, key=lambda p: p.row or 0):
        if (problem.row, problem.column) not in seen or problem.row is None:
            seen.add((problem.row, problem.column))
            kept.append(problem)
    return kept


def _product(row: dict, number: int, label: str, columns: dict[str, str] | None = None, *,
             spaces_ok: bool = False) -> tuple[Product | None, list[Problem]]:
    """Our row (or a platform's draft, whose values may be parsed already) as a Product.
    columns names the file's own column for each of ours, for the messages. spaces_ok: the
    platforms allow a space inside a SKU (Magento's own samples have "Configurable 1"); ours does not."""
    problems: list[Problem] = []
    columns = columns or {}

    def problem(message, column):
        problems.append(Problem(message, row=number, column=columns.get(column, column), row_label=label))

    def cell(column, parse, **kwargs):
        try:
            return parse(row.get(column), **kwargs)
        except ValueError as e:
            problem(str(e), column)
            return None

    sku = values.text(row.get("sku"))
    name = values.text(row.get("name"))
    if sku is None:
        problem("empty; every product needs a SKU", "sku")
    elif {c for c in sku if c.isspace()} - ({" "} if spaces_ok else set()):
        problem(f"{sku!r} contains spaces; SKUs are single codes like LAP-450", "sku")
    if name is None:
        problem("empty; every product needs a name", "name")
    fields = dict(
        price=cell("price", values.price),
        tier=cell("tier", values.whole, what="use 1 for the entry tier, 2 for the next, ...",
                  minimum=None),
        stock=cell("stock", values.whole, what="use the units in stock, 0 when out of stock"),
        review_count=cell("review_count", values.whole, what="use the number of reviews"),
        rating=cell("rating", values.rating),
        status=cell("status", values.status),
        currency=cell("currency", values.currency),
        regular_price=None if values.text(row.get("regular_price")) is None else cell("regular_price", values.price),
    )
    if problems:
        return None, problems
    attributes = row.get("attributes")
    if not isinstance(attributes, dict):
        attributes = {k: str(v).strip() for k, v in row.items()
                      if k not in KNOWN_COLUMNS and k and v is not None and str(v).strip()}
    categories = values.items(row.get("categories"), separators=";")
    category = values.text(row.get("category")) or (categories[0] if categories else None)
    return Product(
        sku=sku, name=name, category=category,
        categories=categories or ((category,) if category else ()),
        description=values.text(row.get("description")),
        brand=values.text(row.get("brand")),
        family=values.text(row.get("family")),
        features=values.items(row.get("features"), separators=";"),
        compatible_with=values.items(row.get("compatible_with"), separators=";,"),
        upsells=values.items(row.get("upsells"), separators=";,"),
        cross_sells=values.items(row.get("cross_sells"), separators=";,"),
        attributes=attributes,
        options=row.get("options") or {},
        variants=tuple(row.get("variants") or ()),
        extra=row.get("extra") or {},
        **fields,
    ), []


def import_catalog(db: sqlite_utils.Database, path: str | Path, *, missing: str = "keep",
                   format: str = "auto", variants: str = "fold", currency: str | None = None,
                   dry_run: bool = False, max_discontinued: float | None = None) -> ImportReport:
    """Add and update the file's products. Products the file does not have are kept (missing
    "keep"), marked discontinued ("discontinue": the offer log keeps its references) or deleted
    ("delete"). dry_run reports all of it and writes nothing. max_discontinued refuses a file
    that would discontinue more than that share of the active products (a cut-off feed)."""
    if missing not in MISSING:
        raise ValueError(f"missing must be one of {MISSING}")
    parsed = parse_catalog(path, format=format, variants=variants, currency=currency)
    products = parsed.products
    report = ImportReport(path=str(path), format=parsed.format, warnings=list(parsed.warnings),
                          skipped=dict(parsed.skipped), mapping=dict(parsed.mapping), products=len(products),
                          variants=parsed.variants, currency=parsed.currency,
                          currency_stated=parsed.currency_stated, dry_run=dry_run)
    incoming = {p.sku.lower() for p in products}
    existing = {r["sku"].lower(): r for r in db.query("SELECT * FROM products")}
    gone = sorted(r["sku"] for key, r in existing.items() if key not in incoming)
    if missing == "delete":
        report.removed = gone
    elif missing == "discontinue":
        report.discontinued = [sku for sku in gone if existing[sku.lower()]["status"] != "discontinued"]
        active = sum(1 for r in existing.values() if r["status"] != "discontinued")
        if max_discontinued is not None and len(report.discontinued) > max(1, max_discontinued * active):
            raise CatalogError(path, Problem(
                f"this would mark {len(report.discontinued):,} of {active:,} active products discontinued "
                f"({len(report.discontinued) / active:.0%}); a feed that shrank this much is more likely cut off "
                "than real, so nothing was changed. If it is right, import it by hand with "
                "`salesbot catalog import SOURCE --replace`"))
    changed = []
    for product in products:
        row = product.to_row()
        old = existing.get(product.sku.lower())
        if old is not None and all(old.get(k) == v for k, v in row.items()):
            report.unchanged += 1
            continue
        (report.updated if old is not None else report.added).append(product.sku)
        changed.append((product, row, old))
    if dry_run:
        report.warnings += _link_warnings(db, products, extra_skus=incoming)
        return report
    now = datetime.now(UTC).isoformat(timespec="seconds")
    with db.writing():
        for sku in report.removed:
            db.execute("DELETE FROM products WHERE sku = ?", [sku])
            db.execute("DELETE FROM product_links WHERE sku = ?", [sku])
            db.execute("DELETE FROM product_variants WHERE product_sku = ?", [sku])
        for sku in report.discontinued:
            db.execute("UPDATE products SET status = 'discontinued', updated_at = ? WHERE sku = ?", [now, sku])
        for product, row, old in changed:
            if old is not None and old["sku"] != product.sku:
                db.execute("DELETE FROM products WHERE sku = ?", [old["sku"]])
            _upsert_product(db, {**row, "updated_at": now})
            _write_links(db, product)
            _write_variants(db, product)
        if report.removed or report.discontinued or changed:
            catalog_changed(db)
        report.warnings += _link_warnings(db, products)
    return report


def _upsert_product(db, row: dict) -> None:
    columns = list(row)
    names = ", ".join(f'"{c}"' for c in columns)
    updates = ", ".join(f'"{c}" = excluded."{c}"' for c in columns if c != "sku")
    db.execute(f"INSERT INTO products ({names}) VALUES ({', '.join('?' * len(columns))}) "
               f"ON CONFLICT (sku) DO UPDATE SET {updates}", [row[c] for c in columns])


def _write_variants(db: sqlite_utils.Database, product: Product) -> None:
    db.execute("DELETE FROM product_variants WHERE product_sku = ?", [product.sku])
    rows = [{"sku": v["sku"], "product_sku": product.sku} for v in product.variants
            if v["sku"].lower() != product.sku.lower()]
    if rows:
        db.executemany("INSERT INTO product_variants (sku, product_sku) VALUES (?, ?) "
                       "ON CONFLICT (sku) DO UPDATE SET product_sku = excluded.product_sku",
                       [(r["sku"], r["product_sku"]) for r in rows])


def _write_links(db: sqlite_utils.Database, product: Product) -> None:
    db.execute("DELETE FROM product_links WHERE sku = ?", [product.sku])
    rows = [{"sku": product.sku, "kind": kind, "target": target, "position": i}
            for column, kind in LINK_KINDS.items()
            for i, target in enumerate(getattr(product, column))]
    if rows:
        db.executemany("INSERT INTO product_links (sku, kind, target, position) VALUES (?, ?, ?, ?)",
                       [(r["sku"], r["kind"], r["target"], r["position"]) for r in rows])


def _link_warnings(db: sqlite_utils.Database, products: list[Product], *,
                   extra_skus: set[str] = frozenset()) -> list[str]:
    """Links to SKUs (or families/categories) the catalog does not have: kept, but worth fixing.
    extra_skus: the file's own, in a dry run (nothing of it is in the database yet)."""
    skus = {r["sku"].lower() for r in db.query("SELECT sku FROM products")} | set(extra_skus)
    names = {r["v"].lower() for r in db.query(
        "SELECT family AS v FROM products WHERE family IS NOT NULL UNION "
        "SELECT category FROM products WHERE category IS NOT NULL")}
    names |= {v.lower() for p in products for v in (p.family, p.category) if v}
    known = skus | names  # once: a union per target made a 100k-product import quadratic
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
