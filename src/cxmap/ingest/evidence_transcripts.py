"""Transcripts of recordings (WebVTT, SRT or plain text) as the words that were said.

Cue numbers, timing lines, the `WEBVTT` header and NOTE/STYLE/REGION blocks are dropped; a
cue's wrapped lines are joined into one line; a WebVTT voice tag `<v Anna>` becomes `Anna: `
and other markup (`<i>`, `<c.loud>`, `<00:01.000>`) and entities (`&amp;`) are undone. A
cue repeating the one before it (rolling captions) is kept once. Plain text is taken as is.
"""

from __future__ import annotations

import html
import re
from pathlib import Path

from cxmap.ingest.evidence_text import read_text
from cxmap.model.errors import InvalidInputError, Problem

TRANSCRIPT_SUFFIXES = (".vtt", ".srt", ".txt")
_BLOCKS = re.compile(r"\n[ \t]*\n")
_VOICE = re.compile(r"^<v(?:\.[\w.-]+)?\s+([^>]+)>")
_TAG = re.compile(r"<[^>\n]*>")
_SKIPPED_BLOCKS = ("WEBVTT", "NOTE", "STYLE", "REGION")


def read_transcript(path: Path, encoding: str, source: str) -> str:
    suffix = path.suffix.lower()
    if suffix not in TRANSCRIPT_SUFFIXES:
        message = f"a transcript is a .vtt, .srt or .txt file, not '{suffix or path.name}'"
        raise InvalidInputError([Problem(("transcript",), message)], source)
    text = read_text(path, encoding, str(path))
    words = text.strip() if suffix == ".txt" else cue_text(text)
    if not words:
        raise InvalidInputError([Problem(("transcript",), f"{path.name} holds no words")], source)
    return words


def cue_text(text: str) -> str:
    """The words of every cue of a WebVTT or SRT file, one cue per line."""
    lines: list[str] = []
    for block in _BLOCKS.split(text.replace("\r\n", "\n").replace("\r", "\n")):
        words = _cue_words(block.strip("\n").split("\n"))
        if words and (not lines or lines[-1] != words):
            lines.append(words)
    return "\n".join(lines)


def _cue_words(block: list[str]) -> str:
    if not block or block[0].lstrip("\ufeff").startswith(_SKIPPED_BLOCKS):
        return ""
    timing = next((i for i, line in enumerate(block) if "-->" in line), None)
    if timing is None:
        return ""
    spoken = [_plain(line) for line in block[timing + 1 :]]
    return " ".join(words for words in spoken if words)


def _plain(line: str) -> str:
    line = line.strip()
    voice = _VOICE.match(line)
    prefix = f"{voice.group(1).strip()}: " if voice else ""
    words = html.unescape(_TAG.sub("", line)).strip()
    return f"{prefix}{words}" if words else ""
