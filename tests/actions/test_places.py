"""Pay questions about a place, corrections and two-part questions, answered by the actions over the
real content and the real OEWS wage data (``make kb`` fetches it under ``build/oews/``)."""

from __future__ import annotations

from collections.abc import Iterator
from typing import Any

import pytest
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.engine import Engine

from actions.careers import ActionCareerPath
from actions.compare import ActionAnswerQuestion
from actions.education import ActionEducation
from actions.help import ActionHelp
from actions.knowledge import KnowledgeBase
from actions.roles import ActionDescribeRole
from actions.slots import DIMENSION, FOCUS_ROLE, ROLE_A, ROLE_B
from kb.content.load import Content
from kb.wages.fetch import ensure_wage_data
from kb.wages.load import load_wages
from tests.actions.conftest import make_tracker, slot_events, texts
from tests.conftest import in_memory


@pytest.fixture(scope="module")
def real(content: Content) -> Iterator[KnowledgeBase]:
    wage_data = ensure_wage_data()
    engine: Engine = in_memory(content)
    load_wages(engine, wage_data.database, wage_data.manifest["database_sha256"], content)
    yield KnowledgeBase(engine)
    engine.dispose()


async def said(action: Any, tracker: Any, domain: dict) -> tuple[list[str], dict[str, Any]]:
    dispatcher = CollectingDispatcher()
    events = await action.run(dispatcher, tracker, domain)
    return texts(dispatcher), slot_events(events)


def last_line(text: str) -> str:
    return text.strip().splitlines()[-1]


async def test_pay_of_one_role_in_a_state_unclear_to_nlu(real, domain) -> None:
    text = "what does an operations supervisor make in Illinois?"
    tracker = make_tracker(text, "nlu_fallback", roles=("operations supervisor",))
    replies, _ = await said(ActionHelp(real), tracker, domain)
    assert last_line(replies[0]) == "Source: US BLS OEWS, May 2025 (Illinois), annual wages."


async def test_pay_around_a_city_reads_its_metro_area(real, domain) -> None:
    tracker = make_tracker(
        "operations supervisor pay around Phoenix", "ask_compensation", roles=("operations supervisor",)
    )
    replies, _ = await said(ActionAnswerQuestion(real), tracker, domain)
    assert last_line(replies[0]) == "Source: US BLS OEWS, May 2025 (Phoenix-Mesa-Chandler, AZ), annual wages."


async def test_a_place_alone_follows_up_on_the_pair(real, domain) -> None:
    slots = {ROLE_A: "Buyer", ROLE_B: "Procurement Manager"}
    replies, _ = await said(ActionHelp(real), make_tracker("and in Texas?", "nlu_fallback", slots=slots), domain)
    assert "Source: US BLS OEWS, May 2025 (Texas), annual wages." in replies[0]


async def test_a_place_outside_the_us_is_said_to_have_no_figures(real, domain) -> None:
    tracker = make_tracker("what does a buyer earn in the UK?", "ask_compensation", roles=("buyer",))
    replies, _ = await said(ActionAnswerQuestion(real), tracker, domain)
    assert replies[0] == "I have US figures only, not for the UK: these are the US national figures (BLS OEWS)."
    assert last_line(replies[1]) == "Source: US BLS OEWS, May 2025 (national), annual wages."
    assert len(replies) == 2


async def test_a_place_shared_by_several_areas_is_asked_back(real, domain) -> None:
    tracker = make_tracker("buyer salary in Portland?", "ask_compensation", roles=("buyer",))
    replies, _ = await said(ActionAnswerQuestion(real), tracker, domain)
    assert replies == [
        'Which "Portland" do you mean: Portland-South Portland, ME; Portland-Vancouver-Hillsboro, OR-WA? '
        "Reply with the one you mean."
    ]


async def test_a_correction_replaces_the_role_it_turns_down(real, domain) -> None:
    text = "no, not the COO, I meant the VP of operations"
    slots = {ROLE_A: "Chief Operating Officer", ROLE_B: "Supply Chain Director"}
    tracker = make_tracker(text, "inform", roles=("COO", "VP of operations"), slots=slots)
    _, events = await said(ActionAnswerQuestion(real), tracker, domain)
    assert (events[ROLE_A], events.get(ROLE_B, slots[ROLE_B])) == ("VP of Operations", "Supply Chain Director")


async def test_a_career_and_an_education_question_both_get_answers(real, domain) -> None:
    text = "how do I become a plant manager, and do I need a degree?"
    for action in (ActionEducation(real), ActionCareerPath(real)):
        replies, _ = await said(action, make_tracker(text, "education", roles=("plant manager",)), domain)
        assert [reply.split(":")[0].split(",")[0] for reply in replies] == [
            "People usually become a Plant Manager after working as",
            "A Plant Manager usually has a bachelor's degree",
        ]


async def test_a_place_in_a_question_on_another_dimension_changes_nothing(real, domain) -> None:
    text = "who has more budget authority, a Senior Operations Manager (Leeds) or a Jr. Buyer?"
    tracker = make_tracker(text, "ask_budget", roles=("Senior Operations Manager", "Buyer"))
    replies, _ = await said(ActionAnswerQuestion(real), tracker, domain)
    assert replies[0].startswith("The Operations Manager has more budget authority than a Buyer.")


async def test_a_place_alone_follows_up_on_the_role_in_focus(real, domain) -> None:
    slots = {FOCUS_ROLE: "Logistics Manager"}  # after "how much does a logistics manager make in Ohio?"
    replies, _ = await said(ActionHelp(real), make_tracker("and in Texas?", "nlu_fallback", slots=slots), domain)
    assert replies[0].startswith("A Logistics Manager earns")
    assert last_line(replies[0]) == "Source: US BLS OEWS, May 2025 (Texas), annual wages."


async def test_one_role_and_a_place_after_a_pair_gets_that_roles_pay(real, domain) -> None:
    slots = {ROLE_A: "Chief Operating Officer", ROLE_B: "VP of Operations"}
    text = "how much does an ops manager make in Texas"
    tracker = make_tracker(text, "ask_compensation", roles=("ops manager",), slots=slots)
    replies, _ = await said(ActionAnswerQuestion(real), tracker, domain)
    assert replies[0].startswith("An Operations Manager")
    assert last_line(replies[0]) == "Source: US BLS OEWS, May 2025 (Texas), annual wages."


async def test_a_reply_naming_one_of_the_places_asked_back_answers_the_question(real, domain) -> None:
    asked = make_tracker("what does an ops manager earn in portland", "ask_compensation", roles=("ops manager",))
    replies, slots = await said(ActionAnswerQuestion(real), asked, domain)
    assert replies[0].startswith('Which "Portland" do you mean: ')
    assert slots[FOCUS_ROLE] == "Operations Manager"
    for reply in ("portland, OR", "Portland Oregon", "Portland, Oregon"):
        for intent, action in (("nlu_fallback", ActionHelp(real)), ("inform", ActionAnswerQuestion(real))):
            replies, _ = await said(action, make_tracker(reply, intent, slots=slots), domain)
            assert replies[0].startswith("An Operations Manager earns"), (reply, intent)
            assert last_line(replies[0]) == (
                "Source: US BLS OEWS, May 2025 (Portland-Vancouver-Hillsboro, OR-WA), annual wages."
            )


async def test_a_place_with_its_state_picks_the_area_in_that_state(real, domain) -> None:
    asked = "what does an ops manager earn in Fayetteville"
    for text, area in ((f"{asked} NC", "Fayetteville, NC"), (f"{asked}, AR", "Fayetteville-Springdale-Rogers, AR")):
        tracker = make_tracker(text, "ask_compensation", roles=("ops manager",))
        replies, _ = await said(ActionAnswerQuestion(real), tracker, domain)
        assert last_line(replies[0]) == f"Source: US BLS OEWS, May 2025 ({area}), annual wages."


@pytest.mark.parametrize(
    ("text", "named"),
    [("whats a dispatcher paid in NSW", "NSW"), ("what does a dispatcher earn in Brisbane", "Brisbane"),
     ("what does a dispatcher earn in Sydney", "Sydney"), ("what does a dispatcher earn in London", "London")],
)  # fmt: skip
async def test_outside_the_us_the_note_comes_first_and_names_the_place(real, domain, text: str, named: str) -> None:
    tracker = make_tracker(text, "ask_compensation", roles=("dispatcher",))
    replies, _ = await said(ActionAnswerQuestion(real), tracker, domain)
    assert replies[0] == f"I have US figures only, not for {named}: these are the US national figures (BLS OEWS)."
    assert replies[1].startswith("A Dispatcher is paid")
    assert last_line(replies[1]) == "Source: US BLS OEWS, May 2025 (national), annual wages."


STORE_MANAGER_IN_TWO_PLACES = [  # where it pays more first, then each place's figures and one source line
    "A Store Manager is typically paid more in San Francisco-Oakland-Fremont, CA than in Ohio: about 20% more, "
    "comparing the middle of its typical pay range in each.",
    "In San Francisco-Oakland-Fremont, CA: typically in the top quarter, $70,320 to $81,240 "
    "(First-Line Supervisors of Retail Sales Workers median $58,950).",
    "In Ohio: typically in the top quarter, $58,500 to $70,400 (First-Line Supervisors of Retail Sales Workers "
    "median $45,680).",
    "Source: US BLS OEWS, May 2025 (San Francisco-Oakland-Fremont, CA; Ohio), annual wages.",
]


@pytest.mark.parametrize(
    "text",
    ["salary of a store manager in the bay area vs in ohio",
     "how much does a store manager make in the bay area? and in ohio?"],
)  # fmt: skip
async def test_two_places_get_one_answer_with_both_areas(real, domain, text: str) -> None:
    tracker = make_tracker(text, "ask_compensation", roles=("store manager",), slots={FOCUS_ROLE: "Shift Manager"})
    replies, slots = await said(ActionAnswerQuestion(real), tracker, domain)
    assert len(replies) == 1
    assert replies[0].splitlines()[:4] == STORE_MANAGER_IN_TWO_PLACES
    assert "Shift Manager" not in replies[0]
    assert slots[FOCUS_ROLE] == "Store Manager"


@pytest.mark.parametrize(
    ("text", "role", "verdict"),
    [("operations manager pay in texas vs california", "operations manager",
      "An Operations Manager is typically paid more in California than in Texas: about 15% more, comparing the "
      "middle of its typical pay range in each."),
     ("buyer pay in texas vs ohio", "buyer",
      "A Buyer is typically paid about the same in Texas and in Ohio: the middles of its typical pay range there "
      "are within 10%."),
     ("dispatcher pay in texas vs london", "dispatcher",
      "A Dispatcher is typically paid about the same in Texas and across the US: the middles of its typical pay "
      "range there are within 10%.")],
)  # fmt: skip
async def test_one_roles_pay_in_two_places_opens_with_where_it_pays_more(real, domain, text, role, verdict) -> None:
    dispatcher = CollectingDispatcher()
    await ActionAnswerQuestion(real).run(dispatcher, make_tracker(text, "ask_compensation", roles=(role,)), domain)
    answer = dispatcher.messages[-1]
    assert (answer["text"].splitlines()[0], answer["verdict"]) == (verdict, verdict)  # bold where a channel can


async def test_a_place_alone_after_a_pay_answer_keeps_the_role(real, domain) -> None:
    slots = {FOCUS_ROLE: "Dispatcher"}  # after "what does a dispatcher earn?"
    for intent, action in (("describe_role", ActionDescribeRole(real)), ("nlu_fallback", ActionHelp(real))):
        replies, _ = await said(action, make_tracker("what about in Springfield", intent, slots=slots), domain)
        assert replies[0].startswith('Which "Springfield" do you mean: '), intent
        replies, _ = await said(action, make_tracker("what about in Springfield, IL", intent, slots=slots), domain)
        assert replies[0].startswith("A Dispatcher is paid"), intent
        assert last_line(replies[0]) == "Source: US BLS OEWS, May 2025 (Springfield, IL), annual wages."


@pytest.mark.parametrize(
    ("text", "intent", "action", "opening"),
    [("what does an ops manager make in chicago", "describe_role", "describe", "An Operations Manager earns"),
     ("what does an ops manager make", "describe_role", "describe", "An Operations Manager earns"),
     ("what does an ops manager make in london", "describe_role", "describe", "I have US figures only, not for London"),
     ("what's a programme manager on in the UK, roughly?", "career_path", "career",
      "I have US figures only, not for the UK")],
)  # fmt: skip
async def test_pay_asked_with_make_or_on_gets_pay_not_a_description(real, domain, text, intent, action, opening):
    role = "programme manager" if "programme" in text else "ops manager"
    actions = {"describe": ActionDescribeRole(real), "career": ActionCareerPath(real)}
    replies, _ = await said(actions[action], make_tracker(text, intent, roles=(role,)), domain)
    assert replies[0].startswith(opening)
    assert "Source: US BLS OEWS, May 2025" in "\n".join(replies)


async def test_a_reply_naming_the_place_answers_a_pair_asked_back(real, domain) -> None:
    text = "who earns more, a buyer or a procurement manager, in portland?"
    asked = make_tracker(text, "ask_compensation", roles=("buyer", "procurement manager"))
    replies, slots = await said(ActionAnswerQuestion(real), asked, domain)
    assert replies[0].startswith('Which "Portland" do you mean: ')
    assert (slots[ROLE_A], slots[ROLE_B]) == ("Buyer", "Procurement Manager")
    replies, _ = await said(ActionHelp(real), make_tracker("portland, OR", "nlu_fallback", slots=slots), domain)
    assert replies[0].startswith("The Procurement Manager is typically paid more than a Buyer.")
    assert "Source: US BLS OEWS, May 2025 (Portland-Vancouver-Hillsboro, OR-WA), annual wages." in replies[0]


def blocks(reply: str) -> list[str]:
    return reply.split("\n\n")


@pytest.mark.parametrize(
    ("text", "intent", "slots", "opens", "note"),
    [("who earns more, a buyer or a plant manager in texas and in ohio?", "ask_compensation", {},
      ["In Texas: The Plant Manager is typically paid more than a Buyer.",
       "In Ohio: The Plant Manager is typically paid more than a Buyer."], None),
     ("is a buyer paid more than a plant manager in texas and in ohio?", "ask_compensation", {},
      ["In Texas: No. The Buyer is typically paid less than a Plant Manager.",
       "In Ohio: No. The Buyer is typically paid less than a Plant Manager."], None),
     ("and in texas and in ohio?", "inform", {ROLE_A: "Buyer", ROLE_B: "Plant Manager"},
      ["In Texas: The Plant Manager is typically paid more than a Buyer.",
       "In Ohio: The Plant Manager is typically paid more than a Buyer."], None),
     ("who earns more, a buyer or a plant manager in texas and in the uk?", "ask_compensation", {},
      ["In Texas: The Plant Manager is typically paid more than a Buyer.",
       "Across the US: The Plant Manager is typically paid more than a Buyer."],
      "I have US figures only, not for the UK: these are the US national figures (BLS OEWS).")],
)  # fmt: skip
async def test_a_pair_in_several_places_gets_a_verdict_and_figures_for_each(
    real, domain, text, intent, slots, opens, note
) -> None:
    roles = ("buyer", "plant manager") if "buyer" in text else ()
    replies, events = await said(ActionAnswerQuestion(real), make_tracker(text, intent, roles, slots), domain)
    if note is not None:
        assert replies[0] == note
        replies = replies[1:]
    assert len(replies) == 1
    places, rest = blocks(replies[0])[: len(opens)], blocks(replies[0])[len(opens) :]
    assert all(block.startswith(opening) for block, opening in zip(places, opens, strict=True)), places
    areas = ("Texas", "national" if note else "Ohio")
    assert [block.splitlines()[-1] for block in places] == [f"Source: US BLS OEWS, May 2025 ({a}), annual wages."
                                                             for a in areas]  # fmt: skip
    assert [len(block.splitlines()) for block in places] == [4, 4]  # the verdict, one line per role, the source
    assert len(rest) == 1 and rest[0].startswith("Based on the two role profiles: A Plant Manager is among")
    assert rest[0].count("Based on the two role profiles") == 1
    after = {**slots, **events}  # a slot already holding its value is not set again
    assert (after[ROLE_A], after[ROLE_B], after[DIMENSION]) == ("Buyer", "Plant Manager", "compensation")
