"""Where to focus first, as use cases: the workspace's weights, the inputs a team enters,
journey scores 1..100 ranked across the workspace (with a what-if weighting), the scores of
a journey's stages and steps, the ranking's sensitivity, and the prioritised pain points
and opportunities of each lifecycle stage.

Data wins over what was typed in, and the source of every value is shown beside it:

- frequency: the cases of the journey's newest stored event-log analysis when there is one
  (a step's: the cases that reached it), else the entered value;
- experience: the evidence hub's per-step numbers when the journey has evidence (a
  journey's and a stage's pool their steps' by answers), else the entered value, else the
  emotions drawn on the map;
- cost, sales and strategic contribution are always entered.

A criterion with no value is shown as missing and left out, never counted as zero.
Reading needs the viewer role, changing weights or inputs the editor role.
"""

from __future__ import annotations

from collections.abc import Mapping
from uuid import UUID

from cxmap.model.evidence import StepEvidence
from cxmap.model.journey import Journey
from cxmap.model.mining import MiningResult
from cxmap.model.priorities import (
    INPUT_FIELDS,
    Criterion,
    InputSource,
    Score,
    ScoreInputs,
    ScoreWeights,
    ScoringSettings,
    SourcedValue,
    StagePriorities,
)
from cxmap.model.priority_records import (
    JourneyInputs,
    JourneyPriorities,
    JourneyScores,
    RankedScore,
    ScoreBoard,
    SensitivityReport,
    StoredInputs,
    StoredScoring,
    parse_body,
)
from cxmap.model.workspace import Role
from cxmap.scoring.prioritise import prioritise
from cxmap.scoring.scores import evidence_experience, rank, score_journey, score_parts
from cxmap.scoring.sensitivity import sensitivity
from cxmap.services.priority_data import DataReader, JourneyCache, JourneyData, require
from cxmap.services.score_input_edits import InputChange, apply_changes, check_parts
from cxmap.store import Database, Journeys, ScoringStore
from cxmap.store.records import Clock, utc_now

WeightOverrides = Mapping[Criterion, float]


class Prioritisation:
    def __init__(
        self, database: Database, clock: Clock = utc_now, cache: JourneyCache | None = None
    ) -> None:
        self.database = database
        self.clock = clock
        self.cache = cache or JourneyCache()

    def settings(self, actor: UUID | None, workspace_id: UUID) -> StoredScoring:
        with self.database.reading() as session:
            require(session, workspace_id, actor, Role.VIEWER)
            return ScoringStore(session, self.clock).settings(workspace_id)

    def replace_settings(
        self, actor: UUID | None, workspace_id: UUID, data: object, *, expected: int | None
    ) -> StoredScoring:
        """Save weights and scale (a `ScoringSettings` body) if still at version `expected`
        (None: whatever is current, for the local CLI)."""
        with self.database.writing() as session:
            require(session, workspace_id, actor, Role.EDITOR)
            store = ScoringStore(session, self.clock)
            current = store.settings(workspace_id)
            settings = parse_body(ScoringSettings, data)
            version = current.version if expected is None else expected
            return store.save_settings(workspace_id, settings, expected_version=version, by=actor)

    def save_weights(
        self,
        actor: UUID | None,
        workspace_id: UUID,
        overrides: WeightOverrides,
        *,
        expected: int | None = None,
    ) -> StoredScoring:
        """Change some weights, keeping the others and the scale."""
        current = self.settings(actor, workspace_id)
        weights = merged_weights(current.settings.weights, overrides)
        settings = current.settings.model_copy(update={"weights": weights})
        return self.replace_settings(
            actor, workspace_id, settings.model_dump(mode="json"), expected=expected
        )

    def inputs(self, actor: UUID | None, workspace_id: UUID, journey_id: UUID) -> StoredInputs:
        with self.database.reading() as session:
            require(session, workspace_id, actor, Role.VIEWER)
            return ScoringStore(session, self.clock).inputs(workspace_id, journey_id)

    def replace_inputs(
        self,
        actor: UUID | None,
        workspace_id: UUID,
        journey_id: UUID,
        data: object,
        *,
        expected: int | None,
    ) -> StoredInputs:
        """Save everything entered for the journey (a `JourneyInputs` body); every stage or
        step it names must be in the journey."""
        with self.database.writing() as session:
            require(session, workspace_id, actor, Role.EDITOR)
            journey = Journeys(session, self.clock).get(workspace_id, journey_id).journey
            store = ScoringStore(session, self.clock)
            current = store.inputs(workspace_id, journey_id)
            inputs = parse_body(JourneyInputs, data)
            check_parts(journey, inputs)
            version = current.version if expected is None else expected
            return store.save_inputs(
                workspace_id, journey_id, inputs, expected_version=version, by=actor
            )

    def change_inputs(
        self,
        actor: UUID | None,
        workspace_id: UUID,
        journey_id: UUID,
        changes: list[InputChange],
    ) -> StoredInputs:
        """Set or clear single inputs (`cxmap score --set-input`) on the current version."""
        current = self.inputs(actor, workspace_id, journey_id)
        edited = apply_changes(current.inputs, changes)
        return self.replace_inputs(
            actor,
            workspace_id,
            journey_id,
            edited.model_dump(mode="json", exclude_none=True),
            expected=current.version,
        )

    def scoreboard(
        self, actor: UUID | None, workspace_id: UUID, overrides: WeightOverrides | None = None
    ) -> ScoreBoard:
        """Every live journey scored and ranked; `overrides` change weights for this answer
        only (the what-if of the weight sliders), nothing is saved."""
        settings, journeys = self._workspace(actor, workspace_id, overrides)
        scores = {
            data.stored.journey.id: (data, journey_score(data, settings)) for data in journeys
        }
        ranked = rank(score for _, score in scores.values())
        return ScoreBoard(
            settings=settings,
            what_if=bool(overrides),
            ranking=[
                RankedScore(
                    rank=position,
                    journey_id=scores[score.subject_id][0].stored.id,
                    title=scores[score.subject_id][0].stored.title,
                    score=score,
                )
                for position, score in enumerate(ranked, start=1)
            ],
        )

    def journey_scores(
        self,
        actor: UUID | None,
        workspace_id: UUID,
        journey_id: UUID,
        overrides: WeightOverrides | None = None,
    ) -> JourneyScores:
        """The journey's score and those of its stages and steps, each with its formula."""
        with self.database.reading() as session:
            require(session, workspace_id, actor, Role.VIEWER)
            stored = ScoringStore(session, self.clock).settings(workspace_id).settings
            data = DataReader(self.database, session, self.clock, self.cache).journey(
                workspace_id, journey_id
            )
        settings = with_overrides(stored, overrides)
        parts = score_parts(
            data.stored.journey,
            _data_first(data.inputs.parts, data.stored.journey, data.mined),
            data.evidence,
            settings.weights,
            settings.scale,
            mined=data.mined,
        )
        return JourneyScores(
            journey_id=data.stored.id, journey=journey_score(data, settings), parts=parts
        )

    def sensitivity(
        self,
        actor: UUID | None,
        workspace_id: UUID,
        overrides: WeightOverrides | None = None,
        delta: float = 0.2,
    ) -> SensitivityReport:
        """Which journeys' ranks change if any one weight moves by ±`delta`."""
        with self.database.reading() as session:
            require(session, workspace_id, actor, Role.VIEWER)
            version = ScoringStore(session, self.clock).settings(workspace_id).version
        settings, journeys = self._workspace(actor, workspace_id, overrides)
        inputs = {
            data.stored.journey.id: inputs_of(journey_score(data, settings)) for data in journeys
        }
        report = sensitivity(inputs, settings.weights, settings.scale, delta)
        return SensitivityReport(weights_version=version, sensitivity=report)

    def priorities(
        self, actor: UUID | None, workspace_id: UUID, journey_id: UUID
    ) -> JourneyPriorities:
        """Each stage's pain points and opportunities by expected impact over effort."""
        with self.database.reading() as session:
            require(session, workspace_id, actor, Role.VIEWER)
            data = DataReader(self.database, session, self.clock, self.cache).journey(
                workspace_id, journey_id
            )
        journey = data.stored.journey
        ranked = prioritise(journey, data.evidence, data.mined, value_by_step(data))
        names = {stage.id: stage.name for stage in journey.stages}
        return JourneyPriorities(
            journey_id=data.stored.id,
            stages=[
                StagePriorities(stage=stage, name=names[stage], items=items)
                for stage, items in ranked.items()
            ],
        )

    def _workspace(
        self, actor: UUID | None, workspace_id: UUID, overrides: WeightOverrides | None
    ) -> tuple[ScoringSettings, list[JourneyData]]:
        with self.database.reading() as session:
            require(session, workspace_id, actor, Role.VIEWER)
            stored = ScoringStore(session, self.clock).settings(workspace_id).settings
            journeys = DataReader(self.database, session, self.clock, self.cache).workspace(
                workspace_id
            )
        return with_overrides(stored, overrides), journeys


def merged_weights(weights: ScoreWeights, overrides: WeightOverrides) -> ScoreWeights:
    """`weights` with some replaced; a bad value is named by its criterion."""
    values = {**weights.model_dump(), **{c.value: v for c, v in overrides.items()}}
    return parse_body(ScoreWeights, values)


def with_overrides(settings: ScoringSettings, overrides: WeightOverrides | None) -> ScoringSettings:
    if not overrides:
        return settings
    return settings.model_copy(update={"weights": merged_weights(settings.weights, overrides)})


def journey_score(data: JourneyData, settings: ScoringSettings) -> Score:
    journey = data.stored.journey
    inputs = data.inputs.journey
    if data.mined is not None and data.mined.cases > 0:
        inputs = inputs.model_copy(update={"frequency": None})  # the log wins
    pooled = pooled_experience(journey, data.inputs.parts, data.evidence)
    if pooled is not None and (pooled.source == InputSource.EVIDENCE or inputs.experience is None):
        inputs = inputs.model_copy(update={"experience": pooled})
    return score_journey(journey, inputs, settings.weights, settings.scale, mined=data.mined)


def pooled_experience(
    journey: Journey, parts: Mapping[str, ScoreInputs], evidence: Mapping[str, StepEvidence]
) -> SourcedValue | None:
    """The journey's experience: its steps' evidence pooled by answers; without evidence,
    the mean of its steps' entered experience or map emotion."""
    weighted: list[tuple[float, int]] = []
    plain: list[float] = []
    for step in journey.steps():
        found = evidence.get(step.id)
        from_evidence = evidence_experience(found)
        if from_evidence is not None and found is not None:
            mean = found.emotion or found.sentiment
            weighted.append((from_evidence.value, max(1, mean.n if mean else 1)))
            continue
        entered = parts.get(step.id, ScoreInputs()).experience
        if entered is not None:
            plain.append(entered.value)
        elif step.emotion is not None:
            plain.append(step.emotion)
    if weighted:
        n = sum(k for _, k in weighted)
        mean_value = sum(v * k for v, k in weighted) / n
        note = f"evidence of {len(weighted)} steps, n={n}"
        return SourcedValue(value=mean_value, source=InputSource.EVIDENCE, note=note)
    if plain:
        note = f"mean of {len(plain)} steps' experience (entered or on the map)"
        return SourcedValue(value=sum(plain) / len(plain), note=note)
    return None


def _data_first(
    parts: Mapping[str, ScoreInputs], journey: Journey, mined: MiningResult | None
) -> dict[str, ScoreInputs]:
    """Entered frequencies dropped where the event log counts the part (the log wins)."""
    if mined is None or mined.funnel is None:
        return dict(parts)
    counted = {step.step for step in mined.funnel.steps}
    counted |= {s.id for s in journey.stages if any(t.id in counted for t in s.steps)}
    return {
        part: inputs.model_copy(update={"frequency": None}) if part in counted else inputs
        for part, inputs in parts.items()
    }


def inputs_of(score: Score) -> ScoreInputs:
    """The raw inputs a score was computed from (what the sensitivity view varies over)."""
    values = {
        INPUT_FIELDS[part.criterion]: SourcedValue(value=part.raw, source=part.source)
        for part in score.contributions
        if part.raw is not None and part.source is not None
    }
    return ScoreInputs.model_validate(values)


def value_by_step(data: JourneyData) -> dict[str, float]:
    """Value at stake per customer at each step: potential sales / frequency of the step,
    else of its stage, else of the journey (entered, or the log's cases); steps where
    neither is known are left out (the engine assumes 1 and says so)."""
    journey = data.stored.journey
    cases = {}
    if data.mined is not None and data.mined.funnel is not None:
        cases = {step.step: float(step.cases) for step in data.mined.funnel.steps}
    journey_cases = float(data.mined.cases) if data.mined is not None else None
    values = {}
    for stage in journey.stages:
        for step in stage.steps:
            for subject, count in (
                (data.inputs.parts.get(step.id), cases.get(step.id)),
                (data.inputs.parts.get(stage.id), None),
                (data.inputs.journey, journey_cases),
            ):
                found = _per_customer(subject, count)
                if found is not None:
                    values[step.id] = found
                    break
    return values


def _per_customer(inputs: ScoreInputs | None, cases: float | None) -> float | None:
    if inputs is None or inputs.potential_sales is None:
        return None
    frequency = cases if cases else (inputs.frequency.value if inputs.frequency else None)
    if not frequency:
        return None
    return inputs.potential_sales.value / frequency
