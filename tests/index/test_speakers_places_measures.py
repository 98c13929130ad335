"""Rules of the round of four fresh sets (an ambassador's interview, a ferry wire, a museum page with captions,
a trawler brief with updates, a poll, a podcast, an FAQ, a typhoon live blog): each on made-up text, each
failing on the code before it."""

from __future__ import annotations

from collections import Counter

import pytest

from index.answer.answerability import Expectation, fills_who
from index.engine import EngineConfig
from index.people.registry import Person
from index.text.nlp import pipeline

needs_model = pytest.mark.skipif(pipeline("tagger", "parser") is None, reason="the spaCy model is not installed")


@pytest.mark.parametrize(
    ("question", "sentence", "weight"),
    [
        # A share in words, as a sentence opening with it spells it
        ("what share of voters back the plan?", "Sixty-one percent of voters say they back the plan.", 1.0),
        ("what share of voters back the plan?", "Most voters say they back the plan.", 0.0),
        # A place's part, the place named first
        ("where did the storm make landfall?", "The storm made landfall on Jeju's south coast at dawn.", 1.0),
        ("where did the storm make landfall?", "The storm made landfall shortly before dawn.", 0.0),
        # A place told by what it is: an origin
        ("where is the crown from?", "A gilt crown from the tomb of a king, lent by a museum.", 1.0),
        # "How long is" a thing: its length
        ("how long is the new avenue?", "The 800-metre road runs from the station to the gate.", 1.0),
        ("how long is the new avenue?", "The road was renamed on Monday.", 0.0),
        # ... not when the question asks how long something goes on
        ("how long will the search go on?", "The 800-metre road runs from the station to the gate.", 0.0),
    ],
)
def test_the_kind_of_answer_in_other_words(question: str, sentence: str, weight: float) -> None:
    assert Expectation.of(question).weight(sentence) == weight


def test_how_many_people_counted_as_adults_or_respondents() -> None:
    """ "How many people were surveyed": "The survey of 1,010 adults" counts people (index/data/person_nouns.txt)."""
    expectation = Expectation.of("how many people were surveyed?")
    assert expectation.weight("The survey of 1,010 adults was conducted by phone.") == 1.0
    assert expectation.weight("The survey of 1,010 households was conducted by phone.") < 1.0


def test_two_institutions_doing_one_thing_say_who() -> None:
    assert fills_who("The Korean embassy and the Japan Automobile Federation both issue translations.")
    assert fills_who("The Foreign Ministry and the Defence Ministry will share the cost.")
    assert not fills_who("Lee and Takaichi met in Nara.")


@needs_model
def test_a_description_by_apposition_but_not_a_name_addressed() -> None:
    """ "Who is Ishikawa Rei", a critic no role list names: "My guest today is Ishikawa Rei, a music critic"
    says what she is; "Ishikawa Rei, thank you." (parsed with her as the subject of "thank") addresses her."""
    from index.answer.rank import gives_role

    person = Person("ishikawarei", "Ishikawa Rei", Counter({"Ishikawa Rei": 2}))
    assert gives_role("My guest today is Ishikawa Rei, a music critic who writes about pop.", person)
    assert not gives_role("Ishikawa Rei, thank you.", person)
    # ... nor a clause after a comma: "For Ishikawa Rei, the festival is the easy part."
    assert not gives_role("For Ishikawa Rei, the festival is the easy part.", person)


def _needs(made_up_engine, article: str, question: str):  # type: ignore[no-untyped-def]
    from index.answer.needs import understand
    from index.answer.question import analyse

    index = made_up_engine(article, "w.txt").source.current()
    return understand(index, analyse(question, index.people))


_BRIEF = """Patrol ship and trawler collide

By Chung Min-ho, Maritime News
November 20, 2026

A patrol ship and a fishing trawler collided east of the coast early on Friday, the coast guard said. Nobody was hurt.

"The sea was calm," said Lee Chang-min, a Japan expert at Hankuk University of Foreign Studies.

Samsung Electronics buys most of its photoresists from Japanese suppliers.

UPDATE, 2:40 p.m.: Japan's Foreign Ministry said it regretted the collision.

UPDATE, 5:15 p.m.: The trawler is returning to Pohang under its own power.
"""


@needs_model
def test_a_country_asked_to_speak_is_not_a_person_whose_role_names_it(made_up_engine) -> None:
    """ "What did japan say": not the "Japan expert" the coverage quotes (the asked word qualifies his role's
    noun, it is not one), but Japan, which the coverage prints only as a name: its words are asked for."""
    from index.answer.question import Intent

    needs = _needs(made_up_engine, _BRIEF, "what did japan say about the collision?")
    assert needs.question.intent is Intent.QUOTE and needs.question.person is None
    # ... while a role asked by its noun still finds its holder
    expert = _needs(made_up_engine, _BRIEF, "what did the japan expert say?")
    assert expert.question.person is not None and expert.question.person.name == "Lee Chang-min"


@needs_model
def test_a_body_typed_in_lower_case_must_speak(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "What did samsung say about its suppliers": Samsung is only named, never speaks, in the coverage: no
    sentence naming it is its words."""
    engine = made_up_engine(_BRIEF, "s.txt")
    answer = engine.ask("what did samsung say about its suppliers?")
    assert not answer.answered
    spoken = engine.ask("what did japan say about the collision?")
    assert spoken.answered and "regretted" in spoken.passages[0].highlight


@needs_model
def test_where_something_is_going_is_said_with_any_verb_of_going(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    needs = _needs(made_up_engine, _BRIEF, "where is the trawler going?")
    assert set(needs.occurring) == {"go"}


def test_an_update_goes_above_its_article_only_speaking_of_what_is_asked(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "Was anyone hurt in the crash": "Nobody was hurt." in the lead, not the update of the ministry's regret
    for the crash, which holds "crash" but not "hurt", though it scores nearly as well; an update that holds all
    the lead holds still goes first."""
    from index.answer.context import Context
    from index.answer.needs import understand
    from index.answer.question import analyse
    from index.answer.rank import rank
    from index.search.retrieval import Hit

    def first(update: str) -> str:
        brief = _BRIEF.replace("Japan's Foreign Ministry said it regretted the collision.", update)
        engine = made_up_engine(brief, f"{len(update)}.txt")
        index = engine.source.current()
        needs = understand(index, analyse("was anyone hurt in the crash?", index.people))
        lead = next(p for p in index.passages if "Nobody was hurt" in p.text)
        revision = next(p for p in index.passages if p.text.startswith("UPDATE, 2:40"))
        hits = [
            Hit(lead, 0.50, 0.5, 0.5, 1.0, tuple(0.5 for _ in lead.sentences)),
            Hit(revision, 0.48, 0.48, 0.5, 1.0, tuple(0.48 for _ in revision.sentences)),
        ]
        ranked = rank(Context(engine.embedder, EngineConfig()), index, hits, needs, None)
        return ranked[0].hit.passage.text

    assert "Nobody was hurt" in first("Japan's Foreign Ministry said it regretted the crash.")
    assert first("The coast guard said one sailor was hurt in the crash.").startswith("UPDATE")


def test_a_verb_holds_its_noun_as_the_stemmer_leaves_them_apart() -> None:
    """ "Was anyone hurt in the collision": a lead saying the ships "collided" holds "collision" (the stemmer's
    "collid" and "collis"); a short stem is no twin of another word ("lead" is not "lease")."""
    from index.answer.focus import Focus
    from index.text.tokens import derivation_twin, tokenize

    assert Focus({"collis": 1.0, "hurt": 1.0}).support("Two ships collided at dawn. Nobody was hurt.") == 1.0
    assert Focus({"decid": 1.0}).support("The decision was made on Monday.") == 1.0
    assert Focus({"lead": 1.0}).support("The lease ends in May.") == 0.0
    assert derivation_twin(tokenize("conclusion")[0]) == tokenize("conclude")[0]


_TABLE = """---
title: "Visitors from Korea, month by month"
date: 2026-10-30
---

# Visitors from Korea, month by month

The table below shows arrivals from Korea.

| Month | Visitors from Korea | Change on 2025 |
|---|---|---|
| January | 960,000 | +12% |
| April | 780,000 | +9% |
| July | 850,000 | +15% |
| September | 720,000 | +4% |

Most visitors come for short trips.
"""


@pytest.mark.parametrize(
    ("question", "month"),
    [
        ("which month had the most visitors from korea?", "January"),
        ("which month had the fewest visitors from korea?", "September"),
        ("when did visitors from korea grow the most?", "July"),  # the column of changes
        ("which month had the smallest rise in visitors?", "September"),
    ],
)
def test_a_superlative_of_a_table_is_its_extreme_row(made_up_engine, question: str, month: str) -> None:  # type: ignore[no-untyped-def]
    """No row says "most": the row whose figure in the column the question names is the largest (or smallest)
    answers, and the superlative's word is not missing from it."""
    engine = made_up_engine(_TABLE, f"t{len(question)}.md")
    answer = engine.ask(question, k=3)
    assert answer.passages[0].highlight.startswith(f"| {month} |")
    assert answer.signals is not None and answer.signals["crux_drop"] == 0.0


def test_most_as_a_quantifier_asks_no_superlative() -> None:
    from index.answer.superlative import asked_superlative

    month = frozenset({"month"})
    assert asked_superlative("what do most visitors buy?", frozenset({"visitor"}), month) is None
    assert asked_superlative("how many visitors came at least?", frozenset({"visitor"}), month) is None
    asked = asked_superlative("which month had the most visitors?", frozenset({"visitor"}), month)
    assert asked is not None and asked.largest and asked.words == {"visitor"}
    # ... nor does a question asking no "which": "why is January the peak"
    assert asked_superlative("why is january the peak for visitors?", frozenset({"visitor"}), None) is None


def test_a_superlative_asked_of_what_a_table_does_not_list(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "Which nationality sent the most visitors": a table of months cannot say; its largest row is not raised
    above the passage that answers in words."""
    text = _TABLE.replace("Most visitors come for short trips.", "Koreans were the largest group of visitors.")
    answer = made_up_engine(text, "n.md").ask("which nationality sent the most visitors?", k=3)
    assert not answer.passages[0].highlight.startswith("|")


class _Words:
    """A fake encoder of a few words: "hard" and "difficult" along one axis, "history" along another."""

    name = "fake-words"
    dimension = 3

    def encode(self, texts):  # type: ignore[no-untyped-def]
        import numpy as np

        axes = {"hard": (1.0, 0.0, 0.0), "difficult": (0.9, 0.1, 0.0), "history": (0.0, 1.0, 0.0)}
        rows = [axes.get(t, (0.0, 0.0, 1.0)) for t in texts]
        vectors = np.asarray(rows, dtype=np.float32)
        return vectors / np.linalg.norm(vectors, axis=1, keepdims=True)


def test_a_word_said_otherwise_is_one_close_to_it_encoded_alone() -> None:
    from index.answer.focus import Focus
    from index.answer.synonyms import WordVectors

    words = WordVectors(_Words())  # type: ignore[arg-type]
    assert words.said_otherwise("hard", "What is still difficult?") == "difficult"
    assert words.said_otherwise("hard", "What about history?") is None
    assert Focus({"paper": 1.0}, typed="what papers do i need?").as_typed("paper") == "papers"


@pytest.mark.slow
def test_the_encoder_knows_words_said_otherwise(real_embedder) -> None:  # type: ignore[no-untyped-def]
    """With the bundled encoder: "difficult" says "hard", "documents" says "papers"; a word merely of the same
    subject ("ticket" of "fare", "collision" of "hurt") does not."""
    from index.answer.synonyms import WordVectors

    words = WordVectors(real_embedder)
    assert words.said_otherwise("hard", "What is still difficult?") == "difficult"
    assert words.said_otherwise("papers", "What documents do I need?") == "documents"
    assert words.said_otherwise("fare", "How much is a ticket?") is None
    assert words.said_otherwise("hurt", "after the collision") is None


_FAQ = """---
title: "Your questions answered: the licence swap"
date: 2026-05-18
---

# Your questions answered: the licence swap

From June 1, residents can exchange their driving licences without taking a test.

### What documents do I need?

Your passport, your residence card and your current licence.

### How much does it cost?

About 4,200 yen.

### Can I drive a truck?

No. Licences for large vehicles still need a test.
"""


@pytest.mark.slow
def test_a_printed_question_asked_in_other_words(real_embedder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """ "What papers do I need for the swap" is the FAQ's "What documents do I need?": its answer, not the
    passage that shares the word "need"."""
    from index.engine import Engine
    from index.store.handle import IndexHandle
    from index.store.versions import build_index
    from seeds_loader import parse_article

    index = build_index([parse_article(_FAQ, "faq.md")], real_embedder, tmp_path / "index")
    engine = Engine(IndexHandle.of(index, real_embedder.name), real_embedder)
    answer = engine.ask("what papers do i need for the licence swap?", k=3)
    assert answer.answered and answer.passages[0].highlight.startswith("Your passport")


_PODCAST = """The Tokyo Desk podcast, episode 112

HOST (ANNA WELLS): Welcome back. My guest today is Ishikawa Rei, a music critic who has written about pop for
twenty years.

WELLS: Who should we be listening to?

ISHIKAWA: A duo called Haneul and Sora.
"""


def test_a_noun_no_list_holds_is_a_role_before_a_who_clause(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "Ishikawa Rei, a music critic who has written ...": a critic, though no role list says so; and "the
    critic", typed in lower case with its article, describes her (a bare "japan" names a country)."""
    from index.answer.question import analyse
    from index.people.names import full_name_evidence

    said = "My guest today is Ishikawa Rei, a music critic who has written about pop."
    assert ("Ishikawa Rei", "a music critic") in list(full_name_evidence(said))
    index = made_up_engine(_PODCAST, "pod.txt").source.current()
    critic = analyse("what does the critic say about pop?", index.people).person
    assert critic is not None and critic.name == "Ishikawa Rei"


def test_the_words_an_article_prints_only_as_names() -> None:
    """Kept with the article's metadata, which a Milvus reader reads too: "Samsung", though it opens the one
    sentence naming it, is a name; "Stocks" opening a sentence is not where the article says "defence stocks"."""
    from index.store.passages import ArticleMeta
    from seeds_loader import parse_article

    text = (
        "Chip curbs end\n\nSamsung Electronics buys photoresists from JSR. Stocks rose in Seoul.\n\n"
        "Analysts said defence stocks fell after Japan's Foreign Ministry spoke.\n"
    )
    names = ArticleMeta.of(parse_article(text, "c.txt")).names
    assert {"samsung", "jsr", "japan"} <= set(names)
    assert "stocks" not in names
