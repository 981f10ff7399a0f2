"""Lint a journey file: load it, find its current/desired counterpart, point findings at lines.

The rules themselves are pure (`model.lint`); this service adds what needs files: reading the
journey, looking for the counterpart beside it, and turning each finding's path into the
line and column of the file it points into. Evidence per step, when given, is checked to
belong to the journey and handed to the rules that compare the map with it.
"""

from __future__ import annotations

from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from pathlib import Path

from cxmap.ingest.journey_file import ParsedText, parse_text
from cxmap.model.errors import CxmapError, InvalidInputError, Problem
from cxmap.model.evidence import StepEvidence
from cxmap.model.journey import Journey
from cxmap.model.lint import Finding, FindingSeverity, lint
from cxmap.services.evidence_summary_files import check_evidence_fits
from cxmap.services.journey_files import JOURNEY_SUFFIXES, load_located, read_bytes


class LocatedFinding(Finding):
    """A finding plus the file, line and column it points at (when the file tells)."""

    file: str
    line: int | None = None
    column: int | None = None

    def describe(self) -> str:
        """`file:line:column: severity rule-id: message (hint: ...)`."""
        where = ":".join(str(p) for p in (self.file, self.line, self.column) if p is not None)
        return f"{where}: {self.severity.value} {self.rule}: {self.message} (hint: {self.hint})"


@dataclass(frozen=True)
class LintReport:
    file: str
    counterpart_file: str | None
    findings: list[LocatedFinding]

    def count(self, severity: FindingSeverity) -> int:
        return sum(1 for finding in self.findings if finding.severity is severity)

    def failed(self, strict: bool = False) -> bool:
        """Errors fail; with `strict`, warnings fail too. Info never does."""
        failing = {FindingSeverity.ERROR} | ({FindingSeverity.WARNING} if strict else set())
        return any(finding.severity in failing for finding in self.findings)


@dataclass(frozen=True)
class _JourneyFile:
    """A loaded journey, its file, and where each of its values sits in that file."""

    path: Path
    journey: Journey
    parsed: ParsedText

    @classmethod
    def load(cls, path: Path) -> _JourneyFile:
        return cls(path, *load_located(path))

    def locate(self, finding: Finding) -> LocatedFinding:
        spot = self.parsed.locate(Problem(finding.path, finding.message))
        fields = finding.model_dump()
        return LocatedFinding(**fields, file=str(self.path), line=spot.line, column=spot.column)


def lint_file(
    path: Path,
    counterpart: Path | None = None,
    evidence: Mapping[str, StepEvidence] | None = None,
) -> LintReport:
    """Findings for the journey at `path`; `counterpart` overrides the search beside it.

    `evidence` (per step id, e.g. from `read_evidence_summary`) must be about this journey's
    steps; it turns on the rules that compare the map with the evidence.
    """
    main = _JourneyFile.load(path)
    if evidence:
        check_evidence_fits(main.journey, evidence)
    other, note = (
        (_JourneyFile.load(counterpart), "") if counterpart is not None else _find_counterpart(main)
    )
    findings = lint(
        main.journey, other.journey if other else None, counterpart_note=note, evidence=evidence
    )
    located = [
        (other if finding.in_counterpart and other else main).locate(finding)
        for finding in findings
    ]
    located.sort(key=lambda f: (f.in_counterpart, f.line or 0, f.column or 0, f.rule))
    return LintReport(str(path), str(other.path) if other else None, located)


def _find_counterpart(main: _JourneyFile) -> tuple[_JourneyFile | None, str]:
    """The journey file beside `main` whose id is `main`'s `counterpart`, or why there is none."""
    wanted = main.journey.counterpart
    if wanted is None:
        return None, ""
    folder = main.path.parent
    for candidate in _candidates(main.path, wanted):
        if _peek_id(candidate) != wanted:
            continue
        try:
            return _JourneyFile.load(candidate), ""
        except InvalidInputError as error:
            count = len(error.problems)
            return None, f"{candidate} has {count} problem(s); run `cxmap validate {candidate}`"
    return None, f"no journey file with id '{wanted}' in {folder}"


def _candidates(path: Path, wanted: str) -> Iterator[Path]:
    """Journey files beside `path`, those named after the wanted id first, then by name."""
    try:
        siblings = sorted(p for p in path.parent.iterdir() if p.suffix.lower() in JOURNEY_SUFFIXES)
    except OSError:
        return
    own = path.resolve()
    ordered = sorted(siblings, key=lambda p: p.stem != wanted)
    yield from (p for p in ordered if p.is_file() and p.resolve() != own)


def _peek_id(path: Path) -> str | None:
    """The `id` a file declares, without validating the rest; None if it cannot be read."""
    try:
        data = _parse(path).data
    except CxmapError:
        return None
    ident = data.get("id") if isinstance(data, dict) else None
    return ident if isinstance(ident, str) else None


def _parse(path: Path) -> ParsedText:
    return parse_text(read_bytes(path), str(path))
