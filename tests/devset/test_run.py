"""The runner plays a dev set against the real bot and counts each turn (smoke test on a 3-turn fixture)."""

from __future__ import annotations

import json
from pathlib import Path

from tests.devset.run import main
from tests.servers import Bot

FIXTURE = Path(__file__).resolve().parents[1] / "fixtures" / "devset" / "smoke.yml"


def test_the_runner_scores_every_turn_per_family_and_half(bot: Bot, tmp_path: Path, capsys) -> None:  # type: ignore[no-untyped-def]
    out = tmp_path / "devset.json"
    assert main(["--file", str(FIXTURE), "--url", bot.url, "--out", str(out)]) == 0
    result = json.loads(out.read_text())
    assert result["all"] == {"passed": 2, "turns": 3, "rate": 0.667}
    assert result["held_out"] == {"passed": 1, "turns": 1, "rate": 1.0}
    assert result["tuning"] == {"passed": 1, "turns": 2, "rate": 0.5}
    [failed] = [r for r in result["rows"] if not r["passed"]]
    assert (failed["member"], failed["half"]) == ("smoke-03", "tuning")
    assert failed["problems"] == ["answer is description, expected ranking", "ranks on None, expected compensation"]
    assert failed["replies"][0].startswith("Fleet Manager (Transportation and distribution).")
    assert "| smoke | 1/2 (50%) | 1/1 (100%) | 2/3 (67%) |" in capsys.readouterr().out
