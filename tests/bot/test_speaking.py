"""Everything a rep, trainer or manager reads comes out in their language: an answer (Slack and
terminal), the help and App Home, the weekly summary and mystats, a role-play scorecard. No English
UI phrase is left; catalog text (names, descriptions, features) and the role-play customer's
English lines stay as they are."""

from __future__ import annotations

import re
from datetime import UTC, datetime

import pytest
from babel.messages.pofile import read_po
from rich.console import Console

from bot import language as languages
from bot.cli.render import advice_view
from bot.language import speech
from bot.offers.recording import ask_and_log
from bot.reports import Week, weekly_report
from bot.reports.wording import definitions_line, products_lines, summary_lines, table_lines
from bot.roleplay.session import play
from bot.roleplay.wording import claims_lines, model_lines, scenario_lines, scorecard_lines
from bot.slack import blocks
from bot.slack.report_blocks import report_blocks
from tests.conftest import copy_demo, make_services

TRANSLATED = [code for code in languages.codes() if code != languages.DEFAULT]
CODE = re.compile(r"`[^`]*`")
WORD = re.compile(r"[^\W\d_][\w'’-]*")
QUESTION = "customer buying 12 ProBook 450, budget max €1,100 each"
NOW = datetime(2026, 11, 18, 10, 0, tzinfo=UTC)
REPLIES = ["Good choice. Since battery matters, the HP ProBook 470 G10 is worth a look: only €150 more.",
           "It has a bigger 17.3-inch screen. I'd also suggest the HP USB-C Dock G5 at €199.",
           "done"]


def _fragments(text: str) -> set[str]:
    """The English words of a message between its placeholders and markup: "more than the". A `command`
    is typed as it is in every language."""
    text = CODE.sub(" ", text)
    pieces = re.split(r"\{[^}]*\}|[*_`•·→“”\"()\[\]<>:;,.?!/=+×%—–\n]|\s-\s|\s\d+\s", text)
    return {" ".join(WORD.findall(p)).lower() for p in pieces if WORD.findall(p)}


def english_phrases(code: str) -> set[str]:
    """Every English UI phrase (two words or more, or one of five letters or more) that the
    language's own translations do not also use ("Details" is Dutch too)."""
    with (speech.LOCALES / f"{speech.DOMAIN}.pot").open("rb") as f:
        source = [m for m in read_po(f) if m.id]
    with speech.catalog_path(code).open("rb") as f:
        translated = " ".join(s for m in read_po(f) if m.id
                              for s in (m.string if isinstance(m.string, tuple) else (m.string,))).lower()
    phrases = set()
    for message in source:
        for msgid in message.id if isinstance(message.id, tuple) else (message.id,):
            phrases |= {p for p in _fragments(msgid) if (" " in p or len(p) >= 5)
                        and not re.search(rf"(?<!\w){re.escape(p)}(?!\w)", translated)}
    return phrases


def catalog_words(texts: list[str]) -> set[tuple[str, ...]]:
    """Every run of three words in the catalog and scenario text: what a line may quote."""
    runs = set()
    for text in texts:
        words = [w.lower() for w in WORD.findall(text)]
        runs |= {tuple(words[i:i + 3]) for i in range(len(words) - 2)}
        runs |= {(w,) for w in words if len(words) < 3}
    return runs


def left_in_english(text: str, phrases: set[str], quoted: set[tuple[str, ...]]) -> list[str]:
    """The phrases still found once every word quoted from the catalog is masked."""
    words = [(m.group(0).lower(), m.start(), m.end()) for m in WORD.finditer(CODE.sub(" · ", text))]
    masked = [False] * len(words)
    for i in range(len(words)):
        if (words[i][0],) in quoted:
            masked[i] = True
        for j in range(max(0, i - 2), i + 1):
            if tuple(w for w, _, _ in words[j:j + 3]) in quoted:
                masked[j:j + 3] = [True] * len(words[j:j + 3])
    kept = " ".join("·" if masked[i] else w for i, (w, _, _) in enumerate(words))
    return sorted(p for p in phrases if re.search(rf"(?<![\w·]){re.escape(p)}(?![\w·])", kept))


@pytest.fixture(scope="module", params=["sqlite", "postgresql"])
def world(request, demo, tmp_path_factory, encoder):
    """A copy of the demo with a week of logged deals, some answered, on each engine."""
    if request.param == "sqlite":
        target = copy_demo(demo, tmp_path_factory.mktemp("speaking"))
    else:
        target = request.getfixturevalue("pg_cluster").new_database(template=request.getfixturevalue("pg_demo"))
    services = make_services(target, encoder)
    for i, question in enumerate(["customer buying 12 ProBook 450, budget max €1,100 each",
                                  "client wants a Galaxy S24", "ThinkPad T14s for 3 people"]):
        answer = ask_and_log(services.advisor(), services.offers, question, rep=f"U{i % 2 + 1}", at=NOW)
        offers = answer.deal.offers
        services.offers.set_outcome(offers[0].id, "accepted", by="U1")
        if len(offers) > 1:
            services.offers.set_outcome(offers[1].id, "declined", by="U1")
    yield services
    services.db.close()


def _texts(services, scenario) -> list[str]:
    texts = [scenario.customer, scenario.role, scenario.company, scenario.need, scenario.goal]
    for product in services.catalog.all():
        texts += [product.name, product.sku, product.description or "", *product.features, product.brand or "",
                  product.family or "", *product.categories, *product.attributes.values(), *product.compatible_with]
    return texts


def rendered(services, code: str) -> tuple[str, list[str]]:
    """Everything said in the language, and the catalog and scenario text it may quote."""
    with speech.speaking(code):
        answer = ask_and_log(services.advisor(), services.offers, QUESTION, rep="U9", at=NOW, language="en")
        deal = services.offers.deal(answer.deal.id)
        said = [blocks_text(blocks.to_dicts(blocks.answer_blocks(deal, expanded=blocks.every_offer(deal)))),
                blocks_text(blocks.to_dicts(blocks.answer_blocks(deal))),
                blocks_text(blocks.to_dicts(blocks.home_blocks())),
                blocks.to_dicts(blocks.not_found_blocks("xyz", []))[0]["text"]["text"]]
        console = Console(record=True, width=200)
        console.print(advice_view(services.advisor().ask(QUESTION, language="en"), details=True))
        said.append(console.export_text())
        week = Week.containing(NOW, services.settings.tz)
        for rep in (None, "U1"):  # the team summary and one rep's mystats
            report = weekly_report(services.db, week, services.settings.tz, rep=rep)
            said.append(blocks_text(blocks.to_dicts(report_blocks(report))))
            said += [*summary_lines(report), *table_lines(report.per_rep, label="rep"),
                     *table_lines(report.per_category, label="category"), *products_lines(report),
                     definitions_line()]
        engine = services.roleplay()
        scenario = engine.scenario(sku="LAP-PB450-G10", difficulty="normal", seed=3)
        session = engine.start(scenario, rep="U9")
        play(engine, session, REPLIES)
        card, _ = engine.finish(engine.session(session.id))
        said += [*scenario_lines(scenario), *scorecard_lines(card), *claims_lines(card), *model_lines(card)]
        customer = [t.customer_text or "" for t in engine.session(session.id).turns]
    return "\n".join(said), _texts(services, scenario) + customer + REPLIES + [QUESTION, "xyz"]


def blocks_text(dicts: list[dict]) -> str:
    out = []

    def walk(node):
        if isinstance(node, dict):
            if node.get("type") in ("mrkdwn", "plain_text"):
                out.append(node["text"])
            for value in node.values():
                walk(value)
        elif isinstance(node, list):
            for item in node:
                walk(item)
    walk(dicts)
    return "\n".join(out)


@pytest.mark.parametrize("code", TRANSLATED)
def test_no_english_ui_phrase_is_left(world, code):
    said, quoted = rendered(world, code)
    left = left_in_english(said, english_phrases(code), catalog_words(quoted))
    assert left == [], f"{code}: still English: {left}"


def test_the_check_sees_english_when_there_is_some(world):
    """The same check on the English rendering finds the phrases: it can fail."""
    said, quoted = rendered(world, "en")
    left = left_in_english(said, english_phrases("nl"), catalog_words(quoted))
    assert len(left) >= 40


@pytest.mark.parametrize("code", TRANSLATED)
def test_help_and_errors_are_in_the_language(code):
    from bot.slack import messages

    with speech.speaking(code):
        said = [messages.HELP, messages.ROLEPLAY_HELP, messages.SORRY, messages.MANAGERS_ONLY, messages.UNKNOWN_OFFER,
                messages.fallback(None, 0, 0), messages.roleplay_started(2)]
    with speech.speaking("en"):
        english = [messages.HELP, messages.ROLEPLAY_HELP, messages.SORRY, messages.MANAGERS_ONLY,
                   messages.UNKNOWN_OFFER, messages.fallback(None, 0, 0), messages.roleplay_started(2)]
    assert all(a != b for a, b in zip(said, english, strict=True))
    assert left_in_english("\n".join(said), english_phrases(code), set()) == []


@pytest.mark.parametrize("code", languages.codes())
def test_the_help_s_narrowing_words_narrow_the_answer(code):
    """The help tells a rep to add "_only upsells_" or "_just accessories_": in their language too,
    those words do what it says."""
    from bot.advisor.question import parse_question
    from bot.slack import messages

    with speech.speaking(code):
        upsells, accessories = re.findall(r"(?<![\w*])_([^_`]+)_(?!\w)", messages.HELP)[:2]
    assert parse_question(f"ThinkPad T14s, {upsells}", language=code).mode == "upsell"
    assert parse_question(f"ThinkPad T14s, {accessories}", language=code).mode == "cross_sell"
