"""The profile chart as a reader sees it: every label inside the picture (long role names whole) and clear
of the others, labels big enough to read where the chat panel shows it, a picture short enough to leave
room for the answer, the leading role first."""

from __future__ import annotations

from itertools import pairwise
from typing import Any

import pytest
from sqlalchemy.orm import Session

from kb.wording.chart import LABEL_PX, MAX_LEVEL, WIDTH_PX, leader_marks, leading_first, profile_figure, row_centres
from kb.db import open_existing
from kb.queries import compare_all
from kb.results import Comparison

SHOWN_PX = 370  # the chart's width in the widget on a 390 px phone, its narrowest (tests/web checks it)
READABLE_PX = 12
TALLEST_PX = 580  # the picture's height: about 335 px where a phone shows it, 360 px in the desktop panel
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
        texts = figure.legends[0].get_texts()
        assert [t.get_text() for t in texts] == legend
        labels = [*texts, *axes.get_yticklabels(), *axes.get_xticklabels(), axes.xaxis.label]
        outside = [t.get_text() for t in labels if t.get_text() and not inside(t.get_window_extent(renderer), figure)]
        assert outside == []
        assert figure.bbox.width == WIDTH_PX
        assert figure.bbox.height <= TALLEST_PX
        # the dimension names and the legend keep clear of each other and of the bars
        names = [t.get_window_extent(renderer) for t in axes.get_yticklabels()]
        assert all(upper.y0 > lower.y1 for upper, lower in pairwise(names)), "dimension names overlap"
        assert min(t.get_window_extent(renderer).y0 for t in texts) > axes.get_window_extent(renderer).y1
        assert max(n.x1 for n in names) < axes.get_window_extent(renderer).x0
    finally:
        plt.close(figure)


def test_labels_read_at_least_12_px_where_a_phone_shows_the_chart() -> None:
    assert LABEL_PX * SHOWN_PX / WIDTH_PX >= READABLE_PX  # 12.85 px


def test_a_name_on_two_lines_gets_a_taller_row() -> None:
    assert row_centres(["Skill set", "Cross-functional\ncollaboration", "Compensation"]) == [0.5, 1.725, 2.95]


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
