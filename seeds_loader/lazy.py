"""Regular expressions compiled on first use, so that importing a module costs no compilation."""

from __future__ import annotations

import re

# The methods readers call, bound to the compiled pattern on first use and kept in the instance: a pattern
# is applied to every paragraph of every build, and a bound method in a slot costs no lookup after that.
_METHODS = ("search", "match", "fullmatch", "finditer", "findall", "sub", "split")


class LazyPattern:
    """A regular expression compiled on first use: the word-list patterns are large alternations whose
    compilation would otherwise cost every process start, even one that never uses them."""

    __slots__ = ("_compiled", "_flags", "_pattern", *_METHODS)

    def __init__(self, pattern: str, flags: int = 0) -> None:
        self._pattern = pattern
        self._flags = flags
        self._compiled: re.Pattern[str] | None = None

    def __getattr__(self, name: str):  # type: ignore[no-untyped-def]
        # Reached only while a method's slot is empty (before the first use) or for anything else a
        # compiled pattern has (``pattern``, ``groups``).
        if self._compiled is None:
            self._compiled = re.compile(self._pattern, self._flags)
            for method in _METHODS:
                setattr(self, method, getattr(self._compiled, method))
        return getattr(self._compiled, name)
