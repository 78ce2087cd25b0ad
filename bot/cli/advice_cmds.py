"""`salesbot ask`, `salesbot suggest`, `salesbot demo` and `salesbot run`."""

from __future__ import annotations

import sys
from pathlib import Path

import click
from rich.console import Console

import catalog as catalog_package
from bot.bootstrap import Services
from bot.cli import db_option, emit_json, main
from bot.cli.render import advice_view
from catalog.importer import import_catalog

DEMO_CATALOG = Path(catalog_package.__file__).parent / "demo" / "products.csv"
SAMPLE_QUESTIONS = (
    "customer is buying the ProBook 450 for a 12-person office, budget max €1,100 each",
    "cust getting a Galaxy S24, what else can I offer?",
    "TaskFlow Team for 25 users, anything to add?",
)


@main.command("ask")
@click.argument("text")
@click.option("--json", "as_json", is_flag=True, help="Print the answer as JSON.")
@db_option
def ask_command(services: Services, text: str, as_json: bool) -> None:
    """Answer a rep's question in plain words."""
    advice = services.advisor().ask(text)
    if as_json:
        emit_json(advice.to_dict())
    else:
        Console().print(advice_view(advice))


@main.command("suggest")
@click.argument("skus", nargs=-1)
@click.option("--all", "every", is_flag=True, help="Suggestions for every product in the catalog.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line (JSON Lines).")
@db_option
def suggest_command(services: Services, skus: tuple[str, ...], every: bool, as_json: bool) -> None:
    """Suggestions for given anchor SKUs (or --all)."""
    if not skus and not every:
        raise click.UsageError("name at least one SKU, or use --all")
    advisor = services.advisor()
    console = Console()
    for sku in (services.catalog.skus() if every else skus):
        advice = advisor.suggest(sku)
        if as_json:
            emit_json(advice.to_dict())
        else:
            console.print(advice_view(advice))


@main.command("demo")
@db_option
def demo_command(services: Services) -> None:
    """Load the demo catalog (into an empty database), index it and answer sample questions."""
    run_demo(services)


@main.command("run")
@db_option
def run_command(services: Services) -> None:
    """The main job: the demo, then questions from the terminal while stdin is a terminal."""
    run_demo(services)
    if sys.stdin.isatty():
        chat(services)


def run_demo(services: Services) -> None:
    console = Console()
    if services.catalog.count() == 0:
        report = import_catalog(services.db, DEMO_CATALOG)
        services.catalog_changed()
        console.print(f"Loaded the demo catalog: {report.summary()}")
    with console.status("Loading the model and checking the search index…"):
        advisor = services.advisor()
    for question in SAMPLE_QUESTIONS:
        console.rule()
        console.print(advice_view(advisor.ask(question)))


def chat(services: Services) -> None:
    console = Console()
    advisor = services.advisor()
    console.rule("Ask about any product (empty line or Ctrl-D to quit)")
    while True:
        try:
            text = console.input("[bold]question> [/bold]").strip()
        except (EOFError, KeyboardInterrupt):
            break
        if not text or text.lower() in {"quit", "exit"}:
            break
        console.print(advice_view(advisor.ask(text)))
