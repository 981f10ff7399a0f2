"""Guess the step an item of evidence is about from its words (TF-IDF, cosine similarity).

Each step is described by everything the journey says about it: name, id, description,
channel, department, feeling, facts, quoted evidence, the customer's actions and thoughts,
the insights anchored to it, its `match` keywords, and its stage's name, goal and needs.
Texts and steps become TF-IDF vectors (weights learnt from the steps themselves, so words
every step shares count little; stop words dropped, plurals made singular) and are
compared by cosine similarity.

The confidence is a softmax of the similarities over all steps: it is high only when one
step stands out from the others, and falls towards 1/number-of-steps when the text is as
close to several steps, so it reads as "how sure is this one step rather than another".
A text sharing no word with any step gets no guess at all (None).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from typing import Any

import numpy as np
from sklearn.feature_extraction.text import ENGLISH_STOP_WORDS, TfidfVectorizer

from cxmap.model.journey import Journey, Stage, Step

#: Softmax temperature on cosine similarities: a lead of 0.1 multiplies the odds by e^2.
TEMPERATURE = 0.05
#: Texts are compared in blocks of this many rows, to bound the dense similarity matrix.
BLOCK = 20_000

_WORD = re.compile(r"[^\W_]{2,}")  # "support_chat" is two words


def words(text: str) -> list[str]:
    """Lower-case words without stop words, plurals made singular ("returns" = "return")."""
    return [
        _singular(word) for word in _WORD.findall(text.lower()) if word not in ENGLISH_STOP_WORDS
    ]


def _singular(word: str) -> str:
    if len(word) > 3 and word.endswith("s") and not word.endswith(("ss", "us", "is")):
        return word[:-1]
    return word


def step_description(step: Step, stage: Stage, journey: Journey) -> str:
    """All the words the journey gives for a step; its name and keywords count twice."""
    keywords = list(step.match.keywords) if step.match else []
    insights = [
        f"{insight.title} {insight.description}"
        for insight in journey.insights
        if insight.step == step.id
    ]
    parts = [
        step.name,
        step.name,
        step.id.replace("-", " ").replace("_", " "),
        step.description,
        step.channel.value.replace("_", " ") if step.channel else "",
        step.department or "",
        step.feeling,
        *step.facts,
        *(note.text for note in step.evidence),
        *(item.text for item in (*step.lanes.actions, *step.lanes.thoughts)),
        *insights,
        *keywords,
        *keywords,
        stage.name,
        stage.goal,
        *stage.needs,
    ]
    return "\n".join(part for part in parts if part)


class StepMatcher:
    """Compares many texts with the steps of one journey at once."""

    def __init__(self, journey: Journey) -> None:
        pairs = [(step, stage) for stage in journey.stages for step in stage.steps]
        self.steps: list[str] = [step.id for step, _ in pairs]
        self._vectoriser: Any = TfidfVectorizer(
            tokenizer=words, token_pattern=None, lowercase=False, sublinear_tf=True
        )
        self._step_vectors: Any = None
        documents = [step_description(step, stage, journey) for step, stage in pairs]
        if documents:
            try:
                self._step_vectors = self._vectoriser.fit_transform(documents).T.tocsr()
            except ValueError:  # no step has a word that is not a stop word
                self._step_vectors = None

    def match(self, texts: Sequence[str]) -> list[tuple[str, float] | None]:
        """For each text: the most similar step and the confidence, or None."""
        found: list[tuple[str, float] | None] = []
        for start in range(0, len(texts), BLOCK):
            found.extend(self._match_block(texts[start : start + BLOCK]))
        return found

    def _match_block(self, texts: Sequence[str]) -> list[tuple[str, float] | None]:
        if self._step_vectors is None:
            return [None] * len(texts)
        similarity = np.asarray((self._vectoriser.transform(texts) @ self._step_vectors).todense())
        best = similarity.argmax(axis=1)
        top = similarity[np.arange(len(texts)), best]
        confidence = softmax_of_best(similarity)
        return [
            (self.steps[int(step)], float(sure)) if score > 0 else None
            for step, score, sure in zip(best, top, confidence, strict=True)
        ]


def softmax_of_best(similarity: np.ndarray[Any, Any]) -> np.ndarray[Any, Any]:
    """Per row, the softmax share of the largest similarity (stable for any magnitude)."""
    scaled = (similarity - similarity.max(axis=1, keepdims=True)) / TEMPERATURE
    weights = np.exp(scaled)
    shares: np.ndarray[Any, Any] = 1.0 / weights.sum(axis=1)
    return shares
