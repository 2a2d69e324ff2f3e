"""A role's pay mix (base, bonus, equity) as the role files describe it (``pay_mix``)."""

from __future__ import annotations

from typing import Optional

from sqlalchemy import select
from sqlalchemy.orm import Session

from kb.models import Role
from kb.wages.outside_models import RolePayMix
from kb.wages.outside_results import PayMix
from kb.resolve import role_info


def pay_mix(session: Session, name: str) -> Optional[PayMix]:
    """The pay mix of the role with canonical ``name``, or None when its file has none."""
    role = session.scalar(select(Role).where(Role.name == name))
    mix = session.get(RolePayMix, role.id) if role is not None else None
    if role is None or mix is None:
        return None
    return PayMix(role=role_info(role), bonus=mix.bonus, equity=mix.equity, text=mix.text)
