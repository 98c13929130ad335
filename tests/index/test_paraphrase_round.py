"""Rules of the round of questions asked in other words (a fisheries briefing, a visa live blog, a chip explainer, a
ferry wire, a feature of two Kims, a Kyoto exchange, a school fire, a pipeline briefing, a jet order, a Dokdo
explainer, a podcast, a statue loan, a quake drill, a columnist's fears): each on made-up text, each failing on
the code before it."""

from __future__ import annotations

from datetime import date

import pytest

from index.answer.answerability import AnswerType, Expectation
from index.text.dates import asks_ahead, resolve_dates
from index.text.figures import figures
from index.text.nlp import pipeline
from index.text.temporal import temporal_weight
from index.text.tokens import tokenize, with_twins

needs_model = pytest.mark.skipif(pipeline("tagger", "parser") is None, reason="the spaCy model is not installed")


def _counts(sentence: str, nouns: str) -> list[float]:
    return [f.value for f in figures(sentence, frozenset(tokenize(nouns)))]


def test_a_figure_counts_its_own_noun_not_the_one_after_a_preposition() -> None:
    """ "Nine relatives of the workers" counts relatives; "20 tonnes of rice", "four rounds of talks" and "five
    years of experience" measure out what follows "of" (index/data/measure_words.txt); "12 of the workers" is
    a share of them."""
    sentence = "We attended the service together with nine relatives of the workers."
    assert _counts(sentence, "workers") == []
    assert _counts(sentence, "relatives") == [9.0]
    assert _counts("Korea shipped 20 tonnes of rice.", "rice") == [20.0]
    assert _counts("The deal took four rounds of talks.", "talks") == [4.0]
    assert _counts("Teachers need at least five years of classroom experience.", "experience") == [5.0]
    assert _counts("Police said 12 of the workers were hurt.", "workers") == [12.0]


def test_a_number_in_words_times_hundreds_is_one_figure() -> None:
    """ "Three hundred students" is 300, as "300 students" is: two sources giving them do not disagree."""
    assert _counts("Three hundred high school students from Kyoto will go.", "students") == [300.0]
    assert _counts("Japan received 1.2 million Korean visitors.", "visitors") == [1_200_000.0]


def test_an_ordinal_counts_occasions_only() -> None:
    """ "Their third summit" says how many summits; "the first store would open in Tokyo" counts no stores."""
    assert _counts("It was their third summit this year.", "summits") == [3.0]
    assert _counts("An earlier version said the first store would open in Tokyo.", "stores") == []


def test_a_figure_in_units_answers_how_much_of_a_thing() -> None:
    """ "How much snow is forecast": "up to 30 centimetres" in a sentence of snow; a sum of money elsewhere does
    not say it."""
    from index.text.figures import measured

    assert measured("with up to 30 centimetres in northern Kyushu")
    assert not measured("The plant will employ 1,200 workers.")
    snow = Expectation.of("how much snow is forecast?")
    assert snow.weight("Snow will continue until Saturday, with up to 30 centimetres in northern Kyushu.") == 1.0
    assert snow.weight("Rain will continue until Saturday, with up to 30 centimetres in the hills.") < 1.0


@pytest.mark.parametrize(
    ("question", "subject"),
    [
        ("how much is the jet order worth?", "order"),
        ("what will the pipeline cost to build?", "pipelin"),
        ("what is the deal worth?", "deal"),
    ],
)
def test_what_a_thing_costs_or_is_worth_is_a_sum_of_it(question: str, subject: str) -> None:
    expectation = Expectation.of(question)
    assert expectation.kind is AnswerType.COUNT and expectation.strict
    assert expectation.subject == frozenset({subject})
    # "We will not decide on construction until we know the cost." gives no sum
    assert expectation.weight("We will not decide on construction until we know the cost.") == 0.0


def test_what_it_costs_is_any_sum_or_nothing() -> None:
    """ "How much does it cost": a pronoun names nothing the sentence must be about; "free" answers."""
    expectation = Expectation.of("how much does it cost?")
    assert expectation.weight("Nothing; registration is free.") == 1.0
    assert expectation.weight("A pass costs 5,000 won.") == 1.0
    assert expectation.weight("It is cheap.") == 0.0


def test_a_noun_named_by_what_follows_it() -> None:
    """ "What ship did Korea use": "sent its ship Onnuri" names the ship; "a research ship's survey" does not,
    and "Lee said Kim" names no saying."""
    ship = Expectation.of("what ship did korea use for the survey?")
    assert ship.weight("The institute sent its ship Onnuri to measure currents.") == 1.0
    assert ship.weight("A Korean research ship's survey drew a protest.") == 0.5
    assert ship.weight("The Korean ship will be the Tamgu 22, run by the institute.") == 1.0
    assert Expectation.of("what sayings did Xi use?").weight("Lee said Kim Koo had a dream.") < 1.0


def test_a_place_after_a_preposition_that_opens_the_sentence() -> None:
    where = Expectation.of("where do i apply for the visa?")
    assert where.weight("At the embassy or a consulate of the country you want to visit.") == 1.0
    assert where.weight("In Busan, the mayor opened the terminal.") == 1.0
    assert where.weight("Anyone may apply.") == 0.0


def test_what_someone_proposes_is_what_they_want_done() -> None:
    expectation = Expectation.of("what does nam propose?")
    assert expectation.kind is AnswerType.ADVICE and expectation.wants
    assert expectation.weight("What I would like to see is a permanent exchange league.") == 1.0


@pytest.mark.parametrize(
    ("text", "question_word"),
    [
        ("Her father, Kim Tae-hoon, disagrees with her.", "agree"),
        ("Japan is unhappy about the survey.", "happy"),
        ("Deliveries are to begin in 2029.", "delivered"),
        ("I worry that the funding will dry up.", "afraid"),
        ("What I fear is that goodwill will vanish.", "worried"),
    ],
)
def test_a_text_holds_a_word_in_its_negation_its_noun_or_its_feeling(text: str, question_word: str) -> None:
    assert tokenize(question_word)[0] in with_twins(frozenset(tokenize(text)))


def test_words_that_only_look_negated_hold_nothing_more() -> None:
    """ "discount", "display", "unless" are words of their own, not negations of "count", "play", "less"."""
    twins = with_twins(frozenset(tokenize("a discount on the display unless it rains")))
    assert not {"count", "play", "less"} & twins


def test_a_count_to_come_is_not_a_past_one() -> None:
    """ "How many students are going": "Last year 40 students took part" dates its count to before the
    article (its first word capitalised)."""
    assert asks_ahead("how many kyoto students are going to seoul?")
    assert not asks_ahead("how many students took part last year?")
    [mention] = resolve_dates("Last year 40 students took part.", date(2026, 11, 30))
    assert mention.when == date(2025, 1, 1)
    [march] = resolve_dates("In March, they met again.", date(2026, 11, 30))
    assert march.when == date(2026, 3, 1)


def test_a_year_before_1900_after_a_word_of_time_dates() -> None:
    assert temporal_weight("The scrolls, painted around 1711, show the procession.") == 1.0
    assert temporal_weight("In 1592, the invasion began.") == 1.0
    assert temporal_weight("About 1500 people came.") == 0.0


_COLUMN = """Opinion: Keep the league going
Gwangju Forum
By Nam Ji-ho
November 21, 2026

I played baseball in Osaka for three seasons, and my teammates were my first Japanese friends.

What I would like to see is a permanent exchange league.

I worry that the funding will dry up after the first year.

Nam Ji-ho is a former professional baseball player and coaches at a Gwangju high school.
"""


@needs_model
def test_an_authors_closing_note_says_who_they_are(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    index = made_up_engine(_COLUMN, "oped.txt").source.current()
    [nam] = [p for p in index.people.people.values() if p.name == "Nam Ji-ho"]
    assert any("baseball player" in role for role in nam.roles)


@needs_model
def test_what_someone_is_afraid_of_is_asked_of_their_words(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "What is the columnist afraid of": the columnist's words, which tell the feeling in words of its family
    ("I worry that ..."); "why is X worried" is not (it is often told of them)."""
    from index.answer.question import Intent, analyse

    engine = made_up_engine(_COLUMN, "oped.txt")
    people = engine.source.current().people
    asked = analyse("what is the columnist afraid of?", people)
    assert asked.intent is Intent.QUOTE and asked.person is not None and asked.person.name == "Nam Ji-ho"
    assert analyse("is nam ji-ho afraid of the budget?", people).intent is Intent.QUOTE
    assert analyse("why is nam ji-ho worried about the league?", people).intent is not Intent.QUOTE
    answer = engine.ask("what is the columnist afraid of?")
    assert answer.answered and "worry" in answer.passages[0].highlight


_PODCAST = """Podcast: Strait Talk
Strait Talk Podcast
December 2, 2026

HOST (KIM NA-RAE): Welcome back. My guest is Professor Ogawa Mitsuru, who has studied exchanges for twenty years.

OGAWA MITSURU: Thank you for having me.

HOST (KIM NA-RAE): How big is the increase in applications?

OGAWA MITSURU: About 70 percent on last year.
"""


def test_a_hosts_introduction_answers_though_a_host_asks(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """A host's turn is never anyone's quote, and a question answers only "what was asked"; but a turn of several
    sentences that asks nothing introduces the guest, and says what it says ("twenty years")."""
    engine = made_up_engine(_PODCAST, "podcast.txt")
    passages = engine.source.current().passages
    assert [p.kind for p in passages][:1] == ["question"]
    answer = engine.ask("how long has ogawa studied exchanges?")
    assert answer.passages and "twenty years" in answer.passages[0].text
