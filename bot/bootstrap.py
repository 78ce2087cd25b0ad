"""The composition root: settings, database, encoder, index and advisor are built here, once."""

from __future__ import annotations

import time
from dataclasses import dataclass, field
from pathlib import Path

import sqlite_utils

from bot.advisor import Advisor, Limits
from bot.advisor.candidates import CandidateFinder
from bot.advisor.search import ProductSearch
from bot.inbox import Inbox
from bot.language.choice import RepLanguages
from bot.offers import OfferLog
from bot.offers.outcomes import Outcomes
from bot.orders import OrderHistory, TeamEvidence
from bot.roleplay import load_library
from bot.roleplay.session import Roleplay
from bot.settings import Settings, offline_model_loading
from catalog import Catalog
from catalog.store import open_database
from embeddings import Encoder, VectorIndex, VectorStore, ensure_index
from embeddings.store import ProgressFn, SyncReport

VERSION_CHECK = 5.0


class EmptyCatalog(RuntimeError):
    """The advisor was asked for before any product was imported."""


@dataclass
class Services:
    settings: Settings
    db: sqlite_utils.Database
    catalog: Catalog
    encoder: Encoder
    store: VectorStore
    offers: OfferLog
    orders: OrderHistory
    _advisor: Advisor | None = field(default=None, repr=False)
    _roleplay: Roleplay | None = field(default=None, repr=False)
    _languages: RepLanguages | None = field(default=None, repr=False)
    _inbox: Inbox | None = field(default=None, repr=False)
    version_check: float = VERSION_CHECK  # seconds between looks at the catalog's version
    _built_at_version: int | None = field(default=None, repr=False)
    _version_seen_at: float = field(default=0.0, repr=False)

    @property
    def languages(self) -> RepLanguages:
        """Each rep's language: their choice and their Slack locale (bot/language/choice.py)."""
        if self._languages is None:
            self._languages = RepLanguages(self.db)
        return self._languages

    @property
    def inbox(self) -> Inbox:
        """Slack requests acknowledged and not yet answered, this process's leases on them (bot/inbox.py)."""
        if self._inbox is None:
            self._inbox = Inbox(self.db, lease=self.settings.work_lease)
        return self._inbox

    def build_index(self, *, rebuild: bool = False,
                    progress: ProgressFn | None = None) -> tuple[VectorIndex, SyncReport | None]:
        """Bring the index in line with the catalog (re-embedding only what changed)."""
        hashes = {r["sku"]: r["content_hash"]
                  for r in self.db.query("SELECT sku, content_hash FROM products")}

        def texts(skus: list[str]) -> list[str]:
            products = self.catalog.many(skus)
            return [products[sku].embedding_text for sku in skus]

        self._advisor = None
        return ensure_index(self.store, hashes, texts, path=self.settings.index_path,
                            model=self.encoder.identity, dimension=lambda: self.encoder.dimension,
                            encode=self.encoder.encode, rebuild=rebuild, progress=progress,
                            exact_max=self.settings.exact_index_max)

    def _catalog_moved(self) -> bool:
        """Another process changed the catalog since this advisor was built (looked at every few
        seconds: one small read)."""
        now = time.monotonic()
        if self._advisor is None or now - self._version_seen_at < self.version_check:
            return False
        self._version_seen_at = now
        return self.catalog.version() != self._built_at_version

    def advisor(self, *, progress: ProgressFn | None = None) -> Advisor:
        """The advisor over a current index (checked, and rebuilt if stale, on first use); built
        again when the catalog's version in the database moves, whichever process moved it."""
        if self._catalog_moved():
            self._advisor = None
        if self._advisor is None:
            version = self.catalog.version()
            if self.catalog.count() == 0:
                raise EmptyCatalog("the catalog is empty; import one with "
                                   "`salesbot catalog import PATH` or run `salesbot demo`")
            index, _ = self.build_index(progress=progress)
            settings = self.settings
            # Which vector id is which product, in memory: it changes only with the index, and
            # a new index means a new advisor. Products are read live (stock changes any time).
            keys = self.store.key_map()
            self._advisor = Advisor(
                catalog=self.catalog,
                search=ProductSearch(self.catalog, self.encoder, index, keys),
                finder=CandidateFinder(self.catalog, index, keys,
                                       TeamEvidence(self.orders, Outcomes(self.db))),
                limits=Limits(max_cross_sells=settings.max_cross_sells,
                              max_upsells=settings.max_upsells,
                              max_price_jump=settings.max_price_jump,
                              relevance_floor=settings.relevance_floor, fx=settings.fx),
            )
            self._built_at_version, self._version_seen_at = version, time.monotonic()
        return self._advisor

    def roleplay(self) -> Roleplay:
        """Role-play sessions over the advisor (built once; personas checked on first use)."""
        advisor = self.advisor()
        if self._roleplay is None or self._roleplay.advisor is not advisor:
            self._roleplay = Roleplay(advisor=advisor, encoder=self.encoder, db=self.db,
                                      library=load_library(self.settings.roleplay_data))
        return self._roleplay

    def catalog_changed(self) -> None:
        self._advisor = None


_ENCODERS: dict[tuple, Encoder] = {}


def shared_encoder(model: str, *, backend: str = "onnx", cache_dir: Path | None = None) -> Encoder:
    """One encoder per model and backend per process: the model is loaded at most once.

    The first caller's cache_dir is where its ONNX export is kept; later callers share the
    loaded encoder (the same vectors wherever its export lives)."""
    key = (model, backend)
    if key not in _ENCODERS:
        _ENCODERS[key] = Encoder(model, backend=backend, cache_dir=cache_dir)
    return _ENCODERS[key]


def open_all(target):
    """A database (a SQLite path or a postgresql:// address) with every store's schema current."""
    from bot.roleplay.store import RoleplayStore

    db = open_database(target)
    for store in (OfferLog, OrderHistory, VectorStore, RepLanguages, RoleplayStore, Inbox):
        store(db)  # each store migrates its own tables when it opens
    return db


def bootstrap(settings: Settings | None = None, *, encoder: Encoder | None = None) -> Services:
    """Everything the CLI and the bot need. The model loads on first use (or encoder.load())."""
    offline_model_loading()
    settings = settings or Settings.from_env()
    import faiss

    faiss.omp_set_num_threads(1)  # one query at a time: a second thread only slows FAISS down
    db = open_database(settings.database)
    return Services(settings=settings, db=db, catalog=Catalog(db),
                    encoder=encoder or shared_encoder(settings.model, backend=settings.encoder,
                                                      cache_dir=settings.model_cache_dir),
                    store=VectorStore(db),
                    offers=OfferLog(db), orders=OrderHistory(db))
