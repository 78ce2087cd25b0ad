"""Nothing acknowledged is lost: a request whose process died before answering it is answered by
another process, or by a `serve` restarted after a SIGKILL, once, on both engines."""

from __future__ import annotations

import json
import os
import signal
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path
from urllib.parse import parse_qsl

from bot.inbox import Inbox
from bot.slack import simulate
from bot.slack.app import build_app
from bot.slack.loopback import LoopbackSlack
from bot.slack.redelivery import Redelivery
from bot.slack.simulate import signed_headers
from tests.bot.slack.test_scenarios import all_answered, answer_to, ask

SALESBOT = Path(sys.executable).with_name("salesbot")
SECRET = "kill-test-secret"


def test_a_command_a_dead_process_acknowledged_is_answered_by_the_next_sweep(bot):
    body, _ = simulate.command("galaxy s24", user="U1", channel="C1", response_url=bot.slack.response_url("dead"))
    command = dict(parse_qsl(body))  # the form as Bolt parses it
    dead = Inbox(bot.services.db, owner="web.1", lease=0.1)
    assert dead.record(f"command:{command['trigger_id']}", command)  # kept and acknowledged, then killed
    time.sleep(0.2)
    assert Redelivery(build_app(bot.services), bot.services.inbox).sweep() == 1
    reply = answer_to(bot, "dead")[0].body
    assert "Samsung Galaxy S24" in json.dumps(reply["blocks"])
    assert [d["source_key"] for d in bot.services.db.query("SELECT source_key FROM deals")] == [
        f"command:{command['trigger_id']}"]
    assert all_answered(bot)


def test_answering_again_after_the_deal_was_written_sends_the_answer_and_keeps_one_deal(bot):
    ask(bot, "galaxy s24")
    answer_to(bot, "r1")
    assert all_answered(bot)
    # as if the process had died after writing the deal, before sending the reply
    bot.services.db.execute("UPDATE inbox SET finished_at = NULL, outcome = NULL, lease_until = 0")
    assert Redelivery(build_app(bot.services), bot.services.inbox).sweep() == 1
    replies = answer_to(bot, "r1", count=2)
    assert replies[0].body["blocks"] == replies[1].body["blocks"]
    assert bot.services.db.count("deals") == 1 and all_answered(bot)


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


class Serve:
    """`salesbot serve --http` in a process of its own, on the test's database."""

    def __init__(self, database: str, slack: LoopbackSlack, encoder, log: Path):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        target = {"DATABASE_URL": database} if database.startswith("postgresql://") else {"SALESBOT_DB": database}
        env = {k: v for k, v in os.environ.items() if not k.startswith(("SLACK_", "SALESBOT_", "DATABASE_URL"))}
        env.update(target, SLACK_BOT_TOKEN="xoxb-kill", SLACK_SIGNING_SECRET=SECRET, SLACK_API_URL=slack.api_url,
                   SALESBOT_MODEL_CACHE=str(encoder.cache_dir), SALESBOT_WORK_LEASE="2", HF_HUB_OFFLINE="1")
        self.log = log.open("ab")
        self.process = subprocess.Popen([str(SALESBOT), "serve", "--http", "--port", str(self.port)], env=env,
                                        stdout=self.log, stderr=subprocess.STDOUT, cwd=log.parent)
        deadline = time.monotonic() + 120
        while time.monotonic() < deadline:
            assert self.process.poll() is None, log.read_text()[-3000:]
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=1):
                    return
            except OSError:
                time.sleep(0.2)
        raise TimeoutError(log.read_text()[-3000:])

    def post(self, body: str, content_type: str) -> int:
        request = urllib.request.Request(self.url + "/slack/events", data=body.encode(), method="POST",
                                         headers=signed_headers(SECRET, body, content_type=content_type))
        with urllib.request.urlopen(request, timeout=10) as response:
            return response.status

    def kill(self) -> None:
        self.process.send_signal(signal.SIGKILL)
        self.process.wait(timeout=10)

    def stop(self) -> None:
        if self.process.poll() is None:
            self.process.terminate()
            self.process.wait(timeout=20)
        self.log.close()


QUESTIONS = ["galaxy s24", "customer buying 12 probook 450", "thinkpad t14s for 5 people", "macbook air",
             "iphone 15 pro"]


def test_serve_killed_after_acknowledging_loses_nothing_once_restarted(demo_store, encoder, tmp_path):
    with LoopbackSlack() as slack:
        slack.delays["users.info"] = 60.0  # every answer waits on Slack when the process is killed
        first = Serve(str(demo_store), slack, encoder, tmp_path / "serve.log")
        try:
            for i, question in enumerate(QUESTIONS):
                body, kind = simulate.command(question, user=f"UREP{i:04d}", channel="C1",
                                              response_url=slack.response_url(f"q{i}"), trigger_id=f"kill.q{i}")
                assert first.post(body, kind) == 200  # acknowledged
            body, kind = simulate.event({"type": "message", "channel_type": "im", "channel": "D1", "user": "UDM00001",
                                         "ts": "1700000000.000100", "text": "galaxy s24"}, event_id="EvKILL1")
            assert first.post(body, kind) == 200
            slack.wait_for(lambda c: c.method == "users.info", count=len(QUESTIONS) + 1, timeout=30)
            first.kill()  # SIGKILL: no clean-up, every answer still waiting on users.info
        finally:
            first.stop()
        assert not [c for c in slack.calls if c.path.startswith("/respond/") or c.method == "chat.postMessage"]
        slack.delays.clear()
        second = Serve(str(demo_store), slack, encoder, tmp_path / "serve.log")
        try:
            answers = {c.path: c for c in slack.wait_for(lambda c: c.path.startswith("/respond/q"),
                                                         count=len(QUESTIONS), timeout=60)}
            dm = slack.wait_for(lambda c: c.method == "chat.postMessage" and c.body.get("channel") == "D1",
                                timeout=30)
            assert sorted(answers) == [f"/respond/q{i}" for i in range(len(QUESTIONS))]
            assert all(c.body.get("blocks") for c in answers.values()) and dm[0].body.get("blocks")
            time.sleep(1.0)  # nothing answered twice either
            assert len([c for c in slack.calls if c.path.startswith("/respond/q")]) == len(QUESTIONS)
            assert len([c for c in slack.calls if c.method == "chat.postMessage"]) == 1
        finally:
            second.stop()
    from catalog.store import open_database

    db = open_database(demo_store)
    try:
        keys = sorted(r["source_key"] for r in db.query("SELECT source_key FROM deals"))
        assert keys == sorted([f"command:kill.q{i}" for i in range(len(QUESTIONS))] + ["event:EvKILL1"])
        assert db.execute("SELECT COUNT(*) FROM inbox WHERE finished_at IS NULL").fetchone()[0] == 0
        attempts = [r[0] for r in db.execute("SELECT attempts FROM inbox ORDER BY key").fetchall()]
        assert attempts == [2] * (len(QUESTIONS) + 1)  # each answered by the restarted process, once
    finally:
        db.close()
