"""``python -m kb outside`` and ``python -m kb paymix``: jobs outside the map and pay mix, as the bot answers.

``outside JOB [GOAL]``: how people from JOB get into operations (into GOAL when given);
``outside JOB OTHER --pay [--area A]``: who earns more, JOB or OTHER (a role or another outside job);
``paymix ROLE [ROLE]``: the pay mix of one role or two. Exit 0 on an answer, 1 when a name is unknown.
"""

from __future__ import annotations

import argparse
from typing import Any, Optional, Union

from sqlalchemy.orm import Session

from kb.wording import answers, outside as answers_outside
from kb.db import open_existing
from kb.wages.outside import outside_pay, resolve_occupation, route_in, ways_in
from kb.wages.outside_results import OccupationInfo
from kb.wages.pay_mix import pay_mix
from kb.resolve import resolve_role
from kb.results import RoleInfo, RoleMatch, UnknownArea


def job(session: Session, text: str) -> Union[OccupationInfo, RoleInfo, None]:
    """A role (roles win) or an outside occupation named by ``text``; None when neither."""
    match = resolve_role(session, text)
    if isinstance(match, RoleMatch) and match.confidence == 1.0:
        return match.role
    return resolve_occupation(session, text)


def _outside(args: argparse.Namespace) -> int:
    with Session(open_existing(args.database_url)) as session:
        occupation = resolve_occupation(session, args.job)
        if occupation is None:
            print(f'I don\'t know "{args.job}" as a job outside operations.')
            return 1
        other: Optional[Union[OccupationInfo, RoleInfo]] = job(session, args.other) if args.other else None
        if args.other and other is None:
            print(f'I don\'t know "{args.other}".')
            return 1
        if args.pay:
            pay = outside_pay(session, [occupation] + ([other] if other is not None else []), args.area)
            if isinstance(pay, UnknownArea):
                print(answers.unknown_area_text(pay))
                return 1
            print(answers_outside.outside_pay_text(pay) if pay else answers_outside.no_outside_pay_text(occupation))
        elif isinstance(other, RoleInfo):
            print(answers_outside.route_in_text(route_in(session, occupation, other)))
        else:
            print(answers_outside.ways_in_text(ways_in(session, occupation)))
    return 0


def _paymix(args: argparse.Namespace) -> int:
    with Session(open_existing(args.database_url)) as session:
        mixes = []
        for name in args.roles:
            match = resolve_role(session, name)
            mix = pay_mix(session, match.role.name) if isinstance(match, RoleMatch) else None
            if mix is None:
                missing = f"No pay mix for {name}."
                print(answers.unknown_role_text(match) if not isinstance(match, RoleMatch) else missing)
                return 1
            mixes.append(mix)
    print(answers_outside.pay_mix_text(mixes))
    return 0


def register(commands: Any) -> None:
    """Add this module's commands to ``commands`` (the main parser's subparsers)."""
    outside = commands.add_parser("outside", help="a job outside operations: ways in, a route to a role, or pay")
    outside.add_argument("job", help='an everyday name or BLS title ("nurse", "Registered Nurses") or SOC code')
    outside.add_argument("other", nargs="?", default=None, help="a goal role, or (with --pay) a job to compare with")
    outside.add_argument("--pay", action="store_true", help="compare pay (US BLS OEWS) instead of routes")
    outside.add_argument("--area", default=None, help="US state or metro area for pay (default: national)")
    outside.set_defaults(run=_outside)
    mix = commands.add_parser("paymix", help="base, bonus and equity of one role or two")
    mix.add_argument("roles", nargs="+")
    mix.set_defaults(run=_paymix)
