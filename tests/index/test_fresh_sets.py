"""Rules of the round that wrote three more sets of new articles (a briefing, a live blog, an explainer, a panel,
a statement, a feature ...): each on made-up text, each failing on the code before it."""

from __future__ import annotations

import pytest

from index.answer.answerability import Expectation
from index.engine import EngineConfig
from index.text.nlp import pipeline
from tests.index.test_what_is_asked import ask_made_up

needs_model = pytest.mark.skipif(pipeline("tagger", "parser") is None, reason="the spaCy model is not installed")


def test_a_question_about_someone_searches_their_own_words_too(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "How many summits has Berit Lund covered?": her answer "Eleven, since 2004." shares no word with the
    question and would not be among the general search's candidates, which twenty paragraphs on summits and
    coverage fill; her own words join them."""
    filler = [
        f"HOST: Summit number {n} was covered by the press corps, and the summit coverage was long." for n in range(20)
    ]
    text = (
        "Radio transcript\n\nJanuary 13, 2026\n\n"
        + "\n\n".join(filler)
        + "\n\nHOST: And you?\n\nBERIT LUND: Eleven, since 2004. I keep every badge.\n"
    )
    engine = made_up_engine(text, "radio.txt", EngineConfig(min_confidence=0.0))
    answer = engine.ask("how many summits has berit lund covered?", k=5)
    assert any(p.text.startswith("Eleven, since 2004") for p in answer.passages)


@needs_model
def test_a_figure_stated_of_its_noun_or_standing_for_what_is_counted_answers() -> None:
    """ "What is the budget": "The budget for this fiscal year is 120 million yen" gives it, however far the figure
    stands from "budget". "How many family members can attend": "up to five may attend" counts them, the number
    standing alone as the subject of the verb asked about."""
    budget = Expectation.of("what is the budget for the mine work this year?")
    assert budget.weight("The budget for this fiscal year is 120 million yen.") == 1.0
    assert budget.weight("The budget for this fiscal year was approved in 2025.") < 1.0
    attend = Expectation.of("how many family members can attend the next sampling?")
    assert attend.verb == "attend"
    assert attend.weight("We have agreed with the Korean side that up to five may attend the next round.") == 1.0
    assert attend.weight("Families may attend the next round, which is planned for 2027.") < 1.0


def test_a_change_is_sized_by_a_figure_a_share_or_a_multiple_but_not_by_a_clock() -> None:
    """ "How much have sales risen": "by about a third", "doubled", "3.1 percent" size it; a live entry's "16:30 —"
    or a year does not, nor a sum of money alone asked as "how much did X cost" would need."""
    change = Expectation.of("how much have sales risen since january?")
    assert change.change
    assert change.weight("Sales have risen by about a third since January.") == 1.0
    assert change.weight("Bookings doubled.") == 1.0
    assert change.weight("Korean Air closed up 3.1 percent.") == 1.0
    assert change.weight("16:30 — Shares of Korean airlines rose after the summit.") == 0.0
    assert change.weight("Sales rose in 2025.") == 0.0


def test_durations_ages_and_seasons_in_the_words_newsrooms_print() -> None:
    """ "10 working days" and "four generations" are stretches of time; "in their fifties and sixties" an age; "from
    the autumn semester", "within two years" and "when she was ten" say when."""
    from index.text.temporal import temporal_weight

    assert Expectation.of("how long will visa processing take?").weight(
        "Visa processing will take no more than 10 working days."
    )
    assert Expectation.of("how old are most of the customers?").weight("Most are in their fifties and sixties.")
    assert temporal_weight("The rules apply to students who arrive from the autumn semester.") > 0
    assert temporal_weight("Prices fall as students arrive.") == 0
    # "when does Ryu expect them to join": "within two years"; "when did he tell her": "when she was ten"
    assert temporal_weight("He expected the two governments to join the project within two years.") > 0
    assert temporal_weight("Their father had told her about the flood when she was ten.") > 0
    assert temporal_weight("She told her sister when she was ready.") == 0
    assert Expectation.of("how long has her family fished off jeju?").weight("We have fished for four generations.")


def test_a_word_asking_which_version_is_never_the_missing_word_tested() -> None:
    """ "What was the old annual cap": a passage answers "old" with "Until this year", so its absence says nothing
    (the next weightiest missing word is tested instead)."""
    from index.answer.focus import Focus

    focus = Focus({"old": 5.0, "cap": 3.0, "visa": 3.0})
    assert focus.crux("Until this year each country issued at most 10,000 visas a year.", 0.2) == "cap"


def test_a_printed_question_of_another_measure_is_not_the_question_asked(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "How old is Berit Lund?" is not what "How long does it take?" asked her, though her name is all the
    question's focus: "About two hours." does not answer it; "Berit Lund, 74, a calligrapher" does."""
    from index.answer.question import interrogative

    assert interrogative("How long does it take?") == "duration"
    assert interrogative("how old is Berit Lund?") == "measure"
    text = (
        "# A calligrapher's memorial\n\n*Interview by Emi Sato*\n\n"
        "Berit Lund, 74, a calligrapher in Ube, has written the names of the victims every morning since 2013.\n\n"
        "**Q:** How long does it take?\n\n**Lund:** About two hours. I do it before breakfast.\n\n"
        "**Q:** What will you do with the sheets?\n\n**Lund:** I have given 400 sheets to the families.\n"
    )
    answer = made_up_engine(text, "lund.md", EngineConfig(min_confidence=0.0)).ask("how old is berit lund?")
    assert "74" in answer.passages[0].highlight


def test_an_update_that_dates_nothing_does_not_answer_when(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "When will Mori visit Peru?": an update correcting her words ("a day to remember", not "a day we will
    remember") revises the entry that says she hopes to visit "as soon as schedules allow", but says nothing of
    when: it does not go above it."""
    paragraphs = [
        '12:10 p.m. — Mori told reporters the visit had been "a day to remember". She said she hoped to visit Peru '
        '"as soon as schedules allow".',
        '3:15 p.m. — UPDATE: The 12:10 entry has been updated. Mori said "a day to remember", not "a day we will '
        'remember".',
    ]
    answer = ask_made_up(made_up_engine, "Live", paragraphs, "when will mori visit peru?")
    assert answer.passages[0].text.startswith("12:10")


def test_a_speaker_in_capitals_on_a_line_of_their_own_with_title_and_affiliation() -> None:
    """A panel transcript prints each speaker in capitals on a line of its own, the turn on the lines under it:
    "PROFESSOR LEE WON-DEOK, KOOKMIN UNIVERSITY", "AMBASSADOR (RET.) FUJISAKI ICHIRO", "MODERATOR". Each turn is
    its speaker's; the affiliation is a role, not part of the name; the moderator asks."""
    from index.people.attribution import attribute
    from index.people.registry import find_people
    from seeds_loader import parse_article

    text = (
        "Panel transcript: After Nara\n\nAsia Policy Forum\nSeoul, March 20, 2026\n\n"
        "The following is an edited transcript of a panel discussion.\n\n"
        "MODERATOR\nWelcome. Was Nara a turning point\nor a pause?\n\n"
        "PROFESSOR LEE WON-DEOK, KOOKMIN UNIVERSITY\nI would call it a pause with good manners.\n"
        "Nothing on history was settled.\n\n"
        "AMBASSADOR (RET.) FUJISAKI ICHIRO\nI am more optimistic. The remains agreement\nis a first.\n"
    )
    article = parse_article(text, "panel.txt")
    labels = [p.speaker_label for p in article.paragraphs]
    assert labels[-3:] == [
        "MODERATOR",
        "PROFESSOR LEE WON-DEOK, KOOKMIN UNIVERSITY",
        "AMBASSADOR (RET.) FUJISAKI ICHIRO",
    ]
    assert article.paragraphs[-2].text.startswith("I would call it")
    registry = find_people([article])
    lee, fujisaki = registry.lookup("Lee Won-deok"), registry.lookup("Fujisaki Ichiro")
    assert lee is not None and fujisaki is not None
    assert any("Kookmin University" in role for role in lee.roles)
    speakers = {q.text.split()[0]: q.speaker for q in attribute([article], registry)}
    assert speakers["I"] in ("Lee Won-deok", "Fujisaki Ichiro")
    assert "Welcome." not in speakers


def test_a_statement_read_by_someone_is_theirs_throughout() -> None:
    """ "The following statement was read by the association's chair, Chung Hae-sook": every paragraph after it
    is her words."""
    from index.people.voices import delivered_text
    from seeds_loader import parse_article

    text = (
        "Statement by the Association of Bereaved Families\n\nMarch 26, 2026\n\n"
        "The following statement was read by the association's chair, Chung Hae-sook, at a press conference.\n\n"
        "We thank the divers who have risked their lives.\n\nBut we are tired of waiting.\n"
    )
    assert delivered_text(parse_article(text, "statement.txt")) == ("Chung Hae-sook", 0)


def test_how_old_a_thing_is_how_many_times_and_what_it_is_called() -> None:
    """ "How old is the crown": "made in the sixth century" (as "born in 1945" says how old someone is). "How many
    times has the crown left Korea": "has left Korea only once before" counts what the verb asked did. "What is
    the exhibition called": 'The exhibition, titled "Across the Strait",' names it."""
    old = Expectation.of("how old is the baekje crown?")
    assert old.weight("The crown, made in the sixth century, was lent to Nara.") == 1.0
    assert old.weight("He was born in 1945.") == 1.0
    assert old.weight("The crown was lent to Nara in 2026.") < 1.0
    called = Expectation.of("what is the exhibition called?")
    assert called.weight('The exhibition, titled "Across the Strait", will run until September 23.') == 1.0
    assert called.weight("The exhibition will run until September 23.") == 0.0


@needs_model
def test_how_many_times_is_counted_with_the_verb_asked() -> None:
    times = Expectation.of("how many times has the crown left korea?")
    assert times.weight("The crown has left Korea only once before, for an exhibition in Paris in 1999.") == 1.0
    assert times.weight("The crown left Korea in 1999.") < 1.0


def test_where_the_next_one_will_be_is_not_where_one_was(hash_embedder, tmp_path) -> None:  # type: ignore[no-untyped-def]
    """ "Where will the next summit be held?" asks of something to come, as "when will" does: "Lee held summit
    talks with Xi in Beijing" tells the act only as done and is not lifted for stating it; "the next summit, in
    Lima" answers. An undated article is read as written by the coverage's newest date at the latest: its "summit
    held on Oct. 30, 2025" is past, so it does not say when or where the next one will be."""
    from index.answer.context import Context
    from index.answer.rank import _done
    from index.engine import Engine
    from index.store.handle import IndexHandle
    from index.store.versions import build_index
    from seeds_loader import parse_article

    assert _done("hold", "This week's summit came after Lee held summit talks with Xi.")
    assert _done("hold", "The talks were held in Nara.")
    assert not _done("hold", "The next summit will be held in Lima.")
    dated = parse_article(
        "---\ntitle: Column\ndate: 2026-03-14\n---\n"
        "I worry that we will judge the next summit, in Lima, by the photos.\n",
        "column.md",
    )
    undated = parse_article(
        "Leaders meet\n\nMori and Berg shake hands ahead of their summit held on Oct. 30, 2025, in Cusco.\n\n"
        "Berg held summit talks with the Dutch king in The Hague early last week.\n",
        "undated.txt",
    )
    index = build_index([dated, undated], hash_embedder, tmp_path / "index")
    assert Context(hash_embedder, EngineConfig()).as_of(index, undated.id) == dated.published
    engine = Engine(IndexHandle.of(index, hash_embedder.name), hash_embedder, config=EngineConfig(min_confidence=0.0))
    answer = engine.ask("where will the next summit be held?")
    assert "in Lima" in answer.passages[0].highlight
    when = engine.ask("when will the next summit be held?")
    assert when.signals is not None and not (
        "Oct. 30, 2025" in when.passages[0].highlight and when.signals["ahead_ok"] == 1.0
    )


def test_who_someone_met_is_whom_they_did_it_to(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "Who did Mori meet in Lima in August 2025?" asks whom Mori met: "Mori visits Lima and meets Peruvian
    President Berit Lund" answers; "Mori and Jan Berg meet in Cusco" (another meets, with her) does not. "Who met Mori",
    "who will meet Mori" and "who did the survey" ask who did it."""
    from index.text.nlp import asks_whom

    assert asks_whom("who did lee meet in tokyo in august 2025?")
    assert asks_whom("who did the president appoint as envoy?")
    assert not asks_whom("who met Lee in Tokyo?")
    assert not asks_whom("who did the survey?")
    text = (
        "---\ntitle: Timeline\ndate: 2026-04-24\n---\nA look back at the main events.\n\n"
        "- **January 13, 2026** — Prime Minister Ana Mori and Finance Minister Jan Berg meet in Cusco.\n"
        "- **August 23, 2025** — Ana Mori visits Lima and meets Peruvian President Berit Lund.\n"
        "- **October 30, 2025** — Ana Mori and Jan Berg hold their first summit in Cusco.\n"
        "- **April 1, 2026** — The Lima-Cusco hotline opens.\n"
        "- **April 9, 2026** — Jan Berg visits the hotline's office.\n"
    )
    from seeds_loader import parse_article

    # A list's items are paragraphs of their own, though they run on line after line.
    items = [p.text for p in parse_article(text, "timeline.md").paragraphs]
    assert len(items) == 6 and items[2].startswith("- August 23, 2025") and items[2].endswith("Berit Lund.")
    engine = made_up_engine(text, "timeline.md", EngineConfig(min_confidence=0.0))
    answer = engine.ask("who did mori meet in lima in august 2025?")
    assert answer.answered and "Berit Lund" in answer.passages[0].highlight


def test_a_name_whose_surname_stands_alone_later_is_a_person_and_the_quoted_one_is_asked(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "Every morning, Ono Hiroshi walks down to the harbour" has none of a person's look in its sentence, but
    the article later writes "Ono, 67, has worked ...": he is a person, not lost to his son Ono Daiki, the only
    other full name; his words are his. "What did Ono say" means the Ono the coverage quotes, not the one it
    names more often."""
    from index.people.attribution import attribute
    from index.people.registry import find_people
    from seeds_loader import parse_article

    text = (
        "---\ntitle: The last ferry captain\ndate: 2026-05-02\n---\n"
        "Every morning at six, Ono Hiroshi walks down to the harbour and checks the weather over the strait.\n\n"
        "Ono, 67, has worked on the ferries for 41 years.\n\n"
        '"For three years I fixed nets for my brother," he said.\n\n'
        "His son, Ono Daiki, 35, will take over the morning sailing. Ono Daiki sails well. Ono Daiki is ready.\n"
    )
    article = parse_article(text, "ferry.md")
    registry = find_people([article])
    assert {p.name for p in registry.people.values()} >= {"Ono Hiroshi", "Ono Daiki"}
    speakers = {q.text[:12]: q.speaker for q in attribute([article], registry)}
    assert speakers['"For three y'] == "Ono Hiroshi"
    engine = made_up_engine(text, "ferry.md", EngineConfig(min_confidence=0.0))
    answer = engine.ask("what did ono say about the nets?")
    assert answer.answered and answer.passages[0].speaker == "Ono Hiroshi"


def test_an_institution_named_with_what_it_is_of_says_who() -> None:
    """ "Who is paying for the trade mission": "The city of Busan will pay for the tickets" says who, as "Busan
    City will pay" does; "The city of Busan is large" does nothing."""
    from index.answer.answerability import fills_who

    assert fills_who("The city of Busan will pay for the merchants' ferry tickets.")
    assert fills_who("The Bank of Korea raised its rate.")
    assert not fills_who("The city of Busan is large.")


def test_a_role_typed_in_short_with_a_hyphen(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "Quote from the fishing co-op head?": "co-op" is the short form of "cooperative" (index/data/
    role_abbreviations.txt), hyphen and all, so the head of the fishing cooperative is the one asked about."""
    paragraphs = [
        '"We have waited twenty years for this," said Berit Lund, head of the local fishing cooperative.',
        "The survey will sample mackerel and squid at 40 points.",
    ]
    answer = ask_made_up(made_up_engine, "Fish survey", paragraphs, "quote from the fishing co-op head?")
    assert answer.answered and answer.passages[0].speaker == "Berit Lund"
    from index.answer.question import resolve_speaker
    from index.people.registry import find_people
    from seeds_loader import parse_article

    registry = find_people([parse_article("Fish survey\n\n" + "\n\n".join(paragraphs) + "\n", "f.txt")])
    assert [p.name for p in resolve_speaker("the fishing co-op head", registry)[0]] == ["Berit Lund"]


def test_asking_for_the_latest_is_no_word_a_passage_must_hold(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "What's the latest on the Chosei sampling": "latest" asks for the newest coverage first (``wants_newest``);
    no passage says "latest" of itself, so it is not a focus word whose absence counts against an answer."""
    from index.answer.needs import understand
    from index.answer.question import analyse

    index = made_up_engine("---\ntitle: T\ndate: 2026-01-13\n---\nThe sampling ended.\n", "t.md").source.current()
    needs = understand(index, analyse("what's the latest on the chosei sampling", index.people))
    assert needs.wants_newest
    assert "latest" not in needs.focus.terms and "sampl" in " ".join(needs.focus.terms)
