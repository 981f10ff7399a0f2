"""Judging an upload by its bytes: sniffing, the name/type/content agreement, thumbnails."""

from __future__ import annotations

import io
import struct
import zlib
from collections.abc import Callable
from pathlib import Path

import pytest
from PIL import Image

from cxmap.model.attachment import (
    DOCX,
    AttachmentKind,
    accepted_format,
    check_name_and_type,
    sanitise_file_name,
)
from cxmap.model.errors import InvalidInputError
from cxmap.store.content_sniffing import sniff
from cxmap.store.thumbnails import THUMBNAIL_SIDE, thumbnail_of
from tests.store import sample_files

SAMPLES: list[tuple[str, Callable[[], bytes], str, AttachmentKind]] = [
    ("scan.pdf", sample_files.pdf, "application/pdf", AttachmentKind.DOCUMENT),
    ("notes.docx", sample_files.docx, DOCX, AttachmentKind.DOCUMENT),
    ("notes.txt", sample_files.text, "text/plain", AttachmentKind.DOCUMENT),
    ("notes.md", sample_files.text, "text/markdown", AttachmentKind.DOCUMENT),
    ("shot.png", sample_files.png, "image/png", AttachmentKind.IMAGE),
    ("photo.JPG", sample_files.jpeg, "image/jpeg", AttachmentKind.IMAGE),
    ("anim.gif", lambda: sample_files.picture("GIF"), "image/gif", AttachmentKind.IMAGE),
    ("shot.webp", lambda: sample_files.picture("WEBP"), "image/webp", AttachmentKind.IMAGE),
    ("call.mp3", sample_files.mp3, "audio/mpeg", AttachmentKind.AUDIO),
    ("call.wav", sample_files.wav, "audio/wav", AttachmentKind.AUDIO),
    ("call.ogg", sample_files.ogg, "audio/ogg", AttachmentKind.AUDIO),
    ("call.m4a", sample_files.m4a, "audio/mp4", AttachmentKind.AUDIO),
]


def sniffed(tmp_path: Path, data: bytes) -> frozenset[str]:
    path = tmp_path / "upload.bin"  # the name on disk says nothing: only bytes count
    path.write_bytes(data)
    return sniff(path)


def refusal(call: Callable[[], object]) -> list[str]:
    with pytest.raises(InvalidInputError) as caught:
        call()
    return caught.value.lines()


@pytest.mark.parametrize(("name", "make", "content_type", "kind"), SAMPLES)
def test_every_accepted_kind_is_recognised_by_its_bytes(
    tmp_path: Path, name: str, make: Callable[[], bytes], content_type: str, kind: AttachmentKind
) -> None:
    fmt = accepted_format(name, None, sniffed(tmp_path, make()))
    assert (fmt.content_type, fmt.kind) == (content_type, kind)
    assert accepted_format(name, content_type, sniffed(tmp_path, make())) == fmt


def test_a_picture_named_as_another_kind_is_refused(tmp_path: Path) -> None:
    assert refusal(
        lambda: accepted_format("photo.jpg", None, sniffed(tmp_path, sample_files.png()))
    )
    assert refusal(
        lambda: accepted_format("photo.jpg", None, sniffed(tmp_path, sample_files.png()))
    ) == ["content: 'photo.jpg' should be a JPEG image, but its content is a PNG image"]


def test_a_program_named_pdf_is_refused(tmp_path: Path) -> None:
    program = b"MZ\x90\x00" + bytes(200)
    assert refusal(lambda: accepted_format("invoice.pdf", None, sniffed(tmp_path, program))) == [
        "content: 'invoice.pdf' should be a PDF document, but its content is "
        "'application/x-msdownload'"
    ]


def test_a_plain_zip_is_not_a_word_document(tmp_path: Path) -> None:
    archive = sample_files.zipped({"word/notes.txt": "not a document"})
    assert refusal(lambda: accepted_format("notes.docx", None, sniffed(tmp_path, archive))) == [
        "content: 'notes.docx' should be a Word document, but its content is 'application/zip'"
    ]


def test_a_word_document_with_many_parts_first_is_still_recognised(tmp_path: Path) -> None:
    """`word/document.xml` late in the zip: the directory is read, not only the first bytes."""
    parts = {f"customXml/item{i}.xml": "<x/>" * 500 for i in range(8)}
    data = sample_files.zipped(
        {**parts, "[Content_Types].xml": "<Types/>", "word/document.xml": "<w:document/>"}
    )
    assert DOCX in sniffed(tmp_path, data)


@pytest.mark.parametrize(
    "data",
    [b"caf\xe9 au lait\n", b"text with a \x00 NUL\n", b"cut in the middle \xe2\x82"],
    ids=["latin-1", "nul", "truncated-utf8"],
)
def test_text_must_be_utf8_without_nul(tmp_path: Path, data: bytes) -> None:
    assert refusal(lambda: accepted_format("notes.txt", None, sniffed(tmp_path, data))) == [
        "content: 'notes.txt' should be UTF-8 text, but its content is not a recognised "
        "document, picture or audio file"
    ]


def test_an_ascii_file_can_be_text_and_pdf_at_once(tmp_path: Path) -> None:
    data = b"%PDF-1.4 is how a PDF starts\n"
    found = sniffed(tmp_path, data)
    assert found == {"application/pdf", "text/plain"}
    assert accepted_format("about-pdf.txt", "text/plain", found).content_type == "text/plain"


def test_markdown_may_be_declared_as_plain_text(tmp_path: Path) -> None:
    found = sniffed(tmp_path, sample_files.text())
    assert accepted_format("notes.md", "text/plain; charset=utf-8", found).content_type == (
        "text/markdown"
    )


def test_a_declared_type_contradicting_the_name_is_refused() -> None:
    assert refusal(lambda: check_name_and_type("shot.png", "application/pdf")) == [
        "content_type: declared as 'application/pdf', but the name 'shot.png' says "
        "a PNG image (image/png)"
    ]
    assert check_name_and_type("shot.png", "Image/PNG").content_type == "image/png"
    assert check_name_and_type("shot.png", "application/octet-stream").content_type == ("image/png")


@pytest.mark.parametrize(
    ("name", "what"), [("setup.exe", "'.exe' files"), ("README", "files without an extension")]
)
def test_only_known_extensions_are_accepted(name: str, what: str) -> None:
    (line,) = refusal(lambda: check_name_and_type(name, None))
    assert line.startswith(f"file_name: '{name}': {what} are not accepted (accepted: .docx, ")
    assert ".wav" in line


@pytest.mark.parametrize(
    ("given", "kept"),
    [
        ("../../etc/passwd.txt", "passwd.txt"),
        ("C:\\Users\\ana\\report.pdf", "report.pdf"),
        (".hidden.png", "hidden.png"),
        ("invoice\u202egpj.exe", "invoicegpj.exe"),
        ("caf\u0065\u0301.txt", "caf\u00e9.txt"),
        ("  spaced name.md  ", "spaced name.md"),
        ("line\nbreak.txt", "linebreak.txt"),
    ],
)
def test_file_names_are_cleaned(given: str, kept: str) -> None:
    assert sanitise_file_name(given) == kept


@pytest.mark.parametrize("given", ["", "...", "../..", "dir/", "\x00\x01"])
def test_a_name_with_nothing_left_is_refused(given: str) -> None:
    assert refusal(lambda: sanitise_file_name(given)) == [
        f"file_name: '{given}' is not a usable file name"
    ]


def test_a_long_name_is_shortened_keeping_its_extension() -> None:
    kept = sanitise_file_name("x" * 500 + ".pdf")
    assert len(kept) == 200
    assert kept.endswith("x.pdf")


def thumbnail_image(tmp_path: Path, data: bytes, **options: int) -> Image.Image:
    path = tmp_path / "picture"
    path.write_bytes(data)
    return Image.open(io.BytesIO(thumbnail_of(path, **options)))


def test_a_wide_picture_gets_a_small_png_thumbnail(tmp_path: Path) -> None:
    thumbnail = thumbnail_image(tmp_path, sample_files.png((1000, 500)))
    assert (thumbnail.format, thumbnail.size) == ("PNG", (THUMBNAIL_SIDE, THUMBNAIL_SIDE // 2))
    # the gradient survives: left edge dark red channel, right edge bright
    assert thumbnail.getpixel((0, 80))[0] < 10  # type: ignore[index]
    assert thumbnail.getpixel((THUMBNAIL_SIDE - 1, 80))[0] > 245  # type: ignore[index]


def test_a_photo_gets_a_jpeg_thumbnail_and_transparency_is_kept(tmp_path: Path) -> None:
    photo = thumbnail_image(tmp_path, sample_files.jpeg((400, 800)))
    assert (photo.format, photo.size) == ("JPEG", (160, 320))
    clear = thumbnail_image(tmp_path, sample_files.picture("PNG", (40, 40), mode="RGBA"))
    assert (clear.mode, clear.size) == ("RGBA", (40, 40))  # small pictures are not enlarged
    assert clear.getpixel((5, 5))[3] == 200  # type: ignore[index]


def png_claiming(width: int, height: int) -> bytes:
    """A 1x1 PNG whose header claims another size (the header's CRC fixed up)."""
    output = io.BytesIO()
    Image.new("L", (1, 1)).save(output, format="PNG")
    data = bytearray(output.getvalue())
    start = 8 + 8  # signature, then the IHDR chunk's length and type
    data[start : start + 8] = struct.pack(">II", width, height)
    crc = zlib.crc32(bytes(data[12 : start + 13]))
    data[start + 13 : start + 17] = struct.pack(">I", crc)
    return bytes(data)


def test_a_real_decompression_bomb_is_refused_at_pillows_limit(tmp_path: Path) -> None:
    """10000x10000 black pixels: about 12 KB of PNG, 100 million pixels once decoded."""
    output = io.BytesIO()
    Image.new("1", (10_000, 10_000)).save(output, format="PNG")
    assert len(output.getvalue()) < 100_000
    path = tmp_path / "bomb.png"
    path.write_bytes(output.getvalue())
    with pytest.raises(InvalidInputError) as caught:
        thumbnail_of(path)
    assert caught.value.lines() == [
        f"content: the picture claims 10000x10000 pixels, more than the limit of "
        f"{Image.MAX_IMAGE_PIXELS} (refused as a possible decompression bomb)"
    ]


def test_a_header_claiming_billions_of_pixels_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "claims.png"
    path.write_bytes(png_claiming(100_000, 100_000))
    with pytest.raises(InvalidInputError, match="content: the picture is too large to decode"):
        thumbnail_of(path)


def test_a_lower_pixel_limit_can_be_set(tmp_path: Path) -> None:
    path = tmp_path / "big.png"
    path.write_bytes(sample_files.png((200, 100)))
    with pytest.raises(InvalidInputError, match="claims 200x100 pixels, more than the limit of"):
        thumbnail_of(path, max_pixels=19_999)
    assert thumbnail_of(path, max_pixels=20_000)


def test_a_truncated_picture_is_refused(tmp_path: Path) -> None:
    data = sample_files.jpeg((300, 300))
    path = tmp_path / "cut.jpg"
    path.write_bytes(data[: len(data) // 2])
    with pytest.raises(InvalidInputError, match="content: is not a picture that can be read"):
        thumbnail_of(path)


def animated_gif() -> bytes:
    frames = [Image.new("P", (400, 200), colour) for colour in (10, 20, 30)]
    output = io.BytesIO()
    frames[0].save(output, format="GIF", save_all=True, append_images=frames[1:])
    return output.getvalue()


@pytest.mark.parametrize(
    ("make", "mode"),
    [
        (animated_gif, "RGB"),
        (lambda: sample_files.picture("WEBP", (400, 200), mode="RGBA"), "RGBA"),
        (lambda: sample_files.picture("GIF", (400, 200)), "RGB"),
    ],
    ids=["animated-gif", "webp-with-alpha", "gif"],
)
def test_gif_and_webp_get_png_thumbnails(
    tmp_path: Path, make: Callable[[], bytes], mode: str
) -> None:
    thumbnail = thumbnail_image(tmp_path, make())
    assert (thumbnail.format, thumbnail.mode, thumbnail.size) == ("PNG", mode, (320, 160))
