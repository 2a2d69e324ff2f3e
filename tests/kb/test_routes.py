"""A job family's career ladder (``kb.routes.family_ladder``) on the small test KB, and its wording."""

from __future__ import annotations

from sqlalchemy.orm import Session

from kb.routes import family_ladder, ladder_start
from kb.wording.ladder import family_ladder_text


def names(roles) -> list[str]:  # type: ignore[no-untyped-def]
    return [role.name for role in roles]


def test_a_family_ladder_runs_from_its_lowest_level_up_and_starts_where_no_move_inside_leads(
    small_session: Session,
) -> None:
    ladder = family_ladder(small_session, "Operations management")
    assert ladder is not None
    assert [names(rung) for rung in ladder.rungs] == [
        ["Operations Coordinator"], ["Operations Lead"], ["Operations Supervisor"], ["Operations Manager"],
        ["Head of Operations"], ["Chief Operating Officer"],
    ]  # fmt: skip
    assert names(ladder.entry) == ["Operations Coordinator"]
    assert ladder.feeders == ()


def test_a_family_joined_from_another_names_the_roles_people_move_from(small_session: Session) -> None:
    ladder = family_ladder(small_session, "Facilities")
    assert ladder is not None
    assert names(ladder.entry) == ["Facilities Manager"]
    assert names(ladder.feeders) == ["Operations Supervisor"]
    assert family_ladder_text(ladder) == (
        "People usually join facilities as a Facilities Manager, often moving from an Operations Supervisor.\n"
        "The facilities ladder, from the first rung up:\n"
        "1. Facilities Manager\n"
        "Ask how to become any of them for the route and what each move changes."
    )


def test_a_family_started_from_outside_says_where_people_start(small_session: Session) -> None:
    ladder = family_ladder(small_session, "Supply chain")
    assert ladder is not None
    assert family_ladder_text(ladder) == (
        "People usually start in supply chain as a Buyer.\n"
        "The supply chain ladder, from the first rung up:\n"
        "1. Buyer\n"
        "2. Procurement Manager\n"
        "Ask how to become any of them for the route and what each move changes."
    )


def test_a_family_the_kb_does_not_hold_has_no_ladder(small_session: Session) -> None:
    assert family_ladder(small_session, "Astronautics") is None


def test_the_way_up_to_a_role_from_the_nearest_first_rung_of_a_ladder(small_session: Session) -> None:
    assert names(ladder_start(small_session, "Procurement Manager").steps) == ["Buyer", "Procurement Manager"]
    # the shorter of the routes from Buyer (3 roles) and from Operations Coordinator (4 roles)
    assert names(ladder_start(small_session, "Head of Operations").steps) == [
        "Buyer", "Procurement Manager", "Head of Operations"
    ]  # fmt: skip
    assert names(ladder_start(small_session, "Buyer").steps) == ["Buyer"]  # a first rung itself
    assert ladder_start(small_session, "Astronaut") is None
