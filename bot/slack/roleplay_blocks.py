"""Role-play messages as Block Kit: the scenario card, a customer line, the scorecard, results."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, ContextBlock, DividerBlock, SectionBlock

from bot.language.speech import _
from bot.roleplay.scenario import Scenario
from bot.roleplay.scoring import Scorecard
from bot.roleplay.session import Exchange
from bot.roleplay.wording import claims_lines, model_lines, results_lines, scenario_lines, scorecard_lines
from bot.slack import messages
from bot.slack.blocks import MAX_BLOCKS, MAX_SECTION, _md, escape


def _sections(lines: list[str]) -> list[Block]:
    """Lines packed into as few sections as fit Slack's 3,000 characters each."""
    blocks, chunk = [], ""
    for line in lines:
        line = line[:MAX_SECTION]
        if chunk and len(chunk) + 1 + len(line) > MAX_SECTION:
            blocks.append(SectionBlock(text=_md(chunk)))
            chunk = ""
        chunk = f"{chunk}\n{line}" if chunk else line
    if chunk:
        blocks.append(SectionBlock(text=_md(chunk)))
    return blocks


def card_blocks(scenario: Scenario, *, trainer: str, rep: str | None) -> list[Block]:
    who = (messages.ROLEPLAY_FOR.format(reps=f"<@{rep}>", trainer=trainer) if rep
           else messages.ROLEPLAY_OPEN.format(trainer=trainer))
    return [SectionBlock(text=_md(messages.ROLEPLAY_CARD_TITLE.format(customer=escape(scenario.customer)))),
            *_sections(scenario_lines(scenario, escape)),
            ContextBlock(elements=[_md(who)])]


def customer_blocks(scenario: Scenario, text: str) -> list[Block]:
    return [SectionBlock(text=_md(messages.ROLEPLAY_CUSTOMER.format(customer=escape(scenario.customer),
                                                                    text=escape(text))))]


def scorecard_blocks(card: Scorecard, *, rep: str | None) -> list[Block]:
    title = messages.ROLEPLAY_SCORE_TITLE.format(rep=f"<@{rep}>" if rep else _("this session"))
    blocks = [SectionBlock(text=_md(title)), *_sections(scorecard_lines(card, escape)),
              *_sections(claims_lines(card, escape)), DividerBlock(), *_sections(model_lines(card, escape))]
    return blocks[:MAX_BLOCKS]


def results_blocks(rows: list[dict], *, refused: bool) -> list[Block]:
    def who(rep: str) -> str:
        return f"<@{rep}>" if rep.isalnum() and rep[:1] in "UW" else escape(rep)

    blocks: list[Block] = []
    if refused:
        blocks.append(SectionBlock(text=_md(messages.ROLEPLAY_RESULTS_TRAINERS)))
    blocks.append(SectionBlock(text=_md(messages.ROLEPLAY_RESULTS_TITLE)))
    blocks += _sections(results_lines(rows, who=who))
    return blocks[:MAX_BLOCKS]


def pitch_blocks(scenario: Scenario, exchanges: list[Exchange], card: Scorecard) -> list[Block]:
    lines = []
    for exchange in exchanges:
        if exchange.rep:
            lines.append(_("*Rep:* {text}").format(text=escape(exchange.rep)))
        if exchange.customer:
            lines.append(messages.ROLEPLAY_CUSTOMER.format(customer=escape(scenario.customer),
                                                           text=escape(exchange.customer)))
    blocks = [SectionBlock(text=_md(messages.ROLEPLAY_PITCH_TITLE)), *_sections(scenario_lines(scenario, escape)),
              DividerBlock(), *_sections(lines), DividerBlock(), *_sections(scorecard_lines(card, escape))]
    return blocks[:MAX_BLOCKS]
