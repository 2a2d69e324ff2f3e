"""Every message the bot sends is shaped here: text plus buttons whose payloads re-ask the KB.

The sentences come from ``kb.wording.replies`` (the bot's own) and ``kb.wording.answers`` (query results,
shared with the CLI); this module only arranges them into messages. An action's replies reach the
user as one message (``channels.layout``), so their buttons are offered as one list of choices.
Channels lay the message out (``channels.socketio``, ``channels.slack_blocks``, ``channels.rest``).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, replace
from typing import Iterable, Literal, Optional, Sequence, Union

from rasa_sdk.executor import CollectingDispatcher

from actions.context import Choice, Pending
from actions.slots import CAREER, CAREER_DIRECTION, COMPARE, DESCRIBE, DIMENSION_INTENT_PREFIX, INFORM
from actions.slots import AREA, JOB_ROLE, PAY_DETAIL
from kb.wording import replies as wording
from actions.asking import PLAIN, Asked
from kb.wording import answers, polarity, rank as answers_rank, summary
from kb.wording.pay import pay_detail_title, pay_summary_text
from kb.ranking import UnknownFamily
from kb.wages.figures import NATIONAL
from kb.results import (
    AreaInfo,
    Comparison,
    DimensionInfo,
    RelatedComparison,
    RoleInfo,
    SameRole,
    UnknownDimension,
    UnknownRole,
    Verdict,
)

DRILL_DOWN = 4
PAGE_SIZE = 5


@dataclass(frozen=True)
class Button:
    title: str
    payload: str


@dataclass(frozen=True)
class Reply:
    text: str
    buttons: tuple[Button, ...] = ()
    verdict: Optional[str] = None  # the opening sentence to emphasise where a channel can
    # "question": the buttons answer a question the text asks, and a typed reply may pick one by
    # position, by role or by a telling word; "menu": suggestions a typed reply picks by position only.
    offers: Literal["", "question", "menu"] = ""
    asked: Optional[str] = None  # the line that introduces the buttons, when it is not the first


class Dispatcher(CollectingDispatcher):
    """A dispatcher that also remembers the last question sent with choices (the ``pending`` slot)."""

    def __init__(self) -> None:
        super().__init__()
        self.offered: Optional[Pending] = None


def send(dispatcher: CollectingDispatcher, replies: Iterable[Reply]) -> None:
    """Each reply as one message. The verdict rides along for channels that can emphasise it; it is
    the only extra, since every message is kept in the conversation's history and sent back to the
    action server on every turn. The channel shows a turn's messages as one, their buttons in order,
    so the choices a typed pick ("the first") counts through are every reply's, in order too."""
    for reply in replies:
        buttons = [{"title": b.title, "payload": b.payload} for b in reply.buttons]
        dispatcher.utter_message(text=reply.text, buttons=buttons or None, verdict=reply.verdict)
        if reply.offers and reply.buttons and isinstance(dispatcher, Dispatcher):
            choices = tuple(Choice(b.title, b.payload) for b in reply.buttons)
            earlier = dispatcher.offered
            if earlier is not None:  # shown after the earlier reply's buttons, in the same message
                menu = earlier.menu and reply.offers == "menu"
                dispatcher.offered = Pending(earlier.asked, earlier.choices + choices, menu=menu)
            else:
                asked = reply.asked or reply.text.splitlines()[0]
                dispatcher.offered = Pending(asked, choices, menu=reply.offers == "menu")


def payload(intent: str, **entities: object) -> str:
    """A button payload that Rasa parses straight into an intent with entities, skipping NLU."""
    present = {k: v for k, v in entities.items() if v not in (None, [], "")}
    return f"/{intent}{json.dumps(present)}" if present else f"/{intent}"


def question_intent(dimension: Optional[str]) -> str:
    return f"{DIMENSION_INTENT_PREFIX}{dimension}" if dimension else COMPARE


def compare_button(first: str, second: str, dimension: Optional[str], title: Optional[str] = None) -> Button:
    asked = payload(question_intent(dimension), **{JOB_ROLE: [first, second]})
    return Button(title or wording.vs(first, second), asked)


question_title = wording.question_title


def related_buttons(related: Sequence[RelatedComparison], dimension: Optional[str]) -> tuple[Button, ...]:
    """Buttons that ask the same question (``dimension``; None for a full comparison) about related pairs."""
    return tuple(compare_button(r.first.name, r.second.name, dimension) for r in related)


def pay_detail_button(names: Sequence[str], areas: Sequence[AreaInfo] = ()) -> Button:
    """The one button under a pay answer that asks for every BLS figure behind it (``actions.pay``): for
    ``names``, in each place of ``areas`` the answer gave figures for (its OEWS area codes ride along, so
    the detail is for what was asked; none, or the nation alone, for the national figures)."""
    codes = [] if all(a.kind == NATIONAL for a in areas) else list(dict.fromkeys(a.code for a in areas))
    title = pay_detail_title(areas)
    return Button(title, payload(PAY_DETAIL, **{JOB_ROLE: list(dict.fromkeys(names)), AREA: codes}))


def short_pay(verdict: Verdict) -> tuple[Verdict, str, tuple[Button, ...]]:
    """A pay verdict without its full figures, the summary that replaces them (or "") and the
    button asking for them (or none): the answer stays short, the detail one click away."""
    if verdict.pay is None:
        return verdict, "", ()
    names = [role.role.name for role in verdict.pay.roles]
    detail = pay_detail_button(names, [verdict.pay.area])
    return replace(verdict, pay=None), "\n" + pay_summary_text(verdict.pay), (detail,)


def worded_as_asked(verdict: Verdict, asked: Asked = PLAIN) -> tuple[str, str]:
    """The verdict's sentence, and its text (the sentence, then why), worded as ``asked``: "Yes." or "No."
    first for a yes/no question about one role, the lower role first for "who earns less?"."""
    subject = next((r for r in (verdict.first, verdict.second) if r.name == asked.subject), None)
    if subject is not None:
        return polarity.yes_no_sentence(verdict, subject, not asked.less), polarity.yes_no_text(
            verdict, subject, not asked.less
        )
    if asked.less:
        return polarity.less_sentence(verdict), polarity.less_text(verdict)
    return answers.verdict_sentence(verdict), answers.verdict_text(verdict)


def verdict_replies(verdict: Verdict, related: Sequence[RelatedComparison], asked: Asked = PLAIN) -> list[Reply]:
    """One message: the verdict and its reasons (worded as ``asked``; pay figures in short, with a
    button for all of them), then the related comparisons as buttons."""
    verdict, summary, detail = short_pay(verdict)
    sentence, text = worded_as_asked(verdict, asked)
    text += summary
    buttons = detail + related_buttons(related, verdict.dimension.slug)
    if buttons:
        text = f"{text}\n{wording.RELATED}"
    return [Reply(text, buttons, sentence, "menu", wording.RELATED)]


def ranked_verdicts(comparison: Comparison) -> list[Verdict]:
    """The comparison's verdicts, biggest difference first (the order of the drill-down buttons)."""
    return sorted(comparison.verdicts, key=lambda v: (v.leader is None, -(v.first_level - v.second_level)))


def why_reply(verdict: Verdict, traits: dict[str, str], biggest: bool) -> Reply:
    """A "why?": the verdict again, then the authored reason or both profiles' texts side by side."""
    sentence = answers.verdict_sentence(verdict)
    reason = verdict.explanation if verdict.source == "authored" else None
    sides = [(role.name, traits.get(role.name, "")) for role in (verdict.first, verdict.second)]
    return Reply(wording.why(sentence, verdict.dimension, biggest, reason, sides), verdict=sentence)


def nothing_to_explain_reply() -> Reply:
    return Reply(wording.NOTHING_TO_EXPLAIN)


def comparison_replies(comparison: Comparison, related: Sequence[RelatedComparison]) -> list[Reply]:
    """One message: the short summary, then buttons to drill into the biggest differences and related pairs."""
    first, second = comparison.first.name, comparison.second.name
    ranked = ranked_verdicts(comparison)
    drill = tuple(compare_button(first, second, v.dimension.slug, v.dimension.name) for v in ranked[:DRILL_DOWN])
    text = summary.comparison_text(comparison)
    buttons = drill + related_buttons(related, None)
    closing = wording.DRILL_AND_RELATED if related else wording.DRILL_DOWN
    return [Reply(f"{text}\n{closing}", buttons, summary.comparison_verdict(comparison), "menu", closing)]


ReAsk = tuple[str, dict[str, str]]  # a one-role question again: its intent and other entities


def _re_ask(
    roles: Sequence[RoleInfo], partner: Optional[str], dimension: Optional[str], asked: Optional[ReAsk] = None
) -> list[Button]:
    """One button per role: the question again with that role (with ``partner``; else alone, as ``asked``: "what
    does a PM make?" asks the pay of the one picked), else its description."""
    buttons = []
    for suggestion in roles:
        if partner and partner != suggestion.name:
            buttons.append(compare_button(partner, suggestion.name, dimension, suggestion.name))
        elif asked is not None or dimension:
            intent, extra = asked or (question_intent(dimension), {})
            buttons.append(Button(suggestion.name, payload(intent, **{JOB_ROLE: suggestion.name, **extra})))
        else:
            buttons.append(Button(suggestion.name, payload(DESCRIBE, **{JOB_ROLE: suggestion.name})))
    return buttons


def ambiguous_reply(
    form: str, meant: Sequence[RoleInfo], partner: Optional[str], dimension: Optional[str],
    asked: Optional[ReAsk] = None,
) -> Reply:  # fmt: skip
    """A short form that names several roles ("PM"): ask which, each button re-asking with one of them."""
    return Reply(wording.which_meant(form, meant), tuple(_re_ask(meant, partner, dimension, asked)), offers="question")


def unknown_role_reply(
    problem: UnknownRole, partner: Optional[str], dimension: Optional[str], asked: Optional[ReAsk] = None
) -> Reply:
    """Name the words we did not recognise; each suggestion re-asks the question with that role."""
    buttons = _re_ask(problem.suggestions, partner, dimension, asked)
    text = answers.unknown_role_text(problem)
    if "/" in problem.query and len(problem.suggestions) == 2:  # a slash title naming two roles
        first, second = problem.suggestions
        text = wording.slash_title(problem.query, first, second)
    return Reply(text, tuple(buttons), offers="question")


def same_role_reply(problem: SameRole) -> Reply:
    return Reply(answers.same_role_text(problem))


def unknown_dimension_reply(problem: UnknownDimension) -> Reply:
    return Reply(answers.unknown_dimension_text(problem))


def problem_reply(problem: Union[UnknownRole, SameRole, UnknownDimension, UnknownFamily]) -> Reply:
    if isinstance(problem, UnknownFamily):
        return Reply(answers_rank.unknown_family_text(problem))
    if isinstance(problem, UnknownRole):
        return unknown_role_reply(problem, None, None)
    if isinstance(problem, SameRole):
        return same_role_reply(problem)
    return unknown_dimension_reply(problem)


def ask_which_reply(new: str, pair: Sequence[str], dimension: Optional[str]) -> Reply:
    buttons = tuple(compare_button(other, new, dimension) for other in pair)
    return Reply(wording.ask_which(new, (pair[0], pair[1])), buttons, offers="question")


def same_as_first_reply(first: str) -> Reply:
    return Reply(wording.same_as_first(first))


def neither_reply(pair: Optional[tuple[str, str]]) -> Reply:
    """A "neither" to the bot's own question: drop it, and say what the conversation is still about."""
    return Reply(wording.neither(pair))


def which_one_reply(pending: Pending) -> Reply:
    """A pick that matched none of the choices: ask the same question again with the same choices."""
    buttons = tuple(Button(c.title, c.payload) for c in pending.choices)
    return Reply(wording.which_one(pending.asked), buttons, offers="question")


def ask_roles_reply(
    first: Optional[RoleInfo], choices: Sequence[RoleInfo], dimension: Optional[DimensionInfo]
) -> Reply:
    """The form's question for a missing role, offering common roles as one-click answers."""
    buttons = tuple(Button(r.name, payload(INFORM, **{JOB_ROLE: r.name})) for r in choices)
    return Reply(wording.ask_roles(first, dimension), buttons, offers="question")


def guess_reply(roles: Sequence[RoleInfo], dimensions: Sequence[DimensionInfo]) -> Reply:
    """For a message we could not read that still names roles: the questions it most likely asked."""
    if len(roles) >= 2:
        first, second = roles[0], roles[1]
        buttons = (
            compare_button(first.name, second.name, None, wording.compare_pair(first, second)),
            *(compare_button(first.name, second.name, d.slug, question_title(d, first, second)) for d in dimensions),
        )
        return Reply(wording.not_sure_pair(first, second), buttons, offers="question")
    role = roles[0]
    into = payload(CAREER, **{JOB_ROLE: role.name, CAREER_DIRECTION: "into"})
    buttons = (
        Button(wording.what_does(role), payload(DESCRIBE, **{JOB_ROLE: role.name})),
        Button(wording.how_to_become(role), into),
        Button(wording.compare_with_another(role), payload(COMPARE, **{JOB_ROLE: role.name})),
    )
    return Reply(wording.not_sure(role), buttons, offers="question")


def ask_role_reply(question: str, choices: Sequence[RoleInfo], intent: str) -> Reply:
    buttons = tuple(Button(r.name, payload(intent, **{JOB_ROLE: r.name})) for r in choices)
    return Reply(question, buttons, offers="question")
