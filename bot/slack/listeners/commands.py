"""/salesbot <question> and /salesbot help."""

from __future__ import annotations

from slack_bolt import Ack, App, Respond

from bot.bootstrap import Services
from bot.offers.recording import ask_and_log
from bot.slack import blocks, messages
from bot.slack.listeners.replies import answer_message, apologising

HELP_WORDS = {"", "help", "?", "-h", "--help"}


def register(app: App, services: Services) -> None:
    @app.command("/salesbot")
    def salesbot(ack: Ack, command: dict, respond: Respond) -> None:
        text = " ".join(command.get("text", "").split())
        if text.lower() in HELP_WORDS:
            ack(blocks=blocks.to_dicts(blocks.help_blocks()), text=messages.HELP,
                response_type="ephemeral")
            return
        ack()
        if not services.offers.claim(f"command:{command['trigger_id']}"):
            return
        with apologising(respond):
            answer = ask_and_log(services.advisor(), services.offers, text,
                                 rep=command["user_id"], team=command.get("team_id"),
                                 channel=command.get("channel_id"),
                                 source_key=f"command:{command['trigger_id']}")
            respond(response_type="ephemeral",
                    **answer_message(answer, question=text, shareable=True))
