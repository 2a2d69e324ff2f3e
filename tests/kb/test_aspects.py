"""Aspects Rolewise does not compare: finding them in a question, and the rules for ``aspects.yml``."""

from __future__ import annotations

from pathlib import Path

import pytest
from sqlalchemy.orm import Session

from kb.aspects import aspect_in
from kb.content.load import load_content
from kb.content.validate import validate

SMALL_KB_DIR = Path(__file__).resolve().parents[1] / "fixtures" / "small_kb"


@pytest.mark.parametrize(
    ("text", "slug", "matched"),
    [
        ("which job is more STRESSFUL, a buyer or a plant manager?", "stress", "stressful"),
        ("who has the better work-life  balance?", "stress", "work-life balance"),
        ("are buyers in demand or what are the prospects?", "prospects", "in demand"),
    ],
)
def test_the_first_aspect_a_question_names_is_found(small_session: Session, text: str, slug: str, matched: str) -> None:
    found = aspect_in(small_session, text)
    assert found is not None and (found.slug, found.matched) == (slug, matched)


def test_an_aspect_carries_its_answer_and_nearest_dimension(small_session: Session) -> None:
    found = aspect_in(small_session, "is it stressful?")
    assert found is not None
    assert (found.says, found.nearest.slug if found.nearest else None, found.offer) == (
        "I don't compare stress in the test KB.",
        "crisis_management",
        None,
    )
    prospects = aspect_in(small_session, "prospects?")
    assert prospects is not None and (prospects.nearest, prospects.offer) == (None, "next_roles")


@pytest.mark.parametrize("text", ["who has more budget?", "unstressful", "stress-test the plan", "prospectsX"])
def test_words_match_whole(small_session: Session, text: str) -> None:
    assert aspect_in(small_session, text) is None


def write_aspects(tmp_path: Path, text: str) -> Path:
    folder = tmp_path / "kb"
    for item in SMALL_KB_DIR.rglob("*.yml"):
        target = folder / item.relative_to(SMALL_KB_DIR)
        target.parent.mkdir(parents=True, exist_ok=True)
        target.write_text(item.read_text())
    (folder / "aspects.yml").write_text(text)
    return folder


@pytest.mark.parametrize(
    ("entry", "problem"),
    [
        ("- slug: a\n  says: x\n  nearest: pay\n  words: [w]\n", "aspects.yml:1: aspect 'a': unknown dimension 'pay'"),
        ("- slug: a\n  says: x\n  words: [w]\n", "aspects.yml:1: missing 'nearest' (a dimension slug, or null)"),
        ("- slug: a\n  says: x\n  nearest: null\n", "aspects.yml:1: aspect 'a' lists no words"),
        (
            "- slug: a\n  says: x\n  nearest: null\n  words: [w]\n"
            "- slug: b\n  says: y\n  nearest: null\n  words: [W]\n",
            "aspects.yml:8: 'W' already names the aspect 'a'",
        ),
        (
            "- slug: a\n  says: x\n  nearest: null\n  words: [buyer]\n",
            "aspects.yml:4: 'buyer' is a role's name or alias",
        ),
        (
            "- slug: a\n  says: x\n  nearest: null\n  offer: pay\n  words: [w]\n",
            "aspects.yml:1: aspect 'a': 'offer' must be one of ('next_roles',)",
        ),
    ],
)
def test_make_kb_refuses_bad_aspects(tmp_path: Path, entry: str, problem: str) -> None:
    content = load_content(write_aspects(tmp_path, entry))
    problems = [f"{e.where.file.name}:{e.where.line}: {e.message}" for e in validate(content)]
    assert problems == [problem]


def test_the_real_aspects_file_is_valid_and_covers_the_common_questions(content) -> None:  # type: ignore[no-untyped-def]
    assert [str(e) for e in validate(content) if "aspects.yml" in str(e)] == []
    assert [a.slug for a in content.aspects] == [
        "stress",
        "work_life_balance",
        "hours",
        "travel",
        "remote_work",
        "job_security",
        "physical_demands",
        "prospects",
        "satisfaction",
        "prestige",
        "benefits",
        "difficulty",
    ]
