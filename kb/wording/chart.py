"""Pictures drawn from query results: a pair's 12-dimension profile, and the report's asks per dimension.

matplotlib (Agg, no display) is imported only when a picture is drawn, so code that needs only
the alt text or the file name (the action server) never loads it.
"""

from __future__ import annotations

import re
import textwrap
import uuid
from pathlib import Path
from typing import Sequence

from kb.results import Comparison
from kb.wording.summary import lead_counts

FIRST_COLOUR, SECOND_COLOUR = "#135afe", "#f59e0b"  # the page's accent, and an amber that prints apart from it
PAIR_KEY = re.compile(r"^([a-z0-9]+(?:-[a-z0-9]+)*)--([a-z0-9]+(?:-[a-z0-9]+)*)$")
MAX_LEVEL = 5
MARK_GAP = 0.18  # from the end of a leading bar to its star, in levels
MARK_COLOUR = "#1f2937"


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


def leader_marks(comparison: Comparison) -> list[tuple[int, int]]:
    """Where the chart marks a leader: (row, bar) per dimension that has one, rows in dimension
    order, bar 0 for ``leading_first``'s first role and 1 for the other. Levels can be equal where
    a verdict still has a leader (broken by pay range or reporting line), so the bars alone would
    not show it."""
    (lead, _), _ = leading_first(comparison)
    return [
        (row, 0 if verdict.leader.name == lead else 1)
        for row, verdict in enumerate(comparison.verdicts)
        if verdict.leader is not None
    ]


def leading_first(comparison: Comparison) -> tuple[tuple[str, list[int]], tuple[str, list[int]]]:
    """Both roles with their levels, the one that leads on more dimensions first (as the answer's verdict,
    ``kb.wording.summary.comparison_verdict``, names it); on equal counts, the comparison's first role."""
    first, second = profile_levels(comparison)
    led = lead_counts(comparison)
    pairs = ((comparison.first.name, first), (comparison.second.name, second))
    return pairs if led[pairs[0][0]] >= led[pairs[1][0]] else (pairs[1], pairs[0])


# The chart is drawn 640 px wide and shown 370 px wide on a 390 px phone and about 400 px wide in the desktop
# panel (webchat.css), so sizes here are at most 1.73 times what a reader sees: 22.2 px labels read as 12.8 px
# on a phone, 13.9 px on a desktop. Dimension names fit on one line (only "Cross-functional collaboration"
# takes two), so the rows are close and the whole chart about 330 px tall where it is shown.
WIDTH_PX, DPI = 640, 128
LABEL_PT = 12.5  # dimension names, legend and axis label
LABEL_PX = LABEL_PT * DPI / 72  # height of the labels in the picture, in pixels
LABEL_CHARS = 25  # a dimension name longer than this is wrapped onto two lines
ROW_IN, FRAME_IN = 0.25, 1.35  # inches per row of bars, and for the legend, the axis and the margins
WRAPPED_ROW = 1.45  # rows taken by a dimension whose name takes two lines
MARGIN_PX = 8  # around the chart, and between the legend and the bars


def _pyplot():  # type: ignore[no-untyped-def]
    import matplotlib

    matplotlib.use("Agg")
    import matplotlib.pyplot as plt

    return plt


def row_centres(names: Sequence[str]) -> list[float]:
    """Where each dimension's pair of bars is centred, top down in rows of 1: a name wrapped onto a second
    line gets ``WRAPPED_ROW`` rows, so its label keeps clear of its neighbours'."""
    centres, top = [], 0.0
    for name in names:
        span = WRAPPED_ROW if "\n" in name else 1.0
        centres.append(top + span / 2)
        top += span
    return centres


def profile_figure(comparison: Comparison):  # type: ignore[no-untyped-def]
    """The profile chart as a matplotlib figure: paired horizontal bars (1-5) per dimension, first
    dimension on top, the leading role's bars and legend entry first; one legend line per role, from the
    picture's left edge, so a long role name ("Health and Safety Manager") is shown whole; a star after the
    bar of the role that leads on a dimension (``leader_marks``), also where both levels are equal. The
    caller closes it."""
    plt = _pyplot()
    verdicts = comparison.verdicts
    names = [textwrap.fill(v.dimension.name, LABEL_CHARS) for v in verdicts]
    rows = row_centres(names)
    height = 0.36
    (lead, lead_levels), (other, other_levels) = leading_first(comparison)
    tall = ROW_IN * (rows[-1] + 0.5) + FRAME_IN
    figure = plt.figure(figsize=(WIDTH_PX / DPI, tall), dpi=DPI)
    figure.patch.set_facecolor("white")
    axes = figure.add_axes((0.4, 0.2, 0.5, 0.6))  # placed by _fit once its labels are drawn
    first_bars = axes.barh([r - height / 2 for r in rows], lead_levels, height, color=FIRST_COLOUR, label=lead)
    second_bars = axes.barh([r + height / 2 for r in rows], other_levels, height, color=SECOND_COLOUR, label=other)
    marks = leader_marks(comparison)
    levels = (lead_levels, other_levels)
    stars = axes.scatter(
        [levels[bar][row] + MARK_GAP for row, bar in marks],
        [rows[row] + (bar - 0.5) * height for row, bar in marks],
        marker="*", s=70, color=MARK_COLOUR, zorder=3, label="leads on this dimension",
    )
    axes.set_yticks(rows)
    axes.set_yticklabels(names, fontsize=LABEL_PT, linespacing=0.95)
    axes.set_ylim(rows[-1] + 0.55, -0.05)  # first dimension on top
    axes.set_xlim(0, MAX_LEVEL + 2 * MARK_GAP)
    axes.set_xticks(range(MAX_LEVEL + 1))
    axes.tick_params(axis="x", labelsize=LABEL_PT)
    axes.set_xlabel("level (1 = least, 5 = most)", fontsize=LABEL_PT)
    axes.grid(axis="x", color="#e3e7ee")
    axes.set_axisbelow(True)
    for side in ("top", "right"):
        axes.spines[side].set_visible(False)
    legend = figure.legend(
        handles=[first_bars, second_bars, stars], loc="upper left", bbox_to_anchor=(0, 1), ncol=1,
        frameon=False, fontsize=LABEL_PT, handlelength=1.2, borderaxespad=0.3, labelspacing=0.3,
    )
    _fit(figure, axes, legend)
    return figure


def _fit(figure, axes, legend) -> None:  # type: ignore[no-untyped-def]
    """Places the axes so that their labels fill the picture's width and the legend sits above them, each
    ``MARGIN_PX`` from the edges; the legend starts at the picture's left edge, the dimension names end at the axis."""
    figure.canvas.draw()
    renderer = figure.canvas.get_renderer()
    box, inner = axes.get_tightbbox(renderer), axes.get_window_extent(renderer)
    width, height = figure.bbox.width, figure.bbox.height
    left, right = MARGIN_PX + inner.x0 - box.x0, width - MARGIN_PX - (box.x1 - inner.x1)
    top = legend.get_window_extent(renderer).y0 - MARGIN_PX - (box.y1 - inner.y1)
    bottom = MARGIN_PX + inner.y0 - box.y0
    axes.set_position((left / width, bottom / height, (right - left) / width, (top - bottom) / height))


def profile_chart(comparison: Comparison, path: Path) -> Path:
    """``profile_figure`` saved as a PNG ``WIDTH_PX`` wide at ``path``.

    Written to a temporary name and renamed, so a reader never sees half a file.
    """
    plt = _pyplot()
    figure = profile_figure(comparison)
    try:
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
