"""Plain-text wording of query results: the sentences the chatbot and the CLI say.

Kept free of any chat framework so that ``python -m kb compare`` prints exactly
what the bot answers.
"""

from __future__ import annotations

import itertools
from typing import Optional, Sequence

from kb.wages.verdict import TIE_RATIO, gap_words
from kb.reporting import count_word
from kb.results import (
    AreaInfo,
    CareerPath,
    DimensionInfo,
    PayFigures,
    RoleInfo,
    RolePay,
    RoleProfile,
    SameRole,
    Trait,
    UnknownArea,
    UnknownDimension,
    UnknownRole,
    Verdict,
    WageFigures,
)

PROFILE_PREFIX = "Based on the two role profiles:"


def capital(text: str) -> str:
    return text[:1].upper() + text[1:]


def reporting_clause(line: tuple[RoleInfo, ...]) -> str:
    """How the lower role reaches the upper one ("the Plant Manager reports to the Director of Operations")."""
    lower, boss, upper = line[0], line[1], line[-1]
    if len(line) == 2:
        return f"the {lower.name} reports to the {upper.name}"
    clause = f"the {lower.name} is {count_word(len(line) - 1)} levels below, reporting to the {boss.name}, "
    if len(line) == 3:
        return clause + f"who reports to the {upper.name}"
    middle = [f"the {role.name}" for role in line[2:-1]]
    through = middle[0] if len(middle) == 1 else ", ".join(middle[:-1]) + " and " + middle[-1]
    return clause + f"whose line runs up through {through} to the {upper.name}"


def verdict_sentence(verdict: Verdict) -> str:
    """The verdict alone, naming the leading role first ("The Head of Operations has more ...").

    A hierarchy verdict says how the two are connected when one reports to the other,
    and says "typically" when they are in separate reporting chains. A pay verdict from wage
    data says how much more in plain words, or that the two ranges are close.
    """
    dimension = verdict.dimension
    typically = "typically " if verdict.typical else ""
    if verdict.leader is None:
        tie = capital(f"{verdict.first.with_article} and {verdict.second.with_article} {typically}{dimension.tie}")
        if verdict.pay_gap is not None:
            return f"{tie}. The middles of their typical pay ranges are within {round((TIE_RATIO - 1) * 100)}%."
        return f"{tie}."
    trailer = verdict.trailer
    assert trailer is not None
    sentence = f"The {verdict.leader.name} {typically}{dimension.more} {trailer.with_article}"
    if verdict.pay_gap is not None:
        return (
            f"{sentence}. The {verdict.leader.name} earns {gap_words(verdict.pay_gap)}, comparing the middle "
            "of each role's typical pay range."
        )
    if verdict.line:
        return f"{sentence}: {reporting_clause(verdict.line)}."
    return f"{sentence}."


def explanation_text(verdict: Verdict) -> str:
    """Why a verdict holds: the authored explanation or, said honestly, the two profiles."""
    return f"{PROFILE_PREFIX} {verdict.explanation}" if verdict.source == "profiles" else verdict.explanation


def verdict_text(verdict: Verdict) -> str:
    """Verdict first, then why: the authored explanation or, said honestly, the two profiles."""
    text = f"{verdict_sentence(verdict)} {explanation_text(verdict)}"
    return f"{text}\n{pay_text(verdict.pay)}" if verdict.pay is not None else text


def unknown_role_text(problem: UnknownRole) -> str:
    """Say which words were not recognised, and offer the nearest roles we do know."""
    query = problem.query.strip()
    said = f'I don\'t know the role "{query}".' if query else "I didn't catch a role name."
    if problem.suggestions:
        names = ", ".join(role.name for role in problem.suggestions)
        return f"{said} Did you mean: {names}?"
    return f"{said} Ask me to list roles to see the ones I know."


def same_role_text(problem: SameRole) -> str:
    return f"Both of those are the {problem.role.name}, so there is nothing to compare. Name a different second role."


def unknown_dimension_text(problem: UnknownDimension) -> str:
    names = ", ".join(d.name.lower() for d in problem.known)
    return f'I can\'t compare roles on "{problem.query}". I can compare them on: {names}.'


def profile_text(profile: RoleProfile) -> str:
    """One role in a few lines: summary, where it sits, where it leads."""
    role = profile.role
    lines = [f"{role.name} ({role.family}).", role.summary]
    if profile.reports_to:
        lines.append(f"Usually reports to: {profile.reports_to.name}.")
    if profile.next_roles:
        lines.append("Typical next roles: " + ", ".join(r.name for r in profile.next_roles) + ".")
    return "\n".join(lines)


def moves_count(steps: Sequence[RoleInfo]) -> str:
    """How many moves a route of ``steps`` takes ("1 move", "2 moves")."""
    moves = len(steps) - 1
    return f"{moves} move{'s' * (moves != 1)}"


# Verbs a dimension's "more" phrase starts with that a change can do without ("has a broader scope"
# -> "broader scope"); any other leading verb becomes its -ing form ("deals more with" -> "dealing more with").
_DROPPED_VERBS = ("has a ", "has ", "is ", "sits ", "needs a ", "needs ", "carries ")


def change_phrase(dimension: DimensionInfo) -> str:
    """What grows on a dimension when moving to the role that leads on it ("more budget authority")."""
    phrase = dimension.more.removesuffix(" than")
    for verb in _DROPPED_VERBS:
        if phrase.startswith(verb):
            return phrase[len(verb) :]
    verb, _, rest = phrase.partition(" ")
    return f"{verb.removesuffix('s')}ing {rest}".strip() if verb.endswith("s") else phrase


def route_steps(steps: Sequence[RoleInfo], changes: Sequence[str] = ()) -> list[str]:
    """One numbered line per move of a route, with what changes where given
    ("1. Buyer to Procurement Manager: broader scope, more budget authority.")."""
    lines = []
    for number, (earlier, later) in enumerate(itertools.pairwise(steps), start=1):
        change = changes[number - 1] if number <= len(changes) else ""
        lines.append(f"{number}. {earlier.name} to {later.name}" + (f": {change}." if change else "."))
    return lines


def route_intro(path: CareerPath) -> str:
    return f"A typical route from {path.start.name} to {path.goal.name} takes {moves_count(path.steps)}:"


def career_path_text(path: CareerPath, changes: Sequence[str] = ()) -> str:
    """A short intro line, then the route's moves as numbered steps (each with what changes, if given)."""
    if not path.found:
        return (
            f"I know of no typical route from {path.start.with_article} to {path.goal.with_article} in my career map."
        )
    return "\n".join([route_intro(path), *route_steps(path.steps, changes)])


def role_list_text(groups: list[tuple[str, tuple[RoleInfo, ...]]]) -> str:
    return "\n".join(f"{family}: " + ", ".join(r.name for r in roles) + "." for family, roles in groups)


# Where a pay_position band sits, and the two percentiles that bound it.
BANDS = {
    "bottom": ("in the bottom quarter", "10th to 25th percentile", "p10", "p25"),
    "lower": ("in the lower half", "25th percentile to median", "p25", "median"),
    "middle": ("around the middle", "25th to 75th percentile", "p25", "p75"),
    "upper": ("in the upper half", "median to 75th percentile", "median", "p75"),
    "top": ("in the top quarter", "75th to 90th percentile", "p75", "p90"),
}


def dollars(amount: int) -> str:
    return f"${amount:,}"


def area_label(area: AreaInfo) -> str:
    return "national" if area.kind == "N" else area.name


def _occupation(figures: WageFigures) -> str:
    return f"{figures.title} (SOC {figures.soc})"


def figures_text(figures: WageFigures, area: AreaInfo) -> str:
    """One occupation's median and middle half, or why BLS publishes none for it in the area."""
    where = "nationally" if area.kind == "N" else f"in {area.name}"
    if not figures.found:
        return f"BLS publishes no figures for {_occupation(figures)} {where}."
    if figures.median is None:
        note = figures.note("median")
        because = f" ({note.rstrip('.')})" if note else ""
        return f"BLS publishes no wage estimate for {_occupation(figures)} {where}{because}."
    text = f"{_occupation(figures)}: median {dollars(figures.median)} a year"
    if figures.p25 is not None and figures.p75 is not None:
        text += f", middle half {dollars(figures.p25)} to {dollars(figures.p75)}"
    if figures.employment is not None:
        text += f", {figures.employment:,} employed"
    return text + "."


def _position(pay: RolePay) -> str:
    """Where the role typically sits in its distribution, with the band's figures when published."""
    where, label, low, high = BANDS[pay.band]
    group = "that group" if len(pay.figures) == 1 else "those groups"
    sentence = f"{capital(pay.role.with_article)} typically sits {where} of {group}"
    figures = pay.figures[0]
    if len(pay.figures) == 1 and getattr(figures, low) is not None and getattr(figures, high) is not None:
        sentence += f" ({label}: {dollars(getattr(figures, low))} to {dollars(getattr(figures, high))})"
    return f"{sentence}. {pay.position}"


def pay_text(pay: PayFigures) -> str:
    """Sourced figures after a compensation verdict: each role's SOC occupation, where the role
    sits in it (its own pay_position), and the source line naming the OEWS release and area."""
    lines = []
    if len(pay.roles) == 1:  # one role on its own ("what does it pay?")
        lines += [figures_text(f, pay.area) for f in pay.roles[0].figures]
        lines.append(_position(pay.roles[0]))
    elif pay.shared:
        figures = pay.roles[0].figures
        plural = "s" * (len(figures) > 1)
        lines.append(f"Both roles are counted in the same BLS occupation{plural}, so they share one set of figures.")
        lines += [figures_text(f, pay.area) for f in figures]
        lines += [_position(r) for r in pay.roles]
    else:
        for role_pay in pay.roles:
            lines.append(f"{role_pay.role.name}:")
            lines += [figures_text(f, pay.area) for f in role_pay.figures]
            lines.append(_position(role_pay))
    lines.append(f"Source: US BLS OEWS, {pay.release} ({area_label(pay.area)}).")
    return "\n".join(lines)


def unknown_area_text(problem: UnknownArea) -> str:
    """Say the place was not found among the OEWS areas, offering the closest names."""
    said = f'I have no pay data for "{problem.query}".'
    if problem.suggestions:
        return f"{said} Did you mean: " + "; ".join(area.name for area in problem.suggestions) + "?"
    return f"{said} Try a US state or a metro area, e.g. a state name or a city."


def role_on_text(trait: Trait, pay: Optional[PayFigures]) -> str:
    """One role on one dimension ("what does it pay?"): its profile's text, then, for pay, the sourced figures."""
    return f"{trait.text}\n{pay_text(pay)}" if pay is not None else trait.text


def sources_text(sources: Sequence[tuple[str, tuple[str, ...]]], dimension: Optional[str] = None) -> str:
    """The sources of an authored comparison, one per line; those for ``dimension`` only when given."""
    if not sources:
        return "Sources: none; this comparison is composed from the two role profiles."
    shown = [(source, points) for source, points in sources if dimension is None or not points or dimension in points]
    lines = ["Sources:"]
    for source, points in shown:
        on = f" (on {', '.join(slug.replace('_', ' ') for slug in points)})" if points and dimension is None else ""
        lines.append(f"- {source}{on}")
    return "\n".join(lines)
