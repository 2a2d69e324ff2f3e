"""A content author's to-do list, from the usage tables (``kb.usage``) and the content they point at.

``python -m kb report`` prints it and writes ``build/report/report.md`` with a plot of asks per
dimension (``asks_per_dimension.png``, drawn by ``kb.wording.chart``).
"""

from __future__ import annotations

from collections import Counter
from dataclasses import dataclass
from pathlib import Path
from typing import Optional

from sqlalchemy import func, select
from sqlalchemy.orm import Session, aliased

from kb.models import Contrast, Dimension, Role
from kb.usage import ANSWER_KINDS, Ask, Feedback, Turn, UnknownTitle

TOP = 10
FULL = "all dimensions"


@dataclass(frozen=True)
class Report:
    """Counts for the to-do list; every list is most frequent first, then alphabetical."""

    uncovered_pairs: tuple[tuple[str, str, int], ...]  # asked pairs without an authored contrast
    unknown_titles: tuple[tuple[str, int], ...]  # every one, as typed (its most typed form), -> messages
    not_helpful: tuple[tuple[str, int], ...]  # "A vs B (dimension)" -> clicks
    helpful_clicks: int
    not_helpful_clicks: int
    turns: int
    fallbacks: int
    asks_per_dimension: tuple[tuple[str, int], ...]  # every dimension in KB order, then the full comparison

    @property
    def fallback_share(self) -> Optional[float]:
        return self.fallbacks / self.turns if self.turns else None


def _authored_pairs(session: Session) -> set[frozenset[str]]:
    first, second = aliased(Role), aliased(Role)
    rows = session.execute(
        select(first.name, second.name)
        .select_from(Contrast)
        .join(first, Contrast.role_a_id == first.id)
        .join(second, Contrast.role_b_id == second.id)
    )
    return {frozenset(row) for row in rows}


def _ranked(counts: Counter) -> tuple:
    return tuple(sorted(counts.items(), key=lambda item: (-item[1], str(item[0]).lower(), item[0])))  # case aside


def _unknown_titles(session: Session) -> Counter:
    """Messages per unknown title, letter case aside, each under the form typed most (first typed on a tie)."""
    forms: dict[str, Counter] = {}
    for phrase, count in session.execute(
        select(UnknownTitle.phrase, func.count()).group_by(UnknownTitle.phrase).order_by(func.min(UnknownTitle.id))
    ):
        forms.setdefault(phrase.lower(), Counter())[phrase] += count
    return Counter({typed.most_common(1)[0][0]: sum(typed.values()) for typed in forms.values()})


def plural(count: int, word: str) -> str:
    """``1 ask``, ``2 asks``, ``0 turns``."""
    return f"{count} {word}" if count == 1 else f"{count} {word}s"


def _answer_label(first: Optional[str], second: Optional[str], dimension: Optional[str], names: dict) -> str:
    pair = f"{first} vs {second}" if first and second else first or "(no pair)"
    label = names.get(dimension) or ANSWER_KINDS.get(dimension or "", dimension)
    return f"{pair} ({label if dimension else FULL})"


def build_report(session: Session, top: int = TOP) -> Report:
    """Count the usage tables against the content in ``session``'s knowledge base."""
    authored = _authored_pairs(session)
    pairs: Counter = Counter()
    for first, second, count in session.execute(
        select(Ask.role_a, Ask.role_b, func.count()).group_by(Ask.role_a, Ask.role_b)
    ):
        if frozenset((first, second)) not in authored:
            pairs[tuple(sorted((first, second)))] += count
    uncovered = tuple((a, b, n) for (a, b), n in _ranked(pairs)[:top])

    titles = _unknown_titles(session)
    dimensions = session.execute(select(Dimension.slug, Dimension.name).order_by(Dimension.position)).all()
    names = dict(dimensions)
    unhelpful: Counter = Counter()
    for first, second, dimension, count in session.execute(
        select(Feedback.role_a, Feedback.role_b, Feedback.dimension, func.count())
        .where(Feedback.helpful.is_(False))
        .group_by(Feedback.role_a, Feedback.role_b, Feedback.dimension)
    ):
        unhelpful[_answer_label(first, second, dimension, names)] += count
    clicks = dict(session.execute(select(Feedback.helpful, func.count()).group_by(Feedback.helpful)).all())

    turns = session.execute(select(func.count()).select_from(Turn)).scalar_one()
    fallbacks = session.execute(select(func.count()).select_from(Turn).where(Turn.fell_back.is_(True))).scalar_one()
    per_dimension = dict(session.execute(select(Ask.dimension, func.count()).group_by(Ask.dimension)).all())
    asks = (*((name, per_dimension.get(slug, 0)) for slug, name in dimensions), (FULL, per_dimension.get(None, 0)))
    return Report(
        uncovered_pairs=uncovered,
        unknown_titles=_ranked(titles),
        not_helpful=_ranked(unhelpful)[:top],
        helpful_clicks=clicks.get(True, 0),
        not_helpful_clicks=clicks.get(False, 0),
        turns=turns,
        fallbacks=fallbacks,
        asks_per_dimension=asks,
    )


def _share(report: Report) -> str:
    share = report.fallback_share
    if share is None:
        return "no turns recorded yet"
    return f"{report.fallbacks} of {plural(report.turns, 'turn')} ({share:.1%})"


def _sections(report: Report) -> list[tuple[str, list[str]]]:
    return [
        (
            "Most asked pairs without an authored contrast (write a contrast)",
            [f"{a} vs {b}: {plural(n, 'ask')}" for a, b, n in report.uncovered_pairs],
        ),
        (
            "Unknown titles people typed (roles to add or aliases to write)",
            [f"{t}: {plural(n, 'message')}" for t, n in report.unknown_titles],
        ),
        (
            f"Answers marked not helpful ({report.not_helpful_clicks} not helpful, {report.helpful_clicks} helpful)",
            [f"{label}: {plural(n, 'click')}" for label, n in report.not_helpful],
        ),
    ]


def report_text(report: Report) -> str:
    """The to-do list as plain text, for a terminal."""
    lines: list[str] = []
    for title, items in _sections(report):
        lines.append(f"{title}:")
        lines.extend(f"  {item}" for item in items or ["(none)"])
    lines.append(f"Turns that fell back: {_share(report)}")
    return "\n".join(lines)


def report_markdown(report: Report, plot_name: Optional[str]) -> str:
    """The to-do list as Markdown, with the asks-per-dimension plot when there is one."""
    lines = ["# Rolewise content to-do", ""]
    for title, items in _sections(report):
        lines += [f"## {title}", ""]
        lines += [f"- {item}" for item in items] or ["(none)"]
        lines.append("")
    lines += ["## Turns that fell back", "", _share(report), "", "## Asks per dimension", ""]
    lines += ["| dimension | asks |", "|---|---:|"] + [f"| {name} | {n} |" for name, n in report.asks_per_dimension]
    if plot_name:
        lines += ["", f"![Asks per dimension]({plot_name})"]
    return "\n".join(lines) + "\n"


def write_report(report: Report, folder: Path) -> Path:
    """``report.md`` and ``asks_per_dimension.png`` in ``folder``; returns the Markdown file's path."""
    from kb.wording.chart import asks_chart

    folder.mkdir(parents=True, exist_ok=True)
    plot = folder / "asks_per_dimension.png"
    asks_chart(report.asks_per_dimension, plot)
    markdown = folder / "report.md"
    markdown.write_text(report_markdown(report, plot.name))
    return markdown
