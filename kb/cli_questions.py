"""``python -m kb rank`` and ``python -m kb education``: the answers the bot gives, printed.

Registered on the main parser by ``kb.cli``; each command returns 0 on an answer and 1 when
the input names nothing known (the message says what instead).
"""

from __future__ import annotations

import argparse
from typing import Any

from sqlalchemy.orm import Session

from kb import answers, answers_rank
from kb.db import open_existing
from kb.ranking import Family, Ranking, UnknownFamily, rank
from kb.results import UnknownDimension, UnknownRole


def _problem_text(result: Any) -> str:
    if isinstance(result, UnknownRole):
        return answers.unknown_role_text(result)
    if isinstance(result, UnknownDimension):
        return answers.unknown_dimension_text(result)
    if isinstance(result, UnknownFamily):
        return answers_rank.unknown_family_text(result)
    raise TypeError(f"not a problem result: {result!r}")


def _rank(args: argparse.Namespace) -> int:
    scope = Family(args.family) if args.family else (args.roles or None)
    with Session(open_existing(args.database_url)) as session:
        result = rank(session, scope, args.dimension, order=args.order, limit=args.top)
    if isinstance(result, Ranking):
        print(answers_rank.rank_text(result))
        return 0
    print(_problem_text(result))
    return 1


def register(commands: Any) -> None:
    """Add this module's commands to ``commands`` (the main parser's subparsers)."""
    rank_cmd = commands.add_parser("rank", help="put roles in order on one dimension, as the bot would answer")
    rank_cmd.add_argument("roles", nargs="*", help="roles to rank (default: all roles, or --family)")
    rank_cmd.add_argument("--dimension", required=True, help="dimension slug or name, e.g. budget, compensation")
    rank_cmd.add_argument("--family", default=None, help="rank every role of this job family")
    rank_cmd.add_argument("--order", choices=("desc", "asc"), default="desc", help="desc: highest first")
    rank_cmd.add_argument("--top", type=int, default=None, help="keep the first N places")
    rank_cmd.set_defaults(run=_rank)
