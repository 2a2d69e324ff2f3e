"""What ingest needs to know from the knowledge base: role aliases and the dimensions' words.

Read from a built KB (the ``kb ingest`` command) or straight from content files (tests), so
drafting never depends on more of the KB than names and words.
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import select
from sqlalchemy.orm import Session

from kb.content.load import Content
from kb.ingest.headings import DimensionWords
from kb.models import Dimension
from kb.nlp import kb_aliases


@dataclass(frozen=True)
class Vocabulary:
    """Role (name, alias) pairs and the dimensions in their display order."""

    aliases: list[tuple[str, str]]
    dimensions: list[DimensionWords]

    @property
    def slugs(self) -> list[str]:
        """Dimension slugs in display order."""
        return [d.slug for d in self.dimensions]

    @classmethod
    def from_session(cls, session: Session) -> "Vocabulary":
        """The vocabulary of a built knowledge base."""
        dimensions = [
            DimensionWords(
                d.slug,
                (d.slug.replace("_", " "), d.name, *d.headings),
                (*d.questions, d.more_phrase, d.tie_phrase),
            )
            for d in session.scalars(select(Dimension).order_by(Dimension.position))
        ]
        return cls(kb_aliases(session), dimensions)

    @classmethod
    def from_content(cls, content: Content) -> "Vocabulary":
        """The vocabulary of content files as read, valid or not."""
        aliases = [(role.name, role.name) for role in content.roles]
        aliases += [(role.name, alias) for role in content.roles for alias, _ in role.aliases]
        dimensions = [
            DimensionWords(d.slug, (d.slug.replace("_", " "), d.name, *d.headings), (*d.questions, d.more, d.tie))
            for d in content.dimensions
        ]
        return cls(aliases, dimensions)
