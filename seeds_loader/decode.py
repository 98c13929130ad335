"""Turning a file's bytes into text: encodings detected, binary refused, newlines normalised."""

from __future__ import annotations

import codecs

from charset_normalizer import from_bytes

from seeds_loader.errors import BinaryFileError, EmptyArticleError

_BOMS = (
    (codecs.BOM_UTF8, "utf-8-sig"),
    (codecs.BOM_UTF32_LE, "utf-32"),
    (codecs.BOM_UTF32_BE, "utf-32"),
    (codecs.BOM_UTF16_LE, "utf-16"),
    (codecs.BOM_UTF16_BE, "utf-16"),
)


def decode_bytes(data: bytes, name: str) -> str:
    """Decode article bytes; UTF-8 first, then a BOM, then a detected encoding."""
    if not data:
        raise EmptyArticleError(f"{name}: the file is empty")
    if not data.strip():
        raise EmptyArticleError(f"{name}: the file holds only whitespace")
    text = _decode(data, name)
    # Control characters other than tab/newline mean this was never text, whatever decoded.
    controls = sum(1 for c in text if ord(c) < 32 and c not in "\t\n\r\f")
    if "\x00" in text or controls > max(2, len(text) // 100):
        raise BinaryFileError(f"{name}: the file is binary, not article text")
    text = text.replace("\r\n", "\n").replace("\r", "\n").replace("\f", "\n")
    if not text.strip():
        raise EmptyArticleError(f"{name}: the file holds only whitespace")
    return text


def _decode(data: bytes, name: str) -> str:
    for bom, encoding in _BOMS:
        if data.startswith(bom):
            return data.decode(encoding).lstrip("\ufeff")
    if b"\x00" in data[:4096]:
        raise BinaryFileError(f"{name}: the file is binary, not article text")
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        pass
    best = from_bytes(data).best()
    if best is None:
        raise BinaryFileError(f"{name}: the file is not text in any encoding we could detect")
    return str(best)
