"""Scenario cards for evaluation sets that a helper writes without the code.

Each card is what a rep sees (`salesbot roleplay`'s card), the customer's opening line and the
customer lines of one model-pitch run, so the writer can answer lines a session really produces:

    .venv/bin/python bench/roleplay_cards.py --db salesbot.db LAP-LAT5440:41:normal TAB-S9-128:42:hard > cards.json
"""

from __future__ import annotations

import json
import re
import sys

import click

from bot.bootstrap import bootstrap
from bot.roleplay.session import model_pitch
from bot.roleplay.wording import scenario_lines
from bot.settings import Settings


@click.command()
@click.option("--db", "db_path", required=True, type=click.Path(exists=True, dir_okay=False))
@click.argument("scenarios", nargs=-1, required=True)
def main(db_path: str, scenarios: tuple[str, ...]) -> None:
    """SCENARIOS: SKU:SEED:DIFFICULTY, one per card."""
    services = bootstrap(Settings(db_path=db_path))
    roleplay = services.roleplay()
    cards = []
    for spec in scenarios:
        sku, seed, difficulty = spec.split(":")
        scenario = roleplay.scenario(sku=sku, seed=int(seed), difficulty=difficulty)
        exchanges, _ = model_pitch(roleplay, scenario)
        lines = [e.customer for e in exchanges if e.customer]
        cards.append({"scenario": f"{sku} seed {seed} {difficulty}", "sku": sku, "seed": int(seed),
                      "difficulty": difficulty, "persona": scenario.persona,
                      "card": [re.sub(r"[*_`]", "", line) for line in scenario_lines(scenario)],
                      "opening": lines[0] if lines else "", "later_customer_lines": lines})
    json.dump(cards, sys.stdout, indent=1, ensure_ascii=False)
    sys.stdout.write("\n")


if __name__ == "__main__":
    main()
