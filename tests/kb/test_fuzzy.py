"""The shared alias matcher's posting-title keys and its accept rule (pure, no KB)."""

from __future__ import annotations

import pytest

from kb.fuzzy import AliasMatcher, looks_like_posting, posting_keys


@pytest.mark.parametrize(
    ("title", "keys"),
    [
        ("Manager, Quality Assurance", ["quality assurance manager"]),
        ("Sr. Buyer", ["buyer"]),
        ("Ops Lead - Nights", ["ops lead"]),
        ("Operations Mgr II", ["operation mgr", "operation manager"]),
        ("Vice-President Operations", ["vice president operation"]),
        ("Supervisor/Manager, Distribution", ["distribution supervisor", "distribution manager"]),
        ("Warehouse Supervisor/Manager", ["warehouse supervisor", "warehouse manager"]),
        ("Senior Operations Manager (Leeds)", ["operation manager"]),
    ],
)
def test_posting_keys(title: str, keys: list[str]) -> None:
    assert looks_like_posting(title) or title == "Vice-President Operations"
    assert posting_keys(title) == keys


def test_the_best_target_needs_a_clear_margin_unless_it_is_sure() -> None:
    matcher = AliasMatcher(["operation manager", "operation managers", "ops manager"], ["OM", "OM", "OM2"])
    assert matcher.best("operation manger").target == "OM"  # type: ignore[union-attr]
    close = AliasMatcher(["abcdefghij", "abcdefghik"], ["A", "B"])
    assert close.best("abcdefghix") is None  # 90 for both: not clear
    assert AliasMatcher(["manager work"], ["W"], ordered=True).best("work manager") is None
    assert AliasMatcher(["manager work"], ["W"]).best("work manager").target == "W"  # type: ignore[union-attr]
