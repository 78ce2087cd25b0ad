"""Role-play sessions, their turns and scores in the salesbot SQLite file."""

from __future__ import annotations

import json
from dataclasses import dataclass
from datetime import UTC, datetime

from bot.roleplay.customer import State
from bot.roleplay.migrations import MIGRATIONS
from bot.roleplay.scenario import Scenario
from bot.roleplay.scoring import Scorecard
from bot.roleplay.understanding import Understanding
from catalog.database import Database
from catalog.migrations import migrate


class UnknownSession(LookupError):
    def __init__(self, session_id):
        super().__init__(f"no role-play session with id {session_id!r}; see `salesbot roleplay results`")


@dataclass(frozen=True)
class Turn:
    number: int
    rep_text: str | None
    rep_user: str | None
    understood: Understanding | None
    customer_text: str
    at: str

    def to_dict(self) -> dict:
        data = {"turn": self.number, "rep": self.rep_text, "customer": self.customer_text}
        if self.understood is not None:
            u = self.understood
            data["understood"] = {"offers": [o.sku for o in u.offers],
                                  "flagged_claims": [{"claim": c.claim, "actual": c.actual} for c in u.flagged],
                                  "pressure": list(u.pressure)}
        return data


@dataclass(frozen=True)
class Session:
    id: int
    rep: str | None
    trainer: str | None
    channel: str | None
    thread_ts: str | None
    scenario: Scenario
    state: State
    status: str
    score: int | None
    scorecard: Scorecard | None
    created_at: str
    finished_at: str | None
    turns: tuple[Turn, ...] = ()

    @property
    def live(self) -> bool:
        return self.status == "live"


def _now() -> str:
    return datetime.now(UTC).isoformat(timespec="seconds")


class RoleplayStore:
    def __init__(self, db: Database):
        self.db = db
        migrate(db, MIGRATIONS, scope="roleplay")

    def create(self, scenario: Scenario, state: State, opening: str, *, rep: str | None = None,
               trainer: str | None = None, channel: str | None = None, thread_ts: str | None = None,
               source_key: str | None = None) -> Session:
        """A new session with the customer's opening line; an existing one for a known source_key."""
        with self.db.writing() as db:
            if source_key:
                row = db.execute("SELECT id FROM roleplay_sessions WHERE source_key = ?", [source_key]).fetchone()
                if row:
                    return self.session(row[0])
            at = _now()
            cursor = db.execute(
                "INSERT INTO roleplay_sessions (source_key, rep, trainer, channel, thread_ts, seed, difficulty, "
                "anchor_sku, scenario, state, created_at) VALUES (?,?,?,?,?,?,?,?,?,?,?) RETURNING id",
                [source_key, rep, trainer, channel, thread_ts, scenario.seed, scenario.difficulty,
                 scenario.anchor["sku"], json.dumps(scenario.to_dict(), ensure_ascii=False),
                 json.dumps(state.to_dict(), ensure_ascii=False), at])
            session_id = cursor.fetchone()[0]
            db.execute("INSERT INTO roleplay_turns (session_id, number, customer_text, at) VALUES (?,?,?,?)",
                       [session_id, 0, opening, at])
        return self.session(session_id)

    def attach_thread(self, session_id: int, channel: str, thread_ts: str) -> None:
        with self.db.writing() as db:
            db.execute("UPDATE roleplay_sessions SET channel = ?, thread_ts = ? WHERE id = ?",
                       [channel, thread_ts, session_id])

    def add_turn(self, session_id: int, *, number: int, rep_text: str, rep_user: str | None,
                 understood: Understanding, customer_text: str, state: State) -> bool:
        """Record a turn and the state after it. False if that turn number is already taken."""
        with self.db.writing() as db:
            taken = db.execute("SELECT 1 FROM roleplay_turns WHERE session_id = ? AND number = ?",
                               [session_id, number]).fetchone()
            if taken:
                return False
            db.execute("INSERT INTO roleplay_turns (session_id, number, rep_text, rep_user, understood, "
                       "customer_text, at) VALUES (?,?,?,?,?,?,?)",
                       [session_id, number, rep_text, rep_user,
                        json.dumps(understood.to_dict(), ensure_ascii=False), customer_text, _now()])
            db.execute("UPDATE roleplay_sessions SET state = ?, rep = COALESCE(rep, ?) WHERE id = ?",
                       [json.dumps(state.to_dict(), ensure_ascii=False), rep_user, session_id])
        return True

    def finish(self, session_id: int, card: Scorecard) -> bool:
        """Store the scorecard once. False when the session was already scored."""
        with self.db.writing() as db:
            cursor = db.execute(
                "UPDATE roleplay_sessions SET status = 'scored', score = ?, scorecard = ?, finished_at = ? "
                "WHERE id = ? AND status = 'live'",
                [card.score, json.dumps(card.to_dict(), ensure_ascii=False), _now(), session_id])
            return cursor.rowcount == 1

    def session(self, session_id: int) -> Session:
        rows = list(self.db.query("SELECT * FROM roleplay_sessions WHERE id = ?", [session_id]))
        if not rows:
            raise UnknownSession(session_id)
        return self._session(rows[0])

    def by_thread(self, channel: str, thread_ts: str) -> Session | None:
        rows = list(self.db.query("SELECT * FROM roleplay_sessions WHERE channel = ? AND thread_ts = ?",
                                  [channel, thread_ts]))
        return self._session(rows[0]) if rows else None

    def _session(self, row: dict) -> Session:
        turns = tuple(Turn(number=t["number"], rep_text=t["rep_text"], rep_user=t["rep_user"],
                           understood=Understanding.from_dict(json.loads(t["understood"]))
                           if t["understood"] else None, customer_text=t["customer_text"], at=t["at"])
                      for t in self.db.query("SELECT * FROM roleplay_turns WHERE session_id = ? ORDER BY number",
                                             [row["id"]]))
        return Session(id=row["id"], rep=row["rep"], trainer=row["trainer"], channel=row["channel"],
                       thread_ts=row["thread_ts"], scenario=Scenario.from_dict(json.loads(row["scenario"])),
                       state=State.from_dict(json.loads(row["state"])), status=row["status"], score=row["score"],
                       scorecard=Scorecard.from_dict(json.loads(row["scorecard"])) if row["scorecard"] else None,
                       created_at=row["created_at"], finished_at=row["finished_at"], turns=turns)

    def results(self, *, rep: str | None = None) -> list[dict]:
        """Scored sessions, oldest first: per rep over time."""
        where, params = "status = 'scored'", []
        if rep:
            where += " AND rep = ?"
            params.append(rep)
        return [{"session": r["id"], "rep": r["rep"], "at": r["finished_at"], "sku": r["anchor_sku"],
                 "difficulty": r["difficulty"], "seed": r["seed"], "score": r["score"]}
                for r in self.db.query(f"SELECT id, rep, finished_at, anchor_sku, difficulty, seed, score "
                                       f"FROM roleplay_sessions WHERE {where} ORDER BY finished_at, id", params)]
