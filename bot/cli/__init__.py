"""The `salesbot` command line: every capability of the bot, without Slack."""

from __future__ import annotations

import functools
import json

import click

from bot.bootstrap import EmptyCatalog, bootstrap
from bot.language.speech import speaking
from bot.offers import UnknownOffer
from bot.roleplay import RoleplayDataError
from bot.roleplay.scenario import UnknownDifficulty
from bot.roleplay.store import UnknownSession
from bot.settings import Settings, SettingsError
from catalog import CatalogError
from catalog.errors import UnknownProduct
from embeddings.onnx_export import EncoderExportError

DOMAIN_ERRORS = (CatalogError, UnknownProduct, UnknownOffer, EmptyCatalog, SettingsError, RoleplayDataError,
                 UnknownDifficulty, UnknownSession, EncoderExportError)


def db_option(command):
    """`--db PATH` on every command; the services are built once, after the options are read."""

    @click.option("--db", "db_path", type=click.Path(dir_okay=False), default=None,
                  help="SQLite database file (default: $SALESBOT_DB or ./salesbot.db).")
    @functools.wraps(command)
    def wrapper(*args, db_path=None, **kwargs):
        try:
            services = bootstrap(Settings.from_env(db=db_path))
            with speaking(services.settings.language):  # SALESBOT_LANGUAGE; `ask` may say otherwise
                return command(services, *args, **kwargs)
        except DOMAIN_ERRORS as e:
            raise click.ClickException(str(e)) from e

    return wrapper


def emit_json(data) -> None:
    click.echo(json.dumps(data, ensure_ascii=False))


@click.group(context_settings={"help_option_names": ["-h", "--help"]})
@click.version_option(package_name="salesbot")
def main() -> None:
    """salesbot: cross-sell and upsell suggestions grounded in your product catalog."""


from bot.cli import (  # noqa: E402,I001
    advice_cmds, catalog_cmds, db_cmds, eval_cmds, language_cmds, offer_cmds, order_cmds, report_cmds,
    roleplay_cmds, slack_cmds)

__all__ = ["advice_cmds", "catalog_cmds", "db_cmds", "db_option", "emit_json", "eval_cmds", "language_cmds", "main",
           "offer_cmds", "order_cmds", "report_cmds", "roleplay_cmds", "slack_cmds"]
