"""What the servers of ``make run`` do not print: dependency noise a user can do nothing about.

``quiet()`` is called first thing by the project's own entry points (``python -m actions``,
``runtime.rasa_cli`` for ``rasa run`` and ``rasa train``, ``web/serve.py`` needs none). It hides:

- **Deprecation warnings raised inside installed packages** (``DeprecationWarning`` and its
  subclasses: pyparsing's, SQLAlchemy's ``SADeprecationWarning``, Sanic's ``[DEPRECATION v22.6]``
  on every closed browser socket, ``pkg_resources``, ``distutils``, click, jax). They speak to those
  packages' maintainers, and a pinned install never sees the change they announce. A deprecation
  raised from the project's own code still shows. This cannot be a plain ``warnings`` filter: an
  import inside Rasa (aiogram's ``deprecated`` helper) puts ``simplefilter("default",
  DeprecationWarning)`` in front of every filter set before it, so the check is made when a warning
  is about to be shown.
- **Rasa's "no components that uses the features created from the lookup table"** at training: Rasa
  only knows DIET and CRF use them, but ``RegexFeaturizer`` writes the lookup table's pattern into
  the sentence features that ``LogisticRegressionClassifier`` reads
  (``tests/nlu/test_lookup_features.py`` shows it).
- **Rasa's "The utterance ... is not used in any story or rule"** at training, for the responses a custom
  action or Rasa's ``action_restart`` sends (``SENT_BY_ACTIONS``); any other unused response still shows.
- **Rasa's "Failed to parse arguments in line '/feedback{...}'"** for a payload a user typed with entities or
  JSON Rasa cannot read: the channel guard (``channels.guard``) already logs every typed control payload once,
  and the answer says what happened; Rasa's warning repeats it with a site-packages path and a docs link.
- **Rasa's "Trying to load SpaCy model with name 'build/spacy_roles'"**, printed once for each of the two
  ``SpacyNLP`` nodes of Rasa's graph at every start (it sounds unsure; the model loads or Rasa stops with an
  error), and **"Rasa server is up and running"**, which ``make run``'s own "Ready: chat at ..." line says
  with the addresses to use.
- **Sanic's "running in PRODUCTION mode" advice** on a terminal: production mode is what ``make run`` wants.
- **asyncio's "Task was destroyed but it is pending!" for python-engineio's ping task**
  (``AsyncSocket._send_ping``), logged when a browser's socket has closed and the task is collected:
  the socket is gone, so is its ping. The same message about any other task still shows.
"""

from __future__ import annotations

import logging
import re
import sys
import sysconfig
import warnings
from pathlib import Path
from typing import Callable, Optional, TextIO

# Where installed packages live: a warning attributed to a file under one of these is a dependency's.
DEPENDENCY_DIRS = tuple(
    {str(Path(sysconfig.get_paths()[key]).resolve()) for key in ("purelib", "platlib")}
    | {str(Path(p).resolve()) for p in sys.path if p.endswith(("site-packages", "dist-packages"))}
)
# Rasa's false alarm about lookup tables (rasa.graph_components.validators.default_recipe_validator).
LOOKUP_FALSE_ALARM = "does not include any components that uses the features created from the lookup table"
# Rasa's "The utterance 'utter_deny' is not used in any story or rule" for responses that are sent all the
# same: by a custom action (``actions.help.ActionDeny``) or by Rasa's own ``action_restart``.
UNUSED_RESPONSE = re.compile(r"The utterance '(\w+)' is not used in any story or rule\.")
SENT_BY_ACTIONS = frozenset({"utter_deny", "utter_restart"})
PRODUCTION_MODE = "Sanic is running in PRODUCTION mode"
START_LINES = ("Trying to load SpaCy model with name", "Rasa server is up and running")
TYPED_PAYLOAD = "Failed to parse arguments in line '/"  # rasa.shared.nlu.interpreter, a typed "/intent{...}"
PENDING_TASK = "Task was destroyed but it is pending!"
ENGINEIO_PING = "AsyncSocket._send_ping()"


def from_dependency(filename: str) -> bool:
    """Whether ``filename`` (as a warning names it) is a file of an installed package."""
    try:
        resolved = str(Path(filename).resolve())
    except (OSError, RuntimeError):
        return False
    return resolved.startswith(DEPENDENCY_DIRS)


def harmless(message: Warning | str, category: type[Warning], filename: str) -> bool:
    """Whether a warning about to be shown is one ``quiet`` hides (see the module)."""
    if issubclass(category, DeprecationWarning) and from_dependency(filename):
        return True
    if not issubclass(category, UserWarning):
        return False
    unused = UNUSED_RESPONSE.fullmatch(str(message).strip())
    if TYPED_PAYLOAD in str(message):
        return True
    return LOOKUP_FALSE_ALARM in str(message) or (unused is not None and unused.group(1) in SENT_BY_ACTIONS)


def _quiet_showwarning(show: Callable[..., None]) -> Callable[..., None]:
    def showwarning(
        message: Warning | str,
        category: type[Warning],
        filename: str,
        lineno: int,
        file: Optional[TextIO] = None,
        line: Optional[str] = None,
    ) -> None:
        if not harmless(message, category, filename):
            show(message, category, filename, lineno, file, line)

    showwarning.quiet = True  # type: ignore[attr-defined]
    return showwarning


class _NotProductionAdvice(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return PRODUCTION_MODE not in record.getMessage()


class _NotRepeatedStartLines(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        return not any(line in record.getMessage() for line in START_LINES)


class _NotClosedSocketsPing(logging.Filter):
    def filter(self, record: logging.LogRecord) -> bool:
        message = record.getMessage()
        return not (PENDING_TASK in message and ENGINEIO_PING in message)


def quiet() -> None:
    """Hide the warnings and log lines listed in the module docstring, for this process (idempotent)."""
    if not getattr(warnings.showwarning, "quiet", False):
        warnings.showwarning = _quiet_showwarning(warnings.showwarning)
    sanic_errors = logging.getLogger("sanic.error")
    if not any(isinstance(f, _NotProductionAdvice) for f in sanic_errors.filters):
        sanic_errors.addFilter(_NotProductionAdvice())
    for name in ("rasa.nlu.utils.spacy_utils", "root"):
        said = logging.getLogger(name) if name != "root" else logging.getLogger()
        if not any(isinstance(f, _NotRepeatedStartLines) for f in said.filters):
            said.addFilter(_NotRepeatedStartLines())
    tasks = logging.getLogger("asyncio")
    if not any(isinstance(f, _NotClosedSocketsPing) for f in tasks.filters):
        tasks.addFilter(_NotClosedSocketsPing())
