"""What a message asks, as a typed value: the interpreter's output (``actions.interpret``).

Every question carries the roles it names (known ones by canonical name, unknown title-like
phrases as written, each with its span), what it turns down, the dimensions and the place it
names, and which way a comparison asks. The kind is the class: ``Compare``, ``Describe``,
``Rank``, ``Career``, ``Education``, ``Aspect``, ``Pick``, ``Explain``, ``AboutMe``, ``Unknown``
and ``Several`` (a message with parts of different kinds, each a Question of its own).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Literal, Optional

Span = tuple[int, int]  # character offsets in the message
PlaceKind = Literal["area", "ambiguous", "outside_us", "national"]


@dataclass(frozen=True)
class Title:
    """A title the message names: ``role`` is the KB's canonical name (None when unknown). A ``span`` of
    (0, 0) places it nowhere in the text (a button's payload, a role another part of the message names)."""

    text: str
    span: Span
    role: Optional[str] = None
    referred: bool = False  # named by a reference ("it", "the latter"), not typed
    read_as: bool = False  # typed with a slip the KB reads surely ("dispatchr": Dispatcher), to be said


@dataclass(frozen=True)
class Place:
    """Where pay figures are asked for: one OEWS area (``areas`` holds its name), several it could
    be (ambiguous: asked back), a place outside the US (``areas``: the US areas of the same name,
    such as Victoria, TX for "Victoria", usually none), or the whole country ("nationally"). ``carried``:
    not said, the place of the last pay answer kept for a follow-up ("and a transportation manager?")."""

    text: str
    kind: PlaceKind
    areas: tuple[str, ...] = ()
    carried: bool = False

    @property
    def area(self) -> Optional[str]:
        return self.areas[0] if self.kind == "area" else None


@dataclass(frozen=True)
class Question:
    """The common fields of every kind of question."""

    text: str = ""
    titles: tuple[Title, ...] = ()
    negated_roles: tuple[str, ...] = ()
    dimensions: tuple[str, ...] = ()
    negated_dimensions: tuple[str, ...] = ()
    place: Optional[Place] = None  # the first of ``places``
    places: tuple[Place, ...] = ()  # every place named, in order ("in the bay area vs in ohio": two)
    less: bool = False  # asks for the lower of the roles ("who earns less?")
    feeling: Optional[str] = None  # a feeling word of a story ("burnt out"): context, not the question
    occupations: tuple[str, ...] = ()  # SOC codes of occupations outside the KB's roles, when read
    intent: Optional[str] = None  # what NLU read (a clicked button: its payload's intent)
    values: tuple[tuple[str, str], ...] = ()  # other entities read: (name, value), e.g. ("career_direction", "into")
    occupation_spans: tuple[Span, ...] = ()  # where the ``occupations`` are named in the text

    def value(self, name: str) -> Optional[str]:
        """The first value of the entity ``name`` the message carries ("career_direction", "page"), else None."""
        return next((found for entity, found in self.values if entity == name), None)

    @property
    def roles(self) -> tuple[str, ...]:
        """The known roles named, in order, each once, without the ones turned down."""
        named = (t.role for t in self.titles if t.role and t.role not in self.negated_roles)
        return tuple(dict.fromkeys(named))

    @property
    def unknown(self) -> tuple[str, ...]:
        return tuple(dict.fromkeys(t.text for t in self.titles if t.role is None))

    @property
    def dimension(self) -> Optional[str]:
        return self.dimensions[0] if self.dimensions else None


@dataclass(frozen=True)
class Compare(Question):
    """Two roles (or one, with the conversation's pair) on the dimensions named, else in full."""


@dataclass(frozen=True)
class Describe(Question):
    """One role on its own: what it is, or one dimension of it ("what does it pay?")."""


@dataclass(frozen=True)
class Listing(Question):
    """The roles Rolewise knows, or one job family's roles."""


@dataclass(frozen=True)
class Rank(Question):
    """Three or more roles, or a superlative over roles in general."""


@dataclass(frozen=True)
class Career(Question):
    """Routes, ways in, next steps, career changes."""


@dataclass(frozen=True)
class Education(Question):
    """Degrees and certifications of a role or two."""


@dataclass(frozen=True)
class Aspect(Question):
    """Something Rolewise does not compare (stress, travel, remote work)."""


@dataclass(frozen=True)
class Pick(Question):
    """A typed answer to the bot's own choices ("the second one")."""


@dataclass(frozen=True)
class Explain(Question):
    """ "Why?" about the last answer."""


@dataclass(frozen=True)
class AboutMe(Question):
    """The writer says what they do ("I'm a buyer")."""


@dataclass(frozen=True)
class Unknown(Question):
    """Nothing Rolewise answers was read."""


@dataclass(frozen=True)
class Several(Question):
    """Parts of different kinds in one message, each answered in turn."""

    parts: tuple[Question, ...] = field(default_factory=tuple)


@dataclass(frozen=True)
class State:
    """What the conversation carries into a message (the slots)."""

    focus_role: Optional[str] = None
    role_a: Optional[str] = None
    role_b: Optional[str] = None
    dimension: Optional[str] = None
    current_role: Optional[str] = None
    place: Optional[str] = None  # the OEWS area the last pay answer was for
