"""The built-in lint rules: does the journey make sense and have a logical flow?

Each rule is a small pure function of the `LintContext`, registered with its id, severity and
a one-line summary (listed in docs/lint-rules.md). Ids are grouped: CX00x flow, CX01x the
customer's view (needs, owners, emotions, insights), CX02x the desired/current gap; CX03x,
the map against the evidence, live in `lint_rules_evidence`.
"""

from __future__ import annotations

import re
from collections.abc import Iterator

from cxmap.model import journey_graph
from cxmap.model.journey import InsightKind, Journey, JourneyKind, Step
from cxmap.model.lint_registry import FindingSeverity, Flag, LintContext, rule

ERROR = FindingSeverity.ERROR
WARNING = FindingSeverity.WARNING
INFO = FindingSeverity.INFO
LISTED = 5  # ids named in one message before "and N more"
USABLE_N = 5  # items before an emotion derived from evidence is worth setting by hand


def named(step: Step) -> str:
    return f"step '{step.id}' ({step.name})"


def score(value: float) -> str:
    """An emotion as people write it: +1, -0.5, 0."""
    return f"+{value:g}" if value > 0 else f"{value:g}"


def listed(ids: list[str]) -> str:
    shown = ", ".join(f"'{i}'" for i in ids[:LISTED])
    more = len(ids) - LISTED
    return f"{shown} and {more} more" if more > 0 else shown


# --- CX00x: the flow --------------------------------------------------------------------


@rule("CX001", "unreachable-step", ERROR, "A step cannot be reached from the start.")
def unreachable_step(context: LintContext) -> Iterator[Flag]:
    entries = listed(context.journey.entry_steps())
    for path, step in context.located_steps():
        if step.id not in context.reachable:
            yield Flag(
                path,
                step.id,
                f"{named(step)} cannot be reached from the start ({entries})",
                "add its id to the `next` of the step that leads here, add it to `start` "
                "if customers begin here, or delete it",
            )


@rule("CX002", "dead-end", ERROR, "A step has no `next` step and is not marked final.")
def dead_end(context: LintContext) -> Iterator[Flag]:
    for path, step in context.located_steps():
        if not step.next and not step.final:
            yield Flag(
                path,
                step.id,
                f"{named(step)} leads nowhere: it has no `next` step and is not final",
                "add the step(s) that follow to `next`, or set `final: true` if the journey "
                "may end here",
            )


@rule("CX003", "never-ends", ERROR, "No final step can be reached from the start.")
def never_ends(context: LintContext) -> Iterator[Flag]:
    journey = context.journey
    entries = journey.entry_steps()
    if not entries:
        return
    finals = [step.id for step in journey.steps() if step.final]
    if any(step_id in context.reachable for step_id in finals):
        return
    path = ("start",) if journey.start else context.step_paths.get(entries[0], ("start",))
    why = (
        f"final step(s) {listed(finals)} cannot be reached from the start"
        if finals
        else "no step is marked final"
    )
    yield Flag(
        path,
        entries[0],
        f"the journey never ends: {why}",
        "set `final: true` on the step(s) where the customer's journey ends, and make sure "
        "`next` links lead there",
    )


@rule("CX004", "endless-loop", ERROR, "Steps loop with no way out to an end.")
def endless_loop(context: LintContext) -> Iterator[Flag]:
    stuck = journey_graph.trapped(context.journey)
    if not stuck:
        return
    ordered = [step.id for step in context.journey.steps() if step.id in stuck]
    yield Flag(
        context.step_paths[ordered[0]],
        ordered[0],
        f"steps {listed(ordered)} loop with no way out: none leads to a final step",
        "add a `next` link out of the loop, or mark the step where customers give up or "
        "finish as `final: true`",
    )


@rule("CX005", "empty-stage", WARNING, "A stage has no steps.")
def empty_stage(context: LintContext) -> Iterator[Flag]:
    for si, stage in enumerate(context.journey.stages):
        if not stage.steps:
            yield Flag(
                ("stages", si),
                stage.id,
                f"stage '{stage.id}' ({stage.name}) has no steps",
                "add the touchpoints of this stage under `steps`, or remove the stage",
            )


@rule("CX006", "no-steps", WARNING, "The journey has no steps at all.")
def no_steps(context: LintContext) -> Iterator[Flag]:
    if not context.journey.steps():
        yield Flag(
            ("stages",),
            None,
            "the journey has no steps, so there is nothing to map",
            "add stages with steps (run `cxmap new` for a starting point)",
        )


# --- CX01x: the customer's view -----------------------------------------------------------


@rule("CX010", "stage-without-need", WARNING, "A stage names no customer need.")
def stage_without_need(context: LintContext) -> Iterator[Flag]:
    for si, stage in enumerate(context.journey.stages):
        if not stage.needs:
            yield Flag(
                ("stages", si, "needs"),
                stage.id,
                f"stage '{stage.id}' ({stage.name}) names no customer need",
                "list under `needs` what the customer needs from us in this stage, in their "
                "words (e.g. 'know the full price before paying')",
            )


@rule("CX011", "no-department", WARNING, "A touchpoint has no owning department.")
def no_department(context: LintContext) -> Iterator[Flag]:
    for path, step in context.located_steps():
        if not (step.department or "").strip():
            yield Flag(
                (*path, "department"),
                step.id,
                f"{named(step)} has no owning department",
                "set `department` to the team accountable for this touchpoint, so a fix has "
                "an owner",
            )


@rule("CX012", "emotion-without-evidence", WARNING, "An emotion is set with no evidence.")
def emotion_without_evidence(context: LintContext) -> Iterator[Flag]:
    for path, step in context.located_steps():
        if step.emotion is None or step.evidence:
            continue
        if any(insight.evidence for insight in context.insights_on.get(step.id, [])):
            continue
        stored = context.evidence.get(step.id)
        if stored is not None and stored.items > 0:
            continue
        yield Flag(
            (*path, "emotion"),
            step.id,
            f"the emotion {score(step.emotion)} of {named(step)} is set by hand with no "
            "evidence behind it",
            "add `evidence` to the step (a survey result, a quote, an analytics figure) or to "
            "an insight on it; until then treat the emotion as an assumption to test",
        )


@rule("CX013", "unaddressed-pain-point", WARNING, "A pain point has no insight or opportunity.")
def unaddressed_pain_point(context: LintContext) -> Iterator[Flag]:
    for path, step in context.located_steps():
        if step.emotion is None or step.emotion >= 0:
            continue
        if context.insights_on.get(step.id) or context.opportunities_on.get(step.id):
            continue
        yield Flag(
            (*path, "emotion"),
            step.id,
            f"{named(step)} is a pain point (emotion {score(step.emotion)}) with no insight "
            "or opportunity",
            f"add an insight (kind: pain, step: {step.id}) that says why it hurts, and an "
            "opportunity that fixes it",
        )


@rule("CX014", "emotion-missing", INFO, "A step has no emotion, leaving a gap in the curve.")
def emotion_missing(context: LintContext) -> Iterator[Flag]:
    for path, step in context.located_steps():
        stored = context.evidence.get(step.id)
        derived = stored.emotion if stored is not None else None
        if step.emotion is not None or (derived is not None and derived.n >= USABLE_N):
            continue  # with enough evidence, CX032 offers the derived emotion instead
        why = (
            f"the curve shows only the one derived from {derived.n} item(s), too few to rely on"
            if derived is not None
            else "the emotion curve skips it"
        )
        yield Flag(
            path,
            step.id,
            f"{named(step)} has no emotion, so {why}",
            "set `emotion` (-2 .. +2) from what customers say or do at this step",
        )


@rule("CX015", "insight-contradicts-emotion", WARNING, "An insight's kind contradicts its step.")
def insight_contradicts_emotion(context: LintContext) -> Iterator[Flag]:
    steps = {step.id: step for step in context.journey.steps()}
    for i, insight in enumerate(context.journey.insights):
        emotion = steps[insight.step].emotion if insight.step in steps else None
        if emotion is None:
            continue
        pain_on_good = insight.kind is InsightKind.PAIN and emotion > 0
        gain_on_bad = insight.kind is InsightKind.GAIN and emotion < 0
        if pain_on_good or gain_on_bad:
            mood = "positive" if emotion > 0 else "negative"
            yield Flag(
                ("insights", i, "kind"),
                insight.id,
                f"insight '{insight.id}' is a {insight.kind.value} but step '{insight.step}' "
                f"has a {mood} emotion ({score(emotion)})",
                "check the step's emotion against the evidence, or change the insight's kind; "
                "if both hold, split the step into the part that works and the part that hurts",
            )


@rule("CX016", "opportunity-fixes-nothing", WARNING, "An opportunity fixes no insight.")
def opportunity_fixes_nothing(context: LintContext) -> Iterator[Flag]:
    for i, opportunity in enumerate(context.journey.opportunities):
        if not opportunity.fixes:
            yield Flag(
                ("opportunities", i, "fixes"),
                opportunity.id,
                f"opportunity '{opportunity.id}' ({opportunity.title}) fixes no insight",
                "list in `fixes` the insight ids it addresses, adding the insight if it is "
                "missing, so the change is grounded in a customer problem",
            )


@rule("CX017", "pain-without-opportunity", INFO, "A pain insight has no opportunity fixing it.")
def pain_without_opportunity(context: LintContext) -> Iterator[Flag]:
    fixed = {ref for o in context.journey.opportunities for ref in o.fixes}
    for i, insight in enumerate(context.journey.insights):
        if insight.kind is InsightKind.PAIN and insight.id not in fixed:
            yield Flag(
                ("insights", i),
                insight.id,
                f"pain point '{insight.id}' ({insight.title}) has no opportunity fixing it",
                f"add an opportunity with `fixes: [{insight.id}]`, with an owner and effort",
            )


# --- CX02x: current vs desired ------------------------------------------------------------


def name_key(name: str) -> str:
    """Names match ignoring case and spaces: 'Log in' is 'login' is 'LOG  IN'."""
    return re.sub(r"\s+", "", name).casefold()


def unmatched(these: Journey, others: Journey) -> Iterator[tuple[int, int, Step]]:
    """Steps of `these` with no step of the same id or name in `others`."""
    ids = {step.id for step in others.steps()}
    names = {name_key(step.name) for step in others.steps()}
    for si, stage in enumerate(these.stages):
        for ti, step in enumerate(stage.steps):
            if step.id not in ids and name_key(step.name) not in names:
                yield si, ti, step


def pair(context: LintContext) -> tuple[Journey, Journey, bool] | None:
    """(current, desired, whether desired is the counterpart), when the kinds allow a gap."""
    other = context.counterpart
    if other is None or other.kind == context.journey.kind:
        return None
    if context.journey.kind is JourneyKind.CURRENT:
        return context.journey, other, True
    return other, context.journey, False


@rule("CX020", "desired-step-missing", INFO, "A desired step is missing from the current one.")
def desired_step_missing(context: LintContext) -> Iterator[Flag]:
    paired = pair(context)
    if paired is None:
        return
    current, desired, desired_is_counterpart = paired
    for si, ti, step in unmatched(desired, current):
        yield Flag(
            ("stages", si, "steps", ti),
            step.id,
            f"desired {named(step)} is not in the current journey '{current.id}': a gap to close",
            "plan it with an opportunity; if the current journey already has this step, give "
            "both the same id or name",
            in_counterpart=desired_is_counterpart,
        )


@rule("CX021", "current-step-missing", INFO, "A current step is missing from the desired one.")
def current_step_missing(context: LintContext) -> Iterator[Flag]:
    paired = pair(context)
    if paired is None:
        return
    current, desired, desired_is_counterpart = paired
    for si, ti, step in unmatched(current, desired):
        yield Flag(
            ("stages", si, "steps", ti),
            step.id,
            f"current {named(step)} is not in the desired journey '{desired.id}'",
            "if the desired journey removes this step, plan its removal with an opportunity; "
            "otherwise add it to the desired journey with the same id or name",
            in_counterpart=not desired_is_counterpart,
        )


@rule("CX022", "counterpart-link", WARNING, "The current/desired counterpart link is broken.")
def counterpart_link(context: LintContext) -> Iterator[Flag]:
    journey, other = context.journey, context.counterpart
    if other is None:
        if journey.counterpart is not None:
            note = f" ({context.counterpart_note})" if context.counterpart_note else ""
            yield Flag(
                ("counterpart",),
                journey.counterpart,
                f"counterpart journey '{journey.counterpart}' was not found{note}, so the "
                "gaps between current and desired were not checked",
                "put the journey with that id in the same folder, pass its file with "
                "--counterpart, or remove `counterpart`",
            )
        return
    yield from _mismatched_link(journey, other)


def _mismatched_link(journey: Journey, other: Journey) -> Iterator[Flag]:
    if other.kind == journey.kind:
        yield Flag(
            ("kind",),
            journey.id,
            f"journey '{journey.id}' and its counterpart '{other.id}' are both "
            f"{journey.kind.value}; the gaps need one current and one desired journey",
            "set `kind: desired` on the to-be journey and `kind: current` on the as-is one",
        )
    if journey.counterpart is not None and journey.counterpart != other.id:
        yield Flag(
            ("counterpart",),
            journey.counterpart,
            f"`counterpart` names '{journey.counterpart}' but the journey compared is '{other.id}'",
            f"set `counterpart: {other.id}`, or compare with the journey it names",
        )
    if other.counterpart is not None and other.counterpart != journey.id:
        yield Flag(
            ("counterpart",),
            other.id,
            f"counterpart '{other.id}' names '{other.counterpart}' as its counterpart, not "
            f"'{journey.id}'",
            f"set `counterpart: {journey.id}` in journey '{other.id}' so the link goes both ways",
            in_counterpart=True,
        )
