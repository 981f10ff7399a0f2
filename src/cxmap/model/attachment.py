"""Files attached to a journey: which kinds are accepted and how an upload is judged.

An attachment is evidence (an interview recording, a screenshot, a survey export) hung on a
journey, one of its steps or one evidence item. Its bytes live in the store by SHA-256;
these records carry what people see (the file name, the type) and what the store needs
(the hash, the size). The checks here are pure, so the store, the service and the API all
judge an upload the same way: the name, the declared type and the sniffed content must
agree, or the upload is refused with the reason.
"""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from datetime import datetime
from enum import StrEnum
from typing import Self
from uuid import UUID

from pydantic import Field, model_validator

from cxmap.model.errors import InvalidInputError, Problem
from cxmap.model.journey import Identifier
from cxmap.model.workspace import Record

#: Declared types that say nothing about the content (browsers send these for unknown files).
UNSPECIFIED_TYPES = frozenset({"", "application/octet-stream", "binary/octet-stream"})
#: What a sniffer reports for valid UTF-8 text without NUL bytes.
TEXT = "text/plain"
DOCX = "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
MAX_FILE_NAME = 200


class AttachmentKind(StrEnum):
    DOCUMENT = "document"
    IMAGE = "image"
    AUDIO = "audio"


@dataclass(frozen=True)
class FileFormat:
    """One accepted format: its type, its file name endings and what sniffing must find."""

    content_type: str
    kind: AttachmentKind
    extensions: tuple[str, ...]
    label: str
    aliases: tuple[str, ...] = ()
    sniffed_as: tuple[str, ...] = ()

    @property
    def declared_types(self) -> frozenset[str]:
        return frozenset({self.content_type, *self.aliases})

    @property
    def content_types(self) -> frozenset[str]:
        """Sniffed types that prove the content is of this format."""
        return frozenset(self.sniffed_as or (self.content_type,))


FORMATS: tuple[FileFormat, ...] = (
    FileFormat("application/pdf", AttachmentKind.DOCUMENT, (".pdf",), "a PDF document"),
    FileFormat(DOCX, AttachmentKind.DOCUMENT, (".docx",), "a Word document"),
    FileFormat("text/plain", AttachmentKind.DOCUMENT, (".txt",), "UTF-8 text"),
    FileFormat(
        "text/markdown",
        AttachmentKind.DOCUMENT,
        (".md", ".markdown"),
        "Markdown (UTF-8 text)",
        aliases=("text/x-markdown", TEXT),
        sniffed_as=(TEXT,),
    ),
    FileFormat(
        "image/png",
        AttachmentKind.IMAGE,
        (".png",),
        "a PNG image",
        sniffed_as=("image/png", "image/apng"),
    ),
    FileFormat(
        "image/jpeg", AttachmentKind.IMAGE, (".jpg", ".jpeg"), "a JPEG image", ("image/pjpeg",)
    ),
    FileFormat("image/gif", AttachmentKind.IMAGE, (".gif",), "a GIF image"),
    FileFormat("image/webp", AttachmentKind.IMAGE, (".webp",), "a WebP image"),
    FileFormat("audio/mpeg", AttachmentKind.AUDIO, (".mp3",), "MP3 audio", ("audio/mp3",)),
    FileFormat(
        "audio/wav",
        AttachmentKind.AUDIO,
        (".wav",),
        "WAV audio",
        aliases=("audio/x-wav", "audio/wave", "audio/vnd.wave"),
        sniffed_as=("audio/wav", "audio/x-wav"),
    ),
    FileFormat(
        "audio/ogg", AttachmentKind.AUDIO, (".ogg", ".oga", ".opus"), "Ogg audio", ("audio/opus",)
    ),
    FileFormat("audio/mp4", AttachmentKind.AUDIO, (".m4a",), "M4A audio", ("audio/x-m4a",)),
)
_BY_EXTENSION = {extension: fmt for fmt in FORMATS for extension in fmt.extensions}
_BY_TYPE = {fmt.content_type: fmt for fmt in FORMATS}
ACCEPTED_EXTENSIONS = tuple(sorted(_BY_EXTENSION))


def format_of(content_type: str) -> FileFormat:
    """The accepted format stored under `content_type` (a canonical type)."""
    return _BY_TYPE[content_type]


def sanitise_file_name(name: str) -> str:
    """The last path component of `name`, without control characters or leading dots.

    A file name is only ever shown and offered back on download, never used as a path; it
    is still cleaned so it cannot smuggle a folder (`../../etc/passwd`), a hidden file or
    right-to-left tricks (`invoice\u202egpj.exe`) into a user's download folder.
    """
    base = re.split(r"[\\/]", name)[-1]
    base = unicodedata.normalize("NFC", base)
    base = "".join(char for char in base if unicodedata.category(char)[0] != "C")
    base = base.strip().lstrip(".").strip()
    if not base:
        raise InvalidInputError([Problem(("file_name",), f"'{name}' is not a usable file name")])
    if len(base) > MAX_FILE_NAME:
        stem, dot, extension = base.rpartition(".")
        keep = extension if dot and len(extension) < 16 else ""
        base = (stem if keep else base)[: MAX_FILE_NAME - len(keep) - 1].rstrip() + (
            f".{keep}" if keep else ""
        )
    return base


def normalise_content_type(declared: str | None) -> str:
    """`Image/PNG; charset=x` -> `image/png`; `None` -> `` (nothing declared)."""
    return (declared or "").split(";", 1)[0].strip().lower()


def describe_content(sniffed: frozenset[str]) -> str:
    """What the content was found to be, in words, for an error message."""
    for fmt in FORMATS:
        if fmt.content_type in sniffed and fmt.content_type != TEXT:
            return fmt.label
    if TEXT in sniffed:
        return "plain text"
    return f"'{min(sniffed)}'" if sniffed else "not a recognised document, picture or audio file"


def check_name_and_type(file_name: str, declared_type: str | None) -> FileFormat:
    """The format the name announces, if accepted and not contradicted by the declared type.

    Checked before the body is read, so a refused upload costs nothing to refuse.
    """
    extension = "." + file_name.rpartition(".")[2].lower() if "." in file_name else ""
    fmt = _BY_EXTENSION.get(extension)
    if fmt is None:
        what = f"'{extension}' files" if extension else "files without an extension"
        accepted = ", ".join(ACCEPTED_EXTENSIONS)
        message = f"'{file_name}': {what} are not accepted (accepted: {accepted})"
        raise InvalidInputError([Problem(("file_name",), message)])
    declared = normalise_content_type(declared_type)
    if declared not in UNSPECIFIED_TYPES and declared not in fmt.declared_types:
        message = (
            f"declared as '{declared}', but the name '{file_name}' says {fmt.label} "
            f"({fmt.content_type})"
        )
        raise InvalidInputError([Problem(("content_type",), message)])
    return fmt


def accepted_format(
    file_name: str, declared_type: str | None, sniffed: frozenset[str]
) -> FileFormat:
    """The format an upload is stored as, if its name, declared type and content agree.

    `sniffed` holds every type the content could be (a short ASCII file can be both text
    and a PDF); the format named by the file's extension must be among them. The declared
    type is the client's word and is only checked, never trusted.
    """
    fmt = check_name_and_type(file_name, declared_type)
    if not fmt.content_types & sniffed:
        message = (
            f"'{file_name}' should be {fmt.label}, but its content is {describe_content(sniffed)}"
        )
        raise InvalidInputError([Problem(("content",), message)])
    return fmt


class AttachmentAnchor(Record):
    """What a file is attached to: a journey, and optionally one step or one evidence item.

    Evidence items are named by id; the journey document does not give its evidence notes
    ids yet, so an evidence id is kept as given (the evidence store will own them).
    """

    journey_id: UUID
    step_id: Identifier | None = None
    evidence_id: Identifier | None = None

    @model_validator(mode="after")
    def _one_target(self) -> Self:
        if self.step_id is not None and self.evidence_id is not None:
            raise ValueError("attach to a step or to an evidence item, not both")
        return self


class Attachment(Record):
    """A stored file's metadata; the bytes are fetched by `sha256` from the blob store."""

    id: UUID
    workspace_id: UUID
    journey_id: UUID
    step_id: str | None = None
    evidence_id: str | None = None
    file_name: str
    content_type: str
    size: int = Field(ge=0)
    sha256: str
    thumbnail_sha256: str | None = None
    uploaded_by: UUID | None
    uploaded_at: datetime

    @property
    def kind(self) -> AttachmentKind:
        return format_of(self.content_type).kind
