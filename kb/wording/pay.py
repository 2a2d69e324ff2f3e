"""The short form of a pay answer: one line of BLS figures per role (one in all when both roles share
their occupations), then the source; and how each place's part opens when pay is asked for several. One
role's pay in several places opens with where it is paid more (``places_verdict``).
``kb.wording.answers.pay_text`` words every figure, for the detail (``pay_detail_text``), and
``pay_detail_title`` names the button that asks for it.

Free of any chat framework, like ``kb.wording.answers``.
"""

from __future__ import annotations

from typing import Optional, Sequence

from kb.wages.verdict import BAND_STATS, TIE_RATIO, PayRange, band_range, gap_ratio, gap_words, pay_leader
from kb.wording.answers import BANDS, area_label, capital, dollars, figures_text, pay_text
from kb.text import series
from kb.wording.replies import PAY_DETAIL
from kb.results import AreaInfo, PayFigures, RolePay, WageFigures


COMPARING = "comparing the middle of its typical pay range in each"
MAX_TITLE = 64  # characters of a button title naming its places (two lines in the widget)


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


def role_pay_line(pay: RolePay, area: AreaInfo, label: Optional[str] = None) -> str:
    """One role's line, opening with ``label`` (the role's name unless given): where it typically sits in
    its BLS occupation's range, and that occupation's median."""
    medians, label = _medians(pay.figures), label or pay.role.name
    if medians is None:
        return f"{label}: " + " ".join(figures_text(f, area) for f in pay.figures)
    return f"{label}: typically {_band(pay)} ({medians})."


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


def _place(area: AreaInfo) -> str:
    return "the US" if area.kind == "N" else area.name


def pay_detail_title(areas: Sequence[AreaInfo] = ()) -> str:
    """The title of the button that gives every figure behind a pay answer, naming the places it gives them
    for: "Full BLS pay figures" (national), "Full BLS pay figures for Texas and California"; a title too long
    for a button says "for each place"."""
    places = list(dict.fromkeys(_place(a) for a in areas))
    if not places or places == ["the US"]:
        return PAY_DETAIL
    title = f"{PAY_DETAIL} for {series(places, 'and')}"
    return title if len(title) <= MAX_TITLE else f"{PAY_DETAIL} for each place"


def pay_detail_text(pays: Sequence[PayFigures]) -> str:
    """Every figure behind a pay answer (``pay_text``); in several places, each place's figures under its name."""
    if len(pays) == 1:
        return pay_text(pays[0])
    blocks = [f"{in_place(None if p.area.kind == 'N' else p.area.name).rstrip()}\n{pay_text(p)}" for p in pays]
    return "\n\n".join(blocks)


def _typical_range(pay: RolePay) -> Optional[PayRange]:
    """The role's typical pay range in its first occupation, as two roles' pay is compared (``kb.wages.verdict``)."""
    figures = pay.figures[0]
    return band_range(pay.band, {stat: getattr(figures, stat) for stat in BAND_STATS}) if figures.found else None


def _where(area: AreaInfo) -> str:
    return "across the US" if area.kind == "N" else f"in {area.name}"


def places_verdict(pays: Sequence[PayFigures]) -> Optional[str]:
    """Where one role (each of ``pays`` holds its figures in one place) is typically paid more, comparing the
    middle of its typical pay range in each place as two roles are compared: "An Operations Manager is typically
    paid more in California than in Texas: about 15% more, ...". None when a place publishes no range."""
    found = [(pay, _typical_range(pay.roles[0])) for pay in pays]
    ranged = [(pay, typical) for pay, typical in found if typical is not None]
    if len(pays) < 2 or len(ranged) < len(pays):
        return None
    ordered = sorted(ranged, key=lambda place: -place[1].middle)
    (top, high), (bottom, low) = ordered[0], ordered[-1]
    who = f"{capital(pays[0].roles[0].role.with_article)} is typically paid"
    if pay_leader(high, low) is None:
        places = series([_where(pay.area) for pay in pays], "and")
        within = round((TIE_RATIO - 1) * 100)
        return f"{who} about the same {places}: the middles of its typical pay range there are within {within}%."
    gap = gap_words(gap_ratio(high, low))
    if len(pays) == 2:
        return f"{who} more {_where(top.area)} than {_where(bottom.area)}: {gap}, {COMPARING}."
    return f"{who} the most {_where(top.area)} and the least {_where(bottom.area)}: {gap}, {COMPARING}."


def role_in_places_text(pays: Sequence[PayFigures]) -> str:
    """One role's figures in short in each place, one line per place, then one source line naming them all."""
    lines = [role_pay_line(pay.roles[0], pay.area, capital(_where(pay.area))) for pay in pays]
    places = "; ".join(area_label(pay.area) for pay in pays)
    return "\n".join([*lines, f"Source: US BLS OEWS, {pays[0].release} ({places}), annual wages."])


def in_place(area: Optional[str]) -> str:
    """How one place's verdict opens in an answer on pay in several places: "In Texas: ", or "Across the US: "
    for the national figures (given for a place outside the US)."""
    return f"In {area}: " if area else "Across the US: "
