"""The journey linter's framework: findings, the context rules read, and the rule registry.

A rule is a small pure function registered with `@rule(...)`. It reads a `LintContext` and
yields `Flag`s (where and what); the registry stamps each flag with the rule's id, name and
severity, so a rule cannot misreport itself and adding a rule is one decorated function.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from enum import StrEnum
from functools import cached_property

from pydantic import BaseModel, ConfigDict

from cxmap.model import journey_graph
from cxmap.model.errors import PathPart, format_path
from cxmap.model.evidence import StepEvidence
from cxmap.model.journey import Insight, Journey, Opportunity, Step

Path = tuple[PathPart, ...]
RULE_ID = re.compile(r"^CX\d{3}$")
RULE_NAME = re.compile(r"^[a-z][a-z0-9]*(-[a-z0-9]+)*$")


class FindingSeverity(StrEnum):
    """Errors break the journey's logic; warnings weaken it; info points at what to look at."""

    ERROR = "error"
    WARNING = "warning"
    INFO = "info"


class Finding(BaseModel):
    """One thing the linter noticed, with where it is and what the analyst can do about it."""

    model_config = ConfigDict(frozen=True)

    rule: str
    name: str
    severity: FindingSeverity
    journey: str
    in_counterpart: bool = False
    path: Path
    element: str | None = None
    message: str
    hint: str

    @property
    def location(self) -> str:
        """The path as people read it: `stages[1].steps[0].emotion`."""
        return format_path(self.path)


@dataclass(frozen=True)
class Flag:
    """What a rule reports: where (a path, the id of the step/stage), what, and the fix."""

    path: Path
    element: str | None
    message: str
    hint: str
    in_counterpart: bool = False


@dataclass(frozen=True)
class LintContext:
    """The journey under review plus the lookups most rules need, each computed once.

    `evidence` is what stored experience data says per step id (empty when none was given).
    """

    journey: Journey
    counterpart: Journey | None = None
    counterpart_note: str = ""
    evidence: Mapping[str, StepEvidence] = field(default_factory=dict)

    @cached_property
    def step_paths(self) -> dict[str, Path]:
        return {
            step_id: ("stages", si, "steps", ti)
            for step_id, (si, ti) in self.journey.step_index().items()
        }

    @cached_property
    def reachable(self) -> set[str]:
        return journey_graph.reachable(self.journey)

    @cached_property
    def insights_on(self) -> dict[str, list[Insight]]:
        by_step: dict[str, list[Insight]] = {}
        for insight in self.journey.insights:
            by_step.setdefault(insight.step, []).append(insight)
        return by_step

    @cached_property
    def opportunities_on(self) -> dict[str, list[Opportunity]]:
        by_step: dict[str, list[Opportunity]] = {}
        for opportunity in self.journey.opportunities:
            by_step.setdefault(opportunity.step, []).append(opportunity)
        return by_step

    def located_steps(self) -> Iterator[tuple[Path, Step]]:
        """Every step with its path, in file order."""
        for si, stage in enumerate(self.journey.stages):
            for ti, step in enumerate(stage.steps):
                yield ("stages", si, "steps", ti), step


Check = Callable[[LintContext], Iterable[Flag]]


@dataclass(frozen=True)
class Rule:
    id: str
    name: str
    severity: FindingSeverity
    summary: str
    check: Check

    def run(self, context: LintContext) -> Iterator[Finding]:
        for flag in self.check(context):
            journey = context.counterpart if flag.in_counterpart else context.journey
            yield Finding(
                rule=self.id,
                name=self.name,
                severity=self.severity,
                journey=journey.id if journey else "",
                in_counterpart=flag.in_counterpart,
                path=flag.path,
                element=flag.element,
                message=flag.message,
                hint=flag.hint,
            )


class RuleRegistry:
    """The rules the linter runs, by id. One module-level instance holds the built-in rules."""

    def __init__(self) -> None:
        self._rules: dict[str, Rule] = {}

    def rule(
        self, rule_id: str, name: str, severity: FindingSeverity, summary: str
    ) -> Callable[[Check], Check]:
        """Decorator: register `check` under `rule_id` (`CX001`) and `name` (a slug)."""

        def register(check: Check) -> Check:
            self.add(Rule(rule_id, name, severity, summary, check))
            return check

        return register

    def add(self, new: Rule) -> None:
        if not RULE_ID.match(new.id) or not RULE_NAME.match(new.name):
            raise ValueError(f"rule id must look like CX001 and name like a-slug: {new}")
        clash = [r for r in self._rules.values() if new.id == r.id or new.name == r.name]
        if clash:
            raise ValueError(f"rule {new.id} {new.name} clashes with {clash[0].id}")
        self._rules[new.id] = new

    def __iter__(self) -> Iterator[Rule]:
        return iter(sorted(self._rules.values(), key=lambda r: r.id))

    def __len__(self) -> int:
        return len(self._rules)

    def __getitem__(self, rule_id: str) -> Rule:
        return self._rules[rule_id]


RULES = RuleRegistry()
rule = RULES.rule
