"""How much a rep has to read: words per Slack answer on the latency benchmark's questions.

  .venv/bin/python bench/answer_words.py [--questions 100] [--json]

Each question is answered by the advisor, logged as a deal and rendered exactly as the bot
posts it (`bot.slack.blocks.answer_blocks`). Counted: the words a rep sees in the message as
it first arrives (section and context text, button labels), after Slack's formatting marks are
taken out; and with every offer's Details open, for how much the whole answer holds.
"""

from __future__ import annotations

import argparse
import json
import re
import statistics
import sys
import tempfile
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))

from slack_latency import DEMO, bench_questions  # noqa: E402

from bot.bootstrap import bootstrap  # noqa: E402
from bot.settings import Settings  # noqa: E402
from bot.slack import blocks  # noqa: E402
from catalog.importer import import_catalog  # noqa: E402

_MARKS = re.compile(r"[*_`~❯·•]|<@\w+>")


def visible_text(rendered: list[dict]) -> str:
    """What Slack shows of a message: section and context text and button labels."""
    parts = []
    for block in rendered:
        if block.get("text"):
            parts.append(block["text"]["text"])
        for element in block.get("elements", []) + block.get("fields", []):
            text = element.get("text")
            parts.append(text["text"] if isinstance(text, dict) else text or "")
    return "\n".join(parts)


def words(text: str) -> int:
    return sum(1 for w in _MARKS.sub(" ", text).split() if re.search(r"\w", w))


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--questions", type=int, default=100)
    parser.add_argument("--json", action="store_true")
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        services = bootstrap(Settings(db_path=Path(tmp) / "bench.db"))
        import_catalog(services.db, DEMO)
        advisor, log = services.advisor(), services.offers
        questions = bench_questions([p.name for p in services.catalog.all()], args.questions)
        collapsed, expanded = [], []
        for i, question in enumerate(questions):
            advice = advisor.ask(question)
            if advice.anchor is None:
                continue
            deal, _ = log.record(advice, rep="UBENCH", source_key=f"words-{i}")
            collapsed.append(words(visible_text(blocks.to_dicts(blocks.answer_blocks(deal)))))
            opened = blocks.answer_blocks(deal, expanded=blocks.every_offer(deal))
            expanded.append(words(visible_text(blocks.to_dicts(opened))))
    result = {"answers": len(collapsed), "median_words": statistics.median(collapsed),
              "max_words": max(collapsed)}
    if expanded:
        result.update(median_words_expanded=statistics.median(expanded))
    if args.json:
        print(json.dumps(result))
        return
    print(f"{result['answers']} answers on the demo catalog: median {result['median_words']:g} words "
          f"(max {result['max_words']}) as the message arrives"
          + (f"; {result['median_words_expanded']:g} with every Details open" if expanded else ""))


if __name__ == "__main__":
    main()
