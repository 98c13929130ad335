"""The article body of a news page as Markdown: paragraphs, subheadings, block quotes, figures with captions."""

from __future__ import annotations

import re
from functools import cache

from seeds_loader.masthead import clock_in, is_clock_stamp
from seeds_loader.wordlists import word_list

# Elements that never hold article text.
_DROP_TAGS = frozenset(
    "script style noscript template svg form button nav aside footer iframe select input textarea "
    "object embed canvas video audio picture source".split()
)
_HEADINGS = {"h2", "h3", "h4", "h5", "h6"}
_CONTAINER_TAGS = ("article", "main")
_SPACE = re.compile(r"\s+")
# A live entry's <time> printed on its own, before the entry's paragraph: it opens that paragraph as a
# text live blog prints it ("11:52 a.m. — The plane has landed."), so the entry keeps its stamp.
_STAMP = "\x00stamp:"
_CREDITED = re.compile(r"[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+){1,3}(?:\s\(@[\w.]+\))?(?:[,\s]|$)")
# Below this much paragraph text the page's structure was not understood; trafilatura takes over.
MIN_BODY_CHARS = 200


@cache
def _furniture_words() -> frozenset[str]:
    return frozenset(word_list("boilerplate_classes"))


def body_markdown(html: str) -> str | None:
    """The main article body of ``html`` as Markdown blocks, or None when no body of paragraphs is found."""
    from lxml import etree
    from lxml import html as lxml_html

    try:
        root = lxml_html.document_fromstring(html)
    except (etree.ParserError, ValueError):
        return None
    _drop_furniture(root)
    container = _main_container(root)
    if container is None:
        return None
    blocks: list[str] = []
    if not _loose_text(container, blocks):
        _walk(container, blocks)  # (a story written straight into its element, "div soup", is read as such)
    blocks = _stamped(blocks)
    paragraph_chars = sum(len(b) for b in blocks if not b.startswith(("#", "!", "*", "|")))
    # A table's cells are the story's text too ("Timeline: ..." is mostly its table), when paragraphs
    # introduce it: a page of tables alone is no article.
    table_chars = sum(len(b.strip("| -")) for b in blocks if b.startswith("|")) if paragraph_chars else 0
    if paragraph_chars + table_chars < MIN_BODY_CHARS:
        return None
    return "\n\n".join(blocks)


def _stamped(blocks: list[str]) -> list[str]:
    out: list[str] = []
    stamp: str | None = None
    for block in blocks:
        if block.startswith(_STAMP):
            stamp = block.removeprefix(_STAMP)
        elif stamp is not None and not block.startswith(("#", "!", "*", "|", ">")):
            out.append(f"{stamp} — {block}")
            stamp = None
        else:
            out.append(block)
    return out


def _is_furniture(element) -> bool:  # type: ignore[no-untyped-def]
    words = _furniture_words()
    for attr in ("class", "id", "role"):
        for token in (element.get(attr) or "").lower().split():
            if token in words or any(part in words for part in re.split(r"[-_]", token)):
                return True
    return element.get("aria-hidden") == "true"


def _drop_furniture(root) -> None:  # type: ignore[no-untyped-def]
    doomed = [
        el
        for el in root.iter()
        if isinstance(el.tag, str)
        and (el.tag.lower() in _DROP_TAGS or (el.tag != "body" and _is_furniture(el) and not _contributor_note(el)))
    ]
    for el in doomed:
        if el.getparent() is not None:
            el.drop_tree()


# A contributor's note set where a byline goes ("<p class="byline"><em>Fujimoto Ken is a historian at
# Ritsumeikan University.</em></p>"): a sentence saying who the author is, which the story keeps (as a
# Markdown page keeps its italic author line); a byline proper ("By Ahn Jae-kwon · Jan. 16") stays furniture.
_NOTE = re.compile(r"^[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+){1,3}\s(?:is|was|has\sbeen)\s(?:a|an|the)\s[^<>]{3,200}\.$")


def _contributor_note(element) -> bool:  # type: ignore[no-untyped-def]
    return element.tag.lower() == "p" and _NOTE.match(" ".join(element.text_content().split())) is not None


def _paragraph_chars(element) -> int:  # type: ignore[no-untyped-def]
    return sum(len(p.text_content().strip()) for p in element.iter("p"))


def _main_container(root):  # type: ignore[no-untyped-def]
    """The element holding the story: the article (or main) with the most paragraph text, else the body. A
    live blog prints each entry as an article of its own: when no one of them holds half the text, the story
    is all of them, in the element that holds them."""
    for tag in _CONTAINER_TAGS:
        found = [el for el in root.iter(tag) if _paragraph_chars(el) > 0]
        if found:
            best = max(found, key=_paragraph_chars)
            outer = [el for el in found if not any(a in found for a in el.iterancestors())]
            if len(outer) > 1 and 2 * _paragraph_chars(best) < sum(map(_paragraph_chars, outer)):
                return _common_ancestor(outer)
            return best
    bodies = root.xpath("//*[@itemprop='articleBody']") or root.xpath("//body")
    return bodies[0] if bodies else None


def _common_ancestor(elements):  # type: ignore[no-untyped-def]
    first = [elements[0], *elements[0].iterancestors()]
    others = [{id(a) for a in el.iterancestors()} for el in elements[1:]]
    return next(a for a in first[1:] if all(id(a) in seen for seen in others))


def _text(element) -> str:  # type: ignore[no-untyped-def]
    return _SPACE.sub(" ", element.text_content()).strip()


def _is_caption(element) -> bool:  # type: ignore[no-untyped-def]
    classes = (element.get("class") or "").lower()
    return element.tag == "figcaption" or any("caption" in c for c in classes.split())


def _image_line(element) -> str:  # type: ignore[no-untyped-def]
    images = element.xpath(".//img") if element.tag != "img" else [element]
    if not images:
        return "![]()"
    alt = _SPACE.sub(" ", images[0].get("alt") or "").replace("]", "")
    return f"![{alt}]({images[0].get('src') or ''})"


def _caption_line(text: str) -> str:
    return "*" + text.replace("*", "") + "*"


def _mostly_links(element) -> bool:  # type: ignore[no-untyped-def]
    total = len(_text(element))
    linked = sum(len(_text(a)) for a in element.iter("a"))
    return total > 0 and linked / total > 0.5


_INLINE_TAGS = frozenset(
    "a abbr b bdi bdo cite code data dfn em font i kbd mark q s samp small span strong sub sup time u var".split()
)


def _table_rows(table) -> list[str]:  # type: ignore[no-untyped-def]
    """A table as Markdown rows: the header row (``th`` cells), its rule, then one row per ``tr``, so
    that each row is searched with the header that says what its cells are."""
    rows = []
    # Its <caption> as a Markdown caption line ("Table: Matches announced so far", as pandoc writes one):
    # what the rows are, read with each of them.
    caption = next((_text(c) for c in table if isinstance(c.tag, str) and c.tag.lower() == "caption"), "")
    if caption:
        rows.append(f"Table: {caption}")
    for tr in table.iter("tr"):
        cells = [_text(c).replace("|", "/") for c in tr if isinstance(c.tag, str) and c.tag.lower() in ("td", "th")]
        if not any(cells):
            continue
        rows.append("| " + " | ".join(cells) + " |")
        if len(rows) == 1 + bool(caption) and all(c.tag.lower() == "th" for c in tr if isinstance(c.tag, str)):
            rows.append("| " + " | ".join("---" for _ in cells) + " |")
    return rows


def _loose_text(element, blocks: list[str]) -> bool:  # type: ignore[no-untyped-def]
    """Text written straight into a container ("div soup": paragraphs split by ``<br><br>``, no ``<p>``):
    each run of inline text between double line breaks or block elements is a paragraph. False when the
    element holds no such text (it is walked as usual then)."""
    if not (element.text or "").strip() and not any((c.tail or "").strip() for c in element):
        return False
    run: list[str] = []
    breaks = 0

    def flush() -> None:
        text = _SPACE.sub(" ", "".join(run)).strip()
        if text:
            blocks.append(text)
        run.clear()

    run.append(element.text or "")
    for child in element:
        tag = child.tag.lower() if isinstance(child.tag, str) else ""
        if tag == "br":
            breaks += 1
            if breaks >= 2:
                flush()
                breaks = 0
        elif tag in _INLINE_TAGS or not tag:
            breaks = 0
            run.append(child.text_content() if tag else "")
        else:
            flush()
            breaks = 0
            _walk(element, blocks, only=child)
        if (child.tail or "").strip():
            breaks = 0
        run.append(child.tail or "")
    flush()
    return True


def _walk(element, blocks: list[str], only=None) -> None:  # type: ignore[no-untyped-def]
    for child in [only] if only is not None else element:
        if not isinstance(child.tag, str):
            continue
        tag = child.tag.lower()
        if tag == "figure":
            captions = [c for c in child.iter() if isinstance(c.tag, str) and _is_caption(c)]
            if captions and (text := _text(captions[0])):
                blocks.extend([_image_line(child), _caption_line(text)])
        elif _is_caption(child):
            if text := _text(child):
                blocks.extend([_image_line(child), _caption_line(text)])
        elif tag == "h1":
            if text := _text(child):
                blocks.append(f"# {text}")
        elif tag in _HEADINGS:
            if text := _text(child):
                blocks.append(f"## {text}")
        elif tag == "p":
            if (text := _text(child)) and not _mostly_links(child):
                blocks.append(text)
        elif tag == "blockquote":
            if text := _text(child):
                # An embedded post or a pull quote with its credit after a dash ("... #Nara — Some Lawmaker
                # (@somelawmaker) January 13, 2026"): the words, then the credit line under them.
                words, dash, credit = text.rpartition("—")
                if dash and words.strip() and 1 <= len(credit.split()) <= 12 and _CREDITED.match(credit.strip()):
                    blocks.extend([f"> {words.strip()}", f"> — {credit.strip()}"])
                else:
                    blocks.append(f"> {text}")
        elif tag == "dt":
            if text := _text(child):
                blocks.append(f"**{text}**")  # a definition list's term: a question heading, in an FAQ
        elif tag == "dd":
            if text := _text(child):
                blocks.append(text)
        elif tag in ("ul", "ol"):
            if not _mostly_links(child):
                # as Markdown items, so that each is read as one (with the sentence leading into the list)
                blocks.extend(f"- {text}" for li in child.iter("li") if (text := _text(li)))
        elif tag == "table":
            blocks.extend(_table_rows(child))
        elif tag == "time":
            if (text := _text(child)) and clock_in(text):
                blocks.append(_STAMP + text)  # a date alone (a byline's) is the page's metadata, not a stamp
        elif tag in _INLINE_TAGS and is_clock_stamp(text := _text(child)):
            blocks.append(_STAMP + text)  # <span class="stamp">4:40 p.m. JST</span> before an entry's <p>
        elif tag in ("div", "section", "td") and _loose_text(child, blocks):
            continue
        else:
            _walk(child, blocks)
