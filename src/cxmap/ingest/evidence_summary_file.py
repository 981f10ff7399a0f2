"""Read an evidence summary file (`{step_id: StepEvidence}`) back, or say where it is wrong.

`cxmap evidence summary --json` prints what the evidence says per step; `cxmap lint
--evidence` and `cxmap render --evidence` read that file. It may have been kept for a while
or edited by hand, so it is checked as strictly as a journey and every problem is located.
"""

from __future__ import annotations

from pydantic import TypeAdapter, ValidationError

from cxmap.ingest.journey_file import ParsedText, parse_text
from cxmap.ingest.located_validation import located_problems
from cxmap.model.errors import InvalidInputError, Problem
from cxmap.model.evidence import StepEvidence

_HINT = "is this the JSON that `cxmap evidence summary --json` prints?"
_SUMMARY = TypeAdapter(dict[str, StepEvidence])


def load_evidence_summary_text(raw: bytes, source: str) -> dict[str, StepEvidence]:
    """The evidence per step id, in file order, or every problem with its line and column."""
    if not raw.strip():
        raise InvalidInputError([Problem((), f"the file is empty; {_HINT}")], source)
    parsed = parse_text(raw, source)
    try:
        summary = _SUMMARY.validate_python(parsed.data)
    except ValidationError as error:
        raise InvalidInputError(located_problems(error, parsed, _HINT), source) from None
    misfiled = _misfiled(summary, parsed)
    if misfiled:
        raise InvalidInputError(misfiled, source)
    return summary


def _misfiled(summary: dict[str, StepEvidence], parsed: ParsedText) -> list[Problem]:
    """Entries listed under one step id that say they are about another."""
    return [
        parsed.locate(
            Problem(
                (key, "step"),
                f"is '{evidence.step}' but the entry is listed under '{key}'; "
                "the key and its `step` must be the same step id",
            )
        )
        for key, evidence in summary.items()
        if evidence.step != key
    ]
