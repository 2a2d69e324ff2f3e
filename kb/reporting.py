"""The reporting graph: who sits above whom, decided by ``reports_to`` chains.

The coarse 1-5 hierarchy level ties roles that report to one another (a Plant Manager
and the Director of Operations it reports to are both level 4). So where one role is
in the other's reporting chain, directly or through others, that chain decides who
sits higher. Only between roles in separate chains do the hierarchy levels, and then
the seniority ranks, decide; answers word that as what is typical.

The helpers are generic over how a role is represented (a name in content specs, a
``Role`` row in queries): they only need a function from a role to its manager.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from typing import Optional, TypeVar

K = TypeVar("K", bound=Hashable)

HIERARCHY = "hierarchy"

# Dimensions on which a role cannot lead the role it reports to: a manager's remit,
# strategy, budget, authority, results and crisis duty all include those of the people
# under them. Pay, experience, skills, collaboration and external relations are left out
# on purpose: a specialist may well earn more, know more or meet more outsiders than
# their manager.
FOLLOWS_REPORTING_LINE = (
    "scope",
    HIERARCHY,
    "strategy",
    "budget",
    "decision_making",
    "performance_metrics",
    "crisis_management",
)

NUMBER_WORDS = ("zero", "one", "two", "three", "four", "five", "six", "seven", "eight", "nine", "ten")


def chain_above(start: K, boss_of: Callable[[K], Optional[K]]) -> list[K]:
    """Everyone ``start`` reports to, nearest first.

    Stops before a role repeats, so that a (mis-authored) reporting cycle cannot loop.
    """
    chain: list[K] = []
    current = boss_of(start)
    while current is not None and current != start and current not in chain:
        chain.append(current)
        current = boss_of(current)
    return chain


def reporting_line(first: K, second: K, boss_of: Callable[[K], Optional[K]]) -> tuple[K, ...]:
    """The line from the lower of two roles up to the upper one, both included.

    Empty when neither role is in the other's reporting chain. A line of two roles
    means the lower reports directly to the upper.
    """
    for lower, upper in ((first, second), (second, first)):
        above = chain_above(lower, boss_of)
        if upper in above:
            return (lower, *above[: above.index(upper) + 1])
    return ()


def typical_leader(first: K, second: K, levels: tuple[int, int], ranks: tuple[int, int]) -> Optional[K]:
    """Between roles in separate chains: the higher level leads, then the higher rank; else neither."""
    for value_first, value_second in (levels, ranks):
        if value_first != value_second:
            return first if value_first > value_second else second
    return None


def count_word(number: int) -> str:
    """A count as answers spell it: "two" for 2, digits from 11 ("two levels below")."""
    return NUMBER_WORDS[number] if 0 <= number < len(NUMBER_WORDS) else str(number)
