"""Loading outside occupations' names, ways in and the roles' pay mix (part of ``kb.build``'s transaction)."""

from __future__ import annotations

from sqlalchemy.orm import Session

from kb.content.load import Content
from kb.models import Role
from kb.wages.outside_models import OccupationAlias, OutsideCue, OutsideEntry, OutsideGroup, RolePayMix
from kb.text import lookup_key


def load_outside(session: Session, content: Content, roles: dict[str, Role]) -> dict[str, int]:
    """Adds the rows for ``content.outside`` and the roles' ``pay_mix``; returns counts for the CLI."""
    for position, spec in enumerate(content.outside.ways_in):
        group = OutsideGroup(
            slug=spec.slug,
            name=spec.name,
            position=position,
            soc_prefixes=[prefix for prefix, _ in spec.soc_prefixes],
            transfers=[text for text, _ in spec.transfers],
            lacks=spec.lacks,
            first_step=spec.first_step,
            certification=spec.certification,
            is_default=spec.default,
        )
        group.entries = [
            OutsideEntry(role=roles[entry.role], position=index, why=entry.why)
            for index, entry in enumerate(spec.entries)
        ]
        session.add(group)
    session.flush()
    keys: set[str] = set()
    for entry in content.outside.occupations:
        for alias, _ in entry.aliases:
            key = lookup_key(alias)
            if key not in keys:
                keys.add(key)
                row = OccupationAlias(alias=alias, key=key, soc=entry.soc, group_slug=entry.group, name=entry.name)
                row.use_title = entry.use_title
                session.add(row)
    for kind, words in content.outside.cues.items():
        unique = dict.fromkeys(word.lower() for word, _ in words)
        session.add_all(OutsideCue(kind=kind, word=word) for word in unique)
    for spec in content.roles:
        if spec.pay_mix is not None:
            mix = spec.pay_mix
            session.add(RolePayMix(role_id=roles[spec.name].id, bonus=mix.bonus, equity=mix.equity, text=mix.text))
    return {"occupation aliases": len(keys), "outside groups": len(content.outside.ways_in)}
