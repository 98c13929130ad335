from seeds_loader.sentences import split_sentences


def texts(text: str) -> list[str]:
    return [s.text for s in split_sentences(text)]


def test_abbreviations_and_dates_do_not_split() -> None:
    assert texts("They met on Oct. 30, 2025, in Gyeongju. The U.S. was watching.") == [
        "They met on Oct. 30, 2025, in Gyeongju.",
        "The U.S. was watching.",
    ]


def test_split_after_closing_quote() -> None:
    text = "“Disputes endure,” said Yang Kee-ho, a professor. “It is very likely.”"
    assert texts(text) == ["“Disputes endure,” said Yang Kee-ho, a professor.", "“It is very likely.”"]


def test_ellipsis_inside_a_quote_does_not_split() -> None:
    text = "Wi said they would discuss “areas … such as AI.” Next sentence."
    assert texts(text) == ["Wi said they would discuss “areas … such as AI.”", "Next sentence."]


def test_offsets_are_shifted() -> None:
    (s,) = split_sentences("Hello there.", offset=10)
    assert (s.start, s.end) == (10, 22)
