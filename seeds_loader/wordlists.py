"""Word lists kept as data files in the package (one entry per line, ``#`` comments), loaded once."""

from __future__ import annotations

from functools import cache
from importlib import resources


@cache
def word_list(name: str, package: str = "seeds_loader") -> tuple[str, ...]:
    """The entries of ``data/NAME.txt`` in ``package``, in file order, blank lines and comments skipped."""
    text = resources.files(package).joinpath("data", f"{name}.txt").read_text("utf-8")
    entries = (line.split("#", 1)[0].strip() for line in text.splitlines())
    return tuple(e for e in entries if e)
