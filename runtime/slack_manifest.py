"""``python -m runtime.slack_manifest https://your.host``: the Slack app manifest with the bot's public host.

The manifest (``runtime/slack_manifest.yml``) is what Slack's "Create an app from a manifest" takes:
the bot scopes, the bot events, and the Events API and interactivity request URLs, both
``https://HOST/webhooks/slack/webhook`` (Rasa's ``slack`` channel, ``channels/slack.py``). Slack
calls them from the internet, so the host must be an https URL that reaches this bot's Rasa port.
"""

from __future__ import annotations

import sys
from pathlib import Path
from urllib.parse import urlsplit

MANIFEST = Path(__file__).with_name("slack_manifest.yml")
PLACEHOLDER = "https://YOUR-HOST"
WEBHOOK_PATH = "/webhooks/slack/webhook"


class HostError(ValueError):
    """The host given cannot be Slack's request URL base."""


def public_base(host: str) -> str:
    """``https://example.org`` from ``https://example.org/`` (a path prefix such as ``/bot`` is kept).

    Raises:
        HostError: not an ``https://`` URL with a host name, or with a query or fragment.
    """
    parts = urlsplit(host.strip())
    if parts.scheme != "https" or not parts.hostname:
        raise HostError(
            "HOST must be the https address Slack reaches this bot at, e.g. HOST=https://bot.example.org "
            f"(got {host!r})."
        )
    if parts.query or parts.fragment:
        raise HostError(f"HOST must have no query or fragment (got {host!r}).")
    return f"https://{parts.netloc}{parts.path.rstrip('/')}"


def manifest(host: str, template: Path = MANIFEST) -> str:
    """The manifest's text with every request URL on ``host`` (see ``public_base``)."""
    return template.read_text().replace(PLACEHOLDER, public_base(host))


def main(argv: list[str]) -> int:
    if len(argv) != 1 or not argv[0]:
        print("usage: make slack-manifest HOST=https://your.host", file=sys.stderr)
        return 2
    try:
        print(manifest(argv[0]), end="")
    except HostError as problem:
        print(problem, file=sys.stderr)
        return 2
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
