"""Typed settings, read from the environment in one place (12-factor)."""

from __future__ import annotations

import os
import re
from dataclasses import dataclass, replace
from pathlib import Path

BUNDLED_MODEL = "all-MiniLM-L6-v2"


class SettingsError(ValueError):
    """A setting has a value we cannot use."""


def _number(env: dict, name: str, default: float, *, minimum: float = 0.0) -> float:
    raw = env.get(name, "").strip()
    if not raw:
        return default
    try:
        value = float(raw)
    except ValueError:
        raise SettingsError(f"{name}={raw!r} is not a number; set it like {name}={default}") from None
    if value < minimum:
        raise SettingsError(f"{name}={raw!r} must be at least {minimum}")
    return value


def _whole(env: dict, name: str, default: int) -> int:
    value = _number(env, name, default)
    if value != int(value):
        raise SettingsError(f"{name}={value} must be a whole number")
    return int(value)


@dataclass(frozen=True)
class Settings:
    db_path: Path = Path("salesbot.db")
    model: str = BUNDLED_MODEL
    max_price_jump: float = 0.5
    max_cross_sells: int = 3
    max_upsells: int = 2
    relevance_floor: float = 0.30
    exact_index_max: int = 50_000
    encoder: str = "onnx"  # onnx | torch | bf16 (embeddings/backends.py)
    model_cache: Path | None = None  # where the ONNX export is kept; default beside the database
    slack_bot_token: str | None = None
    slack_signing_secret: str | None = None
    slack_app_token: str | None = None
    slack_api_url: str | None = None
    port: int = 3000
    timezone: str = "UTC"
    managers: frozenset[str] = frozenset()  # Slack user ids (U…) and user-group ids (S…)
    report_channel: str | None = None
    trainers: frozenset[str] = frozenset()  # Slack user ids (U…) and user-group ids (S…)
    roleplay_data: Path | None = None  # a folder with personas.json, objections.json, reactions.json
    language: str = "en"  # the answers' language when nothing else tells (bot/language)
    fx: tuple[tuple[str, str, float], ...] = ()  # budget currency conversions: (SEK, EUR, 0.087)
    catalog_url: str | None = None  # a feed or export to keep the catalog in step with
    catalog_sync: str | None = None  # when: "daily 03:00", "hourly", "every 6 hours"
    allow_sqlite: bool = False  # serve on SQLite on an ephemeral platform or beside another serve (bot/deploy.py)
    platform: str | None = None  # a platform that wipes each process's disk (Heroku, ...), from its variables
    database_url: str | None = None  # postgresql://…: everything in PostgreSQL instead of the db_path file
    work_lease: float = 30.0  # seconds before another process answers what a silent one acknowledged (bot/inbox.py)

    @property
    def tz(self):
        from zoneinfo import ZoneInfo

        return ZoneInfo(self.timezone)

    def __post_init__(self):
        object.__setattr__(self, "db_path", Path(self.db_path))

    @property
    def database(self) -> str | Path:
        """What the data lives in: the PostgreSQL address, else the SQLite file."""
        return self.database_url or self.db_path

    @property
    def index_path(self) -> Path | None:
        """The FAISS index lives beside a SQLite database: salesbot.db -> salesbot.faiss. On
        PostgreSQL each process builds it in memory from the vectors the database keeps."""
        return None if self.database_url else self.db_path.with_suffix(".faiss")

    @property
    def model_cache_dir(self) -> Path:
        """The exported model is cached here: salesbot.db -> .salesbot-cache/ in its folder."""
        return Path(self.model_cache) if self.model_cache else self.db_path.parent / ".salesbot-cache"

    def with_db(self, db_path: str | Path | None) -> Settings:
        return self if db_path is None else replace(self, db_path=Path(db_path))

    @property
    def slack_configured(self) -> bool:
        """Enough to run the real bot: a bot token plus a signing secret or an app token."""
        return bool(self.slack_bot_token and (self.slack_signing_secret or self.slack_app_token))

    @classmethod
    def from_env(cls, env: dict | None = None, *, dotenv: str | Path | None = ".env",
                 db: str | Path | None = None) -> Settings:
        """Settings from the environment; a .env file fills in what the environment lacks. `db`
        (the CLI's --db) wins over every database setting."""
        if env is None:
            env = {**_read_dotenv(dotenv), **os.environ}
        if db is not None:
            path, url = (Path("salesbot.db"), str(db)) if _is_postgres(str(db)) else (Path(db), None)
        else:
            path, url = _database(env)
        return cls(
            db_path=path, database_url=url,
            model=env.get("SALESBOT_MODEL") or BUNDLED_MODEL,
            max_price_jump=_number(env, "SALESBOT_MAX_PRICE_JUMP", 0.5),
            max_cross_sells=_whole(env, "SALESBOT_MAX_CROSS_SELLS", 3),
            max_upsells=_whole(env, "SALESBOT_MAX_UPSELLS", 2),
            relevance_floor=_number(env, "SALESBOT_RELEVANCE_FLOOR", 0.30),
            exact_index_max=_whole(env, "SALESBOT_EXACT_INDEX_MAX", 50_000),
            encoder=_choice(env, "SALESBOT_ENCODER", ENCODERS),
            model_cache=Path(env["SALESBOT_MODEL_CACHE"]) if env.get("SALESBOT_MODEL_CACHE") else None,
            slack_bot_token=env.get("SLACK_BOT_TOKEN") or None,
            slack_signing_secret=env.get("SLACK_SIGNING_SECRET") or None,
            slack_app_token=env.get("SLACK_APP_TOKEN") or None,
            slack_api_url=env.get("SLACK_API_URL") or None,
            port=_whole(env, "PORT", 3000),
            timezone=_timezone(env),
            managers=frozenset(m for m in re.split(r"[\s,;]+", env.get("SALESBOT_MANAGERS", ""))
                               if m),
            report_channel=env.get("SALESBOT_REPORT_CHANNEL") or None,
            trainers=frozenset(t for t in re.split(r"[\s,;]+", env.get("SALESBOT_TRAINERS", "")) if t),
            roleplay_data=Path(env["SALESBOT_ROLEPLAY_DATA"]) if env.get("SALESBOT_ROLEPLAY_DATA") else None,
            language=_language(env),
            fx=_fx(env),
            catalog_url=env.get("SALESBOT_CATALOG_URL") or None,
            catalog_sync=_schedule(env),
            allow_sqlite=_flag(env, "SALESBOT_ALLOW_SQLITE"),
            platform=_platform(env),
            work_lease=_number(env, "SALESBOT_WORK_LEASE", 30.0, minimum=1.0),
        )


ENCODERS = ("onnx", "torch", "bf16", "e5")  # the first is the default


def _choice(env: dict, name: str, choices: tuple[str, ...]) -> str:
    value = (env.get(name) or choices[0]).strip().lower()
    if value not in choices:
        raise SettingsError(f"{name}={env.get(name)!r} is not one of {', '.join(choices)}; "
                            f"set it like {name}={choices[0]}")
    return value


def _language(env: dict) -> str:
    from bot import language

    raw = (env.get("SALESBOT_LANGUAGE") or language.DEFAULT).strip().lower()
    if raw not in language.codes():
        raise SettingsError(f"SALESBOT_LANGUAGE={raw!r} is not one of {', '.join(language.codes())}; "
                            "set it like SALESBOT_LANGUAGE=nl")
    return raw


def _fx(env: dict) -> tuple[tuple[str, str, float], ...]:
    """SALESBOT_FX="SEK/EUR=0.087, NOK/EUR=0.085": what one unit of the first currency is in the second."""
    raw = (env.get("SALESBOT_FX") or "").strip()
    rates = []
    for part in filter(None, (p.strip() for p in re.split(r"[,;]", raw))):
        match = re.fullmatch(r"([A-Za-z]{3})\s*/\s*([A-Za-z]{3})\s*=\s*(\d+(?:\.\d+)?)", part)
        if not match or float(match.group(3)) <= 0:
            raise SettingsError(f"SALESBOT_FX: {part!r} is not a rate; write it like SEK/EUR=0.087 (one SEK in EUR)")
        source, target, rate = match.group(1).upper(), match.group(2).upper(), float(match.group(3))
        rates += [(source, target, rate), (target, source, round(1 / rate, 6))]
    return tuple(rates)


def _schedule(env: dict) -> str | None:
    raw = (env.get("SALESBOT_CATALOG_SYNC") or "").strip()
    if not raw:
        return None
    from catalog.sync import Schedule

    try:
        Schedule.parse(raw)
    except ValueError as e:
        raise SettingsError(f"SALESBOT_CATALOG_SYNC: {e}") from None
    if not env.get("SALESBOT_CATALOG_URL"):
        raise SettingsError("SALESBOT_CATALOG_SYNC is set but SALESBOT_CATALOG_URL is not; set the feed's "
                            "https:// address")
    return raw


def _is_postgres(url: str) -> bool:
    return url.startswith(("postgresql://", "postgres://"))


def _database(env: dict) -> tuple[Path, str | None]:
    """(the SQLite file, the PostgreSQL address or None): SALESBOT_DATABASE_URL, else DATABASE_URL
    (the platform convention), else SALESBOT_DB."""
    for name in ("SALESBOT_DATABASE_URL", "DATABASE_URL"):
        url = (env.get(name) or "").strip()
        if not url:
            continue
        if url.startswith("sqlite:///"):
            return Path(url.removeprefix("sqlite:///") or "salesbot.db"), None
        if _is_postgres(url):
            return Path("salesbot.db"), url
        scheme = url.split("://", 1)[0] if "://" in url else url
        raise SettingsError(f"{name}={scheme}://… is not a database address salesbot can use; write it like "
                            "postgresql://user:password@host:5432/name or sqlite:///path/salesbot.db")
    return Path(env.get("SALESBOT_DB") or "salesbot.db"), None


def _platform(env: dict) -> str | None:
    from bot.deploy import ephemeral_platform

    return ephemeral_platform(env)


def _flag(env: dict, name: str) -> bool:
    raw = (env.get(name) or "").strip().lower()
    if raw in ("", "0", "false", "no", "off"):
        return False
    if raw in ("1", "true", "yes", "on"):
        return True
    raise SettingsError(f"{name}={env.get(name)!r} is neither on nor off; set it like {name}=1")


def _timezone(env: dict) -> str:
    name = env.get("SALESBOT_TZ") or "UTC"
    from zoneinfo import ZoneInfo, ZoneInfoNotFoundError

    try:
        ZoneInfo(name)
    except (ZoneInfoNotFoundError, ValueError):
        raise SettingsError(f"SALESBOT_TZ={name!r} is not a time zone; use a name like "
                            "Europe/Amsterdam or UTC") from None
    return name


def _read_dotenv(path: str | Path | None) -> dict:
    if not path or not Path(path).is_file():
        return {}
    from dotenv import dotenv_values

    return {k: v for k, v in dotenv_values(path).items() if v is not None}


def offline_model_loading() -> None:
    """The bundled model is on disk; never let the Hugging Face libraries reach for a hub."""
    os.environ.setdefault("HF_HUB_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_OFFLINE", "1")
    os.environ.setdefault("TRANSFORMERS_VERBOSITY", "error")
    os.environ.setdefault("HF_HUB_DISABLE_PROGRESS_BARS", "1")
