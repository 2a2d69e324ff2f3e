"""A cluster that cannot start all its parts stops the ones it started and says what failed."""

from __future__ import annotations

import os
from pathlib import Path

import pytest

from runtime import cluster


def _alive(pid: int) -> bool:
    try:
        os.kill(pid, 0)
    except ProcessLookupError:
        return False
    return Path(f"/proc/{pid}/stat").read_text().split()[2] != "Z"  # a zombie has exited


def test_without_nginx_the_started_action_servers_are_stopped(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, capsys: pytest.CaptureFixture[str]
) -> None:
    started: list[int] = []
    real_start = cluster.Cluster._start

    def recording_start(self: cluster.Cluster, name: str, command: list[str], env: dict[str, str]):  # type: ignore[no-untyped-def]
        process, log = real_start(self, name, command, env)
        started.append(process.pid)
        return process, log

    monkeypatch.setattr(cluster, "NGINX", str(tmp_path / "no-nginx-here"))
    monkeypatch.setattr(cluster.Cluster, "_start", recording_start)

    assert cluster.main(port=0, web_port=0, state=tmp_path / "state") == 1

    assert len(started) == 2  # the two action servers, before nginx was needed
    assert [pid for pid in started if _alive(pid)] == []
    assert "Cluster not started: [Errno 2] No such file or directory" in capsys.readouterr().err
