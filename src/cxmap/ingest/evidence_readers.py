"""Evidence files in, drafts and rejected rows out: the one entry point of the readers.

The import service calls `read_evidence` and then maps, scores and stores the drafts; it
never needs to know which family of file it was. Problems that make the whole file
unusable (wrong encoding, a mapped column missing from the header, a damaged PDF, a `.png`
that is not a PNG) raise `InvalidInputError` and nothing is read; problems with single rows
(a score out of range, a broken JSON line, an empty row) are `RejectedRow`s beside the good
drafts, so good rows still import and the bad ones go to the reject report.

`row`, per family: tables count data rows from 1 with the header not counted; JSON Lines
count lines from 1; a single document, picture, recording or `.txt` chat is row 1; in a
folder, each file's number in name order.

`progress(done, total)` is called about every 1 % and once at the end: text files report
characters of the decoded text, XLSX files rows of the sheet, folders files.
"""

from __future__ import annotations

from pathlib import Path

from cxmap.ingest.evidence_chats import read_chats
from cxmap.ingest.evidence_documents import read_documents
from cxmap.ingest.evidence_media import read_media
from cxmap.ingest.evidence_social import read_social
from cxmap.ingest.evidence_surveys import read_survey
from cxmap.ingest.evidence_text import Progress
from cxmap.model.errors import NotFoundError
from cxmap.model.evidence import ReadResult
from cxmap.model.evidence_import import EvidenceSource, ReadOptions

_READERS = {
    EvidenceSource.SURVEY: read_survey,
    EvidenceSource.SOCIAL: read_social,
    EvidenceSource.CHAT: read_chats,
    EvidenceSource.DOCUMENT: read_documents,
    EvidenceSource.MEDIA: read_media,
}


def read_evidence(
    source: EvidenceSource,
    path: Path,
    options: ReadOptions = ReadOptions(),  # noqa: B008 - frozen, so one shared default is safe
    progress: Progress | None = None,
) -> ReadResult:
    """Read `path` (a file; a folder for documents, media and `.txt` chats) as `source`."""
    if not path.exists():
        raise NotFoundError(f"{path}: no such file or folder")
    return _READERS[source](path, options, progress)
