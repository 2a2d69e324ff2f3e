"""The quality floors NLU must meet, read from ``rasa test nlu`` reports; fails the build below them.

``python -m nlu.floors HELD_OUT_DIR TYPO_DIR`` prints a summary, writes it to
``HELD_OUT_DIR/summary.json`` and exits non-zero when a floor is missed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

# Measured last, with the education and other_aspect intents and their 48 held-out examples:
# held-out intent accuracy 0.953, job_role F1 1.000; typo-perturbed copy 0.888 and 0.997 (0.908
# before those intents: their misspelt examples are the hardest, 8 of 48 missed). Each floor sits
# at or just under its measurement, so a regression fails.
FLOORS = {
    "held_out": {"intent_accuracy": 0.95, "job_role_f1": 1.0},
    "typo_perturbed": {"intent_accuracy": 0.88, "job_role_f1": 0.99},
}
# Intents added after the overall floors were set, each held to its own F1 on the held-out set so
# that a weak new intent cannot hide in the overall accuracy.
INTENT_FLOORS = {"education": 0.9, "other_aspect": 0.9}  # measured 0.939 and 0.927
EXTRACTOR = "RoleEntityExtractor"


def scores(folder: Path) -> dict[str, float]:
    intents = json.loads((folder / "intent_report.json").read_text())
    entities = json.loads((folder / f"{EXTRACTOR}_report.json").read_text())
    return {
        **{f"{name}_f1": round(float(intents.get(name, {}).get("f1-score", 0.0)), 4) for name in INTENT_FLOORS},
        "intent_accuracy": round(float(intents["accuracy"]), 4),
        "intent_macro_f1": round(float(intents["macro avg"]["f1-score"]), 4),
        "job_role_f1": round(float(entities["job_role"]["f1-score"]), 4),
        "job_role_precision": round(float(entities["job_role"]["precision"]), 4),
        "job_role_recall": round(float(entities["job_role"]["recall"]), 4),
    }


def missed_floors(summary: dict[str, dict[str, float]]) -> list[str]:
    """One line per floor a test set is below, e.g. ``typo_perturbed intent_accuracy 0.87 < 0.88``."""
    missed = [
        f"{name} {metric} {summary[name][metric]} < {floor}"
        for name, floors in FLOORS.items()
        for metric, floor in floors.items()
        if summary[name][metric] < floor
    ]
    return missed + [
        f"held_out {intent}_f1 {summary['held_out'][f'{intent}_f1']} < {floor}"
        for intent, floor in INTENT_FLOORS.items()
        if summary["held_out"][f"{intent}_f1"] < floor
    ]


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m nlu.floors HELD_OUT_DIR TYPO_DIR", file=sys.stderr)
        return 2
    held_out, typos = Path(argv[0]), Path(argv[1])
    summary = {
        "held_out": scores(held_out),
        "typo_perturbed": scores(typos),
        "floors": FLOORS,
    }
    (held_out / "summary.json").write_text(json.dumps(summary, indent=2))
    print("| test set | intent accuracy | intent macro F1 | job_role F1 (P / R) |")
    print("|---|---|---|---|")
    for name in ("held_out", "typo_perturbed"):
        s = summary[name]
        print(
            f"| {name} | {s['intent_accuracy']:.3f} | {s['intent_macro_f1']:.3f} | "
            f"{s['job_role_f1']:.3f} ({s['job_role_precision']:.3f} / {s['job_role_recall']:.3f}) |"
        )
    for intent in INTENT_FLOORS:
        print(f"held-out F1 of {intent}: {summary['held_out'][f'{intent}_f1']:.3f}")
    failures = missed_floors(summary)
    for failure in failures:
        print(f"FLOOR MISSED: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
