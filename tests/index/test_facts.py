from __future__ import annotations

from datetime import date

import pytest

from index.engine import Engine
from index.facts.quick import profiles, quotes_of, sources
from index.facts.timeline import timeline


def test_quotes_of_ambiguous_surname_gives_one_group_per_person(hash_index) -> None:
    groups = quotes_of(hash_index, "Lee")
    assert [g.name for g in groups] == ["Lee Jae Myung", "Lee Chang-min"]
    president = [q.text for a in groups[0].articles for q in a.quotes]
    analyst = [q.text for a in groups[1].articles for q in a.quotes]
    assert any("quarrel between adults" in t for t in president)
    assert not any("quarrel between adults" in t for t in analyst)
    for group in groups:
        for article in group.articles:
            for q in article.quotes:
                meta = hash_index.articles[q.citation.article_id]
                assert meta.file == article.file and q.citation.start < q.citation.end


def test_who_gives_roles_variants_mentions_and_quotes(hash_index) -> None:
    (wi,) = profiles(hash_index, "Wi Sung-lack")
    assert wi.name == "Wi Sung-lac"
    assert set(wi.variants) == {"Wi Sung-lac", "Wi Sung-lack"}
    assert any("security adviser" in r.lower() for r in wi.roles)
    assert len(wi.articles) == 3 and wi.mentions >= 3
    assert wi.top_quotes and all(q.quoted for q in wi.top_quotes)  # direct quotes come first


def test_who_by_role(hash_index) -> None:
    assert [p.name for p in profiles(hash_index, "the Japanese foreign minister")] == ["Toshimitsu Motegi"]


def test_nobody_is_an_empty_answer(hash_index) -> None:
    assert quotes_of(hash_index, "Kim Jong Un") == [] and profiles(hash_index, "the ambassador") == []


def test_timeline_is_in_order_and_marks_inferred_dates(hash_index) -> None:
    events = timeline(hash_index)
    dated = [e for e in events if e.when is not None]
    assert [e.when for e in dated] == sorted(e.when for e in dated)  # type: ignore[type-var]
    assert all(e.when is None for e in events[len(dated) :])  # undated last
    by_expression = {(e.expression, e.citation.file[:3]): e for e in events}
    flood = by_expression[("Feb. 3, 1942", "000")]
    assert (flood.when, flood.precision, flood.inferred) == (date(1942, 2, 3), "day", False)
    # The editorial is dated 2026-01-12: "the 13th" and "June last year" resolve against it.
    assert by_expression[("the 13th", "003")].when == date(2026, 1, 13) and by_expression[("the 13th", "003")].inferred
    assert by_expression[("June last year", "003")].label == "2025-06 (inferred)"
    # Yonhap gives no date: its "Wednesday" stays undated rather than guessed.
    assert by_expression[("Wednesday", "002")].when is None


@pytest.mark.parametrize(
    ("sentence", "when", "inferred"),
    [
        ("The talks were held on 14 January 2026 in Nara.", date(2026, 1, 14), False),
        ("The first meeting is set for 28 Jan. in Tokyo.", date(2026, 1, 28), True),
        ("They met on Jan. 14.", date(2026, 1, 14), True),
    ],
)
def test_dates_with_the_day_first_or_the_month_first(sentence: str, when: date, inferred: bool) -> None:
    from index.text.dates import resolve_dates

    found = resolve_dates(sentence, date(2026, 1, 16))
    assert [(m.when, m.precision, m.inferred) for m in found] == [(when, "day", inferred)]


def test_sources_list_metadata_and_the_ai_restriction(hash_index) -> None:
    found = {s.file[:3]: s for s in sources(hash_index)}
    assert len(found) == 5
    assert found["000"].outlet == "The Hankyoreh" and found["000"].byline == "Shin Hyeong-cheol, Jang Ye-ji"
    assert found["002"].outlet == "Yonhap News Agency" and found["002"].ai_use_restricted
    assert found["003"].published == date(2026, 1, 12)
    assert sum(s.passages for s in found.values()) == len(hash_index.passages)


@pytest.mark.slow
def test_disagreeing_meeting_counts_are_shown_side_by_side(real_engine: Engine) -> None:
    answer = real_engine.ask("How many times have Lee and Takaichi met?")
    assert answer.disagreements, "three articles give three different counts"
    claims = {c.file[:3]: c for c in answer.disagreements[0].claims}
    assert claims["001"].phrase == "third high-level engagement" and claims["001"].value == "3"
    assert claims["002"].value == "2" and claims["003"].value == "5"


@pytest.mark.slow
def test_agreeing_sources_are_not_a_disagreement(real_engine: Engine) -> None:
    answer = real_engine.ask("What did Wi Sung-lac say the leaders would discuss?")
    assert answer.answered and answer.disagreements == ()


def test_who_lists_the_articles_a_person_speaks_in_though_only_a_label_names_them(tmp_path) -> None:
    """A transcript whose labels alone name its speaker ("MR. KIHARA:") is one of the articles `who` lists
    for him, beside those that name him in their text."""
    from index.encode.embedder import HashEmbedder
    from index.store.versions import build_index
    from seeds_loader import parse_article

    presser = parse_article(
        "Press conference\n\nFebruary 24, 2026\n\nMR. KIHARA: We are looking into which records exist.\n\n"
        "Q: When will the next dives take place?\n\nMR. KIHARA: That is for the divers to decide.\n",
        "presser.txt",
    )
    story = parse_article(
        "Panel set up\n\nChief Cabinet Secretary Minoru Kihara said the panel would meet in Seoul.\n", "story.txt"
    )
    index = build_index([presser, story], HashEmbedder(16), tmp_path / "index")
    (kihara,) = profiles(index, "Kihara")
    assert set(kihara.articles) == {"presser.txt", "story.txt"}
