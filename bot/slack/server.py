"""Run the bot: HTTP mode (a WSGI server with /slack/events and /healthz) or Socket Mode."""

from __future__ import annotations

import logging
import threading

from slack_bolt import App
from slack_bolt.adapter.socket_mode import SocketModeHandler
from slack_bolt.adapter.wsgi import SlackRequestHandler

from bot.bootstrap import Services

log = logging.getLogger("salesbot.slack")


def wsgi_app(app: App):
    """/slack/events for commands, events and interactivity; GET /healthz for the platform."""
    slack = SlackRequestHandler(app, path="/slack/events")

    def application(environ, start_response):
        if environ.get("PATH_INFO") == "/healthz":
            start_response("200 OK", [("Content-Type", "text/plain")])
            return [b"ok\n"]
        if environ.get("REQUEST_METHOD") == "POST" and not _looks_signed(environ):
            # Bolt would answer 500 to an empty timestamp header; unsigned is simply refused.
            start_response("401 Unauthorized", [("Content-Type", "text/plain")])
            return [b"unsigned request\n"]
        return slack(environ, start_response)

    return application


def _looks_signed(environ: dict) -> bool:
    timestamp = environ.get("HTTP_X_SLACK_REQUEST_TIMESTAMP", "")
    return timestamp.isdigit() and environ.get("HTTP_X_SLACK_SIGNATURE", "").startswith("v0=")


def http_server(app: App, *, host: str = "0.0.0.0", port: int = 3000):
    """A waitress server (threads, production-grade, pure Python); .run() serves until closed."""
    from waitress.server import create_server

    return create_server(wsgi_app(app), host=host, port=port, threads=8, ident="salesbot")


class BackgroundServer:
    """A server run on a thread (tests, benchmarks), stopped without a race: closing the socket
    from another thread can wake select() on a closed descriptor, which is a stop, not a fault."""

    def __init__(self, server):
        self.server = server
        self.url = f"http://127.0.0.1:{server.effective_port}"
        self._closing = threading.Event()
        self._thread = threading.Thread(target=self._run, name="salesbot-http", daemon=True)

    def _run(self) -> None:
        try:
            self.server.run()
        except (OSError, ValueError):
            if not self._closing.is_set():
                raise

    def __enter__(self) -> BackgroundServer:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self._closing.set()
        self.server.close()
        self._thread.join(timeout=5)


def socket_mode_handler(app: App, services: Services) -> SocketModeHandler:
    """Built offline; it connects to Slack only when started."""
    return SocketModeHandler(app, app_token=services.settings.slack_app_token)


def serve(app: App, services: Services, *, http: bool, port: int) -> None:
    from bot.slack.redelivery import Redelivery
    from bot.slack.weekly import WeeklyPoster

    WeeklyPoster(services, app.client).start()  # posts once per week, whichever process wins
    Redelivery(app, services.inbox).start()  # answers what a process that died had acknowledged
    settings = services.settings
    if settings.catalog_url and settings.catalog_sync:
        from catalog.sync import CatalogSyncer, Schedule

        CatalogSyncer(services.db, settings.catalog_url, Schedule.parse(settings.catalog_sync), settings.tz,
                      on_change=lambda: services.build_index()).start()  # whichever process claims the slot
        log.info("catalog sync from %s: %s", settings.catalog_url, settings.catalog_sync)
    if http or not services.settings.slack_app_token:
        server = http_server(app, port=port)
        log.info("salesbot listening on http://0.0.0.0:%s/slack/events", server.effective_port)
        server.run()
    else:
        log.info("salesbot connecting to Slack in Socket Mode")
        socket_mode_handler(app, services).start()
