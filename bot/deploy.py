"""Where `salesbot serve` runs, and whether its SQLite database survives there.

SQLite keeps everything in one file: fine on a laptop or a server with a persistent disk and
one bot process. On platforms that give each process a private disk wiped at every restart and
deploy (Heroku dynos, Cloud Run, Lambda, Render and Railway without a volume), the offer log,
orders and role-play results would silently vanish, and `web` and `worker` would each see their
own empty copy. `serve` refuses to start there, and refuses a second `serve` on the same file,
unless SALESBOT_ALLOW_SQLITE=1 says the disk is persistent and the process single.
"""

from __future__ import annotations

import fcntl
import os
from pathlib import Path

# An environment variable each platform sets in every process -> the platform's name.
EPHEMERAL = {"DYNO": "Heroku", "K_SERVICE": "Google Cloud Run", "AWS_LAMBDA_FUNCTION_NAME": "AWS Lambda",
             "RENDER_SERVICE_ID": "Render", "RAILWAY_ENVIRONMENT": "Railway"}


class DeployError(RuntimeError):
    """The bot would lose or split its data if it started here."""


def ephemeral_platform(env: dict) -> str | None:
    """The platform these environment variables say the process runs on, if it wipes its disk
    (read by bot/settings.py, like every other setting)."""
    return next((name for variable, name in EPHEMERAL.items() if env.get(variable)), None)


class ServeLock:
    """One `serve` per SQLite file on this machine: an exclusive lock on `<db>.serve.lock`, held
    while the process lives (the OS drops it when the process dies, even by SIGKILL)."""

    def __init__(self, db_path: Path):
        self.db_path = Path(db_path)
        self.path = self.db_path.with_name(self.db_path.name + ".serve.lock")
        self._file = None

    def acquire(self) -> None:
        self.path.parent.mkdir(parents=True, exist_ok=True)
        handle = open(self.path, "a+")
        try:
            fcntl.flock(handle, fcntl.LOCK_EX | fcntl.LOCK_NB)
        except BlockingIOError:
            handle.seek(0)
            holder = handle.read().strip() or "unknown"
            handle.close()
            raise DeployError(f"another salesbot serve (pid {holder}) is already using {self.db_path}: SQLite "
                              "serves one bot process. Stop that one, or give this one its own --db") from None
        handle.seek(0)
        handle.truncate()
        handle.write(str(os.getpid()))
        handle.flush()
        self._file = handle

    def release(self) -> None:
        if self._file is not None:
            fcntl.flock(self._file, fcntl.LOCK_UN)
            self._file.close()
            self._file = None


def guard_serve(db_path: Path, *, allow_sqlite: bool, platform: str | None) -> ServeLock | None:
    """The lock to hold while serving, or DeployError saying why starting here would lose data.
    platform: the disk-wiping platform the process runs on (Settings.platform), if any."""
    if allow_sqlite:
        return None
    if platform:
        raise DeployError(
            f"{platform} gives each process its own disk, wiped at every restart and deploy: the SQLite "
            f"database {db_path} (catalog, offer log, orders, role-play results) would be lost, and the web and "
            "worker processes would each see their own empty copy. Run a single bot process with the database "
            "on a persistent disk and set SALESBOT_ALLOW_SQLITE=1 to start anyway")
    lock = ServeLock(db_path)
    lock.acquire()
    return lock
