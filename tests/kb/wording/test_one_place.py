"""Every sentence the bot says in a chat is worded in ``kb/wording/``: the action server's and the
channels' modules type none of their own (log lines, HTTP bodies for programs and docstrings are
not chat messages). ``domain.yml``'s ``utter_*`` responses are the one other place."""

from __future__ import annotations

import ast
import re
from pathlib import Path

ROOT = Path(__file__).resolve().parents[3]
SENTENCE = re.compile(r"^[A-Z][^\n]*\s\S[^\n]*[.?!:]$")
NOT_CHAT = re.compile(  # calls whose text is a log line or an answer to a program
    r"^(?:logger|logging|log|print|response|_problem|parser)\b|\.(?:debug|info|warning|error|exception)$"
)


def _called(node: ast.Call) -> str:
    return ast.unparse(node.func)


def typed_sentences(path: Path) -> list[str]:
    """``file:line: text`` of each sentence-like string constant a chat message could carry."""
    tree = ast.parse(path.read_text())
    skipped: set[int] = set()
    for node in ast.walk(tree):
        body = getattr(node, "body", None)
        if isinstance(body, list) and body and isinstance(body[0], ast.Expr):
            skipped.add(id(body[0].value))  # a docstring
        if isinstance(node, ast.Call) and NOT_CHAT.search(_called(node)):
            skipped.update(id(inner) for inner in ast.walk(node))
    found = []
    for node in ast.walk(tree):
        if isinstance(node, ast.Constant) and isinstance(node.value, str) and id(node) not in skipped:
            if SENTENCE.match(node.value.strip()):
                found.append(f"{path.relative_to(ROOT)}:{node.lineno}: {node.value.strip()[:60]}")
    return found


def test_the_action_server_and_the_channels_type_no_sentence_of_their_own() -> None:
    modules = sorted([*ROOT.glob("actions/*.py"), *ROOT.glob("channels/*.py")])
    assert len(modules) > 40
    found = [line for path in modules for line in typed_sentences(path)]
    allowed = {  # answers to programs, not chat messages
        "actions/caller.py", "channels/charts.py", "channels/replay.py",
    }  # fmt: skip
    assert [line for line in found if line.split(":")[0] not in allowed] == []


def test_the_finder_sees_a_reply_typed_in_a_module(tmp_path: Path) -> None:
    module = ROOT / "actions" / "_planted_for_test.py"
    module.write_text('def f(dispatcher):\n    logger.info("Fine to log this.")\n'
                      '    dispatcher.utter_message(text="Sorry, no answer here.")\n')  # fmt: skip
    try:
        assert typed_sentences(module) == ["actions/_planted_for_test.py:3: Sorry, no answer here."]
    finally:
        module.unlink()
