"""Render answers as Block Kit (slack_sdk.models). Pure: data in, blocks out, nothing sent.

A message is rendered from the answer as stored with its deal plus the offers' current
outcomes, so the first reply and every update after a click come from the same function.
"""

from __future__ import annotations

import copy
import functools
import json

from slack_sdk.models.blocks import (
    ActionsBlock,
    Block,
    ButtonElement,
    ContextBlock,
    DividerBlock,
    MarkdownTextObject,
    SectionBlock,
)

from bot.advisor import glance
from bot.advisor.candidates import SOURCE_LABELS
from bot.advisor.money import money
from bot.language.speech import _, current, speaking
from bot.offers import Deal, Offer
from bot.slack import messages

MAX_BLOCKS, MAX_SECTION, MAX_LABEL, MAX_VALUE, MAX_ID = 50, 3000, 75, 2000, 255
OPEN_SUFFIX = "_open"  # on an offer's actions block: its Details are showing


def escape(text: str) -> str:
    """User and catalog text shown back: never a ping (<!channel>), never broken markup."""
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def _md(text: str) -> MarkdownTextObject:
    return MarkdownTextObject(text=text[:MAX_SECTION])


def _button(label: str, action_id: str, value: str, style: str | None = None) -> ButtonElement:
    return ButtonElement(text=label[:MAX_LABEL], action_id=action_id[:MAX_ID],
                         value=value[:MAX_VALUE], style=style)


def answer_blocks(deal: Deal, *, shareable: bool = False, shared_by: str | None = None,
                  expanded: frozenset[int] = frozenset()) -> list[Block | Rendered]:
    """The answer in the order of the conversation: the product and the deal, the upsell, then
    the cross-sells; each offer one headline, one reason and its buttons. `expanded`: the offers
    whose Details are open. In the language the answer was made in."""
    with speaking(deal.advice.get("language")):
        return _answer_blocks(deal, shareable=shareable, shared_by=shared_by, expanded=expanded)


def _answer_blocks(deal: Deal, *, shareable: bool, shared_by: str | None,
                   expanded: frozenset[int]) -> list[Block | Rendered]:
    advice = deal.advice
    anchor = advice["anchor"]
    totals = glance.deal_totals(advice, deal.outcomes)
    blocks: list[Block | Rendered] = []
    if advice.get("question"):
        blocks.append(ContextBlock(elements=[_md(f"❯ {escape(advice['question'])}")]))
    blocks.append(SectionBlock(text=_md(
        f"*{escape(anchor['name'])}* (`{escape(anchor['sku'])}`) · {glance.deal_line(totals)}")))
    facts = [line for line in (glance.budget_line(totals),) if line]
    facts += [escape(note) for note in advice.get("notes", [])]
    if facts:
        blocks.append(ContextBlock(elements=[_md(" · ".join(facts))]))
    accepted = glance.accepted_line(totals)
    if accepted:
        blocks.append(SectionBlock(text=_md(f"✅ {escape(accepted)}")))
    if not anchor.get("confident", True) and advice.get("alternatives"):
        blocks += _pick_blocks(advice["alternatives"], deal_id=deal.id, text=messages.NOT_SURE)
    for kind, title, timing in glance.sections():
        if advice.get("mode") not in ("both", kind):
            continue
        blocks += [DividerBlock(), SectionBlock(text=_md(f"*{title}* · {timing}"))]
        suggestions = advice.get(kind, [])
        if not suggestions:
            blocks.append(ContextBlock(elements=[_md(messages.NO_SUGGESTIONS)]))
        for rank, suggestion in enumerate(suggestions, start=1):
            offer = deal.offer_for(kind, rank)
            blocks += _offer_blocks(suggestion, kind, offer, totals,
                                    open_=offer is None or offer.id in expanded)
    if shareable:
        blocks.append(ActionsBlock(block_id=f"share_{deal.id}", elements=[
            _button(messages.SHARE, "share_deal", str(deal.id))]))
    if shared_by:
        blocks.append(ContextBlock(elements=[_md(messages.SHARED_BY.format(user=shared_by))]))
    return blocks


def every_offer(deal: Deal) -> frozenset[int]:
    """Every offer's Details open: the whole answer, as the expanded view shows it."""
    return frozenset(o.id for o in deal.offers)


class Rendered:
    """A block already turned into its Block Kit dict (validated by slack_sdk when it was)."""

    def __init__(self, block: dict):
        self.block = block

    def to_dict(self) -> dict:
        return copy.deepcopy(self.block)


def _offer_blocks(s: dict, kind: str, offer: Offer | None, totals: glance.DealTotals, *,
                  open_: bool) -> list[Rendered]:
    """One offer with its buttons. A click re-renders the whole message, so each offer's
    blocks are kept by content: only the clicked offer's are built (and validated) again."""
    state = None if offer is None else (offer.id, offer.outcome, offer.outcome_by, offer.outcome_at)
    price = glance.headline_price(s, kind, totals)
    return [Rendered(block) for block in _offer_dicts(json.dumps(s, sort_keys=True), kind, price, state, open_,
                                                      current())]


@functools.lru_cache(maxsize=1024)  # the recent messages' offers, a few KB each
def _offer_dicts(suggestion: str, kind: str, price: str, state: tuple | None, open_: bool,
                 language: str) -> tuple[dict, ...]:  # the buttons' language is part of the key
    return tuple(block.to_dict() for block in _built_offer_blocks(json.loads(suggestion), kind, price,
                                                                  state, open_))


def _built_offer_blocks(s: dict, kind: str, price: str, state: tuple | None, open_: bool) -> list[Block]:
    blocks: list[Block] = [SectionBlock(text=_md(
        f"*{escape(s['name'])}* · {price}\n{escape(glance.reason(s))}"))]
    if open_:
        lines = [f"• {escape(point)}" for point in glance.details(s)]
        lines.append(f"_{escape(s['objection'])}_")
        why = s.get("why") or ", ".join(_(SOURCE_LABELS.get(src, src)) for src in s["sources"])
        blocks += [SectionBlock(text=_md("\n".join(lines))),
                   ContextBlock(elements=[_md(f"`{escape(s['sku'])}` · " + _("why: {why}").format(why=escape(why)))])]
    if state is not None:
        blocks += _outcome_block(*state, open_=open_)
    return blocks


def _outcome_block(offer_id: int, outcome: str | None, outcome_by: str | None,
                   outcome_at: str | None, *, open_: bool) -> list[Block]:
    """Buttons to log the answer (once logged: who logged what, with Undo and Change) and to
    open or close the offer's Details. The block id says whether they are open, so a click on
    its buttons keeps them so."""
    accept = _button(messages.ACCEPTED, f"offer_accept_{offer_id}", str(offer_id), "primary")
    decline = _button(messages.DECLINED, f"offer_decline_{offer_id}", str(offer_id))
    details = (_button(messages.HIDE_DETAILS, f"offer_hide_{offer_id}", str(offer_id)) if open_ else
               _button(messages.DETAILS, f"offer_details_{offer_id}", str(offer_id)))
    block_id = f"offer_{offer_id}" + (OPEN_SUFFIX if open_ else "")
    if outcome is None:
        return [ActionsBlock(block_id=block_id, elements=[accept, decline, details])]
    logged = messages.LOGGED_BY.format(outcome=messages.outcome(outcome),
                                       user=outcome_by, time=(outcome_at or "")[11:16])
    change = decline if outcome == "accepted" else accept
    change.style = None
    return [ContextBlock(elements=[_md(logged)]),
            ActionsBlock(block_id=block_id, elements=[
                _button(messages.UNDO, f"offer_undo_{offer_id}", str(offer_id)), change, details])]


def _pick_blocks(alternatives: list[dict], *, deal_id: int | None, text: str) -> list[Block]:
    """Buttons to choose another product: the value carries the SKU (and the deal it replaces)."""
    buttons = [_button(f"{a['name']} · {money(a['price'])}", f"pick_anchor_{i}",
                       f"{a['sku']}|{deal_id or ''}") for i, a in enumerate(alternatives[:5])]
    return [SectionBlock(text=_md(text)), ActionsBlock(block_id="pick_anchor", elements=buttons)]


def not_found_blocks(question: str, alternatives: list[dict]) -> list[Block]:
    blocks: list[Block] = [SectionBlock(text=_md(messages.NOT_FOUND.format(
        question=escape(question))))]
    if alternatives:
        blocks += _pick_blocks(alternatives, deal_id=None, text=messages.DID_YOU_MEAN)
    return blocks


def help_blocks() -> list[Block]:
    return [SectionBlock(text=_md(messages.HELP))]


def home_blocks() -> list[Block]:
    return [SectionBlock(text=_md(messages.HOME_TITLE)), DividerBlock(), *help_blocks()]


def sync_blocks(run: dict | None) -> list[Block]:
    """For managers: how the last catalog sync went; a failure stays here until a run succeeds."""
    if run is None or run.get("finished_at") is None:
        return []
    when = run["finished_at"].replace("T", " ")[:16] + " UTC"
    if run["ok"]:
        text = messages.SYNC_OK.format(when=when, url=escape(run["url"]), added=run["added"],
                                       updated=run["updated"], discontinued=run["discontinued"])
        return [ContextBlock(elements=[MarkdownTextObject(text=text)])]
    return [SectionBlock(text=_md(messages.SYNC_FAILED.format(when=when, message=escape(run["message"]))))]


def text_blocks(text: str) -> list[Block]:
    return [SectionBlock(text=_md(text))]


def to_dicts(blocks: list[Block]) -> list[dict]:
    return [b.to_dict() for b in blocks]
