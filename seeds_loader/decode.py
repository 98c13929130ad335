"""Turning a file's bytes into text: encodings detected, binary refused, newlines normalised."""

from __future__ import annotations

import codecs
import re

from seeds_loader.errors import BinaryFileError, EmptyArticleError, UndecodableFileError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes, name: str, declared: str | None = None) -> str:
    """Decode article bytes: a BOM, then the declared charset (HTTP header or HTML meta), then UTF-8,
    UTF-16 without BOM, Windows-1252, and only then detection; text whose decoding is doubtful is refused
    rather than stored as mojibake."""
    if not data:
        raise EmptyArticleError(f"{name}: the file is empty")
    if not data.strip():
        raise EmptyArticleError(f"{name}: the file holds only whitespace")
    if (kind := _magic(data)) is not None:
        raise BinaryFileError(f"{name}: the file is {kind}, not article text")
    try:
        text = _decode(data, name, declared or _meta_charset(data))
    except UnicodeError as e:
        # A byte-order mark that lies (a UTF-8 BOM before invalid bytes, UTF-16 with an odd byte count):
        # this one file is unreadable, which must never stop the loading of the others.
        raise UndecodableFileError(
            f"{name}: the text cannot be decoded ({e.encoding if isinstance(e, UnicodeDecodeError) else 'text'}"
            " error); save the file as UTF-8 and add it again"
        ) from e
    # Control characters other than tab/newline mean this was never text, whatever decoded.
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f")
    if "\x00" in text or controls > max(2, len(text) // 100):
        raise BinaryFileError(f"{name}: the file is binary, not article text")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    if not text.strip():
        raise EmptyArticleError(f"{name}: the file holds only whitespace")
    return text


_MAGIC = (
    (b"%PDF-", "a PDF document"),
    (b"\x89PNG", "a PNG image"),
    (b"GIF8", "a GIF image"),
    (b"\xff\xd8\xff", "a JPEG image"),
    (b"PK\x03\x04", "a ZIP archive (a Word or other office file?)"),
    (b"\x1f\x8b", "gzip-compressed data"),
    (b"\xd0\xcf\x11\xe0", "an old Office document"),
)
_META_CHARSET = re.compile(rb"""<meta[^>]{0,200}?charset\s*=\s*["']?([A-Za-z0-9_.:-]+)""", re.I)


# Python codecs that are not character sets a page can declare: a declaration naming one is ignored.
_NOT_CHARSETS = frozenset({"punycode", "idna", "unicode_escape", "raw_unicode_escape", "undefined", "mbcs", "oem"})


def _charset_codec(declared: str) -> str | None:
    """The Python codec of a declared charset, or None for an unknown name or a non-charset codec."""
    try:
        info = codecs.lookup(declared)
    except (LookupError, ValueError):
        return None
    name = info.name.replace("-", "_")
    if name in _NOT_CHARSETS or not getattr(info, "_is_text_encoding", True):
        return None
    return info.name


def _magic(data: bytes) -> str | None:
    return next((kind for magic, kind in _MAGIC if data.startswith(magic)), None)


def _meta_charset(data: bytes) -> str | None:
    m = _META_CHARSET.search(data[:4096])
    return m.group(1).decode("ascii") if m else None


def _decode(data: bytes, name: str, declared: str | None) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding).lstrip("\ufeff")
    if declared and (codec := _charset_codec(declared)) is not None:
        try:
            return data.decode(codec)
        except (UnicodeError, ValueError):
            pass  # a wrong declaration: look at the bytes themselves
    if (utf16 := _utf16_without_bom(data)) is not None:
        return data.decode(utf16)
    if b"\x00" in data[:4096]:
        raise BinaryFileError(f"{name}: the file is binary, not article text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    # Newsroom copy that is not UTF-8 is nearly always Windows-1252 (a superset of Latin-1): take it when
    # every non-ASCII character it yields is one of that script's letters or typographic marks.
    try:
        text = data.decode("cp1252")
    except UnicodeDecodeError:
        text = None
    if text is not None and all(_LATIN.match(c) for c in text if ord(c) > 127):
        return text
    from charset_normalizer import from_bytes  # only for bytes that are none of the usual encodings

    best = from_bytes(data).best()
    if best is None or best.percent_chaos > _MAX_CHAOS:
        raise BinaryFileError(
            f"{name}: the text encoding cannot be told with confidence; save the file as UTF-8 and add it again"
        )
    return str(best)


_LATIN = re.compile(r"[\u00A0-\u00FF\u2013\u2014\u2018\u2019\u201A\u201C\u201D\u201E\u2022\u2026\u20AC\u2122]")
_MAX_CHAOS = 10.0  # percent; above this charset-normalizer's best guess is itself a guess


def _utf16_without_bom(data: bytes) -> str | None:
    """UTF-16 text without a byte-order mark: NUL in most even (big-endian) or odd (little-endian) bytes."""
    sample = data[:4096]
    if len(sample) < 8 or len(sample) % 2:
        return None
    even, odd = sample[0::2], sample[1::2]
    for zeros, other, encoding in ((odd, even, "utf-16-le"), (even, odd, "utf-16-be")):
        if zeros.count(0) > 0.6 * len(zeros) and other.count(0) < 0.1 * len(other):
            try:
                data.decode(encoding)
            except UnicodeDecodeError:
                return None
            return encoding
    return None
