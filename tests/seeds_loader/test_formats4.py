"""Newsroom formats, round 4: explainers that set their questions in bold at the head of the answer, and wire
leads read without their dateline (small made-up texts)."""

from __future__ import annotations

from pathlib import Path

import pytest

from seeds_loader import load_article, parse_article


def test_a_bold_question_opening_its_answer_is_the_answers_context(tmp_path: Path) -> None:
    """ "**Why did Japan object?** Japan says ...": the answer under its question, as under a question heading,
    numbered or not, in Markdown as in HTML."""
    text = (
        "# The survey row, explained\n\nA survey drew a protest.\n\n"
        "**What happened?** The institute sent its ship Onnuri to measure currents.\n\n"
        "2. **Why did Japan object?** Japan says any survey needs its consent.\n"
    )
    a = parse_article(text, "explainer.md")
    assert [(p.context, p.text[:12]) for p in a.paragraphs] == [
        (None, "A survey dre"),
        ("What happened?", "The institut"),
        ("Why did Japan object?", "Japan says a"),
    ]
    html = (
        "<html><head><title>Pass explained</title></head><body><article><h1>Pass explained</h1>"
        "<p>The pass begins in spring.</p><p><strong>Who can use it?</strong> Anyone with a passport.</p>"
        "</article></body></html>"
    )
    path = tmp_path / "pass.html"
    path.write_text(html)
    b = load_article(path)
    assert [(p.context, p.text) for p in b.paragraphs][-1] == ("Who can use it?", "Anyone with a passport.")


@pytest.mark.parametrize(
    ("lead", "read"),
    [
        ("SEOUL, Nov. 21 (Pacific Wire) -- Korean Air said Friday it would buy jets.", "Korean Air said"),
        ("BUSAN, South Korea, Dec. 3 (Harbor Wire) -- Ferry services will resume.", "Ferry services"),
        ("OSAKA -- A fire broke out early Sunday.", "A fire broke"),
        ("US - Japan talks opened on Monday.", "US - Japan t"),
    ],
)
def test_a_wire_lead_without_its_dateline(lead: str, read: str) -> None:
    """Where and when a story was filed is no place or day it tells of ("where will the jets be built" is not
    answered by "SEOUL")."""
    from seeds_loader.masthead import without_dateline

    assert without_dateline(lead).startswith(read)
