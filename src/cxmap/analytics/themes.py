"""Themes of a step's evidence: the phrases customers keep using, with quotes as proof.

A phrase is one to three consecutive words that neither start nor end with a stop word,
a filler ("ok", "like") or a number, so it reads as the customer wrote it ("payment
failed", "on hold") and can be found again in the text for a quote. Its count is the
number of items using it (one customer repeating a word is one voice). A phrase is left
out when a longer phrase that contains it has the same count: "charged twice" says more
than "twice" if every item with one has the other. Ties are broken by length, then
alphabetically, so the same evidence always gives the same themes.
"""

from __future__ import annotations

import re
from collections import Counter
from collections.abc import Iterator, Mapping, Sequence
from functools import lru_cache

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, CountVectorizer

from cxmap.model.evidence import EvidenceItem, Quote, Theme
from cxmap.model.redaction import PLACEHOLDERS

#: A theme must be used by at least this many items.
MIN_ITEMS = 2
#: A quote longer than this is cut to the words around the phrase.
QUOTE_CHARS = 160
_CONTEXT_BEFORE = 60

#: Chat and survey fillers that sklearn's (written-English) stop words do not cover.
# fmt: off
FILLERS = frozenset({
    "ok", "okay", "like", "just", "really", "pls", "plz", "please", "thanks", "thank", "thx",
    "yes", "yeah", "ya", "yep", "hi", "hello", "hey", "dude", "man", "lol", "hmm", "uhm",
    "uhmm", "got", "get", "gonna", "wanna", "need", "want", "did", "does", "u", "ur", "im",
    "ive", "dont", "cant", "wont", "didnt", "doesnt", "isnt", "wasnt", "thats", "youre",
})
# fmt: on

_WORD = re.compile(r"[^\W_]+(?:['\u2019][^\W_]+)*")
_NOISE = re.compile(r"\d+|(.)\1+")  # numbers, "xxxx" redaction marks
_PLACEHOLDER = re.compile("|".join(re.escape(p) for p in PLACEHOLDERS))


def step_themes(
    items_by_step: Mapping[str, Sequence[EvidenceItem]], *, top: int = 5, quotes: int = 3
) -> dict[str, list[Theme]]:
    """The `top` themes of each step, each with up to `quotes` distinct quotes."""
    return {step: themes_of(items, top=top, quotes=quotes) for step, items in items_by_step.items()}


def themes_of(items: Sequence[EvidenceItem], *, top: int = 5, quotes: int = 3) -> list[Theme]:
    texts = [_PLACEHOLDER.sub(" ", item.draft.text_to_score) for item in items]
    counts = _phrase_counts(texts)
    kept = _without_contained(counts)
    ranked = sorted(kept, key=lambda phrase: (-counts[phrase], -phrase.count(" "), phrase))
    return [
        Theme(phrase=phrase, count=counts[phrase], quotes=_quotes(phrase, items, quotes))
        for phrase in ranked[:top]
    ]


def phrases(text: str) -> list[str]:
    """The candidate phrases of one text (CountVectorizer's analyser)."""
    words = [word.replace("\u2019", "'") for word in _WORD.findall(text.casefold())]
    edges = [_can_edge(word) for word in words]
    found = []
    for size in (1, 2, 3):
        for start in range(len(words) - size + 1):
            if edges[start] and edges[start + size - 1]:
                found.append(" ".join(words[start : start + size]))
    return found


@lru_cache(maxsize=100_000)
def _can_edge(word: str) -> bool:
    """A phrase may start or end with a word that carries meaning by itself."""
    if len(word) < 2 or _NOISE.fullmatch(word):
        return False
    stem = word.split("'")[0]  # "won't", "i'm", "it's" are stop words too
    return not (stem in ENGLISH_STOP_WORDS or stem in FILLERS or word.endswith("n't"))


def _phrase_counts(texts: list[str]) -> dict[str, int]:
    """Phrase -> number of texts using it, for phrases used by at least `MIN_ITEMS` texts.

    Each distinct text is analysed once and weighted by how often it occurs: survey
    exports repeat short answers thousands of times.
    """
    repeats = Counter(texts)
    if sum(repeats.values()) < MIN_ITEMS:
        return {}
    vectoriser = CountVectorizer(analyzer=phrases, binary=True)
    try:
        matrix = vectoriser.fit_transform(list(repeats))
    except ValueError:  # not a single phrase
        return {}
    totals = matrix.T @ np.fromiter(repeats.values(), dtype=np.int64, count=len(repeats))
    return {
        phrase: int(totals[column])
        for phrase, column in vectoriser.vocabulary_.items()
        if totals[column] >= MIN_ITEMS
    }


def _without_contained(counts: dict[str, int]) -> list[str]:
    covered = {
        part
        for phrase, count in counts.items()
        if " " in phrase
        for part in _shorter_parts(phrase)
        if counts.get(part) == count
    }
    return [phrase for phrase in counts if phrase not in covered]


def _shorter_parts(phrase: str) -> Iterator[str]:
    words = phrase.split(" ")
    for size in range(1, len(words)):
        for start in range(len(words) - size + 1):
            yield " ".join(words[start : start + size])


def _quotes(phrase: str, items: Sequence[EvidenceItem], limit: int) -> list[Quote]:
    """The first items using the phrase, each quoted once; repeated wordings only once."""
    pattern = _phrase_pattern(phrase)
    found: list[Quote] = []
    seen: set[str] = set()
    for item in items:
        if len(found) >= limit:
            break
        text = item.draft.text_to_score
        match = pattern.search(text)
        if match is None:
            continue
        excerpt = _excerpt(text, match.start(), match.end())
        if excerpt.casefold() not in seen:
            seen.add(excerpt.casefold())
            found.append(Quote(evidence_id=item.id, text=excerpt))
    return found


def _phrase_pattern(phrase: str) -> re.Pattern[str]:
    words = [re.escape(word).replace("'", "['\u2019]") for word in phrase.split(" ")]
    joined = r"(?:[\W_]+)".join(words)
    return re.compile(rf"(?<![^\W_]){joined}(?![^\W_])", re.IGNORECASE)


def _excerpt(text: str, start: int, end: int) -> str:
    """The whole text when short, else the words around the phrase, marked with '…'."""
    flat = " ".join(text.split())
    if len(flat) <= QUOTE_CHARS:
        return flat
    begin = max(0, start - _CONTEXT_BEFORE)
    stop = min(len(text), max(end, begin + QUOTE_CHARS))
    if begin > 0:
        begin = _word_start(text, begin, start)
    if stop < len(text):
        stop = _word_end(text, stop, end)
    inner = " ".join(text[begin:stop].split())
    return ("…" if begin > 0 else "") + inner + ("…" if stop < len(text) else "")


def _word_start(text: str, index: int, limit: int) -> int:
    """Move forward past a cut word to the next whole one, never past the phrase."""
    if text[index - 1].isspace():
        return index
    space = text.find(" ", index, limit)
    return limit if space == -1 else space + 1


def _word_end(text: str, index: int, minimum: int) -> int:
    """Move back to the end of the last whole word, never before the phrase ends."""
    space = text.rfind(" ", minimum, index)
    return index if space == -1 else space
