"""@mentions (answered in a thread) and direct messages. Bots, including this one, are ignored."""

from __future__ import annotations

import re

from slack_bolt import App
from slack_sdk import WebClient
from slack_sdk.models.blocks import DividerBlock

from bot.bootstrap import Services
from bot.language.speech import speaking
from bot.offers.recording import ask_and_log
from bot.reports import weekly_report
from bot.slack import blocks, messages, roleplay
from bot.slack.access import is_manager
from bot.slack.later import Later
from bot.slack.listeners.replies import answer_message, apologising
from bot.slack.locale import rep_language
from bot.slack.report_blocks import report_blocks
from bot.slack.weekly import this_week
from catalog.sync import recent

MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")


def register(app: App, services: Services, later: Later) -> None:
    def reply(event: dict, body: dict, client: WebClient, *, thread: bool) -> None:
        if event.get("bot_id") or event.get("subtype"):
            return  # other bots, edits, joins: not questions
        text = " ".join(MENTION.sub(" ", event.get("text", "")).split())
        where = {"channel": event["channel"]}
        if thread:
            where["thread_ts"] = event.get("thread_ts") or event["ts"]

        def send(**message):
            client.chat_postMessage(**where, **message)

        choice = rep_language(services, event["user"], text, client)
        with speaking(choice.code):  # everything said back, in the rep's language
            if not text:
                send(blocks=blocks.to_dicts(blocks.help_blocks()), text=messages.HELP)
                return
            with apologising(send):
                answer = ask_and_log(services.advisor(), services.offers, text, rep=event["user"],
                                     team=body.get("team_id"), channel=event["channel"],
                                     source_key=f"event:{body['event_id']}", language=choice.reading)
                send(**answer_message(answer, question=text, shareable=False))

    @app.event("app_home_opened")  # events are acknowledged by Bolt before their listener runs
    def home(event: dict, body: dict, client: WebClient) -> None:
        if event.get("tab", "home") == "home":
            later(publish_home, event, client, delivery=body)
        else:
            later.done(body)

    def publish_home(event: dict, client: WebClient) -> None:
        """Managers see this week's team figures; everyone else their own; then how to ask."""
        user = event["user"]
        with speaking(rep_language(services, user, "", client).code):
            publish_home_in_language(user, client)

    def publish_home_in_language(user: str, client: WebClient) -> None:
        team = is_manager(user, services.settings, client)
        report = weekly_report(services.db, this_week(services), services.settings.tz,
                               rep=None if team else user)
        last_sync = recent(services.db, 1) if team else []
        sync = blocks.sync_blocks(last_sync[0] if last_sync else None)
        view = [*report_blocks(report), *sync, DividerBlock(), *blocks.home_blocks()]
        client.views_publish(user_id=user, view={"type": "home",
                                                 "blocks": blocks.to_dicts(view[:50])})

    @app.event("app_mention")
    def mention(event: dict, body: dict, client: WebClient) -> None:
        later(mention_or_roleplay, event, body, client, delivery=body)

    def mention_or_roleplay(event: dict, body: dict, client: WebClient) -> None:
        if roleplay.in_thread(services, event, body, client):
            return  # a rep in a role-play thread; its message-event twin is claimed once
        reply(event, body, client, thread=True)

    @app.event("message")
    def message(event: dict, body: dict, client: WebClient) -> None:
        if event.get("channel_type") == "im":
            later(reply, event, body, client, thread=False, delivery=body)
        elif event.get("thread_ts"):
            later(roleplay.in_thread, services, event, body, client, delivery=body)
        else:
            later.done(body)  # a channel message not in a thread: not for the bot
