"""Managers' reports in Slack: who may see what, the chart upload, and the Monday post."""

from __future__ import annotations

from dataclasses import replace
from datetime import UTC, datetime

from slack_sdk import WebClient

from bot.bootstrap import bootstrap
from bot.slack.weekly import post_weekly_if_due
from tests.bot.reports.test_rates import log_deal
from tests.bot.slack.test_scenarios import all_text, answer_to, ask


def seed(bot) -> None:
    now = datetime.now(UTC).isoformat(timespec="seconds")
    log_deal(bot.services.offers, rep="UMANAGER", at=now, quantity=3,
             offers=[("cross_sell", 10.0, None, "accepted"), ("upsell", 130.0, 30.0, None)])
    log_deal(bot.services.offers, rep="UREP", at=now,
             offers=[("cross_sell", 20.0, None, "declined")])


def test_a_manager_gets_the_summary_and_the_chart(bot):
    bot.services.settings = replace(bot.services.settings, managers=frozenset({"UMANAGER"}))
    seed(bot)
    ask(bot, "report", user="UMANAGER")
    summary = answer_to(bot, "r1")[0].body
    text = all_text(summary["blocks"])
    assert "Team summary" in text and "*Deals*: 2" in text
    assert "Deal-level cross-sell rate*: 50% (1 / 2 deals)" in text and "<@UREP>" in text
    upload = bot.slack.wait_for(lambda c: c.method == "files.completeUploadExternal")[0].body
    methods = [c.path for c in bot.slack.calls]
    start = methods.index("/api/files.getUploadURLExternal")
    assert methods[start + 1].startswith("/upload/")  # the PNG bytes themselves
    assert bot.slack.calls[start + 1].body["png"] is True
    assert upload["channel_id"].startswith("D")  # privately, in the manager's DM
    assert "Cross-sell and upsell rates, 8 weeks to 20" in str(upload["files"])


def test_a_rep_is_refused_the_team_report_and_offered_their_own(bot):
    bot.services.settings = replace(bot.services.settings, managers=frozenset({"UMANAGER"}))
    seed(bot)
    ask(bot, "report last week", user="UREP")
    refusal = all_text(answer_to(bot, "r1")[0].body["blocks"])
    assert "The team report is for managers" in refusal and "/salesbot mystats" in refusal
    ask(bot, "mystats", user="UREP", name="r2")
    mine = all_text(answer_to(bot, "r2")[0].body["blocks"])
    assert "<@UREP>'s figures" in mine and "*Deals*: 1" in mine and "UMANAGER" not in mine
    bot.slack.wait_for(lambda c: c.method == "files.completeUploadExternal")  # their own chart


def test_a_member_of_a_managers_user_group_is_a_manager(bot):
    bot.services.settings = replace(bot.services.settings, managers=frozenset({"SMANAGERS"}))
    bot.slack.group_members = ["UBOSS"]
    seed(bot)
    ask(bot, "report", user="UBOSS")
    assert "Team summary" in all_text(answer_to(bot, "r1")[0].body["blocks"])


def test_the_monday_post_happens_once_per_week_even_twice_fired_or_restarted(bot, encoder):
    settings = replace(bot.services.settings, report_channel="CMANAGERS",
                       timezone="Europe/Amsterdam")
    bot.services.settings = settings
    seed(bot)
    client = WebClient(token="xoxb-test", base_url=bot.slack.api_url)
    sunday = datetime(2026, 11, 29, 20, 0, tzinfo=UTC)  # Sunday evening: W47 is long due
    before_nine = datetime(2026, 11, 30, 7, 59, tzinfo=UTC)  # Monday 08:59 in Amsterdam
    after_nine = datetime(2026, 11, 30, 8, 1, tzinfo=UTC)  # Monday 09:01 in Amsterdam
    assert post_weekly_if_due(bot.services, client, sunday) is True  # catches up on W47
    assert post_weekly_if_due(bot.services, client, before_nine) is False  # W48 not due yet
    assert post_weekly_if_due(bot.services, client, after_nine) is True  # W48
    assert post_weekly_if_due(bot.services, client, after_nine) is False  # fired twice
    restarted = bootstrap(settings, encoder=encoder)  # a new process on the same database
    assert post_weekly_if_due(restarted, client, after_nine) is False
    posts = [c.body for c in bot.slack.calls if c.method == "chat.postMessage"]
    assert [p["channel"] for p in posts] == ["CMANAGERS", "CMANAGERS"]
    assert "week 2026-W47" in all_text(posts[0]["blocks"])
    assert "week 2026-W48" in all_text(posts[1]["blocks"])
    uploads = [c for c in bot.slack.calls if c.method == "files.completeUploadExternal"]
    assert len(uploads) == 2


def test_a_week_that_does_not_exist_is_named(bot):
    bot.services.settings = replace(bot.services.settings, managers=frozenset({"UMANAGER"}))
    ask(bot, "report 2026-W60", user="UMANAGER")
    assert "2026 has no week 60" in all_text(answer_to(bot, "r1")[0].body["blocks"])


def test_a_failed_catalog_sync_is_shown_to_managers_in_the_app_home(bot):
    from bot.slack import simulate
    from catalog.sync import sync

    bot.services.settings = replace(bot.services.settings, managers=frozenset({"UMANAGER"}))
    run = sync(bot.services.db, "http://127.0.0.1:9/feed.csv", timeout=2)  # nothing listens on port 9
    assert not run.ok
    for user, count in (("UMANAGER", 1), ("UREP", 2)):
        body, kind = simulate.event({"type": "app_home_opened", "user": user, "channel": "D5", "tab": "home"})
        assert bot.post(body, kind)[0] == 200
        view = bot.slack.wait_for(lambda c: c.method == "views.publish", count=count)[count - 1].body
        text = all_text(view["view"])
        shown = "The catalog sync failed" in text and "could not download" in text
        assert shown == (user == "UMANAGER"), text  # reps are not troubled with it
