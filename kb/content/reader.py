"""Reading one YAML content file: typed fields with the file and line they came from.

``Reader`` collects problems as ``ContentError``s instead of raising, so that validation can
list every problem at once, each at the exact place an author must fix.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any, Optional

from ruamel.yaml import YAML
from ruamel.yaml.comments import CommentedMap, CommentedSeq
from ruamel.yaml.error import MarkedYAMLError


@dataclass(frozen=True)
class Where:
    """A place in a content file (1-based line)."""

    file: Path
    line: int

    def __str__(self) -> str:
        return f"{self.file}:{self.line}"


@dataclass(frozen=True)
class ContentError:
    """One problem in the content, with where to fix it."""

    where: Where
    message: str

    def __str__(self) -> str:
        return f"{self.where}: {self.message}"


def _line(node: Any, key: Any = None, fallback: int = 1) -> int:
    try:
        if key is None:
            return int(node.lc.line) + 1
        if isinstance(node, CommentedSeq):
            return int(node.lc.item(key)[0]) + 1
        return int(node.lc.key(key)[0]) + 1
    except (AttributeError, KeyError, IndexError, TypeError):
        return fallback


class Reader:
    """Pulls typed fields out of one YAML file, collecting errors instead of raising."""

    def __init__(self, path: Path, errors: list[ContentError]) -> None:
        self.path = path
        self.errors = errors

    def where(self, node: Any, key: Any = None) -> Where:
        return Where(self.path, _line(node, key))

    def fail(self, where: Where, message: str) -> None:
        self.errors.append(ContentError(where, message))

    def load(self) -> Any:
        try:
            return YAML(typ="rt").load(self.path.read_text(encoding="utf-8"))
        except MarkedYAMLError as error:
            mark = error.problem_mark or error.context_mark
            line = mark.line + 1 if mark else 1
            self.fail(Where(self.path, line), f"not valid YAML: {error.problem or error}")
        except (OSError, UnicodeDecodeError) as error:
            self.fail(Where(self.path, 1), f"cannot read file: {error}")
        return None

    def text(self, node: CommentedMap, key: str, required: bool = True) -> Optional[str]:
        value = node.get(key)
        if value is None:
            if required:
                self.fail(self.where(node), f"missing '{key}'")
            return None
        if not isinstance(value, str) or not value.strip():
            self.fail(self.where(node, key), f"'{key}' must be non-empty text")
            return None
        return " ".join(str(value).split())

    def integer(self, node: CommentedMap, key: str) -> Optional[int]:
        value = node.get(key)
        if value is None:
            self.fail(self.where(node), f"missing '{key}'")
            return None
        if isinstance(value, bool) or not isinstance(value, int):
            self.fail(self.where(node, key), f"'{key}' must be a whole number, not {value!r}")
            return None
        return value

    def texts(self, node: CommentedMap, key: str) -> list[tuple[str, Where]]:
        value = node.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(self.where(node, key), f"'{key}' must be a list")
            return []
        items = []
        for index, item in enumerate(value):
            if not isinstance(item, str) or not item.strip():
                self.fail(self.where(value, index), f"'{key}' entries must be non-empty text")
                continue
            items.append((item.strip(), self.where(value, index)))
        return items

    def mapping(self, node: Any, what: str) -> Optional[CommentedMap]:
        if not isinstance(node, CommentedMap):
            self.fail(Where(self.path, _line(node) if node is not None else 1), f"{what} must be a mapping")
            return None
        return node

    def load_mapping(self, what: str) -> Optional[CommentedMap]:
        """The whole file as a mapping (``what`` names it in the problem), or None with the problem recorded."""
        data = self.load()
        return self.mapping(data, what) if data is not None else None

    def load_list(self, what: str, each: str) -> list[CommentedMap]:
        """The whole file as a list of mappings; ``what`` names the file and ``each`` an entry in the problems.
        Entries that are no mapping are left out (with the problem recorded)."""
        data = self.load()
        if data is None:
            return []
        if not isinstance(data, CommentedSeq):
            self.fail(Where(self.path, 1), f"the {what} file must be a list")
            return []
        return [node for item in data if (node := self.mapping(item, each)) is not None]

    def section(self, node: CommentedMap, key: str) -> Optional[CommentedMap]:
        """The mapping under ``key``, or None with the problem recorded (missing or empty, or not a mapping)."""
        value = node.get(key)
        if value is None:
            self.fail(self.where(node), f"missing '{key}'")
            return None
        return self.mapping(value, f"'{key}'")
