"""Questions about single roles: describe one, list them, and career paths."""

from __future__ import annotations

import re
from typing import Optional

from rasa_sdk import Tracker
from rasa_sdk.executor import CollectingDispatcher
from sqlalchemy.orm import Session

from actions import render
from actions.mentions import mentioned_roles, report_unknown
from actions.knowledge import KnowledgeAction
from actions.slots import CAREER, CAREER_DIRECTION, DESCRIBE, INFORM, JOB_FAMILY, PAGE, ROLE_A, ROLE_B
from kb.queries import career_path, common_roles, describe_role, entry_roles, families, list_roles
from kb.resolve import resolve_role
from kb.results import CareerPath, RoleMatch, RoleProfile

AFTER_CUES = re.compile(r"\b(after|next|beyond|progress(ion)? from|move on from|from an? .+ where)\b", re.I)


def entity_value(tracker: Tracker, name: str) -> Optional[str]:
    for entity in tracker.latest_message.get("entities") or []:
        if entity.get("entity") == name and entity.get("value") not in (None, ""):
            return str(entity["value"])
    return None


class ActionDescribeRole(KnowledgeAction):
    def name(self) -> str:
        return "action_describe_role"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict, session: Session) -> list:
        known, unknown, spans = mentioned_roles(session, tracker)
        if not known:
            if not report_unknown(dispatcher, session, tracker, unknown, spans, INFORM):
                render.send(
                    dispatcher,
                    [
                        render.ask_role_reply(
                            "Which role would you like to know about?", common_roles(session), DESCRIBE
                        )
                    ],
                )
            return []
        replies = []
        for name in dict.fromkeys(known):
            profile = describe_role(session, name)
            if isinstance(profile, RoleProfile):
                replies += render.profile_replies(profile)
        render.send(dispatcher, replies)
        return []


class ActionListRoles(KnowledgeAction):
    def name(self) -> str:
        return "action_list_roles"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict, session: Session) -> list:
        wanted = entity_value(tracker, JOB_FAMILY)
        family = next((f for f in families(session) if wanted and f.lower() == wanted.lower()), None)
        if family is None:
            render.send(dispatcher, [render.families_reply(list_roles(session))])
            return []
        try:
            page = int(entity_value(tracker, PAGE) or 1)
        except ValueError:
            page = 1
        [(_, roles)] = list_roles(session, family)
        render.send(dispatcher, [render.family_page_reply(family, roles, page)])
        return []


class ActionCareerPath(KnowledgeAction):
    """Routes between roles, ways into a role, or where a role leads."""

    def name(self) -> str:
        return "action_career_path"

    def respond(self, dispatcher: CollectingDispatcher, tracker: Tracker, domain: dict, session: Session) -> list:
        known, unknown, spans = mentioned_roles(session, tracker)
        roles = list(dict.fromkeys(known))
        if unknown:
            report_unknown(dispatcher, session, tracker, unknown, spans, INFORM)
            return []
        if not roles and report_unknown(dispatcher, session, tracker, [], spans, INFORM):
            return []
        if not roles:
            remembered = [r for r in (tracker.get_slot(ROLE_A), tracker.get_slot(ROLE_B)) if r]
            if len(remembered) == 2:
                matches = [resolve_role(session, r) for r in remembered]
                ordered = sorted((m.role for m in matches if isinstance(m, RoleMatch)), key=lambda r: r.seniority)
                roles = [r.name for r in ordered]
            else:
                render.send(
                    dispatcher, [render.ask_role_reply("Which role are you aiming for?", common_roles(session), CAREER)]
                )
                return []
        if len(roles) >= 2:
            path = career_path(session, roles[0], roles[1])
            if isinstance(path, CareerPath):
                render.send(dispatcher, render.career_path_replies(path))
            return []
        match = resolve_role(session, roles[0])
        assert isinstance(match, RoleMatch)
        direction = entity_value(tracker, CAREER_DIRECTION)
        text = tracker.latest_message.get("text") or ""
        if direction == "after" or (direction is None and AFTER_CUES.search(text)):
            profile = describe_role(session, match.role.name)
            assert isinstance(profile, RoleProfile)
            render.send(dispatcher, [render.next_roles_reply(match.role, profile.next_roles)])
        else:
            render.send(dispatcher, [render.entry_roles_reply(match.role, entry_roles(session, match.role))])
        return []
