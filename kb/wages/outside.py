"""Jobs outside the operations map: recognising them, their ways in, and their pay (US BLS OEWS).

Pure functions over a ``Session``. An outside occupation is any detailed OEWS occupation no role
claims by SOC code, named by its OEWS title or an authored everyday name (``occupations.yml``),
plus the jobs OEWS does not cover that content names by an outside group (military service).
"""

from __future__ import annotations

import re
from typing import Optional, Union

from sqlalchemy import select
from sqlalchemy.orm import Session

from kb.education_models import Certification
from kb.models import Role
from kb.wages.outside_models import OccupationAlias, OutsideCue, OutsideGroup
from kb.wages.outside_results import EntryRole, OccupationInfo, OutsidePay, RouteIn, WaysIn, WaysInPay
from kb.queries import career_path
from kb.routes import ladder_start
from kb.resolve import role_info
from kb.results import AreaInfo, CareerPath, RoleInfo, UnknownArea
from kb.text import lookup_key, singular
from kb.wages.models import RoleSoc, WageArea, WageOccupation, WageRelease
from kb.wages.figures import pay_figures, resolve_area, soc_figures

_QUALIFIER = re.compile(r",\s*(except|all other|including)\b.*$", re.IGNORECASE)


def title_forms(title: str) -> list[str]:
    """Surface forms of an OEWS title: itself, without a trailing ", Except ..." qualifier, and the
    singular of each ("Registered Nurses" -> "Registered Nurses", "Registered Nurse")."""
    forms = [title, _QUALIFIER.sub("", title)]
    for form in list(forms):
        words = form.split()
        if words and "," not in form:
            forms.append(" ".join([*words[:-1], singular(words[-1].lower())]))
    return list(dict.fromkeys(f for f in forms if f))


def outside_codes(session: Session) -> dict[str, str]:
    """SOC code -> OEWS title of every detailed occupation no role claims."""
    claimed = set(session.scalars(select(RoleSoc.soc)))
    rows = session.execute(select(WageOccupation.soc, WageOccupation.title).order_by(WageOccupation.soc))
    return {soc: title for soc, title in rows if soc not in claimed}


def occupation_forms(session: Session) -> list[tuple[str, str]]:
    """(entity value, surface form) pairs for the entity ruler: authored names first, then OEWS titles."""
    codes = outside_codes(session)
    rows = session.scalars(select(OccupationAlias).order_by(OccupationAlias.id)).all()
    authored = [(row.soc or row.group_slug, row.alias) for row in rows if row.soc is None or row.soc in codes]
    hidden = {row.soc for row in rows if not row.use_title}
    return authored + [(soc, form) for soc, title in codes.items() if soc not in hidden for form in title_forms(title)]


def _group_for(session: Session, soc: str) -> OutsideGroup:
    groups = session.scalars(select(OutsideGroup).order_by(OutsideGroup.position)).all()
    matches = [(len(p), g) for g in groups for p in g.soc_prefixes if soc.startswith(p)]
    if matches:
        return max(matches, key=lambda m: m[0])[1]
    return next(g for g in groups if g.is_default)


def resolve_occupation(session: Session, value: Optional[str]) -> Optional[OccupationInfo]:
    """The outside occupation an entity value (SOC code or group slug) or typed name stands for."""
    if not value or not session.scalar(select(OutsideGroup.slug).limit(1)):
        return None
    codes = outside_codes(session)
    soc: Optional[str] = value if value in codes else None
    if soc is None:
        alias = session.scalar(
            select(OccupationAlias).where(
                (OccupationAlias.key == lookup_key(value)) | (OccupationAlias.group_slug == value)
            )
        )
        if alias is not None and alias.soc is None:
            group = alias.group_slug
            return OccupationInfo(key=group, title=alias.name or alias.alias, soc=None, group=group)
        soc = alias.soc if alias is not None else None
    if soc is None:
        key = lookup_key(value)
        soc = next((c for c, t in codes.items() if any(lookup_key(f) == key for f in title_forms(t))), None)
    if soc is None or soc not in codes:
        return None
    return OccupationInfo(key=soc, title=codes[soc], soc=soc, group=_group_for(session, soc).slug)


def ways_in(session: Session, occupation: OccupationInfo) -> WaysIn:
    """The occupation's group: entry roles with reasons, what transfers, what is usually missing, a first step."""
    group = session.get(OutsideGroup, occupation.group)
    assert group is not None
    certification = session.scalar(select(Certification).where(Certification.name == group.certification))
    return WaysIn(
        occupation=occupation,
        group_name=group.name,
        entries=tuple(EntryRole(role_info(e.role), e.why) for e in group.entries),
        transfers=tuple(group.transfers),
        lacks=group.lacks,
        first_step=group.first_step,
        certification=group.certification,
        certification_full=certification.full_name if certification is not None else None,
    )


def route_in(session: Session, occupation: OccupationInfo, goal: RoleInfo) -> RouteIn:
    """From the occupation to ``goal`` through the entry role with the fewest typical steps (then the
    entry role listed first); when none leads there, the way up from the first rung of the goal's ladder."""
    ways = ways_in(session, occupation)
    best: Optional[tuple[int, int, EntryRole, CareerPath]] = None
    for position, entry in enumerate(ways.entries):
        if entry.role.name == goal.name:
            path = CareerPath(start=goal, goal=goal, steps=(goal,))
        else:
            found = career_path(session, entry.role.name, goal.name)
            if not isinstance(found, CareerPath) or not found.found:
                continue
            path = found
        if best is None or (len(path.steps), position) < best[:2]:
            best = (len(path.steps), position, entry, path)
    if best is None:  # "nurse to facilities manager": no way in leads there; its ladder's first rung does
        return RouteIn(ways=ways, goal=goal, entry=None, path=None, ladder=ladder_start(session, goal))
    return RouteIn(ways=ways, goal=goal, entry=best[2], path=best[3])


def outside_pay(
    session: Session, sides: list[Union[OccupationInfo, RoleInfo]], area_text: Optional[str] = None
) -> Union[OutsidePay, UnknownArea, None]:
    """OEWS figures of each side in one area (national by default): an outside occupation's own SOC
    code, a role's first SOC code with its pay position. None when the KB has no wage data or a side
    has no SOC code (military service)."""
    release = session.execute(select(WageRelease)).scalar_one_or_none()
    area = resolve_area(session, area_text)
    if release is None or isinstance(area, UnknownArea):
        return area if isinstance(area, UnknownArea) else None
    asked: Optional[AreaInfo] = None
    if area.kind == "M" and any(isinstance(side, OccupationInfo) for side in sides):
        # metro cells are loaded for the roles' own codes only (kb.wages.load): give the metro's state
        metro = session.get(WageArea, area.code)
        state = session.scalar(select(WageArea).where(WageArea.kind == "S", WageArea.state_code == metro.state_code))
        if state is not None:
            asked, area = area, AreaInfo(code=state.code, kind=state.kind, name=state.name)
    found = []
    for side in sides:
        if isinstance(side, OccupationInfo):
            if side.soc is None:
                return None
            found.append((side.named, soc_figures(session, side.soc, area), None))
            continue
        pay = pay_figures(session, [side], area)
        if pay is None:
            return None
        [role_pay] = pay.roles
        found.append((side.name, role_pay.figures[0], role_pay))
    return OutsidePay(area=area, release=release.release, sides=tuple(found), instead_of=asked)


def ways_in_pay(
    session: Session, ways: WaysIn, area_text: Optional[str] = None
) -> Union[WaysInPay, UnknownArea, None]:
    """OEWS pay of the entry roles of ``ways`` and of the occupation they start from (None for a job
    OEWS does not count) in one area (national by default). None when the KB has no wage data or an
    entry role has no SOC code; ``UnknownArea`` for an area the KB does not know."""
    area = resolve_area(session, area_text)
    if isinstance(area, UnknownArea):
        return area
    roles = pay_figures(session, [entry.role for entry in ways.entries], area)
    if roles is None:
        return None
    soc = ways.occupation.soc
    return WaysInPay(occupation=ways.occupation, own=soc_figures(session, soc, area) if soc else None, roles=roles)


def cue_in(session: Session, kind: str, text: str) -> Optional[str]:
    """The first cue word of ``kind`` ("pay_mix", "suits_me") that ``text`` contains as whole words, else None."""
    lowered = " " + " ".join(re.sub(r"[^a-z0-9' ]+", " ", text.lower()).split()) + " "
    words = session.scalars(select(OutsideCue.word).where(OutsideCue.kind == kind)).all()
    return next((word for word in sorted(words, key=len, reverse=True) if f" {word} " in lowered), None)


def role_named(session: Session, name: str) -> Optional[RoleInfo]:
    role = session.scalar(select(Role).where(Role.name == name))
    return role_info(role) if role is not None else None


def area_info(area: AreaInfo) -> str:
    return "the US" if area.kind == "N" else area.name
