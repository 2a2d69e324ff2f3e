"""The profile chart as a reader sees it: every label inside the picture (long role names whole),
labels big enough to read where the chat panel shows it, the leading role first."""

from __future__ import annotations

from typing import Any

import pytest
from sqlalchemy.orm import Session

from kb.wording.chart import LABEL_PX, MAX_LEVEL, WIDTH_PX, leader_marks, leading_first, profile_figure
from kb.db import open_existing
from kb.queries import compare_all
from kb.results import Comparison

SHOWN_PX = 370  # the chart's width in the widget's panel, desktop and phone (tests/web checks it)
READABLE_PX = 11
STAR = "leads on this dimension"


@pytest.fixture(scope="module")
def real() -> Any:
    with Session(open_existing()) as session:  # the built KB: real role names
        yield session


def comparison(session: Session, first: str, second: str) -> Comparison:
    result = compare_all(session, first, second)
    assert isinstance(result, Comparison)
    return result


def inside(extent: Any, figure: Any) -> bool:
    box = figure.bbox
    return extent.x0 >= box.x0 and extent.y0 >= box.y0 and extent.x1 <= box.x1 and extent.y1 <= box.y1


@pytest.mark.parametrize(
    ("first", "second", "legend"),
    [
        ("Health and Safety Manager", "Head of Operations", ["Head of Operations", "Health and Safety Manager", STAR]),
        ("Buyer", "Plant Manager", ["Plant Manager", "Buyer", STAR]),
    ],
)
def test_the_legend_names_the_leader_first_and_every_label_fits(real: Session, first: str, second: str,
                                                                 legend: list[str]) -> None:  # fmt: skip
    import matplotlib.pyplot as plt

    figure = profile_figure(comparison(real, first, second))
    try:
        figure.canvas.draw()
        renderer = figure.canvas.get_renderer()
        axes = figure.axes[0]
        texts = axes.get_legend().get_texts()
        assert [t.get_text() for t in texts] == legend
        labels = [*texts, *axes.get_yticklabels(), *axes.get_xticklabels(), axes.xaxis.label]
        outside = [t.get_text() for t in labels if t.get_text() and not inside(t.get_window_extent(renderer), figure)]
        assert outside == []
        assert figure.bbox.width == WIDTH_PX
    finally:
        plt.close(figure)


def test_labels_read_at_least_11_px_where_the_panel_shows_the_chart() -> None:
    assert LABEL_PX * SHOWN_PX / WIDTH_PX >= READABLE_PX


def test_the_leader_is_the_role_ahead_on_more_dimensions(real: Session) -> None:
    ahead = comparison(real, "Buyer", "Plant Manager")
    (lead, lead_levels), (other, other_levels) = leading_first(ahead)
    assert (lead, other) == ("Plant Manager", "Buyer")
    pairs = list(zip(lead_levels, other_levels, strict=True))
    assert sum(a > b for a, b in pairs) > sum(b > a for a, b in pairs)


def test_a_star_marks_the_leader_also_where_both_levels_are_equal(real: Session) -> None:
    import matplotlib.pyplot as plt

    close = comparison(real, "VP of Operations", "Chief Operating Officer")
    # Both are level 5 on the first ten dimensions; the COO leads on eight of the twelve.
    assert leader_marks(close) == [(0, 0), (1, 0), (2, 0), (3, 0), (6, 0), (7, 0), (10, 0), (11, 0)]
    figure = profile_figure(close)
    try:
        stars = figure.axes[0].collections[0].get_offsets()
        assert len(stars) == 8
        assert all(x > MAX_LEVEL for x, _ in stars)  # after the end of a level-5 bar, inside the axes
        assert max(x for x, _ in stars) < figure.axes[0].get_xlim()[1]
    finally:
        plt.close(figure)
