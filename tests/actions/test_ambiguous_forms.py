"""Short forms that name several roles ("PM") are asked about, never guessed.

On the small test KB: "PM" may mean the Plant Manager or the Procurement Manager.
"""

from __future__ import annotations

from rasa_sdk.executor import CollectingDispatcher

from actions.roles import ActionDescribeRole
from tests.actions.conftest import buttons, make_tracker, texts
from tests.actions.test_compare import ask

WHICH = 'By "PM", do you mean a Plant Manager or a Procurement Manager?'


async def test_a_comparison_with_pm_asks_which_with_the_question_on_each_button(knowledge, domain) -> None:
    dispatcher, _ = await ask(
        knowledge, domain, text="who earns more, a PM or a buyer?", intent="ask_compensation", roles=("Buyer",)
    )
    assert texts(dispatcher) == [WHICH]
    assert [b["payload"] for b in buttons(dispatcher)] == [
        '/ask_compensation{"job_role": ["Buyer", "Plant Manager"]}',
        '/ask_compensation{"job_role": ["Buyer", "Procurement Manager"]}',
    ]


async def test_describing_a_pm_asks_which(knowledge, domain) -> None:
    dispatcher = CollectingDispatcher()
    await ActionDescribeRole(knowledge).run(dispatcher, make_tracker("what does a PM do?", "describe_role"), domain)
    assert texts(dispatcher) == [WHICH]
    assert [b["payload"] for b in buttons(dispatcher)] == [
        '/describe_role{"job_role": "Plant Manager"}',
        '/describe_role{"job_role": "Procurement Manager"}',
    ]


async def test_pm_in_lower_case_is_a_time_not_a_role(knowledge, domain) -> None:
    dispatcher, _ = await ask(
        knowledge, domain, text="who earns more after 5 pm, a buyer?", intent="ask_compensation", roles=("Buyer",)
    )
    assert WHICH not in texts(dispatcher)
