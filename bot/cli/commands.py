"""The `summitbot` command line: ask, eval, serve and run (with the index and reading commands registered)."""

from __future__ import annotations

import json
import sys
import tempfile
from pathlib import Path
from typing import Annotated

import typer

from bot import messages
from bot.cli.base import (
    EXIT_USAGE,
    answer_lines,
    app,
    cli_settings,
    fail,
    notify,
    one_line_errors,
    open_engine,
    progress_bar,
    question_lines,
    render,
    stdin_lines,
    terminal_service,
    warm_question_reading,
)
from bot.commands import BY_KIND, Kind
from bot.outcomes import Answered, Refused
from bot.settings import Settings


@app.command(help=BY_KIND[Kind.ASK].summary)
def ask(
    question: Annotated[str, typer.Argument(help="The question; '-' reads one question per line from stdin.")],
    k: Annotated[
        int | None, typer.Option("-k", "--top-k", help="Passages to return (default SUMMITBOT_TOP_K).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per answer.")] = False,
) -> None:
    """Answer a question with cited passages from the indexed coverage."""
    with one_line_errors():
        settings = cli_settings()
        top_k = settings.top_k if k is None else k
        if not 0 < top_k <= 20:
            fail(f"-k must be between 1 and 20, got {top_k}", EXIT_USAGE)
        if question != "-" and not question.strip():
            fail(messages.EMPTY_QUESTION, EXIT_USAGE)
        service = terminal_service(settings, open_engine(settings, rebuild_stale=False))
        if question == "-":
            if answer_lines(service, question_lines(stdin_lines(), prompt=False), top_k, as_json):
                raise typer.Exit(EXIT_USAGE)
            return
        asked = service.ask("cli", "", None, "argument", question, k=top_k)
        if not isinstance(asked, (Answered, Refused)):
            fail(asked.text, EXIT_USAGE)
        if as_json:
            typer.echo(json.dumps(asked.answer.model_dump(mode="json"), ensure_ascii=False))
        else:
            typer.echo(render(asked.answer))


@app.command("eval")
def eval_command(
    file: Annotated[Path, typer.Argument(help="QA file: JSON lines with q, gold [[file prefix, substring]], speaker.")],
    articles: Annotated[
        list[Path] | None,
        typer.Option(
            "--articles",
            help="Index these article directories (repeatable) into a temporary index and score there, "
            "instead of the configured index.",
        ),
    ] = None,
    k: Annotated[int, typer.Option("-k", help="Passages per answer.")] = 3,
    as_json: Annotated[bool, typer.Option("--json", help="Print the metrics as JSON.")] = False,
    verbose: Annotated[bool, typer.Option("-v", "--verbose", help="Show every question's outcome.")] = False,
) -> None:
    """Score the engine on a QA file: passage and highlight hits, speakers, abstention, per question type."""
    from index.evaluate import QAFileError, evaluate, load_qa

    with one_line_errors():
        try:
            items = load_qa(file)
        except QAFileError as e:
            fail(str(e), EXIT_USAGE)
        settings = cli_settings()
        if articles:
            if settings.search_backend == "milvus":  # a scratch collection beside the real one, never it
                settings = settings.model_copy(update={"milvus_collection": f"{settings.milvus_collection}_eval"})
            with tempfile.TemporaryDirectory(prefix="summitbot-eval-") as scratch:
                try:
                    engine = _scratch_engine(settings, articles, Path(scratch))
                    report = evaluate(engine, items, k=k)
                finally:
                    _drop_scratch_collection(settings)
        else:
            report = evaluate(open_engine(settings, rebuild_stale=False), items, k=k)
        if as_json:
            typer.echo(json.dumps({**report.metrics, "by_kind": report.by_kind()}, indent=1))
            return
        typer.echo(messages.EVAL_TITLE.format(path=file, count=len(items)))
        if verbose:
            for r in report.results:
                top = r.answer.passages[0] if r.answer.passages else None
                marks = "".join(m if ok else "-" for m, ok in (("P", r.passage_hit1), ("H", r.highlight_hit1)))
                state = "answered" if r.answer.answered else f"refused ({r.answer.refusal.value})"  # type: ignore[union-attr]
                where = f"{top.file} ¶{top.paragraph}" if top else "-"
                typer.echo(f"  {r.item.id:<5} {marks if r.item.answerable else '  '} {state:<28} {where}")
        for name, value in report.metrics.items():
            typer.echo(f"  {name:<22} {value:.3f}")
        typer.echo(messages.EVAL_KIND_HEADER)
        for kind, values in report.by_kind().items():
            names = (
                "passage_hit@1",
                "highlight_hit@1",
                "speaker_accuracy",
                "unanswerable_refused",
                "answerable_refused",
            )
            cells = " ".join(f"{values[n]:>6.2f}" if values[n] is not None else f"{'-':>6}" for n in names)
            typer.echo(f"  {kind:<14} {int(values['questions'] or 0):>3} {cells}")


def _scratch_engine(settings: Settings, directories: list[Path], scratch: Path):  # type: ignore[no-untyped-def]
    """An engine over a temporary index of the given article directories (for evaluation on any corpus)."""
    from bot.embedding import make_embedder
    from bot.wiring import make_engine, make_mirror, search_backend
    from index.store.handle import IndexHandle
    from index.store.versions import build_index
    from seeds_loader import load_directory

    found = []
    for directory in directories:
        loaded, errors = load_directory(directory)
        for error in errors:
            notify(str(error))
        found.extend(loaded)
    if not found:
        fail(messages.EVAL_NO_ARTICLES.format(dirs=", ".join(map(str, directories))), EXIT_USAGE)
    embedder = make_embedder(settings)
    dense = search_backend(settings).dense_index("auto")
    with progress_bar("Embedding passages") as progress:
        index = build_index(found, embedder, scratch, progress=progress, dense_index=dense)
    if (mirror := make_mirror(settings, recreate=True)) is not None:
        mirror(index)
    return make_engine(settings, IndexHandle.of(index, embedder.name), embedder)


def _drop_scratch_collection(settings: Settings) -> None:
    from bot.wiring import search_backend

    search_backend(settings).drop()


def _serve_platforms(settings: Settings, engine) -> None:  # type: ignore[no-untyped-def]
    from bot.platforms import DiscordStartError, make_service, serve_all
    from bot.wiring import serving_collection

    try:
        serve_all(settings, make_service(settings, engine, serving_collection(settings, engine.embedder)))
    except DiscordStartError as e:
        fail(str(e))


@app.command()
def serve() -> None:
    """Serve every chat platform whose credentials are set (Slack, Discord, or both), indexing first if needed.

    On the milvus backend a node without articles serves the version Milvus names (SUMMITBOT_NODE_ROLE)."""
    with one_line_errors():
        settings = cli_settings()
        token_without_key = settings.discord_bot_token is not None and not settings.discord_configured
        if token_without_key and settings.discord_mode == "http":
            fail(messages.DISCORD_HTTP_NEEDS_KEY, EXIT_USAGE)
        if not settings.slack_configured and not settings.discord_configured:
            needed = "SLACK_APP_TOKEN" if settings.slack_mode == "socket" else "SLACK_SIGNING_SECRET"
            fail(messages.SLACK_NOT_CONFIGURED.format(mode=settings.slack_mode, needed=needed), EXIT_USAGE)
        engine = open_engine(settings, rebuild_stale=True)
        warm_question_reading()
        _serve_platforms(settings, engine)


discord_app = typer.Typer(help="Discord helpers.", no_args_is_help=True)
app.add_typer(discord_app, name="discord")


@discord_app.command("invite-url")
def discord_invite_url(
    application_id: Annotated[
        int | None, typer.Option("--application-id", help="The application id (default: from DISCORD_BOT_TOKEN).")
    ] = None,
) -> None:
    """Print the link that invites the bot with exactly the permissions it uses."""
    from bot.discord.client import application_id_from_token, invite_url

    with one_line_errors():
        settings = cli_settings()
        token = settings.discord_bot_token.get_secret_value() if settings.discord_bot_token else ""
        found = application_id or application_id_from_token(token)
        if found is None:
            fail(messages.DISCORD_NO_APPLICATION, EXIT_USAGE)
        typer.echo(invite_url(found))


@app.command()
def run() -> None:
    """Index if needed; then serve every chat platform whose credentials are set, else answer questions from stdin.

    On the milvus backend a node without articles serves the version Milvus names (SUMMITBOT_NODE_ROLE)."""
    with one_line_errors():
        settings = cli_settings()
        engine = open_engine(settings, rebuild_stale=True)
        warm_question_reading()
        if settings.slack_configured or settings.discord_configured:
            _serve_platforms(settings, engine)
            return
        interactive = sys.stdin.isatty()
        service = terminal_service(settings, engine)
        if interactive:
            m = service.coverage()
            typer.echo(messages.TERMINAL_BANNER.format(articles=m.articles, passages=m.passages))
        answer_lines(service, question_lines(stdin_lines(), prompt=interactive), settings.top_k, as_json=False)


# The other commands register themselves on the same apps when their modules are imported.
from bot.cli import index_commands, reading_commands  # noqa: E402, F401


def main() -> None:
    app()


if __name__ == "__main__":
    main()
