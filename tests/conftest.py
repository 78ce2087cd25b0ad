"""Shared fixtures: the real bundled model, loaded once per test session; real SQLite in tmp_path."""

from __future__ import annotations

import shutil
import tempfile
from pathlib import Path

import pytest

from bot.bootstrap import Services, bootstrap, shared_encoder
from bot.settings import BUNDLED_MODEL, Settings
from catalog.importer import import_catalog

ROOT = Path(__file__).resolve().parent.parent
DEMO_CATALOG = ROOT / "catalog" / "demo" / "products.csv"


@pytest.fixture(scope="session")
def encoder(tmp_path_factory):
    """The default backend, exported (when it is onnx) into a cache of this session's own."""
    return shared_encoder(BUNDLED_MODEL, backend=Settings().encoder,
                          cache_dir=tmp_path_factory.mktemp("model-cache")).load()


def make_services(target: Path | str, encoder, **settings) -> Services:
    """Services over a SQLite file or a postgresql:// database."""
    where = {"database_url": str(target)} if str(target).startswith("postgresql://") else {"db_path": target}
    return bootstrap(Settings(**where, **settings), encoder=encoder)


def copy_demo(demo, folder: Path) -> Path:
    """A writable copy of the session's indexed demo database (the index stays current)."""
    for path in demo.settings.db_path.parent.iterdir():
        if path.name.startswith("salesbot."):
            shutil.copy(path, folder / path.name)
    return folder / "salesbot.db"


@pytest.fixture
def services(tmp_path, encoder) -> Services:
    """An empty database of our own."""
    return make_services(tmp_path / "salesbot.db", encoder)


@pytest.fixture(scope="session")
def demo(tmp_path_factory, encoder) -> Services:
    """The demo catalog, imported and indexed once per session. Read-only: do not change it."""
    services = make_services(tmp_path_factory.mktemp("demo") / "salesbot.db", encoder)
    import_catalog(services.db, DEMO_CATALOG)
    services.advisor()
    return services


@pytest.fixture(scope="session")
def pg_demo_services(pg_cluster, pg_demo, encoder) -> Services:
    """The demo catalog on PostgreSQL, for the session: read-only, like `demo`."""
    services = make_services(pg_cluster.new_database(template=pg_demo), encoder)
    services.advisor()
    yield services
    services.db.close()


@pytest.fixture(scope="session", params=["sqlite", "postgresql"])
def demo_both(request, demo) -> Services:
    """The read-only demo, once on each engine: the suites that only read it run on both."""
    return demo if request.param == "sqlite" else request.getfixturevalue("pg_demo_services")


@pytest.fixture(scope="session")
def pg_cluster():
    """A throw-away PostgreSQL cluster for the session (tests/postgres.py), stopped at its end."""
    from tests import postgres

    folder = Path(tempfile.mkdtemp(prefix="salesbot-pg-"))  # under /tmp: the postgres user can reach it
    cluster = postgres.start(folder)
    yield cluster
    cluster.stop()
    shutil.rmtree(folder, ignore_errors=True)


@pytest.fixture(params=["sqlite", "postgresql"])
def store(request, tmp_path) -> str:
    """Where a test's data lives, once on each backend: a SQLite file in tmp_path, or an empty
    database of its own on the session's PostgreSQL cluster (its URL)."""
    if request.param == "sqlite":
        return str(tmp_path / "salesbot.db")
    return request.getfixturevalue("pg_cluster").new_database()


@pytest.fixture(scope="session")
def pg_demo(pg_cluster, demo) -> str:
    """The session's demo database copied into PostgreSQL once (`salesbot db copy`): the name of a
    template each test's database is made from."""
    from bot.bootstrap import open_all
    from catalog.copying import copy_database

    url = pg_cluster.new_database()
    target = open_all(url)
    copy_database(demo.db, target)
    target.close()
    return url.rsplit("/", 1)[1]


@pytest.fixture(params=["sqlite", "postgresql"])
def demo_store(request, demo, tmp_path) -> Path | str:
    """A writable copy of the indexed demo database, once on each backend: a SQLite file in
    tmp_path, or a PostgreSQL database of its own (its URL)."""
    if request.param == "sqlite":
        return copy_demo(demo, tmp_path)
    return request.getfixturevalue("pg_cluster").new_database(template=request.getfixturevalue("pg_demo"))
