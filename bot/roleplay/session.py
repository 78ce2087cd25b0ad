"""Running role-play sessions: start one, pass the rep's replies to the customer, score it.

This is the one place the parts meet: the scenario (catalog + seed), the reader (what the rep
said), the customer (a pure function) and the store. The CLI and the Slack bot both call it.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from bot.advisor import Advisor
from bot.language import DEFAULT
from bot.language.speech import speaking
from bot.roleplay.customer import State, opening, respond
from bot.roleplay.library import Library, load_library
from bot.roleplay.scenario import Scenario, build_scenario, said_in_force
from bot.roleplay.scoring import Scorecard, score
from bot.roleplay.store import RoleplayStore, Session
from bot.roleplay.understanding import Reader, Understanding
from catalog.database import Database
from embeddings import Encoder

DONE_WORDS = {"done", "/done", "end", "score", "finish", "finished"}


class SessionOver(RuntimeError):
    """A reply to a session that has been scored already."""


@dataclass(frozen=True)
class Reply:
    customer: str  # what the customer says ("" when nothing more is said)
    state: State
    understood: Understanding
    ended: bool  # the customer wrapped up or walked away: time for the scorecard


class Roleplay:
    def __init__(self, *, advisor: Advisor, encoder: Encoder, db: Database, library: Library | None = None):
        self.advisor = advisor
        self.library = library or load_library()
        self.reader = Reader(advisor, encoder, self.library)
        self.store = RoleplayStore(db)

    def scenario(self, *, sku: str | None = None, product: str | None = None, difficulty: str = "normal",
                 seed: int | None = None) -> Scenario:
        return build_scenario(self.advisor, self.library, sku=sku, product=product, difficulty=difficulty,
                              seed=seed)

    def start(self, scenario: Scenario, *, rep: str | None = None, trainer: str | None = None,
              channel: str | None = None, thread_ts: str | None = None,
              source_key: str | None = None) -> Session:
        line, state = opening(scenario, self.library)
        return self.store.create(scenario, state, line, rep=rep, trainer=trainer, channel=channel,
                                 thread_ts=thread_ts, source_key=source_key)

    def step(self, scenario: Scenario, state: State, text: str) -> Reply:
        """Pure with respect to the store: what the customer answers to `text`."""
        focus = state.pending or (list(state.offers)[-1] if state.offers else None)
        heard = self.reader.read(text, scenario, choice=state.choice, focus=focus, said_to=state.last_line)
        line, after = respond(scenario, state, heard, self.library)
        return Reply(customer=line, state=after, understood=heard, ended=after.ended is not None)

    def reply(self, session: Session, text: str, *, user: str | None = None) -> Reply | None:
        """The customer's answer to the rep, stored as the next turn. None if a twin got there first."""
        if not session.live:
            raise SessionOver(f"session {session.id} has been scored already")
        reply = self.step(session.scenario, session.state, text)
        number = session.turns[-1].number + 1 if session.turns else 1
        stored = self.store.add_turn(session.id, number=number, rep_text=text, rep_user=user,
                                     understood=reply.understood, customer_text=reply.customer, state=reply.state)
        return reply if stored else None

    def finish(self, session: Session) -> tuple[Scorecard, bool]:
        """The scorecard, stored once; the bool says whether this call stored it."""
        if session.scorecard is not None:
            return session.scorecard, False
        card = scorecard(session, advisor=self.advisor)
        return card, self.store.finish(session.id, card)

    def session(self, session_id: int) -> Session:
        return self.store.session(session_id)


def scorecard(session: Session, *, advisor: Advisor | None = None) -> Scorecard:
    """Scored in the language in force; with the advisor, its model pitch is said in it too."""
    heard = [t.understood for t in session.turns if t.understood is not None]
    scenario = session.scenario if advisor is None else said_in_force(advisor, session.scenario)
    return score(scenario, heard, session.state)


def is_done(text: str) -> bool:
    return text.strip().lower().strip(".!") in DONE_WORDS


def play(roleplay: Roleplay, session: Session, lines: Iterable[str], *,
         heard: Callable[[str, Reply], None] | None = None) -> Session:
    """A scripted session: each line a rep reply ("#" lines and blanks skipped) until `done`, the
    end of the lines or the customer ending it. `heard(text, reply)` sees each exchange."""
    for text in lines:
        text = text.strip()
        if not text or text.startswith("#"):
            continue
        if is_done(text):
            break
        reply = roleplay.reply(session, text, user=session.rep)
        session = roleplay.session(session.id)
        if heard is not None and reply is not None:
            heard(text, reply)
        if reply is not None and reply.ended:
            break
    return session


@dataclass(frozen=True)
class Exchange:
    """One turn of a conversation that is not stored: the model pitch."""

    rep: str | None
    customer: str


def model_pitch(roleplay: Roleplay, scenario: Scenario) -> tuple[list[Exchange], Scorecard]:
    """The bot plays the rep against the scenario's customer, with the advisor's talking points."""
    from bot.roleplay.customer import MAX_TURNS
    from bot.roleplay.pitch import DONE, model_reply

    with speaking(DEFAULT):  # the bot plays the rep to a customer who speaks English: in English
        english = said_in_force(roleplay.advisor, scenario)
        line, state = opening(english, roleplay.library)
        exchanges, heard = [Exchange(None, line)], []
        for _ in range(MAX_TURNS):
            text = model_reply(english, state, roleplay.advisor)
            if text == DONE or any(text == e.rep for e in exchanges):
                break  # nothing new to say: a good rep does not repeat the pitch
            reply = roleplay.step(english, state, text)
            state = reply.state
            heard.append(reply.understood)
            exchanges.append(Exchange(text, reply.customer))
            if reply.ended:
                break
    return exchanges, score(said_in_force(roleplay.advisor, scenario), heard, state)  # scored in the trainer's
