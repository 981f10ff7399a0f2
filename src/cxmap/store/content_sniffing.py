"""What a file's bytes are, found from the bytes themselves rather than from its name.

Magic numbers come from `filetype` (pure Python, no libmagic): PDF, PNG, JPEG, GIF, WebP,
MP3 (ID3 or an MPEG frame sync), WAV (RIFF WAVE), Ogg and M4A. Two formats need more than a
signature: a Word document is a zip, so the zip's directory is read (never its contents)
for `word/document.xml`; and text has no signature at all, so a file counts as text when
the whole of it decodes as UTF-8 without NUL bytes. A file can be several things at once
(an ASCII file that starts with `%PDF`), so every match is returned.
"""

from __future__ import annotations

import codecs
import zipfile
from pathlib import Path

import filetype  # type: ignore[import-untyped]

from cxmap.model.attachment import DOCX, TEXT

SIGNATURE_BYTES = 8192
_ZIP_SIGNATURE = b"PK\x03\x04"
_TEXT_CHUNK = 256 * 1024


def sniff(path: Path) -> frozenset[str]:
    """Every content type the file at `path` could be (empty: nothing recognised)."""
    with path.open("rb") as stream:
        head = stream.read(SIGNATURE_BYTES)
    found: set[str] = set()
    guess = filetype.guess(head) if head else None
    if guess is not None:
        found.add(str(guess.mime))
    if head.startswith(_ZIP_SIGNATURE):
        # filetype guesses from the first entries only; the zip's directory knows for sure
        found.discard(DOCX)
        if is_word_document(path):
            found.add(DOCX)
        elif not found:
            found.add("application/zip")
    if is_utf8_text(path):
        found.add(TEXT)
    return frozenset(found)


def is_word_document(path: Path) -> bool:
    """A zip holding `word/document.xml` and the OOXML content-types part."""
    try:
        with zipfile.ZipFile(path) as archive:
            names = set(archive.namelist())
    except (zipfile.BadZipFile, OSError, ValueError):
        return False
    return {"word/document.xml", "[Content_Types].xml"} <= names


def is_utf8_text(path: Path) -> bool:
    """The whole file is UTF-8 without NUL bytes (read in chunks, stopping at the first fault)."""
    decoder = codecs.getincrementaldecoder("utf-8")()
    with path.open("rb") as stream:
        while chunk := stream.read(_TEXT_CHUNK):
            if b"\x00" in chunk:
                return False
            try:
                decoder.decode(chunk)
            except UnicodeDecodeError:
                return False
    try:
        decoder.decode(b"", final=True)
    except UnicodeDecodeError:
        return False
    return True
