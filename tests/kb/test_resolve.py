"""Recognising roles and dimensions in what people type, on the small test KB (tests/fixtures/small_kb).

That every alias of the real content resolves is a content test (data/test_content.py).
"""

from __future__ import annotations

from dataclasses import replace

import pytest
from sqlalchemy.orm import Session

from kb.build import build_database
from kb.content.load import Content
from kb.db import make_engine
from kb.fuzzy import score
from kb.resolve import alias_index, resolve_dimension, resolve_role, role_info, role_row, role_rows
from kb.text import lookup_key
from kb.content.validate import DIMENSION_SLUGS
from kb.results import DimensionInfo, RoleMatch, UnknownDimension, UnknownRole


def test_role_rows_are_looked_up_by_canonical_name_only(small_session: Session) -> None:
    buyer = role_row(small_session, "Buyer")
    assert buyer is not None and buyer.slug == "buyer"
    assert role_row(small_session, role_info(buyer)) is buyer
    assert role_row(small_session, "buyers") is None  # an alias is not a name: resolve_role reads those
    first, second = role_rows(small_session, "Plant Manager", role_info(buyer))
    assert (first.name if first else None, second) == ("Plant Manager", buyer)
    assert role_rows(small_session, "Buyer", "Nobody") == (buyer, None)


@pytest.mark.parametrize(
    ("typed", "name"),
    [
        ("Head of Operations", "Head of Operations"),
        ("head of ops", "Head of Operations"),
        ("HoO", "Head of Operations"),
        ("COO", "Chief Operating Officer"),
        ("the operations managers", "Operations Manager"),
        ("Operations-Manager", "Operations Manager"),
        ("facility manager", "Facilities Manager"),
        ("heads of operations", "Head of Operations"),
    ],
)
def test_exact_aliases_resolve_with_full_confidence(small_session: Session, typed: str, name: str) -> None:
    match = resolve_role(small_session, typed)
    assert isinstance(match, RoleMatch)
    assert (match.role.name, match.confidence) == (name, 1.0)


@pytest.mark.parametrize(
    ("typed", "name", "matched", "confidence"),
    [
        ("operatons manger", "Operations Manager", "Operations Manager", 0.938),
        ("opperations manager", "Operations Manager", "Operations Manager", 0.971),
        ("facilites manager", "Facilities Manager", "Facilities Manager", 0.938),
        ("purchasng manager", "Procurement Manager", "purchasing manager", 0.971),
        ("plant manger", "Plant Manager", "Plant Manager", 0.96),
        ("chief operatng officer", "Chief Operating Officer", "Chief Operating Officer", 0.978),
    ],
)
def test_typos_resolve_with_lower_confidence(
    small_session: Session, typed: str, name: str, matched: str, confidence: float
) -> None:
    match = resolve_role(small_session, typed)
    assert isinstance(match, RoleMatch), match
    assert (match.role.name, match.matched, match.confidence) == (name, matched, confidence)


def test_unknown_role_offers_the_closest_known_roles(small_session: Session) -> None:
    result = resolve_role(small_session, "operations wizard")
    assert isinstance(result, UnknownRole)
    assert result.query == "operations wizard"
    assert [s.name for s in result.suggestions] == ["Operations Lead", "Operations Manager", "Operations Coordinator"]


@pytest.mark.parametrize("typed", ["", "   ", "!!!", "astronaut", "'; DROP TABLE role; --"])
def test_nonsense_is_unknown_not_an_error(small_session: Session, typed: str) -> None:
    assert isinstance(resolve_role(small_session, typed), UnknownRole)


@pytest.mark.parametrize(
    ("typed", "slug"),
    [
        ("budget", "budget"),
        ("ask_budget", "budget"),
        ("salary", "compensation"),
        ("KPIs", "performance_metrics"),
        ("crisis", "crisis_management"),
        ("Decision-making", "decision_making"),
        ("Skill set", "skills"),
        ("reporting lines", "hierarchy"),
    ],
)
def test_dimensions_resolve_from_slugs_names_and_synonyms(small_session: Session, typed: str, slug: str) -> None:
    result = resolve_dimension(small_session, typed)
    assert isinstance(result, DimensionInfo) and result.slug == slug


def test_unknown_dimension_lists_the_known_ones(small_session: Session) -> None:
    result = resolve_dimension(small_session, "coffee quality")
    assert isinstance(result, UnknownDimension)
    assert [d.slug for d in result.known] == list(DIMENSION_SLUGS)


@pytest.mark.parametrize("typed", ["operatons manger", "wharehouse supervisor", "ops", "head of logistic", "zzz"])
def test_fuzzy_scores_are_the_scorer_applied_to_every_alias(small_session: Session, typed: str) -> None:
    matcher = alias_index(small_session).matcher
    key = lookup_key(typed)
    best: dict[int, float] = {}
    for _, i, alias_key in sorted((-score(key, k), i, k) for i, k in enumerate(matcher.keys))[:12]:
        best.setdefault(matcher.targets[i], score(key, alias_key))
    assert [(v.target, v.score) for v in matcher.ranked(key, limit=12)] == pytest.approx(
        sorted(best.items(), key=lambda item: -item[1])
    )


def test_a_rebuilt_kb_is_never_answered_from_the_previous_builds_aliases(small_content: Content) -> None:
    content = small_content
    engine = make_engine("sqlite://")
    build_database(engine, content)
    with Session(engine) as session:
        assert isinstance(resolve_role(session, "plant bos"), UnknownRole)
    plant = next(r for r in content.roles if r.name == "Plant Manager")
    extended = replace(content, roles=[replace(plant, aliases=[*plant.aliases, ("plant boss", plant.aliases[0][1])])
                                       if r is plant else r for r in content.roles])
    build_database(engine, extended)
    with Session(engine) as session:
        match = resolve_role(session, "plant bos")
        assert isinstance(match, RoleMatch) and match.matched == "plant boss"


@pytest.mark.parametrize(
    ("typed", "role"),
    [
        ("Sr. Buyer", "Buyer"),
        ("Manager, Operations", "Operations Manager"),
        ("Operations Mgr II", "Operations Manager"),
        ("Ops Lead - Nights", "Operations Lead"),
        ("Head of Operations (Leeds)", "Head of Operations"),
    ],
)
def test_titles_as_postings_write_them_resolve(small_session: Session, typed: str, role: str) -> None:
    result = resolve_role(small_session, typed)
    assert isinstance(result, RoleMatch) and result.role.name == role


def test_a_slash_title_naming_two_roles_asks_which(small_session: Session) -> None:
    result = resolve_role(small_session, "Supervisor/Manager, Operations")
    assert isinstance(result, UnknownRole)
    assert [r.name for r in result.suggestions] == ["Operations Supervisor", "Operations Manager"]


def test_roles_are_looked_up_in_the_builds_index_without_a_query_each(tmp_path, small_content: Content) -> None:  # type: ignore[no-untyped-def]
    from sqlalchemy import event

    from kb.resolve import roles_named

    engine = make_engine(f"sqlite:///{tmp_path / 'kb.sqlite3'}")
    build_database(engine, small_content)
    with Session(engine) as session:
        alias_index(session)  # read once per build
        statements: list[str] = []
        event.listen(engine, "before_cursor_execute", lambda _c, _cur, statement, *_: statements.append(statement))
        exact, typo = resolve_role(session, "head of ops"), resolve_role(session, "operatons manager")
        named = roles_named(session, ["Buyer", "Operations Manager", "Astronaut"])
    assert isinstance(exact, RoleMatch) and (exact.role.name, exact.matched) == ("Head of Operations", "head of ops")
    assert isinstance(typo, RoleMatch) and typo.role.name == "Operations Manager"
    assert sorted(named) == ["Buyer", "Operations Manager"] and named["Buyer"].family == "Supply chain"
    assert statements == []
