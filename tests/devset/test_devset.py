"""The dev set file is well-formed, its held-out split is the seeded 80/20 one, and the kind of an
answer is read correctly off the bot's wording."""

from __future__ import annotations

from pathlib import Path

import pytest

from tests.devset.checks import kind_of, problems
from tests.devset.devset import FILE, load, split, write_split

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "devset" / "smoke.yml"


def test_the_dev_set_has_38_families_of_10_or_more_members_and_512_turns() -> None:
    devset = load()
    sizes = {name: len(members) for name, members in devset.families.items()}
    assert len(sizes) == 38
    assert min(sizes.values()) == 10
    assert len(devset.members) == 392
    assert sum(len(m.turns) for m in devset.members) == 512


def test_two_members_of_every_family_are_held_out_76_in_all_with_103_turns() -> None:
    devset = load()
    held = [m for m in devset.members if m.held_out]
    assert {name: sum(m.held_out for m in ms) for name, ms in devset.families.items()} == dict.fromkeys(
        devset.families, 2
    )
    assert (len(held), sum(len(m.turns) for m in held)) == (76, 103)
    assert len(devset.members) - len(held) == 316


def test_the_split_is_the_seeded_one_and_does_not_change() -> None:
    assert split(20, "pay_compare", 12) == [2, 5]
    assert split(20, "correction", 10) == [3, 6]
    assert split(20, "pay_compare", 12) == split(20, "pay_compare", 12)
    assert [m.number for m in load().families["pay_place"] if m.held_out] == [5, 9]


def test_a_recorded_split_that_is_not_the_seeded_one_is_refused(tmp_path: Path) -> None:
    changed = tmp_path / "devset.yml"
    changed.write_text(FILE.read_text().replace("  pay_compare: [2, 5]", "  pay_compare: [1, 5]"))
    with pytest.raises(ValueError, match=r"held_out\[pay_compare\] is \[1, 5\], the seeded split gives \[2, 5\]"):
        load(changed)


def test_write_split_records_the_seeded_split_and_keeps_the_members(tmp_path: Path) -> None:
    copy = tmp_path / "smoke.yml"
    copy.write_text(FIXTURE.read_text().split("\n# The seeded held-out split")[0] + "\n")
    assert write_split(copy) == {"smoke": [1]}
    assert write_split(copy) == {"smoke": [1]}
    assert copy.read_text().count("held_out:") == 1
    assert [m.held_out for m in load(copy).members] == [True, False, False]


@pytest.mark.parametrize(
    ("written", "broken", "message"),
    [
        ("kind: description, roles:", "kind: description, role:", "unknown expect keys"),
        ("dimension: compensation}", "dimension: salary}", "is not a dimension slug"),
        ("roles: [Dispatcher]", "roles: [Dispatch Guy]", "are not canonical KB role names"),
    ],
)
def test_a_malformed_expectation_is_refused(tmp_path: Path, written: str, broken: str, message: str) -> None:
    path = tmp_path / "smoke.yml"
    path.write_text(FIXTURE.read_text().replace(written, broken, 1))
    with pytest.raises(ValueError, match=message):
        load(path)


@pytest.mark.parametrize(
    ("text", "kind"),
    [
        ("The Plant Manager is typically paid more than a Buyer. Based on ...", "comparison"),
        ("Yes. The Fleet Manager sits higher in the hierarchy than a Dispatcher.", "comparison"),
        ("The Transportation Manager is ahead of a Dispatcher on all 12 dimensions. The biggest ...", "summary"),
        ("A Buyer and a Plant Manager are each ahead on 5 of 12 dimensions. The biggest differences:", "summary"),
        ("A Buyer and a Plant Manager are closely matched on every dimension.", "summary"),
        ("Dispatcher (Transportation and distribution).\nA Dispatcher assigns drivers ...", "description"),
        ("Compensation, lowest first (10 of 60 roles):\n1. Retail Sales Associate", "ranking"),
        ("A District Manager is paid more than the store managers they lead.\nGeneral (SOC 11-1021): median $1", "pay"),
        ("A Buyer earns early-career pay.\nBuyers and Purchasing Agents (SOC 13-1020): median $77,710 a year", "pay"),
        (
            "A Buyer earns early-career pay.\nBuyer: typically around the middle, $59,470 to $97,730 (Buyers and "
            "Purchasing Agents median $76,050).\nSource: US BLS OEWS, May 2025 (Texas), annual wages.",
            "pay",
        ),
        ("People usually become a Chief Operating Officer after working as: VP of Operations.", "career"),
        ("From Registered Nurses (BLS), the nearest way into Operations Manager is to start as an X: y.", "career"),
        ("From Bus Drivers (BLS), Dispatcher is itself one of the usual ways in: y.", "career"),
        ("After a Fleet Manager, typical next roles are: Transportation Manager.", "career"),
        ("A Logistics Coordinator usually has a bachelor's degree, but employers often accept ...", "education"),
        ("Certifications that help a Supply Chain Manager: CSCP, CPIM, CLTD.", "education"),
        ("I don't compare how stressful jobs are: that depends more on the employer.", "aspect"),
        ('I don\'t know the role "flurbist". Ask me to list roles to see the ones I know.', "unknown"),
        ("I'm not sure what you'd like to know about the Demand Planner. Pick one:", "asks"),
        ("Which role would you like to know about?", "asks"),
        ("Sorry, I didn't quite get that. I compare operations roles dimension by dimension.", "other"),
    ],
)
def test_the_kind_of_an_answer_is_read_off_its_wording(text: str, kind: str) -> None:
    assert kind_of(text) == kind


def test_a_verdict_on_another_dimension_or_role_fails_the_turn() -> None:
    replies = [{"text": "The Head of Operations has wider decision-making authority than an Operations Manager."}]
    expect = {"kind": "comparison", "dimension": "budget", "leads": "Operations Manager"}
    assert problems(expect, replies) == [
        "first sentence 'The Head of Operations has wider decision-making authority than an Operations Manager.' "
        "gives verdicts on ['decision_making'], expected budget",
        "first sentence 'The Head of Operations has wider decision-making authority than an Operations Manager.' "
        "names 'Head of Operations' first, expected 'Operations Manager'",
    ]


def test_pay_figures_for_the_wrong_area_fail_the_turn() -> None:
    text = "A Buyer earns ...\nBuyers (SOC 13-1020): median $77,710 a year\nSource: US BLS OEWS, May 2025 (national)."
    replies = [{"text": text}]
    assert problems({"kind": "pay", "area": "Texas"}, replies) == [
        "no pay figures for 'Texas'; sources: ['Source: US BLS OEWS, May 2025 (national).']"
    ]
    assert problems({"kind": "pay", "us_only": True}, replies) == ["does not say the figures are US data"]
