"""Jobs outside the operations map: loading the OEWS occupation list, recognising everyday names,
ways in, routes from outside, pay from OEWS, and the pay mix; on the small test KB with a tiny
OEWS file (tests/fixtures/small_oews.py)."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import pytest
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from kb.wording import outside as answers_outside
from kb.content.load import Content, load_content
from kb.nlp import OCCUPATION, build_pipeline
from kb.wages.outside import occupation_forms, outside_pay, resolve_occupation, route_in, title_forms, ways_in
from kb.wages.outside_results import OccupationInfo, OutsidePay
from kb.wages.pay_mix import pay_mix
from kb.resolve import resolve_role
from kb.results import RoleMatch, UnknownArea
from kb.content.rules.outside import check_outside
from kb.wages.fetch import sha256_of
from kb.wages.load import known_soc_codes, load_wages
from tests.conftest import SMALL_KB_DIR, in_memory
from tests.fixtures.small_oews import write_small_oews

NURSE = OccupationInfo(key="29-1141", title="Registered Nurses", soc="29-1141", group="healthcare")
SOLDIER = OccupationInfo(key="military", title="Military service member", soc=None, group="military")


@pytest.fixture(scope="module")
def oews(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return write_small_oews(tmp_path_factory.mktemp("oews") / "oews.sqlite")


@pytest.fixture(scope="module")
def outside_engine(small_content: Content, oews: Path) -> Engine:
    engine = in_memory(small_content)
    counts = load_wages(engine, oews, sha256_of(oews), small_content)
    assert counts == {"areas": 3, "occupations": 5, "wage rows": 8}  # metro cells for roles' codes only
    return engine


@pytest.fixture()
def session(outside_engine: Engine) -> Iterator[Session]:
    with Session(outside_engine) as session:
        yield session


def role(session: Session, name: str):  # type: ignore[no-untyped-def]
    match = resolve_role(session, name)
    assert isinstance(match, RoleMatch)
    return match.role


def test_titles_give_their_plain_and_singular_forms() -> None:
    assert title_forms("Registered Nurses") == ["Registered Nurses", "Registered nurse"]
    assert title_forms("Elementary School Teachers, Except Special Education") == [
        "Elementary School Teachers, Except Special Education",
        "Elementary School Teachers",
        "Elementary School teacher",
    ]


def test_every_outside_occupation_is_named_by_title_and_alias_but_roles_keep_their_codes(session: Session) -> None:
    forms = occupation_forms(session)
    assert forms[:6] == [
        ("29-1141", "nurse"), ("29-1141", "RN"), ("25-2021", "teacher"), ("25-2021", "schoolteacher"),
        ("53-3032", "truck driver"), ("53-3032", "trucker"),
    ]  # fmt: skip
    targets = {target for target, _ in forms}
    assert targets == {"29-1141", "25-2021", "53-3032", "41-9012", "military"}  # not 11-1021: a role's code
    assert ("41-9012", "Models") not in forms and ("41-9012", "fashion model") in forms  # use_title: false


def test_the_pipeline_marks_outside_jobs_as_occupations_valued_by_soc_code(session: Session, tmp_path: Path) -> None:
    import spacy

    build_pipeline(session, tmp_path / "pipeline")
    nlp = spacy.load(tmp_path / "pipeline")
    doc = nlp("i'm a nurse and my friend is a trucker, both want to be operations managers like the models")
    assert [(e.text, e.label_, e.ent_id_) for e in doc.ents] == [
        ("nurse", OCCUPATION, "29-1141"),
        ("trucker", OCCUPATION, "53-3032"),
        ("operations managers", "job_role", "Operations Manager"),
    ]
    doc = nlp("registered nurses vs elementary school teachers vs a sergeant")
    assert [e.ent_id_ for e in doc.ents] == ["29-1141", "25-2021", "military"]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("nurse", NURSE), ("29-1141", NURSE), ("Registered Nurses", NURSE), ("an RN", NURSE),
        ("veteran", SOLDIER), ("military", SOLDIER),
        ("Elementary School Teacher", OccupationInfo("25-2021", "Elementary School Teachers, Except Special Education",
                                                     "25-2021", "other")),
        ("general and operations managers", None), ("astronaut", None), ("", None),
    ],
)  # fmt: skip
def test_an_outside_job_resolves_to_its_soc_code_title_and_group(session: Session, text: str, expected) -> None:  # type: ignore[no-untyped-def]
    assert resolve_occupation(session, text) == expected


def test_named_back_as_the_bls_title() -> None:
    assert NURSE.named == "Registered Nurses (BLS)"
    assert SOLDIER.named == "Military service member"


def test_ways_in_give_entry_roles_with_reasons_what_transfers_what_lacks_and_a_first_step(session: Session) -> None:
    assert answers_outside.ways_in_text(ways_in(session, NURSE)) == (
        "From Registered Nurses (BLS), the usual ways into operations:\n"
        "- Operations Coordinator: Rotas and supplies are daily work on a ward.\n"
        "- Operations Supervisor: Charge nurses already run a shift.\n"
        "What transfers: running a shift; safety procedures.\n"
        "What you would usually need to pick up: Budgets and commercial language.\n"
        "First step [PMP (Project Management Professional)]: Learn to run projects."
    )


def test_a_route_from_outside_starts_at_the_entry_role_nearest_the_goal(session: Session) -> None:
    route = route_in(session, SOLDIER, role(session, "Head of Operations"))
    assert route.entry is not None and route.entry.role.name == "Operations Manager"
    assert answers_outside.route_in_text(route) == (
        "From Military service member, the nearest way into Head of Operations is to start as an Operations "
        "Manager: Officers run units.\n"
        "From there, a typical route to Head of Operations takes 1 move:\n"
        "1. Operations Manager to Head of Operations.\n"
        "What transfers: leading people.\n"
        "What you would usually need to pick up: Civilian vocabulary.\n"
        "First step: Translate your duties into civilian terms."
    )


def test_a_goal_that_is_itself_a_way_in_says_so(session: Session) -> None:
    route = route_in(session, NURSE, role(session, "Operations Coordinator"))
    assert answers_outside.route_in_text(route).splitlines()[0] == (
        "From Registered Nurses (BLS), Operations Coordinator is itself one of the usual ways in: "
        "Rotas and supplies are daily work on a ward."
    )


def test_pay_of_an_outside_job_against_a_role_is_a_verdict_with_both_figures_and_the_source(session: Session) -> None:
    trucker = resolve_occupation(session, "truck driver")
    assert trucker is not None
    pay = outside_pay(session, [trucker, role(session, "Operations Manager")])
    assert isinstance(pay, OutsidePay)
    assert answers_outside.outside_pay_text(pay) == (
        "Higher median pay: Operations Manager ($105,770 a year) over Heavy and Tractor-Trailer Truck Drivers (BLS) "
        "($58,640), nationally.\n"
        "Heavy and Tractor-Trailer Truck Drivers (SOC 53-3032): median $58,640 a year, middle half $47,960 to "
        "$69,120, 2,062,040 employed.\n"
        "Operations Manager: General and Operations Managers (SOC 11-1021): median $105,770 a year, middle half "
        "$72,320 to $167,280, 3,503,020 employed.\n"
        "Source: US BLS OEWS, May 2025 (national)."
    )


def test_pay_of_two_outside_jobs_in_a_state(session: Session) -> None:
    trucker = resolve_occupation(session, "trucker")
    assert trucker is not None
    pay = outside_pay(session, [trucker, NURSE], "Texas")
    assert isinstance(pay, OutsidePay)
    assert answers_outside.outside_pay_text(pay).splitlines()[0] == (
        "Higher median pay: Registered Nurses (BLS) ($88,000 a year) over Heavy and Tractor-Trailer Truck Drivers "
        "(BLS) ($55,000), in Texas."
    )
    assert isinstance(outside_pay(session, [NURSE], "Atlantis"), UnknownArea)


def test_a_metro_area_gives_an_outside_jobs_state_figures_and_says_so(session: Session) -> None:
    pay = outside_pay(session, [NURSE, role(session, "Operations Manager")], "Houston")
    assert isinstance(pay, OutsidePay)
    assert answers_outside.outside_pay_text(pay).splitlines()[:2] == [
        "I can't say who earns more: BLS publishes no median for one of them in Texas.",
        "I keep metro-area figures for operations roles only, so these are for Texas, the state "
        "Houston-Pasadena-The Woodlands, TX is in.",
    ]


def test_military_service_has_no_bls_pay_and_says_why(session: Session) -> None:
    assert outside_pay(session, [SOLDIER, NURSE]) is None
    assert answers_outside.no_outside_pay_text(SOLDIER) == (
        "I have no BLS pay figures for Military service member: OEWS counts civilian jobs only."
    )


def test_pay_mix_of_two_roles_says_which_is_more_usual_then_each(session: Session) -> None:
    mixes = [pay_mix(session, "Operations Manager"), pay_mix(session, "Head of Operations")]
    assert None not in mixes
    assert answers_outside.pay_mix_text(mixes) == (  # type: ignore[arg-type]
        "Bonuses are more usual for a Head of Operations.\n"
        "Equity or stock options are more usual for a Head of Operations.\n"
        "Operations Manager: base salary, a bonus is common, equity or stock options are rare. "
        "Test pay mix of an Operations Manager.\n"
        "Head of Operations: base salary, a bonus is part of the normal package, equity or stock options are common. "
        "Test pay mix of a Head of Operations."
    )
    assert pay_mix(session, "Buyer") is None


def test_the_soc_codes_of_occupation_names_are_checked_against_the_oews_list(oews: Path) -> None:
    content = load_content(SMALL_KB_DIR)
    assert check_outside(content, known_soc_codes(oews)) == []
    content.outside.occupations[0] = replace(content.outside.occupations[0], soc="29-9999")
    assert [e.message for e in check_outside(content, known_soc_codes(oews))] == [
        "SOC code '29-9999' is not in the OEWS occupation list"
    ]
