"""The weekly summary as Block Kit."""

from __future__ import annotations

from slack_sdk.models.blocks import Block, ContextBlock, DividerBlock, MarkdownTextObject, SectionBlock

from bot.reports.weekly import WeeklyReport
from bot.reports.wording import definitions_line, products_lines, summary_lines, table_lines

MAX_SECTION = 3000


def _sections(lines: list[str]) -> list[Block]:
    """Lines packed into as few sections as fit Slack's 3,000 characters each."""
    blocks, chunk = [], ""
    for line in lines:
        if chunk and len(chunk) + 1 + len(line) > MAX_SECTION:
            blocks.append(SectionBlock(text=MarkdownTextObject(text=chunk)))
            chunk = ""
        chunk = f"{chunk}\n{line}" if chunk else line[:MAX_SECTION]
    if chunk:
        blocks.append(SectionBlock(text=MarkdownTextObject(text=chunk)))
    return blocks


def report_blocks(report: WeeklyReport) -> list[Block]:
    blocks = _sections(summary_lines(report))
    if report.team.deals:
        if not report.rep:
            blocks += [DividerBlock(), *_sections(table_lines(report.per_rep, label="rep",
                                                              mention=True))]
        blocks += _sections(table_lines(report.per_category, label="category"))
        products = products_lines(report)
        if products:
            blocks += _sections(products)
    blocks.append(ContextBlock(elements=[MarkdownTextObject(text=definitions_line()[:MAX_SECTION])]))
    return blocks
