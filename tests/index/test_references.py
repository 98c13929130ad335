"""A question may point at articles by their kind or their outlet."""

from __future__ import annotations

from index.store.passages import ArticleMeta
from index.store.references import article_references, referenced_articles


def _meta(article_id: str, title: str, outlet: str) -> ArticleMeta:
    return ArticleMeta(article_id, f"{article_id}.txt", "h", title, outlet, None, None, None, None, False, 1)


def test_kinds_and_outlets_point_at_their_articles() -> None:
    articles = {
        "a": _meta("a", "TRANSCRIPT: Presidential office briefing on the summit", "The Yeouido Record"),
        "b": _meta("b", "Editorial: a summit of drums", "Harbour Daily"),
        "c": _meta("c", "Lee lands in Nara", "Yonhap News Agency"),
    }
    refs = article_references(articles)
    assert referenced_articles("What did the adviser tell families at the briefing?", refs) == {"a"}
    assert referenced_articles("what does the transcript say about DNA", refs) == {"a"}
    assert referenced_articles("What did the editorial argue?", refs) == {"b"}
    assert referenced_articles("What did Yonhap report?", refs) == {"c"}
    assert referenced_articles("Where did Lee land?", refs) == set()
