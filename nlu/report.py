"""The accuracy report: held-out, typo-perturbed and cross-validated NLU scores, plus conversation tests.

``python -m nlu.report`` (from the repository root, after ``make train``) runs the ``rasa test``
evaluations and the end-to-end conversations of ``tests/conversations/`` (against the real bot,
started on free ports) into ``results/eval/`` and writes ``report.md`` and ``report.json`` there,
printing the Markdown too. ``--no-run`` rebuilds the report from the outputs already there.
"""

from __future__ import annotations

import argparse
import json
import os
import re
import shutil
import subprocess
import sys
from datetime import datetime, timezone
from pathlib import Path
from typing import Any

import yaml

from nlu.perturb import ANNOTATION
from tests.conversation_checks import headline

OUT = Path("results/eval")
MODEL = Path("models/rolewise.tar.gz")
CONFIG = Path("config.yml")
TRAIN_NLU = Path("data/nlu")  # one file per feature
LOOKUP = Path("data/generated/job_roles.yml")
TEST_NLU = Path("tests/nlu/test_nlu.yml")
TYPO_NLU = Path("build/nlu/test_nlu_typos.yml")
STORIES = Path("tests/test_stories.yml")
CONVERSATIONS = "conversations.json"
FOLDS = 5
EXTRACTOR = "RoleEntityExtractor"
ENTITY = "job_role"
SUMMARY_KEYS = frozenset({"accuracy", "macro avg", "weighted avg", "micro avg"})
NLU_SETS = {
    "held_out": "held-out test set",
    "typos": "typo-perturbed test set",
    "cross_validation": f"{FOLDS}-fold cross-validation on data/ (test folds pooled)",
}
CV_LOG = re.compile(r"rasa\.nlu\.test\s+-\s+(train|test) (\S+): ([\d.]+) \(([\d.]+)\)")

Row = dict[str, Any]


def rasa(log: Path, *args: str) -> None:
    """Runs one ``rasa`` command with its output kept in ``log``: CV fold spreads exist only in the log."""
    env = {**os.environ, "TF_CPP_MIN_LOG_LEVEL": "2", "RASA_TELEMETRY_ENABLED": "false"}
    print(f"$ rasa {' '.join(args)}", file=sys.stderr, flush=True)
    with log.open("w") as out:
        code = subprocess.run(
            [sys.executable, "-m", "rasa", *args], env=env, stdout=out, stderr=subprocess.STDOUT
        ).returncode
    if code:
        raise SystemExit(f"rasa {args[0]} {args[1]} failed with exit code {code}; see {log}")


def fresh(folder: Path) -> Path:
    """Empties an output folder: rasa writes *_errors.json only when there are errors, so old ones linger."""
    shutil.rmtree(folder, ignore_errors=True)
    folder.mkdir(parents=True)
    return folder


def run_all(out: Path) -> None:
    """The four evaluations; paths are relative because RoleEntityExtractor loads build/spacy_roles from cwd."""
    for needed in (MODEL, LOOKUP):
        if not needed.exists():
            raise SystemExit(f"{needed} is missing: run `make train` first")
    out.mkdir(parents=True, exist_ok=True)
    test_nlu = ("test", "nlu", "--successes", "-m", str(MODEL), "--nlu")
    rasa(out / "held_out.log", *test_nlu, str(TEST_NLU), "--out", str(fresh(out / "held_out")))
    subprocess.run([sys.executable, "-m", "nlu.perturb", str(TEST_NLU), str(TYPO_NLU)], check=True, stdout=sys.stderr)
    rasa(out / "typos.log", *test_nlu, str(TYPO_NLU), "--out", str(fresh(out / "typos")))
    cv = (
        "test",
        "nlu",
        "--successes",
        "--nlu",
        "data",
        "--config",
        str(CONFIG),
        "--cross-validation",
        "--folds",
        str(FOLDS),
    )
    rasa(out / "cross_validation.log", *cv, "--out", str(fresh(out / "cross_validation")))
    core = ("test", "core", "-m", str(MODEL), "--stories", str(STORIES))
    rasa(out / "core.log", *core, "--out", str(fresh(out / "core")))
    run_conversations(out)


def run_conversations(out: Path) -> None:
    """The conversations of tests/conversations/ sent turn by turn to the real bot, scored in one file."""
    from tests.conversation_checks import against_bot

    print("$ conversations of tests/conversations/ against the bot", file=sys.stderr, flush=True)
    (out / CONVERSATIONS).write_text(json.dumps(against_bot(fresh(out / "bot")), indent=2) + "\n")


def e2e_scores(out: Path) -> dict[str, Any] | None:
    """The end-to-end conversations' pass counts, or None when they were not run."""
    path = out / CONVERSATIONS
    return json.loads(path.read_text()) if path.exists() else None


def class_rows(report: dict[str, Any]) -> list[Row]:
    """Per-class scores from a rasa/sklearn report, worst F1 first so problems lead the table."""
    rows = [
        {
            "label": label,
            "precision": s["precision"],
            "recall": s["recall"],
            "f1": s["f1-score"],
            "support": s["support"],
        }
        for label, s in report.items()
        if label not in SUMMARY_KEYS
    ]
    return sorted(rows, key=lambda r: (r["f1"], r["label"]))


def most_confused(report: dict[str, Any], top: int = 5) -> list[Row]:
    """The most frequent (true -> predicted) intent mistakes, from each class's ``confused_with`` counts."""
    pairs = [
        {"intent": label, "predicted": other, "count": count}
        for label, scores in report.items()
        if label not in SUMMARY_KEYS
        for other, count in scores.get("confused_with", {}).items()
    ]
    return sorted(pairs, key=lambda p: (-p["count"], p["intent"], p["predicted"]))[:top]


def fold_spread(log: str) -> dict[str, dict[str, float]]:
    """Mean and std of intent metrics over CV folds, which rasa logs but writes to no file."""
    spread: dict[str, dict[str, float]] = {}
    for line in log.split("Entity evaluation results")[0].splitlines():
        if match := CV_LOG.search(line):
            split, metric, mean, std = match.groups()
            spread[f"{split} {metric}"] = {"mean": float(mean), "std": float(std)}
    return spread


def fallback_threshold(config: Path) -> float:
    """The FallbackClassifier threshold (0 without one): rasa test nlu undoes fallbacks, so we count them."""
    pipeline = yaml.safe_load(config.read_text()).get("pipeline") or []
    return next((float(c.get("threshold", 0.3)) for c in pipeline if c.get("name") == "FallbackClassifier"), 0.0)


def below_fallback(folder: Path, threshold: float) -> dict[str, int]:
    """Wrong and right intents whose confidence is under the threshold: the bot answers those with help."""
    counts = {}
    for kind in ("errors", "successes"):
        path = folder / f"intent_{kind}.json"
        results = json.loads(path.read_text()) if path.exists() else []
        counts[kind] = sum(1 for r in results if (r["intent_prediction"]["confidence"] or 0.0) < threshold)
    return {"wrong": counts["errors"], "right": counts["successes"]}


def nlu_scores(folder: Path, threshold: float = 0.0) -> dict[str, Any]:
    """One NLU evaluation folder as numbers; the entity part is None when rasa wrote no entity report."""
    intents = json.loads((folder / "intent_report.json").read_text())
    entity_file = folder / f"{EXTRACTOR}_report.json"
    entities = json.loads(entity_file.read_text()) if entity_file.exists() else None
    log = folder.with_suffix(".log")
    return {
        "examples": intents["macro avg"]["support"],
        "intent_accuracy": intents["accuracy"],
        "intent_macro_f1": intents["macro avg"]["f1-score"],
        "intents": class_rows(intents),
        "most_confused": most_confused(intents),
        ENTITY: next((r for r in class_rows(entities) if r["label"] == ENTITY), None) if entities else None,
        "entities": class_rows(entities) if entities else None,
        "confusion_matrix": f"{folder.name}/intent_confusion_matrix.png",
        "fold_spread": fold_spread(log.read_text()) if log.exists() else {},
        "below_fallback": below_fallback(folder, threshold),
    }


def conversation_scores(folder: Path) -> dict[str, Any]:
    """Stories passed out of all, from story_report.json, with the names of the failed stories."""
    accuracy = json.loads((folder / "story_report.json").read_text())["conversation_accuracy"]
    failed = yaml.safe_load((folder / "failed_test_stories.yml").read_text()) or {}
    names = [story["story"] for story in failed.get("stories") or []]
    passed, total = int(accuracy["correct"]), int(accuracy["total"])
    return {"passed": passed, "total": total, "pass_rate": passed / total if total else 0.0, "failed": names}


def examples(path: Path) -> set[str]:
    """Example texts without entity markup, lower-cased, to spot test examples that were trained on."""
    data = yaml.safe_load(path.read_text()) or {}
    lines = (
        line.strip() for block in data.get("nlu", []) if "intent" in block for line in block["examples"].splitlines()
    )
    return {ANNOTATION.sub(r"\1", line[2:]).strip().lower() for line in lines if line.startswith("- ")}


def training_examples(folder: Path) -> set[str]:
    """``examples`` of every training file in ``folder``."""
    return set().union(*(examples(path) for path in sorted(folder.glob("*.yml"))))


def collect(out: Path) -> dict[str, Any]:
    """Everything report.json holds."""
    commit = subprocess.run(["git", "rev-parse", "--short", "HEAD"], capture_output=True, text=True).stdout.strip()
    return {
        "generated": datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"),
        "commit": commit or "unknown",
        "model": str(MODEL),
        "fallback_threshold": (threshold := fallback_threshold(CONFIG)),
        "nlu": {name: nlu_scores(out / name, threshold) for name in NLU_SETS},
        "held_out_seen_in_training": len(examples(TEST_NLU) & training_examples(TRAIN_NLU)),
        "held_out_unique_examples": len(examples(TEST_NLU)),
        "conversation": conversation_scores(out / "core"),
        "e2e": e2e_scores(out),
    }


def table(rows: list[Row], first: str) -> list[str]:
    """A Markdown precision/recall/F1 table."""
    lines = [f"| {first} | precision | recall | F1 | support |", "|---|---:|---:|---:|---:|"]
    lines += [
        f"| {r['label']} | {r['precision']:.3f} | {r['recall']:.3f} | {r['f1']:.3f} | {r['support']} |" for r in rows
    ]
    return lines


def role_cell(role: Row | None) -> str:
    if role is None:
        return "n/a (no job_role markup in the data)"
    return f"{role['f1']:.3f} ({role['precision']:.3f} / {role['recall']:.3f})"


def markdown(report: dict[str, Any]) -> str:
    """report.md: headline first, then confusions, then the per-class detail."""
    nlu, conv = report["nlu"], report["conversation"]
    md = [
        "# Rolewise accuracy report",
        "",
        f"Model `{report['model']}`, commit `{report['commit']}`, {report['generated']}, by `python -m nlu.report`.",
        "",
        f"| evaluation | examples | intent accuracy | intent macro F1 | job_role F1 (P / R) "
        f"| under fallback {report['fallback_threshold']} (wrong / right) |",
        "|---|---:|---:|---:|---|---:|",
    ]
    for name, title in NLU_SETS.items():
        s = nlu[name]
        md.append(
            f"| {title} | {s['examples']} | {s['intent_accuracy']:.3f} | {s['intent_macro_f1']:.3f} | "
            f"{role_cell(s[ENTITY])} | {s['below_fallback']['wrong']} / {s['below_fallback']['right']} |"
        )
    e2e = report.get("e2e")
    md += [
        "",
        *([headline(e2e), ""] if e2e else []),
        f"Conversation tests: **{conv['passed']}/{conv['total']}** stories pass ({conv['pass_rate']:.1%}).",
        "",
        "- Rasa scores the classifier's top intent with the FallbackClassifier undone; the last column counts the "
        "wrong and right intents under its threshold, which the bot answers with the help message instead.",
    ]
    spread = nlu["cross_validation"]["fold_spread"]
    if "test Accuracy" in spread:
        acc, train = spread["test Accuracy"], spread.get("train Accuracy", {"mean": float("nan")})
        md.append(
            f"- Cross-validation intent accuracy per fold: {acc['mean']:.3f} ± {acc['std']:.3f} on test folds, "
            f"{train['mean']:.3f} on train folds. Rasa shuffles the folds without a seed, so this moves between runs."
        )
    md += [
        f"- {report['held_out_seen_in_training']} of {report['held_out_unique_examples']} held-out texts also appear "
        f"verbatim (ignoring case) in `{TRAIN_NLU}/`.",
        "",
        "## Most confused intents (true → predicted)",
    ]
    for name, title in NLU_SETS.items():
        md += ["", f"**{title}**", "", "| intent | predicted as | count |", "|---|---|---:|"]
        md += [f"| {p['intent']} | {p['predicted']} | {p['count']} |" for p in nlu[name]["most_confused"]]
    for name, title in NLU_SETS.items():
        s = nlu[name]
        md += ["", f"## {title[0].upper()}{title[1:]}", "", f"![intent confusion matrix]({s['confusion_matrix']})", ""]
        md += table(s["intents"], "intent")
        md += ["", f"Entities ({EXTRACTOR}):", ""]
        md += (
            table(s["entities"], "entity")
            if s["entities"]
            else ["No entity report: the test examples carry no markup."]
        )
    md += ["", "## Conversation tests", "", f"`rasa test core` on `{STORIES}`: {conv['passed']}/{conv['total']} pass."]
    md += [f"- failed: {name}" for name in conv["failed"]]
    if e2e:
        md += ["", f"End to end (`tests/conversations/`, through the REST channel): {headline(e2e)}."]
        md += [f"- {'xfail' if f['xfail'] else 'FAILED'}: {f['id']}: {f['problem']}" for f in e2e["failed"]]
    return "\n".join(md) + "\n"


def main(argv: list[str]) -> int:
    parser = argparse.ArgumentParser(prog="python -m nlu.report", description=__doc__.splitlines()[0])
    parser.add_argument("--no-run", action="store_true", help="rebuild the report from existing outputs")
    parser.add_argument("--out", type=Path, default=OUT)
    args = parser.parse_args(argv)
    if not args.no_run:
        run_all(args.out)
    report = collect(args.out)
    (args.out / "report.json").write_text(json.dumps(report, indent=2) + "\n")
    text = markdown(report)
    (args.out / "report.md").write_text(text)
    print(text)
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
