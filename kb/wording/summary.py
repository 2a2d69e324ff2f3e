"""A full comparison in short: its verdict (which role is ahead on more dimensions), then the biggest
differences. The verdict opens the summary, so channels can emphasise it; the chart
(``kb.wording.chart``) puts the same role first.

Free of any chat framework, like ``kb.wording.answers``.
"""

from __future__ import annotations

from kb.wording.answers import capital
from kb.results import Comparison, Verdict

SUMMARY_POINTS = 4


def _short_verdict(verdict: Verdict) -> str:
    if verdict.leader is None:
        return f"{verdict.dimension.name}: comparable."
    return f"{verdict.dimension.name}: the {verdict.leader.name} {verdict.dimension.more.removesuffix(' than')}."


def lead_counts(comparison: Comparison) -> dict[str, int]:
    """How many dimensions each role leads on, the comparison's first role first."""
    counts = {comparison.first.name: 0, comparison.second.name: 0}
    for verdict in comparison.verdicts:
        if verdict.leader is not None:
            counts[verdict.leader.name] += 1
    return counts


def comparison_verdict(comparison: Comparison) -> str:
    """The full comparison's verdict, which opens its summary: the role ahead on more dimensions, naming the
    other ("The Plant Manager is ahead of a Buyer on all 12 dimensions."), or that neither is ahead."""
    first, second = comparison.first, comparison.second
    counts, total = lead_counts(comparison), len(comparison.verdicts)
    pair = f"{first.with_article} and {second.with_article}"
    if not any(counts.values()):
        return capital(f"{pair} are closely matched on every dimension.")
    if counts[first.name] == counts[second.name]:
        return capital(f"{pair} are each ahead on {counts[first.name]} of {total} dimensions.")
    leader, trailer = (first, second) if counts[first.name] > counts[second.name] else (second, first)
    led = counts[leader.name]
    how_many = f"all {total}" if led == total else f"{led} of {total}"
    return f"The {leader.name} is ahead of {trailer.with_article} on {how_many} dimensions."


def comparison_text(comparison: Comparison) -> str:
    """A short summary of where two roles differ most, verdict first; details are one question away."""
    differing = [v for v in comparison.verdicts if v.leader is not None]
    ties = [v for v in comparison.verdicts if v.leader is None]
    by_gap = sorted(differing, key=lambda v: -(v.first_level - v.second_level))
    counts = lead_counts(comparison)
    opening = comparison_verdict(comparison)
    lines = [f"{opening} The biggest differences:" if differing else opening]
    if differing:
        leader_name = max(counts, key=lambda name: counts[name])
        lines += [f"- {_short_verdict(v)}" for v in by_gap[:SUMMARY_POINTS]]
        others = [v for v in by_gap[SUMMARY_POINTS:] if v.leader.name != leader_name]  # type: ignore[union-attr]
        lines += [f"- {_short_verdict(v)}" for v in others]
    if ties:
        lines.append("Comparable on: " + ", ".join(v.dimension.name.lower() for v in ties) + ".")
    if not comparison.authored:
        lines.append("(Composed from the two role profiles.)")
    return "\n".join(lines)
