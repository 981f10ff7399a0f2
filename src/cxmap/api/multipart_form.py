"""Reading a `multipart/form-data` upload into a folder: files as files, fields as text.

The body is streamed to disk first (counted, so an upload past the limit is cut off at
once, never buffered in memory), then split at its boundary through a memory map: a file
part becomes a file of its own, named after the client's (cleaned) file name so readers
see its suffix, and a field becomes a string. Anything malformed is an `InvalidInputError`
(422) naming what is wrong, never a server error. Written here because FastAPI's own form
parsing needs `python-multipart`, which cxmap does not install.
"""

from __future__ import annotations

import email.message
import email.parser
import email.policy
import mmap
from collections.abc import AsyncIterator
from dataclasses import dataclass, field
from pathlib import Path

from cxmap.model.attachment import sanitise_file_name
from cxmap.model.errors import InvalidInputError, Problem, TooLargeError

#: At most this many parts, and this many bytes in one text field.
MAX_PARTS = 32
MAX_FIELD_BYTES = 64 * 1024
_COPY_CHUNK = 1024 * 1024
_HEADER_END = b"\r\n\r\n"


@dataclass(frozen=True)
class FilePart:
    file_name: str
    content_type: str
    path: Path
    size: int


@dataclass
class Form:
    """The fields (a name may repeat) and the files of one form."""

    fields: dict[str, list[str]] = field(default_factory=dict)
    files: dict[str, FilePart] = field(default_factory=dict)

    def value(self, name: str) -> str | None:
        values = self.fields.get(name)
        return values[-1] if values else None


def boundary_of(content_type: str) -> str | None:
    """The boundary of a `multipart/form-data` type; None for any other type."""
    message = email.message.Message()
    message["content-type"] = content_type
    if message.get_content_type() != "multipart/form-data":
        return None
    boundary = message.get_param("boundary")
    return boundary if isinstance(boundary, str) and 0 < len(boundary) <= 200 else None


async def receive_form(
    chunks: AsyncIterator[bytes],
    boundary: str,
    folder: Path,
    *,
    max_bytes: int,
    limit_shown: int | None = None,
) -> Form:
    """Stream the body into `folder`, then split it into fields and files there.

    Past `max_bytes` the upload is refused (naming `limit_shown`, the limit people know).
    """
    body = folder / ".body"
    size = 0
    with body.open("wb") as stream:
        async for chunk in chunks:
            size += len(chunk)
            if size > max_bytes:
                raise TooLargeError("file", limit_shown or max_bytes)
            stream.write(chunk)
    try:
        return split_form(body, boundary.encode("latin-1"), folder)
    finally:
        body.unlink(missing_ok=True)


def split_form(body: Path, boundary: bytes, folder: Path) -> Form:
    form = Form()
    if body.stat().st_size == 0:
        raise _malformed("the body is empty")
    with body.open("rb") as stream, mmap.mmap(stream.fileno(), 0, access=mmap.ACCESS_READ) as data:
        delimiter = b"--" + boundary
        start = _first_delimiter(data, delimiter)
        for number in range(MAX_PARTS + 1):
            after = start + len(delimiter)
            if data[after : after + 2] == b"--":
                return form
            if number == MAX_PARTS:
                raise _malformed(f"more than {MAX_PARTS} parts")
            if data[after : after + 2] != b"\r\n":
                raise _malformed("a boundary line does not end with CRLF")
            headers_end = data.find(_HEADER_END, after)
            end = data.find(b"\r\n" + delimiter, after)
            if end < 0:
                raise _malformed("the closing boundary is missing")
            if headers_end < 0 or headers_end > end:
                raise _malformed("a part has no blank line after its headers")
            headers = bytes(data[after + 2 : headers_end + 4])
            _add_part(form, headers, data, headers_end + 4, end, folder, number)
            start = end + 2
    raise _malformed("the closing boundary is missing")  # pragma: no cover - loop returns


def _first_delimiter(data: mmap.mmap, delimiter: bytes) -> int:
    if data[: len(delimiter)] == delimiter:
        return 0
    found = data.find(b"\r\n" + delimiter)
    if found < 0:
        raise _malformed("the body does not contain its boundary")
    return found + 2


def _add_part(
    form: Form, headers: bytes, data: mmap.mmap, start: int, end: int, folder: Path, number: int
) -> None:
    parsed = email.parser.BytesHeaderParser(policy=email.policy.HTTP).parsebytes(headers)
    if parsed.get_content_disposition() != "form-data":
        raise _malformed("a part is not form-data (Content-Disposition)")
    name = parsed.get_param("name", header="content-disposition")
    if not isinstance(name, str) or not name:
        raise _malformed("a part has no name")
    file_name = parsed.get_filename()
    if file_name is None:
        form.fields.setdefault(name, []).append(_text(data, start, end, name))
        return
    if name in form.files:
        raise InvalidInputError([Problem((name,), "is sent more than once")])
    clean = sanitise_file_name(file_name)
    target = folder / f"{number:02d}" / clean
    target.parent.mkdir()
    with target.open("wb") as stream:
        for offset in range(start, end, _COPY_CHUNK):
            stream.write(data[offset : min(offset + _COPY_CHUNK, end)])
    declared = parsed.get_content_type() if parsed.get("content-type") else ""
    form.files[name] = FilePart(clean, declared, target, end - start)


def _text(data: mmap.mmap, start: int, end: int, name: str) -> str:
    if end - start > MAX_FIELD_BYTES:
        raise InvalidInputError([Problem((name,), f"is longer than {MAX_FIELD_BYTES} bytes")])
    try:
        return bytes(data[start:end]).decode("utf-8")
    except UnicodeDecodeError:
        raise InvalidInputError([Problem((name,), "is not UTF-8 text")]) from None


def _malformed(reason: str) -> InvalidInputError:
    return InvalidInputError([Problem(("body",), f"is not a valid multipart form: {reason}")])
