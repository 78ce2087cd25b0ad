"""`salesbot roleplay`: practise against a customer in the terminal, a model pitch, and results."""

from __future__ import annotations

import getpass
import re

import click
from rich.console import Console
from rich.markup import escape

from bot.bootstrap import Services
from bot.cli import db_option, emit_json, main
from bot.language.speech import _
from bot.roleplay.scenario import DIFFICULTIES
from bot.roleplay.session import Roleplay, model_pitch, play, scorecard
from bot.roleplay.store import Session
from bot.roleplay.wording import claims_lines, model_lines, results_lines, scenario_lines, scorecard_lines

difficulty_option = click.option("--difficulty", type=click.Choice(DIFFICULTIES), default="normal",
                                  show_default=True, help="Budget, temperament and how many objections come.")
seed_option = click.option("--seed", type=int, default=None,
                           help="Same seed, same scenario and customer lines (default: a random one).")


_ITALIC = re.compile(r"(?<!\w)_([^_\n]+?)_(?!\w)")


def _print(console: Console, lines: list[str]) -> None:
    for line in lines:
        line = _ITALIC.sub(r"\1", line.replace("*", "").replace("`", ""))  # Slack marks, not for a terminal
        console.print(escape(line), highlight=False)


def _say(console: Console, who: str, text: str, *, mine: bool = False) -> None:
    style = "bold" if mine else "bold green"
    console.print(f"[{style}]{escape(who)} ❯[/{style}] {escape(text)}", highlight=False)


@main.group("roleplay", invoke_without_command=True)
@click.option("--sku", help="The product the customer came to buy (default: one the seed picks).")
@click.option("--product", help="The product in words, like 'ProBook 450' (instead of --sku).")
@difficulty_option
@seed_option
@click.option("--rep", help="Who is practising (default: cli:<your login name>).")
@click.option("--replies", type=click.File("r", encoding="utf-8"),
              help="Play a scripted session: one rep reply per line ('-' for stdin).")
@click.option("--json", "as_json", is_flag=True, help="Print the transcript and scorecard as JSON (with --replies).")
@click.pass_context
@db_option
def roleplay(services: Services, ctx: click.Context, sku: str | None, product: str | None, difficulty: str,
             seed: int | None, rep: str | None, replies, as_json: bool) -> None:
    """Practise cross-selling and upselling against a customer who pushes back."""
    if ctx.invoked_subcommand is not None:
        return
    if sku and product:
        raise click.UsageError("use --sku or --product, not both")
    if as_json and replies is None:
        raise click.UsageError("--json goes with --replies (a scripted session)")
    engine = services.roleplay()
    scenario = engine.scenario(sku=sku, product=product, difficulty=difficulty, seed=seed)
    session = engine.start(scenario, rep=rep or f"cli:{getpass.getuser()}", trainer=None)
    console = Console(stderr=as_json)
    if not as_json:
        console.rule(_("Role-play"))
        _print(console, scenario_lines(scenario))
        console.rule()
        _say(console, scenario.customer, session.turns[0].customer_text)
    lines = (line.rstrip("\n") for line in replies) if replies is not None else _typed(console)
    session = _play(engine, session, lines, console, echo=replies is not None and not as_json,
                    quiet=as_json)
    card, _stored = engine.finish(session)
    if as_json:
        emit_json(session_json(engine.session(session.id)))
        return
    console.rule(_("Scorecard"))
    _print(console, [*scorecard_lines(card), "", *claims_lines(card), "", *model_lines(card)])


def _typed(console: Console):
    console.print("[dim]" + escape(_("Type your reply to the customer; `done` (or an empty line) ends and scores it."))
                  + "[/dim]")
    while True:
        try:
            text = console.input("[bold]you ❯ [/bold]")
        except (EOFError, KeyboardInterrupt):
            return
        if not text.strip():
            return
        yield text


def _play(engine: Roleplay, session: Session, lines, console: Console, *, echo: bool, quiet: bool) -> Session:
    def heard(text: str, reply) -> None:
        if echo:
            _say(console, _("you"), text, mine=True)
        if not quiet and reply.customer:
            _say(console, session.scenario.customer, reply.customer)

    return play(engine, session, lines, heard=heard)


def session_json(session: Session) -> dict:
    card = session.scorecard or scorecard(session)
    return {"session": session.id, "rep": session.rep, "scenario": session.scenario.to_dict(),
            "turns": [t.to_dict() for t in session.turns], **card.to_dict()}


@roleplay.command("demo")
@click.argument("product", nargs=-1, required=True)
@difficulty_option
@seed_option
@click.option("--json", "as_json", is_flag=True, help="Print the pitch and its scorecard as JSON.")
@db_option
def demo_command(services: Services, product: tuple[str, ...], difficulty: str, seed: int | None,
                 as_json: bool) -> None:
    """A model pitch: the bot plays the rep, from the advisor's grounded talking points."""
    engine = services.roleplay()
    text = " ".join(product)
    sku = text if services.catalog.get(text) else None
    scenario = engine.scenario(sku=sku, product=None if sku else text, difficulty=difficulty, seed=seed)
    exchanges, card = model_pitch(engine, scenario)
    if as_json:
        emit_json({"scenario": scenario.to_dict(),
                   "turns": [{"turn": i, "rep": e.rep, "customer": e.customer} for i, e in enumerate(exchanges)],
                   **card.to_dict()})
        return
    console = Console()
    console.rule(_("Model pitch"))
    _print(console, scenario_lines(scenario))
    console.rule()
    for exchange in exchanges:
        if exchange.rep:
            _say(console, _("model rep"), exchange.rep, mine=True)
        if exchange.customer:
            _say(console, scenario.customer, exchange.customer)
    console.rule(_("Scorecard"))
    _print(console, [*scorecard_lines(card), "", *claims_lines(card)])


@roleplay.command("results")
@click.option("--rep", help="One rep's sessions only.")
@click.option("--json", "as_json", is_flag=True, help="Print the sessions as JSON.")
@db_option
def results_command(services: Services, rep: str | None, as_json: bool) -> None:
    """Scored sessions per rep over time (everyone's, or one rep's with --rep)."""
    from bot.roleplay.store import RoleplayStore

    rows = RoleplayStore(services.db).results(rep=rep)
    if as_json:
        emit_json(rows)
        return
    _print(Console(), results_lines(rows))


@roleplay.command("show")
@click.argument("session_id", type=int)
@click.option("--json", "as_json", is_flag=True, help="Print the transcript and scorecard as JSON.")
@db_option
def show_command(services: Services, session_id: int, as_json: bool) -> None:
    """One session's transcript and scorecard (a Slack session too)."""
    from bot.roleplay.store import RoleplayStore

    session = RoleplayStore(services.db).session(session_id)
    if as_json:
        emit_json(session_json(session))
        return
    console = Console()
    _print(console, scenario_lines(session.scenario))
    console.rule()
    for turn in session.turns:
        if turn.rep_text:
            _say(console, turn.rep_user or _("rep"), turn.rep_text, mine=True)
        if turn.customer_text:
            _say(console, session.scenario.customer, turn.customer_text)
    card = session.scorecard or scorecard(session)
    console.rule(_("Scorecard") if session.scorecard else _("Scorecard (so far: the session is still live)"))
    _print(console, [*scorecard_lines(card), "", *claims_lines(card), "", *model_lines(card)])


