"""What a career question asks: routes, ways in, next steps, follow-ups on the last route, career
changes. Pure functions over the roles named and what the conversation remembers."""

from __future__ import annotations

import re
from dataclasses import dataclass
from typing import Literal, Optional

from actions.cues import AFTER, FROM_THERE, HOW_LONG

CareerKind = Literal["route", "into", "after", "how_long", "change", "ladder", "ask"]
FROM_A_ROLE_WHERE = re.compile(r"\bfrom an? .+ where\b", re.I)  # "from a buyer, where next?": structural
LEADS_TO = re.compile(r"\bto\W*$", re.I)  # "what can a buyer get promoted to?": the destination is what is asked


@dataclass(frozen=True)
class CareerPlan:
    kind: CareerKind
    start: Optional[str] = None  # route, change: where from; after, how_long: the role
    goal: Optional[str] = None  # route, into: where to
    family: Optional[str] = None  # change: the job family to move into; ladder: the family asked about
    from_current: bool = False  # the start is the role the user said they hold


def plan_career(
    roles: list[str],
    direction: Optional[str],
    text: str,
    route_end: Optional[str] = None,
    current_role: Optional[str] = None,
    family: Optional[str] = None,
) -> CareerPlan:
    """What a career question asks, given the last route's end and the role the user holds.

    ``roles`` are the roles the message names, in order; ``family`` a job family it names as a
    destination ("into supply chain"). Follow-ups without a role continue from ``route_end``
    ("and then?", "how long does that take?", "from there to VP?"); a goal alone is reached
    from ``current_role`` when the user said what they do.
    """
    named = list(dict.fromkeys(roles))
    if family is not None:
        start = named[0] if named else current_role
        if start is not None:
            return CareerPlan("change", start=start, family=family, from_current=not named)
        return CareerPlan("ladder", family=family)  # "how do I get into supply chain?": its ladder
    if len(named) >= 2:
        return CareerPlan("route", start=named[0], goal=named[1])
    if len(named) == 1:
        role = named[0]
        if route_end and route_end != role and FROM_THERE.search(text):
            return CareerPlan("route", start=route_end, goal=role)
        if HOW_LONG.search(text):
            return CareerPlan("how_long", start=role)
        if direction == "after" or (direction is None and (AFTER.search(text) or FROM_A_ROLE_WHERE.search(text)
                                                           or LEADS_TO.search(text))):  # fmt: skip
            return CareerPlan("after", start=role)
        if current_role and current_role != role:
            return CareerPlan("route", start=current_role, goal=role, from_current=True)
        return CareerPlan("into", goal=role)
    anchor = route_end or current_role
    if anchor is None:
        return CareerPlan("ask")
    if HOW_LONG.search(text):
        return CareerPlan("how_long", start=anchor)
    return CareerPlan("after", start=anchor, from_current=route_end is None)
