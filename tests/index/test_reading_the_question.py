"""Rules that read a question or a sentence with the trained pipeline (spaCy) or with the article's own dates,
each on made-up text: what a count counts, who-did-it questions, a "which X" answered only by a bare X,
a journey's origin, time stamps, figures under labels, and a weekday said as "tomorrow"."""

from __future__ import annotations

from datetime import date

import pytest

from index.answer.answerability import AnswerType, Expectation
from index.answer.question import Intent
from index.answer.updates import asks_earlier
from index.engine import EngineConfig
from index.text.dates import dates_in, resolve_dates, weekday_words, weekdays_named
from index.text.figures import counted_head, counted_nouns, figures
from index.text.motion import destination, names_destination, only_origin
from index.text.nlp import asks_who_did, completes_before, counted_phrase, only_bare, pipeline
from index.text.tokens import tokenize


def ask_made_up(made_up_engine, title: str, paragraphs: list[str], question: str):  # type: ignore[no-untyped-def]
    """Ask ``question`` of one made-up article of 13 January 2026 (its title and paragraphs), every answer
    shown whatever its confidence."""
    text = f"---\ntitle: {title}\ndate: 2026-01-13\n---\n" + "\n\n".join(paragraphs) + "\n"
    engine = made_up_engine(text, f"{title.lower().replace(' ', '-')[:20]}.md", EngineConfig(min_confidence=0.0))
    return engine.ask(question)


needs_model = pytest.mark.skipif(pipeline("tagger", "parser") is None, reason="the spaCy model is not installed")


@needs_model
@pytest.mark.parametrize(
    ("question", "phrase", "head"),
    [
        ("How many people waited outside the hall?", "people", "people"),  # a verb no list holds ends it
        ("How many Dutch visited Peru in 2024?", "Dutch", "Dutch"),
        ("how many Korean forced laborers' remains have been found", "Korean forced laborers' remains", "remains"),
        ("How many police officers did Osaka send?", "police officers", "officers"),
        ("how many of the victims were Japanese", None, None),  # partitive: "47 Japanese" counts them
    ],
)
def test_what_a_count_counts_is_read_from_the_parse(question: str, phrase: str | None, head: str | None) -> None:
    found = counted_phrase(question)
    assert (found[0], found[1]) == (phrase, head) if found else phrase is None
    if head:
        assert counted_head(question) >= frozenset(tokenize(head))


@needs_model
def test_a_count_of_people_doing_something_is_answered_by_its_figure() -> None:
    waited = Expectation.of("How many people waited outside the hall?")
    # (with every noun counting people: "nine passengers waited" counts them too, index/data/person_nouns.txt)
    assert frozenset(tokenize("people passengers")) <= waited.counted
    assert waited.weight("About 200 people, many waving flags, waited behind barriers outside the hall.") == 1.0
    assert waited.weight("The hall, built in 1905, has 3 doors.") < 1.0


def test_a_time_stamp_is_no_figure() -> None:
    nouns = counted_nouns("how many reporters were at the briefing")
    assert figures("[20:41] The office is about to brief reporters at the press centre.", nouns) == []
    assert figures("At 3:40 p.m. some 40 reporters were waiting.", nouns)[0].value == 40.0


def test_a_figure_under_its_label_counts_what_the_label_says() -> None:
    row = "Year: 2019; Dutch visitors to Peru (thousands): 5.58; Peruvian visitors to Holland (thousands): 3.27"
    found = figures(row, frozenset(tokenize("peruvian visitors")))
    assert found[0].value == 3.27 and "Peruvian visitors" in found[0].phrase
    assert figures("Population: 160,000", frozenset(tokenize("population")))[0].value == 160_000.0


@needs_model
@pytest.mark.parametrize(
    ("question", "did"),
    [
        ("Who is travelling with the mayor on the trip?", True),
        ("who was behind the idea", True),
        ("who was arrested", True),
        ("who is Kang Yu-jung", False),
        ("who is the spokesperson?", False),
    ],
)
def test_who_is_doing_something_asks_who_does_it(question: str, did: bool) -> None:
    assert asks_who_did(question) is did
    assert (Expectation.of(question).kind is AnswerType.AGENT) is did


@needs_model
def test_who_did_it_is_not_answered_by_the_people_the_question_names(made_up_engine) -> None:
    text = (
        "---\ntitle: The mayor's trip\ndate: 2026-01-13\n---\n"
        "Mayor Anna Berg left for Lyon on Tuesday on a two-day trip, her first abroad since taking office.\n\n"
        "Officials said the programme would include a visit to a river port.\n"
    )
    config = EngineConfig(min_confidence=0.0)
    answer = made_up_engine(text, "trip.md", config).ask("Who is travelling with Anna Berg on the trip?")
    assert answer.intent == Intent.FACT.value  # not "who is X"
    assert answer.signals["agent_ok"] == 0.0  # type: ignore[index]  # she is the one the question names
    companion = text.replace("Officials said", "Her deputy, Jonas Holm, is travelling with her. Officials said")
    answer = made_up_engine(companion, "companion.md", config).ask("Who is travelling with Anna Berg on the trip?")
    assert answer.signals["agent_ok"] == 1.0  # type: ignore[index]


@needs_model
def test_a_which_x_is_not_answered_by_a_bare_x() -> None:
    gift = Expectation.of("What gift did Berg give Lund in Lyon?")
    assert only_bare(["Berg and Lund exchanged gifts and toured the old port in Lyon."], "gift", gift.asked)
    assert gift.bare(["Berg and Lund exchanged gifts and toured the old port in Lyon."])
    assert not only_bare(["Berg gave Lund a silver bowl as a gift."], "gift", gift.asked)
    songs = Expectation.of("Which folk songs did the leaders sing?")
    assert songs.bare(["After dinner the two leaders sang along to folk songs."])
    assert not songs.bare(["They sang Greensleeves, a folk song both had learnt at school."])  # a name
    ministry = Expectation.of("Which ministry handles the remains?")
    assert not ministry.bare(["An official said the health ministry, which handles the remains, would meet soon."])
    assert not ministry.bare(["The remains were found in 1942."])  # no ministry at all: not for this rule


def test_leaving_for_a_place_is_not_answered_by_leaving_from_it() -> None:
    assert destination("What time did the mayor's plane leave for Lyon?") == "Lyon"
    lyon = frozenset(tokenize("Lyon"))
    assert only_origin("[10:04] The plane has taken off from Lyon Saint-Exupery airport.", lyon)
    assert not only_origin("She took off for Lyon at about 2:35 p.m.", lyon)
    assert not names_destination("Good morning from Lyon and Oslo.", lyon)
    assert names_destination("All times are given as the time in Lyon.", lyon)
    assert names_destination("The mayor will pay a visit to Greater Lyon next month.", lyon)
    assert not names_destination("The mayor met her host in Turin, as Lyon seeks closer ties.", lyon)  # a subject


def test_tomorrow_and_yesterday_are_days_of_the_article() -> None:
    tuesday = date(2026, 1, 13)
    assert [m.when for m in resolve_dates("Tomorrow morning the two will visit the port.", tuesday)] == [
        date(2026, 1, 14)
    ]
    assert [m.when for m in resolve_dates("She arrived yesterday.", tuesday)] == [date(2026, 1, 12)]
    assert weekday_words(dates_in(["Tomorrow morning the two will visit the port."], tuesday)) == "Wednesday"
    assert weekdays_named("Where is the mayor going on Wednesday morning?") == {"wednesday"}


def test_a_weekday_asked_about_is_found_as_the_articles_tomorrow(made_up_engine) -> None:
    paragraphs = [
        "The spokesperson said the talks had gone well and the dinner was still going on.",
        "Tomorrow morning the mayor will visit the river port. She will fly home in the afternoon.",
    ]
    answer = ask_made_up(made_up_engine, "Briefing", paragraphs, "Where is the mayor going on Wednesday morning?")
    assert answer.passages[0].highlight.startswith("Tomorrow morning")


def test_the_decision_answers_at_its_own_even_odds() -> None:
    """The operating point is the balanced model's probability 0.5, not a threshold set at the weakest
    answering question of the training sets."""
    from index.answer.decision import Signals, fit

    def signals(score: float, typed: float) -> Signals:
        return Signals(score, score, score, typed, 1.0, 1.0, score, 0.0, 0.0, 0.1)

    answering = [signals(0.5 + i / 40, 1.0) for i in range(20)]
    refusing = [signals(0.2 + i / 40, float(i % 2)) for i in range(10)]
    decision = fit(answering + refusing, [True] * 20 + [False] * 10)
    assert all(decision.probability(s) > 0.5 for s in answering[2:])
    assert all(decision.probability(s) < 0.5 for s in refusing[:8])
    assert decision.probability(signals(0.9, 1.0)) > decision.probability(signals(0.9, 0.0))


@needs_model
def test_a_destination_is_a_noun_where_the_question_puts_it() -> None:
    assert destination("How many days after the Peru trip does the Chile visit come?") is None
    assert destination("when will the mayor visit lyon") == "lyon"


def test_the_thing_counted_before_of_and_a_figure() -> None:
    remains = Expectation.of("How many miners' remains are at the pit?")
    assert remains.weight("The families want the remains of some 130 miners brought home.") == 1.0
    laborers = Expectation.of("how many forced laborers' remains have been identified?")
    assert laborers.weight("183 laborers, including 136 forced laborers, died when the pit flooded.") == 0.5


@needs_model
def test_a_brand_asked_for_is_a_proper_name_not_a_nationality() -> None:
    brand = Expectation.of("Which brand of cosmetics did the mayor bring?")
    assert (brand.kind, brand.head, brand.strict) == (AnswerType.NAMED, "cosmetics", True)
    assert brand.weight("The mayor brought Dutch cheese and Dutch cosmetics for her host.") == 0.0
    assert brand.weight("The mayor brought a box of Sulwhasoo cosmetics for her host.") == 1.0


def test_a_correction_notice_is_shown_with_the_sentence_that_corrects(made_up_engine) -> None:
    paragraphs = [
        "The mayor gave her host a set of glass bowls made in Murano.",
        "The two spoke for an hour about the river port and the new ferry line.",
        "*Correction: An earlier version of this article misstated where the glass bowls were made. They were "
        "made in Murano, not Venice.*",
    ]
    answer = ask_made_up(made_up_engine, "Gifts", paragraphs, "What did the correction say about the glass bowls?")
    top = answer.passages[0]
    assert "earlier version" in top.highlight and "not Venice" in top.highlight


def test_a_year_asked_about_ranks_the_passages_that_speak_of_it_first(made_up_engine) -> None:
    paragraphs = [
        "The visits between the mayors of Lyon and Turin began as a routine in 2004, when both cities signed a "
        "pact on river ports and the visits were brought to life.",
        "After a quarrel over a football match the visits stopped for more than a decade.",
        "Mayors Anna Berg and Paolo Conti revived the practice in 2023.",
    ]
    answer = ask_made_up(made_up_engine, "Twins", paragraphs, "Which mayors brought the visits back to life in 2023?")
    assert "2023" in answer.passages[0].text


@needs_model
def test_a_which_x_is_told_apart_by_its_own_phrase_not_by_names_around_it() -> None:
    hotel = Expectation.of("Which hotel did the mayor stay at in Lyon?")
    assert hotel.bare(["In December 2011 I sat in a hotel conference room in Lyon and took notes."])
    assert not hotel.bare(["In December 2011 I sat in the Hotel Carlton's conference room in Lyon."])
    gift = Expectation.of("What gift did Berg give Lund?")
    assert gift.bare(["Berg and Lund exchanged gifts and visited an old church in Lyon."])  # Lyon is no gift
    temple = Expectation.of("Which temple did the leaders visit?")
    assert not temple.bare(["The leaders visited Horyuji. The temple is 1,300 years old."])  # the one named
    assert temple.bare(["The leaders visited a temple in the morning."])
    ports = Expectation.of("Which ports does the column say the ban covers?")
    assert not ports.bare(["The ban covers eight ports: Aomori, Iwate, Miyagi and Chiba."])  # a list after it
    things = Expectation.of("What three things are officials watching?")
    assert not things.bare(["Officials point to three things to watch:", "- the DNA talks;", "- the visit."])


def test_a_columns_short_lead_comes_with_what_it_announces_in_the_same_voice(made_up_engine) -> None:
    paragraphs = [
        "By Marta Kowal",
        "I spent twenty years running the port authority, and I have seen ferry lines open and close.",
        "My worry lies elsewhere. The city has never said who will pay for the new piers, and a promise "
        "nobody pays for is soon forgotten.",
        "*Marta Kowal, a columnist, ran the Gdansk port authority from 1998 to 2018.*",
    ]
    answer = ask_made_up(made_up_engine, "Why the ferry matters", paragraphs, "What is the columnist worried about?")
    worry = next(p for p in answer.passages if p.text.startswith("My worry"))
    assert worry.speaker == "Marta Kowal"  # "My" opening a sentence is the first person too
    assert worry.highlight.startswith("My worry lies elsewhere.") and "who will pay" in worry.highlight


def test_who_speaks_in_a_passage_is_known_by_name_and_role(hash_embedder, tmp_path) -> None:
    from index.answer.context import Context
    from index.store.versions import build_index
    from seeds_loader import parse_article

    text = (
        "---\ntitle: Why the ferry line matters\nbyline: Marta Kowal\ndate: 2026-01-16\n---\n"
        "I spent twenty years running the port authority. My worry lies elsewhere.\n\n"
        "*Marta Kowal, a columnist, ran the Gdansk port authority from 1998 to 2018.*\n"
    )
    index = build_index([parse_article(text, "column.md")], hash_embedder, tmp_path / "index")
    passage = index.passages[index.passages.of_article("column")[0]]
    voices = Context(hash_embedder, EngineConfig()).voices(index, passage)
    assert "Marta Kowal" in voices and "columnist" in voices  # "what is the columnist worried about"


@needs_model
def test_the_question_reader_warmed_in_the_background_is_the_one_loaded() -> None:
    from index.text import nlp

    nlp.warm_grammar()  # returns at once; a question asked meanwhile waits for the same load
    assert nlp.pipeline(*nlp._GRAMMAR) is nlp.pipeline(*nlp._GRAMMAR) is not None


def test_the_answering_sentence_is_the_best_even_when_a_neighbour_before_it_joins() -> None:
    """The decision measures a missing word's pull on the sentence the highlight was built around, not on
    a neighbour that joined it from before (the highlight's sentences are kept in reading order)."""
    from index.answer.rank import Ranked

    assert Ranked(0.9, None, (2, 3), best=3).answering == 3  # type: ignore[arg-type]
    assert Ranked(0.9, None, (4,)).answering == 4  # type: ignore[arg-type]


@needs_model
def test_a_which_x_asked_as_the_subject_still_names_its_x() -> None:
    airlines = Expectation.of("Which Chinese airlines offered refunds?")  # no auxiliary for a pattern to find
    assert (airlines.kind, airlines.head) == (AnswerType.NAMED, "airlines")
    assert airlines.bare(["Several Chinese airlines are offering refunds on tickets to Japan."])
    assert not airlines.bare(["Air China, China Eastern and China Southern began offering refunds."])
    assert Expectation.of("What happened in Nara?").kind is AnswerType.ANY


def test_the_outlet_a_question_names_is_whose_coverage_not_its_topic(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "According to the Harbour Gazette" says whose coverage is asked about: the outlet's name is not a
    focus word the passage must hold (nor the missing word the decision weighs)."""
    text = (
        "---\ntitle: The council and the bridge\noutlet: Harbour Gazette\ndate: 2026-01-13\n---\n"
        "The council should repair the old bridge before the winter storms, engineers said.\n"
    )
    engine = made_up_engine(text, "gazette.md", EngineConfig(min_confidence=0.0))
    named = engine.ask("What should the council do about the bridge, according to the Harbour Gazette?")
    plain = engine.ask("What should the council do about the bridge?")
    assert named.signals is not None and plain.signals is not None
    assert named.signals["focus"] == plain.signals["focus"] == 1.0
    assert named.signals["crux_drop"] == 0.0


@pytest.mark.parametrize(
    ("sentence", "when"),
    [
        ("The families urged both governments to bring the remains home before the holiday in September.",
         date(2026, 9, 1)),
        ("The summit will be held in January.", date(2027, 1, 1)),
        ("The first dives began in September.", date(2025, 9, 1)),
        ("He visited Seoul last March.", date(2025, 3, 1)),
        ("He visited Seoul in February.", date(2026, 2, 1)),
    ],
)  # fmt: skip
def test_a_bare_month_is_the_one_to_come_when_the_sentence_looks_ahead(sentence: str, when: date) -> None:
    """Resolved against a story of 4 March 2026: a request, a plan or a future looks ahead, the rest back."""
    assert [m.when for m in resolve_dates(sentence, date(2026, 3, 4))] == [when]


def test_a_role_nobody_in_the_coverage_is_called_is_unknown_whatever_its_qualifiers(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "The Japanese ambassador to Korea": "Japanese" and "Korea" are in every story, "ambassador" in none;
    who holds it is not in the coverage (refused as unknown, as a name it never mentions), while a role it
    does give is looked for."""
    text = (
        "---\ntitle: Remains to return\ndate: 2026-03-16\n---\n"
        "Japanese Prime Minister Sanae Takaichi said Korea and Japan would work together on the return.\n\n"
        "Interior Minister Yun Ho-jung told reporters the team would work alongside Japanese experts.\n"
    )
    engine = made_up_engine(text, "remains.md", EngineConfig(min_confidence=0.0))
    for question in ("Who is the Japanese ambassador to Korea?", "What did the Japanese ambassador say?"):
        answer = engine.ask(question)
        assert not answer.answered and answer.refusal in ("unknown_name", "unknown_speaker")
    assert engine.ask("Who is the interior minister?").refusal is None


@pytest.mark.parametrize(
    "question",
    ["kim hae won quotes", "quotes from kim hae won", "Any comments from Kim Hae-won?", "wat did kim hae won say"],
)
def test_a_staffers_shorthand_for_someones_words_is_answered_with_them(made_up_engine, question: str) -> None:  # type: ignore[no-untyped-def]
    """ "X quotes", "quotes from X", chat shorthand ("wat"): all of the person's words, never refused because
    "quotes" or "comments" is no word of theirs (a whole answer asks about nothing)."""
    text = (
        "---\ntitle: Families react\ndate: 2026-03-16\n---\n"
        'Kim Hae-won, who heads the families\' association, told reporters: "We waited so long."\n\n'
        "The ministry said the remains would be flown home on March 28.\n"
    )
    answer = made_up_engine(text, "families.md").ask(question)
    assert answer.intent == Intent.QUOTE.value and answer.answered
    assert answer.passages[0].speaker == "Kim Hae-won"


def test_chat_shorthand_is_read_as_the_words_it_stands_for() -> None:
    from index.answer.typed import as_question

    assert as_question("wat did kihara say abt the families") == "what did kihara say about the families?"
    assert as_question("what about the watts") == "what about the watts?"  # whole words only


def test_a_journey_told_in_the_question_a_passage_answers_is_told_with_it(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "When will the remains arrive?" over "On March 28, on a chartered flight": the passage says which way
    the journey goes through the question it answers; a passage telling no journey at all does not."""
    text = (
        "---\ntitle: Your questions answered\ndate: 2026-03-17\n---\n"
        "1. When will the remains arrive?\n\nOn March 28, on a government-chartered flight to Incheon.\n"
    )
    answer = made_up_engine(text, "qa.md", EngineConfig(min_confidence=0.0)).ask("When will the remains arrive?")
    assert answer.signals["direction_ok"] == 1.0  # type: ignore[index]
    plain = text.replace("1. When will the remains arrive?\n\n", "")
    answer = made_up_engine(plain, "plain.md", EngineConfig(min_confidence=0.0)).ask("When will the remains arrive?")
    assert answer.signals["direction_ok"] == 0.0  # type: ignore[index]


def test_a_bare_figure_counts_what_the_question_it_answers_counts() -> None:
    """ "How many samples have you taken?" — "About two hundred from relatives so far.": the answer's figure
    counts samples through the interviewer's question; without it, a bare figure is only something like one."""
    expectation = Expectation.of("How many samples has the team taken?")
    answer = "About two hundred from relatives so far."
    assert expectation.weight(answer, "", "How many samples have you taken?") == 1.0
    assert expectation.weight(answer, "", "What is the hardest part?") == 0.5


def test_when_will_is_not_dated_by_what_was_done_before_the_article(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "When will the divers go back?" in Friday's paper: "went back on Friday" tells what was done; "We will go
    again in March" dates what is to come, and answers, though the question's words are the first's."""
    answer = ask_made_up(
        made_up_engine,
        "Divers return",
        [
            "A team of volunteer divers went back into the flooded mine on Tuesday.",
            "The divers reached a depth of 42 metres before poor visibility turned them.",
            '"We will go again in March when the water is clearer," the team leader said.',
        ],
        "When will the divers go back into the mine?",
    )
    assert "in March" in answer.passages[0].highlight


def test_a_who_question_is_answered_by_a_passives_agent(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "Who confirmed the third match?": "was confirmed by the National Forensic Service" says who, as a
    sentence naming a person would; a sentence naming nobody does not."""
    answer = ask_made_up(
        made_up_engine,
        "Remains identified",
        [
            "The ministry said on Thursday that the remains of two miners had been identified.",
            "A third match was confirmed by the National Forensic Service in the afternoon.",
        ],
        "Who confirmed the third match?",
    )
    assert answer.signals["agent_ok"] == 1.0 and "National Forensic Service" in answer.passages[0].highlight  # type: ignore[index]


def test_the_names_of_things_asked_for_need_a_name(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "What are the names of the identified miners?": a sentence counting them names none."""
    answer = ask_made_up(
        made_up_engine,
        "Remains identified",
        ["The ministry now says three miners have been identified by DNA, not two."],
        "What are the names of the identified miners?",
    )
    assert answer.signals["type_ok"] == 0.0  # type: ignore[index]


def test_a_correction_saying_what_is_right_in_a_sentence_of_its_own_answers(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """A correction whose second sentence says what is so ("It has twelve.") answers before the entry it
    corrects, and its highlight holds that sentence; one that only says an earlier post was wrong does not."""
    text = (
        "---\ntitle: Talks in Ube live\ndate: 2026-02-05\n---\n"
        "09:30 JST — Welcome to our coverage of the talks. The Korean delegation has eleven members.\n\n"
        "Correction: In an earlier post we said the Korean delegation had eleven members. It has twelve.\n"
    )
    answer = made_up_engine(text, "live.md", EngineConfig(min_confidence=0.0)).ask(
        "How many members does the Korean delegation have?"
    )
    assert answer.passages[0].kind == "correction" and "It has twelve." in answer.passages[0].highlight


def test_a_persons_view_asked_other_ways_asks_for_their_words() -> None:
    """ "Why does X think ...", "does the historian believe ...", "what is X thinking of" ask for a person's
    words, as "what does X think" does; the words before the verb must be a person of the coverage, by name
    or by a role they name ("South Korea" is no one's), and a plan or a wish ("which region does X hope to
    visit") may be told by others, so it is searched everywhere."""
    from index.answer.question import analyse
    from index.people.registry import find_people
    from seeds_loader import parse_article

    article = parse_article(
        "Interview\n\nMariko Sato, a historian at Yamaguchi University, said the divers changed everything. "
        "President Lee Jae Myung of South Korea met the families.\n",
        "x.txt",
    )
    registry = find_people([article])
    for question in [
        "Why does Mariko Sato think the mine was forgotten?",
        "Does the historian believe the tests will succeed?",
        "What is Mariko Sato thinking of doing next?",
    ]:
        parsed = analyse(question, registry)
        assert parsed.intent is Intent.QUOTE and parsed.person is not None, question
        assert parsed.person.name == "Mariko Sato" and parsed.has_topic
    for question in ["Why does South Korea think the talks matter?", "Which region does Mariko Sato hope to visit?"]:
        assert analyse(question, registry).intent is Intent.FACT, question


def test_an_explainers_question_that_is_the_question_asked_holds_its_answer(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "Who is doing the DNA tests?" under the FAQ's own "Who is doing the DNA tests?": the answer names
    institutions, no person, and still says who; the article says so."""
    text = (
        "---\ntitle: Your questions answered\ndate: 2026-02-14\n---\n"
        "**Who is doing the DNA tests?**\n\nKorea's National Forensic Service and a Japanese institute each test "
        "every sample.\n\nPresident Lee Jae Myung said the tests would start soon.\n"
    )
    answer = made_up_engine(text, "faq.md", EngineConfig(min_confidence=0.0)).ask("Who is doing the DNA tests?")
    assert answer.signals["agent_ok"] == 1.0 and "National Forensic Service" in answer.passages[0].highlight  # type: ignore[index]


def test_a_relation_asked_about_must_be_spoken_of(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "What did Lee Mi-kyung's father do?": a passage about her that never speaks of her father does not
    answer (nor, for "what did her son tell her", is it her son's words)."""
    head = "---\ntitle: Two daughters\ndate: 2026-02-15\n---\n"
    her = "Lee Mi-kyung, 79, heard the news from a neighbour in Busan. She has not had a call.\n"
    engine = made_up_engine(head + her, "daughters.md", EngineConfig(min_confidence=0.0))
    assert engine.ask("What did Lee Mi-kyung's father do before the mine?").signals["relation_ok"] == 0.0  # type: ignore[index]
    assert not engine.ask("What did Lee Mi-kyung's son tell her?").answered
    father = "Lee Mi-kyung's father, Lee Jae-sik, was 23 when he went into the mine.\n"
    engine = made_up_engine(head + father, "father.md", EngineConfig(min_confidence=0.0))
    assert engine.ask("What did Lee Mi-kyung's father do before the mine?").signals["relation_ok"] == 1.0  # type: ignore[index]


def test_an_update_about_something_else_does_not_go_above_what_is_asked(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "How many miners have been identified?": an update of the return's date ("all five will be returned in
    June, not in May") holds no word of what is asked and revises nothing of it; the count answers."""
    text = (
        "---\ntitle: Fourth and fifth miners identified\ndate: 2026-04-17\n---\n"
        "Two more Korean miners who died in the 1942 flooding of the mine have been identified, bringing the "
        "total to five, the joint forensic panel said on Friday.\n\n"
        "UPDATE, 3:15 p.m.: The panel now says the remains of all five will be returned together in June, not in "
        "May as it said earlier.\n"
    )
    answer = made_up_engine(text, "update.md", EngineConfig(min_confidence=0.0)).ask(
        "How many miners have been identified?"
    )
    assert answer.passages[0].highlight.startswith("Two more Korean miners")


def test_when_will_keeps_a_sentence_of_what_is_to_come_whatever_past_date_it_names(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "When will the talks open?": "the remains recovered last August will undergo DNA analysis, and the two
    sides will open talks without delay" tells of what is to come, though "last August" is past; "the talks
    were discussed on Tuesday" tells of nothing to come."""
    answer = ask_made_up(
        made_up_engine,
        "Talks agreed",
        [
            "The leaders discussed when the talks open on Tuesday in Nara.",
            "The remains recovered last August will undergo DNA analysis, and the two sides will start "
            "consultations without delay.",
        ],
        "When will the talks open?",
    )
    assert "without delay" in answer.passages[0].highlight


@pytest.mark.parametrize(
    ("question", "now", "then"),
    [("How old is Choi Dong-su?", 1.0, 0.5), ("How old was Jeon Sang-gu when his father drowned?", 0.5, 1.0)],
)
def test_an_age_asked_now_or_then(question: str, now: float, then: float) -> None:
    """ "How old is X" is answered by an age now ("Mr. Choi, now 93,", "who is 85", "Choi Young-hee, 88,");
    "how old was X when ..." by an age then ("was 23 when he went into the mine", "His son was two."); the
    other half answers, as any figure does."""
    expectation = Expectation.of(question)
    for sentence in ["On Saturday Mr. Choi, now 93, stood at the sea wall.", "Jeon Sang-gu, who is 85, still goes."]:
        assert expectation.weight(sentence) == now
    for sentence in ["Mr. Choi was eleven when his father left the village.", "His son was two."]:
        assert expectation.weight(sentence) == then
    assert expectation.weight("The panel met in Seoul.") == 0.0


@pytest.mark.parametrize(
    ("sentence", "month"),
    [
        ("We hope in June, together with the three already identified.", date(2026, 6, 1)),
        ("The ministry expects results in March.", date(2027, 3, 1)),
        ("The mine was closed in February.", date(2026, 2, 1)),
    ],
)
def test_a_bare_month_hoped_or_expected_for_is_the_one_to_come(sentence: str, month: date) -> None:
    """In an article of 17 April 2026, "we hope in June" is this June and "expects results in March" next
    March; a bare month told of what was done is the one that has been."""
    (mention,) = resolve_dates(sentence, date(2026, 4, 17))
    assert mention.when == month


def test_an_interviewers_you_is_the_interviewee_asked_about_by_name(hash_embedder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """ "How did Ikuko Sato hear about the profiles?" is the interview's own "How did you hear about the
    four profiles?" asked of her: her answer under it answers as asked (and goes before passages that
    only share its words)."""
    from index.answer.context import Context
    from index.answer.needs import understand
    from index.answer.question import analyse
    from index.answer.rank import answers_as_asked
    from index.store.versions import build_index
    from seeds_loader import parse_article

    text = (
        "---\ntitle: We dive because nobody else will\ndate: 2026-08-20\n---\n"
        "Ikuko Sato, 58, has led the volunteer divers since 2024.\n\n"
        "Q: How did you hear about the four profiles?\n\n"
        "A: From a journalist, actually, before the ministry told us.\n"
    )
    index = build_index([parse_article(text, "interview.md")], hash_embedder, tmp_path / "index")
    question = "How did Ikuko Sato hear about the four profiles?"
    needs = understand(index, analyse(question, index.people))
    answer = next(index.passages[i] for i in range(len(index.passages)) if index.passages[i].text.startswith("From"))
    voices = Context(hash_embedder, EngineConfig()).voices(index, answer)
    assert answers_as_asked(needs, answer, voices)
    assert not answers_as_asked(needs, answer)  # the question alone does not name her


def test_what_officials_said_would_happen_dates_what_is_to_come(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    answer = ask_made_up(
        made_up_engine,
        "Hotline agreed",
        [
            "Officials said the first joint drill would take place in November.",
            "A new drill hall for the coast guard will open in the spring.",
        ],
        "When will the first joint drill take place?",
    )
    assert "in November" in answer.passages[0].highlight


def test_an_update_goes_above_only_the_answer_whose_figure_it_revises(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "Kim was 33, not 31" revises the victim's age, not who gave the sample that identified him: the
    update goes first for his age, and stays where it is for the other question of the same passage."""
    paragraphs = [
        "The victim is Kim Dal-su, who was 31 when the mine flooded in 1942. His identity was confirmed "
        "through a sample given by his son, who is 88.",
        "UPDATE, 12:30 p.m.: The ministry corrected the victim's age: Kim was 33, not 31, when he died. His son "
        "said through the ministry that he wished to bring his father home.",
    ]
    age = ask_made_up(made_up_engine, "Victim identified", paragraphs, "How old was Kim Dal-su when he died?")
    assert age.passages[0].text.startswith("UPDATE")
    sample = ask_made_up(made_up_engine, "Victim named", paragraphs, "Whose sample confirmed the victim's identity?")
    assert sample.passages[0].text.startswith("The victim is")


def test_who_fits_a_description_is_a_person_named_not_an_institution(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "Who was the first victim identified?": the passage naming him answers, not the one in which the
    institution that identified him is the subject, nor a later correction of his age."""
    paragraphs = [
        "South Korea's National Forensic Service has identified one of the Chosei mine victims by DNA for the "
        "first time, the ministry said.",
        "The victim is Kim Dal-su, a worker from Sacheon who was 31 when the mine flooded in 1942.",
        "UPDATE, 12:30 p.m.: The ministry corrected the victim's age: Kim was 33, not 31, when he died.",
    ]
    question = "Who was the first Chosei victim identified by DNA?"
    answer = ask_made_up(made_up_engine, "First victim", paragraphs, question)
    assert answer.passages[0].text.startswith("The victim is Kim Dal-su")


def test_a_question_printed_in_the_article_is_the_one_asked_only_if_it_asks_the_same_thing(
    hash_embedder, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """ "Who will pay for the funeral?" is not a host's "The government says it will pay for the funeral. Is
    that enough?", though it holds all its words; "How will ...?" under "How will ...?" is."""
    from index.answer.needs import understand
    from index.answer.question import analyse, interrogative
    from index.answer.rank import answers_as_asked
    from index.store.versions import build_index
    from seeds_loader import parse_article

    assert [interrogative(q) for q in ("Is that enough?", "How many came?", "Which airport?", "Tell me.")] == [
        "yesno",
        "count",
        "what",
        None,
    ]
    text = (
        "---\ntitle: Morning Edition\ndate: 2026-10-21\n---\n"
        "Q: The government says it will pay for the funeral. Is that enough?\n\nA: It is kind.\n\n"
        "Q: How will the government pay for the funeral?\n\nA: From a special fund.\n"
    )
    index = build_index([parse_article(text, "radio.md")], hash_embedder, tmp_path / "index")
    answers = {index.passages[i].text: index.passages[i] for i in range(len(index.passages))}
    who = understand(index, analyse("Who will pay for the funeral?", index.people))
    how = understand(index, analyse("How will the government pay for the funeral?", index.people))
    assert not answers_as_asked(who, answers["It is kind."])
    assert answers_as_asked(how, answers["From a special fund."])


def test_the_answer_under_the_question_asked_goes_before_passages_sharing_its_words(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "Why did Kenji Morita join the dives?": the interview's "What made you join?" is that question asked
    of him (a "why" in other words); his answer under it goes before the introduction that names him and
    says he joined."""
    text = (
        "---\ntitle: A diver's account\ndate: 2026-12-02\n---\n"
        "*Interview by Sophie Marchand*\n\n"
        "Kenji Morita, 61, a retired diver, joined the citizens' group's dives in 2025.\n\n"
        "**What made you join?**\n\n"
        "My grandfather worked at a mine in Kyushu. Somebody should have done this fifty years ago.\n\n"
        "**Are you afraid down there?**\n\n"
        "I am not afraid. I am careful.\n\n"
        "**Will you dive again?**\n\n"
        "We plan six dives next year.\n"
    )
    engine = made_up_engine(text, "diver.md", EngineConfig(min_confidence=0.0))
    answer = engine.ask("Why did Kenji Morita join the dives?")
    assert answer.passages[0].text.startswith("My grandfather")


def test_a_correction_of_a_name_goes_above_the_entry_it_corrects(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "Kansai International Airport, not Itami" replaces the name the 11:51 entry gave: it goes first for
    "which airport", as a corrected figure does for a count."""
    paragraphs = [
        "Touchdown. The presidential aircraft has landed at Itami Airport in Osaka, according to a pool report.",
        "The motorcade is on its way to Nara.",
        "CORRECTION: The presidential aircraft landed at Kansai International Airport, not Itami. We misread "
        "the pool report.",
    ]
    answer = ask_made_up(made_up_engine, "Live", paragraphs, "Which airport did the presidential aircraft land at?")
    assert answer.passages[0].text.startswith("CORRECTION")


def test_what_someone_wrote_asks_for_their_words(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    from index.answer.question import Intent, analyse

    engine = made_up_engine(
        "---\ntitle: My father's letters\nbyline: Choi Min-ah\ndate: 2026-12-05\n---\n"
        "*Choi Min-ah is a novelist in Busan. Her grandfather died at the Chosei mine.*\n\n"
        "My father kept his father's letters in a biscuit tin. There are seven letters.\n",
        "letters.md",
        EngineConfig(min_confidence=0.0),
    )
    index = engine._handle.current()
    question = analyse("what did choi min-ah write about her grandfather's letters", index.people)
    assert question.intent is Intent.QUOTE and [p.name for p in question.people] == ["Choi Min-ah"]


def test_who_is_x_prefers_the_sentence_defining_x_to_one_only_naming_x(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    answer = ask_made_up(
        made_up_engine,
        "Two Parks",
        [
            "Park Soon-ja and Park Chul-ho share a surname, a hometown and a grief.",
            "Park Soon-ja, 79, is the daughter of a Chosei victim. She has no photograph of him.",
        ],
        "who is park soon-ja",
    )
    assert answer.passages[0].text.startswith("Park Soon-ja, 79, is the daughter")


def test_a_sentence_defining_someone_says_what_they_are() -> None:
    from collections import Counter

    from index.answer.rank import gives_role
    from index.people.registry import Person

    park = Person("p1", "Park Soon-ja", Counter({"Park Soon-ja": 3}))
    assert gives_role("Park Soon-ja, 79, is the daughter of a Chosei victim.", park)
    assert gives_role("Park Soon-ja was a teacher in Tongyeong.", park)
    assert not gives_role("Park Soon-ja and Park Chul-ho share a surname.", park)


def test_an_explainers_short_question_asks_about_its_headlines_subject(hash_embedder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from index.answer.needs import understand
    from index.answer.question import analyse
    from index.answer.rank import answers_as_asked
    from index.store.versions import build_index
    from seeds_loader import parse_article

    text = "# Five things to know about the memorial plan\n\n2. **Who proposed it?**\n\nThe foreign ministry did.\n"
    index = build_index([parse_article(text, "five.md")], hash_embedder, tmp_path / "index")
    answer = next(index.passages[i] for i in range(len(index.passages)) if index.passages[i].text.startswith("The"))
    needs = understand(index, analyse("Who proposed the memorial?", index.people))
    assert answers_as_asked(needs, answer, "", index.articles[answer.article_id].title or "")
    assert not answers_as_asked(needs, answer)


def test_a_passage_that_only_names_the_person_asked_about_comes_after_one_that_holds_the_rest(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    paragraphs = [
        "By Marta Kowal",
        "*Marta Kowal is a novelist in Gdansk. Marta Kowal writes a column for this paper.*",
        "When my mother died in 2019, I found her diaries in the attic, still tied with the same string.",
        "There are nine diaries. I have read every page twice.",
    ]
    answer = ask_made_up(made_up_engine, "My mother's diaries", paragraphs, "Where did Marta Kowal find the diaries?")
    # Her own "I found her diaries" (a column's author's voice) answers; her biography names her only.
    assert answer.passages[0].text.startswith("When my mother died")
    assert answer.passages[0].speaker == "Marta Kowal"


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("Why were the names of the new matches not released?", AnswerType.REASON),
        ("When were the names of the victims released?", AnswerType.DATE),
        ("Where were the names of the victims read out?", AnswerType.PLACE),
        ("What are the names of the two victims?", AnswerType.NAMED),
    ],
)
def test_the_names_of_something_ask_for_names_only_when_nothing_else_is_asked(question: str, kind: AnswerType) -> None:
    assert Expectation.of(question).kind is kind


def test_the_first_paragraph_under_the_question_asked_opens_its_answer(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """Under an explainer's "What does it cost participants?", "Nothing." answers; the table's lead-in after
    it, under the same heading, goes on with it and comes second whatever words it shares."""
    paragraphs = [
        "The programme was announced after the summit.",
        "## What does it cost participants?",
        "Nothing. The two governments pay for travel and lodging.",
        "Places, budget and cost to participants, first year:",
        "| Country | Places | Budget |\n| --- | --- | --- |\n| Korea | 1,500 | 4.2 billion won |",
    ]
    answer = ask_made_up(
        made_up_engine, "Explainer - the exchange programme", paragraphs, "What does the programme cost participants?"
    )
    assert answer.passages[0].text.startswith("Nothing.")
    assert answer.passages[0].highlight.startswith("Nothing.")


def test_an_interviewees_answer_is_shown_from_its_opening_sentence(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    paragraphs = [
        "*Interview by Mari Oshiro*",
        "Ueda Shingo, 47, is a fisherman from Ube and one of the volunteer divers.",
        "**How did you start diving at the mine?**",
        "A friend asked me in 2023. I knew the water there; my father fished above the mine shaft for forty years.",
        "**What is it like down there?**",
        "Dark and cold. We can stay for only about twenty minutes.",
    ]
    answer = ask_made_up(
        made_up_engine, "A diver's account", paragraphs, "How did Ueda Shingo start diving at the mine?"
    )
    top = answer.passages[0]
    assert top.text.startswith("A friend asked me") and top.highlight.startswith("A friend asked me in 2023.")


def test_who_is_a_name_of_the_coverage_asks_who_they_are_in_any_case(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "who is kwon tae-hyun": a parse of lower-case words may take the name for a verb ("who is
    travelling"); a name the coverage knows is whom the question is about."""
    paragraphs = [
        "Kwon Tae-hyun, a mining engineer at Pukyong National University in Busan, has mapped the mine.",
        "The map will be finished in May, Kwon said.",
    ]
    engine = made_up_engine(
        "---\ntitle: Mapping the mine\ndate: 2026-04-02\n---\n" + "\n\n".join(paragraphs) + "\n", "map.md"
    )
    for question in ("who is kwon tae-hyun", "Who is Kwon Tae-hyun?"):
        answer = engine.ask(question)
        assert answer.intent == "profile" and answer.answered, question
        assert answer.passages[0].text.startswith("Kwon Tae-hyun, a mining engineer")
    assert engine.ask("who is travelling with kwon").intent != "profile"


def test_a_month_asked_about_ranks_what_speaks_of_it_first_and_is_never_answered_without(
    hash_embedder, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    """ "Where did Lee and Takaichi meet in April?": the April meeting, not January's; and when no article
    speaks of April, no answer."""
    from index.engine import Engine
    from index.store.handle import IndexHandle
    from index.store.versions import build_index
    from seeds_loader import parse_article

    january = parse_article(
        "---\ntitle: Leaders meet in Nara\ndate: 2026-01-13\n---\nLee and Takaichi met in Nara on Tuesday.\n", "jan.md"
    )
    april = parse_article(
        "---\ntitle: Gyeongju talks\ndate: 2026-04-11\n---\n"
        "[10:40] Takaichi has arrived at the convention centre in Gyeongju, where Lee greeted her.\n",
        "apr.md",
    )
    index = build_index([january, april], hash_embedder, tmp_path / "both")
    engine = Engine(IndexHandle.of(index, hash_embedder.name), hash_embedder, config=EngineConfig(min_confidence=0.0))
    assert engine.ask("Where did Lee and Takaichi meet in April?").passages[0].article_id == april.id
    assert engine.ask("where did lee and takaichi meet in january").passages[0].article_id == january.id
    alone = build_index([january], hash_embedder, tmp_path / "january")
    refused = Engine(IndexHandle.of(alone, hash_embedder.name), hash_embedder).ask(
        "Where did Lee and Takaichi meet in April?"
    )
    assert not refused.answered and refused.signals is not None and refused.signals["year_ok"] == 0.0


def test_a_place_the_question_locates_it_at_must_be_named_by_the_answers_article(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "What did Lee give Takaichi in Gyeongju?" is not answered by the gifts of the summit in Nara."""
    paragraphs = ["Lee and Takaichi exchanged gifts in Nara: Lee gave her a celadon vase.", "They met for two hours."]
    engine = made_up_engine(
        "---\ntitle: Nara summit\ndate: 2026-01-13\n---\n" + "\n\n".join(paragraphs) + "\n", "nara.md"
    )
    elsewhere = engine.ask("What did Lee give Takaichi in Gyeongju?")
    assert not elsewhere.answered and elsewhere.signals is not None and elsewhere.signals["place_ok"] == 0.0
    assert engine.ask("What did Lee give Takaichi in Nara?").signals["place_ok"] == 1.0  # type: ignore[index]
    # Not places: someone's ("in Lee's speech"), a language, a month.
    for question in ("What did Lee say in Lee's speech?", "What did Lee say in Japanese?", "What did Lee give in May?"):
        assert engine.ask(question).signals["place_ok"] == 1.0, question  # type: ignore[index]


def test_who_is_x_is_answered_by_their_introduction_not_by_a_correction_of_their_name(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    paragraphs = [
        "**8:45 a.m.** — Its leader, Professor Hideo Tanabe of Kyushu University, said the team would film the shaft.",
        "**9:30 a.m.** — The team's boat has left the harbour.",
        "**Correction, 5:10 p.m.** — An earlier entry named the team leader as Hideo Tanaka. His name is Hideo Tanabe.",
    ]
    answer = ask_made_up(made_up_engine, "Survey team at the mine - live", paragraphs, "who is hideo tanabe")
    assert answer.intent == "profile" and "Kyushu University" in answer.passages[0].highlight


@needs_model
def test_what_something_was_given_as_is_not_answered_by_that_there_were_some() -> None:
    """ "What did Berg give Lund as a gift?" asks for the thing given: "exchanged gifts" does not tell it,
    "a silver bowl as a gift" does, and a sentence with no gift in it is for the other tests to weigh."""
    gift = Expectation.of("What did Berg give Lund as a gift?")
    assert gift.kind is AnswerType.ANY and gift.head == "gift"
    assert gift.bare(["Berg and Lund exchanged gifts and toured the old port in Lyon."])
    assert not gift.bare(["Berg gave Lund a silver bowl as a gift."])
    assert not gift.bare(["Berg handed Lund a silver bowl."])
    assert Expectation.of("What did Berg say as he left the hall?").head is None  # "as" joins a clause


def test_the_word_that_asks_what_kind_is_not_what_is_asked_about() -> None:
    """ "What kind of crimes will they fight": "kind" asks which, "crimes" is asked about; a passage about the
    crimes holds the whole question's focus without the word "kind"."""
    from index.answer.focus import Focus
    from index.store.lexical import TermStats

    stats = TermStats(100, {"crime": 3, "countri": 40, "fight": 5})
    for asking in ("What kind of crimes", "What sort of crimes", "What types of crimes"):
        focus = Focus.of(f"{asking} will the two countries fight?", stats)
        assert "crime" in " ".join(focus.terms) and not {"kind", "sort", "type"} & set(focus.terms)


def test_what_is_to_come_is_not_answered_by_a_date_that_has_been(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "When will the next summit be held?" over a sentence that dates its summit, with its year, to before
    the article was written: refused before the decision. A sentence that looks ahead, or whose date is to
    come, answers; so does a past date for a question about the past."""
    past = ["The two leaders last met at a summit held on Oct. 30, 2025, in Gyeongju."]
    answer = ask_made_up(made_up_engine, "Summit", past, "When will the next summit be held?")
    assert answer.signals["ahead_ok"] == 0.0 and not answer.answered  # type: ignore[index]
    answer = ask_made_up(made_up_engine, "Summit", past, "When was the last summit held?")
    assert answer.signals["ahead_ok"] == 1.0  # type: ignore[index]
    coming = ["The next summit will be held on March 3, 2026, in Busan."]
    answer = ask_made_up(made_up_engine, "Summit", coming, "When will the next summit be held?")
    assert answer.signals["ahead_ok"] == 1.0  # type: ignore[index]
    planned = ["Officials set the next summit for March 3, 2026, in Busan."]
    answer = ask_made_up(made_up_engine, "Summit", planned, "When will the next summit be held?")
    assert answer.signals["ahead_ok"] == 1.0  # type: ignore[index]


@needs_model
def test_a_preposition_that_completes_the_subject_is_not_the_occasion(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "What did Berg say about getting involved in a quarrel?": "in a quarrel" completes "involved", it is
    not where Berg said it ("about Taiwan in November" is); the whole topic is what a passage must speak of."""
    question = "What did Berg say about getting involved in a quarrel?"
    assert completes_before(question, question.find("getting"), question.find(" in a") + 1)
    other = "What did Berg say about Taiwan in November?"
    assert not completes_before(other, other.find("Taiwan"), other.find(" in N") + 1)
    paragraphs = [
        "Anna Berg, the mayor, spoke to reporters on Monday.",
        "“Whoever steps into a quarrel between neighbours ends up blamed by both,” Berg told reporters.",
    ]
    answer = ask_made_up(made_up_engine, "Mayor", paragraphs, question)
    assert answer.signals["subject_ok"] == 1.0  # type: ignore[index]


def test_what_was_first_said_is_answered_before_what_revised_it(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "How many officers did the police first say were on duty?" asks for the figure an update revised:
    the earlier passage answers it, while "how many officers are on duty" is still answered by the update."""
    paragraphs = [
        "Police said about 900 officers were on duty across the city, with roads closed until late evening.",
        "UPDATE, 3:40 p.m.: Police revised the figure, saying some 2,600 officers are now on duty, including "
        "reinforcements from two neighbouring prefectures.",
    ]
    first = ask_made_up(made_up_engine, "Visit", paragraphs, "How many officers did the police first say were on duty?")
    assert first.passages[0].text.startswith("Police said about 900")
    now = ask_made_up(made_up_engine, "Visit", paragraphs, "How many officers are on duty?")
    assert now.passages[0].text.startswith("UPDATE")
    assert asks_earlier("What did the ministry originally report?") and asks_earlier(
        "What was the figure before the update?"
    )
    assert not asks_earlier("Why was the first police count so much lower?")


def test_an_acronym_the_passage_spells_out_is_no_missing_word() -> None:
    """ "How much of world trade does the CPTPP account for?" over a passage that calls the pact by its full
    name (or whose paragraph before does): the acronym is there, spelled out; over one that never names
    it, it is the weighty word missing."""
    from index.answer.focus import Focus
    from index.store.lexical import TermStats

    stats = TermStats(400, {"world": 60, "trade": 80, "account": 40, "cptpp": 3})
    focus = Focus.of("How much of world trade does the CPTPP account for?", stats)
    plain = "By the ministry's reckoning, the bloc accounts for 15 percent of world trade."
    spelled = f"Seoul wants to join the Comprehensive and Progressive Agreement for Trans-Pacific Partnership. {plain}"
    assert focus.crux(plain, 0.2) == "cptpp"
    assert focus.crux(spelled, 0.2) is None
    assert focus.support(spelled) > focus.support(plain)


def test_a_journey_that_only_says_when_is_not_the_journey_asked_about() -> None:
    """ "Who will Lee meet before leaving Beijing": nobody's leaving is asked about, so no passage must tell
    of one; "when will Lee leave Beijing" asks about it."""
    from index.text.motion import asked_direction

    assert asked_direction("Who will Lee meet on Tuesday before leaving Beijing?") is None
    assert asked_direction("When will Lee leave Beijing?") == "depart"
    assert destination("What did Lee say after flying to Seoul?") is None
    assert destination("When will Takaichi fly to Seoul?") == "Seoul"


def test_that_no_date_is_known_answers_when(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "When will the award be presented?": "Yun did not say when the award would be presented" answers as
    well as the coverage can, before a sentence about the award that gives no time at all."""
    from index.text.temporal import temporal_weight

    assert temporal_weight("Yun did not say when the award would be presented.") > 0
    assert temporal_weight("A return visit is expected, although no date has been set.") > 0
    assert temporal_weight("He did not say much about the award.") == 0
    paragraphs = [
        "The award will be presented to the divers and the civic group, Interior Minister Yun said.",
        "Yun did not say when the award would be presented.",
    ]
    answer = ask_made_up(made_up_engine, "Award", paragraphs, "When will the award be presented?")
    assert answer.passages[0].text.startswith("Yun did not say when")


def test_a_day_of_the_week_asked_about_ranks_the_passages_of_that_day_first(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "Who did Berg meet earlier on Thursday?": the passage of Thursday first, before one of Tuesday that
    shares more of the question's words."""
    paragraphs = [
        "Berg will meet the mayor of Lyon later on Tuesday, and the regional governor earlier in the day.",
        "On Thursday, Berg and the Dutch minister agreed on a joint statement on ports.",
    ]
    answer = ask_made_up(made_up_engine, "Berg's week", paragraphs, "Who did Berg meet earlier on Thursday?")
    assert answer.passages[0].text.startswith("On Thursday")


def test_a_figure_after_a_bare_x_tells_which() -> None:
    """ "What record did the index set?": "had set a record" is bare, but the sentence after gives the
    figure; "exchanged gifts" followed by no figure stays bare."""
    record = Expectation.of("What record did the index set?")
    told = [
        "Berg said the market had set a record after the summit.",
        "The index closed at 4,525.48, an all-time high.",
    ]
    assert not record.bare(told)
    assert record.bare([told[0], "Berg was pleased."])


def test_how_often_is_answered_by_a_frequency() -> None:
    """ "How often will the leaders meet?": "agreed to meet every year" says how often; a reason is given by
    "cited the need to ..." as by "because"."""
    often = Expectation.of("How often will the leaders meet?")
    assert often.weight("The leaders agreed to meet every year.") == 1.0
    assert often.weight("The leaders agreed to meet in Busan.") == 0.0
    why = Expectation.of("Why did China say it suspended the imports?")
    assert why.weight("Beijing cited the need to keep monitoring the water.") == 1.0


def test_a_count_of_what_went_somewhere_is_answered_by_the_figure(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "What share of the town's fish exports went to Lyon?" is a count: "Lyon ... taking more than a fifth of
    its exports" answers it, though Lyon is not where a journey goes in it."""
    paragraphs = [
        "Before 2023, Lyon was the largest buyer of the town's fish, taking more than a fifth of its exports."
    ]
    answer = ask_made_up(made_up_engine, "Fish", paragraphs, "What share of the town's fish exports went to Lyon?")
    assert answer.signals["destination_ok"] == 1.0  # type: ignore[index]


def test_a_passage_that_only_names_the_people_asked_about_comes_after_one_that_answers(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "Is Anna Berg related to the mayor?": a passage naming both and nothing else asked comes after the one
    that speaks of a relation, even when a paragraph before the first speaks of relatives: its own words
    count, not its neighbours'."""
    paragraphs = [
        "Relatives of the victims gave samples at the clinic in Jinju.",
        "The clinic opened in March.",
        "Anna Berg, a retired teacher, was born in 1941 near Tongyeong, where Anna Berg still lives.",
        "She is no relation of the mayor, although both laughed about it.",
    ]
    answer = ask_made_up(made_up_engine, "Berg and Lund", paragraphs, "Is Anna Berg related to the mayor?")
    assert answer.passages[0].text.startswith("She is no relation")


def test_a_title_asked_for_is_a_name_given() -> None:
    """ "What is the title of her latest novel?" asks for a name, as "the name of the hotel" does: a sentence
    that only says she is a novelist gives none; a name set beside the noun, in quotes or between commas,
    gives one."""
    title = Expectation.of("What is the title of Anna Berg's latest novel?")
    assert (title.kind, title.head, title.strict) == (AnswerType.NAMED, "novel", True)
    assert title.weight("Anna Berg is a novelist in Busan.") == 0.0
    assert title.weight('Her latest novel, "Salt Wind", came out in May.') == 1.0
    hotel = Expectation.of("What is the name of the hotel?")
    assert hotel.weight("The hotel, Nara Palace, was full.") == 1.0
    assert hotel.weight("The hotel, which is near the park, was full.") == 0.0


def test_an_update_that_does_not_say_what_is_asked_stays_below(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "Why was the dive postponed?": the update that only gives the new date does not go above the passage
    giving the reason; "when was the dive rescheduled for" is answered by the update."""
    paragraphs = [
        "The divers' group postponed its 12th dive at the mine because of a typhoon, its leader said.",
        "UPDATE, September 19: The group said its 12th dive at the mine has been rescheduled for September 27.",
    ]
    why = ask_made_up(made_up_engine, "Dive", paragraphs, "Why was the 12th dive postponed?")
    assert why.passages[0].text.startswith("The divers' group postponed")
    when = ask_made_up(made_up_engine, "Dive", paragraphs, "When was the dive rescheduled for?")
    assert when.passages[0].text.startswith("UPDATE")


def test_what_something_is_called_asks_for_a_name() -> None:
    """ "What is the Chosei mine called in Korean?" asks for a name, as "the Korean name of the mine" does:
    "(Jangsaeng coal mine in Korean)" gives one; a sentence naming only the mine asked about gives none."""
    called = Expectation.of("What is the Chosei mine called in Korean?")
    assert (called.kind, called.head, called.strict) == (AnswerType.NAMED, "mine", True)
    assert called.weight("The remains came from the Chosei undersea coal mine (Jangsaeng coal mine in Korean).") == 1.0
    assert called.weight("The Chosei mine's ventilation shafts still stand in the sea off Ube.") == 0.0
    assert Expectation.of("What is happening in Nara?").kind is not AnswerType.NAMED


def test_a_month_or_a_day_is_no_place() -> None:
    """ "Where will next year's forum be held?": "starting in October" names a month, not a place; "in
    Busan" and "at Marchmont Hall" are places."""
    where = Expectation.of("Where will next year's forum be held?")
    assert where.weight("We have planned an online meeting every month, starting in October.") == 0.0
    assert where.weight("The talks resume on Monday, at the latest by Friday.") == 0.0
    assert where.weight("The forum will be held in Busan.") == 1.0
    assert where.weight("They met at Marchmont Hall.") == 1.0


@needs_model
def test_who_does_it_with_someone_is_not_answered_by_them_doing_it(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "Who is travelling with Eva Berg?": "Berg is scheduled to travel to Lyon ... for talks with Carl Lund"
    names someone else, but the one it has travel is Berg herself; "Anna Kim is travelling with the mayor"
    says who."""
    from index.text.nlp import main_verb, subjects_of

    assert main_verb("Who is travelling with Eva Berg?") == "travel"
    assert subjects_of("Berg is scheduled to travel to Lyon next week.", "travel") == ["Berg"]
    paragraphs = [
        "Mayor Eva Berg leaves for Lyon on Monday.",
        "Eva Berg is scheduled to travel to Lyon next week for talks with Minister Carl Lund.",
        "Anna Kim, her deputy, is travelling with the mayor.",
    ]
    answer = ask_made_up(made_up_engine, "Mayor abroad", paragraphs, "Who is travelling with Eva Berg?")
    assert answer.passages[0].text.startswith("Anna Kim")


def test_who_did_it_is_refused_when_no_one_else_is_named(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "Who showed Eva Berg and Carl Lund around the port?" over "Eva Berg will visit the port with Carl
    Lund": nobody but the people asked about is named, so nothing says who; refused whatever the score."""
    paragraphs = ["Mayor Eva Berg will visit the port of Lyon with Minister Carl Lund on Wednesday before flying home."]
    question = "Who showed Eva Berg and Carl Lund around the port?"
    answer = ask_made_up(made_up_engine, "Port visit", paragraphs, question)
    assert answer.signals["agent_ok"] == 0.0 and not answer.answered  # type: ignore[index]
    shown = [*paragraphs, "The harbour master, Anna Kim, 52, showed the two around the port."]
    answer = ask_made_up(made_up_engine, "Port visit", shown, question)
    assert answer.answered and "Anna Kim" in answer.passages[0].text


def test_the_number_of_what_is_counted_given_after_it_counts_it() -> None:
    """ "Police now put the number of protesters at about 400" and "revised the number of fire engines sent
    to twelve" give the count asked for, as "about 400 protesters" would; "the number of protesters has
    grown" gives none."""
    from index.text.figures import number_of

    protesters = Expectation.of("How many protesters were outside the town hall?")
    assert protesters.weight("Police now put the number of protesters at about 400, up from 150.") == 1.0
    assert protesters.weight("The number of protesters has grown since the morning, police said on 14 May.") < 1.0
    assert number_of("The brigade revised the number of fire engines sent to twelve.", frozenset(tokenize("engines")))
    assert not number_of("The number of fire engines was not given.", frozenset(tokenize("engines")))


def test_how_much_of_a_thing_needs_a_figure_of_it_or_a_sum() -> None:
    """ "How much funding does the dialogue get?" asks for an amount: a table row dated "Spring 2026" gives
    none, "5 billion won a year" does."""
    funding = Expectation.of("How much funding does the supply-chain dialogue get?")
    assert funding.strict and funding.amount
    assert not funding.satisfied(["| Supply-chain dialogue | Industry (both) | First meeting | Spring 2026 |"])
    assert funding.satisfied(["The dialogue will receive 5 billion won a year from the ministry."])
    assert funding.satisfied(["The dialogue has funding of 300 million for its first year."])
    assert not Expectation.of("How much did the dinner cost?").amount  # a sum of a thing named, as before


def test_what_caused_something_asks_for_its_cause() -> None:
    caused = Expectation.of("What caused the fire near the harbour?")
    assert caused.kind is AnswerType.REASON
    assert caused.weight("It said the cause was an electrical fault in a refrigerator.") == 1.0
    assert caused.weight("The fire started in the kitchen at around 7:30 p.m.") == 0.0


@needs_model
def test_things_listed_together_are_still_bare() -> None:
    """ "What hotel will the families stay at?" is not told by "their flights and hotels": a noun joined to
    another common noun is as bare as alone; joined to names ("Osaka, Kyoto and Hyogo prefectures") it is
    told which."""
    asked = frozenset({"what", "hotel", "family", "stay", "at"})
    assert only_bare(["The ministry will pay for the families' flights and hotels, an official said."], "hotel", asked)
    assert not only_bare(["Korea bans seafood from Miyagi, Osaka and Hyogo prefectures."], "prefecture", frozenset())


@needs_model
def test_who_did_it_is_the_one_the_deed_is_given_to(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "Who made the drums the leaders played?": the sentence giving "made" to someone ("Hiroshi Tanabe has
    made taiko drums", an irregular form) says who, before a sentence that only names others (the leaders
    who played them) and a passage naming an institution that did something else."""
    from index.text.nlp import subjects_of

    assert subjects_of("Hiroshi Tanabe, 64, has made drums for forty years.", "make") == ["Hiroshi Tanabe , 64 ,"]
    paragraphs = [
        "Hiroshi Tanabe, 64, has made taiko drums in Nara for forty years. His workshop supplied the two drums "
        "that Mayor Eva Berg and Minister Carl Lund played at the end of their talks.",
        "The prefecture called the workshop nine days before the reception.",
    ]
    answer = ask_made_up(made_up_engine, "Drum maker", paragraphs, "Who made the drums the leaders played?")
    assert answer.passages[0].highlight.startswith("Hiroshi Tanabe")


@needs_model
def test_a_word_typed_before_what_the_passage_holds_is_found_in_its_article(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "How long does it take to make a taiko drum?" over "A drum of that size takes about six months" in an
    article of taiko drums: "taiko" narrows "drum", which the passage holds, and the article says it; it is
    no missing word. Asked of an article that never says "taiko", it is."""
    from index.answer.focus import Focus

    class Idf:
        def idf(self, term: str) -> float:
            return 1.0

        focus_idf = idf

    focus = Focus.of("How long does it take to make a taiko drum, or a flute?", Idf())  # type: ignore[arg-type]
    assert focus.narrowed("taiko", frozenset({"drum"})) == ["drum"] and not focus.narrowed("drum", frozenset({"flute"}))
    from index.text.nlp import modifies

    assert modifies("How long does it take to make a taiko drum?", "taiko", "drum")
    assert not modifies("How does Kawabata suggest residents get around?", "resid", "get")
    paragraphs = [
        "Hiroshi Tanabe, 64, has made taiko drums in Nara for forty years.",
        "Q: How long does one drum take to make?",
        "A: A drum of that size takes about six months, most of it waiting for the wood to dry.",
    ]
    question = "How long does it take to make a taiko drum?"
    answer = ask_made_up(made_up_engine, "Drum maker", paragraphs, question)
    assert answer.passages[0].text.startswith("A drum") and answer.signals["crux_drop"] == 0.0  # type: ignore[index]
    elsewhere = ask_made_up(made_up_engine, "Drum maker", paragraphs[1:], question)
    assert elsewhere.passages[0].text.startswith("A drum") and elsewhere.signals["crux_drop"] != 0.0  # type: ignore[index]
    # ... two body paragraphs further up (beyond the text just before the passage) as much as next to it; but
    # not when the article says the word only apart from it: "Nara Prefecture" makes no summit a Nara summit
    between = ["His workshop is in a quiet street near the station.", "He works alone, six days a week."]
    far = ask_made_up(made_up_engine, "Drum maker", [paragraphs[0], *between, *paragraphs[1:]], question)
    assert far.signals["crux_drop"] == 0.0  # type: ignore[index]
    apart = ["Hiroshi Tanabe, 64, has made taiko flutes in Nara for forty years.", *between, *paragraphs[1:]]
    other = ask_made_up(made_up_engine, "Drum maker", apart, question)
    assert other.signals["crux_drop"] != 0.0  # type: ignore[index]


def test_an_update_goes_above_only_the_figure_it_revises(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """An update revising the number of fire engines goes above "Eight fire engines were sent", not above
    the passage saying nobody was hurt because it too gives a figure (a distance) and is attributed to the
    fire department."""
    paragraphs = [
        "Nobody was hurt in the fire that broke out on Friday evening at a guesthouse about 300 meters from the "
        "harbour, the city fire department said.",
        "The fire started in the kitchen and was put out within 40 minutes. Eight fire engines were sent.",
        "UPDATE, 23:10: The fire department has revised the number of fire engines sent to twelve. It said the "
        "cause was an electrical fault.",
    ]
    hurt = ask_made_up(made_up_engine, "Guesthouse fire", paragraphs, "Was anyone hurt in the guesthouse fire?")
    assert hurt.passages[0].text.startswith("Nobody was hurt")
    engines = ask_made_up(made_up_engine, "Guesthouse fire", paragraphs, "How many fire engines were sent?")
    assert engines.passages[0].text.startswith("UPDATE") and engines.answered


def test_the_word_naming_what_is_asked_is_no_word_the_answer_holds(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "What date did the mine flood?" is answered by "died on Feb. 3, 1942, when the mine flooded", which
    has no word "date"; "what is special about X" by what is special, not by the word "special"."""
    from index.answer.answerability import asked_words

    assert asked_words("What date did the mine flood?") == ["date"]
    assert asked_words("which year did he retire") == ["year"]
    assert asked_words("What is special about Horyu Temple?") == ["special"]
    assert asked_words("Did they agree on a date for the next talks?") == []
    paragraphs = ["It is where 183 laborers died on Feb. 3, 1942, when the Kestrel mine flooded."]
    answer = ask_made_up(made_up_engine, "Mine", paragraphs, "What date did the Kestrel mine flood?")
    assert answer.signals["focus"] == 1.0 and answer.signals["crux_drop"] == 0.0  # type: ignore[index]


def test_what_stood_in_the_way_is_a_reason() -> None:
    why = Expectation.of("Why has Korea not been able to join the trade pact?")
    assert why.weight("Past efforts to join the pact were stymied by the ban on seafood imports.") == 1.0
    assert why.weight("Korea reaffirmed its bid to join the pact.") == 0.0


def test_a_piece_of_coverage_is_no_speaker() -> None:
    """ "How long have the families waited according to the op-ed?" asks what the op-ed says, not what
    someone called "the op-ed" said: no unknown speaker to refuse, and "op-ed" is no word the answer holds."""
    from index.answer.answerability import asked_words
    from index.answer.question import analyse
    from index.people.registry import PeopleRegistry
    from index.store.references import names_coverage

    assert names_coverage("the op-ed") and names_coverage("this article") and not names_coverage("the ambassador")
    question = "How long have the families waited according to the op-ed?"
    assert analyse(question, PeopleRegistry({})).intent is not Intent.QUOTE
    assert asked_words(question) == ["the", "op-ed"]


def test_a_ship_docking_arrives() -> None:
    from index.text.motion import goes

    assert goes("[15:41] The ferry has docked at Hakata.", "arrive")
    assert not goes("The ferry left the pier at 08:52.", "arrive")


def test_not_wanting_something_is_no_advice() -> None:
    advice = Expectation.of("What does Ryu Seon-hwa want the governments to do?")
    assert advice.kind is AnswerType.ADVICE
    assert advice.weight("I do not want to belittle it.") == 0.0
    assert advice.weight("We should ask for three things: a timetable, a budget and a seat.") == 1.0


def test_whom_advice_is_for_is_no_topic_when_nothing_else_is_asked() -> None:
    """ "What does X want the governments to do?": "both countries should ..." answers without the word
    "governments"; with "... to do about the DNA tests" the tests are what is asked about, and the words
    of whom stay."""
    from index.answer.answerability import asked_words

    assert asked_words("What does Ryu want the governments to do?") == ["the", "governments"]
    assert asked_words("What does Ahn want the presidential office to do about the DNA testing?") == []


def test_words_reported_by_role_are_theirs_at_second_hand(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "What did Lee ask the priest?": the priest's ""The president asked me how old she is," Furuya said"
    reports President Lee's question by his role; it is found among Lee's words."""
    paragraphs = [
        "The Reverend Kosho Furuya was there when President Eva Lind stood before the statue last month.",
        '"The president asked me how old she is," Furuya said. "I told her about 1,300 years."',
        "The statue is carved from camphor wood.",
    ]
    answer = ask_made_up(made_up_engine, "Temple", paragraphs, "What did Lind ask the priest?")
    assert answer.passages and answer.passages[0].text.startswith('"The president asked me')


def test_a_sentence_restating_a_question_is_shown_with_its_answer(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    paragraphs = [
        "[08:52] The ferry has left the pier with 312 passengers.",
        "[11:05] A reader asks whether the ferry takes cars. It does not; the Mirae carries foot passengers only.",
    ]
    answer = ask_made_up(made_up_engine, "Ferry", paragraphs, "Does the ferry take cars?")
    assert "foot passengers only" in answer.passages[0].highlight


def test_an_update_of_a_figure_of_the_same_thing_goes_above_it() -> None:
    """ "Police revised the number of injured to 17" revises "injuring 14 people": the words beside the two
    figures are of the same thing; "about 300 meters from the venue" is not what an engine count revises."""
    from index.text.figures import figure_context

    update = figure_context("Police revised the number of injured to 17.")
    assert update & figure_context("A bus overturned on Sunday afternoon, injuring 14 people, police said.")
    engines = figure_context("The fire department has revised the number of fire engines sent to twelve.")
    assert not engines & figure_context("A fire broke out at a guesthouse about 300 meters from the venue.")
    assert "2026" not in figure_context("The talks in 2026 ended.") and not figure_context("[21:45] Police said.")


def test_what_is_being_investigated_is_a_possible_cause() -> None:
    caused = Expectation.of("What caused the bus to overturn?")
    assert caused.weight("Police are investigating whether the driver fell asleep.") == 1.0
    assert caused.weight("The bus was taking 38 passengers to the airport.") == 0.0


def test_taking_place_asks_where_it_happened() -> None:
    from index.answer.answerability import asked_words

    assert asked_words("Where did the handover ceremony take place?") == ["take place"]
    assert asked_words("Where is the statue kept?") == []


@needs_model
def test_a_passive_names_who_did_it_however_far_its_by_stands(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "Who carried the coffins off the plane?": "were carried off a charter flight at Gimhae Airport by an
    honour guard of the Navy" says who, its "by" five words from its verb and before a lower-case word."""
    from index.text.nlp import passive_agent

    carried = "The coffins were carried off a charter flight at Gimhae Airport by an honour guard of the Navy."
    assert passive_agent(carried) == "an honour guard of the Navy"
    assert passive_agent("The coffins arrived at Gimhae Airport on Wednesday.") is None
    paragraphs = [
        '"My grandmother waited her whole life for this day," said Lee Su-jin, 52.',
        "The coffins were carried off a charter flight at Gimhae Airport by an honour guard of the Navy.",
    ]
    answer = ask_made_up(made_up_engine, "Home", paragraphs, "Who carried the coffins off the plane?")
    assert answer.passages[0].text.startswith("The coffins")
    # ... but a passive whose doer is the person asked about says nobody else did it
    hosted = ["Mayor Eva Berg will visit the port before a dinner hosted by Minister Carl Lund."]
    answer = ask_made_up(made_up_engine, "Port", hosted, "Who showed Eva Berg and Carl Lund around the port?")
    assert not answer.answered and answer.signals["agent_ok"] == 0.0  # type: ignore[index]


def test_an_ordinal_before_a_verb_says_when_not_how_many() -> None:
    dives = frozenset(tokenize("dives"))
    assert figures("I first dived at Chosei in 2023, as a volunteer.", dives) == []
    assert figures("It was the second dive of the year.", dives)
    assert Expectation.of("How many dives has Mori made?").weight("I first dived at Chosei in 2023.") < 1.0


def test_a_place_asked_about_may_follow_the() -> None:
    """ "Who greeted Motegi at the Blue House?" locates the greeting: a passage of an article that never names
    the Blue House ("greeted on the tarmac") does not say who greeted him there."""
    from index.answer.needs import _LOCATED

    assert [m.group(1) for m in _LOCATED.finditer("Who greeted Motegi at the Blue House?")] == ["Blue House"]


def test_a_month_asked_as_last_or_this_is_a_month_asked() -> None:
    """ "Where did they meet last November?" asks about November as "in November" does (its passage must
    speak of it); "may" in lower case stays a verb, but where it ends the question."""
    from index.text.dates import months_asked

    assert months_asked("where did lee and takaichi meet last november?") == {11}
    assert months_asked("What did she say this March?") == {3}
    assert months_asked("since April") == {4}
    # ... "may" in lower case stays a verb where a verb can follow it; ending the question it is the month
    assert months_asked("who may attend the talks next week?") == frozenset()
    assert months_asked("will it open next may") == frozenset({5})


def test_a_sentence_of_two_speakers_shows_the_one_asked_about(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "Berg said the talks had been frank, and Lund said he hoped to return": asked what Lund said, the
    speaker shown is Lund, whose clause it is; asked what Berg said, Berg. "Lee asked Xi to lend pandas, Kang
    said" stays Kang's: the one named last is the source of it all."""
    from collections import Counter

    from index.people.attribution import speaks_last
    from index.people.registry import Person

    lee = Person("lee", "Lee Jae Myung", Counter({"Lee Jae Myung": 2, "Lee": 1}))
    assert not speaks_last("Lee asked Xi to lend pandas to a zoo in Gwangju, Kang said.", lee)
    paragraphs = [
        "Mayor Eva Berg and Minister Carl Lund met in Lyon on Monday.",
        'Berg said the talks had been "frank and useful", and Lund said he hoped to return in the spring.',
    ]
    lund = ask_made_up(made_up_engine, "Talks", paragraphs, "What did Lund say about returning?")
    assert lund.passages[0].text.startswith("Berg said") and lund.passages[0].speaker == "Carl Lund"
    berg = ask_made_up(made_up_engine, "Talks", paragraphs, "What did Berg say about the talks?")
    assert berg.passages[0].speaker == "Eva Berg"


def test_a_clock_stamp_or_a_source_both_entries_name_is_nothing_an_update_revises(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """An update whose stamp shares its hour with an earlier entry's ("[09:40]", "[09:05]"), and which cites the
    same source ("The Coast Guard now say ..."), revises none of that entry's figures: "when did they spot the
    boat" is still answered by the entry that says when. A name of several words is one name: "North Korea" in
    the update is not the "South Korea" of the entry."""
    from index.answer.updates import _names_in, _same_name

    assert _names_in("The Joint Chiefs of Staff now say North Korea fired two") == frozenset({"North Korea"})
    assert _names_in("It landed at Kansai, not Itami.") == frozenset({"Kansai", "Itami"})
    # ... and a name is the same as a longer one holding it: "not Itami" corrects "landed at Itami Airport"
    assert _same_name(_names_in("It landed at Kansai International Airport, not Itami."), _names_in("at Itami Airport"))
    assert not _same_name(frozenset({"North Korea"}), frozenset({"South Korea"}))
    paragraphs = [
        "[09:05] South Korea's Coast Guard of Jeju say they spotted the boat at 6:40 a.m. and told the navy.",
        "[09:40] UPDATE: The Coast Guard of Jeju now say North Korea sent two ships, not one.",
    ]
    spotted = ask_made_up(made_up_engine, "Boat", paragraphs, "When did the coast guard spot the boat?")
    assert spotted.passages[0].text.startswith("[09:05]")
    boats = ask_made_up(made_up_engine, "Boat", paragraphs, "How many ships did North Korea send?")
    assert boats.passages[0].text.startswith("[09:40]")


def test_how_far_how_old_and_what_someone_wants_ask_rather_than_name(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "How far is Andong from Seoul" is answered by "about 190 kilometers southeast of Seoul", "what did the
    protesters want" by what they called for, "where else" by another place: none of "far", "want" or "else"
    is a word the answer must hold. A year is no age: "how old is Kim" is not answered by "opened in 1987"."""
    from index.answer.answerability import asked_words

    assert asked_words("how far is Andong from Seoul?") == ["far"]
    assert asked_words("How old is Kim Yong-su?") == ["old"]
    assert asked_words("what did most of the protesters want?") == ["want"]
    assert asked_words("Did they want a new ferry?") == []
    old = Expectation.of("how old is kim?")
    assert old.weight("Kim opened his restaurant in 1987.") == 0.0
    assert old.weight("He is 71.") == 1.0
    paragraphs = ["Andong, about 190 kilometers southeast of Seoul, is known for its folk village."]
    far = ask_made_up(made_up_engine, "Andong", paragraphs, "how far is andong from seoul?")
    assert far.signals["crux_drop"] == 0.0  # type: ignore[index]
    paragraphs = ["The government is also considering a stop in Busan on the same trip, officials said."]
    other = ask_made_up(made_up_engine, "Trip", paragraphs, "where else might the government stop on the trip?")
    assert other.signals["crux_drop"] == 0.0  # type: ignore[index]


def test_an_acronym_typed_in_lower_case_is_read_as_the_coverage_spells_it(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """Chat is typed in lower case: "the jcs" is the Joint Chiefs of Staff where the coverage says so, and said
    so; an ordinary word the coverage lacks is no acronym, nor is one the coverage spells out only in lower
    case running text."""
    paragraphs = [
        "The Joint Chiefs of Staff said they detected the launch at 6:55 a.m. and shared the data.",
        "The ministry said it would fight back under new rules of engagement.",
    ]
    jcs = ask_made_up(made_up_engine, "Launch", paragraphs, "when did the jcs detect the launch?")
    assert jcs.speaker_note == "read “jcs” as “Joint Chiefs of Staff”"
    assert jcs.signals["crux_drop"] == 0.0  # type: ignore[index]
    plain = ask_made_up(made_up_engine, "Launch", paragraphs, "when did the ministry detect the leak?")
    assert plain.speaker_note is None
    running = ask_made_up(
        made_up_engine, "Launch", paragraphs, "what are the roe?"
    )  # "rules of engagement": running text
    assert running.speaker_note is None
    from index.answer.spelling import _capitalised, _common

    assert _common("ask") and not _common("jcs") and not _common("pm")  # "what did Xi ask Seoul to do"
    assert not _capitalised("and South Korean") and _capitalised("Joint Chiefs of Staff")


def test_who_is_a_speaker_named_only_in_labels_refuses_and_says_whom(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """No passage says who a spokesperson named only in the transcript's labels is: "who is X" refuses (no
    empty answer), says whom it read the question as, with their label's role, and shows their words as the
    nearest passages."""
    from index.answer import Refusal

    text = (
        "Transcript: Presidential Office briefing on the ferry talks\n\nSeoul, March 3, 2026\n\n"
        "SPOKESPERSON HAN MI-RAE:\nGood afternoon. The talks ended this morning.\n\n"
        "REPORTER (KBS):\nWill the ferry run in April?\n\nHAN MI-RAE:\nThe date has not been set.\n"
    )
    engine = made_up_engine(text, "briefing.txt", EngineConfig(min_confidence=0.0))
    for question in ("who is han mi-rae?", "who is the presidential spokesperson?"):
        answer = engine.ask(question)
        assert not answer.answered and answer.refusal is Refusal.NO_SUPPORT
        assert answer.speaker_note == "Han Mi-rae (Spokesperson) speaks in the coverage"
        assert answer.passages and all(p.speaker == "Han Mi-rae" for p in answer.passages)


@needs_model
def test_who_did_it_to_someone_is_the_passives_by_not_its_subject(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "Who greeted Berg at the airport?": "Berg was greeted on the tarmac by Mayor Carl Lund" says who; its
    subject, Berg, had it done to them (a passive with no "by" names nobody), while a subject of a verb that
    governs it ("Berg is scheduled to travel") is still the doer."""
    from index.text.nlp import subjects_of

    assert subjects_of("Berg was greeted on the tarmac by Mayor Carl Lund.", "greet") == ["Mayor Carl Lund"]
    assert subjects_of("The remains were returned last week.", "return") == []
    assert subjects_of("Berg is scheduled to travel to Lyon next week.", "travel") == ["Berg"]
    paragraphs = [
        "Mayor Eva Berg flew home from Lyon on Monday.",
        "Berg was greeted on the tarmac by Mayor Carl Lund and his deputy Anna Kim.",
    ]
    greeted = ask_made_up(made_up_engine, "Return", paragraphs, "Who greeted Eva Berg at the airport?")
    assert greeted.signals["agent_ok"] == 1.0 and greeted.passages[0].text.startswith("Berg was greeted")  # type: ignore[index]


def test_up_to_a_year_is_how_long_it_may_take() -> None:
    """A stretch bounded ("up to a year", "at least six months") answers "how long" as "about a year" does."""
    takes = Expectation.of("how long may the first results take?")
    assert takes.weight("Families were told the first results may take up to a year.") == 1.0
    assert takes.weight("The tests will take at least six months.") == 1.0
    assert takes.weight("The results were sent to the families.") == 0.0


def test_a_pronoun_stands_for_the_one_person_named_just_before(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "Her own grandfather was taken to work in a coal mine" after a paragraph about Choi Eun-hee is about
    Choi's grandfather: the passage holds Choi as a quote holds its speaker, and "what happened to Choi
    Eun-hee's grandfather" puts it before the paragraph that names her but no grandfather. After a paragraph
    naming two people, "her" stands for nobody the passage can be said to hold."""
    paragraphs = [
        "Every January, Choi Eun-hee's pupils in Gwangju write letters to a primary school in Nara.",
        "Her own grandfather was taken to work in a coal mine in Kyushu in 1943. He came back.",
    ]
    text = "---\ntitle: Letters\ndate: 2026-01-13\n---\n" + "\n\n".join(paragraphs) + "\n"
    engine = made_up_engine(text, "letters.md", EngineConfig(min_confidence=0.0))
    answer = engine.ask("What happened to Choi Eun-hee's grandfather?")
    assert answer.passages[0].text.startswith("Her own grandfather")
    index = engine.source.current()
    second = index.passages[index.passages.of_article("letters")[1]]
    assert "Choi Eun-hee" in engine._context.voices(index, second)
    two = text.replace("Choi Eun-hee's pupils", "Choi Eun-hee's and Park Ji-su's pupils")
    engine = made_up_engine(two, "two.md", EngineConfig(min_confidence=0.0))
    index = engine.source.current()
    second = index.passages[index.passages.of_article("two")[1]]
    assert engine._context.voices(index, second) == ""


def test_a_bare_reply_is_shown_with_what_follows_it(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "Once." under "Has it been used yet?" says little alone: it comes with the sentence after it. A day of the
    month is no age: "how old is Cho" is not answered by "Correction, Jan. 23: ..."."""
    text = (
        "---\ntitle: Q&A on the hotline\ndate: 2026-01-20\n---\n"
        "**Q. Has the hotline been used yet?**\n\n"
        "Once. On Tuesday night the Japanese side reported a fishing boat with engine trouble near Tsushima.\n\n"
        "**Q. What is it for?**\n\nAccidents at sea.\n"
    )
    engine = made_up_engine(text, "hotline.md", EngineConfig(min_confidence=0.0))
    used = engine.ask("has the hotline been used?")
    assert used.passages[0].highlight.startswith("Once. On Tuesday night")
    old = Expectation.of("how old is cho?")
    assert old.weight("Correction, Jan. 23: An earlier version said Cho served in Washington.") == 0.0
    assert old.weight("Cho, 69, served as ambassador.") == 1.0


def test_how_deep_or_far_is_answered_by_a_length_and_now_gives_an_age() -> None:
    """ "How deep does Yamada dive" is not answered by "was 19 when he first dived" (a figure, but no depth):
    only a figure with a unit of length, or the time it takes to go, answers "how deep", "how far", "how
    tall". "Now 67, he is ..." says how old someone is, as "now 67" does."""
    deep = Expectation.of("How deep does Yamada dive?")
    assert deep.weight("Yamada Hideo was 19 when he first dived for sea urchins.") == 0.0
    assert deep.weight("The tunnel is about 40 metres below the surface.") == 1.0
    far = Expectation.of("how far is Andong from Seoul?")
    assert far.weight("Andong is three hours' drive from Seoul.") == 1.0
    assert not Expectation.of("how high is the approval rating?").length  # a level, "43 percent"
    assert Expectation.of("how old is Yamada?").weight("Now 67, he is the oldest member of the team.") == 1.0


def test_a_lists_lead_in_alone_is_no_answer(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "The survey will include:" says nothing; its items, which carry it as their context, answer "what will
    the survey include"."""
    paragraphs = [
        "The ministry announced a joint survey of the mine site.",
        "The survey will include:",
        "- mapping of the collapsed tunnels with sonar\n- recovery of remains by professional divers",
    ]
    answer = ask_made_up(made_up_engine, "Survey", paragraphs, "what will the survey include?")
    assert answer.passages[0].text.startswith("- ")
    assert all(p.text != "The survey will include:" for p in answer.passages[:2])
    # ... but one that says something before its colon may answer
    said = ["The families will be told first. Then:", "- the remains will be returned to the family."]
    first = ask_made_up(made_up_engine, "After a match", said, "what happens first after a match?")
    assert first.passages[0].text.startswith("The families will be told first")


def test_a_table_row_holding_what_is_asked_answers_it(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """A row read with its header and caption that holds nearly all of what is asked ("Place: Gyeongju; ...
    Main result: First meeting with Mori") answers as a printed question's answer does, before sentences that
    only share the names; but a row is one item of its table: "how many were identified" is not answered by one
    identified victim's row."""
    paragraphs = [
        "Where did Berg and Mori meet? Where will Berg and Mori meet next? Berg will meet Mori in Seoul in May.",
        "Table: Leaders' meetings\n\n| Date | Place | Leaders | Main result |\n| --- | --- | --- | --- |\n"
        "| October 2025 | Gyeongju | Berg, Mori | First meeting with Mori |\n"
        "| January 2026 | Nara | Berg, Mori | Joint testing of remains |",
    ]
    from index.answer.needs import understand
    from index.answer.question import analyse
    from index.answer.rank import answers_as_asked

    text = "---\ntitle: Timeline\ndate: 2026-01-13\n---\n" + "\n\n".join(paragraphs) + "\n"
    engine = made_up_engine(text, "timeline.md", EngineConfig(min_confidence=0.0))
    index = engine.source.current()
    needs = understand(index, analyse("where did Berg and Mori first meet?", index.people))
    rows = [index.passages[i] for i in index.passages.of_article("timeline") if index.passages[i].text.startswith("|")]
    assert [answers_as_asked(needs, row) for row in rows] == [True, False]
    assert "Gyeongju" in engine.ask("where did Berg and Mori first meet?").passages[0].text
    victims = [
        "Three victims of the mine disaster have now been identified by DNA. This page keeps track.",
        "Table: Victims identified\n\n| Date | Name | Matched through |\n| --- | --- | --- |\n"
        "| Oct. 2 | Kim Dal-su | son's sample |\n| Dec. 4 | Name withheld | daughter's sample |",
    ]
    count = ask_made_up(made_up_engine, "Identified", victims, "how many victims were identified?")
    assert count.passages[0].text.startswith("Three victims")


def test_a_correction_of_the_figure_given_goes_above_it_though_it_names_nothing_asked(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "How much did the summit cost": the entry says "An opposition lawmaker asked about the cost of the summit.
    Kihara said the government spent about 480 million yen." (the question it restates is shown with its
    answer), and "CORRECTION: Kihara's figure was 380 million yen, not 480 million yen." names nothing asked but
    replaces the figure given: it goes above."""
    paragraphs = [
        "**09:02** — The prime minister has begun answering questions in the budget committee.",
        "**09:41** — An opposition lawmaker asked about the cost of the Nara summit. Chief Cabinet Secretary Kihara "
        "said the government spent about 480 million yen on security and hosting.",
        "**10:15** — CORRECTION: Kihara's figure was 380 million yen, not 480 million yen. We regret the error.",
    ]
    cost = ask_made_up(made_up_engine, "Diet live", paragraphs, "how much did the nara summit cost?")
    assert "CORRECTION" in cost.passages[0].text
    assert "480 million yen on security" in cost.passages[1].highlight


def test_a_bare_figure_counts_what_its_printed_question_counts_in_any_word() -> None:
    """ "How many staff will the liaison office have?" — "Five, from the Cabinet Office.": the reporter's question
    counts staff, which the asked "staff" (read also as people or persons) names; a question counting students
    does not make "About 130." a count of workers."""
    staff = Expectation.of("how many staff will the liaison office have?")
    assert staff.weight("Five, from the Cabinet Office.", "", "How many staff will the office have?") == 1.0
    workers = Expectation.of("how many korean workers died?")
    assert workers.weight("About 130.", "", "How many Korean students came?") == 0.5
    assert workers.weight("About 130.", "", "How many workers died?") == 1.0
