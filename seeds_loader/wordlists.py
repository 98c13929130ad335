"""Word lists kept as data files in the package (one entry per line, ``#`` comments), loaded once."""

from __future__ import annotations

import re
from collections.abc import Iterable
from functools import cache
from importlib import resources


@cache
def word_list(name: str, package: str = "seeds_loader") -> tuple[str, ...]:
    """The entries of ``data/NAME.txt`` in ``package``, in file order, blank lines and comments skipped."""
    text = resources.files(package).joinpath("data", f"{name}.txt").read_text("utf-8")
    entries = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return tuple(e for e in entries if e)


def alternation(entries: Iterable[str], *, escape: bool = True) -> str:
    """One pattern matching any of ``entries``, the longest first. Plain words are put in a trie
    ("minist(?:er|ry)"): the engine then tries one branch per letter instead of every word at every
    position of every paragraph (the role and title lists run to a hundred words each). Entries that are
    patterns themselves (``escape=False``) are joined as they are."""
    items = sorted(set(entries), key=len, reverse=True)
    if not escape:
        return "|".join(items)
    trie: dict[str, dict] = {}
    for item in items:
        node = trie
        for char in item:
            node = node.setdefault(char, {})
        node[""] = {}  # a word ends here
    return _trie_pattern(trie)


def _trie_pattern(node: dict[str, dict]) -> str:
    """The pattern of a trie node's words: each branch a letter and the rest, longest first (the word
    ending here, if one does, is the last choice, so that a longer word wins as in a longest-first list)."""
    branches = [re.escape(char) + _trie_pattern(child) for char, child in node.items() if char]
    if not branches:
        return ""
    body = branches[0] if len(branches) == 1 else "(?:" + "|".join(branches) + ")"
    if "" not in node:
        return body
    return f"(?:{body})?" if len(branches) > 1 or len(branches[0]) > 1 else f"{body}?"
