"""Which step an item of evidence belongs to: named by the data, matched by rules, or guessed.

The order is a matter of trust. A touchpoint the data names itself (a survey's column) is a
fact; rules the team wrote in the journey (`Step.match`) are its stated intent; similarity
of the words (`cxmap.analytics.text_similarity`, computed by the caller and passed in) is a
guess. A guess below the threshold is not applied: the item waits in the unmapped queue
with its best candidate, so a person decides, and nothing lands on a step by accident.
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache

from cxmap.model.evidence import EvidenceDraft, MappingMethod, StepMapping
from cxmap.model.journey import Journey

#: Below this confidence a rule or similarity match waits for review instead of landing.
DEFAULT_THRESHOLD = 0.6

_NOT_A_LETTER_OR_DIGIT = re.compile(r"[\W_]+")


def name_key(name: str) -> str:
    """A step named `Check-Size`, `check size` or `CHECK_SIZE` is the same step."""
    return _NOT_A_LETTER_OR_DIGIT.sub("", name.casefold())


def map_explicit(touchpoint: str, journey: Journey) -> StepMapping | None:
    """The step the data names by id or name; None when it names no step."""
    key = name_key(touchpoint)
    if not key:
        return None
    step = _step_names(_name_table(journey)).get(key)
    if step is None:
        return None
    return StepMapping(step=step, method=MappingMethod.COLUMN, confidence=1.0)


def map_by_rules(text: str, journey: Journey) -> StepMapping | None:
    """The step whose `match` rules the text hits most; None when no rule hits.

    Each keyword or pattern counts once however often it occurs. Ties go to the step
    earliest in the journey.
    """
    rules = _compiled_rules(_rule_table(journey))
    if not rules or not text.strip():
        return None
    words = _word_text(text)
    hits = [(rule.hits(text, words), rule.step) for rule in rules]
    ranked = sorted((-count, order) for order, (count, _) in enumerate(hits) if count)
    if not ranked:
        return None
    best, order = -ranked[0][0], ranked[0][1]
    runner_up = -ranked[1][0] if len(ranked) > 1 else 0
    return StepMapping(
        step=hits[order][1],
        method=MappingMethod.RULE,
        confidence=rule_confidence(best, runner_up),
    )


def rule_confidence(hits: int, runner_up: int) -> float:
    """More rules hitting make a match surer; another step hit as well makes it less sure.

    One rule alone gives 0.75, two 0.875, three 0.94; a step tied with another halves
    that, so a tie is left for review at the default threshold.
    """
    strength = 1 - 0.5 ** (hits + 1)
    lead = (hits - runner_up) / hits
    return strength * (1 + lead) / 2


def similarity_text(draft: EvidenceDraft) -> str:
    """What to compare with the steps: the touchpoint the data names, else the item's words.

    A touchpoint that names no step is never overruled by the text; its own similarity to
    the steps only suggests a candidate for the reviewer.
    """
    if draft.touchpoint is not None and draft.touchpoint.strip():
        return draft.touchpoint
    return draft.text


def decide(
    draft: EvidenceDraft,
    journey: Journey,
    similar: tuple[str, float] | None,
    *,
    threshold: float = DEFAULT_THRESHOLD,
) -> StepMapping:
    """The mapping of one item: explicit, else rules, else similarity, else unmapped.

    `similar` is the step most similar to `similarity_text(draft)` and its confidence.
    """
    if draft.touchpoint is not None and draft.touchpoint.strip():
        named = map_explicit(draft.touchpoint, journey)
        return named if named is not None else _unmapped([_guess(similar)])
    guesses = [map_by_rules(draft.text, journey), _guess(similar)]
    for guess in guesses:
        if guess is not None and guess.confidence >= threshold:
            return guess
    return _unmapped(guesses)


def _guess(similar: tuple[str, float] | None) -> StepMapping | None:
    if similar is None:
        return None
    step, confidence = similar
    return StepMapping(step=step, method=MappingMethod.SIMILARITY, confidence=confidence)


def _unmapped(guesses: list[StepMapping | None]) -> StepMapping:
    """Unmapped, offering the surest guess (rules before similarity on a tie)."""
    found = [guess for guess in guesses if guess is not None]
    best = max(found, key=lambda guess: guess.confidence, default=None)
    return StepMapping(
        step=None,
        method=MappingMethod.UNMAPPED,
        confidence=best.confidence if best else 0.0,
        candidate=best.step if best else None,
    )


# --- tables cached by content, so mapping 100,000 items costs one compilation -------------

_NameTable = tuple[tuple[str, str], ...]
_RuleTable = tuple[tuple[str, tuple[str, ...], tuple[str, ...]], ...]


def _name_table(journey: Journey) -> _NameTable:
    return tuple((step.id, step.name) for step in journey.steps())


def _rule_table(journey: Journey) -> _RuleTable:
    return tuple(
        (step.id, tuple(step.match.keywords), tuple(step.match.patterns))
        for step in journey.steps()
        if step.match is not None and (step.match.keywords or step.match.patterns)
    )


@lru_cache(maxsize=32)
def _step_names(table: _NameTable) -> dict[str, str]:
    """Normalised id or name -> step id; ids win over names, earlier steps over later."""
    names: dict[str, str] = {}
    for step, name in reversed(table):
        names[name_key(name)] = step
    for step, _ in reversed(table):
        names[name_key(step)] = step
    names.pop("", None)
    return names


def _word_text(text: str) -> str:
    """Lower-case words between single spaces, padded, so a phrase test is a substring test."""
    return f" {_NOT_A_LETTER_OR_DIGIT.sub(' ', text.casefold()).strip()} "


@dataclass(frozen=True)
class _StepRules:
    step: str
    keywords: tuple[str, ...]  # as `_word_text` forms
    patterns: tuple[re.Pattern[str], ...]

    def hits(self, text: str, words: str) -> int:
        found = sum(1 for keyword in self.keywords if keyword in words)
        return found + sum(1 for pattern in self.patterns if pattern.search(text))


@lru_cache(maxsize=32)
def _compiled_rules(table: _RuleTable) -> tuple[_StepRules, ...]:
    return tuple(
        _StepRules(
            step=step,
            keywords=tuple(
                dict.fromkeys(phrase for phrase in map(_word_text, keywords) if phrase.strip())
            ),
            patterns=tuple(re.compile(pattern, re.IGNORECASE) for pattern in patterns),
        )
        for step, keywords, patterns in table
    )
