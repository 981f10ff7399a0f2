"""Lint a journey: run every registered rule and return the findings in a stable order.

The framework lives in `lint_registry`, the built-in rules in `lint_rules` and
`lint_rules_evidence` (imported here so they are registered); this module is the one entry
point callers need.
"""

from __future__ import annotations

from collections.abc import Mapping

import cxmap.model.lint_rules
import cxmap.model.lint_rules_evidence  # noqa: F401  (importing them registers the rules)
from cxmap.model.errors import PathPart
from cxmap.model.evidence import StepEvidence
from cxmap.model.journey import Journey
from cxmap.model.lint_registry import (
    RULES,
    Finding,
    FindingSeverity,
    Flag,
    LintContext,
    Rule,
    RuleRegistry,
    rule,
)

__all__ = [
    "RULES",
    "Finding",
    "FindingSeverity",
    "Flag",
    "LintContext",
    "Rule",
    "RuleRegistry",
    "lint",
    "rule",
]


def lint(
    journey: Journey,
    counterpart: Journey | None = None,
    *,
    counterpart_note: str = "",
    rules: RuleRegistry = RULES,
    evidence: Mapping[str, StepEvidence] | None = None,
) -> list[Finding]:
    """Every finding of every rule on `journey`, compared with its `counterpart` if given.

    `counterpart_note` says why a linked counterpart is missing (shown in the finding);
    `evidence` (per step id) lets the rules compare the map with what customers said.
    """
    context = LintContext(journey, counterpart, counterpart_note, dict(evidence or {}))
    findings = [finding for each in rules for finding in each.run(context)]
    return sorted(findings, key=_order)


def _order(finding: Finding) -> tuple[bool, tuple[tuple[int, int, str], ...], str, str]:
    """This journey before its counterpart, then by path, rule and message."""
    return (finding.in_counterpart, _path_key(finding.path), finding.rule, finding.message)


def _path_key(path: tuple[PathPart, ...]) -> tuple[tuple[int, int, str], ...]:
    return tuple((0, part, "") if isinstance(part, int) else (1, 0, part) for part in path)
