"""Wording for jobs outside the operations map and for pay mix: plain text, verdict first.

Shapes: ``kb.wages.outside_results``. Pay figures are annual US dollars from BLS OEWS with their source.
"""

from __future__ import annotations

from typing import Optional, Sequence

from kb.wording.answers import area_label, dollars, figures_text, moves_count, route_steps
from kb.wording.pay import role_pay_line
from kb.wages.outside_results import OccupationInfo, OutsidePay, PayMix, RouteIn, WaysIn, WaysInPay
from kb.results import DimensionInfo, RoleInfo
from kb.text import series

BONUS = {
    "usual": "a bonus is part of the normal package",
    "common": "a bonus is common",
    "sometimes": "a bonus is paid at some employers",
    "rare": "a bonus is rare",
}
EQUITY = {
    "usual": "equity or stock options are usual",
    "common": "equity or stock options are common",
    "sometimes": "equity or stock options come only at some employers",
    "rare": "equity or stock options are rare",
}


def occupation_name(occupation: OccupationInfo) -> str:
    """ "Registered Nurses (BLS)", or the content's name for a job OEWS does not cover."""
    return occupation.named


def noted_text(occupation: OccupationInfo) -> str:
    """What the bot says back when someone names a job outside the map."""
    return (
        f"Noted: your job falls under {occupation_name(occupation)}, outside the operations roles I compare. "
        "Here is how people from there usually get into operations."
    )


def outside_text(occupation: OccupationInfo) -> str:
    """Said when someone names a job outside the map without saying it is theirs."""
    return (
        f"{occupation_name(occupation)} is a job outside the operations roles I compare. "
        "Here is how people from there usually get into operations."
    )


def ways_in_text(ways: WaysIn) -> str:
    """Entry roles with why they fit, then what transfers, what is usually missing and a first step."""
    lines = [f"From {occupation_name(ways.occupation)}, the usual ways into operations:"]
    lines += [f"- {entry.role.name}: {entry.why}" for entry in ways.entries]
    lines += _transfer_lines(ways)
    return "\n".join(lines)


def _transfer_lines(ways: WaysIn) -> list[str]:
    certification = ""
    if ways.certification:
        full = f" ({ways.certification_full})" if ways.certification_full not in (None, ways.certification) else ""
        certification = f" [{ways.certification}{full}]"
    return [
        "What transfers: " + "; ".join(ways.transfers) + ".",
        f"What you would usually need to pick up: {ways.lacks}",
        f"First step{certification}: {ways.first_step}",
    ]


def route_in_text(route: RouteIn) -> str:
    """From an outside occupation to a goal role: the nearest entry role, the moves after it, what transfers."""
    ways = route.ways
    name = occupation_name(ways.occupation)
    if route.entry is None or route.path is None:
        entries = series([e.role.name for e in ways.entries], "or")
        lines = [
            f"I know of no typical route from the usual ways in for {name} to {route.goal.with_article}. "
            f"People from {ways.group_name.lower()} usually start as {entries}."
        ]
        ladder = route.ladder
        if ladder is not None and len(ladder.steps) == 1:  # a first rung: "how do I become a warehouse associate?"
            named = route.goal.with_article
            lines.append(f"{named[:1].upper()}{named[1:]} is a first job people join without a typical "
                         "previous role: you can apply for it directly.")  # fmt: skip
        elif ladder is not None:  # "... starts as a Facilities Coordinator: 1 move up"
            lines += [
                f"The usual climb to {route.goal.name} starts as {ladder.start.with_article}, which people join "
                f"without a typical previous role; from there it takes {moves_count(ladder.steps)}:",
                *route_steps(ladder.steps),
            ]
        return "\n".join(lines + _transfer_lines(ways))
    entry = route.entry
    if route.path.start.name == route.goal.name:
        lines = [f"From {name}, {route.goal.name} is itself one of the usual ways in: {entry.why}"]
    else:
        lines = [
            f"From {name}, the nearest way into {route.goal.name} is to start as {entry.role.with_article}: "
            f"{entry.why}",
            f"From there, a typical route to {route.goal.name} takes {moves_count(route.path.steps)}:",
            *route_steps(route.path.steps),
        ]
    return "\n".join(lines + _transfer_lines(ways))


def outside_pay_text(pay: OutsidePay) -> str:
    """A verdict on median annual pay, both figures, and the source (BLS OEWS release and area)."""
    lines = []
    if len(pay.sides) == 2:
        (first, a, _), (second, b, _) = pay.sides
        if a.median is not None and b.median is not None and a.median != b.median:
            (more, high), (less, low) = sorted(((first, a.median), (second, b.median)), key=lambda s: -s[1])
            lines.append(
                f"Higher median pay: {more} ({dollars(high)} a year) over {less} ({dollars(low)}), {_where(pay)}."
            )
        elif a.median is not None and a.median == b.median:
            lines.append(f"{first} and {second} have the same median pay, {_where(pay)}.")
        else:
            lines.append(f"I can't say who earns more: BLS publishes no median for one of them {_where(pay)}.")
    if pay.instead_of is not None:
        lines.append(
            f"I keep metro-area figures for operations roles only, so these are for {pay.area.name}, "
            f"the state {pay.instead_of.name} is in."
        )
    for name, figures, role_pay in pay.sides:
        lines.append((f"{name}: " if role_pay is not None else "") + figures_text(figures, pay.area))
    lines.append(f"Source: US BLS OEWS, {pay.release} ({area_label(pay.area)}).")
    return "\n".join(lines)


def ways_in_pay_text(pay: WaysInPay) -> str:
    """What the ways in pay, one line per entry role, then the job they start from and the source:
    "Operations Coordinator: typically around the middle, $41,560 to $63,440 (Production, Planning, and
    Expediting Clerks median $52,030)." Dollars are annual wages."""
    area = pay.roles.area
    lines = [f"What these pay ({'nationally' if area.kind == 'N' else f'in {area.name}'}):"]
    lines += [role_pay_line(role, area) for role in pay.roles.roles]
    if pay.own is not None:
        lines.append(f"For comparison, {figures_text(pay.own, area)}")
    else:
        lines.append(no_outside_pay_text(pay.occupation))
    lines.append(f"Source: US BLS OEWS, {pay.roles.release} ({area_label(area)}), annual wages.")
    return "\n".join(lines)


def _where(pay: OutsidePay) -> str:
    return "nationally" if pay.area.kind == "N" else f"in {pay.area.name}"


def no_outside_pay_text(occupation: OccupationInfo) -> str:
    return f"I have no BLS pay figures for {occupation_name(occupation)}: OEWS counts civilian jobs only."


def other_dimension_text(occupation: OccupationInfo, dimension: Optional[DimensionInfo]) -> str:
    """Said when someone asks about a non-pay dimension for a job outside the map."""
    what = dimension.name.lower() if dimension is not None else "that"
    return (
        f"I compare only operations roles on {what}, so I can't place {occupation_name(occupation)} on it. "
        f"I can give its pay from BLS data, or show how people from there get into operations."
    )


def pay_mix_text(mixes: Sequence[PayMix]) -> str:
    """Each role's pay mix: base salary, how usual a bonus and equity are, and the content's note."""
    lines = []
    if len(mixes) == 2:
        first, second = mixes
        order = list(BONUS)
        if first.bonus != second.bonus:
            ahead = first if order.index(first.bonus) < order.index(second.bonus) else second
            lines.append(f"Bonuses are more usual for {ahead.role.with_article}.")
        if first.equity != second.equity:
            ahead = first if order.index(first.equity) < order.index(second.equity) else second
            lines.append(f"Equity or stock options are more usual for {ahead.role.with_article}.")
        if first.bonus == second.bonus and first.equity == second.equity:
            lines.append("Their pay is made up in a similar way.")
    for mix in mixes:
        lines.append(f"{mix.role.name}: base salary, {BONUS[mix.bonus]}, {EQUITY[mix.equity]}. {mix.text}")
    return "\n".join(lines)


def roles_label(roles: Sequence[RoleInfo]) -> str:
    return series([r.name for r in roles], "and")
