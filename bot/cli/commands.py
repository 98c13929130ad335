"""The `summitbot` command line: ask, index, eval and run."""

from __future__ import annotations

import json
import logging
import sys
import tempfile
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated, NoReturn

import typer

from bot import messages
from bot.commands import BY_KIND, Command, Kind
from bot.outcomes import Answered, Invalid, Refused
from bot.presentation import date_label
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


def _fail(message: str, code: int = EXIT_FAILURE) -> NoReturn:
    typer.echo(messages.ERROR_PREFIX + message, err=True)
    raise typer.Exit(code)


def _notify(message: str) -> None:
    typer.echo(message, err=True)


@contextmanager
def _errors() -> Iterator[None]:
    """Failures become one clear line and a non-zero exit, never a traceback."""
    import sqlite3

    try:
        yield
    except (SettingsError, QuestionError) as e:
        _fail(str(e), EXIT_USAGE)
    except (LoaderError, IndexStoreError) as e:
        _fail(str(e))
    except sqlite3.Error as e:
        _fail(messages.RECORDS_FAILED.format(reason=" ".join(str(e).split())))
    except OSError as e:
        _fail(messages.os_failure(e))
    except KeyboardInterrupt:
        raise typer.Exit(130) from None
    except (typer.Exit, typer.Abort, SystemExit):
        raise
    except Exception as e:
        logging.getLogger(__name__).debug("unexpected failure", exc_info=True)
        _fail(messages.UNEXPECTED.format(kind=e.__class__.__name__))


def _settings() -> Settings:
    logging.basicConfig(format="%(levelname)s %(name)s: %(message)s")
    return load_settings()


@contextmanager
def _progress(label: str) -> Iterator[Callable[[int, int], None] | None]:
    """A progress bar on a terminal; nothing when output is piped."""
    if not sys.stderr.isatty():
        yield None
        return
    from rich.progress import Progress

    with Progress(transient=True) as bar:
        task = bar.add_task(label, total=None)
        yield lambda done, total: bar.update(task, completed=done, total=total)


def _render(answer) -> str:  # type: ignore[no-untyped-def]
    from bot.render_text import render_answer

    return render_answer(answer)


def _engine(settings: Settings, *, rebuild_stale: bool):  # type: ignore[no-untyped-def]
    from bot.embedding import make_embedder

    embedder = make_embedder(settings)
    # The encoder's session loads in the background while the index is opened: a cold start pays for the
    # slower of the two, not both.
    warm = getattr(embedder, "warm", None)
    if callable(warm):
        warm()
    from bot.wiring import ensure_index, make_engine

    with _progress("Embedding passages") as progress:
        handle = ensure_index(settings, embedder, rebuild_stale=rebuild_stale, notify=_notify, progress=progress)
    return make_engine(settings, handle, embedder)


def _questions(stream: Iterator[bytes], prompt: bool) -> Iterator[tuple[int, str | None]]:
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


def _stdin() -> Iterator[bytes]:
    return iter(sys.stdin.buffer)


def _service(settings: Settings, engine=None, index=None):  # type: ignore[no-untyped-def]
    """The service every front end shares, for the terminal: platform "cli", never rate-limited, its
    questions not recorded as the newsroom's (see Service.ask)."""
    from bot.platforms import make_service

    return make_service(settings, engine, None, index=index)


def _answer_lines(service, lines: Iterator[tuple[int, str | None]], top_k: int, as_json: bool) -> int:  # type: ignore[no-untyped-def]
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
            typer.echo(("\n" if i else "") + _render(asked.answer))
    return failed


@app.command(help=BY_KIND[Kind.ASK].summary)
def ask(
    question: Annotated[str, typer.Argument(help="The question; '-' reads one question per line from stdin.")],
    k: Annotated[
        int | None, typer.Option("-k", "--top-k", help="Passages to return (default SUMMITBOT_TOP_K).")
    ] = None,
    as_json: Annotated[bool, typer.Option("--json", help="One JSON object per answer.")] = False,
) -> None:
    """Answer a question with cited passages from the indexed coverage."""
    with _errors():
        settings = _settings()
        top_k = settings.top_k if k is None else k
        if not 0 < top_k <= 20:
            _fail(f"-k must be between 1 and 20, got {top_k}", EXIT_USAGE)
        if question != "-" and not question.strip():
            _fail(messages.EMPTY_QUESTION, EXIT_USAGE)
        service = _service(settings, _engine(settings, rebuild_stale=False))
        if question == "-":
            if _answer_lines(service, _questions(_stdin(), prompt=False), top_k, as_json):
                raise typer.Exit(EXIT_USAGE)
            return
        asked = service.ask("cli", "", None, "argument", question, k=top_k)
        if not isinstance(asked, (Answered, Refused)):
            _fail(asked.text, EXIT_USAGE)
        if as_json:
            typer.echo(json.dumps(asked.answer.model_dump(mode="json"), ensure_ascii=False))
        else:
            typer.echo(_render(asked.answer))


@index_app.command("build")
def index_build(
    recreate: Annotated[
        bool,
        typer.Option("--recreate", help="Drop the Milvus collection and write it afresh (another model or format)."),
    ] = False,
) -> None:
    """(Re)build the index from SUMMITBOT_ARTICLES_DIR; the old index serves until the new one is complete."""
    from bot.embedding import make_embedder
    from bot.wiring import build

    with _errors():
        settings = _settings()
        if recreate and settings.search_backend != "milvus":
            _fail(
                "--recreate applies to SUMMITBOT_SEARCH_BACKEND=milvus only; the local index is rebuilt anyway",
                EXIT_USAGE,
            )
        embedder = make_embedder(settings)
        with _follow_up(settings, embedder), _progress("Embedding passages") as progress:
            report = build(settings, embedder, progress, recreate=recreate)
        for error in report.skipped:
            _notify(f"  skipped: {error}")
        typer.echo(report.summary())


@contextmanager
def _follow_up(settings: Settings, embedder) -> Iterator[None]:  # type: ignore[no-untyped-def]
    """Around a change made here: afterwards, what follows are owed from the new or corrected articles is
    delivered (to Slack and Discord when their bot tokens are set, follows made here to this terminal)."""
    from bot.records import Records

    if not Records(settings.database_path).follows.all():
        yield  # nobody follows anything: nothing to compare, no model to load
        return
    from bot.platforms import notifiers
    from bot.wiring import make_engine
    from index.store.handle import IndexHandle

    handle = IndexHandle(settings.resolved_index_dir, embedder.name)
    try:
        before = {aid: meta.content_hash for aid, meta in handle.current().articles.items()}
    except IndexStoreError:
        before = {}  # no index yet: every article is new
    yield
    service = _service(settings, make_engine(settings, handle, embedder))
    service.notifiers.update(notifiers(settings))
    service.notifiers["cli"] = TerminalNotifier()
    delivered = service.after_change(before)
    if delivered.sent or delivered.failed:
        _notify(messages.FOLLOW_DELIVERED.format(sent=delivered.sent, failed=delivered.failed))


class TerminalNotifier:
    """Follows made on the command line are delivered to the terminal that made the change."""

    def send(self, user: str, message) -> bool:  # type: ignore[no-untyped-def]
        from bot.render_text import render_follow

        typer.echo(render_follow(message))
        return True


def _report_changes(report) -> None:  # type: ignore[no-untyped-def]
    for outcome in report.outcomes:
        name = outcome.source
        if outcome.file and outcome.status in ("added", "replaced") and Path(outcome.source).name != outcome.file:
            name += f" → {outcome.file}"
        line = f"  {outcome.status:<9} {name}"
        if outcome.status == "failed":
            _notify(f"  failed    {outcome.message}")
        else:
            typer.echo(line + ("" if outcome.message in ("added", "removed") else f"  ({outcome.message})"))
    if report.index is not None:
        m = report.index.manifest
        typer.echo(
            messages.CHANGE_SUMMARY.format(
                articles=m.articles, passages=m.passages, seconds=report.seconds, version=report.index.version
            )
        )
    else:
        typer.echo(messages.NO_CHANGE)
    if report.failed:
        raise typer.Exit(EXIT_FAILURE)


@index_app.command("add")
def index_add(
    sources: Annotated[list[str], typer.Argument(help="Article files (.txt, .md, .html) or http(s) URLs.")],
) -> None:
    """Add articles (copied into SUMMITBOT_ARTICLES_DIR) and update the index without re-embedding the rest.

    A changed version of a file or URL replaces the old one; the same text added twice is one article.
    Bad sources are reported and the rest are added; the exit code is 1 if any failed."""
    from bot.embedding import make_embedder
    from bot.wiring import make_collection

    with _errors():
        settings = _settings()
        embedder = make_embedder(settings)
        collection = make_collection(settings, embedder)
        with _follow_up(settings, embedder), _progress("Embedding new passages") as progress:
            report = collection.add(sources, progress)
        _report_changes(report)


@index_app.command("remove")
def index_remove(
    articles: Annotated[list[str], typer.Argument(help="Article ids or file names (see: summitbot index list).")],
) -> None:
    """Remove articles from SUMMITBOT_ARTICLES_DIR and from the index."""
    from bot.embedding import make_embedder
    from bot.wiring import make_collection

    with _errors():
        settings = _settings()
        embedder = make_embedder(settings)
        with _follow_up(settings, embedder):
            report = make_collection(settings, embedder).remove(articles)
        _report_changes(report)


@index_app.command("check")
def index_check() -> None:
    """Verify the current index version's files against their checksums, and the Milvus collection; exit 1 if not."""
    from bot.wiring import is_reader
    from index.store.versions import current_version_dir, verify_version

    with _errors():
        settings = _settings()
        if is_reader(settings):
            _check_served(settings)
            return
        path = current_version_dir(settings.resolved_index_dir)
        if path is None:
            _fail(messages.CHECK_NO_INDEX.format(path=settings.resolved_index_dir))
        manifest = verify_version(path, full=True)
        typer.echo(messages.CHECK_OK.format(version=path.name, files=len(manifest.files or {})))
        _check_export(settings)
        _check_milvus(settings, manifest, path.name)


def _check_export(settings: Settings) -> None:
    """The encoder's ONNX export, when this process would answer with one: a damaged export is named."""
    if settings.encoder != "onnx" or settings.embedding_model.startswith("hash:"):
        return
    from index.encode.embedder import check_export
    from index.encode.onnx_session import export_dir

    cache = settings.resolved_model_cache_dir
    state = check_export(settings.embedding_model, cache)
    if state == "damaged":
        _fail(
            messages.CHECK_EXPORT_DAMAGED.format(
                model=settings.embedding_model, path=export_dir(cache, settings.embedding_model)
            )
        )
    if state == "ok":
        typer.echo(messages.CHECK_EXPORT_OK.format(model=settings.embedding_model))


def _check_milvus(settings: Settings, manifest, version: str) -> None:  # type: ignore[no-untyped-def]
    """With the milvus backend, the collection must hold this version's passages, built the same way."""
    from bot.wiring import milvus_store

    store = milvus_store(settings)
    if store is None:
        return
    meta = store.check(manifest.model, manifest.dimension)
    count = store.count() if meta is not None else 0
    fields = {"collection": settings.milvus_collection, "version": version, "count": count}
    if meta is None or meta.get("fingerprint") != manifest.articles_fingerprint or count != manifest.passages:
        _fail(messages.CHECK_MILVUS_BEHIND.format(**fields, passages=manifest.passages))
    from index.search.milvus_served import ServedVersions

    served = ServedVersions(store).current()
    if served is None or served.version != version:
        _fail(messages.CHECK_SERVED_BEHIND.format(collection=settings.milvus_collection, version=version))
    typer.echo(messages.CHECK_MILVUS_OK.format(**fields))


def _check_served(settings: Settings) -> None:
    """On a reader node: the version Milvus serves, read whole and checked against its checksums."""
    from bot.wiring import milvus_store
    from index.search.milvus_served import ServedVersionError, ServedVersions

    store = milvus_store(settings)
    assert store is not None
    served = ServedVersions(store)
    current = served.current()
    if current is None:
        raise ServedVersionError(messages.CHECK_NOTHING_SERVED.format(collection=settings.milvus_collection))
    parts = served.read(current)
    typer.echo(messages.CHECK_SERVED_OK.format(version=current.version, parts=len(parts)))


@index_app.command("list")
def index_list(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """The indexed articles: id, file, outlet, date, passages, title."""
    from dataclasses import asdict

    with _errors():
        found = list(_reading(Command(Kind.SOURCES)).sources)
        if as_json:
            _emit_json([asdict(s) for s in found])
            return
        for s in found:
            published = date_label(s.published, s.published_partial) or "-"
            typer.echo(f"{s.article_id:<40} {published:<10} {s.passages:>4}  {s.outlet or '-'}  {s.title or s.file}")


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

    with _errors():
        try:
            items = load_qa(file)
        except QAFileError as e:
            _fail(str(e), EXIT_USAGE)
        settings = _settings()
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
            report = evaluate(_engine(settings, rebuild_stale=False), items, k=k)
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
            _notify(str(error))
        found.extend(loaded)
    if not found:
        _fail(messages.EVAL_NO_ARTICLES.format(dirs=", ".join(map(str, directories))), EXIT_USAGE)
    embedder = make_embedder(settings)
    dense = search_backend(settings).dense_index("auto")
    with _progress("Embedding passages") as progress:
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
        _fail(str(e))


@app.command()
def serve() -> None:
    """Serve every chat platform whose credentials are set (Slack, Discord, or both), indexing first if needed.

    On the milvus backend a node without articles serves the version Milvus names (SUMMITBOT_NODE_ROLE)."""
    with _errors():
        settings = _settings()
        token_without_key = settings.discord_bot_token is not None and not settings.discord_configured
        if token_without_key and settings.discord_mode == "http":
            _fail(messages.DISCORD_HTTP_NEEDS_KEY, EXIT_USAGE)
        if not settings.slack_configured and not settings.discord_configured:
            needed = "SLACK_APP_TOKEN" if settings.slack_mode == "socket" else "SLACK_SIGNING_SECRET"
            _fail(messages.SLACK_NOT_CONFIGURED.format(mode=settings.slack_mode, needed=needed), EXIT_USAGE)
        engine = _engine(settings, rebuild_stale=True)
        _warm_question_reading()
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

    with _errors():
        settings = _settings()
        token = settings.discord_bot_token.get_secret_value() if settings.discord_bot_token else ""
        found = application_id or application_id_from_token(token)
        if found is None:
            _fail(messages.DISCORD_NO_APPLICATION, EXIT_USAGE)
        typer.echo(invite_url(found))


@app.command()
def feedback(
    everything: Annotated[bool, typer.Option("--all", help="Include answers voted helpful.")] = False,
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Answers that failed in chat (Slack, Discord): refused questions and down-voted answers, newest first."""
    from dataclasses import asdict

    from bot.records import Records

    with _errors():
        rows = Records(_settings().database_path).feedback(only_failed=not everything)
        if as_json:
            _emit_json([asdict(r) for r in rows])
            return
        if not rows:
            typer.echo(messages.NO_FEEDBACK)
        for r in rows:
            state = "answered" if r.answered else "refused"
            typer.echo(
                f"#{r.ask_id:<5} 👍{r.up} 👎{r.down} {state:<9} {r.user:<12} {r.question}  [{r.top_file or '-'}]"
            )


@app.command()
def run() -> None:
    """Index if needed; then serve every chat platform whose credentials are set, else answer questions from stdin.

    On the milvus backend a node without articles serves the version Milvus names (SUMMITBOT_NODE_ROLE)."""
    with _errors():
        settings = _settings()
        engine = _engine(settings, rebuild_stale=True)
        _warm_question_reading()
        if settings.slack_configured or settings.discord_configured:
            _serve_platforms(settings, engine)
            return
        interactive = sys.stdin.isatty()
        service = _service(settings, engine)
        if interactive:
            m = service.coverage()
            typer.echo(messages.TERMINAL_BANNER.format(articles=m.articles, passages=m.passages))
        _answer_lines(service, _questions(_stdin(), prompt=interactive), settings.top_k, as_json=False)


def _warm_question_reading() -> None:
    """A process that will answer many questions loads the parser that reads some of them in the background."""
    from index.text.nlp import warm_grammar

    warm_grammar()


def _facts_index(settings: Settings):  # type: ignore[no-untyped-def]
    """The index for quick facts: built if missing, but the model is never loaded just to read facts."""
    from bot.embedding import make_embedder
    from bot.wiring import ensure_index

    with _progress("Embedding passages") as progress:
        handle = ensure_index(settings, make_embedder(settings), rebuild_stale=False, notify=_notify, progress=progress)
    return handle.current()


def _reading(command: Command):  # type: ignore[no-untyped-def]
    """A command that only reads the coverage (a quick fact, a follow), through the service as every
    front end runs it, from the index without loading the model."""
    settings = _settings()
    index = _facts_index(settings)
    return _service(settings, index=lambda: index).handle("cli", _cli_user(), None, "cli", command)


def _say(outcome) -> None:  # type: ignore[no-untyped-def]
    """A follow command's reply; a wrong argument is a usage error."""
    if isinstance(outcome, Invalid):
        _fail(outcome.text, EXIT_USAGE)
    typer.echo(outcome.text)


def _cli_user() -> str:
    import getpass

    try:
        return getpass.getuser()
    except (KeyError, OSError):  # no user name for this uid (a container): one terminal user
        return "cli"


@app.command(help=BY_KIND[Kind.FOLLOW].summary)
def follow(subject: Annotated[str, typer.Argument(help="A person ('Takaichi') or a topic ('the DNA tests').")]) -> None:
    """Follow a person or a topic: after each change to the coverage, what quotes or answers it is shown."""
    with _errors():
        _say(_reading(Command(Kind.FOLLOW, subject)))


@app.command(help=BY_KIND[Kind.FOLLOWING].summary)
def following() -> None:
    """What you follow, numbered (for unfollow)."""
    with _errors():
        _say(_reading(Command(Kind.FOLLOWING)))


@app.command(help=BY_KIND[Kind.UNFOLLOW].summary)
def unfollow(which: Annotated[str, typer.Argument(help="A number from `summitbot following`, or all.")]) -> None:
    """Stop following one thing (its number) or all."""
    with _errors():
        _say(_reading(Command(Kind.UNFOLLOW, which)))


@app.command()
def follows(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Every follow of every platform (for admins): who follows what, passages sent and still waiting."""
    from dataclasses import asdict

    from bot.records import Records

    with _errors():
        rows = Records(_settings().database_path).follows.summaries()
        if as_json:
            _emit_json([asdict(r) for r in rows])
            return
        if not rows:
            typer.echo(messages.NO_FOLLOWS)
        for r in rows:
            f = r.follow
            typer.echo(f"{f.platform:<8} {f.user:<14} {f.kind:<7} sent {r.sent:>3} waiting {r.waiting:>3}  {f.subject}")


def _emit_json(data: object) -> None:
    typer.echo(json.dumps(data, ensure_ascii=False, indent=1, default=str))


@app.command(help=BY_KIND[Kind.QUOTES].summary)
def quotes(
    name: Annotated[str, typer.Argument(help="A name, surname or role: 'Lee', 'Wi Sung-lack', 'the professor'.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Everything NAME said, grouped by article, each with its citation (one group per person NAME may mean)."""
    from dataclasses import asdict

    from bot.render_text import render_quotes

    with _errors():
        groups = list(_reading(Command(Kind.QUOTES, name)).quotes)
        _emit_json([asdict(g) for g in groups]) if as_json else typer.echo(render_quotes(groups, name))


@app.command(help=BY_KIND[Kind.WHO].summary)
def who(
    name: Annotated[str, typer.Argument(help="A name, surname or role.")],
    as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False,
) -> None:
    """Who NAME is: canonical name, roles, spellings seen, mentions, articles and most quoted lines."""
    from dataclasses import asdict

    from bot.render_text import render_profiles

    with _errors():
        found = list(_reading(Command(Kind.WHO, name)).profiles)
        _emit_json([asdict(p) for p in found]) if as_json else typer.echo(render_profiles(found, name))


@app.command(help=BY_KIND[Kind.TIMELINE].summary)
def timeline(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Dated events in order; relative dates resolved against publication dates (marked inferred)."""
    from dataclasses import asdict

    from bot.render_text import render_timeline

    with _errors():
        events = list(_reading(Command(Kind.TIMELINE)).events)
        if as_json:
            _emit_json([{**asdict(e), "label": e.label} for e in events])
        else:
            typer.echo(render_timeline(events))


@app.command(help=BY_KIND[Kind.SOURCES].summary)
def sources(as_json: Annotated[bool, typer.Option("--json", help="Print JSON.")] = False) -> None:
    """Every indexed article: title, outlet, byline, date, file, passages and any rights notice."""
    from dataclasses import asdict

    from bot.render_text import render_sources

    with _errors():
        found = list(_reading(Command(Kind.SOURCES)).sources)
        _emit_json([asdict(s) for s in found]) if as_json else typer.echo(render_sources(found))


def main() -> None:
    app()


if __name__ == "__main__":
    main()
