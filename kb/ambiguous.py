"""Short forms that name several roles ("PM": project, production, plant, program or procurement
manager): the rules for ``kb/data/ambiguous.yml`` and the query the dialogue asks them with.

An unambiguous short form ("OM", "HoO") is simply an alias in its role's file; one that could
mean several roles is listed in ``ambiguous.yml`` instead, so the bot can ask which was meant
rather than guess.
"""

from __future__ import annotations

from sqlalchemy import select
from sqlalchemy.orm import Session

from kb.content.load import Content, ContentError, Where
from kb.models import AmbiguousForm, Role
from kb.resolve import role_info
from kb.results import RoleInfo
from kb.text import lookup_key

MIN_CANDIDATES = 2


def check_ambiguous(content: Content) -> list[ContentError]:
    """Problems in ``ambiguous.yml``: unknown or repeated candidates, fewer than two of them, a form
    listed twice, and a form that is also a role's name or alias (it would then not be ambiguous)."""
    errors: list[ContentError] = []
    names = {role.name for role in content.roles}
    aliases: dict[str, str] = {}
    for role in content.roles:
        for form in (role.name, *(alias for alias, _ in role.aliases)):
            aliases.setdefault(lookup_key(form), role.name)
    seen: dict[str, Where] = {}
    for spec in content.ambiguous:
        key = lookup_key(spec.form)
        if not key:
            errors.append(ContentError(spec.where, f"ambiguous form '{spec.form}' has no letters or digits"))
            continue
        if key in seen:
            errors.append(ContentError(spec.where, f"ambiguous form '{spec.form}' is already listed at {seen[key]}"))
        seen.setdefault(key, spec.where)
        if key in aliases:
            errors.append(
                ContentError(spec.where, f"ambiguous form '{spec.form}' is also a name or alias of '{aliases[key]}'")
            )
        listed: set[str] = set()
        for name, where in spec.candidates:
            if name not in names:
                errors.append(ContentError(where, f"'{spec.form}' names unknown role '{name}'"))
            elif name in listed:
                errors.append(ContentError(where, f"'{spec.form}' lists '{name}' twice"))
            listed.add(name)
        if len(spec.candidates) < MIN_CANDIDATES:
            errors.append(
                ContentError(spec.where, f"ambiguous form '{spec.form}' must list at least {MIN_CANDIDATES} roles")
            )
    return errors


def ambiguous_candidates(session: Session, text: str) -> tuple[RoleInfo, ...]:
    """The roles ``text`` may mean when it is, as a whole, a listed ambiguous form ("PM", "a pm",
    "supervisors"), in the order ``ambiguous.yml`` gives; empty when it is not one.

    Matched on the same normalised key as aliases (case, punctuation, articles and plurals ignored).
    """
    key = lookup_key(text)
    if not key:
        return ()
    rows = session.scalars(
        select(Role)
        .join(AmbiguousForm, AmbiguousForm.role_id == Role.id)
        .where(AmbiguousForm.key == key)
        .order_by(AmbiguousForm.position)
    )
    return tuple(role_info(role) for role in rows)
