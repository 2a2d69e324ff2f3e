"""runtime.quiet: dependencies' deprecation warnings are not shown, even after a dependency turns them back
on; the project's own warnings still are."""

from __future__ import annotations

import logging
import subprocess
import sys

import yaml

from runtime.quiet import harmless, quiet
from tests.servers import ROOT

SCRIPT = """
import warnings
from runtime.quiet import quiet
quiet()
warnings.simplefilter("default", DeprecationWarning)  # what an import inside Rasa does (aiogram)
import sanic_cors  # distutils' LooseVersion: a DeprecationWarning raised inside a dependency
import kb
warnings.warn_explicit("ours", DeprecationWarning, kb.__file__, 1)
warnings.warn("a real problem", UserWarning)
"""


def test_dependency_deprecations_are_hidden_and_ours_are_shown() -> None:
    run = subprocess.run([sys.executable, "-c", SCRIPT], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert run.returncode == 0, run.stderr
    shown = [line for line in run.stderr.splitlines() if "Warning:" in line]
    assert [line.split(": ", 1)[1] for line in shown] == ["DeprecationWarning: ours", "UserWarning: a real problem"]


def test_without_quiet_the_dependency_warning_shows() -> None:
    script = SCRIPT.replace("quiet()\n", "")
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    assert "DeprecationWarning: distutils Version classes are deprecated" in run.stderr


def test_harmless() -> None:
    site = yaml.__file__
    assert harmless(DeprecationWarning("x"), DeprecationWarning, site)
    assert not harmless(DeprecationWarning("x"), DeprecationWarning, str(ROOT / "kb" / "__init__.py"))
    assert not harmless(UserWarning("x"), UserWarning, site)
    sent = "The utterance 'utter_deny' is not used in any story or rule."
    assert harmless(UserWarning(sent), UserWarning, site)  # action_deny sends it
    unused = "The utterance 'utter_forgotten' is not used in any story or rule."
    assert not harmless(UserWarning(unused), UserWarning, site)
    typed = "Failed to parse arguments in line '/feedback{not json'. Failed to interpret some parts."
    assert harmless(UserWarning(typed), UserWarning, site)  # a payload a user typed: the guard logs it once


def test_rasas_repeated_start_lines_are_not_logged(caplog) -> None:  # type: ignore[no-untyped-def]
    quiet()
    caplog.set_level(logging.INFO)
    logging.getLogger("rasa.nlu.utils.spacy_utils").info("Trying to load SpaCy model with name 'build/spacy_roles'.")
    logging.getLogger().info("Rasa server is up and running.")
    logging.getLogger("rasa.core.processor").info("Loading model models/rolewise.tar.gz...")
    assert [r.getMessage() for r in caplog.records] == ["Loading model models/rolewise.tar.gz..."]


def test_only_engineios_ping_task_is_let_go_quietly(caplog) -> None:
    quiet()
    tasks = logging.getLogger("asyncio")
    ping = "Task was destroyed but it is pending!\ntask: <Task pending coro=<AsyncSocket._send_ping() done>>"
    other = "Task was destroyed but it is pending!\ntask: <Task pending coro=<answer() done>>"
    with caplog.at_level(logging.ERROR, logger="asyncio"):
        tasks.error(ping)
        tasks.error(other)
    assert [record.getMessage() for record in caplog.records] == [other]
