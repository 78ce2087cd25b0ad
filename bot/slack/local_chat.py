"""`make run` without Slack credentials: the real bot, driven from the terminal.

Questions become signed /salesbot commands dispatched into the very same Bolt app; its replies
land on a loopback Slack Web API and are printed; buttons are numbered choices to type.
"""

from __future__ import annotations

import json
import secrets
from dataclasses import replace

from rich.console import Console
from rich.markup import escape
from slack_bolt.request import BoltRequest

from bot.bootstrap import Services
from bot.language.speech import _
from bot.slack import simulate
from bot.slack.app import build_app
from bot.slack.loopback import Call, LoopbackSlack
from bot.slack.terminal import Button, render

USER, CHANNEL = "ULOCAL01", "CLOCAL01"


READS = {"auth.test", "users.info", "usergroups.users.list"}  # calls that ask Slack, not messages to show


class LocalChat:
    def __init__(self, services: Services, *, console: Console | None = None):
        self.console = console or Console()
        self.slack = LoopbackSlack().__enter__()
        self.secret = secrets.token_hex(16)
        services.settings = replace(services.settings, slack_bot_token="xoxb-local",
                                    slack_signing_secret=self.secret,
                                    slack_api_url=self.slack.api_url)
        self.app = build_app(services)
        self.buttons: list[Button] = []
        self._seen = 0

    def close(self) -> None:
        self.slack.__exit__(None, None, None)

    def ask(self, text: str) -> None:
        self.console.print(f"\n[bold]{_('you')} ❯ /salesbot {escape(text)}[/bold]")
        body, kind = simulate.command(text, user=USER, channel=CHANNEL,
                                      response_url=self.slack.response_url("chat"))
        self._send(body, kind)

    def click(self, number: int) -> None:
        button = self.buttons[number - 1]
        self.console.print("\n[bold]" + escape(_("you ❯ clicked [{number}] {button}").format(
            number=number, button=button.label)) + "[/bold]")
        body, kind = simulate.action(button.action_id, button.value, user=USER,
                                     response_url=self.slack.response_url("chat"),
                                     block_id=button.block_id or "b")
        self._send(body, kind)

    def _send(self, body: str, kind: str) -> None:
        headers = simulate.signed_headers(self.secret, body, content_type=kind)
        response = self.app.dispatch(BoltRequest(body=body, headers=headers))
        if response.body and response.body.strip().startswith("{"):
            self._show(json.loads(response.body))  # an answer given in the ack itself
            return
        call = self._next_reply()
        self._show(call.body)

    def _next_reply(self) -> Call:
        calls = self.slack.wait_for(lambda c: c.method not in READS,
                                    count=self._seen + 1, timeout=30)
        self._seen += 1
        return calls[self._seen - 1]

    def _show(self, message: dict) -> None:
        lines, self.buttons = render(message.get("blocks") or [])
        self.console.print("[bold green]salesbot ❯[/bold green]")
        for line in lines or [message.get("text", "")]:
            self.console.print("\n".join("  " + part for part in line.split("\n")))

    def loop(self) -> None:
        self.console.rule(_("Type a question, or the number of a button; an empty line quits"))
        while True:
            try:
                text = self.console.input("[bold]❯ [/bold]").strip()
            except (EOFError, KeyboardInterrupt):
                break
            if not text or text.lower() in {"quit", "exit"}:
                break
            if text.isdigit() and 1 <= int(text) <= len(self.buttons):
                self.click(int(text))
            else:
                self.ask(text)
