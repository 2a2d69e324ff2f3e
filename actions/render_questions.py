"""Messages for the questions beside a plain two-role comparison: several dimensions at once, pay in
several places, a ranking, one role on its own, a reporting line, and what Rolewise doesn't compare.

Laid out like ``actions.render`` (text plus buttons that re-ask the KB), from the wording of
``kb.wording.answers``, ``kb.wording.rank``, ``kb.wording.polarity`` and ``kb.wording.replies``.
"""

from __future__ import annotations

from itertools import pairwise
from typing import Optional, Sequence

from kb.wording import replies as wording
from actions.asking import Asked
from actions.render import Button, Reply, compare_button, pay_detail_button, payload, related_buttons, short_pay
from actions.render import worded_as_asked
from actions.slots import CAREER, CAREER_DIRECTION, JOB_ROLE
from kb.wording import answers, rank as answers_rank
from kb.wording.pay import in_place, pay_summary_text, places_verdict, role_in_places_text
from kb.wording import polarity
from kb.aspects import AspectInfo
from kb.polarity import ReportingAnswer
from kb.ranking import Ranking
from kb.results import DimensionInfo, PayFigures, RelatedComparison, RoleProfile, Trait, Verdict

RANKED_PAIRS = 3


def ranking_reply(ranking: Ranking) -> Reply:
    """The ordered list with its basis; buttons compare neighbouring places on the same dimension."""
    names = [e.role.name for e in ranking.entries]
    slug = ranking.dimension.slug
    buttons = tuple(compare_button(a, b, slug) for a, b in pairwise(names))[:RANKED_PAIRS]
    return Reply(answers_rank.rank_text(ranking), buttons, offers="menu" if buttons else "")


def several_verdicts_reply(verdicts: Sequence[Verdict], related: Sequence[RelatedComparison]) -> Reply:
    """One reply to several dimensions asked at once: each verdict first, then its reasons; then
    the related comparisons as buttons (full comparisons, as the question covered several dimensions)."""
    shortened = [short_pay(v) for v in verdicts]  # pay figures in short, with a button for all of them
    text = "\n\n".join(answers.verdict_text(v) + summary for v, summary, _ in shortened)
    buttons = tuple(b for _, _, detail in shortened for b in detail) + related_buttons(related, None)
    if buttons:
        text = f"{text}\n{wording.RELATED}"
    return Reply(text, buttons, answers.verdict_sentence(verdicts[0]), "menu", wording.RELATED)


def pay_in_places_reply(
    verdicts: Sequence[Verdict], places: Sequence[Optional[str]], related: Sequence[RelatedComparison], asked: Asked
) -> Reply:
    """One reply to two roles' pay in several places: for each place (an OEWS area name, None for the national
    figures) its verdict worded as ``asked`` and its figures in short with the source line; then why, once;
    then one button for every place's full figures and the related comparisons as buttons."""
    blocks = []
    for verdict, place in zip(verdicts, places, strict=True):
        short, summary, _ = short_pay(verdict)
        blocks.append(in_place(place) + worded_as_asked(short, asked)[0] + summary)
    text = "\n\n".join([*blocks, answers.explanation_text(verdicts[0])])
    pays = [v.pay for v in verdicts if v.pay is not None]
    # one button for every place, whichever role leads where: the roles in the first place's order
    detail = [pay_detail_button([r.role.name for r in pays[0].roles], [p.area for p in pays])] if pays else []
    every = (*detail, *related_buttons(related, verdicts[0].dimension.slug))
    if every:
        text = f"{text}\n{wording.RELATED}"
    opening = in_place(places[0]) + worded_as_asked(verdicts[0], asked)[0]
    return Reply(text, every, opening, "menu", wording.RELATED)


def one_role_reply(profile: RoleProfile, trait: Trait, pays: Sequence[PayFigures] = ()) -> Reply:
    """One role on one dimension; a button compares it with the role it reports to on the same dimension.
    Pay comes with its figures in short, one place after another (``pays``), and one button for all of them."""
    role, boss = profile.role.name, profile.reports_to
    buttons = (compare_button(role, boss.name, trait.dimension.slug),) if boss else ()
    if not pays:
        return Reply(answers.role_on_text(trait, None), buttons, offers="menu" if buttons else "")
    detail = pay_detail_button([r.role.name for r in pays[0].roles], [pay.area for pay in pays])
    verdict = places_verdict(pays)
    if verdict is not None:  # several places: where it pays more first, then each place's figures, then why
        text = f"{verdict}\n{role_in_places_text(pays)}\n{trait.text}"
        return Reply(text, (detail, *buttons), verdict, offers="menu")
    figures = "\n".join(pay_summary_text(pay) for pay in pays)
    return Reply(f"{trait.text}\n{figures}", (detail, *buttons), offers="menu")


def reporting_reply(answer: ReportingAnswer, yes_no: bool = True) -> Reply:
    """ "Does a buyer report to a procurement manager?": Yes or No from the reporting graph; "which one reports
    to the other?" (not ``yes_no``): the line."""
    first, second = answer.subject.name, answer.manager.name
    title = wording.vs(first, second)
    button = compare_button(first, second, "hierarchy", title)
    return Reply(polarity.reports_to_text(answer, yes_no), (button,), offers="menu")


def aspect_reply(found: Optional[AspectInfo], roles: Sequence[str], compared: list[DimensionInfo]) -> Reply:
    """What Rolewise doesn't compare, said plainly, with the nearest comparison (or next roles) as buttons; with
    no aspect found but two ``roles`` named ("who has more, X or Y?"), which part to compare them on."""
    roles = list(dict.fromkeys(roles))[:2]
    if found is None and len(roles) == 2:  # "who has more, X or Y?": more of what, each part a button
        buttons = tuple(compare_button(roles[0], roles[1], d.slug, d.name) for d in compared)
        return Reply(wording.which_part(roles[0], roles[1]), buttons, offers="question")
    if found is None:
        return Reply(wording.aspect(wording.UNKNOWN_ASPECT, None, compared))
    buttons: tuple[Button, ...] = ()
    if found.nearest is not None and len(roles) == 2:
        title = wording.on_dimension(found.nearest, roles[0], roles[1])
        buttons = (compare_button(roles[0], roles[1], found.nearest.slug, title),)
    elif found.offer == "next_roles":
        buttons = tuple(
            Button(wording.what_comes_after(r), payload(CAREER, **{JOB_ROLE: r, CAREER_DIRECTION: "after"}))
            for r in roles
        )
    return Reply(wording.aspect(found.says, found.nearest, compared), buttons, offers="menu" if buttons else "")
