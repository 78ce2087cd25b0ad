"""The `salesbot` command line, driven as a user would (CliRunner, and one real process)."""

from __future__ import annotations

import json
import os
import subprocess
import sys

import pytest
from click.testing import CliRunner

from bot.cli import main
from tests.conftest import DEMO_CATALOG, ROOT


def run(*args, db=None):
    argv = [*args, "--db", str(db)] if db else list(args)
    return CliRunner().invoke(main, argv)


@pytest.fixture
def db(tmp_path):
    return tmp_path / "cli.db"


def test_import_show_index_ask(db, tmp_path):
    result = run("catalog", "import", str(DEMO_CATALOG), db=db)
    assert result.exit_code == 0, result.output
    assert "212 added, 0 updated, 0 unchanged" in result.output

    shown = json.loads(run("catalog", "show", "lap-pb450-g10", "--json", db=db).output)
    assert shown["name"] == "HP ProBook 450 G10" and shown["available"] is True

    first = run("index", db=db)
    assert first.exit_code == 0 and "212 embedded" in first.output
    assert (tmp_path / "cli.faiss").exists() and (tmp_path / "cli.faiss.json").exists()
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


def test_make_run_main_job_exits_cleanly_with_stdin_closed(tmp_path):
    """What `make run` runs: the demo on an empty database, then exit (stdin is not a tty)."""
    env = {**os.environ, "SALESBOT_DB": str(tmp_path / "run.db")}
    done = subprocess.run([sys.executable, "-m", "bot", "run"], cwd=ROOT, env=env,
                          stdin=subprocess.DEVNULL, capture_output=True, text=True, timeout=300)
    assert done.returncode == 0, done.stderr
    assert "Loaded the demo catalog" in done.stdout
    assert done.stdout.count("Cross-sell (complements)") == 3
    assert "HP ProBook 450 G10" in done.stdout and "TaskFlow" in done.stdout
