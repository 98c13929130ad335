"""`summitbot index ...`: build, add, remove, check and list, each change followed by what follows are owed."""

from __future__ import annotations

from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Annotated

import typer

from bot import messages
from bot.cli.base import (
    EXIT_FAILURE,
    EXIT_USAGE,
    cli_settings,
    emit_json,
    fail,
    index_app,
    notify,
    one_line_errors,
    progress_bar,
    read_only,
    terminal_service,
)
from bot.commands import Command, Kind
from bot.presentation import date_label
from bot.settings import Settings
from index.errors import IndexStoreError


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

    with one_line_errors():
        settings = cli_settings()
        if recreate and settings.search_backend != "milvus":
            fail(
                "--recreate applies to SUMMITBOT_SEARCH_BACKEND=milvus only; the local index is rebuilt anyway",
                EXIT_USAGE,
            )
        embedder = make_embedder(settings)
        with _follow_up(settings, embedder), progress_bar("Embedding passages") as progress:
            report = build(settings, embedder, progress, recreate=recreate)
        for error in report.skipped:
            notify(f"  skipped: {error}")
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
    service = terminal_service(settings, make_engine(settings, handle, embedder))
    service.notifiers.update(notifiers(settings))
    service.notifiers["cli"] = TerminalNotifier()
    delivered = service.after_change(before)
    if delivered.sent or delivered.failed:
        notify(messages.FOLLOW_DELIVERED.format(sent=delivered.sent, failed=delivered.failed))


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
            notify(f"  failed    {outcome.message}")
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

    with one_line_errors():
        settings = cli_settings()
        embedder = make_embedder(settings)
        collection = make_collection(settings, embedder)
        with _follow_up(settings, embedder), progress_bar("Embedding new passages") as progress:
            report = collection.add(sources, progress)
        _report_changes(report)


@index_app.command("remove")
def index_remove(
    articles: Annotated[list[str], typer.Argument(help="Article ids or file names (see: summitbot index list).")],
) -> None:
    """Remove articles from SUMMITBOT_ARTICLES_DIR and from the index."""
    from bot.embedding import make_embedder
    from bot.wiring import make_collection

    with one_line_errors():
        settings = cli_settings()
        embedder = make_embedder(settings)
        with _follow_up(settings, embedder):
            report = make_collection(settings, embedder).remove(articles)
        _report_changes(report)


@index_app.command("check")
def index_check() -> None:
    """Verify the current index version's files against their checksums, and the Milvus collection; exit 1 if not."""
    from bot.wiring import is_reader
    from index.store.layout import current_version_dir, verify_version

    with one_line_errors():
        settings = cli_settings()
        if is_reader(settings):
            _check_served(settings)
            return
        path = current_version_dir(settings.resolved_index_dir)
        if path is None:
            fail(messages.CHECK_NO_INDEX.format(path=settings.resolved_index_dir))
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
        fail(
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
        fail(messages.CHECK_MILVUS_BEHIND.format(**fields, passages=manifest.passages))
    from index.search.milvus_served import ServedVersions

    served = ServedVersions(store).current()
    if served is None or served.version != version:
        fail(messages.CHECK_SERVED_BEHIND.format(collection=settings.milvus_collection, version=version))
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

    with one_line_errors():
        found = list(read_only(Command(Kind.SOURCES)).sources)
        if as_json:
            emit_json([asdict(s) for s in found])
            return
        for s in found:
            published = date_label(s.published, s.published_partial) or "-"
            typer.echo(f"{s.article_id:<40} {published:<10} {s.passages:>4}  {s.outlet or '-'}  {s.title or s.file}")
