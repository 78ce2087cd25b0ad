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
from bot.language import codes as language_codes
from bot.language.speech import _, speaking
from bot.offers.recording import ask_and_log
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
@click.option("--log", "log_it", is_flag=True, help="Log the answer as a deal with its offers.")
@click.option("--rep", help="Who asked (with --log): a Slack user id or a name.")
@click.option("--at", "at", type=click.DateTime(["%Y-%m-%dT%H:%M:%S%z", "%Y-%m-%dT%H:%M:%S",
                                                 "%Y-%m-%dT%H:%M%z", "%Y-%m-%dT%H:%M"]),
              help="When the offers were presented (with --log; ISO time, default now).")
@click.option("--details", is_flag=True, help="Show every talking point, the objection answer and why.")
@click.option("--language", type=click.Choice(language_codes()), default=None,
              help="The rep's language: the question is read and answered in it (default: the rep's own "
                   "choice with --rep, else the question's words, else SALESBOT_LANGUAGE).")
@db_option
def ask_command(services: Services, text: str, as_json: bool, log_it: bool, rep: str | None,
                at, details: bool, language: str | None) -> None:
    """Answer a rep's question in plain words, in their language (and, with --log, log it as a deal)."""
    if (rep or at) and not log_it:
        raise click.UsageError("--rep and --at go with --log")
    if log_it and not rep:
        raise click.UsageError("--log needs --rep (who presented the offers)")
    choice = services.languages.resolve(rep, text, default=services.settings.language)
    with speaking(language or choice.code):
        _answer(services, text, as_json=as_json, log_it=log_it, rep=rep, at=at, details=details,
                language=language or choice.reading)


def _answer(services: Services, text: str, *, as_json: bool, log_it: bool, rep: str | None, at, details: bool,
            language: str | None) -> None:
    if not log_it:
        advice = services.advisor().ask(text, language=language)
        emit_json(advice.to_dict()) if as_json else Console().print(advice_view(advice, details=details))
        return
    answer = ask_and_log(services.advisor(), services.offers, text, rep=rep, at=at, language=language)
    data = answer.advice.to_dict()
    if answer.deal is not None:
        data["deal_id"] = answer.deal.id
        for kind in ("cross_sell", "upsell"):
            for rank, suggestion in enumerate(data[kind], start=1):
                suggestion["offer_id"] = answer.deal.offer_for(kind, rank).id
    if as_json:
        emit_json(data)
        return
    Console().print(advice_view(answer.advice, details=details))
    if answer.deal is not None:
        ids = ", ".join(f"{o.kind} {o.rank}: {o.id}" for o in answer.deal.offers)
        click.echo(_("Logged deal {deal}; offer ids ({ids}).").format(deal=answer.deal.id, ids=ids))


@main.command("suggest")
@click.argument("skus", nargs=-1)
@click.option("--all", "every", is_flag=True, help="Suggestions for every product in the catalog.")
@click.option("--json", "as_json", is_flag=True, help="One JSON object per line (JSON Lines).")
@click.option("--details", is_flag=True, help="Show every talking point, the objection answer and why.")
@db_option
def suggest_command(services: Services, skus: tuple[str, ...], every: bool, as_json: bool,
                    details: bool) -> None:
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
            console.print(advice_view(advice, details=details))


@main.command("demo")
@db_option
def demo_command(services: Services) -> None:
    """Load the demo catalog (into an empty database), index it and answer sample questions."""
    run_demo(services)


@main.command("run")
@db_option
def run_command(services: Services) -> None:
    """The main job: the Slack bot when credentials are set, else a local chat with it."""
    if services.settings.slack_configured:
        from bot.cli.slack_cmds import start_bot

        start_bot(services, http=False, port=services.settings.port)
        return
    load_demo_if_empty(services)
    from bot.slack.local_chat import LocalChat

    console = Console()
    console.print("[dim]" + _("No Slack credentials set (see .env.example): this is the bot in a local chat, "
                              "through the same handlers Slack would reach.") + "[/dim]")
    with console.status(_("Loading the model and checking the search index…")):
        chat = LocalChat(services, console=console)
    try:
        for question in SAMPLE_QUESTIONS:
            chat.ask(question)
        for action in ("offer_details_", "offer_accept_"):  # a look at the first offer's details,
            chat.click(next(i for i, b in enumerate(chat.buttons, 1)  # then the customer says yes
                            if b.action_id.startswith(action)))
        if sys.stdin.isatty():
            chat.loop()
    finally:
        chat.close()


def load_demo_if_empty(services: Services) -> None:
    if services.catalog.count() == 0:
        report = import_catalog(services.db, DEMO_CATALOG)
        services.catalog_changed()
        Console().print(f"Loaded the demo catalog: {report.summary()}")


def run_demo(services: Services) -> None:
    console = Console()
    load_demo_if_empty(services)
    with console.status("Loading the model and checking the search index…"):
        advisor = services.advisor()
    for question in SAMPLE_QUESTIONS:
        console.rule()
        console.print(advice_view(advisor.ask(question)))
