"""Answer after the ack, on threads of our own, so no ack ever waits behind an answer.

Bolt runs a command or action listener, its ack() included, on its listener executor, and the
HTTP response waits until ack() has run. A listener that also answered there would hold that
thread for the whole answer (the model, the offer log, the reply to Slack), and under a burst
the next request's ack would queue behind earlier answers until Slack's 3 seconds ran out.
Listeners here ack(), hand the answer to this pool and return: Bolt's threads only ever ack,
and the answers queue here, `workers` at a time, however many requests arrive.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from concurrent.futures import Future, ThreadPoolExecutor

log = logging.getLogger("salesbot.slack")
# Answers in parallel. Most of a click's answer is waiting for Slack to take the reply (a
# response_url round trip, ~100 ms from a real host), so more threads than cores.
ANSWER_WORKERS = 16


class Later:
    def __init__(self, *, workers: int = ANSWER_WORKERS):
        self._pool = ThreadPoolExecutor(max_workers=workers, thread_name_prefix="salesbot-answer")

    def __call__(self, fn: Callable[..., object], /, *args, **kwargs) -> Future:
        future = self._pool.submit(fn, *args, **kwargs)
        future.add_done_callback(_log_failure)
        return future

    def shutdown(self) -> None:
        self._pool.shutdown(wait=True)


def _log_failure(future: Future) -> None:
    error = future.exception()
    if error is not None:
        log.error("a Slack answer failed after its ack", exc_info=error)
