"""What an answer must hold: the kind of answer asked for, the focus words; and sources that really disagree."""

from __future__ import annotations

import pytest

from index.answer import Refusal
from index.answer.answerability import AnswerType, Expectation
from index.answer.focus import Focus
from index.engine import EngineConfig
from index.store.lexical import TermStats
from index.text.figures import counted_nouns, figures


@pytest.mark.parametrize(
    ("question", "kind"),
    [
        ("how long did the talks last?", AnswerType.DURATION),
        ("what should seoul do about the ban?", AnswerType.ADVICE),
        ("What does the columnist want the government to do?", AnswerType.ADVICE),
        ("What did the minister call for?", AnswerType.ADVICE),
        ("Who should pay for the recovery?", AnswerType.AGENT),
        ("how many workers died?", AnswerType.COUNT),
        ("what is the population of ube?", AnswerType.COUNT),
        ("how tall is the temple?", AnswerType.COUNT),
        ("when did lee fly home?", AnswerType.DATE),
        ("what time does the museum open?", AnswerType.TIME),
        ("where were the go stones made?", AnswerType.PLACE),
        ("which park did lee visit?", AnswerType.NAMED),
        ("who won the election?", AnswerType.AGENT),
        ("what did lee say about china?", AnswerType.ANY),
        ("who is kang yu-jung?", AnswerType.ANY),
    ],
)
def test_answer_types(question: str, kind: AnswerType) -> None:
    assert Expectation.of(question).kind is kind


def test_a_duration_is_a_stretch_of_time_not_an_anniversary() -> None:
    e = Expectation.of("how long was the government based in the building?")
    assert e.weight("It used the building for about six years, from 1926 until 1932.") == 1.0
    assert e.weight("The president marks 100 years of the headquarters") == 0.5
    assert e.weight("The building is a narrow lane house.") == 0.0
    assert e.weight("The leaders spent about an hour at the temple.") == 1.0


def test_what_should_be_done_is_answered_by_a_directive() -> None:
    e = Expectation.of("What does the columnist want the ministry to do about the ban?")
    assert e.weight("The ministry should commission an independent review.") == 1.0
    assert e.weight("I would also urge the ministry to publish a calendar.") == 1.0
    assert e.weight("I want the government to say his name out loud.") == 1.0
    assert e.weight("The ban has been in place since 2013.") == 0.0
    assert e.weight("He asked whether they could take a picture.") == 0.0


def test_a_count_wants_its_figure_on_the_thing_counted() -> None:
    remains = Expectation.of("How many Korean forced laborers' remains have been identified so far?")
    sentence = "A 1942 flood killed 183 people, including 136 Korean forced laborers."
    assert remains.weight(sentence) == 0.5  # laborers counted, not their remains
    assert Expectation.of("How many Korean laborers died in the flood?").weight(sentence) == 1.0
    partitive = Expectation.of("How many of the flood's victims were Japanese?")
    assert partitive.weight("Of the 183 workers who drowned, 136 were Korean and 47 Japanese.") == 1.0
    members = Expectation.of("How many members does the trade pact have?")
    assert members.weight("Seoul reaffirmed its bid to join the 12-member trade pact.") == 1.0  # one word


def test_a_place_given_as_part_of_another() -> None:
    e = Expectation.of("Where is the mine?")
    assert e.weight("The mine is a historic site on the coast of Ube, Yamaguchi Prefecture.") == 1.0
    assert e.weight("The mine flooded on a February morning.") == 0.0


def test_a_span_of_years_says_how_long() -> None:
    e = Expectation.of("How long did the occupation last?")
    assert e.weight("Tensions stem from the 1910-1945 colonial rule of the peninsula.") == 1.0


def test_numbers_spelled_out_count() -> None:
    assert [f.value for f in figures("In my thirty-one years in the service", frozenset({"year"}))] == [31.0]
    assert [f.value for f in figures("Nineteen workers drowned", counted_nouns("how many workers"))] == [19.0]


def test_last_year_is_a_date_not_a_stretch_of_time() -> None:
    e = Expectation.of("how long did the meeting with the premier last?")
    assert e.weight("Since taking office in June last year, the president has met him twice.") == 0.0
    assert e.weight("The talks will last two hours.") == 1.0
    assert e.weight("Meetings like this rarely last a day.") == 1.0


def test_a_named_count_needs_its_figure() -> None:
    e = Expectation.of("how many japanese workers died in the flood?")
    assert e.satisfied(["Of the 183 workers who drowned, 136 were Korean and 47 Japanese."])
    assert not e.satisfied(["The two leaders met on Thursday to discuss the flood."])


def test_a_share_asked_for_is_answered_by_a_share_given() -> None:
    share = Expectation.of("What percentage did Japanese defence stocks fall?")
    assert share.weight("Kawasaki Heavy Industries fell about 3 percent that day.") == 1.0
    assert share.weight("Korean arrivals fell by about a quarter.") == 1.0
    assert not share.satisfied(["Defence stocks fell sharply on Monday."])


def test_how_much_did_x_cost_wants_a_sum_about_x() -> None:
    e = Expectation.of("how much did the state banquet cost?")
    assert not e.satisfied(["After the state banquet, Lee took out a Xiaomi 15 Ultra, one of two handsets."])
    assert e.satisfied(["The banquet cost 3 million won, officials said."])
    # The sentence giving the sum may name what it is about otherwise; the passage around it names it.
    lost = Expectation.of("How much did Korean businesses lose to delays last year?")
    sentence = "He said his members had lost about 300 billion won last year to delays."
    assert not lost.satisfied([sentence])
    assert lost.satisfied([sentence], around="Korean business groups want faster customs clearance.")


def test_which_x_prefers_the_named_x_and_never_refuses() -> None:
    e = Expectation.of("which park did lee visit after the ceremony?")
    assert e.head == "park"
    assert e.weight("Lee went on to Lu Xun Park, known as Hongkou Park in colonial times.") == 1.0
    assert e.weight("Lee met entrepreneurs at a forum.") == 0.25
    ministry = Expectation.of("Which ministry will hold the talks?")
    assert ministry.weight("The Foreign Ministry will hold them.") == 1.0  # the name before the head
    assert ministry.weight("Talks between the Ministry of the Interior and Safety and Tokyo open.") == 1.0  # after
    assert ministry.weight("The Ministry said so.") == ministry.weight("The health ministry will.") == 0.5
    lists = Expectation.of("which prefectures does korea ban seafood from?")
    assert lists.weight("a ban on all seafood from eight prefectures: Aomori, Iwate, Miyagi") == 1.0


def test_people_counted_by_what_they_do_are_counted_as_people_too() -> None:
    nouns = counted_nouns("How many staff in her division are working on the summit?")
    assert [f.value for f in figures("Eleven people in my division have worked on nothing else.", nouns)] == [11.0]
    assert Expectation.of("How many staff in her division work on it?").weight("Eleven people in my division.") == 1.0
    assert not figures("Eleven people came.", counted_nouns("How many ships were in the harbour?"))


def test_which_agency_is_answered_by_any_named_institution() -> None:
    expected = Expectation.of("Which agency will run the DNA comparisons?")
    assert expected.weight("Our National Forensic Service has the expertise.") == 1.0
    assert expected.weight("The remains will undergo DNA analysis next month.") < 1.0
    assert Expectation.of("Which park did Lee visit?").weight("He met the National Forensic Service.") < 1.0


def test_a_clock_time_answers_what_time() -> None:
    e = Expectation.of("what time did the talks begin?")
    assert e.satisfied(["Their talks began at 6:02 p.m. and lasted 41 minutes."])
    assert not e.satisfied(["The memorial hall first opened to the public on April 13, 1993."])


def test_a_table_cell_under_a_place_header_answers_where() -> None:
    """A table row read under its headers ("Place: Kyoto") names a place as "in Kyoto" does."""
    where = Expectation.of("Where did the two leaders meet in 2011?")
    assert where.weight("The table lists meetings. Year: 2011; Place: Kyoto; Leaders: Lee, Noda") == 1.0
    assert where.weight("They met in Kyoto.") == 1.0
    assert where.weight("Cho will report to the National Assembly next week.") == 1.0  # a destination
    assert where.weight("Year: 2011; Leaders: Lee, Noda; Why it mattered: visits stalled") == 0.0


def test_a_table_cell_under_a_who_header_says_who() -> None:
    from index.answer.answerability import fills_who

    assert fills_who("Step: First DNA comparison; Who: National Forensic Service; When: Spring")
    assert not fills_who("Lee will visit Horyu Temple with Takaichi on Wednesday.")


def test_a_clock_time_says_when() -> None:
    """A live entry's stamp or a clock time answers "when" on the day its context gives: it is no worse an
    answer than "last year" (else a passage saying "last year" goes before every stamped entry)."""
    when = Expectation.of("When did the plane take off?")
    for sentence in ("2:36 p.m. — The plane has taken off.", "[14:05] The plane took off.", "It left at noon."):
        assert when.weight(sentence) == 0.5, sentence
    assert when.weight("The plane took off on Jan. 14.") == 1.0
    for sentence in ("Horyuji was founded at the start of the seventh century.", "Trade grew in the 1990s."):
        assert when.weight(sentence) == 1.0, sentence  # a century or a decade is a date, if a broad one
    for sentence in ("Results are due by summer.", "Talks start within the month.", "It ends by the end of the year."):
        assert when.weight(sentence) == 0.5, sentence  # seasons and deadlines are relative dates
    assert when.weight("The plane took off with 200 people on board.") == 0.0


def test_focus_support_weighs_rare_words_and_nearby_paragraphs_half() -> None:
    focus = Focus({"panda": 3.0, "zoo": 3.0})
    assert focus.support("pandas at the zoo") == 1.0
    assert focus.support("pandas", nearby="the zoo") == pytest.approx(0.75)
    assert focus.support("nothing here") == 0.0
    assert Focus({}).support("anything") == 1.0


def test_how_much_of_a_question_a_passage_holds_does_not_swing_with_the_coverage_size() -> None:
    """In a small coverage an ordinary word seen in one passage ("officially") weighs as much as a name,
    and the share of the question a passage holds (what the answer-or-refuse decision weighs) moved as
    articles were added: the decision's weights pool the counts with ordinary English. A word rare in
    English (a name) still weighs most; the ranking keeps the coverage's own counts."""
    question = "When was Nara officially asked to host the summit?"
    passage = "Nara was asked to host the summit when the two leaders met in the autumn."
    small_counts = TermStats(150, {"nara": 40, "ask": 10, "host": 3, "summit": 60})  # "officially": nowhere
    small = Focus.of(question, small_counts)
    large = Focus.of(question, TermStats(3000, {"nara": 900, "offici": 150, "ask": 200, "host": 60, "summit": 1500}))
    raw = [f.support(passage) for f in (small, large)]
    steady = [f.support(passage, steady=True) for f in (small, large)]
    assert abs(raw[0] - raw[1]) > 0.1  # the coverage's own weights swing ...
    assert abs(steady[0] - steady[1]) < abs(raw[0] - raw[1]) / 2  # ... the decision's much less
    named = Focus.of("Did Kihara officially ask Nara?", small_counts).steady
    assert named is not None and max(named, key=named.__getitem__) == "kihara"  # in neither: weighs most
    assert small.terms == {t: small_counts.idf(t) for t in small.terms}


def test_the_crux_is_the_weightiest_missing_word() -> None:
    focus = Focus({"panda": 2.7, "arriv": 5.8, "zoo": 4.7})
    assert focus.crux("Lee asked Xi to lend pandas to the zoo", share=0.2) == "arriv"
    assert focus.crux("the pandas arrived at the zoo", share=0.2) is None
    assert Focus({"visit": 1.0, "memorandum": 9.0}).crux("14 memorandums", share=0.2) is None


@pytest.mark.parametrize(
    ("sentence", "expected"),
    [
        ("the two governments signed 14 memorandums of understanding", 14.0),
        ("its control catalogue lists 1,005 items", 1005.0),
        ("their second meeting in just over two months", 2.0),
        ("the first time they had sat down together since she took office", None),
        ("on his first visit to South Korea in 11 years", None),
        ("they met for the third time", 3.0),
        ("President Lee has met Xi Jinping twice", 2.0),
        ("we have sat through more than thirty planning meetings with the police", 30.0),  # spelled out
        ("in my thirty-one years in the foreign service", None),  # years are not meetings
    ],
)
def test_figures_attached_to_what_is_counted(sentence: str, expected: float | None) -> None:
    question = "how many memorandums were signed?" if "memorandum" in sentence else "how many items?"
    if "met" in sentence or "meeting" in sentence or "time" in sentence or "visit" in sentence:
        question = "how many times have they met?"
    found = figures(sentence, counted_nouns(question))
    assert (found[0].value if found else None) == expected


# Twenty questions a newcomer might type, in lower case, off or near the topic of the coverage; none names
# a person the coverage lacks. Every one must be refused ...
OFF_TOPIC = [
    "what is the weather in seoul today?",
    "how much did the summit cost?",
    "what did lee say about bitcoin?",
    "when will lee visit washington?",
    "how tall is horyu temple?",
    "who won the election in taiwan?",
    "how many pandas live at the zoo now?",
    "what is the recipe for the banquet dessert?",
    "what time does the museum in shanghai open?",
    "how much does a train ticket to nara cost?",
    "what did takaichi say about the olympics?",
    "how many people attended the concert in gyeongju?",
    "who is the mayor of nara?",
    "what is the population of ube?",
    "what did xi say about football?",
    "how long is the flight from seoul to beijing?",
    "which airline did lee fly with?",
    "what did the divers eat after the survey?",
    "what is the exchange rate of the yen today?",
    "how many goals were scored in the soccer exchange?",
]
# ... and twenty answerable ones, each answered.
ANSWERABLE = [
    "what did lee say about china-japan quarrels?",
    "who is wi sung-lac?",
    "what did lee and takaichi agree to do about the chosei mine remains?",
    "how many memorandums did the two governments sign in beijing?",
    "how long did lee and xi talk in beijing?",
    "which temple did the leaders visit in nara?",
    "what did xi give lee in gyeongju?",
    "who is yang kee-ho?",
    "what did mao ning say about japanese seafood?",
    "how many korean laborers died in the chosei mine?",
    "what is shuttle diplomacy?",
    "when did takaichi take office?",
    "what did kihara say about the export ban?",
    "which zoo did lee want the pandas sent to?",
    "how many prefectures does korea ban seafood from?",
    "what did the spokesperson say about the selfie?",
    "where did lee spend the last day of his china trip?",
    "what did the national security adviser say about north korea?",
    "what did lin chia-lung say about beijing?",
    "when did china ban dual-use exports to japan?",
]


@pytest.mark.slow
def test_off_and_near_topic_questions_are_refused(pack_engine) -> None:
    """At least 19 of the 20 refused (the acceptance of the calibrated decision, which is fitted on the dev
    sets and never on these), each still offering the nearest passages, labelled as not answers."""
    answers = {question: pack_engine.ask(question) for question in OFF_TOPIC}
    answered = [q for q, a in answers.items() if a.answered]
    assert len(answered) <= 1, answered
    assert all(a.passages for a in answers.values())


@pytest.mark.slow
def test_answerable_questions_are_answered(pack_engine) -> None:
    refused = [q for q in ANSWERABLE if not pack_engine.ask(q).answered]
    assert len(refused) <= 1, refused


@pytest.mark.parametrize(
    ("acronym", "text", "expected"),
    [
        ("MOUs", "In all, 23 memorandums of understanding were signed.", "memorandums of understanding"),
        ("PPP", "a spokesperson for the People Power Party said", "People Power Party"),
        ("CPTPP", "join the Comprehensive and Progressive Agreement for Trans-Pacific Partnership, which",
         "Comprehensive and Progressive Agreement for Trans-Pacific Partnership"),
        ("US", "the United States and Japan", "United States"),
        ("US", "used sparingly", None),  # two letters: two capitalised words only
        ("IMF", "the interior ministry fears a delay", None),  # lower case with no small word: chance
        ("NFS", "the National Forensic. Service", None),  # one phrase, not across a break
    ],
)  # fmt: skip
def test_an_acronym_is_spelled_out_as_the_text_spells_it(acronym: str, text: str, expected: str | None) -> None:
    from index.text.acronyms import long_form

    assert long_form(acronym, text) == expected


def test_an_acronym_the_coverage_spells_out_is_no_unknown_name(made_up_engine) -> None:
    text = (
        "---\ntitle: Deals in the capital\ndate: 2026-01-06\n---\n"
        "In all, 23 memorandums of understanding were signed in the capital on Monday.\n\n"
        "The leaders also visited a museum of modern art.\n"
    )
    engine = made_up_engine(text, "deals.md")
    spelled = engine.ask("How many MOUs were signed in the capital?")
    assert spelled.refusal is not Refusal.UNKNOWN_NAME and "23 memorandums" in spelled.passages[0].highlight
    unknown = engine.ask("How many IMF loans were signed in the capital?")
    assert (unknown.refusal, unknown.unknown) == (Refusal.UNKNOWN_NAME, ("IMF",))


def test_a_slip_in_a_name_is_mended_only_when_one_name_is_that_close() -> None:
    from index.answer.spelling import closest_name

    names = {"Takaichi", "Korea", "Kawabata", "October", "Nara", "Lee"}
    assert closest_name("Takiachi", names) == "Takaichi"  # two letters swapped
    assert closest_name("Kroea", names) == "Korea"
    assert closest_name("Kwaabta", names) is None  # two slips in a word of seven letters
    assert closest_name("Kawabatta", names) == "Kawabata"
    assert closest_name("Putin", names) is None
    assert closest_name("Parks", {"Parka", "Parke"}) is None  # two as close: no guess


def test_a_misspelt_name_is_read_as_the_coverage_spells_it_and_said_so(made_up_engine) -> None:
    text = (
        "---\ntitle: Talks in Nara\ndate: 2026-01-13\n---\n"
        'Prime Minister Sanae Takaichi said the talks were "warm and useful for both countries."\n\n'
        "The leaders later visited a temple in Nara.\n"
    )
    engine = made_up_engine(text, "nara.md")
    mended = engine.ask("What did Takiachi say about the talks?")
    assert mended.refusal is not Refusal.UNKNOWN_NAME and mended.passages[0].speaker == "Sanae Takaichi"
    assert mended.speaker_note == "read “Takiachi” as “Takaichi”"
    assert mended.question == "What did Takiachi say about the talks?"  # the question as asked is kept
    unknown = engine.ask("What did Putin say about the talks?")
    assert (unknown.refusal, unknown.unknown) == (Refusal.UNKNOWN_NAME, ("Putin",))


def test_a_journey_asked_one_way_is_not_answered_by_the_other() -> None:
    from index.text.motion import asked_direction, goes_only_against

    assert asked_direction("Which airport did Lee fly into?") == "arrive"
    assert asked_direction("What time did Lee leave Japan?") == "depart"
    assert asked_direction("Where did the leaders meet?") is None
    leaving = "After the visit he was driven to the airport and took off for Seoul at about 2:35 p.m."
    assert goes_only_against(leaving, "arrive") and not goes_only_against(leaving, "depart")
    assert not goes_only_against("He arrived at Kansai International Airport shortly before noon.", "arrive")
    assert not goes_only_against("President Lee, left, and President Xi shake hands.", "arrive")  # a caption
    assert not goes_only_against("Lee (left) and Xi, left to right.", "arrive")
    # ... but a name in apposition does leave: "His father, Kim Dal-su, left Sacheon for Japan in 1940."
    assert goes_only_against("His father, Kim Dal-su, left Sacheon for Japan in 1940.", "arrive")


def test_a_name_asked_for_needs_a_name_the_question_does_not_give() -> None:
    hotel = Expectation.of("What is the name of the hotel where Lee stayed in Nara?")
    assert (hotel.kind, hotel.head, hotel.strict) == (AnswerType.NAMED, "hotel", True)
    assert hotel.weight("Korean residents gathered outside the hotel where Lee will spend the night.") == 0.0
    assert hotel.weight("Lee stayed at the Nara Hotel, near the park.") == 1.0
    assert not hotel.satisfied(["Korean residents gathered outside the hotel where Lee will spend the night."])
    mine = Expectation.of("What is the Korean name of the Chosei coal mine?")
    assert mine.weight("The remains come from the Chosei undersea coal mine (Jangsaeng coal mine in Korean).") == 1.0
    assert mine.weight("The Chosei coal mine flooded in 1942.") == 0.0  # the name the question gives
    drums = Expectation.of("What brand of drum kits did the leaders play?")
    assert drums.head == "kits" and drums.weight("The two leaders sat down at a pair of drum kits.") == 0.0
    assert Expectation.of("Which park did Lee visit?").strict is False  # "which X": any X named, never refused


def test_where_a_journey_asked_about_goes() -> None:
    from index.text.motion import destination

    assert destination("When will Takaichi visit Seoul?") == "Seoul"
    assert destination("when will lee visit washington?") == "washington"
    assert destination("How long was Lee's trip to China?") == "China"
    assert destination("When did the president arrive in Osaka?") == "Osaka"
    assert destination("Will the leaders visit each other regularly?") is None
    assert destination("What did Lee say about Japan?") is None


def test_a_journey_to_a_place_the_passage_never_names_is_refused(made_up_engine) -> None:
    text = (
        "---\ntitle: Talks in Nara\ndate: 2026-01-13\n---\n"
        "President Lee will visit Nara on Tuesday for talks with Prime Minister Takaichi, officials said.\n\n"
        "The talks are expected to cover supply chains and the remains of mine workers.\n\n"
        "Both governments have prepared a joint statement on economic security.\n\n"
        "Officials in Seoul declined to comment on the statement.\n"
    )
    engine = made_up_engine(text, "nara.md", EngineConfig(min_confidence=0.0))
    elsewhere = engine.ask("When will President Lee visit Seoul?")
    assert elsewhere.refusal is Refusal.NO_SUPPORT and elsewhere.signals["destination_ok"] == 0.0  # type: ignore[index]
    here = engine.ask("When will President Lee visit Nara?")
    assert here.answered and here.signals["destination_ok"] == 1.0  # type: ignore[index]


def test_a_journey_asked_about_one_way_needs_a_passage_telling_it(made_up_engine) -> None:
    """ "Have the cranes arrived at the zoo yet?": a request to lend them does not say; a passage telling
    their arrival does."""
    asked = "---\ntitle: Cranes\ndate: 2026-01-06\n---\nOh asked Vang to lend a pair of cranes to the city zoo.\n"
    config = EngineConfig(min_confidence=0.0)
    pending = made_up_engine(asked, "asked.md", config).ask("Have the cranes arrived at the zoo yet?")
    assert pending.refusal is Refusal.NO_SUPPORT and pending.signals["direction_ok"] == 0.0  # type: ignore[index]
    landed = "---\ntitle: Cranes\ndate: 2026-03-06\n---\nThe pair of cranes arrived at the city zoo on Monday.\n"
    arrived = made_up_engine(landed, "landed.md", config).ask("Have the cranes arrived at the zoo yet?")
    assert arrived.answered and arrived.signals["direction_ok"] == 1.0  # type: ignore[index]


def test_an_institution_doing_what_its_verb_says_is_who_did_it() -> None:
    from index.answer.answerability import fills_who

    assert fills_who("Korea's National Forensic Service compares the profiles with samples given by relatives.")
    assert fills_who("The Interior Ministry will collect the samples.")
    assert not fills_who("Horyu Temple was founded in 607.")  # a passive with no agent says nobody
    assert not fills_who("The Seoul Museum has a copy.")
    assert not fills_who("Lee will visit Horyu Temple on Wednesday.")


def test_a_comma_in_a_number_is_no_year() -> None:
    students = Expectation.of("How many students will the youth exchange bring each year?")
    assert students.weight("The programme will bring 2,000 students from each country every year from 2027.") == 1.0
    assert students.weight("The programme will start in 2027 with students from each country.") < 1.0


def test_a_place_described_rather_than_named_half_answers_where() -> None:
    where = Expectation.of("Where does Kim want to bury his father?")
    assert where.weight("Kim wants to bury his father next to his mother, on a hill above the town.") == 0.5
    assert where.weight("Kim wants to bury his father in Sacheon.") == 1.0
    assert where.weight("Kim wants to bury his father soon.") == 0.0


def test_a_future_reported_looks_ahead() -> None:
    from datetime import date

    from index.text.dates import looks_ahead, resolve_dates

    drill = "Officials said the first joint drill would take place in November."
    assert looks_ahead(drill)
    assert [m.when for m in resolve_dates(drill, date(2026, 9, 15))] == [date(2026, 11, 1)]
    assert not looks_ahead("The talks would have failed without him.")


def test_a_bare_figure_counts_what_its_question_counts_only_under_a_question_that_counts() -> None:
    samples = Expectation.of("How many samples came from children of victims?")
    assert samples.weight("About two hundred.", "", "How many samples have you taken?") == 1.0
    assert samples.weight("A cheek swab takes a few minutes.", "", "How can relatives give a DNA sample?") == 0.5


def test_an_irregular_verb_form_is_read_as_its_base() -> None:
    """ "When did the drive begin?" finds "It began on Nov. 9."; "where did they meet" finds "met"."""
    from index.text.tokens import tokenize

    assert set(tokenize("When did the drive begin?")) <= set(tokenize("The drive began on Nov. 9."))
    assert tokenize("met") == tokenize("meet") and tokenize("flew") == tokenize("flies")
    assert tokenize("said") == tokenize("says")


def test_why_prefers_a_sentence_giving_a_reason_without_requiring_one() -> None:
    from index.answer.question import interrogative

    why = Expectation.of("Why was the September dive postponed?")
    assert why.kind is AnswerType.REASON
    assert why.weight("The group postponed the dive because of Typhoon Haishen.") == 1.0
    assert why.weight("The dive has been rescheduled for September 27.") == 0.0
    assert why.satisfied(["The families have asked for a few days."])  # a reason need not say so
    assert Expectation.of("What made you join?").kind is AnswerType.REASON
    assert interrogative("What made you join?") == interrogative("Why did he join?") == "why"


def test_an_institution_named_in_lower_case_after_its_country_is_who_did_it() -> None:
    from index.answer.answerability import fills_who

    assert fills_who("The Korean foreign ministry raised it first, in talks in November.")
    assert fills_who("Japan's health ministry will pay for the return.")
    assert not fills_who("The ministry said so.")


def test_a_form_of_a_stopword_is_no_focus_word() -> None:
    """ "What does she want done with the places?": "done" is "do", as little a word of the topic as "does"."""
    from index.text.tokens import tokenize

    assert tokenize("What does she want done with the places?") == tokenize("What does she want with the places?")
    assert tokenize("I am told") == tokenize("I told")


def test_what_someone_wants_done_asks_for_what_should_be_done() -> None:
    wants = Expectation.of("What does Han Seo-yeon want done with the programme's places?")
    assert wants.kind is AnswerType.ADVICE
    assert wants.weight("I would double it before anything else.") == 1.0  # a proposal in the first person
    assert wants.weight("We would ask the ministry to keep it.") == 1.0
    assert wants.weight("I would have gone anyway.") == 0.0


def test_a_duration_is_read_in_any_spelled_number_and_as_a_range() -> None:
    """ "expect them to last about ninety minutes" says how long (the spelled numbers had stopped at fifty);
    so does "could take from three months to a year"."""
    how_long = Expectation.of("How long were the talks expected to last?")
    assert how_long.weight("Officials expect them to last about ninety minutes.") == 1.0
    assert how_long.weight("The talks lasted sixty-five minutes.") == 1.0
    assert how_long.weight("Extraction could take from three months to a year, depending on the bone.") == 1.0
    assert how_long.weight("Talks have begun at the convention centre.") == 0.0


def test_what_costs_nothing_says_how_much_it_costs() -> None:
    cost = Expectation.of("how much does the letters exhibition cost?")
    assert cost.weight("The exhibition runs until Aug. 30. Admission is free.") == 1.0
    assert cost.weight("Tickets are free of charge for students.") > 0.0
    assert cost.weight("The exhibition runs until Aug. 30.") == 0.0


def test_a_count_that_names_nothing_counted_is_answered_by_any_figure() -> None:
    """ "How many did the organisers say joined the protest?": nothing is named after "how many", so the
    question's every word had been taken for what it counts, and no figure could count them."""
    for question in ("how many did the organisers say joined the embassy protest?", "How many were killed?"):
        count = Expectation.of(question)
        assert count.kind is AnswerType.COUNT and count.any_figure, question
        assert count.satisfied(["Organisers said about 250 people took part, not 80."]), question
        assert not count.satisfied(["Organisers said the rally was peaceful."]), question
    assert not Expectation.of("How many samples have you taken?").any_figure


def test_how_long_something_takes_is_not_how_long_a_state_has_held() -> None:
    """ "How long might it take to get DNA results?": "bones that have been under the sea for more than eighty
    years" is a duration, but of the bones' stay, not of the tests (it had been sent to a follow of the
    question as its answer)."""
    takes = Expectation.of("How long might it take to get DNA results from the bones?")
    assert takes.weight("Bones that have been under the sea for more than eighty years are hard to test.") == 0.0
    assert takes.weight("Extraction could take from three months to a year.") == 1.0
    lasted = Expectation.of("How long did the small-group talks last?")  # what lasted: any stretch of it
    assert lasted.weight("The small-group talks ran for 55 minutes.") == 1.0


def test_how_much_something_is_going_to_cost_is_about_that_thing() -> None:
    for question in ("how much is the visitor centre going to cost", "How much is the centre expected to cost?"):
        cost = Expectation.of(question)
        assert "centr" in cost.subject, question
        assert cost.weight("The centre, with a budget of 180 million yen, will open in 2028.") == 1.0
