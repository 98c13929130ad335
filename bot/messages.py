"""Every user-facing string of the bot and the command line, in one place."""

from __future__ import annotations

NOT_IN_COVERAGE = "Nothing in the indexed coverage answers that."
NEAREST_HEADER = "Nearest passages, for transparency (not answers):"
TABLE_ROW = "Under the table's headers: {row}"
UNKNOWN_NAME = "The coverage never mentions {names}."
UNKNOWN_SPEAKER = "Nobody in the coverage is identified as {names}, so there are no quotes from them."
NO_QUOTES = "{names} appears in the coverage but is never quoted."
NO_QUOTES_SEVERAL = "{names} appear in the coverage but are never quoted."
NO_SUPPORT = "The closest passages do not say what was asked."
LOW_CONFIDENCE = "The closest passages are not close enough to count as an answer."
RIGHTS_NOTICE = "rights notice: restricts AI use"
CAPTION = "photo caption"
CORRECTION = "correction notice"
UPDATE = "update"
QUESTION = "a reporter's question"
PARTIAL_DATE = "{month} {day} (no year given)"
PROMPT = "> "
TERMINAL_BANNER = (
    "summitbot: {articles} articles, {passages} passages indexed. Type a question and press Enter (Ctrl-D to quit)."
)
NO_INDEX_BUILDING = "No index yet at {path}; building it from {articles} ..."
RECOVERED = "An interrupted change to {files} was found and {action}; the index and the articles agree again."
CHECK_MILVUS_OK = "Milvus collection {collection}: {count:,} passages, in step with {version}."
CHECK_MILVUS_BEHIND = (
    "the Milvus collection {collection} is not in step with {version} ({count:,} passages there, {passages:,} "
    "here); bring it in step with: summitbot index build"
)
CHECK_SERVED_BEHIND = (
    "Milvus ({collection}) does not serve {version} to the reader nodes; bring it in step with: summitbot index build"
)
CHECK_NOTHING_SERVED = (
    "Milvus ({collection}) serves no index yet; build it on the writer node with: summitbot index build"
)
CHECK_SERVED_OK = "Milvus serves {version}: all {parts} parts match their checksums"
CHECK_OK = "index version {version}: all {files} files match their checksums"
CHECK_EXPORT_OK = "ONNX export of {model}: every file matches its checksum"
CHECK_EXPORT_DAMAGED = (
    "the ONNX export of {model} at {path} is damaged (a checksum does not match); "
    "it is made again at the next start, or delete that folder"
)
CHECK_NO_INDEX = "no index at {path}; build it with: summitbot index build"
STALE_INDEX = "The articles changed since the index was built; rebuilding ..."
READER_NODE = (
    "this node serves the index from Milvus (SUMMITBOT_NODE_ROLE reader) and keeps no articles; "
    "add, remove and rebuild on the writer node"
)
SERVING_FROM_MILVUS = "Serving {version} from Milvus ({collection}): {articles} articles, {passages} passages."
MILVUS_BEHIND = "the local index is updated and serves; bring the Milvus collection in step with: summitbot index build"
STALE_WARNING = "warning: the articles changed since the index was built; run: summitbot index build"
MISMATCH_REBUILDING = "{problem}. Rebuilding ..."
BUILD_SUMMARY = (
    "Indexed {articles} articles, {passages} passages, {sentences} sentences in {seconds:.1f} s ({version})."
)
SKIPPED_FILES = "Skipped {count} file(s) that could not be read:"
EMPTY_QUESTION = "Please type a question."
EVAL_TITLE = "Evaluation on {path} ({count} questions)"
ERROR_PREFIX = "error: "
DISCORD_HTTP_NEEDS_KEY = (
    "SUMMITBOT_DISCORD_MODE=http needs DISCORD_PUBLIC_KEY (the application's public key), "
    "or set SUMMITBOT_DISCORD_MODE=gateway (see README, Discord)."
)
SLACK_NOT_CONFIGURED = (
    "No chat platform is configured: set DISCORD_BOT_TOKEN, or SLACK_BOT_TOKEN and {needed} for Slack {mode} mode "
    "(see README)."
)
NO_FEEDBACK = "No failed or down-voted answers recorded."
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
    joined = ", ".join(names[:-1]) + f" and {names[-1]}" if len(names) > 1 else ", ".join(names)
    if refusal == "unknown_name":
        return f"{NOT_IN_COVERAGE} {UNKNOWN_NAME.format(names=joined)}"
    if refusal == "unknown_speaker":
        return f"{NOT_IN_COVERAGE} {UNKNOWN_SPEAKER.format(names=joined)}"
    if refusal == "no_quotes":
        return f"{NOT_IN_COVERAGE} {(NO_QUOTES_SEVERAL if len(names) > 1 else NO_QUOTES).format(names=joined)}"
    if refusal == "no_support":
        return f"{NOT_IN_COVERAGE} {NO_SUPPORT}"
    return f"{NOT_IN_COVERAGE} {LOW_CONFIDENCE}"


# Slack
ADMIN_READ_ONLY = "the articles directory is the bundled demo corpus, which is never modified"
ADMIN_NO_ARTICLES = "there are no readable articles to index"
ADMIN_WOULD_EMPTY = "that would leave the index empty"
ADMIN_UNEXPECTED = "an unexpected error (details are in the bot's log)"


def admin_failure(error: Exception) -> str:
    """A fixed, user-safe description of why an admin job failed (never the exception's own text)."""
    from index.errors import NoArticlesError, WouldEmptyIndexError
    from index.store.collection import ReadOnlyArticlesError

    if isinstance(error, ReadOnlyArticlesError):
        return ADMIN_READ_ONLY
    if isinstance(error, NoArticlesError):
        return ADMIN_NO_ARTICLES
    if isinstance(error, WouldEmptyIndexError):
        return ADMIN_WOULD_EMPTY
    return ADMIN_UNEXPECTED


SLACK_WORKING = "Looking through the coverage…"
SLACK_SPEAKER = "— {speaker}"
SLACK_ALSO = "Also in the coverage:"
SLACK_SHARE = "Share in channel"
SLACK_HELPFUL = "👍 Helpful"
SLACK_NOT_HELPFUL = "👎 Not helpful"
SLACK_FEEDBACK_THANKS = "Thanks — your feedback is recorded."
SLACK_FEEDBACK_UNKNOWN = "That answer is too old to rate."
SLACK_SHARED_BY = "Shared by <@{user}>"
DISCORD_SHARED_BY = "Shared by {user}"
SLACK_NOT_ADMIN = "Sorry, only summitbot admins can do that. Ask an editor on the admin list."
CHAT_READER_NODE = (
    "This summitbot serves the coverage from the shared index and keeps no articles of its own: add, remove "
    "and reindex through the writer's summitbot."
)
SLACK_RATE_LIMITED = "You're asking faster than I can keep up ({limit} a minute). Please try again in a minute."
SLACK_EMPTY_QUESTION = "Ask me a question about the coverage, e.g. `/summit what did Lee say about China?`"
SLACK_FAILED = "Something went wrong while answering; the team has been notified in the logs. Please try again."
SLACK_POST_FAILED = "I found an answer but could not post it here ({error})."
SLACK_REINDEX_STARTED = "Re-indexing the articles; I'll report here when it's done."
SLACK_REINDEX_DONE = "Re-indexed: {articles} articles, {passages} passages in {seconds:.1f} s."
SLACK_ADD_RESULT = "{status}: {source}{detail}"
SLACK_CHANGE_DONE = "Index now has {articles} articles, {passages} passages."
SLACK_NO_CHANGE = "Index unchanged."
SLACK_OPERATION_FAILED = "That didn't work: {problem}"
SLACK_NOBODY = "Nobody in the coverage is called or described as “{name}”."
SLACK_TIMELINE_MORE = "…and {count} more; `summitbot timeline` on the command line lists them all."
SLACK_HOME_TITLE = "summitbot"
SLACK_HOME_INTRO = (
    "I answer questions about our coverage with the exact sentences from our articles, who said them, "
    "and where they were published. If the coverage doesn't answer, I say so."
)
SLACK_HOME_STATS = "*Index:* {articles} articles · {passages} passages · last re-index {created}"
SLACK_CONVERSATION = "Mention @summitbot in a channel or DM me: I answer in a thread, and follow-ups there too"
DISCORD_CONVERSATION = "Mention @summitbot or send me a DM: I reply to you; replies to my answers are follow-ups"


def help_text(platform: str) -> str:
    """How to use summitbot on ``platform`` ("slack", "discord"), every line from the one command schema."""
    from bot.commands import SPECS, Kind

    slack = platform == "slack"
    bold = "*{}*" if slack else "**{}**"
    lines = [bold.format("How to use summitbot")]
    for spec in SPECS:
        if spec.admin or spec.kind is Kind.HELP:
            continue
        usage = "/summit <question>" if slack and spec.kind is Kind.ASK else spec.usage("/summit")
        lines.append(f"• `{usage}` — {spec.summary}")
    lines.append("• " + (SLACK_CONVERSATION if slack else DISCORD_CONVERSATION))
    admin = "/summit" if slack else "/summit-admin"
    lines.append("Admins: " + ", ".join(f"`{s.usage(admin)}`" for s in SPECS if s.admin))
    return "\n".join(lines)


DISCORD_BAD_TOKEN = (
    "Discord refused DISCORD_BOT_TOKEN (wrong or revoked); copy the bot token from the Developer Portal's Bot page"
)
DISCORD_NO_INTENT = "Discord refused the gateway: turn on the Message Content intent on the Developer Portal's Bot page"
DISCORD_UNKNOWN_COMMAND = "There is no summitbot command “{name}”. `/summit help` lists them."
EVAL_KIND_HEADER = "  {:<14} {:>3} {:>6} {:>6} {:>6} {:>6} {:>6}".format(
    "by type", "n", "P@1", "H@1", "spk", "unans", "refusd"
)
EVAL_NO_ARTICLES = "no article files found in {dirs}"


def stale_answer(removed: tuple[str, ...], changed: tuple[str, ...]) -> str:
    """Why an earlier answer is not shared: what it cites was removed or changed since."""
    parts = []
    if removed:
        parts.append(f"{', '.join(removed)} has since been removed from the coverage")
    if changed:
        parts.append(f"{', '.join(changed)} has since been changed")
    return f"Not shared: this answer cites text that is no longer current ({'; '.join(parts)}). Ask again."


LINE_NOT_UTF8 = "the question is not valid UTF-8 text"
LINE_ERROR = "line {line}: {error}"
RECORDS_FAILED = "the records database cannot be used ({reason}); check SUMMITBOT_DATA_DIR is writable"
UNEXPECTED = "an unexpected error ({kind}); run with SUMMITBOT_LOG_LEVEL=DEBUG for details"


def os_failure(error: OSError) -> str:
    """One line for a failing file, folder or socket: which one, and what the system said."""
    where = f"{error.filename}: " if error.filename else ""
    reason = error.strerror or error.__class__.__name__
    hints = {30: " (a read-only location: choose a writable SUMMITBOT_DATA_DIR or SUMMITBOT_INDEX_DIR)",
             98: " (the port is in use: set SUMMITBOT_PORT to a free one)",
             28: " (the disk is full: free some space)",
             20: " (a file stands where a folder is expected)"}  # fmt: skip
    return f"{where}{reason}{hints.get(error.errno or 0, '')}"


SLACK_BAD_REQUEST = "That request was incomplete (no user or reply address), so it cannot be answered."
SLACK_BAD_BUTTON = "That button no longer belongs to an answer I can find; ask the question again."
SLACK_ADD_URL_ONLY = (
    "From chat I add web pages only: `/summit add https://…`. Files on the server are added from the command line."
)


def question_problem(error: Exception) -> str:
    """The user-facing sentence for a question that cannot be asked (its text is ours, not the exception's)."""
    text = str(error)
    if "characters long" in text:
        return f"That question is too long: {text.split(';')[0].removeprefix('the question is ')}. Please shorten it."
    if "UTF-8" in text:
        return "That question is not valid UTF-8 text; please type it again."
    return SLACK_EMPTY_QUESTION


DISCORD_NO_APPLICATION = "set DISCORD_BOT_TOKEN or pass --application-id (the bot's application id)"


FOLLOW_USAGE = "Follow a person or a topic: `/summit follow Takaichi`, `/summit follow the DNA tests`."
FOLLOW_TOO_LONG = "That is too long to follow; say it in at most {limit} characters."
FOLLOW_LIMIT = "You follow {limit} things already, the most there can be; `unfollow` one first."
FOLLOW_WHICH = "“{subject}” could be any of: {names}. Follow one of them by full name."
FOLLOW_ALREADY = "You already follow {subject}."
FOLLOW_PERSON = "Following {subject}: when new coverage quotes them, I'll send you the quotes, cited."
FOLLOW_TOPIC = (
    "Following “{subject}”: when new coverage answers it, I'll send you the passages, cited. "
    "(Not a person of the coverage, so it is followed as a topic.)"
)
FOLLOWING_NONE = "You follow nothing yet: `follow <name or topic>`."
FOLLOWING_HEADER = "You follow:"
FOLLOWING_LINE = "{n}. {subject} ({kind})"
UNFOLLOW_BAD = "“{which}” is not one of your follows: give a number from 1 to {count} (see `following`), or all."
UNFOLLOWED = "No longer following: {subjects}."
FOLLOW_NEW = "New coverage"
FOLLOW_CORRECTION = "Correction"
FOLLOW_QUOTES = "{subject} is quoted in “{title}”"
FOLLOW_ANSWERS = "“{title}” answers “{subject}”"
FOLLOW_MORE = "…and {count} more articles for what you follow; ask me to see them."
FOLLOW_ASK_PERSON = "quotes {subject}"
FOLLOW_DELIVERED = "follows: {sent} message(s) delivered, {failed} to retry with the next change"
NO_FOLLOWS = "Nobody follows anything yet."
