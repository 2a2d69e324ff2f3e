"""ROLEWISE_PUBLIC_URL: where Slack fetches chart images; refused unless it is an http(s) URL."""

from __future__ import annotations

import pytest

from runtime import settings
from runtime.__main__ import check


@pytest.mark.parametrize(
    ("value", "expected"),
    [
        ("", None),
        ("https://bot.example.com/", "https://bot.example.com"),
        ("http://10.0.0.5:5005", "http://10.0.0.5:5005"),
        ("https://example.com/rolewise/", "https://example.com/rolewise"),
    ],
)
def test_public_url(value: str, expected: str | None) -> None:
    assert settings.public_url({"ROLEWISE_PUBLIC_URL": value}) == expected


@pytest.mark.parametrize("value", ["bot.example.com", "javascript:alert(1)", "https://x.com/?a=1", "ftp://x.com"])
def test_a_public_url_that_is_not_one_stops_make_run(value: str) -> None:
    with pytest.raises(settings.SettingsError, match=r"^ROLEWISE_PUBLIC_URL="):
        check({"ROLEWISE_PUBLIC_URL": value})
