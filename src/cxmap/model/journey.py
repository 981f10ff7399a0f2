"""The journey as CX teams draw it: stages, touchpoints, lanes, emotions, insights.

These types are the single schema behind the YAML/JSON file format, the API bodies and the
stored rows, so a journey round-trips exactly between them. Cross-references (ids used by
`next`, insights, opportunities) are checked in `validation.py`, where a problem can be
reported at the path that holds the bad reference.
"""

from __future__ import annotations

import re
from datetime import date, datetime
from enum import StrEnum
from typing import Annotated, Any

from pydantic import (
    AfterValidator,
    BaseModel,
    ConfigDict,
    Field,
    Strict,
    StringConstraints,
    WithJsonSchema,
    model_validator,
)

SCHEMA_VERSION = 1


def _between(low: int, high: int) -> AfterValidator:
    """A range check whose error names both bounds (`must be between -2 and 2`)."""

    def check(value: float) -> float:
        if not low <= value <= high:
            raise ValueError(f"must be between {low} and {high}")
        return value

    return AfterValidator(check)


def _range_schema(low: int, high: int, kind: str, description: str) -> WithJsonSchema:
    return WithJsonSchema(
        {"type": kind, "minimum": low, "maximum": high, "description": description}
    )


Identifier = Annotated[
    str,
    StringConstraints(pattern=r"^[A-Za-z0-9][A-Za-z0-9_.-]*$", max_length=80),
    Field(description="Stable id: letters, digits, '_', '-', '.'; unique within the journey."),
]
Text = Annotated[str, StringConstraints(strip_whitespace=True, min_length=1)]

# Strict: in a journey file `emotion: true` or `emotion: "1"` is a mistake, not a number.
Emotion = Annotated[
    float,
    Strict(),
    _between(-2, 2),
    _range_schema(-2, 2, "number", "How the customer feels: -2 .. 0 (baseline) .. +2."),
]
Severity = Annotated[
    int, Strict(), _between(1, 5), _range_schema(1, 5, "integer", "1 minor .. 5 critical.")
]
Effort = Annotated[
    int, Strict(), _between(1, 5), _range_schema(1, 5, "integer", "1 trivial .. 5 very large.")
]


def _compiles(pattern: str) -> str:
    """A pattern that cannot compile is a mistake in the file, reported where it is written."""
    try:
        re.compile(pattern, re.IGNORECASE)
    except re.error as error:
        raise ValueError(f"not a valid regular expression: {error}") from None
    return pattern


Pattern = Annotated[
    str,
    StringConstraints(min_length=1),
    AfterValidator(_compiles),
    Field(description="A regular expression (Python syntax), matched case-insensitively."),
]


class Document(BaseModel):
    """Base of every journey-file type: unknown keys are errors, not silently dropped."""

    model_config = ConfigDict(extra="forbid", populate_by_name=True)


class JourneyKind(StrEnum):
    CURRENT = "current"
    DESIRED = "desired"


class JourneyStatus(StrEnum):
    DRAFT = "draft"
    REVIEW = "review"
    PUBLISHED = "published"
    ARCHIVED = "archived"


class Channel(StrEnum):
    WEB = "web"
    APP = "app"
    STORE = "store"
    PHONE = "phone"
    CHAT = "chat"
    EMAIL = "email"
    SMS = "sms"
    SOCIAL = "social"
    POST = "post"
    PARTNER = "partner"
    KIOSK = "kiosk"
    ATM = "atm"
    IN_PERSON = "in_person"
    VIDEO = "video"
    ADVERTISING = "advertising"
    WORD_OF_MOUTH = "word_of_mouth"
    OTHER = "other"


class Lane(StrEnum):
    """Rows of the map, top to bottom. Frontstage and below form the service blueprint."""

    ACTIONS = "actions"
    TOUCHPOINTS = "touchpoints"
    THOUGHTS = "thoughts"
    EMOTIONS = "emotions"
    PAIN_POINTS = "pain_points"
    OPPORTUNITIES = "opportunities"
    FRONTSTAGE = "frontstage"
    BACKSTAGE = "backstage"
    SUPPORT = "support"


DEFAULT_LANES: tuple[Lane, ...] = tuple(Lane)
#: Lanes filled with free-text items anchored to a stage or a step.
TEXT_LANES: tuple[Lane, ...] = (
    Lane.ACTIONS,
    Lane.THOUGHTS,
    Lane.FRONTSTAGE,
    Lane.BACKSTAGE,
    Lane.SUPPORT,
)
#: Lanes drawn below the line of visibility: what the customer does not see.
BELOW_LINE_OF_VISIBILITY: frozenset[Lane] = frozenset({Lane.BACKSTAGE, Lane.SUPPORT})


class EvidenceKind(StrEnum):
    SURVEY = "survey"
    SOCIAL = "social"
    CHAT = "chat"
    INTERVIEW = "interview"
    DOCUMENT = "document"
    AUDIO = "audio"
    IMAGE = "image"
    ANALYTICS = "analytics"
    NOTE = "note"


class StakeholderKind(StrEnum):
    INTERNAL = "internal"
    PARTNER = "partner"
    CUSTOMER = "customer"


class InsightKind(StrEnum):
    PAIN = "pain"
    GAIN = "gain"


class OpportunityStatus(StrEnum):
    PROPOSED = "proposed"
    ACCEPTED = "accepted"
    IN_PROGRESS = "in_progress"
    DONE = "done"
    DISMISSED = "dismissed"


class Persona(Document):
    id: Identifier
    name: Text
    description: str = ""
    goals: list[Text] = Field(default_factory=list)
    frustrations: list[Text] = Field(default_factory=list)
    segment: str = Field(default="", description="Which customers this persona covers.")


class Stakeholder(Document):
    """Someone behind the scenes: a team, a role or a partner company (service blueprint)."""

    id: Identifier
    name: Text
    kind: StakeholderKind = StakeholderKind.INTERNAL
    department: str = ""


class LaneItem(Document):
    """One card in a text lane. In a file a bare string is short for `{text: ...}`."""

    text: Text
    by: Identifier | None = Field(default=None, description="Stakeholder id doing this.")

    @model_validator(mode="before")
    @classmethod
    def _from_text(cls, value: Any) -> Any:
        return {"text": value} if isinstance(value, str) else value


class LaneItems(Document):
    """Items of the text lanes anchored to one stage or step."""

    actions: list[LaneItem] = Field(default_factory=list)
    thoughts: list[LaneItem] = Field(default_factory=list)
    frontstage: list[LaneItem] = Field(default_factory=list)
    backstage: list[LaneItem] = Field(default_factory=list)
    support: list[LaneItem] = Field(default_factory=list)

    def of(self, lane: Lane) -> list[LaneItem]:
        items: list[LaneItem] = getattr(self, lane.value)
        return items

    def is_empty(self) -> bool:
        return not any(self.of(lane) for lane in TEXT_LANES)


class EvidenceNote(Document):
    """A piece of experience data quoted in the journey file to back a step's emotion."""

    kind: EvidenceKind = EvidenceKind.NOTE
    text: Text
    source: str = ""


class EvidenceMatch(Document):
    """How imported evidence finds its step: words or patterns in the item's text.

    The rules are written in the journey, beside the step they point to, so the team that
    owns the map also owns how data lands on it.
    """

    keywords: list[Text] = Field(
        default_factory=list,
        description="Words or phrases; an item containing one as whole words belongs here "
        "(case-insensitive).",
    )
    patterns: list[Pattern] = Field(
        default_factory=list, description="Regular expressions searched in the item's text."
    )


class Step(Document):
    """A touchpoint: one moment where the customer meets the business."""

    id: Identifier
    name: Text
    channel: Channel | None = None
    department: str | None = Field(default=None, description="Owning department.")
    description: str = ""
    facts: list[Text] = Field(default_factory=list)
    emotion: Emotion | None = None
    feeling: str = Field(default="", description="A word for the emotion, e.g. 'anxious'.")
    evidence: list[EvidenceNote] = Field(default_factory=list)
    next: list[Identifier] = Field(default_factory=list, description="Step ids that can follow.")
    final: bool = Field(default=False, description="The journey may end here.")
    actors: list[str] = Field(
        default_factory=list, description="People taking part in this step (Mermaid's actors)."
    )
    sub_journey: Identifier | None = Field(default=None, description="Journey this step opens.")
    metrics: list[Text] = Field(default_factory=list)
    lanes: LaneItems = Field(default_factory=LaneItems)
    match: EvidenceMatch | None = Field(
        default=None, description="Rules that map imported evidence to this step."
    )


class Stage(Document):
    """A column of the map: a phase of the journey with the customer's goal and needs."""

    id: Identifier
    name: Text
    goal: str = ""
    needs: list[Text] = Field(default_factory=list)
    lanes: LaneItems = Field(default_factory=LaneItems)
    steps: list[Step] = Field(default_factory=list)


class Insight(Document):
    """A pain point or a gain, anchored to a step and backed by evidence."""

    id: Identifier
    kind: InsightKind = InsightKind.PAIN
    title: Text
    description: str = ""
    step: Identifier
    severity: Severity = 3
    evidence: list[EvidenceNote] = Field(default_factory=list)


class Opportunity(Document):
    """A change that would fix one or more insights."""

    id: Identifier
    title: Text
    description: str = ""
    step: Identifier
    fixes: list[Identifier] = Field(default_factory=list, description="Insight ids.")
    owner: str = ""
    status: OpportunityStatus = OpportunityStatus.PROPOSED
    effort: Effort | None = None
    impact: str = ""
    kpi: str = ""
    due: date | None = None


class ParentLink(Document):
    """Where a sub-journey hangs: the parent journey and the step that opens it."""

    journey: Identifier
    step: Identifier


class Journey(Document):
    """A customer journey: the document users write, validate, lint and render."""

    cxmap: int = Field(default=SCHEMA_VERSION, description="Format version of this file.")
    id: Identifier
    title: Text
    description: str = ""
    accessible_title: str = Field(default="", description="Short title for screen readers.")
    accessible_description: str = Field(
        default="", description="What the map shows, for screen readers."
    )
    kind: JourneyKind = JourneyKind.CURRENT
    counterpart: Identifier | None = Field(
        default=None, description="Id of the desired journey for a current one, or vice versa."
    )
    parent: ParentLink | None = None
    status: JourneyStatus = JourneyStatus.DRAFT
    owner: str = ""
    tags: list[Text] = Field(default_factory=list)
    version: int = Field(default=1, ge=1)
    updated_at: datetime | None = None
    personas: list[Persona] = Field(default_factory=list)
    stakeholders: list[Stakeholder] = Field(default_factory=list)
    lanes: list[Lane] = Field(
        default_factory=lambda: list(DEFAULT_LANES), description="Rows shown, top to bottom."
    )
    start: list[Identifier] = Field(
        default_factory=list, description="Entry steps; empty means the first step."
    )
    stages: list[Stage] = Field(default_factory=list)
    activity_map: dict[str, Identifier] = Field(
        default_factory=dict,
        description=(
            "Event-log activity name -> step id, for activities not named like a step "
            "(by id or name) when the actual journey is mined from an event log."
        ),
    )
    insights: list[Insight] = Field(default_factory=list)
    opportunities: list[Opportunity] = Field(default_factory=list)

    def steps(self) -> list[Step]:
        return [step for stage in self.stages for step in stage.steps]

    def step_index(self) -> dict[str, tuple[int, int]]:
        """Step id -> (stage index, step index within the stage)."""
        return {
            step.id: (si, ti)
            for si, stage in enumerate(self.stages)
            for ti, step in enumerate(stage.steps)
        }

    def entry_steps(self) -> list[str]:
        if self.start:
            return list(self.start)
        steps = self.steps()
        return [steps[0].id] if steps else []
