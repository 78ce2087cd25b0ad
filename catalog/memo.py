"""What the catalog said, kept in memory for as long as the catalog's version has not moved.

An answer reads the catalog some twenty times (the anchor's links, what fits it, its family, the
candidates' rows). Every product write raises the catalog's version in the same transaction
(catalog.store.catalog_changed), so a read made at one version is the answer at that version, in
every process on the database. `Catalog.snapshot()` reads the version once, drops what was kept at
another one, and lets the reads inside it be answered from here: one small query instead of a
round trip per read, which on PostgreSQL over TCP is most of an answer's time.

Both caches are bounded (least recently used out first), so a large catalog keeps the products
and reads its questions touch most, not all of them.
"""

from __future__ import annotations

import threading
from collections import OrderedDict
from collections.abc import Callable, Iterable

from catalog.product import Product

PRODUCTS = 20_000  # products kept (about 2 KB each)
READS = 20_000  # other reads kept: links, families, category ranges, full-text matches
MISSING = object()  # a SKU the catalog has no product for (kept too: asked about again and again)


class Memo:
    def __init__(self, *, products: int = PRODUCTS, reads: int = READS):
        self.version: int | None = None
        self._products: OrderedDict[str, Product | object] = OrderedDict()
        self._reads: OrderedDict[tuple, object] = OrderedDict()
        self._limits = (products, reads)
        self._lock = threading.Lock()

    def at(self, version: int) -> None:
        """The catalog is at this version: what was kept at another is forgotten."""
        with self._lock:
            if version != self.version:
                self._products.clear()
                self._reads.clear()
                self.version = version

    def forget(self) -> None:
        """Keep nothing (what a process that just started has)."""
        with self._lock:
            self._products.clear()
            self._reads.clear()
            self.version = None

    def products(self, skus: Iterable[str], fetch: Callable[[list[str]], dict[str, Product]]) -> dict[str, Product]:
        """SKU (as stored) -> product, for the SKUs the catalog has; `fetch` reads the ones not kept."""
        wanted = list(dict.fromkeys(skus))
        found, missing = {}, []
        with self._lock:
            for sku in wanted:
                kept = self._products.get(sku.lower())
                if kept is None:
                    missing.append(sku)
                else:
                    self._products.move_to_end(sku.lower())
                    if kept is not MISSING:
                        found[kept.sku] = kept
        if missing:
            fetched = fetch(missing)
            by_key = {sku.lower(): product for sku, product in fetched.items()}
            with self._lock:
                for sku in missing:
                    self._keep(self._products, sku.lower(), by_key.get(sku.lower(), MISSING), self._limits[0])
            found.update(fetched)
        return found

    def read(self, key: tuple, fetch: Callable[[], object]) -> object:
        """The result of one read (keyed by its SQL and parameters), read once per version."""
        with self._lock:
            if key in self._reads:
                self._reads.move_to_end(key)
                return self._reads[key]
        value = fetch()
        with self._lock:
            self._keep(self._reads, key, value, self._limits[1])
        return value

    @staticmethod
    def _keep(cache: OrderedDict, key, value, limit: int) -> None:
        cache[key] = value
        cache.move_to_end(key)
        while len(cache) > limit:
            cache.popitem(last=False)
