"""Reading the ``sources`` of a contrast file: the public sources its points rest on.

Shape::

    sources:
      - source: the seed article                 # or an http(s) URL
        points: [scope, hierarchy]               # optional: the points it supports (default: all)
"""

from __future__ import annotations

from dataclasses import dataclass

from ruamel.yaml.comments import CommentedMap

from kb.content.reader import Reader, Where

SEED_ARTICLE = "the seed article"


@dataclass
class SourceSpec:
    """A public source a contrast rests on: a URL or "the seed article"; ``points`` = the
    dimensions it supports (empty: every point of the contrast)."""

    source: str
    points: list[tuple[str, Where]]
    where: Where


def read_sources(reader: Reader, node: CommentedMap) -> list[SourceSpec]:
    """A contrast's ``sources``: each a mapping with ``source`` and an optional ``points`` list."""
    items = node.get("sources")
    if items is None:
        return []
    if not isinstance(items, list):
        reader.fail(reader.where(node, "sources"), "'sources' must be a list")
        return []
    sources = []
    for item in items:
        entry = reader.mapping(item, "each source")
        source = reader.text(entry, "source") if entry is not None else None
        if entry is not None and source:
            sources.append(SourceSpec(source, reader.texts(entry, "points"), reader.where(entry, "source")))
    return sources
