"""Inferring article metadata from its blocks: headline, dates, byline, outlet, rights, debris."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date, datetime
from enum import StrEnum


class BlockKind(StrEnum):
    """What a block of the article is; only BODY blocks are searchable."""

    HEADER = "header"  # headline, dateline, "Input"/"Updated" stamps: not numbered
    BODY = "body"
    CAPTION = "caption"
    HEADING = "heading"
    BYLINE = "byline"
    CONTACT = "contact"
    RIGHTS = "rights"
    RELATED = "related"


# Contact e-mail or URL domains of outlets we know, for articles that name no outlet.
OUTLET_DOMAINS: dict[str, str] = {
    "hani.co.kr": "The Hankyoreh",
    "yna.co.kr": "Yonhap News Agency",
    "yonhapnews.co.kr": "Yonhap News Agency",
    "koreaherald.com": "The Korea Herald",
    "koreatimes.co.kr": "The Korea Times",
    "joongang.co.kr": "Korea JoongAng Daily",
    "khan.co.kr": "The Kyunghyang Shinmun",
    "chosun.com": "The Chosun Ilbo",
    "donga.com": "The Dong-A Ilbo",
    "kbs.co.kr": "KBS",
    "arirang.com": "Arirang News",
    "japantimes.co.jp": "The Japan Times",
    "kyodonews.net": "Kyodo News",
    "asia.nikkei.com": "Nikkei Asia",
    "nikkei.com": "Nikkei",
    "asahi.com": "The Asahi Shimbun",
    "mainichi.jp": "The Mainichi",
    "nhk.or.jp": "NHK",
    "reuters.com": "Reuters",
    "apnews.com": "The Associated Press",
    "afp.com": "AFP",
    "bloomberg.com": "Bloomberg",
    "nytimes.com": "The New York Times",
    "washingtonpost.com": "The Washington Post",
    "bbc.co.uk": "BBC",
    "bbc.com": "BBC",
}

_MONTHS = "January|February|March|April|May|June|July|August|September|October|November|December"
_WEEKDAYS = "Monday|Tuesday|Wednesday|Thursday|Friday|Saturday|Sunday"
_ISO_DATE = re.compile(r"\b(\d{4})[-./](\d{1,2})[-./](\d{1,2})\b")
_LONG_DATE = re.compile(rf"\b({_MONTHS})\.?\s+(\d{{1,2}}),?\s+(\d{{4}})\b")
_DATE_LINE = re.compile(
    rf"^(?:(?:{_WEEKDAYS}),?\s+)?(?:(?:{_MONTHS})\.?\s+\d{{1,2}},?\s+\d{{4}}"
    rf"|\d{{4}}[-./]\d{{1,2}}[-./]\d{{1,2}}(?:[ T]\d{{1,2}}:\d{{2}}(?::\d{{2}})?)?)$"
)
_STAMP_LABEL = re.compile(r"^(input|updated|published|posted|modified|last updated|date)\s*:?\s*(.*)$", re.I)
_PUBLISH_LABELS = frozenset({"input", "published", "posted", "date"})
_CAPTION = re.compile(
    r"\((?:pool\s+)?(?:photo|picture|pic|image)s?\)|\bpool\s+(?:photo|picture)\b|"
    r"(?:^|/|\s)photos?\s+(?:by|courtesy)\b|\bcourtesy of\b|\((?:yonhap|ap|afp|reuters|ani)\)\s*$|"
    r"\b(?:getty images|ap photo|afp photo|reuters photo)\b",
    re.I,
)
_BYLINE = re.compile(r"^[Bb]y\s+([A-Z][\w.\-’']+(?:\s+[A-Z][\w.\-’']+)*.*)$")
_CONTACT = re.compile(
    r"(?:direct (?:questions|comments)|send (?:questions|comments|tips)|contact us|e-?mail us)"
    r".*?[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    re.I,
)
_EMAIL_DOMAIN = re.compile(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
_RIGHTS = re.compile(r"^(?:copyright\b|©|\(c\)\s|all rights reserved)", re.I)
_RIGHTS_OWNER = re.compile(
    r"(?:copyright|©)\s*(?:\(c\)|©)?\s*(?:\d{4}\s*)?(?:by\s+)?"
    r"((?:The\s+)?[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*)*)",
    re.I,
)
_RELATED = re.compile(
    r"^(?:related (?:posts|articles|stories|news)|read more|more from|you may also like|"
    r"recommended(?: stories)?|most read)\s*:?$",
    re.I,
)


@dataclass(frozen=True)
class Block:
    """A paragraph-sized block of the source text with its offsets and kind."""

    text: str
    start: int
    end: int
    kind: BlockKind = BlockKind.BODY


@dataclass
class InferredMetadata:
    """What the blocks told us; each field None when the text does not say."""

    title: str | None = None
    outlet: str | None = None
    byline: str | None = None
    published: date | None = None
    url: str | None = None
    rights: str | None = None


def parse_date(text: str) -> date | None:
    """Parse the first explicit calendar date in ``text`` (ISO or "January 13, 2026")."""
    if m := _ISO_DATE.search(text):
        y, mo, d = (int(g) for g in m.groups())
    elif m := _LONG_DATE.search(text):
        y, d = int(m.group(3)), int(m.group(2))
        mo = datetime.strptime(m.group(1)[:3], "%b").month
    else:
        return None
    try:
        return date(y, mo, d)
    except ValueError:
        return None


def classify(blocks: list[Block]) -> tuple[list[Block], InferredMetadata]:
    """Label every block and collect metadata; the header is consumed from the top."""
    meta = InferredMetadata()
    labelled: list[Block] = []
    masthead_date: date | None = None
    pending_label: str | None = None
    in_header = True
    after_related = False
    for i, block in enumerate(blocks):
        text = block.text.strip()
        kind = BlockKind.BODY
        if in_header:
            label = _STAMP_LABEL.match(text)
            if label and (not label.group(2) or parse_date(label.group(2))):
                kind = BlockKind.HEADER
                pending_label = label.group(1).lower()
                if label.group(2):
                    _take_stamp(meta, pending_label, label.group(2))
                    pending_label = None
            elif _DATE_LINE.match(text):
                kind = BlockKind.HEADER
                if pending_label is not None:
                    _take_stamp(meta, pending_label, text)
                    pending_label = None
                elif masthead_date is None:
                    masthead_date = parse_date(text)
            elif meta.title is None and _is_headline(text, blocks[i + 1 :]):
                kind = BlockKind.HEADER
                meta.title = text.lstrip("#").strip()
            else:
                in_header = False
        if kind is BlockKind.BODY:
            kind = BlockKind.RELATED if after_related else _body_kind(text)
            after_related = after_related or kind is BlockKind.RELATED
            _collect(meta, kind, text)
        labelled.append(Block(block.text, block.start, block.end, kind))
    if meta.published is None:
        meta.published = masthead_date
    return labelled, meta


def _take_stamp(meta: InferredMetadata, label: str, text: str) -> None:
    if label in _PUBLISH_LABELS and meta.published is None:
        meta.published = parse_date(text)


def _is_headline(text: str, rest: list[Block]) -> bool:
    if text.startswith("#"):
        return True
    if not rest or _CAPTION.search(text) or len(text.split()) > 30:
        return False
    # Headlines do not end with a full stop; a short body sentence does.
    return not text.endswith((".", "”", '"')) or text.startswith("[")


def _body_kind(text: str) -> BlockKind:
    if _RELATED.match(text):
        return BlockKind.RELATED
    if _RIGHTS.match(text):
        return BlockKind.RIGHTS
    if _CONTACT.search(text):
        return BlockKind.CONTACT
    if _BYLINE.match(text) and len(text.split()) <= 20:
        return BlockKind.BYLINE
    if _CAPTION.search(text):
        return BlockKind.CAPTION
    if text.startswith("#") or (len(text.split()) <= 12 and not text.endswith((".", "?", "!", "”", '"', ":"))):
        return BlockKind.HEADING
    return BlockKind.BODY


def _collect(meta: InferredMetadata, kind: BlockKind, text: str) -> None:
    if kind is BlockKind.RIGHTS:
        meta.rights = meta.rights or text
        if meta.outlet is None and (owner := _RIGHTS_OWNER.search(text)):
            meta.outlet = _trim_owner(owner.group(1))
    elif kind is BlockKind.CONTACT and meta.outlet is None:
        if domain := _EMAIL_DOMAIN.search(text):
            meta.outlet = outlet_for_domain(domain.group(1))
    elif kind is BlockKind.BYLINE and meta.byline is None:
        meta.byline = _names_from_byline(_BYLINE.match(text).group(1))  # type: ignore[union-attr]


def outlet_for_domain(domain: str) -> str | None:
    """The outlet behind an e-mail or web domain, if it is one we know."""
    domain = domain.lower().removeprefix("www.")
    for known, outlet in OUTLET_DOMAINS.items():
        if domain == known or domain.endswith("." + known):
            return outlet
    return None


def _trim_owner(owner: str) -> str | None:
    # "Yonhap News Agency prohibits" -> stop at the first lower-case word (the regex is greedy).
    words = []
    for word in owner.split():
        if not (word[0].isupper() or word[0].isdigit() or word in {"&", "of", "the"}):
            break
        words.append(word)
    name = " ".join(words).strip(" .,")
    return name or None


def _names_from_byline(byline: str) -> str:
    # "Shin Hyeong-cheol, staff reporter; Jang Ye-ji, staff reporter" -> names only.
    parts = re.split(r";|\band\b", byline)
    names = [p.split(",")[0].strip() for p in parts if p.strip()]
    return ", ".join(n for n in names if n)
