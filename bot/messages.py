"""Every user-facing string of the bot and the command line, in one place."""

from __future__ import annotations

NOT_IN_COVERAGE = "Nothing in the indexed coverage answers that."
NEAREST_HEADER = "Nearest passages, for transparency (not answers):"
UNKNOWN_NAME = "The coverage never mentions {names}."
UNKNOWN_SPEAKER = "Nobody in the coverage is identified as {names}, so there are no quotes from them."
NO_QUOTES = "{names} appears in the coverage but is never quoted."
LOW_CONFIDENCE = "The closest passages are not close enough to count as an answer."
RIGHTS_NOTICE = "rights notice: restricts AI use"
CAPTION = "photo caption"
PROMPT = "> "
TERMINAL_BANNER = (
    "summitbot: {articles} articles, {passages} passages indexed. Type a question and press Enter (Ctrl-D to quit)."
)
NO_INDEX_BUILDING = "No index yet at {path}; building it from {articles} ..."
STALE_INDEX = "The articles changed since the index was built; rebuilding ..."
STALE_WARNING = "warning: the articles changed since the index was built; run: summitbot index build"
MISMATCH_REBUILDING = "{problem}. Rebuilding ..."
BUILD_SUMMARY = (
    "Indexed {articles} articles, {passages} passages, {sentences} sentences in {seconds:.1f} s ({version})."
)
SKIPPED_FILES = "Skipped {count} file(s) that could not be read:"
EMPTY_QUESTION = "Please type a question."
EVAL_TITLE = "Evaluation on {path} ({count} questions)"
ERROR_PREFIX = "error: "
CHANGE_SUMMARY = "Index now has {articles} articles, {passages} passages ({seconds:.1f} s, {version})."
NO_CHANGE = "Index unchanged."
DISAGREEMENT_HEADER = "Sources disagree on this; compare them:"
NOBODY_NAMED = "Nobody in the coverage is called or described as “{name}”."
SEVERAL_PEOPLE = "“{name}” could mean {count} people in the coverage; each is listed separately."
NEVER_QUOTED = "(never quoted in the coverage)"
UNKNOWN_OUTLET = "outlet not stated"
NO_TITLE = "(no headline)"


def refusal_text(refusal: str | None, names: tuple[str, ...]) -> str:
    """The sentence that explains why a question was not answered."""
    joined = ", ".join(names)
    if refusal == "unknown_name":
        return f"{NOT_IN_COVERAGE} {UNKNOWN_NAME.format(names=joined)}"
    if refusal == "unknown_speaker":
        return f"{NOT_IN_COVERAGE} {UNKNOWN_SPEAKER.format(names=joined)}"
    if refusal == "no_quotes":
        return f"{NOT_IN_COVERAGE} {NO_QUOTES.format(names=joined)}"
    return f"{NOT_IN_COVERAGE} {LOW_CONFIDENCE}"
