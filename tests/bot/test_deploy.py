"""Where serve may run on SQLite: not on a platform that wipes its disk, not twice on one file."""

from __future__ import annotations

import subprocess
import sys
import textwrap

import pytest
from click.testing import CliRunner

from bot.cli import main
from bot.deploy import DeployError, ServeLock, ephemeral_platform, guard_serve
from bot.settings import Settings, SettingsError

SLACK = {"SLACK_BOT_TOKEN": "xoxb-test", "SLACK_SIGNING_SECRET": "secret"}


@pytest.mark.parametrize("env, platform", [
    ({"DYNO": "web.1"}, "Heroku"), ({"K_SERVICE": "salesbot"}, "Google Cloud Run"),
    ({"RENDER_SERVICE_ID": "srv-1"}, "Render"), ({"HOME": "/root"}, None),
])
def test_ephemeral_platforms_are_recognised(env, platform):
    assert ephemeral_platform(env) == platform


def test_serve_refuses_sqlite_on_heroku_and_says_what_to_do(tmp_path, monkeypatch):
    for name, value in {**SLACK, "DYNO": "web.1"}.items():
        monkeypatch.setenv(name, value)
    monkeypatch.delenv("SALESBOT_ALLOW_SQLITE", raising=False)
    result = CliRunner().invoke(main, ["serve", "--http", "--db", str(tmp_path / "bot.db")])
    assert result.exit_code == 1
    assert "Heroku gives each process its own disk, wiped at every restart and deploy" in result.output
    assert "set SALESBOT_ALLOW_SQLITE=1 to start anyway" in result.output
    assert guard_serve(tmp_path / "bot.db", allow_sqlite=True, platform="Heroku") is None  # told otherwise


def test_a_second_serve_on_the_same_file_is_refused_until_the_first_is_gone(tmp_path):
    db = tmp_path / "bot.db"
    # the first serve is another process holding the lock, as a running bot does
    holder = subprocess.Popen([sys.executable, "-c", textwrap.dedent(f"""
        import sys, time
        from bot.deploy import ServeLock
        lock = ServeLock({str(db)!r})
        lock.acquire()
        print("held", flush=True)
        time.sleep(30)
    """)], stdout=subprocess.PIPE, text=True)
    try:
        assert holder.stdout.readline().strip() == "held"
        with pytest.raises(DeployError) as error:
            guard_serve(db, allow_sqlite=False, platform=None)
        assert str(error.value) == (f"another salesbot serve (pid {holder.pid}) is already using {db}: SQLite serves "
                                    "one bot process. Stop that one, or give this one its own --db")
    finally:
        holder.kill()  # SIGKILL: the OS releases the lock with the process
        holder.wait(timeout=10)
    lock = guard_serve(db, allow_sqlite=False, platform=None)
    assert isinstance(lock, ServeLock)
    lock.release()


def test_database_urls_sqlite_and_postgresql_are_read_and_anything_else_is_refused_plainly(tmp_path):
    assert Settings.from_env({"DATABASE_URL": f"sqlite:///{tmp_path}/a.db"}).db_path == tmp_path / "a.db"
    assert Settings.from_env({"DATABASE_URL": "sqlite:///elsewhere.db", "SALESBOT_DATABASE_URL":
                              "sqlite:///mine.db"}).db_path.name == "mine.db"
    url = "postgres://u:secret@db.example.com:5432/sales"  # Heroku's spelling
    settings = Settings.from_env({"DATABASE_URL": url})
    assert settings.database == settings.database_url == url and settings.index_path is None  # built in memory
    with pytest.raises(SettingsError) as error:
        Settings.from_env({"DATABASE_URL": "mysql://u:secret@db.example.com/sales"})
    assert str(error.value).startswith("DATABASE_URL=mysql://… is not a database address salesbot can use")
    assert "secret" not in str(error.value)
    # the command line's --db wins over every database setting, a file or an address
    local = Settings.from_env({"DATABASE_URL": "postgres://db.example.com/sales"}, db=tmp_path / "b.db")
    assert local.db_path == tmp_path / "b.db" and local.database_url is None
    assert Settings.from_env({}, db="postgresql://localhost/x").database == "postgresql://localhost/x"
    with pytest.raises(SettingsError, match="neither on nor off"):
        Settings.from_env({"SALESBOT_ALLOW_SQLITE": "maybe"})
