"""Regular expressions compiled on first use, so that importing a module costs no compilation."""

from __future__ import annotations

import re


class LazyPattern:
    """A regular expression compiled on first use: the word-list patterns are large alternations whose
    compilation would otherwise cost every process start, even one that never uses them."""

    __slots__ = ("_compiled", "_flags", "_pattern")

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, self._flags)
        return getattr(self._compiled, name)
