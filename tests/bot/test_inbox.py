"""The inbox: a delivery kept once, held by one process at a time, taken up when its process dies."""

from __future__ import annotations

import threading
import time

import pytest

from bot.inbox import Inbox, delivery_key
from catalog.store import open_database

COMMAND = {"command": "/salesbot", "text": "galaxy s24", "trigger_id": "T.1", "user_id": "U1",
           "response_url": "http://127.0.0.1:9/respond/1"}


@pytest.fixture
def db(store):
    db = open_database(store)
    yield db
    db.close()


def test_delivery_keys_are_the_same_for_slack_retries_and_none_for_what_is_not_a_request():
    assert delivery_key({"event_id": "Ev1", "event": {}}) == "event:Ev1"
    assert delivery_key(COMMAND) == "command:T.1"
    assert delivery_key({"type": "block_actions", "trigger_id": "T.2", "actions": []}) == "action:T.2"
    assert delivery_key({"type": "url_verification", "challenge": "x"}) is None


def test_a_delivery_is_kept_once_and_a_retry_is_refused(db):
    inbox = Inbox(db, owner="web.1")
    assert inbox.record("command:T.1", COMMAND)
    assert not inbox.record("command:T.1", COMMAND)  # Slack's retry, here or at another process
    assert not Inbox(db, owner="web.2").record("command:T.1", COMMAND)
    assert [r["key"] for r in inbox.unanswered()] == ["command:T.1"]
    inbox.finish("command:T.1")
    assert inbox.unanswered() == []


def test_what_a_silent_process_held_is_taken_up_once_by_another(db):
    dead, alive, late = (Inbox(db, owner=name, lease=0.3) for name in ("web.1", "web.2", "web.3"))
    dead.record("command:T.1", COMMAND)
    dead.hold("command:T.1")
    assert alive.take_expired() == []  # still within its lease
    time.sleep(0.4)
    taken = alive.take_expired()
    assert [(d.key, d.body, d.attempts) for d in taken] == [("command:T.1", COMMAND, 2)]
    assert late.take_expired() == []  # the taker holds a fresh lease
    assert alive.held() == {"command:T.1"}
    time.sleep(0.4)
    alive.renew()  # a live process keeps what it holds, however long its queue
    assert late.take_expired() == []
    alive.finish("command:T.1")
    time.sleep(0.4)
    assert late.take_expired() == [] and alive.held() == frozenset()


def test_a_process_that_renews_keeps_what_it_holds_and_drops_only_what_it_never_took_up(db):
    inbox, other = Inbox(db, owner="web.1", lease=0.3), Inbox(db, owner="web.2", lease=0.3)
    inbox.record("command:T.1", COMMAND)
    inbox.record("action:T.2", {"type": "block_actions", "trigger_id": "T.2"})
    inbox.hold("command:T.1")  # handed to an answer; the click no listener took stays unheld
    for _ in range(3):
        time.sleep(0.15)
        inbox.renew()
    assert [d.key for d in other.take_expired()] == ["action:T.2"]


def test_several_processes_sweeping_at_once_take_each_delivery_once(db):
    writer = Inbox(db, owner="web.0", lease=0.1)
    for i in range(20):
        writer.record(f"command:T.{i}", {**COMMAND, "trigger_id": f"T.{i}"})
    time.sleep(0.2)
    sweepers = [Inbox(db, owner=f"web.{n}", lease=30) for n in range(1, 5)]
    taken: dict[str, list[str]] = {}
    start = threading.Barrier(len(sweepers))

    def sweep(inbox: Inbox) -> None:
        start.wait()
        taken[inbox.owner] = [d.key for d in inbox.take_expired()]

    threads = [threading.Thread(target=sweep, args=(s,)) for s in sweepers]
    for t in threads:
        t.start()
    for t in threads:
        t.join(timeout=30)
    keys = [k for ks in taken.values() for k in ks]
    assert sorted(keys) == sorted(f"command:T.{i}" for i in range(20))  # every one, none twice


def test_too_old_or_too_often_tried_is_given_up_and_answered_rows_are_pruned(db):
    inbox = Inbox(db, owner="web.1", lease=0.1)
    inbox.record("command:old", COMMAND)
    inbox.record("command:tried", COMMAND)
    db.execute("UPDATE inbox SET received_at = received_at - 3600 WHERE key = 'command:old'")
    db.execute("UPDATE inbox SET attempts = 3 WHERE key = 'command:tried'")
    time.sleep(0.2)
    assert Inbox(db, owner="web.2").take_expired() == []
    outcomes = dict(db.execute("SELECT key, outcome FROM inbox ORDER BY key").fetchall())
    assert outcomes == {"command:old": "given up: too old", "command:tried": "given up: failed 3 times"}
    assert inbox.prune(kept=3600) == 0 and inbox.prune(kept=0) == 2


def test_a_claim_is_its_deliverys_own_again_when_that_delivery_is_answered_again(db):
    from bot.offers import OfferLog

    log = OfferLog(db)
    assert log.claim("roleplay:C1:1700000000.1", by="event:Ev1")
    assert log.claim("roleplay:C1:1700000000.1", by="event:Ev1")  # answered again after its process died
    assert not log.claim("roleplay:C1:1700000000.1", by="event:Ev2")  # the app_mention twin of the message
    assert not log.claim("roleplay:C1:1700000000.1")
