"""The quality floors NLU must meet, read from ``rasa test nlu`` reports; fails the build below them.

``python -m nlu.floors HELD_OUT_DIR TYPO_DIR`` prints a summary, writes it to
``HELD_OUT_DIR/summary.json`` and exits non-zero when a floor is missed.
"""

from __future__ import annotations

import json
import sys
from pathlib import Path

INTENT_ACCURACY_FLOOR = 0.95
ROLE_F1_FLOOR = 0.97
EXTRACTOR = "RoleEntityExtractor"


def scores(folder: Path) -> dict[str, float]:
    intents = json.loads((folder / "intent_report.json").read_text())
    entities = json.loads((folder / f"{EXTRACTOR}_report.json").read_text())
    return {
        "intent_accuracy": round(float(intents["accuracy"]), 4),
        "intent_macro_f1": round(float(intents["macro avg"]["f1-score"]), 4),
        "job_role_f1": round(float(entities["job_role"]["f1-score"]), 4),
        "job_role_precision": round(float(entities["job_role"]["precision"]), 4),
        "job_role_recall": round(float(entities["job_role"]["recall"]), 4),
    }


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m nlu.floors HELD_OUT_DIR TYPO_DIR", file=sys.stderr)
        return 2
    held_out, typos = Path(argv[0]), Path(argv[1])
    summary = {
        "held_out": scores(held_out),
        "typo_perturbed": scores(typos),
        "floors": {"intent_accuracy": INTENT_ACCURACY_FLOOR, "job_role_f1": ROLE_F1_FLOOR},
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
    failures = []
    if summary["held_out"]["intent_accuracy"] < INTENT_ACCURACY_FLOOR:
        failures.append(f"intent accuracy {summary['held_out']['intent_accuracy']} < {INTENT_ACCURACY_FLOOR}")
    if summary["held_out"]["job_role_f1"] < ROLE_F1_FLOOR:
        failures.append(f"job_role F1 {summary['held_out']['job_role_f1']} < {ROLE_F1_FLOOR}")
    for failure in failures:
        print(f"FLOOR MISSED: {failure}", file=sys.stderr)
    return 1 if failures else 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
