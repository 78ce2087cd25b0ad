"""User stories over signed HTTP: ask, log the customer's answer, and what must never happen."""

from __future__ import annotations

import json
import time

from bot.slack import simulate
from bot.slack.loopback import BOT_USER
from bot.slack.server import socket_mode_handler
from tests.bot.slack.conftest import SECRET


def ask(bot, text: str, *, user: str = "U1", name: str = "r1"):
    body, kind = simulate.command(text, user=user, channel="C1",
                                  response_url=bot.slack.response_url(name))
    started = time.monotonic()
    status, ack_body = bot.post(body, kind)
    return status, ack_body, time.monotonic() - started


def answer_to(bot, name: str, count: int = 1):
    return bot.slack.wait_for(lambda c: c.path == f"/respond/{name}", count=count)


def all_text(blocks: list[dict]) -> str:
    return json.dumps(blocks, ensure_ascii=False)


def buttons(blocks: list[dict]) -> dict[str, str]:
    return {e["action_id"]: e["value"] for b in blocks for e in b.get("elements", [])
            if e.get("type") == "button"}


def first_offer(bot, verb: str = "accept") -> tuple[str, str]:
    """(action_id, offer id) of the first offer's button in the first answer."""
    return next((a, v) for a, v in buttons(answer_to(bot, "r1")[0].body["blocks"]).items()
                if a.startswith(f"offer_{verb}_"))


def click(bot, action_id: str, value: str, *, user: str = "U1", headers: dict | None = None,
          block_id: str = "b"):
    body, kind = simulate.action(action_id, value, user=user, block_id=block_id,
                                 response_url=bot.slack.response_url("r1"))
    return bot.post(body, kind, headers=headers)


def test_slash_command_is_acknowledged_fast_and_answered(bot):
    status, _, seconds = ask(bot, "customer buying 12 probook 450, budget max €1,100 each")
    assert status == 200 and seconds < 3
    reply = answer_to(bot, "r1")[0].body
    assert reply["response_type"] == "ephemeral"
    text = all_text(reply["blocks"])
    assert "HP ProBook 450 G10" in text and "Cross-sell" in text and "Share in channel" in text
    deal = bot.services.offers.deal(1)
    assert deal.rep == "U1" and deal.quantity == 12 and deal.channel == "C1"
    assert any(a.startswith("offer_accept_") for a in buttons(reply["blocks"]))


def test_accept_click_logs_the_outcome_and_updates_the_message(bot):
    ask(bot, "galaxy s24")
    action_id, offer_id = first_offer(bot)
    assert click(bot, action_id, offer_id, user="U7")[0] == 200
    update = answer_to(bot, "r1", count=2)[1].body
    assert update["replace_original"] is True
    assert "✅ Accepted · logged by <@U7>" in all_text(update["blocks"])
    assert f"offer_undo_{offer_id}" in buttons(update["blocks"])
    offer = bot.services.offers.offer(int(offer_id))
    assert (offer.outcome, offer.outcome_by) == ("accepted", "U7")


def test_the_answer_reads_in_the_order_of_the_conversation(bot):
    ask(bot, "customer buying 12 probook 450, budget max €1,300 each")
    reply = answer_to(bot, "r1")[0].body["blocks"]
    text = all_text(reply)
    assert "*HP ProBook 450 G10* (`LAP-PB450-G10`) · 12 × €979 = €11,748" in text
    assert "Budget €1,300 each: €321 left each" in text
    assert text.index("*Upsell* · now, before they confirm") < text.index("*Cross-sell* · once agreed")
    assert "*HP ProBook 470 G10* · €1,199 · +€220 each, +€2,640 for 12" in text
    assert text.count("once agreed") == 1 and "When:" not in text  # the timing said once, per section
    assert "Too expensive?" not in text and "Do I need it?" not in text  # behind Details


def test_details_open_in_place_log_nothing_and_survive_a_click(bot):
    ask(bot, "customer buying 12 probook 450, budget max €1,300 each")
    first = answer_to(bot, "r1")[0].body["blocks"]
    upsell_id = next(v for a, v in buttons(first).items() if a.startswith("offer_details_"))
    assert click(bot, f"offer_details_{upsell_id}", upsell_id)[0] == 200
    opened = answer_to(bot, "r1", count=2)[1].body
    assert opened["replace_original"] is True
    text = all_text(opened["blocks"])
    assert "“Too expensive?” — “It's €220 more (+22%)" in text and "why:" in text
    assert f"offer_hide_{upsell_id}" in buttons(opened["blocks"])
    assert bot.services.db.count("offer_outcomes") == 0  # a view change, not an answer
    assert all(o.outcome is None for o in bot.services.offers.deal(1).offers)
    assert bot.services.db.count("deals") == 1
    # The customer says yes to the open offer: it stays open, and the deal's totals follow.
    click(bot, f"offer_accept_{upsell_id}", upsell_id, block_id=f"offer_{upsell_id}_open")
    accepted = all_text(answer_to(bot, "r1", count=3)[2].body["blocks"])
    assert "Accepted: HP ProBook 470 G10 · order now 12 × €1,199 = €14,388 (+€2,640)" in accepted
    assert "Budget €1,300 each: €101 left each" in accepted and "Hide details" in accepted
    click(bot, f"offer_hide_{upsell_id}", upsell_id)
    closed = all_text(answer_to(bot, "r1", count=4)[3].body["blocks"])
    assert "Too expensive?" not in closed and "✅ Accepted · logged by" in closed
    assert bot.services.db.count("offer_outcomes") == 1


def test_retried_and_double_clicked_accept_is_still_one_outcome(bot):
    ask(bot, "galaxy s24")
    action_id, offer_id = first_offer(bot)
    body, kind = simulate.action(action_id, offer_id, user="U7",
                                 response_url=bot.slack.response_url("r1"))
    bot.post(body, kind)
    bot.post(body, kind, headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "timeout"})
    click(bot, action_id, offer_id, user="U7")  # the second click of a double click
    answer_to(bot, "r1", count=3)  # the answer, the click and the second click: the retry is dropped
    rows = list(bot.services.db.query("SELECT * FROM offer_outcomes WHERE offer_id = ?",
                                      [int(offer_id)]))
    assert len(rows) == 1 and rows[0]["outcome"] == "accepted"
    assert all_answered(bot)  # in the inbox too: nothing left for another process to answer again


def all_answered(bot, *, within: float = 5.0) -> bool:
    """Every delivery marked answered in the inbox (just after its reply was sent)."""
    deadline = time.monotonic() + within
    while bot.services.inbox.unanswered():
        if time.monotonic() > deadline:
            return False
        time.sleep(0.05)
    return True


def test_undo_and_change_of_mind(bot):
    ask(bot, "galaxy s24")
    _, offer_id = first_offer(bot, "decline")
    for verb in ("decline", "undo", "accept"):
        click(bot, f"offer_{verb}_{offer_id}", offer_id)
    answer_to(bot, "r1", count=4)
    assert bot.services.offers.offer(int(offer_id)).outcome == "accepted"
    history = [r["outcome"] for r in bot.services.db.query(
        "SELECT outcome FROM offer_outcomes WHERE offer_id = ? ORDER BY id", [int(offer_id)])]
    assert history == ["declined", None, "accepted"]


def test_forged_and_stale_requests_are_refused_and_change_nothing(bot):
    body, kind = simulate.command("galaxy s24", user="U1", channel="C1",
                                  response_url=bot.slack.response_url("x"))
    assert bot.post(body, kind, secret="not-the-secret")[0] == 401
    assert bot.post(body, kind, timestamp=int(time.time()) - 6 * 60)[0] == 401
    unsigned = {"X-Slack-Signature": "", "X-Slack-Request-Timestamp": ""}
    assert bot.post(body, kind, headers=unsigned)[0] == 401
    assert bot.post(body, kind, headers={"X-Slack-Request-Timestamp": "soon"})[0] == 401
    time.sleep(0.3)
    assert bot.services.db.count("deals") == 0
    assert not [c for c in bot.slack.calls if c.path.startswith("/respond/")]


def test_mention_is_answered_in_a_thread(bot):
    body, kind = simulate.event({"type": "app_mention", "user": "U2", "channel": "C9",
                                 "ts": "1700000001.000100",
                                 "text": f"<@{BOT_USER}> customer getting the iPhone 15"})
    assert bot.post(body, kind)[0] == 200
    reply = bot.slack.wait_for(lambda c: c.method == "chat.postMessage")[0].body
    assert reply["channel"] == "C9" and reply["thread_ts"] == "1700000001.000100"
    assert "Apple iPhone 15 128 GB" in all_text(reply["blocks"])


def test_direct_message_is_answered_and_bots_are_ignored(bot):
    own, kind = simulate.event({"type": "message", "channel_type": "im", "channel": "D1",
                                "user": BOT_USER, "bot_id": "BBOT000001", "ts": "1.1",
                                "text": "galaxy s24"})
    other_bot, _ = simulate.event({"type": "message", "channel_type": "im", "channel": "D1",
                                   "subtype": "bot_message", "bot_id": "BOTHER", "ts": "1.2",
                                   "text": "galaxy s24"})
    question, _ = simulate.event({"type": "message", "channel_type": "im", "channel": "D1",
                                  "user": "U3", "ts": "1.3", "text": "TaskFlow Team, 25 seats"})
    for body in (own, other_bot, question):
        assert bot.post(body, kind)[0] == 200
    replies = bot.slack.wait_for(lambda c: c.method == "chat.postMessage")
    time.sleep(0.5)
    replies = [c for c in bot.slack.calls if c.method == "chat.postMessage"]
    assert len(replies) == 1
    assert replies[0].body["channel"] == "D1" and "thread_ts" not in replies[0].body
    assert "TaskFlow Team" in all_text(replies[0].body["blocks"])


def test_a_retried_event_gets_one_reply_and_one_deal(bot):
    body, kind = simulate.event({"type": "app_mention", "user": "U2", "channel": "C9",
                                 "ts": "1700000002.000100", "text": f"<@{BOT_USER}> galaxy s24"},
                                event_id="EvRETRY")
    bot.post(body, kind)
    bot.post(body, kind, headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "timeout"})
    bot.post(body, kind, headers={"X-Slack-Retry-Num": "2", "X-Slack-Retry-Reason": "timeout"})
    bot.slack.wait_for(lambda c: c.method == "chat.postMessage")
    time.sleep(0.5)
    assert len([c for c in bot.slack.calls if c.method == "chat.postMessage"]) == 1
    assert bot.services.db.count("deals") == 1


def test_channel_pings_in_a_question_are_escaped(bot):
    ask(bot, "<!channel> <!here> <@U999> galaxy s24 & more")
    text = all_text(answer_to(bot, "r1")[0].body["blocks"])
    assert "<!channel>" not in text and "<!here>" not in text and "<@U999>" not in text
    assert "&lt;!channel&gt;" in text and "&amp; more" in text


def test_unknown_product_offers_the_closest_matches(bot):
    ask(bot, "qqqq zzzz xxxx")
    reply = answer_to(bot, "r1")[0].body
    text = all_text(reply["blocks"])
    assert "I couldn't find" in text and "Did you mean" in text
    picks = {a: v for a, v in buttons(reply["blocks"]).items() if a.startswith("pick_anchor_")}
    assert picks
    action_id, value = next(iter(picks.items()))
    click(bot, action_id, value)
    picked = answer_to(bot, "r1", count=2)[1].body
    assert value.split("|")[0] in all_text(picked["blocks"])
    assert bot.services.db.count("deals") == 1


def test_help_and_empty_question(bot):
    status, ack_body, _ = ask(bot, "help")
    assert status == 200 and "Ask me what else to offer" in ack_body
    status, ack_body, _ = ask(bot, "   ")
    assert "Ask me what else to offer" in ack_body


def test_share_in_channel_posts_the_answer_for_everyone(bot):
    ask(bot, "galaxy s24")
    deal_id = buttons(answer_to(bot, "r1")[0].body["blocks"])["share_deal"]
    click(bot, "share_deal", deal_id)
    shared = answer_to(bot, "r1", count=2)[1].body
    assert shared["response_type"] == "in_channel" and "Shared by <@U1>" in all_text(shared)


def test_health_check(bot):
    import urllib.request

    with urllib.request.urlopen(bot.url + "/healthz", timeout=5) as response:
        assert response.status == 200 and response.read() == b"ok\n"


def test_socket_mode_handler_builds_offline(bot):
    from dataclasses import replace

    services = bot.services
    services.settings = replace(services.settings, slack_app_token="xapp-1-offline")
    from bot.slack.app import build_app

    handler = socket_mode_handler(build_app(services), services)
    assert handler.app_token == "xapp-1-offline" and handler.client is not None
    assert SECRET


def test_two_processes_given_the_same_event_answer_it_once(bot, encoder):
    """A second app with its own connections to the same database (as a second dyno would)."""
    import threading

    from bot.bootstrap import bootstrap
    from bot.slack.app import build_app
    from bot.slack.server import BackgroundServer, http_server
    from tests.bot.slack.conftest import Bot

    other = http_server(build_app(bootstrap(bot.services.settings, encoder=encoder)),
                        host="127.0.0.1", port=0)
    with BackgroundServer(other) as server:
        second = Bot(server.url, bot.slack, bot.services)
        body, kind = simulate.event({"type": "app_mention", "user": "U2", "channel": "C9",
                                     "ts": "1700000003.000100",
                                     "text": f"<@{BOT_USER}> galaxy s24"}, event_id="EvTWICE")
        posts = [threading.Thread(target=b.post, args=(body, kind)) for b in (bot, second)]
        for post in posts:
            post.start()
        for post in posts:
            post.join()
        bot.slack.wait_for(lambda c: c.method == "chat.postMessage")
        time.sleep(0.5)
        assert len([c for c in bot.slack.calls if c.method == "chat.postMessage"]) == 1
        assert bot.services.db.count("deals") == 1


def test_app_home_shows_how_to_use_the_bot(bot):
    body, kind = simulate.event({"type": "app_home_opened", "user": "U5", "channel": "D5",
                                 "tab": "home"})
    assert bot.post(body, kind)[0] == 200
    view = bot.slack.wait_for(lambda c: c.method == "views.publish")[0].body
    assert view["user_id"] == "U5" and "Ask me what else to offer" in all_text(view["view"])


def test_an_internal_error_gets_an_apology_and_a_logged_traceback(bot, caplog):
    bot.services.db.execute("DROP TABLE offer_outcomes")
    bot.services.db.execute("DROP TABLE offers")  # a real fault: the log cannot be written
    ask(bot, "galaxy s24")
    reply = answer_to(bot, "r1")[0].body
    assert "Sorry, something went wrong" in all_text(reply["blocks"])
    assert any("failed to answer a Slack request" in r.message and r.exc_info
               for r in caplog.records)
