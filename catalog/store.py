"""The catalog in SQLite: products, their links, and the lookups the advisor needs."""

from __future__ import annotations

import re
from collections.abc import Iterable, Iterator
from pathlib import Path

import sqlite_utils

from catalog.migrations import migrate
from catalog.product import Product

_WORD = re.compile(r"[\w][\w\-./+]*", re.UNICODE)


def open_database(path: str | Path) -> sqlite_utils.Database:
    """Open (creating if needed) the salesbot database and bring its schema up to date."""
    db = sqlite_utils.Database(path)
    db.execute("PRAGMA journal_mode=WAL")
    db.execute("PRAGMA busy_timeout=5000")
    migrate(db)
    return db


class Catalog:
    """Read access to the products. Writes go through catalog.importer."""

    def __init__(self, db: sqlite_utils.Database):
        self.db = db

    def count(self) -> int:
        return self.db["products"].count

    def get(self, sku: str) -> Product | None:
        rows = list(self.db.query("SELECT * FROM products WHERE sku = ?", [sku.strip()]))
        return Product.from_row(rows[0]) if rows else None

    def many(self, skus: Iterable[str]) -> dict[str, Product]:
        """Products by SKU (as stored), in one query; unknown SKUs are left out."""
        skus = list(dict.fromkeys(skus))
        found: dict[str, Product] = {}
        for start in range(0, len(skus), 500):
            chunk = skus[start:start + 500]
            marks = ",".join("?" * len(chunk))
            for row in self.db.query(f"SELECT * FROM products WHERE sku IN ({marks})", chunk):
                found[row["sku"]] = Product.from_row(row)
        return found

    def all(self) -> Iterator[Product]:
        for row in self.db.query("SELECT * FROM products ORDER BY sku"):
            yield Product.from_row(row)

    def skus(self) -> list[str]:
        return [r["sku"] for r in self.db.query("SELECT sku FROM products ORDER BY sku")]

    def family(self, family: str) -> list[Product]:
        rows = self.db.query("SELECT * FROM products WHERE family = ? COLLATE NOCASE "
                             "ORDER BY tier, price", [family])
        return [Product.from_row(r) for r in rows]

    def in_category(self, category: str, *, min_price: float, max_price: float,
                    limit: int = 50) -> list[Product]:
        rows = self.db.query(
            "SELECT * FROM products WHERE category = ? COLLATE NOCASE AND price > ? AND price <= ? "
            "ORDER BY price LIMIT ?", [category, min_price, max_price, limit])
        return [Product.from_row(r) for r in rows]

    def linked(self, sku: str, kind: str) -> list[str]:
        """Curated links of one product, in the order the catalog lists them."""
        rows = self.db.query("SELECT target FROM product_links WHERE sku = ? AND kind = ? "
                             "ORDER BY position", [sku, kind])
        return [r["target"] for r in rows]

    def compatible_with(self, targets: Iterable[str]) -> list[str]:
        """SKUs of products that state compatibility with any of the targets (SKU/family/category)."""
        targets = [t for t in targets if t]
        if not targets:
            return []
        marks = ",".join("?" * len(targets))
        rows = self.db.query(f"SELECT DISTINCT sku FROM product_links WHERE kind = 'compatible' "
                             f"AND target IN ({marks}) ORDER BY sku", targets)
        return [r["sku"] for r in rows]

    def families(self) -> set[str]:
        return {r["family"].lower() for r in self.db.query(
            "SELECT DISTINCT family FROM products WHERE family IS NOT NULL")}

    def categories(self) -> set[str]:
        return {r["category"].lower() for r in self.db.query(
            "SELECT DISTINCT category FROM products WHERE category IS NOT NULL")}

    def full_text(self, text: str, *, limit: int = 20) -> list[tuple[str, float]]:
        """Lexical matches (SQLite FTS5, bm25): (sku, score) with score higher = better."""
        words = [w.strip("-./+") for w in _WORD.findall(text.lower())]
        words = [w for w in words if len(w) > 1 or w.isdigit()]
        if not words:
            return []
        query = " OR ".join('"' + w.replace('"', '""') + '"' for w in dict.fromkeys(words))
        rows = self.db.query(
            "SELECT products.sku AS sku, bm25(products_fts, 3.0, 10.0, 2.0, 4.0, 1.0, 0.5, 0.5) AS rank "
            "FROM products_fts JOIN products ON products.rowid = products_fts.rowid "
            "WHERE products_fts MATCH ? ORDER BY rank LIMIT ?", [query, limit])
        return [(r["sku"], -r["rank"]) for r in rows]
