"""Pictures and recordings: magic bytes, transcripts, and folders of files."""

from __future__ import annotations

import io
import wave
from pathlib import Path

import pytest
from PIL import Image

from cxmap.ingest.evidence_readers import read_evidence
from cxmap.ingest.evidence_transcripts import cue_text
from cxmap.model.errors import InvalidInputError, NotFoundError
from cxmap.model.evidence import ReadResult
from cxmap.model.evidence_import import EvidenceSource, ReadOptions
from cxmap.model.journey import EvidenceKind

VTT = """WEBVTT - interview 3

NOTE recorded at the Leeds store

STYLE
::cue { color: lime }

intro
00:00:01.000 --> 00:00:04.000 align:start
<v Interviewer>How was the
checkout?

00:00:04.500 --> 00:00:09.000
<v.loud Customer>It was <i>really</i> slow &amp; confusing.

00:00:09.000 --> 00:00:10.000
<v.loud Customer>It was <i>really</i> slow &amp; confusing.
"""
SRT = (
    "1\r\n00:00:01,000 --> 00:00:02,000\r\nHello there.\r\n\r\n"
    "2\r\n00:00:02,500 --> 00:00:04,000\r\nI want a refund,\r\nplease.\r\n"
)


def media(path: Path, options: ReadOptions | None = None) -> ReadResult:
    return read_evidence(EvidenceSource.MEDIA, path, options or ReadOptions())


def picture(path: Path, kind: str) -> Path:
    buffer = io.BytesIO()
    Image.new("RGB", (4, 3), (200, 30, 30)).save(buffer, format=kind)
    path.write_bytes(buffer.getvalue())
    return path


def recording(path: Path) -> Path:
    with wave.open(str(path), "wb") as audio:
        audio.setnchannels(1)
        audio.setsampwidth(2)
        audio.setframerate(8000)
        audio.writeframes(b"\x00\x00" * 800)
    return path


def test_a_png_and_a_jpeg(tmp_path: Path) -> None:
    [png] = media(picture(tmp_path / "shelf.png", "PNG"), ReadOptions(department="ops")).drafts
    [jpeg] = media(picture(tmp_path / "till.JPG", "JPEG")).drafts

    assert (png.kind, png.text, png.department, png.row) == (EvidenceKind.IMAGE, "", "ops", 1)
    assert png.files[0].model_dump() == {
        "file_name": "shelf.png",
        "content_type": "image/png",
        "path": str(tmp_path / "shelf.png"),
        "attachment_id": None,
        "sha256": None,
    }
    assert (jpeg.files[0].content_type, jpeg.source) == ("image/jpeg", "till.JPG")


def test_a_png_that_is_not_a_png_is_refused(tmp_path: Path) -> None:
    fake = picture(tmp_path / "photo.png", "JPEG")
    with pytest.raises(InvalidInputError) as caught:
        media(fake)
    assert caught.value.lines() == [
        "photo.png: (document): not a PNG image: "
        "its first bytes say otherwise (renamed or damaged?)"
    ]


def test_a_wav_with_a_vtt_transcript(tmp_path: Path) -> None:
    transcript = tmp_path / "interview.vtt"
    transcript.write_text(VTT, encoding="utf-8")
    options = ReadOptions(transcript=str(transcript))

    [draft] = media(recording(tmp_path / "interview.wav"), options).drafts

    assert draft.kind is EvidenceKind.AUDIO
    assert draft.files[0].content_type == "audio/wav"
    assert draft.text == (
        "Interviewer: How was the checkout?\nCustomer: It was really slow & confusing."
    )


def test_srt_and_plain_text_transcripts(tmp_path: Path) -> None:
    assert cue_text(SRT) == "Hello there.\nI want a refund, please."
    srt = tmp_path / "call.srt"
    srt.write_bytes(SRT.encode("utf-8"))
    txt = tmp_path / "call.txt"
    txt.write_text("  just words\n", encoding="utf-8")
    audio = recording(tmp_path / "call.wav")
    assert media(audio, ReadOptions(transcript=str(srt))).drafts[0].text == (
        "Hello there.\nI want a refund, please."
    )
    assert media(audio, ReadOptions(transcript=str(txt))).drafts[0].text == "just words"


def test_transcript_problems(tmp_path: Path) -> None:
    audio = recording(tmp_path / "call.wav")
    empty = tmp_path / "empty.vtt"
    empty.write_text("WEBVTT\n\nNOTE nothing said\n", encoding="utf-8")
    with pytest.raises(InvalidInputError, match=r"empty.vtt holds no words"):
        media(audio, ReadOptions(transcript=str(empty)))
    with pytest.raises(NotFoundError, match="no such file"):
        media(audio, ReadOptions(transcript=str(tmp_path / "missing.vtt")))
    with pytest.raises(InvalidInputError, match=r"a transcript is a .vtt, .srt or .txt file"):
        media(audio, ReadOptions(transcript=str(tmp_path / "call.docx")))
    png = picture(tmp_path / "p.png", "PNG")
    with pytest.raises(InvalidInputError, match="a transcript goes with a recording"):
        media(png, ReadOptions(transcript=str(empty)))


@pytest.mark.parametrize(
    ("name", "head", "content_type"),
    [
        ("a.mp3", b"ID3\x04\x00\x00\x00\x00\x00\x00", "audio/mpeg"),
        ("b.mp3", b"\xff\xfb\x90\x64\x00", "audio/mpeg"),
        ("c.ogg", b"OggS\x00\x02\x00\x00", "audio/ogg"),
    ],
)
def test_mp3_and_ogg_by_their_magic_bytes(
    tmp_path: Path, name: str, head: bytes, content_type: str
) -> None:
    path = tmp_path / name
    path.write_bytes(head + b"\x00" * 64)
    [draft] = media(path).drafts
    assert (draft.kind, draft.files[0].content_type) == (EvidenceKind.AUDIO, content_type)


@pytest.mark.parametrize("name", ["fake.mp3", "fake.ogg", "fake.wav", "fake.jpg"])
def test_audio_and_pictures_with_wrong_bytes_are_refused(tmp_path: Path, name: str) -> None:
    path = tmp_path / name
    path.write_bytes(b"<html>not media</html>")
    with pytest.raises(InvalidInputError, match="its first bytes say otherwise"):
        media(path)


def test_a_folder_pairs_recordings_with_transcripts(tmp_path: Path) -> None:
    recording(tmp_path / "call-1.wav")
    (tmp_path / "call-1.vtt").write_text(VTT, encoding="utf-8")
    recording(tmp_path / "call-2.wav")
    (tmp_path / "call-2.srt").write_text(SRT, encoding="utf-8")
    picture(tmp_path / "receipt.png", "PNG")
    picture(tmp_path / "shelf.png", "JPEG")
    (tmp_path / "readme.md").write_text("hi", encoding="utf-8")
    (tmp_path / "sub").mkdir()
    calls: list[tuple[int, int | None]] = []

    result = read_evidence(
        EvidenceSource.MEDIA, tmp_path, progress=lambda d, t: calls.append((d, t))
    )

    assert [(d.row, d.source, d.kind, d.text[:11]) for d in result.drafts] == [
        (1, "call-1.wav", EvidenceKind.AUDIO, "Interviewer"),
        (2, "call-2.wav", EvidenceKind.AUDIO, "Hello there"),
        (4, "receipt.png", EvidenceKind.IMAGE, ""),
    ]
    assert [(r.row, r.raw) for r in result.rejected] == [(3, "readme.md"), (5, "shelf.png")]
    assert result.rejected[1].reason.startswith("shelf.png: not a PNG image")
    assert calls[-1] == (5, 5)
    with pytest.raises(InvalidInputError, match="--transcript goes with one recording"):
        media(tmp_path, ReadOptions(transcript=str(tmp_path / "call-1.vtt")))


def test_unsupported_media_file(tmp_path: Path) -> None:
    path = tmp_path / "clip.mov"
    path.write_bytes(b"\x00\x00\x00\x18ftypqt")
    with pytest.raises(InvalidInputError, match=r"pictures and recordings are .png"):
        media(path)
