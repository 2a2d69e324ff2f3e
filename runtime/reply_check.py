"""A quick yes for a valid action reply: Rasa's reply schema checked one event against one choice.

Rasa's schema for an action server's reply (``RemoteAction.action_response_format_spec``) says each
event is ``oneOf`` 23 event schemas, each fixing the ``event`` property to one name (``"const":
"slot"``). jsonschema 3.2 checks every event against all 23 to be sure exactly one matches; that was
most of the 2.8 ms one check of a real reply took here (``bench/replycheck.py``). An event whose
``event`` is a name exactly one choice fixes fails every other choice on that property alone, so for
it ``oneOf`` holds exactly when that one choice holds. ``valid_by_event`` checks each event against
the items' own keywords and that one choice, and the rest of the reply against the schema with its
items left out. It only ever says yes or "not sure": an event naming no choice (or a name several
choices fix), an array schema of another shape, or anything failing leaves the whole check to
jsonschema (``runtime.rasa_cli.validate``), which raises its own error as before.
"""

from __future__ import annotations

import json
from typing import Any, Optional

DISCRIMINATOR = "event"  # the property whose "const" picks the choice in Rasa's reply schema


class ByEvent:
    """Validators for one schema of Rasa's reply shape: ``rest`` for the reply without its events'
    choices, and one per event name for an event of that name."""

    def __init__(self, schema: dict[str, Any], field: str, items: dict[str, Any], cls: type, args: tuple,
                 kwargs: dict[str, Any]) -> None:  # fmt: skip
        own = {key: value for key, value in items.items() if key != "oneOf"}
        names = [choice.get("properties", {}).get(DISCRIMINATOR, {}).get("const") for choice in items["oneOf"]]
        self.field = field
        self.events = {
            name: cls({"allOf": [own, choice]}, *args, **kwargs)
            for name, choice in zip(names, items["oneOf"], strict=True)
            if isinstance(name, str) and names.count(name) == 1
        }
        rest = json.loads(json.dumps(schema))
        rest["properties"][field]["items"] = {}
        self.rest = cls(rest, *args, **kwargs)

    def is_valid(self, instance: Any) -> bool:
        """True only when ``instance`` is valid against the schema; False when not sure."""
        if not isinstance(instance, dict) or not self.rest.is_valid(instance):
            return False
        events = instance.get(self.field, [])
        for event in events if isinstance(events, list) else ():
            name = event.get(DISCRIMINATOR) if isinstance(event, dict) else None
            validator = self.events.get(name) if isinstance(name, str) else None
            if validator is None or not validator.is_valid(event):
                return False
        return True


def by_event(schema: Any, cls: type, args: tuple = (), kwargs: Optional[dict[str, Any]] = None) -> Optional[ByEvent]:
    """Validators for ``schema`` when it has Rasa's reply shape (an object whose one array property's
    items are ``oneOf`` choices fixing ``event``), built with the validator class ``cls``; else None."""
    if not isinstance(schema, dict) or not isinstance(schema.get("properties"), dict):
        return None
    for field, spec in schema["properties"].items():
        items = spec.get("items") if isinstance(spec, dict) and spec.get("type") == "array" else None
        choices = items.get("oneOf") if isinstance(items, dict) else None
        if isinstance(choices, list) and choices and all(isinstance(c, dict) for c in choices):
            return ByEvent(schema, field, items, cls, args, kwargs or {})  # type: ignore[arg-type]
    return None
