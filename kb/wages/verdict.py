"""Who is paid more, decided from the wage figures an answer prints (US BLS OEWS).

Each role's typical pay range is the band its ``pay_position`` names within its first SOC
occupation ("upper": median to 75th percentile), in annual US dollars. Two roles are compared
by the middle of those ranges: when the higher middle is less than ``TIE_RATIO`` times the
lower one the ranges mostly overlap and the roles are paid about the same; otherwise the
higher one leads, and ``gap_words`` says by how much in plain terms. The same ranges order
``kb rank --dimension compensation`` (``kb.ranking``), and ``make kb`` checks authored pay
levels and authored compensation verdicts against them (``kb.content.rules.pay_levels``).
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from typing import Optional

# A pay_position band -> the two percentiles that bound it.
BAND_BOUNDS = {
    "bottom": ("p10", "p25"),
    "lower": ("p25", "median"),
    "middle": ("p25", "p75"),
    "upper": ("median", "p75"),
    "top": ("p75", "p90"),
}
BAND_STATS = ("p10", "p25", "median", "p75", "p90")
# Middles closer than this (the higher under 1.10 times the lower) count as about the same pay.
TIE_RATIO = 1.10


@dataclass(frozen=True)
class PayRange:
    """A role's typical annual pay (USD): the two percentiles bounding its band; None = unpublished."""

    low: Optional[int]
    high: Optional[int]

    @property
    def middle(self) -> int:
        """The midpoint of the range, or the one published bound."""
        bounds = [b for b in (self.low, self.high) if b is not None]
        return sum(bounds) // len(bounds)


def band_range(band: str, percentiles: Mapping[str, Optional[int]]) -> Optional[PayRange]:
    """The range a band covers in one occupation's figures ({"p10": ..., "median": ..., "p90": ...}).

    None when the band is unknown or BLS publishes neither bound.
    """
    bounds = BAND_BOUNDS.get(band)
    if bounds is None:
        return None
    low, high = (percentiles.get(stat) for stat in bounds)
    if low is None and high is None:
        return None
    return PayRange(low, high)


def pay_leader(first: PayRange, second: PayRange) -> Optional[int]:
    """0 when the first role is paid clearly more, 1 when the second is, None when about the same."""
    a, b = first.middle, second.middle
    if max(a, b) < TIE_RATIO * min(a, b):
        return None
    return 0 if a > b else 1


def gap_ratio(first: PayRange, second: PayRange) -> float:
    """How many times the higher middle is the lower one (1.0 or more)."""
    a, b = first.middle, second.middle
    return max(a, b) / max(1, min(a, b))


def gap_words(ratio: float) -> str:
    """A pay gap in plain words: "about 25% more" (to the nearest 5%) up to 1.95 times, then
    "about twice as much", "about two and a half times as much", "about three times as much"."""
    if ratio < 1.95:
        return f"about {max(10, round((ratio - 1) * 20) * 5)}% more"
    if ratio < 2.25:
        return "about twice as much"
    if ratio < 2.75:
        return "about two and a half times as much"
    return f"about {round(ratio)} times as much"
