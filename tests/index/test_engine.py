from __future__ import annotations

import pytest

from index.answer import Refusal
from index.engine import Engine, EngineConfig
from index.search.retrieval import FusionWeights, HybridRetriever
from index.store.handle import IndexHandle
from index.store.versions import build_index


def test_answer_passages_are_cited_and_extractive(hash_engine: Engine) -> None:
    answer = hash_engine.ask("What did Wi Sung-lac say the leaders would discuss?", k=3)
    assert 1 <= len(answer.passages) <= 3
    index = hash_engine.index
    for p in answer.passages:
        assert p.highlight in p.text
        meta = index.articles[p.article_id]
        assert p.file == meta.file and p.paragraph >= 1
        article_text = next(x for x in index.passages if x.article_id == p.article_id and x.text == p.text)
        assert article_text.start <= p.highlight_start < p.highlight_end <= article_text.end


def test_quote_question_is_restricted_to_the_speaker(hash_engine: Engine) -> None:
    answer = hash_engine.ask("What did Yang Kee-ho say about China and Japan?")
    assert answer.answered and answer.intent == "quote"
    assert answer.passages and all(p.speaker == "Yang Kee-ho" for p in answer.passages)


@pytest.mark.parametrize(
    "question",
    ["any word from yang kee-ho on china and japan", "quotes from Yang Kee-ho", "comments by Yang Kee-ho on Japan",
     "did yang kee-ho say anything about the shuttle meetings?", "anything new from Yang Kee-ho?",
     "Yang Kee-ho on Japan?", "yang kee-ho's take on the shuttle meetings"],
)  # fmt: skip
def test_a_newsrooms_shorthand_for_what_someone_said(hash_engine: Engine, question: str) -> None:
    answer = hash_engine.ask(question)
    assert answer.intent == "quote"
    assert answer.passages and all(p.speaker == "Yang Kee-ho" for p in answer.passages)


@pytest.mark.parametrize("question", ["Pressure on Korea?", "Talks on Tuesday", "what did they agree on trade?"])
def test_words_before_on_that_name_nobody_are_no_speaker(hash_engine: Engine, question: str) -> None:
    assert hash_engine.ask(question).intent != "quote"


@pytest.mark.parametrize(
    ("typed", "read"),
    [("how long did the talks last", "how long did the talks last?"), ("hey, what did Wi say", "what did Wi say?"),
     ("ok so who is Ahn?", "who is Ahn?"), ("takaichi dokdo", "takaichi dokdo"), ("Why Nara.", "Why Nara?")],
)  # fmt: skip
def test_a_hurried_question_is_read_as_a_question(typed: str, read: str) -> None:
    from index.answer.typed import as_question

    assert as_question(typed) == read


def test_what_two_people_said_is_both_of_their_words(hash_engine: Engine) -> None:
    answer = hash_engine.ask("What did Yang Kee-ho and Lee Chang-min say about China and Japan?")
    assert answer.intent == "quote" and answer.passages
    assert {p.speaker for p in answer.passages} <= {"Yang Kee-ho", "Lee Chang-min"}
    assert answer.speaker_note is not None and "Lee Chang-min" in answer.speaker_note


def test_a_roles_short_form_names_the_speaker(hash_engine: Engine) -> None:
    answer = hash_engine.ask("what did the japanese pm say about the summit")
    assert answer.intent == "quote" and answer.passages
    assert {p.speaker for p in answer.passages} == {"Sanae Takaichi"}


@pytest.mark.parametrize("question", ["from seoul to tokyo by train", "a message from the families"])
def test_from_alone_asks_for_no_quote(hash_engine: Engine, question: str) -> None:
    assert hash_engine.ask(question).intent != "quote"


def test_what_someone_said_about_a_subject_none_of_their_words_touch_is_refused(hash_engine: Engine) -> None:
    """Yang Kee-ho is quoted, never on bitcoin: his best passage holds no word of the topic, so it is not
    shown as the answer (whatever the fitted decision would say of its closeness)."""
    answer = hash_engine.ask("What did Yang Kee-ho say about bitcoin and the price of gold?")
    assert not answer.answered and answer.refusal is Refusal.NO_SUPPORT
    assert answer.passages  # his nearest words are still offered, as not an answer


def test_a_year_asked_about_must_be_the_passages(hash_engine: Engine) -> None:
    """ "... in 1987": a passage that neither prints that year nor resolves a date to it cannot answer."""
    asked = "How many Korean laborers died when the Chosei mine flooded in {}?"
    right, wrong = hash_engine.ask(asked.format(1942)), hash_engine.ask(asked.format(1987))
    assert right.answered and right.signals is not None and right.signals["year_ok"] == 1.0
    assert not wrong.answered and wrong.refusal is Refusal.NO_SUPPORT
    assert wrong.signals is not None and wrong.signals["year_ok"] == 0.0


def test_the_year_an_article_was_published_in_is_a_year_its_passages_speak_of(tmp_path) -> None:
    from index.encode.embedder import HashEmbedder
    from index.store.handle import IndexHandle
    from index.store.versions import build_index
    from seeds_loader import parse_article

    text = '---\ntitle: Talks\ndate: 2026-01-14\n---\n"We will meet again soon," Kang Yu-jung said.\n'
    embedder = HashEmbedder(32)
    index = build_index([parse_article(text, "talks.md")], embedder, tmp_path / "index")
    engine = Engine(IndexHandle.of(index, embedder.name), embedder)
    for year, ok in (("2026", 1.0), ("2019", 0.0)):
        signals = engine.ask(f"What did Kang Yu-jung say about meeting again in {year}?").signals
        assert signals is not None and signals["year_ok"] == ok, year


def test_ambiguous_surname_names_the_choice_and_the_others(hash_engine: Engine) -> None:
    answer = hash_engine.ask("What did Lee say about Japan?")
    assert answer.speaker_note is not None
    assert "Lee Jae Myung" in answer.speaker_note and "Lee Chang-min" in answer.speaker_note
    assert all(p.speaker == "Lee Jae Myung" for p in answer.passages)


def test_analyst_lee_by_full_name(hash_engine: Engine) -> None:
    answer = hash_engine.ask("What did Lee Chang-min say?")
    assert answer.passages and {p.speaker for p in answer.passages} == {"Lee Chang-min"}
    assert answer.speaker_note is None


def test_unknown_name_is_refused_with_the_name(hash_engine: Engine) -> None:
    answer = hash_engine.ask("Which trade deal did Korea sign with Vietnam?")
    assert not answer.answered and answer.refusal is Refusal.UNKNOWN_NAME and answer.unknown == ("Vietnam",)
    assert answer.passages  # the nearest passages are still shown, for transparency


def test_a_full_name_the_coverage_lacks_is_unknown_though_its_family_name_is_known(hash_engine: Engine) -> None:
    """ "Kim Hea Kyung": the seeds know a Kim, not her; "Lee Chang-min" they know in full."""
    answer = hash_engine.ask("What did Kim Hea Kyung do in Nara?")
    assert answer.refusal is Refusal.UNKNOWN_NAME and answer.unknown == ("Kim Hea Kyung",)
    assert hash_engine.ask("Who is Lee Chang-min?").refusal is not Refusal.UNKNOWN_NAME


def test_unknown_speaker_is_refused(hash_engine: Engine) -> None:
    answer = hash_engine.ask("what did kishida say about the summit?")
    assert not answer.answered and answer.refusal is Refusal.UNKNOWN_SPEAKER and answer.unknown == ("kishida",)


def test_a_role_nobody_holds_is_searched_and_refused_when_no_passage_names_it(hash_engine: Engine) -> None:
    # "minister" and "Japanese" occur in the coverage, so this is no unknown speaker; but no passage names one.
    answer = hash_engine.ask("What did the Japanese defence minister say about the summit?")
    assert not answer.answered and answer.refusal is Refusal.NO_SUPPORT and answer.passages
    # "ambassador" occurs nowhere: nobody is identified so, whatever "US" and "Japan" are in
    answer = hash_engine.ask("What did the US ambassador to Japan say about the summit?")
    assert not answer.answered and answer.refusal is Refusal.UNKNOWN_SPEAKER and answer.passages


@pytest.mark.parametrize("phrase", ["the Blue House", "the Blue Home", "the presidential office", "analysts"])
def test_institutions_and_groups_are_generic_speakers(phrase: str) -> None:
    from index.answer.question import is_generic_speaker

    assert is_generic_speaker(phrase)


def test_people_are_not_generic_speakers() -> None:
    from index.answer.question import is_generic_speaker

    assert not is_generic_speaker("Lee") and not is_generic_speaker("the chief cabinet secretary")


def test_person_never_quoted_is_refused(hash_engine: Engine) -> None:
    answer = hash_engine.ask("What did Nicolás Maduro say about the summit?")
    assert not answer.answered and answer.refusal is Refusal.NO_QUOTES and answer.unknown == ("Nicolás Maduro",)
    assert answer.passages and all("Maduro" in p.text for p in answer.passages)  # where they are mentioned


def test_role_resolves_to_the_person(hash_engine: Engine) -> None:
    answer = hash_engine.ask("What did the Japanese foreign minister say?")
    assert answer.passages[0].speaker == "Toshimitsu Motegi"


def test_no_two_passages_say_the_same_thing(hash_engine: Engine) -> None:
    answer = hash_engine.ask("President Lee Jae-myung of South Korea will visit Japan on the 13th and 14th", k=5)
    highlights = [" ".join(p.highlight.lower().split()) for p in answer.passages]
    assert len(highlights) == len(set(highlights))
    # the 003 caption repeats the lede word for word: only one of them may be returned
    assert sum("will visit japan on the 13th and 14th" in h for h in highlights) == 1


@pytest.mark.parametrize(
    ("question", "k", "message"), [("  ", 3, "empty"), ("x" * 1001, 3, "at most"), ("hi?", 0, "k must")]
)
def test_bad_input_is_named(hash_engine: Engine, question: str, k: int, message: str) -> None:
    with pytest.raises(ValueError, match=message):
        hash_engine.ask(question, k=k)


def test_retriever_validates_k_and_weights(hash_index, hash_embedder) -> None:
    retriever = HybridRetriever(hash_index, hash_embedder)
    with pytest.raises(ValueError, match="k must be > 0, got 0"):
        retriever.search("summit", 0)
    with pytest.raises(ValueError, match="fusion weight lexical must be >= 0, got -1"):
        FusionWeights(lexical=-1)


def test_bm25_alone_finds_the_exact_term(hash_index, hash_embedder) -> None:
    retriever = HybridRetriever(hash_index, hash_embedder, FusionWeights(passage=0, sentence=0, lexical=1))
    top = retriever.search("CPTPP seafood prefectures Fukushima", 1)[0]
    assert "seafood" in top.passage.text and top.lexical == 1.0


def test_engine_takes_any_retriever(hash_index, hash_embedder) -> None:
    """A stand-in retriever (a distributed engine, say) serves every search the engine makes."""
    from index.store.handle import IndexHandle

    calls: list[tuple[str, str]] = []

    class Recording(HybridRetriever):
        def search_with_vector(self, query, vector, k):  # type: ignore[no-untyped-def]
            calls.append(("search", query))
            return super().search_with_vector(query, vector, k)

        def score_passages(self, query, vector, ids, k=50):  # type: ignore[no-untyped-def]
            calls.append(("score", query))
            return super().score_passages(query, vector, ids, k)

    engine = Engine(IndexHandle.of(hash_index, hash_embedder.name), hash_embedder, retriever=Recording)
    assert engine.ask("What did Wi Sung-lac say?").passages
    assert engine.ask("What pressure is the US putting on both countries?").passages
    # the quote question is answered from the speaker's quotes alone, the other by the general search
    assert calls == [
        ("score", "What did Wi Sung-lac say?"),
        ("search", "What pressure is the US putting on both countries?"),
    ]


def test_latest_prefers_the_newest_article(hash_embedder, tmp_path) -> None:
    from seeds_loader import parse_article

    body = "The ministry reported that the harbour dredging project in Busan is running behind schedule.\n"
    older = parse_article(f"---\npublished: 2026-01-02\n---\n{body}", "a-old.md")
    newer = parse_article(f"---\npublished: 2026-01-09\n---\nUpdate. {body}", "b-new.md")
    index = build_index([older, newer], hash_embedder, tmp_path / "index")
    engine = Engine(IndexHandle.of(index, hash_embedder.name), hash_embedder)
    assert engine.ask("what is the latest on the harbour dredging project in busan?").passages[0].file == "b-new.md"
    assert engine.ask("what about the harbour dredging project in busan?").passages[0].file == "a-old.md"


@pytest.mark.parametrize(("day", "place"), [("13th", "Kansai"), ("14th", "Seoul Air Base")])
def test_a_day_asked_about_puts_the_passages_of_that_day_first(tmp_path, day: str, place: str) -> None:
    """ "Where did the plane land on the 14th?": the passage that speaks of the 14th (a date resolved against
    its article's, or a live entry under that day's heading) before one of another day."""
    from index.encode.embedder import HashEmbedder
    from index.store.handle import IndexHandle
    from index.store.versions import build_index
    from seeds_loader import parse_article

    blog = (
        "---\ntitle: Live from Nara\ndate: 2026-01-13\n---\nTUESDAY, JANUARY 13, 2026\n\n"
        "[11:52] The presidential plane has landed at Kansai International Airport.\n\n"
        "[12:40] The motorcade has left the airport for Nara.\n"
    )
    report = (
        "---\ntitle: Home again\ndate: 2026-01-15\n---\nThe president's plane landed at Seoul Air Base on the "
        "evening of the 14th, and his staff met at once.\n"
    )
    embedder = HashEmbedder(32)
    articles = [parse_article(blog, "blog.md"), parse_article(report, "report.md")]
    index = build_index(articles, embedder, tmp_path / "index")
    engine = Engine(IndexHandle.of(index, embedder.name), embedder)
    answer = engine.ask(f"Where did the president's plane land on the {day}?")
    assert place in answer.passages[0].text


def test_what_someone_asked_is_found_where_another_reports_it(made_up_engine) -> None:
    """ "What did Oh ask Vang to send?": Oh never speaks in the coverage, but his spokesperson reports his
    request ("Oh asked Vang to send ..., Ryu said"): that sentence answers, cited to the spokesperson."""
    text = (
        "---\ntitle: Talks in the capital\ndate: 2026-01-06\n---\n"
        "President Oh Tae-sik met Premier Vang Lei on Monday. Spokesperson Ryu Min-seo briefed reporters.\n\n"
        '"The talks were warm," Ryu said of the meeting.\n\n'
        "Oh asked Vang to send a pair of red-crowned cranes to the city zoo, Ryu said, and proposed chess "
        "exchanges between the two capitals.\n"
    )
    engine = made_up_engine(text, "talks.md")
    answer = engine.ask("What did Oh ask Vang to send to the zoo?")
    assert answer.refusal is not Refusal.NO_QUOTES
    assert "cranes" in answer.passages[0].highlight
    assert answer.passages[0].speaker == "Ryu Min-seo"


def test_a_speakers_passage_holding_the_kind_of_answer_asked_for_touches_the_topic(made_up_engine) -> None:
    """ "What did Park say relatives should be warned about?": his passage saying what families should be told
    answers, though it holds no word of the question's topic; his other passage names relatives but says
    nothing that should be done."""
    text = (
        "---\ntitle: Waiting for the tests\ndate: 2026-01-18\n---\n"
        '"Families should be told both possibilities from the start, not at the end," said geneticist Park Se-hoon.\n\n'
        "Matches are most reliable when more than one relative has given a sample, Park added of the relatives.\n"
    )
    engine = made_up_engine(text, "wait.md")
    answer = engine.ask("What did Park Se-hoon say relatives should be warned about?")
    assert answer.intent == "quote" and "should be told" in answer.passages[0].highlight


def test_who_did_it_is_answered_by_a_role_standing_for_one_person(made_up_engine) -> None:
    """ "Who came up with the idea of the drums?": "It was the prime minister's idea" says who, since the
    briefing's one prime minister is Takaichi; a sentence naming nobody would not."""
    text = (
        "---\ntitle: Briefing on the Nara summit\ndate: 2026-01-13\n---\n"
        "Spokesperson Kang Yu-jung: Prime Minister Sanae Takaichi hosted President Lee Jae Myung for dinner.\n\n"
        "Reporter (Channel Saebit): We are told the two leaders played the drums together. Whose idea was that?\n\n"
        "Spokesperson Kang Yu-jung: It was the prime minister's idea. The pool will release photographs.\n\n"
        "Reporter (Gyeongnam Dispatch): What is on the schedule tomorrow?\n\n"
        "Spokesperson Kang Yu-jung: The leaders will visit a temple in the morning.\n"
    )
    engine = made_up_engine(text, "briefing.md")
    answer = engine.ask("Who came up with the idea of the leaders playing the drums together?")
    assert "prime minister's idea" in answer.passages[0].highlight
    assert answer.signals is not None and answer.signals["agent_ok"] == 1.0


def test_what_someone_said_about_a_subject_on_an_occasion_needs_the_subject(made_up_engine) -> None:
    """ "What did Wi say about North Korea at the briefing?": his words at the briefing on supply chains do
    not answer it (the occasion's word, and "Korea", are there; "North" is not); about supply chains they do."""
    text = (
        "---\ntitle: Briefing on the Korea summit\ndate: 2026-01-13\n---\n"
        '"The leaders agreed to deepen cooperation on supply chains in Korea and Japan," National Security '
        "Adviser Wi Sung-lac told the briefing.\n"
    )
    engine = made_up_engine(text, "briefing.md", EngineConfig(min_confidence=0.0))
    other = engine.ask("What did Wi Sung-lac say about North Korea at the briefing?")
    assert other.refusal is Refusal.NO_SUPPORT and other.signals is not None and other.signals["subject_ok"] == 0.0
    same = engine.ask("What did Wi Sung-lac say about supply chains at the briefing?")
    assert same.answered and same.signals is not None and same.signals["subject_ok"] == 1.0


@pytest.mark.parametrize(
    "question",
    [
        "Which trade deal did Korea sign with Vietnam?",  # a name the coverage lacks
        "What did the US ambassador to Japan say about the summit?",  # a speaker nobody is
        "What did Nicolás Maduro say about the summit?",  # mentioned, never quoted
    ],
)
def test_a_refusal_already_made_embeds_the_question_once(hash_index, hash_embedder, question: str) -> None:
    """What a missing focus word means costs a second encoder pass; it can change neither a refusal the
    analysis made nor its reason, so it is not paid for ("Vietnam" and "ambassador" are words no passage
    holds, which would otherwise send the question to the encoder again without them)."""
    texts: list[str] = []

    class Counting(type(hash_embedder)):  # type: ignore[misc]
        def encode(self, batch):  # type: ignore[no-untyped-def]
            texts.extend(batch)
            return super().encode(batch)

    engine = Engine(IndexHandle.of(hash_index, hash_embedder.name), Counting(64))
    answer = engine.ask(question)
    assert not answer.answered and answer.passages
    assert texts == [question]


def test_a_name_printed_only_in_a_transcripts_labels_is_known(made_up_engine) -> None:  # type: ignore[no-untyped-def]
    """ "What did Kihara say about the records?" of a transcript whose text never prints "Kihara" but whose
    labels do ("MR. KIHARA:"): he is someone of the coverage, not an unknown name."""
    text = (
        "Press conference\n\nFebruary 24, 2026\n\nMR. KIHARA: We are looking into which records exist.\n\n"
        "Q: When will the next dives take place?\n\nMR. KIHARA: That is for the divers to decide.\n"
    )
    answer = made_up_engine(text, "presser.txt").ask("What did Kihara say about the company records?")
    assert answer.refusal is not Refusal.UNKNOWN_NAME and answer.passages[0].speaker == "Kihara"
