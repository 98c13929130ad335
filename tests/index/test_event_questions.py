"""Rules of the round that asked in chat's words ("when does the strait survey run", "fish survey - which
species?"): each on made-up text, each failing on the code before it."""

from __future__ import annotations

import pytest

from index.engine import EngineConfig
from index.text.dates import gives_start
from index.text.nlp import pipeline

needs_model = pytest.mark.skipif(pipeline("tagger", "parser") is None, reason="the spaCy model is not installed")

_ARTICLE = "---\ntitle: Ferries\ndate: 2026-03-12\n---\n{}\n\nThe route was opened in 1990.\n"


def _needs(made_up_engine, question: str):  # type: ignore[no-untyped-def]
    from index.answer.needs import understand
    from index.answer.question import analyse

    index = made_up_engine(_ARTICLE.format("Fares fall."), "t.md").source.current()
    return understand(index, analyse(question, index.people))


@needs_model
@pytest.mark.parametrize(
    ("question", "occurring", "onset"),
    [
        ("when does the strait survey run", {"run"}, set()),
        ("when will the korean air charter flights to kansai run?", {"run"}, set()),  # "run" read as a noun
        ("Where will the youth forum be held?", {"hold"}, set()),
        ("when will the next summit be held?", {"hold"}, set()),
        ("when do the cheaper fares start?", set(), {"start"}),
        ("when does the ban take effect", set(), {"take", "effect"}),
        ("how many teams took part in the festival?", {"take", "part"}, set()),  # a count's figure of them
        ("how many people attended the ceremony?", set(), set()),  # (who attended is not who was invited)
        ("who runs the survey?", set(), set()),  # not when or where: the verb is what is asked about
        ("when did the survey team go to the mine?", set(), set()),
    ],
)
def test_a_verb_saying_only_that_a_thing_happens_or_starts(made_up_engine, question, occurring, onset) -> None:  # type: ignore[no-untyped-def]
    """ "When does the survey run", "where will the forum be held": the question asks the time or place of the
    thing itself, which a passage gives in any words (index/data/occurrence_verbs.txt); "when do the fares
    start": a start a passage gives as "from April 1" (index/data/onset_verbs.txt)."""
    needs = _needs(made_up_engine, question)
    assert set(needs.occurring) == occurring
    assert set(needs.onset) == onset


def test_a_start_given_in_words_of_time() -> None:
    assert gives_start("Ferry operators will cut fares by 15 percent from April 1.")
    assert gives_start("Students will not need a visa from the autumn semester.")
    assert gives_start("The desk is open from 9 a.m. on weekdays.")
    assert not gives_start("Visitors from Japan rose by a third in 2025.")
    assert not gives_start("He came from Busan in 1990.")


@needs_model
def test_a_start_from_a_date_needs_no_verb_of_starting(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "When do the cheaper fares start": "The cheaper fares apply from April 1" answers; "start" is not the
    missing word whose meaning is tested (``crux_drop`` stays 0). A sentence dating the fares otherwise
    ("were announced on April 1") still lacks it."""
    config = EngineConfig(min_confidence=0.0)
    question = "when do the cheaper fares start?"
    given = made_up_engine(_ARTICLE.format("The cheaper fares apply from April 1."), "a.md", config).ask(question)
    assert given.signals is not None and given.signals["crux_drop"] == 0.0
    other = made_up_engine(_ARTICLE.format("The cheaper fares were announced on April 1."), "b.md", config)
    answer = other.ask(question)
    assert answer.signals is not None and answer.signals["crux_drop"] != 0.0


_EXPLAINER = """---
title: "Explainer: what changes for young people who want to work abroad"
date: 2026-03-10
---

# Explainer: what changes for young people who want to work abroad

The two governments agreed to widen the working holiday programme. The changes take effect on April 1.

## How many visas are there?

There is no longer a cap on the number issued each year.

## Can I bring my family?

No. Spouses must apply on their own.

## Where do I apply?

At the embassy or a consulate. Applications open online on March 20.
"""


def test_a_short_printed_question_leaves_out_its_article_s_subject(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "Where do I apply for a working holiday visa?": the explainer prints "Where do I apply?" over its answer;
    the words it leaves out are the article's subject, which its lead gives ("the working holiday programme")
    and the rest of it names ("visas"): the passage under it answers the question asked. Not a question of
    another subject ("a student loan")."""
    from index.answer.context import Context
    from index.answer.needs import understand
    from index.answer.question import analyse
    from index.answer.rank import answers_as_asked

    engine = made_up_engine(_EXPLAINER, "e.md", EngineConfig(min_confidence=0.0))
    index = engine.source.current()
    ctx = Context(engine.embedder, EngineConfig())
    passage = next(p for p in index.passages if p.text.startswith("At the embassy"))
    lead, words = ctx.lead(index, passage.article_id), ctx.article_words(index, passage.article_id)
    assert lead.startswith("The two governments")
    title = index.articles[passage.article_id].title or ""

    def as_asked(question: str) -> bool:
        needs = understand(index, analyse(question, index.people))
        return answers_as_asked(needs, passage, "", f"{title} {lead}", words)

    assert as_asked("where do i apply for a working holiday visa?")
    assert not as_asked("where do i apply for a student loan?")


_FAMILY = """Kimchi shop

KAWASAKI, Japan — Every morning Ko Yong-nam opens the shop his grandmother started.

Ko, 58, sells kimchi and rice cakes. His daughter, Ko Ha-eun, 29, runs the online store.

"People ask me if I am Korean or Japanese. I tell them I am from Kawasaki," Ko said.

"I want to sell our kimchi in Busan," she said.

"Kimchi is alive," Ko said. "It does not like to travel."
"""


def test_a_surname_shared_by_a_father_and_his_daughter(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "What does Ko say": the Ko the article quotes most ("Ko said", twice), not his daughter Ko Ha-eun, whom it
    quotes once; and "Ko, 58," calls the father by his surname alone, as "Ko Ha-eun" does not."""
    engine = made_up_engine(_FAMILY, "k.txt", EngineConfig(min_confidence=0.0))
    answer = engine.ask("what does ko say when people ask if he is korean or japanese?", k=3)
    assert answer.passages[0].speaker == "Ko Yong-nam"
    registry = engine.source.current().people
    father = next(p for p in registry.people.values() if p.name == "Ko Yong-nam")
    assert registry.called_in(father, "Ko, 58, sells kimchi and rice cakes.")
    assert registry.called_in(father, "the shop Ko opened")
    assert not registry.called_in(father, "His daughter, Ko Ha-eun, 29, runs the online store.")


def test_a_number_in_words_is_no_age() -> None:
    """ "How old is Ko": "Ko, 58," says it; "At six every morning" and "One of my lieutenants" hold a number but
    no age, and weigh nothing (they outranked the age itself)."""
    from index.answer.answerability import Expectation

    age = Expectation.of("how old is ko yong-nam?")
    assert age.weight("Ko, 58, sells kimchi and rice cakes.") == 1.0
    assert age.weight("At six every morning, Ko opens the shop.") == 0.0
    assert age.weight("One of my lieutenants is getting married in October.") == 0.0


def test_how_many_people_is_answered_by_any_noun_counting_people() -> None:
    """ "How many people were taken to hospital": "nine passengers were taken to hospital" counts them
    (index/data/person_nouns.txt)."""
    from index.answer.answerability import Expectation

    people = Expectation.of("how many people were taken to hospital?")
    assert people.weight("The coast guard now says nine passengers were taken to hospital.") == 1.0
    assert people.weight("The ferry carried nine tonnes of cargo to the hospital.") < 1.0


_INTERVIEW = """---
title: "A conversation with coast guard commander Berit Lund"
date: 2026-05-27
---

Commander Berit Lund, 52, leads the search and rescue division in Kitakyushu.

**Q: How often do your crews train with the Korean side now?**

A: Once a month at sea, and every week by radio.

**Q: And the young officers?**

A: They love it. One of my lieutenants is getting married in October.
"""


def test_an_interviewer_s_question_asks_something_of_what_is_asked(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """Who answers completes a printed question ("How often do your crews train" asked of the commander), but
    "And the young officers?" holds nothing of "how old is commander Lund": it is not the question asked."""
    from index.answer.needs import understand
    from index.answer.question import analyse
    from index.answer.rank import answers_as_asked

    index = made_up_engine(_INTERVIEW, "i.md").source.current()
    needs = understand(index, analyse("how old is commander lund?", index.people))
    young = next(p for p in index.passages if p.text.startswith("They love it"))
    assert not answers_as_asked(needs, young, "Berit Lund commander", index.articles[young.article_id].title or "")
    often = understand(index, analyse("how often does commander lund's crew train with the korean side?", index.people))
    monthly = next(p for p in index.passages if p.text.startswith("Once a month"))
    assert answers_as_asked(often, monthly, "Berit Lund commander", index.articles[monthly.article_id].title or "")


_BRIEF = """BREAKING: Tourist boat runs aground

Harbour Wire | Saturday, June 20, 2026

A ferry carrying tourists ran aground near the port on Saturday morning, officials said.

There were 112 passengers and six crew on board. Seven passengers were taken to hospital with minor injuries.

The cause of the accident is under investigation.

UPDATE, 2:10 p.m.: The coast guard now says nine passengers were taken to hospital.
"""


def test_an_update_revises_the_sentence_most_like_it(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "How many passengers were on the ferry": "There were 112 passengers and six crew on board" answers; the
    update's "nine passengers were taken to hospital" revises the sentence beside it ("Seven passengers were
    taken to hospital"), so it does not go above the answer."""
    engine = made_up_engine(_BRIEF, "b.txt", EngineConfig(min_confidence=0.0))
    answer = engine.ask("how many passengers were on board the ferry?", k=3)
    assert answer.passages[0].highlight.startswith("There were 112 passengers")
    hospital = engine.ask("how many passengers were taken to hospital?", k=3)
    assert hospital.passages[0].text.startswith("UPDATE, 2:10 p.m.")


_STATEMENT = """Statement by the Association of Bereaved Families

Seoul, May 30, 2026

The Association welcomes the agreement to return the remains.

Berit Lund, chairman of the Association, will meet the minister on June 4.

"Many families come here for the first time," said Mayor Karl Olsen of Ube.
"""


@pytest.mark.parametrize(
    ("question", "name"),
    [
        ("who chairs the bereaved families association?", "Berit Lund"),
        ("who heads the association?", "Berit Lund"),
        ("what did the mayor of ube say?", "Karl Olsen"),
    ],
)
def test_a_post_asked_by_its_verb_or_with_of(made_up_engine, question: str, name: str) -> None:  # type: ignore[no-untyped-def]
    """ "Who chairs the association" asks who its chairman is (index/data/post_verbs.txt); "the mayor of Ube" is
    "the Ube mayor", the post's noun before "of"."""
    from index.answer.question import analyse

    index = made_up_engine(_STATEMENT, "s.txt").source.current()
    assert [p.name for p in analyse(question, index.people).people][:1] == [name]


def test_a_holiday_after_a_word_of_time_dates() -> None:
    """ "When do the families want the remains returned": "before Chuseok" dates it (index/data/holidays.txt),
    as "after Golden Week" does; a holiday named without a word of time ("Christmas is coming") does not."""
    from index.text.temporal import temporal_weight

    assert temporal_weight("We ask that the first remains be returned before Chuseok.") == 1.0
    assert temporal_weight("Bookings rose after Golden Week.") == 1.0
    assert temporal_weight("Christmas is coming to Myeongdong.") == 0.0


def test_a_month_is_a_word_of_its_own_and_a_passage_naming_months_speaks_of_those() -> None:
    """ "Mayor Shinoda" prints no May; "in may?" at a question's end is the month (a verb would follow the
    modal); and a table's "| February | 870,000 |" in an article of June speaks of February, not of June."""
    from index.text.dates import months_asked, months_printed

    assert months_printed("said Mayor Shinoda Kenji") == frozenset()
    assert months_printed("between January and May") == frozenset({1, 5})
    assert months_asked("how many japanese visitors went to korea in may?") == frozenset({5})
    assert months_asked("how many officials may attend?") == frozenset()


def test_a_table_row_naming_its_month_speaks_of_that_month_only(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "How many Koreans went to Japan in June": a row "| February | 870,000 |" of an article of June speaks of
    February; a passage naming no month speaks of its article's."""
    from index.answer.context import Context
    from index.answer.rank import speaks_of_months

    text = (
        "---\ntitle: Travel numbers\ndate: 2026-06-15\n---\n\nTravel hit new records.\n\n"
        "| Month | Koreans to Japan |\n|---|---|\n| February | 870,000 |\n"
    )
    engine = made_up_engine(text, "t.md")
    index = engine.source.current()
    ctx = Context(engine.embedder, EngineConfig())
    row = next(p for p in index.passages if "February" in p.text)
    lead = next(p for p in index.passages if p.text.startswith("Travel hit"))
    assert not speaks_of_months(ctx, index, row, row.text, frozenset({6}))
    assert speaks_of_months(ctx, index, row, row.text, frozenset({2}))
    assert speaks_of_months(ctx, index, lead, lead.text, frozenset({6}))


def test_a_thing_that_dates_from_a_century_is_that_old() -> None:
    """ "How old are the mounds": "The mounds date from the fifth century" (as "dates back to" did)."""
    from index.answer.answerability import Expectation

    assert Expectation.of("how old are the mozu mounds?").weight("The mounds date from the fifth century.") == 1.0


def test_a_group_s_view_told_with_the_verb_asked(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "What do Korean researchers hope to find": "Korean researchers hope to find evidence of the iron trade"
    tells their view, with no verb of speech; a sentence that only names them does not."""
    text = (
        "Joint dig\n\nThe dig will run from Oct. 5 to Nov. 30.\n\n"
        "Korean researchers hope to find evidence of the trade in iron.\n\n"
        "Korean researchers arrived in Osaka on Monday.\n"
    )
    engine = made_up_engine(text, "d.txt", EngineConfig(min_confidence=0.0))
    answer = engine.ask("what do korean researchers hope to find?", k=3)
    assert answer.passages[0].text.startswith("Korean researchers hope")
    assert answer.signals is not None and answer.signals["speaker_named"] == 1.0
    other = engine.ask("what do korean researchers fear?", k=3)
    assert other.signals is not None and other.signals["speaker_named"] == 0.0


def test_a_sum_in_a_country_s_currency_is_money() -> None:
    """ "How much does the pass cost": "priced at 350 US dollars"."""
    from index.answer.answerability import Expectation

    cost = Expectation.of("how much does the joint rail pass cost?")
    assert cost.weight("The pass, priced at 350 US dollars, covers seven days of travel.") == 1.0
    assert cost.weight("The pass covers seven days of travel in US trains.") == 0.0


def test_a_trade_is_a_role() -> None:
    """ "What does the fisherman want": the op-ed's author "is a third-generation fisherman in Seogwipo"
    (index/data/role_nouns.txt: trades as well as posts)."""
    from index.people.registry import find_people
    from seeds_loader import parse_article

    text = (
        "---\ntitle: The summit forgot the fishermen\nauthor: Berit Lund\n---\n\n"
        "*Berit Lund is a third-generation fisherman in Seogwipo.*\n\nI have fished these waters for thirty years.\n"
    )
    registry = find_people([parse_article(text, "o.md")])
    lund = next(p for p in registry.people.values() if p.name == "Berit Lund")
    assert any("fisherman" in r for r in lund.roles)


@pytest.mark.parametrize(
    ("question", "answer", "other"),
    [
        ("how hot was it in sakai?", "It is already 33 degrees.", "Sakai is near Osaka, 30 minutes by train."),
        ("how strong were the winds?", "Winds of up to 180 kilometres an hour.", "Strong winds closed 14 ports."),
        ("how fast was the ferry going?", "The ferry was doing 80 km/h.", "The ferry had 112 passengers."),
    ],
)
def test_a_measure_asked_by_its_adjective_is_a_figure_in_its_units(question: str, answer: str, other: str) -> None:
    """ "How hot", "how fast", "how strong ... winds": a figure in degrees or in a speed, the adjective no word
    the answer need hold ("It is already 33 degrees")."""
    from index.answer.answerability import Expectation, asked_words

    asked = Expectation.of(question)
    assert asked.weight(answer) == 1.0
    assert asked.weight(other) == 0.0
    assert asked_words(question)


def test_what_someone_is_planning_is_asked_in_any_words() -> None:
    """ "What is Yoon planning next?": "planning" asks; the answer ("A cooking school in Busan, next spring")
    need not say it."""
    from index.answer.answerability import asked_words

    assert asked_words("what is yoon planning next?") == ["planning"]


def test_how_much_something_is_up_is_the_size_of_a_change() -> None:
    """ "How much are Fukuoka bookings up?": "up by about a third" sizes it, as "risen" would."""
    from index.answer.answerability import Expectation

    up = Expectation.of("how much are fukuoka bookings up?")
    assert up.change
    assert up.weight("Bookings in Fukuoka are up by about a third.") == 1.0
    assert not Expectation.of("how much does the card cost to top up on the ferry?").change


def test_a_place_told_by_what_it_is_answers_where() -> None:
    """ "Where can the card be topped up": "at convenience stores" answers as a named place does
    (index/data/place_nouns.txt); "at the meeting" is no place."""
    from index.answer.answerability import Expectation

    where = Expectation.of("where can the card be topped up?")
    assert where.weight("It can be topped up in either currency at convenience stores.") == 1.0
    assert where.weight("Seven passengers were taken to hospital.") == 1.0
    assert where.weight("She said it at the meeting on Monday.") == 0.0
