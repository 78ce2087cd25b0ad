"""Questions in Dutch, Swedish and Norwegian, end to end on the demo catalog."""

from __future__ import annotations

import json

import pytest
from click.testing import CliRunner

from bot.cli import main
from tests.conftest import make_services


def test_a_budget_in_another_currency_is_not_compared_without_a_rate(demo_both):
    advice = demo_both.advisor().ask("klant koopt 12 ProBook 450, max 10.000 kr per stuk")
    data = advice.to_dict()
    assert data["read_as"] == "nl" and data["quantity"] == 12 and data["budget"] is None
    assert data["budget_stated"] == {"amount": 10000.0, "currency": "SEK", "text": "max 10.000 kr"}
    assert any("is in SEK and the catalog's prices are in EUR, so it was not compared" in n for n in data["notes"])


def test_a_budget_in_another_currency_is_converted_at_the_configured_rate(demo_store, encoder):
    services = make_services(demo_store, encoder, fx=(("SEK", "EUR", 0.09), ("EUR", "SEK", 11.11)))
    data = services.advisor().ask("kund köper 12 ProBook 450, högst 12 000 kr styck").to_dict()
    services.db.close()
    assert data["budget"] == 1080.0 and data["budget_stated"]["currency"] == "SEK"
    assert any("about €1,080 per unit at SEK/EUR 0.09" in n for n in data["notes"])


def test_the_cli_takes_the_language_and_the_json_carries_it(demo_both):
    result = CliRunner().invoke(main, ["ask", "12 ProBook 450 voor kantoor", "--language", "nl", "--json",
                                       "--db", str(demo_both.settings.database)])
    assert result.exit_code == 0, result.output
    data = json.loads(result.output)
    assert data["language"] == "nl" and data["anchor"]["sku"] == "LAP-PB450-G10" and data["quantity"] == 12


def test_which_language_a_rep_gets_choice_then_slack_locale_then_words_then_default(store):
    """On both backends (the `store` fixture)."""
    from datetime import UTC, datetime, timedelta

    from bot.language.choice import RepLanguages, from_locale, parse_code
    from catalog.database import connect

    assert [from_locale(x) for x in ("nl-NL", "nb-NO", "nn_NO", "sv-SE", "en-GB", "de-DE", None)] == \
        ["nl", "no", "no", "sv", "en", None, None]
    assert [parse_code(x) for x in ("NL", "svenska", "Norsk", "nb", "auto")] == ["nl", "sv", "no", "no", None]
    reps = RepLanguages(connect(store))
    asked = []

    def slack(user):
        asked.append(user)
        return {"U1": "sv-SE", "U2": "de-DE"}.get(user)

    assert reps.resolve("U1", "hp e27q", default="en", read_locale=slack).why == "locale"
    assert reps.resolve("U1", "hp e27q", default="en", read_locale=slack).code == "sv"
    assert asked == ["U1"]  # read once, kept for a day
    reps.remember_locale("U1", "sv-SE", at=datetime.now(UTC) - timedelta(days=2))
    reps.resolve("U1", "hp e27q", default="en", read_locale=slack)
    assert asked == ["U1", "U1"]  # older than a day: read again
    reps.choose("U1", "no")
    choice = reps.resolve("U1", "klant koopt 12 laptops", default="en", read_locale=slack)
    assert (choice.code, choice.why, choice.reading) == ("no", "chosen", "nl")  # answers in no, read as nl
    assert reps.resolve("U2", "kunden köper 10 st", default="en", read_locale=slack).why == "question"
    assert reps.resolve("U2", "hp e27q", default="nl", read_locale=slack).code == "nl"  # German Slack: default
    assert reps.resolve(None, "", default="en").why == "default"


@pytest.mark.parametrize("text,quantity,budget,currency", [
    ("27 inch monitoren, 8 st, rond de €230 per stuk", 8, 230.0, "EUR"),
    ("stylus voor tablets op een school, 30 st, totaalbudget €2.200", 30, round(2200 / 30, 2), "EUR"),
    ("dikker A4 papier voor offertes, 10 dozen", 10, None, None),
    ("projektverktyg för ett litet team på 10 pers, runt 1 500 kr per användare", 10, 1500.0, "SEK"),
    ("etikettrullar till etikettskrivaren, 10 rullar", 10, None, None),
    ("grunnkurs i teams for nye ansatte, 2 økter, omtrent 9 000 kroner totalt", 2, 4500.0, "NOK"),
])
def test_counts_and_approximate_budgets_in_each_language(text, quantity, budget, currency):
    from bot.advisor.question import parse_question

    question = parse_question(text)
    assert (question.quantity, question.budget, question.budget_currency) == (quantity, budget, currency)


@pytest.mark.parametrize("text,mode", [
    ("x4 thinkpad t14 gen 4 for the consultants, what upgrades are there", "upsell"),
    ("one mx master 3s for the ceo, what else goes with it", "cross_sell"),
    ("dell p2422h x6, wat zijn de upgrades?", "upsell"),
    ("ipad air 11 inch x 7 voor sales, hoesjes/toetsenbord erbij", "cross_sell"),
    ("mx anywhere 3s till 16 säljare, vilka uppgraderingar finns", "upsell"),
    ("3 sit-stand skrivbord 160x80, vad ska med?", "cross_sell"),
    ("logitech m650 x 25, hva er oppgraderingen?", "upsell"),
    ("25 brukere taskflow business, hvilke tillegg passer?", "cross_sell"),
])
def test_asking_only_for_upgrades_or_only_for_add_ons_in_each_language(text, mode):
    from bot.advisor.question import parse_question

    assert parse_question(text).mode == mode


def test_every_language_file_puts_its_words_where_they_are_read():
    """A glossary entry appended below [replies] would be read as a role-play grammar role, and never
    translate a question (it happened): every reply role is one the grammar asks for, every glossary
    key is a pattern that compiles, and every glossary value is English words."""
    import re
    from pathlib import Path

    from bot import language

    asked = set()
    for path in Path(language.__file__).parent.parent.rglob("*.py"):
        asked |= set(re.findall(r"(?:reply_fragments|reply_words|also)\(\"([a-z_]+)\"\)", path.read_text()))
    assert len(asked) >= 10
    for code, lang in language.languages().items():
        assert set(lang.replies) <= asked, (code, set(lang.replies) - asked)
        for key, value in lang.glossary.items():
            re.compile(key)
            assert re.fullmatch(r"[a-z0-9 \-]+", value.lower()), (code, key, value)
