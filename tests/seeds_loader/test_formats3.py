"""Newsroom formats, round 3: masthead and byline lines of layouts read from ten more articles nobody tuned
for (small made-up texts for the general rules)."""

from __future__ import annotations

from datetime import date

import pytest

from seeds_loader import parse_article

BODY = "\n\n**09:30 KST** — Good morning. Sanae Takaichi today makes her first visit to Seoul.\n"


def test_a_masthead_part_that_only_looks_like_a_stamp_does_not_hide_the_date_after_it() -> None:
    """ "Updated continuously" opens like a stamp and gives no date: the day after it is the live blog's,
    the bold part its outlet, and the byline under it is read."""
    text = (
        "# LIVE: Takaichi in Seoul\n\n**Harbourline Live** · Updated continuously · Monday, September 14, 2026\n\n"
        "*Reporting by Min-ji Cho and Daniel Hart in Seoul*" + BODY
    )
    a = parse_article(text, "live.md")
    assert (a.outlet, a.byline, a.published) == ("Harbourline Live", "Min-ji Cho, Daniel Hart", date(2026, 9, 14))
    assert [p.text[:5] for p in a.paragraphs] == ["09:30"]


def test_a_bold_outlet_beside_the_date_but_never_a_bold_date_or_byline() -> None:
    a = parse_article("# LIVE: Day one\n\n**Harbourline Live** · Monday, September 14, 2026" + BODY, "live.md")
    assert (a.outlet, a.published) == ("Harbourline Live", date(2026, 9, 14))
    a = parse_article("# LIVE: Day one\n\nSeoul · **Monday, September 14, 2026**" + BODY, "live.md")
    assert (a.outlet, a.published) == (None, date(2026, 9, 14))


@pytest.mark.parametrize(
    ("line", "byline", "outlet"),
    [
        ("Hanbit Ilbo reporter Kang Tae-woo", "Kang Tae-woo", "Hanbit Ilbo"),
        ("Staff writer Jane Doe", "Jane Doe", None),
        ("Reporter Kim Min-ji", "Kim Min-ji", None),
    ],
)
def test_an_outlet_and_role_before_the_reporters_name(line: str, byline: str, outlet: str | None) -> None:
    text = f"Families wait for a match\n\nInput 2026.08.07 09:14\n\n{line}\n\nMs. Baek was at the market.\n"
    a = parse_article(text, "story.txt")
    assert (a.byline, a.outlet, a.published) == (byline, outlet, date(2026, 8, 7))
    assert [p.text[:7] for p in a.paragraphs] == ["Ms. Bae"]


def test_a_byline_crediting_the_outlets_staff_names_the_outlet() -> None:
    text = "BREAKING: Victim named\n\nBy Riverlight News staff\nOctober 2, 2026, 10:05 a.m.\n\nIt was him.\n"
    a = parse_article(text, "brief.txt")
    assert (a.outlet, a.published) == ("Riverlight News", date(2026, 10, 2))


def test_a_byline_with_its_outlet_and_date_after_commas() -> None:
    text = "# The long road home\n\n*By Laura Méndez, The Harbour Post, October 10, 2026*\n\nSACHEON — Kim waits.\n"
    a = parse_article(text, "feature.md")
    assert (a.byline, a.outlet, a.published) == ("Laura Méndez", "The Harbour Post", date(2026, 10, 10))


def test_an_outlet_set_apart_in_a_byline_line_is_the_outlet_not_the_place_beside_it() -> None:
    text = "# Why Tokyo moved\n\n**By Marcus Webb** | Tokyo | *The Eastern Ledger* | October 23, 2026\n\nIt did.\n"
    a = parse_article(text, "analysis.md")
    assert (a.byline, a.outlet, a.published) == ("Marcus Webb", "The Eastern Ledger", date(2026, 10, 23))


def test_a_byline_after_the_outlet_and_date_on_one_line() -> None:
    text = "# Two Parks, one mine\n\n*The Harbour Post* · November 8, 2026 · By Laura Méndez\n\nThey met last month.\n"
    a = parse_article(text, "feature.md")
    assert (a.byline, a.outlet, a.published) == ("Laura Méndez", "The Harbour Post", date(2026, 11, 8))


def test_a_programmes_title_names_its_outlet_last() -> None:
    text = (
        "Morning Edition — Korea Pacific Radio\nTranscript, October 21, 2026\n\nHOST: Good morning.\n\nJUNG: Hello.\n"
    )
    a = parse_article(text, "radio.txt")
    assert a.outlet == "Korea Pacific Radio"
    assert parse_article("Takaichi in Seoul — live updates\n\nShe landed.\n", "live.txt").outlet is None


def test_a_hosts_label_with_the_name_and_the_hosts_surname_after_it_ask() -> None:
    """ "HOST (PARK JI-HOON):" then "PARK:": the programme's host, whose turns are context for the guest's
    answers, never anyone's quote, and never a Park of another story."""
    from seeds_loader.structure import label_role

    assert label_role("HOST (PARK JI-HOON)") == "question"
    text = (
        "Morning Edition\nTranscript, October 21, 2026\n\n"
        "HOST (PARK JI-HOON): Good morning. With me is Jung Hye-sook.\n\nJUNG HYE-SOOK: Good morning.\n\n"
        "PARK: Will he go to the airport?\n\nJUNG: The doctors say no.\n\nPARK: Jung Hye-sook, thank you.\n"
    )
    a = parse_article(text, "radio.txt")
    assert [p.kind for p in a.paragraphs] == ["question", "body", "question", "body", "question"]
    assert a.paragraphs[3].context == "Will he go to the airport?"


def test_the_authors_trafilatura_reads_lose_the_stamp_of_their_line() -> None:
    from seeds_loader.html import _author

    assert _author("Nari Song; Published") == "Nari Song"
    assert _author("Jane Doe; John Roe") == "Jane Doe; John Roe"
    assert _author("Updated") is None


def test_a_byline_naming_the_outlet_it_was_written_for() -> None:
    text = "# Diver\n\n*Interview by Sophie Marchand for The Coastline Review, December 2, 2026*\n\nHe dives.\n"
    a = parse_article(text, "diver.md")
    assert (a.byline, a.outlet, a.published) == ("Sophie Marchand", "The Coastline Review", date(2026, 12, 2))


def test_an_html_page_declaring_any_kind_of_article_in_json_ld(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """An OpinionNewsArticle's headline, authors, publisher and date (trafilatura reads a NewsArticle's only,
    and had guessed the 1st of the month for the date)."""
    from seeds_loader import load_article

    page = tmp_path / "oped.html"
    page.write_text(
        '<html><head><title>A memorial, not a monument</title><script type="application/ld+json">'
        '{"@type":"OpinionNewsArticle","headline":"A memorial, not a monument","datePublished":"2026-12-12",'
        '"author":[{"@type":"Person","name":"Aiko Tanaka"},{"@type":"Person","name":"Lee Su-jin"}],'
        '"publisher":{"@type":"Organization","name":"The Nara Citizen"}}</script></head><body><div class="story">'
        "<h1>A memorial, not a monument</h1><p>We are a Japanese historian and a Korean teacher who met at the "
        "dives.</p><p>We support a permanent memorial at the mine site, and we ask for a say in its design.</p>"
        "</div></body></html>",
        encoding="utf-8",
    )
    a = load_article(page)
    assert (a.outlet, a.byline, a.published) == ("The Nara Citizen", "Aiko Tanaka, Lee Su-jin", date(2026, 12, 12))


def test_an_outlet_in_brackets_before_the_headline_and_a_staff_line_in_italics() -> None:
    a = parse_article(
        "[Hangang Times] Families welcome memorial\n\nReporter Seo Ji-hye\n\nThey welcomed it.\n", "k.txt"
    )
    assert (a.title, a.outlet, a.byline) == ("Families welcome memorial", "Hangang Times", "Seo Ji-hye")
    assert parse_article("[Translated article] Families wait\n\nThey wait.\n", "t.txt").outlet is None
    a = parse_article("# Transcript: the minister's briefing\n\n*Seoul Review staff*\n\nGood afternoon.\n", "t.md")
    assert a.outlet == "Seoul Review"


def test_an_outlet_between_the_byline_and_its_date() -> None:
    text = "# Five things to know\n\n*By Helen Park, The Quayside, December 14, 2026*\n\nA memorial is proposed.\n"
    a = parse_article(text, "five.md")
    assert (a.byline, a.outlet, a.published) == ("Helen Park", "The Quayside", date(2026, 12, 14))


def test_a_numbered_question_in_bold_is_a_question_and_what_the_answer_under_it_answers() -> None:
    text = (
        "# Five things to know\n\n1. **What is proposed?**\n\nA permanent memorial at the mine.\n\n"
        "2. **Who proposed it?**\n\nThe Korean foreign ministry raised it first.\n"
    )
    a = parse_article(text, "five.md")
    assert [(p.kind, p.context) for p in a.paragraphs] == [
        ("question", None),
        ("body", "What is proposed?"),
        ("question", None),
        ("body", "Who proposed it?"),
    ]


def test_an_html_byline_element_and_its_time_datetime(tmp_path) -> None:  # type: ignore[no-untyped-def]
    from seeds_loader import load_article

    page = tmp_path / "divers.html"
    page.write_text(
        "<html><head><title>Divers honoured at Ube ceremony</title></head><body><main>"
        "<h1>Divers honoured at Ube ceremony</h1>"
        '<p class="meta">By Aya Fujii · <time datetime="2027-02-04T09:00:00+09:00">Feb. 4</time></p>'
        "<p>The volunteer divers received a certificate of thanks from the embassy on Wednesday.</p>"
        "<p>The embassy said it would invite the divers to Seoul in the spring.</p></main></body></html>",
        encoding="utf-8",
    )
    a = load_article(page)
    assert (a.byline, a.published) == ("Aya Fujii", date(2027, 2, 4))


def test_a_label_of_the_press_asks_and_names_no_one_whatever_trade_it_gives() -> None:
    """Reporters, journalists and correspondents ask, whether their label names them or their outlet; a
    press secretary speaks for a government."""
    from seeds_loader.structure import label_role, press_label

    for label in ("Reporter (Channel Saebit)", "CORRESPONDENT", "Correspondent (NHK)", "Journalist Kim Ji-won"):
        assert press_label(label) and label_role(label) == "question", label
    assert not press_label("Press Secretary Kim Eun-hye") and label_role("Press Secretary Kim Eun-hye") == "named"
    text = (
        "Briefing\nTranscript, October 21, 2026\n\n"
        "PRESS SECRETARY KIM EUN-HYE: The talks went well.\n\n"
        "CORRESPONDENT (NHK): Will the leaders meet again?\n\n"
        "PRESS SECRETARY KIM EUN-HYE: In the spring.\n"
    )
    a = parse_article(text, "briefing.txt")
    assert [p.kind for p in a.paragraphs] == ["body", "question", "body"]


def test_labels_set_in_capitals_on_their_own_lines_without_a_colon_label_the_turns_under_them() -> None:
    """ "KIM HA-EUN (Yonsei University)" over her turn, "Q (NHK)" over a reporter's: a transcript's labels
    without a colon, which had been read as headings (the turns went to nobody); a heading in capitals
    alone ("BACKGROUND") labels no one."""
    text = (
        "Youth forum: closing session (transcript)\n\nKyushu Daily News\n\nAugust 20, 2026\n\n"
        "MODERATOR\nBefore we close, our student representatives will read the declaration.\n\n"
        "KIM HA-EUN (Yonsei University)\nWe ask our governments to make this forum an annual event.\n\n"
        "Q (NHK)\nWill you meet again before next year's forum?\n\n"
        "KIM HA-EUN (Yonsei University)\nYes. We have planned an online meeting every month.\n"
    )
    a = parse_article(text, "forum.txt")
    assert [(p.kind, p.speaker_label) for p in a.paragraphs] == [
        ("question", "MODERATOR"),
        ("body", "KIM HA-EUN (Yonsei University)"),
        ("question", "Q (NHK)"),
        ("body", "KIM HA-EUN (Yonsei University)"),
    ]
    assert a.paragraphs[3].context == "Will you meet again before next year's forum?"
    plain = parse_article(
        "Ferry returns\n\nBACKGROUND\nThe ferry stopped in 2020.\n\nWHAT NEXT\nIt sails in May.\n", "ferry.txt"
    )
    assert all(p.speaker_label is None for p in plain.paragraphs)


def test_a_contributors_note_set_as_a_byline_is_kept(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """ "<p class="byline"><em>Fujimoto Ken is a historian at ...</em></p>": who the author is, kept as the
    story's first paragraph (as a Markdown page keeps its italic author line); a byline proper is not."""
    from seeds_loader import load_article

    page = tmp_path / "oped.html"
    page.write_text(
        '<html><head><title>Opinion: Tourism is not reconciliation</title><meta name="author" content="Fujimoto'
        ' Ken"></head><body><article><h1>Opinion: Tourism is not reconciliation</h1>'
        '<p class="byline"><em>Fujimoto Ken is a historian at Ritsumeikan University.</em></p>'
        '<p class="byline">By Fujimoto Ken · Oct. 5</p>'
        "<p>Every week brings a new record: more Korean tourists in Osaka, more fans at concerts in Seoul.</p>"
        "<p>Tourists come for food and shopping. They do not come to read history, and nobody asks them to.</p>"
        "</article></body></html>",
        encoding="utf-8",
    )
    texts = [p.text for p in load_article(page).paragraphs]
    assert texts[0] == "Fujimoto Ken is a historian at Ritsumeikan University."
    assert not any(t.startswith("By Fujimoto") for t in texts)
