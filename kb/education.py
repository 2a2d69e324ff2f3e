"""Education and certifications: loading them at build time, and the questions they answer.

Pure functions over a ``Session`` (the caller owns it), returning the typed results below and
never raising for what a user can get wrong: an unknown role or certification, the same role
twice. The wording is in ``kb.wording.education``.
"""

from __future__ import annotations

import difflib
from dataclasses import dataclass
from typing import Optional, Union

from sqlalchemy import select
from sqlalchemy.orm import Session

from kb.content.load import Content
from kb.content.education import EDUCATION_LEVELS
from kb.education_models import Certification, CertificationAlias, RoleCertification, RoleEducation
from kb.models import Role
from kb.resolve import resolve_role, role_info
from kb.snapshot import per_build
from kb.results import RoleInfo, SameRole, UnknownRole
from kb.text import lookup_key

LEVEL_RANKS = {level: rank for rank, level in enumerate(EDUCATION_LEVELS)}
SUGGESTIONS = 3
SUGGEST_CUTOFF = 0.6


@dataclass(frozen=True)
class CertificationInfo:
    name: str
    full_name: str
    issuer: str
    covers: str


@dataclass(frozen=True)
class CertificationNote:
    """A certification as it helps one role."""

    certification: CertificationInfo
    text: str


@dataclass(frozen=True)
class EducationProfile:
    """A role's typical education (``level``: a key of ``EDUCATION_LEVELS``) and helpful certifications."""

    role: RoleInfo
    level: str
    rank: int
    experience_instead: bool
    text: str
    certifications: tuple[CertificationNote, ...]


@dataclass(frozen=True)
class CertificationFit:
    """Whether one certification helps one role: ``note`` says how when it does; ``suited`` are the
    roles that list it (most senior first)."""

    certification: CertificationInfo
    profile: EducationProfile
    note: Optional[str]
    suited: tuple[RoleInfo, ...]

    @property
    def relevant(self) -> bool:
        return self.note is not None


@dataclass(frozen=True)
class UnknownCertification:
    """A certification name that is not in the catalogue, with the role's own certifications and
    the closest catalogue names."""

    query: str
    profile: Optional[EducationProfile]
    suggestions: tuple[CertificationInfo, ...]


@dataclass(frozen=True)
class EducationComparison:
    """Two roles' education; ``leader`` usually needs more formal education (None: the same level)."""

    first: EducationProfile
    second: EducationProfile
    leader: Optional[RoleInfo]
    shared: tuple[CertificationInfo, ...]


def load_education(session: Session, content: Content, roles: dict[str, Role]) -> None:
    """Add the catalogue and every role's education and certifications (``kb.build`` calls this
    inside its one transaction, after the roles have ids)."""
    catalogue = {}
    for spec in content.certifications:
        entry = Certification(name=spec.name, full_name=spec.full_name, issuer=spec.issuer, covers=spec.covers)
        forms = dict.fromkeys([spec.name, spec.full_name, *(alias for alias, _ in spec.aliases)])
        keys = {lookup_key(form): form for form in forms if lookup_key(form)}
        entry.aliases = [CertificationAlias(alias=form, key=key) for key, form in keys.items()]
        catalogue[spec.name] = entry
    session.add_all(catalogue.values())
    session.flush()
    for spec in content.roles:
        role_id = roles[spec.name].id
        if spec.education is not None:
            education = spec.education
            session.add(
                RoleEducation(
                    role_id=role_id,
                    level=education.level,
                    rank=LEVEL_RANKS[education.level],
                    experience_instead=bool(education.experience_instead),
                    text=education.text,
                )
            )
        session.add_all(
            RoleCertification(role_id=role_id, certification_id=catalogue[c.name].id, position=position, text=c.text)
            for position, c in enumerate(spec.certifications)
        )


def _info(entry: Certification) -> CertificationInfo:
    return CertificationInfo(entry.name, entry.full_name, entry.issuer, entry.covers)


def _profile(session: Session, role: Role) -> EducationProfile:
    education = session.get(RoleEducation, role.id)
    rows = session.scalars(
        select(RoleCertification).where(RoleCertification.role_id == role.id).order_by(RoleCertification.position)
    )
    notes = tuple(CertificationNote(_info(row.certification), row.text) for row in rows)
    if education is None:  # content validation makes every role carry one
        raise LookupError(f"no education loaded for {role.name}")
    return EducationProfile(
        role_info(role), education.level, education.rank, education.experience_instead, education.text, notes
    )


def _role(session: Session, text: str) -> Union[Role, UnknownRole]:
    match = resolve_role(session, text)
    if isinstance(match, UnknownRole):
        return match
    return session.execute(select(Role).where(Role.name == match.role.name)).scalar_one()


def role_education(session: Session, role: str) -> Union[EducationProfile, UnknownRole]:
    """The typical education of the role ``role`` names, with the certifications that help it."""
    found = _role(session, role)
    return found if isinstance(found, UnknownRole) else _profile(session, found)


def find_certification(session: Session, text: str) -> Optional[CertificationInfo]:
    """The catalogue certification ``text`` names exactly (any alias, case and punctuation aside)."""
    row = session.execute(
        select(Certification).join(CertificationAlias).where(CertificationAlias.key == lookup_key(text))
    ).scalar_one_or_none()
    return _info(row) if row is not None else None


def _aliases_longest_first(session: Session) -> tuple[tuple[str, CertificationInfo], ...]:
    """Every certification alias's lookup key with its certification, the longest keys first."""
    rows = session.execute(select(CertificationAlias.key, Certification).join(CertificationAlias.certification))
    return tuple((key, _info(entry)) for key, entry in sorted(rows, key=lambda r: -len(r[0])))


def certifications_in_text(session: Session, text: str) -> list[CertificationInfo]:
    """Catalogue certifications a message names, in order of mention; longer names win over the
    shorter ones inside them ("OSHA 30 hour" is not also "OSHA")."""
    padded = f" {lookup_key(text)} "
    found: list[tuple[int, CertificationInfo]] = []
    for key, info in per_build(session, "certification_aliases", lambda: _aliases_longest_first(session)):
        at = padded.find(f" {key} ")
        if at >= 0:
            found.append((at, info))
            padded = padded[:at] + " " + "#" * len(key) + " " + padded[at + len(key) + 2 :]
    return list(dict.fromkeys(info for _, info in sorted(found, key=lambda f: f[0])))


def closest_certifications(session: Session, text: str) -> tuple[CertificationInfo, ...]:
    """Catalogue certifications whose names or aliases are spelt most like ``text`` ("CPMI" -> CPIM)."""
    rows = session.execute(select(CertificationAlias.key, Certification).join(CertificationAlias.certification)).all()
    by_key = {key: entry for key, entry in rows}
    close = difflib.get_close_matches(lookup_key(text), list(by_key), n=SUGGESTIONS * 2, cutoff=SUGGEST_CUTOFF)
    return tuple(dict.fromkeys(_info(by_key[key]) for key in close))[:SUGGESTIONS]


def certification_fit(
    session: Session, role: str, certification: str
) -> Union[CertificationFit, UnknownCertification, UnknownRole]:
    """Whether ``certification`` helps ``role``, and if not, which roles it suits."""
    found = _role(session, role)
    if isinstance(found, UnknownRole):
        return found
    profile = _profile(session, found)
    entry = find_certification(session, certification)
    if entry is None:
        return UnknownCertification(certification, profile, closest_certifications(session, certification))
    note = next((n.text for n in profile.certifications if n.certification.name == entry.name), None)
    return CertificationFit(entry, profile, note, _suited_roles(session, entry.name))


@dataclass(frozen=True)
class CertificationChoice:
    """Two or more catalogue certifications weighed for one role ("CPSM or CSCP for a buyer?"): each one's fit,
    in the order asked."""

    fits: tuple[CertificationFit, ...]


def certification_choice(
    session: Session, role: str, certifications: list[str]
) -> Union[CertificationChoice, UnknownCertification, UnknownRole]:
    """Whether each of ``certifications`` (two or more catalogue names or aliases) helps ``role``; the first
    name the catalogue does not hold is reported instead."""
    fits = []
    for name in certifications:
        fit = certification_fit(session, role, name)
        if not isinstance(fit, CertificationFit):
            return fit
        fits.append(fit)
    return CertificationChoice(tuple(fits))


def _suited_roles(session: Session, name: str) -> tuple[RoleInfo, ...]:
    """The roles that list the certification ``name``, most senior first."""
    suited = session.scalars(
        select(Role)
        .join(RoleCertification, RoleCertification.role_id == Role.id)
        .join(Certification)
        .where(Certification.name == name)
        .order_by(Role.seniority.desc(), Role.name)
    )
    return tuple(role_info(r) for r in suited)


@dataclass(frozen=True)
class CertificationRoles:
    """One catalogue certification asked about without a role: the roles it helps (most senior first)."""

    certification: CertificationInfo
    suited: tuple[RoleInfo, ...]


def certification_roles(session: Session, certification: str) -> Optional[CertificationRoles]:
    """ "Is CSCP worth it?" with no role known: the roles the catalogue certification ``certification``
    (any alias) helps; None when the catalogue has no such certification."""
    entry = find_certification(session, certification)
    return CertificationRoles(entry, _suited_roles(session, entry.name)) if entry is not None else None


def compare_education(session: Session, first: str, second: str) -> Union[EducationComparison, UnknownRole, SameRole]:
    """Two roles' typical education side by side: who usually needs more, and certifications both list."""
    a, b = _role(session, first), _role(session, second)
    if isinstance(a, UnknownRole):
        return a
    if isinstance(b, UnknownRole):
        return b
    if a.id == b.id:
        return SameRole(role_info(a))
    one, two = _profile(session, a), _profile(session, b)
    leader = None if one.rank == two.rank else (one.role if one.rank > two.rank else two.role)
    theirs = {n.certification.name for n in two.certifications}
    shared = tuple(n.certification for n in one.certifications if n.certification.name in theirs)
    return EducationComparison(one, two, leader, shared)
