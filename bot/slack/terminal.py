"""Block Kit messages as terminal text (rich markup), with their buttons as numbered choices."""

from __future__ import annotations

import re
from dataclasses import dataclass

from rich.markup import escape as rich_escape


@dataclass(frozen=True)
class Button:
    label: str
    action_id: str
    value: str
    block_id: str = ""


def mrkdwn_to_rich(text: str) -> str:
    text = rich_escape(text)
    text = re.sub(r"<@([A-Z0-9]+)>", r"@\1", text)
    text = re.sub(r"(?<![\w*])\*([^*\n]+)\*(?![\w*])", r"[bold]\1[/bold]", text)
    text = re.sub(r"(?<![\w_])_([^_\n]+)_(?![\w_])", r"[italic]\1[/italic]", text)
    text = re.sub(r"`([^`\n]+)`", r"[cyan]\1[/cyan]", text)
    return text.replace("&lt;", "<").replace("&gt;", ">").replace("&amp;", "&")


def render(blocks: list[dict], *, first_number: int = 1) -> tuple[list[str], list[Button]]:
    lines: list[str] = []
    buttons: list[Button] = []
    for block in blocks:
        kind = block.get("type")
        if kind == "divider":
            lines.append("[dim]" + "─" * 60 + "[/dim]")
        elif kind == "section":
            lines.append(mrkdwn_to_rich(block.get("text", {}).get("text", "")))
        elif kind == "context":
            lines.append("[dim]" + "  ".join(mrkdwn_to_rich(e.get("text", ""))
                                             for e in block.get("elements", [])) + "[/dim]")
        elif kind == "actions":
            choices = []
            for element in block.get("elements", []):
                if element.get("type") != "button":
                    continue
                number = first_number + len(buttons)
                buttons.append(Button(element["text"]["text"], element["action_id"],
                                      element.get("value", ""), block.get("block_id", "")))
                choices.append(f"[bold magenta]\\[{number}][/bold magenta] "
                               f"{rich_escape(element['text']['text'])}")
            lines.append("   ".join(choices))
    return lines, buttons
