"""The catalog in SQLite: products, their links, and the lookups the advisor needs."""

from __future__ import annotations

import contextlib
import re
import threading
from collections.abc import Iterable, Iterator
from datetime import UTC, datetime

import sqlite_utils

from catalog.database import Database, open_database
from catalog.fulltext import full_text
from catalog.memo import Memo
from catalog.product import Product

_WORD = re.compile(r"[\w][\w\-./+]*", re.UNICODE)
__all__ = ["Catalog", "open_database"]
FTS_ROW_BUDGET = 300  # matching rows bm25 may rank (~2 µs each); rarest words are kept first


def catalog_changed(db) -> None:
    """Raise the catalog's version (in the writer's transaction): every process rebuilds its index."""
    db.execute("UPDATE catalog_version SET version = version + 1, changed_at = ? WHERE id = 1",
               [datetime.now(UTC).isoformat(timespec="seconds")])


class Catalog:
    """Read access to the products. Writes go through catalog.importer.

    Reads on the answer path use plain cursors (`_rows`, `_column`): sqlite-utils' query() wraps
    every read in a savepoint, which costs more than these small lookups themselves. Inside
    `snapshot()` (an answer) they are answered from memory when made before at the same catalog
    version (catalog/memo.py).
    """

    def __init__(self, db: Database | sqlite_utils.Database):
        self.db = db
        self.text = full_text(db)  # FTS5 or tsvector (catalog/fulltext.py)
        self.memo = Memo()
        self._scope = threading.local()

    @contextlib.contextmanager
    def snapshot(self) -> Iterator[Catalog]:
        """Reads inside come from memory where this process made them at the catalog's current
        version: the version is read once, on entry. Outside, every read goes to the database."""
        if self._in_snapshot:
            yield self
            return
        self.memo.at(self.version())
        self._scope.on = True
        try:
            yield self
        finally:
            self._scope.on = False

    @property
    def _in_snapshot(self) -> bool:
        return getattr(self._scope, "on", False)

    def _kept(self, key: tuple, read):
        return self.memo.read(key, read) if self._in_snapshot else read()

    def _rows(self, sql: str, params: list) -> list[dict]:
        def read() -> tuple[dict, ...]:
            cursor = self.db.execute(sql, params)
            names = [d[0] for d in cursor.description]
            return tuple(dict(zip(names, row, strict=True)) for row in cursor.fetchall())
        return [dict(row) for row in self._kept(("rows", sql, tuple(params)), read)]

    def _column(self, sql: str, params: list) -> list:
        return list(self._kept(("column", sql, tuple(params)),
                               lambda: tuple(row[0] for row in self.db.execute(sql, params).fetchall())))

    def version(self) -> int:
        """The number catalog_changed() raises: the same in every process on this database."""
        return self.db.execute("SELECT version FROM catalog_version WHERE id = 1").fetchone()[0]

    def count(self) -> int:
        return self.db.count("products")

    def get(self, sku: str) -> Product | None:
        """The product with that SKU, or the one a variant with that SKU was folded into."""
        found = list(self.many([sku.strip()]).values())
        if found:
            return found[0]
        rows = self._rows("SELECT p.* FROM product_variants v JOIN products p ON p.sku = v.product_sku "
                          "WHERE v.sku = ?", [sku.strip()])
        return Product.from_row(rows[0]) if rows else None

    def _in(self, sql: str, skus: Iterable[str]) -> Iterator[tuple]:
        """Rows of `sql` (with `{marks}` where the SKU list goes), in chunks SQLite accepts."""
        skus = list(dict.fromkeys(skus))
        for start in range(0, len(skus), 500):
            chunk = skus[start:start + 500]
            cursor = self.db.execute(sql.format(marks=",".join("?" * len(chunk))), chunk)
            names = [d[0] for d in cursor.description]
            for row in cursor.fetchall():
                yield dict(zip(names, row, strict=True))

    def many(self, skus: Iterable[str]) -> dict[str, Product]:
        """Products by SKU (as stored); unknown SKUs are left out."""
        def read(wanted: Iterable[str]) -> dict[str, Product]:
            return {row["sku"]: Product.from_row(row)
                    for row in self._in("SELECT * FROM products WHERE sku IN ({marks})", wanted)}
        return self.memo.products(skus, read) if self._in_snapshot else read(skus)

    def names(self, skus: Iterable[str]) -> dict[str, tuple[str, str | None, float]]:
        """SKU (as stored) -> (name, category, price): what scoring a search hit needs."""
        if self._in_snapshot:
            return {p.sku: (p.name, p.category, p.price) for p in self.many(skus).values()}
        sql = "SELECT sku, name, category, price FROM products WHERE sku IN ({marks})"
        return {r["sku"]: (r["name"], r["category"], r["price"]) for r in self._in(sql, skus)}

    def offerable(self, skus: Iterable[str]) -> list[str]:
        """Those SKUs (as stored) that are active and not out of stock: a light query, no rows."""
        if self._in_snapshot:
            by_key = {sku.lower(): p for sku, p in self.many(skus).items()}  # SKUs match without case
            found = (by_key.get(sku.lower()) for sku in dict.fromkeys(skus))
            return list(dict.fromkeys(p.sku for p in found if p and p.available))
        sql = ("SELECT sku FROM products WHERE sku IN ({marks}) "
               "AND status = 'active' AND (stock IS NULL OR stock > 0)")
        return [r["sku"] for r in self._in(sql, skus)]

    def all(self) -> Iterator[Product]:
        for row in self.db.query("SELECT * FROM products ORDER BY sku"):
            yield Product.from_row(row)

    def product_names(self) -> Iterator[str]:
        """Every product's name, without building the products."""
        for (name,) in self.db.execute("SELECT name FROM products"):
            yield name

    def skus(self) -> list[str]:
        return [r["sku"] for r in self.db.query("SELECT sku FROM products ORDER BY sku")]

    def family(self, family: str) -> list[Product]:
        rows = self._rows("SELECT * FROM products WHERE family = ? COLLATE NOCASE "
                          "ORDER BY tier, price", [family])
        return [Product.from_row(r) for r in rows]

    def in_category(self, category: str, *, min_price: float, max_price: float,
                    limit: int = 50) -> list[Product]:
        rows = self._rows(
            "SELECT * FROM products WHERE category = ? COLLATE NOCASE AND price > ? AND price <= ? "
            "ORDER BY price LIMIT ?", [category, min_price, max_price, limit])
        return [Product.from_row(r) for r in rows]

    def skus_in_category(self, category: str, *, min_price: float, max_price: float,
                         limit: int = 50) -> list[str]:
        """Like in_category, SKUs only: what proposing candidates needs (no rows are built)."""
        return self._column(
            "SELECT sku FROM products WHERE category = ? COLLATE NOCASE AND price > ? AND price <= ? "
            "ORDER BY price LIMIT ?", [category, min_price, max_price, limit])

    def linked(self, sku: str, kind: str) -> list[str]:
        """Curated links of one product, in the order the catalog lists them."""
        return self._column("SELECT target FROM product_links WHERE sku = ? AND kind = ? "
                            "ORDER BY position", [sku, kind])

    def compatible_with(self, targets: Iterable[str], *, offerable: bool = False) -> list[str]:
        """SKUs of products that state compatibility with any of the targets (SKU/family/category).

        offerable=True leaves out discontinued and out-of-stock products in the same query.
        """
        targets = [t for t in targets if t]
        if not targets:
            return []
        marks = ",".join("?" * len(targets))
        available = (" AND p.status = 'active' AND (p.stock IS NULL OR p.stock > 0)"
                     if offerable else "")
        return self._column(
            f"SELECT DISTINCT l.sku FROM product_links l JOIN products p ON p.sku = l.sku "
            f"WHERE l.kind = 'compatible' AND l.target IN ({marks}){available} ORDER BY l.sku",
            targets)

    def fitting(self, target: str) -> list[tuple[str, bool]]:
        """(SKU, offerable) of every product that states it fits the target, in one read: what
        compatible_with() and compatible_with(offerable=True) would say together."""
        sql = ("SELECT DISTINCT l.sku, (p.status = 'active' AND (p.stock IS NULL OR p.stock > 0)) "
               "FROM product_links l JOIN products p ON p.sku = l.sku "
               "WHERE l.kind = 'compatible' AND l.target = ? ORDER BY l.sku")
        return list(self._kept(("fitting", target), lambda: tuple(
            (sku, bool(ok)) for sku, ok in self.db.execute(sql, [target]).fetchall())))

    def main_currency(self) -> str:
        """The currency most products are priced in (EUR for an empty catalog)."""
        rows = self._column("SELECT currency FROM products GROUP BY currency ORDER BY count(*) DESC LIMIT 1", [])
        return rows[0] if rows else "EUR"

    def categories(self) -> set[str]:
        return {c.lower() for c in self._column(
            "SELECT DISTINCT category FROM products WHERE category IS NOT NULL", [])}

    def term_counts(self) -> dict[str, int]:
        """How many products each full-text word appears in (one scan of the vocabulary).

        Looking words up in the vocabulary one question at a time costs time in proportion
        to how many products they match, so the advisor reads them all once, at start-up.
        """
        return self.text.term_counts()

    def _counts(self, words: list[str]) -> dict[str, int]:
        return self.text.counts(words)

    @staticmethod
    def _discriminating(words: list[str], counts: dict[str, int]) -> list[str]:
        """The rarest words, while the rows they match fit the budget (maybe none).

        bm25 is computed for every row that matches any word, so in a large catalog a word like
        "monitor" or "team" costs milliseconds (30 ms for 10,000 rows at 100k products) and
        hardly narrows anything down: the name and meaning signals do better without it.
        """
        kept, rows = [], 0
        for word in sorted((w for w in words if w in counts), key=counts.__getitem__):
            if rows + counts[word] > FTS_ROW_BUDGET:
                break
            kept.append(word)
            rows += counts[word]
        return kept

    def full_text(self, text: str, *, limit: int = 20,
                  term_counts: dict[str, int] | None = None) -> list[tuple[str, float]]:
        """Lexical matches (catalog/fulltext.py): (sku, score) with score higher = better.

        term_counts (from term_counts()) saves looking the question's words up in the vocabulary.
        """
        words = [w.strip("-./+") for w in _WORD.findall(text.lower())]
        words = list(dict.fromkeys(w for w in words if len(w) > 1 or w.isdigit()))
        if not words:
            return []
        words = self._discriminating(words, self._counts(words) if term_counts is None else term_counts)
        if not words:
            return []
        return list(self._kept(("full_text", tuple(words), limit), lambda: tuple(self.text.matches(words, limit))))
