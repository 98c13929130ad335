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


def test_a_headline_in_quotation_marks_points_at_its_article() -> None:
    articles = {
        "a": _meta("a", "Opinion | Let the students cross first", "The Daejeon Review"),
        "b": _meta("b", "Ferry service resumes: live", "Harbour Times"),
        "c": _meta("c", "Peace", "Harbour Times"),
    }
    refs = article_references(articles)
    assert referenced_articles('Who wrote "Let the students cross first"?', refs) == {"a"}
    assert referenced_articles("what does ‘let the students cross first’ say about places", refs) == {"a"}
    # Its words unquoted are ordinary words; a quoted word or two is someone's words, not a headline.
    assert referenced_articles("Should the students cross first?", refs) == set()
    assert referenced_articles('What did Lee mean by "Peace"?', refs) == set()
