"""What rides along with an answer: the profile chart (comparisons) and the feedback buttons (every answer).

``decorate`` works on the messages an answer already put in the dispatcher, so the wording
(``actions.render``) stays as it is: the full comparison's first message gets the chart
(``image``, a path on the bot's own web server, and ``alt``), the answer's last message gets the
helpful / not helpful buttons, and the question is noted for the usage report. Channels lay the
chart out (``channels.socketio``, ``channels.slack``); ``channels.charts`` serves it.
"""

from __future__ import annotations

from typing import Any, Optional, Union

from sqlalchemy.orm import Session

from actions.feedback import feedback_buttons
from actions.usage import note_ask
from kb.wording import replies as wording
from kb.wording.chart import alt_text, pair_key
from kb.results import Comparison, Verdict

CHART_ROUTE = "/webhooks/charts"
IMAGE, ALT, VERDICT = "image", "alt", "verdict"


def chart_path(comparison: Comparison) -> str:
    """The chart's stable URL path on the bot's web server."""
    return f"{CHART_ROUTE}/{pair_key(comparison.first.slug, comparison.second.slug)}.png"


def decorate(messages: list[dict[str, Any]], result: Union[Verdict, Comparison], session: Session) -> None:
    """Add the chart (full comparisons) and the feedback buttons to the answer's ``messages``."""
    if not messages:
        return
    dimension = result.dimension.slug if isinstance(result, Verdict) else None
    if isinstance(result, Comparison):
        messages[0][IMAGE] = chart_path(result)
        messages[0][ALT] = alt_text(result)
    add_feedback(messages, result.first.name, result.second.name, dimension)
    note_ask(session, result.first.name, result.second.name, dimension)


def note_readings(messages: list[dict[str, Any]], readings: list[tuple[str, str]]) -> None:
    """Say in the answer's first message, after its text and before a closing lead-in to its buttons ("Related
    comparisons:"), how each title typed with a slip was read (``readings``: (as typed, role)): 'I read
    "dispatchr" as Dispatcher.'; nothing when there is no answer or no such title."""
    first = next((m for m in messages if m.get("text")), None)
    if first is not None and readings:
        lines = first["text"].split("\n")
        at = len(lines) - 1 if len(lines) > 1 and lines[-1].endswith(":") else len(lines)  # before "Related ...:"
        first["text"] = "\n".join([*lines[:at], wording.read_as(readings), *lines[at:]])


def note_not_the_same(messages: list[dict[str, Any]], asked: bool) -> None:
    """End the verdict of a full comparison asked as "is X the same as Y?" (``asked``) with the plain answer:
    "The General Manager is ahead of an Operations Manager on all 12 dimensions, so no, they are not the same
    job." The verdict still opens the text, for the channels that emphasise it."""
    first = next((m for m in messages if m.get("text")), None)
    verdict = first.get(VERDICT) if first is not None else None
    if asked and first is not None and first.get(IMAGE) and verdict and first["text"].startswith(verdict):
        answered = wording.not_the_same(verdict)
        first["text"], first[VERDICT] = answered + first["text"][len(verdict) :], answered


def add_feedback(messages: list[dict[str, Any]], first: str, second: Optional[str], about: Optional[str]) -> None:
    """The helpful / not helpful buttons after the last of an answer's ``messages``: on ``first`` (and
    ``second``), ``about`` a dimension slug, None (a full comparison) or one of ``kb.usage.ANSWER_KINDS``."""
    if messages:
        last = messages[-1]
        last["buttons"] = [*(last.get("buttons") or []), *feedback_buttons(first, second, about)]
