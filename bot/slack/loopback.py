"""A stand-in for Slack's Web API on 127.0.0.1: records what the bot sends and answers like Slack.

The local terminal chat (`make run` without credentials) and the scenario tests both use it, so
the real Bolt app and its real HTTP client run end to end with no Slack workspace. It answers
the Web API methods the bot calls and the `response_url`s it hands out (`/respond/<id>`).
"""

from __future__ import annotations

import json
import threading
import time
from dataclasses import dataclass, field
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from urllib.parse import parse_qs

BOT_USER = "UBOT000001"


@dataclass
class Call:
    path: str  # "/api/chat.postMessage", "/respond/abc", ...
    body: dict
    at: float = field(default_factory=time.monotonic)

    @property
    def method(self) -> str:
        return self.path.removeprefix("/api/")


class LoopbackSlack:
    def __init__(self):
        self.calls: list[Call] = []
        self.group_members: list[str] = []  # what usergroups.users.list answers
        self.locales: dict[str, str] = {}  # what users.info answers as each user's locale (default en-US)
        self.delays: dict[str, float] = {}  # seconds a Web API method takes to answer (a slow Slack)
        self._changed = threading.Condition()
        self._ts = 0
        loopback = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self):
                raw = self.rfile.read(int(self.headers.get("Content-Length") or 0))
                if self.path.startswith("/upload/"):  # file bytes, whatever the header says
                    body = {"bytes": len(raw), "png": raw[:8] == b"\x89PNG\r\n\x1a\n"}
                else:
                    body = _parse(raw, self.headers.get("Content-Type", ""))
                loopback._record(self.path, body)
                time.sleep(loopback.delays.get(self.path.split("?")[0].removeprefix("/api/"), 0.0))
                answer = json.dumps(loopback._answer(self.path, body)).encode()
                try:
                    self.send_response(200)
                    self.send_header("Content-Type", "application/json")
                    self.send_header("Content-Length", str(len(answer)))
                    self.end_headers()
                    self.wfile.write(answer)
                except (BrokenPipeError, ConnectionResetError):
                    pass  # the caller is gone (a bot process killed while it waited)

            def log_message(self, *args):
                pass

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.server.daemon_threads = True
        self.url = f"http://127.0.0.1:{self.server.server_address[1]}"
        self.api_url = self.url + "/api/"
        self._thread = threading.Thread(target=self.server.serve_forever, daemon=True)

    def __enter__(self) -> LoopbackSlack:
        self._thread.start()
        return self

    def __exit__(self, *exc) -> None:
        self.server.shutdown()
        self.server.server_close()

    def response_url(self, name: str) -> str:
        return f"{self.url}/respond/{name}"

    def _record(self, path: str, body: dict) -> None:
        with self._changed:
            self.calls.append(Call(path.split("?")[0], body))
            self._changed.notify_all()

    def _answer(self, path: str, body: dict) -> dict:
        method = path.split("?")[0].removeprefix("/api/")
        self._ts += 1
        ts = f"1700000000.{self._ts:06d}"
        if method == "auth.test":
            return {"ok": True, "user_id": BOT_USER, "bot_id": "BBOT000001", "team_id": "T0001",
                    "user": "salesbot", "team": "Loopback"}
        if method == "files.getUploadURLExternal":
            return {"ok": True, "upload_url": f"{self.url}/upload/{self._ts}",
                    "file_id": f"F{self._ts:08d}"}
        if method == "conversations.open":
            return {"ok": True, "channel": {"id": "D" + str(self._ts).zfill(8)}}
        if method == "users.info":
            user = body.get("user", "")
            # a user of the local chat has no Slack language: SALESBOT_LANGUAGE, or the question's words
            return {"ok": True, "user": {"id": user, "locale": self.locales.get(user)}}
        if method == "usergroups.users.list":
            return {"ok": True, "users": list(self.group_members)}
        if method == "files.completeUploadExternal":
            return {"ok": True, "files": [{"id": f"F{self._ts:08d}"}]}
        return {"ok": True, "ts": ts, "channel": "C0001", "message": {"ts": ts}}

    def wait_for(self, predicate, *, timeout: float = 10.0, count: int = 1) -> list[Call]:
        """The first `count` calls matching predicate, waiting up to timeout seconds."""
        deadline = time.monotonic() + timeout
        with self._changed:
            while True:
                found = [c for c in self.calls if predicate(c)]
                if len(found) >= count:
                    return found
                left = deadline - time.monotonic()
                if left <= 0:
                    raise TimeoutError(f"expected {count} matching call(s), saw "
                                       f"{[c.path for c in self.calls]}")
                self._changed.wait(left)


def _parse(raw: bytes, content_type: str) -> dict:
    if not raw:
        return {}
    if "json" in content_type:
        return json.loads(raw)
    if "x-www-form-urlencoded" in content_type:
        form = {k: v[0] for k, v in parse_qs(raw.decode()).items()}
        for key in ("blocks", "attachments", "view", "files"):
            if isinstance(form.get(key), str):
                form[key] = json.loads(form[key])
        return form
    return {"bytes": len(raw)}
