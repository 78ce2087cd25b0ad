"""The message catalogs: the template is what the code says, and every language translates all of it,
keeping each placeholder and each `command` a rep types."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from babel.messages.extract import extract_from_dir
from babel.messages.pofile import read_po

from bot import language as languages
from bot.language import speech

BOT = Path(speech.__file__).resolve().parent.parent
TRANSLATED = [code for code in languages.codes() if code != languages.DEFAULT]


def _ids(message) -> tuple[str, ...]:
    return message.id if isinstance(message.id, tuple) else (message.id,)


def _strings(message) -> tuple[str, ...]:
    return message.string if isinstance(message.string, tuple) else (message.string,)


def _fields(text: str) -> list[str]:
    return sorted(name for _, name, _, _ in string.Formatter().parse(text) if name is not None)


def _code(text: str) -> list[str]:
    return sorted(re.findall(r"`[^`]*`", text))


def template() -> dict:
    with (speech.LOCALES / f"{speech.DOMAIN}.pot").open("rb") as f:
        return {_ids(m)[0]: m for m in read_po(f) if m.id}


def test_the_template_holds_every_sentence_the_code_says():
    """A sentence added to the code without `make messages` would stay English in every language."""
    said = {message if isinstance(message, str) else message[0]
            for _, _, message, _, _ in extract_from_dir(str(BOT), [("**.py", "python")])}
    assert said == set(template()), "run `make messages`, then translate what is new"


@pytest.mark.parametrize("code", TRANSLATED)
def test_every_language_translates_every_sentence(code):
    path = speech.catalog_path(code)
    assert path.exists(), f"{path}: no catalog for {code}"
    with path.open("rb") as f:
        catalog = read_po(f)
    translated = {_ids(m)[0]: m for m in catalog if m.id}
    problems = [f"missing: {msgid[:60]!r}" for msgid in set(template()) - set(translated)]
    for msgid, message in translated.items():
        source = _ids(message)
        for text in _strings(message):
            if message.fuzzy or not text:
                problems.append(f"untranslated: {msgid[:60]!r}")
            elif _fields(text) not in (_fields(source[0]), _fields(source[-1])):
                problems.append(f"placeholders {_fields(text)} for {_fields(source[0])}: {msgid[:60]!r}")
            elif _code(text) != _code(source[0]):
                problems.append(f"commands changed {_code(text)} for {_code(source[0])}: {msgid[:60]!r}")
    assert problems == []


@pytest.mark.parametrize("code", TRANSLATED)
def test_plural_forms_come_from_the_catalog(code):
    with speech.speaking(code):
        one = speech.ngettext("{count} deal", "{count} deals", 1)
        many = speech.ngettext("{count} deal", "{count} deals", 3)
        english = speech.ngettext("{count} offer", "{count} offers", 3)
    assert one != many and english != "{count} offers"


def test_english_speaks_the_source_and_a_language_without_catalog_too():
    with speech.speaking("en"):
        assert speech._("Details") == "Details"
    with speech.speaking("xx"):  # unknown: the default
        assert speech.current() == languages.DEFAULT


@pytest.mark.parametrize(("code", "amount", "currency", "said"), [
    ("en", 1100, "EUR", "€1,100"), ("en", 29.9, "EUR", "€29.90"), ("en", 1000, "SEK", "1,000\xa0SEK"),
    ("nl", 1100, "EUR", "€\xa01.100"), ("nl", 29.9, "EUR", "€\xa029,90"),
    ("sv", 1100, "SEK", "1\xa0100\xa0kr"), ("sv", 1099, "EUR", "1\xa0099\xa0€"),
    ("no", 10000, "NOK", "10\xa0000\xa0kr"), ("no", 1000, "CHF", "1\xa0000\xa0CHF"),
])
def test_money_is_written_the_local_way(code, amount, currency, said):
    with speech.speaking(code):
        assert speech.money(amount, currency) == said
