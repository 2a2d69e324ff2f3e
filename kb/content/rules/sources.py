"""Every authored contrast point rests on a public source named in its file's ``sources``."""

from __future__ import annotations

from kb.content.load import Content, ContentError
from kb.content.sources import SEED_ARTICLE

SCHEMES = ("https://", "http://")


def check_sources(content: Content) -> list[ContentError]:
    """Sources that are neither a URL nor the seed article, unknown point names, and uncovered points."""
    errors = []
    for contrast in content.contrasts:
        covered: set[str] = set()
        for spec in contrast.sources:
            if not spec.source.startswith(SCHEMES) and spec.source.lower() != SEED_ARTICLE:
                errors.append(
                    ContentError(spec.where, f"source '{spec.source}' must be an http(s) URL or '{SEED_ARTICLE}'")
                )
                continue
            if not spec.points:
                covered |= set(contrast.points)
            for slug, where in spec.points:
                if slug not in contrast.points:
                    errors.append(ContentError(where, f"source names point '{slug}', which the contrast does not have"))
                covered.add(slug)
        for slug, point in contrast.points.items():
            if slug not in covered:
                errors.append(
                    ContentError(point.where, f"point '{slug}' has no source: list the public source it rests on")
                )
    return errors
