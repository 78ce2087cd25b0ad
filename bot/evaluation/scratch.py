"""A throwaway copy of the database (catalog, vectors, index) to evaluate on without touching it:
a SQLite file in a temporary folder, from SQLite (its backup API) or from PostgreSQL (`salesbot db
copy`'s code, checked), so an evaluation on a platform deploy changes nothing in the shared database."""

from __future__ import annotations

import contextlib
import shutil
import sqlite3
import tempfile
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

from bot.bootstrap import Services, bootstrap


@contextlib.contextmanager
def scratch_services(services: Services, **limits) -> Iterator[Services]:
    """Services over a private copy of the database, with the same encoder and other limits."""
    with tempfile.TemporaryDirectory(prefix="salesbot-eval-") as folder:
        path = Path(folder) / "eval.db"
        if services.db.dialect == "postgresql":
            from bot.bootstrap import open_all
            from catalog.copying import copy_database

            target = open_all(path)
            copy_database(services.db, target)
            target.close()
            scratch = bootstrap(replace(services.settings, db_path=path, database_url=None, **limits),
                                encoder=services.encoder)
            yield scratch  # its index is built from the copied vectors, encoding nothing
            scratch.db.close()
            return
        source = sqlite3.connect(services.settings.db_path)
        target = sqlite3.connect(path)
        with target:
            source.backup(target)  # a consistent copy, even while the bot writes
        source.close()
        target.close()
        index = services.settings.index_path
        settings = replace(services.settings, db_path=path, **limits)
        for suffix in ("", ".json"):
            original = Path(f"{index}{suffix}")
            if original.exists():
                shutil.copyfile(original, Path(f"{settings.index_path}{suffix}"))
        yield bootstrap(settings, encoder=services.encoder)
