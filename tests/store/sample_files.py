"""Small real files of every accepted kind, made here rather than downloaded.

Pictures come from Pillow, WAV from the `wave` module, PDF from pypdf, DOCX is a zip with
the parts Word needs; Ogg, MP3 and M4A are built byte by byte after their specifications
(an Ogg page with a Vorbis identification header and its CRC, an ID3v2 tag followed by
one MPEG-1 Layer III frame, an ISO base media `ftyp` box).
"""

from __future__ import annotations

import io
import math
import struct
import wave
import zipfile

from PIL import Image
from pypdf import PdfWriter


def picture(fmt: str = "PNG", size: tuple[int, int] = (64, 48), mode: str = "RGB") -> bytes:
    """A picture with a gradient (so encoders cannot collapse it to nothing)."""
    image = Image.new(mode, size)
    width, height = size
    for x in range(width):
        for y in range(height):
            value = (x * 255 // max(width - 1, 1), y * 255 // max(height - 1, 1), 128)
            image.putpixel((x, y), value if mode == "RGB" else (*value, 200))
    output = io.BytesIO()
    image.save(output, format=fmt)
    return output.getvalue()


def png(size: tuple[int, int] = (64, 48)) -> bytes:
    return picture("PNG", size)


def jpeg(size: tuple[int, int] = (64, 48)) -> bytes:
    return picture("JPEG", size)


def wav(seconds: float = 0.05, rate: int = 8000) -> bytes:
    """A 440 Hz tone, 16-bit mono."""
    frames = b"".join(
        struct.pack("<h", int(8000 * math.sin(2 * math.pi * 440 * i / rate)))
        for i in range(int(seconds * rate))
    )
    output = io.BytesIO()
    with wave.open(output, "wb") as writer:
        writer.setnchannels(1)
        writer.setsampwidth(2)
        writer.setframerate(rate)
        writer.writeframes(frames)
    return output.getvalue()


def pdf() -> bytes:
    writer = PdfWriter()
    writer.add_blank_page(width=200, height=200)
    output = io.BytesIO()
    writer.write(output)
    return output.getvalue()


def docx(text: str = "Interview notes") -> bytes:
    """The smallest zip Word opens: content types, the package relationship, the body."""
    content_types = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
        '<Default Extension="rels" '
        'ContentType="application/vnd.openxmlformats-package.relationships+xml"/>'
        '<Default Extension="xml" ContentType="application/xml"/>'
        '<Override PartName="/word/document.xml" ContentType="application/'
        'vnd.openxmlformats-officedocument.wordprocessingml.document.main+xml"/></Types>'
    )
    relationships = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
        '<Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/'
        'relationships/officeDocument" Target="word/document.xml"/></Relationships>'
    )
    document = (
        '<?xml version="1.0" encoding="UTF-8"?>'
        '<w:document xmlns:w="http://schemas.openxmlformats.org/wordprocessingml/2006/main">'
        f"<w:body><w:p><w:r><w:t>{text}</w:t></w:r></w:p></w:body></w:document>"
    )
    return zipped(
        {
            "[Content_Types].xml": content_types,
            "_rels/.rels": relationships,
            "word/document.xml": document,
        }
    )


def zipped(parts: dict[str, str]) -> bytes:
    output = io.BytesIO()
    with zipfile.ZipFile(output, "w", zipfile.ZIP_DEFLATED) as archive:
        for name, text in parts.items():
            archive.writestr(name, text)
    return output.getvalue()


def _ogg_crc(data: bytes) -> int:
    """Ogg's CRC-32: polynomial 0x04C11DB7, initial 0, not reflected (RFC 3533)."""
    crc = 0
    for byte in data:
        crc ^= byte << 24
        for _ in range(8):
            crc = ((crc << 1) ^ 0x04C11DB7) if crc & 0x80000000 else crc << 1
            crc &= 0xFFFFFFFF
    return crc


def ogg() -> bytes:
    """One beginning-of-stream Ogg page carrying a Vorbis identification header."""
    vorbis_id = (
        b"\x01vorbis"
        + struct.pack("<IBIiii", 0, 1, 8000, 0, 32000, 0)
        + bytes([0xB8])  # blocksizes 256 and 2048
        + b"\x01"  # framing bit
    )
    header = struct.pack("<4sBBqIIIB", b"OggS", 0, 0x02, 0, 0x1234, 0, 0, 1)
    page = header + bytes([len(vorbis_id)]) + vorbis_id
    crc = _ogg_crc(page)
    return page[:22] + struct.pack("<I", crc) + page[26:]


def mp3() -> bytes:
    """An empty ID3v2.4 tag, then one silent 128 kbit/s 44.1 kHz MPEG-1 Layer III frame."""
    tag = b"ID3\x04\x00\x00\x00\x00\x00\x00"
    frame_length = 144 * 128_000 // 44_100  # 417 bytes, no padding
    return tag + b"\xff\xfb\x90\x00" + bytes(frame_length - 4)


def m4a() -> bytes:
    """An `ftyp` box of brand M4A followed by an empty `mdat` box."""
    ftyp = struct.pack(">I4s4sI4s4s", 24, b"ftyp", b"M4A ", 0, b"M4A ", b"isom")
    return ftyp + struct.pack(">I4s", 8, b"mdat")


def text(content: str = "# Interview\n\nThe customer said: «too slow».\n") -> bytes:
    return content.encode("utf-8")
