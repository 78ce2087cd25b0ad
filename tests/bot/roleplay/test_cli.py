"""`salesbot roleplay` from the shell: a scripted session as JSON, the model pitch, results."""

from __future__ import annotations

import json

from click.testing import CliRunner

from bot.cli import main
from tests.bot.roleplay.conftest import GOOD_REP, POOR_REP, SEED, SKU


def run(*args, db):
    return CliRunner().invoke(main, [*args, "--db", str(db)])


def test_scripted_sessions_as_json_and_results(demo_store, tmp_path):
    db = demo_store
    scores = {}
    for rep, lines in (("anna", GOOD_REP), ("ben", POOR_REP)):
        replies = tmp_path / f"{rep}.txt"
        replies.write_text("# the rep's lines\n" + "\n".join(lines) + "\n", encoding="utf-8")
        result = run("roleplay", "--sku", SKU, "--seed", str(SEED), "--rep", rep, "--replies", str(replies),
                     "--json", db=db)
        assert result.exit_code == 0, result.output
        data = json.loads(result.stdout)
        assert set(data) >= {"scenario", "turns", "score", "criteria", "flagged_claims", "model_talking_points"}
        assert data["scenario"]["anchor"]["sku"] == SKU and data["turns"][0]["rep"] is None
        assert all(0 <= c["points"] <= c["max"] for c in data["criteria"].values())
        assert sum(c["max"] for c in data["criteria"].values()) == 100
        scores[rep] = data
    assert scores["anna"]["score"] > scores["ben"]["score"] + 45
    wrong = {"claim": "€899 for the HP ProBook 470 G10", "actual": "€1,199", "turn": 1}
    assert wrong in scores["ben"]["flagged_claims"]

    listed = json.loads(run("roleplay", "results", "--json", db=db).output)
    assert [(r["rep"], r["score"]) for r in listed] == [("anna", scores["anna"]["score"]),
                                                        ("ben", scores["ben"]["score"])]
    mine = run("roleplay", "results", "--rep", "ben", db=db).output
    assert "ben: 1 session" in mine and "anna" not in mine
    shown = run("roleplay", "show", str(listed[0]["session"]), db=db).output
    assert "HP ProBook 470 G10" in shown and f"Score: {scores['anna']['score']}/100" in shown


def test_model_pitch_and_friendly_errors(demo_store):
    db = demo_store
    pitch = run("roleplay", "demo", "ProBook", "450", "--seed", str(SEED), db=db)
    assert pitch.exit_code == 0, pitch.output
    assert "model rep ❯" in pitch.output and "€220 more" in pitch.output and "Score:" in pitch.output
    unknown = run("roleplay", "--sku", "NOPE-1", "--replies", "-", db=db)
    assert unknown.exit_code != 0 and "no product with SKU 'NOPE-1'" in unknown.output
    both = run("roleplay", "--sku", SKU, "--product", "probook", db=db)
    assert both.exit_code != 0 and "not both" in both.output


def test_a_bad_persona_file_is_a_clean_error(demo_store, tmp_path, monkeypatch):
    import shutil

    from bot.roleplay.library import DATA_DIR

    folder = tmp_path / "library"
    shutil.copytree(DATA_DIR, folder)
    (folder / "personas.json").write_text('{"personas": [{"id": "x"}]}', encoding="utf-8")
    monkeypatch.setenv("SALESBOT_ROLEPLAY_DATA", str(folder))
    result = run("roleplay", "demo", SKU, db=demo_store)
    assert result.exit_code == 1
    assert 'Error: personas.json: personas[0] ("x"), field team: must be [smallest, largest]' in result.output
    assert "Traceback" not in result.output
