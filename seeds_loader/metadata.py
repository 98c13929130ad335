"""Inferring article metadata from its blocks: headline, dates, byline, outlet, rights, debris."""

from __future__ import annotations

import re
from dataclasses import dataclass
from datetime import date
from enum import StrEnum

from seeds_loader.credits import (
    BYLINE,
    CONTRIBUTED,
    CREDIT_LINE,
    byline_names,
    contact_outlet,
    contributor,
    desk_outlet,
    names_outlet,
    rights_owner,
    signed_on_one_line,
    signer,
)
from seeds_loader.lazy import LazyPattern
from seeds_loader.masthead import (
    DATE_LINE,
    ENTRY_STAMP,
    PUBLISH_LABELS,
    PUBLISHED_BY,
    STAMP_LABEL,
    byline_date,
    byline_outlet,
    dateline,
    emphasised_outlet,
    masthead_credit,
    masthead_parts,
    parse_date,
    shared_date,
    shared_outlet,
)
from seeds_loader.wordlists import word_list


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
    CORRECTION = "correction"  # a correction notice: searchable, and marked as such in citations
    UPDATE = "update"  # an update of the story ("UPDATE, 3:40 p.m.: ..."): searchable, cited as an update
    IMAGE = "image"  # a Markdown image line; the italic line after it is its caption
    DEBRIS = "debris"  # rules, wire trailers, hashtags, breadcrumbs, link lines, pull quotes

    @property
    def numbered(self) -> bool:
        """Blocks a reader counts as paragraphs of the published article."""
        return self in (BlockKind.BODY, BlockKind.CAPTION, BlockKind.CORRECTION, BlockKind.UPDATE)


def is_metadata_line(line: str) -> bool:
    """A line that is metadata on its own (byline, date line, stamp, rights, wire trailer)."""
    return bool(
        (BYLINE.match(line) and len(line.split()) <= 12)
        or DATE_LINE.match(line)
        or STAMP_LABEL.match(line)
        or _RIGHTS.match(line)
        or line in _TRAILERS
    )


_CREDITS = word_list("photo_credits")
_CAPTION = LazyPattern(
    r"\((?:pool\s+|file\s+)?(?:photo|picture|pic|image)s?\)|\bpool\s+(?:photo|picture)\b|"
    r"(?:^|/|\s)photos?\s+(?:by|courtesy)\b|\bcourtesy of\b|"
    # Korean-style captions: "▲ President Lee waves ... [Photo: Yonhap]", "(Photo = Newsis)"
    r"^[▲△▶]\s|[\[(](?:photo|image|graphic)s?\s*[:=][^\])]{1,60}[\])]\s*$|"
    + "|".join(rf"{re.escape(c)}\s*$" for c in _CREDITS if c.startswith("("))
    + "|"
    + "|".join(rf"\b{re.escape(c)}\b" for c in _CREDITS if not c.startswith("(")),
    re.I,
)
# A press release's contact block: "Media contact:", "Press inquiries: ..." (the name, number and address
# under it are the issuer's, never article text).
_CONTACT_LABEL = LazyPattern(r"^(?:media|press|news|investor)\s(?:contacts?|inquiries|enquiries)\b", re.I)
_CONTACT = LazyPattern(
    r"(?:direct (?:questions|comments)|send (?:questions|comments|tips)|contact us|e-?mail us)"
    r".*?[\w.+-]+@[\w-]+(?:\.[\w-]+)+",
    re.I,
)
_RIGHTS = LazyPattern(r"^(?:copyright\b|©|ⓒ|\(c\)\s|all rights reserved)", re.I)
_RELATED_LABELS = "|".join(re.escape(w) for w in sorted(word_list("related_labels"), key=len, reverse=True))
_RELATED = LazyPattern(rf"^(?:[*_]+)?(?:{_RELATED_LABELS})(?:[*_]+)?\s*:?(?:[*_]+)?$", re.I)
_RELATED_LINE = LazyPattern(rf"^(?:[*_]+)?(?:{_RELATED_LABELS})\b[^:]{{0,30}}:", re.I)
_CORRECTION_LABELS = "|".join(re.escape(w) for w in word_list("correction_labels"))
# "Correction:", "Correction, Jan. 22:", "*Clarification (Jan. 22):*"
_CORRECTION = LazyPattern(rf"^(?:[*_]+)?(?:{_CORRECTION_LABELS})\b(?:[^:.]|\.(?=\s\d)){{0,40}}:", re.I)
_UPDATE_LABELS = "|".join(re.escape(w) for w in word_list("update_labels"))
_UPDATE = LazyPattern(rf"^(?:[*_]+)?(?:{_UPDATE_LABELS})\b(?:[^:.]|\.(?=\s\d)|\.(?=m\.)|(?<=[ap]\.m)\.){{0,40}}:", re.I)
_TRAILERS = frozenset(word_list("wire_trailers"))
_STAMP_EMPHASIS = LazyPattern(r"[*_]")


def _after_stamp(text: str) -> str:
    """``text`` without the clock stamp a live entry opens with (emphasised or not); ``text`` when it has none."""
    head = _STAMP_EMPHASIS.sub("", text[:30]) + text[30:]
    stamp = ENTRY_STAMP.match(head)
    return head[stamp.end() :] if stamp else text


_IMAGE = LazyPattern(r"^!\[[^\]]*\]\([^)]*\)\s*$")
_EMPHASIS_BLOCK = LazyPattern(r"^([*_]).+\1$", re.S)
# Markdown's emphasis marks around words (not an underscore inside one: "snake_case").
_EMPHASIS_MARK = LazyPattern(r"(?<![\w*_])[*_]{1,3}(?=\S)|(?<=\S)[*_]{1,3}(?![\w*_])")
_RULE = LazyPattern(r"^(?:-{3,}|\*{3,}|_{3,})$")
_HASHTAGS = LazyPattern(r"^(?:#[^\s#]+\s*)+$")
_BREADCRUMB = LazyPattern(r"^[^.!?]{1,80}\s[>›»]\s[^.!?]{1,80}$")
MARKDOWN_LINK = LazyPattern(r"\[([^\]]*)\]\([^)]*\)")
_PULL_QUOTE = LazyPattern(r"^>\s*[“\"]?(.+?)[”\"]?\s*(?:[—–-]+\s*[^“”\"]+)?$", re.S)
# "Reuters contributed to this report.": an agency's closing credit, no text of the story.
_AGENCY_CREDIT = LazyPattern(
    r"^(?:The\s)?[A-Z][\w.&’'-]*(?:\s[A-Z][\w.&’'-]*){0,3}\s(?:also\s)?contributed\s(?:to\s)?(?:this\s)?"
    r"(?:report|story|article)\.?$"
)
# A wire's routing slug and keyword line above the story ("BC-AS--Japan-South Korea-Mine,2nd Ld-Writethru",
# "JAPAN-SOUTH KOREA-MINE") and its instructions to editors ("Eds: UPDATES with details ..."): never text.
_WIRE_SLUG = LazyPattern(r"^(?:[A-Z]{2}-[A-Z]{2,4}--\S.*|[A-Z]{2,}(?: [A-Z]{2,})*(?:-[A-Z]{2,}(?: [A-Z]{2,})*){2,})$")
_EDITORS_NOTE = LazyPattern(r"^Eds?:\s")
# A line that only says the story is still being written ("Editor's note: This is a developing story and will
# be updated."): the page's furniture, no notice of anything corrected.
_DEVELOPING = LazyPattern(
    r"^(?:[*_]*(?:editor[’']s note|note|update)[*_]*:?\s*)?[*_]*(?:this is an? (?:developing|breaking)(?: news)? story"
    r"|this (?:story|article|report|post) (?:will be|is being|may be|has been) updated)"
    r"[^.]{0,60}\.?(?:\s+(?:please\s)?check back[^.]{0,40}\.?)?[*_]*$",
    re.I,
)
_OUTLET_BRACKET = LazyPattern(r"^\[([^\]]{2,40})\]\s*")
_TABLE_CAPTION = LazyPattern(r"^Table:\s+\S")
# "Q" (or "A") alone on its line, without a colon, over the question it labels: a transcript's label (read so
# by ``structure.place``), never a heading.
LABEL_ALONE = LazyPattern(r"^\**\s*(?P<label>Q|A|Question|Answer)\.?\s*\**$")
_LIST_ITEM = LazyPattern(r"^(?:[-*+•]|\d{1,2}[.)])\s+\S")
_SHORT_EMAIL = LazyPattern(r"[\w.+-]+@[\w-]+(?:\.[\w-]+)+")


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
    # A date the text gives without its year ("Jan. 7" in a wire dateline), as ISO 8601 "--MM-DD".
    published_partial: str | None = None
    # The credit calls it an interview ("Interview by Ren Mizuno"): its printed questions are the interviewer's.
    interview: bool = False
    # Its section says it is an opinion piece ("Opinion", "Op-ed", "Column"): its author's voice.
    opinion: bool = False


# The sections of opinion pieces, as a page title, a front matter section or a headline's label names them.
OPINION_SECTION = LazyPattern(
    r"(?:opinion|op-ed|oped|column|columns|commentary|viewpoint|perspective|guest essay|guest column|comment)",
    re.I,
)


def opinion_section(label: str) -> bool:
    """``label`` (a page title's first part, a front matter section, a headline's label before its colon) names an
    opinion section."""
    return OPINION_SECTION.fullmatch(label.strip()) is not None


_INTERVIEW_BY = LazyPattern(r"^[\s*_—–-]*interview(?:ed)? by\b", re.I)


def classify(
    blocks: list[Block], *, markdown: bool = False, title: str | None = None
) -> tuple[list[Block], InferredMetadata]:
    """Label every block and collect metadata; the header (headline, stamps, bylines) is consumed from the top.
    ``title``: the headline front matter gives; then only a ``#`` heading or that headline itself is taken
    for it (a body that opens without one keeps its first paragraph)."""
    meta = InferredMetadata()
    labelled: list[Block] = []
    masthead_date: date | None = None
    updated_date: date | None = None  # "UPDATED 5:10 p.m. KST, January 16, 2026": the date when nothing else is
    pending_label: str | None = None
    in_header = True
    after_related = False
    standfirst = False
    previous = BlockKind.HEADER
    for i, block in enumerate(blocks):
        text = block.text.strip()
        kind = BlockKind.BODY
        if in_header and _EMPHASIS_BLOCK.match(text) and _is_masthead(text.strip("*_ ")):
            text = text.strip("*_ ")  # "*By Sora Lindqvist · Harbourlight · March 8, 2026*"
        elif in_header and (plain := _EMPHASIS_MARK.sub("", text)) != text and _is_masthead(plain):
            text = plain  # "**By Min-seo Han** · The Harbour Weekly · February 15, 2026": a part emphasised
        if in_header:
            label = STAMP_LABEL.match(text)
            if label and (not label.group(2) or parse_date(label.group(2))):
                kind = BlockKind.HEADER
                pending_label = label.group(1).lower()
                if label.group(2):
                    _take_stamp(meta, pending_label, label.group(2))
                    updated_date = updated_date or parse_date(label.group(2))
                    pending_label = None
            elif DATE_LINE.match(text) or (meta.title is None and _place_dated(text)):
                kind = BlockKind.HEADER  # ... above the headline, with its place ("Sejong, January 19, 2026")
                if pending_label is not None:
                    _take_stamp(meta, pending_label, text)
                    pending_label = None
                elif masthead_date is None:
                    masthead_date = parse_date(text)
            elif text in _TRAILERS or _WIRE_SLUG.match(text) or _EDITORS_NOTE.match(text):
                kind = BlockKind.DEBRIS  # "FOR IMMEDIATE RELEASE", a wire's slug or note above its headline
            elif meta.title is None and title is None and _issues_release(text, blocks[i + 1 : i + 4]):
                kind = BlockKind.HEADER  # a release's issuer above its date line and headline
                meta.outlet = meta.outlet or text.strip(" *_")
            elif meta.title is None and _may_be(title, text) and _is_headline(text, blocks[i + 1 :]):
                kind = BlockKind.HEADER
                meta.title = MARKDOWN_LINK.sub(r"\1", text.lstrip("#")).strip(" *_")
            elif BYLINE.match(text) and len(text.split()) <= 20:
                kind = BlockKind.BYLINE  # a byline under the headline: the date line may follow it
                # ... or share its line with the outlet and the date ("By X · Harbourlight · March 8, 2026",
                # "By X, The Harbour Post, October 10, 2026"), or credit the outlet's staff ("By Riverlight
                # News staff")
                masthead_date = masthead_date or byline_date(text)
                # ... an outlet set apart in emphasis first ("**By X** | Tokyo | *The Eastern Ledger* | ...")
                meta.outlet = (
                    meta.outlet
                    or emphasised_outlet(block.text)
                    or byline_outlet(text)
                    or desk_outlet(BYLINE.match(text).group(1))
                )
            elif markdown and _IMAGE.match(text):
                kind = BlockKind.IMAGE  # a lead picture: its caption follows, and the masthead may too
            elif _is_debris(text, markdown):
                kind = BlockKind.DEBRIS  # a breadcrumb or rule above the headline
            elif (credit := masthead_credit(text)) is not None:
                kind = BlockKind.BYLINE  # "Jane Doe | Staff Reporter", "Jane Doe / The Harbour Post"
                meta.byline = meta.byline or credit[0]
                meta.outlet = meta.outlet or credit[1]
            elif (shared := shared_date(text)) is not None:
                kind = BlockKind.HEADER  # "Outlet live desk | Tuesday, January 13, 2026"
                masthead_date = masthead_date or shared
                # ... the outlet named there, or set apart in bold ("**Harbourline Live** · Monday, ...")
                meta.outlet = meta.outlet or shared_outlet(text) or emphasised_outlet(block.text)
                # ... and the byline there ("*The Harbour Post* · November 8, 2026 · By Laura Méndez")
                meta.byline = meta.byline or next(
                    (byline_names(p) for p in masthead_parts(text) if BYLINE.match(p)), None
                )
                meta.interview = meta.interview or any(_INTERVIEW_BY.match(p) for p in masthead_parts(text))
            elif meta.title is not None and (desk := desk_outlet(text.strip(" *_"))) is not None:
                kind = BlockKind.HEADER  # "The Morning Relay live desk": who publishes it
                meta.outlet = meta.outlet or desk
            elif meta.title is not None and meta.outlet is None and names_outlet(text):
                kind = BlockKind.HEADER  # "Sunrise Wire" under the headline
                meta.outlet = text.strip(" *_")
            elif meta.title is not None and _short_line(text) and _masthead_follows(blocks[i + 1 : i + 3]):
                kind = BlockKind.HEADER  # an edition note or outlet line above the stamps and bylines
            elif meta.title is not None and not standfirst and _masthead_follows(blocks[i + 1 : i + 2]):
                # A standfirst between the headline and the byline ("*Mariko Sato, a historian at …, has
                # studied the mine for twenty years.*"): text of the article, with the masthead still to come.
                standfirst = True
            else:
                in_header = False
        if kind is BlockKind.BODY:
            kind = BlockKind.RELATED if after_related else _body_kind(text, previous, markdown)
            if kind is BlockKind.BODY and markdown and text.startswith(">") and _repeats_body(text, blocks, i):
                kind = BlockKind.DEBRIS  # a pull quote repeats words printed in the body
            after_related = after_related or kind is BlockKind.RELATED
        if kind is BlockKind.HEADING and masthead_date is None and DATE_LINE.match(text):
            masthead_date = parse_date(text)  # a live blog's day heading: the day it starts
        if kind is BlockKind.BODY and meta.outlet is None and not any(b.kind is BlockKind.BODY for b in labelled):
            _take_dateline(meta, text)
        _collect(meta, kind, text)
        labelled.append(Block(block.text, block.start, block.end, kind))
        previous = kind
    # A signature closing a statement or a letter: the signer wrote it, in their own voice.
    if (tail := _signature_blocks(labelled)) and (name := signer([line for b in tail for line in b.text.splitlines()])):
        meta.byline = meta.byline or name
        if signed_on_one_line(tail[-1].text):
            tail = tail[-1:]  # "Yang Hyun-ok, chairman": the paragraph before it is the statement's own
        for at in range(len(labelled) - len(tail), len(labelled)):
            b = labelled[at]
            labelled[at] = Block(b.text, b.start, b.end, BlockKind.BYLINE)
    # An outlet that signs off the piece: its name alone on the last line ("The Granite Review"), which a
    # short line's reading takes for a heading.
    if (
        meta.outlet is None
        and labelled
        and labelled[-1].kind in (BlockKind.BODY, BlockKind.HEADING)
        and names_outlet(labelled[-1].text)
    ):
        last = labelled[-1]
        meta.outlet = last.text.strip(" *_")
        labelled[-1] = Block(last.text, last.start, last.end, BlockKind.CONTACT)
    if meta.title and (bracket := _OUTLET_BRACKET.match(meta.title)) and names_outlet(bracket.group(1)):
        # "[Hangang Times] Families welcome ...": a Korean outlet's name before its headline.
        meta.outlet = meta.outlet or bracket.group(1)
        meta.title = meta.title[bracket.end() :].strip()
    if meta.outlet is None and meta.title and (parts := re.split(r"\s[—–|]\s", meta.title))[1:]:
        # A programme's or a page's title naming its outlet last ("Morning Edition — Korea Pacific Radio").
        meta.outlet = parts[-1].strip() if names_outlet(parts[-1]) else None
    if meta.published is None:
        # Last, a full date in the headline: a transcript's or a statement's title often carries the day
        # ("Joint press conference, Nara, Jan. 13, 2026") where a story would have a date line.
        meta.published = masthead_date or updated_date or (parse_date(meta.title) if meta.title else None)
    if meta.published is None and (closing := _closing_date(labelled)) is not None:
        # Last of all, a statement or a letter dated where it ends ("Seoul, January 16, 2026" above the signature).
        at, meta.published = closing
        b = labelled[at]
        labelled[at] = Block(b.text, b.start, b.end, BlockKind.HEADER)
    if meta.byline is None:
        meta.byline = contributor([b.text for b in labelled if b.kind is BlockKind.BODY])
    return labelled, meta


# A place before a date on a line of its own: "Seoul, January 16, 2026".
_PLACE_BEFORE = LazyPattern(r"^[A-Z][\w’'.-]*(?:\s[A-Z][\w’'.-]*){0,3},\s+")


def _place_dated(text: str) -> str | None:
    """``text`` as a date line, with the place before it left off ("Sejong, January 19, 2026" -> "January 19,
    2026"), or None when it is no date line."""
    dated = _PLACE_BEFORE.sub("", text.strip(), count=1)
    return dated if DATE_LINE.match(dated) else None


def _closing_date(labelled: list[Block]) -> tuple[int, date] | None:
    """Where one of the last three blocks is a date line, with or without a place before it, and its date."""
    for at in range(len(labelled) - 1, max(len(labelled) - 4, -1), -1):
        b = labelled[at]
        if (
            b.kind in (BlockKind.BODY, BlockKind.HEADING)
            and (dated := _place_dated(b.text))
            and (day := parse_date(dated))
        ):
            return at, day
    return None


def _issues_release(text: str, after: list[Block]) -> bool:
    """``text`` is a press release's issuer ("Ministry of Oceans and Fisheries"): a short line, then a date line
    (with its place or none: "Sejong, January 19, 2026"), then a short headline, then the release."""
    if len(after) < 3 or not _short_line(text) or ":" in text:  # ("Transcript: ..." is a headline)
        return False
    headline = after[1].text.strip()
    # (A speaker's label after the date line, "SPOKESPERSON KANG YU-JUNG:", opens a transcript: no headline.)
    return (
        _place_dated(after[0].text) is not None
        and _short_line(headline)
        and not headline.endswith(":")
        and not _short_line(after[2].text.strip())
    )


def _signature_blocks(labelled: list[Block]) -> list[Block]:
    """The last block, or the last two, when they may be a signature (short lines the body reading took for
    headings or a paragraph of its own)."""
    tail = []
    for b in reversed(labelled[-2:]):
        if b.kind not in (BlockKind.BODY, BlockKind.HEADING) or len(b.text.split()) > 20:
            break
        tail.insert(0, b)
        if "\n" in b.text.strip():
            break
    return tail


def _short_line(text: str) -> bool:
    return len(text.split()) <= 12 and not text.rstrip("”\"’'").endswith((".", "!", "?"))


def _is_masthead(text: str) -> bool:
    """A stamp, a date line or a byline: what the header of an article is made of."""
    text = text.strip()
    stamp = STAMP_LABEL.match(text)
    return bool(
        (stamp and stamp.group(2) and parse_date(stamp.group(2)))
        or DATE_LINE.match(text)
        or (BYLINE.match(text) and len(text.split()) <= 20)
        or shared_date(text)
    )


def _masthead_follows(blocks: list[Block]) -> bool:
    return any(_is_masthead(b.text) for b in blocks)


def _take_stamp(meta: InferredMetadata, label: str, text: str) -> None:
    if label in PUBLISH_LABELS and meta.published is None:
        meta.published = parse_date(text)
    # "Published by The Western Ledger on March 12, 2026": the publisher, when it is an outlet's name
    if (m := PUBLISHED_BY.match(text)) is not None and meta.outlet is None and names_outlet(m.group(1)):
        meta.outlet = m.group(1)


def _take_dateline(meta: InferredMetadata, text: str) -> None:
    """A wire dateline names the outlet and the day; the year only when the dateline gives it."""
    if (read := dateline(text)) is None:
        return
    meta.outlet = read.outlet or meta.outlet
    if read.published is not None:
        meta.published = meta.published or read.published
    elif read.partial is not None:
        meta.published_partial = read.partial


def complete_partial_date(meta: InferredMetadata) -> None:
    """A full date (front matter, a date line) supersedes a partial one from the dateline."""
    if meta.published is not None:
        meta.published_partial = None


def _may_be(title: str | None, text: str) -> bool:
    """Whether ``text`` may be the headline when front matter already gives one."""
    return title is None or text.startswith("# ") or " ".join(text.strip("#*_ ").split()) == " ".join(title.split())


def _is_headline(text: str, rest: list[Block]) -> bool:
    if text.startswith("# "):
        return True
    if not rest or _CAPTION.search(text) or len(text.split()) > 30 or _IMAGE.match(text) or BYLINE.match(text):
        return False
    # Headlines do not end with a full stop; a short body sentence does (also inside closing quotes).
    # A bracketed label opens a headline ("[Editorial] ..."); a live entry's clock stamp ("[11:52] ...") does not.
    return not text.rstrip("”\"’'").endswith(".") or (text.startswith("[") and not _CLOCK_STAMP.match(text))


_CREDIT_UNDER = LazyPattern(r"^(?:>\s*)?[—–]\s*[A-Z]")
_CLOCK_STAMP = LazyPattern(r"^\[\d{1,2}:\d{2}")
_TABLE_ROW = LazyPattern(r"^\|.*\|$")
_TABLE_RULE = LazyPattern(r"^\|[\s:|-]+\|$")


def _body_kind(text: str, previous: BlockKind, markdown: bool) -> BlockKind:
    if markdown and _TABLE_ROW.match(text):
        # A table's rows are body text (each is searched with the header row above it); its rule is not.
        return BlockKind.HEADING if _TABLE_RULE.match(text) else BlockKind.BODY
    if _RELATED.match(text):
        return BlockKind.RELATED
    if markdown and _IMAGE.match(text):
        return BlockKind.IMAGE
    if _is_debris(text, markdown):
        return BlockKind.DEBRIS
    if markdown and previous is BlockKind.IMAGE and _EMPHASIS_BLOCK.match(text):
        return BlockKind.CAPTION
    # A live entry's label may follow its clock stamp: "**14:10 KST** — UPDATE: police now put ...".
    labelled = _after_stamp(text)
    if _CORRECTION.match(text) or _CORRECTION.match(labelled):
        return BlockKind.CORRECTION
    if _UPDATE.match(text) or _UPDATE.match(labelled):
        return BlockKind.UPDATE
    if _RIGHTS.match(text):
        return BlockKind.RIGHTS
    if BYLINE.match(text) and len(text.split()) <= 20:
        return BlockKind.BYLINE  # also with the reporter's e-mail after the name
    if _CONTACT.search(text) or _CONTACT_LABEL.match(text) or (len(text.split()) <= 8 and _SHORT_EMAIL.search(text)):
        return BlockKind.CONTACT
    if CREDIT_LINE.match(text) or CONTRIBUTED.match(text) or _AGENCY_CREDIT.match(text):
        return BlockKind.BYLINE
    if _CAPTION.search(text):
        return BlockKind.CAPTION
    if _CREDIT_UNDER.match(text) or (markdown and text.startswith(">")):
        # "— Inoue Yoko, co-leader of ...": the credit under a quotation; a block quote: never a heading
        return BlockKind.BODY
    # A short line that ends no sentence is a heading; so is an emphasised question ("**Why Nara?**", what the
    # paragraphs under it answer), but not an emphasised statement ("*X is the Courier's correspondent.*").
    bare = text.rstrip("*_ ")
    ends = text.endswith((".", "?", "!", "”", '"', ":")) or (bare != text and bare.endswith((".", "!", "”", '"')))
    if _LIST_ITEM.match(text):
        return BlockKind.BODY  # "- one man from Jeolla province": a list's item, whatever its length
    if LABEL_ALONE.match(text):
        return BlockKind.BODY  # "Q" alone over a reporter's question: a transcript's label, no heading
    if markdown and _TABLE_CAPTION.match(text):
        return BlockKind.HEADING  # "Table: Matches announced so far": read with the rows, not a paragraph
    if text.startswith("#") or (len(text.split()) <= 12 and not ends):
        return BlockKind.HEADING
    return BlockKind.BODY


def _is_debris(text: str, markdown: bool) -> bool:
    return bool(
        text in _TRAILERS
        or _WIRE_SLUG.match(text)
        or _EDITORS_NOTE.match(text)
        or _DEVELOPING.match(text)
        or _RULE.match(text)
        or _HASHTAGS.match(text)
        or _BREADCRUMB.match(text)
        or _RELATED_LINE.match(text)
        or (markdown and _mostly_links(text))
    )


def _mostly_links(text: str) -> bool:
    linked = sum(len(m.group(1)) for m in MARKDOWN_LINK.finditer(text))
    plain = len(MARKDOWN_LINK.sub(r"\1", text))
    return plain > 0 and linked / plain > 0.5


def _repeats_body(text: str, blocks: list[Block], i: int) -> bool:
    m = _PULL_QUOTE.match(text)
    quoted = " ".join((m.group(1) if m else text.lstrip("> ")).split()).strip(" .,;")
    if len(quoted.split()) < 4:
        return False
    key = quoted.lower()
    return any(j != i and key in " ".join(b.text.split()).lower() for j, b in enumerate(blocks))


def _collect(meta: InferredMetadata, kind: BlockKind, text: str) -> None:
    if kind is BlockKind.RIGHTS:
        meta.rights = meta.rights or text
        meta.outlet = meta.outlet or rights_owner(text)
    elif kind is BlockKind.CONTACT:
        meta.outlet = meta.outlet or contact_outlet(text)
    elif kind is BlockKind.BYLINE:
        meta.byline = meta.byline or byline_names(text)
        meta.interview = meta.interview or bool(_INTERVIEW_BY.match(text))
