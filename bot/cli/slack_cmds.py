"""`salesbot serve`: the Slack bot, in Socket Mode or HTTP mode."""

from __future__ import annotations

import logging

import click

from bot.bootstrap import Services
from bot.cli import db_option, main

NOT_CONFIGURED = ("Slack is not configured: set SLACK_BOT_TOKEN plus SLACK_SIGNING_SECRET "
                  "(HTTP mode) or SLACK_APP_TOKEN (Socket Mode); see .env.example")


@main.command("serve")
@click.option("--http", is_flag=True, help="HTTP mode even when SLACK_APP_TOKEN is set.")
@click.option("--port", type=int, default=None, help="HTTP port (default: $PORT or 3000).")
@db_option
def serve_command(services: Services, http: bool, port: int | None) -> None:
    """Run the Slack bot: Socket Mode when SLACK_APP_TOKEN is set, else HTTP on /slack/events."""
    start_bot(services, http=http, port=port or services.settings.port)


def start_bot(services: Services, *, http: bool, port: int) -> None:
    settings = services.settings
    if not settings.slack_bot_token or not (settings.slack_signing_secret or
                                            (settings.slack_app_token and not http)):
        raise click.ClickException(NOT_CONFIGURED)
    from bot.deploy import DeployError, guard_serve

    try:
        lock = None if settings.database_url else guard_serve(  # PostgreSQL: any number of processes
            settings.db_path, allow_sqlite=settings.allow_sqlite, platform=settings.platform)
    except DeployError as e:
        raise click.ClickException(str(e)) from e
    logging.basicConfig(level=logging.INFO, format="%(asctime)s %(levelname)s %(name)s %(message)s")
    from bot.slack.app import build_app
    from bot.slack.server import serve

    try:
        serve(build_app(services), services, http=http, port=port)
    finally:
        if lock is not None:
            lock.release()
