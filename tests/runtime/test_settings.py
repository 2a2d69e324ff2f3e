"""Run-time settings: safe defaults, and clear refusals of settings that would open the bot up."""

from __future__ import annotations

import stat
from pathlib import Path

import pytest

from runtime import settings


def test_everything_listens_on_localhost_unless_told_otherwise() -> None:
    assert settings.host({}) == "127.0.0.1"
    assert settings.actions_host({}) == "127.0.0.1"
    assert settings.host({"ROLEWISE_HOST": "0.0.0.0"}) == "0.0.0.0"
    assert settings.actions_host({"ROLEWISE_ACTIONS_HOST": "10.0.0.5"}) == "10.0.0.5"


def test_the_http_api_is_off_unless_asked_for() -> None:
    assert settings.api({}) == settings.ApiSettings(enabled=False)
    assert settings.api({"ROLEWISE_API_TOKEN": "t"}) == settings.ApiSettings(enabled=False)


@pytest.mark.parametrize("flag", ["1", "true", "yes", "on"])
def test_the_http_api_asked_for_without_a_token_is_refused(flag: str) -> None:
    with pytest.raises(settings.SettingsError, match=r"set ROLEWISE_API_TOKEN .* or ROLEWISE_JWT_SECRET"):
        settings.api({"ROLEWISE_API": flag})


def test_the_http_api_takes_a_token_or_a_jwt_secret() -> None:
    assert settings.api({"ROLEWISE_API": "1", "ROLEWISE_API_TOKEN": "t0k"}) == settings.ApiSettings(True, "t0k")
    assert settings.api({"ROLEWISE_API": "1", "ROLEWISE_JWT_SECRET": "s"}) == settings.ApiSettings(True, None, "s")


def test_cors_allows_only_the_demo_page_by_default() -> None:
    assert settings.cors_origins({}) == ["http://localhost:8080", "http://127.0.0.1:8080"]
    assert settings.cors_origins({"WEB_PORT": "8280"}) == ["http://localhost:8280", "http://127.0.0.1:8280"]


def test_cors_origins_are_read_from_one_setting() -> None:
    given = "https://careers.example.com, http://localhost:3000/  https://[::1]:8443"
    assert settings.cors_origins({"ROLEWISE_CORS_ORIGINS": given}) == [
        "https://careers.example.com",
        "http://localhost:3000",
        "https://[::1]:8443",
    ]


@pytest.mark.parametrize(
    ("given", "complaint"),
    [
        ("*", "may not be '\\*'"),
        ("https://a.example.com *", "may not be '\\*'"),
        ("careers.example.com", "'careers.example.com' is not an origin"),
        ("https://a.example.com/chat", "'https://a.example.com/chat' is not an origin"),
        ("javascript://x", "'javascript://x' is not an origin"),
    ],
)
def test_cors_refuses_wildcards_and_non_origins(given: str, complaint: str) -> None:
    with pytest.raises(settings.SettingsError, match=complaint):
        settings.cors_origins({"ROLEWISE_CORS_ORIGINS": given})


def test_the_session_secret_is_made_once_kept_private_and_read_back(tmp_path: Path) -> None:
    kept = tmp_path / "state" / "session.secret"
    first = settings.session_secret({}, keep_in=kept)
    assert len(first) == 32
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert settings.session_secret({}, keep_in=kept) == first
    assert list(kept.parent.iterdir()) == [kept]  # no draft left behind


def test_a_session_secret_from_the_environment_wins(tmp_path: Path) -> None:
    kept = tmp_path / "session.secret"
    assert settings.session_secret({"ROLEWISE_SESSION_SECRET": "shared"}, keep_in=kept) == b"shared"
    assert not kept.exists()


def test_the_action_token_comes_from_the_environment_or_one_kept_private_file(tmp_path: Path) -> None:
    kept = tmp_path / "actions.secret"
    assert settings.actions_token({"ROLEWISE_ACTIONS_TOKEN": " given "}, keep_in=kept) == "given"
    assert not kept.exists()
    first = settings.actions_token({}, keep_in=kept)
    assert len(bytes.fromhex(first)) == 32
    assert stat.S_IMODE(kept.stat().st_mode) == 0o600
    assert settings.actions_token({}, keep_in=kept) == first


def test_redis_and_the_slack_event_file() -> None:
    assert settings.redis_url({}) is None
    assert settings.redis_url({"ROLEWISE_REDIS_URL": "redis://127.0.0.1:6379/0"}) == "redis://127.0.0.1:6379/0"
    assert settings.slack_events_db({}) == settings.BUILD / "slack_events.sqlite3"
    assert settings.slack_events_db({"ROLEWISE_SLACK_EVENTS_DB": "/tmp/x.db"}) == Path("/tmp/x.db")
