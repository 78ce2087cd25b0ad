"""Answer a question and log it as a deal in one step: the path every front end takes."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import datetime

from bot.advisor import Advice, Advisor
from bot.advisor.question import parse_question
from bot.offers.log import Deal, OfferLog


@dataclass(frozen=True)
class Answer:
    advice: Advice
    deal: Deal | None  # None when no product was found (nothing to offer, nothing logged)
    created: bool  # False when this delivery was answered before: do not reply twice


def ask_and_log(advisor: Advisor, log: OfferLog, text: str, *, rep: str,
                team: str | None = None, channel: str | None = None,
                source_key: str | None = None, at: datetime | None = None,
                language: str | None = None) -> Answer:
    advice = advisor.ask(text, language=language)
    if advice.anchor is None:
        return Answer(advice, None, True)
    deal, created = log.record(advice, rep=rep, team=team, channel=channel,
                               source_key=source_key, at=at)
    return Answer(advice, deal, created)


def pick_and_log(advisor: Advisor, log: OfferLog, sku: str, *, replaces: Deal | None, rep: str,
                 team: str | None = None, channel: str | None = None,
                 source_key: str | None = None) -> Answer:
    """The rep chose another product than the one understood: answer for it instead."""
    question = replaces.advice.get("question") if replaces else None
    anchor = advisor.catalog.get(sku)
    if anchor is None:
        advice = advisor.ask(sku)
        return Answer(advice, None, True)
    advice = advisor.advise(anchor, question=parse_question(question) if question else None)
    deal, created = log.record(advice, rep=rep, team=team, channel=channel, source_key=source_key)
    if replaces is not None and created:
        log.supersede(replaces.id, deal.id)
    return Answer(advice, deal, created)
