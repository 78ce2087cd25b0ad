"""`salesbot eval replies`: labelled rep replies read as a session reads them."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.evaluation.replies import evaluate_replies
from catalog import CatalogError

TUNING = Path(__file__).resolve().parents[2] / "data" / "roleplay_replies_tuning.jsonl"


def test_our_tuning_replies_the_issue_s_examples_included(demo_store, encoder):
    from tests.conftest import make_services
    services = make_services(demo_store, encoder)
    report = evaluate_replies(services.roleplay(), TUNING)
    services.db.close()
    assert report.replies == 21
    assert report.true_flagged == 0, report.examples.get("true_flagged")
    assert report.spurious_flags == 0, report.examples.get("spurious_flags")
    assert report.figures["offer_precision"] >= 0.9 and report.figures["offer_recall"] >= 0.9
    assert report.caught_named_right == report.false_caught >= 3


def test_the_cli_emits_the_figures_and_refuses_bad_lines(demo_store, tmp_path):
    db = str(demo_store)
    result = CliRunner().invoke(main, ["eval", "replies", str(TUNING), "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["replies"] == 21 and "offer_precision" in data
    (tmp_path / "bad.jsonl").write_text('{"scenario": "LAP-PB450-G10 seed 7 normal"}\nnot json\n')
    with pytest.raises(CatalogError) as error:
        from bot.evaluation.replies import read_labelled
        read_labelled(tmp_path / "bad.jsonl")
    assert "line 1: missing reply, offers, claims" in str(error.value)
    assert "line 2: not valid JSON" in str(error.value)


def test_script_pairs_are_played_and_compared(demo_store, tmp_path):
    from tests.bot.roleplay.conftest import GOOD_REP, POOR_REP
    (tmp_path / "pairs.jsonl").write_text(json.dumps({"scenario": "LAP-PB450-G10 seed 7 normal",
                                                      "good": GOOD_REP, "poor": POOR_REP}) + "\n")
    db = str(demo_store)
    result = CliRunner().invoke(main, ["eval", "scripts", str(tmp_path / "pairs.jsonl"), "--db", db, "--json"])
    assert result.exit_code == 0, result.output
    pair = json.loads(result.output)["pairs"][0]
    assert pair["good"] >= pair["poor"] + 30, pair
