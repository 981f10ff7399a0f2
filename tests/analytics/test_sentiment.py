"""VADER scores: agreement with human ratings, blanks, duplicates, the process pool, progress."""

from __future__ import annotations

import threading
from pathlib import Path

import numpy as np
import pytest

from cxmap.analytics import sentiment
from cxmap.analytics.sentiment import can_fork, score_text, score_texts


def human_rated_tweets(shared_data: Path) -> tuple[list[str], list[float]]:
    """id TAB mean rating (-4..4, at least 20 raters) TAB text; CRLF, no final newline."""
    raw = (shared_data / "feedback_text" / "vader_tweets_GroundTruth.txt").read_bytes()
    rows = [line.split("\t", 2) for line in raw.decode("utf-8").split("\r\n") if line]
    return [text for _, _, text in rows], [float(rating) for _, rating, _ in rows]


def test_vader_agrees_with_human_ratings_of_tweets(shared_data: Path) -> None:
    texts, ratings = human_rated_tweets(shared_data)
    assert len(texts) == 4200
    scores = score_texts(texts)
    assert all(score is not None for score in scores)
    correlation = float(np.corrcoef(np.array(scores, dtype=float), ratings)[0, 1])
    print(
        f"Pearson r of VADER compound vs human mean rating, {len(texts)} tweets: {correlation:.4f}"
    )
    # Measured 0.8722; Hutto and Gilbert (ICWSM 2014) report r = 0.881 for this set.
    assert correlation > 0.85


def test_scores_follow_the_obvious_tone() -> None:
    positive, negative, neutral = score_texts(
        [
            "Great experience overall, thank you!",
            "Terrible. I won't be ordering again.",
            "The parcel was delivered on Tuesday.",
        ]
    )
    assert positive is not None
    assert positive > 0.5
    assert negative is not None
    assert negative < -0.4
    assert neutral == 0.0


def test_blank_texts_have_no_score_and_order_is_kept() -> None:
    texts = ["", "Love it!", "   ", "\n", "Awful.", "Love it!"]
    scores = score_texts(texts)
    assert scores[0] is None
    assert scores[2] is None
    assert scores[3] is None
    assert scores[1] == scores[5] == score_text("Love it!")
    assert scores[4] == score_text("Awful.")
    assert scores[4] is not None
    assert scores[4] < 0
    assert score_texts([]) == []


def distinct_texts(count: int) -> list[str]:
    tones = ["Loved the fast delivery", "The refund never came, awful", "It was fine", ""]
    return [f"{tones[i % 4]} ({i})" if tones[i % 4] else "" for i in range(count)]


def test_the_pool_gives_the_same_scores_as_one_process(monkeypatch: pytest.MonkeyPatch) -> None:
    pools: list[int] = []

    class CountedPool(sentiment.ProcessPoolExecutor):
        def __init__(self, max_workers: int, **options: object) -> None:
            pools.append(max_workers)
            super().__init__(max_workers, **options)  # type: ignore[arg-type]

    texts = distinct_texts(5_000)  # 3,750 distinct non-blank texts: two chunks
    alone = score_texts(texts, workers=1)
    monkeypatch.setattr(sentiment, "ProcessPoolExecutor", CountedPool)
    monkeypatch.setattr(sentiment, "can_fork", lambda: True)
    pooled = score_texts(texts, workers=2, pool_min_chars=0)
    assert pools == [2]
    assert pooled == alone
    assert pooled[3] is None


def test_small_inputs_stay_in_process(monkeypatch: pytest.MonkeyPatch) -> None:
    def refuse(*args: object, **options: object) -> None:
        raise AssertionError("no pool for a small input")

    monkeypatch.setattr(sentiment, "ProcessPoolExecutor", refuse)
    monkeypatch.setattr(sentiment, "can_fork", lambda: True)
    assert len(score_texts(distinct_texts(5_000), workers=2)) == 5_000  # 0.1 MB < 1 MB


def test_no_fork_while_another_thread_runs() -> None:
    release = threading.Event()
    worker = threading.Thread(target=release.wait)
    worker.start()
    try:
        assert not can_fork()
    finally:
        release.set()
        worker.join()


def test_progress_counts_input_texts_up_to_the_total() -> None:
    calls: list[tuple[int, int]] = []
    texts = distinct_texts(9_000) + ["same"] * 1_000
    score_texts(texts, lambda done, total: calls.append((done, total)))
    assert calls[-1] == (10_000, 10_000)
    assert len(calls) >= 3
    assert all(total == 10_000 for _, total in calls)
    done = [count for count, _ in calls]
    assert done == sorted(done)
