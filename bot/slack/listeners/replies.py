"""Shared by the listeners: turn the domain's answer into one reply, and never fail silently."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import Callable, Iterator

from bot.offers.recording import Answer
from bot.slack import blocks, messages

log = logging.getLogger("salesbot.slack")


def answer_message(answer: Answer, *, question: str, shareable: bool) -> dict:
    """Keyword arguments for respond() / chat_postMessage() carrying this answer."""
    advice = answer.advice
    if answer.deal is None:
        alternatives = [m.to_dict() for m in advice.alternatives]
        return {"blocks": blocks.to_dicts(blocks.not_found_blocks(question, alternatives)),
                "text": messages.fallback(None, 0, 0)}
    return {"blocks": blocks.to_dicts(blocks.answer_blocks(answer.deal, shareable=shareable)),
            "text": messages.fallback(advice.anchor.name, len(advice.cross_sell),
                                      len(advice.upsell))}


@contextlib.contextmanager
def apologising(send: Callable[..., object]) -> Iterator[None]:
    """An internal error: the traceback goes to the log, a short apology to the user."""
    try:
        yield
    except Exception:
        log.exception("failed to answer a Slack request")
        send(blocks=blocks.to_dicts(blocks.text_blocks(messages.SORRY)), text=messages.SORRY)
