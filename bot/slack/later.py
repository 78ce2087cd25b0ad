"""Answer after the ack, on threads of our own, so no ack ever waits behind an answer.

Bolt runs a command or action listener, its ack() included, on its listener executor, and the
HTTP response waits until ack() has run. A listener that also answered there would hold that
thread for the whole answer (the model, the offer log, the reply to Slack), and under a burst
the next request's ack would queue behind earlier answers until Slack's 3 seconds ran out.
Listeners here ack(), hand the answer to this pool and return: Bolt's threads only ever ack,
and the answers queue here, `workers` at a time, however many requests arrive.

Answers that share a key (the clicks on one message) run one after another, in the order they
were handed over: "Accepted" then "Declined" on the same offer ends declined, and every update
of a message is rendered after the one before it.

An answer handed over with the request it answers (`delivery=`, the request's body) is marked
answered in the inbox when it is done (bot/inbox.py); until then the inbox's lease on it is
renewed, and if this process dies first, another answers it.
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor

from bot.inbox import Inbox, delivery_key

log = logging.getLogger("salesbot.slack")
# Answers in parallel. Most of a click's answer is waiting for Slack to take the reply (a
# response_url round trip, ~100 ms from a real host), so more threads than cores.
ANSWER_WORKERS = 16

Task = tuple[Callable[..., object], tuple, dict, str | None]  # fn, args, kwargs, delivery key


class Later:
    def __init__(self, *, workers: int = ANSWER_WORKERS, inbox: Inbox | None = None):
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="salesbot-answer")
        self._lock = threading.Lock()
        self._waiting: dict[Hashable, deque[Task]] = {}  # keys with an answer running
        self.inbox = inbox

    def __call__(self, fn: Callable[..., object], /, *args, key: Hashable | None = None,
                 delivery: dict | None = None, **kwargs) -> None:
        """Run fn(*args, **kwargs) after the ack; `delivery`: the request body it answers."""
        received = self._receipt(delivery)
        if received:
            self.inbox.hold(received)
        task = (fn, args, kwargs, received)
        if key is not None:
            with self._lock:
                if key in self._waiting:  # one is running for this key: queue behind it
                    self._waiting[key].append(task)
                    return
                self._waiting[key] = deque()
        self._pool.submit(self._run, task, key)

    def done(self, delivery: dict) -> None:
        """Nothing is left to do for this request (it was answered in its ack, or is not one to answer)."""
        received = self._receipt(delivery)
        if received:
            self._finish(received)

    def _receipt(self, delivery: dict | None) -> str | None:
        return delivery_key(delivery) if self.inbox is not None and delivery else None

    def _finish(self, received: str) -> None:
        try:
            self.inbox.finish(received)
        except Exception:  # the answer was given; at worst it is given again after the lease
            log.exception("could not mark %s answered", received)

    def _run(self, task: Task, key: Hashable | None) -> None:
        while True:
            fn, args, kwargs, received = task
            try:
                fn(*args, **kwargs)
            except Exception:
                log.exception("a Slack answer failed after its ack")
            if received:  # answered, or failed with the user told: either way not to be tried again
                self._finish(received)
            if key is None:
                return
            with self._lock:
                queued = self._waiting[key]
                if not queued:
                    del self._waiting[key]
                    return
                task = queued.popleft()

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True)
