"""Where to focus first: score inputs and weights, scores, priorities, actions and key metrics.

These are the types the scoring engine (`cxmap.scoring`) computes and the store, CLI and API
keep and show. A score is a *priority* score: 100 means "focus here first". Each criterion
points the same way, so a score never falls when a criterion gets more pressing:

- cost per customer: higher cost = more to gain (serving the journey more cheaply);
- potential sales (or revenue at risk): higher = more to gain;
- strategic contribution (1..5): higher = more to gain;
- frequency (journeys per period): more often = more customers touched;
- experience (-2..2, the map's emotion scale): *lower* = more to gain (worse experience).

A missing input is None, shown as missing and left out of the score, never taken as zero.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import BaseModel, ConfigDict, Field, field_validator, model_validator


class Record(BaseModel):
    """Immutable, and unknown keys are errors (a typo in a weights file is not dropped)."""

    model_config = ConfigDict(extra="forbid", frozen=True)


class Criterion(StrEnum):
    COST = "cost"
    SALES = "sales"
    STRATEGY = "strategy"
    FREQUENCY = "frequency"
    EXPERIENCE = "experience"


class InputSource(StrEnum):
    """Where a score input came from, shown beside it."""

    ENTERED = "entered"
    EVIDENCE = "evidence"
    EVENT_LOG = "event_log"


class SourcedValue(Record):
    """A raw input and where it came from (`note`: e.g. "n=42 survey answers")."""

    value: float = Field(allow_inf_nan=False)
    source: InputSource = InputSource.ENTERED
    note: str = ""


def _check_range(value: SourcedValue | None, low: float, high: float) -> SourcedValue | None:
    if value is not None and not low <= value.value <= high:
        raise ValueError(f"must be between {low:g} and {high:g}, not {value.value:g}")
    return value


class ScoreInputs(Record):
    """The raw criteria of one journey, stage or step; None = not known (missing)."""

    cost_per_customer: SourcedValue | None = Field(
        default=None, description="What serving one customer through it costs (currency)."
    )
    potential_sales: SourcedValue | None = Field(
        default=None, description="Sales to win or revenue at risk per period (currency)."
    )
    strategic_contribution: SourcedValue | None = Field(
        default=None, description="Contribution to strategic goals, 1 (none) .. 5 (core)."
    )
    frequency: SourcedValue | None = Field(
        default=None, description="How many journeys happen per period."
    )
    experience: SourcedValue | None = Field(
        default=None, description="The customer's experience, -2 .. 2 (the emotion scale)."
    )

    @field_validator("cost_per_customer", "potential_sales", "frequency")
    @classmethod
    def _non_negative(cls, value: SourcedValue | None) -> SourcedValue | None:
        if value is not None and value.value < 0:
            raise ValueError(f"must not be negative, not {value.value:g}")
        return value

    @field_validator("strategic_contribution")
    @classmethod
    def _one_to_five(cls, value: SourcedValue | None) -> SourcedValue | None:
        return _check_range(value, 1, 5)

    @field_validator("experience")
    @classmethod
    def _emotion_scale(cls, value: SourcedValue | None) -> SourcedValue | None:
        return _check_range(value, -2, 2)

    def of(self, criterion: Criterion) -> SourcedValue | None:
        value: SourcedValue | None = getattr(self, INPUT_FIELDS[criterion])
        return value


#: Criterion -> the `ScoreInputs` field holding its raw value.
INPUT_FIELDS: dict[Criterion, str] = {
    Criterion.COST: "cost_per_customer",
    Criterion.SALES: "potential_sales",
    Criterion.STRATEGY: "strategic_contribution",
    Criterion.FREQUENCY: "frequency",
    Criterion.EXPERIENCE: "experience",
}

Weight = Annotated[float, Field(ge=0, allow_inf_nan=False)]


class ScoreWeights(Record):
    """How much each criterion counts, per workspace; only the ratios matter."""

    cost: Weight = 1.0
    sales: Weight = 1.0
    strategy: Weight = 1.0
    frequency: Weight = 1.0
    experience: Weight = 1.0

    @model_validator(mode="after")
    def _one_counts(self) -> ScoreWeights:
        if not any(self.of(criterion) > 0 for criterion in Criterion):
            raise ValueError("at least one weight must be above 0")
        return self

    def of(self, criterion: Criterion) -> float:
        weight: float = getattr(self, criterion)  # a Criterion is its field's name
        return weight

    def scaled(self, criterion: Criterion, factor: float) -> ScoreWeights:
        """These weights with one of them multiplied (the sensitivity view's ±20 %)."""
        return self.model_copy(update={criterion.value: self.of(criterion) * factor})


class ScoreScale(Record):
    """Workspace references that make scores comparable across journeys.

    Money and volume are normalised on a log scale against a fixed reference (the value that
    earns full marks), never against the other journeys, so a journey's score depends on its
    own inputs only and adding a journey never moves another's score:

    - cost, sales, frequency: `min(1, log10(1 + x) / log10(1 + reference))`
    - strategy: `(s - 1) / 4`
    - experience: `(2 - e) / 4` (a worse experience is more pressing)
    """

    cost_reference: float = Field(default=1_000.0, gt=0, allow_inf_nan=False)
    sales_reference: float = Field(default=1_000_000.0, gt=0, allow_inf_nan=False)
    frequency_reference: float = Field(default=1_000_000.0, gt=0, allow_inf_nan=False)
    currency: str = "EUR"
    period: str = Field(default="year", description="The period sales and frequency count.")


class ScoringSettings(Record):
    """What a workspace keeps for scoring: its weights and its normalisation references."""

    weights: ScoreWeights = Field(default_factory=ScoreWeights)
    scale: ScoreScale = Field(default_factory=ScoreScale)


class SubjectKind(StrEnum):
    JOURNEY = "journey"
    STAGE = "stage"
    STEP = "step"


class CriterionContribution(Record):
    """One criterion's part in a score, with the arithmetic spelled out."""

    criterion: Criterion
    raw: float | None
    source: InputSource | None
    normalised: float | None = Field(description="0..1, None when missing.")
    weight: float = Field(description="The workspace weight as configured.")
    weight_share: float = Field(description="weight / sum of the present criteria's weights.")
    points: float = Field(description="99 x weight_share x normalised (0 when missing).")
    formula: str
    missing: bool


class Score(Record):
    """A priority score 1..100 (100 = focus first) of a journey, stage or step.

    `value = round_half_up(1 + sum(points))`; None only when no criterion with a weight
    above 0 has a value (nothing to score, which is not the same as a low score).
    """

    subject_kind: SubjectKind
    subject_id: str
    journey_id: str
    value: int | None = Field(ge=1, le=100)
    contributions: list[CriterionContribution] = Field(default_factory=list)
    missing: list[Criterion] = Field(default_factory=list)
    formula: str = ""

    @property
    def missing_count(self) -> int:
        return len(self.missing)


class RankMove(Record):
    subject_id: str
    from_rank: int
    to_rank: int


class WeightShift(Record):
    """The ranks that change when one weight is multiplied by `factor` (0.8 or 1.2)."""

    criterion: Criterion
    factor: float
    moves: list[RankMove]


class Sensitivity(Record):
    """Which ranks change if any weight moves by ±delta; no moves = a robust ranking."""

    delta: float
    baseline: list[str] = Field(description="Subject ids in rank order (rank 1 first).")
    shifts: list[WeightShift]

    @property
    def stable(self) -> bool:
        return not any(shift.moves for shift in self.shifts)


class PriorityKind(StrEnum):
    PAIN_POINT = "pain_point"
    OPPORTUNITY = "opportunity"


class EvidenceRef(Record):
    """What backs a priority item: an insight, a step's evidence aggregate, a mined funnel."""

    kind: str = Field(
        description="insight, note, opportunity, evidence, event_log, or assumption "
        "(a default taken because the value is not known)"
    )
    ref: str = Field(description="The id it points at (insight id, step id ...).")
    summary: str


class PriorityItem(Record):
    """A pain point or opportunity ranked within its lifecycle stage.

    `expected_impact = volume x negativity x value / effort`.
    """

    kind: PriorityKind
    id: str = Field(description="Stable key: insight/opportunity id or 'evidence:<step>'.")
    title: str
    stage: str
    step: str
    volume: float = Field(ge=0, description="Customers reaching the step (cases or items).")
    negativity: float = Field(ge=0, le=1, description="How bad it is, 0..1.")
    value: float = Field(ge=0, description="Value at stake per customer (1 when not known).")
    effort: float = Field(gt=0, description="1 trivial .. 5 very large (3 when not known).")
    expected_impact: float
    evidence: list[EvidenceRef] = Field(default_factory=list)
    rank: int = Field(ge=1)


class StagePriorities(Record):
    stage: str
    name: str
    items: list[PriorityItem]


class ActionKind(StrEnum):
    DEFINE_CUSTOMERS = "define_customers"
    ALIGN_JOURNEY = "align_journey"
    PRODUCT_CHANGE = "product_change"
    DEFINE_METRIC = "define_metric"
    MEASURE_PROGRESS = "measure_progress"


class ActionStatus(StrEnum):
    SUGGESTED = "suggested"
    ACCEPTED = "accepted"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DISMISSED = "dismissed"


class ActionSource(StrEnum):
    GENERATED = "generated"
    MANUAL = "manual"


class Action(Record):
    """Something the team should do. `key` names what it is about, stably, so a suggestion
    already made (accepted, edited or dismissed) is never suggested again."""

    id: str
    key: str = Field(description="kind:subject, e.g. 'define_metric:checkout.pay'.")
    kind: ActionKind
    title: str
    description: str = ""
    journey: str
    stage: str | None = None
    step: str | None = None
    owner: str = ""
    due: date | None = None
    status: ActionStatus = ActionStatus.SUGGESTED
    fixes: str | None = Field(default=None, description="The insight id it fixes.")
    source: ActionSource = ActionSource.GENERATED
    created_at: datetime | None = None
    updated_at: datetime | None = None


class KpiKind(StrEnum):
    NPS_AT_STEP = "nps_at_step"
    CSAT_AT_STEP = "csat_at_step"
    CES_AT_STEP = "ces_at_step"
    CONVERSION = "conversion"
    DROP_OFF = "drop_off"
    TIME_BETWEEN = "time_between"


class Direction(StrEnum):
    HIGHER_IS_BETTER = "higher_is_better"
    LOWER_IS_BETTER = "lower_is_better"


#: Kinds measured at one step (`step`) and kinds between two (`from_step`, `to_step`).
ONE_STEP_KINDS = frozenset(
    {KpiKind.NPS_AT_STEP, KpiKind.CSAT_AT_STEP, KpiKind.CES_AT_STEP, KpiKind.DROP_OFF}
)
DEFAULT_UNITS: dict[KpiKind, str] = {
    KpiKind.NPS_AT_STEP: "NPS",
    KpiKind.CSAT_AT_STEP: "%",
    KpiKind.CES_AT_STEP: "CES 1-7",
    KpiKind.CONVERSION: "%",
    KpiKind.DROP_OFF: "%",
    KpiKind.TIME_BETWEEN: "s",
}
DEFAULT_DIRECTIONS: dict[KpiKind, Direction] = {
    KpiKind.NPS_AT_STEP: Direction.HIGHER_IS_BETTER,
    KpiKind.CSAT_AT_STEP: Direction.HIGHER_IS_BETTER,
    KpiKind.CES_AT_STEP: Direction.HIGHER_IS_BETTER,  # 7 = very easy
    KpiKind.CONVERSION: Direction.HIGHER_IS_BETTER,
    KpiKind.DROP_OFF: Direction.LOWER_IS_BETTER,
    KpiKind.TIME_BETWEEN: Direction.LOWER_IS_BETTER,
}
KPI_KINDS = frozenset(kind.value for kind in KpiKind)


class Kpi(Record):
    """A key metric bound to data, with a target. Percentages are 0..100."""

    id: str
    name: str
    kind: KpiKind
    journey: str
    step: str | None = Field(default=None, description="For nps/csat/ces_at_step, drop_off.")
    from_step: str | None = Field(default=None, description="For conversion, time_between.")
    to_step: str | None = None
    target: float | None = Field(default=None, allow_inf_nan=False)
    direction: Direction = Field(
        default=Direction.HIGHER_IS_BETTER,
        description="Left out: lower is better for drop_off and time_between, else higher.",
    )
    unit: str = ""

    @model_validator(mode="before")
    @classmethod
    def _direction_of_kind(cls, data: Any) -> Any:
        """Drop-off and time are better when lower; a KPI says otherwise only on purpose."""
        if isinstance(data, dict) and "direction" not in data and data.get("kind") in KPI_KINDS:
            return {**data, "direction": DEFAULT_DIRECTIONS.get(KpiKind(data["kind"]))}
        return data

    @model_validator(mode="after")
    def _parameters_fit_kind(self) -> Kpi:
        if self.kind in ONE_STEP_KINDS:
            if self.step is None:
                raise ValueError(f"a {self.kind.value} metric needs 'step'")
        elif self.from_step is None or self.to_step is None:
            raise ValueError(f"a {self.kind.value} metric needs 'from_step' and 'to_step'")
        return self

    @property
    def display_unit(self) -> str:
        return self.unit or DEFAULT_UNITS[self.kind]

    def meets(self, value: float) -> bool | None:
        """Whether `value` reaches the target; None when there is no target."""
        if self.target is None:
            return None
        if self.direction == Direction.HIGHER_IS_BETTER:
            return value >= self.target
        return value <= self.target


class KpiPointSource(StrEnum):
    IMPORT = "import"
    ANALYSIS = "analysis"
    MANUAL = "manual"


class KpiPoint(Record):
    """One dated measurement of a KPI; every import or analysis adds one."""

    kpi: str
    measured_at: datetime
    value: float = Field(allow_inf_nan=False)
    n: int = Field(ge=0, description="Answers or cases the value rests on.")
    source: KpiPointSource
    journey_version: int | None = None


class Period(Record):
    """Points measured in [start, end)."""

    start: datetime
    end: datetime

    @model_validator(mode="after")
    def _ordered(self) -> Period:
        if self.end <= self.start:
            raise ValueError("end must be after start")
        return self

    @property
    def label(self) -> str:
        return f"{self.start.isoformat()} .. {self.end.isoformat()}"


class JourneyVersion(Record):
    """Points measured on one version of the journey."""

    version: int = Field(ge=1)

    @property
    def label(self) -> str:
        return f"version {self.version}"


class KpiWindow(Record):
    """The KPI over one period or version: n-weighted mean of its points (None if none)."""

    label: str
    points: int
    n: int
    value: float | None
    target_met: bool | None


class KpiComparison(Record):
    """Before/after: `change = after - before`; `improved` follows the KPI's direction."""

    kpi: str
    before: KpiWindow
    after: KpiWindow
    change: float | None
    improved: bool | None
    target: float | None
    direction: Direction
