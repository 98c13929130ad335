"""Newsroom formats, round 2: metadata of unfamiliar layouts, transcripts and interviews, explainers with
tables and lists, div-soup HTML. Pack 2 for the fields, small made-up texts for the general rules."""

from __future__ import annotations

from datetime import date
from pathlib import Path

import pytest

from seeds_loader import Article, load_article, load_directory, parse_article
from tests.conftest import DEV_COVERAGE_2


@pytest.fixture(scope="module")
def pack2() -> dict[str, Article]:
    articles, errors = load_directory(DEV_COVERAGE_2 / "articles")
    assert not errors
    return {a.file[:6]: a for a in articles}


# (prefix, title start, outlet, byline, published, partial date, AI use restricted)
EXPECTED = [
    ("dc2_01", "Hosting a summit", "The Kansai Lantern", "Tomoko Ashgrove-Ueda", date(2026, 1, 11), None, False),
    ("dc2_02", "TRANSCRIPT: Presidential office", "The Yeouido Record", None, date(2026, 1, 13), None, False),
    ("dc2_03", "LIVE: Lee and Takaichi", "The Morning Relay", None, date(2026, 1, 13), None, False),
    ("dc2_04", "I watched shuttle diplomacy", "The Tollgate Review", "Ahn Jae-kwon", date(2026, 1, 16), None, False),
    ("dc2_05", "Shuttle diplomacy, explained", "The Quayside", "Lorna Achterberg-Min", date(2026, 1, 15), None, False),
    ("dc2_06", "Cheong Wa Dae moves fast", "Hwawon Daily", "Yoon Seo-hee", date(2026, 1, 15), None, True),
    ("dc2_07", "Lee, Takaichi tour Horyuji", "Naniwa Press", None, None, "--01-14", False),
    ("dc2_08", "Record travel, fragile trust", "Lowtide Business Daily", "Hugo Brandvold-Seo", date(2026, 1, 15), None,
     False),
    ("dc2_09", "BREAKING: Lee lands in Japan", "Riverlight News", None, date(2026, 1, 13), None, False),
    ("dc2_10", "The longest wait", "Tidewater Magazine", "Ruth Okafor-Han", date(2026, 1, 18), None, False),
]  # fmt: skip


@pytest.mark.parametrize(("prefix", "title", "outlet", "byline", "published", "partial", "restricted"), EXPECTED)
def test_pack_two_metadata(pack2, prefix, title, outlet, byline, published, partial, restricted) -> None:
    a = pack2[prefix]
    assert (a.title or "").startswith(title), a.title
    assert a.outlet == outlet
    assert a.byline == byline
    assert (a.published, a.published_partial) == (published, partial)
    assert a.ai_use_restricted is restricted


def test_transcript_labels_are_speakers_not_paragraphs(pack2) -> None:
    a = pack2["dc2_02"]
    assert not any(p.text.endswith(":") for p in a.paragraphs)  # "Reporter (Gyeongnam Dispatch):" is no passage
    patience = next(p for p in a.paragraphs if "a little more patience" in p.text)
    assert patience.speaker_label == "National Security Adviser Wi Sung-lac"
    assert patience.context is not None and "DNA tests" in patience.context  # the question it answers


def test_interview_answers_carry_their_question(pack2) -> None:
    a = pack2["dc2_01"]
    answer = next(p for p in a.paragraphs if "deer keep their own schedule" in p.text)
    assert answer.speaker_label == "A" and answer.context == "And the deer?"
    assert not answer.text.startswith("A:")


def test_explainer_headings_tables_and_lists(pack2) -> None:
    a = pack2["dc2_05"]
    first = next(p for p in a.paragraphs if p.text.startswith("It is the habit"))
    assert first.context == "What is shuttle diplomacy?"
    row = next(p for p in a.paragraphs if "Ibusuki" in p.text)
    assert row.context is not None and "Place: Ibusuki, Kagoshima" in row.context
    bullet = next(p for p in a.paragraphs if "before the summer" in p.text)
    assert bullet.context == "Officials on both sides point to three things to watch:"


def test_div_soup_html_with_a_table_and_a_pull_quote(pack2) -> None:
    a = pack2["dc2_08"]
    row = next(p for p in a.paragraphs if "3.27" in p.text)
    assert row.context is not None and "Japanese visitors to Korea (millions): 3.27" in row.context
    assert sum("cannot easily break" in p.text for p in a.paragraphs) == 1  # the pull quote is not a passage


def test_a_colon_in_prose_is_no_transcript() -> None:
    text = (
        "Headline here\n\nLesson one: never trust a quiet border. The talks went on late into the night.\n\n"
        "The two sides met again on Friday and agreed to keep talking.\n"
    )
    a = parse_article(text, "prose.txt")
    assert all(p.speaker_label is None for p in a.paragraphs)


def test_inline_capitalised_labels_in_a_transcript() -> None:
    text = (
        "Briefing transcript\n\nPRIME MINISTER TAKAICHI: We agreed to move quickly on the remains.\n\n"
        "REPORTER: When will the tests start?\n\nPRIME MINISTER TAKAICHI: As soon as the experts agree.\n"
    )
    a = parse_article(text, "briefing.txt")
    labels = [p.speaker_label for p in a.paragraphs]
    assert labels == ["PRIME MINISTER TAKAICHI", "REPORTER", "PRIME MINISTER TAKAICHI"]
    assert a.paragraphs[2].context == "When will the tests start?"


@pytest.mark.parametrize(
    ("line", "outlet", "partial"),
    [
        ("IKARUGA, Nara Pref., Jan. 14 (Naniwa Press) — The leaders toured the temple on Wednesday.", "Naniwa Press",
         "--01-14"),
        ("SEOUL (Harbour Wire) — The leaders toured the temple on Wednesday morning.", "Harbour Wire", None),
        ("SEOUL, Jan. 7 — The leaders toured the temple on Wednesday morning.", None, "--01-07"),
        ("SEOUL, Jan. 15 /PRNewswire/ -- The federation welcomed the summit on Thursday.", "PRNewswire", "--01-15"),
        ("UBE, Yamaguchi, Japan, March 4 (Kita Wire) -- Divers met at the shafts on Wednesday.", "Kita Wire",
         "--03-04"),
    ],
)  # fmt: skip
def test_dateline_forms(line: str, outlet: str | None, partial: str | None) -> None:
    a = parse_article(f"Headline\n\n{line}\n\nA second paragraph follows here.\n", "wire.txt")
    assert (a.outlet, a.published_partial) == (outlet, partial)


@pytest.mark.parametrize(
    ("rights", "outlet"),
    [
        ("(c) 2026 Harbour Wire. All rights reserved.", "Harbour Wire"),
        ("ⓒ Harbour Daily (harbour.example) - unauthorized reproduction prohibited", "Harbour Daily"),
        ("Copyright 2026 The Harbour Post. Reproduction prohibited.", "The Harbour Post"),
    ],
)
def test_copyright_lines_name_the_outlet(rights: str, outlet: str) -> None:
    a = parse_article(f"Headline\n\nThe story of the day is told here.\n\n{rights}\n", "story.txt")
    assert a.outlet == outlet


def test_outlet_and_date_on_one_line(tmp_path: Path) -> None:
    text = "LIVE: the summit\n\nHarbour Post live desk | Tuesday, January 13, 2026\n\n[10:02] The plane has landed.\n"
    path = tmp_path / "live.txt"
    path.write_text(text)
    article = load_article(path)
    assert (article.published, article.outlet) == (date(2026, 1, 13), "Harbour Post")


def test_an_outlets_name_sharing_the_date_line_is_the_outlet() -> None:
    text = "BREAKING: Dives funded\n\nBluefin News | March 6, 2026, 11:20 a.m.\n\nTOKYO -- The state will pay.\n"
    a = parse_article(text, "brief.txt")
    assert (a.outlet, a.published) == ("Bluefin News", date(2026, 3, 6))
    assert [p.text for p in a.paragraphs] == ["TOKYO -- The state will pay."]


def test_an_outlet_signing_off_the_piece_is_its_outlet_not_a_heading() -> None:
    text = (
        "Remembering is not settling\n\nBy Hiroko Sasamoto\n\nI have read the records for twenty years.\n\n"
        "Hiroko Sasamoto is a professor of modern Japanese history.\n\nThe Granite Review\n"
    )
    a = parse_article(text, "oped.txt")
    assert a.outlet == "The Granite Review"
    assert not any("Granite" in p.text for p in a.paragraphs)
    # a story's last short line that is no outlet's name stays where it was
    assert parse_article(text.replace("The Granite Review", "More to come"), "oped.txt").outlet is None


@pytest.mark.parametrize("desk", ["The Evening Gull live desk", "Gull Wire newsroom", "The Gull Post Tokyo bureau"])
def test_a_desk_line_under_the_headline_names_the_outlet(desk: str) -> None:
    text = f"LIVE: the summit\n\n{desk}\n\n[10:02] The plane has landed in Osaka.\n\n[10:30] The motorcade left.\n"
    a = parse_article(text, "live.txt")
    assert a.outlet == desk.rsplit(" ", 2 if desk.endswith("live desk") else 1)[0]
    assert not any(desk in p.text for p in a.paragraphs)


def test_an_update_is_cited_as_an_update_and_a_correction_as_a_correction() -> None:
    text = (
        "BREAKING: Harbour flooded\n\nWater rose over the sea wall on Tuesday, police said.\n\n"
        "UPDATE, 3:40 p.m.: Police said about 900 homes had been cleared.\n\n"
        "Correction: An earlier version misspelled the harbour master's name.\n"
    )
    kinds = [p.kind for p in parse_article(text, "brief.txt").paragraphs]
    assert kinds == ["body", "update", "correction"]


def test_a_live_entry_labelled_after_its_clock_stamp_is_an_update() -> None:
    """ "**14:10 KST** — UPDATE: ..." is an update as "UPDATE, 3:40 p.m.: ..." is; the label may follow the
    entry's stamp, emphasised or not."""
    text = (
        "# Live: harbour flood\n\n**11:48 KST** — About 150 homes have been cleared, police said.\n\n"
        "**14:10 KST** — UPDATE: Police now put the number of homes cleared at about 400.\n\n"
        "15:02 JST — CORRECTION: The harbour master is Anna Kim, not Anna Lim.\n\n"
        "16:00 KST — The update of the sea wall's height is expected tonight.\n"
    )
    kinds = [p.kind for p in parse_article(text, "live.md").paragraphs]
    assert kinds == ["body", "update", "correction", "body"]


@pytest.mark.parametrize(
    "note",
    ["*Hana Moriyama is the Courier's diplomatic correspondent.*", "— Hana Moriyama, a former envoy, teaches in Kobe."],
)
def test_a_closing_contributor_note_names_the_author(note: str) -> None:
    text = (
        "The drums were the message\n\nI have covered summits for twenty years, and I have never seen this.\n\n"
        f"My first reaction was irritation; then I changed my mind.\n\n{note}\n"
    )
    a = parse_article(text, "column.md")
    assert a.byline == "Hana Moriyama"
    assert a.paragraphs[-1].text.startswith(("Hana Moriyama is", "— Hana Moriyama"))  # kept: it says who she is


def test_a_last_paragraph_about_someone_in_a_news_story_is_no_contributor_note() -> None:
    text = "Ministry names envoy\n\nThe ministry named an envoy on Friday.\n\nKim Tae-ho is the new envoy to Tokyo.\n"
    assert parse_article(text, "news.txt").byline is None


def test_live_entries_are_on_the_timeline_at_their_stamp_on_the_day_above_them(pack2, tmp_path) -> None:
    from index.encode.embedder import HashEmbedder
    from index.facts.timeline import timeline
    from index.store.versions import build_index

    blog = pack2["dc2_03"]
    index = build_index([blog], HashEmbedder(16), tmp_path / "index")
    stamped = [e for e in timeline(index) if e.time is not None]
    labels = [e.label for e in stamped]
    assert labels == sorted(labels) and len(stamped) == 15
    horyuji = next(e for e in stamped if "Horyuji" in e.sentence)
    assert horyuji.label == "2026-01-14 09:38"  # under WEDNESDAY's heading, not Tuesday's
    correction = next(e for e in stamped if e.sentence.startswith("[12:26] CORRECTION"))
    assert correction.when == date(2026, 1, 13)


def test_a_twelve_hour_stamp_is_read_as_such(tmp_path) -> None:
    from index.encode.embedder import HashEmbedder
    from index.facts.timeline import timeline
    from index.store.versions import build_index

    text = (
        "LIVE: the visit\n\nTUESDAY, JANUARY 13, 2026\n\n9:12 p.m. — The dinner is over.\n\n"
        "10:02 p.m. — The leaders have left the hall for the night.\n"
    )
    index = build_index([parse_article(text, "live.txt")], HashEmbedder(16), tmp_path / "index")
    assert [e.label for e in timeline(index) if e.time] == ["2026-01-13 21:12", "2026-01-13 22:02"]


def test_an_outlet_line_and_an_update_stamp_under_the_headline() -> None:
    """An outlet's name on its own line ("Sunrise Wire") is the outlet; an "UPDATED" stamp dates an article
    that prints no other date."""
    text = (
        "BREAKING: Takaichi to visit Korea in spring\n\nUPDATED 5:10 p.m. KST, January 16, 2026\n\nSunrise Wire\n\n"
        "TOKYO -- Prime Minister Sanae Takaichi plans to visit South Korea in the spring.\n\n"
        "Kihara said the date had not been set.\n"
    )
    a = parse_article(text, "brief.txt")
    assert (a.outlet, a.published) == ("Sunrise Wire", date(2026, 1, 16))
    assert [p.text[:5] for p in a.paragraphs] == ["TOKYO", "Kihar"]


def test_a_published_stamp_outranks_an_update_stamp() -> None:
    text = (
        "Headline of the story\n\nPublished 2026.01.15 07:30 | Updated 2026.01.17 09:02\n\n"
        "The story is told here in full, with more words.\n"
    )
    assert parse_article(text, "story.txt").published == date(2026, 1, 15)


@pytest.mark.parametrize(
    "line", ["Reporter Kim Min-ji minji@dawnbell.example", "By Kim Min-ji (minji@dawnbell.example)"]
)
def test_a_bylines_email_is_no_part_of_the_name(line: str) -> None:
    a = parse_article(f"Headline of the story\n\n{line}\n\nThe story is told here in full, with more words.\n", "x.txt")
    assert a.byline == "Kim Min-ji"


@pytest.mark.parametrize("bold", [True, False])
def test_question_lines_of_an_explainer_are_answered_by_the_paragraphs_under_them(bold: bool) -> None:
    """ "**Q: Where is the mine?**" (a bold question line: a heading) or a plain "Q: ..." line with no "A:"
    after it is that line alone: the paragraph after it answers it (its context) and is body text, nobody's
    question (an explainer is not an interview)."""
    mark = "**" if bold else ""
    text = (
        f"# Five things to know\n\n{mark}Q: Where is the mine?{mark}\n\nOff the coast of Ube, in Yamaguchi.\n\n"
        f"{mark}Q: How many people died?{mark}\n\n183 workers died when the tunnel flooded in 1942.\n"
    )
    a = parse_article(text, "explainer.md")
    answers = [(p.kind, p.text, p.context) for p in a.paragraphs if p.kind != "question"]
    assert answers == [
        ("body", "Off the coast of Ube, in Yamaguchi.", "Where is the mine?"),
        ("body", "183 workers died when the tunnel flooded in 1942.", "How many people died?"),
    ]


def test_q_and_a_labels_with_a_full_stop() -> None:
    text = (
        "An interview\n\nLim Su-bin leads the families' association. We spoke to her in Busan.\n\n"
        "**Q.** How did the families react?\n\n**A.** With relief, and with caution.\n\n"
        "**Q.** What happens next?\n\n**A.** We will give samples in February.\n"
    )
    a = parse_article(text, "interview.md")
    assert [p.speaker_label for p in a.paragraphs] == [None, "Q", "A", "Q", "A"]
    assert (
        a.paragraphs[2].text == "With relief, and with caution."
        and a.paragraphs[2].context == "How did the families react?"
    )


def test_an_initial_with_a_full_stop_in_prose_is_no_label() -> None:
    text = "Headline of the story\n\nA. Smith said the plan would work.\n\nA. Smith later added that it was late.\n"
    assert all(p.speaker_label is None for p in parse_article(text, "story.txt").paragraphs)


def test_a_paragraph_before_a_table_is_its_caption_only_when_it_introduces_it() -> None:
    rows = "| Step | Who |\n| --- | --- |\n| Sample collection | Families |\n"
    after = parse_article(f"# Title\n\nDivers recovered bones in August.\n\n{rows}", "a.md").paragraphs[-1]
    assert after.context == "Step: Sample collection; Who: Families"
    introduced = parse_article(f"# Title\n\nThe table lists the next steps:\n\n{rows}", "b.md").paragraphs[-1]
    assert introduced.context == "The table lists the next steps: Step: Sample collection; Who: Families"


def test_a_participants_line_is_no_speaker_label() -> None:
    text = (
        "Briefing transcript\n\nParticipants: Spokesperson Kang Yu-jung (KANG) and reporters.\n\n"
        "KANG: Good morning.\n\nREPORTER: When will the talks start?\n\nKANG: At the end of this month.\n"
    )
    labels = [p.speaker_label for p in parse_article(text, "briefing.txt").paragraphs]
    assert labels == [None, "KANG", "REPORTER", "KANG"]


def test_an_html_live_blogs_entry_keeps_its_time_stamp(tmp_path: Path) -> None:
    """An entry's <time> printed before its paragraph opens that paragraph, as a text live blog prints it;
    a date alone in a <time> (a byline's) is no stamp."""
    page = (
        "<html><head><title>Live: Lee in Nara</title></head><body><main><h1>Live: Lee in Nara</h1>"
        '<time datetime="2026-01-13">Jan. 13</time>'
        '<div class="entry"><time datetime="2026-01-13T11:52">11:52 a.m.</time>'
        "<p>President Lee's plane has landed at Kansai International Airport after a short flight.</p></div>"
        '<div class="entry"><time datetime="2026-01-13T13:20">1:20 p.m.</time>'
        "<p>The motorcade has arrived in Nara, where about 300 people waited outside the prefectural office.</p>"
        "</div></main></body></html>"
    )
    path = tmp_path / "live.html"
    path.write_text(page)
    texts = [p.text for p in load_article(path).paragraphs]
    assert texts[0].startswith("11:52 a.m. — President Lee's plane") and texts[1].startswith("1:20 p.m. — The")


def test_an_html_live_blogs_stamp_in_a_span_opens_its_entry(tmp_path: Path) -> None:
    """The stamp printed in any inline element of its own ("<span class='stamp'>4:40 p.m. JST</span>"), not only
    in a <time>; a span of other words is no stamp."""
    entry = '<div class="entry"><span class="stamp">{}</span><p>{}</p></div>'
    page = (
        "<html><head><title>Live: Ube</title></head><body><div><h1>Live: Ube</h1>"
        + entry.format("4:40 p.m. JST", "The service has ended. Families laid white chrysanthemums on the water.")
        + entry.format("[14:05]", "About 300 people have gathered at the shore, police estimate, in the cold wind.")
        + entry.format("Pinned", "Foreign Minister Takeshi Iwaya has arrived at the shore with the ambassador.")
        + "</div></body></html>"
    )
    path = tmp_path / "live.html"
    path.write_text(page)
    texts = [p.text for p in load_article(path).paragraphs]
    assert texts[0].startswith("4:40 p.m. JST — The service") and texts[1].startswith("[14:05] — About 300")
    assert texts[2].startswith("Foreign Minister")


def test_a_live_blog_without_day_headings_dates_its_entries_by_its_own_date() -> None:
    text = (
        "---\ntitle: Live\noutlet: Gull Wire\ndate: 2026-01-14\n---\n"
        "9:12 a.m. — The president left his hotel.\n\n10:42 a.m. JST — The leaders reached the temple.\n\n"
        "A paragraph without a stamp follows here.\n"
    )
    days = [p.day for p in parse_article(text, "live.md").paragraphs]
    assert days == [date(2026, 1, 14), date(2026, 1, 14), None]
    one = parse_article("Headline of it\n\n9:12 a.m. — The president left.\n\nHe went on.\n", "one.txt")
    assert all(p.day is None for p in one.paragraphs)  # one stamped paragraph makes no live blog


def test_a_correction_dated_with_an_abbreviated_month_is_a_correction_notice() -> None:
    text = "Headline of it\n\nThe story is told here.\n\n*Correction, Jan. 22: An earlier version erred.*\n"
    assert [p.kind for p in parse_article(text, "story.md").paragraphs] == ["body", "correction"]


@pytest.mark.parametrize(
    ("title", "expected"),
    [
        ("Seoul, Tokyo agree to speed up DNA talks : National : News", "Seoul, Tokyo agree to speed up DNA talks"),
        ("Lee lands in Japan | Politics", "Lee lands in Japan"),
        ("Nara summit - what we know", "Nara summit - what we know"),  # the headline's own dash
        ("Lee, Takaichi tour Horyuji: a day of firsts", "Lee, Takaichi tour Horyuji: a day of firsts"),
    ],
)
def test_a_page_titles_section_names_are_not_the_headline(title: str, expected: str) -> None:
    from seeds_loader.html import headline

    assert headline(title) == expected


@pytest.mark.parametrize(
    ("line", "byline"),
    [
        ("By Taro Yamada / Yomiuri Shimbun Staff Writer", "Taro Yamada"),
        ("By TARO YAMADA", "Taro Yamada"),
        ("Story by Jane Doe", "Jane Doe"),
        ("By Lee Hae-rin in Seoul", "Lee Hae-rin"),
    ],
)
def test_byline_forms(line: str, byline: str) -> None:
    text = f"Headline of the story\n\n{line}\n\nThe story is told here in full, with more words than a line.\n"
    assert parse_article(text, "x.txt").byline == byline


@pytest.mark.parametrize(
    ("closing", "byline"),
    [
        (
            "(Reporting by Jane Doe in Seoul; Additional reporting by John Roe; Editing by Tom Poe)",
            "Jane Doe, John Roe",
        ),
        ("Reporter Kim Min-ji minji@dawn.example", "Kim Min-ji"),
    ],
)
def test_a_closing_credit_names_the_reporters(closing: str, byline: str) -> None:
    text = f"Headline of the story\n\nThe story is told here in full, with more words than a line.\n\n{closing}\n"
    a = parse_article(text, "x.txt")
    assert a.byline == byline and len(a.paragraphs) == 1


@pytest.mark.parametrize("line", ["Wednesday 14 January 2026", "Published: 14 Jan 2026", "14 January 2026 09:30 GMT"])
def test_a_date_line_with_the_day_first(line: str) -> None:
    text = f"Headline of the story\n\n{line}\n\nThe story is told here in full, with more words than a line.\n"
    a = parse_article(text, "x.txt")
    assert a.published == date(2026, 1, 14) and len(a.paragraphs) == 1


@pytest.mark.parametrize(
    "line",
    ["▲ President Lee waves as he boards the plane at Kansai on the 14th. [Photo: Yonhap]",
     "President Lee waves as he boards the plane at Kansai on the 14th. (Photo = Newsis)"],
)  # fmt: skip
def test_korean_style_photo_captions(line: str) -> None:
    text = f"Headline of the story\n\n{line}\n\nThe story is told here in full, with more words than a line.\n"
    a = parse_article(text, "x.txt")
    assert [c.text for c in a.captions] == [line] and len(a.paragraphs) == 1


@pytest.mark.parametrize(
    "body",
    ["[11:52] The plane has landed at Kansai.\n\n[12:40] The motorcade left.\n",
     "The plane has landed at Kansai.\n\nThe motorcade left for Nara at noon.\n"],
)  # fmt: skip
def test_front_matter_with_a_headline_keeps_the_first_paragraph(body: str) -> None:
    """With the headline given in front matter, the body's first paragraph is not taken for another one
    (a live entry's "[11:52]" stamp is no "[Editorial]" label either)."""
    a = parse_article(f"---\ntitle: Live from Nara\n---\n{body}", "live.md")
    assert a.title == "Live from Nara" and len(a.paragraphs) == 2


def test_an_embedded_post_is_its_words_then_its_credit(tmp_path: Path) -> None:
    """A social post embedded in a page (a blockquote ending "— Name (@handle) date") is read as its words,
    then its credit line under them, both passages, not one run-on paragraph."""
    page = (
        "<html><head><title>Reactions</title></head><body><article><h1>Reactions</h1>"
        "<p>Politicians in both countries reacted quickly to the agreement reached in Nara on Tuesday.</p>"
        '<blockquote class="twitter-tweet"><p>Proud of today\'s agreement. The families waited too long. #Nara</p>'
        "&mdash; Some Lawmaker (@somelawmaker) <a href='https://x.example/1'>January 13, 2026</a></blockquote>"
        "<p>Opposition lawmakers were more cautious, saying the details of the testing remained unclear.</p>"
        "</article></body></html>"
    )
    path = tmp_path / "reactions.html"
    path.write_text(page)
    texts = [p.text for p in load_article(path).paragraphs]
    assert texts[1] == "Proud of today's agreement. The families waited too long. #Nara"
    assert texts[2] == "— Some Lawmaker (@somelawmaker) January 13, 2026"


def test_a_full_date_in_the_headline_dates_an_article_with_no_other() -> None:
    text = (
        "Joint press conference, Nara Prefectural Office, Jan. 13, 2026 (unofficial translation)\n\n"
        "PRIME MINISTER TAKAICHI: Thank you all for coming. We agreed on DNA analysis.\n\n"
        "PRESIDENT LEE: I thank the Prime Minister for welcoming me.\n"
    )
    assert parse_article(text, "pressconf.txt").published == date(2026, 1, 13)
    dated = "---\ntitle: Statement of Jan. 13, 2026\ndate: 2026-01-20\n---\nThe ministry said it welcomed the talks.\n"
    assert parse_article(dated, "statement.md").published == date(2026, 1, 20)  # a date line wins


def test_a_press_release_and_an_agency_wire() -> None:
    release = (
        "FOR IMMEDIATE RELEASE\n\nInstitute to Lead DNA Analysis of Mine Remains\n\n"
        "SEOUL, South Korea, Jan. 20, 2026 /PRNewswire/ -- The institute said today it will lead the analysis.\n\n"
        '"We are ready to begin as soon as the samples arrive," said Dr. Han Seo-yeon, its director.\n\n'
        "Media contact:\n\nPark Ji-min\npress@institute.example\n\n###\n"
    )
    article = parse_article(release, "release.txt")
    assert article.title == "Institute to Lead DNA Analysis of Mine Remains"
    assert (article.outlet, article.published) == ("PRNewswire", date(2026, 1, 20))
    assert [p.text[:12] for p in article.paragraphs] == ["SEOUL, South", '"We are read']
    wire = (
        "Japan, South Korea agree on DNA tests\n\nBy KENJI WATANABE Associated Press\n\n"
        "NARA, Japan (AP) — Japan and South Korea agreed Tuesday to run DNA tests on the remains.\n\n"
        "___\n\nAssociated Press writer Kim Tong-hyung in Seoul contributed to this report.\n"
    )
    article = parse_article(wire, "wire.txt")
    assert (article.byline, article.outlet) == ("Kenji Watanabe", "AP")
    assert [p.text[:10] for p in article.paragraphs] == ["NARA, Japa"]  # the closing credit is no body text


@pytest.mark.parametrize(
    ("line", "outlet"),
    [
        ("The Korea Bulletin, March 16, 2026", "The Korea Bulletin"),
        ("Seoul, March 16, 2026", None),
        ("*Edited transcript, March 16, 2026*", None),
        ("Published by The Western Ledger on March 16, 2026", "The Western Ledger"),
    ],
)
def test_a_masthead_line_of_a_name_and_the_date(line: str, outlet: str | None) -> None:
    """The date after a place's or an outlet's name and a comma; the outlet when the name is one."""
    text = f"Remains to return\n\n{line}\n\nSEOUL -- The remains of three workers will be flown home.\n"
    a = parse_article(text, "news.txt")
    assert (a.published, a.outlet) == (date(2026, 3, 16), outlet)
    assert [p.text[:5] for p in a.paragraphs] == ["SEOUL"]


def test_a_statements_signature_names_its_author() -> None:
    text = (
        "Statement on the return of the remains\n\nSeoul, March 15, 2026\n\nWe welcome the agreement.\n\n"
        "We ask that the others be recovered without delay.\n\nKim Hae-won\nHead, Bereaved Families' Association\n"
    )
    a = parse_article(text, "statement.txt")
    assert a.byline == "Kim Hae-won"
    assert [p.text[:7] for p in a.paragraphs] == ["We welc", "We ask "]
    # two short lines that are no name and title stay the story's
    plain = parse_article(text.replace("Kim Hae-won\n", "More soon\n"), "statement.txt")
    assert plain.byline is None


def test_a_signature_on_one_line_names_its_author_and_keeps_the_paragraph_before() -> None:
    """ "Yang Hyun-ok, chairman" closing a statement signs it as "Kim Hae-won" / "Head, ..." on two lines does;
    the statement's last paragraph, short as it is, stays its text; a sentence ending the story is no signature."""
    text = (
        "Statement on the hotline\n\nSeoul, March 4, 2026\n\nWe welcome the hotline.\n\n"
        "We also ask both governments to publish the date of the next round.\n\nYang Hyun-ok, chairman\n"
    )
    a = parse_article(text, "statement.txt")
    assert a.byline == "Yang Hyun-ok"
    assert [p.text[:7] for p in a.paragraphs] == ["We welc", "We also"]
    plain = parse_article(text.replace("Yang Hyun-ok, chairman", "More soon, we hope."), "statement.txt")
    assert plain.byline is None and plain.paragraphs[-1].text == "More soon, we hope."


def test_an_interviewer_known_by_name_asks_and_the_answer_carries_the_question() -> None:
    """A named label whose every turn is a question ("HOLLIS: ... Was that a mistake?") is the interviewer:
    their question is context for the answer after it, as a "Q:" would be."""
    text = (
        "Interview: the governor\n\nHOLLIS: Governor, was that a mistake?\n\n"
        "MURAOKA: I would not call it a mistake.\n\nHOLLIS: When will the plaque be unveiled?\n\n"
        "MURAOKA: We hope to unveil it in August.\n"
    )
    paragraphs = parse_article(text, "interview.txt").paragraphs
    assert [p.kind for p in paragraphs] == ["question", "body", "question", "body"]  # never an answer
    assert [(p.speaker_label, p.context) for p in paragraphs[1::2]] == [
        ("MURAOKA", "Governor, was that a mistake?"),
        ("MURAOKA", "When will the plaque be unveiled?"),
    ]
    # a speaker who also says things of their own is no interviewer
    both = parse_article(text.replace("When will the plaque be unveiled?", "I doubt it."), "i.txt").paragraphs
    assert both[1].context is None


def test_an_emphasised_byline_sharing_its_line_with_the_outlet_and_the_date() -> None:
    text = (
        "# Five questions about the recovery\n\n*By Sora Lindqvist · Harbourlight · March 8, 2026*\n\n"
        "**Q: Who pays for the dives?**\n\nThe citizens' group paid with donations until this year.\n"
    )
    a = parse_article(text, "explainer.md")
    assert (a.byline, a.outlet, a.published) == ("Sora Lindqvist", "Harbourlight", date(2026, 3, 8))


def test_short_list_items_are_items_and_a_table_after_a_list_has_no_caption_from_its_lead() -> None:
    text = (
        "# Explainer\n\nThe families have waited eighty years for these results.\n\nIdentified so far:\n\n"
        "- two men from Gyeongsang province\n\n- one man from Jeolla province\n\n"
        "| Year | Bones recovered |\n\n| --- | --- |\n\n| 2024 | 3 |\n"
    )
    paragraphs = parse_article(text, "explainer.md").paragraphs
    items = [p for p in paragraphs if p.text.startswith("- ")]
    assert [(p.kind, p.context) for p in items] == [("body", "Identified so far:")] * 2
    row = next(p for p in paragraphs if p.text.startswith("| 2024"))
    assert row.context == "Year: 2024; Bones recovered: 3"


@pytest.mark.parametrize(
    ("head", "footer", "outlet"),
    [
        ("<title>Ube divers mark end of season - Coastal Post</title>", "", "Coastal Post"),
        ("<title>Ube divers mark end of season</title>", "<div id='footer'>© 2026 Coastal Post.</div>", "Coastal Post"),
        ("<title>Ube divers mark end of season : National : News</title>", "", None),
        ("<title>Opinion | The sea does not give back easily - Harbor Journal</title>", "", "Harbor Journal"),
        # a one-word site name is a section's too, unless the footer's owner opens with it; a legal form and
        # the "All rights reserved" after it are no part of the name
        ("<title>Ube divers mark end of season | Harbourline</title>", "", None),
        (
            "<title>Ube divers mark end of season | Harbourline</title>",
            "<div class='foot'>&copy; 2026 Harbourline Media Ltd. All rights reserved.</div>",
            "Harbourline",
        ),
        (
            "<title>Ube divers</title>",
            "<div class='foot'>&copy; 2026 Harbourline Media Ltd. All rights.</div>",
            "Harbourline Media",
        ),
        ("<title>Ube city to build Chosei visitor centre - Yamaguchi Shimpo</title>", "", "Yamaguchi Shimpo"),
        # a footer's notice without its year
        (
            "<title>Ube divers | Busan Ilbo English</title>",
            "<footer>Copyright © Busan Ilbo. All rights reserved.</footer>",
            "Busan Ilbo",
        ),
    ],
)
def test_an_html_pages_outlet_from_its_title_or_its_footer(tmp_path: Path, head: str, footer: str, outlet) -> None:
    body = "<p>The citizens' group ended its diving season on Thursday with a short ceremony on the shore.</p>" * 3
    path = tmp_path / "page.html"
    path.write_text(
        f"<html><head>{head}</head><body><article><h1>Ube divers</h1>{body}</article>{footer}</body></html>"
    )
    assert load_article(path).outlet == outlet


@pytest.mark.parametrize(
    ("line", "byline", "outlet", "published"),
    [
        ("By Jane Doe and John Roe, The Harbour Post", "Jane Doe, John Roe", "The Harbour Post", None),
        ("BY JANE DOE AND JOHN ROE", "Jane Doe, John Roe", None, None),
        ("Jane Doe | Staff Reporter", "Jane Doe", None, None),
        ("Jane Doe / The Harbour Post", "Jane Doe", "The Harbour Post", None),
        ("Jane Doe, The Harbour Post", "Jane Doe", "The Harbour Post", None),
        ("Seoul, South Korea", None, None, None),
        ("Wed 14 Jan 2026 09.30 GMT", None, None, date(2026, 1, 14)),
        ("January 14, 2026 at 9:30 AM EST", None, None, date(2026, 1, 14)),
        ("14.01.2026", None, None, date(2026, 1, 14)),
        # parts set apart by a spaced dash, or emphasised on their own
        (
            "*Tokyo, February 3, 2026 — Ministry of Foreign Affairs, provisional translation*",
            None,
            None,
            date(2026, 2, 3),
        ),
        ("**Coastal Daily live team** | Thursday, February 5, 2026", None, "Coastal Daily", date(2026, 2, 5)),
    ],
)
def test_masthead_lines_as_newsrooms_print_them(line: str, byline, outlet, published) -> None:  # type: ignore[no-untyped-def]
    """Credit lines with or without "By" (the name, then the outlet or a newsroom role), bylines in capitals,
    and date lines with an abbreviated weekday, a time after "at" or with a full stop, or the day first."""
    text = f"Leaders agree on remains\n\n{line}\n\nSEOUL -- The two leaders agreed on Tuesday to test the remains.\n"
    a = parse_article(text, "x.txt")
    assert (a.byline, a.outlet, a.published) == (byline, outlet, published)
    assert [p.text[:5] for p in a.paragraphs] == ["SEOUL"]


def test_an_html_lists_items_are_items_with_their_lead_and_a_tables_caption_is_read_with_its_rows(
    tmp_path: Path,
) -> None:
    """Every <li> is an item read with the sentence leading into the list, short ones too (they were taken for
    headings and dropped); a <caption> names what the rows are, as a Markdown "Table: ..." line does."""
    page = (
        "<html><head><title>Explainer</title></head><body><article><h1>How the remains are identified</h1>"
        "<p>Three sets of remains from the mine have now been matched to living relatives in Korea.</p>"
        "<table><caption>Matches announced so far</caption><tr><th>Date</th><th>Matches</th></tr>"
        "<tr><td>March 3</td><td>2</td></tr></table>"
        "<p>Relatives who want to give a sample can:</p><ul><li>apply through the association;</li>"
        "<li>visit any public health centre;</li><li>ask the consulate in Fukuoka if they live in Japan.</li></ul>"
        "</article></body></html>"
    )
    path = tmp_path / "explainer.html"
    path.write_text(page)
    paragraphs = load_article(path).paragraphs
    row = next(p for p in paragraphs if p.text.startswith("| March 3"))
    assert row.context == "Matches announced so far: Date: March 3; Matches: 2"
    items = [p for p in paragraphs if p.text.startswith("- ")]
    assert [p.text for p in items] == [
        "- apply through the association;",
        "- visit any public health centre;",
        "- ask the consulate in Fukuoka if they live in Japan.",
    ]
    assert {p.context for p in items} == {"Relatives who want to give a sample can:"}
    md = "# Explainer\n\nTable: Matches announced so far\n\n| Date | Matches |\n\n| --- | --- |\n\n| March 3 | 2 |\n"
    (only,) = parse_article(md, "explainer.md").paragraphs
    assert only.context == "Matches announced so far: Date: March 3; Matches: 2"


@pytest.mark.parametrize("label", ["Correction", "CORRECTED, March 7", "Clarification", "Editor's note"])
def test_a_correction_notice_under_any_of_its_labels(label: str) -> None:
    text = f"Head\n\nThe story is told here.\n\n{label}: An earlier version of this story misstated the ministry.\n"
    assert [p.kind for p in parse_article(text, "b.txt").paragraphs] == ["body", "correction"]


def test_a_live_entrys_stamp_printed_as_a_heading_opens_the_entry() -> None:
    """ "### 11:30 a.m." over a Markdown live entry opens it as a text blog's stamp does (the timeline reads
    it there); a heading of words stays a heading."""
    text = (
        "---\ntitle: Live\ndate: 2026-03-20\n---\n\n### 11:30 a.m.\n\nThe minister has arrived.\n\n"
        "### 14:15\n\nAbout 300 people have gathered.\n\n## What happens next\n\nThe ashes will be flown home.\n"
    )
    texts = [p.text for p in parse_article(text, "live.md").paragraphs]
    assert texts == [
        "11:30 a.m. — The minister has arrived.",
        "14:15 — About 300 people have gathered.",
        "The ashes will be flown home.",
    ]


def test_a_question_on_a_line_of_its_own_is_what_the_paragraphs_after_it_answer() -> None:
    """ "1. When will the remains arrive?" stays a paragraph (as printed, numbered) and is the context of the
    answer under it, as a question heading is; a question inside a paragraph of prose is neither."""
    text = (
        "Your questions answered\n\nThe Evening Ledger, March 17, 2026\n\n1. When will the remains arrive?\n\n"
        "On March 28, on a chartered flight.\n\n2. Who will receive them?\n\nRelatives, at the airport.\n\n"
        "Why now? The families asked for it, and the tests are done.\n\nThe ministry agreed.\n"
    )
    paragraphs = parse_article(text, "qa.txt").paragraphs
    assert [(p.number, p.context) for p in paragraphs] == [
        (1, None),
        (2, "When will the remains arrive?"),
        (3, None),
        (4, "Who will receive them?"),
        (5, "Who will receive them?"),
        (6, "Who will receive them?"),
    ]


def test_a_heading_ending_in_a_colon_leads_the_list_under_it() -> None:
    text = "# Dates set\n\n**Key points:**\n\n- Three sets of remains will be flown home.\n\n- A minister will lead.\n"
    assert {p.context for p in parse_article(text, "k.md").paragraphs} == {"Key points:"}


def test_a_wires_slug_keyword_line_and_note_to_editors_are_not_the_story() -> None:
    text = (
        "BC-AS--Japan-South Korea-Mine,2nd Ld-Writethru\n\nEds: UPDATES with details of ceremony.\n\n"
        "JAPAN-SOUTH KOREA-MINE\n\nMine victims return home\n\nBy HANA YOSHIDA\nAssociated Press\n\n"
        "INCHEON, South Korea (AP) -- The remains of three Korean men arrived on Saturday.\n\n"
        "Relatives waited at the airport.\n"
    )
    a = parse_article(text, "ap.txt")
    assert (a.title, a.outlet, a.byline) == ("Mine victims return home", "Associated Press", "Hana Yoshida")
    assert [p.text[:7] for p in a.paragraphs] == ["INCHEON", "Relativ"]
    # a headline in capitals with one hyphen is still a headline
    assert parse_article("SEOUL-TOKYO TALKS\n\nThe leaders met in Nara.\n", "x.txt").title == "SEOUL-TOKYO TALKS"


def test_live_stamps_in_their_common_forms_are_on_the_timeline(tmp_path) -> None:  # type: ignore[no-untyped-def]
    """ "UPDATE 4:10 p.m. KST —", "3:45 PM KST:", "[2:58 p.m.]", "14:05 KST —", newest first, no day heading:
    each entry at its time on the blog's date; a sentence opening with a time is no entry."""
    from index.encode.embedder import HashEmbedder
    from index.facts.timeline import timeline
    from index.store.versions import build_index

    text = (
        "Live updates: remains arrive\n\nHarbor Star live desk | Saturday, March 28, 2026\n\n"
        "UPDATE 4:10 p.m. KST — The ceremony has ended.\n\n3:45 PM KST: Relatives laid flowers.\n\n"
        "[2:58 p.m.] The plane has landed.\n\n14:05 KST — The plane is 40 minutes out.\n\n"
        "10:42 was when the plane left, officials said.\n"
    )
    index = build_index([parse_article(text, "live.txt")], HashEmbedder(16), tmp_path / "index")
    assert sorted(e.label for e in timeline(index) if e.time) == [
        "2026-03-28 14:05",
        "2026-03-28 14:58",
        "2026-03-28 15:45",
        "2026-03-28 16:10",
    ]


@pytest.mark.parametrize(
    ("closing", "kept"),
    [
        ("Reuters contributed to this report.", False),
        ("The Associated Press contributed to this story.", False),
        ("The ministry contributed to the fund.", True),
    ],
)
def test_an_agencys_closing_credit_is_no_text_of_the_story(closing: str, kept: bool) -> None:
    a = parse_article(f"Head\n\nThe story is told here in full.\n\n{closing}\n", "x.txt")
    assert (closing in [p.text for p in a.paragraphs]) is kept


def test_a_wire_dateline_from_two_cities_with_a_plain_hyphen() -> None:
    text = (
        "Japan, South Korea set up joint panel\n\nBy Aiko Mori and Park Min-jun\n\n"
        "TOKYO/SEOUL, Feb 9 (Reuters) - Japan and South Korea will set up a joint panel of experts.\n"
    )
    a = parse_article(text, "wire.txt")
    assert (a.outlet, a.published_partial) == ("Reuters", "--02-09")


def test_a_standfirst_between_headline_and_byline_keeps_the_masthead_going() -> None:
    """An emphasised standfirst under the headline is the article's text; the byline line under it, with
    the outlet and the date, is still read as the masthead."""
    text = (
        "# An interview with historian Mariko Sato\n\n"
        "*Mariko Sato, a historian at Yamaguchi University, has studied the Chosei mine for twenty years.*\n\n"
        "By Liam Ng | The Weekly Strait | February 8, 2026\n\n"
        "The mine was a secret kept in plain sight, she says, and the divers changed that.\n"
    )
    a = parse_article(text, "interview.md")
    assert (a.byline, a.outlet, a.published) == ("Liam Ng", "The Weekly Strait", date(2026, 2, 8))
    assert a.paragraphs[0].text.startswith("Mariko Sato, a historian")
    assert not any("Liam Ng" in p.text for p in a.paragraphs)


@pytest.mark.parametrize(
    "note",
    [
        "Editor's note: This is a developing story and will be updated.",
        "*This is a breaking news story. Check back for updates.*",
        "This story has been updated with comment from the ministry.",
    ],
)
def test_a_line_saying_the_story_is_still_being_written_is_furniture(note: str) -> None:
    a = parse_article(f"First remains identified\n\nThe ministry named no one.\n\n{note}\n", "brief.txt")
    assert [p.text for p in a.paragraphs] == ["The ministry named no one."]
    notice = "Editor's note: An earlier version of this story misstated the year of the flood."
    a = parse_article(f"First remains identified\n\nThe ministry named no one.\n\n{notice}\n", "brief.txt")
    assert a.paragraphs[-1].kind == "correction"  # a note that corrects is a notice


def test_a_story_written_straight_into_its_article_body_element(tmp_path: Path) -> None:
    """A page whose story is loose text in its ``itemprop="articleBody"`` element, paragraphs split by
    ``<br><br>``: each run is a paragraph, and a pull quote repeating the body is dropped."""
    page = tmp_path / "divers.html"
    page.write_text(
        "<html><head><title>Divers return | Harbourline</title></head><body><div class='story'>"
        "<h1>Divers return</h1><div itemprop='articleBody'>"
        "UBE, Japan — A team of volunteer divers went back into the flooded mine on Friday.<br><br>"
        "The divers reached a depth of 42 metres before turning back because of poor visibility.<br><br>"
        '"We will go again in March when the water is clearer," Isa said after the dive.<br><br>'
        "<blockquote class='pull'>\"We will go again in March when the water is clearer.\"</blockquote>"
        "The dives are paid for by donations to the citizens' group that has campaigned since 1991."
        "</div></div></body></html>"
    )
    texts = [p.text for p in load_article(page).paragraphs]
    assert len(texts) == 4 and texts[1].startswith("The divers reached") and texts[3].startswith("The dives")


def test_an_emphasised_question_on_its_own_line_is_what_the_paragraph_under_it_answers() -> None:
    text = (
        "Interview\n\nBy Liam Ng\n\nShe spoke to us after the summit, in a long conversation about the mine.\n\n"
        "*Why did it take so long for the Chosei mine to get national attention?*\n\n"
        "Because it suited everyone to forget.\n"
    )
    answer = parse_article(text, "x.md").paragraphs[-1]
    assert answer.context == "Why did it take so long for the Chosei mine to get national attention?"


def test_an_faq_pages_definition_list_is_questions_and_their_answers(tmp_path: Path) -> None:
    page = tmp_path / "faq.html"
    page.write_text(
        "<html><head><title>Your questions answered - Bayside Herald</title></head><body><main>"
        "<h1>Your questions answered</h1><p>Three miners have now been identified; here is what we know.</p>"
        "<dl><dt>Who is doing the DNA tests?</dt><dd>Korea's National Forensic Service and a Japanese institute "
        "each test every sample.</dd><dt>How long does each test take?</dt><dd>About six weeks from the time a "
        "sample reaches the laboratory.</dd></dl></main></body></html>"
    )
    answers = [p for p in load_article(page).paragraphs if p.context]
    assert [(p.context, p.text[:9]) for p in answers] == [
        ("Who is doing the DNA tests?", "Korea's N"),
        ("How long does each test take?", "About six"),
    ]


def test_a_live_blog_whose_entries_are_articles_of_their_own(tmp_path: Path) -> None:
    """Each entry an ``<article>`` with its heading and ``<time>``: the story is all of them, each entry with
    its stamp (the largest entry alone is not the page)."""
    posts = "".join(
        f"<article class='post'><h3>{head}</h3><time>{stamp}</time><p>{text}</p></article>"
        for head, stamp, text in [
            ("Ceremony ends", "4:05 p.m.", "The ceremony at Incheon has ended and the minister laid a wreath."),
            ("Plane lands", "2:32 p.m.", "The chartered plane carrying the remains has landed at Incheon."),
            ("Departure", "11:50 a.m.", "The plane left Yamaguchi Ube Airport with three coffins on board."),
        ]
    )
    page = tmp_path / "live.html"
    page.write_text(f"<html><head><title>Live: remains flown home</title></head><body><div>{posts}</div></body></html>")
    assert [p.text[:10] for p in load_article(page).paragraphs] == ["4:05 p.m. ", "2:32 p.m. ", "11:50 a.m."]


def test_a_transcripts_time_codes_before_its_labels() -> None:
    text = (
        "Doorstep remarks\n\nFebruary 13, 2026\n\n[00:00:05] TAKAICHI: Good evening. A third person has been "
        "identified.\n\n[00:00:40] REPORTER: Will you attend the ceremony?\n\n[00:00:44] TAKAICHI: I would like to.\n"
    )
    paragraphs = parse_article(text, "doorstep.txt").paragraphs
    assert [(p.speaker_label, p.kind, p.text[:8]) for p in paragraphs] == [
        ("TAKAICHI", "body", "Good eve"),
        ("REPORTER", "question", "Will you"),
        ("TAKAICHI", "body", "I would "),
    ]


def test_a_byline_emphasised_in_part_shares_its_line_with_outlet_and_date() -> None:
    text = (
        "# Two daughters, one wait\n\n**By Min-seo Han** · The Harbour Weekly · February 15, 2026\n\n"
        "UBE, Japan — Two women have spent the same eighty years waiting.\n"
    )
    a = parse_article(text, "feature.md")
    assert (a.byline, a.outlet, a.published) == ("Min-seo Han", "The Harbour Weekly", date(2026, 2, 15))


def test_a_lead_picture_before_the_story_keeps_its_caption(tmp_path: Path) -> None:
    page = tmp_path / "miners.html"
    page.write_text(
        "<html><head><title>The miners Japan forgot are coming home</title></head><body><div class='body'>"
        "<figure><img src='ube.jpg' alt='The shafts'><figcaption>The two ventilation shafts off Ube. Photograph: "
        "Kenji Mori/Reuters</figcaption></figure><p>For eighty-four years the sea at Ube kept the Chosei miners, "
        "and this spring some of them will go home.</p><p>Three of the 136 Korean workers who died have been "
        "identified by DNA, and their remains are due to be flown to Korea in April.</p></div></body></html>"
    )
    a = load_article(page)
    assert [c.text[:14] for c in a.captions] == ["The two ventil"]
    assert a.paragraphs[0].text.startswith("For eighty-four years")


@pytest.mark.parametrize(
    ("line", "outlet", "partial"),
    [("TOKYO, March 10 Kyodo - Prime Minister Sanae Takaichi is weighing a visit.", "Kyodo", "--03-10")],
)
def test_a_wire_dateline_with_its_agency_bare_after_the_day(line: str, outlet: str, partial: str) -> None:
    a = parse_article(f"Takaichi eyes Seoul trip\n\n{line}\n\nThe sources said so on Tuesday.\n", "wire.txt")
    assert (a.outlet, a.published_partial) == (outlet, partial)


def test_a_bare_q_over_a_reporters_question_and_an_interviewers_closing_credit() -> None:
    text = (
        "Press Conference by the Chief Cabinet Secretary\n\nDate: February 24, 2026\n\n"
        "MR. KIHARA: Good afternoon. The government will set aside 300 million yen.\n\nQ\n\n"
        "When will the next dives take place?\n\nMR. KIHARA: That is for the divers to decide.\n\n"
        "--Interviewed by Sara Lind\n"
    )
    a = parse_article(text, "presser.txt")
    assert [(p.speaker_label, p.kind) for p in a.paragraphs] == [
        ("MR. KIHARA", "body"),
        ("Q", "question"),
        ("MR. KIHARA", "body"),
    ]
    assert a.paragraphs[-1].context == "When will the next dives take place?"
    assert a.byline == "Sara Lind"


def test_an_interviews_bold_dotted_labels() -> None:
    """ "**Q. Why so long?**" (bold, so read as a heading) over "**A.** The bone had been ...": the answer is
    the interviewee's under its "A", with the question as its context."""
    text = (
        "# Five questions for the forensic scientist\n\n"
        "*Dr. Han Seung-woo leads the DNA team at the National Forensic Service.*\n\n"
        "By Mina Cho | Forensic Weekly | April 3, 2026\n\n"
        "**Q. Why so long?**\n\n**A.** The bone had been under seawater for eighty years.\n\n"
        "**Q. Will it get faster?**\n\n**A.** Yes. I expect four to six weeks per sample.\n"
    )
    answers = [p for p in parse_article(text, "qa.md").paragraphs if p.speaker_label]
    assert [(p.speaker_label, p.context, p.text[:4]) for p in answers] == [
        ("A", "Why so long?", "The "),
        ("A", "Will it get faster?", "Yes."),
    ]


def test_an_originally_published_line_and_a_staff_credit() -> None:
    text = (
        "UPDATED: Fourth and fifth miners identified\n\n"
        "Originally published April 17, 2026, 11:00 a.m. Updated 3:15 p.m.\n\nHarbourline staff\n\n"
        "Two more Korean miners have been identified, the joint forensic panel said on Friday.\n"
    )
    a = parse_article(text, "update.txt")
    assert (a.published, a.outlet) == (date(2026, 4, 17), "Harbourline")
    assert [p.text[:7] for p in a.paragraphs] == ["Two mor"]


def test_front_matter_as_a_cms_exports_it(tmp_path: Path) -> None:
    """A timestamp for the date (quoted or not) and a list of authors, in a file with a byte-order mark and
    Windows line ends: read, not refused."""
    for stamp in ('"2026-06-05T10:00:00+09:00"', "2026-06-05T10:00:00+09:00"):
        path = tmp_path / "divers.md"
        path.write_bytes(
            (
                f"\ufeff---\r\ntitle: Divers end season early\r\nauthor: [Mina Cho, Daniel Okafor]\r\ndate: {stamp}"
                "\r\n---\r\nThe Chosei divers ended their season two weeks early on Thursday.\r\n"
            ).encode()
        )
        a = load_article(path)
        assert (a.published, a.byline) == (date(2026, 6, 5), "Mina Cho, Daniel Okafor")


def test_hard_wrapped_copy_of_short_paragraphs_is_unwrapped() -> None:
    """A wire wrapped at 80 columns whose paragraphs are two lines each has as many lines ending a paragraph as
    running on; the lines that run on break sentences ("... Kihara Minoru said" / "on Friday ..."), so it is
    wrapped copy. A table's rows and a list's items run on by their syntax and say nothing of it."""
    text = (
        "TOKYO, Feb. 20 (Naniwa Press) — Japan's Chief Cabinet Secretary Kihara Minoru said\n"
        'on Friday that the government would "study carefully" a request from Seoul.\n\n'
        "The bell, cast in 1469, was taken to Japan in the late sixteenth century,\n"
        "according to the temple.\n\n"
        '"We understand the feelings of the Korean people," Kihara told a regular news\n'
        'conference. "At the same time, the bell is the property of the temple."\n\n'
        "The request was made in January.\n"
    )
    paragraphs = [p.text for p in parse_article(text, "wire.txt").paragraphs]
    assert (
        paragraphs[1]
        == "The bell, cast in 1469, was taken to Japan in the late sixteenth century, according to the temple."
    )
    table = (
        "# Timeline\n\n| Year | Event |\n|---|---|\n| 2013 | Memorial built |\n| 2024 | Entrance found |\n\n"
        "Then:\n\n- one;\n- two.\n"
    )
    assert len(parse_article(table, "timeline.md").paragraphs) >= 4


def test_a_statement_dated_where_it_ends_carries_that_date() -> None:
    """ "Seoul, January 16, 2026" above the signature dates a statement that prints no date at its head; a
    story with a date of its own keeps it, and a last line that is no date line dates nothing."""
    text = (
        "Statement on the hotline\n\nWe welcome the hotline.\n\nWe ask both governments to publish the date.\n\n"
        "Seoul, January 16, 2026\n\nYang Hyun-ok, chairman\n"
    )
    a = parse_article(text, "statement.txt")
    assert a.published == date(2026, 1, 16) and a.byline == "Yang Hyun-ok"
    assert [p.text[:7] for p in a.paragraphs] == ["We welc", "We ask "]
    dated = parse_article(text.replace("hotline\n\nWe", "hotline\n\nMarch 2, 2026\n\nWe", 1), "statement.txt")
    assert dated.published == date(2026, 3, 2)
    plain = parse_article(text.replace("Seoul, January 16, 2026", "Seoul waits, as ever."), "statement.txt")
    assert plain.published is None


def test_a_press_release_names_its_issuer_and_keeps_its_headline() -> None:
    """ "FOR IMMEDIATE RELEASE" / "Ministry of Oceans and Fisheries" / "Sejong, January 19, 2026" / headline: the
    ministry issues it (its outlet), the headline is its title; a transcript's title above its date line and
    first speaker's label stays its title."""
    text = (
        "FOR IMMEDIATE RELEASE\n\nMinistry of Oceans and Fisheries\nSejong, January 19, 2026\n\n"
        "Korea and Japan agree on joint search of Chosei mine site\n\n"
        "The ministry announced today that Korea and Japan will carry out a joint underwater survey in April.\n"
    )
    a = parse_article(text, "release.txt")
    assert (a.title, a.outlet, a.published) == (
        "Korea and Japan agree on joint search of Chosei mine site",
        "Ministry of Oceans and Fisheries",
        date(2026, 1, 19),
    )
    transcript = (
        "Presidential Office briefing on the summit\n\nSeoul, January 15, 2026\n\nSPOKESPERSON HAN MI-RAE:\n\n"
        "Good afternoon. The president returned from Nara late last night and will brief the cabinet.\n"
    )
    t = parse_article(transcript, "briefing.txt")
    assert (t.title, t.outlet) == ("Presidential Office briefing on the summit", None)


def test_a_page_that_is_mostly_its_table_keeps_the_table() -> None:
    """A timeline page whose story is one lead-in and a table: the rows are its text (read with their header and
    caption), not dropped for a page too short to be a story."""
    rows = "".join(
        f"<tr><td>{d}</td><td>{p}</td><td>{r}</td></tr>"
        for d, p, r in [
            ("June 2025", "Kananaskis, Canada (G7)", "First meeting after Lee took office"),
            ("August 2025", "Tokyo", "Joint press statement, first in 17 years"),
            ("October 2025", "Gyeongju (APEC)", "First meeting with Takaichi"),
        ]
    )
    html = (
        "<html><head><title>Timeline: shuttle diplomacy | Pacific Ledger</title></head><body><main>"
        "<h1>Timeline: shuttle diplomacy</h1><p>The Nara summit was the latest in a series of visits between the "
        "two leaders. The main meetings:</p><table><caption>Leaders' meetings</caption>"
        f"<tr><th>Date</th><th>Place</th><th>Main result</th></tr>{rows}</table></main></body></html>"
    )
    from seeds_loader.html import html_to_markdown

    a = parse_article(html_to_markdown(html, "timeline.html"), "timeline.html")
    assert [p.text.split(" | ")[1] for p in a.paragraphs if p.text.startswith("|")] == [
        "Kananaskis, Canada (G7)",
        "Tokyo",
        "Gyeongju (APEC)",
    ]
    assert "Place: Gyeongju (APEC)" in (a.paragraphs[-1].context or "")


def test_a_letter_signed_after_a_dash_and_a_stamp_on_its_own_line() -> None:
    """ "— Jung Hye-won, Daegu" closing a letter signs it (its writer's "I"), no paragraph of its own; a live
    entry's stamp printed on a line of its own ("Updated 10:20 p.m.") opens the entry under it."""
    letter = "Letters: The drums\n\nI watched the drums with my students.\n\nThey laughed.\n\n— Jung Hye-won, Daegu\n"
    a = parse_article(letter, "letter.txt")
    assert a.byline == "Jung Hye-won" and [p.text for p in a.paragraphs] == [
        "I watched the drums with my students.",
        "They laughed.",
    ]
    live = (
        "Live: concert in Osaka\n\nDoors have opened for the first joint concert.\n\n"
        "Posted 7:10 p.m.\nThe show opened with the two national anthems.\n\n"
        "Updated 10:20 p.m.\nOrganizers now say 45,000 fans attended.\n"
    )
    b = parse_article(live, "live.txt")
    assert [(p.kind, p.text[:22]) for p in b.paragraphs] == [
        ("body", "Doors have opened for "),
        ("body", "Posted 7:10 p.m. — The"),
        ("update", "Updated 10:20 p.m. — O"),
    ]
