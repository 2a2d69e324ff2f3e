"""The benchmark's configurations and breakdown: endpoints as shipped, and ms per turn from a profile."""

from __future__ import annotations

import marshal
import pstats
from pathlib import Path

import pytest
import yaml

from bench.bots import Started
from bench.conversations import Turn
from bench.latency import Track, interleave
from bench.profiling import breakdown, cumulative
from bench.setups import SHIPPED_ENDPOINTS, in_memory_endpoints, shipped_endpoints

URL = "http://127.0.0.1:6123/webhook"


def test_the_shipped_endpoints_change_only_the_port_and_the_tracker_file(tmp_path: Path) -> None:
    shipped = SHIPPED_ENDPOINTS.read_text()
    written = shipped_endpoints(shipped, URL, tmp_path / "t.db")
    assert yaml.safe_load(written) == {
        **yaml.safe_load(shipped),
        "action_endpoint": {**yaml.safe_load(shipped)["action_endpoint"], "url": URL},
        "tracker_store": {**yaml.safe_load(shipped)["tracker_store"], "db": str(tmp_path / "t.db")},
    }
    with pytest.raises(ValueError, match="no longer contains"):
        shipped_endpoints(shipped.replace("build/tracker.db", "elsewhere.db"), URL, tmp_path / "t.db")


def test_the_in_memory_endpoints_keep_only_the_action_endpoint() -> None:
    written = yaml.safe_load(in_memory_endpoints(SHIPPED_ENDPOINTS.read_text(), URL))
    assert written == {
        "action_endpoint": {
            "url": URL,
            "enable_selective_domain": True,
            "headers": {"Authorization": "Bearer ${ROLEWISE_ACTIONS_TOKEN}"},
        }
    }


def test_the_breakdown_is_the_outermost_cumulative_time_per_turn(tmp_path: Path) -> None:
    # A pstats file as cProfile writes it: (file, line, function) -> (calls, calls, own s, cumulative s, callers).
    stats = {
        ("/venv/rasa/core/agent.py", 410, "handle_message"): (4, 4, 0.1, 0.8, {}),
        ("/venv/rasa/core/tracker_store.py", 246, "save"): (4, 4, 0.01, 0.2, {}),  # a wrapper ...
        ("/venv/rasa/core/tracker_store.py", 1333, "save"): (4, 4, 0.01, 0.12, {}),  # ... of this one
        ("/elsewhere/save.py", 1, "save"): (4, 4, 9.0, 9.0, {}),
    }
    path = tmp_path / "rasa.prof"
    path.write_bytes(marshal.dumps(stats))
    rows = {r["item"]: r["ms_per_turn"] for r in breakdown({"rasa": path}, turns=4)}
    assert rows["Rasa: the whole turn (Agent.handle_message)"] == 200.0
    assert rows["tracker store: save"] == 50.0
    assert rows["NLU: all of it (MessageProcessor.parse_message)"] == 0.0
    assert not any(r.startswith("action server") for r in rows)  # no profile of the action server given
    assert cumulative(pstats.Stats(str(path)), "tracker_store.py", "save") == 0.2


def test_interleaving_rotates_which_bot_goes_first() -> None:
    said: list[str] = []

    class Recording(Track):
        def talk(self, turn: Turn) -> dict:  # type: ignore[override]
            said.append(f"{self.bot.name}{turn.text}")
            return {}

    bots = [Started(name, "http://127.0.0.1:1", {}, 0.0) for name in "abc"]
    lengths = (3, 3, 2)
    tracks = [Recording(bot, [Turn("s", str(i), "x") for i in range(n)]) for bot, n in zip(bots, lengths, strict=True)]
    interleave(tracks)
    assert said == ["a0", "b0", "c0", "b1", "c1", "a1", "a2", "b2"]
