"""A typo-perturbed copy of an NLU test file, to measure robustness to sloppy typing.

``python -m nlu.perturb IN OUT``: each example gets one typo in a plain word and
one in every role mention long enough to stay recognisable. Seeded, so the
copy is the same on every run.
"""

from __future__ import annotations

import random
import re
import sys
from pathlib import Path

ANNOTATION = re.compile(r"\[([^\]]+)\](\{[^}]*\}|\([^)]*\))")
EXAMPLE = re.compile(r"^(\s*- )(.*)$")
MIN_ROLE_CHARS = 10
MIN_WORD_CHARS = 5
SEED = 20261125


def typo(word: str, rng: random.Random) -> str:
    """One keyboard slip: a swapped, dropped or doubled letter, never at the first position.

    Words with at least three letters after the first always come back changed: a swap that would
    change nothing (two equal letters, or a letter next to punctuation) doubles the letter instead.
    """
    letters = [i for i, c in enumerate(word) if c.isalpha() and i > 0]
    if len(letters) < 3:
        return word
    i = rng.choice(letters[:-1])
    kind = rng.choice(("swap", "drop", "double"))
    if kind == "swap" and word[i + 1].isalpha() and word[i + 1] != word[i]:
        return word[:i] + word[i + 1] + word[i] + word[i + 2 :]
    if kind == "drop":
        return word[:i] + word[i + 1 :]
    return word[:i] + word[i] + word[i:]


def typo_candidates(phrase: str) -> list[int]:
    """Indexes (in ``phrase.split(" ")``) of the words a typo may go into: letters only, long enough."""
    return [i for i, w in enumerate(phrase.split(" ")) if len(w) >= MIN_WORD_CHARS and w.isalpha()]


def perturb_phrase(phrase: str, rng: random.Random) -> str:
    """``phrase`` with one typo in one of its candidate words (unchanged if it has none)."""
    words = phrase.split(" ")
    candidates = typo_candidates(phrase)
    if candidates:
        i = rng.choice(candidates)
        words[i] = typo(words[i], rng)
    return " ".join(words)


def perturb_example(text: str, rng: random.Random) -> str:
    def role(match: re.Match[str]) -> str:
        inner = match.group(1)
        return f"[{perturb_phrase(inner, rng) if len(inner) >= MIN_ROLE_CHARS else inner}]{match.group(2)}"

    with_roles = ANNOTATION.sub(role, text)
    pieces = ANNOTATION.split(with_roles)
    plain = [i for i in range(0, len(pieces), 3) if typo_candidates(pieces[i])]
    if plain:
        i = rng.choice(plain)
        pieces[i] = perturb_phrase(pieces[i], rng)
    out = []
    for i in range(0, len(pieces), 3):
        out.append(pieces[i])
        if i + 2 < len(pieces):
            out.append(f"[{pieces[i + 1]}]{pieces[i + 2]}")
    return "".join(out)


def perturb_file(source: Path, target: Path) -> int:
    rng = random.Random(SEED)
    lines, count = [], 0
    for line in source.read_text(encoding="utf-8").splitlines():
        match = EXAMPLE.match(line)
        if match and not line.lstrip().startswith(("- intent:", "- synonym:", "- lookup:", "- regex:")):
            line = match.group(1) + perturb_example(match.group(2), rng)
            count += 1
        lines.append(line)
    target.parent.mkdir(parents=True, exist_ok=True)
    target.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return count


def main(argv: list[str]) -> int:
    if len(argv) != 2:
        print("usage: python -m nlu.perturb IN OUT", file=sys.stderr)
        return 2
    count = perturb_file(Path(argv[0]), Path(argv[1]))
    print(f"Wrote {argv[1]} with {count} perturbed examples")
    return 0


if __name__ == "__main__":
    raise SystemExit(main(sys.argv[1:]))
