"""The role in focus: "what does it pay?", "how do I become one?", "is it more senior than a buyer?".

After a role is described, a route to or from one role is given, or someone says what they do,
that role is in focus (the ``focus_role`` slot; a comparison of two roles clears it). A later
message that names no more than one other role and refers to "it", "that role", "this job" or
"become one" is read as naming the role in focus there: ``with_focus_role`` adds it to the
message's ``job_role`` entities at the pronoun, so every action reads it as if it were typed.
"""

from __future__ import annotations

import copy
import re

from rasa_sdk import Tracker

from actions.knowledge import role_entities
from actions.slots import FOCUS_ROLE, JOB_ROLE

IT = re.compile(
    r"\b(?:(it|its|it's|that role|this role|that job|this job|that position|this position|the role|the job)\b"
    r"|(?:become|becoming|be|get to be|being)\s+(one)\b)",
    re.IGNORECASE,
)
FROM_FOCUS = "focus_role"  # the ``extractor`` of an entity added here


def with_focus_role(tracker: Tracker) -> Tracker:
    """``tracker`` with the role in focus added where the latest message refers to it; else unchanged."""
    focus = tracker.get_slot(FOCUS_ROLE)
    text = tracker.latest_message.get("text") or ""
    if not focus or text.startswith("/"):
        return tracker
    named = role_entities(tracker, JOB_ROLE)
    if len(named) >= 2 or any(e.get("value") == focus for e in named):
        return tracker
    found = IT.search(text)
    if found is None:
        return tracker
    group = 1 if found.group(1) else 2
    entity = {"entity": JOB_ROLE, "value": focus, "start": found.start(group), "end": found.end(group),
              "extractor": FROM_FOCUS}  # fmt: skip
    resolved = copy.copy(tracker)
    entities = [*(tracker.latest_message.get("entities") or []), entity]
    resolved.latest_message = {**tracker.latest_message, "entities": sorted(entities, key=lambda e: e.get("start", -1))}
    return resolved


def only_from_focus(tracker: Tracker) -> bool:
    """True when the one role the message names is the role in focus, referred to by a pronoun."""
    named = role_entities(tracker, JOB_ROLE)
    return len(named) == 1 and named[0].get("extractor") == FROM_FOCUS
