"""Content test on the real KB with the real wage data (``build/oews``): every pay verdict agrees
with the figures printed in the same answer, and with ``kb rank --dimension compensation``."""

from __future__ import annotations

import itertools
import re
from collections.abc import Iterator

import pytest
from sqlalchemy.orm import Session

from kb.wording import answers
from kb.content.load import Content
from kb.wages.verdict import TIE_RATIO, PayRange, pay_leader
from kb.queries import compare, compare_all, compare_on, list_roles
from kb.ranking import Ranking, rank
from kb.results import Comparison, Verdict
from kb.verdicts import role_range
from kb.wages.fetch import ensure_wage_data
from kb.wages.load import load_wages
from tests.conftest import in_memory

GAP = re.compile(r"\. The .+ earns about (\d+% more|twice as much|two and a half times as much|\d+ times as much), ")
BAND_LINE = re.compile(r"^An? (.+?) typically sits .*?\(.*?: \$([\d,]+) to \$([\d,]+)\)\.", re.M)


@pytest.fixture(scope="module")
def real_session(content: Content) -> Iterator[Session]:
    wage_data = ensure_wage_data()
    engine = in_memory(content)
    load_wages(engine, wage_data.database, wage_data.manifest["database_sha256"], content)
    with Session(engine) as session:
        yield session


def _printed_ranges(verdict: Verdict) -> dict[str, PayRange]:
    """Each role's typical range as the answer prints it; from its figures when not printed (several codes)."""
    text = answers.verdict_text(verdict)
    ranges = {
        name: PayRange(int(low.replace(",", "")), int(high.replace(",", "")))
        for name, low, high in BAND_LINE.findall(text)
    }
    assert verdict.pay is not None
    for pay in verdict.pay.roles:
        if pay.role.name not in ranges and len(pay.figures) > 1:
            found = role_range(pay)
            assert found is not None
            ranges[pay.role.name] = found
    return ranges


def test_every_pay_verdict_agrees_with_the_ranges_it_prints_and_with_the_ranking(real_session: Session) -> None:
    names = sorted(role.name for _family, roles in list_roles(real_session) for role in roles)
    ranking = rank(real_session, None, "compensation")
    assert isinstance(ranking, Ranking)
    place = {entry.role.name: entry.position for entry in ranking.entries}
    ties = leads = 0
    for first, second in itertools.combinations(names, 2):
        verdict = compare_on(real_session, first, second, "compensation")
        assert isinstance(verdict, Verdict)
        ranges = _printed_ranges(verdict)
        assert set(ranges) == {first, second}, (first, second)
        expected = pay_leader(ranges[first], ranges[second])
        leader = verdict.leader.name if verdict.leader else None
        assert leader == (None if expected is None else (first, second)[expected]), (first, second)
        sentence = answers.verdict_sentence(verdict)
        if leader is None:
            ties += 1
            assert sentence.endswith("are typically paid about the same as each other. The middles of their "
                                     "typical pay ranges are within 10%.")
        else:
            leads += 1
            trailer = second if leader == first else first
            assert sentence.startswith(f"The {leader} is typically paid more than ")
            assert GAP.search(sentence), sentence
            assert place[leader] < place[trailer], (leader, trailer)
    assert (ties, leads) == (221, 1549)


def test_the_summary_of_all_dimensions_uses_the_same_pay_verdict(real_session: Session) -> None:
    summary = compare_all(real_session, "Store Manager", "Operations Manager")
    assert isinstance(summary, Comparison)
    pay = next(v for v in summary.verdicts if v.dimension.slug == "compensation")
    assert pay.leader is not None and pay.leader.name == "Operations Manager"


@pytest.mark.parametrize(
    ("first", "second", "leader", "gap"),
    [
        ("Chief Operating Officer", "VP of Operations", "Chief Operating Officer", "about 15% more"),
        (
            "Contact Center Manager",
            "Director of Operations",
            "Director of Operations",
            "about 75% more",
        ),
        ("Supply Chain Director", "Supply Chain Manager", "Supply Chain Director", "about 35% more"),
        ("Store Manager", "Operations Manager", "Operations Manager", "about 70% more"),
        ("Supply Chain Manager", "Procurement Manager", "Procurement Manager", "about 15% more"),
        ("Materials Manager", "Inventory Manager", "Materials Manager", "about 20% more"),
        ("VP of Operations", "Director of Operations", "VP of Operations", "about 15% more"),
        ("Store Manager", "Assistant Store Manager", "Store Manager", "about 40% more"),
    ],
)
def test_pay_verdicts_the_audit_found_wrong(
    real_session: Session, first: str, second: str, leader: str, gap: str
) -> None:
    verdict = compare(real_session, first, second, "compensation")
    assert isinstance(verdict, Verdict) and verdict.leader is not None
    assert verdict.leader.name == leader
    trailer = second if leader == first else first
    article = "an" if trailer[0] in "AEIOU" else "a"
    assert answers.verdict_sentence(verdict) == (
        f"The {leader} is typically paid more than {article} {trailer}. The {leader} earns {gap}, "
        "comparing the middle of each role's typical pay range."
    )


def test_a_close_pair_is_a_tie_that_says_why(real_session: Session) -> None:
    verdict = compare(real_session, "Operations Manager", "Supply Chain Manager", "compensation")
    assert isinstance(verdict, Verdict) and verdict.leader is None
    assert answers.verdict_sentence(verdict) == (
        "An Operations Manager and a Supply Chain Manager are typically paid about the same as each other. "
        f"The middles of their typical pay ranges are within {round((TIE_RATIO - 1) * 100)}%."
    )
    assert verdict.source == "authored"
