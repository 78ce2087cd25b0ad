"""Answers after the ack: same-key answers in order, the rest in parallel, failures logged."""

from __future__ import annotations

import logging
import threading
import time

from bot.slack.later import Later


def test_answers_with_one_key_run_in_the_order_given():
    later, done, first_may_finish = Later(workers=8), [], threading.Event()

    def answer(n: int) -> None:
        if n == 0:
            first_may_finish.wait(5)  # every other answer is queued while this one runs
        done.append(n)

    for n in range(20):
        later(answer, n, key=("message", "C1", "1.0"))
    time.sleep(0.1)
    assert done == []
    first_may_finish.set()
    later.shutdown()
    assert done == list(range(20))


def test_answers_without_a_key_do_not_wait_for_each_other():
    later, release, started = Later(workers=4), threading.Event(), []

    def answer(n: int) -> None:
        started.append(n)
        release.wait(5)

    for n in range(4):
        later(answer, n)
    deadline = time.monotonic() + 5
    while len(started) < 4 and time.monotonic() < deadline:
        time.sleep(0.01)
    release.set()
    later.shutdown()
    assert sorted(started) == [0, 1, 2, 3]


def test_a_failed_answer_is_logged_and_the_next_one_still_runs(caplog):
    later, done = Later(workers=2), []

    def fail() -> None:
        raise RuntimeError("boom")

    with caplog.at_level(logging.ERROR, logger="salesbot.slack"):
        later(fail, key="k")
        later(done.append, "after", key="k")
        later.shutdown()
    assert done == ["after"]
    assert "failed after its ack" in caplog.text and "boom" in caplog.text
