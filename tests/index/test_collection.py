from __future__ import annotations

import gzip
import threading
import time
from collections.abc import Iterator
from datetime import date
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import ClassVar

import numpy as np
import pytest

from index.encode.embedder import HashEmbedder
from index.errors import WouldEmptyIndexError
from index.store.collection import Collection, ReadOnlyArticlesError, url_file_name
from index.store.layout import current_version_dir
from index.store.versions import open_index
from seeds_loader import FetchPolicy, bundled_articles_dir

ARTICLE_HTML = """<html><head><title>Leaders agree hotline | The Korea Herald</title>
<meta property="og:site_name" content="The Korea Herald"><meta name="author" content="Kim Min-ji">
<meta property="article:published_time" content="2026-01-14T09:00:00+09:00">
<link rel="canonical" href="https://www.koreaherald.com/view.php?ud=42"></head><body>
<nav>Home | World | Opinion</nav><article><h1>Leaders agree hotline</h1>
<p>President Lee Jae Myung and Prime Minister Sanae Takaichi agreed on Wednesday to open a hotline on
supply chains, officials said after the Nara summit.</p>
<p>“A hotline lets us act within hours, not weeks,” said Kim Min-ji, a trade ministry official.</p>
</article><footer>Copyright The Korea Herald. Related Posts</footer></body></html>"""


LONG_NOTE = (
    b"Wi Sung-lac said the hotline would open in March. The national security adviser told reporters that "
    b"officials from both governments would staff it around the clock, and that it would be used first for "
    b"questions about export licences and the supply of rare earth minerals to manufacturers in both countries."
)


class Site(BaseHTTPRequestHandler):
    pages: ClassVar[dict[str, tuple[str, bytes]]] = {}

    def do_GET(self) -> None:
        if self.path == "/trickle":  # a byte at a time, each well within the per-read timeout
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.end_headers()
            for _ in range(40):
                self.wfile.write(b"x")
                self.wfile.flush()
                time.sleep(0.1)
            return
        if self.path == "/short":  # the connection closes before Content-Length bytes arrive
            self.send_response(200)
            self.send_header("Content-Type", "text/plain")
            self.send_header("Content-Length", "5000")
            self.end_headers()
            self.wfile.write(LONG_NOTE[:800])
            self.close_connection = True
            return
        if self.path == "/loop":  # redirects to itself for ever
            self.send_response(302)
            self.send_header("Location", "/loop")
            self.end_headers()
            return
        if self.path == "/huge":
            self.send_response(200)
            self.send_header("Content-Type", "text/html")
            self.send_header("Content-Length", str(50 * 1024 * 1024))
            self.end_headers()
            return
        if self.path not in self.pages:
            self.send_error(404)
            return
        content_type, body = self.pages[self.path]
        self.send_response(200)
        if self.path.startswith("/gzip"):
            body = gzip.compress(body)
            self.send_header("Content-Encoding", "gzip")
        self.send_header("Content-Type", content_type)
        self.send_header("Content-Length", str(len(body)))
        self.end_headers()
        self.wfile.write(body)

    def log_message(self, *args: object) -> None:
        pass


@pytest.fixture
def site() -> Iterator[str]:
    Site.pages = {
        "/article.html": ("text/html; charset=utf-8", ARTICLE_HTML.encode()),
        "/photo.png": ("image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
        "/notes.txt": ("text/plain", LONG_NOTE),
        "/gzip-article.html": ("text/html; charset=utf-8", ARTICLE_HTML.encode()),
        "/latin1.txt": (
            "text/plain; charset=iso-8859-1",
            LONG_NOTE.decode().replace("Wi", "José Müller").encode("latin-1"),
        ),
        "/meta-latin1.html": (
            "text/html",
            ARTICLE_HTML.replace("<head>", "<head><meta charset=iso-8859-1>")
            .replace("Kim Min-ji", "José Müller")
            .encode("latin-1", errors="replace"),
        ),
        "/login.html": (
            "text/html",
            b"<html><body><main><p>Please log in.</p><p>Forgot your password?</p></main></body></html>",
        ),
        "/report.txt": ("text/plain", b"%PDF-1.7\n%\xe2\xe3\xcf\xd3\n1 0 obj << /Type /Catalog >> endobj\n" * 20),
    }
    server = ThreadingHTTPServer(("127.0.0.1", 0), Site)
    thread = threading.Thread(target=server.serve_forever, daemon=True)
    thread.start()
    yield f"http://127.0.0.1:{server.server_address[1]}"
    server.shutdown()


@pytest.fixture
def collection(tmp_path: Path, seed_articles) -> Collection:
    articles = tmp_path / "articles"
    articles.mkdir()
    for path in sorted(bundled_articles_dir().iterdir())[:2]:
        (articles / path.name).write_bytes(path.read_bytes())
    c = Collection(articles, tmp_path / "index", HashEmbedder(64), fetch_policy=FetchPolicy(allow_private=True))
    c.rebuild()
    return c


def index_of(c: Collection):  # type: ignore[no-untyped-def]
    return open_index(c._index_dir, model="hash:64")


def texts(c: Collection) -> str:
    return "\n".join(p.text for p in index_of(c).passages)


def write(tmp_path: Path, name: str, data: bytes | str) -> str:
    path = tmp_path / name
    path.write_bytes(data if isinstance(data, bytes) else data.encode())
    return str(path)


def test_add_a_text_file(collection: Collection, tmp_path: Path) -> None:
    report = collection.add([write(tmp_path, "hotline.txt", "Lee and Takaichi agreed on a hotline, officials said.")])
    assert [o.status for o in report.outcomes] == ["added"]
    assert (collection._dir / "hotline.txt").exists()
    assert report.index is not None and "hotline" in report.index.articles
    assert "agreed on a hotline" in texts(collection)


def test_same_content_twice_is_one_article(collection: Collection, tmp_path: Path) -> None:
    text = "Lee and Takaichi agreed on a hotline, officials said."
    collection.add([write(tmp_path, "a.txt", text)])
    version = current_version_dir(collection._index_dir)
    again = collection.add([write(tmp_path, "a.txt", text), write(tmp_path, "b.md", text)])
    assert [o.status for o in again.outcomes] == ["unchanged", "duplicate"]
    assert again.index is None and current_version_dir(collection._index_dir) == version
    assert not (collection._dir / "b.md").exists()


def test_changed_file_replaces_the_old_version(collection: Collection, tmp_path: Path) -> None:
    collection.add([write(tmp_path, "story.txt", "The summit will be held in Nara on Tuesday, officials said.")])
    report = collection.add(
        [write(tmp_path, "story.txt", "The summit will be held in Kyoto on Tuesday, officials said.")]
    )
    assert [o.status for o in report.outcomes] == ["replaced"]
    assert "Kyoto" in texts(collection) and "held in Nara on Tuesday" not in texts(collection)


@pytest.mark.parametrize(("first", "second"), [("story.txt", "story.md"), ("Report 2026.txt", "report-2026.txt")])
def test_a_file_whose_name_folds_alike_never_replaces_another(
    collection: Collection, tmp_path: Path, first: str, second: str
) -> None:
    collection.add([write(tmp_path, first, "First story about the harbour, officials said.")])
    report = collection.add([write(tmp_path, second, "A different story about the airport, officials said.")])
    outcome = report.outcomes[0]
    assert outcome.status == "failed" and first in outcome.message and second in outcome.message
    assert (collection._dir / first).exists() and not (collection._dir / second).exists()
    assert "First story" in texts(collection)


def test_files_dropped_in_by_hand_that_fold_alike_are_named(tmp_path: Path) -> None:
    from seeds_loader import IdCollisionError, load_directory

    (tmp_path / "Report 2026.txt").write_text("One story about the harbour, officials said.\n")
    (tmp_path / "report-2026.md").write_text("Another story about the airport, officials said.\n")
    articles, errors = load_directory(tmp_path)
    assert [a.file for a in articles] == ["Report 2026.txt"]
    assert isinstance(errors[0], IdCollisionError)
    assert "report-2026.md" in str(errors[0]) and "Report 2026.txt" in str(errors[0])


def test_the_same_file_name_still_replaces(collection: Collection, tmp_path: Path) -> None:
    collection.add([write(tmp_path, "story.md", "First version of the story, officials said.")])
    report = collection.add([write(tmp_path, "story.md", "Corrected version of the story, officials said.")])
    assert report.outcomes[0].status == "replaced"
    assert "First version" not in texts(collection) and "Corrected version" in texts(collection)


@pytest.mark.parametrize(
    ("name", "data", "message"),
    [
        ("empty.txt", b"", "empty.txt: the file is empty"),
        ("blank.md", b"  \n\n ", "blank.md: the file holds only whitespace"),
        ("blob.txt", bytes(range(256)) * 8, "blob.txt: the file is binary"),
        ("scan.pdf", b"%PDF-1.4", "unsupported file type"),
    ],
)
def test_bad_files_are_refused_and_the_index_is_unchanged(
    collection: Collection, tmp_path: Path, name: str, data: bytes, message: str
) -> None:
    version = current_version_dir(collection._index_dir)
    report = collection.add([write(tmp_path, name, data)])
    assert report.outcomes[0].status == "failed" and message in report.outcomes[0].message
    assert report.index is None and current_version_dir(collection._index_dir) == version
    assert not (collection._dir / name).exists()


def test_missing_and_oversized_files(tmp_path: Path, collection: Collection) -> None:
    small = Collection(
        collection._dir, collection._index_dir, HashEmbedder(64), fetch_policy=FetchPolicy(max_bytes=100)
    )
    big = write(tmp_path, "big.txt", "Officials said the summit went well. " * 20)
    report = small.add([str(tmp_path / "nope.txt"), big])
    assert [o.message for o in report.outcomes] == [
        f"{tmp_path / 'nope.txt'}: no such file",
        "big.txt: file is 740 bytes, over the 100-byte limit",
    ]


def test_good_sources_are_added_and_bad_ones_reported(collection: Collection, tmp_path: Path) -> None:
    good = write(tmp_path, "good.txt", "Takaichi said she would visit Seoul in the spring.")
    report = collection.add([good, write(tmp_path, "empty.txt", b""), str(tmp_path / "missing.txt")])
    assert [o.status for o in report.outcomes] == ["failed", "failed", "added"]
    assert len(report.failed) == 2 and "visit Seoul in the spring" in texts(collection)


def test_html_file_keeps_its_metadata(collection: Collection, tmp_path: Path) -> None:
    collection.add([write(tmp_path, "hotline.html", ARTICLE_HTML)])
    meta = index_of(collection).articles["hotline"]
    assert (meta.title, meta.outlet, meta.byline, meta.published) == (
        "Leaders agree hotline",
        "The Korea Herald",
        "Kim Min-ji",
        date(2026, 1, 14),
    )
    assert meta.url == "https://www.koreaherald.com/view.php?ud=42"
    assert "Home | World" not in texts(collection) and "act within hours" in texts(collection)


def test_url_is_fetched_with_metadata_and_quotes(collection: Collection, site: str) -> None:
    report = collection.add([f"{site}/article.html"])
    assert report.outcomes[0].status == "added"
    index = index_of(collection)
    (meta,) = [m for m in index.articles.values() if m.file == url_file_name(f"{site}/article.html")]
    assert meta.outlet == "The Korea Herald" and meta.published == date(2026, 1, 14)
    assert any(q.speaker == "Kim Min-ji" and "act within hours" in q.text for q in index.quotes)


def test_changed_page_at_the_same_url_replaces_it(collection: Collection, site: str) -> None:
    collection.add([f"{site}/article.html"])
    Site.pages["/article.html"] = ("text/html", ARTICLE_HTML.replace("within hours", "within minutes").encode())
    report = collection.add([f"{site}/article.html"])
    assert report.outcomes[0].status == "replaced"
    assert "within minutes" in texts(collection) and "within hours" not in texts(collection)


def test_plain_text_url(collection: Collection, site: str) -> None:
    collection.add([f"{site}/notes.txt"])
    index = index_of(collection)
    assert any(m.url == f"{site}/notes.txt" for m in index.articles.values())


@pytest.mark.parametrize(
    ("path", "message"),
    [
        ("/photo.png", "content type image/png is not an article"),
        ("/huge", "over the 5,242,880-byte limit"),
        ("/gone", "the server answered 404"),
        ("/login.html", "a login or error page is not an article"),
        ("/report.txt", "is a PDF document, not article text"),
        ("/short", "the download was cut short"),
        ("/loop", "too many redirects"),
    ],
)
def test_bad_urls_are_refused(collection: Collection, site: str, path: str, message: str) -> None:
    report = collection.add([f"{site}{path}"])
    assert report.outcomes[0].status == "failed" and message in report.outcomes[0].message
    assert f"{site}{path}" in report.outcomes[0].message and "\n" not in report.outcomes[0].message


def test_unreachable_url(collection: Collection) -> None:
    report = collection.add(["http://127.0.0.1:9/closed"])
    assert "unreachable" in report.outcomes[0].message


def test_private_and_loopback_urls_are_refused_by_default(tmp_path: Path, site: str) -> None:
    strict = Collection(tmp_path / "a", tmp_path / "i", HashEmbedder(64))
    report = strict.add([f"{site}/article.html", "ftp://example.org/x"])
    assert "refusing a private or local address (127.0.0.1)" in report.outcomes[0].message
    assert "only http and https" in report.outcomes[1].message


def test_remove_by_id_and_by_file(collection: Collection, tmp_path: Path) -> None:
    collection.add(
        [write(tmp_path, "x.txt", "Wi said the talks were useful."), write(tmp_path, "y.md", "Takaichi said so too.")]
    )
    report = collection.remove(["x", "y.md", "nothing"])
    assert [o.status for o in report.outcomes] == ["removed", "removed", "failed"]
    assert set(index_of(collection).articles) == {"000_ce80a095a2018a15", "001_1552b9b2a9b9fce4"}


def test_removing_everything_is_refused(collection: Collection) -> None:
    with pytest.raises(WouldEmptyIndexError, match="every article"):
        collection.remove(["000_ce80a095a2018a15", "001_1552b9b2a9b9fce4"])


def test_bundled_articles_are_never_written(tmp_path: Path) -> None:
    bundled = Collection(bundled_articles_dir(), tmp_path / "i", HashEmbedder(64), read_only=bundled_articles_dir())
    with pytest.raises(ReadOnlyArticlesError, match="never modified"):
        bundled.add([write(tmp_path, "x.txt", "Anything at all, officials said.")])
    with pytest.raises(ReadOnlyArticlesError):
        bundled.remove(["000_ce80a095a2018a15"])


class BrokenEmbedder(HashEmbedder):
    def encode(self, texts):  # type: ignore[no-untyped-def]
        raise RuntimeError("model crashed")


def test_failed_update_restores_the_directory_and_keeps_the_index(collection: Collection, tmp_path: Path) -> None:
    before = {p.name: p.read_bytes() for p in collection._dir.iterdir()}
    version = current_version_dir(collection._index_dir)
    broken = Collection(collection._dir, collection._index_dir, BrokenEmbedder(64))
    with pytest.raises(RuntimeError, match="model crashed"):
        broken.add([write(tmp_path, "new.txt", "Brand new text that needs embedding, officials said.")])
    assert {p.name: p.read_bytes() for p in collection._dir.iterdir()} == before
    assert current_version_dir(collection._index_dir) == version


def test_add_reuses_vectors_of_the_rest(collection: Collection, tmp_path: Path) -> None:
    before = index_of(collection)
    collection.add([write(tmp_path, "n.txt", "Officials said a new committee would meet in April.")])
    after = index_of(collection)
    old_ids = [p.id for p in before.passages]
    np.testing.assert_allclose(after.dense.vectors(np.array(old_ids)), before.dense.vectors(np.array(old_ids)))


def test_the_fetch_timeout_is_a_deadline_for_the_whole_download(tmp_path: Path, site: str) -> None:
    impatient = Collection(
        tmp_path / "a", tmp_path / "i", HashEmbedder(64), fetch_policy=FetchPolicy(timeout=1.0, allow_private=True)
    )
    started = time.monotonic()
    report = impatient.add([f"{site}/trickle"])
    assert "took longer than 1 s" in report.outcomes[0].message
    assert time.monotonic() - started < 3


def test_a_gzip_encoded_page_is_read(collection: Collection, site: str) -> None:
    report = collection.add([f"{site}/gzip-article.html"])
    assert report.outcomes[0].status == "added", report.outcomes[0].message


@pytest.mark.parametrize("path", ["/latin1.txt", "/meta-latin1.html"])
def test_declared_charsets_are_honoured(collection: Collection, site: str, path: str) -> None:
    report = collection.add([f"{site}{path}"])
    assert report.outcomes[0].status == "added", report.outcomes[0].message
    assert "José Müller" in texts(collection) and "\ufffd" not in texts(collection)


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        ("Zürich and Genève: José Müller said “yes” to the plan.".encode("cp1252"), "Zürich and Genève"),
        ("Zürich and Genève agreed on the plan today.".encode("latin-1"), "Zürich and Genève"),
        ("Officials in Zürich said the plan would go ahead.".encode("utf-16-le"), "Officials in Zürich"),
    ],
)
def test_legacy_encodings_decode_without_mojibake(collection: Collection, tmp_path: Path, data, expected) -> None:
    report = collection.add([write(tmp_path, "legacy.txt", data)])
    assert report.outcomes[0].status == "added", report.outcomes[0].message
    assert expected in texts(collection)


def test_a_yaml_alias_bomb_is_refused_quickly(collection: Collection, tmp_path: Path) -> None:
    bomb = "---\na: &a [x,x,x,x,x,x,x,x,x]\nb: &b [*a,*a,*a,*a,*a,*a,*a,*a,*a]\nc: &c [*b,*b,*b,*b,*b,*b,*b,*b,*b]\n"
    bomb += "title: *c\n---\nThe body of the story, officials said.\n"
    started = time.monotonic()
    report = collection.add([write(tmp_path, "bomb.md", bomb)])
    assert report.outcomes[0].status == "failed" and "aliases" in report.outcomes[0].message
    assert time.monotonic() - started < 2


def test_overlong_front_matter_fields_are_refused(collection: Collection, tmp_path: Path) -> None:
    report = collection.add([write(tmp_path, "long.md", f"---\ntitle: {'x' * 600}\n---\nThe body, officials said.\n")])
    assert report.outcomes[0].status == "failed" and "title is 600 characters" in report.outcomes[0].message


@pytest.fixture
def people_read(monkeypatch: pytest.MonkeyPatch) -> list[str]:
    """The paragraphs the rules read for names and roles while the test runs."""
    import index.people.recognition as recognition

    read: list[str] = []
    original = recognition.full_name_evidence

    def counting(text: str):  # type: ignore[no-untyped-def]
        read.append(text)
        return original(text)

    monkeypatch.setattr(recognition, "full_name_evidence", counting)
    return read


def test_an_add_reads_people_only_in_the_new_text(
    collection: Collection, tmp_path: Path, people_read: list[str]
) -> None:
    """What the rules read of an unchanged article (names and roles, by its content) is kept with the
    version, as its vectors are: an add reads the new article's paragraphs only, and finds the same people."""
    new = "Harbour Minister Jonas Veldt said the new ferry would sail in April."
    collection.add([write(tmp_path, "n.txt", new)])
    assert people_read and set(people_read) <= {new}, people_read[:3]
    people = index_of(collection).people
    assert people.candidates("Veldt") and people.candidates("Takaichi")


def test_what_other_rules_read_is_read_again(
    collection: Collection, tmp_path: Path, people_read: list[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    """The kept names and roles were read under the rules of their version: with other rules (a changed
    word list, a new pattern) every article is read again."""
    import index.store.versions as versions

    monkeypatch.setattr(versions, "rules_digest", lambda: "other rules")
    collection.add([write(tmp_path, "n.txt", "Harbour Minister Jonas Veldt said the ferry would sail in April.")])
    assert any("Takaichi" in text for text in people_read)
