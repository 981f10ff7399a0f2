"""Sentiment of evidence texts: VADER's compound score, -1 (very negative) .. 1 (very positive).

VADER is a lexicon and rules made for short social-media text; it needs no model download
and scores about 20,000 survey comments a second on one core. Identical texts are scored
once (survey exports repeat "n/a", "Great service" ...), and a large input of distinct
texts is split over a small pool of processes, because VADER is pure Python and one
process uses one core.

The workers are forked, and only from a process running a single thread (the CLI): a
fork copies locks held by other threads, and spawned workers would re-run the caller's
main script. Elsewhere (a server with its thread pool) scoring stays in-process.
"""

from __future__ import annotations

import multiprocessing
import os
import threading
from collections.abc import Callable, Sequence
from concurrent.futures import ProcessPoolExecutor
from functools import cache
from typing import Any

from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

Progress = Callable[[int, int], None]

#: Below this many characters of distinct text (about 2 s of work), one process is enough.
POOL_MIN_CHARS = 1_000_000
#: A unit of work, in-process or sent to a worker (also the progress granularity): this many
#: texts or characters, whichever comes first, so long documents spread evenly too.
CHUNK_TEXTS = 2_000
CHUNK_CHARS = 100_000


@cache
def _analyser() -> Any:
    """One analyser per process: building it reads the lexicon (7,500 words)."""
    return SentimentIntensityAnalyzer()


def score_text(text: str) -> float | None:
    """One text's compound score; None for a blank text (nothing was said)."""
    if not text.strip():
        return None
    return float(_analyser().polarity_scores(text)["compound"])


def score_texts(
    texts: Sequence[str],
    progress: Progress | None = None,
    *,
    workers: int | None = None,
    pool_min_chars: int = POOL_MIN_CHARS,
) -> list[float | None]:
    """Compound scores in input order; None where the text is blank.

    `progress(done, total)` counts input texts. `workers` defaults to the number of CPUs
    (at most 2 are used, the machines this runs on are small); a pool is used only when
    the distinct texts add up to `pool_min_chars` characters.
    """
    distinct = list(dict.fromkeys(text for text in texts if text.strip()))
    chunks = _chunks(distinct)
    report = _scaled(progress, len(distinct), len(texts))
    size = sum(map(len, distinct))
    pool = min(2, workers or os.cpu_count() or 1)
    if pool > 1 and len(chunks) > 1 and size >= pool_min_chars and can_fork():
        scored = _in_pool(chunks, pool, report)
    else:
        scored = _in_process(chunks, report)
    found = dict(zip(distinct, scored, strict=True))
    if progress is not None:
        progress(len(texts), len(texts))
    return [found.get(text) for text in texts]


def _chunks(texts: list[str]) -> list[list[str]]:
    chunks: list[list[str]] = []
    current: list[str] = []
    size = 0
    for text in texts:
        current.append(text)
        size += len(text)
        if len(current) >= CHUNK_TEXTS or size >= CHUNK_CHARS:
            chunks.append(current)
            current, size = [], 0
    return [*chunks, current] if current else chunks


def can_fork() -> bool:
    """Forking is safe here: the platform has it and no other thread holds a lock."""
    forkable = "fork" in multiprocessing.get_all_start_methods()
    return forkable and threading.active_count() == 1


def _score_chunk(texts: list[str]) -> list[float]:
    """Runs in a worker too, so it must be a module-level function."""
    analyser = _analyser()
    return [float(analyser.polarity_scores(text)["compound"]) for text in texts]


def _in_process(chunks: list[list[str]], report: Progress) -> list[float]:
    scored: list[float] = []
    for chunk in chunks:
        scored.extend(_score_chunk(chunk))
        report(len(scored), 0)
    return scored


def _in_pool(chunks: list[list[str]], workers: int, report: Progress) -> list[float]:
    scored: list[float] = []
    context = multiprocessing.get_context("fork")
    with ProcessPoolExecutor(max_workers=workers, mp_context=context) as pool:
        for result in pool.map(_score_chunk, chunks):
            scored.extend(result)
            report(len(scored), 0)
    return scored


def _scaled(progress: Progress | None, distinct: int, total: int) -> Progress:
    """Progress over distinct texts, reported as a share of the input texts."""

    def report(done: int, _: int) -> None:
        if progress is not None and distinct and done < distinct:
            progress(done * total // distinct, total)

    return report
