"""Describing roles, listing them by family, and career paths, all from the KB."""

from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions.roles import ActionCareerPath, ActionDescribeRole, ActionListRoles
from actions.slots import ROLE_A, ROLE_B
from tests.actions.conftest import buttons, make_tracker, texts


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
    assert texts(dispatcher)[0].startswith("Operations Manager (Operations management).")
    titles = [b["title"] for b in buttons(dispatcher)]
    assert titles[0] == "Compare with Head of Operations"
    assert "How do I become an Operations Manager?" in titles


async def test_describe_without_a_role_asks_which(knowledge, domain) -> None:
    dispatcher = await run(
        ActionDescribeRole, knowledge, domain, text="what does that job involve", intent="describe_role"
    )
    assert texts(dispatcher) == ["Which role would you like to know about?"]
    assert buttons(dispatcher)


async def test_describe_an_unknown_role(knowledge, domain) -> None:
    dispatcher = await run(
        ActionDescribeRole, knowledge, domain, text="what does a chief vibes officer do", intent="describe_role"
    )
    assert texts(dispatcher)[0].startswith('I don\'t know the role "chief vibes officer".')


async def test_list_roles_groups_by_family_with_buttons(knowledge, domain, content) -> None:
    dispatcher = await run(ActionListRoles, knowledge, domain, text="which roles do you know", intent="list_roles")
    text = texts(dispatcher)[0]
    assert text.startswith(f"I know {len(content.roles)} roles in 6 job families:")
    assert all(role.name in text for role in content.roles)
    assert all(b["payload"].startswith('/list_roles{"job_family": ') for b in buttons(dispatcher))


async def test_a_family_is_paged_as_buttons(knowledge, domain) -> None:
    family = "Supply chain and logistics"
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
    assert len(page_one) == 6 and page_one[-1]["title"] == "More roles"
    second = await run(
        ActionListRoles,
        knowledge,
        domain,
        text="/list_roles",
        intent="list_roles",
        entities=[{"entity": "job_family", "value": family}, {"entity": "page", "value": 2}],
    )
    assert texts(second) == [f"{family} (page 2 of 2): pick a role to learn more."]
    shown = {b["title"] for b in page_one[:-1]} | {b["title"] for b in buttons(second)}
    assert len(shown) == 9


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
        "A typical route from Operations Lead to Head of Operations takes 2 moves: "
        "Operations Lead -> Operations Manager -> Head of Operations."
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
    assert texts(dispatcher)[0].startswith("People usually become an Operations Manager after working as: ")
    assert "Operations Supervisor" in texts(dispatcher)[0]


async def test_what_comes_after_lists_next_roles(knowledge, domain) -> None:
    dispatcher = await run(
        ActionCareerPath,
        knowledge,
        domain,
        text="what comes after operations manager",
        intent="career_path",
        roles=("Operations Manager",),
    )
    assert texts(dispatcher)[0] == (
        "After an Operations Manager, typical next roles are: Director of Operations, Head of Operations."
    )


async def test_career_path_uses_the_remembered_pair(knowledge, domain) -> None:
    dispatcher = await run(
        ActionCareerPath,
        knowledge,
        domain,
        text="what's the career path",
        intent="career_path",
        slots={ROLE_A: "Head of Operations", ROLE_B: "Operations Manager"},
    )
    assert texts(dispatcher)[0].startswith("A typical route from Operations Manager to Head of Operations")
