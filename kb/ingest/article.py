"""Reading a plain-text or Markdown comparison article into its title and headed sections.

Career sites write headings in many ways: Markdown ``## Budget``, bold ``**Who earns more?**``,
numbered ``3. Long-term planning``, a short line of its own, or inline ``Pay: ...``. Text before
the first heading is the intro and text after a horizontal rule is the footer: neither becomes a
point. Trailing paragraphs of the last section that talk to the reader ("Still unsure? ...") are
the closing and are set aside too. A section that ends in "…" (a preview cut short) or has no
text at all is kept, marked as a gap.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, field
from typing import Optional

MAX_INLINE_HEADING_WORDS = 6
MAX_LINE_HEADING_WORDS = 9
ELLIPSES = ("…", "...", "[…]", "[...]")
_MARKDOWN_HEADING = re.compile(r"^#{1,6}\s+(.+?)\s*#*$")
_BOLD_HEADING = re.compile(r"^(?:\*\*|__)(.+?)(?:\*\*|__)\s*:?$")
_NUMBERED = re.compile(r"^(?:step\s+)?\d{1,2}\s*[.)]\s+", re.IGNORECASE)
_INLINE_HEADING = re.compile(r"^(?:\*\*)?([A-Za-z][\w ,&/'()-]{1,60}?)(?:\*\*)?\s*:(?:\*\*)?\s+(\S.*)$")
_RULE = re.compile(r"^\s*(?:-{3,}|\*{3,}|_{3,})\s*$")
_WORD = re.compile(r"[A-Za-z']+")
_CLOSING_OPENERS = (
    "in conclusion",
    "to conclude",
    "to sum up",
    "in summary",
    "all in all",
    "whichever",
    "either way",
    "ultimately",
    "read ",
    "learn ",
    "find out",
    "discover",
    "subscribe",
    "sign up",
    "check out",
    "see also",
    "related:",
)
_READER = {"you", "your", "you're", "yours", "yourself"}
# Headings that wrap an article up or talk to the reader: their sections are the closing, never points.
_CLOSING_HEADINGS = re.compile(
    r"^(?:the\s+)?(?:bottom line|conclusion|conclusions|final thoughts|in summary|summary|key takeaways|takeaways|"
    r"wrapping up|the verdict|faqs?|frequently asked questions|which (?:one|role|job|career|path) is (?:right|best)"
    r"(?: for you)?|(?:so,?\s+)?which should you choose)\b",
    re.IGNORECASE,
)
_TABLE_ROW = re.compile(r"^\|.*\|$")


@dataclass
class Section:
    """One headed section: its text, where it starts, and what ingest made of it."""

    heading: str
    line: int
    paragraphs: list[str] = field(default_factory=list)
    paragraph_lines: list[int] = field(default_factory=list)
    dimension: Optional[str] = None
    mapped_by: str = ""  # "heading", "part of heading" or "heading words"; empty when unmapped
    duplicate_of: Optional[str] = None  # heading of an earlier section on the same dimension
    leader: Optional[str] = None  # canonical name, "tie", or None when the text does not say
    evidence: list[str] = field(default_factory=list)
    closing: bool = False  # a wrap-up heading ("The Bottom Line", "FAQ"): never mapped, never a point

    @property
    def text(self) -> str:
        """The section's paragraphs joined into one text."""
        return " ".join(self.paragraphs).strip()

    @property
    def cut_short(self) -> bool:
        """True when the section is empty or ends in an ellipsis: the article was shortened here."""
        text = self.text.rstrip()
        return not text.strip("".join(ELLIPSES) + " ") or text.endswith(ELLIPSES)


@dataclass
class Article:
    """A parsed article: title, the lines before the first heading, sections and what was left out."""

    title: str
    title_line: int
    intro: list[tuple[int, str]]  # (line, text) before the first heading
    sections: list[Section]
    left_out: list[tuple[int, str]]  # (line, paragraph) of closing and footer text


def _clean(text: str) -> str:
    """A heading or title without Markdown emphasis, numbering or surrounding punctuation."""
    text = re.sub(r"^#{1,6}\s+", "", text.strip())
    text = text.strip("*_ ").strip()
    return _NUMBERED.sub("", text).strip()


def _words(text: str) -> list[str]:
    return _WORD.findall(text)


def _line_heading(line: str, previous_blank: bool) -> Optional[str]:
    """The heading a whole line stands for, or None when the line is body text."""
    for pattern in (_MARKDOWN_HEADING, _BOLD_HEADING):
        match = pattern.match(line)
        if match:
            return _clean(match.group(1))
    if line.startswith(("*", "_", "-", ">", "[", "(")) or not previous_blank or " | " in line:  # "| 6 min read"
        return None
    line = line.removesuffix(":").rstrip()
    words = _words(line)
    if not words or len(words) > MAX_LINE_HEADING_WORDS or line.endswith((".", ",", ";", ":", "!", "…")):
        return None
    return _clean(line) if line[0].isupper() or line[0].isdigit() else None


def _inline_heading(line: str) -> Optional[tuple[str, str]]:
    match = _INLINE_HEADING.match(_NUMBERED.sub("", line))
    if match and len(match.group(1).split()) <= MAX_INLINE_HEADING_WORDS:
        return _clean(match.group(1)), match.group(2).strip()
    return None


def is_closing_heading(heading: str) -> bool:
    """True for "The Bottom Line", "Conclusion", "FAQ", "Which career is right for you?" and the like."""
    return bool(_CLOSING_HEADINGS.match(heading.strip(" ?!.:")))


def _stats_row(lines: list[str], index: int) -> bool:
    """A "Label: value" line among others like it ("Median salary: ...", "Job outlook: ..."): a stats
    block, not a run of inline headings."""
    def inline(at: int) -> bool:
        return 0 <= at < len(lines) and _inline_heading(lines[at].strip()) is not None

    return inline(index) and (inline(index - 1) or inline(index + 1))


def is_closing(paragraph: str) -> bool:
    """True for a paragraph that speaks to the reader or wraps up rather than compares."""
    lowered = paragraph.strip(" *_").lower()
    first_sentence = re.split(r"(?<=[.!?])\s", lowered, maxsplit=1)[0]
    if first_sentence.endswith("?") or lowered.startswith(_CLOSING_OPENERS):
        return True
    return bool(_READER & {w.lower() for w in _words(first_sentence)})


def parse_article(text: str) -> Article:
    """Split ``text`` into title, intro, sections and left-out closing or footer paragraphs."""
    lines = text.splitlines()
    title_index = next((i for i, line in enumerate(lines) if line.strip()), None)
    if title_index is None:
        raise ValueError("the article is empty")
    intro: list[tuple[int, str]] = []
    sections: list[Section] = []
    left_out: list[tuple[int, str]] = []
    current: Optional[Section] = None
    in_footer = False
    paragraph_open = False
    previous_blank = True
    for number, raw in enumerate(lines[title_index + 1 :], start=title_index + 2):
        line = raw.strip()
        if not line:
            previous_blank, paragraph_open = True, False
            continue
        if _TABLE_ROW.match(line) or _stats_row(lines, number - 1):  # tables and stats rows are no points
            left_out.append((number, line))
            previous_blank, paragraph_open = False, False
            continue
        heading = _line_heading(line, previous_blank)
        inline = None if heading else _inline_heading(line)
        previous_blank = False
        if heading or inline:
            current = Section(heading or inline[0], number)  # type: ignore[index]
            current.closing = is_closing_heading(current.heading)
            sections.append(current)
            if inline:
                current.paragraphs.append(inline[1])
                current.paragraph_lines.append(number)
            in_footer, paragraph_open = False, bool(inline)
        elif _RULE.match(line):
            in_footer, current, paragraph_open = True, None, False
        elif in_footer:
            left_out.append((number, line))
        elif current is None:
            intro.append((number, line))
        elif paragraph_open:
            current.paragraphs[-1] = f"{current.paragraphs[-1]} {line}"
        else:
            current.paragraphs.append(line)
            current.paragraph_lines.append(number)
            paragraph_open = True
    if sections:
        last = sections[-1]
        while len(last.paragraphs) > 1 and is_closing(last.paragraphs[-1]):
            left_out.insert(0, (last.paragraph_lines.pop(), last.paragraphs.pop()))
    return Article(_clean(lines[title_index]), title_index + 1, intro, sections, left_out)
