"""``python -m runtime.rasa_cli run ...``: Rasa's own command line, with its check of action replies made cheaper.

``python -m runtime rasa`` starts Rasa through this module. Rasa 3.6 checks every reply of the
action server with ``jsonschema.validate(reply, schema)`` (``RemoteAction._validate_action_result``,
on every turn that runs a custom action). ``jsonschema.validate`` checks the schema itself against
its metaschema first, on every call: 2.0 of the 3.0 ms one check of a real reply takes here
(``bench/replycheck.py``). The schema is Rasa's, the same on every call, so ``validate`` below checks
each distinct schema once per process and then validates exactly as jsonschema does: the same
validator class, and the same error (jsonschema's best match) raised for an invalid reply.
"""

from __future__ import annotations

import json
from typing import Any, Optional

import jsonschema
from jsonschema.exceptions import best_match
from jsonschema.validators import validator_for

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


def main() -> None:
    """Rasa's ``rasa`` command (arguments from ``sys.argv``) with ``validate`` in jsonschema's place."""
    jsonschema.validate = validate
    from rasa.__main__ import main as rasa_main

    rasa_main()


if __name__ == "__main__":
    main()
