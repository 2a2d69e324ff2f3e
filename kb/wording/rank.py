"""Wording of rankings (``kb.ranking``): an ordered list, ties on one line, and the basis in one line.

Free of any chat framework, so ``python -m kb rank`` prints exactly what the bot says.
"""

from __future__ import annotations

from kb.wording.answers import dollars
from kb.ranking import Ranking, RankEntry, UnknownFamily


def _range(entry: RankEntry) -> str:
    """ "typically $82,440 to $107,230": the role's band within its occupation, as far as BLS publishes it."""
    if entry.low is not None and entry.high is not None:
        return f"typically {dollars(entry.low)} to {dollars(entry.high)}"
    if entry.low is not None:
        return f"typically from {dollars(entry.low)}"
    return f"typically up to {dollars(entry.high or 0)}"


def _entry(entries: list[RankEntry], wages: bool) -> str:
    """One place: "2. Buyer, Operations Lead (tied)", with the median when ranked on wages."""
    names = []
    for entry in entries:
        if wages:
            names.append(f"{entry.role.name} ({_range(entry)})")
        else:
            names.append(entry.role.name)
    tied = " (tied)" if len(entries) > 1 else ""
    return f"{entries[0].position}. " + ", ".join(names) + tied


def basis_sentence(ranking: Ranking) -> str:
    """What decided the order, in one line ("Ranked by budget authority level in the role profiles; ...")."""
    name = ranking.dimension.name.lower()
    ties = "ties share a place."
    if ranking.basis == "hierarchy":
        return (
            "Ranked by position in the hierarchy: hierarchy level, then seniority, in the role profiles, "
            f"which always puts a manager above the people reporting to them; {ties}"
        )
    if ranking.basis == "wages":
        return (
            "Ranked by the middle of each role's typical pay: the part of its BLS occupation's national "
            f"pay range its profile places it in (US BLS OEWS, {ranking.release}), then its pay level in the "
            f"role profiles; {ties}"
        )
    if ranking.basis == "levels_no_wages":
        return f"No wage data is loaded, so ranked by {name} level in the role profiles; {ties}"
    return f"Ranked by {name} level in the role profiles; {ties}"


def rank_text(ranking: Ranking) -> str:
    """The whole answer: a heading, one line per place (best first for "desc"), roles without
    wage data last with that said, and the basis."""
    direction = "highest" if ranking.order == "desc" else "lowest"
    heading = f"{ranking.dimension.name}, {direction} first"
    if ranking.family is not None:
        heading += f", in {ranking.family}"
    shown = len(ranking.entries) + len(ranking.unranked)
    if shown < ranking.total:
        heading += f" ({shown} of {ranking.total} roles)"
    lines = [heading + ":"]
    places: dict[int, list[RankEntry]] = {}
    for entry in ranking.entries:
        places.setdefault(entry.position or 0, []).append(entry)
    lines += [_entry(group, ranking.basis == "wages") for group in places.values()]
    if ranking.unranked:
        names = ", ".join(entry.role.name for entry in ranking.unranked)
        lines.append(f"Listed last, with no published national wage figure to rank by: {names}.")
    lines.append(basis_sentence(ranking))
    return "\n".join(lines)


def unknown_family_text(problem: UnknownFamily) -> str:
    """Name the job families there are when the one asked for is not one of them."""
    return f'I don\'t know the job family "{problem.query}". The families are: ' + "; ".join(problem.known) + "."


def ranked_nationally(area: str, said: str) -> str:
    """The note under a pay ranking asked for a place (``area``, the OEWS name; ``said``, as the user named it):
    rankings use the country's figures."""
    return (f"I rank by the whole country's figures; for {area}, ask about one or two roles, e.g. "
            f'"what does a buyer make in {said}?".')
