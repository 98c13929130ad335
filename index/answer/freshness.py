"""Is an answer given earlier still true to the coverage? (Before it is shared again, for instance.)"""

from __future__ import annotations

from dataclasses import dataclass

from index.answer import Answer
from index.store.loaded import LoadedIndex


@dataclass(frozen=True)
class Staleness:
    """The cited files an earlier answer can no longer stand on."""

    removed: tuple[str, ...]  # the article is no longer indexed
    changed: tuple[str, ...]  # the article is, but the cited text is no longer in it

    @property
    def stale(self) -> bool:
        return bool(self.removed or self.changed)


def staleness(index: LoadedIndex, answer: Answer) -> Staleness:
    """Check every cited passage of ``answer`` against the index version now serving."""
    removed: list[str] = []
    changed: list[str] = []
    for passage in answer.passages:
        if passage.article_id not in index.articles:
            removed.append(passage.file)
            continue
        texts = (index.passages[i].text for i in index.passages.of_article(passage.article_id))
        if passage.highlight not in " ".join(texts):
            changed.append(passage.file)
    return Staleness(tuple(dict.fromkeys(removed)), tuple(dict.fromkeys(changed)))
