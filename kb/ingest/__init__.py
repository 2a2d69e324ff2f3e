"""Turning a comparison article into a draft contrast file for an author to review.

The article names its two roles in the title ("X vs Y: Differences") or, failing that, in its
first lines. Each headed section is mapped to a dimension (``headings``) and its sentences give
a guess of which role leads (``leaders``). Headings that fit no dimension, sections the article
cut short, and the intro and closing left out of the points are all reported, never dropped
silently. Drafts are for review: their text is the article's, not ours.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Optional

from sqlalchemy.orm import Session

from kb.db import BUILD_DIR
from kb.ingest.article import Article, Section, parse_article
from kb.ingest.draft import IngestReport, draft_yaml
from kb.ingest.headings import HeadingMapper
from kb.ingest.leaders import guess_leader
from kb.ingest.vocabulary import Vocabulary
from kb.nlp import make_pipeline, role_patterns
from kb.text import lookup_key, slugify

__all__ = ["ArticleError", "IngestReport", "Section", "Vocabulary", "draft_article", "ingest_file", "ingest_text"]

DRAFTS_DIR = BUILD_DIR / "drafts"
OPENING_LINES = 3


class ArticleError(ValueError):
    """The article cannot be turned into a draft (for example, no two roles in its title)."""


_TITLE_SIDES = re.compile(r"\s+(?:vs\.?|versus|or)\s+", re.IGNORECASE)
_TITLE_TAIL = re.compile(r"\s*(?:[:(?|\u2013\u2014]|\s-\s).*$")
# A bare title read as the operations role: "Supervisor" -> "operations supervisor", "Director" ->
# "director of operations"; the article is about operations jobs because it is being ingested here.
_BARE_FORMS = ("operations {}", "{} of operations", "ops {}")


def _bare_titles(aliases: list[tuple[str, str]], title: str) -> list[tuple[str, str]]:
    """(title word, role) for each side of "X vs Y" that is a bare job title ("Supervisor vs. Manager")."""
    keys = {lookup_key(alias): name for name, alias in aliases}
    sides = _TITLE_SIDES.split(_TITLE_TAIL.sub("", title.split(":")[0]), maxsplit=1)
    found = []
    for side in sides if len(sides) == 2 else []:
        word = side.strip(" .,!?").strip()
        key = lookup_key(word)
        role = keys.get(key) or next((keys[k] for f in _BARE_FORMS if (k := lookup_key(f.format(word))) in keys), None)
        if role is None:
            return []
        found.append((word, role))
    return found if len({role for _, role in found}) == 2 else []


def _role_pair(nlp, article: Article, source: Path, aliases: list[tuple[str, str]]) -> tuple[str, str]:  # type: ignore[no-untyped-def]
    """The two roles named first in the title, else in the title and the article's first lines, else
    the operations roles a bare "Supervisor vs. Manager" title stands for (``_bare_titles``)."""
    opening = [line for _, line in article.intro[:OPENING_LINES]]
    candidates = [article.title, " ".join([article.title, *opening])]
    if article.sections and article.sections[0].paragraphs:
        candidates.append(f"{candidates[-1]} {article.sections[0].paragraphs[0]}")
    found: list[str] = []
    bare = _bare_titles(aliases, article.title)
    for text in candidates:
        found = list(dict.fromkeys(ent.ent_id_ for ent in nlp(text).ents))
        if len(found) >= 2:
            return found[0], found[1]
    names = ", ".join(found) or "none"
    if bare:
        return bare[0][1], bare[1][1]
    raise ArticleError(
        f"{source}:{article.title_line}: the title or first lines must name two known roles (found: {names})"
    )


def draft_article(vocabulary: Vocabulary, text: str, source: Path, out: Optional[Path] = None) -> IngestReport:
    """Read ``text``, write the draft to ``out`` (default under ``build/drafts/``) and report."""
    try:
        article = parse_article(text)
    except ValueError as error:
        raise ArticleError(f"{source}: {error}") from error
    nlp = make_pipeline(role_patterns(vocabulary.aliases), sentences=True)
    roles = _role_pair(nlp, article, source, vocabulary.aliases)
    bare = dict(_bare_titles(vocabulary.aliases, article.title))
    read_as = tuple((word, role) for word, role in bare.items() if role in roles and not any(
        ent.ent_id_ == role for ent in nlp(article.title).ents))
    mapper = HeadingMapper(vocabulary.dimensions)
    first_of: dict[str, Section] = {}
    for section in article.sections:
        section.dimension, section.mapped_by = (None, "") if section.closing else mapper.map(section.heading)
        if section.dimension is None:
            continue
        if section.dimension in first_of:
            section.duplicate_of = first_of[section.dimension].heading
        first_of.setdefault(section.dimension, section)
        section.leader, section.evidence = guess_leader(nlp(section.text), roles, section.dimension)
    left_out = [*article.intro, *article.left_out]
    target = out or DRAFTS_DIR / f"{slugify(roles[0])}--{slugify(roles[1])}.yml"
    missing = [slug for slug in vocabulary.slugs if slug not in first_of]
    report = IngestReport(roles, article.sections, missing, left_out, target, read_as)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text(draft_yaml(report, source), encoding="utf-8")
    return report


def ingest_text(session: Session, text: str, source: Path, out: Optional[Path] = None) -> IngestReport:
    """``draft_article`` with the vocabulary of the built knowledge base behind ``session``."""
    return draft_article(Vocabulary.from_session(session), text, source, out)


def ingest_file(session: Session, article: Path, out: Optional[Path] = None) -> IngestReport:
    """``ingest_text`` on the UTF-8 file ``article``."""
    return ingest_text(session, article.read_text(encoding="utf-8"), article, out)
