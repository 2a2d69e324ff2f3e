"""``python -m kb rank`` and ``python -m kb education``: the answers the bot gives, printed.

Registered on the main parser by ``kb.cli``; each command returns 0 on an answer and 1 when
the input names nothing known (the message says what instead).
"""

from __future__ import annotations

import argparse
from typing import Any

from sqlalchemy.orm import Session

from kb.wording import answers, education as answers_education, rank as answers_rank
from kb.db import open_existing
from kb.education import (
    UnknownCertification,
    certification_fit,
    compare_education,
    role_education,
)
from kb.ranking import Family, Ranking, UnknownFamily, rank
from kb.results import SameRole, UnknownDimension, UnknownRole


def _problem_text(result: Any) -> str:
    if isinstance(result, UnknownRole):
        return answers.unknown_role_text(result)
    if isinstance(result, UnknownDimension):
        return answers.unknown_dimension_text(result)
    if isinstance(result, UnknownFamily):
        return answers_rank.unknown_family_text(result)
    if isinstance(result, SameRole):
        return answers.same_role_text(result)
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


def _education(args: argparse.Namespace) -> int:
    with Session(open_existing(args.database_url)) as session:
        if args.certification:
            result: Any = certification_fit(session, args.role, args.certification)
        elif args.other:
            result = compare_education(session, args.role, args.other)
        else:
            result = role_education(session, args.role)
    print(answers_education.education_answer_text(result, args.certifications))
    return 1 if isinstance(result, (UnknownCertification, UnknownRole, SameRole)) else 0


def register(commands: Any) -> None:
    """Add this module's commands to ``commands`` (the main parser's subparsers)."""
    rank_cmd = commands.add_parser("rank", help="put roles in order on one dimension, as the bot would answer")
    rank_cmd.add_argument("roles", nargs="*", help="roles to rank (default: all roles, or --family)")
    rank_cmd.add_argument("--dimension", required=True, help="dimension slug or name, e.g. budget, compensation")
    rank_cmd.add_argument("--family", default=None, help="rank every role of this job family")
    rank_cmd.add_argument("--order", choices=("desc", "asc"), default="desc", help="desc: highest first")
    rank_cmd.add_argument("--top", type=int, default=None, help="keep the first N places")
    rank_cmd.set_defaults(run=_rank)
    education = commands.add_parser("education", help="education and certifications of a role, as the bot answers")
    education.add_argument("role")
    education.add_argument("other", nargs="?", default=None, help="a second role: compare the two")
    education.add_argument("--certification", default=None, help="is this certification useful for the role?")
    education.add_argument("--certifications", action="store_true", help="answer with the certifications first")
    education.set_defaults(run=_education)
