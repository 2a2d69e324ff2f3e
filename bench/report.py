"""The Markdown summary: a table writer (pure) and number formatting."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Optional


def cell(value: object) -> str:
    """One table cell: pipes escaped, line breaks flattened, floats kept short."""
    if value is None:
        text = "-"
    elif isinstance(value, bool):
        text = "yes" if value else "NO"
    elif isinstance(value, float):
        text = f"{value:.3g}" if abs(value) < 100 else f"{value:.0f}"
    else:
        text = str(value)
    return " ".join(text.split()).replace("|", "\\|")


def markdown_table(headers: Sequence[str], rows: Sequence[Sequence[object]], align: Optional[str] = None) -> str:
    """A GitHub-flavoured Markdown table; ``align`` is one letter per column: l, r or c."""
    if any(len(row) != len(headers) for row in rows):
        raise ValueError("every row needs one value per header")
    marks = {"l": "---", "r": "--:", "c": ":-:"}
    align = align or "l" * len(headers)
    if len(align) != len(headers) or set(align) - set(marks):
        raise ValueError("align needs one of l, r, c per column")
    lines = [
        "| " + " | ".join(cell(h) for h in headers) + " |",
        "|" + "|".join(marks[a] for a in align) + "|",
    ]
    lines += ["| " + " | ".join(cell(v) for v in row) + " |" for row in rows]
    return "\n".join(lines) + "\n"


def ms(value: float) -> str:
    return f"{value:.1f}"


def slash(values: Sequence[object], fmt: str = "{:.1f}") -> str:
    """Several numbers in one cell: ``12.1 / 30.4 / 45.0``."""
    return " / ".join(fmt.format(v) if isinstance(v, (int, float)) else str(v) for v in values)
