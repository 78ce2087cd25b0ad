"""Time from a signed /salesbot command to the answer arriving at Slack, against the advisor.

  .venv/bin/python bench/slack_latency.py [--questions 100]

The real Bolt app runs in HTTP mode (waitress) on 127.0.0.1 with the demo catalog, and answers
reach a loopback Slack Web API. For every question, in the same run: the advisor's own warm
`ask` (the floor), then the full Slack path for the same question. The query-embedding cache is
cleared before each, so neither gets a free encode. Traffic stays on 127.0.0.1 and is bounded
by --questions.
"""

from __future__ import annotations

import argparse
import random
import statistics
import sys
import tempfile
import time
import urllib.request
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from bot.bootstrap import bootstrap  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.slack import simulate  # noqa: E402
from bot.slack.app import build_app  # noqa: E402
from bot.slack.loopback import LoopbackSlack  # noqa: E402
from bot.slack.server import BackgroundServer, http_server  # noqa: E402
from catalog.importer import import_catalog  # noqa: E402

DEMO = Path(__file__).resolve().parent.parent / "catalog" / "demo" / "products.csv"
SECRET = "bench-secret"
PHRASES = ["customer is buying the {}, what else?", "cust getting {} for the team",
           "{} - anything to add?", "what goes with the {}", "{} for 5 people, budget max €5,000"]


def bench_questions(names: list[str], count: int, *, seed: int = 5) -> list[str]:
    """The benchmark's questions: product names in a rep's phrasings, the same every run."""
    rng = random.Random(seed)
    return list(dict.fromkeys(rng.choice(PHRASES).format(rng.choice(names))
                              for _ in range(count * 3)))[:count]


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=100)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp, LoopbackSlack() as slack:
        services = bootstrap(Settings(db_path=Path(tmp) / "bench.db", slack_bot_token="xoxb-b",
                                      slack_signing_secret=SECRET, slack_api_url=slack.api_url))
        import_catalog(services.db, DEMO)
        server = BackgroundServer(http_server(build_app(services), host="127.0.0.1", port=0))
        server.__enter__()
        url = server.url + "/slack/events"
        advisor, encoder = services.advisor(), services.encoder
        questions = bench_questions([p.name for p in services.catalog.all()], args.questions)
        for q in ("warm-up one", "warm-up two"):
            advisor.ask(q)
        direct, slack_path, acks = [], [], []
        for i, q in enumerate(questions):
            encoder.clear_cache()
            t0 = time.perf_counter()
            advisor.ask(q)
            direct.append((time.perf_counter() - t0) * 1000)
            encoder.clear_cache()
            body, kind = simulate.command(q, user="UBENCH", channel="C1",
                                          response_url=slack.response_url(f"q{i}"))
            request = urllib.request.Request(
                url, data=body.encode(), method="POST",
                headers=simulate.signed_headers(SECRET, body, content_type=kind))
            t0 = time.perf_counter()
            with urllib.request.urlopen(request, timeout=10) as response:
                assert response.status == 200
            acks.append((time.perf_counter() - t0) * 1000)
            slack.wait_for(lambda c, name=f"/respond/q{i}": c.path == name, timeout=10)
            slack_path.append((time.perf_counter() - t0) * 1000)
        server.__exit__(None, None, None)
    d50, s50 = statistics.median(direct), statistics.median(slack_path)
    print(f"{len(questions)} questions on the demo catalog, HTTP mode on 127.0.0.1\n")
    print("| path | p50 (ms) | p95 (ms) |")
    print("|---|---|---|")
    print(f"| advisor `ask` alone (floor) | {d50:.1f} | {percentile(direct, 0.95):.1f} |")
    print(f"| signed /salesbot → answer at Slack | {s50:.1f} | {percentile(slack_path, 0.95):.1f} |")
    print(f"| ack (HTTP response) | {statistics.median(acks):.1f} | {percentile(acks, 0.95):.1f} |")
    print(f"\nThe Slack path adds {s50 - d50:.1f} ms at p50 (target < 20 ms).")


if __name__ == "__main__":
    main()
