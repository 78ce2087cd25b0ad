"""Where a warm `ask` spends its time beyond the floor: cProfile over distinct questions.

  .venv/bin/python bench/profile_ask.py --db bench/out/gen100000.db [--encoder onnx] [--questions 100]

Use a catalog kept by `bench/ask_latency.py --keep`. Prints the time per answer in the encoder,
in FAISS, in SQLite and in the rest (Python), then the functions with the most own time.
cProfile slows Python down more than the native parts, so the split overstates the Python share.
"""

from __future__ import annotations

import argparse
import cProfile
import pstats
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent))
sys.path.insert(0, str(Path(__file__).resolve().parent))

from ask_latency import questions_for  # noqa: E402

from bot.bootstrap import bootstrap, shared_encoder  # noqa: E402
from bot.settings import BUNDLED_MODEL, Settings  # noqa: E402

GROUPS = {"encoder (onnxruntime / torch)": ("onnxruntime", "torch", "tokenizers"),
          "FAISS search and reconstruct": ("faiss",), "SQLite": ("sqlite3",)}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--db", type=Path, required=True)
    parser.add_argument("--encoder", default="onnx")
    parser.add_argument("--questions", type=int, default=100)
    args = parser.parse_args()
    encoder = shared_encoder(BUNDLED_MODEL, backend=args.encoder,
                             cache_dir=args.db.parent / ".salesbot-cache").load()
    services = bootstrap(Settings(db_path=args.db), encoder=encoder)
    advisor = services.advisor()
    asked = questions_for(services, args.questions)
    for q in ["warm-up one for the team", "warm-up two"]:
        advisor.ask(q)
    profile = cProfile.Profile()
    profile.enable()
    for q in asked:
        advisor.ask(q)
    profile.disable()
    stats = pstats.Stats(profile)
    total = sum(row[2] for row in stats.stats.values())  # own time of every function
    grouped = dict.fromkeys(GROUPS, 0.0)
    for (filename, _, name), row in stats.stats.items():
        where = f"{filename} {name}"
        for group, needles in GROUPS.items():
            if any(n in where for n in needles):
                grouped[group] += row[2]
                break
    per = 1000 / len(asked)
    print(f"{len(asked)} answers, {total * per:.1f} ms each under cProfile:")
    for group, seconds in grouped.items():
        print(f"  {group}: {seconds * per:.1f} ms")
    print(f"  the rest (Python in bot/, catalog/, embeddings/): {(total - sum(grouped.values())) * per:.1f} ms")
    stats.sort_stats("tottime").print_stats(20)


if __name__ == "__main__":
    main()
