"""Errors raised while reading article files."""

from __future__ import annotations


class LoaderError(ValueError):
    """An article file could not be read; the message names the file and the problem."""


class UnsupportedFormatError(LoaderError):
    """The file's extension is not one the loader reads."""


class EmptyArticleError(LoaderError):
    """The file holds no article text (empty, whitespace or only debris)."""


class BinaryFileError(LoaderError):
    """The file is binary, not text."""


class FrontMatterError(LoaderError):
    """The YAML front matter is malformed or has a bad value."""


class IdCollisionError(LoaderError):
    """Two article files whose names fold to the same article id; the message names both."""


class UndecodableFileError(LoaderError):
    """The bytes are not valid in the encoding they announce (a byte-order mark, a declared charset)."""
