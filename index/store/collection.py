"""The articles directory as the source of truth: add (files, HTML, URLs), remove and list. Every change
updates the index incrementally under the writer lock; a failure restores the directory, and the
previous index version keeps serving."""

from __future__ import annotations

import hashlib
import logging
import os
import re
import time
import urllib.parse
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Literal

from index.encode.embedder import Embedder
from index.errors import IndexStoreError, NoArticlesError, WouldEmptyIndexError
from index.store import journal
from index.store.journal import Recovery
from index.store.layout import WriterBusyError, current_fingerprint, current_version_dir, writer_lock
from index.store.loaded import LoadedIndex, articles_fingerprint
from index.store.passages import DEFAULT_MAX_WORDS
from index.store.versions import Progress, build_locked, open_index
from seeds_loader import (
    Article,
    FetchPolicy,
    LoaderError,
    fetch,
    html_to_markdown,
    is_url,
    load_article,
    load_directory,
    parse_article,
    with_front_matter,
)

logger = logging.getLogger(__name__)

# A fetched page with less text than this is a login wall, an error page or a teaser, not an article.
MIN_PAGE_WORDS = 40
# Called with every new version once it serves: an external search backend (Milvus) follows it.
Mirror = Callable[[LoadedIndex], object]
Status = Literal["added", "replaced", "unchanged", "duplicate", "removed", "failed"]


class ReadOnlyArticlesError(IndexStoreError):
    """The articles directory is the bundled demo corpus, which is never written to."""


@dataclass(frozen=True)
class Outcome:
    """What happened to one source (path, URL, or article to remove)."""

    source: str
    status: Status
    file: str | None
    message: str


@dataclass(frozen=True)
class ChangeReport:
    outcomes: tuple[Outcome, ...]
    index: LoadedIndex | None
    seconds: float

    @property
    def failed(self) -> list[Outcome]:
        return [o for o in self.outcomes if o.status == "failed"]


@dataclass(frozen=True)
class _Candidate:
    source: str
    file: str
    data: bytes
    article: Article


def body_hash(article: Article) -> str:
    """Identity of an article's text, whatever its file name or front matter."""
    return hashlib.sha256("\n\n".join(p.text for p in article.paragraphs).encode("utf-8")).hexdigest()


def url_file_name(url: str) -> str:
    """A stable file name for a URL: the same URL always maps to the same file (so it is replaced)."""
    parts = urllib.parse.urlsplit(url)
    clean = urllib.parse.urlunsplit((parts.scheme, parts.netloc.lower(), parts.path, parts.query, ""))
    slug = re.sub(r"[^a-z0-9]+", "-", f"{parts.hostname or ''}{parts.path}".lower().removeprefix("www.")).strip("-")
    return f"{slug[:60] or 'article'}-{hashlib.sha1(clean.encode()).hexdigest()[:8]}.md"


class Collection:
    """Adds and removes articles in ``articles_dir`` and keeps the index at ``index_dir`` in step."""

    def __init__(
        self,
        articles_dir: Path,
        index_dir: Path,
        embedder: Embedder,
        *,
        max_words: int = DEFAULT_MAX_WORDS,
        fetch_policy: FetchPolicy | None = None,
        read_only: Path | None = None,
        dense_index: str = "auto",
        mirror: Mirror | None = None,
    ) -> None:
        self._dir = articles_dir
        self._index_dir = index_dir
        self._embedder = embedder
        self._max_words = max_words
        self._policy = fetch_policy or FetchPolicy()
        self._read_only = read_only
        self._dense_index = dense_index
        self._mirror = mirror

    def _check_writable(self) -> None:
        if self._read_only is not None and self._dir.resolve() == self._read_only.resolve():
            raise ReadOnlyArticlesError(
                f"{self._dir} holds the bundled demo articles, which are never modified; "
                "set SUMMITBOT_ARTICLES_DIR to a directory of your own"
            )

    def recover(self, *, wait: bool = False) -> Recovery | None:
        """Finish or roll back a change that was killed half-way (see index/store/journal.py). Without ``wait``,
        does nothing while another process is changing the index (that process will finish its own)."""
        if not journal.pending(self._index_dir):
            return None
        try:
            with writer_lock(self._index_dir, wait=wait):
                return self._recover_locked()
        except WriterBusyError:
            return None

    def _recover_locked(self) -> Recovery | None:
        return journal.recover(self._index_dir, current_fingerprint(self._index_dir))

    def rebuild(self, progress: Progress | None = None) -> tuple[LoadedIndex, list[LoaderError]]:
        """Full rebuild from the directory (vectors of unchanged articles are reused)."""
        with writer_lock(self._index_dir):
            self._recover_locked()
            articles, errors = self._articles()
            if not articles:
                raise NoArticlesError(f"no readable articles in {self._dir}; add .txt, .md or .html files there")
            return self._follow(self._build(articles, progress)), errors

    def add(self, sources: list[str], progress: Progress | None = None) -> ChangeReport:
        """Copy what is accepted into the directory and update the index; bad sources are reported."""
        self._check_writable()
        started = time.perf_counter()
        outcomes: list[Outcome] = []
        candidates: list[_Candidate] = []
        for source in sources:
            try:
                candidates.append(self._prepare(source))
            except LoaderError as e:
                outcomes.append(Outcome(source, "failed", None, str(e)))
        with writer_lock(self._index_dir):
            self._recover_locked()
            existing, _ = self._articles()
            by_id = {a.id: a for a in existing}
            by_body = {body_hash(a): a.file for a in existing}
            writes: dict[str, bytes] = {}
            parsed: dict[str, Article] = {}
            deletes: list[str] = []
            for c in candidates:
                digest = body_hash(c.article)
                same_id = by_id.get(c.article.id)
                if digest in by_body:
                    twin = by_body[digest]
                    status: Status = "unchanged" if twin == c.file else "duplicate"
                    message = "already indexed" if twin == c.file else f"same text as {twin}; not added again"
                    outcomes.append(Outcome(c.source, status, twin, message))
                    continue
                if same_id is not None and same_id.file != c.file:
                    # Another file whose name folds alike: a different article never replaces it.
                    outcomes.append(
                        Outcome(
                            c.source,
                            "failed",
                            None,
                            f"{c.file}: its article id {c.article.id!r} is already used by {same_id.file}; "
                            "rename the file, or remove that article first",
                        )
                    )
                    continue
                if same_id is not None:
                    by_body = {h: f for h, f in by_body.items() if f != same_id.file}
                    outcomes.append(Outcome(c.source, "replaced", c.file, f"replaces the earlier {same_id.file}"))
                else:
                    outcomes.append(Outcome(c.source, "added", c.file, "added"))
                writes[c.file] = c.data
                parsed[c.file] = c.article
                by_body[digest] = c.file
                by_id[c.article.id] = c.article
            changed = set(writes) | set(deletes)
            # The directory was parsed once above; only the new files need adding to that list.
            after = sorted([a for a in existing if a.file not in changed] + list(parsed.values()), key=lambda a: a.file)
            index = self._apply(writes, deletes, after, progress) if writes or deletes else None
        return ChangeReport(tuple(outcomes), index, time.perf_counter() - started)

    def remove(self, keys: list[str], progress: Progress | None = None) -> ChangeReport:
        """Remove articles by id or file name and update the index."""
        self._check_writable()
        started = time.perf_counter()
        outcomes: list[Outcome] = []
        with writer_lock(self._index_dir):
            self._recover_locked()
            existing, _ = self._articles()
            deletes = []
            for key in keys:
                match = next((a for a in existing if key in (a.id, a.file)), None)
                if match is None:
                    outcomes.append(Outcome(key, "failed", None, f"{key}: no article with that id or file name"))
                else:
                    deletes.append(match.file)
                    outcomes.append(Outcome(key, "removed", match.file, "removed"))
            if deletes and len(set(deletes)) == len(existing):
                raise WouldEmptyIndexError("refusing to remove every article: the index would be empty")
            after = [a for a in existing if a.file not in deletes]
            index = self._apply({}, deletes, after, progress) if deletes else None
        return ChangeReport(tuple(outcomes), index, time.perf_counter() - started)

    def _articles(self) -> tuple[list[Article], list[LoaderError]]:
        if not self._dir.is_dir():
            return [], []
        return load_directory(self._dir, max_bytes=self._policy.max_bytes)

    def _build(self, articles: list[Article], progress: Progress | None) -> LoadedIndex:
        return build_locked(
            articles,
            self._embedder,
            self._index_dir,
            max_words=self._max_words,
            progress=progress,
            dense_index=self._dense_index,
        )

    def catch_up(self, serving: LoadedIndex | None = None) -> LoadedIndex | None:
        """Bring the search backend in step with the version now serving, unless a writer is busy (it
        brings the backend in step itself): under the writer lock, so that a process holding an older
        version never writes it over a newer one (``serving``, the caller's loaded version, is used when
        it is still the current one, else the current one is loaded). Returns the version written for."""
        if self._mirror is None:
            return None
        try:
            with writer_lock(self._index_dir, wait=False):
                current = current_version_dir(self._index_dir)
                if serving is not None and current is not None and current.name == serving.version:
                    index = serving
                else:
                    index = open_index(self._index_dir, model=self._embedder.name)
                self._mirror(index)
                return index
        except WriterBusyError:
            return None
        except PermissionError:  # a read-only index directory: only its writer can have changed it
            return None

    def _follow(self, index: LoadedIndex) -> LoadedIndex:
        """Bring the search backend in step, after the switch and the journal's end: the new version
        serves either way, and a backend that fails to follow is caught up by the next command (its hits
        for text the index no longer holds are dropped meanwhile)."""
        if self._mirror is not None:
            self._mirror(index)
        return index

    def _apply(
        self, writes: dict[str, bytes], deletes: list[str], articles: list[Article], progress: Progress | None
    ) -> LoadedIndex:
        """Change the files and index ``articles`` (what the directory now holds) incrementally; on any
        failure put every file back as it was."""
        if not articles:
            raise WouldEmptyIndexError("no readable articles would remain")
        self._dir.mkdir(parents=True, exist_ok=True)
        # Journalled first: a change killed at any moment is finished or undone by the next command.
        journal.begin(self._index_dir, self._dir, list(writes), deletes, articles_fingerprint(articles))
        try:
            for name, data in writes.items():
                _atomic_write(self._dir / name, data)
            for name in deletes:
                (self._dir / name).unlink(missing_ok=True)
            index = self._build(articles, progress)
        except BaseException:
            journal.roll_back(self._index_dir)
            raise
        journal.finish(self._index_dir)
        return self._follow(index)

    def _prepare(self, source: str) -> _Candidate:
        """Read and validate one source without touching the directory."""
        if "://" in source and not is_url(source):
            raise LoaderError(f"{source}: only http and https URLs can be added")
        if is_url(source):
            fetched = fetch(source, self._policy)
            if fetched.content_type in ("text/html", "application/xhtml+xml"):
                text = html_to_markdown(fetched.text(), source, url=fetched.url)
            else:
                text = with_front_matter({"url": fetched.url}, fetched.text())
            name = url_file_name(source)
            article = parse_article(text, name)
            words = sum(len(p.text.split()) for p in article.paragraphs)
            if words < MIN_PAGE_WORDS:
                # A login wall, an error or consent page, a teaser: not an article.
                raise LoaderError(f"{source}: only {words} words of text; a login or error page is not an article")
            return _Candidate(source, name, text.encode("utf-8"), article)
        path = Path(source).expanduser()
        if not path.exists():
            raise LoaderError(f"{source}: no such file")
        if path.is_dir():
            raise LoaderError(f"{source}: is a directory; name the article files to add")
        # A dot-name is hidden from every directory scan (editors' and sync tools' files): such a file is
        # stored under its visible name, never "added" and then lost at the next build.
        name = path.name.lstrip(".")
        if not Path(name).stem:
            raise LoaderError(f"{source}: the file name has no visible part; rename it and add it again")
        article = load_article(path, max_bytes=self._policy.max_bytes, name=name)
        return _Candidate(source, name, path.read_bytes(), article)


def _atomic_write(path: Path, data: bytes) -> None:
    tmp = path.with_name(f".{path.name}.tmp")
    tmp.write_bytes(data)
    with open(tmp, "rb+") as handle:
        os.fsync(handle.fileno())
    os.replace(tmp, path)
