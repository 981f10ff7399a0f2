"""Documents and interviews: txt, md, pdf and docx, with the original kept as a file."""

from __future__ import annotations

import io
from pathlib import Path

import docx
import pypdf
import pytest

from cxmap.ingest.evidence_readers import read_evidence
from cxmap.model.errors import InvalidInputError
from cxmap.model.evidence import ReadResult
from cxmap.model.evidence_import import EvidenceSource, ReadOptions
from cxmap.model.journey import EvidenceKind


def documents(path: Path, options: ReadOptions | None = None) -> ReadResult:
    return read_evidence(EvidenceSource.DOCUMENT, path, options or ReadOptions())


def tiny_pdf(*pages: str) -> bytes:
    """A minimal PDF with one line of Helvetica text per page, xref offsets computed."""
    count = len(pages)
    kids = " ".join(f"{3 + 2 * i} 0 R" for i in range(count))
    objects = [
        b"<< /Type /Catalog /Pages 2 0 R >>",
        f"<< /Type /Pages /Kids [{kids}] /Count {count} >>".encode(),
    ]
    font = 3 + 2 * count
    for i, words in enumerate(pages):
        stream = f"BT /F1 12 Tf 72 720 Td ({words}) Tj ET".encode()
        objects.append(
            f"<< /Type /Page /Parent 2 0 R /MediaBox [0 0 612 792] /Contents {4 + 2 * i} 0 R "
            f"/Resources << /Font << /F1 {font} 0 R >> >> >>".encode()
        )
        objects.append(b"<< /Length %d >>\nstream\n%s\nendstream" % (len(stream), stream))
    objects.append(b"<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica >>")
    out = io.BytesIO()
    out.write(b"%PDF-1.4\n")
    offsets = []
    for number, body in enumerate(objects, start=1):
        offsets.append(out.tell())
        out.write(b"%d 0 obj\n%s\nendobj\n" % (number, body))
    xref = out.tell()
    out.write(b"xref\n0 %d\n0000000000 65535 f \n" % (len(objects) + 1))
    for offset in offsets:
        out.write(b"%010d 00000 n \n" % offset)
    out.write(
        b"trailer\n<< /Size %d /Root 1 0 R >>\nstartxref\n%d\n%%%%EOF\n" % (len(objects) + 1, xref)
    )
    return out.getvalue()


def test_a_pdf_is_read_page_by_page_and_kept(tmp_path: Path) -> None:
    path = tmp_path / "interview.pdf"
    path.write_bytes(tiny_pdf("The delivery was late", "The courier was kind"))

    [draft] = documents(path, ReadOptions(department="research")).drafts

    assert draft.text == "The delivery was late\n\nThe courier was kind"
    assert (draft.kind, draft.row, draft.department) == (EvidenceKind.DOCUMENT, 1, "research")
    [original] = draft.files
    assert (original.file_name, original.content_type, original.path) == (
        "interview.pdf",
        "application/pdf",
        str(path),
    )


def _encrypted(tmp_path: Path, user_password: str) -> Path:
    writer = pypdf.PdfWriter(clone_from=pypdf.PdfReader(io.BytesIO(tiny_pdf("secret words"))))
    writer.encrypt(user_password, "owner-password", algorithm="RC4-128")
    path = tmp_path / "locked.pdf"
    with path.open("wb") as stream:
        writer.write(stream)
    return path


def test_a_password_protected_pdf_is_refused(tmp_path: Path) -> None:
    path = _encrypted(tmp_path, "open-sesame")
    with pytest.raises(InvalidInputError) as caught:
        documents(path)
    assert caught.value.lines() == [
        "locked.pdf: (document): the PDF is password-protected; save a copy without a password"
    ]


def test_a_pdf_with_only_an_owner_password_is_read(tmp_path: Path) -> None:
    [draft] = documents(_encrypted(tmp_path, "")).drafts
    assert draft.text == "secret words"


@pytest.mark.parametrize(
    ("content", "reason"),
    [
        (b"%PDF-1.4\nthis is no pdf at all\n%%EOF", "a damaged PDF that cannot be read"),
        (b"just some text", "not a PDF: the file does not start with %PDF-"),
        (b"", "not a PDF: the file does not start with %PDF-"),
    ],
)
def test_corrupt_pdfs_are_refused(tmp_path: Path, content: bytes, reason: str) -> None:
    path = tmp_path / "broken.pdf"
    path.write_bytes(content)
    with pytest.raises(InvalidInputError, match=reason):
        documents(path)


def test_a_truncated_pdf_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "cut.pdf"
    path.write_bytes(tiny_pdf("words")[:120])
    with pytest.raises(InvalidInputError, match=r"cut.pdf: .*a damaged PDF"):
        documents(path)


def test_a_word_document_with_a_table(tmp_path: Path) -> None:
    document = docx.Document()
    document.add_heading("Interview 7", level=1)
    document.add_paragraph("The returns portal confused me.")
    document.add_paragraph("")
    table = document.add_table(rows=2, cols=2)
    table.cell(0, 0).text = "Step"
    table.cell(0, 1).text = "Feeling"
    table.cell(1, 0).text = "Refund"
    table.cell(1, 1).text = "Relieved"
    path = tmp_path / "interview.docx"
    document.save(str(path))

    [draft] = documents(path).drafts

    assert draft.text == (
        "Interview 7\nThe returns portal confused me.\nStep | Feeling\nRefund | Relieved"
    )
    assert draft.files[0].content_type == (
        "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
    )


def test_a_docx_that_is_not_a_word_document(tmp_path: Path) -> None:
    fake = tmp_path / "fake.docx"
    fake.write_text("plain text", encoding="utf-8")
    with pytest.raises(InvalidInputError, match="not a Word document"):
        documents(fake)
    zipped = tmp_path / "zipped.docx"
    zipped.write_bytes(b"PK\x03\x04" + b"\x00" * 30)
    with pytest.raises(InvalidInputError, match="a damaged Word document"):
        documents(zipped)


def test_text_and_markdown_in_a_folder(tmp_path: Path) -> None:
    (tmp_path / "b-notes.md").write_text("# Notes\n\n*Slow* checkout\n", encoding="utf-8")
    (tmp_path / "a-call.txt").write_text("\ufeffCustomer called twice.\n", encoding="utf-8")
    (tmp_path / "c-empty.txt").write_text("  \n", encoding="utf-8")
    (tmp_path / "d-photo.png").write_bytes(b"\x89PNG\r\n\x1a\n")
    (tmp_path / "e-latin.txt").write_bytes("Caf\xe9".encode("latin-1"))
    calls: list[tuple[int, int | None]] = []

    result = read_evidence(
        EvidenceSource.DOCUMENT, tmp_path, progress=lambda d, t: calls.append((d, t))
    )

    assert [(d.row, d.text, d.files[0].content_type) for d in result.drafts] == [
        (1, "Customer called twice.", "text/plain"),
        (2, "# Notes\n\n*Slow* checkout", "text/markdown"),
    ]
    assert [(r.row, r.reason) for r in result.rejected] == [
        (3, "c-empty.txt: the document is empty"),
        (4, "d-photo.png: not a document (.docx, .markdown, .md, .pdf, .txt)"),
        (
            5,
            "e-latin.txt: line 1: byte 0xe9 at offset 3 is not utf-8 text; give the file's "
            "encoding with --encoding (e.g. --encoding cp1252)",
        ),
    ]
    assert calls[-1] == (5, 5)


def test_unsupported_single_document(tmp_path: Path) -> None:
    path = tmp_path / "slides.pptx"
    path.write_bytes(b"PK\x03\x04")
    with pytest.raises(InvalidInputError, match=r"documents are .txt, .md, .markdown, .pdf, .docx"):
        documents(path)
