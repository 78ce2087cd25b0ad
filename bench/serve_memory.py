"""Resident memory of the bot at rest: `salesbot serve --http`, demo catalog and 100k products.

  .venv/bin/python bench/serve_memory.py [--products 100000] [--runs 3] [--questions 20]

The bot runs in its own process (as in production) against a loopback Slack on 127.0.0.1. Its
VmRSS is read after start-up (once /healthz answers) and again after --questions signed
/salesbot questions, each answered, with the process idle again. Floors measured in the same
run, each in a fresh process: a bare Python, and a Python that loads the bundled model and
encodes one text (what any process that answers questions must hold).

Embedding 100k product texts with torch takes ~35 min on 2 cores, so the generated catalog
(bench/synthetic.py) gets synthetic vectors instead: unit vectors around 2,000 cluster centres
(as bench/index_scale.py), written to the embeddings table under each product's real content
hash, so the bot takes them as current and never re-embeds. Memory does not depend on which
unit vectors they are. The HNSW index over them is built once, before the bot starts.
"""

from __future__ import annotations

import argparse
import json
import random
import sqlite3
import statistics
import subprocess
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

import synthetic  # noqa: E402
from bot_process import BotProcess, prepare_demo  # noqa: E402
from index_scale import clustered  # noqa: E402

from bot.slack import simulate  # noqa: E402
from bot.slack.loopback import LoopbackSlack  # noqa: E402

SECRET = "memory-secret"
RSS = "import pathlib; print(next(int(l.split()[1]) for l in pathlib.Path('/proc/self/status')" \
      ".read_text().splitlines() if l.startswith('VmRSS:')))"
MODEL_FLOOR = ("import os; os.environ['HF_HUB_OFFLINE'] = '1'\n"
               "from bot.bootstrap import shared_encoder\n"
               "from bot.settings import BUNDLED_MODEL\n"
               "shared_encoder(BUNDLED_MODEL).load()\n" + RSS)


def floor_mb(code: str) -> float:
    out = subprocess.run([sys.executable, "-c", code], check=True, capture_output=True, text=True,
                         cwd=Path(__file__).resolve().parent.parent)
    return int(out.stdout.split()[-1]) / 1024


def prepare_large(db_path: Path, count: int) -> None:
    """A generated catalog of `count` products with synthetic vectors, indexed (HNSW)."""
    from bot.bootstrap import bootstrap
    from bot.settings import Settings
    from catalog.importer import import_catalog

    services = bootstrap(Settings(db_path=db_path))
    csv_path = synthetic.write_csv(db_path.with_name("products.csv"), count)
    import_catalog(services.db, csv_path)
    rows = services.db.execute("SELECT sku, content_hash FROM products ORDER BY sku").fetchall()
    vectors = clustered(len(rows))
    with services.db.atomic():
        services.db.conn.executemany(
            "INSERT INTO embeddings (key, content_hash, model, vector) VALUES (?, ?, ?, ?)",
            [(sku, content_hash, services.settings.model, vector.tobytes())
             for (sku, content_hash), vector in zip(rows, vectors, strict=True)])
    _, report = services.build_index()
    assert report is None or report.embedded == 0, "the synthetic vectors were not taken as current"


def ask(bot: BotProcess, slack: LoopbackSlack, questions: list[str], tag: str) -> None:
    for i, text in enumerate(questions):
        body, kind = simulate.command(text, user="U001", channel="C0001",
                                      response_url=slack.response_url(f"{tag}{i}"))
        request = urllib.request.Request(
            bot.url + "/slack/events", data=body.encode(), method="POST",
            headers=simulate.signed_headers(SECRET, body, content_type=kind))
        with urllib.request.urlopen(request, timeout=10) as response:
            assert response.status == 200
        slack.wait_for(lambda c, name=f"/respond/{tag}{i}": c.path == name, timeout=60)


def measure(db_path: Path, questions: list[str], runs: int, tag: str) -> dict:
    started, warm, ready = [], [], []
    for run in range(runs):
        with LoopbackSlack() as slack, BotProcess(
                db_path, api_url=slack.api_url, secret=SECRET,
                log=db_path.with_name(f"bot-{tag}{run}.log")) as bot:
            time.sleep(2)  # settle: the weekly poster's first check, lazy imports
            started.append(bot.rss_mb())
            ready.append(bot.ready_after)
            ask(bot, slack, questions, f"{tag}{run}-")
            time.sleep(2)
            warm.append(bot.rss_mb())
    return {"start": started, "warm": warm, "ready": ready,
            "index": db_path.with_suffix(".faiss").stat().st_size / 2**20}


def fmt(values: list[float]) -> str:
    return f"{statistics.median(values):,.0f} MB ({min(values):,.0f}–{max(values):,.0f})"


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--products", type=int, default=100_000)
    parser.add_argument("--runs", type=int, default=3)
    parser.add_argument("--questions", type=int, default=20)
    args = parser.parse_args()
    python = [floor_mb(RSS) for _ in range(args.runs)]
    model = [floor_mb(MODEL_FLOOR) for _ in range(args.runs)]
    results = {}
    with tempfile.TemporaryDirectory() as tmp:
        demo_db = Path(tmp) / "demo" / "salesbot.db"
        demo_db.parent.mkdir()
        prepare_demo(demo_db)
        names = [r[0] for r in sqlite3.connect(demo_db).execute(
            "SELECT name FROM products ORDER BY sku")]
        rng = random.Random(2)
        demo_questions = [f"customer is buying the {rng.choice(names)}, what else?"
                          for _ in range(args.questions)]
        results["demo catalog (212 products)"] = measure(demo_db, demo_questions, args.runs, "d")
        large_db = Path(tmp) / "large" / "salesbot.db"
        large_db.parent.mkdir()
        started = time.perf_counter()
        prepare_large(large_db, args.products)
        prepared = time.perf_counter() - started
        large_names = [r["name"] for r in rng.sample(synthetic.generate(args.products),
                                                     args.questions)]
        large_questions = [f"what goes with the {name}" for name in large_names]
        results[f"generated catalog ({args.products:,} products)"] = measure(
            large_db, large_questions, args.runs, "l")
    model_mb = statistics.median(model)
    print(f"VmRSS of `salesbot serve --http`, median of {args.runs} starts (min–max); "
          f"{args.products:,}-product catalog prepared in {prepared:.0f} s.\n")
    print("| process | resident memory | ÷ model floor |")
    print("|---|---|---|")
    print(f"| floor: bare Python | {fmt(python)} | |")
    print(f"| floor: Python + the bundled model, one encode | {fmt(model)} | 1.00× |")
    for label, r in results.items():
        for when in ("start", "warm"):
            what = "after start-up" if when == "start" else f"after {args.questions} questions"
            print(f"| bot, {label}, {what} | {fmt(r[when])} | "
                  f"{statistics.median(r[when]) / model_mb:.2f}× |")
    print("\n| catalog | bot after questions | model floor | FAISS index (file) | the rest: Python, "
          "Bolt, catalog, SQLite caches | start-up to /healthz |")
    print("|---|---|---|---|---|---|")
    for label, r in results.items():
        warm = statistics.median(r["warm"])
        rest = warm - model_mb - r["index"]
        print(f"| {label} | {warm:,.0f} MB | {model_mb:,.0f} MB | {r['index']:,.0f} MB | "
              f"{rest:,.0f} MB | {statistics.median(r['ready']):.1f} s |")
    print("\n" + json.dumps({k: {kk: [round(x, 1) for x in v] if isinstance(v, list) else round(v, 1)
                                 for kk, v in r.items()} for k, r in results.items()}))


if __name__ == "__main__":
    main()
