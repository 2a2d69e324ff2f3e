"""Nearest-meaning dimension for a message no cue word matches: all-MiniLM-L6-v2 sentence vectors
(mean pooling over the attention mask, L2-normalised) of the message against each dimension's
descriptions (KB name, verdict phrase, headings, example questions) and, separately, against the
dimension's NLU training examples (``data/nlu/dimensions.yml``). Run through
``python -m bench.understanding nearest`` (see there for setting up the model).

Scored on the ``ask_*`` examples of the held-out and typo NLU sets whose words match no cue
(``actions.phrases.worded_dimensions`` finds nothing), against the shipped classifier on the same
examples (``results/understanding/baseline.json``, written by ``... baseline``), and on the dev set's
turns that expect one dimension and match no cue. Latency: one message, padded to 32 tokens,
through a compiled forward pass (p50/p95 ms).
"""

from __future__ import annotations

import json
import statistics
import time
from pathlib import Path
from typing import Any

import numpy as np
import yaml

ROOT = Path(__file__).resolve().parents[1]
TESTS = {"held_out": ROOT / "tests/nlu/test_nlu.yml", "typos": ROOT / "build/nlu/test_nlu_typos.yml"}
MAX_TOKENS = 32


class Encoder:
    """Sentence vectors from the model folder; ``encode(texts) -> (n, 384)`` unit vectors."""

    def __init__(self, folder: Path) -> None:
        import tensorflow as tf
        from transformers import BertTokenizerFast, TFBertModel

        self.tokenizer = BertTokenizerFast(tokenizer_file=str(folder / "tokenizer.json"))
        model = TFBertModel.from_pretrained(str(folder))
        spec = tf.TensorSpec([None, MAX_TOKENS], tf.int32)

        @tf.function(input_signature=[spec, spec])
        def forward(ids, mask):  # type: ignore[no-untyped-def]
            hidden = model(input_ids=ids, attention_mask=mask).last_hidden_state
            weights = tf.cast(mask, hidden.dtype)[:, :, None]
            pooled = tf.reduce_sum(hidden * weights, 1) / tf.maximum(tf.reduce_sum(weights, 1), 1e-9)
            return tf.math.l2_normalize(pooled, axis=1)

        self.forward = forward

    def encode(self, texts: list[str]) -> np.ndarray:
        batch = self.tokenizer(texts, padding="max_length", truncation=True, max_length=MAX_TOKENS, return_tensors="np")
        out = [
            self.forward(
                batch["input_ids"][i : i + 64].astype("int32"), batch["attention_mask"][i : i + 64].astype("int32")
            )
            for i in range(0, len(texts), 64)
        ]
        return np.concatenate([o.numpy() for o in out])


def descriptions() -> dict[str, list[str]]:
    from kb.content.load import load_content

    return {
        d.slug: [d.name, d.more.removesuffix(" than"), *d.headings, *d.questions]
        for d in load_content().dimensions
    }


def training_examples() -> dict[str, list[str]]:
    blocks = yaml.safe_load((ROOT / "data/nlu/dimensions.yml").read_text())["nlu"]
    return {
        b["intent"].removeprefix("ask_"): [e[2:] for e in b["examples"].splitlines() if e.startswith("- ")]
        for b in blocks
    }


def nearest(encoder: Encoder, references: dict[str, list[str]], texts: list[str]) -> list[str]:
    """The dimension whose closest reference sentence is nearest to each text (cosine)."""
    slugs = [s for s, items in references.items() for _ in items]
    matrix = encoder.encode([t for items in references.values() for t in items])
    scores = encoder.encode(texts) @ matrix.T
    return [slugs[i] for i in scores.argmax(axis=1)]


def cueless_cases() -> dict[str, list[tuple[str, str]]]:
    """(text, gold slug) of the ask_* test examples no cue word matches, per test set, and the dev set's."""
    from rasa.shared.nlu.training_data.loading import load_data

    from actions.phrases import worded_dimensions
    from tests.devset.devset import load as load_devset

    cases = {}
    for name, path in TESTS.items():
        examples = [(m.get("text"), m.get("intent")) for m in load_data(str(path)).intent_examples]
        cases[name] = [(t, g[4:]) for t, g in examples if g.startswith("ask_") and not worded_dimensions(t)]
    turns = [t for m in load_devset().members for t in m.turns if isinstance(t.expect.get("dimension"), str)]
    cases["devset"] = [(t.say, t.expect["dimension"]) for t in turns if not worded_dimensions(t.say)]
    return cases


def measure(folder: Path, _cues: Any = None) -> dict[str, Any]:
    start = time.monotonic()
    encoder = Encoder(folder)
    encoder.encode(["warm up"])
    result: dict[str, Any] = {"load_seconds": round(time.monotonic() - start, 1)}
    baseline_file = ROOT / "results/understanding/baseline.json"
    baseline = json.loads(baseline_file.read_text()) if baseline_file.exists() else {}
    references = {"descriptions": descriptions(), "training_examples": training_examples()}
    for name, cases in cueless_cases().items():
        texts, gold = [t for t, _ in cases], [g for _, g in cases]
        row: dict[str, Any] = {"cases": len(cases)}
        for label, refs in references.items():
            got = nearest(encoder, refs, texts)
            row[label] = round(sum(a == b for a, b in zip(got, gold, strict=True)) / len(gold), 4) if gold else None
        if name in baseline:
            wrong = {w["text"] for w in baseline[name]["wrong"]}
            row["shipped_classifier"] = round(sum(t not in wrong for t in texts) / len(texts), 4) if texts else None
        result[name] = row
    times = []
    for text in [t for t, _ in cueless_cases()["held_out"]][:60]:
        begin = time.perf_counter()
        encoder.encode([text])
        times.append((time.perf_counter() - begin) * 1000)
    result["latency_ms"] = {
        "p50": round(statistics.median(times), 1),
        "p95": round(statistics.quantiles(times, n=20)[-1], 1),
    }
    return result
