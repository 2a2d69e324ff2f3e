"""Pay questions answered from the wage tables (US BLS OEWS, loaded by ``kb.wages.load``).

Pure functions over a ``Session``. Figures are annual US dollars exactly as BLS publishes them;
a figure BLS does not publish stays None and carries the BLS footnote saying why.
"""

from __future__ import annotations

import difflib
from typing import Optional, Union

from sqlalchemy import select
from sqlalchemy.orm import Session

from kb.models import Role
from kb.resolve import role_info
from kb.results import AreaInfo, PayFigures, RoleInfo, RolePay, UnknownArea, WageFigures
from kb.wages.models import RolePayPosition, RoleSoc, Wage, WageArea, WageFootnote, WageOccupation, WageRelease

NATIONAL = "N"
NATIONAL_WORDS = frozenset({"national", "nationwide", "us", "usa", "u.s.", "united states", "america", "the us"})
SUGGESTIONS = 3


def _area(row: WageArea) -> AreaInfo:
    return AreaInfo(code=row.code, kind=row.kind, name=row.name)


def _first_place(name: str) -> str:
    """ "Houston-Pasadena-The Woodlands, TX" -> "houston"; "St. Louis, MO-IL" -> "st louis"."""
    return _plain(name.split(",")[0].split("-")[0])


def _plain(name: str) -> str:
    """A name as matched: lower case, full stops as spaces, single spaces ("St. Louis" -> "st louis")."""
    return " ".join(name.lower().replace(".", " ").split())


def resolve_area(session: Session, text: Optional[str]) -> Union[AreaInfo, UnknownArea]:
    """The OEWS area a user means: the nation by default or for "US"; else a state or metro area
    by its exact name ("Texas"), its first place name ("Houston") or the start of its name.
    A first place name shared by several areas ("Portland") is not guessed: they are suggested.
    """
    query = _plain(text or "")
    if not query or query in NATIONAL_WORDS or query.replace(" ", ".") in NATIONAL_WORDS:
        national = session.scalars(select(WageArea).where(WageArea.kind == NATIONAL).limit(1)).first()
        return _area(national) if national is not None else UnknownArea(query=text or "")
    rows = session.scalars(select(WageArea).order_by(WageArea.kind.desc(), WageArea.name)).all()
    for matches in (
        [row for row in rows if _plain(row.key) == query],
        [row for row in rows if _first_place(row.name) == query],
        [row for row in rows if _plain(row.key).startswith(query)],
    ):
        if len(matches) == 1:
            return _area(matches[0])
        if matches:
            return UnknownArea(query=text or "", suggestions=tuple(_area(row) for row in matches[:SUGGESTIONS]))
    by_key = {row.key: row for row in rows}
    close = difflib.get_close_matches(query, list(by_key), n=SUGGESTIONS, cutoff=0.75)
    return UnknownArea(query=text or "", suggestions=tuple(_area(by_key[key]) for key in close))


def area_by_code(session: Session, code: str) -> Optional[AreaInfo]:
    """The OEWS area with this code ("4800000": Texas), or None."""
    row = session.get(WageArea, code)
    return _area(row) if row is not None else None


def _figures(session: Session, soc: str, area: AreaInfo, footnotes: dict[str, str]) -> WageFigures:
    title = session.get(WageOccupation, soc)
    row = session.execute(select(Wage).where(Wage.soc == soc, Wage.area_code == area.code)).scalar_one_or_none()
    name = title.title if title is not None else soc
    if row is None:
        return WageFigures(soc=soc, title=name)
    statistics = ("employment", "p10", "p25", "median", "p75", "p90")
    notes = tuple(
        (stat, footnotes.get(getattr(row, f"{stat}_note"), "not published"))
        for stat in statistics
        if getattr(row, f"{stat}_note") is not None
    )
    return WageFigures(
        soc=soc, title=name, found=True, notes=notes, **{stat: getattr(row, stat) for stat in statistics}
    )


def soc_figures(session: Session, soc: str, area: AreaInfo) -> WageFigures:
    """One SOC code's figures in ``area`` (``found`` False when BLS publishes none there)."""
    footnotes = dict(session.execute(select(WageFootnote.code, WageFootnote.text)).all())
    return _figures(session, soc, area, footnotes)


def pay_figures(session: Session, roles: list[RoleInfo], area: Optional[AreaInfo] = None) -> Optional[PayFigures]:
    """The wage figures of each role's SOC codes in ``area`` (national when None).

    Returns None when the KB holds no wage data (it was built without it) or a role has no codes.
    """
    release = session.execute(select(WageRelease)).scalar_one_or_none()
    if release is None:
        return None
    if area is None:
        national = resolve_area(session, None)
        if isinstance(national, UnknownArea):
            return None
        area = national
    footnotes = dict(session.execute(select(WageFootnote.code, WageFootnote.text)).all())
    result = []
    for info in roles:
        role = session.execute(select(Role).where(Role.name == info.name)).scalar_one()
        codes = session.scalars(select(RoleSoc.soc).where(RoleSoc.role_id == role.id).order_by(RoleSoc.position))
        position = session.get(RolePayPosition, role.id)
        figures = tuple(_figures(session, soc, area, footnotes) for soc in codes)
        if not figures or position is None:
            return None
        result.append(RolePay(role=role_info(role), band=position.band, position=position.text, figures=figures))
    return PayFigures(area=area, release=release.release, roles=tuple(result))
