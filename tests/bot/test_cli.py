"""The `salesbot` command line, driven as a user would (CliRunner, and one real process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from bot.cli import main
from tests.conftest import DEMO_CATALOG


def run(*args, db=None):
    argv = [*args, "--db", str(db)] if db else list(args)
    return CliRunner().invoke(main, argv)


@pytest.fixture
def db(store):
    """`--db`: a SQLite file, or a PostgreSQL address (each command on both backends)."""
    return store


def test_import_show_index_ask(db, tmp_path):
    result = run("catalog", "import", str(DEMO_CATALOG), db=db)
    assert result.exit_code == 0, result.output
    assert "212 added, 0 updated, 0 unchanged" in result.output

    shown = json.loads(run("catalog", "show", "lap-pb450-g10", "--json", db=db).output)
    assert shown["name"] == "HP ProBook 450 G10" and shown["available"] is True

    first = run("index", db=db)
    assert first.exit_code == 0 and "212 embedded" in first.output
    if not str(db).startswith("postgresql://"):  # PostgreSQL: the vectors are stored, the index built in memory
        assert (tmp_path / "salesbot.faiss").exists() and (tmp_path / "salesbot.faiss.json").exists()
    assert "Index is current" in run("index", db=db).output

    answer = json.loads(run("ask", "customer buying probook 450, budget max €1,100 each",
                            "--json", db=db).output)
    assert answer["anchor"]["sku"] == "LAP-PB450-G10" and answer["budget"] == 1100.0
    assert all(s["price"] <= 1100 - 979 for s in answer["cross_sell"])


def test_suggest_prints_one_json_object_per_line(db):
    run("catalog", "import", str(DEMO_CATALOG), db=db)
    result = run("suggest", "LAP-PB450-G10", "PHN-GS24-128", "--json", db=db)
    lines = [json.loads(line) for line in result.output.splitlines()]
    assert [a["anchor"]["sku"] for a in lines] == ["LAP-PB450-G10", "PHN-GS24-128"]
    assert all(a["cross_sell"] and a["upsell"] for a in lines)


def test_errors_are_one_clear_line_and_exit_non_zero(db, tmp_path):
    bad = tmp_path / "bad.csv"
    bad.write_text("sku,name\nA,Alpha\n")
    result = run("catalog", "import", str(bad), db=db)
    assert result.exit_code == 1
    assert result.output == (f"Error: {bad}: missing required column 'price' (found: sku, name); "
                             "add it to the header. Nothing was imported.\n")
    result = run("ask", "anything", db=db)
    assert result.exit_code == 1 and "the catalog is empty" in result.output
    run("catalog", "import", str(DEMO_CATALOG), db=db)
    result = run("suggest", "LAP-PB45O-G10", db=db)
    assert result.exit_code == 1
    assert "no product with SKU 'LAP-PB45O-G10'" in result.output and "did you mean" in result.output
    assert run("suggest", db=db).exit_code == 2  # usage: a SKU or --all


def test_unknown_product_in_a_question_is_said_plainly(db):
    run("catalog", "import", str(DEMO_CATALOG), db=db)
    result = run("ask", "zzzz qqqq", db=db)
    assert result.exit_code == 0 and "I couldn't find that product" in result.output


def test_make_run_without_slack_shows_a_full_exchange_and_exits(tmp_path):
    """What `make run` runs with no credentials: the local chat with the real bot, on the demo
    catalog, with stdin closed: three questions, their answers, an accept click, then exit."""
    env = {k: v for k, v in os.environ.items() if not k.startswith("SLACK_")}
    env.update(SALESBOT_DB=str(tmp_path / "run.db"), COLUMNS="100")
    done = subprocess.run([sys.executable, "-m", "bot", "run"], cwd=tmp_path, env=env,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    out = done.stdout
    assert "Loaded the demo catalog" in out and "No Slack credentials set" in out
    assert out.count("you ❯ /salesbot") == 3 and "HP ProBook 450 G10" in out
    messages = out.split("salesbot ❯")[1:]
    assert len(messages) == 5  # three answers, then the message opened and updated in place
    for message in messages:  # the upsell at the decision point, before the add-ons
        assert message.index("Upsell · now, before they confirm") < message.index("Cross-sell · once agreed")
    assert "you ❯ clicked [3] Details" in out and "“Too expensive?”" in messages[3]
    assert "Hide details" in messages[3] and "“Too expensive?”" not in messages[2]
    assert "you ❯ clicked [1] Accepted" in out and "✅ Accepted · logged by @ULOCAL01" in messages[4]
    assert "order now 25 × " in messages[4]  # the deal's total with the accepted upgrade


def test_ask_log_records_a_deal_and_offers_accept_changes_it(db):
    run("catalog", "import", str(DEMO_CATALOG), db=db)
    logged = json.loads(run("ask", "customer buying 12 probook 450", "--log", "--rep", "anna",
                            "--at", "2026-11-16T09:30", "--json", db=db).output)
    offer_ids = [s["offer_id"] for s in logged["cross_sell"] + logged["upsell"]]
    assert logged["deal_id"] == 1 and len(set(offer_ids)) == len(offer_ids) > 0
    done = json.loads(run("offers", "accept", str(offer_ids[0]), "--by", "anna", "--json",
                          db=db).output)
    first = (logged["cross_sell"] + logged["upsell"])[0]
    assert logged["deal_total"] == 12 * logged["anchor"]["price"] and logged["accepted_total"] == 0
    assert done == {"offer_id": offer_ids[0], "outcome": "accepted", "by": "anna",
                    "at": done["at"], "changed": True, "deal_id": 1,
                    "deal_total": round(12 * (logged["anchor"]["price"] + first["price"]), 2),
                    "accepted_total": round(12 * first["price"], 2)}
    assert "(unchanged)" in run("offers", "accept", str(offer_ids[0]), db=db).output
    assert "open" in run("offers", "undo", str(offer_ids[0]), db=db).output
    missing = run("offers", "decline", "9999", db=db)
    assert missing.exit_code == 1 and "no offer with id 9999" in missing.output
    assert run("ask", "galaxy s24", "--rep", "anna", db=db).exit_code == 2  # --rep needs --log


def test_serve_without_credentials_says_what_to_set(db, monkeypatch):
    for name in ("SLACK_BOT_TOKEN", "SLACK_SIGNING_SECRET", "SLACK_APP_TOKEN"):
        monkeypatch.delenv(name, raising=False)
    result = run("serve", db=db)
    assert result.exit_code == 1 and "Slack is not configured: set SLACK_BOT_TOKEN" in result.output
