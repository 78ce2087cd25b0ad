"""What a click costs to render: the whole message rebuilt, against only the clicked offer's blocks.

  .venv/bin/python bench/click_render.py [--clicks 200] [--runs 3]

One answer on the demo catalog (20 blocks), then clicks that change one offer at a time, as in
Slack. Each click's message is rendered to Block Kit dicts twice in the same run: with the
offer-block cache cleared (every block built and validated by slack_sdk, as before the cache),
and as the bot does it. Median per click; median of --runs runs with min–max.
"""

from __future__ import annotations

import argparse
import statistics
import sys
import tempfile
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from bot_process import prepare_demo  # noqa: E402

from bot.bootstrap import bootstrap  # noqa: E402
from bot.offers.recording import ask_and_log  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.slack import blocks  # noqa: E402


def per_click(services, deal_id: int, offers: list[int], clicks: int, *, cold: bool) -> float:
    times = []
    for i in range(clicks):
        outcome = "accepted" if (i // len(offers)) % 2 else "declined"
        services.offers.set_outcome(offers[i % len(offers)], outcome, by="U1")
        deal = services.offers.deal(deal_id)
        if cold:
            blocks._offer_dicts.cache_clear()
        started = time.perf_counter()
        blocks.to_dicts(blocks.answer_blocks(deal, shareable=True))
        times.append((time.perf_counter() - started) * 1000)
    return statistics.median(times)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--clicks", type=int, default=200)
    parser.add_argument("--runs", type=int, default=3)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        prepare_demo(Path(tmp) / "salesbot.db")
        services = bootstrap(Settings(db_path=Path(tmp) / "salesbot.db"))
        answer = ask_and_log(services.advisor(), services.offers,
                             "customer buying 12 probook 450, budget max €1,100 each", rep="U1")
        deal, offers = answer.deal, [o.id for o in answer.deal.offers]
        size = len(blocks.answer_blocks(deal, shareable=True))
        cold, warm = [], []
        for _ in range(args.runs):
            cold.append(per_click(services, deal.id, offers, args.clicks, cold=True))
            warm.append(per_click(services, deal.id, offers, args.clicks, cold=False))
    fmt = lambda v: f"{statistics.median(v):.2f} ms ({min(v):.2f}–{max(v):.2f})"  # noqa: E731
    print(f"A message of {size} blocks, {len(offers)} offers; median per click of {args.clicks}, "
          f"median of {args.runs} runs (min–max)\n")
    print("| render per click | time | ÷ rebuilding everything |")
    print("|---|---|---|")
    print(f"| every block built and validated (cache cleared, as before) | {fmt(cold)} | 1.00× |")
    print(f"| only the clicked offer's blocks (as the bot does) | {fmt(warm)} | "
          f"{statistics.median(warm) / statistics.median(cold):.2f}× |")


if __name__ == "__main__":
    main()
