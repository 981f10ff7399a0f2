"""Lint rules that compare the map with the evidence: CX03x.

They read `LintContext.evidence` (what stored survey answers, posts, chats ... say per step)
and stay silent without it, so a journey file linted on its own gets the same findings as
before. Whether a hand-set emotion disagrees is `evidence_stats.emotion_disagreement`, the
same test the map draws with. Registered in the same registry as `lint_rules` and listed in
docs/lint-rules.md.
"""

from __future__ import annotations

from collections.abc import Iterator

from cxmap.model.evidence import MeanWithInterval, PainReason, StepEvidence
from cxmap.model.evidence_stats import emotion_disagreement
from cxmap.model.journey import InsightKind
from cxmap.model.lint_registry import FindingSeverity, Flag, LintContext, rule
from cxmap.model.lint_rules import USABLE_N, named, score


@rule(
    "CX030",
    "emotion-disagrees-with-evidence",
    FindingSeverity.WARNING,
    "A hand-set emotion disagrees with the emotion derived from evidence.",
)
def emotion_disagrees_with_evidence(context: LintContext) -> Iterator[Flag]:
    for path, step in context.located_steps():
        found = context.evidence.get(step.id)
        if found is None or found.emotion is None or step.emotion is None:
            continue
        if emotion_disagreement(step, found) is None:
            continue
        derived = found.emotion
        yield Flag(
            (*path, "emotion"),
            step.id,
            f"the hand-set emotion {score(step.emotion)} of {named(step)} disagrees with the "
            f"evidence: derived {derived_text(derived)}",
            "read the evidence's quotes and themes for this step; set `emotion` to about "
            f"{suggested(derived.mean)}, or add an insight that says why the evidence misleads "
            "here",
        )


@rule(
    "CX031",
    "detected-pain-without-insight",
    FindingSeverity.WARNING,
    "The evidence detects a pain point the journey has no pain insight for.",
)
def detected_pain_without_insight(context: LintContext) -> Iterator[Flag]:
    for path, step in context.located_steps():
        found = context.evidence.get(step.id)
        if found is None or not found.pain:
            continue
        insights = context.insights_on.get(step.id, [])
        if any(insight.kind is InsightKind.PAIN for insight in insights):
            continue
        yield Flag(
            path,
            step.id,
            f"the evidence marks {named(step)} as a pain point ({pain_reasons(found)}) but no "
            "pain insight is anchored to it",
            f"add an insight (kind: pain, step: {step.id}) that says why it hurts"
            + theme_hint(found),
        )


@rule(
    "CX032",
    "derived-emotion-available",
    FindingSeverity.INFO,
    f"A step has no emotion while evidence of at least {USABLE_N} items gives one.",
)
def derived_emotion_available(context: LintContext) -> Iterator[Flag]:
    for path, step in context.located_steps():
        derived = usable_derived(context, step.id)
        if step.emotion is not None or derived is None:
            continue
        yield Flag(
            path,
            step.id,
            f"{named(step)} has no emotion; the derived emotion {figure(derived.mean)} from "
            f"{derived.n} items ({interval_text(derived)}) could be used",
            f"set `emotion: {suggested(derived.mean)}` after reading the evidence, or leave it "
            "unset and let the map draw the derived point (hollow, with its interval)",
        )


def usable_derived(context: LintContext, step_id: str) -> MeanWithInterval | None:
    """The emotion the step's evidence gives, when from enough items to set it by hand."""
    found = context.evidence.get(step_id)
    if found is None or found.emotion is None or found.emotion.n < USABLE_N:
        return None
    return found.emotion


def suggested(mean: float) -> str:
    """A value to write in the journey file: one decimal, within -2..2."""
    return f"{min(max(round(mean, 1), -2.0), 2.0) + 0.0:g}"


def pain_reasons(found: StepEvidence) -> str:
    """Why the evidence calls the step a pain point, with the numbers that say so."""
    texts = []
    for reason in found.pain:
        if reason is PainReason.SENTIMENT and found.sentiment is not None:
            texts.append(f"sentiment {derived_text(found.sentiment)} below zero")
        elif reason is PainReason.NPS and found.nps is not None:
            texts.append(f"NPS {found.nps.mean:+.0f} from {found.nps.n} answers")
        elif reason is PainReason.CSAT and found.csat is not None:
            texts.append(f"CSAT {found.csat.mean:.0f} % satisfied from {found.csat.n} answers")
        elif reason is PainReason.COMPLAINT_RISE:
            texts.append("complaints rose from one period to the next")
        else:
            texts.append(reason.value)
    return "; ".join(texts)


def theme_hint(found: StepEvidence) -> str:
    if not found.themes:
        return ""
    top = found.themes[0]
    return f"; customers mention '{top.phrase}' most ({top.count} items)"


def figure(value: float) -> str:
    """A derived value for a message: at most two decimals, signed (`+0.96`, `-1.1`, `0`)."""
    rounded = round(value, 2) + 0.0
    return f"+{rounded:g}" if rounded > 0 else f"{rounded:g}"


def interval_text(derived: MeanWithInterval) -> str:
    """`95 % interval -1.1 to -0.5`, or why there is none."""
    if derived.interval is None:
        return "no interval below 2 items"
    return f"95 % interval {figure(derived.interval.low)} to {figure(derived.interval.high)}"


def derived_text(derived: MeanWithInterval) -> str:
    """`-0.8 (n=42, 95 % interval -1.1 to -0.5)`: the value with how sure it is."""
    return f"{figure(derived.mean)} (n={derived.n}, {interval_text(derived)})"
