"""A job family's career ladder in words: where people join it, then its rungs from the first up
(``kb.routes.family_ladder``); the bot and the command-line interface say it alike."""

from __future__ import annotations

from kb.results import FamilyLadder
from kb.text import series

FEEDERS_SHOWN = 3  # roles of other families named as the usual way in, at most
LADDER_NEXT = "Ask how to become any of them for the route and what each move changes."


def family_ladder_text(ladder: FamilyLadder) -> str:
    """ "People usually start in supply chain and logistics as a Warehouse Associate, a Buyer or a Supply
    Chain Analyst." (or "..., often moving from an Operations Manager or a Plant Manager."), then one
    numbered line per seniority level, lowest first, and what to ask next."""
    family = ladder.family.lower()
    entry = series([role.with_article for role in ladder.entry], "or")
    if ladder.feeders:
        feeders = series([role.with_article for role in ladder.feeders[:FEEDERS_SHOWN]], "or")
        opening = f"People usually join {family} as {entry}, often moving from {feeders}."
    else:
        opening = f"People usually start in {family} as {entry}."
    rungs = [f"{number}. {series([role.name for role in rung], 'or')}" for number, rung in enumerate(ladder.rungs, 1)]
    return "\n".join([opening, f"The {family} ladder, from the first rung up:", *rungs, LADDER_NEXT])
