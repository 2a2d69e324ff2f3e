"""The accuracy report's parsing and tables, on small fake rasa outputs (no rasa runs)."""

from __future__ import annotations

import json
from pathlib import Path

from nlu import report


def scores(p: float, r: float, f1: float, support: int, confused: dict[str, int] | None = None) -> dict:
    row = {"precision": p, "recall": r, "f1-score": f1, "support": support}
    return row if confused is None else {**row, "confused_with": confused}


INTENTS = {
    "ask_budget": scores(0.9, 0.8, 0.85, 10, {"ask_decision_making": 2, "compare_roles": 1}),
    "ask_scope": scores(1.0, 0.9, 0.95, 10, {"compare_roles": 1}),
    "compare_roles": scores(0.8, 1.0, 0.89, 8, {}),
    "greet": scores(1.0, 1.0, 1.0, 5, {"affirm": 3}),
    "affirm": scores(0.6, 1.0, 0.75, 3, {}),
    "deny": scores(1.0, 0.5, 0.67, 2, {"affirm": 1}),
    "accuracy": 0.9,
    "macro avg": scores(0.88, 0.87, 0.85, 38),
    "weighted avg": scores(0.9, 0.9, 0.9, 38),
}
ENTITIES = {
    "job_role": scores(1.0, 0.96, 0.98, 50, {}),
    "micro avg": scores(1.0, 0.96, 0.98, 50),
    "macro avg": scores(1.0, 0.96, 0.98, 50),
    "weighted avg": scores(1.0, 0.96, 0.98, 50),
    "accuracy": 0.99,
}
CV_LOG = """\
2025-11-25 15:40:01 INFO     rasa.nlu.test  - Accumulated test folds intent evaluation results:
2025-11-25 15:40:02 INFO     rasa.model_testing  - CV evaluation (n=5)
2025-11-25 15:40:02 INFO     rasa.model_testing  - Intent evaluation results
2025-11-25 15:40:02 INFO     rasa.nlu.test  - train Accuracy: 0.991 (0.002)
2025-11-25 15:40:02 INFO     rasa.nlu.test  - test Accuracy: 0.912 (0.011)
2025-11-25 15:40:02 INFO     rasa.nlu.test  - test F1-score: 0.910 (0.012)
2025-11-25 15:40:02 INFO     rasa.model_testing  - Entity evaluation results
2025-11-25 15:40:02 INFO     rasa.nlu.test  - test Accuracy: 0.500 (0.100)
"""


def test_most_confused_ranks_by_count_then_name_and_skips_summaries() -> None:
    pairs = report.most_confused(INTENTS, top=3)
    assert [(p["intent"], p["predicted"], p["count"]) for p in pairs] == [
        ("greet", "affirm", 3),
        ("ask_budget", "ask_decision_making", 2),
        ("ask_budget", "compare_roles", 1),
    ]
    assert len(report.most_confused(INTENTS)) == 5


def test_class_rows_put_the_worst_first_and_drop_averages() -> None:
    rows = report.class_rows(INTENTS)
    assert [r["label"] for r in rows][:2] == ["deny", "affirm"]
    assert {r["label"] for r in rows}.isdisjoint(report.SUMMARY_KEYS)
    assert report.table(rows, "intent")[2] == "| deny | 1.000 | 0.500 | 0.670 | 2 |"


def test_fold_spread_reads_intent_lines_only() -> None:
    spread = report.fold_spread(CV_LOG)
    assert spread["test Accuracy"] == {"mean": 0.912, "std": 0.011}
    assert spread["train Accuracy"]["mean"] == 0.991
    assert set(spread) == {"train Accuracy", "test Accuracy", "test F1-score"}


def write_nlu(folder: Path, entities: bool) -> None:
    folder.mkdir(parents=True)
    (folder / "intent_report.json").write_text(json.dumps(INTENTS))
    if entities:
        (folder / f"{report.EXTRACTOR}_report.json").write_text(json.dumps(ENTITIES))


def test_nlu_scores_with_and_without_an_entity_report(tmp_path: Path) -> None:
    write_nlu(tmp_path / "held_out", entities=True)
    write_nlu(tmp_path / "cross_validation", entities=False)
    (tmp_path / "cross_validation.log").write_text(CV_LOG)
    held = report.nlu_scores(tmp_path / "held_out")
    assert (held["intent_accuracy"], held["intent_macro_f1"], held["examples"]) == (0.9, 0.85, 38)
    assert held["job_role"]["recall"] == 0.96
    assert held["confusion_matrix"] == "held_out/intent_confusion_matrix.png"
    cv = report.nlu_scores(tmp_path / "cross_validation")
    assert cv["job_role"] is None and cv["entities"] is None
    assert cv["fold_spread"]["test Accuracy"]["std"] == 0.011


def test_fallback_counts_low_confidence_predictions_both_ways(tmp_path: Path) -> None:
    config = tmp_path / "config.yml"
    config.write_text("pipeline:\n  - name: SpacyTokenizer\n  - name: FallbackClassifier\n    threshold: 0.35\n")
    assert report.fallback_threshold(config) == 0.35
    config.write_text("pipeline:\n  - name: SpacyTokenizer\n")
    assert report.fallback_threshold(config) == 0.0

    def prediction(confidence: float) -> dict:
        return {"text": "x", "intent": "a", "intent_prediction": {"name": "b", "confidence": confidence}}

    (tmp_path / "intent_errors.json").write_text(json.dumps([prediction(0.2), prediction(0.5), prediction(0.34)]))
    assert report.below_fallback(tmp_path, 0.35) == {"wrong": 2, "right": 0}
    (tmp_path / "intent_successes.json").write_text(json.dumps([prediction(0.3), prediction(0.9)]))
    assert report.below_fallback(tmp_path, 0.35) == {"wrong": 2, "right": 1}


def test_conversation_pass_rate_and_failed_story_names(tmp_path: Path) -> None:
    accuracy = {"accuracy": 0.9, "correct": 9, "with_warnings": 0, "total": 10}
    (tmp_path / "story_report.json").write_text(json.dumps({"conversation_accuracy": accuracy}))
    (tmp_path / "failed_test_stories.yml").write_text(
        'version: "3.1"\nstories:\n- story: budget follow-up (./tests/test_stories.yml)\n  steps: []\n'
    )
    conv = report.conversation_scores(tmp_path)
    assert (conv["passed"], conv["total"], conv["pass_rate"]) == (9, 10, 0.9)
    assert conv["failed"] == ["budget follow-up (./tests/test_stories.yml)"]
    (tmp_path / "failed_test_stories.yml").write_text("# None of the test stories failed - all good!")
    assert report.conversation_scores(tmp_path)["failed"] == []


def test_examples_strip_markup_for_the_overlap_check(tmp_path: Path) -> None:
    path = tmp_path / "nlu.yml"
    path.write_text(
        'version: "3.1"\nnlu:\n- intent: ask_budget\n  examples: |\n'
        '    - Budget of a [COO]{"entity": "job_role", "value": "Chief Operating Officer"}?\n'
        "- lookup: job_role\n  examples: |\n    - coo\n"
    )
    assert report.examples(path) == {"budget of a coo?"}


def test_markdown_has_headline_and_marks_missing_entities(tmp_path: Path) -> None:
    for name in report.NLU_SETS:
        write_nlu(tmp_path / name, entities=name != "cross_validation")
    (tmp_path / "cross_validation.log").write_text(CV_LOG)
    nlu = {name: report.nlu_scores(tmp_path / name) for name in report.NLU_SETS}
    conv = {"passed": 36, "total": 36, "pass_rate": 1.0, "failed": []}
    fake = {
        "fallback_threshold": 0.35,
        "generated": "now",
        "commit": "abc",
        "model": "m.tar.gz",
        "nlu": nlu,
        "conversation": conv,
        "held_out_seen_in_training": 2,
        "held_out_unique_examples": 38,
    }
    text = report.markdown(fake)
    assert "| held-out test set | 38 | 0.900 | 0.850 | 0.980 (1.000 / 0.960) | 0 / 0 |" in text
    assert "under fallback 0.35 (wrong / right)" in text
    assert "n/a (no job_role markup in the data)" in text
    assert "**36/36** stories pass (100.0%)" in text
    assert "0.912 ± 0.011" in text
    assert "![intent confusion matrix](typos/intent_confusion_matrix.png)" in text
