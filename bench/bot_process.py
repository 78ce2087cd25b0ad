"""The bot as it runs in production: `salesbot serve --http` in its own process, on 127.0.0.1.

Used by bench/slack_load.py and bench/serve_memory.py. The database is prepared beforehand
(catalog imported, index built), so the process only loads the model and the saved index.
"""

from __future__ import annotations

import os
import socket
import subprocess
import sys
import time
import urllib.request
from pathlib import Path

ROOT = Path(__file__).resolve().parent.parent
SALESBOT = Path(sys.executable).with_name("salesbot")
DEMO = ROOT / "catalog" / "demo" / "products.csv"


def free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


def prepare_demo(db_path: Path) -> None:
    """The demo catalog imported and indexed in db_path (the index saved beside it)."""
    from bot.bootstrap import bootstrap
    from bot.settings import Settings
    from catalog.importer import import_catalog

    services = bootstrap(Settings(db_path=db_path))
    import_catalog(services.db, DEMO)
    services.advisor()


class BotProcess:
    """`salesbot serve --http --port P --db DB`; started when entered, stopped when left."""

    def __init__(self, db_path: Path, *, api_url: str, secret: str, log: Path,
                 env: dict[str, str] | None = None):
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.env = {**os.environ, "HF_HUB_OFFLINE": "1", "SLACK_BOT_TOKEN": "xoxb-bench",
                    "SLACK_SIGNING_SECRET": secret, "SLACK_API_URL": api_url,
                    "SALESBOT_DB": str(db_path), **(env or {})}
        self.env.pop("SLACK_APP_TOKEN", None)
        self.process: subprocess.Popen | None = None
        self.ready_after = 0.0

    def __enter__(self) -> BotProcess:
        started = time.perf_counter()
        with open(self.log, "wb") as log:
            self.process = subprocess.Popen(
                [str(SALESBOT), "serve", "--http", "--port", str(self.port)],
                env=self.env, stdout=log, stderr=subprocess.STDOUT, cwd=self.log.parent)
        deadline = time.monotonic() + 180
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(f"the bot exited: {self.log.read_text()[-2000:]}")
            try:
                with urllib.request.urlopen(self.url + "/healthz", timeout=1) as response:
                    if response.status == 200:
                        self.ready_after = time.perf_counter() - started
                        return self
            except OSError:
                time.sleep(0.2)
        self.__exit__()
        raise TimeoutError("the bot did not answer /healthz within 180 s")

    def __exit__(self, *exc) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()

    @property
    def pid(self) -> int:
        return self.process.pid

    def rss_mb(self) -> float:
        """Resident memory now (VmRSS), in MB."""
        for line in Path(f"/proc/{self.pid}/status").read_text().splitlines():
            if line.startswith("VmRSS:"):
                return int(line.split()[1]) / 1024
        raise RuntimeError("no VmRSS line")
