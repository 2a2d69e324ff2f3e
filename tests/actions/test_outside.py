"""People from outside operations and pay-mix questions, through the real actions, on the small
test KB with a tiny OEWS file (tests/fixtures/small_oews.py)."""

from __future__ import annotations

from typing import Any

from rasa_sdk.executor import CollectingDispatcher

from actions.careers import ActionAboutMe, ActionCareerPath
from actions.compare import ActionAnswerQuestion
from actions.help import ActionHelp
from actions.roles import ActionListRoles
from actions.slots import COMPARED_OCCUPATION, CURRENT_OCCUPATION, CURRENT_ROLE, DIMENSION, FOCUS_ROLE, NEEDS_ROLES
from tests.actions.conftest import make_tracker, slot_events, texts


def occupation(text: str, word: str, value: str) -> dict[str, Any]:
    start = text.lower().find(word)
    return {"entity": "occupation", "value": value, "start": start, "end": start + len(word)}


async def test_a_nurse_asking_how_to_get_into_operations_gets_the_ways_in(outside_kb, domain) -> None:  # type: ignore[no-untyped-def]
    text = "I'm a nurse, how do I get into operations management?"
    tracker = make_tracker(text, "state_role", entities=[occupation(text, "nurse", "29-1141")])
    dispatcher = CollectingDispatcher()
    events = await ActionAboutMe(outside_kb).run(dispatcher, tracker, domain)
    assert texts(dispatcher) == [
        "Noted: your job falls under Registered Nurses (BLS), outside the operations roles I compare. Here is how "
        "people from there usually get into operations.\n"
        "From Registered Nurses (BLS), the usual ways into operations:\n"
        "- Operations Coordinator: Rotas and supplies are daily work on a ward.\n"
        "- Operations Supervisor: Charge nurses already run a shift.\n"
        "What transfers: running a shift; safety procedures.\n"
        "What you would usually need to pick up: Budgets and commercial language.\n"
        "First step [PMP (Project Management Professional)]: Learn to run projects."
    ]
    titles = [b["title"] for b in dispatcher.messages[0]["buttons"][:2]]
    assert titles == ["Operations Coordinator", "Operations Supervisor"]
    assert slot_events(events)[CURRENT_OCCUPATION] == "29-1141"


async def test_a_teacher_naming_a_goal_gets_the_route_not_the_goal_as_their_role(outside_kb, domain) -> None:  # type: ignore[no-untyped-def]
    text = "I'm a teacher, could I become an operations manager?"
    tracker = make_tracker(
        text, "state_role", roles=("operations manager",), slots={CURRENT_ROLE: "operations manager"},
        entities=[occupation(text, "teacher", "25-2021")],
    )  # fmt: skip
    dispatcher = CollectingDispatcher()
    events = await ActionAboutMe(outside_kb).run(dispatcher, tracker, domain)
    assert texts(dispatcher)[0].splitlines()[:3] == [
        "From Elementary School Teachers, Except Special Education (BLS), the nearest way into Operations Manager "
        "is to start as an Operations Coordinator: The common general way in.",
        "From there, a typical route to Operations Manager takes 2 moves:",
        "1. Operations Coordinator to Operations Lead.",
    ]
    slots = slot_events(events)
    remembered = (slots[CURRENT_ROLE], slots[CURRENT_OCCUPATION], slots[FOCUS_ROLE])
    assert remembered == (None, "25-2021", "Operations Manager")


async def test_truck_driver_or_operations_manager_pay_is_a_verdict_with_figures(outside_kb, domain) -> None:  # type: ignore[no-untyped-def]
    text = "who earns more, a truck driver or an operations manager?"
    tracker = make_tracker(
        text, "ask_compensation", roles=("operations manager",), entities=[occupation(text, "truck driver", "53-3032")]
    )
    dispatcher = CollectingDispatcher()
    events = await ActionAnswerQuestion(outside_kb).run(dispatcher, tracker, domain)
    lines = texts(dispatcher)[0].splitlines()
    assert lines[0] == (
        "Higher median pay: Operations Manager ($105,770 a year) over Heavy and Tractor-Trailer Truck Drivers (BLS) "
        "($58,640), nationally."
    )
    assert lines[-1] == "Source: US BLS OEWS, May 2025 (national)."
    assert slot_events(events).get(NEEDS_ROLES) is not True  # no form asking for a second role
    assert CURRENT_OCCUPATION not in slot_events(events)  # a comparison, not a statement about themselves


async def test_pay_in_a_state_named_after_in(outside_kb, domain) -> None:  # type: ignore[no-untyped-def]
    text = "does a nurse or a trucker make more in Texas?"
    entities = [occupation(text, "nurse", "29-1141"), occupation(text, "trucker", "53-3032")]
    tracker = make_tracker(text, "ask_compensation", entities=entities)
    dispatcher = CollectingDispatcher()
    await ActionAnswerQuestion(outside_kb).run(dispatcher, tracker, domain)
    assert texts(dispatcher)[0].splitlines()[0] == (
        "Higher median pay: Registered Nurses (BLS) ($88,000 a year) over Heavy and Tractor-Trailer Truck Drivers "
        "(BLS) ($55,000), in Texas."
    )


async def test_pay_in_a_place_outside_the_us_is_national_and_says_so_first(outside_kb, domain) -> None:  # type: ignore[no-untyped-def]
    text = "does a nurse or a trucker make more in London?"
    entities = [occupation(text, "nurse", "29-1141"), occupation(text, "trucker", "53-3032")]
    dispatcher = CollectingDispatcher()
    await ActionAnswerQuestion(outside_kb).run(dispatcher, make_tracker(text, "ask_compensation", entities=entities),
                                               domain)  # fmt: skip
    said = texts(dispatcher)
    assert (said[0], said[1].splitlines()[0]) == (
        "I have US figures only, not for London: these are the US national figures (BLS OEWS).",
        "Higher median pay: Registered Nurses (BLS) ($93,600 a year) over Heavy and Tractor-Trailer Truck Drivers "
        "(BLS) ($58,640), nationally.",
    )


async def test_another_dimension_for_an_outside_job_is_for_operations_roles_only(outside_kb, domain) -> None:  # type: ignore[no-untyped-def]
    text = "does a soldier have more budget authority than an operations manager?"
    tracker = make_tracker(
        text, "ask_budget", roles=("operations manager",), entities=[occupation(text, "soldier", "military")]
    )
    dispatcher = CollectingDispatcher()
    await ActionAnswerQuestion(outside_kb).run(dispatcher, tracker, domain)
    assert texts(dispatcher) == [
        "I compare only operations roles on budget authority, so I can't place Military service member on it. "
        "I can give its pay from BLS data, or show how people from there get into operations."
    ]


async def test_after_naming_their_job_which_jobs_would_suit_me_gets_the_ways_in(outside_kb, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = make_tracker("which operations jobs would suit me?", "list_roles", slots={CURRENT_OCCUPATION: "military"})
    dispatcher = CollectingDispatcher()
    await ActionListRoles(outside_kb).run(dispatcher, tracker, domain)
    assert texts(dispatcher)[0].splitlines()[:3] == [
        "From Military service member, the usual ways into operations:",
        "- Operations Supervisor: NCOs lead teams.",
        "- Operations Manager: Officers run units.",
    ]


async def test_after_naming_their_job_how_do_i_become_starts_from_it(outside_kb, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = make_tracker(
        "how do I become a head of operations?", "career_path", roles=("head of operations",),
        slots={CURRENT_OCCUPATION: "29-1141"},
    )  # fmt: skip
    dispatcher = CollectingDispatcher()
    await ActionCareerPath(outside_kb).run(dispatcher, tracker, domain)
    assert texts(dispatcher)[0].splitlines()[:2] == [
        "From Registered Nurses (BLS), the nearest way into Head of Operations is to start as an Operations "
        "Supervisor: Charge nurses already run a shift.",  # Supervisor -> Manager -> Head beats Coordinator's 3 moves
        "From there, a typical route to Head of Operations takes 2 moves:",
    ]


async def test_a_stated_role_wins_over_a_remembered_outside_job(outside_kb, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = make_tracker(
        "which operations jobs would suit me?", "list_roles",
        slots={CURRENT_OCCUPATION: "29-1141", CURRENT_ROLE: "Buyer"},
    )  # fmt: skip
    dispatcher = CollectingDispatcher()
    await ActionListRoles(outside_kb).run(dispatcher, tracker, domain)
    assert "Registered Nurses" not in texts(dispatcher)[0]


async def test_stock_options_for_one_role_come_from_its_pay_mix_with_figures(outside_kb, domain) -> None:  # type: ignore[no-untyped-def]
    text = "does a head of operations get stock options?"
    tracker = make_tracker(text, "other_aspect", roles=("head of operations",))
    dispatcher = CollectingDispatcher()
    events = await ActionAnswerQuestion(outside_kb).run(dispatcher, tracker, domain)
    lines = texts(dispatcher)[0].splitlines()
    assert lines[0] == (
        "Head of Operations: base salary, a bonus is part of the normal package, equity or stock options are common. "
        "Test pay mix of a Head of Operations."
    )
    assert lines[1].startswith("General and Operations Managers (SOC 11-1021): median $105,770 a year")
    assert slot_events(events)[FOCUS_ROLE] == "Head of Operations"


async def test_bonus_for_two_roles_gives_the_pay_verdict_then_both_mixes(outside_kb, domain) -> None:  # type: ignore[no-untyped-def]
    text = "bonus: head of operations vs operations manager?"
    tracker = make_tracker(text, "ask_compensation", roles=("head of operations", "operations manager"))
    dispatcher = CollectingDispatcher()
    await ActionAnswerQuestion(outside_kb).run(dispatcher, tracker, domain)
    lines = texts(dispatcher)[0].splitlines()
    assert lines[1:3] == [
        "Bonuses are more usual for a Head of Operations.",
        "Equity or stock options are more usual for a Head of Operations.",
    ]
    assert lines[0].startswith("The Head of Operations is typically paid more than an Operations Manager")


async def test_a_job_named_in_a_follow_up_is_placed_on_the_dimension_discussed_not_taken_as_theirs(
    outside_kb, domain  # type: ignore[no-untyped-def]
) -> None:
    text = "what about a trucker?"
    tracker = make_tracker(
        text, "inform", entities=[occupation(text, "trucker", "53-3032")], slots={"dimension": "experience"}
    )
    dispatcher = CollectingDispatcher()
    events = await ActionAnswerQuestion(outside_kb).run(dispatcher, tracker, domain)
    assert texts(dispatcher)[0].startswith(
        "I compare only operations roles on experience required, so I can't place Heavy and Tractor-Trailer "
        "Truck Drivers (BLS) on it."
    )
    assert CURRENT_OCCUPATION not in slot_events(events)


async def test_a_sentence_about_work_before_a_comparison_read_as_inform_is_answered_once(knowledge, domain) -> None:  # type: ignore[no-untyped-def]
    text = "I'm bored at work. Who has more budget, a buyer or a plant manager?"
    tracker = make_tracker(text, "inform", roles=("buyer", "plant manager"))
    dispatcher = CollectingDispatcher()
    await ActionAnswerQuestion(knowledge).run(dispatcher, tracker, domain)  # was endless recursion with AboutMe
    assert texts(dispatcher)[0].startswith("The Plant Manager has more budget authority than a Buyer.")


async def test_after_naming_their_job_what_does_that_pay_in_a_state_gets_its_pay_there(outside_kb, domain) -> None:  # type: ignore[no-untyped-def]
    text = "and how much would that pay in texas?"
    tracker = make_tracker(text, "career_path", slots={CURRENT_OCCUPATION: "29-1141"})
    dispatcher = CollectingDispatcher()
    events = await ActionCareerPath(outside_kb).run(dispatcher, tracker, domain)
    assert texts(dispatcher) == [
        "Registered Nurses (SOC 29-1141): median $88,000 a year, middle half $75,000 to $101,000, 230,000 employed.\n"
        "Source: US BLS OEWS, May 2025 (Texas)."
    ]
    assert slot_events(events) == {DIMENSION: "compensation"}  # still their job, no role taken on; "and in Ohio?"


async def test_a_veteran_asking_a_roles_pay_gets_the_roles_figures_and_why_theirs_have_none(outside_kb, domain) -> None:  # type: ignore[no-untyped-def]
    text = "im a veteran, what does an operations manager make?"
    tracker = make_tracker(
        text, "ask_compensation", roles=("operations manager",), entities=[occupation(text, "veteran", "military")]
    )
    dispatcher = CollectingDispatcher()
    events = await ActionAnswerQuestion(outside_kb).run(dispatcher, tracker, domain)
    assert texts(dispatcher) == [
        "Operations Manager: General and Operations Managers (SOC 11-1021): median $105,770 a year, middle half "
        "$72,320 to $167,280, 3,503,020 employed.\n"
        "Source: US BLS OEWS, May 2025 (national).\n"
        "I have no BLS pay figures for Military service member: OEWS counts civilian jobs only."
    ]
    assert slot_events(events) == {
        CURRENT_OCCUPATION: "military", FOCUS_ROLE: "Operations Manager", DIMENSION: "compensation"
    }


async def test_what_jobs_could_i_do_and_what_do_they_pay_gives_the_ways_in_with_their_pay(outside_kb, domain) -> None:  # type: ignore[no-untyped-def]
    text = "im a nurse, which jobs would suit me and what do they pay?"
    tracker = make_tracker(text, "ask_compensation", entities=[occupation(text, "nurse", "29-1141")])
    dispatcher = CollectingDispatcher()
    events = await ActionAnswerQuestion(outside_kb).run(dispatcher, tracker, domain)
    lines = texts(dispatcher)[0].splitlines()
    assert lines[1:3] == [
        "From Registered Nurses (BLS), the usual ways into operations:",
        "- Operations Coordinator: Rotas and supplies are daily work on a ward.",
    ]
    assert lines[7:] == [
        "What these pay (nationally):",
        "Operations Coordinator: BLS publishes no figures for 13-1199 (SOC 13-1199) nationally.",  # not in the file
        "Operations Supervisor: BLS publishes no figures for 43-1011 (SOC 43-1011) nationally.",
        "For comparison, Registered Nurses (SOC 29-1141): median $93,600 a year, middle half $78,000 to $112,000, "
        "3,300,000 employed.",
        "Source: US BLS OEWS, May 2025 (national), annual wages.",
    ]
    assert slot_events(events)[CURRENT_OCCUPATION] == "29-1141"


async def test_pay_asked_for_a_place_outside_the_us_is_said_to_be_us_data(outside_kb, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = make_tracker("what does that pay in the uk?", "ask_compensation", slots={CURRENT_OCCUPATION: "29-1141"})
    dispatcher = CollectingDispatcher()
    await ActionAnswerQuestion(outside_kb).run(dispatcher, tracker, domain)
    assert texts(dispatcher) == [
        "I have US figures only, not for the UK: these are the US national figures (BLS OEWS).",
        "Registered Nurses (SOC 29-1141): median $93,600 a year, middle half $78,000 to $112,000, 3,300,000 employed.\n"
        "Source: US BLS OEWS, May 2025 (national).",
    ]


async def test_which_jobs_suit_me_before_saying_what_they_do_asks_what_they_do_now(outside_kb, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = make_tracker("which job would suit me?", "nlu_fallback")
    dispatcher = CollectingDispatcher()
    await ActionHelp(outside_kb).run(dispatcher, tracker, domain)
    assert texts(dispatcher) == [
        "Which jobs suit you depends on where you start. Tell me what you do now (\"I'm a nurse\", \"I drive a "
        "truck\", \"I'm a warehouse associate\") and I'll show the operations jobs people from there usually move "
        "into, what transfers and a first step."
    ]


async def test_which_jobs_suit_me_from_someone_in_operations_is_not_asked_back(outside_kb, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = make_tracker("which job would suit me?", "career_path", slots={CURRENT_ROLE: "Buyer"})
    dispatcher = CollectingDispatcher()
    await ActionCareerPath(outside_kb).run(dispatcher, tracker, domain)
    assert "Tell me what you do now" not in texts(dispatcher)[0]


async def test_after_their_jobs_pay_a_place_alone_gives_its_pay_there(outside_kb, domain) -> None:  # type: ignore[no-untyped-def]
    slots = {CURRENT_OCCUPATION: "29-1141", DIMENSION: "compensation"}
    tracker = make_tracker("and in texas?", "nlu_fallback", slots=slots)
    dispatcher = CollectingDispatcher()
    await ActionHelp(outside_kb).run(dispatcher, tracker, domain)
    assert texts(dispatcher)[0].splitlines()[-1] == "Source: US BLS OEWS, May 2025 (Texas)."


async def test_after_an_outside_pair_on_pay_a_place_alone_gives_the_pair_there(outside_kb, domain) -> None:  # type: ignore[no-untyped-def]
    slots = {COMPARED_OCCUPATION: "29-1141", FOCUS_ROLE: "Operations Manager", DIMENSION: "compensation"}
    tracker = make_tracker("and in texas?", "inform", slots=slots)
    dispatcher = CollectingDispatcher()
    events = await ActionAnswerQuestion(outside_kb).run(dispatcher, tracker, domain)
    assert texts(dispatcher)[0].splitlines() == [
        "I can't say who earns more: BLS publishes no median for one of them in Texas.",  # no such cell in the file
        "Registered Nurses (SOC 29-1141): median $88,000 a year, middle half $75,000 to $101,000, 230,000 employed.",
        "Operations Manager: BLS publishes no figures for General and Operations Managers (SOC 11-1021) in Texas.",
        "Source: US BLS OEWS, May 2025 (Texas).",
    ]
    assert slot_events(events) == {}  # the pair stays the subject


async def test_their_job_said_before_two_roles_on_pay_compares_the_two_roles(outside_kb, domain) -> None:  # type: ignore[no-untyped-def]
    text = "trucker here, head of operations or operations manager, which pays more?"
    tracker = make_tracker(
        text, "ask_compensation", roles=("head of operations", "operations manager"),
        entities=[occupation(text, "trucker", "53-3032")],
    )  # fmt: skip
    dispatcher = CollectingDispatcher()
    await ActionAnswerQuestion(outside_kb).run(dispatcher, tracker, domain)
    assert texts(dispatcher)[0].startswith("The Head of Operations is typically paid more than an Operations Manager")
    assert "Truck Drivers" not in texts(dispatcher)[0]


async def test_after_their_jobs_pay_vs_a_role_compares_the_two_on_pay(outside_kb, domain) -> None:  # type: ignore[no-untyped-def]
    slots = {CURRENT_OCCUPATION: "29-1141", DIMENSION: "compensation"}
    tracker = make_tracker("vs an operations manager?", "inform", roles=("operations manager",), slots=slots)
    dispatcher = CollectingDispatcher()
    events = await ActionAnswerQuestion(outside_kb).run(dispatcher, tracker, domain)
    assert texts(dispatcher)[0].splitlines()[0] == (
        "Higher median pay: Operations Manager ($105,770 a year) over Registered Nurses (BLS) ($93,600), nationally."
    )
    assert slot_events(events) == {COMPARED_OCCUPATION: "29-1141", FOCUS_ROLE: "Operations Manager"}


AFTER_ROUTE = {CURRENT_OCCUPATION: "29-1141", FOCUS_ROLE: "Operations Manager"}  # a nurse's route into it was given


async def test_after_a_route_into_a_role_what_does_that_pay_is_the_roles_pay(outside_kb, domain) -> None:  # type: ignore[no-untyped-def]
    tracker = make_tracker("and how much would that pay in houston?", "career_path", slots=AFTER_ROUTE)
    dispatcher = CollectingDispatcher()
    await ActionCareerPath(outside_kb).run(dispatcher, tracker, domain)
    assert texts(dispatcher) == [
        "Operations Manager: General and Operations Managers (SOC 11-1021): median $119,600 a year, middle half "
        "$74,060 to $191,470, 97,320 employed.\n"
        "Source: US BLS OEWS, May 2025 (Houston-Pasadena-The Woodlands, TX)."
    ]


async def test_after_a_route_into_a_role_would_i_make_more_weighs_it_against_their_job(outside_kb, domain) -> None:  # type: ignore[no-untyped-def]
    verdict = "Higher median pay: Operations Manager ($105,770 a year) over Registered Nurses (BLS) ($93,600), " \
        "nationally."
    for text, entities in (
        ("would I make more than now?", []),
        ("would that pay more than nursing?", [occupation("would that pay more than nursing?", "nursing", "29-1141")]),
    ):
        tracker = make_tracker(text, "ask_compensation", slots=AFTER_ROUTE, entities=entities)
        dispatcher = CollectingDispatcher()
        await ActionAnswerQuestion(outside_kb).run(dispatcher, tracker, domain)
        assert texts(dispatcher)[0].splitlines()[0] == verdict, text


async def test_a_goal_no_way_in_leads_to_gets_the_climb_from_the_first_rung_of_its_ladder(outside_kb, domain) -> None:  # type: ignore[no-untyped-def]
    text = "I'm a nurse, how do I become a procurement manager?"
    tracker = make_tracker(
        text, "state_role", roles=("procurement manager",), entities=[occupation(text, "nurse", "29-1141")]
    )
    dispatcher = CollectingDispatcher()
    await ActionAboutMe(outside_kb).run(dispatcher, tracker, domain)
    assert texts(dispatcher)[0].splitlines()[:3] == [
        "I know of no typical route from the usual ways in for Registered Nurses (BLS) to a Procurement Manager. "
        "People from healthcare usually start as Operations Coordinator or Operations Supervisor.",
        "The usual climb to Procurement Manager starts as a Buyer, which people join without a typical previous "
        "role; from there it takes 1 move:",
        "1. Buyer to Procurement Manager.",
    ]


async def test_a_goal_that_is_a_first_rung_itself_can_be_applied_for_directly(outside_kb, domain) -> None:  # type: ignore[no-untyped-def]
    text = "I'm a nurse, how do I become a buyer?"
    tracker = make_tracker(text, "state_role", roles=("buyer",), entities=[occupation(text, "nurse", "29-1141")])
    dispatcher = CollectingDispatcher()
    await ActionAboutMe(outside_kb).run(dispatcher, tracker, domain)
    assert texts(dispatcher)[0].splitlines()[:2] == [
        "I know of no typical route from the usual ways in for Registered Nurses (BLS) to a Buyer. "
        "People from healthcare usually start as Operations Coordinator or Operations Supervisor.",
        "A Buyer is a first job people join without a typical previous role: you can apply for it directly.",
    ]


async def test_after_their_job_one_roles_pay_in_two_places_is_that_role_in_each(outside_kb, domain) -> None:  # type: ignore[no-untyped-def]
    slots = {CURRENT_OCCUPATION: "29-1141", DIMENSION: "compensation"}
    text = "and what do operations managers make in houston vs texas"
    tracker = make_tracker(text, "ask_compensation", roles=("operations managers",), slots=slots)
    dispatcher = CollectingDispatcher()
    await ActionAnswerQuestion(outside_kb).run(dispatcher, tracker, domain)
    said = "\n".join(texts(dispatcher))
    assert "Registered Nurses" not in said  # not weighed against their job: the role in each place
    assert said.count("Operations Manager:") == 2
