"""Slot, entity and intent names shared by the domain, the actions and the tests."""

from __future__ import annotations

ROLE_A = "role_a"
ROLE_B = "role_b"
DIMENSION = "dimension"
NEEDS_ROLES = "needs_roles"
PENDING = "pending"
RANKED = "ranked"
CURRENT_ROLE = "current_role"
ROUTE_END = "route_end"
FOCUS_ROLE = "focus_role"
REQUESTED_SLOT = "requested_slot"

JOB_ROLE = "job_role"
JOB_FAMILY = "job_family"
PAGE = "page"
PLACE_ASKED = "place_asked"  # slot: the OEWS area the last pay answer was for ("and a buyer there?")
AREA = "area"  # entity: an OEWS area code, in a "Full BLS pay figures" button's payload
CAREER_DIRECTION = "career_direction"

FORM = "comparison_form"
DIMENSION_INTENT_PREFIX = "ask_"
COMPARE = "compare_roles"
INFORM = "inform"
DESCRIBE = "describe_role"
LIST = "list_roles"
CAREER = "career_path"
CHOOSE = "choose"
WHY = "explain"
STATE_ROLE = "state_role"
FALLBACK = "nlu_fallback"
OUT_OF_SCOPE = "out_of_scope"
HELP = "help"
OTHER_ASPECT = "other_aspect"
FULL_COMPARISON = "all"
EDUCATION = "education"
PAY_DETAIL = "pay_detail"

OCCUPATION = "occupation"  # entity: a job outside the map, valued by SOC code ("29-1141") or outside group
CURRENT_OCCUPATION = "current_occupation"  # slot: the outside job the user said they hold
COMPARED_OCCUPATION = "compared_occupation"  # slot: the outside job last compared on pay with another job
