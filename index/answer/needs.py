"""What an answer to the analysed question must hold: the kind of answer, and the focus words."""

from __future__ import annotations

from dataclasses import dataclass

from index.answer.answerability import Expectation, Focus
from index.answer.question import Intent, Question
from index.people.registry import Person
from index.store.versions import LoadedIndex


@dataclass(frozen=True)
class Needs:
    """What an answer must hold, worked out once per question."""

    expectation: Expectation
    focus: Focus


def needs_of(index: LoadedIndex, parsed: Question) -> Needs:
    """The kind of answer, and the focus words: a quote question's topic after "say"/"tell", else all the
    question's content words; the speaker's names are not focus."""
    speaker_words = [v for p in parsed.people for v in p.variants]
    if parsed.intent is Intent.QUOTE and parsed.person is not None:
        focus = Focus.of(parsed.topic or parsed.text, index.lexical.idf, speaker_words)
    else:
        # The person asked about is not what is asked about them; a name or role nobody holds is.
        named = [parsed.target or ""] if parsed.people else []
        focus = Focus.of(parsed.text, index.lexical.idf, [*speaker_words, *named])
    return Needs(Expectation.of(parsed.text), focus)


def speakers_of(parsed: Question) -> tuple[Person, ...]:
    """Whose words a quote question asks for: everyone holding a role, else the one person named."""
    return parsed.people if parsed.by_role else parsed.people[:1]
