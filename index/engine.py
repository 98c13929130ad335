"""The answer engine: one object that answers questions for every front end. It checks the question,
then runs the stages of ``index.answer`` in order, each passing a typed result to the next: analyse the
question once → retrieve candidates → rank their sentences → decide (answer or refuse) → assemble."""

from __future__ import annotations

from collections.abc import Callable

from index.answer import assemble
from index.answer.config import EngineConfig
from index.answer.context import Context, Probe
from index.answer.decide import decide
from index.answer.decision import Decision, default_decision
from index.answer.needs import Needs, speakers_of, understand
from index.answer.question import Intent, analyse
from index.answer.rank import meaning, rank
from index.answer.retrieve import retrieve
from index.answer.spelling import spell_out
from index.answer.typed import as_question
from index.answer.types import Answer
from index.encode.embedder import Embedder
from index.errors import QuestionError
from index.people.registry import Person
from index.search.retrieval import FusionWeights, HybridRetriever, VectorRetriever
from index.store.handle import IndexSource
from index.store.loaded import LoadedIndex

MAX_QUESTION_CHARS = 1000
MAX_K = 20

__all__ = ["MAX_K", "MAX_QUESTION_CHARS", "Engine", "EngineConfig"]


class Engine:
    """Answers questions from the current index version with cited, extractive passages."""

    def __init__(
        self,
        handle: IndexSource,
        embedder: Embedder,
        config: EngineConfig | None = None,
        retriever: Callable[[LoadedIndex, Embedder, FusionWeights], VectorRetriever] = HybridRetriever,
        decision: Decision | None = None,
    ) -> None:
        self._handle = handle
        self._embedder = embedder
        self._config = config or EngineConfig()
        self._decision = decision or default_decision()
        self._retriever = retriever
        self._context = Context(embedder, self._config)

    @property
    def embedder(self) -> Embedder:
        return self._embedder

    @property
    def index(self) -> LoadedIndex:
        return self._handle.current()

    @property
    def source(self) -> IndexSource:
        """Where the versions answered from come from (a directory's handle, or Milvus on a reader)."""
        return self._handle

    def ask(self, question: str, k: int = 3, *, within: frozenset[str] | None = None) -> Answer:
        """Answer ``question`` from the coverage, or from the articles ``within`` (their ids) only: the same
        analysis and the same answer-or-refuse decision over their passages (a follow of a topic asks this
        of each new article)."""
        question = _checked(question, k)
        asked = as_question(question)
        index = self._handle.current()  # one version for the whole answer
        retriever = self._retriever(index, self._embedder, self._config.weights)
        vector = retriever.embed(asked)
        # Read as the coverage spells it (an acronym spelled out, a slip in a name mended), then analysed
        # once, against this coverage: no later stage reads the question's text again.
        spelled = spell_out(asked, index, retriever, vector)
        if spelled.read_as:
            asked, vector = spelled.text, retriever.embed(spelled.text)
        needs = understand(index, analyse(asked, index.people))
        # The question without one focus word, embedded only when that word is missing where it is looked
        # for (to test what it means); most questions never need one.
        probe = Probe(self._embedder, asked)
        found = retrieve(index, retriever, vector, needs, k, within)
        ctx = self._context
        # A refusal the analysis or retrieval made is final: what a missing word means would only reorder
        # the passages shown as not answers, so it is not embedded.
        missing = meaning(ctx, found.hits, needs, probe) if found.refusal is None else None
        ranked = rank(ctx, index, found.hits, needs, missing)
        decided = decide(ctx, self._decision, index, needs, found, ranked, vector, probe)
        answered = decided.refusal is None
        return Answer(
            question=question,
            answered=answered,
            confidence=round(0.0 if found.unknown else decided.confidence, 4),
            intent=needs.question.intent.value,
            refusal=decided.refusal,
            unknown=found.unknown,
            speaker_note="; ".join(n for n in (spelled.note(), found.note) if n) or None,
            passages=tuple(assemble.passages(self._config, index, decided.ranked, k, _asked(needs))),
            disagreements=assemble.disagreements(self._config, index, decided.ranked, needs) if answered else (),
            signals=decided.signals.__dict__ if decided.signals is not None else None,
        )


def _asked(needs: Needs) -> tuple[Person, ...]:
    """The people whose words the question asks for ("what did Lund say")."""
    parsed = needs.question
    return speakers_of(parsed) if parsed.intent is Intent.QUOTE and parsed.person is not None else ()


def _checked(question: str, k: int) -> str:
    """The question with its whitespace normalised; QuestionError naming what is wrong with it."""
    question = " ".join(question.split())
    if not question:
        raise QuestionError("the question is empty")
    if len(question) > MAX_QUESTION_CHARS:
        raise QuestionError(
            f"the question is {len(question):,} characters long; at most {MAX_QUESTION_CHARS:,} are read"
        )
    if not 0 < k <= MAX_K:
        raise QuestionError(f"k must be between 1 and {MAX_K}, got {k}")
    if any(0xD800 <= ord(c) <= 0xDFFF for c in question):
        raise QuestionError("the question is not valid UTF-8 text")
    return question
