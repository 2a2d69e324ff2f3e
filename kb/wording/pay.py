"""The short form of a pay answer: one line of BLS figures per role (one in all when both roles share
their occupations), then the source; and how each place's part opens when pay is asked for several.
``kb.wording.answers.pay_text`` words every figure, for the detail.

Free of any chat framework, like ``kb.wording.answers``.
"""

from __future__ import annotations

from typing import Optional

from kb.wording.answers import BANDS, area_label, dollars, figures_text
from kb.results import AreaInfo, PayFigures, RolePay, WageFigures


def _band(pay: RolePay) -> str:
    """Where the role sits, with the band's dollars when its one occupation publishes them:
    "in the top quarter, $161,880 to $205,520"."""
    where, _label, low, high = BANDS[pay.band]
    figures = pay.figures[0]
    if len(pay.figures) == 1 and getattr(figures, low) is not None and getattr(figures, high) is not None:
        return f"{where}, {dollars(getattr(figures, low))} to {dollars(getattr(figures, high))}"
    return where


def _medians(figures: tuple[WageFigures, ...]) -> str | None:
    """ "Industrial Production Managers median $126,060", each published occupation; None when none is."""
    shown = [f"{f.title} median {dollars(f.median)}" for f in figures if f.found and f.median is not None]
    return "; ".join(shown) if shown else None


def role_pay_line(pay: RolePay, area: AreaInfo) -> str:
    """One role's line: where it typically sits in its BLS occupation's range, and that occupation's median."""
    medians = _medians(pay.figures)
    if medians is None:
        return f"{pay.role.name}: " + " ".join(figures_text(f, area) for f in pay.figures)
    return f"{pay.role.name}: typically {_band(pay)} ({medians})."


def pay_summary_text(pay: PayFigures) -> str:
    """At most two lines of figures (one per role; one when the roles share their BLS occupations)
    and the source line: "Plant Manager: typically in the top quarter, $161,880 to $205,520 (Industrial
    Production Managers median $126,060)." Dollars are annual wages."""
    if pay.shared and len(pay.roles) > 1:
        medians = _medians(pay.roles[0].figures)
        bands = ", ".join(f"the {r.role.name} {_band(r)}" for r in pay.roles)
        shared = f"Same BLS occupation ({medians}): typically {bands}."
        lines = [shared if medians else role_pay_line(pay.roles[0], pay.area)]
    else:
        lines = [role_pay_line(r, pay.area) for r in pay.roles[:2]]
    lines.append(f"Source: US BLS OEWS, {pay.release} ({area_label(pay.area)}), annual wages.")
    return "\n".join(lines)


def in_place(area: Optional[str]) -> str:
    """How one place's verdict opens in an answer on pay in several places: "In Texas: ", or "Across the US: "
    for the national figures (given for a place outside the US)."""
    return f"In {area}: " if area else "Across the US: "
