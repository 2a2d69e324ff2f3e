"""The restart row of `make bench`: `make run` on a built clone to its first answer, with the load."""

from __future__ import annotations

from typing import Optional

import pytest

from bench.restart import summary_rows


def run(first_answer_s: Optional[float], load: float = 1.5) -> dict:
    return {"first_answer_s": first_answer_s, "loadavg_before": [load, 1.0, 0.5]}


@pytest.mark.parametrize(
    ("runs", "met"),
    [([run(12.0), run(19.9), run(25.0)], True), ([run(12.0), run(20.1), run(25.0)], False),
     ([run(12.0), run(13.0), run(None)], False), ([run(None)], False)],
)  # fmt: skip
def test_the_median_run_must_answer_within_20_s_and_every_run_must_answer(runs: list[dict], met: bool) -> None:
    assert summary_rows({"runs": runs})[0][3:] == ["<= 20 s", met]


def test_the_row_gives_every_run_with_its_load_average() -> None:
    [row] = summary_rows({"runs": [run(14.25, 2.4), run(31.0, 6.1), run(18.5, 3.0)]})
    assert row[2] == "median 18.5 s of 3 (14.25 s at load 2.4, 31.0 s at load 6.1, 18.5 s at load 3.0)"


def test_no_row_when_the_restart_was_not_measured() -> None:
    assert summary_rows(None) == [] and summary_rows({"runs": []}) == []
