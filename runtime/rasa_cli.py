"""``python -m runtime.rasa_cli run ...``: Rasa's own command line, with two lookups it repeats every turn done once.

``python -m runtime rasa`` starts Rasa through this module. Both are pure functions of what Rasa
has loaded, so their results are the same; only the repetition goes.

- **The check of action replies.** Rasa 3.6 checks every reply of the action server with
  ``jsonschema.validate(reply, schema)`` (``RemoteAction._validate_action_result``, on every turn
  that runs a custom action). ``jsonschema.validate`` checks the schema itself against its
  metaschema first, on every call: 2.0 of the 3.0 ms one check of a real reply takes here
  (``bench/replycheck.py``). The schema is Rasa's, the same on every call, so ``validate`` below
  checks each distinct schema once per process and then validates exactly as jsonschema does: the
  same validator class, and the same error (jsonschema's best match) raised for an invalid reply.
- **Event types by name.** Every event Rasa reads back (the tracker from its store, the action's
  reply) is resolved by ``Event.resolve_by_type``, which walks every subclass of ``Event`` (26 µs
  here, about 20 times a turn). ``resolve_by_type`` below remembers each name's class once found.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from typing import Any, Optional

import jsonschema
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for

from runtime.quiet import quiet

_checked: set[tuple[type, str]] = set()


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


def main() -> None:
    """Rasa's ``rasa`` command (arguments from ``sys.argv``) with ``validate`` in jsonschema's place,
    event types remembered, at most ``ROLEWISE_MAX_TURNS`` turns in progress (``runtime.admission``),
    quiet about dependency noise (``runtime.quiet``)."""
    quiet()
    jsonschema.validate = validate
    from rasa.__main__ import main as rasa_main
    from runtime import admission

    admission.install_in_rasa()
    from rasa.shared.core.events import Event

    Event.resolve_by_type = staticmethod(remembering_event_types(Event.resolve_by_type))  # type: ignore[method-assign]

    rasa_main()


if __name__ == "__main__":
    main()
