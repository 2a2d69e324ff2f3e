"""The role in focus: "what does it pay?", "how do I become one?", "is it more senior than a buyer?".

After a role is described, a route to or from one role is given, or someone says what they do,
that role is in focus (the ``focus_role`` slot; a comparison of two roles clears it). A later
message that names no more than one other role and refers to "it", "that role", "this job" or
"become one" is read as naming the role in focus there, and "the former" / "the latter" as naming
the first / second role of the pair being compared: ``with_focus_role`` adds it to the message's
``job_role`` entities at those words, so every action reads it as if it were typed.
"""

from __future__ import annotations

import copy
import re

from rasa_sdk import Tracker

from actions.knowledge import role_entities
from actions.slots import FOCUS_ROLE, JOB_ROLE, ROLE_A, ROLE_B
from kb.content.vocabulary import vocabulary, words_pattern

_REFERENCES = vocabulary().references  # kb/data/vocabulary.yml
_BEFORE_ONE = sorted(
    {re.escape(w.removesuffix(" one")).replace(r"\ ", r"\s+") for w in _REFERENCES["become_one"]}, key=len
)
IT = re.compile(
    r"\b(?:(" + "|".join(sorted(map(re.escape, _REFERENCES["focus"]), key=len, reverse=True)) + r")(?!\w)"
    r"|(?:" + "|".join(reversed(_BEFORE_ONE)) + r")\s+(one)\b)",
    re.IGNORECASE,
)
PAIR_WORDS = words_pattern(_REFERENCES["former"] + _REFERENCES["latter"])  # the pair's first, second role
FROM_FOCUS = "focus_role"  # the ``extractor`` of an entity added here


def with_focus_role(tracker: Tracker) -> Tracker:
    """``tracker`` with the role referred to added where the latest message refers to it: "it", "that
    role", "become one" mean the role in focus; "the former" and "the latter" the pair's first and
    second role. Unchanged when nothing refers to a role, or the message names two roles already."""
    text = tracker.latest_message.get("text") or ""
    named = role_entities(tracker, JOB_ROLE)
    if text.startswith("/") or len(named) >= 2:
        return tracker
    focus, pair = tracker.get_slot(FOCUS_ROLE), (tracker.get_slot(ROLE_A), tracker.get_slot(ROLE_B))
    found, group, role = PAIR_WORDS.search(text), 1, None
    if found is not None and all(pair):
        role = pair[0] if found.group(1).lower() in _REFERENCES["former"] else pair[1]
    elif focus:
        found = IT.search(text)
        group, role = (1 if found.group(1) else 2, focus) if found else (1, None)
    if found is None or role is None or any(e.get("value") == role for e in named):
        return tracker
    entity = {"entity": JOB_ROLE, "value": role, "start": found.start(group), "end": found.end(group),
              "extractor": FROM_FOCUS}  # fmt: skip
    resolved = copy.copy(tracker)
    entities = [*(tracker.latest_message.get("entities") or []), entity]
    resolved.latest_message = {**tracker.latest_message, "entities": sorted(entities, key=lambda e: e.get("start", -1))}
    return resolved


def only_from_focus(tracker: Tracker) -> bool:
    """True when the one role the message names is the role in focus, referred to by a pronoun."""
    named = role_entities(tracker, JOB_ROLE)
    return len(named) == 1 and named[0].get("extractor") == FROM_FOCUS
