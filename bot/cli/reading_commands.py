"""Commands that only read the coverage or the records: quick facts, follows and the feedback list."""

from __future__ import annotations

from typing import Annotated

import typer

from bot import messages
from bot.cli.base import (
    app,
    cli_settings,
    emit_json,
    one_line_errors,
    read_only,
    say,
)
from bot.commands import BY_KIND, Command, Kind


@app.command()
def feedback(
    everything: Annotated[bool, typer.Option("--all", help="Include answers voted helpful.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Answers that failed in chat (Slack, Discord): refused questions and down-voted answers, newest first."""
    from dataclasses import asdict

    from bot.records import Records

    with one_line_errors():
        rows = Records(cli_settings().database_path).feedback(only_failed=not everything)
        if as_json:
            emit_json([asdict(r) for r in rows])
            return
        if not rows:
            typer.echo(messages.NO_FEEDBACK)
        for r in rows:
            state = "answered" if r.answered else "refused"
            typer.echo(
                f"#{r.ask_id:<5} 👍{r.up} 👎{r.down} {state:<9} {r.user:<12} {r.question}  [{r.top_file or '-'}]"
            )


@app.command(help=BY_KIND[Kind.FOLLOW].summary)
def follow(subject: Annotated[str, typer.Argument(help="A person ('Takaichi') or a topic ('the DNA tests').")]) -> None:
    """Follow a person or a topic: after each change to the coverage, what quotes or answers it is shown."""
    with one_line_errors():
        say(read_only(Command(Kind.FOLLOW, subject)))


@app.command(help=BY_KIND[Kind.FOLLOWING].summary)
def following() -> None:
    """What you follow, numbered (for unfollow)."""
    with one_line_errors():
        say(read_only(Command(Kind.FOLLOWING)))


@app.command(help=BY_KIND[Kind.UNFOLLOW].summary)
def unfollow(which: Annotated[str, typer.Argument(help="A number from `summitbot following`, or all.")]) -> None:
    """Stop following one thing (its number) or all."""
    with one_line_errors():
        say(read_only(Command(Kind.UNFOLLOW, which)))


@app.command()
def follows(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Every follow of every platform (for admins): who follows what, passages sent and still waiting."""
    from dataclasses import asdict

    from bot.records import Records

    with one_line_errors():
        rows = Records(cli_settings().database_path).follows.summaries()
        if as_json:
            emit_json([asdict(r) for r in rows])
            return
        if not rows:
            typer.echo(messages.NO_FOLLOWS)
        for r in rows:
            f = r.follow
            typer.echo(f"{f.platform:<8} {f.user:<14} {f.kind:<7} sent {r.sent:>3} waiting {r.waiting:>3}  {f.subject}")


@app.command(help=BY_KIND[Kind.QUOTES].summary)
def quotes(
    name: Annotated[str, typer.Argument(help="A name, surname or role: 'Lee', 'Wi Sung-lack', 'the professor'.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Everything NAME said, grouped by article, each with its citation (one group per person NAME may mean)."""
    from dataclasses import asdict

    from bot.render_text import render_quotes

    with one_line_errors():
        groups = list(read_only(Command(Kind.QUOTES, name)).quotes)
        emit_json([asdict(g) for g in groups]) if as_json else typer.echo(render_quotes(groups, name))


@app.command(help=BY_KIND[Kind.WHO].summary)
def who(
    name: Annotated[str, typer.Argument(help="A name, surname or role.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Who NAME is: canonical name, roles, spellings seen, mentions, articles and most quoted lines."""
    from dataclasses import asdict

    from bot.render_text import render_profiles

    with one_line_errors():
        found = list(read_only(Command(Kind.WHO, name)).profiles)
        emit_json([asdict(p) for p in found]) if as_json else typer.echo(render_profiles(found, name))


@app.command(help=BY_KIND[Kind.TIMELINE].summary)
def timeline(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Dated events in order; relative dates resolved against publication dates (marked inferred)."""
    from dataclasses import asdict

    from bot.render_text import render_timeline

    with one_line_errors():
        events = list(read_only(Command(Kind.TIMELINE)).events)
        if as_json:
            emit_json([{**asdict(e), "label": e.label} for e in events])
        else:
            typer.echo(render_timeline(events))


@app.command(help=BY_KIND[Kind.SOURCES].summary)
def sources(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Every indexed article: title, outlet, byline, date, file, passages and any rights notice."""
    from dataclasses import asdict

    from bot.render_text import render_sources

    with one_line_errors():
        found = list(read_only(Command(Kind.SOURCES)).sources)
        emit_json([asdict(s) for s in found]) if as_json else typer.echo(render_sources(found))
