"""Role-play in Slack: `/salesbot roleplay …` and the replies in a role-play thread.

The command opens one thread per rep (posted to the channel, so there is a thread), with the
scenario card and the customer's first line. Replies in that thread go to the customer, who
answers in the thread; `done` (or the customer wrapping up) posts the scorecard. Every delivery
is claimed once in the offer log, so a Slack retry never makes a second session or reply.
"""

from __future__ import annotations

import random
import re

from slack_bolt import Respond
from slack_sdk import WebClient
from slack_sdk.errors import SlackApiError

from bot.bootstrap import Services
from bot.inbox import delivery_key
from bot.language.speech import _, speaking
from bot.roleplay import RoleplayDataError
from bot.roleplay.scenario import DIFFICULTIES
from bot.roleplay.session import is_done, model_pitch
from bot.roleplay.store import RoleplayStore, Session
from bot.slack import blocks, messages
from bot.slack.access import is_trainer
from bot.slack.locale import stored_language
from bot.slack.roleplay_blocks import (
    card_blocks,
    customer_blocks,
    pitch_blocks,
    results_blocks,
    scorecard_blocks,
)
from catalog.errors import UnknownProduct

COMMAND = re.compile(r"^role-?play\b\s*(?P<rest>.*)$", re.IGNORECASE | re.DOTALL)
USER = re.compile(r"<@([UW][A-Z0-9]+)(?:\|[^>]*)?>")
SEED = re.compile(r"\bseed\s*[:=]?\s*(\d{1,9})\b", re.IGNORECASE)
OWN = {"me", "mine", "my", "own"}
BOT_MENTION = re.compile(r"<@[A-Z0-9]+(?:\|[^>]*)?>")


def ephemeral(respond: Respond, text: str) -> None:
    respond(response_type="ephemeral", text=text, blocks=blocks.to_dicts(blocks.text_blocks(text)))


def parse(rest: str) -> dict:
    """'ProBook 450 hard @anna seed 7' -> product, difficulty, reps, seed."""
    reps = list(dict.fromkeys(USER.findall(rest)))
    rest = USER.sub(" ", rest)
    seed = SEED.search(rest)
    rest = SEED.sub(" ", rest)
    words = [w for w in rest.split() if not w.startswith("@")]  # unescaped @names: not product words
    difficulty = next((w.lower() for w in words if w.lower() in DIFFICULTIES), "normal")
    product = " ".join(w for w in words if w.lower() not in DIFFICULTIES) or None
    return {"product": product, "difficulty": difficulty, "reps": reps,
            "seed": int(seed.group(1)) if seed else None}


def command(services: Services, command: dict, respond: Respond, client: WebClient, rest: str) -> None:
    words = rest.split()
    head = words[0].lower() if words else ""
    if head in ("help", "?"):
        ephemeral(respond, messages.ROLEPLAY_HELP)
    elif head == "results":
        results(services, command, respond, client, " ".join(words[1:]))
    elif head == "demo":
        demo(services, respond, " ".join(words[1:]))
    else:
        start(services, command, respond, client, rest)


def start(services: Services, command: dict, respond: Respond, client: WebClient, rest: str) -> None:
    user, channel = command["user_id"], command["channel_id"]
    wanted = parse(rest)
    trainer = is_trainer(user, services.settings, client)
    if wanted["reps"] and not trainer:
        ephemeral(respond, messages.ROLEPLAY_ASSIGN_TRAINERS)
        return
    seed = wanted["seed"] if wanted["seed"] is not None else random.SystemRandom().randrange(1, 1_000_000)
    scenario = _scenario_or_say_why(services, respond, wanted, seed)
    if scenario is None:
        return
    engine = services.roleplay()
    reps = wanted["reps"] or [None if trainer else user]
    started = 0
    for rep in reps:
        try:
            with _spoken(services, rep or user):  # each rep's thread in that rep's language
                posted = client.chat_postMessage(
                    channel=channel, text=messages.roleplay_fallback(scenario.customer, scenario.anchor["name"]),
                    blocks=blocks.to_dicts(card_blocks(scenario, trainer=user, rep=rep)))
        except SlackApiError as e:
            if e.response.get("error") in ("not_in_channel", "channel_not_found"):
                ephemeral(respond, messages.ROLEPLAY_NOT_IN_CHANNEL)
                return
            raise
        with _spoken(services, rep or user):  # the opening's figures written the rep's way too
            session = engine.start(scenario, rep=rep, trainer=user, channel=channel, thread_ts=posted["ts"],
                                   source_key=f"command:{command['trigger_id']}:{rep or ''}")
            _say(client, session, session.turns[0].customer_text)
        started += 1
    ephemeral(respond, messages.roleplay_started(started))


def _say(client: WebClient, session: Session, text: str) -> None:
    client.chat_postMessage(channel=session.channel, thread_ts=session.thread_ts, text=text,
                            blocks=blocks.to_dicts(customer_blocks(session.scenario, text)))


def _spoken(services: Services, user: str | None):
    """A user's language as stored (a thread reply is answered without asking Slack again)."""
    return speaking(stored_language(services, user))


def _score(services: Services, client: WebClient, session: Session, user: str | None) -> None:
    """Scored and said in the rep's language (the notes are written when it is scored)."""
    with _spoken(services, session.rep or user):
        card, stored = services.roleplay().finish(session)
        if stored:
            client.chat_postMessage(channel=session.channel, thread_ts=session.thread_ts,
                                    text=_("Score: {score}/100").format(score=card.score),
                                    blocks=blocks.to_dicts(scorecard_blocks(card, rep=session.rep)))


def in_thread(services: Services, event: dict, body: dict, client: WebClient) -> bool:
    """A message in a role-play thread: the customer answers. False when it is not one."""
    thread = event.get("thread_ts")
    if not thread or event.get("channel_type") == "im":
        return False
    store = RoleplayStore(services.db)
    session = store.by_thread(event["channel"], thread)
    if session is None:
        return False
    if event.get("bot_id") or event.get("subtype"):
        return True
    if not services.offers.claim(f"roleplay:{event['channel']}:{event['ts']}", by=delivery_key(body)):
        return True  # a retry, or the app_mention twin of this message
    user = event.get("user")
    text = " ".join(BOT_MENTION.sub(" ", event.get("text", "")).split())
    if not session.live:
        with _spoken(services, user):
            client.chat_postEphemeral(channel=session.channel, user=user, thread_ts=thread,
                                      text=messages.ROLEPLAY_OVER)
        return True
    if is_done(text) and (session.rep is None or user in (session.rep, session.trainer)):
        _score(services, client, session, user)
        return True
    if session.rep and user != session.rep:
        if user != session.trainer:  # a trainer's coaching in the thread is not a turn
            with _spoken(services, user):
                client.chat_postEphemeral(channel=session.channel, user=user, thread_ts=thread,
                                          text=messages.ROLEPLAY_NOT_YOURS.format(rep=session.rep))
        return True
    if not text:
        return True
    with _spoken(services, user):  # the flags on the rep's figures are written as the reply is read
        reply = services.roleplay().reply(session, text, user=user)
        if reply is None:
            return True
        if reply.customer:
            _say(client, session, reply.customer)
    if reply.ended:
        _score(services, client, store.session(session.id), user)
    return True


def results(services: Services, command: dict, respond: Respond, client: WebClient, rest: str) -> None:
    user = command["user_id"]
    trainer = is_trainer(user, services.settings, client)
    named = USER.findall(rest)
    store = RoleplayStore(services.db)
    if trainer:
        rows = store.results(rep=named[0] if named else None)
        refused = False
    else:
        rows = store.results(rep=user)
        refused = not (named == [user] or rest.strip().lower() in OWN)
    text = messages.ROLEPLAY_RESULTS_TRAINERS if refused else messages.ROLEPLAY_RESULTS_TITLE
    respond(response_type="ephemeral", text=text,
            blocks=blocks.to_dicts(results_blocks(rows, refused=refused)))


def demo(services: Services, respond: Respond, rest: str) -> None:
    wanted = parse(rest)
    if not wanted["product"]:
        ephemeral(respond, messages.ROLEPLAY_HELP)
        return
    scenario = _scenario_or_say_why(services, respond, wanted, wanted["seed"])
    if scenario is None:
        return
    engine = services.roleplay()
    exchanges, card = model_pitch(engine, scenario)
    respond(response_type="ephemeral", text=messages.ROLEPLAY_PITCH_TITLE,
            blocks=blocks.to_dicts(pitch_blocks(scenario, exchanges, card)))


def _scenario_or_say_why(services: Services, respond: Respond, wanted, seed: int | None):
    """The scenario asked for, or None after telling the user why there is none."""
    try:
        return services.roleplay().scenario(product=wanted["product"], difficulty=wanted["difficulty"],
                                            seed=seed)
    except UnknownProduct as e:
        hint = "; " + _("did you mean {products}?").format(products=", ".join(e.did_you_mean)) if e.did_you_mean else ""
        ephemeral(respond, messages.ROLEPLAY_UNKNOWN_PRODUCT.format(product=blocks.escape(e.sku), hint=hint))
    except RoleplayDataError as e:
        ephemeral(respond, messages.ROLEPLAY_BAD_DATA.format(error=blocks.escape(str(e))))
    return None
