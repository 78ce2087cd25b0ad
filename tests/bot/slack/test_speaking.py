"""In Slack, a rep hears the bot in their language: the answer, its buttons and the redraw after a
click, the help, mystats and the chart, and a role-play scorecard. Over signed HTTP, as a rep uses it."""

from __future__ import annotations

import json
from dataclasses import replace

from bot.language.speech import speaking
from bot.slack import messages
from tests.bot.roleplay.conftest import GOOD_REP
from tests.bot.slack.test_reports import seed
from tests.bot.slack.test_roleplay import REP, posts, start, thread_message, wait_posts
from tests.bot.slack.test_scenarios import all_text, answer_to, ask, buttons, click


def button_labels(blocks: list[dict]) -> list[str]:
    return [e["text"]["text"] for b in blocks for e in b.get("elements", []) if e.get("type") == "button"]


def test_a_dutch_rep_gets_the_answer_its_buttons_and_the_redraw_in_dutch(bot):
    bot.slack.locales["U1"] = "nl-NL"
    ask(bot, "customer buying 12 probook 450, budget max €1,300 each")  # English words, a Dutch rep
    reply = answer_to(bot, "r1")[0].body
    text = all_text(reply["blocks"])
    print(text)
    assert "*Upgrade* · nu, voordat de klant bevestigt" in text and "*Bijverkoop*" in text
    assert "12 × €\u00a0979 = €\u00a011.748" in text  # a no-break space holds "€ 979" together
    assert "Budget €\u00a01.300 per stuk: nog €\u00a0321 per stuk over" in text
    assert "*Cross-sell*" not in text and "left each" not in text
    assert {"Geaccepteerd", "Afgewezen"} <= set(button_labels(reply["blocks"]))
    assert "HP ProBook 450 G10" in reply["text"] and "suggestions" not in reply["text"]
    action_id, offer_id = next((a, v) for a, v in buttons(reply["blocks"]).items()
                               if a.startswith("offer_accept_"))
    click(bot, action_id, offer_id, user="U1")
    redraw = all_text(answer_to(bot, "r1", count=2)[1].body["blocks"])
    assert "✅ Geaccepteerd · vastgelegd door <@U1>" in redraw and "Ongedaan maken" in redraw
    assert "Geaccepteerd: HP ProBook 470 G10 · orderbedrag nu 12 × €\u00a01.199" in redraw


def test_help_mystats_and_the_chart_in_swedish(bot):
    bot.slack.locales["UREP"] = "sv-SE"
    bot.services.languages.remember_locale("UREP", "sv-SE")  # the help answers at once, from the stored one
    _, ack, _ = ask(bot, "help", user="UREP", name="help")
    with speaking("sv"):
        assert json.loads(ack)["blocks"][0]["text"]["text"] == messages.HELP != "" and "Fråga mig" in messages.HELP
    bot.services.settings = replace(bot.services.settings, managers=frozenset({"UMANAGER"}))
    seed(bot)
    ask(bot, "mystats", user="UREP", name="stats")
    stats = all_text(answer_to(bot, "stats")[0].body["blocks"])
    print(stats)
    with speaking("sv"):
        assert messages.fallback(None, 0, 0) != "I couldn't find that product."
    assert "vecka" in stats
    assert "Deal-level" not in stats and "last week" not in stats
    upload = bot.slack.wait_for(lambda c: c.method == "files.completeUploadExternal")[0].body
    assert "Cross-sell and upsell rates" not in str(upload["files"])


def test_a_norwegian_rep_s_scorecard_is_in_norwegian(bot):
    bot.services.languages.choose(REP, "no")
    store, session = start(bot)
    for number, reply in enumerate(GOOD_REP[:4], start=1):
        thread_message(bot, session, reply, ts=f"1700000100.00000{number}")
        wait_posts(bot, number + 1, thread=session.thread_ts)
    thread_message(bot, session, "done", ts="1700000100.000009")
    scorecard = all_text(wait_posts(bot, 6, thread=session.thread_ts)[-1]["blocks"])
    print(scorecard)
    assert "Resultatkort" in scorecard and "fitting offers" not in scorecard
    assert "Model talking points" not in scorecard and f"{store.session(session.id).score}/100" in scorecard
    assert "more than the" not in scorecard and "Too expensive" not in scorecard  # the model pitch too
    card = all_text(next(p for p in posts(bot) if "thread_ts" not in p)["blocks"])  # started by an English trainer
    assert "Came to buy" not in card and "Kunde:" in card
