"""Interviews and documents (txt, md, pdf, docx): the text extracted, the original kept.

Each file is one `document` draft whose `files` holds the original (`FileRef` with `path`),
so the import service stores it as an attachment beside the extracted words. The content
must match the name: a `.pdf` has to start with `%PDF-`, a `.docx` has to be a zip. A PDF
with an owner password only (print/copy restrictions) is read; one that needs a password
to open, or a damaged file, is refused with the reason. A PDF without a text layer (a
scan) still imports, with empty text: the pages are evidence a person can read. An empty
txt or md file is refused, as it holds nothing at all.
"""

from __future__ import annotations

from pathlib import Path

import docx
import pypdf
from pypdf.errors import DependencyError, FileNotDecryptedError

from cxmap.ingest.evidence_folders import folder_files, read_files
from cxmap.ingest.evidence_text import Progress, decode_text, read_bytes
from cxmap.model.attachment import DOCX, TEXT
from cxmap.model.errors import InvalidInputError, Problem
from cxmap.model.evidence import EvidenceDraft, FileRef, ReadResult
from cxmap.model.evidence_import import ReadOptions
from cxmap.model.journey import EvidenceKind

CONTENT_TYPES = {
    ".txt": TEXT,
    ".md": "text/markdown",
    ".markdown": "text/markdown",
    ".pdf": "application/pdf",
    ".docx": DOCX,
}
DOCUMENT_SUFFIXES = tuple(CONTENT_TYPES)


def read_documents(
    path: Path, options: ReadOptions, progress: Progress | None = None
) -> ReadResult:
    """One draft per file, `row` 1; for a folder, `row` = the file's number in name order."""
    if path.is_dir():
        read_one = lambda file, row: read_document(file, row, options)  # noqa: E731
        files = folder_files(path)
        return read_files(files, read_one, DOCUMENT_SUFFIXES, "a document", progress)
    draft = read_document(path, 1, options)
    if progress is not None:
        progress(1, 1)
    return ReadResult(drafts=[draft], rejected=[])


def read_document(path: Path, row: int, options: ReadOptions) -> EvidenceDraft:
    source = options.source_name or path.name
    suffix = path.suffix.lower()
    if suffix not in CONTENT_TYPES:
        listed = ", ".join(DOCUMENT_SUFFIXES)
        message = f"documents are {listed} files, not '{suffix or path.name}'"
        raise InvalidInputError([Problem((), message)], source)
    raw = read_bytes(path)
    if suffix == ".pdf":
        text = pdf_text(path, raw, source)
    elif suffix == ".docx":
        text = docx_text(path, raw, source)
    else:
        text = decode_text(raw, options.encoding, source).strip()
        if not text:
            raise InvalidInputError([Problem((), "the document is empty")], source)
    original = FileRef(file_name=path.name, content_type=CONTENT_TYPES[suffix], path=str(path))
    return EvidenceDraft(
        kind=EvidenceKind.DOCUMENT,
        text=text,
        source=source,
        department=options.department,
        row=row,
        files=[original],
    )


def _refuse(message: str, source: str) -> InvalidInputError:
    return InvalidInputError([Problem((), message)], source)


def pdf_text(path: Path, raw: bytes, source: str) -> str:
    """The text of every page, pages separated by a blank line."""
    if b"%PDF-" not in raw[:1024]:
        raise _refuse("not a PDF: the file does not start with %PDF-", source)
    try:
        reader = pypdf.PdfReader(path, strict=False)
        if reader.is_encrypted and not reader.decrypt(""):
            raise _refuse("the PDF is password-protected; save a copy without a password", source)
        pages = [page.extract_text() or "" for page in reader.pages]
    except (DependencyError, FileNotDecryptedError):
        raise _refuse("the PDF is encrypted; save a copy without a password", source) from None
    except InvalidInputError:
        raise
    except Exception as error:  # pypdf raises many types on damaged files; the reason counts
        raise _refuse(f"a damaged PDF that cannot be read: {error}", source) from None
    return "\n\n".join(page.strip() for page in pages if page.strip())


def docx_text(path: Path, raw: bytes, source: str) -> str:
    """Paragraphs, then table cells row by row, one per line."""
    if not raw.startswith(b"PK\x03\x04"):
        raise _refuse("not a Word document: a .docx file is a zip archive", source)
    try:
        document = docx.Document(str(path))
    except Exception as error:  # zip, lxml and python-docx's own errors; the reason counts
        raise _refuse(f"a damaged Word document that cannot be read: {error}", source) from None
    lines = [paragraph.text for paragraph in document.paragraphs]
    for table in document.tables:
        for table_row in table.rows:
            cells = [cell.text.strip() for cell in table_row.cells]
            lines.append(" | ".join(cell for cell in cells if cell))
    return "\n".join(line for line in lines if line.strip()).strip()
