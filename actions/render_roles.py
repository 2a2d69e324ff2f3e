"""Messages about single roles: a role's profile with what to ask next, the job families, and one
family's roles a page at a time. Laid out like ``actions.render`` (text plus buttons that re-ask the KB)."""

from __future__ import annotations

from typing import Sequence

from kb.wording import replies as wording
from actions.render import PAGE_SIZE, Button, Reply, compare_button, payload
from actions.slots import CAREER, CAREER_DIRECTION, DESCRIBE, JOB_FAMILY, JOB_ROLE, LIST, PAGE
from kb.wording import answers
from kb.results import RoleInfo, RoleProfile


def profile_replies(profile: RoleProfile) -> list[Reply]:
    role = profile.role.name
    buttons = []
    if profile.reports_to:
        boss = profile.reports_to.name
        buttons.append(compare_button(role, boss, None, wording.compare_with(boss)))
    buttons.append(
        Button(
            wording.how_to_become(profile.role),
            payload(CAREER, **{JOB_ROLE: role, CAREER_DIRECTION: "into"}),
        )
    )
    if profile.next_roles:
        buttons.append(
            Button(wording.what_comes_after(role), payload(CAREER, **{JOB_ROLE: role, CAREER_DIRECTION: "after"}))
        )
    return [Reply(answers.profile_text(profile), tuple(buttons), offers="menu")]


def families_reply(groups: Sequence[tuple[str, Sequence[RoleInfo]]]) -> Reply:
    total = sum(len(roles) for _, roles in groups)
    text = (
        wording.families(total, len(groups))
        + "\n"
        + answers.role_list_text([(family, tuple(roles)) for family, roles in groups])
    )
    buttons = tuple(
        Button(wording.family_button(family, len(roles)), payload(LIST, **{JOB_FAMILY: family}))
        for family, roles in groups
    )
    return Reply(text, buttons, offers="question")


def family_page_reply(family: str, roles: Sequence[RoleInfo], page: int) -> Reply:
    """One page of a family's roles as buttons that describe each role, with a link to the next page."""
    pages = max(1, -(-len(roles) // PAGE_SIZE))
    page = min(max(page, 1), pages)
    shown = roles[(page - 1) * PAGE_SIZE : page * PAGE_SIZE]
    buttons = [Button(r.name, payload(DESCRIBE, **{JOB_ROLE: r.name})) for r in shown]
    if page < pages:
        buttons.append(Button(wording.MORE_ROLES, payload(LIST, **{JOB_FAMILY: family, PAGE: page + 1})))
    return Reply(wording.family_page(family, page, pages), tuple(buttons), offers="question")
