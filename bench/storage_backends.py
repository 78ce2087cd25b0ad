"""PostgreSQL against SQLite in the same run: warm `ask` p50, and `weekly_report` over a large log.

  .venv/bin/python bench/storage_backends.py [--questions 200] [--runs 3] [--offers 1000000] [--start-up 10000]

A throw-away PostgreSQL cluster is started on 127.0.0.1 (tests/postgres.py: initdb and pg_ctl, as
the postgres user when run as root; durability off, as in the tests) and stopped afterwards.

1. The demo catalog is imported and indexed into SQLite, then copied into PostgreSQL with
   `salesbot db copy`'s code. The same distinct questions (bench/ask_latency.py's) are asked of
   both, one backend after the other, --runs times; the figure is PostgreSQL's median p50 over
   SQLite's (target ≤ 1.2×), with each one's floor (one query encode + one index search).
2. An offer log of --offers offers (bench/offer_log_data.py) is generated in SQLite and copied
   into PostgreSQL; the team's and one rep's weekly report of its last week are timed on both
   (median of --runs), as ratios to SQLite's.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from datetime import UTC
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import offer_log_data  # noqa: E402
from ask_latency import DEMO, measure, percentile, questions_for  # noqa: E402

from bot.bootstrap import bootstrap, open_all, shared_encoder  # noqa: E402
from bot.offers import OfferLog  # noqa: E402
from bot.reports import Week, weekly_report  # noqa: E402
from bot.settings import BUNDLED_MODEL, Settings  # noqa: E402
from catalog.copying import copy_database  # noqa: E402
from catalog.importer import import_catalog  # noqa: E402
from catalog.store import open_database  # noqa: E402
from tests import postgres  # noqa: E402


def ask_figures(folder: Path, cluster: postgres.Cluster, questions: int, runs: int) -> None:
    encoder = shared_encoder(BUNDLED_MODEL, backend="onnx", cache_dir=folder / ".salesbot-cache").load()
    sqlite = bootstrap(Settings(db_path=folder / "demo.db"), encoder=encoder)
    import_catalog(sqlite.db, DEMO)
    sqlite.build_index()
    url = cluster.new_database()
    copy_database(sqlite.db, open_all(url))
    pg = bootstrap(Settings(database_url=url), encoder=encoder)
    started = time.perf_counter()
    pg.advisor()
    start_up = time.perf_counter() - started
    asked = questions_for(sqlite, questions)
    p50s = {"sqlite": [], "postgresql": []}
    floors = {"sqlite": [], "postgresql": []}
    first = {"sqlite": [], "postgresql": []}  # each run with the catalog memo emptied first
    for _ in range(runs):
        for name, services in (("sqlite", sqlite), ("postgresql", pg)):
            services.catalog.memo.forget()
            floor, ask = measure(services, asked)
            first[name].append(percentile(ask, 0.5))
            floor, ask = measure(services, asked)  # as a running bot answers: its memo kept
            floors[name].append(percentile(floor, 0.5))
            p50s[name].append(percentile(ask, 0.5))
    lite, post = statistics.median(p50s["sqlite"]), statistics.median(p50s["postgresql"])
    print(f"Warm `ask`, demo catalog, {len(asked)} distinct questions × {runs} runs "
          f"(PostgreSQL process start-up, index built from the stored vectors: {start_up * 1000:.0f} ms):\n")
    print("| backend | ask p50, median of runs (min–max) | floor p50 | ask ÷ SQLite's |")
    print("|---|---|---|---|")
    for name, label in (("sqlite", "SQLite"), ("postgresql", "PostgreSQL")):
        values = p50s[name]
        print(f"| {label} | {statistics.median(values):.1f} ms ({min(values):.1f}–{max(values):.1f}) | "
              f"{statistics.median(floors[name]):.1f} ms | {statistics.median(values) / lite:.2f}× |")
    print(f"\nPostgreSQL ÷ SQLite: {post / lite:.2f}× (target ≤ 1.2×)\n")
    cold = {name: statistics.median(values) for name, values in first.items()}
    print(f"With the catalog memo emptied before each run (each question asked for the first time since a "
          f"start; catalog/memo.py): SQLite {cold['sqlite']:.1f} ms, PostgreSQL {cold['postgresql']:.1f} ms, "
          f"{cold['postgresql'] / cold['sqlite']:.2f}×\n")


def timed(fn, runs: int) -> float:
    times = []
    for _ in range(runs):
        t0 = time.perf_counter()
        fn()
        times.append((time.perf_counter() - t0) * 1000)
    return statistics.median(times)


def report_figures(folder: Path, cluster: postgres.Cluster, offers: int, runs: int) -> None:
    sqlite = open_database(folder / "log.db")
    OfferLog(sqlite)
    offer_log_data.generate(sqlite, offers=offers, weeks=52)
    url = cluster.new_database()
    target = open_all(url)
    started = time.perf_counter()
    report = copy_database(sqlite, target)
    copied = time.perf_counter() - started
    target.execute("ANALYZE")
    week = Week.containing(offer_log_data.END, UTC)
    print(f"`weekly_report` of {week} over {report.tables['offers']:,} offers in {report.tables['deals']:,} deals "
          f"(copied into PostgreSQL in {copied:.0f} s, checked), median of {runs}:\n")
    print("| report | SQLite | PostgreSQL | PostgreSQL ÷ SQLite |")
    print("|---|---|---|---|")
    for label, rep in (("the team's", None), ("one rep's (mystats)", "U001")):
        lite = timed(lambda rep=rep: weekly_report(sqlite, week, UTC, rep=rep), runs)
        post = timed(lambda rep=rep: weekly_report(target, week, UTC, rep=rep), runs)
        print(f"| {label} | {lite:.1f} ms | {post:.1f} ms | {post / lite:.2f}× |")


def start_up_figures(folder: Path, cluster: postgres.Cluster, size: int, runs: int) -> None:
    """A new process's start on each backend with a generated catalog of `size` products and
    synthetic vectors (bench/serve_memory.py: what is timed is the index, not the encoder):
    SQLite loads the index file beside the database; PostgreSQL's first process builds the index
    from the stored vectors and saves it in the database, and the next ones load that."""
    from serve_memory import prepare_large

    encoder = shared_encoder(BUNDLED_MODEL, backend="onnx", cache_dir=folder / ".salesbot-cache").load()
    path = folder / f"gen{size}.db"
    prepare_large(path, size)
    url = cluster.new_database()
    copy_database(open_database(path), open_all(url))

    def start(settings: Settings) -> float:
        t0 = time.perf_counter()
        services = bootstrap(settings, encoder=encoder)
        services.advisor()
        elapsed = (time.perf_counter() - t0) * 1000
        services.db.close()
        return elapsed

    built = start(Settings(database_url=url))  # nothing saved yet: built, then saved
    times = {"sqlite": [], "postgresql": []}
    for _ in range(runs):
        times["sqlite"].append(start(Settings(db_path=path)))
        times["postgresql"].append(start(Settings(database_url=url)))
    kind = open_database(path).execute("SELECT COUNT(*) FROM products").fetchone()[0]
    print(f"\nStart-up with {kind:,} products (synthetic vectors), database open to advisor ready, median of "
          f"{runs}: SQLite {statistics.median(times['sqlite']):,.0f} ms (the index file loaded); PostgreSQL "
          f"{statistics.median(times['postgresql']):,.0f} ms (the index saved in the database loaded); "
          f"PostgreSQL's first process after the copy {built:,.0f} ms (the index built from the stored vectors, "
          "then saved)")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--offers", type=int, default=1_000_000)
    parser.add_argument("--skip-report", action="store_true", help="only the ask figures")
    parser.add_argument("--start-up", type=int, default=0, metavar="N",
                        help="also time a new process's start with N generated products on both")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        cluster = postgres.start(Path(tempfile.mkdtemp(prefix="salesbot-pg-")))
        try:
            ask_figures(Path(tmp), cluster, args.questions, args.runs)
            if not args.skip_report:
                report_figures(Path(tmp), cluster, args.offers, args.runs)
            if args.start_up:
                start_up_figures(Path(tmp), cluster, args.start_up, args.runs)
        finally:
            cluster.stop()


if __name__ == "__main__":
    main()
