"""The development pack's newsroom formats (HTML pages, Markdown, wire copy, an opinion piece) read right."""

from __future__ import annotations

from datetime import date

import pytest

from seeds_loader import Article, load_directory
from tests.conftest import DEV_COVERAGE


@pytest.fixture(scope="module")
def pack() -> dict[str, Article]:
    articles, errors = load_directory(DEV_COVERAGE / "articles")
    assert not errors
    return {a.file[:4]: a for a in articles}


# (prefix, title start, outlet, byline, published, partial date, captions, correction paragraphs)
EXPECTED = [
    ("dc01", "Lee and Xi declare", "The Harbourline Post", "Marisol Quan-Havili", date(2026, 1, 6), None, 2, 0),
    ("dc02", "Two months, one sentence", "Meridian Ledger Asia", "Dario Fenwick-Sato", date(2026, 1, 8), None, 2, 0),
    ("dc03", "Lee closes China trip", "The Han Current", "Ha Seol-mi", date(2026, 1, 7), None, 2, 0),
    (
        "dc04",
        "Seoul moves to decorate",
        "Straits & Peninsula Review",
        "Mariko Ostrand-Bae",
        date(2026, 1, 19),
        None,
        1,
        0,
    ),
    ("dc05", "Lee says he is", "The Eastgate Observer", "Ines Walcott-Ryu", date(2025, 11, 2), None, 0, 1),
    ("dc06", "Lee returns from China", "Northgate Wire", None, None, "--01-07", 0, 0),
    ("dc07", "China halts Japanese seafood", "Bayline News Agency", None, None, "--11-19", 0, 0),
    ("dc08", "Seoul's trade-pact hopes", "The Coastline Review", "Seo Hanbit", date(2026, 1, 16), None, 0, 0),
]


@pytest.mark.parametrize(
    ("prefix", "title", "outlet", "byline", "published", "partial", "captions", "corrections"), EXPECTED
)
def test_metadata_captions_and_corrections(
    pack, prefix, title, outlet, byline, published, partial, captions, corrections
):
    a = pack[prefix]
    assert (a.title or "").startswith(title)
    assert (a.outlet, a.byline, a.published, a.published_partial) == (outlet, byline, published, partial)
    assert len(a.captions) == captions
    assert sum(p.kind == "correction" for p in a.paragraphs) == corrections


DEBRIS = [
    "We use cookies", "Share on", "Read more", "Most read", "Advertisement", "Sign up", "(END)", "(c) 2026",
    "More on this story", "#LeeJaeMyung", "Politics > Diplomacy", "hsm@", "Comments are closed", "—  Lee Jae Myung on",
]  # fmt: skip


def test_page_furniture_is_not_text(pack) -> None:
    for a in pack.values():
        text = " ".join(p.text for p in a.paragraphs + a.captions)
        for debris in DEBRIS:
            assert debris not in text, (a.file, debris)
        assert "*" not in text and "](" not in text, a.file  # no Markdown markup left


def test_figcaption_facts_are_captions(pack) -> None:
    assert any("stone lions" in c.text for c in pack["dc01"].captions)
    assert any("fell about 3 percent" in c.text for c in pack["dc02"].captions)


def test_hard_wrapped_sentences_are_one_sentence(pack) -> None:
    sentences = [s.text for p in pack["dc07"].paragraphs for s in p.sentences]
    assert any("over her Nov. 7 remark that a Chinese attack" in s for s in sentences)


def test_paragraph_numbers_count_published_paragraphs(pack) -> None:
    # Headings, bylines, date lines, images and furniture are not counted; captions are.
    numbers = {p.text[:30]: p.number for p in pack["dc08"].paragraphs}
    assert numbers["Three days after President Lee"] == 1
    dc04 = [p for p in pack["dc04"].paragraphs + pack["dc04"].captions if "Three decades" in p.text]
    assert not dc04  # a subheading is not a paragraph
    offsets_ok = all(a.text[p.start : p.end] == p.text for a in pack.values() for p in a.paragraphs + a.captions)
    assert offsets_ok
