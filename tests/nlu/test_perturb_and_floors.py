"""The typo-perturbed test copy and the quality floors that gate the build."""

from __future__ import annotations

import json
import random
from pathlib import Path

import pytest

from nlu import floors
from nlu.perturb import perturb_example, perturb_file, typo

HELD_OUT = Path(__file__).parent / "test_nlu.yml"


def test_perturbation_is_seeded_and_keeps_annotations(tmp_path: Path) -> None:
    first, second = tmp_path / "a.yml", tmp_path / "b.yml"
    count = perturb_file(HELD_OUT, first)
    perturb_file(HELD_OUT, second)
    assert count > 100
    assert first.read_text() == second.read_text()
    assert first.read_text() != HELD_OUT.read_text()
    assert first.read_text().count('"entity": "job_role"') == HELD_OUT.read_text().count('"entity": "job_role"')


def test_one_typo_per_phrase_and_short_mentions_untouched() -> None:
    rng = random.Random(1)
    out = perturb_example('is a [COO]{"entity": "job_role", "value": "Chief Operating Officer"} paid more', rng)
    assert "[COO]" in out
    assert typo("manager", random.Random(3)) != "manager"


def write_reports(folder: Path, accuracy: float, f1: float) -> None:
    folder.mkdir(parents=True)
    (folder / "intent_report.json").write_text(json.dumps({"accuracy": accuracy, "macro avg": {"f1-score": accuracy}}))
    (folder / f"{floors.EXTRACTOR}_report.json").write_text(
        json.dumps({"job_role": {"f1-score": f1, "precision": f1, "recall": f1}})
    )


@pytest.mark.parametrize(("accuracy", "f1", "code"), [(0.96, 0.99, 0), (0.94, 0.99, 1), (0.96, 0.96, 1)])
def test_floors_fail_the_build_below_the_bar(tmp_path: Path, accuracy: float, f1: float, code: int) -> None:
    write_reports(tmp_path / "held", accuracy, f1)
    write_reports(tmp_path / "typos", 0.5, 0.5)
    assert floors.main([str(tmp_path / "held"), str(tmp_path / "typos")]) == code
    summary = json.loads((tmp_path / "held" / "summary.json").read_text())
    assert summary["typo_perturbed"]["intent_accuracy"] == 0.5
