"""Content tests over the real KB: every role's pay mix, every everyday name of a job outside the
map recognised as that job (never as a role), the issue's examples, and every code in the real
OEWS list (when `make kb` has fetched it)."""

from __future__ import annotations

import pytest
from sqlalchemy import select
from sqlalchemy.orm import Session

from kb.content.load import Content
from kb.nlp import LABEL, OCCUPATION, make_pipeline, occupation_patterns, role_patterns, kb_aliases
from kb.models import RoleAlias
from kb.content.rules.outside import check_outside
from kb.wages.fetch import OEWS_DIR
from kb.wages.load import detailed_codes, known_soc_codes

OEWS_FILE = OEWS_DIR / "oews-2025.sqlite"


@pytest.fixture(scope="module")
def nlp(engine):  # type: ignore[no-untyped-def]
    """Role patterns plus the authored names of outside jobs (the OEWS titles need the wage tables)."""
    with Session(engine) as session:
        role_keys = set(session.scalars(select(RoleAlias.key)))
        aliases = kb_aliases(session)
    return role_keys, aliases


def pipeline(content: Content, nlp):  # type: ignore[no-untyped-def]
    role_keys, aliases = nlp
    forms = [(entry.soc or entry.group, alias) for entry in content.outside.occupations for alias, _ in entry.aliases]
    return make_pipeline(role_patterns(aliases) + occupation_patterns(forms, role_keys))


def test_every_role_says_how_its_pay_is_made_up(content: Content) -> None:
    missing = [role.name for role in content.roles if role.pay_mix is None]
    assert missing == []
    head = next(r for r in content.roles if r.name == "Head of Operations").pay_mix
    assert head is not None and (head.bonus, head.equity) == ("usual", "common")  # the seed: salary, bonus, options


def test_every_everyday_name_is_found_as_its_outside_job_and_never_as_a_role(content: Content, nlp) -> None:  # type: ignore[no-untyped-def]
    spacy_nlp = pipeline(content, nlp)
    for entry in content.outside.occupations:
        for alias, _ in entry.aliases:
            doc = spacy_nlp(f"I'm a {alias}, how do I get into operations?")
            assert [(e.text, e.label_, e.ent_id_) for e in doc.ents] == [(alias, OCCUPATION, entry.soc or entry.group)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("I'm a nurse, how do I get into operations management?", [("nurse", "29-1141")]),
        ("I'm a teacher, could I become an operations coordinator?",
         [("teacher", "25-2021"), ("operations coordinator", "Operations Coordinator")]),
        ("who earns more, a truck driver or a dispatcher?",
         [("truck driver", "53-3032"), ("dispatcher", "Dispatcher")]),
        ("a bus driver or a fleet manager?", [("bus driver", "53-3052"), ("fleet manager", "Fleet Manager")]),
        ("RN here", [("RN", "29-1141")]),
        ("ex trucker, now what", [("trucker", "53-3032")]),
        ("line cook and server, also a cashier",
         [("line cook", "35-2014"), ("server", "35-3031"), ("cashier", "41-2011")]),
        ("I'm a barista", [("barista", "35-3023")]),
        ("just got out, I was a sergeant. veteran looking for a soldier-friendly job",
         [("sergeant", "military"), ("veteran", "military"), ("soldier", "military")]),
    ],
)  # fmt: skip
def test_the_issues_users_are_recognised(content: Content, nlp, text: str, expected) -> None:  # type: ignore[no-untyped-def]
    doc = pipeline(content, nlp)(text)
    assert [(e.text, e.ent_id_) for e in doc.ents if e.label_ in (OCCUPATION, LABEL)] == expected


@pytest.mark.skipif(not OEWS_FILE.exists(), reason="the OEWS file is fetched by `make kb`")
def test_every_code_is_in_the_real_oews_list_and_the_list_has_830_occupations(content: Content) -> None:
    assert check_outside(content, known_soc_codes(OEWS_FILE)) == []
    assert len(detailed_codes(OEWS_FILE)) == 830


def test_groups_and_names_authored(content: Content) -> None:
    groups = [g.slug for g in content.outside.ways_in]
    assert groups == [
        "healthcare", "education", "hospitality", "retail", "transport", "trades", "office", "public_safety",
        "military", "technical", "other",
    ]  # fmt: skip
    assert all(len(g.entries) == 3 and g.first_step for g in content.outside.ways_in)
    assert len({alias.lower() for e in content.outside.occupations for alias, _ in e.aliases}) == 453

