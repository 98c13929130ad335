"""Whose words a passage gives: a sentence of speech, and a body or country asked to speak ("what did
Keidanren say") speaking in a passage."""

from __future__ import annotations

import re

from index.answer.context import Context
from index.answer.decision import SPEAKER_NAMED
from index.answer.focus import Focus
from index.answer.needs import Needs
from index.people.names import REPORTING_VERBS
from index.store.loaded import LoadedIndex
from index.store.passages import Passage
from seeds_loader.lazy import LazyPattern


def reports_speech(index: LoadedIndex, passage: Passage, i: int) -> bool:
    """Sentence ``i`` of the passage is someone's words or reports them: attributed, quoted, or told with a
    verb of speech ("the ministry said", "according to officials")."""
    sentence = passage.sentences[i]
    if index.quote_at(passage.article_id, sentence.start) is not None:
        return True
    return any(c in sentence.text for c in '"“”') or bool(_SPEECH.search(sentence.text))


# (Not in the passive: "The trade minister is asked to report" is someone asking him, not his words.)
_SPEECH = LazyPattern(
    rf"(?<!\bis\s)(?<!\bwas\s)(?<!\bare\s)(?<!\bwere\s)(?<!\bbeen\s)(?<!\bbeing\s)\b(?:{REPORTING_VERBS})\b"
    r"|\baccording to\b",
    re.I,
)


def spoken_by_body(
    ctx: Context,
    index: LoadedIndex,
    needs: Needs,
    body: Focus,
    passage: Passage,
    sentences: tuple[frozenset[str], ...],
) -> bool:
    """The body or country asked ("what did Keidanren say") speaks in the passage, much as the decision reads
    its answering sentences: named there (in the paragraphs before only for a quote attributed there, "We ask both
    governments ..." under the association's statement; "Samsung buys from JSR. South Korea said ..." is not
    Samsung's), with a verb of speech or the very verb of view asked ("Korean researchers hope to find"); an
    outlet's own article is its words, a reporter's question theirs."""
    outlet = index.articles[passage.article_id].outlet or ""
    if passage.kind == "question" or body.support(outlet, steady=True) >= SPEAKER_NAMED:
        return True
    own = f"{passage.text} {passage.context} {ctx.voices(index, passage)}"
    quoted = any(index.quote_at(passage.article_id, x.start) is not None for x in passage.sentences)
    around = f"{own} {ctx.nearby(index, passage)}" if quoted else own
    # (in any of its sentences: the ranking orders passages; which sentence answers is the decision's)
    return body.support(around, steady=True) >= SPEAKER_NAMED and any(
        reports_speech(index, passage, i) or (needs.view_verb is not None and needs.view_verb in sentences[i])
        for i in range(len(sentences))
    )
