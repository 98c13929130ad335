"""Who published an article and who wrote it, from the lines that say so: bylines and closing credits,
contributor notes, desk and outlet lines of a masthead, copyright lines and contact e-mail domains.
(``metadata.classify`` decides which block is which; this module reads the names out of them.)"""

from __future__ import annotations

import re

from seeds_loader.lazy import LazyPattern
from seeds_loader.wordlists import word_list

BYLINE = LazyPattern(
    r"^(?:[-—–]{1,2}\s*)?(?:[Bb][Yy]|Reporter|(?:Written|Story|Words|Text|Report|Reporting|Interview(?:ed)?) by)\s+"
    r"([A-Z][\w.\-’']+(?:\s+[A-Z][\w.\-’']+)*.*)$"
)
# A wire's closing credit: "(Reporting by Jane Doe in Seoul; Additional reporting by John Roe; Editing by ...)".
CREDIT_LINE = LazyPattern(
    r"^\((?:Reporting|Writing|Reported|Written) by\s+([^;)]+)(?:;\s*Additional reporting by\s+([^;)]+))?"
)
# "Associated Press writer Kim Tong-hyung in Seoul contributed to this report.": a closing credit.
CONTRIBUTED = LazyPattern(
    r"^(?:[A-Z][\w.’'-]*\s){0,4}?(?:writers?|reporters?|correspondents?|staff\swriters?)\s"
    r"(?P<names>[A-Z][\w.’' -]+?)(?:\s(?:in|from)\s[A-Z][\w ,.-]+?)?\scontributed\s(?:to\s)?(?:this\s)?"
    r"(?:report|story|article|dispatch)\.?$"
)
_SHORT_EMAIL = LazyPattern(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")
_EMAIL_DOMAIN = LazyPattern(r"[\w.+-]+@([\w-]+(?:\.[\w-]+)+)")
_RIGHTS_OWNER = LazyPattern(
    r"(?:copyright|©|ⓒ|\(c\))\s*(?:\(c\)|©|ⓒ)?\s*(?:\d{4}(?:\s*[-–]\s*\d{4})?\s*)?(?:by\s+)?"
    r"((?:The\s+)?[A-Z][\w&.\-]*(?:\s+[A-Z][\w&.\-]*)*)",
    re.I,
)
_DESK_WORDS = "|".join(re.escape(w) for w in sorted(word_list("desk_words"), key=len, reverse=True))
_DESK_LINE = LazyPattern(rf"^((?:The\s)?[A-Z][\w&.’'-]*(?:\s[A-Z][\w&.’'-]*){{0,5}})\s(?i:{_DESK_WORDS})$")
_OUTLET_WORDS = frozenset(word_list("outlet_words"))
# A contributor note closing an opinion piece, set apart by emphasis or a dash: "*Hana Moriyama is the
# Courier's diplomatic correspondent.*", "— Jane Doe, a former ambassador, teaches at ...". It names the
# author when no byline does.
_CONTRIBUTOR = LazyPattern(
    r"^(?:[*_]+|[—–]\s*|--\s*)((?!The\b)[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+){1,3})"
    r"(?:,[^,]{3,80},)?\s(?:is|was|has\sbeen|served|serves|teaches|writes|covers|reports|heads|leads)\b"
)


# A statement's or a letter's signature: the signer's name alone on a line, their title on the next
# ("Kim Hae-won" / "Head, Bereaved Families' Association"; "Jane Roe" / "Chair of the board").
_SIGNER = LazyPattern(r"^[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+){1,3}$")
_SIGNER_TITLE = LazyPattern(r"^[A-Z][\w’'-]*(?:\s[A-Z][\w’'-]*){0,3}(?:,\s|\sof\s)\S.{0,100}$")


# ... or both on one line: "Yang Hyun-ok, chairman", "Jane Roe, Chair of the board"; a letter's after a dash,
# with the writer's town ("— Jung Hye-won, Daegu").
_SIGNED_LINE = LazyPattern(
    r"^(?:[—–-]\s?)?(?P<name>[A-Z][\w’'-]+(?:\s[A-Z][\w’'-]+){1,3}),\s(?P<title>[\w’'-]+(?:\s[\w’'-]+){0,7})$"
)


def signed_on_one_line(text: str) -> bool:
    """``text`` is a one-line signature, a name and a title after a comma."""
    return "\n" not in text.strip() and _SIGNED_LINE.match(text.strip()) is not None and not names_outlet(text)


def signer(lines: list[str]) -> str | None:
    """The name of a signature closing a piece (its last two lines: a name, then a title; or its last line,
    a name and a title after a comma), or None."""
    if lines and (one := _SIGNED_LINE.match(lines[-1].strip())) and not names_outlet(one.group("name")):
        return one.group("name")
    if len(lines) < 2:
        return None
    name, title = (line.strip() for line in lines[-2:])
    if _SIGNER.match(name) and not names_outlet(name) and _SIGNER_TITLE.match(title) and not title.endswith("."):
        return name
    return None


def _outlet_domains() -> dict[str, str]:
    pairs = (line.split("=", 1) for line in word_list("outlet_domains"))
    return {domain.strip().lower(): outlet.strip() for domain, outlet in pairs}


# Contact e-mail or URL domains of outlets we know, for articles that name no outlet.
OUTLET_DOMAINS: dict[str, str] = _outlet_domains()


def byline_names(line: str) -> str | None:
    """The reporters a byline or a closing credit names, comma-separated ("Jane Doe, John Roe")."""
    if (credit := CREDIT_LINE.match(line)) is not None:
        names = ", ".join(_names(g) for g in credit.groups() if g)
    elif (contributed := CONTRIBUTED.match(line)) is not None:
        names = _names(contributed.group("names"))
    elif (byline := BYLINE.match(line)) is not None:
        # the names only, when the outlet or the date shares the line ("By X · Harbourlight · March 8")
        names = _names(re.split(r"\s[|·]\s", byline.group(1))[0])
    else:
        return None
    return names or None


_CAPITALS_THEN_OUTLET = LazyPattern(r"^((?:[A-Z][A-Z’'.-]+\s){1,3}[A-Z][A-Z’'.-]+)\s+(?:The\s)?[A-Z][a-z]")


def _names(byline: str) -> str:
    # "Shin Hyeong-cheol, staff reporter; Jang Ye-ji, staff reporter" -> names only; an e-mail address
    # after the name ("Reporter Kim Min-ji minji@outlet.example") is no part of it.
    byline = _SHORT_EMAIL.sub("", byline).replace("()", "").strip()
    parts = re.split(r";|\b(?:and|AND)\b", byline)
    # "Taro Yamada / Yomiuri Shimbun Staff Writer", "Jane Doe in Seoul": the affiliation and place are not the name.
    # ... nor the outlet they wrote it for ("Sophie Marchand for The Coastline Review").
    names = [re.split(r"\s/|/\s|,|\sin\s[A-Z]|\sfor\s[A-Z]", p)[0].strip() for p in parts if p.strip()]
    # "By KENJI WATANABE Associated Press": a name in capitals, then its outlet as the outlet writes it.
    names = [m.group(1) if (m := _CAPITALS_THEN_OUTLET.match(n)) else n for n in names]
    # A name printed in capitals ("By TARO YAMADA") is shown as a name is written.
    return ", ".join(n.title() if n.isupper() else n for n in names if n)


def contributor(body: list[str]) -> str | None:
    """The author a closing contributor note names (one of the last two body blocks)."""
    for text in reversed(body[-2:]):
        if (m := _CONTRIBUTOR.match(text.strip())) is not None:
            return m.group(1)
    return None


def desk_outlet(line: str) -> str | None:
    """The outlet a masthead line names before its desk ("The Morning Relay live desk")."""
    m = _DESK_LINE.match(line.strip())
    return m.group(1) if m else None


def capitalised_words(text: str, fewest: int = 1, most: int = 5) -> bool:
    """A few words, each capitalised or "of", "and", "&" between: how an outlet's name is written."""
    words = text.split()
    return fewest <= len(words) <= most and all(w[:1].isupper() or w in ("of", "and", "&") for w in words)


def names_outlet(line: str) -> bool:
    """A masthead line that is an outlet's name: a few capitalised words, the last an outlet's word."""
    name = line.strip(" *_")
    return capitalised_words(name, fewest=2) and name.split()[-1].lower() in _OUTLET_WORDS


def rights_owner(line: str) -> str | None:
    """The outlet a copyright line names ("(c) 2026 Naniwa Press. All rights reserved." -> Naniwa Press)."""
    owner = _RIGHTS_OWNER.search(line)
    if owner is None:
        return None
    # "Yonhap News Agency prohibits" -> stop at the first lower-case word (the regex is greedy).
    # "Naniwa Press. All rights reserved." -> stop at the word that ends the name's sentence.
    # A company's legal form ends the name and is no part of the outlet's ("Harbourline Media Ltd. All rights
    # reserved." -> Harbourline Media).
    words = []
    for word in owner.group(1).split():
        if not (word[0].isupper() or word[0].isdigit() or word in {"&", "of", "the"}):
            break
        if words and word.strip(".,").lower() in _LEGAL_FORMS:
            break
        words.append(word)
        if word.endswith(".") and len(word.rstrip(".")) > 3:
            break
    name = " ".join(words).strip(" .,")
    return name or None


_LEGAL_FORMS = frozenset("ltd limited inc incorporated co corp corporation llc plc gmbh ag sa".split())


def contact_outlet(line: str) -> str | None:
    """The outlet behind a contact line's e-mail address, if it is one we know."""
    domain = _EMAIL_DOMAIN.search(line)
    return outlet_for_domain(domain.group(1)) if domain else None


def outlet_for_domain(domain: str) -> str | None:
    """The outlet behind an e-mail or web domain, if it is one we know."""
    domain = domain.lower().removeprefix("www.")
    for known, outlet in OUTLET_DOMAINS.items():
        if domain == known or domain.endswith("." + known):
            return outlet
    return None
