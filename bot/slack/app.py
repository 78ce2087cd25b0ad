"""Build the Bolt app once, over services built once (database, encoder, index, advisor)."""

from __future__ import annotations

import logging

from slack_bolt import App
from slack_sdk import WebClient

from bot.bootstrap import Services
from bot.slack.later import Later
from bot.slack.listeners import actions, commands, events
from bot.slack.redelivery import keep_before_ack


def build_app(services: Services, *, later: Later | None = None) -> App:
    settings = services.settings
    client = WebClient(token=settings.slack_bot_token,
                       base_url=settings.slack_api_url or WebClient.BASE_URL)
    socket_only = settings.slack_signing_secret is None
    app = App(
        client=client,
        signing_secret=settings.slack_signing_secret,
        # Socket Mode needs no signing secret: Slack's messages come over the app's own socket.
        request_verification_enabled=not socket_only,
        logger=logging.getLogger("salesbot.slack"),
    )
    services.advisor()  # check the index now, before the first request,
    services.encoder.load()  # and load the model: the advisor alone loads it on the first question
    later = later or Later(inbox=services.inbox)  # answers run here, after the ack, never on Bolt's threads
    app.middleware(keep_before_ack(services.inbox))  # kept before the ack, answered after
    for listeners in (commands, events, actions):
        listeners.register(app, services, later)
    return app
