"""``python -m actions``: the action server, started only once the knowledge base is there.

It adds two things to rasa-sdk's server: the start-up check, so a missing database is
reported at once, naming DATABASE_URL, instead of on the first user question; and the caller
check (``actions.caller``): only calls carrying the action token Rasa sends are answered.
"""

from __future__ import annotations

import argparse
import logging
import os
import sys

from kb.db import KnowledgeBaseUnavailable, database_url, open_existing
from runtime import settings
from runtime.quiet import quiet


def main() -> int:
    quiet()
    parser = argparse.ArgumentParser(prog="python -m actions")
    parser.add_argument("--port", type=int, default=5055)
    parser.add_argument(
        "--host",
        default=settings.actions_host(),
        help="interface to listen on (default ROLEWISE_ACTIONS_HOST or 127.0.0.1: only Rasa calls this server)",
    )
    args = parser.parse_args()
    try:
        open_existing().dispose()
    except KnowledgeBaseUnavailable as error:
        print(f"Action server not started: {error}", file=sys.stderr)
        return 2
    from rasa_sdk.endpoint import run
    from rasa_sdk.plugin import plugin_manager

    from actions.caller import RasaOnly

    logging.basicConfig(level=logging.WARNING, format="%(asctime)s %(levelname)s %(name)s - %(message)s")
    plugin_manager().register(RasaOnly(settings.actions_token()))
    print(f"Knowledge base: {database_url()}", flush=True)
    os.environ["SANIC_HOST"] = args.host  # rasa-sdk's run() reads its interface from here
    run("actions", port=args.port, cors_origins=None)  # no browser ever calls the action server
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
