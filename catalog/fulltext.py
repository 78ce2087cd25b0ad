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
WEIGHTS = "{0.05, 0.2, 0.4, 1.0}"  # D, C, B, A


class PostgresFullText:
    """tsvector over products.search (a generated column with a GIN index), ts_rank-ranked."""

    def __init__(self, db):
        self.db = db
        self._counts: dict[str, int] | None = None

    def term_counts(self) -> dict[str, int]:
        """Folded words (a word asked is looked up folded). ts_stat reads every document, so this
        is read when an advisor is built and kept for `counts` until the next one is."""
        self._counts = dict(self.db.execute("SELECT word, ndoc FROM ts_stat('SELECT search FROM products')"))
        return self._counts

    def counts(self, words: list[str]) -> dict[str, int]:
        found = self._counts if self._counts is not None else self.term_counts()
        return {w: found[fold(w)] for w in words if fold(w) in found}

    def matches(self, words: list[str], limit: int) -> list[tuple[str, float]]:
        query = " || ".join("plainto_tsquery('simple', ?)" for _ in words)
        rows = self.db.execute(
            f"SELECT sku, ts_rank(CAST(? AS real[]), search, q) AS rank FROM products, (SELECT {query}) AS t(q) "
            "WHERE search @@ q ORDER BY rank DESC, sku LIMIT ?",
            [WEIGHTS, *(fold(w) for w in words), limit]).fetchall()
        return [(sku, float(rank)) for sku, rank in rows]


def full_text(db):
    return PostgresFullText(db) if getattr(db, "dialect", "sqlite") == "postgresql" else SqliteFullText(db)
