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
"""

from __future__ import annotations

import logging
import threading
from collections import deque
from collections.abc import Callable, Hashable
from concurrent.futures import ThreadPoolExecutor

log = logging.getLogger("salesbot.slack")
# Answers in parallel. Most of a click's answer is waiting for Slack to take the reply (a
# response_url round trip, ~100 ms from a real host), so more threads than cores.
ANSWER_WORKERS = 16

Task = tuple[Callable[..., object], tuple, dict]


class Later:
    def __init__(self, *, workers: int = ANSWER_WORKERS):
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="salesbot-answer")
        self._lock = threading.Lock()
        self._waiting: dict[Hashable, deque[Task]] = {}  # keys with an answer running

    def __call__(self, fn: Callable[..., object], /, *args, key: Hashable | None = None,
                 **kwargs) -> None:
        task = (fn, args, kwargs)
        if key is not None:
            with self._lock:
                if key in self._waiting:  # one is running for this key: queue behind it
                    self._waiting[key].append(task)
                    return
                self._waiting[key] = deque()
        self._pool.submit(self._run, task, key)

    def _run(self, task: Task, key: Hashable | None) -> None:
        while True:
            fn, args, kwargs = task
            try:
                fn(*args, **kwargs)
            except Exception:
                log.exception("a Slack answer failed after its ack")
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
