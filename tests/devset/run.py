"""Plays the dev set against the real bot and prints the share of turns answered as expected, per
paraphrase family and per half (tuned / held-out).

    python -m tests.devset.run                   # `make devset`: starts the action server and Rasa
    python -m tests.devset.run --url http://127.0.0.1:5005   # against a bot already running
    python -m tests.devset.run --family pay_place --show     # one family, failures with replies
    python -m tests.devset.run --write-split     # after adding members: rewrite the seeded split

Every member (a short conversation) gets a fresh sender id; every turn is scored on its own, so a
later turn still counts when an earlier one missed. A turn passes when ``tests.devset.checks``
finds no problem with the replies. The result (figures, every failed turn with its problems and
the bot's replies, the commit and the date) goes to ``results/devset/devset.json`` (or ``--out``),
which is not committed. Run it after ``make train`` (the model in ``models/``).
"""

from __future__ import annotations

import argparse
import json
import subprocess
import sys
import uuid
from collections.abc import Callable
from datetime import datetime, timezone
from pathlib import Path
from typing import Any, Optional

import requests

from tests.devset.checks import problems
from tests.devset.devset import FILE, DevSet, Member, load, write_split

ROOT = Path(__file__).resolve().parents[2]
OUT = ROOT / "results" / "devset" / "devset.json"
HALVES = ("tuning", "held_out")

Say = Callable[[str, str], list[dict]]


def play(say: Say, member: Member) -> list[dict[str, Any]]:
    """Every turn of one member from a fresh sender: one row per turn with its problems and replies."""
    sender, rows = f"devset-{uuid.uuid4().hex}", []
    for number, turn in enumerate(member.turns, start=1):
        try:
            replies = say(sender, turn.say)
            wrong = problems(turn.expect, replies)
        except requests.RequestException as error:
            replies, wrong = [], [f"no answer: {error}"]
        rows.append(
            {
                "member": member.id,
                "family": member.family,
                "half": "held_out" if member.held_out else "tuning",
                "turn": number,
                "say": turn.say,
                "expect": turn.expect,
                "passed": not wrong,
                "problems": wrong,
                "replies": [r.get("text") for r in replies],
            }
        )
    return rows


def figures(rows: list[dict[str, Any]]) -> dict[str, Any]:
    """Passed / total turns per family (with each half) and per half over all families."""

    def score(selected: list[dict[str, Any]]) -> dict[str, Any]:
        passed = sum(r["passed"] for r in selected)
        return {
            "passed": passed,
            "turns": len(selected),
            "rate": round(passed / len(selected), 3) if selected else None,
        }

    families = {}
    for family in dict.fromkeys(r["family"] for r in rows):
        mine = [r for r in rows if r["family"] == family]
        families[family] = {"all": score(mine), **{h: score([r for r in mine if r["half"] == h]) for h in HALVES}}
    return {
        "all": score(rows),
        **{h: score([r for r in rows if r["half"] == h]) for h in HALVES},
        "families": families,
    }


def table(result: dict[str, Any]) -> str:
    """The figures as a Markdown table: one row per family, then the halves and the total."""

    def cell(score: dict[str, Any]) -> str:
        return f"{score['passed']}/{score['turns']}" + (f" ({score['rate']:.0%})" if score["turns"] else "")

    lines = ["| family | tuning | held-out | all |", "|---|---|---|---|"]
    for family, score in result["families"].items():
        lines.append(f"| {family} | {cell(score['tuning'])} | {cell(score['held_out'])} | {cell(score['all'])} |")
    lines.append(f"| **total** | {cell(result['tuning'])} | {cell(result['held_out'])} | {cell(result['all'])} |")
    return "\n".join(lines)


def measure(say: Say, devset: DevSet, family: Optional[str] = None) -> dict[str, Any]:
    """Plays the members (of one family, or all) and returns figures plus every turn's row."""
    rows = [row for m in devset.members if family in (None, m.family) for row in play(say, m)]
    return {**figures(rows), "rows": rows}


def commit() -> str:
    done = subprocess.run(["git", "rev-parse", "--short", "HEAD"], cwd=ROOT, capture_output=True, text=True)
    dirty = subprocess.run(
        ["git", "status", "--porcelain", "--untracked-files=no"], cwd=ROOT, capture_output=True, text=True
    )
    return done.stdout.strip() + ("+changes" if dirty.stdout.strip() else "")


def rest_say(url: str) -> Say:
    def say(sender: str, message: str) -> list[dict]:
        response = requests.post(
            f"{url}/webhooks/rest/webhook", json={"sender": sender, "message": message}, timeout=60
        )
        response.raise_for_status()
        return response.json()

    return say


def main(argv: Optional[list[str]] = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m tests.devset.run", description=__doc__.split("\n\n")[0])
    parser.add_argument("--file", type=Path, default=FILE, help="the dev set (default: tests/devset/devset.yml)")
    parser.add_argument("--url", help="a running bot's base URL; default: start one on free ports")
    parser.add_argument("--family", help="only this family")
    parser.add_argument("--out", type=Path, default=OUT, help="where the JSON result goes")
    parser.add_argument("--show", action="store_true", help="print every failed turn with its replies")
    parser.add_argument("--write-split", action="store_true", help="rewrite the file's seeded held_out section")
    args = parser.parse_args(argv)
    if args.write_split:
        for family, numbers in write_split(args.file).items():
            print(f"{family}: held out {numbers}")
        return 0
    devset = load(args.file)
    if args.family and args.family not in devset.families:
        parser.error(f"no family {args.family!r}; families: {', '.join(devset.families)}")
    started = datetime.now(timezone.utc)
    if args.url:
        result = measure(rest_say(args.url.rstrip("/")), devset, args.family)
    else:
        from tests.servers import running_bot

        with running_bot(args.out.parent / "logs") as bot:
            result = measure(bot.say, devset, args.family)
    result = {"date": started.isoformat(timespec="seconds"), "commit": commit(), "file": str(args.file), **result}
    args.out.parent.mkdir(parents=True, exist_ok=True)
    args.out.write_text(json.dumps(result, indent=1))
    if args.show:
        for row in (r for r in result["rows"] if not r["passed"]):
            print(f"- {row['member']}.{row['turn']} [{row['half']}] {row['say']!r}: {'; '.join(row['problems'])}")
            print(f"    bot: {(row['replies'] or [''])[0]!r:.300}")
    print(table(result))
    print(f"\n{result['date']} at {result['commit']}; every turn in {args.out}")
    return 0


if __name__ == "__main__":
    sys.exit(main())
