"""Opening evidence files: existence, decoding with the user's encoding, and progress reports.

Every text reader (CSV, JSONL, chat transcripts, txt documents, subtitles) decodes the whole
file at once: it is fast, and a decoding error then knows its exact byte offset, which the
message names together with the line, so a user can find the byte and pick `--encoding`.
"""

from __future__ import annotations

import codecs
from collections.abc import Callable
from pathlib import Path

from cxmap.model.errors import InvalidInputError, NotFoundError, Problem

#: Called with (units done, total units or None when unknown).
Progress = Callable[[int, int | None], None]

_UTF16_BOMS = (codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)


def require_file(path: Path) -> None:
    if not path.exists():
        raise NotFoundError(f"{path}: no such file")
    if path.is_dir():
        raise InvalidInputError([Problem((), "is a folder; give one file")], str(path))


def read_bytes(path: Path) -> bytes:
    require_file(path)
    return path.read_bytes()


def codec_name(encoding: str, source: str) -> str:
    """The codec to decode with: plain UTF-8 becomes `utf-8-sig`, so a byte-order mark is read."""
    try:
        name = codecs.lookup(encoding).name
    except LookupError:
        message = f"unknown encoding '{encoding}' (try utf-8, cp1252, latin-1 or utf-16)"
        raise InvalidInputError([Problem(("encoding",), message)], source) from None
    return "utf-8-sig" if name == "utf-8" else name


def decode_text(raw: bytes, encoding: str, source: str) -> str:
    """The file's text, or one problem naming the byte offset and line that do not decode."""
    codec = codec_name(encoding, source)
    if codec == "utf-8-sig" and raw.startswith(_UTF16_BOMS):
        message = "the file is UTF-16 text (it starts with a UTF-16 byte-order mark); "
        raise InvalidInputError([Problem((), message + "use --encoding utf-16", 1)], source)
    try:
        text = raw.decode(codec)
    except UnicodeDecodeError as error:
        raise _decoding_problem(raw, error, encoding, source) from None
    if "\x00" in text:
        line = text.count("\n", 0, text.index("\x00")) + 1
        message = f"NUL characters: this is binary data or not {encoding} text; check --encoding"
        raise InvalidInputError([Problem((), message, line)], source)
    return text


def _decoding_problem(
    raw: bytes, error: UnicodeDecodeError, encoding: str, source: str
) -> InvalidInputError:
    before = raw[: error.start]
    line = before.count(b"\n") + 1
    column = error.start - (before.rfind(b"\n") + 1) + 1
    byte = raw[error.start]
    other = "cp1252" if codecs.lookup(encoding).name == "utf-8" else "utf-8"
    message = (
        f"byte 0x{byte:02x} at offset {error.start} is not {encoding} text; "
        f"give the file's encoding with --encoding (e.g. --encoding {other})"
    )
    return InvalidInputError([Problem((), message, line, column)], source)


def read_text(path: Path, encoding: str, source: str) -> str:
    return decode_text(read_bytes(path), encoding, source)


class ProgressTicker:
    """Calls `progress` about every 1 % of `total` (and once at the end), cheaply per unit."""

    def __init__(self, progress: Progress | None, total: int | None) -> None:
        self.progress = progress
        self.total = total
        self.step = max(1, (total or 0) // 100) if total else 1000
        self.next_report = self.step

    def advance(self, done: int) -> None:
        if self.progress is not None and done >= self.next_report:
            self.progress(done, self.total)
            self.next_report = done + self.step

    def finish(self, done: int) -> None:
        if self.progress is not None:
            self.progress(done, self.total if self.total is not None else done)
