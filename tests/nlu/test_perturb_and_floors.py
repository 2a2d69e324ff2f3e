"""The typo-perturbed test copy and the quality floors that gate the build."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from nlu import floors
from nlu.perturb import ANNOTATION, EXAMPLE, MIN_ROLE_CHARS, perturb_example, perturb_file, typo

HELD_OUT = Path(__file__).parent / "test_nlu.yml"


def test_perturbation_is_seeded_and_keeps_annotations(tmp_path: Path) -> None:
    first, second = tmp_path / "a.yml", tmp_path / "b.yml"
    count = perturb_file(HELD_OUT, first)
    perturb_file(HELD_OUT, second)
    assert count == len(examples(HELD_OUT.read_text())) == 296
    assert first.read_text() == second.read_text()
    assert first.read_text() != HELD_OUT.read_text()
    assert first.read_text().count('"entity": "job_role"') == HELD_OUT.read_text().count('"entity": "job_role"')


def examples(text: str) -> list[str]:
    return [m.group(2) for m in map(EXAMPLE.match, text.splitlines()) if m and not m.group(2).startswith("intent:")]


def typo_able(words: list[str]) -> bool:
    return any(len(w) >= 5 and w.isalpha() for w in words)


def changed_words(before: str, after: str) -> int:
    old, new = before.split(" "), after.split(" ")
    assert len(old) == len(new), (before, after)  # a typo never adds or removes a word
    return sum(a != b for a, b in zip(old, new, strict=True))


def test_exactly_one_typo_in_the_plain_words_and_in_each_long_role_mention(tmp_path: Path) -> None:
    """Counted over the whole held-out copy: one slipped letter in the plain words when one of them has
    five or more letters, and one in every role mention of ten or more characters that has such a word."""
    perturb_file(HELD_OUT, tmp_path / "typos.yml")
    pairs = list(zip(examples(HELD_OUT.read_text()), examples((tmp_path / "typos.yml").read_text()), strict=True))
    plain_typos = mention_typos = 0
    for before, after in pairs:
        old, new = ANNOTATION.split(before), ANNOTATION.split(after)
        plain_old, plain_new = " ".join(old[0::3]), " ".join(new[0::3])
        expected = 1 if typo_able(plain_old.split()) else 0
        assert changed_words(plain_old, plain_new) == expected, (before, after)
        plain_typos += expected
        for mention_old, mention_new in zip(old[1::3], new[1::3], strict=True):
            expected = 1 if len(mention_old) >= MIN_ROLE_CHARS and typo_able(mention_old.split()) else 0
            assert changed_words(mention_old, mention_new) == expected, (before, after)
            mention_typos += expected
    assert (len(pairs), plain_typos, mention_typos) == (296, 256, 228)


def test_short_mentions_are_untouched_and_every_long_word_gets_a_slip() -> None:
    out = perturb_example(
        'is a [COO]{"entity": "job_role", "value": "Chief Operating Officer"} paid more', random.Random(1)
    )
    assert out.startswith('is a [COO]{"entity": "job_role", "value": "Chief Operating Officer"} ')
    for word in ("manager", "supply", "officer", "llama"):
        for seed in range(50):
            assert typo(word, random.Random(seed)) != word, (word, seed)


def write_reports(
    folder: Path, accuracy: float, f1: float, education: float = 0.9, other_aspect: float = 0.9
) -> None:
    folder.mkdir(parents=True)
    report = {
        "accuracy": accuracy,
        "macro avg": {"f1-score": accuracy},
        "education": {"f1-score": education},
        "other_aspect": {"f1-score": other_aspect},
    }
    (folder / "intent_report.json").write_text(json.dumps(report))
    (folder / f"{floors.EXTRACTOR}_report.json").write_text(
        json.dumps({"job_role": {"f1-score": f1, "precision": f1, "recall": f1}})
    )


AT_THE_FLOORS = {name: dict(values) for name, values in floors.FLOORS.items()}
BELOW = [(name, metric) for name, values in floors.FLOORS.items() for metric in values]


def run_floors(tmp_path: Path, scores: dict[str, dict[str, float]]) -> int:
    write_reports(tmp_path / "held", scores["held_out"]["intent_accuracy"], scores["held_out"]["job_role_f1"])
    write_reports(
        tmp_path / "typos", scores["typo_perturbed"]["intent_accuracy"], scores["typo_perturbed"]["job_role_f1"]
    )
    return floors.main([str(tmp_path / "held"), str(tmp_path / "typos")])


def test_the_floors_are_the_measured_scores_or_just_under() -> None:
    assert floors.FLOORS == {
        "held_out": {"intent_accuracy": 0.95, "job_role_f1": 1.0},
        "typo_perturbed": {"intent_accuracy": 0.88, "job_role_f1": 0.99},
    }


def test_scores_at_the_floors_pass(tmp_path: Path) -> None:
    assert run_floors(tmp_path, AT_THE_FLOORS) == 0
    summary = json.loads((tmp_path / "held" / "summary.json").read_text())
    assert summary["typo_perturbed"]["intent_accuracy"] == 0.88 and summary["floors"] == floors.FLOORS


@pytest.mark.parametrize(("name", "metric"), BELOW, ids=[f"{n}-{m}" for n, m in BELOW])
def test_each_floor_fails_the_build_just_below_it(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], name: str, metric: str
) -> None:
    scores = {n: dict(v) for n, v in AT_THE_FLOORS.items()}
    scores[name][metric] = round(scores[name][metric] - 0.001, 4)
    assert run_floors(tmp_path, scores) == 1
    assert (
        capsys.readouterr().err
        == f"FLOOR MISSED: {name} {metric} {scores[name][metric]} < {floors.FLOORS[name][metric]}\n"
    )


@pytest.mark.parametrize("intent", ["education", "other_aspect"])
def test_a_new_intent_below_its_own_floor_fails(
    tmp_path: Path, capsys: pytest.CaptureFixture[str], intent: str
) -> None:
    write_reports(tmp_path / "held", 0.95, 1.0, **{intent: 0.85})
    write_reports(tmp_path / "typos", 0.90, 0.99)
    assert floors.INTENT_FLOORS == {"education": 0.9, "other_aspect": 0.9}
    assert floors.main([str(tmp_path / "held"), str(tmp_path / "typos")]) == 1
    assert capsys.readouterr().err == f"FLOOR MISSED: held_out {intent}_f1 0.85 < 0.9\n"
