"""The load rows of `make bench` (bench/load.py): what counts as met."""

from __future__ import annotations

from typing import Any

import pytest

from bench.load import check, summary_rows


def result(concurrent: int, **changes: Any) -> dict[str, Any]:
    base = {
        "config": "shipped",
        "concurrent": concurrent,
        "answered": 100,
        "refused": 0,
        "errors": 0,
        "stalled_connects": 0,
        "answered_ms": {"n": 100, "p50": 400.0, "p95": 900.0},
        "max_s": 1.2,
        "answered_per_s": 40.0,
        "loadavg_before": [2.0, 2.0, 2.0],
        "loadavg_after": [3.5, 2.5, 2.0],
    }
    return {**base, **changes}


@pytest.mark.parametrize(
    ("changes", "met"),
    [({}, True), ({"answered_ms": {"n": 100, "p50": 400.0, "p95": 1001.0}}, False), ({"errors": 1}, False),
     ({"refused": 1}, False), ({"answered": 0, "answered_ms": {"n": 0}}, False)],
)  # fmt: skip
def test_fifty_concurrent_needs_p95_within_a_second_and_every_turn_answered(changes: dict, met: bool) -> None:
    assert check(result(50, **changes)) == ("p95 <= 1000 ms, 0 errors", met)


@pytest.mark.parametrize(
    ("changes", "met"),
    [({"refused": 300, "max_s": 5.0}, True), ({"max_s": 5.01}, False), ({"stalled_connects": 1}, False),
     ({"errors": 1}, False)],
)  # fmt: skip
def test_two_hundred_concurrent_allows_refusals_but_no_stall_error_or_wait_beyond_5_s(changes: dict, met: bool) -> None:
    assert check(result(200, **changes))[1] is met


def test_the_row_shows_the_load_average_around_it() -> None:
    row = {**result(200), "target": "t", "met": True}
    [line] = summary_rows({"rows": [row]}, lambda name: f"<{name}>")
    assert line[1] == "<shipped>, 200 concurrent closed-loop"
    assert line[2].endswith("40.0 answered/s; load avg 2.0 -> 3.5")
    assert line[3:] == ["t", True]
