"""Describing roles, listing them by family, and career paths, all from the KB (the small test KB)."""

from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions.careers import ActionCareerPath
from actions.roles import ActionDescribeRole, ActionListRoles
from actions.slots import CURRENT_ROLE, ROUTE_END, ROLE_A, ROLE_B
from tests.actions.conftest import buttons, make_tracker, texts

HOO = "Head of Operations"


async def run(action, knowledge, domain, **tracker) -> CollectingDispatcher:
    dispatcher = CollectingDispatcher()
    await action(knowledge).run(dispatcher, make_tracker(**tracker), domain)
    return dispatcher


async def test_describe_role_gives_the_profile_with_next_steps(knowledge, domain) -> None:
    dispatcher = await run(
        ActionDescribeRole,
        knowledge,
        domain,
        text="what does an ops manager do",
        intent="describe_role",
        roles=("Operations Manager",),
    )
    assert texts(dispatcher) == [
        "Operations Manager (Operations management).\n"
        "An Operations Manager is a test role at seniority 4 in Operations management. "
        "This profile is written for the tests.\n"
        "Usually reports to: Head of Operations.\n"
        "Typical next roles: Plant Manager, Head of Operations."
    ]
    assert buttons(dispatcher) == [
        {
            "title": "Compare with Head of Operations",
            "payload": '/compare_roles{"job_role": ["Operations Manager", "Head of Operations"]}',
        },
        {
            "title": "How do I become an Operations Manager?",
            "payload": '/career_path{"job_role": "Operations Manager", "career_direction": "into"}',
        },
        {
            "title": "What comes after Operations Manager?",
            "payload": '/career_path{"job_role": "Operations Manager", "career_direction": "after"}',
        },
    ]


async def test_describe_without_a_role_asks_which(knowledge, domain) -> None:
    dispatcher = await run(
        ActionDescribeRole, knowledge, domain, text="what does that job involve", intent="describe_role"
    )
    assert texts(dispatcher) == ["Which role would you like to know about?"]
    most_asked = [HOO, "Operations Manager", "Procurement Manager", "Buyer", "Chief Operating Officer", "Plant Manager"]
    assert buttons(dispatcher) == [
        {"title": name, "payload": f'/describe_role{{"job_role": "{name}"}}'} for name in most_asked
    ]


async def test_describe_an_unknown_role(knowledge, domain) -> None:
    dispatcher = await run(
        ActionDescribeRole, knowledge, domain, text="what does a chief vibes officer do", intent="describe_role"
    )
    assert texts(dispatcher)[0].startswith('I don\'t know the role "chief vibes officer". Did you mean: ')


async def test_list_roles_groups_by_family_with_buttons(knowledge, domain) -> None:
    dispatcher = await run(ActionListRoles, knowledge, domain, text="which roles do you know", intent="list_roles")
    assert texts(dispatcher) == [
        "I know 10 roles in 4 job families:\n"
        "Facilities: Facilities Manager.\n"
        "Manufacturing: Plant Manager.\n"
        "Operations management: Chief Operating Officer, Head of Operations, Operations Manager, "
        "Operations Supervisor, Operations Lead, Operations Coordinator.\n"
        "Supply chain: Procurement Manager, Buyer."
    ]
    families = (("Facilities", 1), ("Manufacturing", 1), ("Operations management", 6), ("Supply chain", 2))
    assert buttons(dispatcher) == [
        {"title": f"{family} ({count})", "payload": f'/list_roles{{"job_family": "{family}"}}'}
        for family, count in families
    ]


async def test_a_family_is_paged_as_buttons(knowledge, domain) -> None:
    family = "Operations management"
    first = await run(
        ActionListRoles,
        knowledge,
        domain,
        text="/list_roles",
        intent="list_roles",
        entities=[{"entity": "job_family", "value": family}],
    )
    assert texts(first) == [f"{family} (page 1 of 2): pick a role to learn more."]
    page_one = buttons(first)
    assert [b["title"] for b in page_one] == [
        "Chief Operating Officer",
        HOO,
        "Operations Manager",
        "Operations Supervisor",
        "Operations Lead",
        "More roles",
    ]
    assert page_one[-1]["payload"] == f'/list_roles{{"job_family": "{family}", "page": 2}}'
    second = await run(
        ActionListRoles,
        knowledge,
        domain,
        text="/list_roles",
        intent="list_roles",
        entities=[{"entity": "job_family", "value": family}, {"entity": "page", "value": 2}],
    )
    assert texts(second) == [f"{family} (page 2 of 2): pick a role to learn more."]
    assert buttons(second) == [
        {"title": "Operations Coordinator", "payload": '/describe_role{"job_role": "Operations Coordinator"}'}
    ]


async def test_career_path_between_two_roles(knowledge, domain) -> None:
    dispatcher = await run(
        ActionCareerPath,
        knowledge,
        domain,
        text="how do i go from operations lead to head of ops",
        intent="career_path",
        roles=("Operations Lead", "Head of Operations"),
    )
    assert texts(dispatcher) == [
        "A typical route from Operations Lead to Head of Operations takes 2 moves:\n"
        "1. Operations Lead to Operations Manager: more involved in strategy, more budget authority, "
        "broader scope.\n"
        "2. Operations Manager to Head of Operations: dealing more with people outside the company, "
        "broader scope, higher in the hierarchy."
    ]
    assert buttons(dispatcher) == [
        {
            "title": "Operations Manager vs Operations Lead",
            "payload": '/compare_roles{"job_role": ["Operations Manager", "Operations Lead"]}',
        },
        {
            "title": "Head of Operations vs Operations Manager",
            "payload": '/compare_roles{"job_role": ["Head of Operations", "Operations Manager"]}',
        },
    ]


async def test_how_to_become_lists_feeder_roles(knowledge, domain) -> None:
    dispatcher = await run(
        ActionCareerPath,
        knowledge,
        domain,
        text="how do i become an operations manager",
        intent="career_path",
        roles=("Operations Manager",),
    )
    assert texts(dispatcher) == [
        "People usually become an Operations Manager after working as: Operations Supervisor, Operations Lead."
    ]


async def test_what_comes_after_lists_next_roles(knowledge, domain) -> None:
    dispatcher = await run(
        ActionCareerPath,
        knowledge,
        domain,
        text="what comes after operations manager",
        intent="career_path",
        roles=("Operations Manager",),
    )
    assert texts(dispatcher) == [
        "After an Operations Manager, typical next roles are: Plant Manager, Head of Operations."
    ]


async def test_career_path_uses_the_remembered_pair(knowledge, domain) -> None:
    dispatcher = await run(
        ActionCareerPath,
        knowledge,
        domain,
        text="what's the career path",
        intent="career_path",
        slots={ROLE_A: "Head of Operations", ROLE_B: "Operations Manager"},
    )
    assert texts(dispatcher) == [
        "A typical route from Operations Manager to Head of Operations takes 1 move:\n"
        "1. Operations Manager to Head of Operations: dealing more with people outside the company, "
        "broader scope, higher in the hierarchy."
    ]


async def test_follow_ups_continue_from_where_the_last_route_ended(knowledge, domain) -> None:
    then = await run(ActionCareerPath, knowledge, domain, text="and then?", intent="career_path",
                     slots={ROUTE_END: "Operations Manager"})  # fmt: skip
    assert texts(then) == ["After an Operations Manager, typical next roles are: Plant Manager, Head of Operations."]
    there = await run(
        ActionCareerPath,
        knowledge,
        domain,
        text="what about from there to head of operations?",
        intent="career_path",
        roles=("Head of Operations",),
        slots={ROUTE_END: "Operations Lead"},
    )
    assert texts(there)[0].startswith("A typical route from Operations Lead to Head of Operations takes 2 moves")


async def test_a_goal_is_reached_from_the_role_the_user_holds(knowledge, domain) -> None:
    dispatcher = await run(
        ActionCareerPath,
        knowledge,
        domain,
        text="how do i become a head of operations?",
        intent="career_path",
        roles=("Head of Operations",),
        slots={CURRENT_ROLE: "Operations Manager"},
    )
    assert texts(dispatcher) == [
        "From your role as an Operations Manager, a typical route to Head of Operations takes 1 move:\n"
        "1. Operations Manager to Head of Operations: dealing more with people outside the company, "
        "broader scope, higher in the hierarchy."
    ]
