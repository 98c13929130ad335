"""HTML articles: the body (with figure captions) and `<head>` metadata, stored as Markdown with front matter."""

from __future__ import annotations

import json
import re
from html import unescape

from seeds_loader.credits import BYLINE, byline_names, names_outlet, outlet_for_domain, rights_owner
from seeds_loader.errors import EmptyArticleError
from seeds_loader.html_body import body_markdown
from seeds_loader.metadata import opinion_section


def html_to_markdown(html: str, name: str, *, url: str | None = None) -> str:
    """The article in ``html`` as Markdown: YAML front matter (title, outlet, author, date, url), then
    one block per paragraph, figure (image line and italic caption), subheading or block quote.
    Raises EmptyArticleError when no article text is found."""
    import trafilatura  # heavy (lxml and friends): only when HTML actually arrives

    body = body_markdown(html)
    if body is None:
        # The page's structure was not understood: trafilatura's main-text heuristics instead.
        text = trafilatura.extract(
            html, url=url, favor_precision=True, include_comments=False, include_tables=False, output_format="markdown"
        )
        if not text or not text.strip():
            raise EmptyArticleError(f"{name}: no article text found in the HTML")
        body = "\n\n".join(line.strip() for line in text.splitlines() if line.strip())
    meta = trafilatura.extract_metadata(html, default_url=url)
    fields: dict[str, str | None] = {}
    linked = json_ld_article(html)
    if meta is not None:
        outlet = meta.sitename or (outlet_for_domain(meta.hostname) if meta.hostname else None)
        if outlet is None:
            owner = page_rights_owner(html)  # the footer's copyright line, read once
            outlet = title_outlet(_page_title(html) or "", owner) or owner
        fields = {
            "title": headline(meta.title) if meta.title else None,
            "outlet": outlet,
            "author": _author(meta.author),
            "published": meta.date,
            "url": meta.url or url,
        }
    elif url:
        fields = {"url": url}
    # What the page declares of its article in JSON-LD goes first: trafilatura reads a NewsArticle's, not an
    # OpinionNewsArticle's, and then guesses a date (an op-ed of December 12 had become one of December 1).
    for key, value in linked.items():
        if key == "published" or not fields.get(key):
            fields[key] = value
    # ... then what its markup says where nothing else did: a <time datetime> and a byline element.
    for key, value in (("published", _time_datetime(html)), ("author", _byline_element(html))):
        if value and not fields.get(key):
            fields[key] = value
    # A page title opening with its section ("Opinion | The DNA talks need a deadline"): an opinion piece.
    section = _TITLE_PARTS.split(_page_title(html) or "")[0].strip()
    if opinion_section(section):
        fields["section"] = section
    return with_front_matter(fields, body)


_STAMP_WORD = re.compile(r"^(?:published|updated|posted|modified|input|last updated)\b", re.I)


def _author(author: str | None) -> str | None:
    """The page's author without what trafilatura keeps of a byline line's stamp ("Nari Song; Published"
    from "By Nari Song | Published 2026-10-22")."""
    if not author:
        return None
    parts = [p.strip() for p in author.split(";") if p.strip() and not _STAMP_WORD.match(p.strip())]
    return "; ".join(parts) or None


_TITLE_PARTS = re.compile(r"\s+(?:[:|»›]|::|[-–—])\s+")


def headline(title: str) -> str:
    """A page title without the section names a site appends to it ("Seoul, Tokyo agree to speed up DNA talks
    : National : News" -> the headline); a headline's own colon or dash ("Nara: what we know") stays."""
    parts = _TITLE_PARTS.split(title)
    trailing = parts[1:]
    if (
        trailing
        and len(parts[0].split()) >= 3
        and all(len(p.split()) <= 2 and all(w[:1].isupper() for w in p.split()) for p in trailing)
    ):
        return parts[0]
    return title


def title_outlet(title: str, owner: str | None = None) -> str | None:
    """The site a page title names after its headline ("Ube divers mark end of season - Coastal Post", also
    after a section: "Opinion | ... - Harbor Journal"): its last part, when that is an outlet's name (a
    section's is not: "... : National : News"), or the name the page's copyright line (``owner``) opens with
    ("... | Harbourline" over "© 2026 Harbourline Media Ltd.": a one-word name a section could have)."""
    parts = _TITLE_PARTS.split(title)
    headline_there = any(len(p.split()) >= 3 for p in parts[:-1])  # "Opinion | The sea ... - Harbor Journal"
    if len(parts) < 2 or not headline_there:
        return None
    site = parts[-1]
    if names_outlet(site) or (owner is not None and owner.split()[: len(site.split())] == site.split()):
        return site
    return None


def _page_title(html: str) -> str | None:
    m = _TITLE_TAG.search(html)
    return " ".join(unescape(m.group(1)).split()) if m else None


_JSON_LD = re.compile(r"<script[^>]*application/ld\+json[^>]*>(.*?)</script>", re.I | re.S)
_ARTICLE_TYPE = re.compile(r"(?:Article|BlogPosting|Report)$")


def json_ld_article(html: str) -> dict[str, str]:
    """The headline, date, authors and publisher a page declares for its article in JSON-LD (any kind of
    article: NewsArticle, OpinionNewsArticle, AnalysisNewsArticle, BlogPosting ...); empty when it declares
    none or the block is not JSON."""
    for block in _JSON_LD.findall(html):
        try:
            data = json.loads(block.strip())
        except ValueError:
            continue
        for item in _ld_items(data):
            types = item.get("@type")
            if not any(
                _ARTICLE_TYPE.search(t) for t in (types if isinstance(types, list) else [types]) if isinstance(t, str)
            ):
                continue
            authors = item.get("author")
            names = [
                a.get("name") if isinstance(a, dict) else a
                for a in (authors if isinstance(authors, list) else [authors])
            ]
            publisher = item.get("publisher")
            found = {
                "title": item.get("headline"),
                "published": item.get("datePublished"),
                "author": ", ".join(n for n in names if isinstance(n, str) and n.strip()),
                "outlet": publisher.get("name") if isinstance(publisher, dict) else None,
            }
            return {k: v.strip() for k, v in found.items() if isinstance(v, str) and v.strip()}
    return {}


def _ld_items(data: object) -> list[dict]:  # type: ignore[type-arg]
    """The objects of a JSON-LD block, its ``@graph`` read too."""
    items = data if isinstance(data, list) else [data]
    out = []
    for item in items:
        if isinstance(item, dict):
            out.append(item)
            if isinstance(graph := item.get("@graph"), list):
                out += [g for g in graph if isinstance(g, dict)]
    return out


_TIME = re.compile(r"<time\b[^>]*\bdatetime=[\"']([^\"']+)[\"']", re.I)
_BYLINE_ELEMENT = re.compile(
    r"<(p|div|span|address)\b[^>]*class=[\"'][^\"']*(?:byline|author|meta)[^\"']*[\"'][^>]*>(.*?)</\1>", re.I | re.S
)


def _time_datetime(html: str) -> str | None:
    """The first machine-readable date the page's markup gives (``<time datetime="2027-02-04T09:00">``)."""
    m = _TIME.search(html)
    return m.group(1).strip() if m is not None else None


def _byline_element(html: str) -> str | None:
    """The names of a byline set in an element of its own ("<p class="meta">By Aya Fujii · <time>…")."""
    for m in _BYLINE_ELEMENT.finditer(html):
        text = " ".join(unescape(re.sub(r"<[^>]+>", " ", m.group(2))).split())
        if BYLINE.match(text) and (names := byline_names(text)):
            return names
    return None


_TITLE_TAG = re.compile(r"<title[^>]*>(.*?)</title>", re.I | re.S)
# "© 2026 Busan Ilbo", "Copyright © Busan Ilbo. All rights reserved." (the year is often left out)
_COPYRIGHT_TEXT = re.compile(r"(?:©|\(c\)|ⓒ|copyright)\s*(?:(?:©|\(c\))\s*)?(?:\d{4}\s*)?[^<>\n]{2,80}", re.I)


def page_rights_owner(html: str) -> str | None:
    """The outlet a page's copyright line names (in a footer the body reading leaves out)."""
    for m in _COPYRIGHT_TEXT.finditer(html.replace("&copy;", "©").replace("&#169;", "©")):
        if owner := rights_owner(m.group(0)):
            return owner
    return None


def with_front_matter(fields: dict[str, str | None], body: str) -> str:
    """``body`` under YAML front matter holding the non-empty ``fields``."""
    # JSON strings are valid YAML scalars, so any title, name or URL survives quoting.
    front = "".join(f"{key}: {json.dumps(value, ensure_ascii=False)}\n" for key, value in fields.items() if value)
    body = body if body.endswith("\n") else body + "\n"
    return f"---\n{front}---\n{body}" if front else body
