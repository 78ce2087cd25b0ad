"""The persona and objection files: the shipped ones load, and a mistake is named precisely."""

from __future__ import annotations

import json
import shutil

import pytest

from bot.roleplay.library import DATA_DIR, KINDS, SITUATIONS, RoleplayDataError, load_library


def test_the_shipped_library_loads_with_every_kind_and_situation():
    library = load_library(DATA_DIR)
    assert len(library.personas) >= 5
    assert {o.kind for o in library.objections} == set(KINDS)
    assert set(library.reactions) == set(SITUATIONS)
    assert "only today" in library.pressure_phrases


@pytest.fixture
def folder(tmp_path):
    target = tmp_path / "data"
    shutil.copytree(DATA_DIR, target)
    return target


def edit(path, change):
    data = json.loads(path.read_text())
    change(data)
    path.write_text(json.dumps(data))


def test_a_bad_temperament_names_file_entry_and_field(folder):
    edit(folder / "personas.json", lambda d: d["personas"][1].update(temperament="grumpy"))
    with pytest.raises(RoleplayDataError) as error:
        load_library(folder)
    message = str(error.value)
    assert message.startswith('personas.json: personas[1] ("it-lead"), field temperament: '
                              "'grumpy' is not one of friendly, analytical, hurried, skeptical")


def test_an_unknown_placeholder_in_a_line_is_named(folder):
    edit(folder / "objections.json",
         lambda d: d["objections"][0]["lines"].append("That costs {prize} more!"))
    with pytest.raises(RoleplayDataError, match=r'objections\[0\] \("price-upgrade-delta"\), field lines\[3\]: '
                                                r"unknown placeholder \{prize\}"):
        load_library(folder)


def test_broken_json_gives_line_and_column(folder):
    (folder / "reactions.json").write_text('{"reactions": {"opening": ["Hi"],}}')
    with pytest.raises(RoleplayDataError, match=r"reactions.json: line 1, column \d+: not valid JSON"):
        load_library(folder)


@pytest.mark.parametrize("change, expected", [
    (lambda d: d["personas"][0].update(team=[9, 3]), r"field team: must be \[smallest, largest\]"),
    (lambda d: d["personas"][0]["objection_weights"].update(mood=2), r"field objection_weights"),
    (lambda d: d["personas"].append(dict(d["personas"][0])), r"'office-manager' is used twice"),
    (lambda d: d["personas"][0]["lines"].update(greeting=["Hi"]), r"situation greeting: unknown situation"),
])
def test_persona_mistakes(folder, change, expected):
    edit(folder / "personas.json", change)
    with pytest.raises(RoleplayDataError, match=expected):
        load_library(folder)


def test_a_missing_situation_in_the_shared_lines_is_named(folder):
    edit(folder / "reactions.json", lambda d: d["reactions"].pop("wrap"))
    with pytest.raises(RoleplayDataError, match="situation wrap has no lines"):
        load_library(folder)


def test_the_customer_lines_that_accept_an_offer_are_recognised():
    library = load_library()
    assert library.acceptance("That's a fair answer. You know what, for €150 more that sounds sensible. "
                              "Let's switch to the HP ProBook 470 G10.") == "upsell"
    assert library.acceptance("That would actually help. Put the Targus Cypress backpack on the order too.") == \
        "cross_sell"
    assert library.acceptance("Hm. What should I tell my manager about the HP ProBook 470 G10?") is None
