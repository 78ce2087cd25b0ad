"""Full-text search over the products, the one concern where the engines differ most: SQLite's FTS5
(bm25, with a vocabulary table) and PostgreSQL's tsvector (ts_rank over a weighted document kept
by a generated column, ts_stat for the vocabulary). Both answer the same three questions:

- how many products each word appears in (`term_counts`, `counts`), so a search can skip words
  that match most of a large catalog;
- which products match any of some words, best first, with a score (higher = better; the
  advisor only compares scores within one answer).

Both fold accents away ("café" finds "cafe") and weigh the name most, then the SKU and the line,
then brand and category, then the description and features.
"""

from __future__ import annotations

import math
import re
from collections import OrderedDict

# Accents folded the same way in the index and in the words asked (SQLite: remove_diacritics 2).
ACCENTED, PLAIN = "áàâäãåéèêëíìîïóòôöõúùûüçñøæ", "aaaaaaeeeeiiiiooooouuuucnoa"
_FOLD = str.maketrans(ACCENTED, PLAIN)


def fold(word: str) -> str:
    return word.lower().translate(_FOLD)


class SqliteFullText:
    """FTS5 over products_fts (created by the catalog's first migration), bm25-ranked."""

    def __init__(self, db):
        self.db = db

    def term_counts(self) -> dict[str, int]:
        return dict(self.db.execute("SELECT term, doc FROM products_fts_terms").fetchall())

    def counts(self, words: list[str]) -> dict[str, int]:
        marks = ",".join("?" * len(words))
        return dict(self.db.execute(
            f"SELECT term, doc FROM products_fts_terms WHERE term IN ({marks})", words).fetchall())

    def matches(self, words: list[str], limit: int) -> list[tuple[str, float]]:
        query = " OR ".join('"' + w.replace('"', '""') + '"' for w in words)
        rows = self.db.execute(
            "SELECT products.sku, bm25(products_fts, 3.0, 10.0, 2.0, 4.0, 1.0, 0.5, 0.5) AS rank "
            "FROM products_fts JOIN products ON products.rowid = products_fts.rowid "
            "WHERE products_fts MATCH ? ORDER BY rank LIMIT ?", [query, limit]).fetchall()
        return [(sku, -rank) for sku, rank in rows]


def _folded(column: str) -> str:
    return f"translate(lower(coalesce({column}, '')), '{ACCENTED}', '{PLAIN}')"


# The weighted document PostgreSQL keeps beside each product (catalog migration 5).
DOCUMENT = " || ".join(f"setweight(to_tsvector('simple', {_folded(column)}), '{weight}')" for column, weight in (
    ("name", "A"), ("sku", "B"), ("family", "B"), ("brand", "C"), ("category", "C"),
    ("description", "D"), ("features", "D")))


# FTS5's bm25 as SQLite ranks with it (catalog/store.py), column by column: the weight of a hit in
# each column, k1 and b. PostgreSQL finds the matching products (the GIN index); the score is
# computed here the same way, so both engines put the same products first.
COLUMNS = (("sku", 3.0), ("name", 10.0), ("brand", 2.0), ("family", 4.0), ("category", 1.0),
           ("description", 0.5), ("features", 0.5))
K1, B = 1.2, 0.75
TOKENS_KEPT = 20_000  # products whose words are kept tokenized (a search scores a few hundred)
_TOKEN = re.compile(r"[^\W_]+")


def tokens(text: str | None) -> list[str]:
    """Words as FTS5's unicode61 tokenizer cuts them (letters and digits), folded."""
    return _TOKEN.findall(fold(text or ""))


class PostgresFullText:
    """tsvector over products.search (a generated column with a GIN index) to find the products
    that hold any of the words; ranked by FTS5's bm25, computed from their columns, with each
    word's product count and the mean product length from ts_stat."""

    def __init__(self, db):
        self.db = db
        self._counts: dict[str, int] | None = None
        self._products, self._mean_length = 0, 1.0
        self._tokenized: OrderedDict[str, tuple[list[list[str]], int]] = OrderedDict()

    def term_counts(self) -> dict[str, int]:
        """Folded words (a word asked is looked up folded). ts_stat reads every document, so this
        is read when an advisor is built and kept for `counts` until the next one is."""
        rows = self.db.execute("SELECT word, ndoc, nentry FROM ts_stat('SELECT search FROM products')").fetchall()
        self._counts = {word: ndoc for word, ndoc, _ in rows if _TOKEN.fullmatch(word)}  # FTS5's words only
        self._products = self.db.execute("SELECT COUNT(*) FROM products").fetchone()[0]
        self._mean_length = sum(n for word, _, n in rows if word in self._counts) / max(self._products, 1) or 1.0
        self._tokenized.clear()  # the products may have changed with the version that brought a new advisor
        return self._counts

    def counts(self, words: list[str]) -> dict[str, int]:
        """Words FTS5's vocabulary would hold: one token each ("add-ons" is two, and a word SQLite's
        search leaves out; ts_stat also keeps the hyphenated whole, which SQLite would not find)."""
        found = self._counts if self._counts is not None else self.term_counts()
        return {w: found[fold(w)] for w in words if fold(w) in found and tokens(w) == [fold(w)]}

    def _idf(self, word: str) -> float:
        hits = self._counts.get(word, 0)
        idf = math.log((self._products - hits + 0.5) / (hits + 0.5))
        return idf if idf > 0 else 1e-6  # as FTS5 does for a word most products have

    def matches(self, words: list[str], limit: int) -> list[tuple[str, float]]:
        """Words as counts() keeps them (one token each, so a word's hits are its count in a column)."""
        if self._counts is None:
            self.term_counts()
        words = [fold(w) for w in words]
        query = " || ".join("plainto_tsquery('simple', ?)" for _ in words)
        names = ", ".join(f"p.{column}" for column, _ in COLUMNS)
        rows = self.db.execute(f"SELECT {names} FROM products p WHERE p.search @@ ({query})", words).fetchall()
        idfs = [self._idf(w) for w in words]
        scored = []
        for row in rows:
            columns, length = self._tokens(row)
            score = 0.0
            for word, idf in zip(words, idfs, strict=True):
                f = sum(weight * column.count(word) for column, (_, weight) in zip(columns, COLUMNS, strict=True))
                if f:
                    score += idf * f * (K1 + 1) / (f + K1 * (1 - B + B * length / self._mean_length))
            if score:
                scored.append((row[0], score))
        scored.sort(key=lambda hit: (-hit[1], hit[0]))
        return scored[:limit]

    def _tokens(self, row: tuple) -> tuple[list[list[str]], int]:
        sku = row[0]
        kept = self._tokenized.get(sku)
        if kept is None:
            columns = [tokens(value) for value in row]
            kept = (columns, sum(map(len, columns)))
            self._tokenized[sku] = kept
            while len(self._tokenized) > TOKENS_KEPT:
                self._tokenized.popitem(last=False)
        return kept


def full_text(db):
    return PostgresFullText(db) if getattr(db, "dialect", "sqlite") == "postgresql" else SqliteFullText(db)
