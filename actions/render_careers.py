"""The career answers as messages: routes as numbered steps with what changes, ways in, next roles.

Sentences come from ``kb.wording.replies`` and ``kb.wording.answers`` (the route's intro and numbered steps,
shared with the CLI); buttons and payloads from ``actions.render``.
"""

from __future__ import annotations

import itertools
from typing import Optional, Sequence

from kb.wording import replies as wording
from actions.render import PAGE_SIZE, Button, Reply, compare_button, payload
from actions.slots import CAREER, CAREER_DIRECTION, JOB_FAMILY, JOB_ROLE, LIST
from kb.wording import answers
from kb.wording.ladder import family_ladder_text
from kb.results import CareerPath, FamilyLadder, RoleInfo, Verdict

Move = tuple[RoleInfo, RoleInfo, Sequence[Verdict]]  # earlier role, later role, their top differences


def change(earlier: RoleInfo, later: RoleInfo, verdicts: Sequence[Verdict]) -> str:
    """What changes with one move: what grows where the later role leads ("more budget authority,
    broader scope"); on a sideways or downward move, what the earlier role had more of."""
    leading = [v for v in verdicts if v.leader is not None and v.leader.name == later.name]
    if leading:
        return ", ".join(answers.change_phrase(v.dimension) for v in leading)
    by_leader: dict[str, list[str]] = {}
    for verdict in verdicts:
        if verdict.leader is not None:
            by_leader.setdefault(verdict.leader.name, []).append(wording.short_difference(verdict))
    if not by_leader:
        return wording.SAME_EVERYWHERE
    return "; ".join(wording.leader_changes(name, differences) for name, differences in by_leader.items())


def steps_text(intro: str, steps: Sequence[RoleInfo], moves: Sequence[Move]) -> str:
    """The intro line, then one numbered line per move with what changes."""
    changes = [change(earlier, later, verdicts) for earlier, later, verdicts in moves]
    return "\n".join([intro, *answers.route_steps(steps, changes)])


def step_buttons(steps: Sequence[RoleInfo]) -> tuple[Button, ...]:
    """One comparison per move (the later role first), at most a page of them."""
    pairs = itertools.pairwise(steps)
    return tuple(compare_button(later.name, earlier.name, None) for earlier, later in pairs)[:PAGE_SIZE]


def career_path_reply(path: CareerPath, moves: Sequence[Move] = (), from_current: bool = False) -> Reply:
    """A route: a short intro line, then the moves as numbered steps, each with what changes."""
    if not path.found:
        return Reply(answers.career_path_text(path), offers="menu")
    intro = wording.from_your_role(path.start, path.goal, path.steps) if from_current else answers.route_intro(path)
    return Reply(steps_text(intro, path.steps, moves), step_buttons(path.steps), offers="menu")


def career_change_reply(
    start: RoleInfo,
    family: str,
    path: Optional[CareerPath],
    moves: Sequence[Move],
    from_current: bool,
    across: Optional[RoleInfo] = None,
) -> Reply:
    """A move into another job family: the route to its nearest role, each step with what changes;
    without a route, says so and names the family's role at the closest level (``across``)."""
    who = wording.who(start, from_current)
    family_button = Button(wording.family_roles(family), payload(LIST, **{JOB_FAMILY: family}))
    if path is None:
        text = wording.no_route_into(who, family)
        if across is None:
            return Reply(text, (family_button,), offers="menu")
        buttons = (compare_button(across.name, start.name, None, wording.vs(start.name, across.name)), family_button)
        return Reply(steps_text(wording.sideways(text, across), (start, across), moves), buttons, offers="menu")
    intro = wording.route_into(who, family, path.goal, path.steps)
    return Reply(steps_text(intro, path.steps, moves), step_buttons(path.steps), offers="menu")


def no_route_from_current_reply(start: RoleInfo, goal: RoleInfo, sources: Sequence[RoleInfo]) -> Reply:
    ways = entry_roles_reply(goal, sources)
    text = wording.no_route_from_current(start, goal, ways.text)
    return Reply(text, ways.buttons, offers="menu")


def about_me_reply(current: RoleInfo, next_roles: Sequence[RoleInfo], moves: Sequence[Move]) -> Reply:
    """For someone who said what they do: where that role leads and what changes with the next step."""
    if not next_roles:
        return Reply(wording.stated_top(current), (Button(wording.LIST_ROLES, payload(LIST)),), offers="menu")
    step = next_roles[0]
    lines = [wording.stated(current, [r.name for r in next_roles])]
    for _earlier, later, verdicts in moves:
        leading = [wording.short_difference(v) for v in verdicts if v.leader and v.leader.name == later.name]
        if leading:
            lines.append(wording.moving_up(later, "; ".join(leading)))
    lines.append(wording.STATED_NEXT)
    buttons = (
        compare_button(step.name, current.name, None, wording.vs(current.name, step.name)),
        Button(wording.what_comes_after(step.name), payload(CAREER, **{JOB_ROLE: step.name, CAREER_DIRECTION: "after"})),  # noqa: E501
        *(Button(wording.how_to_become(r), payload(CAREER, **{JOB_ROLE: r.name, CAREER_DIRECTION: "into"}))
          for r in next_roles[1:3]),
    )  # fmt: skip
    return Reply("\n".join(lines), buttons, offers="menu")


def ask_current_role_reply(choices: Sequence[RoleInfo]) -> Reply:
    buttons = tuple(Button(r.name, payload("state_role", **{JOB_ROLE: r.name})) for r in choices)
    return Reply(wording.ASK_CURRENT, buttons, offers="question")


def how_long_reply(role: RoleInfo, experience: str) -> Reply:
    """How long it takes to become ``role``: the experience its profile asks for."""
    return Reply(wording.how_long(role, experience))


def entry_roles_reply(goal: RoleInfo, sources: Sequence[RoleInfo]) -> Reply:
    if not sources:
        return Reply(wording.entry_point(goal))
    buttons = tuple(compare_button(goal.name, s.name, None, wording.vs(s.name, goal.name)) for s in sources[:PAGE_SIZE])
    return Reply(wording.ways_in(goal, [s.name for s in sources]), buttons, offers="menu")


def next_roles_reply(role: RoleInfo, targets: Sequence[RoleInfo], from_current: bool = False) -> Reply:
    if not targets:
        return Reply(wording.top_of_ladder(role))
    buttons = tuple(compare_button(t.name, role.name, None) for t in targets[:PAGE_SIZE])
    return Reply(wording.next_roles(wording.who(role, from_current), [t.name for t in targets]), buttons, offers="menu")


def family_ladder_reply(ladder: FamilyLadder) -> Reply:
    """A job family's ladder; a button asks the route into each role people join it as (a page at most)."""
    ways = [Button(wording.how_to_become(r), payload(CAREER, **{JOB_ROLE: r.name, CAREER_DIRECTION: "into"}))
            for r in ladder.entry[: PAGE_SIZE - 1]]  # fmt: skip
    listing = Button(wording.family_roles(ladder.family), payload(LIST, **{JOB_FAMILY: ladder.family}))
    return Reply(family_ladder_text(ladder), (*ways, listing), offers="menu")
