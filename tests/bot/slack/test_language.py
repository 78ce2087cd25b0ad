"""A rep's language in Slack: `/salesbot language`, else their Slack locale (read once a day), else the words."""

from __future__ import annotations

from bot.language.speech import speaking
from bot.slack import messages
from tests.bot.slack.test_scenarios import all_text, answer_to, ask


def users_info_calls(bot, user: str) -> int:
    return sum(1 for c in bot.slack.calls if c.method == "users.info" and c.body.get("user") == user)


def test_a_rep_chooses_a_language_and_a_question_without_telling_words_is_read_in_it(bot):
    ask(bot, "language nederlands", name="set")
    said = all_text(answer_to(bot, "set")[0].body["blocks"])
    with speaking("nl"):  # said in the language just chosen
        assert messages.LANGUAGE_SET.format(name="Nederlands", code="nl") in said and "`nl`" in said
        chosen = messages.LANGUAGE_CHOSEN.format(name="Nederlands", code="nl")
    assert "Your language" not in said
    assert bot.services.languages.chosen("U1") == "nl"
    ask(bot, "hp e27q 12st", name="q")  # no word tells the language: the rep's choice does
    answer_to(bot, "q")
    assert bot.services.offers.deal(1).advice["language"] == "nl"
    assert bot.services.offers.deal(1).advice["read_as"] == "nl"
    ask(bot, "language", name="show")
    assert chosen in all_text(answer_to(bot, "show")[0].body["blocks"])
    ask(bot, "language auto", name="auto")
    answer_to(bot, "auto")
    assert bot.services.languages.chosen("U1") is None


def test_the_slack_locale_is_read_once_and_the_question_s_own_words_still_count(bot):
    bot.slack.locales["U2"] = "sv-SE"
    ask(bot, "hp e27q 12st", user="U2", name="a")
    answer_to(bot, "a")
    ask(bot, "klant koopt 12 ProBook 450, wat kan ik nog meer bieden?", user="U2", name="b")
    answer_to(bot, "b")
    assert users_info_calls(bot, "U2") == 1  # cached for a day
    first, second = bot.services.offers.deal(1), bot.services.offers.deal(2)
    assert first.advice["language"] == first.advice["read_as"] == "sv"  # from the Slack locale
    # Dutch words: read as Dutch, and answered in the rep's Swedish
    assert second.advice["read_as"] == "nl" and second.quantity == 12 and second.advice["language"] == "sv"


def test_an_unknown_language_is_refused_with_the_ones_there_are(bot):
    ask(bot, "language klingon", name="bad")
    said = all_text(answer_to(bot, "bad")[0].body["blocks"])
    assert "'klingon' is not a language salesbot speaks" in said and "en, nl, no, sv" in said
    assert bot.services.languages.chosen("U1") is None
