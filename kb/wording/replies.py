"""Every sentence and button title the bot says of its own: the action server's replies and the
channels' (apologies, refusals, limits), in one place.

``actions.render`` arranges these into messages (text, buttons, the verdict to emphasise);
``channels/`` sends the fixed ones below as they are. The wording of query results (verdicts,
comparisons, profiles, routes, pay) is the rest of this package (``kb.wording.answers``, ...),
which the command-line interface prints too. The only other words are ``domain.yml``'s static
responses (``utter_*``: goodbye, thanks, the form's questions), which Rasa sends itself.
"""

from __future__ import annotations

from typing import Optional, Sequence

from kb.wording.answers import moves_count
from kb.results import DimensionInfo, RoleInfo, Verdict
from kb.text import indefinite_article, series

RELATED = "Related comparisons:"
DRILL_DOWN = "Look closer at one difference:"
DRILL_AND_RELATED = "Look closer at one difference, or try a related comparison:"
LIST_ROLES = "Which roles do you know?"
ASK_DESCRIBE = "Which role would you like to know about?"
ASK_EDUCATION = "Which role would you like to know the education and certifications of?"
ASK_GOAL = "Which role are you aiming for?"
ASK_CURRENT = "What's your current role? Pick the closest or type it."
ASK_WHERE_FROM = (
    "Which jobs suit you depends on where you start. Tell me what you do now (\"I'm a nurse\", \"I drive a "
    "truck\", \"I'm a warehouse associate\") and I'll show the operations jobs people from there usually move "
    "into, what transfers and a first step."
)
NOTHING_TO_EXPLAIN = (
    "I explain my answers once I've given one. Ask me to compare two roles first, for example "
    '"who has more budget authority, a buyer or a plant manager?", then ask "why?".'
)
MORE_ROLES = "More roles"
NEITHER = 'OK, neither. Ask me about any two roles, or say "list roles" to see the ones I know.'
UNKNOWN_ASPECT = "I can't tell which part of the job you're asking about, and I may not compare it."
STATED_NEXT = "Ask me how to become any role and I'll start from yours."
OUTSIDE_US = "I have US figures only, not for {place}: these are the US national figures (BLS OEWS)."
US_NAMESAKE = 'A US area has that name too ({areas}): for its figures, name the state, e.g. "{example}".'
WHICH_PLACE = 'Which "{place}" do you mean: {areas}? Reply with the one you mean.'


def vs(first: str, second: str) -> str:
    return f"{first} vs {second}"


def on_dimension(dimension: DimensionInfo, first: str, second: str) -> str:
    """A short example title for one dimension ("Compensation: Buyer vs Plant Manager")."""
    return f"{dimension.name}: {vs(first, second)}"


def question_title(dimension: DimensionInfo, first: RoleInfo, second: RoleInfo) -> str:
    """An example question in the words a user would type ("Who is typically paid more: ...?")."""
    verb = dimension.more.removesuffix(" than")
    return f"Who {verb}: {first.with_article} or {second.with_article}?"


def short_difference(verdict: Verdict) -> str:
    """One difference in a few words ("has more budget authority")."""
    return verdict.dimension.more.removesuffix(" than")


def why(sentence: str, dimension: DimensionInfo, biggest: bool, reason: Optional[str],
        sides: list[tuple[str, str]]) -> str:  # fmt: skip
    """A "why?": the verdict again, then the authored reason or both profiles side by side."""
    opening = f"The biggest difference is {dimension.name.lower()}. {sentence}" if biggest else sentence
    if reason is not None:
        return f"{opening} Why: {reason}"
    lines = [f"- {name}: {text or '(no details)'}" for name, text in sides]
    return "\n".join([f"{opening} Here is how the two profiles put it:", *lines])


def already_compared(said: str, role: RoleInfo, pair: tuple[str, str]) -> str:
    """ "What about an area manager?" while the District Manager is compared: what that name is here."""
    compared = vs(*pair)
    if said.lower() == role.name.lower():
        return f"The {role.name} is already in this comparison ({compared}). Related comparisons:"
    return (f"{indefinite_article(said).capitalize()} {said} is what I call {role.with_article}, already in this "
            f"comparison ({compared}). Related comparisons:")  # fmt: skip


def ask_which(new: str, pair: tuple[str, str]) -> str:
    return f"Should I compare the {new} with the {pair[0]} or with the {pair[1]}?"


def same_as_first(first: str) -> str:
    return f"We already have the {first}. Name a different role to compare it with."


def neither(pair: Optional[tuple[str, str]]) -> str:
    if pair:
        return f"OK, neither. We're still on the {pair[0]} and the {pair[1]}: ask about another role any time."
    return NEITHER


def which_one(asked: str) -> str:
    return f"Sorry, which one? {asked}"


def ask_roles(first: Optional[RoleInfo], dimension: Optional[DimensionInfo]) -> str:
    topic = f" on {dimension.name.lower()}" if dimension else ""
    if first is None:
        return f"Which two roles should I compare{topic}? Pick one or type both."
    return f"Which role should I compare the {first.name} with{topic}?"


def slash_title(query: str, first: RoleInfo, second: RoleInfo) -> str:
    return f'By "{query.strip()}", do you mean the {first.name} or the {second.name}?'


def compare_with(name: str) -> str:
    return f"Compare with {name}"


def how_to_become(role: RoleInfo) -> str:
    return f"How do I become {role.with_article}?"


def what_comes_after(name: str) -> str:
    return f"What comes after {name}?"


def families(total: int, count: int) -> str:
    return f"I know {total} roles in {count} job families:"


def family_button(family: str, count: int) -> str:
    return f"{family} ({count})"


def family_page(family: str, page: int, pages: int) -> str:
    suffix = f" (page {page} of {pages})" if pages > 1 else ""
    return f"{family}{suffix}: pick a role to learn more."


def from_your_role(start: RoleInfo, goal: RoleInfo, steps: Sequence[RoleInfo]) -> str:
    """A route's intro line for someone who said what they do."""
    return f"From your role as {start.with_article}, a typical route to {goal.name} takes {moves_count(steps)}:"


def leader_changes(leader: str, differences: list[str]) -> str:
    """Who leads on what ("the Buyer has a broader scope and needs a broader skill set")."""
    listed = differences[0] if len(differences) == 1 else ", ".join(differences[:-1]) + " and " + differences[-1]
    return f"the {leader} {listed}"


SAME_EVERYWHERE = "about the same on every dimension"


def who(start: RoleInfo, from_current: bool) -> str:
    return f"your role as {start.with_article}" if from_current else start.with_article


def no_route_into(who_text: str, family: str) -> str:
    return f"I know of no typical route from {who_text} into {family.lower()} in my career map."


def sideways(no_route: str, across: RoleInfo) -> str:
    return f"{no_route} The closest role there by level is the {across.name}, a sideways move."


def family_roles(family: str) -> str:
    return f"{family} roles"


def route_into(who_text: str, family: str, goal: RoleInfo, steps: Sequence[RoleInfo]) -> str:
    return f"From {who_text} into {family.lower()}: the nearest role is the {goal.name}, {moves_count(steps)} away:"


def no_route_from_current(start: RoleInfo, goal: RoleInfo, ways: str) -> str:
    return f"I know of no typical route from your role as {start.with_article} to {goal.with_article}. {ways}"


def stated_top(current: RoleInfo) -> str:
    return (f"Noted: you're {current.with_article}, at the top of its career ladder in my map. "
            "Ask me to compare it with any role, or how to move into another field.")  # fmt: skip


def stated(current: RoleInfo, next_names: list[str]) -> str:
    return f"Noted: you're {current.with_article}. Typical next roles: {', '.join(next_names)}."


def moving_up(later: RoleInfo, changes: str) -> str:
    return f"Moving up to {later.with_article}, the biggest changes: the {later.name} {changes}."


def how_long(role: RoleInfo, experience: str) -> str:
    if not experience:
        return f"I have no experience figures for the {role.name}."
    return f"To become {role.with_article}: {experience}"


def entry_point(goal: RoleInfo) -> str:
    return f"The {goal.name} is usually an entry point: people join it without a typical previous role."


def ways_in(goal: RoleInfo, names: list[str]) -> str:
    return f"People usually become {goal.with_article} after working as: {', '.join(names)}."


def top_of_ladder(role: RoleInfo) -> str:
    return f"The {role.name} is at the top of its career ladder in my map."


def next_roles(who_text: str, names: list[str]) -> str:
    return f"After {who_text}, typical next roles are: {', '.join(names)}."


def compare_pair(first: RoleInfo, second: RoleInfo) -> str:
    return f"Compare {first.with_article} and {second.with_article}"


def not_sure_pair(first: RoleInfo, second: RoleInfo) -> str:
    return f"I'm not sure what you'd like to know about the {first.name} and the {second.name}. Pick one:"


def not_sure(role: RoleInfo) -> str:
    return f"I'm not sure what you'd like to know about the {role.name}. Pick one:"


def what_does(role: RoleInfo) -> str:
    return f"What does {role.with_article} do?"


def compare_with_another(role: RoleInfo) -> str:
    return f"Compare {role.with_article} with another role"


def aspect(says: str, nearest: Optional[DimensionInfo], compared: list[DimensionInfo]) -> str:
    """A plain answer to a question about something Rolewise doesn't compare: ``says`` (from the KB),
    the nearest dimension it does compare, then the list of what it compares."""
    opening = f"{says} The nearest I can compare is {nearest.name.lower()}." if nearest else says
    return f"{opening}\nI compare roles on: {series([d.name.lower() for d in compared], 'and')}."


def read_as(readings: Sequence[tuple[str, str]]) -> str:
    """How titles typed with a slip were read: 'I read "dispatchr" as Dispatcher.'"""
    return "I read " + series([f'"{typed}" as {role}' for typed, role in readings], "and") + "."


def not_the_same(verdict: str) -> str:  # "is X the same as Y?" answered at the end of a full comparison's verdict
    return f"{verdict.rstrip('.')}, so no, they are not the same job."


def which_part(first: str, second: str) -> str:
    """ "Who has more, a warehouse manager or a logistics manager?" asked back: more of what, for this pair."""
    a, b = (f"{indefinite_article(name)} {name}" for name in (first, second))
    return f"More of what? Pick what to compare {a} and {b} on:"


def which_meant(form: str, meant: Sequence[RoleInfo]) -> str:
    """ "By "PM", do you mean a Project Manager, a Production Manager or a Plant Manager?" """
    return f'By "{form}", do you mean {series([r.with_article for r in meant], "or")}?'

PAY_DETAIL = "Full BLS pay figures"
NO_PAY_DETAIL = "I have no BLS pay figures for that. Ask me who earns more between two roles first."


# Fixed replies, sent as they are.
GREETING = "Hi! I compare operations roles and explain career paths. Try one:"
HELP = (
    'Ask me to compare two roles on one dimension ("who earns more, a buyer or a procurement manager?") '
    'or overall ("head of ops vs ops manager"). Then follow up: "what about crisis management?", '
    '"and a facilities manager instead?", "tell me more". I can also describe a role, list the roles '
    "I know, and show career paths. For example:"
)
OUT_OF_SCOPE = (
    "That's outside what I can help with: I compare operations roles and explain career paths. For example:"
)
NOT_UNDERSTOOD = "Sorry, I didn't quite get that. I compare operations roles dimension by dimension. You could ask:"
ENGLISH_ONLY = "Sorry, I read English only. I compare operations roles dimension by dimension. You could ask:"
HELPFUL_TITLE, NOT_HELPFUL_TITLE = "Helpful", "Not helpful"
FEEDBACK_QUESTION = "Was this helpful?"  # Slack's context line above the two buttons
FEEDBACK_THANKS = {
    True: "Thanks, glad it helped.",
    False: "Thanks for telling me. I've noted it so that this answer can be improved.",
}
FEEDBACK_REFUSED = "I can only take feedback on an answer I gave you in this conversation."
FEEDBACK_ALREADY = "I've already noted what you thought of that answer, so I'm keeping that."
ASK_PAY_MIX = "Which role's pay mix (salary, bonus, equity) would you like?"
KB_UNAVAILABLE = "Sorry, I can't reach my knowledge base right now. Please try again in a moment."
EMPTY = 'I didn\'t get any text. Ask me to compare two roles, for example "head of ops vs ops manager".'
APOLOGY = "Sorry, something went wrong on my side and I couldn't answer that. Please try again in a moment."
SLOW = "Sorry, that is taking me longer than it should. Please try again in a moment."
TYPED_COMMAND = (
    "Typed commands such as /{name} are not used here. To start over, type /restart; otherwise "
    'just ask your next question, for example "head of ops vs ops manager" or "what does a buyer do?".'
)
LONG_MESSAGE = (
    "Your message was long ({length:,} characters), so I read its beginning and its end, {limit:,} characters "
    "in all. If I missed your question, send it again on its own."
)
NO_SESSION = "I lost track of this chat. Please reload the page to start again."
METADATA_REFUSED = (
    "I could not read that message: the data sent with it is too large or too deeply nested "
    "(at most {max_bytes} bytes of JSON, {max_depth} levels). Please send it again without it."
)
WRONG_SHAPE = 'I could not read that message. Send {"message": "your question", "session_id": "..."}.'
