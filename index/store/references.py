"""Words a question can point at articles with ("the editorial", "Yonhap reported"): built with each
index version, read by the question's analysis."""

from __future__ import annotations

import re

from index.store.passages import ArticleMeta

_OUTLET_FILLER = frozenset({"the", "news", "agency"})
_ARTICLE_TYPES = frozenset(
    [
        "editorial",
        "editorials",
        "column",
        "op-ed",
        "opinion",
        "commentary",
        "analysis",
        "interview",
        "explainer",
        "obituary",
        "review",
        "transcript",
        "briefing",
    ]
)


def article_references(articles: dict[str, ArticleMeta]) -> dict[str, frozenset[str]]:
    """Words a question can point at articles with: article types in headlines ("editorial") and outlet
    names ("yonhap"), each mapped to the articles it names. Built once per index version."""
    refs: dict[str, set[str]] = {}
    for meta in articles.values():
        for word in {w.lower() for w in re.findall(r"[\w-]+", meta.title or "")} & _ARTICLE_TYPES:
            refs.setdefault(word, set()).add(meta.id)
        outlet = " ".join(
            w.lower() for w in re.findall(r"[\w-]+", meta.outlet or "") if w.lower() not in _OUTLET_FILLER
        )
        if outlet:
            refs.setdefault(outlet, set()).add(meta.id)
    return {k: frozenset(v) for k, v in refs.items()}


def referenced_articles(text: str, references: dict[str, frozenset[str]]) -> set[str]:
    """Articles the question points at by type ("the editorial") or by outlet ("Yonhap reported")."""
    words = [w.lower() for w in re.findall(r"[\w-]+", text)]
    found: set[str] = set()
    for n in (1, 2, 3):  # outlet names run to three words ("korea joongang daily")
        for i in range(len(words) - n + 1):
            found |= references.get(" ".join(words[i : i + n]), frozenset())
    return found
