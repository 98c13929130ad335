"""Rules of this round on made-up text: the act a question asks about, ... (each test fails on the code before
its rule)."""

from __future__ import annotations

import pytest

from index.engine import EngineConfig
from index.text.nlp import main_verb, pipeline

needs_model = pytest.mark.skipif(pipeline("tagger", "parser") is None, reason="the spaCy model is not installed")


def engine_made_up(made_up_engine, title: str, paragraphs: list[str]):  # type: ignore[no-untyped-def]
    """An engine over one made-up article of 13 January 2026, every answer shown whatever its confidence."""
    text = f"---\ntitle: {title}\ndate: 2026-01-13\n---\n" + "\n\n".join(paragraphs) + "\n"
    return made_up_engine(text, f"{title.lower().replace(' ', '-')[:20]}.md", EngineConfig(min_confidence=0.0))


def ask_made_up(made_up_engine, title: str, paragraphs: list[str], question: str):  # type: ignore[no-untyped-def]
    """Ask ``question`` of one made-up article (``engine_made_up``)."""
    return engine_made_up(made_up_engine, title, paragraphs).ask(question)


@needs_model
@pytest.mark.parametrize(
    ("question", "verb"),
    [
        ("what will the survey use?", "use"),  # the small model reads a lower-case last word as a noun
        ("how many prefectures does the seafood ban cover?", "cover"),
        ("when does the letters exhibition close", None),  # ... but only the last word: not "exhibition"
        ("what is the death toll?", None),
        ("who leads the party?", "lead"),
    ],
)
def test_the_verb_a_question_asks_about(question: str, verb: str | None) -> None:
    assert main_verb(question) == verb


@needs_model
def test_a_sentence_stating_the_act_asked_about_answers_before_one_sharing_its_nouns(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "What did the ministers agree about fisheries": "agreeing to open talks on fisheries" states the act;
    "would discuss fisheries, the fisheries ministers' fisheries quotas" only shares the nouns. Not an act of
    something else ("the pact, which Japan leads" for "who leads the party")."""
    paragraphs = [
        "The ministers would discuss fisheries quotas and the fisheries fund, the office said.",
        "The ministers ended the meeting agreeing to open talks on fisheries in March.",
    ]
    answer = ask_made_up(made_up_engine, "Ministers", paragraphs, "what did the ministers agree about fisheries?")
    assert "agreeing" in answer.passages[0].highlight
    from index.answer.needs import understand
    from index.answer.question import analyse
    from index.answer.rank import _states
    from index.text.tokens import token_set

    index = made_up_engine("---\ntitle: T\ndate: 2026-01-13\n---\nText.\n", "t.md").source.current()
    needs = understand(index, analyse("who leads the people power party?", index.people))
    assert needs.predicate == "lead"
    assert _states(needs, token_set("Kim Ki-hyeon leads the party."))
    assert not _states(needs, token_set("The trade pact, which Japan leads, has 12 members."))


def test_an_update_revising_the_figure_goes_above_it_and_gives_what_it_counted(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "UPDATE: The board revised the figure to 5.16 million." repeats neither the figure nor what it counts: it
    says it revises "the figure", and the entry before it gives one. It goes above that entry, and its figure
    counts what that entry's counted (the kind asked for is there)."""
    paragraphs = [
        "Nearly 5.2 million Dutch tourists visited Peru in 2025, a record, the tourism board said on Monday.",
        "The Dutch were the largest group of European visitors for the third year in a row.",
        "UPDATE, Jan. 19, 4:30 p.m.: The board revised the figure to 5.16 million after counting late arrivals.",
    ]
    answer = ask_made_up(made_up_engine, "Record year", paragraphs, "how many dutch tourists visited peru in 2025?")
    assert answer.passages[0].text.startswith("UPDATE")
    assert "5.2 million" in answer.passages[1].text
    assert answer.signals is not None and answer.signals["type_ok"] == 1.0


@needs_model
def test_who_is_x_is_answered_by_what_they_are_or_do_not_by_their_name_alone(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """A host's "Berit Lund, thank you." names her and says nothing; "With me is Berit Lund, who heads the
    families' association" says what she is, and "Berit Lund, 58, has led the divers since 2024" what she does:
    either answers "who is Berit Lund" first. "Its leader, Berit Lund, said she had written" is her speaking."""
    from index.answer.rank import gives_role
    from index.people.registry import Person

    lund = Person(id="beritlund", name="Berit Lund")
    lund.variants["Berit Lund"] += 1
    assert gives_role("Berit Lund, 58, has led the volunteer divers since 2024.", lund)
    assert not gives_role("Berit Lund, thank you.", lund)
    assert not gives_role("Berit Lund said she had written to Kim after the news.", lund)
    paragraphs = [
        "HOST: Good morning. With me is Berit Lund, who heads the association of families of the mine victims.",
        "BERIT LUND: We met officials from both governments on Tuesday night.",
        "HOST: Berit Lund, thank you.",
    ]
    answer = ask_made_up(made_up_engine, "Radio transcript", paragraphs, "who is berit lund?")
    assert "heads the association" in answer.passages[0].highlight


def test_what_someone_wants_is_answered_by_a_sentence_of_wanting(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "What do the fishermen want?", "what did the protesters demand?", "what did Sato ask for?": a sentence
    telling what they want, in whatever words ("have asked the government to include them", "We ask that",
    "want faster action"), not one that only names them doing something else ("sent a letter")."""
    from index.answer.answerability import AnswerType, Expectation

    wants = Expectation.of("what do business groups want?")
    assert wants.kind is AnswerType.ADVICE and wants.wants
    assert Expectation.of("What did the protesters demand?").wants
    assert wants.weight("Business groups want faster action on customs.") == 1.0
    assert wants.weight("We ask that every participant be allowed to visit once more.") == 1.0
    assert wants.weight("The groups did not want to comment.") == 0.0
    assert wants.weight("The cooperative said it had sent a letter to the ministry.") == 0.0
    paragraphs = [
        "The fishermen's union said fishermen from every fishermen's village sent a letter on Monday.",
        "Coastal fishermen have asked the government to include them in any talks on herring.",
    ]
    answer = ask_made_up(made_up_engine, "Herring talks", paragraphs, "what do the fishermen want?")
    assert "asked the government to include them" in answer.passages[0].highlight


def test_a_table_rows_header_can_say_its_date_is_to_come(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "| Mine | Resume testing | Inspectors meet in February |" under "Next step" in January is next February,
    not last: it answers "when will the inspectors meet" (a bare month with nothing to come is read as past,
    and a past date does not say when something will be). "Next" opens a sentence as a cue as well."""
    from datetime import date

    from index.text.dates import looks_ahead, resolve_dates

    assert looks_ahead("Next week, the ministers meet again.")
    read = "Area: Mine; Agreement: Resume testing; Next step: Inspectors meet in February"
    assert resolve_dates(read, date(2026, 1, 16))[0].when == date(2026, 2, 1)
    paragraphs = [
        "The summit ended on January 14 without a joint statement. Officials said the ministers met on Monday.",
        "| Area | Agreement | Next step |\n| --- | --- | --- |\n"
        "| Mine | Resume testing of remains | Inspectors meet in February |\n"
        "| Trade | Study a customs window | Working group by June |",
    ]
    answer = ask_made_up(made_up_engine, "Agreed", paragraphs, "when will the inspectors meet?")
    assert "Inspectors meet in February" in answer.passages[0].text
    assert answer.signals is not None and answer.signals["ahead_ok"] == 1.0


def test_a_printed_question_asking_by_role_answers_for_the_person_who_holds_it(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "When will Mori visit Peru?" — a briefing prints "When will the Prime Minister visit Peru?" and the
    reply "Nothing has been decided about the timing.": the question asks about Mori, the one prime minister, and
    the reply answers it (the article says so), though it holds no date."""
    text = (
        "Press conference by the spokesperson (excerpt)\n\nLima, January 15, 2026\n\n"
        "SPOKESPERSON JAN BERG: Prime Minister Ana Mori had frank talks with the Dutch delegation on Tuesday.\n\n"
        "QUESTION (Andes Daily): How much funding will the ministry provide?\n\n"
        "BERG: The amount will be included in the next budget.\n\n"
        "QUESTION (Lima Wire): When will the Prime Minister visit Peru's north?\n\n"
        "BERG: Nothing has been decided about the timing.\n"
    )
    engine = made_up_engine(text, "briefing.txt", EngineConfig(min_confidence=0.0))
    answer = engine.ask("when will mori visit peru's north?")
    assert answer.passages[0].text == "Nothing has been decided about the timing."
    assert answer.signals is not None and answer.signals["type_ok"] == 1.0 and answer.signals["focus"] == 1.0


def test_a_death_toll_is_the_figure_of_those_who_died() -> None:
    """ "What's the death toll from the flood?" asks a count that the answer gives as the figure of those who
    died ("183 laborers ... died"), never with the word "toll": any figure counts, and "toll" is an asking word,
    not one the answer must hold. "What is the total cost" still counts the cost."""
    from index.answer.answerability import AnswerType, Expectation, asked_words

    toll = Expectation.of("what's the death toll from the 1942 mine flood?")
    assert toll.kind is AnswerType.COUNT
    assert toll.weight("183 laborers, including 136 Korean forced laborers, died when the mine flooded.") == 1.0
    assert toll.weight("The mine flooded when a tunnel ceiling collapsed.") == 0.0
    assert "toll" in asked_words("what's the death toll from the 1942 mine flood?")
    assert Expectation.of("what is the total cost?").counted == frozenset({"cost"})


def test_what_someone_said_needs_a_passage_where_someone_speaks(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "What did Berg's Peruvian counterpart say?": "Berg flew to Lima to meet his Peruvian counterpart" names
    him, but nobody says anything there: refused. "What did the fisheries ministry say?" is answered by "the
    fisheries ministry said ...", and a reporter's printed question is the reporter's words."""
    paragraphs = [
        "Defence Minister Jan Berg flew to Lima on Monday to meet his Peruvian counterpart before the summit.",
        "The fisheries ministry said the talks on quotas had been useful and would resume in March.",
    ]
    engine = engine_made_up(made_up_engine, "Berg in Lima", paragraphs)
    counterpart = engine.ask("What did Berg's Peruvian counterpart say?")
    assert not counterpart.answered
    assert counterpart.passages and "counterpart" in counterpart.passages[0].text
    ministry = engine.ask("what did the fisheries ministry say?")
    assert ministry.answered and "ministry said" in ministry.passages[0].highlight
    # ... and a verb of speech in the passive is someone speaking to them, not their words
    asked = ["10:15 — The trade minister is asked to report on the customs window by the end of March."]
    minister = engine_made_up(made_up_engine, "Cabinet", asked).ask("What did the trade minister say?")
    assert not minister.answered


def test_who_holds_a_title_nobody_in_the_coverage_holds_is_refused(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "Who is the Dutch trade minister?" when the coverage's only minister is its foreign minister: nobody holds
    the title, so nothing answers (not a passage that shares "trade" and "minister"); "who is the foreign
    minister?" finds her by her title."""
    paragraphs = [
        "Foreign Minister Ana Mori met the Dutch delegation in Lima on Tuesday.",
        "Trade between the two countries grew by a fifth last year, the minister told reporters.",
    ]
    engine = engine_made_up(made_up_engine, "Mori in Lima", paragraphs)
    trade = engine.ask("Who is the Dutch trade minister?")
    assert not trade.answered and trade.refusal == "unknown_name"
    foreign = engine.ask("who is the foreign minister?")
    assert foreign.answered and "Ana Mori" in foreign.passages[0].highlight


def test_how_long_after_asks_the_time_between_two_things(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "How long after his Peru trip is Berg going to Chile?": "just six days after his four-day visit to Peru"
    tells the time between; "two days, shorter than his four-day trip to Peru" tells how long each lasts."""
    from index.answer.answerability import Expectation

    gap = Expectation.of("how long after his peru trip is berg going to chile?")
    assert gap.gap and gap.weight("They met again a week later.") == 1.0
    assert gap.weight("The visit will span two days, shorter than his four-day trip.") == 0.0
    paragraphs = [
        "Berg's trip to Chile will span two days, shorter than his four-day trip to Peru, his office said.",
        "The visit to Chile comes just six days after his four-day state visit to Peru last week.",
    ]
    answer = ask_made_up(
        made_up_engine, "Berg abroad", paragraphs, "how long after his peru trip is berg going to chile?"
    )
    assert "six days after" in answer.passages[0].highlight


def test_after_an_event_is_not_answered_by_what_comes_before_it(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "What does Berit Lund do after every summit?": "Lund prepares for weeks before a summit" tells of the
    other side of a summit; "She has one rule after every summit: she sleeps for twelve hours" answers."""
    from index.answer.occasion import other_side

    timing = ("after", frozenset({"summit"}))
    assert other_side(timing, "Lund prepares for weeks before a summit.")
    assert not other_side(timing, "Before and after every summit she rests.")
    assert not other_side(timing, "She reads for weeks before the vote.")
    paragraphs = [
        "Berit Lund is an interpreter. Lund prepares for weeks before a summit, Lund said, reading every speech.",
        "She has one rule for herself after every summit: she sleeps for twelve hours.",
    ]
    answer = ask_made_up(made_up_engine, "Interpreter", paragraphs, "what does berit lund do after every summit?")
    assert "sleeps for twelve hours" in answer.passages[0].highlight


def test_according_to_names_whose_words_after_what_is_asked_of_them() -> None:
    """ "What is missing according to the lawyer?": what is asked is "what is missing", before whose words answer
    it; the speaker's role is not a word the answer must hold."""
    from index.answer.question import analyse
    from index.people.registry import PeopleRegistry, Person

    choi = Person(id="choijiwoo", name="Choi Ji-woo", roles=["human rights lawyer"])
    choi.variants["Choi Ji-woo"] += 1
    choi.articles.add("op")
    parsed = analyse("what is missing according to the lawyer?", PeopleRegistry([choi]))
    assert parsed.target == "the lawyer" and parsed.topic == "what is missing" and parsed.has_topic
    assert analyse("according to the lawyer, what is missing?", PeopleRegistry([choi])).topic == "what is missing"


def test_the_second_of_something_is_not_answered_by_the_first(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "When will the second working group meeting be held?" and the coverage gives only the first ("| Feb. 5 |
    First working group meeting | Lima |"): nothing answers. "The first episode lasted three minutes; the second,
    ..., half an hour" speaks of the second; a yes/no question ("Is this their first meeting?") is answered by
    another ordinal ("the third")."""
    from index.answer.occasion import asked_ordinal, other_ordinal

    second = asked_ordinal("When will the second working group meeting be held?")
    assert other_ordinal(second, "| Feb. 5 | First working group meeting | Lima |")
    assert not other_ordinal(second, "The second working group meeting will be in March.")
    episode = asked_ordinal("How long did the second radar episode last?")
    assert not other_ordinal(episode, "The first episode lasted three minutes; the second went on for half an hour.")
    assert asked_ordinal("Is this the leaders' first meeting?") is None
    paragraphs = [
        "The first working group meeting will be held in Lima on Feb. 5, the ministry said.",
    ]
    answer = ask_made_up(made_up_engine, "Calendar", paragraphs, "When will the second working group meeting be held?")
    assert not answer.answered and answer.signals is not None and answer.signals["ordinal_ok"] == 0.0


def test_an_update_that_says_what_it_replaces_goes_above_an_older_articles_answer(hash_embedder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """An explainer of January 28 lists "| March 12 | Trade dialogue | Lima |"; a brief of January 29 says "UPDATE
    (Jan. 30): The dialogue will now take place in Cusco, not Lima.": the update goes above the older article's
    row. An older article that never names Lima keeps its place, and so does a newer one."""
    from datetime import date

    from index.engine import Engine
    from index.store.handle import IndexHandle
    from index.store.versions import build_index
    from seeds_loader import parse_article

    explainer = (
        "---\ntitle: The calendar\ndate: 2026-01-28\n---\nThe talks set off a busy few months.\n\n"
        "| Date | Event | Where |\n| --- | --- | --- |\n| March 12 | Trade dialogue will be held | Lima |\n"
        "| April | Joint drill | Quito |\n"
    )
    brief = (
        "Trade dialogue set for March\n\nCapital Wire | January 29, 2026\n\n"
        "The first trade dialogue since 2023 will be held on March 12, the ministry said on Thursday.\n\n"
        "UPDATE (Jan. 30): The ministry said the dialogue will now take place in Cusco, not Lima.\n"
    )
    articles = [parse_article(explainer, "calendar.md"), parse_article(brief, "brief.txt")]
    index = build_index(articles, hash_embedder, tmp_path / "index")
    engine = Engine(IndexHandle.of(index, hash_embedder.name), hash_embedder, config=EngineConfig(min_confidence=0.0))
    answer = engine.ask("where will the trade dialogue of march 12 be held?")
    texts = [p.text for p in answer.passages]
    assert texts[0].startswith("UPDATE") and "Lima" in texts[1], texts
    from index.answer.updates import _no_later, _replaced

    assert _replaced("The dialogue will now take place in Cusco, not Lima.") == ("Lima",)
    assert not _no_later(date(2026, 1, 30), date(2026, 1, 29))


def test_a_name_never_ends_with_an_article_or_a_preposition() -> None:
    """ "What did the leaders discuss on the call?" asks a fact: "call" is no verb of speech there, and "the
    leaders discuss on the" nobody whose words are asked for; "what did the head of the group say?" still asks
    for someone's words."""
    from index.answer.question import Intent, analyse
    from index.people.registry import PeopleRegistry

    assert analyse("what did the leaders discuss on the call?", PeopleRegistry()).intent is Intent.FACT
    head = analyse("what did the head of the group say?", PeopleRegistry())
    assert head.intent is Intent.QUOTE and head.target == "the head of the group"


def test_an_unnamed_title_holder_doing_it_says_who(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "Who has to report on the customs window?": "10:15 — The trade minister is asked to report on the customs
    window by the end of March." says who, by title; "UPDATE: The office says the deadline for the customs report is
    April" says when. (Not "Berg will visit the temple": a name, no title.)"""
    from index.answer.answerability import fills_who

    assert fills_who("10:15 — The trade minister is asked to report on the customs window by the end of March.")
    assert not fills_who("The deadline for the report is the end of April.")
    paragraphs = [
        "**09:30** — President Jan Berg is chairing the cabinet meeting.",
        "**10:15** — The trade minister is asked to report on the customs window by the end of March.",
        "**10:40** — UPDATE: The presidential office says the deadline for the customs window report is the end of "
        "April, not March.",
    ]
    answer = ask_made_up(made_up_engine, "Cabinet live", paragraphs, "who has to report on the customs window?")
    assert "trade minister" in answer.passages[0].highlight
