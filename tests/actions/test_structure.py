"""The shape of the code: every module of ``actions/`` and ``kb/`` imports, no import cycle among
them, no action creates another action (they go through ``actions.router``), and no module of
``actions/`` over 300 lines, and none builds a changed tracker (a copy with another latest message or
other slots) for another step to read."""

from __future__ import annotations

import ast
import importlib
from pathlib import Path

import pytest

ROOT = Path(__file__).resolve().parents[2]
PACKAGES = ("actions", "kb")
MAX_LINES = 300
OVER_LIMIT: set[str] = set()


def modules() -> dict[str, Path]:
    found = {}
    for package in PACKAGES:
        for path in sorted((ROOT / package).rglob("*.py")):
            parts = path.relative_to(ROOT).with_suffix("").parts
            found[".".join(parts[:-1] if parts[-1] == "__init__" else parts)] = path
    return found


def imports(path: Path, known: set[str]) -> set[str]:
    """The project modules ``path`` imports anywhere in it (top level or inside functions)."""
    found = set()
    for node in ast.walk(ast.parse(path.read_text(encoding="utf-8"))):
        names = []
        if isinstance(node, ast.Import):
            names = [alias.name for alias in node.names]
        elif isinstance(node, ast.ImportFrom) and node.module and node.level == 0:
            names = [node.module] + [f"{node.module}.{alias.name}" for alias in node.names]
        found |= {name for name in names if name in known}
    return found


def cycles(graph: dict[str, set[str]]) -> list[list[str]]:
    """Each import cycle once (as the path that closes it), by depth-first search."""
    found, state = [], {}

    def visit(node: str, path: list[str]) -> None:
        state[node] = "open"
        for nxt in sorted(graph[node]):
            if state.get(nxt) == "open":
                found.append([*path[path.index(nxt) :], nxt])
            elif nxt not in state:
                visit(nxt, [*path, nxt])
        state[node] = "done"

    for node in sorted(graph):
        if node not in state:
            visit(node, [node])
    return found


def test_every_module_imports() -> None:
    for name in modules():
        if not name.endswith("__main__"):
            importlib.import_module(name)


def test_no_import_cycle() -> None:
    known = modules()
    graph = {name: imports(path, set(known)) - {name} for name, path in known.items()}
    assert cycles(graph) == []


def test_the_cycle_finder_finds_a_cycle() -> None:
    assert cycles({"a": {"b"}, "b": {"c"}, "c": {"a"}, "d": set()}) == [["a", "b", "c", "a"]]


@pytest.mark.parametrize("path", sorted((ROOT / "actions").glob("*.py")), ids=lambda p: p.name)
def test_no_action_creates_another_action(path: Path) -> None:
    tree = ast.parse(path.read_text(encoding="utf-8"))
    calls = [node.func for node in ast.walk(tree) if isinstance(node, ast.Call)]
    created = [call.id for call in calls if isinstance(call, ast.Name) and call.id.startswith("Action")]
    assert created == []


@pytest.mark.parametrize("path", sorted((ROOT / "actions").glob("*.py")), ids=lambda p: p.name)
def test_modules_stay_small(path: Path) -> None:
    if str(path.relative_to(ROOT)) not in OVER_LIMIT:
        assert len(path.read_text(encoding="utf-8").splitlines()) <= MAX_LINES


def tracker_rewrites(source: str) -> list[str]:
    """What in ``source`` makes a changed tracker for another step: a ``Tracker`` built or copied
    (``Tracker(...)``, ``Tracker.from_dict``, ``copy.copy``/``deepcopy``), or a tracker's latest message
    or slots assigned (``x.latest_message = ...``, ``x.slots = ...``)."""
    found = []
    for node in ast.walk(ast.parse(source)):
        if isinstance(node, ast.Call):
            func = node.func
            if isinstance(func, ast.Name) and func.id in ("Tracker", "deepcopy"):
                found.append(f"line {node.lineno}: {func.id}(...)")
            elif isinstance(func, ast.Attribute) and func.attr in ("copy", "deepcopy", "from_dict"):
                owner = func.value.id if isinstance(func.value, ast.Name) else ""
                if owner in ("copy", "Tracker"):
                    found.append(f"line {node.lineno}: {owner}.{func.attr}(...)")
        targets = node.targets if isinstance(node, ast.Assign) else [node.target] if isinstance(
            node, (ast.AugAssign, ast.AnnAssign)) else []  # fmt: skip
        for target in targets:
            if isinstance(target, ast.Attribute) and target.attr in ("latest_message", "slots"):
                found.append(f"line {node.lineno}: .{target.attr} assigned")
    return found


@pytest.mark.parametrize("path", sorted((ROOT / "actions").glob("*.py")), ids=lambda p: p.name)
def test_no_action_rewrites_the_tracker(path: Path) -> None:
    """Handlers get the ``Question`` read from the message, never a tracker made to say something else."""
    assert tracker_rewrites(path.read_text(encoding="utf-8")) == []


@pytest.mark.parametrize(
    "source",
    [
        "import copy\nresolved = copy.copy(tracker)\n",
        "t.latest_message = {**t.latest_message, 'text': 'x'}\n",
        "tracker.slots = {}\n",
        "Tracker.from_dict(state)\n",
        "Tracker('id', {}, {}, [], False, None, {}, None)\n",
    ],
)
def test_the_rewrite_finder_finds_a_rewrite(source: str) -> None:
    assert tracker_rewrites(source) != []


# Patterns of shape, not of words: these stay in Python. Every other pattern is built from the
# word lists of kb/data/vocabulary.yml (``kb.content.vocabulary.words_pattern``, ``actions.cues``).
STRUCTURAL = {
    "asking.PARTS": "a message's clauses, by their punctuation",
    "choices.PAYLOAD": "a button's payload: /intent{json}",
    "career_plans.FROM_A_ROLE_WHERE": "'from a <title> where': a title of any words between",
    "context._SENTENCE": "sentences, by their end marks",
    "context._CLAUSE_START": "clauses, by the comma or semicolon before them",
    "education.ACRONYM": "a short form typed in capitals",
    "education.NAMED": "'is <name> certification': the name between a verb and the catalogue's noun",
    "feedback.NEGATED": "a negation by its ending (n't)",
    "mentions.SHORT_FORM": "two or three capitals",
    "phrases._SEPARATORS": "punctuation, and the 'separators' cue words",
    "phrases._SEPARATORS_KEPT": "the same, keeping each separator",
    "phrases.INTO": "'into <field>': the words after a preposition",
    "phrases.IN_FIELD": "'in <field>': the words after a preposition",
    "reading.SHARED_HEAD": "'<words> vs <title>': any words before a comparing word",
    "reading.SHARED_MODIFIER": "'<title> or the <word>': only a comparing word between two titles",
    "cues.TENURE_AFTER": "'<title> for <number> <unit>': a tenure right after a title (words from content)",
    "cues.TENURE_BEFORE": "'<number> <unit> as a <title>': a tenure before a title (words from content)",
    "reading.BARE_TITLE": "'the <title word>': a title word alone after \"the\"",
    "reading.WORD": "a word of letters",
    "reading.WORDS_ONLY": "words and spaces only, nothing else between",
    "reading.SETTING_WORD": "any word of four letters or more",
    "mentions.ROUTE_ARROW": "'<title> to <role>': only a connector between the two titles",
    "career_plans.LEADS_TO": "'... promoted to?': a message ending on a bare \"to\"",
    "phrases.FROM": "'from <field> into': the words between two prepositions",
    "ranking.TOP": "number parsing: 'top 3', 'top five'",
    "places.PLACE_WORDS": "the 'place_words' cue words before a place name",
    "places.LEADING": "the 'place_lead_in' cue words opening a place-only reply",
    "places.TAIL": "the 'place_tail' cue words after a place-only reply",
    "phrases.EMPLOYERS": "the 'employers' cue words after 'at' or 'for'",
    "places.WORD": "a word of a place name",
    "interpret.CLAUSE": "the interpreter's own: clause boundaries",
    "title_words.BOUNDARY": "punctuation that ends a title's clause",
    "title_words.TOKEN": "a word, with its dots ('Sr.')",
    "title_words.AFTER_FORM": "the end of the text or a punctuation mark after a short form",
}


def compiled_patterns(path: Path) -> list[str]:
    """``module.NAME`` of each module-level ``NAME = re.compile(...)`` in ``path``."""
    found = []
    for node in ast.parse(path.read_text(encoding="utf-8")).body:
        if isinstance(node, ast.Assign) and isinstance(node.value, ast.Call):
            func = node.value.func
            if isinstance(func, ast.Attribute) and func.attr == "compile" and getattr(func.value, "id", "") == "re":
                found += [f"{path.stem}.{t.id}" for t in node.targets if isinstance(t, ast.Name)]
    return found


def test_word_lists_are_content_not_regexes() -> None:
    """Only patterns of shape are typed in ``actions/``; cue words live in kb/data/vocabulary.yml."""
    typed = {name for path in sorted((ROOT / "actions").glob("*.py")) for name in compiled_patterns(path)}
    assert typed <= set(STRUCTURAL), sorted(typed - set(STRUCTURAL))
