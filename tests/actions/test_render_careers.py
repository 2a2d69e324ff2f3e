"""A career route reads as an intro line, then numbered steps each with what changes (the small test KB)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from actions import render_careers
from actions.careers import step_differences
from kb.queries import career_path
from kb.resolve import resolve_role
from kb.results import CareerPath, RoleInfo


def roles(session: Session, *names: str) -> tuple[RoleInfo, ...]:
    return tuple(resolve_role(session, name).role for name in names)  # type: ignore[union-attr]


def test_a_move_up_names_what_grows(small_session: Session) -> None:
    lead, manager = roles(small_session, "Operations Lead", "Operations Manager")
    [(earlier, later, verdicts)] = step_differences(small_session, (lead, manager))
    assert render_careers.change(earlier, later, verdicts) == (
        "more involved in strategy, more budget authority, broader scope"
    )


def test_a_move_down_says_who_had_more(small_session: Session) -> None:
    head, manager = roles(small_session, "Head of Operations", "Operations Manager")
    [(earlier, later, verdicts)] = step_differences(small_session, (head, manager))
    assert render_careers.change(earlier, later, verdicts) == (
        "the Head of Operations deals more with people outside the company, has a broader scope "
        "and sits higher in the hierarchy"
    )
    assert render_careers.change(earlier, later, []) == "about the same on every dimension"


def test_a_route_is_an_intro_then_numbered_steps_without_arrows(small_session: Session) -> None:
    path = career_path(small_session, "Operations Lead", "Head of Operations")
    assert isinstance(path, CareerPath)
    reply = render_careers.career_path_reply(path, step_differences(small_session, path.steps), from_current=True)
    assert reply.text == (
        "From your role as an Operations Lead, a typical route to Head of Operations takes 2 moves:\n"
        "1. Operations Lead to Operations Manager: more involved in strategy, more budget authority, broader scope.\n"
        "2. Operations Manager to Head of Operations: dealing more with people outside the company, "
        "broader scope, higher in the hierarchy."
    )
    assert [b.title for b in reply.buttons] == [
        "Operations Manager vs Operations Lead",
        "Head of Operations vs Operations Manager",
    ]


def test_a_sideways_move_into_another_family_is_one_numbered_step(small_session: Session) -> None:
    buyer, coordinator = roles(small_session, "Buyer", "Operations Coordinator")
    moves = step_differences(small_session, (buyer, coordinator))
    reply = render_careers.career_change_reply(buyer, "Operations management", None, moves, True, coordinator)
    first, second = reply.text.splitlines()
    assert first == (
        "I know of no typical route from your role as a Buyer into operations management in my career map. "
        "The closest role there by level is the Operations Coordinator, a sideways move."
    )
    assert second == (
        "1. Buyer to Operations Coordinator: the Buyer deals more with people outside the company, "
        "has a broader scope and sits higher in the hierarchy."
    )
    assert "->" not in reply.text
