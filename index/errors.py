"""Errors raised by the index and the answer engine."""

from __future__ import annotations

REBUILD_HINT = "rebuild it with: summitbot index build"


class IndexStoreError(RuntimeError):
    """Base error of the index package."""


class IndexMissingError(IndexStoreError):
    """No index has been built at the configured location."""


class IndexMismatchError(IndexStoreError):
    """The index on disk was built differently (model, dimension, format) from what is configured."""


class IndexCorruptError(IndexStoreError):
    """The index on disk is incomplete or unreadable."""


class NoArticlesError(IndexStoreError):
    """There is no readable article to index."""


class WouldEmptyIndexError(IndexStoreError):
    """A change would leave no article to index."""


class EmbedderError(IndexStoreError):
    """The embedding model could not be loaded or used."""


class QuestionError(IndexStoreError, ValueError):
    """A question (or its options) that cannot be asked: empty, too long, not text; the message says why."""


class ReaderNodeError(IndexStoreError):
    """A change asked of a node that serves from Milvus alone: changes are made on the writer node."""
