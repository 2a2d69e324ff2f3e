"""The quick yes for a valid action reply: never a yes jsonschema would not give."""

from __future__ import annotations

from typing import Any

import jsonschema
import pytest
from jsonschema.validators import validator_for
from rasa.core.actions.action import RemoteAction

from runtime.reply_check import by_event

SPEC = RemoteAction.action_response_format_spec()
CHECK = by_event(SPEC, validator_for(SPEC))
SLOT = {"event": "slot", "name": "role_a", "value": "Buyer", "timestamp": None}
VALID = [
    {"events": [SLOT], "responses": [{"text": "A buyer buys."}]},
    {"events": [], "responses": []},
    {"events": [SLOT, {"event": "active_loop", "name": None}, {"event": "followup", "name": "action_listen"}],
     "responses": [{"text": "x", "buttons": [{"title": "a", "payload": "/b"}], "custom": {"chart": [1, 2]}}]},
]  # fmt: skip
INVALID = [
    {"events": [{"event": "slot", "value": "Buyer"}], "responses": []},  # no name
    {"events": [{"event": "no such event"}], "responses": []},
    {"events": [{"name": "role_a"}], "responses": []},  # no event name
    {"events": [SLOT, {"event": "slot", "name": 3, "value": 1}], "responses": []},  # a name that is not text
    {"events": [{**SLOT, "timestamp": "now"}], "responses": []},  # the items' own keywords still hold
    {"events": [SLOT], "responses": ["not an object"]},
    {"events": "not a list", "responses": []},
    ["not an object"],
]


def test_rasas_reply_schema_has_the_shape_it_reads() -> None:
    assert CHECK is not None and CHECK.field == "events"
    assert len(CHECK.events) == len(SPEC["properties"]["events"]["items"]["oneOf"]) == 23


@pytest.mark.parametrize("reply", VALID)
def test_a_valid_reply_gets_the_quick_yes(reply: dict[str, Any]) -> None:
    jsonschema.validate(reply, SPEC)
    assert CHECK is not None and CHECK.is_valid(reply) is True


@pytest.mark.parametrize("reply", INVALID)
def test_an_invalid_reply_is_left_to_jsonschema(reply: Any) -> None:
    with pytest.raises(jsonschema.ValidationError):
        jsonschema.validate(reply, SPEC)
    assert CHECK is not None and CHECK.is_valid(reply) is False


def test_a_schema_of_another_shape_gets_no_quick_check() -> None:
    assert by_event({"type": "object", "properties": {"a": {"type": "array", "items": {"type": "string"}}}},
                    validator_for({})) is None  # fmt: skip
    assert by_event({"type": "string"}, validator_for({})) is None
