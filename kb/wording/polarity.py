"""Wording for questions asked the other way round ("who earns less?") and yes/no questions.

The lower role is named first ("The Buyer is typically paid less than a Plant Manager."); a
yes/no answer starts with "Yes." or "No." and then says why in the same words as a verdict.
Free of any chat framework, like ``kb.wording.answers``.
"""

from __future__ import annotations

from kb.wording.answers import explanation_text, pay_text, reporting_clause, verdict_sentence
from kb.polarity import ReportingAnswer
from kb.results import RoleInfo, Verdict

# The verdict phrase for the role that trails, per dimension slug (the slugs are fixed: kb.content.validate);
# the counterpart of each dimension's ``more`` phrase in kb/data/dimensions.yml.
LESS = {
    "scope": "has a narrower scope than",
    "hierarchy": "sits lower in the hierarchy than",
    "strategy": "is less involved in strategy than",
    "budget": "has less budget authority than",
    "collaboration": "works across fewer functions than",
    "skills": "needs a narrower skill set than",
    "decision_making": "has narrower decision-making authority than",
    "compensation": "is typically paid less than",
    "performance_metrics": "is judged on narrower performance metrics than",
    "experience": "needs less experience than",
    "external_relations": "deals less with people outside the company than",
    "crisis_management": "carries less responsibility in a crisis than",
}


def less_sentence(verdict: Verdict) -> str:
    """The verdict naming the lower role first ("The Buyer has less budget authority than a Plant Manager.").

    Comparable roles get the same sentence as ``verdict_sentence``. On the hierarchy the
    reporting line is said as there ("...: the Buyer reports to the Procurement Manager."),
    and "typically" marks roles in separate reporting chains.
    """
    trailer = verdict.trailer
    if verdict.leader is None or trailer is None:
        return verdict_sentence(verdict)
    typically = "typically " if verdict.typical else ""
    sentence = f"The {trailer.name} {typically}{LESS[verdict.dimension.slug]} {verdict.leader.with_article}"
    if verdict.line:
        return f"{sentence}: {reporting_clause(verdict.line)}."
    return f"{sentence}."


def _with_explanation(sentence: str, verdict: Verdict) -> str:
    text = f"{sentence} {explanation_text(verdict)}"
    return f"{text}\n{pay_text(verdict.pay)}" if verdict.pay is not None else text


def less_text(verdict: Verdict) -> str:
    """``less_sentence`` followed by the explanation, as ``kb.wording.answers.verdict_text`` does for "more"."""
    return _with_explanation(less_sentence(verdict), verdict)


def yes_no_sentence(verdict: Verdict, subject: RoleInfo, asks_more: bool) -> str:
    """Answer "is <subject> more ... than the other?" (``asks_more``) or "... less ...?" with Yes or No.

    The sentence after Yes/No names ``subject`` first where the verdict allows: "No. The Buyer is
    typically paid less than a Plant Manager." Comparable roles are a No either way.
    """
    if verdict.leader is None:
        return f"No. {verdict_sentence(verdict)}"
    subject_leads = verdict.leader.name == subject.name
    answer = "Yes" if subject_leads == asks_more else "No"
    return f"{answer}. {verdict_sentence(verdict) if subject_leads else less_sentence(verdict)}"


def yes_no_text(verdict: Verdict, subject: RoleInfo, asks_more: bool) -> str:
    """``yes_no_sentence`` followed by the explanation."""
    return _with_explanation(yes_no_sentence(verdict, subject, asks_more), verdict)


def reports_to_text(answer: ReportingAnswer, yes_no: bool = True) -> str:
    """ "Does a Buyer report to a Procurement Manager?" answered from the reporting graph; asked as ``yes_no``
    False ("which one reports to the other, a COO or a VP?"), the line itself, with no Yes or No."""
    subject, manager = answer.subject, answer.manager
    if not yes_no:
        line = answer.line or answer.reverse
        if line:
            clause = reporting_clause(line)
            return f"{clause[0].upper()}{clause[1:]}."
        return (f"Neither reports to the other: the {subject.name} and the {manager.name} are in separate "
                "reporting lines.")
    if answer.direct:
        return f"Yes. The {subject.name} reports to the {manager.name}."
    if answer.line:
        return f"Yes, indirectly: {reporting_clause(answer.line)}."
    if answer.reverse:
        return f"No, it is the other way round: {reporting_clause(answer.reverse)}."
    if answer.subject_manager is None:
        return f"No. The {subject.name} is at the top of its reporting line and reports to none of the roles I know."
    return (
        f"No. The {subject.name} reports to the {answer.subject_manager.name}, "
        f"and the {manager.name} is not in that reporting line."
    )
