"""Reading ``kb/data/aspects.yml``: the aspects of a job Rolewise does not compare.

Only the file's shape is checked here; ``kb.aspects`` checks its content against the rest of
the knowledge base and answers the query the dialogue asks.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Optional

from kb.content.reader import ContentError, Reader, Where

ASPECTS_FILE = Path(__file__).resolve().parents[1] / "data" / "aspects.yml"
OFFERS = ("next_roles",)  # what an answer can offer besides a dimension: the roles' typical next roles


@dataclass
class AspectSpec:
    """One entry of ``aspects.yml``."""

    slug: str
    says: str
    nearest: Optional[str]
    offer: Optional[str]
    words: list[tuple[str, Where]]
    where: Where


def read_aspects(path: Path, errors: list[ContentError]) -> list[AspectSpec]:
    """``aspects.yml``: a list of aspects, each with ``slug``, ``says``, ``nearest`` and ``words``."""
    reader = Reader(path, errors)
    aspects = []
    for node in reader.load_list("aspects", "each aspect"):
        slug, says = reader.text(node, "slug"), reader.text(node, "says")
        nearest = reader.text(node, "nearest", required=False)
        if "nearest" not in node:
            reader.fail(reader.where(node), "missing 'nearest' (a dimension slug, or null)")
        offer = reader.text(node, "offer", required=False)
        words = reader.texts(node, "words")
        if slug and says:
            aspects.append(AspectSpec(slug, says, nearest, offer, words, reader.where(node)))
    return aspects


@lru_cache(maxsize=1)
def aspect_words(path: Path = ASPECTS_FILE) -> tuple[str, ...]:
    """Every word or phrase of ``aspects.yml`` that names an aspect, lower case (read once): what the
    interpreter needs to tell a clause about an aspect ("and is it stressful?") from the rest of a message.
    A file with shape problems raises ``ValueError``."""
    errors: list[ContentError] = []
    found = read_aspects(path, errors)
    if errors:
        raise ValueError("\n".join(str(e) for e in errors))
    return tuple(dict.fromkeys(" ".join(word.lower().split()) for aspect in found for word, _ in aspect.words))
