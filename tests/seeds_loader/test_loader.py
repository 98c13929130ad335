from __future__ import annotations

import codecs
from datetime import date
from pathlib import Path

import pytest

from seeds_loader import (
    Article,
    BinaryFileError,
    EmptyArticleError,
    FrontMatterError,
    LoaderError,
    UnsupportedFormatError,
    load_article,
    load_directory,
    parse_article,
)
from tests.conftest import article

DEBRIS = ("Related Posts", "Please direct questions", "Copyright (c)", "(pool picture)", "By Shin Hyeong-cheol")


def test_every_seed_loads_with_offsets_that_locate_its_text(seed_articles: list[Article]) -> None:
    assert len(seed_articles) == 5
    for a in seed_articles:
        assert a.paragraphs
        for p in a.paragraphs + a.captions:
            assert a.text[p.start : p.end] == p.text
            assert p.sentences
            for s in p.sentences:
                assert a.text[s.start : s.end] == s.text
                assert p.start <= s.start < s.end <= p.end


def test_debris_is_not_searchable(seed_articles: list[Article]) -> None:
    for a in seed_articles:
        body = "\n".join(p.text for p in a.paragraphs)
        for debris in DEBRIS:
            assert debris not in body, (a.file, debris)


@pytest.mark.parametrize(
    ("prefix", "title", "outlet", "published"),
    [
        ("000", None, "The Hankyoreh", None),
        ("001", None, None, None),
        ("002", "Lee’s Japan visit raises prospects for closer economic cooperation", "Yonhap News Agency", None),
        ("003", "[Editorial] President Lee Should Also Pursue Pragmatic", None, date(2026, 1, 12)),
        ("004", "South Korean President Lee Jae Myung to Meet Japanese Prime Minister", None, None),
    ],
)
def test_seed_metadata(seed_articles: list[Article], prefix: str, title, outlet, published) -> None:
    a = article(seed_articles, prefix)
    assert (a.title or "").startswith(title or "") and (title is None) == (a.title is None)
    assert a.outlet == outlet
    assert a.published == published


def test_hankyoreh_byline_caption_and_paragraph_numbers(seed_articles: list[Article]) -> None:
    a = article(seed_articles, "000")
    assert a.byline == "Shin Hyeong-cheol, Jang Ye-ji"
    assert len(a.captions) == 1 and "Gyeongju" in a.captions[0].text and a.captions[0].number == 1
    quote = next(p for p in a.paragraphs if "quarrel between adults" in p.text)
    assert quote.number == 12  # as printed: the caption is paragraph 1


def test_yonhap_rights_notice_forbids_ai_use(seed_articles: list[Article]) -> None:
    yonhap = article(seed_articles, "002")
    assert yonhap.rights and "artificial intelligence" in yonhap.rights
    assert yonhap.ai_use_restricted
    assert not any(a.ai_use_restricted for a in seed_articles if a is not yonhap)


def test_related_posts_tail_is_dropped(seed_articles: list[Article]) -> None:
    a = article(seed_articles, "004")
    assert a.paragraphs[-1].text.startswith("The meeting comes at a critical juncture")


def write(tmp_path: Path, name: str, data: bytes) -> Path:
    path = tmp_path / name
    path.write_bytes(data)
    return path


def test_empty_file_is_refused_by_name(tmp_path: Path) -> None:
    with pytest.raises(EmptyArticleError, match=r"empty\.txt: the file is empty"):
        load_article(write(tmp_path, "empty.txt", b""))


def test_whitespace_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(EmptyArticleError, match=r"blank\.txt"):
        load_article(write(tmp_path, "blank.txt", b"  \n\t\n  "))


def test_binary_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(BinaryFileError, match=r"image\.txt: the file is (?:binary|a PNG image)"):
        load_article(write(tmp_path, "image.txt", b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR" + bytes(range(256))))


def test_unsupported_extension_is_refused(tmp_path: Path) -> None:
    with pytest.raises(UnsupportedFormatError, match=r"\.pdf"):
        load_article(write(tmp_path, "a.pdf", b"%PDF-1.4"))


def test_missing_file_is_refused(tmp_path: Path) -> None:
    with pytest.raises(LoaderError, match="no such file"):
        load_article(tmp_path / "nope.txt")


def test_latin1_is_detected_not_crashed_on(tmp_path: Path) -> None:
    text = "Séoul et Tokyo ont tenu un sommet à Nara, a déclaré le ministre des Affaires étrangères.\n" * 3
    a = load_article(write(tmp_path, "fr.txt", text.encode("latin-1")))
    assert "Séoul" in a.paragraphs[0].text


def test_utf16_with_bom_is_read(tmp_path: Path) -> None:
    data = codecs.BOM_UTF16_LE + "Lee met Takaichi in Nara on Tuesday.".encode("utf-16-le")
    assert load_article(write(tmp_path, "u16.txt", data)).paragraphs[0].text == "Lee met Takaichi in Nara on Tuesday."


def test_front_matter_overrides_inference(tmp_path: Path) -> None:
    text = (
        "---\ntitle: Summit wrap\noutlet: The Korea Herald\npublished: 2026-01-14\n"
        "url: https://example.org/a\n---\n# Another headline\n\nLee and Takaichi met in Nara.\n"
    )
    a = load_article(write(tmp_path, "fm.md", text.encode()))
    assert (a.title, a.outlet, a.published, a.url) == (
        "Summit wrap",
        "The Korea Herald",
        date(2026, 1, 14),
        "https://example.org/a",
    )
    assert a.paragraphs[0].text == "Lee and Takaichi met in Nara."
    assert a.text[a.paragraphs[0].start : a.paragraphs[0].end] == a.paragraphs[0].text


def test_front_matter_bad_date_names_the_key(tmp_path: Path) -> None:
    with pytest.raises(FrontMatterError, match="published: 'soon'"):
        load_article(write(tmp_path, "bad.md", b"---\npublished: soon\n---\nBody text here.\n"))


def test_front_matter_bad_yaml(tmp_path: Path) -> None:
    with pytest.raises(FrontMatterError, match="not valid YAML"):
        load_article(write(tmp_path, "bad.md", b"---\ntitle: [unclosed\n---\nBody text here.\n"))


def test_wrapped_markdown_paragraphs_join_lines_and_keep_offsets() -> None:
    text = (
        "# Nara summit\n\nPresident Lee Jae Myung met Prime Minister Sanae Takaichi\n"
        "in Nara on Tuesday, their second meeting in two months.\n\n"
        "The two leaders agreed to expand cooperation on supply chains\nand artificial intelligence.\n"
    )
    a = parse_article(text, "wrapped.md")
    assert a.title == "Nara summit"
    assert len(a.paragraphs) == 2
    assert "\n" not in a.paragraphs[0].text
    assert a.paragraphs[0].text.endswith("second meeting in two months.")
    assert a.text[a.paragraphs[1].start : a.paragraphs[1].end] == a.paragraphs[1].text


def test_only_debris_is_empty(tmp_path: Path) -> None:
    with pytest.raises(EmptyArticleError, match="no article text"):
        load_article(write(tmp_path, "debris.txt", b"Copyright (c) Someone.\nRelated Posts\n"))


def test_directory_reports_bad_files_and_keeps_good_ones(tmp_path: Path) -> None:
    write(tmp_path, "good.txt", b"Lee met Takaichi in Nara on Tuesday to discuss supply chains.")
    write(tmp_path, "empty.txt", b"")
    write(tmp_path, "notes.csv", b"a,b")
    articles, errors = load_directory(tmp_path)
    assert [a.file for a in articles] == ["good.txt"]
    assert len(errors) == 1 and "empty.txt" in str(errors[0])


def test_missing_directory_is_an_error(tmp_path: Path) -> None:
    with pytest.raises(LoaderError, match="does not exist"):
        load_directory(tmp_path / "missing")
