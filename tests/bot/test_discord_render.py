"""Discord rendering: article text inert, Discord's limits kept, buttons that survive a restart."""

from __future__ import annotations

from datetime import date

from bot.discord.render import (
    MAX_DESCRIPTION,
    MAX_EMBED_TOTAL,
    MAX_FIELD_VALUE,
    MAX_FIELDS,
    NO_MENTIONS,
    answer_components,
    answer_message,
    inert,
)
from index.answer import Answer, AnswerPassage

HOSTILE = "@everyone look <@123456> and <@&42> in <#99>: [click](https://evil.example) *now* https://x.example"


def passage(text: str = HOSTILE, **kw) -> AnswerPassage:  # type: ignore[no-untyped-def]
    fields = {
        "file": "story.md", "article_id": "story", "title": "A [title](https://evil.example)", "source": "Outlet",
        "published": date(2026, 1, 7), "url": "https://news.example/a", "paragraph": 3, "text": text,
        "highlight": text, "highlight_start": 0, "highlight_end": len(text), "speaker": "Park Ji-hoon",
        "score": 0.9,
    }  # fmt: skip
    return AnswerPassage(**{**fields, **kw})


def answer(*passages: AnswerPassage, question: str = "what did @here say?") -> Answer:
    return Answer(question=question, answered=True, confidence=0.9, intent="fact", passages=passages)


def test_article_text_cannot_ping_or_link() -> None:
    shown = inert(HOSTILE)
    assert "@everyone" not in shown and "<@123456>" not in shown and "<@&42>" not in shown and "<#99>" not in shown
    assert "](" not in shown and "https://" not in shown and "*now*" not in shown
    message = answer_message(answer(passage()), 7, shareable=True)
    assert message["allowed_mentions"] == NO_MENTIONS
    embed = message["embeds"][0]
    assert "@everyone" not in embed["description"] and "@here" not in embed["title"]


def test_the_article_link_is_the_only_link() -> None:
    field = answer_message(answer(passage()), 7, shareable=True)["embeds"][0]["fields"][0]
    assert "(https://news.example/a)" in field["value"]
    assert "https://evil.example" not in field["value"] and "](https://evil" not in field["value"]


def test_limits_hold_for_huge_answers() -> None:
    long = "word " * 3000
    many = [passage(long, file=f"f{i}.md", article_id=f"f{i}") for i in range(30)]
    embed = answer_message(answer(*many), 1, shareable=False)["embeds"][0]
    assert len(embed["description"]) <= MAX_DESCRIPTION and len(embed["fields"]) <= MAX_FIELDS
    assert all(len(f["value"]) <= MAX_FIELD_VALUE for f in embed["fields"])
    total = (
        len(embed["title"]) + len(embed["description"]) + sum(len(f["name"]) + len(f["value"]) for f in embed["fields"])
    )
    assert total <= MAX_EMBED_TOTAL


def test_buttons_carry_the_answer_id() -> None:
    (row,) = answer_components(42, shareable=True)
    assert [b["custom_id"] for b in row["components"]] == [
        "summit:share:42",
        "summit:vote:up:42",
        "summit:vote:down:42",
    ]
    assert answer_components(None, shareable=True) == []


def test_a_table_row_is_shown_under_its_headers_on_every_platform() -> None:
    from bot.render_text import render_answer
    from bot.slack.blocks import answer_blocks

    row = "| 2019 | 5.58 | 3.27 |"
    read = "Year: 2019; Japanese visitors to Korea (millions): 3.27 @everyone"
    shown = answer(passage(row, speaker=None, row_read=read))
    assert "Under the table's headers: Year: 2019; Japanese visitors to Korea (millions): 3.27" in render_answer(shown)
    slack = str(answer_blocks(shown, ask_id=1, shareable=False))
    assert "Year: 2019; Japanese visitors to Korea (millions): 3.27" in slack
    embed = answer_message(shown, 1, shareable=False)["embeds"][0]
    assert "Japanese visitors to Korea" in embed["description"] and "@everyone" not in embed["description"]
    assert "Under the table's headers" not in render_answer(answer(passage("Plain prose.", speaker=None)))


def test_a_table_row_sent_to_a_follower_is_shown_under_its_headers() -> None:
    from dataclasses import asdict

    from bot.discord.render import follow_payload
    from bot.follow import FollowItem, FollowMessage
    from bot.presentation import Cite
    from bot.render_text import render_follow
    from bot.slack.blocks import follow_blocks

    cite = Cite.of_passage(passage("| 2019 | 5.58 | 3.27 |"))
    item = FollowItem("| 2019 | 5.58 | 3.27 |", None, cite, "| 2019 | 5.58 | 3.27 |", 0.9, "Year: 2019; Visitors: 3.27")
    assert FollowItem.of(asdict(item)) == item  # as the delivery records keep it
    message = FollowMessage("topic", "visitors in 2019", "Record travel", False, (item,))
    assert "Under the table's headers: Year: 2019; Visitors: 3.27" in render_follow(message)
    assert "Year: 2019; Visitors: 3.27" in str(follow_blocks(message))
    assert "Year: 2019; Visitors: 3.27" in str(follow_payload(message))


def test_how_the_question_was_read_comes_before_a_refusal() -> None:
    from bot.render_text import render_answer

    refused = Answer(
        question="what did Takiachi say?", answered=False, confidence=0.1, intent="quote", refusal="no_support",
        passages=(passage("Plain prose.", speaker=None),), speaker_note="read “Takiachi” as “Takaichi”",
    )  # fmt: skip
    text = render_answer(refused)
    assert text.index("read “Takiachi” as “Takaichi”") < text.index("Nearest passages")
    description = answer_message(refused, 1, shareable=False)["embeds"][0]["description"]
    assert description.index("Takaichi") < description.index("Nearest passages")
