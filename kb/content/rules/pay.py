"""Rules for what role files say about pay: SOC codes, pay position, and no typed figures.

Pay figures come only from the loaded wage data (US BLS OEWS), so content names each
role's SOC 2018 code(s) and where the role typically sits among the people holding that
code, in words; a dollar amount typed into a compensation text would go stale and could
contradict the data, so it is refused.
"""

from __future__ import annotations

import re
from collections.abc import Collection
from typing import Optional

from kb.content.load import Content, ContentError, Where

SOC_PATTERN = re.compile(r"\d{2}-\d{4}")
PAY_BANDS = ("bottom", "lower", "middle", "upper", "top")
COMPENSATION = "compensation"
# "$60,000", "60,000", "60k", "95,000 dollars", "USD 80,000", "six figures"
PAY_FIGURE = re.compile(
    r"[$€£]\s?\d|\b\d{2,3}(?:,\d{3})+\b|\b\d+(?:\.\d+)?\s?k\b|\bdollars?\b|\bUSD\b|\b(?:five|six|seven)[- ]figures?\b",
    re.IGNORECASE,
)


def check_pay(content: Content, known_soc: Optional[Collection[str]] = None) -> list[ContentError]:
    """Problems with the roles' ``soc`` and ``pay_position`` fields and figures typed into pay texts.

    Args:
        content: everything read from the content files.
        known_soc: the SOC codes the wage data holds ("11-1021", ...), or None to check
            only the form of the codes (when the wage data is not at hand).
    """
    errors: list[ContentError] = []
    for role in content.roles:
        seen: set[str] = set()
        for code, where in role.soc:
            if not SOC_PATTERN.fullmatch(code):
                errors.append(ContentError(where, f"SOC code '{code}' must be written NN-NNNN, e.g. \"11-1021\""))
            elif code in seen:
                errors.append(ContentError(where, f"SOC code '{code}' is listed twice"))
            elif known_soc is not None and code not in known_soc:
                errors.append(ContentError(where, f"SOC code '{code}' is not in the OEWS wage data"))
            seen.add(code)
        pay = role.pay_position
        if pay is not None:
            if pay.band not in PAY_BANDS:
                errors.append(
                    ContentError(pay.where, f"pay_position band '{pay.band}' must be one of: {', '.join(PAY_BANDS)}")
                )
            errors += _figures(pay.text, pay.where, "pay_position text")
        trait = role.traits.get(COMPENSATION)
        if trait is not None:
            errors += _figures(trait.text, trait.where, "compensation text")
    for contrast in content.contrasts:
        point = contrast.points.get(COMPENSATION)
        if point is not None:
            errors += _figures(point.text, point.where, "compensation point")
    return errors


def _figures(text: str, where: Where, what: str) -> list[ContentError]:
    match = PAY_FIGURE.search(text)
    if match is None:
        return []
    return [
        ContentError(where, f"{what} states a pay figure ('{match.group(0)}'): figures come only from the wage data")
    ]
