"""Pictures drawn from query results: a pair's 12-dimension profile, and the report's asks per dimension.

matplotlib (Agg, no display) is imported only when a picture is drawn, so code that needs only
the alt text or the file name (the action server) never loads it.
"""

from __future__ import annotations

import re
import uuid
from pathlib import Path
from typing import Sequence

from kb.results import Comparison

FIRST_COLOUR, SECOND_COLOUR = "#135afe", "#f59e0b"  # the page's accent, and an amber that prints apart from it
PAIR_KEY = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*)--([a-z0-9]+(?:-[a-z0-9]+)*)$")
MAX_LEVEL = 5


def pair_key(first_slug: str, second_slug: str) -> str:
    """The chart's name for a pair, the same whichever role is named first: ``<slug>--<slug>``, sorted."""
    a, b = sorted((first_slug, second_slug))
    return f"{a}--{b}"


def parse_pair_key(key: str) -> tuple[str, str] | None:
    """The two role slugs of a chart name, or None for anything that is not one."""
    found = PAIR_KEY.match(key)
    if not found or found.group(1) >= found.group(2):
        return None
    return found.group(1), found.group(2)


def alt_text(comparison: Comparison) -> str:
    """Words for the picture: which role leads on each dimension (or that they are comparable)."""
    parts = []
    for verdict in comparison.verdicts:
        who = verdict.leader.name if verdict.leader else "comparable"
        parts.append(f"{verdict.dimension.name}: {who}")
    first, second = comparison.first.name, comparison.second.name
    leaders, count = "; ".join(parts), len(comparison.verdicts)
    return f"Profile chart of the {first} and the {second}, level 1-5 on {count} dimensions. Leader: {leaders}."


def profile_levels(comparison: Comparison) -> tuple[list[int], list[int]]:
    """Each role's level on every dimension, in dimension order: (the comparison's first, its second).

    A verdict names its leader first, so its ``first_level`` belongs to whichever role leads there.
    """
    first, second = [], []
    for verdict in comparison.verdicts:
        levels = {verdict.first.name: verdict.first_level, verdict.second.name: verdict.second_level}
        first.append(levels[comparison.first.name])
        second.append(levels[comparison.second.name])
    return first, second


def _pyplot():  # type: ignore[no-untyped-def]
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def profile_chart(comparison: Comparison, path: Path) -> Path:
    """Paired horizontal bars: both roles' levels (1-5) on every dimension, first dimension on top.

    Written to a temporary name and renamed, so a reader never sees half a file.
    """
    plt = _pyplot()
    verdicts = comparison.verdicts
    rows = range(len(verdicts))
    height = 0.38
    # 640 px wide, drawn large enough to read when the chat panel shows it at half that width.
    figure, axes = plt.subplots(figsize=(5.0, 0.34 * len(verdicts) + 1.1), dpi=128)
    try:
        first, second = profile_levels(comparison)
        axes.barh([r - height / 2 for r in rows], first, height, color=FIRST_COLOUR, label=comparison.first.name)
        axes.barh([r + height / 2 for r in rows], second, height, color=SECOND_COLOUR, label=comparison.second.name)
        axes.set_yticks(list(rows))
        axes.set_yticklabels([v.dimension.name for v in verdicts], fontsize=9)
        axes.invert_yaxis()
        axes.set_xlim(0, MAX_LEVEL)
        axes.set_xticks(range(MAX_LEVEL + 1))
        axes.set_xlabel("level (1 = least, 5 = most)", fontsize=9)
        axes.grid(axis="x", color="#e3e7ee")
        axes.set_axisbelow(True)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        axes.legend(loc="lower center", bbox_to_anchor=(0.5, 1.0), ncol=2, frameon=False, fontsize=9)
        figure.tight_layout()
        path.parent.mkdir(parents=True, exist_ok=True)
        partial = path.with_name(f".{path.name}.{uuid.uuid4().hex}.partial")
        figure.savefig(partial, format="png")
        partial.replace(path)
    finally:
        plt.close(figure)
    return path


def asks_chart(asks: Sequence[tuple[str, int]], path: Path) -> Path:
    """Horizontal bars: how often each dimension (and the full comparison) was asked about."""
    plt = _pyplot()
    figure, axes = plt.subplots(figsize=(6.4, 0.35 * len(asks) + 1.2), dpi=100)
    try:
        labels = [name for name, _ in asks]
        counts = [count for _, count in asks]
        axes.barh(range(len(asks)), counts, color=FIRST_COLOUR)
        axes.set_yticks(list(range(len(asks))))
        axes.set_yticklabels(labels, fontsize=9)
        axes.invert_yaxis()
        axes.set_xlabel("asks", fontsize=9)
        axes.xaxis.get_major_locator().set_params(integer=True)
        for side in ("top", "right"):
            axes.spines[side].set_visible(False)
        figure.tight_layout()
        path.parent.mkdir(parents=True, exist_ok=True)
        figure.savefig(path, format="png")
    finally:
        plt.close(figure)
    return path
