"""What every `summitbot` command shares: the typer apps, one-line failures, settings, the engine and the
service as the terminal uses them. The commands themselves are in ``commands`` (asking, evaluating,
serving), ``index_commands`` (building and changing the index) and ``reading_commands`` (quick facts,
follows, feedback)."""

from __future__ import annotations

import json
import logging
import sys
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from typing import NoReturn

import typer

from bot import messages
from bot.commands import Command
from bot.outcomes import Answered, Invalid, Refused
from bot.settings import Settings, SettingsError, load_settings
from index.errors import IndexStoreError, QuestionError
from seeds_loader import LoaderError

logger = logging.getLogger(__name__)

app = typer.Typer(
    help="summitbot: answers questions about the coverage with cited passages from our articles.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
)
index_app = typer.Typer(help="Build and inspect the search index.", no_args_is_help=True)
app.add_typer(index_app, name="index")

EXIT_USAGE = 2
EXIT_FAILURE = 1


def fail(message: str, code: int = EXIT_FAILURE) -> NoReturn:
    typer.echo(messages.ERROR_PREFIX + message, err=True)
    raise typer.Exit(code)


def notify(message: str) -> None:
    typer.echo(message, err=True)


@contextmanager
def one_line_errors() -> Iterator[None]:
    """Failures become one clear line and a non-zero exit, never a traceback."""
    import sqlite3

    try:
        yield
    except (SettingsError, QuestionError) as e:
        fail(str(e), EXIT_USAGE)
    except (LoaderError, IndexStoreError) as e:
        fail(str(e))
    except sqlite3.Error as e:
        fail(messages.RECORDS_FAILED.format(reason=" ".join(str(e).split())))
    except OSError as e:
        fail(messages.os_failure(e))
    except KeyboardInterrupt:
        raise typer.Exit(130) from None
    except (typer.Exit, typer.Abort, SystemExit):
        raise
    except Exception as e:
        logging.getLogger(__name__).debug("unexpected failure", exc_info=True)
        fail(messages.UNEXPECTED.format(kind=e.__class__.__name__))


def cli_settings() -> Settings:
    logging.basicConfig(format="%(levelname)s %(name)s: %(message)s")
    return load_settings()


@contextmanager
def progress_bar(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on a terminal; nothing when output is piped."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task(label, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def render(answer) -> str:  # type: ignore[no-untyped-def]
    from bot.render_text import render_answer

    return render_answer(answer)


def open_engine(settings: Settings, *, rebuild_stale: bool):  # type: ignore[no-untyped-def]
    from bot.embedding import make_embedder

    embedder = make_embedder(settings)
    # The encoder's session loads in the background while the index is opened: a cold start pays for the
    # slower of the two, not both.
    warm = getattr(embedder, "warm", None)
    if callable(warm):
        warm()
    from bot.wiring import ensure_index, make_engine

    with progress_bar("Embedding passages") as progress:
        handle = ensure_index(settings, embedder, rebuild_stale=rebuild_stale, notify=notify, progress=progress)
    return make_engine(settings, handle, embedder)


def question_lines(stream: Iterator[bytes], prompt: bool) -> Iterator[tuple[int, str | None]]:
    """(line number, question) per non-blank line; the question is None for a line that is not UTF-8
    (each bad line gets its own error, and the rest are still answered)."""
    number = 0
    while True:
        if prompt:
            typer.echo(messages.PROMPT, nl=False)
        line = next(stream, None)
        if line is None:
            if prompt:
                typer.echo()
            return
        number += 1
        try:
            text = line.decode("utf-8")
        except UnicodeDecodeError:
            yield number, None
            continue
        if text.strip():
            yield number, text.strip()


def stdin_lines() -> Iterator[bytes]:
    return iter(sys.stdin.buffer)


def terminal_service(settings: Settings, engine=None, index=None):  # type: ignore[no-untyped-def]
    """The service every front end shares, for the terminal: platform "cli", never rate-limited, its
    questions not recorded as the newsroom's (see Service.ask)."""
    from bot.platforms import make_service

    return make_service(settings, engine, None, index=index)


def answer_lines(service, lines: Iterator[tuple[int, str | None]], top_k: int, as_json: bool) -> int:  # type: ignore[no-untyped-def]
    """Answer each line; a bad one gets its own one-line error (a JSON error object with --json).
    Returns how many lines failed."""
    failed = 0
    for i, (number, text) in enumerate(lines):
        asked = (
            service.ask("cli", "", None, "stdin", text, k=top_k)
            if text is not None
            else Invalid(messages.LINE_NOT_UTF8)
        )
        if not isinstance(asked, (Answered, Refused)):
            failed += 1
            if as_json:
                typer.echo(json.dumps({"line": number, "question": text, "error": asked.text}, ensure_ascii=False))
            else:
                typer.echo(messages.ERROR_PREFIX + messages.LINE_ERROR.format(line=number, error=asked.text), err=True)
            continue
        if as_json:
            typer.echo(json.dumps(asked.answer.model_dump(mode="json"), ensure_ascii=False))
        else:
            typer.echo(("\n" if i else "") + render(asked.answer))
    return failed


def warm_question_reading() -> None:
    """A process that will answer many questions loads the parser that reads some of them in the background."""
    from index.text.nlp import warm_grammar

    warm_grammar()


def facts_index(settings: Settings):  # type: ignore[no-untyped-def]
    """The index for quick facts: built if missing, but the model is never loaded just to read facts."""
    from bot.embedding import make_embedder
    from bot.wiring import ensure_index

    with progress_bar("Embedding passages") as progress:
        handle = ensure_index(settings, make_embedder(settings), rebuild_stale=False, notify=notify, progress=progress)
    return handle.current()


def read_only(command: Command):  # type: ignore[no-untyped-def]
    """A command that only reads the coverage (a quick fact, a follow), through the service as every
    front end runs it, from the index without loading the model."""
    settings = cli_settings()
    index = facts_index(settings)
    return terminal_service(settings, index=lambda: index).handle("cli", cli_user(), None, "cli", command)


def say(outcome) -> None:  # type: ignore[no-untyped-def]
    """A follow command's reply; a wrong argument is a usage error."""
    if isinstance(outcome, Invalid):
        fail(outcome.text, EXIT_USAGE)
    typer.echo(outcome.text)


def cli_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name for this uid (a container): one terminal user
        return "cli"


def emit_json(data: object) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=1, default=str))
