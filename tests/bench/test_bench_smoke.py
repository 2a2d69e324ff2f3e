"""The pure parts of the benchmark harness (bench/): no servers are started here."""

from __future__ import annotations

import random
from importlib import metadata

import pytest
from sqlalchemy import func, select
from sqlalchemy.orm import Session

import jsonschema

from bench import replycheck
from bench.kbbench import Case, query_plans, sample_cases, time_queries
from bench.report import markdown_table
from bench.stats import linear_fit, percentile, summarize
from bench.synthetic import synthetic_content
from bench.summary import throughput_rows
from bench.throughput import P95_TARGET_MS, Outcome, classify, level_check, slot_script
from bench.conversations import Turn, distinct_pairs, latency_script, roles_from_kb
from kb.build import build_database
from kb.content.load import Content
from kb.db import make_engine
from kb.models import Contrast, Role, RoleAlias, RoleTrait
from kb.queries import compare_on
from kb.resolve import resolve_role
from kb.results import RoleMatch, Verdict
from kb.content.validate import validate
from runtime import rasa_cli


def test_percentiles_interpolate_between_ranks_like_numpy() -> None:
    values = [float(v) for v in range(1, 11)]  # 1..10
    assert percentile(values, 0) == 1.0
    assert percentile(values, 100) == 10.0
    assert percentile(values, 50) == pytest.approx(5.5)
    assert percentile(values, 95) == pytest.approx(9.55)
    assert percentile(values, 99) == pytest.approx(9.91)
    assert percentile([3.0, 1.0, 2.0], 50) == 2.0  # unsorted input
    assert percentile([7.0], 99) == 7.0
    rng = random.Random(0)
    sample = [rng.random() for _ in range(1001)]
    assert percentile(sample, 50) == sorted(sample)[500]


def test_percentile_refuses_nonsense() -> None:
    with pytest.raises(ValueError):
        percentile([], 50)
    with pytest.raises(ValueError):
        percentile([1.0], 101)


def test_linear_fit_recovers_a_line() -> None:
    slope, intercept = linear_fit([1, 2, 3, 4], [12.0, 14.0, 16.0, 18.0])
    assert slope == pytest.approx(2.0) and intercept == pytest.approx(10.0)
    with pytest.raises(ValueError):
        linear_fit([1, 1], [2.0, 3.0])


def test_summary_has_the_reported_statistics() -> None:
    summary = summarize([10.0, 20.0, 30.0, 40.0])
    assert summary == pytest.approx(
        {"n": 4, "mean": 25.0, "min": 10.0, "p50": 25.0, "p95": 38.5, "p99": 39.7, "max": 40.0}
    )
    assert summarize([]) == {"n": 0}


@pytest.mark.parametrize("size", [2, 28, 61])
def test_synthetic_kb_has_exactly_n_valid_roles(content: Content, size: int) -> None:
    synthetic = synthetic_content(content, size)
    assert len(synthetic.roles) == size
    assert validate(synthetic) == []
    assert not {r.name for r in synthetic.roles} & {r.name for r in content.roles}
    assert all(len(r.traits) == 12 for r in synthetic.roles)


def test_synthetic_kb_answers_kb_queries(content: Content) -> None:
    size = 2 * len(content.roles) + 5  # two full copies of the roster and part of a third
    engine = make_engine("sqlite://")
    counts = build_database(engine, synthetic_content(content, size))
    copies, rest = divmod(size, len(content.roles))
    partial = {r.name for r in sorted(content.roles, key=lambda r: (r.seniority, r.name))[:rest]}
    in_partial = sum(all(name in partial for name in c.roles) for c in content.contrasts)
    assert counts["roles"] == size and counts["contrasts"] == copies * len(content.contrasts) + in_partial
    with Session(engine) as session:
        assert session.scalar(select(func.count(Role.id))) == size
        assert session.scalar(select(func.count(RoleTrait.id))) == size * 12
        assert session.scalar(select(func.count(Contrast.id))) == counts["contrasts"]
        alias = session.scalars(select(RoleAlias.alias).where(RoleAlias.alias.like("% x0002"))).first()
        first = resolve_role(session, alias)
        second = resolve_role(session, "Head of Operations X0001")
    assert isinstance(first, RoleMatch) and first.confidence == 1.0 and first.role.name.endswith("X0002")
    assert isinstance(second, RoleMatch) and second.role.name == "Head of Operations X0001"
    with Session(engine) as session:
        verdict = compare_on(session, first.role, second.role, "budget")
    assert isinstance(verdict, Verdict)
    timings = time_queries(engine, sample_cases(engine, 30), warmup=5)
    assert timings["failures"] == 0 and timings["query_us"]["n"] == 30


def test_exact_queries_use_indexes_and_the_fuzzy_fallback_scans(content: Content) -> None:
    engine = make_engine("sqlite://")
    build_database(engine, synthetic_content(content, 2 * len(content.roles)))  # groups X0000 and X0001
    plans = query_plans(engine, Case("ops manager x0000", "head of ops x0001", "budget"))
    exact = plans["resolve_exact_and_compare_on"]
    assert exact["statements"] and exact["all_indexed"] and exact["full_scan_count"] == 0
    fuzzy = plans["resolve_fuzzy_fallback"]  # the alias index is in memory: only the build id is read
    assert [s["sql"] for s in fuzzy["statements"]] == ["SELECT kb_build.id FROM kb_build"]
    first = plans["alias_index_once_per_build"]
    assert [scan.split()[1] for s in first["statements"] for scan in s["full_scans"]] == ["role_alias", "role"]


def test_markdown_table_writer() -> None:
    table = markdown_table(["Metric", "Value", "Met"], [["p95 | ms", 12.345, True], ["ratio", 1.5, False]], "lrc")
    assert table.splitlines() == [
        "| Metric | Value | Met |",
        "|---|--:|:-:|",
        "| p95 \\| ms | 12.3 | yes |",
        "| ratio | 1.5 | NO |",
    ]
    with pytest.raises(ValueError):
        markdown_table(["a", "b"], [["only one"]])


def test_scripts_expect_their_own_roles(engine) -> None:  # type: ignore[no-untyped-def]
    roles = roles_from_kb(engine)
    script = latency_script(roles, 500, "t")
    assert len(script) == 500 and len({t.sender for t in script}) == 84
    assert {t.kind for t in script} == {"dimension", "follow-up", "comparison"}
    pairs = distinct_pairs(roles, 50)
    assert len({frozenset((a.name, b.name)) for a, b in pairs}) == 50
    slot = slot_script(pairs[0], 20, "slot")
    assert len(slot) == 20 and len({t.sender for t in slot}) == 5
    assert all(set(t.expect) == {pairs[0][0].name, pairs[0][1].name} for t in slot)


def test_cross_talk_is_a_reply_about_another_conversations_pair() -> None:
    turn = Turn("me", "who earns more?", "follow-up", ("Buyer", "Plant Manager"))
    others = [("Quality Manager", "Operations Analyst")]

    def outcome(text: str, recipient: str = "me") -> Outcome:
        return Outcome(turn, 0.01, [{"recipient_id": recipient, "text": text}], None)

    own = ("Buyer", "Plant Manager")
    assert classify(outcome("The Plant Manager is typically paid more than a Buyer."), own, others) == "ok"
    assert classify(outcome("The Quality Manager is paid more than an Operations Analyst."), own, others) == (
        "cross-talk"
    )
    assert classify(outcome("The Plant Manager is paid more than a Buyer.", "you"), own, others) == "cross-talk"
    assert classify(outcome("Sorry, I didn't quite get that."), own, others) == "unexpected"
    assert classify(Outcome(turn, 1.0, None, "HTTP 500"), own, others) == "error"


def test_reply_check_times_real_replies_of_the_answer_action() -> None:
    result = replycheck.measure(cases=4, repeats=2)
    assert (result["check_ms"]["n"], result["rasa_as_shipped_ms"]["n"]) == (8, 8)
    assert jsonschema.validate is not rasa_cli.validate  # put back after timing
    assert result["jsonschema"] == metadata.version("jsonschema")
    assert result["met"] == (result["check_ms"]["p50"] <= result["target_ms_max"])


def level(concurrent: int, p95: float, errors: int = 0, cross_talk: int = 0) -> dict[str, object]:
    return {
        "concurrent_conversations": concurrent, "turns": 200, "conversations": 50, "turns_per_s": 101.4,
        "errors": errors, "cross_talk": cross_talk, "unexpected_answers": 0,
        "latency_ms": {"n": 200, "p50": 300.0, "p95": p95}, "server_cpu_ms_per_turn": 12.5,
    }  # fmt: skip


def test_every_concurrency_level_has_a_p95_target() -> None:
    assert P95_TARGET_MS == {1: 150.0, 10: 150.0, 50: 600.0}


@pytest.mark.parametrize(
    ("concurrent", "p95", "errors", "cross_talk", "met"),
    [
        (10, 104.0, 0, 0, True),
        (10, 150.0, 0, 0, True),
        (10, 150.1, 0, 0, False),  # a latency regression shows even with no errors
        (50, 592.0, 0, 0, True),
        (50, 600.5, 0, 0, False),
        (50, 100.0, 1, 0, False),
        (50, 100.0, 0, 1, False),
        (7, 10.0, 0, 0, False),  # a level without a target is never reported as met
    ],
)
def test_a_concurrency_level_is_met_only_within_its_p95_target(
    concurrent: int, p95: float, errors: int, cross_talk: int, met: bool
) -> None:
    assert level_check(level(concurrent, p95, errors, cross_talk))[1] is met


def test_the_throughput_row_names_the_configuration_and_reports_p95_against_the_target() -> None:
    runs = {"runs": [{"config": "production_2", "levels": [level(50, 592.0)]}]}
    assert throughput_rows(runs) == [
        [
            "Throughput",
            "Rolewise production profile, 2 Rasa servers (`make cluster` through nginx), 50 concurrent "
            "conversations (200 turns): turns/s; p50 / p95 ms; server CPU ms/turn; errors; cross-talk",
            "101.4/s; 300 / 592; 12.5; 0; 0",
            "p95 <= 600 ms, 0 errors, 0 cross-talk",
            True,
        ]
    ]
    slow = {"runs": [{"config": "shipped", "levels": [level(10, 151.0)]}]}
    assert throughput_rows(slow)[0][3:] == ["p95 <= 150 ms, 0 errors, 0 cross-talk", False]


def test_make_bench_imports_every_section() -> None:
    import bench.run

    assert bench.run.SECTIONS == ("latency", "throughput", "tracker", "profile", "kb", "startup")
