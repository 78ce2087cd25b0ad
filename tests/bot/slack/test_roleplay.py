"""Role-play over signed HTTP: a trainer starts it, the rep replies in the thread, `done` scores it."""

from __future__ import annotations

import time

from bot.roleplay.store import RoleplayStore
from bot.slack import simulate
from bot.slack.loopback import BOT_USER
from tests.bot.roleplay.conftest import GOOD_REP
from tests.bot.slack.conftest import TRAINER
from tests.bot.slack.test_scenarios import all_text

CHANNEL, REP, OTHER = "CTRAIN01", "UANNA001", "UBEN0001"


def command(bot, text: str, *, user: str = TRAINER, name: str = "rp"):
    body, kind = simulate.command(text, user=user, channel=CHANNEL, response_url=bot.slack.response_url(name))
    return bot.post(body, kind)


def thread_message(bot, session, text: str, *, user: str = REP, ts: str, event_id: str | None = None,
                   headers: dict | None = None):
    body, kind = simulate.event({"type": "message", "channel_type": "channel", "channel": session.channel,
                                 "thread_ts": session.thread_ts, "user": user, "ts": ts, "text": text},
                                event_id=event_id)
    return bot.post(body, kind, headers=headers)


def posts(bot, *, thread: str | None = None):
    return [c.body for c in bot.slack.calls if c.method == "chat.postMessage"
            and (thread is None or c.body.get("thread_ts") == thread)]


def wait_posts(bot, count: int, *, thread: str):
    bot.slack.wait_for(lambda c: c.method == "chat.postMessage" and c.body.get("thread_ts") == thread,
                       count=count, timeout=30)
    return posts(bot, thread=thread)


def start(bot, text: str = f"roleplay LAP-PB450-G10 normal <@{REP}|anna> seed 7"):
    status, _ = command(bot, text)
    assert status == 200
    bot.slack.wait_for(lambda c: c.path == "/respond/rp", timeout=30)
    store = RoleplayStore(bot.services.db)
    session = store.session(1)
    assert session.rep == REP and session.trainer == TRAINER and session.channel == CHANNEL
    return store, session


def test_trainer_starts_rep_replies_customer_answers_in_thread_and_done_scores(bot):
    store, session = start(bot)
    card = next(p for p in posts(bot) if "thread_ts" not in p)
    text = all_text(card["blocks"])
    assert card["channel"] == CHANNEL
    for shown in ("HP ProBook 450 G10", "€979", "Budget", "€1,250 per unit", "Your goal", f"<@{REP}>",
                  "Temperament", session.scenario.customer, session.scenario.company):
        assert shown in text, shown
    assert "HP ProBook 470 G10" not in text and "Backpack" not in text  # the goal, not the answer
    opening = wait_posts(bot, 1, thread=session.thread_ts)[0]
    assert opening["channel"] == CHANNEL and session.scenario.customer in all_text(opening["blocks"])

    thread_message(bot, session, f"<@{BOT_USER}> " + GOOD_REP[0], ts="1700000100.000001")
    answer = wait_posts(bot, 2, thread=session.thread_ts)[1]
    assert "€220" in answer["text"] and "HP ProBook 470 G10" in answer["text"]  # the price objection
    for number, reply in enumerate(GOOD_REP[1:4], start=2):
        thread_message(bot, session, reply, ts=f"1700000100.00000{number}")
        wait_posts(bot, number + 1, thread=session.thread_ts)
    assert "Targus Classic 17.3-inch Topload Case" in posts(bot, thread=session.thread_ts)[-1]["text"]

    thread_message(bot, session, "done", ts="1700000100.000009")
    scorecard = wait_posts(bot, 6, thread=session.thread_ts)[-1]
    shown = all_text(scorecard["blocks"])
    assert "Scorecard" in shown and "fitting offers" in shown and "Model talking points" in shown
    finished = store.session(session.id)
    assert finished.status == "scored" and finished.score >= 85 and f"{finished.score}/100" in shown
    assert [t.rep_user for t in finished.turns[1:]] == [REP] * 4
    assert bot.services.db.count("deals") == 0  # role-play replies never reach the advisor


def test_retried_thread_reply_gets_one_customer_answer(bot):
    _, session = start(bot)
    wait_posts(bot, 1, thread=session.thread_ts)
    thread_message(bot, session, GOOD_REP[0], ts="1700000200.000001", event_id="EvRP1")
    thread_message(bot, session, GOOD_REP[0], ts="1700000200.000001", event_id="EvRP1",
                   headers={"X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "timeout"})
    # the same message as an app_mention event: one answer, and no advisor reply either
    mention, kind = simulate.event({"type": "app_mention", "channel": session.channel, "user": REP,
                                    "thread_ts": session.thread_ts, "ts": "1700000200.000001",
                                    "text": f"<@{BOT_USER}> " + GOOD_REP[0]})
    bot.post(mention, kind)
    wait_posts(bot, 2, thread=session.thread_ts)
    time.sleep(0.5)
    assert len(posts(bot, thread=session.thread_ts)) == 2
    assert len(RoleplayStore(bot.services.db).session(session.id).turns) == 2


def test_someone_else_in_the_thread_is_told_it_is_not_theirs(bot):
    store, session = start(bot)
    thread_message(bot, session, "Let me try: buy now!", user=OTHER, ts="1700000300.000001")
    note = bot.slack.wait_for(lambda c: c.method == "chat.postEphemeral")[0].body
    assert note["user"] == OTHER and f"<@{REP}>" in note["text"]
    assert len(store.session(session.id).turns) == 1


def test_a_non_trainer_cannot_assign_reps_or_see_everyones_results(bot):
    _, session = start(bot)
    wait_posts(bot, 1, thread=session.thread_ts)
    thread_message(bot, session, GOOD_REP[0], ts="1700000400.000001")
    wait_posts(bot, 2, thread=session.thread_ts)
    thread_message(bot, session, "done", ts="1700000400.000002")
    wait_posts(bot, 3, thread=session.thread_ts)

    command(bot, f"roleplay ProBook 450 <@{REP}|anna>", user=OTHER, name="assign")
    refused = bot.slack.wait_for(lambda c: c.path == "/respond/assign")[0].body
    assert "Only trainers" in refused["text"]

    command(bot, "roleplay results", user=OTHER, name="theirs")
    refused = bot.slack.wait_for(lambda c: c.path == "/respond/theirs")[0].body
    assert "for trainers" in refused["text"]
    assert REP not in all_text(refused["blocks"])  # nobody else's scores
    assert "No scored role-play sessions yet" in all_text(refused["blocks"])

    command(bot, "roleplay results", user=TRAINER, name="all")
    everyone = all_text(bot.slack.wait_for(lambda c: c.path == "/respond/all")[0].body["blocks"])
    assert f"<@{REP}>" in everyone and "LAP-PB450-G10" in everyone

    command(bot, "roleplay results", user=REP, name="own")
    own = bot.slack.wait_for(lambda c: c.path == "/respond/own")[0].body
    assert f"<@{REP}>" in all_text(own["blocks"])


def test_model_pitch_in_slack(bot):
    command(bot, "roleplay demo ProBook 450 seed 7", name="demo")
    pitch = bot.slack.wait_for(lambda c: c.path == "/respond/demo", timeout=30)[0].body
    text = all_text(pitch["blocks"])
    assert "Model pitch" in text and "HP ProBook 470 G10" in text and "€220 more" in text and "Score" in text


def test_a_customer_who_walks_away_gets_the_scorecard_posted_without_done(bot):
    from tests.bot.roleplay.conftest import POOR_REP

    store, session = start(bot, f"roleplay LAP-PB450-G10 hard <@{REP}|anna> seed 7")
    wait_posts(bot, 1, thread=session.thread_ts)
    thread_message(bot, session, POOR_REP[0], ts="1700000500.000001")
    said, scorecard = wait_posts(bot, 3, thread=session.thread_ts)[1:]
    from bot.roleplay import load_library

    leaving = load_library().reactions["walk_away"]
    assert any(said["text"].endswith(line) for line in leaving), said["text"]
    assert "the customer walked away" in all_text(scorecard["blocks"])
    assert "€899 for the HP ProBook 470 G10" in all_text(scorecard["blocks"])
    assert store.session(session.id).status == "scored"


def test_a_mention_in_a_role_play_thread_is_answered_by_the_customer(bot):
    _, session = start(bot)
    wait_posts(bot, 1, thread=session.thread_ts)
    mention, kind = simulate.event({"type": "app_mention", "channel": session.channel, "user": REP,
                                    "thread_ts": session.thread_ts, "ts": "1700000600.000001",
                                    "text": f"<@{BOT_USER}> " + GOOD_REP[0]})
    bot.post(mention, kind)
    answer = wait_posts(bot, 2, thread=session.thread_ts)[1]
    assert "€220" in answer["text"]
    assert bot.services.db.count("deals") == 0


def test_an_unknown_product_is_said_plainly_and_starts_nothing(bot):
    command(bot, "roleplay qqqq zzzz xxxx", name="unknown")
    said = bot.slack.wait_for(lambda c: c.path == "/respond/unknown", timeout=30)[0].body
    assert "I couldn't find *qqqq zzzz xxxx* in the catalog for a role-play" in said["text"]
    assert RoleplayStore(bot.services.db).results() == [] and not posts(bot)
