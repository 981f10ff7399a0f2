"""How wide a text is and where it wraps, estimated without fonts so layout stays pure.

The map is laid out before any font is loaded (and the web app lays out from the same data),
so widths come from a small table rather than from a font file. The table was measured on
the font the PNG and PDF use (Noto Sans CJK SC) and on DejaVu Sans scaled to Arial's size,
taking the wider of the two per character, so text fits whichever sans-serif font ends up
drawing it. CJK characters take one em, emoji a little more; marks that join or modify
another character take none. Same text in, same lines out: wrapping is deterministic.
"""

from __future__ import annotations

import unicodedata
from dataclasses import dataclass
from functools import lru_cache

ELLIPSIS = "…"

# Advance widths of ASCII 32..126 in hundredths of an em.
_REGULAR = (
    30, 38, 49, 78, 60, 94, 73, 29, 37, 37, 48, 78, 30, 36, 30, 40, 60, 60, 60, 60, 60, 60, 60,
    60, 60, 60, 32, 32, 78, 78, 78, 50, 97, 64, 68, 66, 72, 61, 57, 73, 75, 30, 55, 66, 56, 83,
    74, 76, 65, 76, 65, 61, 62, 74, 64, 92, 64, 57, 64, 37, 40, 37, 78, 58, 62, 58, 64, 53, 64,
    58, 34, 60, 62, 29, 29, 57, 29, 95, 63, 62, 64, 64, 40, 49, 39, 62, 56, 82, 56, 56, 49, 60,
    32, 60, 78,
)  # fmt: skip
_BOLD = (
    33, 43, 59, 78, 65, 99, 82, 34, 43, 43, 52, 78, 36, 39, 36, 40, 65, 65, 65, 65, 65, 65, 65,
    65, 65, 65, 38, 38, 78, 78, 78, 54, 103, 72, 71, 69, 78, 64, 64, 77, 78, 35, 58, 73, 60, 93,
    78, 80, 69, 80, 72, 67, 64, 77, 72, 103, 72, 68, 68, 43, 40, 43, 78, 58, 64, 63, 67, 56, 67,
    64, 41, 67, 67, 32, 32, 62, 33, 99, 67, 64, 67, 67, 46, 56, 45, 67, 61, 89, 60, 61, 55, 67,
    34, 67, 78,
)  # fmt: skip

_WIDE = 1.0  # CJK ideographs, kana, hangul, fullwidth forms
_EMOJI = 1.2
_REGIONAL_INDICATOR = 0.65  # half a flag
_OTHER = 0.62  # letters of other scripts, symbols
_ZERO_WIDTH = frozenset({"\u200b", "\u200c", "\u200d", "\u2060", "\ufeff"})
_SKIN_TONES = range(0x1F3FB, 0x1F400)
_VARIATION_SELECTORS = range(0xFE00, 0xFE10)
#: Closing punctuation that must not start a line (kept with the character before it).
_NO_BREAK_BEFORE = frozenset(
    "\u3001\u3002\uff0c\uff0e\uff01\uff1f\uff1a\uff1b"  # ideographic and fullwidth , . ! ? : ;
    "\uff09\u300d\u300f\u3011\u3009\u300b\u201d\u2019"  # closing brackets and quotes
    ",.!?:;)]}%" + ELLIPSIS
)


@lru_cache(maxsize=4096)
def char_width(char: str, bold: bool = False) -> float:
    """Advance of one character in ems."""
    code = ord(char)
    if 32 <= code < 127:
        return (_BOLD if bold else _REGULAR)[code - 32] / 100
    if char in _ZERO_WIDTH or code in _SKIN_TONES or code in _VARIATION_SELECTORS:
        return 0.0
    category = unicodedata.category(char)
    if category in {"Mn", "Me", "Cf", "Cc"}:
        return 0.0
    if 0x1F1E6 <= code <= 0x1F1FF:
        return _REGIONAL_INDICATOR
    if _is_emoji(code, category):
        return _EMOJI
    if unicodedata.east_asian_width(char) in {"W", "F"}:
        return _WIDE
    base = unicodedata.normalize("NFD", char)[0]
    if base != char and 32 <= ord(base) < 127:
        return char_width(base, bold)
    return _OTHER * (1.08 if bold else 1.0)


def _is_emoji(code: int, category: str) -> bool:
    return code >= 0x1F000 or (category == "So" and 0x2600 <= code <= 0x27BF)


def text_width(text: str, size: float, bold: bool = False) -> float:
    """Width of `text` in user units at font size `size`."""
    return sum(char_width(char, bold) for char in text) * size


@dataclass(frozen=True, slots=True)
class Wrapped:
    """Lines of a wrapped text; `truncated` when lines were cut and an ellipsis added."""

    lines: tuple[str, ...]
    truncated: bool


def _is_breakable_char(char: str) -> bool:
    """Wide characters (CJK) and emoji may break a line on either side, without a space."""
    code = ord(char)
    return unicodedata.east_asian_width(char) in {"W", "F"} or code >= 0x1F000


def tokens(text: str) -> list[tuple[str, bool]]:
    """Unbreakable pieces of `text`, each with whether a space precedes it."""
    result: list[tuple[str, bool]] = []
    word = ""
    spaced = False
    joining = False  # after a zero-width joiner the next character belongs to the same emoji
    for char in text:
        if char.isspace():
            if word:
                result.append((word, spaced))
                word = ""
            spaced = bool(result)
            joining = False
            continue
        attaches = joining or char_width(char) == 0 or char in _NO_BREAK_BEFORE
        joining = char == "\u200d"
        if attaches and not word and not spaced and result:
            last, last_spaced = result.pop()  # modifiers, joiners, closing punctuation
            word, spaced = last + char, last_spaced
            continue
        if _is_breakable_char(char) and not attaches:
            if word:
                result.append((word, spaced))
                word, spaced = "", False
            result.append((char, spaced))
            spaced = False
            continue
        word += char
    if word:
        result.append((word, spaced))
    return result


def _split_long(word: str, limit: float, size: float, bold: bool) -> list[str]:
    """A word wider than a line, cut into pieces that fit (at least one character each)."""
    pieces: list[str] = []
    piece = ""
    for char in word:
        if piece and text_width(piece + char, size, bold) > limit:
            pieces.append(piece)
            piece = ""
        piece += char
    if piece:
        pieces.append(piece)
    return pieces


def _fill(text: str, limit: float, size: float, bold: bool) -> list[str]:
    lines: list[str] = []
    line = ""
    for word, spaced in tokens(text):
        joined = f"{line} {word}" if line and spaced else line + word
        if not line or text_width(joined, size, bold) <= limit:
            candidate = joined
        else:
            lines.append(line)
            candidate = word
        if text_width(candidate, size, bold) > limit:
            *full, candidate = _split_long(candidate, limit, size, bold)
            lines.extend(full)
        line = candidate
    if line:
        lines.append(line)
    return lines


def _with_ellipsis(line: str, limit: float, size: float, bold: bool) -> str:
    text = line.rstrip()
    while text and text_width(text + ELLIPSIS, size, bold) > limit:
        text = text[:-1].rstrip()
    return text + ELLIPSIS


def wrap(text: str, limit: float, size: float, bold: bool = False, max_lines: int = 3) -> Wrapped:
    """Greedy word wrap of `text` into lines no wider than `limit` (user units).

    Whitespace (newlines included) collapses to single spaces. Past `max_lines` the last kept
    line ends in an ellipsis and `truncated` is set, so the caller can offer the full text.
    """
    lines = _fill(" ".join(text.split()), limit, size, bold)
    if len(lines) <= max_lines:
        return Wrapped(tuple(lines), False)
    kept = lines[:max_lines]
    kept[-1] = _with_ellipsis(kept[-1], limit, size, bold)
    return Wrapped(tuple(kept), True)
