"""/salesbot <question>, help, report [last week | YYYY-Www], mystats, language [xx|auto], roleplay …"""

from __future__ import annotations

import re

from slack_bolt import Ack, App, Respond
from slack_sdk import WebClient

from bot import language as languages
from bot.bootstrap import Services
from bot.language.choice import parse_code
from bot.language.speech import speaking
from bot.offers.recording import ask_and_log
from bot.reports import BadWeek, Week, weekly_report
from bot.slack import blocks, messages, roleplay
from bot.slack.access import is_manager
from bot.slack.later import Later
from bot.slack.listeners.replies import answer_message, apologising
from bot.slack.locale import rep_language, stored_language
from bot.slack.weekly import report_message, this_week, upload_chart

HELP_WORDS = {"", "help", "?", "-h", "--help"}
LANGUAGE = re.compile(r"^(?:language|lang|taal|språk|sprak)(?:\s+(?P<code>\S+))?$", re.I)
REPORT = re.compile(r"^report(?:\s+(?P<last>last\s+week)|\s+(?P<week>\d{4}-w\d{2}))?$", re.I)


def register(app: App, services: Services, later: Later) -> None:
    def send_report(command: dict, respond: Respond, client: WebClient, wanted) -> None:
        user = command["user_id"]
        manager = is_manager(user, services.settings, client)
        if wanted and not manager:
            respond(response_type="ephemeral", text=messages.MANAGERS_ONLY,
                    blocks=blocks.to_dicts(blocks.text_blocks(messages.MANAGERS_ONLY)))
            return
        week = this_week(services)
        if wanted and wanted["last"]:
            week = week.shifted(-1)
        elif wanted and wanted["week"]:
            try:
                week = Week.parse(wanted["week"])
            except BadWeek as e:
                respond(response_type="ephemeral", text=str(e),
                        blocks=blocks.to_dicts(blocks.text_blocks(str(e))))
                return
        report = weekly_report(services.db, week, services.settings.tz,
                               rep=None if wanted else user)
        respond(response_type="ephemeral", **report_message(report))
        dm = client.conversations_open(users=user)["channel"]["id"]
        upload_chart(client, dm, report)

    @app.command("/salesbot")
    def salesbot(ack: Ack, command: dict, respond: Respond, client: WebClient) -> None:
        text = " ".join(command.get("text", "").split())
        if text.lower() in HELP_WORDS:  # answered at once: the language as stored, no users.info call
            code = stored_language(services, command["user_id"])
            with speaking(code):
                ack(blocks=blocks.to_dicts(blocks.help_blocks()), text=messages.HELP, response_type="ephemeral")
            later.done(command)
            return
        ack()
        later(answer_question, text, command, respond, client, delivery=command)

    def answer_question(text: str, command: dict, respond: Respond, client: WebClient) -> None:
        choice = rep_language(services, command["user_id"], text, client)
        with speaking(choice.code):  # everything said back, in the rep's language
            answer_in(choice, text, command, respond, client)

    def answer_in(choice, text: str, command: dict, respond: Respond, client: WebClient) -> None:
        role_play = roleplay.COMMAND.match(text)
        if role_play:
            with apologising(respond):
                roleplay.command(services, command, respond, client, role_play["rest"])
            return
        language = LANGUAGE.match(text)
        if language:
            with apologising(respond):
                note = choose_language(services, command["user_id"], language["code"])
                respond(response_type="ephemeral", text=note, blocks=blocks.to_dicts(blocks.text_blocks(note)))
            return
        wanted = REPORT.match(text)
        if wanted or text.lower() == "mystats":
            with apologising(respond):
                send_report(command, respond, client, wanted)
            return
        with apologising(respond):
            answer = ask_and_log(services.advisor(), services.offers, text,
                                 rep=command["user_id"], team=command.get("team_id"),
                                 channel=command.get("channel_id"),
                                 source_key=f"command:{command['trigger_id']}", language=choice.reading)
            respond(response_type="ephemeral",
                    **answer_message(answer, question=text, shareable=True))


def choose_language(services: Services, user: str, raw: str | None) -> str:
    """`/salesbot language nl` stores the rep's choice; `language` alone says what applies and why."""
    if raw is None:
        chosen = services.languages.chosen(user)
        if chosen:
            return messages.LANGUAGE_CHOSEN.format(name=languages.get(chosen).name, code=chosen)
        return messages.LANGUAGE_AUTO.format(codes=", ".join(sorted(languages.codes())))
    try:
        code = parse_code(raw)
    except ValueError as e:
        return str(e)
    services.languages.choose(user, code)
    now = stored_language(services, user)
    with speaking(now):  # said in the language just chosen (or the one that applies again)
        if code is None:
            return messages.LANGUAGE_AUTO.format(codes=", ".join(sorted(languages.codes())))
        return messages.LANGUAGE_SET.format(name=languages.get(code).name, code=code)
