"""Buttons: log the customer's answer, undo or change it, share, pick another product."""

from __future__ import annotations

import re

from slack_bolt import Ack, App, Respond

from bot.bootstrap import Services
from bot.language.speech import speaking
from bot.offers import UnknownOffer
from bot.offers.recording import pick_and_log
from bot.slack import blocks, messages
from bot.slack.later import Later
from bot.slack.listeners.replies import answer_message, apologising
from bot.slack.locale import stored_language

OUTCOME_ACTION = re.compile(r"^offer_(accept|decline|undo)_\d+$")
DETAILS_ACTION = re.compile(r"^offer_(details|hide)_\d+$")
OUTCOMES = {"accept": "accepted", "decline": "declined", "undo": None}


def register(app: App, services: Services, later: Later) -> None:
    log = services.offers

    def spoken(body: dict):
        """The rep's language as stored (a click is answered without asking Slack again)."""
        return speaking(stored_language(services, body["user"]["id"]))

    def ephemeral(body: dict) -> bool:
        return bool(body.get("container", {}).get("is_ephemeral"))

    @app.action(OUTCOME_ACTION)
    def outcome(ack: Ack, action: dict, body: dict, respond: Respond) -> None:
        ack()
        later(log_outcome, action, body, respond, key=message_key(body), delivery=body)

    def log_outcome(action: dict, body: dict, respond: Respond) -> None:
        with spoken(body), apologising(respond):
            verb = OUTCOME_ACTION.match(action["action_id"]).group(1)
            try:
                offer, _ = log.set_outcome(int(action["value"]), OUTCOMES[verb],
                                           by=body["user"]["id"], clicked=_click_time(action))
            except UnknownOffer:
                respond(text=messages.UNKNOWN_OFFER, replace_original=False)
                return
            keep_open = action.get("block_id", "").endswith(blocks.OPEN_SUFFIX)
            redraw(offer, body, respond, opened=keep_open)

    @app.action(DETAILS_ACTION)
    def details(ack: Ack, action: dict, body: dict, respond: Respond) -> None:
        ack()
        later(show_details, action, body, respond, key=message_key(body), delivery=body)

    def show_details(action: dict, body: dict, respond: Respond) -> None:
        """Open or close one offer's Details in place: a view change, nothing is logged."""
        with spoken(body), apologising(respond):
            try:
                offer = log.offer(int(action["value"]))
            except UnknownOffer:
                respond(text=messages.UNKNOWN_OFFER, replace_original=False)
                return
            redraw(offer, body, respond, opened=DETAILS_ACTION.match(action["action_id"]).group(1) == "details")

    def redraw(offer, body: dict, respond: Respond, *, opened: bool) -> None:
        """The offer's message again, in place, from the log: its Details open or closed."""
        deal = log.deal(offer.deal_id)
        with speaking(deal.advice.get("language")):
            text = messages.fallback(deal.anchor_name, *_counts(deal.advice))
        respond(replace_original=True, text=text, blocks=blocks.to_dicts(blocks.answer_blocks(
            deal, shareable=ephemeral(body), expanded=frozenset({offer.id}) if opened else frozenset())))

    @app.action("share_deal")
    def share(ack: Ack, action: dict, body: dict, respond: Respond) -> None:
        ack()
        later(share_deal, action, body, respond, delivery=body)

    def share_deal(action: dict, body: dict, respond: Respond) -> None:
        with spoken(body), apologising(respond):
            deal = log.deal(int(action["value"]))
            with speaking(deal.advice.get("language")):
                text = messages.fallback(deal.anchor_name, *_counts(deal.advice))
            respond(response_type="in_channel", replace_original=False, text=text,
                    blocks=blocks.to_dicts(blocks.answer_blocks(deal, shared_by=body["user"]["id"])))

    @app.action(re.compile(r"^pick_anchor_\d+$"))
    def pick(ack: Ack, action: dict, body: dict, respond: Respond) -> None:
        ack()
        later(pick_anchor, action, body, respond, key=message_key(body), delivery=body)

    def pick_anchor(action: dict, body: dict, respond: Respond) -> None:
        sku, _, old = action["value"].partition("|")
        replaces = log.deal(int(old)) if old else None
        language = speaking(replaces.advice.get("language")) if replaces else spoken(body)
        with language, apologising(respond):  # the answer it replaces was in this language
            message_ts = body.get("container", {}).get("message_ts") or body["trigger_id"]
            answer = pick_and_log(services.advisor(), log, sku, replaces=replaces,
                                  rep=body["user"]["id"], team=body.get("team", {}).get("id"),
                                  channel=body.get("channel", {}).get("id"),
                                  source_key=f"pick:{message_ts}:{sku}")
            respond(replace_original=True,
                    **answer_message(answer, question=sku, shareable=ephemeral(body)))


def message_key(body: dict) -> tuple | None:
    """Clicks on one message are answered in the order they came: each rewrites that message."""
    container = body.get("container", {})
    ts = container.get("message_ts")
    return ("message", container.get("channel_id"), ts) if ts else None


def _click_time(action: dict) -> float | None:
    """When the rep clicked, as Slack stamps the action ("1700000000.123456")."""
    try:
        return float(action["action_ts"])
    except (KeyError, TypeError, ValueError):
        return None


def _counts(advice: dict) -> tuple[int, int]:
    return len(advice.get("cross_sell", [])), len(advice.get("upsell", []))
