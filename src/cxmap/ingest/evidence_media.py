"""Pictures (PNG, JPEG) and recordings (MP3, WAV, Ogg) as evidence with the file attached.

Each file is one draft of kind `image` or `audio` whose `files` holds it (`FileRef` with
`path`; the import service stores the bytes). The first bytes must be what the name says:
a `.png` that is not a PNG is refused, as it would be stored under a false type. A
recording's words come from a transcript (WebVTT, SRT or txt): given with `--transcript`
for one file, or, in a folder, found beside it under the same name (`call.mp3` and
`call.vtt`). Transcripts used that way are not items themselves; any other file of a folder
that is not a picture or a recording is listed as rejected.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path

from cxmap.ingest.evidence_folders import folder_files, read_files
from cxmap.ingest.evidence_text import Progress, require_file
from cxmap.ingest.evidence_transcripts import TRANSCRIPT_SUFFIXES, read_transcript
from cxmap.model.errors import InvalidInputError, Problem
from cxmap.model.evidence import EvidenceDraft, FileRef, ReadResult
from cxmap.model.evidence_import import ReadOptions
from cxmap.model.journey import EvidenceKind

_SIGNATURE_BYTES = 16


@dataclass(frozen=True)
class MediaFormat:
    content_type: str
    kind: EvidenceKind
    label: str
    matches: Callable[[bytes], bool]


def _is_mp3(head: bytes) -> bool:
    """An ID3 tag, or straight into an MPEG audio frame (11 sync bits set)."""
    return head.startswith(b"ID3") or (len(head) > 1 and head[0] == 0xFF and head[1] >= 0xE0)


_PNG = MediaFormat(
    "image/png", EvidenceKind.IMAGE, "a PNG image", lambda h: h.startswith(b"\x89PNG\r\n\x1a\n")
)
_JPEG = MediaFormat(
    "image/jpeg", EvidenceKind.IMAGE, "a JPEG image", lambda h: h.startswith(b"\xff\xd8\xff")
)
_OGG = MediaFormat("audio/ogg", EvidenceKind.AUDIO, "Ogg audio", lambda h: h.startswith(b"OggS"))
FORMATS = {
    ".png": _PNG,
    ".jpg": _JPEG,
    ".jpeg": _JPEG,
    ".mp3": MediaFormat("audio/mpeg", EvidenceKind.AUDIO, "MP3 audio", _is_mp3),
    ".wav": MediaFormat(
        "audio/wav",
        EvidenceKind.AUDIO,
        "WAV audio",
        lambda h: h.startswith(b"RIFF") and h[8:12] == b"WAVE",
    ),
    ".ogg": _OGG,
    ".oga": _OGG,
    ".opus": _OGG,
}
MEDIA_SUFFIXES = tuple(FORMATS)


def read_media(path: Path, options: ReadOptions, progress: Progress | None = None) -> ReadResult:
    """One draft per file, `row` 1; for a folder, `row` = the file's number in name order
    (transcripts beside their recordings are not counted)."""
    if path.is_dir():
        return _read_folder(path, options, progress)
    transcript = Path(options.transcript) if options.transcript else None
    draft = read_medium(path, 1, options, transcript)
    if progress is not None:
        progress(1, 1)
    return ReadResult(drafts=[draft], rejected=[])


def _read_folder(folder: Path, options: ReadOptions, progress: Progress | None) -> ReadResult:
    if options.transcript:
        message = "--transcript goes with one recording; in a folder put call.vtt beside call.mp3"
        raise InvalidInputError([Problem(("transcript",), message)], str(folder))
    files = folder_files(folder)
    transcripts = _transcripts_beside(files)
    media = [file for file in files if file not in transcripts.values()]

    def read_one(file: Path, row: int) -> EvidenceDraft:
        return read_medium(file, row, options, transcripts.get(file))

    return read_files(media, read_one, MEDIA_SUFFIXES, "a picture or recording", progress)


def _transcripts_beside(files: list[Path]) -> dict[Path, Path]:
    """Recording -> its transcript: same name, a transcript suffix (.vtt before .srt, .txt)."""
    by_name = {file.name.lower(): file for file in files}
    found: dict[Path, Path] = {}
    for file in files:
        medium = FORMATS.get(file.suffix.lower())
        if medium is None or medium.kind is not EvidenceKind.AUDIO:
            continue
        for suffix in TRANSCRIPT_SUFFIXES:
            partner = by_name.get(file.stem.lower() + suffix)
            if partner is not None:
                found[file] = partner
                break
    return found


def read_medium(
    path: Path, row: int, options: ReadOptions, transcript: Path | None = None
) -> EvidenceDraft:
    source = options.source_name or path.name
    medium = FORMATS.get(path.suffix.lower())
    if medium is None:
        listed = ", ".join(MEDIA_SUFFIXES)
        message = f"pictures and recordings are {listed} files, not '{path.suffix or path.name}'"
        raise InvalidInputError([Problem((), message)], source)
    require_file(path)
    with path.open("rb") as stream:
        head = stream.read(_SIGNATURE_BYTES)
    if not medium.matches(head):
        message = f"not {medium.label}: its first bytes say otherwise (renamed or damaged?)"
        raise InvalidInputError([Problem((), message)], source)
    text = ""
    if transcript is not None:
        if medium.kind is not EvidenceKind.AUDIO:
            message = "a transcript goes with a recording (mp3, wav, ogg), not a picture"
            raise InvalidInputError([Problem(("transcript",), message)], source)
        text = read_transcript(transcript, options.encoding, source)
    return EvidenceDraft(
        kind=medium.kind,
        text=text,
        source=source,
        department=options.department,
        row=row,
        files=[FileRef(file_name=path.name, content_type=medium.content_type, path=str(path))],
    )
