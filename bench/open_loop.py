"""Signed Slack requests sent on an open-loop schedule to one or more bot processes (bench/slack_load.py).

Each request goes at its planned time, whatever the replies do, from a bounded pool of client
threads; its ack time is measured from the planned time, so a client or server that falls behind
shows up in it. A Router sends to the processes in turn and skips one that is down, as a
platform's router does; what a killed process cut off can be sent again, as Slack retries.
"""

from __future__ import annotations

import threading
import time
import urllib.error
import urllib.request
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field

from bot.slack import simulate

SECRET = "load-secret"  # the signing secret the bench's bot processes are started with


@dataclass
class Request:
    at: float  # planned send time, seconds after the phase starts
    body: str
    content_type: str
    kind: str  # "question", "click", "retry", "double", "help"
    headers: dict = field(default_factory=dict)
    status: int | None = None
    error: str | None = None
    sent_late: float = 0.0  # actual send time minus planned time
    ack: float | None = None  # response time from the planned send time


def percentile(values: list[float], q: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, round(q * (len(ordered) - 1)))]


def send(url: str, request: Request, start: float) -> None:
    headers = {**simulate.signed_headers(SECRET, request.body, content_type=request.content_type),
               **request.headers}
    sent = time.monotonic()
    request.sent_late = sent - (start + request.at)
    try:
        http = urllib.request.Request(url, data=request.body.encode(), headers=headers,
                                      method="POST")
        with urllib.request.urlopen(http, timeout=10) as response:
            response.read()
            request.status = response.status
    except urllib.error.HTTPError as e:
        request.status, request.error = e.code, e.read().decode()[:200]
    except OSError as e:
        request.error = repr(e)
    request.ack = time.monotonic() - (start + request.at)


class Router:
    """The bot processes' URLs in turn, skipping one that is down (as a platform's router does)."""

    def __init__(self, urls: list[str]):
        self.urls: list[str | None] = list(urls)
        self._n = 0
        self._lock = threading.Lock()

    def next(self) -> str:
        with self._lock:
            live = [u for u in self.urls if u]
            self._n += 1
            return live[self._n % len(live)]

    def set(self, slot: int, url: str | None) -> None:
        with self._lock:
            self.urls[slot] = url


def run_open_loop(url: str | list[str] | Router, requests: list[Request], clients: int,
                  *, at: dict | None = None) -> tuple[float, float]:
    """Send every request at its planned time on a pool of `clients` threads, to the bot processes
    in turn (with several, a retry or a double click often reaches another process than the first).
    `at`: {seconds: fn} run at those times into the phase (a kill). Returns (start, wall time);
    request.at is relative to start (time.monotonic)."""
    router = url if isinstance(url, Router) else Router([url] if isinstance(url, str) else url)
    requests = sorted(requests, key=lambda r: r.at)
    events = sorted((at or {}).items())
    with ThreadPoolExecutor(max_workers=clients) as pool:
        start = time.monotonic() + 0.2
        for request in requests:
            while events and events[0][0] <= request.at:
                threading.Thread(target=events.pop(0)[1], daemon=True).start()
            delay = start + request.at - time.monotonic()
            if delay > 0:
                time.sleep(delay)
            pool.submit(send, router.next(), request, start)
    return start, time.monotonic() - start


def resend_unacknowledged(router: Router, requests: list[Request]) -> int:
    """Requests that lost their connection (a killed process) sent again, as Slack retries them."""
    lost = [r for r in requests if r.status is None and r.error is not None]  # sent, and no answer
    for r in lost:
        r.headers = {**r.headers, "X-Slack-Retry-Num": "1", "X-Slack-Retry-Reason": "http_error"}
        send(router.next(), r, time.monotonic() - r.at)
    return len(lost)
