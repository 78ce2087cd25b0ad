"""Nothing acknowledged is lost: each request is kept before its ack, and answered again by
another process (or this one restarted) if the process that acknowledged it died first.

- `keep_before_ack` is a Bolt middleware: it runs before the listener, so before the ack, and
  writes the request to the inbox (bot/inbox.py). A delivery already there is a retry: it is
  acknowledged and dropped, whichever process got the first one.
- `Redelivery` runs in every `serve` process: every few seconds it renews the leases on the
  answers this process holds, and takes up those whose process stopped renewing them. It
  answers them by dispatching the kept request through the same Bolt app again (as Socket Mode
  requests are: no signature to check), so they go through the very listeners they went through.
"""

from __future__ import annotations

import logging
import threading
import time

from slack_bolt import App, BoltRequest, BoltResponse

from bot.inbox import Delivery, Inbox, delivery_key

log = logging.getLogger("salesbot.slack")
REPLAYED = "salesbot_replayed"  # in a request's context: a kept request answered again
PRUNE_EVERY = 3600.0  # seconds between clear-outs of answered rows


def keep_before_ack(inbox: Inbox):
    def middleware(req: BoltRequest, next) -> BoltResponse | None:  # noqa: A002 (Bolt passes it by this name)
        if req.context.get(REPLAYED):
            return next()
        key = delivery_key(req.body)
        if key is None:
            return next()
        if not inbox.record(key, req.body):  # if this fails, so does the request: Slack sends it again
            log.info("%s was delivered before: acknowledged and dropped", key)
            return BoltResponse(status=200, body="")
        # Its listener marks it answered (bot/slack/later.py); one no listener takes is finished
        # by the first sweep after its lease, when answering it again finds no listener either.
        return next()
    return middleware


class Redelivery:
    def __init__(self, app: App, inbox: Inbox, *, every: float | None = None):
        self.app = app
        self.inbox = inbox
        self.every = every or max(inbox.lease / 3, 0.2)
        self._stop = threading.Event()
        self._thread = threading.Thread(target=self._loop, name="salesbot-redelivery", daemon=True)
        self._pruned_at = -PRUNE_EVERY  # the first sweep clears out

    def start(self) -> Redelivery:
        self.sweep()  # what a process that died before this one's start left unanswered, if its lease is out
        self._thread.start()
        return self

    def stop(self) -> None:
        self._stop.set()
        self._thread.join(timeout=5)

    def _loop(self) -> None:
        while not self._stop.wait(self.every):
            try:
                self.sweep()
            except Exception:  # the database away for a moment: the next sweep tries again
                log.exception("the inbox sweep failed")

    def sweep(self) -> int:
        """Renew this process's leases, answer what dead processes left; how many were taken up."""
        self.inbox.renew()
        taken = self.inbox.take_expired()
        for delivery in taken:
            log.warning("answering %s again (attempt %d): the process that acknowledged it stopped first",
                        delivery.key, delivery.attempts)
            self.replay(delivery)
        if time.monotonic() - self._pruned_at >= PRUNE_EVERY:
            self._pruned_at = time.monotonic()
            self.inbox.prune()
        return len(taken)

    def replay(self, delivery: Delivery) -> None:
        request = BoltRequest(body=delivery.body, mode="socket_mode", context={REPLAYED: True})
        try:
            response = self.app.dispatch(request)
        except Exception:
            log.exception("could not answer %s again", delivery.key)
            self.inbox.finish(delivery.key, "failed again")
            return
        if response.status == 404:
            self.inbox.finish(delivery.key, "no listener")
        elif response.status >= 500:  # failed before its answer was handed over: not held by anything now
            self.inbox.finish(delivery.key, "failed again")
