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


# What names a piece of coverage rather than a source: "according to the op-ed", "the FAQ says".
COVERAGE_WORDS = _ARTICLE_TYPES | frozenset(
    ["article", "articles", "story", "stories", "piece", "report", "coverage", "faq", "brief", "blog", "live", "page"]
)
_DETERMINERS = frozenset({"the", "this", "that", "our", "their", "its", "a", "an", "today's", "yesterday's"})


def names_coverage(phrase: str) -> bool:
    """``phrase`` is a piece of coverage ("the op-ed", "this article", "the live blog"), not someone."""
    words = [w for w in re.findall(r"[\w’'-]+", phrase.lower()) if w not in _DETERMINERS]
    return bool(words) and all(w in COVERAGE_WORDS for w in words)


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
        if headline := _headline_key(meta.title or ""):
            refs.setdefault(headline, set()).add(meta.id)
    return {k: frozenset(v) for k, v in refs.items()}


# A headline is pointed at only in quotation marks ('who wrote "Let the students cross first"'), so its key
# is kept apart from the words a question may use without them.
_HEADLINE = "headline:"
_QUOTED = re.compile(r"[\"“‘']([^\"“”‘’']{8,200})[\"”’']")
_HEADLINE_WORDS = 3  # fewer, and a quoted phrase is a slogan or someone's words, not a headline


def _headline_key(title: str) -> str | None:
    # "Opinion | Let the students cross first" is pointed at by its words after the section's name.
    words = [w.lower() for w in re.findall(r"[\w-]+", title.rsplit("|", 1)[-1].rsplit(":", 1)[-1])]
    return _HEADLINE + " ".join(words) if len(words) >= _HEADLINE_WORDS else None


def referenced_articles(text: str, references: dict[str, frozenset[str]]) -> set[str]:
    """Articles the question points at by type ("the editorial") or by outlet ("Yonhap reported")."""
    return {article for found in references_in(text, references).values() for article in found}


def references_in(text: str, references: dict[str, frozenset[str]]) -> dict[str, frozenset[str]]:
    """The words of the question that point at articles ("editorial", "coastline review"), each with the
    articles it names."""
    words = [w.lower() for w in re.findall(r"[\w-]+", text)]
    found: dict[str, frozenset[str]] = {}
    for m in _QUOTED.finditer(text):  # a headline in quotation marks
        if (key := _headline_key(m.group(1))) is not None and key in references:
            found[key] = references[key]
    for n in (1, 2, 3):  # outlet names run to three words ("korea joongang daily")
        for i in range(len(words) - n + 1):
            phrase = " ".join(words[i : i + n])
            if phrase in references:
                found[phrase] = references[phrase]
    return found


def outlets_named(text: str, references: dict[str, frozenset[str]]) -> list[str]:
    """The outlet names a question points at articles with ("according to the Coastline Review"): they
    say whose coverage is asked about, not what it is about. (Article types, "the analysis", may also be
    what is asked about: "the DNA analysis"; a quoted headline's words are also the article's.)"""
    return [
        phrase
        for phrase in references_in(text, references)
        if phrase not in _ARTICLE_TYPES and not phrase.startswith(_HEADLINE)
    ]
