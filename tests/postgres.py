"""A throw-away PostgreSQL cluster for tests and benches: initdb and pg_ctl on a temporary folder and
a free 127.0.0.1 port, run as the `postgres` user when we are root (initdb refuses root).

Durability is off (fsync, synchronous_commit, full_page_writes): the cluster lives as long as the
test session, and a test's truth is what a committed transaction leaves, not what survives a power
cut of this machine.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import socket
import subprocess
import uuid
from dataclasses import dataclass
from pathlib import Path

ROOTS = ("/usr/lib/postgresql",)


def bin_folder() -> Path | None:
    """The newest installed server's bin folder (Debian keeps it off PATH), or one on PATH."""
    for root in ROOTS:
        versions = sorted(Path(root).glob("*/bin/initdb"), key=lambda p: int(p.parent.parent.name)
                          if p.parent.parent.name.isdigit() else 0)
        if versions:
            return versions[-1].parent
    found = shutil.which("initdb")
    return Path(found).parent if found else None


def _free_port() -> int:
    with socket.socket() as s:
        s.bind(("127.0.0.1", 0))
        return s.getsockname()[1]


@dataclass
class Cluster:
    folder: Path
    port: int
    bin: Path
    as_user: list[str]

    @property
    def url(self) -> str:
        return f"postgresql://postgres@127.0.0.1:{self.port}/postgres"

    def _run(self, *args: str) -> None:
        subprocess.run([*self.as_user, *args], check=True, capture_output=True, timeout=120)

    def new_database(self, *, template: str | None = None) -> str:
        """An empty database of its own (a test's), or a copy of `template`'s (a database no one is
        connected to), and its URL."""
        import psycopg

        name = f"t_{uuid.uuid4().hex[:12]}"
        like = f' TEMPLATE "{template}"' if template else ""
        with psycopg.connect(self.url, autocommit=True) as conn:
            conn.execute(f'CREATE DATABASE "{name}"{like}')
        return f"postgresql://postgres@127.0.0.1:{self.port}/{name}"

    def stop(self) -> None:
        with contextlib.suppress(subprocess.SubprocessError, OSError):
            self._run(str(self.bin / "pg_ctl"), "-D", str(self.folder / "data"), "-m", "immediate", "-w", "stop")


def start(folder: Path) -> Cluster:
    """initdb and start a cluster under `folder` (which it takes over); raises if it cannot."""
    bin_ = bin_folder()
    if bin_ is None:
        raise RuntimeError("PostgreSQL is not installed (no initdb): `make test` installs it with apt")
    as_user = ["runuser", "-u", "postgres", "--"] if os.geteuid() == 0 else []
    folder.mkdir(parents=True, exist_ok=True)
    if as_user:
        shutil.chown(folder, "postgres")
        folder.chmod(0o700)
    data, port = folder / "data", _free_port()
    cluster = Cluster(folder=folder, port=port, bin=bin_, as_user=as_user)
    cluster._run(str(bin_ / "initdb"), "-D", str(data), "-U", "postgres", "-A", "trust", "-E", "UTF8",
                 "--locale", "C.UTF-8", "--no-sync")
    options = (f"-p {port} -c listen_addresses=127.0.0.1 -k {folder} -c fsync=off -c synchronous_commit=off "
               "-c full_page_writes=off -c max_connections=500")
    cluster._run(str(bin_ / "pg_ctl"), "-D", str(data), "-o", options, "-l", str(folder / "server.log"),
                 "-w", "-t", "60", "start")
    return cluster
