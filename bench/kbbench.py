"""Knowledge-base query time without Rasa: resolve_role (exact alias) + compare_on.

One query is what the action server does for a dimension question: open a session,
resolve both roles from exact aliases, compare them on one dimension. The SQL those
calls send is captured and run through SQLite's ``EXPLAIN QUERY PLAN``.
"""

from __future__ import annotations

import random
import sqlite3
import tempfile
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from sqlalchemy import event, func, select
from sqlalchemy.engine import Engine
from sqlalchemy.orm import Session

from bench.stats import summarize
from bench.synthetic import synthetic_content
from kb.build import build_database, checked_content
from kb.content.load import Content
from kb.db import make_engine
from kb.models import Dimension, Role, RoleAlias
from kb.queries import compare_on
from kb.resolve import resolve_role
from kb.results import RoleMatch, Verdict
from kb.content.validate import validate


@dataclass(frozen=True)
class Case:
    alias_a: str
    alias_b: str
    dimension: str


def sample_cases(engine: Engine, count: int, seed: int = 7) -> list[Case]:
    """``count`` random questions: two different roles, each by one of its aliases, one dimension."""
    rng = random.Random(seed)
    with Session(engine) as session:
        aliases: dict[int, list[str]] = {}
        for role_id, alias in session.execute(select(RoleAlias.role_id, RoleAlias.alias)):
            aliases.setdefault(role_id, []).append(alias)
        dimensions = list(session.scalars(select(Dimension.slug)))
    role_ids = sorted(aliases)
    cases = []
    for _ in range(count):
        a, b = rng.sample(role_ids, 2)
        cases.append(Case(rng.choice(aliases[a]), rng.choice(aliases[b]), rng.choice(dimensions)))
    return cases


def typo(text: str, rng: random.Random) -> str:
    """``text`` with one letter dropped from its longest word (what the fuzzy fallback forgives)."""
    words = text.split()
    longest = max(range(len(words)), key=lambda i: len(words[i]))
    word = words[longest]
    if len(word) > 4:
        cut = rng.randrange(1, len(word) - 1)
        words[longest] = word[:cut] + word[cut + 1 :]
    return " ".join(words)


class QueryTimer:
    """Collects per-query times in microseconds: resolve (both roles), compare, and their total."""

    def __init__(self, engine: Engine) -> None:
        self.engine = engine
        self.resolve_us: list[float] = []
        self.compare_us: list[float] = []
        self.total_us: list[float] = []
        self.failures = 0

    def run(self, cases: list[Case], record: bool = True) -> None:
        for case in cases:
            with Session(self.engine) as session:
                start = time.perf_counter_ns()
                first, second = resolve_role(session, case.alias_a), resolve_role(session, case.alias_b)
                resolved = time.perf_counter_ns()
                ok = isinstance(first, RoleMatch) and isinstance(second, RoleMatch)
                result = compare_on(session, first.role, second.role, case.dimension) if ok else None  # type: ignore[union-attr]
                done = time.perf_counter_ns()
            exact = ok and first.confidence == 1.0 and second.confidence == 1.0  # type: ignore[union-attr]
            if not (exact and isinstance(result, Verdict)):
                self.failures += 1
            if record:
                self.resolve_us.append((resolved - start) / 1000)
                self.compare_us.append((done - resolved) / 1000)
                self.total_us.append((done - start) / 1000)

    def summary(self) -> dict[str, Any]:
        return {
            "query_us": summarize(self.total_us),
            "resolve_two_roles_us": summarize(self.resolve_us),
            "compare_on_us": summarize(self.compare_us),
            "failures": self.failures,
        }


def time_queries(engine: Engine, cases: list[Case], warmup: int = 20) -> dict[str, Any]:
    """Per-query times of ``cases`` after ``warmup`` untimed ones."""
    timer = QueryTimer(engine)
    timer.run(cases[:warmup], record=False)
    timer.run(cases)
    return timer.summary()


def time_fuzzy(engine: Engine, cases: list[Case], seed: int = 11) -> dict[str, Any]:
    """resolve_role on a misspelt alias: the fallback that ranks every alias key."""
    rng = random.Random(seed)
    times, resolved = [], 0
    for case in cases:
        text = typo(case.alias_a, rng)
        with Session(engine) as session:
            start = time.perf_counter_ns()
            match = resolve_role(session, text)
            times.append((time.perf_counter_ns() - start) / 1000)
        resolved += isinstance(match, RoleMatch)
    return {"resolve_typo_us": summarize(times), "resolved": resolved, "asked": len(cases)}


def captured_sql(engine: Engine, action: Callable[[], object]) -> list[tuple[str, Any]]:
    """The statements (and parameters) ``action`` sends through ``engine``, PRAGMAs left out."""
    statements: list[tuple[str, Any]] = []

    def record(_conn, _cursor, statement, parameters, _context, _executemany):  # type: ignore[no-untyped-def]
        if not statement.lstrip().upper().startswith("PRAGMA"):
            statements.append((statement, parameters))

    event.listen(engine, "before_cursor_execute", record)
    try:
        action()
    finally:
        event.remove(engine, "before_cursor_execute", record)
    return statements


def explain(engine: Engine, statement: str, parameters: Any) -> list[str]:
    """SQLite's ``EXPLAIN QUERY PLAN`` details for one statement."""
    with engine.connect() as connection:
        rows = connection.exec_driver_sql(f"EXPLAIN QUERY PLAN {statement}", parameters).all()
    return [str(row[-1]) for row in rows]


ONE_ROW_TABLES = ("kb_build",)  # one row whatever the KB's size: reading it whole is reading that row


def full_scans(plan: list[str]) -> list[str]:
    """Plan steps that read a whole table or a whole index (``SCAN ...``), not an indexed search, of
    a table that grows with the KB (``ONE_ROW_TABLES`` are not counted)."""
    return [step for step in plan if step.strip().upper().startswith("SCAN") and step.split()[1] not in ONE_ROW_TABLES]


def query_plans(engine: Engine, case: Case) -> dict[str, Any]:
    """Plans of every statement: the first resolve on a new KB build (which reads the alias index,
    once per build), then, with the index read, an exact resolve + compare and the fuzzy fallback."""

    def first() -> None:
        with Session(engine) as session:
            resolve_role(session, case.alias_a)

    def exact() -> None:
        with Session(engine) as session:
            first, second = resolve_role(session, case.alias_a), resolve_role(session, case.alias_b)
            assert isinstance(first, RoleMatch) and isinstance(second, RoleMatch)
            compare_on(session, first.role, second.role, case.dimension)

    def fuzzy() -> None:
        with Session(engine) as session:
            resolve_role(session, typo(case.alias_a, random.Random(3)) + "q")

    result: dict[str, Any] = {}
    plans = (
        ("alias_index_once_per_build", first),
        ("resolve_exact_and_compare_on", exact),
        ("resolve_fuzzy_fallback", fuzzy),
    )
    for name, action in plans:
        seen: dict[str, dict[str, Any]] = {}
        for statement, parameters in captured_sql(engine, action):
            key = " ".join(statement.split())
            if key in seen:
                seen[key]["executions"] += 1
                continue
            plan = explain(engine, statement, parameters)
            seen[key] = {"sql": key, "plan": plan, "full_scans": full_scans(plan), "executions": 1}
        statements = list(seen.values())
        result[name] = {
            "statements": statements,
            "full_scan_count": sum(len(s["full_scans"]) for s in statements),
            "all_indexed": all(not s["full_scans"] for s in statements),
        }
    return result


def real_kb(content: Content, queries: int) -> dict[str, Any]:
    """The real content in an in-memory SQLite KB (as the tests build it)."""
    engine = make_engine("sqlite://")
    counts = build_database(engine, content)
    cases = sample_cases(engine, queries)
    result = {"storage": "sqlite in-memory (StaticPool)", "counts": counts, **time_queries(engine, cases)}
    result.update(time_fuzzy(engine, cases[: max(20, queries // 10)]))
    result["explain"] = query_plans(engine, cases[0])
    engine.dispose()
    return result


def scaling(
    content: Content, sizes: list[int], queries: int, fuzzy_queries: int, batch: int = 25
) -> list[dict[str, Any]]:
    """Synthetic KBs of each size in temporary SQLite files: build time, query times, plans.

    The timed queries run in small batches taking turns across the sizes, so that load
    from other processes on the machine falls on every size alike.
    """
    with tempfile.TemporaryDirectory(prefix="rolewise-bench-kb-") as folder:
        engines, points = {}, {}
        for size in sizes:
            synthetic = synthetic_content(content, size)
            errors = validate(synthetic)
            if errors:
                raise RuntimeError(f"synthetic KB of {size} roles is invalid: {errors[:3]}")
            engine = make_engine(f"sqlite:///{Path(folder) / f'kb_{size}.sqlite3'}")
            start = time.perf_counter()
            counts = build_database(engine, synthetic)
            build_s = time.perf_counter() - start
            with Session(engine) as session:
                assert session.scalar(select(func.count(Role.id))) == size
            engines[size] = engine
            points[size] = {
                "roles": size,
                "counts": counts,
                "build_s": build_s,
                "storage": f"sqlite file ({engine.pool.__class__.__name__}: one connection per session)",
            }
        cases = {size: sample_cases(engines[size], queries, seed=size) for size in sizes}
        timers = {size: QueryTimer(engines[size]) for size in sizes}
        for size in sizes:
            timers[size].run(cases[size][:20], record=False)
        for offset in range(0, queries, batch):
            for size in sizes:
                timers[size].run(cases[size][offset : offset + batch])
        for size in sizes:
            points[size].update(timers[size].summary())
            points[size].update(time_fuzzy(engines[size], cases[size][:fuzzy_queries]))
            points[size]["explain"] = query_plans(engines[size], cases[size][0])
            engines[size].dispose()
    return [points[size] for size in sizes]


def sqlite_version() -> str:
    return sqlite3.sqlite_version


FLAT_FACTOR = 1.5  # largest KB's median query time at most this many times the smallest's


def kb_section(real_queries: int, sizes: list[int], queries_per_size: int, fuzzy_queries: int) -> dict[str, Any]:
    """The KB section of the benchmark: the real KB's query time, and how it scales on synthetic KBs."""
    content = checked_content()
    real = real_kb(content, real_queries)
    points = scaling(content, sizes, queries_per_size, fuzzy_queries)
    medians = [p["query_us"]["p50"] for p in points]
    flat = medians[-1] / medians[0]
    plans_checked = [real["explain"]] + [p["explain"] for p in points]
    return {
        "method": (
            "one query = new Session, resolve_role on two exact aliases, compare_on one dimension "
            "(what the action server does per dimension question); times in microseconds"
        ),
        "real": real,
        "scaling": points,
        "flatness_largest_over_smallest_median": flat,
        "flat": flat <= FLAT_FACTOR,
        "flat_criterion": f"median at {points[-1]['roles']} roles <= {FLAT_FACTOR}x median at {points[0]['roles']}",
        "exact_path_full_scans": sum(p["resolve_exact_and_compare_on"]["full_scan_count"] for p in plans_checked),
        "sqlite": sqlite_version(),
    }
