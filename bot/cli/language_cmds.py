"""`salesbot language`: a rep's language, as `/salesbot language` sets it in Slack."""

from __future__ import annotations

import click

from bot import language as languages
from bot.bootstrap import Services
from bot.cli import db_option, emit_json, main
from bot.language.choice import WHY, parse_code
from bot.language.speech import _, speaking


@main.command("language")
@click.argument("code", required=False)
@click.option("--user", required=True, metavar="SLACK_ID", help="The rep (their Slack user id).")
@click.option("--json", "as_json", is_flag=True, help="Print the rep's language as JSON.")
@db_option
def language_command(services: Services, code: str | None, user: str, as_json: bool) -> None:
    """Show a rep's language, or set it (en, nl, sv, no; auto follows their Slack language, else the
    words of each question)."""
    if code is not None:
        try:
            services.languages.choose(user, parse_code(code))
        except ValueError as e:
            raise click.BadParameter(str(e), param_hint="CODE") from e
    choice = services.languages.resolve(user, "", default=services.settings.language)
    if as_json:
        emit_json({"user": user, "language": choice.code, "why": choice.why,
                   "chosen": services.languages.chosen(user)})
        return
    with speaking(choice.code):
        click.echo(f"{user}: {languages.get(choice.code).name} ({choice.code}): {_(WHY[choice.why])}.")
