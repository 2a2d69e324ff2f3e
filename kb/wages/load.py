"""Loading the wage tables of the KB from the OEWS SQLite file (``kb.wages.fetch``).

The OEWS file (tables ``occupation``, ``area``, ``footnote``, ``meta`` and ``cell``, one row
per OEWS series id such as ``OEUM0010180000000111021``: type U, area type M, area 0010180,
all industries 000000, occupation 111021) is read with the standard library; the all-industry
cells of every detailed occupation (``display_level`` 3, about 830: the roles' SOC codes and
every job outside the map) are copied nationally and for every state; metro areas only for
the roles' own codes (which keeps `make kb` fast). Columns used:
v01 employment, v11-v15 annual 10th/25th/median/75th/90th percentile wages (USD),
f01/f11-f15 their footnotes ("-" in a value means not published).
"""

from __future__ import annotations

import sqlite3
from collections.abc import Collection, Iterator
from contextlib import closing
from pathlib import Path
from typing import Optional

from sqlalchemy import delete, insert, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from kb.content.load import Content
from kb.models import Role
from kb.wages.models import (
    RolePayPosition,
    RoleSoc,
    Wage,
    WageArea,
    WageFootnote,
    WageOccupation,
    WageRelease,
)

ALL_INDUSTRIES = "000000"
COLUMNS = (("employment", "01"), ("p10", "11"), ("p25", "12"), ("median", "13"), ("p75", "14"), ("p90", "15"))
BATCH = 500


def occupation_code(soc: str) -> str:
    """OEWS writes SOC "11-1021" as "111021"."""
    return soc.replace("-", "")


def series_id(area_kind: str, area_code: str, soc: str) -> str:
    """The OEWS series id of one occupation in one area, all industries."""
    return f"OEU{area_kind}{area_code}{ALL_INDUSTRIES}{occupation_code(soc)}"


def known_soc_codes(database: Path) -> set[str]:
    """SOC codes ("11-1021") with a national all-industry cell in the OEWS file."""
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as source:
        rows = source.execute(
            "SELECT occupation_code FROM occupation WHERE 'OEUN0000000' || ? || occupation_code IN "
            "(SELECT key FROM cell WHERE key LIKE 'OEUN0000000' || ? || '%')",
            (ALL_INDUSTRIES, ALL_INDUSTRIES),
        )
        return {f"{code[:2]}-{code[2:]}" for (code,) in rows}


def _number(value: Optional[str]) -> Optional[int]:
    try:
        return round(float(value)) if value is not None else None
    except ValueError:  # "-" and other markers: not published
        return None


def _cells(source: sqlite3.Connection, keys: list[str]) -> Iterator[tuple]:
    columns = ", ".join([f"v{n}" for _, n in COLUMNS] + [f"f{n}" for _, n in COLUMNS])
    for start in range(0, len(keys), BATCH):
        batch = keys[start : start + BATCH]
        marks = ", ".join("?" * len(batch))
        yield from source.execute(f"SELECT key, {columns} FROM cell WHERE key IN ({marks})", batch)


def detailed_codes(database: Path) -> list[str]:
    """Every detailed SOC occupation ("29-1141") of the OEWS file (``display_level`` 3)."""
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as source:
        rows = source.execute("SELECT occupation_code FROM occupation WHERE display_level = 3")
        return sorted(f"{code[:2]}-{code[2:]}" for (code,) in rows)


def _wage_rows(
    source: sqlite3.Connection, areas: list[tuple], soc_codes: Collection[str], metro_codes: Collection[str]
) -> Iterator[dict]:
    """Cells of ``soc_codes`` nationally and in every state; in metro areas only for ``metro_codes``."""
    by_key = {
        series_id(kind, code, soc): (soc, code)
        for code, kind, _state, _name in areas
        for soc in sorted(soc_codes)
        if kind != "M" or soc in metro_codes
    }
    for key, *values in _cells(source, sorted(by_key)):
        soc, area_code = by_key[key]
        figures, notes = values[: len(COLUMNS)], values[len(COLUMNS) :]
        fields = {name: _number(value) for (name, _), value in zip(COLUMNS, figures, strict=True)}
        fields |= {f"{name}_note": note for (name, _), note in zip(COLUMNS, notes, strict=True)}
        yield {"soc": soc, "area_code": area_code, **fields}


def load_role_pay(session: Session, content: Content) -> int:
    """Replace every role's SOC codes and pay position with what ``content`` says; returns the role count."""
    session.execute(delete(RoleSoc))
    session.execute(delete(RolePayPosition))
    ids = dict(session.execute(select(Role.name, Role.id)).all())
    for role in content.roles:
        for position, (soc, _where) in enumerate(role.soc):
            session.add(RoleSoc(role_id=ids[role.name], soc=soc, position=position))
        if role.pay_position is not None:
            pay = role.pay_position
            session.add(RolePayPosition(role_id=ids[role.name], band=pay.band, text=pay.text))
    return len(content.roles)


def load_wages(engine: Engine, database: Path, database_sha256: str, content: Content) -> Optional[dict[str, int]]:
    """Load the wage cells of every detailed occupation and every SOC code ``content`` names, in one transaction.

    The roles' own SOC codes and pay positions are always rewritten (the KB's role rows may
    have been reloaded); the wage rows only when the source file or the set of codes changed,
    in which case the row counts are returned (else None). Codes must have been validated
    against ``known_soc_codes`` first.
    """
    with Session(engine) as session, session.begin():
        return load_wage_tables(session, database, database_sha256, content)


def load_wage_tables(
    session: Session, database: Path, database_sha256: str, content: Content
) -> Optional[dict[str, int]]:
    """``load_wages`` in ``session``'s transaction, which the caller commits (``kb build`` does so
    once, with the content: see ``kb.build.replace_content``)."""
    soc_codes = sorted({soc for role in content.roles for soc, _ in role.soc} | set(detailed_codes(database)))
    load_role_pay(session, content)
    current = session.execute(select(WageRelease)).scalar_one_or_none()
    if current is not None and (current.source_sha256, current.soc_codes) == (database_sha256, ",".join(soc_codes)):
        return None
    for model in (Wage, WageOccupation, WageArea, WageFootnote, WageRelease):
        session.execute(delete(model))
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as source:
        meta = dict(source.execute("SELECT name, value FROM meta"))
        session.add(
            WageRelease(
                release=meta["release"],
                release_code=meta["release_code"],
                source_sha256=database_sha256,
                soc_codes=",".join(soc_codes),
            )
        )
        footnotes = source.execute("SELECT footnote_code, footnote_text FROM footnote")
        session.add_all(WageFootnote(code=code, text=text) for code, text in footnotes)
        codes = [occupation_code(soc) for soc in soc_codes]
        titles = source.execute(
            f"SELECT occupation_code, occupation_name FROM occupation WHERE occupation_code IN "
            f"({', '.join('?' * len(codes))})",
            codes,
        ).fetchall()
        session.add_all(WageOccupation(soc=f"{code[:2]}-{code[2:]}", title=title) for code, title in titles)
        areas = source.execute("SELECT area_code, areatype_code, state_code, area_name FROM area").fetchall()
        session.add_all(
            WageArea(code=code, kind=kind, state_code=state, name=name, key=name.lower())
            for code, kind, state, name in areas
        )
        session.flush()
        role_codes = {soc for role in content.roles for soc, _ in role.soc}
        wages = list(_wage_rows(source, areas, soc_codes, role_codes))
        for start in range(0, len(wages), 10 * BATCH):
            session.execute(insert(Wage), wages[start : start + 10 * BATCH])
    return {"areas": len(areas), "occupations": len(titles), "wage rows": len(wages)}


def national_percentiles(database: Path, soc_codes: Collection[str]) -> dict[str, dict[str, Optional[int]]]:
    """SOC code -> its national annual percentiles ({"p10", "p25", "median", "p75", "p90"}: USD or None).

    Codes without a national all-industry cell in the OEWS file are left out.
    """
    national = [("0000000", "N", None, None)]
    with closing(sqlite3.connect(f"file:{database}?mode=ro", uri=True)) as source:
        return {
            wage["soc"]: {stat: wage[stat] for stat in ("p10", "p25", "median", "p75", "p90")}
            for wage in _wage_rows(source, national, soc_codes, ())
        }
