"""Wording of education and certification answers (``kb.education``), verdict first.

Free of any chat framework, so ``python -m kb education`` prints exactly what the bot says.
"""

from __future__ import annotations

from typing import Union

from kb.wording import answers
from kb.content.education import EDUCATION_LEVELS
from kb.education import (
    CertificationChoice,
    CertificationFit,
    CertificationInfo,
    CertificationRoles,
    EducationComparison,
    EducationProfile,
    UnknownCertification,
)
from kb.results import RoleInfo, SameRole, UnknownRole
from kb.text import series

EducationResult = Union[
    EducationProfile, EducationComparison, CertificationFit, CertificationChoice, CertificationRoles,
    UnknownCertification, SameRole, UnknownRole,
]

SUITED_SHOWN = 5


def _subject(role: RoleInfo) -> str:
    return f"{role.article.capitalize()} {role.name}"


def level_sentence(profile: EducationProfile) -> str:
    """The one-sentence answer to "do I need a degree to be X?"."""
    who, level = _subject(profile.role), profile.level
    if level == "none_required":
        return f"{who} needs no formal qualification: employers train people on the job."
    if level == "vocational":
        return f"{who} usually needs {EDUCATION_LEVELS[level]}, not a bachelor's degree."
    if level == "bachelors":
        if profile.experience_instead:
            return f"{who} usually has a bachelor's degree, but employers often accept strong experience instead."
        return f"{who} is usually expected to hold a bachelor's degree."
    if profile.experience_instead:
        return (
            f"{who} usually has a bachelor's degree, and employers often prefer a master's such as an MBA, "
            "though a strong record can stand in for it."
        )
    return f"{who} usually has a bachelor's degree, and employers often prefer a master's such as an MBA."


def _label(certification: CertificationInfo) -> str:
    """ "CPIM (Certified in Planning and Inventory Management)", or the name alone when it is the full name."""
    if certification.name == certification.full_name:
        return certification.name
    return f"{certification.name} ({certification.full_name})"


def _about(certification: CertificationInfo) -> str:
    """Who issues a certification and what it covers, in one line."""
    return f"{_label(certification)}, issued by {certification.issuer}. What it covers: {certification.covers}"


def certification_lines(profile: EducationProfile) -> list[str]:
    """One line per certification that helps the role: its name, issuer and why."""
    return [f"- {n.certification.name}, issued by {n.certification.issuer}: {n.text}" for n in profile.certifications]


def _none_listed(role: RoleInfo) -> str:
    return f"No certification is commonly asked of {role.with_article}."


def education_text(profile: EducationProfile) -> str:
    """ "Do I need a degree to be X?" / "what qualifications does X need?": the level first, then the
    note, then the certifications that help."""
    lines = [f"{level_sentence(profile)} {profile.text}"]
    if profile.certifications:
        lines.append(f"Certifications that help {profile.role.with_article}:")
        lines += certification_lines(profile)
    else:
        lines.append(_none_listed(profile.role))
    return "\n".join(lines)


def certifications_text(profile: EducationProfile) -> str:
    """ "Which certifications help X?": the list first, then the education in one line."""
    if profile.certifications:
        names = ", ".join(n.certification.name for n in profile.certifications)
        lines = [f"Certifications that help {profile.role.with_article}: {names}.", *certification_lines(profile)]
    else:
        lines = [_none_listed(profile.role)]
    lines.append(f"Education: {level_sentence(profile)}")
    return "\n".join(lines)


def _suited(fit: CertificationFit) -> str:
    others = [r.name for r in fit.suited if r.name != fit.profile.role.name]
    if not others:
        return f"No role in my knowledge base lists {fit.certification.name}."
    shown = ", ".join(others[:SUITED_SHOWN])
    more = f" and {len(others) - SUITED_SHOWN} more" if len(others) > SUITED_SHOWN else ""
    return f"It suits these roles: {shown}{more}."


def certification_fit_text(fit: CertificationFit) -> str:
    """ "Is CPIM useful for an inventory manager?": yes or no first, then why, or where it fits instead."""
    cert, role = fit.certification, fit.profile.role
    if fit.relevant:
        return "\n".join(
            [
                f"Yes: {cert.name} is one of the certifications that help {role.with_article}. {fit.note}",
                _about(cert),
            ]
        )
    lines = [
        f"{cert.name} is not among the certifications that usually help {role.with_article}. {_suited(fit)}",
        _about(cert),
    ]
    if fit.profile.certifications:
        names = ", ".join(n.certification.name for n in fit.profile.certifications)
        lines.append(f"For {role.with_article} these help instead: {names}.")
    else:
        lines.append(_none_listed(role))
    return "\n".join(lines)


def certification_choice_text(choice: CertificationChoice) -> str:
    """ "CPSM or CSCP for a buyer?": which of them help the role first (both, one, or neither), then how each
    helps and what each covers."""
    role = choice.fits[0].profile.role
    helping = [fit.certification.name for fit in choice.fits if fit.relevant]
    names = [fit.certification.name for fit in choice.fits]
    if len(helping) == len(names):
        every = "all" if len(names) > 2 else "both"
        first = (
            f"{every.capitalize()} help {role.with_article}: {series(names, 'and')} are {every} on its list, "
            "so pick by what you want to cover."
        )
    elif helping:
        others = [name for name in names if name not in helping]
        first = (
            f"For {role.with_article}, {series(helping, 'and')} {'is' if len(helping) == 1 else 'are'} the better fit: "
            f"{series(others, 'and')} {'is' if len(others) == 1 else 'are'} not among the certifications that usually "
            "help the role."
        )
    else:
        listed = ", ".join(n.certification.name for n in choice.fits[0].profile.certifications)
        first = f"Neither {' nor '.join(names)} usually helps {role.with_article}." + (
            f" These help instead: {listed}." if listed else ""
        )
    lines = [first]
    for fit in choice.fits:
        lines.append(f"{_about(fit.certification)}" + (f" For {role.with_article}: {fit.note}" if fit.note else ""))
    return "\n".join(lines)


def certification_roles_text(found: CertificationRoles) -> str:
    """ "Is CSCP worth it for me?" with no role known: the roles it helps, what it is, and an invitation
    to name a role."""
    cert, names = found.certification, [r.name for r in found.suited]
    if names:
        more = f" and {len(names) - SUITED_SHOWN} more" if len(names) > SUITED_SHOWN else ""
        first = f"{cert.name} helps these roles most: {', '.join(names[:SUITED_SHOWN])}{more}."
    else:
        first = f"No role in my knowledge base lists {cert.name}."
    return "\n".join([first, _about(cert), f"Tell me your role and I can say whether {cert.name} is worth it for you."])


def unknown_certification_text(problem: UnknownCertification) -> str:
    """Say plainly the certification is not in the catalogue; offer close names and the role's own list."""
    lines = [f'"{problem.query}" is not a certification in my catalogue, so I can\'t say whether it helps.']
    if problem.suggestions:
        lines.append("Did you mean " + series([_label(c) for c in problem.suggestions], "or") + "?")
    if problem.profile is not None:
        profile = problem.profile
        if profile.certifications:
            names = ", ".join(n.certification.name for n in profile.certifications)
            lines.append(f"The certifications that help {profile.role.with_article}: {names}.")
        else:
            lines.append(_none_listed(profile.role))
    return "\n".join(lines)


def _level(profile: EducationProfile) -> str:
    return EDUCATION_LEVELS[profile.level]


def education_comparison_text(comparison: EducationComparison) -> str:
    """Two roles' education: who usually needs more formal education, then each role's note and
    certifications, and the certifications both list."""
    one, two = comparison.first, comparison.second
    if comparison.leader is None:
        verdict = (
            f"{_subject(one.role)} and {two.role.with_article} usually need the same level of education: {_level(one)}."
        )
    else:
        lead, other = (one, two) if comparison.leader.name == one.role.name else (two, one)
        verdict = (
            f"{_subject(lead.role)} usually needs more formal education than {other.role.with_article}: "
            f"{_level(lead)}, against {_level(other)}."
        )
    lines = [verdict]
    for profile in (one, two):
        names = ", ".join(n.certification.name for n in profile.certifications) or "none commonly asked for"
        lines.append(f"- {profile.role.name}: {profile.text} Certifications: {names}.")
    if comparison.shared:
        lines.append("Both benefit from " + ", ".join(c.name for c in comparison.shared) + ".")
    return "\n".join(lines)


def education_answer_text(result: EducationResult, certifications_first: bool = False) -> str:
    """Any ``kb.education`` query's result as the bot says it (and ``python -m kb education`` prints it);
    a role's profile leads with its certifications when ``certifications_first``."""
    if isinstance(result, EducationComparison):
        return education_comparison_text(result)
    if isinstance(result, CertificationFit):
        return certification_fit_text(result)
    if isinstance(result, CertificationChoice):
        return certification_choice_text(result)
    if isinstance(result, CertificationRoles):
        return certification_roles_text(result)
    if isinstance(result, UnknownCertification):
        return unknown_certification_text(result)
    if isinstance(result, EducationProfile):
        return certifications_text(result) if certifications_first else education_text(result)
    if isinstance(result, SameRole):
        return answers.same_role_text(result)
    return answers.unknown_role_text(result)
