"""Every message the bot sends is shaped here: text plus buttons whose payloads re-ask the KB.

Wording about roles comes from the knowledge base (``kb.answers``); this module
only arranges it into messages.
"""

from __future__ import annotations

import json
from dataclasses import dataclass
from typing import Iterable, Literal, Optional, Sequence, Union

from rasa_sdk.executor import CollectingDispatcher

from actions.context import Choice, Pending
from actions.slots import CAREER, CAREER_DIRECTION, COMPARE, DESCRIBE, DIMENSION_INTENT_PREFIX, INFORM, JOB_FAMILY
from actions.slots import JOB_ROLE, LIST, PAGE
from kb import answers
from kb.results import (
    CareerPath,
    Comparison,
    DimensionInfo,
    RelatedComparison,
    RoleInfo,
    RoleProfile,
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


class Dispatcher(CollectingDispatcher):
    """A dispatcher that also remembers the last question sent with choices (the ``pending`` slot)."""

    def __init__(self) -> None:
        super().__init__()
        self.offered: Optional[Pending] = None


SLACK_TEXT_LIMIT = 3000
SLACK_BUTTON_TITLE_LIMIT = 75
SLACK_BUTTON_VALUE_LIMIT = 2000
SLACK_ACTIONS_PER_BLOCK = 25


def _slack_escape(text: str) -> str:
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;")


def slack_blocks(reply: Reply) -> list[dict]:
    """Block Kit layout: the verdict in bold, then the explanation, then every button."""
    text = _slack_escape(reply.text)
    if reply.verdict and reply.text.startswith(reply.verdict):
        verdict = _slack_escape(reply.verdict)
        text = f"*{verdict}*{text[len(verdict) :]}"
    blocks: list[dict] = [{"type": "section", "text": {"type": "mrkdwn", "text": text[:SLACK_TEXT_LIMIT]}}]
    elements = [
        {
            "type": "button",
            "text": {"type": "plain_text", "text": b.title[:SLACK_BUTTON_TITLE_LIMIT]},
            "value": b.payload[:SLACK_BUTTON_VALUE_LIMIT],
            "action_id": f"choice-{i}",
        }
        for i, b in enumerate(reply.buttons)
    ]
    for start in range(0, len(elements), SLACK_ACTIONS_PER_BLOCK):
        blocks.append({"type": "actions", "elements": elements[start : start + SLACK_ACTIONS_PER_BLOCK]})
    return blocks


def send(dispatcher: CollectingDispatcher, replies: Iterable[Reply]) -> None:
    """Each reply as one message. The verdict rides along for channels that can emphasise it (Slack
    lays the message out with ``slack_blocks``); it is the only extra, since every message is kept in
    the conversation's history and sent back to the action server on every turn."""
    for reply in replies:
        buttons = [{"title": b.title, "payload": b.payload} for b in reply.buttons]
        dispatcher.utter_message(text=reply.text, buttons=buttons or None, verdict=reply.verdict)
        if reply.offers and reply.buttons and isinstance(dispatcher, Dispatcher):
            choices = tuple(Choice(b.title, b.payload) for b in reply.buttons)
            earlier = dispatcher.offered
            if reply.offers == "menu" and earlier is not None and earlier.menu:
                dispatcher.offered = Pending(earlier.asked, earlier.choices + choices, menu=True)
            else:
                asked = reply.text.splitlines()[0]
                dispatcher.offered = Pending(asked, choices, menu=reply.offers == "menu")


def payload(intent: str, **entities: object) -> str:
    """A button payload that Rasa parses straight into an intent with entities, skipping NLU."""
    present = {k: v for k, v in entities.items() if v not in (None, [], "")}
    return f"/{intent}{json.dumps(present)}" if present else f"/{intent}"


def question_intent(dimension: Optional[str]) -> str:
    return f"{DIMENSION_INTENT_PREFIX}{dimension}" if dimension else COMPARE


def compare_button(first: str, second: str, dimension: Optional[str], title: Optional[str] = None) -> Button:
    return Button(title or f"{first} vs {second}", payload(question_intent(dimension), **{JOB_ROLE: [first, second]}))


def question_title(dimension: DimensionInfo, first: RoleInfo, second: RoleInfo) -> str:
    """An example question in the words a user would type ("Who is typically paid more: ...?")."""
    verb = dimension.more.removesuffix(" than")
    return f"Who {verb}: {first.with_article} or {second.with_article}?"


def related_reply(related: Sequence[RelatedComparison], dimension: Optional[str]) -> list[Reply]:
    if not related:
        return []
    buttons = tuple(compare_button(r.first.name, r.second.name, dimension) for r in related)
    return [Reply("Related comparisons:", buttons, offers="menu")]


def verdict_replies(verdict: Verdict, related: Sequence[RelatedComparison]) -> list[Reply]:
    text = answers.verdict_text(verdict)
    return [Reply(text, verdict=answers.verdict_sentence(verdict)), *related_reply(related, verdict.dimension.slug)]


def ranked_verdicts(comparison: Comparison) -> list[Verdict]:
    """The comparison's verdicts, biggest difference first (the order of the drill-down buttons)."""
    return sorted(comparison.verdicts, key=lambda v: (v.leader is None, -(v.first_level - v.second_level)))


def why_reply(verdict: Verdict, traits: dict[str, str], biggest: bool) -> Reply:
    """A "why?": the verdict again, then the authored reason or both profiles' texts side by side."""
    sentence = answers.verdict_sentence(verdict)
    opening = f"The biggest difference is {verdict.dimension.name.lower()}. {sentence}" if biggest else sentence
    if verdict.source == "authored":
        return Reply(f"{opening} Why: {verdict.explanation}", verdict=sentence)
    sides = [f"- {role.name}: {traits.get(role.name) or '(no details)'}" for role in (verdict.first, verdict.second)]
    return Reply("\n".join([f"{opening} Here is how the two profiles put it:", *sides]), verdict=sentence)


def nothing_to_explain_reply() -> Reply:
    return Reply(
        "I explain my answers once I've given one. Ask me to compare two roles first, for example "
        '"who has more budget authority, a buyer or a plant manager?", then ask "why?".'
    )


def comparison_replies(comparison: Comparison, related: Sequence[RelatedComparison]) -> list[Reply]:
    """The short summary, buttons to drill into the biggest differences, then related pairs."""
    first, second = comparison.first.name, comparison.second.name
    ranked = ranked_verdicts(comparison)
    drill = tuple(compare_button(first, second, v.dimension.slug, v.dimension.name) for v in ranked[:DRILL_DOWN])
    text = answers.comparison_text(comparison)
    return [Reply(text, drill, verdict=text.splitlines()[0], offers="menu"), *related_reply(related, None)]


def unknown_role_reply(problem: UnknownRole, partner: Optional[str], dimension: Optional[str]) -> Reply:
    """Name the words we did not recognise; each suggestion re-asks the question with that role."""
    buttons = []
    for suggestion in problem.suggestions:
        if partner and partner != suggestion.name:
            buttons.append(compare_button(partner, suggestion.name, dimension, suggestion.name))
        else:
            buttons.append(Button(suggestion.name, payload(DESCRIBE, **{JOB_ROLE: suggestion.name})))
    text = answers.unknown_role_text(problem)
    if "/" in problem.query and len(problem.suggestions) == 2:  # a slash title naming two roles
        first, second = problem.suggestions
        text = f'By "{problem.query.strip()}", do you mean the {first.name} or the {second.name}?'
    return Reply(text, tuple(buttons), offers="question")


def same_role_reply(problem: SameRole) -> Reply:
    return Reply(answers.same_role_text(problem))


def unknown_dimension_reply(problem: UnknownDimension) -> Reply:
    return Reply(answers.unknown_dimension_text(problem))


def problem_reply(problem: Union[UnknownRole, SameRole, UnknownDimension]) -> Reply:
    if isinstance(problem, UnknownRole):
        return unknown_role_reply(problem, None, None)
    if isinstance(problem, SameRole):
        return same_role_reply(problem)
    return unknown_dimension_reply(problem)


def ask_which_reply(new: str, pair: Sequence[str], dimension: Optional[str]) -> Reply:
    buttons = tuple(compare_button(other, new, dimension) for other in pair)
    return Reply(f"Should I compare the {new} with the {pair[0]} or with the {pair[1]}?", buttons, offers="question")


def same_as_first_reply(first: str) -> Reply:
    return Reply(f"We already have the {first}. Name a different role to compare it with.")


def neither_reply(pair: Optional[tuple[str, str]]) -> Reply:
    """A "neither" to the bot's own question: drop it, and say what the conversation is still about."""
    if pair:
        return Reply(f"OK, neither. We're still on the {pair[0]} and the {pair[1]}: ask about another role any time.")
    return Reply("OK, neither. Ask me about any two roles, or say \"list roles\" to see the ones I know.")


def which_one_reply(pending: Optional[Pending]) -> Reply:
    """A pick that matched none of the choices: ask the same question again with the same choices."""
    if pending is None:
        return Reply("I haven't offered any choices just now. Ask me about any two roles, "
                     "or say \"list roles\" to see the ones I know.")  # fmt: skip
    buttons = tuple(Button(c.title, c.payload) for c in pending.choices)
    return Reply(f"Sorry, which one? {pending.asked}", buttons, offers="question")


def ask_roles_reply(
    first: Optional[RoleInfo], choices: Sequence[RoleInfo], dimension: Optional[DimensionInfo]
) -> Reply:
    """The form's question for a missing role, offering common roles as one-click answers."""
    buttons = tuple(Button(r.name, payload(INFORM, **{JOB_ROLE: r.name})) for r in choices)
    topic = f" on {dimension.name.lower()}" if dimension else ""
    if first is None:
        return Reply(f"Which two roles should I compare{topic}? Pick one or type both.", buttons, offers="question")
    return Reply(f"Which role should I compare the {first.name} with{topic}?", buttons, offers="question")


def profile_replies(profile: RoleProfile) -> list[Reply]:
    role = profile.role.name
    buttons = []
    if profile.reports_to:
        buttons.append(compare_button(role, profile.reports_to.name, None, f"Compare with {profile.reports_to.name}"))
    buttons.append(
        Button(
            f"How do I become {profile.role.with_article}?",
            payload(CAREER, **{JOB_ROLE: role, CAREER_DIRECTION: "into"}),
        )
    )
    if profile.next_roles:
        buttons.append(
            Button(f"What comes after {role}?", payload(CAREER, **{JOB_ROLE: role, CAREER_DIRECTION: "after"}))
        )
    return [Reply(answers.profile_text(profile), tuple(buttons), offers="menu")]


def families_reply(groups: Sequence[tuple[str, Sequence[RoleInfo]]]) -> Reply:
    total = sum(len(roles) for _, roles in groups)
    text = f"I know {total} roles in {len(groups)} job families:\n" + answers.role_list_text(
        [(family, tuple(roles)) for family, roles in groups]
    )
    buttons = tuple(
        Button(f"{family} ({len(roles)})", payload(LIST, **{JOB_FAMILY: family})) for family, roles in groups
    )
    return Reply(text, buttons, offers="question")


def family_page_reply(family: str, roles: Sequence[RoleInfo], page: int) -> Reply:
    """One page of a family's roles as buttons that describe each role, with a link to the next page."""
    pages = max(1, -(-len(roles) // PAGE_SIZE))
    page = min(max(page, 1), pages)
    shown = roles[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    buttons = [Button(r.name, payload(DESCRIBE, **{JOB_ROLE: r.name})) for r in shown]
    if page < pages:
        buttons.append(Button("More roles", payload(LIST, **{JOB_FAMILY: family, PAGE: page + 1})))
    suffix = f" (page {page} of {pages})" if pages > 1 else ""
    return Reply(f"{family}{suffix}: pick a role to learn more.", tuple(buttons), offers="question")


def career_path_replies(path: CareerPath, from_current: bool = False) -> list[Reply]:
    buttons = []
    if path.found:
        for earlier, later in zip(path.steps, path.steps[1:], strict=False):
            buttons.append(compare_button(later.name, earlier.name, None))
    text = answers.career_path_text(path)
    if from_current and path.found:
        text = f"From your role as {path.start.with_article}: {text[:1].lower()}{text[1:]}"
    return [Reply(text, tuple(buttons[:PAGE_SIZE]), offers="menu")]


def _short(verdict: Verdict) -> str:
    """One difference in a few words ("more budget authority")."""
    return verdict.dimension.more.removesuffix(" than")


def with_moves(reply: Reply, moves: Sequence[tuple[RoleInfo, RoleInfo, Sequence[Verdict]]]) -> Reply:
    """A route's reply with each move's top differences under it."""
    lines = [reply.text]
    for earlier, later, verdicts in moves:
        leading = [v for v in verdicts if v.leader is not None and v.leader.name == later.name]
        if leading:
            changes = f"the {later.name} " + "; ".join(_short(v) for v in leading)
        elif verdicts:  # a sideways or downward move: say who leads on what
            changes = "; ".join(f"the {v.leader.name} {_short(v)}" for v in verdicts if v.leader is not None)
        else:
            changes = "about the same on every dimension"
        lines.append(f"- {earlier.name} -> {later.name}: {changes}.")
    return Reply("\n".join(lines), reply.buttons, reply.verdict, reply.offers)


def career_change_reply(
    start: RoleInfo,
    family: str,
    path: Optional[CareerPath],
    moves: Sequence[tuple[RoleInfo, RoleInfo, Sequence[Verdict]]],
    from_current: bool,
    across: Optional[RoleInfo] = None,
) -> Reply:
    """A move into another job family: the route to its nearest role, each step with what changes;
    without a route, says so and names the family's role at the closest level (``across``)."""
    who = f"your role as {start.with_article}" if from_current else f"{start.with_article}"
    family_button = Button(f"{family} roles", payload(LIST, **{JOB_FAMILY: family}))
    if path is None:
        text = f"I know of no typical route from {who} into {family.lower()} in my career map."
        if across is None:
            return Reply(text, (family_button,), offers="menu")
        sideways = Reply(
            f"{text} The closest role there by level is the {across.name}, a sideways move.",
            (compare_button(across.name, start.name, None, f"{start.name} vs {across.name}"), family_button),
            offers="menu",
        )
        return with_moves(sideways, moves)
    steps = " -> ".join(r.name for r in path.steps)
    moves_count = len(path.steps) - 1
    text = (
        f"From {who} into {family.lower()}: the nearest role is the {path.goal.name}, "
        f"{moves_count} move{'s' * (moves_count != 1)} away: {steps}."
    )
    buttons = tuple(compare_button(later.name, earlier.name, None) for earlier, later, _ in moves[:PAGE_SIZE])
    return with_moves(Reply(text, buttons, offers="menu"), moves)


def no_route_from_current_reply(start: RoleInfo, goal: RoleInfo, sources: Sequence[RoleInfo]) -> Reply:
    ways = entry_roles_reply(goal, sources)
    text = f"I know of no typical route from your role as {start.with_article} to {goal.with_article}. {ways.text}"
    return Reply(text, ways.buttons, offers="menu")


def about_me_reply(
    current: RoleInfo, next_roles: Sequence[RoleInfo], moves: Sequence[tuple[RoleInfo, RoleInfo, Sequence[Verdict]]]
) -> Reply:
    """For someone who said what they do: where that role leads and what changes with the next step."""
    if not next_roles:
        text = (f"Noted: you're {current.with_article}, at the top of its career ladder in my map. "
                "Ask me to compare it with any role, or how to move into another field.")  # fmt: skip
        return Reply(text, (Button("Which roles do you know?", payload(LIST)),), offers="menu")
    names = ", ".join(r.name for r in next_roles)
    step = next_roles[0]
    lines = [f"Noted: you're {current.with_article}. Typical next roles: {names}."]
    for _earlier, later, verdicts in moves:
        leading = [_short(v) for v in verdicts if v.leader is not None and v.leader.name == later.name]
        if leading:
            changes = "; ".join(leading)
            lines.append(f"Moving up to {later.with_article}, the biggest changes: the {later.name} {changes}.")
    lines.append("Ask me how to become any role and I'll start from yours.")
    buttons = (
        compare_button(step.name, current.name, None, f"{current.name} vs {step.name}"),
        Button(f"What comes after {step.name}?", payload(CAREER, **{JOB_ROLE: step.name, CAREER_DIRECTION: "after"})),
        *(Button(f"How do I become {r.with_article}?", payload(CAREER, **{JOB_ROLE: r.name, CAREER_DIRECTION: "into"}))
          for r in next_roles[1:3]),
    )  # fmt: skip
    return Reply("\n".join(lines), buttons, offers="menu")


def ask_current_role_reply(choices: Sequence[RoleInfo]) -> Reply:
    buttons = tuple(Button(r.name, payload("state_role", **{JOB_ROLE: r.name})) for r in choices)
    return Reply("What's your current role? Pick the closest or type it.", buttons, offers="question")


def how_long_reply(role: RoleInfo, experience: str) -> Reply:
    """How long it takes to become ``role``: the experience its profile asks for."""
    if not experience:
        return Reply(f"I have no experience figures for the {role.name}.")
    return Reply(f"To become {role.with_article}: {experience}")


def entry_roles_reply(goal: RoleInfo, sources: Sequence[RoleInfo]) -> Reply:
    if not sources:
        return Reply(f"The {goal.name} is usually an entry point: people join it without a typical previous role.")
    names = ", ".join(s.name for s in sources)
    buttons = tuple(compare_button(goal.name, s.name, None, f"{s.name} vs {goal.name}") for s in sources[:PAGE_SIZE])
    return Reply(f"People usually become {goal.with_article} after working as: {names}.", buttons, offers="menu")


def next_roles_reply(role: RoleInfo, targets: Sequence[RoleInfo], from_current: bool = False) -> Reply:
    if not targets:
        return Reply(f"The {role.name} is at the top of its career ladder in my map.")
    names = ", ".join(t.name for t in targets)
    buttons = tuple(compare_button(t.name, role.name, None) for t in targets[:PAGE_SIZE])
    who = f"your role as {role.with_article}" if from_current else role.with_article
    return Reply(f"After {who}, typical next roles are: {names}.", buttons, offers="menu")


def guess_reply(roles: Sequence[RoleInfo], dimensions: Sequence[DimensionInfo]) -> Reply:
    """For a message we could not read that still names roles: the questions it most likely asked."""
    if len(roles) >= 2:
        first, second = roles[0], roles[1]
        buttons = (
            compare_button(first.name, second.name, None, f"Compare {first.with_article} and {second.with_article}"),
            *(compare_button(first.name, second.name, d.slug, question_title(d, first, second)) for d in dimensions),
        )
        return Reply(f"I'm not sure what you'd like to know about the {first.name} and the {second.name}. Pick one:",
                     buttons, offers="question")  # fmt: skip
    role = roles[0]
    into = payload(CAREER, **{JOB_ROLE: role.name, CAREER_DIRECTION: "into"})
    buttons = (
        Button(f"What does {role.with_article} do?", payload(DESCRIBE, **{JOB_ROLE: role.name})),
        Button(f"How do I become {role.with_article}?", into),
        Button(f"Compare {role.with_article} with another role", payload(COMPARE, **{JOB_ROLE: role.name})),
    )
    return Reply(f"I'm not sure what you'd like to know about the {role.name}. Pick one:", buttons, offers="question")


def ask_role_reply(question: str, choices: Sequence[RoleInfo], intent: str) -> Reply:
    buttons = tuple(Button(r.name, payload(intent, **{JOB_ROLE: r.name})) for r in choices)
    return Reply(question, buttons, offers="question")
