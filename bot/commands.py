"""The one command schema: every command, its argument and who may run it, declared once. Slack's text
parser, Discord's app-command tree (gateway and HTTP), the help texts and the command line's help derive
from ``SPECS``; a command added here appears on every platform."""

from __future__ import annotations

from dataclasses import dataclass
from enum import StrEnum
from typing import Literal


class Kind(StrEnum):
    ASK = "ask"
    WHO = "who"
    QUOTES = "quotes"
    TIMELINE = "timeline"
    SOURCES = "sources"
    FOLLOW = "follow"
    FOLLOWING = "following"
    UNFOLLOW = "unfollow"
    HELP = "help"
    REINDEX = "reindex"
    ADD = "add"
    REMOVE = "remove"


Suggest = Literal["people", "articles"]


@dataclass(frozen=True)
class Argument:
    """A command's one argument: its name on Discord and in usage lines, what it is, what to suggest."""

    name: str
    description: str
    suggest: Suggest | None = None


@dataclass(frozen=True)
class CommandSpec:
    kind: Kind
    summary: str  # one line: Discord's description, the help line, the command line's help
    argument: Argument | None = None
    admin: bool = False  # only the platform's admin ids may run it (Discord: under /summit-admin)
    # "/summit timeline of the talks?" reads as a question: a command without an argument given one is asked.
    facts: bool = False  # a quick fact (rate-limited like questions)

    @property
    def name(self) -> str:
        return self.kind.value

    def usage(self, prefix: str) -> str:
        """ "/summit who <name>" with the given prefix."""
        return f"{prefix} {self.name}" + (f" <{self.argument.name}>" if self.argument else "")


SPECS: tuple[CommandSpec, ...] = (
    CommandSpec(Kind.ASK, "Ask a question about the coverage", Argument("question", "What you want to know")),
    CommandSpec(
        Kind.WHO,
        "Who someone in the coverage is: roles, spellings, articles, best quotes",
        Argument("name", "A name, surname or role", "people"),
        facts=True,
    ),
    CommandSpec(
        Kind.QUOTES,
        "Everything someone said, by article, with citations",
        Argument("name", "A name, surname or role", "people"),
        facts=True,
    ),
    CommandSpec(Kind.TIMELINE, "Dated events from the coverage, in order", facts=True),
    CommandSpec(Kind.SOURCES, "The articles we have, with outlet, date and rights notices", facts=True),
    CommandSpec(
        Kind.FOLLOW,
        "Follow a person or a topic: new coverage that quotes or answers it comes to you",
        Argument("subject", "A person ('Takaichi') or a topic ('the DNA tests')", "people"),
    ),
    CommandSpec(Kind.FOLLOWING, "What you follow, numbered"),
    CommandSpec(
        Kind.UNFOLLOW, "Stop following one (its number) or all", Argument("which", "A number from following, or all")
    ),
    CommandSpec(Kind.HELP, "How to use summitbot"),
    CommandSpec(Kind.ADD, "Add a web page to the coverage", Argument("source", "The article's URL"), admin=True),
    CommandSpec(
        Kind.REMOVE,
        "Remove an article by id or file name",
        Argument("article", "The article's id or file name", "articles"),
        admin=True,
    ),
    CommandSpec(Kind.REINDEX, "Rebuild the index from the articles", admin=True),
)
BY_KIND: dict[Kind, CommandSpec] = {s.kind: s for s in SPECS}
ADMIN_KINDS = frozenset(s.kind for s in SPECS if s.admin)
FACT_KINDS = frozenset(s.kind for s in SPECS if s.facts)


@dataclass(frozen=True)
class Command:
    kind: Kind
    argument: str = ""

    @property
    def spec(self) -> CommandSpec:
        return BY_KIND[self.kind]


def find(name: str, *, admin: bool) -> CommandSpec | None:
    """The command called ``name`` in the user group (``admin=False``) or the admin group; None if none is."""
    try:
        spec = BY_KIND[Kind(name.lower())]
    except ValueError:
        return None
    return spec if spec.admin == admin else None


def parse(text: str) -> Command:
    """Slack's ``/summit who Lee`` -> Command(WHO, "Lee"); anything that is not a command is a question."""
    text = " ".join(text.split())
    if not text:
        return Command(Kind.HELP)
    head, _, rest = text.partition(" ")
    try:
        spec = BY_KIND[Kind(head.lower())]
    except ValueError:
        return Command(Kind.ASK, text)
    if spec.kind is Kind.ASK:
        return Command(Kind.ASK, rest)
    if spec.argument is not None and not rest:
        return Command(Kind.HELP, spec.name)  # "/summit who" alone: show how to use it
    if spec.argument is None and rest:
        return Command(Kind.ASK, text)  # "timeline of the talks?" reads as a question
    if spec.kind is Kind.ADD and rest.startswith("<") and rest.endswith(">"):
        rest = rest[1:-1].split("|", 1)[0]  # Slack wraps URLs as <https://…|label>
    return Command(spec.kind, rest)
