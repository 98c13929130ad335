# ruff: noqa: E501 - article text is one paragraph per line, as articles are
"""General rules on articles written for these tests (not the dev sets), with the real model:
an update's figure supersedes the one it revises, a short lead comes with the quote that says what it
announces, and a reporter's question is found by who asked it."""

from __future__ import annotations

from pathlib import Path

import pytest

from index.engine import Engine
from index.store.handle import IndexHandle
from index.store.versions import build_index
from seeds_loader import load_article

BRIEF = """---
title: Flood warning issued for the Kamo river
outlet: Valley Courier
published: 2026-03-02
---
KYOTO — The city issued a flood warning for the Kamo river on Monday after two days of heavy rain.

City officials said about 300 households had been told to leave homes near the riverbank by the evening.

Schools in the Sakyo ward closed early and buses were rerouted away from the embankment roads.

UPDATE, 6:10 p.m.: City officials raised the number of households told to leave homes near the river to some 1,900 as the water kept rising.
"""

PROFILE = """---
title: In Ube, a wait measured in decades
outlet: Valley Courier
published: 2026-03-05
---
The sea off Ube is calm most mornings, and the old mine shafts still stand in the water.

Inoue Yoko, 76, has campaigned for the miners' families since 1991. Her group raised the money for the divers.

*Correction, Mar. 6: An earlier version of this article gave the wrong year for the start of Inoue's campaign.*
"""

REACTIONS = """---
title: Harbour plan divides the council
outlet: Valley Courier
published: 2026-03-03
---
The mayor's plan to rebuild the old harbour passed its first vote on Tuesday with a comfortable majority.

The fishermen's union was unimpressed. Kenji Arai, the union's chairman, said, "Nobody asked the people who actually work on the water, and the plan shows it."

Construction is due to start in the autumn if the second vote passes.

For Yuki Tanabe, the vote changes little. A marine engineer at Kansai Coastal Institute who has surveyed the harbour floor since 2015, she expects the dredging to take twice as long as planned. "The plan assumes soft mud, and there is rock under most of it," Tanabe said.
"""

BRIEFING = """---
title: Transcript of the mayor's briefing
outlet: Valley Courier
published: 2026-03-04
---
MAYOR HARUKA SATO:
The harbour plan will be put to a second vote next month.

Reporter (Lakeside Herald):
On the harbour: how much will the rebuilding cost the city, and who pays for the dredging?

MAYOR HARUKA SATO:
The city pays for the quays and the prefecture for the dredging. The whole project is budgeted at 4.2 billion yen.

Reporter (Morning Ledger):
Will the fish market stay open during construction?

MAYOR HARUKA SATO:
It will stay open; we are moving it to the north pier for two years.
"""

COLUMN = """---
title: What the harbour taught me
outlet: Valley Courier
published: 2026-03-05
byline: Mina Cho
kind: opinion
---
By Mina Cho

I worked at the harbour master's office from 2001 to 2013, and I learned that every rebuilding plan promises more than it delivers.

In my years there I watched three such plans come and go, each with a ribbon and a brass band.

The council should publish its cost estimates before the second vote, not after it.

Mina Cho is a former deputy harbour master and writes a monthly column for the Courier.
"""

TOUR = """---
title: Mayor tours the harbour shrine with the visiting minister
outlet: Valley Courier
published: 2026-03-06
---
Mayor Haruka Sato and Transport Minister Kenta Ueno visited the harbour shrine on Friday afternoon.

Sato told reporters she was glad to have shown Ueno the shrine before the vote. Goro Ishida, the shrine's chief priest, led the two of them through the main hall and the boat house.
"""


@pytest.fixture(scope="module")
def engine(real_embedder, tmp_path_factory) -> Engine:
    root = tmp_path_factory.mktemp("revisions")
    articles = []
    for name, text in (
        ("brief.md", BRIEF),
        ("profile.md", PROFILE),
        ("reactions.md", REACTIONS),
        ("briefing.md", BRIEFING),
        ("column.md", COLUMN),
        ("tour.md", TOUR),
    ):
        path = Path(root / name)
        path.write_text(text, "utf-8")
        articles.append(load_article(path))
    index = build_index(articles, real_embedder, root / "index")
    return Engine(IndexHandle.of(index, real_embedder.name), real_embedder)


@pytest.mark.slow
def test_an_update_supersedes_the_figure_it_revises(engine: Engine) -> None:
    answer = engine.ask("How many households were told to leave their homes?")
    top = answer.passages[0]
    assert "1,900" in top.highlight and top.kind == "update"
    assert any("300 households" in p.text for p in answer.passages[1:])  # the older figure, after it


@pytest.mark.slow
def test_a_notice_that_only_says_a_version_was_wrong_is_no_answer(engine: Engine) -> None:
    """ "An earlier version gave the wrong year" says nothing of its own: the passage it corrects answers."""
    answer = engine.ask("Since when has Inoue campaigned for the families?")
    assert "since 1991" in answer.passages[0].highlight
    notice = engine.ask("Was there a correction to the article about Inoue's campaign?").passages[0]
    assert notice.kind == "correction" and "earlier version" in notice.highlight


@pytest.mark.slow
def test_a_short_lead_comes_with_the_quote_that_says_what_it_announces(engine: Engine) -> None:
    answer = engine.ask("How did the fishermen's union react to the harbour plan?")
    top = answer.passages[0]
    assert "unimpressed" in top.highlight and "Nobody asked the people" in top.highlight
    assert top.speaker == "Kenji Arai"


@pytest.mark.slow
@pytest.mark.parametrize(
    ("question", "words", "label"),
    [
        (
            "What did the Lakeside Herald reporter ask about the harbour?",
            "who pays for the dredging",
            "Lakeside Herald",
        ),
        ("Who asked whether the fish market would stay open?", "fish market", "Morning Ledger"),  # who asked
    ],
)
def test_a_reporters_question_is_found_by_who_asked_it(engine: Engine, question: str, words: str, label: str) -> None:
    from bot.presentation import Cite

    answer = engine.ask(question)
    assert answer.answered
    top = answer.passages[0]
    assert top.kind == "question" and words in top.highlight and top.asked_by == f"Reporter ({label})"
    assert Cite.of_passage(top).paragraph.endswith(f"(a reporter's question: Reporter ({label}))")


@pytest.mark.slow
def test_a_columnists_own_words_answer_a_question_naming_her_and_years_ask_for_a_stretch(engine: Engine) -> None:
    answer = engine.ask("How many years did Mina Cho work at the harbour master's office?")
    top = answer.passages[0]
    assert "from 2001 to 2013" in top.highlight and top.speaker == "Mina Cho"


@pytest.mark.slow
def test_who_is_x_is_answered_by_what_x_is(engine: Engine) -> None:
    answer = engine.ask("Who is Yuki Tanabe?")
    top = answer.passages[0]
    assert "marine engineer at Kansai Coastal Institute" in top.highlight and "Yuki Tanabe" in top.highlight


@pytest.mark.slow
def test_who_did_it_is_answered_by_someone_other_than_those_it_was_done_for(engine: Engine) -> None:
    answer = engine.ask("Who showed Sato and Ueno around the shrine?")
    top = answer.passages[0]
    assert "Goro Ishida" in top.highlight, top.highlight
