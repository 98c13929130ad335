"""One index version as it is served: its manifest (the build metadata beside it), the loaded stores, and
the JSON parts every reader loads whole (from disk or, on a Milvus reader, from Milvus)."""

from __future__ import annotations

import hashlib
import json
import re
from collections import Counter
from dataclasses import asdict, dataclass
from datetime import date
from pathlib import Path
from typing import TYPE_CHECKING

import numpy as np

from index.errors import (
    REBUILD_HINT,
    IndexCorruptError,
    IndexMismatchError,
)
from index.people.attribution import Quote
from index.people.registry import PeopleRegistry, Person
from index.store.lexical import TermStatistics
from index.store.passage_table import PassageTable
from index.store.passages import (
    ArticleMeta,
    Passage,
)
from index.store.references import article_references
from index.store.vectors import PassageVectors, SentenceVectors
from index.text.tokens import normalize_word
from seeds_loader import Article

if TYPE_CHECKING:
    pass

FORMAT_VERSION = 36  # 7: passages carry their context (the question they answer, a table's header); 8: their live day;
# 9: a reporter's question carries its label (who asked) as context; 10: a table row's sentence vector embeds
# the row under its headers; 11: an update ("UPDATE, 3:40 p.m.:") is a passage kind of its own, not a
# correction; a live blog's stamped entries are on its date when it prints no day headings; a table's caption
# only when it introduces it; 12: a quote names the others it reports at second hand ("Lee asked Xi ...,
# Kang said"), so that "what did Lee ask" finds it; 13: irregular verb forms are indexed as their base ("began"
# as "begin"); 14: a form of a stopword ("done", "am") is left out as the stopword is; 15: a name introduced by a
# role ("Seo Hanbit is a trade-policy columnist") is a person, and a signed column is its author's voice; 16: a
# live entry labelled after its clock stamp ("14:10 KST — UPDATE: ...") is an update; 17: a quote reports the
# people it has speak by their role ("The president asked me ..."); 18: copy hard-wrapped in short paragraphs is
# unwrapped (the lines that run on break sentences); 19: a signature on one line ("Yang Hyun-ok, chairman") names
# a statement's author, whose "we" it is; 20: a statement dated where it ends ("Seoul, January 16, 2026"), a
# speaker named only in a transcript's labels or a signature belongs to that article; 21: the post someone is
# named to is their role ("named Cho ... as ambassador to Japan"), "said Cho served ..." is no quote of Cho's;
# 22: a name its own sentence calls "he" is read by the recogniser, a family name in capitals alone is theirs;
# 23: a press release's issuer above its date line is its source, the headline after them its title; 24: a page
# that is mostly its table keeps it, a letter signed after a dash is its writer's, a stamp alone opens its entry;
# 25: a person in what a sentence reports ("told viewers that their president ...") is not its main subject;
# 26: an article credited "Interview by ..." is an interview whatever its questions and answers say; 27: an
# opinion piece by its section ("Opinion | ...", "section: Column", "Opinion: ...") is its author's voice from one "I";
# 28: a headline's label is an opinion section only by its whole name, as a page title's is ("Comments fly: ...");
# 29: a speaker in capitals on a line of its own ("PROFESSOR LEE WON-DEOK, KOOKMIN UNIVERSITY") labels the turn
# under it, its affiliation a role; "the following statement was read by X" makes the rest X's words; 30: in
# hard-wrapped copy a list's item opens a paragraph of its own (a timeline's dated items were one passage); 31: a
# full name the recogniser finds is a person when the article uses one of its words alone as one ("Matsuo, 67,");
# 32: trades are roles ("Chef Yoon Mi-rae", "is a third-generation fisherman"), index/data/role_nouns.txt
# 33: a noun no role list holds is a role when a "who" clause follows it ("Ishikawa Rei, a music critic who ...")
# 34: a contributor's note set as an HTML byline ("Fujimoto Ken is a historian at ...") is the story's first paragraph
# 35: an article's metadata holds the words it prints only as names ("samsung"), which a Milvus reader reads too
# 36: a bold question opening its answer's paragraph is its context; an author's closing note gives their role;
# "Last year", "In March" opening a sentence are dates


@dataclass(frozen=True)
class Manifest:
    """Build metadata saved beside the index."""

    format_version: int
    model: str
    dimension: int
    created: str
    articles: int
    passages: int
    sentences: int
    articles_fingerprint: str
    max_words: int
    dense_index: str = "flat"
    dense_recall_at_10: float = 1.0
    dense_params: dict[str, int] | None = None
    # Every file of the version: relative path -> [size in bytes, sha256], checked on open and before reuse.
    files: dict[str, list[object]] | None = None

    @classmethod
    def read(cls, path: Path) -> Manifest:
        try:
            return cls.parse(path.read_bytes())
        except (OSError, ValueError, TypeError) as e:
            raise IndexCorruptError(f"the index manifest {path} is unreadable; {REBUILD_HINT}") from e

    @classmethod
    def parse(cls, data: bytes) -> Manifest:
        """A manifest from its JSON (keys this summitbot does not know are left out)."""
        fields = json.loads(data)
        return cls(**{k: fields[k] for k in cls.__dataclass_fields__ if k in fields})

    def check(self, model: str, where: str) -> None:
        """Refuse a version of another format or model (``where`` names it: "the index at ...")."""
        if self.format_version != FORMAT_VERSION:
            raise IndexMismatchError(
                f"{where} has format version {self.format_version}, "
                f"this summitbot reads version {FORMAT_VERSION}; {REBUILD_HINT}"
            )
        if self.model != model:
            raise IndexMismatchError(
                f"{where} was built with model {self.model!r} "
                f"but SUMMITBOT_EMBEDDING_MODEL is {model!r}; {REBUILD_HINT}"
            )


@dataclass(frozen=True)
class LoadedIndex:
    """One index version, loaded for serving. Immutable: a new version is a new object."""

    version: str
    path: Path
    manifest: Manifest
    articles: dict[str, ArticleMeta]
    passages: PassageTable
    dense: PassageVectors  # FAISS locally; exact vectors or Milvus on the milvus backend
    lexical: TermStatistics  # the local BM25 index, or a Milvus reader's term statistics
    sentence_vectors: SentenceVectors
    people: PeopleRegistry
    quotes: tuple[Quote, ...]
    quotes_by_sentence: dict[tuple[str, int], Quote]
    passages_quoting: dict[str, tuple[int, ...]]
    outlet_words: frozenset[str]
    article_references: dict[str, frozenset[str]]
    # Words the coverage prints only as names, lower-cased (``ArticleMeta.names``).
    names: frozenset[str] = frozenset()

    def knows(self, word: str) -> bool:
        """True when ``word`` occurs anywhere in the coverage: passages, headlines, outlet names, or the name
        of someone it quotes (a transcript's label, "MR. KIHARA:", may be the only place a name is printed)."""
        word = normalize_word(word)
        return self.lexical.knows(word) or word in self.outlet_words or word in self.people.name_words

    def quote_at(self, article_id: str, start: int) -> Quote | None:
        """The attributed quote whose sentence starts at ``start`` in the article, if any."""
        return self.quotes_by_sentence.get((article_id, start))

    def sentence_rows(self, passage: Passage) -> np.ndarray:
        return self.sentence_vectors.take(passage.sentence_span)


def articles_fingerprint(articles: list[Article]) -> str:
    """A digest of which articles, with which content, an index was built from."""
    digest = hashlib.sha256()
    for article in sorted(articles, key=lambda a: a.id):
        digest.update(f"{article.id}:{article.content_hash}\n".encode())
    return digest.hexdigest()[:16]


# The version's JSON files every reader loads whole (a Milvus reader gets the same bytes from Milvus).
JSON_PARTS = ("articles.json", "people.json", "quotes.json", "quote_passages.json")


def assemble_index(
    version: str,
    path: Path,
    manifest: Manifest,
    parts: dict[str, bytes],
    passages: PassageTable,
    dense: PassageVectors,
    lexical: TermStatistics,
    sentence_vectors: SentenceVectors,
) -> LoadedIndex:
    """A LoadedIndex from a version's JSON parts and its stores, wherever they were read from."""
    try:
        metas = [meta_from_json(d) for d in json.loads(parts["articles.json"])]
        quoting = {k: tuple(v) for k, v in json.loads(parts["quote_passages.json"]).items()}
        people = PeopleRegistry(_person_from_json(d) for d in json.loads(parts["people.json"]))
        quotes = tuple(Quote(**d) for d in json.loads(parts["quotes.json"]))
    except (ValueError, KeyError, TypeError) as e:
        raise IndexCorruptError(f"the index version {version} is unreadable; {REBUILD_HINT}") from e
    return LoadedIndex(
        version=version,
        path=path,
        manifest=manifest,
        articles={m.id: m for m in metas},
        passages=passages,
        dense=dense,
        lexical=lexical,
        sentence_vectors=sentence_vectors,
        people=people,
        quotes=quotes,
        quotes_by_sentence={(q.article_id, q.start): q for q in quotes},
        passages_quoting=quoting,
        article_references=article_references({m.id: m for m in metas}),
        outlet_words=frozenset(normalize_word(w) for m in metas for w in _WORDS.findall(m.outlet or "")),
        names=frozenset(w for m in metas for w in m.names),
    )


_WORDS = re.compile(r"\w+")


def person_json(p: Person) -> dict[str, object]:
    return {
        "id": p.id,
        "name": p.name,
        "variants": dict(p.variants),
        "roles": p.roles,
        "articles": sorted(p.articles),
        "mentions": p.mentions,
        "context": sorted(p.context),
    }


def _person_from_json(d: dict[str, object]) -> Person:
    return Person(
        id=str(d["id"]),
        name=str(d["name"]),
        variants=Counter(d["variants"]),  # type: ignore[arg-type]
        roles=list(d["roles"]),  # type: ignore[call-overload]
        articles=set(d["articles"]),  # type: ignore[call-overload]
        mentions=int(d["mentions"]),  # type: ignore[call-overload]
        context=set(d.get("context", ())),  # type: ignore[call-overload]
    )


def meta_json(meta: ArticleMeta) -> dict[str, object]:
    data = asdict(meta)
    data["published"] = meta.published.isoformat() if meta.published else None
    return data


def meta_from_json(data: dict[str, object]) -> ArticleMeta:
    published = data.get("published")
    names = tuple(data.get("names") or ())  # type: ignore[call-overload]
    return ArticleMeta(**{**data, "published": date.fromisoformat(published) if published else None, "names": names})  # type: ignore[arg-type]
