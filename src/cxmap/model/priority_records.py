"""Prioritisation as a workspace keeps it: weights, entered inputs, actions with their
history, key metrics with their points, and the event-log results they are measured on.

`cxmap.model.priorities` holds what the scoring engine computes with; these records add what
only a store knows (versions for optimistic concurrency, who changed what and when, the
database ids) and the bodies the API and the CLI send, so neither speaks rows.
"""

from __future__ import annotations

from datetime import UTC, date, datetime
from enum import StrEnum
from typing import TypeVar
from uuid import UUID

from pydantic import BaseModel, Field, ValidationError
from pydantic_core import ErrorDetails

from cxmap.model.errors import InvalidInputError, Problem
from cxmap.model.journey import Identifier
from cxmap.model.mining import MiningResult
from cxmap.model.priorities import (
    Action,
    ActionKind,
    ActionStatus,
    JourneyVersion,
    Kpi,
    KpiPoint,
    Period,
    Record,
    Score,
    ScoreInputs,
    ScoringSettings,
    Sensitivity,
    StagePriorities,
)

Body = TypeVar("Body", bound=BaseModel)
#: The version of scoring settings or inputs nobody saved yet. Not 0: a malformed If-Match
#: reads as version 0 and must never match anything.
UNSAVED_VERSION = 1


class StoredScoring(Record):
    """A workspace's weights and scale; `version` is the ETag a change must name."""

    workspace_id: UUID
    version: int = Field(description="1 = the defaults, never saved; each save adds one.")
    updated_at: datetime | None
    updated_by: UUID | None
    settings: ScoringSettings


class JourneyInputs(Record):
    """What a team entered for one journey: its own inputs and those of stages and steps.

    Values derived from data (frequency from the event log, experience from evidence) are
    not kept here: they are taken fresh from the data each time a score is computed.
    """

    journey: ScoreInputs = Field(default_factory=ScoreInputs)
    parts: dict[Identifier, ScoreInputs] = Field(
        default_factory=dict, description="Stage or step id -> its entered inputs."
    )


class StoredInputs(Record):
    """A journey's entered inputs; `version` 1 = nothing entered yet (as for settings)."""

    journey_id: UUID
    journey: str = Field(description="The journey's own id (slug).")
    version: int
    updated_at: datetime | None
    updated_by: UUID | None
    inputs: JourneyInputs


class JourneyScores(Record):
    """A journey's own score and those of its stages and steps (map order)."""

    journey_id: UUID
    journey: Score
    parts: list[Score]


class ScoreBoard(Record):
    """Every live journey of a workspace scored and ranked (rank 1 = focus first)."""

    settings: ScoringSettings
    what_if: bool = Field(description="True when weights were overridden (nothing saved).")
    ranking: list[RankedScore]


class RankedScore(Record):
    rank: int
    journey_id: UUID
    title: str
    score: Score


class SensitivityReport(Record):
    """The ranking's robustness (subject ids are journey slugs) and the weights it used."""

    weights_version: int
    sensitivity: Sensitivity


class JourneyPriorities(Record):
    journey_id: UUID
    stages: list[StagePriorities]


class StoredAction(Action):
    """An action as stored: `id` is its UUID as text; `journey` the journey's current slug."""

    workspace_id: UUID
    journey_id: UUID
    version: int
    created_by: UUID | None = None
    updated_by: UUID | None = None


class FieldChange(Record):
    field: str
    before: str | None
    after: str | None


class ActionChange(Record):
    """One entry of an action's history: who changed which fields, when."""

    action_id: UUID
    changed_at: datetime
    changed_by: UUID | None = Field(description="The account; None for the local CLI.")
    changes: list[FieldChange]


class NewAction(Record):
    """A body creating an action by hand (suggestions are generated, see `suggest`)."""

    journey: Identifier = Field(description="The journey's own id (slug) in the workspace.")
    kind: ActionKind
    title: str = Field(min_length=1, max_length=500)
    description: str = ""
    stage: Identifier | None = None
    step: Identifier | None = None
    owner: str = Field(default="", max_length=200)
    due: date | None = None
    status: ActionStatus = Field(
        default=ActionStatus.ACCEPTED, description="A person's own action is accepted work."
    )
    fixes: Identifier | None = None


class ActionEdit(Record):
    """A change of an action: only the fields given change (null clears owner or due)."""

    title: str | None = Field(default=None, min_length=1, max_length=500)
    description: str | None = None
    owner: str | None = Field(default=None, max_length=200)
    due: date | None = None
    status: ActionStatus | None = None


class SuggestOutcome(Record):
    """What a suggestion run stored: new actions, and how many were already there."""

    added: list[StoredAction]
    already_known: int


class ActionExportFormat(StrEnum):
    CSV = "csv"
    JSON = "json"
    JIRA = "jira"
    GITHUB = "github"


class StoredKpi(Record):
    """A key metric as stored; `kpi.id` is its slug, unique in the workspace."""

    id: UUID
    workspace_id: UUID
    journey_id: UUID
    version: int
    created_at: datetime
    created_by: UUID | None
    updated_at: datetime
    updated_by: UUID | None
    kpi: Kpi


class KpiSeries(Record):
    """A metric and its points, oldest first; `latest_met` tells the last against target."""

    kpi: StoredKpi
    points: list[KpiPoint]
    latest_met: bool | None


class ManualPoint(Record):
    """A body adding one measured value by hand."""

    value: float = Field(allow_inf_nan=False)
    n: int = Field(default=1, ge=0, le=2**31 - 1)
    measured_at: datetime | None = Field(default=None, description="Default: now.")


class ChartFormat(StrEnum):
    SVG = "svg"
    PNG = "png"
    PDF = "pdf"


class StoredMining(Record):
    """An event-log analysis kept for a journey: its frequency and funnel feed the scores,
    the priorities and the conversion, drop-off and time metrics."""

    id: UUID
    journey_id: UUID
    journey_version: int
    recorded_at: datetime
    recorded_by: UUID | None
    log_name: str | None = Field(
        default=None, description="The event log's file name, when it was uploaded."
    )
    result: MiningResult


class MiningSummary(Record):
    """One stored analysis of a journey, for its history: what `StoredMining` holds but
    the result itself."""

    id: UUID
    journey_id: UUID
    journey_version: int
    recorded_at: datetime
    recorded_by: UUID | None
    log_name: str | None
    cases: int
    events: int


class RecordedPoints(Record):
    """What `record` measured: one point per metric that had data, and those without."""

    journey_id: UUID
    points: list[KpiPoint]
    without_data: list[str] = Field(description="Slugs of metrics with nothing to measure.")


ScoreBoard.model_rebuild()


def parse_body(model: type[Body], data: object, prefix: tuple[str, ...] = ()) -> Body:
    """`data` (a request body, a CLI value) as `model`, or an `InvalidInputError` naming
    each problem by its path (`weights.cost: must be >= 0`), after `prefix`."""
    try:
        return model.model_validate(data)
    except ValidationError as error:
        problems = [_problem(detail, prefix) for detail in error.errors(include_url=False)]
        raise InvalidInputError(problems) from None


def _problem(detail: ErrorDetails, prefix: tuple[str, ...]) -> Problem:
    path = (*prefix, *(part for part in detail["loc"] if part != "__root__"))
    kind, message = detail["type"], detail["msg"]
    if kind == "missing":
        message = "required key is missing"
    elif kind == "extra_forbidden":
        message = f"unknown key '{path[-1]}'" if path else "unknown key"
    elif kind == "value_error":
        message = message.removeprefix("Value error, ")
    return Problem(path, message[:1].lower() + message[1:])


def parse_window(text: str, name: str) -> Period | JourneyVersion:
    """A comparison window as people write it: `A..B` (dates or ISO times; A included, B
    not; a time without a zone is UTC) or `vN` (version N of the journey)."""
    written = text.strip()
    if written.lower().startswith("v") and written[1:].isdigit():
        return parse_body(JourneyVersion, {"version": int(written[1:])}, (name,))
    start, separator, end = written.partition("..")
    if not separator:
        raise InvalidInputError(
            [Problem((name,), f"{text!r}: write START..END (dates or times) or vN (a version)")]
        )
    return parse_body(
        Period, {"start": parse_moment(start, name), "end": parse_moment(end, name)}, (name,)
    )


def parse_moment(text: str, name: str) -> datetime:
    """A date or ISO time as people type it; without a zone it is UTC."""
    try:
        moment = datetime.fromisoformat(text.strip())
    except ValueError:
        message = f"{text.strip()!r} is not a date or time (2025-03-01, 2025-03-01T09:00Z)"
        raise InvalidInputError([Problem((name,), message)]) from None
    return moment if moment.tzinfo else moment.replace(tzinfo=UTC)
