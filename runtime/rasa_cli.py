"""``python -m runtime.rasa_cli run ...``: Rasa's own command line, with two lookups it repeats every turn done once,
and its secrets read from the environment.

``python -m runtime rasa`` starts Rasa through this module. Both lookups are pure functions of what
Rasa has loaded, so their results are the same; only the repetition goes.

- **Secrets.** Rasa takes its API token and JWT secret only as arguments (``--auth-token``,
  ``--jwt-secret``), which every user of the machine can read in a process list. ``run
  --enable-api`` here gets them from ``ROLEWISE_API_TOKEN`` / ``ROLEWISE_JWT_SECRET`` instead,
  added to the arguments inside this process only (``sys.argv``; the kernel's copy that ``ps``
  shows is not changed). ``ROLEWISE_ACTIONS_TOKEN``, which endpoints.yml sends the action server,
  is set from ``runtime.settings.actions_token`` when the environment lacks it.
- **JWTs sanic-jwt does not expect.** A token naming another algorithm (``alg: none``, HS512 when
  the secret is HS256), a missing required claim or a bad key made sanic-jwt raise past its own
  handling: 500. ``refusing_unexpected_tokens`` turns those errors into the ``DecodeError`` it
  handles, so they are refused like any other bad token: 401.

- **The check of action replies.** Rasa 3.6 checks every reply of the action server with
  ``jsonschema.validate(reply, schema)`` (``RemoteAction._validate_action_result``, on every turn
  that runs a custom action). ``jsonschema.validate`` checks the schema itself against its
  metaschema first, on every call: 2.0 of the 3.0 ms one check of a real reply takes here
  (``bench/replycheck.py``). The schema is Rasa's, the same on every call, so ``validate`` below
  checks each distinct schema once per process and then validates exactly as jsonschema does: the
  same validator class, and the same error (jsonschema's best match) raised for an invalid reply. A
  valid reply is recognised sooner, each event checked against the one event schema its name picks
  (``runtime.reply_check``); anything else is checked by jsonschema as before.
- **skops before TensorFlow.** ``LogisticRegressionClassifier`` loads its model with ``skops.io``,
  whose import lists the trusted numpy and scipy ufuncs by searching every module in ``sys.modules``
  for each of them (``skops.io._utils.whichmodule``). Imported while Rasa loads the model, after
  TensorFlow, that searched about 10,000 modules and took 25-30 s of a 40 s model load here; imported
  first (``importing_skops_first``), before Rasa, it searches about 1,500 and takes about a second.
  The trusted list comes out the same (537 names, compared) and the model file holds none outside it.
  The same import turns the root logger into ``numpy.distutils.log.Log`` (through scikit-learn's build
  helpers), whichever order it comes in: Rasa's root messages ("Starting Rasa server", "Rasa server is
  up and running") then printed bare or not at all; the root logger's class is put back.
- **Measured, not installed yet (both doubled Rasa's start lines in make run's log, unprefixed on
  stdout; the cause is not found yet):**
- **jax is not imported.** TensorFlow's TFLite helpers import jax when it is installed (TensorFlow
  2.12 depends on it) to convert jax functions, which Rasa never does: 1.8 s of every start. The
  import fails instead (``sys.modules["jax"] = None``), which those helpers expect and handle.
- **One spaCy pipeline, loaded once.** Rasa's predict graph has two ``SpacyNLP`` nodes (the one
  that provides the pipeline and the one that parses each message), and each loads the pipeline from
  disk: our entity ruler adds its 10,000 patterns twice (2.5 s each here). ``loading_spacy_once``
  hands the second node the pipeline the first loaded, as long as the pipeline's files are
  unchanged; parsing does not change a pipeline, so both nodes work as they did with two copies.
  Not installed yet: patching ``SpacyNLP`` here imports TensorFlow before Rasa sets up its logging,
  which then printed Rasa's start lines a second time without their prefix; it needs installing
  after Rasa's logging is configured.
- **One thread for numpy's maths.** numpy's OpenBLAS starts a worker thread per core and keeps it spinning
  between the small products the intent classifier computes each turn: here the second thread took 30 ms of
  CPU per turn, doing nothing useful (Rasa's process: 73.6 ms of CPU per turn, 32.9 ms with one thread, the
  same wall time). ``main`` sets ``OPENBLAS_NUM_THREADS``, ``OMP_NUM_THREADS`` and ``MKL_NUM_THREADS`` to 1
  unless the environment sets them, before numpy is imported.
- **Event types by name.** Every event Rasa reads back (the tracker from its store, the action's
  reply) is resolved by ``Event.resolve_by_type``, which walks every subclass of ``Event`` (26 µs
  here, about 20 times a turn). ``resolve_by_type`` below remembers each name's class once found.
"""

from __future__ import annotations

import json
import logging
import os
import sys
from collections.abc import Callable, Mapping, MutableMapping
from pathlib import Path
from typing import Any, Optional

import jsonschema
import jwt
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for

from runtime.quiet import quiet
from runtime.reply_check import ByEvent, by_event

# numpy's BLAS (OpenBLAS) and OpenMP start a worker per core and keep it spinning between the small matrix
# products of one turn (the intent classifier's): 30 ms of a second core per turn here, for no speed-up.
MATH_THREADS = ("OPENBLAS_NUM_THREADS", "OMP_NUM_THREADS", "MKL_NUM_THREADS")
_checked: set[tuple[type, str]] = set()
_quick: dict[tuple[type, str], Optional[ByEvent]] = {}


def validate(instance: Any, schema: Any, cls: Optional[type] = None, *args: Any, **kwargs: Any) -> None:
    """``jsonschema.validate(instance, schema, cls, ...)``, checking a given schema against its metaschema once.

    Raises:
        jsonschema.exceptions.SchemaError: ``schema`` is not a valid schema (each time it is used).
        jsonschema.exceptions.ValidationError: ``instance`` does not match ``schema``.
    """
    if cls is None:
        cls = validator_for(schema)
    key = (cls, json.dumps(schema, sort_keys=True, default=repr))
    if key not in _checked:
        cls.check_schema(schema)  # type: ignore[attr-defined]
        _checked.add(key)
    if not args and not kwargs:  # the quick yes for a valid reply (runtime.reply_check), Rasa's call
        if key not in _quick:
            _quick[key] = by_event(schema, cls)
        quick = _quick[key]
        if quick is not None and quick.is_valid(instance):
            return
    error = best_match(cls(schema, *args, **kwargs).iter_errors(instance))
    if error is not None:
        raise error


def remembering_event_types(resolve: Callable[..., Optional[type]]) -> Callable[..., Optional[type]]:
    """``Event.resolve_by_type`` that remembers the class found for each type name (not a default
    returned or an error raised for an unknown name: those are resolved again each time)."""
    found: dict[str, type] = {}

    def resolve_by_type(type_name: str, default: Optional[type] = None) -> Optional[type]:
        if type_name not in found:
            cls = resolve(type_name, default)
            if cls is None or cls is default:
                return cls
            found[type_name] = cls
        return found[type_name]

    return resolve_by_type


def _files_state(name: str) -> tuple[tuple[str, int, int], ...]:
    """Path, mtime (ns) and size of every file under ``name`` when it is a folder (a spaCy pipeline on
    disk); () for a package name."""
    folder = Path(name)
    if not folder.is_dir():
        return ()
    files = [path for path in sorted(folder.rglob("*")) if path.is_file()]
    return tuple((str(path), path.stat().st_mtime_ns, path.stat().st_size) for path in files)


def loading_spacy_once(load: Callable[[str], Any]) -> Callable[[str], Any]:
    """``SpacyNLP.load_model`` that returns the pipeline it last loaded for the same name while its
    files on disk are unchanged (any change, or another name, loads again)."""
    last: dict[str, tuple[tuple[tuple[str, int, int], ...], Any]] = {}

    def load_model(spacy_model_name: str) -> Any:
        state = _files_state(spacy_model_name)
        if spacy_model_name not in last or last[spacy_model_name][0] != state or not state:
            last.clear()
            last[spacy_model_name] = (state, load(spacy_model_name))
        return last[spacy_model_name][1]

    return load_model


def secret_arguments(argv: list[str], env: Mapping[str, str] = os.environ) -> list[str]:
    """The API token and JWT secret arguments ``rasa run --enable-api`` takes, from ``env``; [] otherwise."""
    if argv[1:2] != ["run"] or "--enable-api" not in argv:
        return []
    token, jwt_secret = env.get("ROLEWISE_API_TOKEN", "").strip(), env.get("ROLEWISE_JWT_SECRET", "").strip()
    return (["--auth-token", token] if token else []) + (["--jwt-secret", jwt_secret] if jwt_secret else [])


UNHANDLED_TOKEN_ERRORS = (
    jwt.exceptions.InvalidAlgorithmError,
    jwt.exceptions.InvalidKeyError,
    jwt.exceptions.MissingRequiredClaimError,
    jwt.exceptions.InvalidSubjectError,
    jwt.exceptions.InvalidJTIError,
)


def refusing_unexpected_tokens(decode: Callable[..., Any]) -> Callable[..., Any]:
    """sanic-jwt's ``Authentication._decode`` raising ``DecodeError`` for ``UNHANDLED_TOKEN_ERRORS``."""

    async def _decode(self: Any, token: str, *args: Any, **kwargs: Any) -> Any:
        try:
            return await decode(self, token, *args, **kwargs)
        except UNHANDLED_TOKEN_ERRORS as error:
            raise jwt.exceptions.DecodeError(f"Refused token: {error}") from error

    return _decode


def importing_skops_first() -> None:
    """Imports ``skops.io`` while few modules are loaded (see the module: seconds instead of 25-30 s),
    keeping the root logger a standard one: the import reaches ``numpy.distutils.log``, which turns the
    root logger into numpy's own class, and that printed Rasa's root messages bare (or not at all)."""
    root = logging.getLogger()
    standard = type(root)
    import skops.io  # noqa: F401

    if type(root) is not standard:
        root.__class__ = standard


def plain_colours(stream: Any) -> None:
    """Rasa's coloured lines ("Your Rasa model is trained ...") without their terminal colour codes when
    ``stream`` is no terminal (``make run``'s output piped to a log file, where the codes show as "^[[92m")."""
    import rasa.shared.utils.io

    if not stream.isatty():
        rasa.shared.utils.io.wrap_with_color = lambda *args, color: " ".join(str(arg) for arg in args)


def single_threaded_maths(environ: MutableMapping[str, str]) -> None:
    """One thread for numpy's BLAS and OpenMP (``MATH_THREADS`` set to "1") unless ``environ`` sets them; takes
    effect only before numpy is imported."""
    for name in MATH_THREADS:
        environ.setdefault(name, "1")


def main() -> None:
    """Rasa's ``rasa`` command (arguments from ``sys.argv``, secrets from the environment) with
    ``validate`` in jsonschema's place, event types remembered, at most ``ROLEWISE_MAX_TURNS`` turns in
    progress (``runtime.admission``), quiet about dependency noise (``runtime.quiet``)."""
    single_threaded_maths(os.environ)  # before numpy loads its BLAS
    from runtime import settings

    quiet()
    sys.argv += secret_arguments(sys.argv)
    os.environ["ROLEWISE_ACTIONS_TOKEN"] = settings.actions_token()
    jsonschema.validate = validate
    importing_skops_first()
    from rasa.__main__ import main as rasa_main

    plain_colours(sys.stdout)
    from sanic_jwt.authentication import Authentication

    from runtime import admission

    admission.install_in_rasa()
    Authentication._decode = refusing_unexpected_tokens(Authentication._decode)  # type: ignore[method-assign]
    from rasa.shared.core.events import Event

    Event.resolve_by_type = staticmethod(remembering_event_types(Event.resolve_by_type))  # type: ignore[method-assign]

    rasa_main()
    if sys.argv[1:2] == ["run"]:
        end_now()


def end_now() -> None:
    """End the process once ``rasa run`` has stopped serving, skipping the interpreter's teardown.

    By then Rasa has answered or closed every connection and saved every tracker; what is left is
    the interpreter freeing TensorFlow and the model in C, which took 16 s here after a stop under
    load and would break the drain limit (``channels.drain.DRAIN_SECONDS``). Logs and output are
    flushed first.
    """
    logging.shutdown()
    for stream in (sys.stdout, sys.stderr):
        stream.flush()
    os._exit(0)


if __name__ == "__main__":
    main()
