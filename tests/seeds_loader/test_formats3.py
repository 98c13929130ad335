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
