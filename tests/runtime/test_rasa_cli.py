"""Rasa started through runtime/rasa_cli.py: its check of action replies, with the schema checked once."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path
from typing import Any

import jsonschema
import pytest
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction

from runtime import rasa_cli
from tests.servers import ROOT, clean_env

GOOD_REPLY = {
    "events": [{"event": "slot", "name": "role_a", "value": "Buyer", "timestamp": None}],
    "responses": [{"text": "A buyer buys."}],
}
BAD_REPLIES = [
    {"events": [{"event": "slot", "value": "Buyer"}], "responses": []},  # a slot event without its name
    {"events": [{"event": "no such event"}], "responses": []},
    {"events": [], "responses": ["not an object"]},
]


@pytest.fixture()
def check_schema_calls(monkeypatch: pytest.MonkeyPatch) -> list[Any]:
    """Every check of a schema against its metaschema from now on (the checked cache emptied first)."""
    monkeypatch.setattr(rasa_cli, "_checked", set())
    spec = RemoteAction.action_response_format_spec()
    cls = validator_for(spec)
    calls: list[Any] = []
    original = cls.check_schema

    def counting(schema: Any) -> None:
        calls.append(schema)
        original(schema)

    monkeypatch.setattr(cls, "check_schema", staticmethod(counting))
    return calls


def test_rasas_schema_is_checked_once_however_many_replies(check_schema_calls: list[Any]) -> None:
    for _ in range(3):
        rasa_cli.validate(GOOD_REPLY, RemoteAction.action_response_format_spec())  # a new dict each time, as in Rasa
    assert len(check_schema_calls) == 1
    jsonschema.validate(GOOD_REPLY, RemoteAction.action_response_format_spec())
    assert len(check_schema_calls) == 2  # jsonschema's own checks it on every call


@pytest.mark.parametrize("reply", BAD_REPLIES)
def test_a_bad_reply_gets_the_error_jsonschema_gives(reply: dict[str, Any]) -> None:
    spec = RemoteAction.action_response_format_spec()
    with pytest.raises(jsonschema.ValidationError) as expected:
        jsonschema.validate(reply, spec)
    with pytest.raises(jsonschema.ValidationError) as got:
        rasa_cli.validate(reply, spec)
    assert (got.value.message, list(got.value.absolute_path)) == (
        expected.value.message,
        list(expected.value.absolute_path),
    )


def test_a_bad_schema_is_refused_every_time() -> None:
    for _ in range(2):
        with pytest.raises(jsonschema.SchemaError):
            rasa_cli.validate({}, {"type": "no such type"})


def test_rasa_runs_through_it() -> None:
    done = subprocess.run(
        [sys.executable, "-m", "runtime.rasa_cli", "--version"],
        cwd=ROOT,
        env=clean_env(),
        capture_output=True,
        text=True,
    )
    assert done.returncode == 0 and "Rasa Version      :         3.6.21" in done.stdout


def test_event_types_are_resolved_as_rasa_does_and_each_name_once() -> None:
    from rasa.shared.core.events import Event, UserUttered
    from rasa.shared.utils.common import all_subclasses

    calls: list[str] = []

    def counting(type_name: str, default: Any = None) -> Any:
        calls.append(type_name)
        return Event.resolve_by_type(type_name, default)

    resolve = rasa_cli.remembering_event_types(counting)
    names = sorted({cls.type_name for cls in all_subclasses(Event)})
    for _ in range(3):
        assert [resolve(name) for name in names] == [Event.resolve_by_type(name) for name in names]
    assert calls == names  # each name looked up once
    assert (resolve("topic"), resolve("no such event", UserUttered)) == (None, UserUttered)
    with pytest.raises(ValueError, match="Unknown event name 'no such event'"):
        resolve("no such event")


def test_the_api_secrets_are_added_from_the_environment_only_to_rasa_run_with_the_api() -> None:
    env = {"ROLEWISE_API_TOKEN": " tok ", "ROLEWISE_JWT_SECRET": "jwt"}
    run = ["rasa_cli.py", "run", "-m", "m.tar.gz", "--enable-api", "--jwt-method", "HS256"]
    assert rasa_cli.secret_arguments(run, env) == ["--auth-token", "tok", "--jwt-secret", "jwt"]
    assert rasa_cli.secret_arguments(run, {"ROLEWISE_JWT_SECRET": "jwt"}) == ["--jwt-secret", "jwt"]
    assert rasa_cli.secret_arguments(run[:-3], env) == []  # no API, no secrets
    assert rasa_cli.secret_arguments(["rasa_cli.py", "shell", "--enable-api"], env) == []


def test_a_spacy_pipeline_on_disk_is_loaded_once_until_its_files_change(tmp_path: Path) -> None:
    import spacy
    from rasa.nlu.utils.spacy_utils import SpacyNLP

    nlp = spacy.blank("en")
    nlp.add_pipe("entity_ruler").add_patterns([{"label": "job_role", "pattern": "plant manager"}])
    nlp.to_disk(tmp_path / "pipeline")
    load = rasa_cli.loading_spacy_once(SpacyNLP.load_model)
    first = load(str(tmp_path / "pipeline"))
    assert load(str(tmp_path / "pipeline")) is first  # the second SpacyNLP node gets the same pipeline
    assert [e.text for e in first.model("ask a plant manager").ents] == ["plant manager"]
    nlp.get_pipe("entity_ruler").add_patterns([{"label": "job_role", "pattern": "buyer"}])
    nlp.to_disk(tmp_path / "pipeline")  # a KB build rewrote the pipeline
    again = load(str(tmp_path / "pipeline"))
    assert again is not first
    assert [e.text for e in again.model("a buyer or a plant manager").ents] == ["buyer", "plant manager"]



def test_skops_is_imported_first_and_the_root_logger_stays_standard() -> None:
    """``skops.io``'s import turns the root logger into numpy's ``distutils`` logger (Rasa's root
    messages then print bare or not at all); imported first, the root logger's class is put back."""
    check = (
        "import logging, sys; from runtime.rasa_cli import importing_skops_first; importing_skops_first(); "
        "print(type(logging.getLogger()).__name__, 'skops.io' in sys.modules, 'tensorflow' in sys.modules)"
    )
    result = subprocess.run([sys.executable, "-c", check], cwd=ROOT, capture_output=True, text=True, check=True)
    assert result.stdout == "RootLogger True False\n"


class _Stream:
    def __init__(self, terminal: bool) -> None:
        self.terminal = terminal

    def isatty(self) -> bool:
        return self.terminal


def test_rasas_coloured_lines_are_plain_when_the_output_is_no_terminal(monkeypatch: pytest.MonkeyPatch) -> None:
    import rasa.shared.utils.io

    monkeypatch.setattr(rasa.shared.utils.io, "wrap_with_color", rasa.shared.utils.io.wrap_with_color)
    rasa_cli.plain_colours(_Stream(terminal=True))
    assert rasa.shared.utils.io.wrap_with_color("trained", color="\033[92m") == "\033[92mtrained\033[0m"
    rasa_cli.plain_colours(_Stream(terminal=False))
    assert rasa.shared.utils.io.wrap_with_color("trained", "at models", color="\033[92m") == "trained at models"


def test_numpys_maths_runs_on_one_thread_unless_the_environment_says_otherwise() -> None:
    environ = {"OMP_NUM_THREADS": "4"}
    rasa_cli.single_threaded_maths(environ)
    assert environ == {"OPENBLAS_NUM_THREADS": "1", "OMP_NUM_THREADS": "4", "MKL_NUM_THREADS": "1"}
