"""`salesbot db copy --to URL`: move the database (SQLite) to PostgreSQL for a platform deploy."""

from __future__ import annotations

import re

import click

from bot.bootstrap import Services, open_all
from bot.cli import db_option, emit_json, main
from catalog.copying import CopyError, copy_database
from catalog.database import is_postgres_url


def shown(url: str) -> str:
    """The address without its password."""
    return re.sub(r"://([^:/@]+):[^@]*@", r"://\1:***@", url)


@main.group("db")
def db_group() -> None:
    """The database itself: copy it elsewhere."""


@db_group.command("copy")
@click.option("--to", "to", required=True, metavar="URL",
              help="The empty database to copy into: postgresql://user:password@host:5432/name (or a SQLite path).")
@click.option("--json", "as_json", is_flag=True, help="Print the tables and rows copied as JSON.")
@db_option
def copy_command(services: Services, to: str, as_json: bool) -> None:
    """Copy everything (catalog, vectors, offer log, orders, role-play, languages) into an empty
    database, then check each table's row count and the offer log's checksum on both sides."""
    if not is_postgres_url(to) and str(services.settings.database) == to:
        raise click.UsageError("--to is the database being copied")
    try:
        target = open_all(to)
        report = copy_database(services.db, target)
    except CopyError as e:
        raise click.ClickException(f"{shown(to)}: {e}; nothing was copied") from e
    if as_json:
        emit_json({"to": shown(to), "tables": report.tables, "checksum": report.checksum})
        return
    click.echo(f"Copied to {shown(to)}: {report.summary()}.")
