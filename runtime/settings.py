"""Run-time settings, read from the environment, shared by the launcher and the channels.

Every setting has a safe default, so ``make run`` works with none of them set:

==========================  =====================================  ==========================================
variable                    default                                meaning
==========================  =====================================  ==========================================
``ROLEWISE_HOST``           ``127.0.0.1``                          interface Rasa and the demo page listen on
``ROLEWISE_ACTIONS_HOST``   ``127.0.0.1``                          interface the action server listens on
``ROLEWISE_ACTIONS_TOKEN``  a new one every ``make run``/``cluster`` what Rasa sends the action server to be let in
``ROLEWISE_API``            off                                    ``1`` turns on Rasa's HTTP API
``ROLEWISE_API_TOKEN``      none                                   Rasa's ``--auth-token`` for that API
``ROLEWISE_JWT_SECRET``     none                                   Rasa's ``--jwt-secret`` (HS256) for it
``ROLEWISE_CORS_ORIGINS``   the demo page's two origins            browser origins allowed to call Rasa
``ROLEWISE_REST_TOKEN``     none                                   bearer token the REST channel requires
``ROLEWISE_SESSION_SECRET`` a random key kept in ``build/``         signs the website's conversation ids
``ROLEWISE_REDIS_URL``      none (SQLite in ``build/``)             where Slack event ids are remembered
``ROLEWISE_SLACK_EVENTS_DB`` ``build/slack_events.sqlite3``          that SQLite file, when Redis is not used
``ROLEWISE_PUBLIC_URL``     none (Slack gets no charts)            the bot's address as Slack reaches it
==========================  =====================================  ==========================================

The production profile (``make cluster``) also reads ``ROLEWISE_PG_HOST`` (127.0.0.1),
``ROLEWISE_PG_PORT`` (5432), ``ROLEWISE_PG_USER`` and ``ROLEWISE_PG_PASSWORD`` (both ``rolewise``),
the database names ``ROLEWISE_KB_DATABASE`` and ``ROLEWISE_TRACKER_DATABASE`` (``rolewise_kb``,
``rolewise_tracker``), and uses ``ROLEWISE_REDIS_URL`` (default ``redis://127.0.0.1:6379/0``) for
Rasa's lock store.
"""

from __future__ import annotations

import os
import re
import secrets
from dataclasses import dataclass
from pathlib import Path
from typing import Mapping, Optional
from urllib.parse import quote, urlsplit

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build"
LOCALHOST = "127.0.0.1"
DEFAULT_WEB_PORT = 8080
SESSION_SECRET_FILE = BUILD / "session.secret"
ACTIONS_TOKEN_FILE = BUILD / "actions.secret"
SLACK_EVENTS_FILE = BUILD / "slack_events.sqlite3"
ORIGIN = re.compile(r"^https?://[A-Za-z0-9.\-]+(:[0-9]{1,5})?$|^https?://\[[0-9A-Fa-f:.]+\](:[0-9]{1,5})?$")
ON = {"1", "true", "yes", "on"}


class SettingsError(ValueError):
    """A setting in the environment cannot be used; the message names the variable and the fix."""


@dataclass(frozen=True)
class ApiSettings:
    """Rasa's HTTP API: off, or on behind a token or a JWT secret."""

    enabled: bool
    token: Optional[str] = None
    jwt_secret: Optional[str] = None


def _get(env: Mapping[str, str], name: str) -> Optional[str]:
    value = env.get(name, "").strip()
    return value or None


def host(env: Mapping[str, str] = os.environ) -> str:
    """The interface Rasa and the demo page listen on (``ROLEWISE_HOST``, default 127.0.0.1)."""
    return _get(env, "ROLEWISE_HOST") or LOCALHOST


def actions_host(env: Mapping[str, str] = os.environ) -> str:
    """The interface the action server listens on (``ROLEWISE_ACTIONS_HOST``, default 127.0.0.1)."""
    return _get(env, "ROLEWISE_ACTIONS_HOST") or LOCALHOST


def api(env: Mapping[str, str] = os.environ) -> ApiSettings:
    """Rasa's HTTP API settings.

    Raises:
        SettingsError: the API is asked for without ``ROLEWISE_API_TOKEN`` or ``ROLEWISE_JWT_SECRET``.
    """
    if (_get(env, "ROLEWISE_API") or "").lower() not in ON:
        return ApiSettings(enabled=False)
    token, jwt_secret = _get(env, "ROLEWISE_API_TOKEN"), _get(env, "ROLEWISE_JWT_SECRET")
    if not token and not jwt_secret:
        raise SettingsError(
            "ROLEWISE_API=1 turns on Rasa's HTTP API, which can read and change every conversation: "
            "set ROLEWISE_API_TOKEN (a long random string) or ROLEWISE_JWT_SECRET as well, or leave ROLEWISE_API unset."
        )
    return ApiSettings(enabled=True, token=token, jwt_secret=jwt_secret)


def default_origins(web_port: int) -> list[str]:
    """The demo page's origins when it is served on ``web_port``."""
    return [f"http://localhost:{web_port}", f"http://127.0.0.1:{web_port}"]


def cors_origins(env: Mapping[str, str] = os.environ) -> list[str]:
    """Browser origins allowed to talk to Rasa (``ROLEWISE_CORS_ORIGINS``, spaces or commas between).

    Defaults to the demo page's origins on ``WEB_PORT`` (8080).

    Raises:
        SettingsError: an entry is ``*`` or not an origin (``scheme://host[:port]``, no path).
    """
    given = _get(env, "ROLEWISE_CORS_ORIGINS")
    if given is None:
        port = _get(env, "WEB_PORT") or str(DEFAULT_WEB_PORT)
        if not port.isdigit():
            raise SettingsError(f"WEB_PORT must be a port number, not {port!r}.")
        return default_origins(int(port))
    origins = [o.rstrip("/") for o in re.split(r"[\s,]+", given) if o]
    for origin in origins:
        if origin == "*":
            raise SettingsError(
                "ROLEWISE_CORS_ORIGINS may not be '*': Rasa allows credentials, so list the sites' origins instead."
            )
        if not ORIGIN.match(origin):
            raise SettingsError(
                f"ROLEWISE_CORS_ORIGINS: {origin!r} is not an origin; write scheme://host[:port], "
                "e.g. https://careers.example.com."
            )
    return origins


def rest_token(env: Mapping[str, str] = os.environ) -> Optional[str]:
    """The bearer token REST requests must carry, or None when REST is open (``ROLEWISE_REST_TOKEN``)."""
    return _get(env, "ROLEWISE_REST_TOKEN")


def session_secret(env: Mapping[str, str] = os.environ, keep_in: Path = SESSION_SECRET_FILE) -> bytes:
    """The key that signs website conversation ids (``ROLEWISE_SESSION_SECRET``).

    Without the variable, a random 32-byte key is made once and kept in ``keep_in`` (mode 0600), so
    conversations survive a restart; servers that share a conversation must share the key.
    """
    given = _get(env, "ROLEWISE_SESSION_SECRET")
    if given:
        return given.encode()
    return bytes.fromhex(kept_random_hex(keep_in))


def actions_token(env: Mapping[str, str] = os.environ, keep_in: Path = ACTIONS_TOKEN_FILE) -> str:
    """The token Rasa sends the action server with every call (``ROLEWISE_ACTIONS_TOKEN``).

    ``make run`` and ``make cluster`` set a new one for each run. Without the variable (a server
    started by hand), a random 32-byte key (hex) is made once and kept in ``keep_in`` (mode 0600),
    so a Rasa server and an action server of this checkout started apart still agree.
    """
    return _get(env, "ROLEWISE_ACTIONS_TOKEN") or kept_random_hex(keep_in)


def kept_random_hex(keep_in: Path) -> str:
    """The 32 random bytes (64 hex digits) kept in ``keep_in``, made (mode 0600) if it holds none."""
    try:
        kept = keep_in.read_text().strip()
        bytes.fromhex(kept)
        if kept:
            return kept
    except (FileNotFoundError, ValueError):
        pass
    keep_in.parent.mkdir(parents=True, exist_ok=True)
    draft = keep_in.with_name(f"{keep_in.name}.{os.getpid()}")
    descriptor = os.open(draft, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
    with os.fdopen(descriptor, "w") as handle:
        handle.write(secrets.token_hex(32))
    try:
        os.link(draft, keep_in)  # atomic: of two servers starting at once, one key wins and both read it
    except FileExistsError:
        pass
    finally:
        draft.unlink()
    return keep_in.read_text().strip()


def redis_url(env: Mapping[str, str] = os.environ) -> Optional[str]:
    """Redis for state shared between servers (``ROLEWISE_REDIS_URL``), or None for the embedded default."""
    return _get(env, "ROLEWISE_REDIS_URL")


def slack_events_db(env: Mapping[str, str] = os.environ) -> Path:
    """The SQLite file that remembers handled Slack deliveries without Redis (``ROLEWISE_SLACK_EVENTS_DB``)."""
    given = _get(env, "ROLEWISE_SLACK_EVENTS_DB")
    return Path(given) if given else SLACK_EVENTS_FILE


def public_url(env: Mapping[str, str] = os.environ) -> Optional[str]:
    """Where others (Slack's image fetcher) reach this bot (``ROLEWISE_PUBLIC_URL``), without a trailing slash.

    Only an http(s) origin with an optional path is accepted, so a chart link is never built on
    something else.
    """
    given = _get(env, "ROLEWISE_PUBLIC_URL")
    if given is None:
        return None
    parts = urlsplit(given)
    if parts.scheme not in ("http", "https") or not parts.netloc or parts.query or parts.fragment:
        raise SettingsError(f"ROLEWISE_PUBLIC_URL={given!r} is not an http(s) URL such as https://bot.example.com.")
    return given.rstrip("/")


DEFAULT_REDIS_URL = "redis://127.0.0.1:6379/0"
KB_DATABASE = "rolewise_kb"
TRACKER_DATABASE = "rolewise_tracker"
DATABASE_NAME = re.compile(r"^[a-z_][a-z0-9_]{0,62}$")


def databases(env: Mapping[str, str] = os.environ) -> tuple[str, str]:
    """(KB database, tracker database) of the production profile: ``ROLEWISE_KB_DATABASE`` and
    ``ROLEWISE_TRACKER_DATABASE``, default ``rolewise_kb`` and ``rolewise_tracker``.

    Raises:
        SettingsError: a name is not a plain lower-case identifier.
    """
    names = (
        _get(env, "ROLEWISE_KB_DATABASE") or KB_DATABASE,
        _get(env, "ROLEWISE_TRACKER_DATABASE") or TRACKER_DATABASE,
    )
    for name in names:
        if not DATABASE_NAME.match(name):
            raise SettingsError(f"{name!r} is not a database name Rolewise uses: lower-case letters, digits and _.")
    return names


@dataclass(frozen=True)
class Postgres:
    """Where the production profile keeps the KB and Rasa's conversations (two databases on one server)."""

    host: str
    port: int
    user: str
    password: str

    def url(self, database: str) -> str:
        """SQLAlchemy URL of ``database`` on this server."""
        return f"postgresql://{quote(self.user)}:{quote(self.password)}@{self.host}:{self.port}/{database}"


def postgres(env: Mapping[str, str] = os.environ) -> Postgres:
    """The PostgreSQL server of the production profile (``ROLEWISE_PG_*``).

    Raises:
        SettingsError: ``ROLEWISE_PG_PORT`` is not a number.
    """
    port = _get(env, "ROLEWISE_PG_PORT") or "5432"
    if not port.isdigit():
        raise SettingsError(f"ROLEWISE_PG_PORT must be a port number, not {port!r}.")
    return Postgres(
        host=_get(env, "ROLEWISE_PG_HOST") or LOCALHOST,
        port=int(port),
        user=_get(env, "ROLEWISE_PG_USER") or "rolewise",
        password=_get(env, "ROLEWISE_PG_PASSWORD") or "rolewise",
    )


def redis_parts(url: str) -> tuple[str, int, int]:
    """(host, port, database number) of a ``redis://host:port/db`` URL, as Rasa's lock store takes them.

    Raises:
        SettingsError: the URL is not of that form.
    """
    parts = urlsplit(url)
    database = parts.path.strip("/") or "0"
    if parts.scheme != "redis" or not parts.hostname or not database.isdigit():
        raise SettingsError(f"ROLEWISE_REDIS_URL must look like redis://host:6379/0, not {url!r}.")
    return parts.hostname, parts.port or 6379, int(database)
