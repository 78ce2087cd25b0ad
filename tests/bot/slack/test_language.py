"""A rep's language in Slack: `/salesbot language`, else their Slack locale (read once a day), else the words."""

from __future__ import annotations

from tests.bot.slack.test_scenarios import all_text, answer_to, ask


def users_info_calls(bot, user: str) -> int:
    return sum(1 for c in bot.slack.calls if c.method == "users.info" and c.body.get("user") == user)


def test_a_rep_chooses_a_language_and_a_question_without_telling_words_is_read_in_it(bot):
    ask(bot, "language nederlands", name="set")
    said = all_text(answer_to(bot, "set")[0].body["blocks"])
    assert "Nederlands" in said and "`nl`" in said
    assert bot.services.languages.chosen("U1") == "nl"
    ask(bot, "hp e27q 12st", name="q")  # no word tells the language: the rep's choice does
    answer_to(bot, "q")
    assert bot.services.offers.deal(1).advice["language"] == "nl"
    ask(bot, "language", name="show")
    assert "your own choice" in all_text(answer_to(bot, "show")[0].body["blocks"])
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
    assert first.advice["language"] == "sv"  # from the Slack locale
    assert second.advice["language"] == "nl" and second.quantity == 12  # Dutch words: read as Dutch


def test_an_unknown_language_is_refused_with_the_ones_there_are(bot):
    ask(bot, "language klingon", name="bad")
    said = all_text(answer_to(bot, "bad")[0].body["blocks"])
    assert "'klingon' is not a language salesbot speaks" in said and "en, nl, no, sv" in said
    assert bot.services.languages.chosen("U1") is None
