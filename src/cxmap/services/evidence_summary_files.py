"""Evidence summaries from files, for `cxmap lint --evidence` and `cxmap render --evidence`.

The file is what `cxmap evidence summary --json` prints. Reading it and checking that it
belongs to the journey are separate steps: the CLI reads it once (bad JSON is a located
problem, and nothing has been drawn or written yet), the lint and render use cases check it
against the journey they were given, so evidence of another journey is never drawn over
this one.
"""

from __future__ import annotations

from collections.abc import Mapping
from pathlib import Path

from cxmap.ingest.evidence_summary_file import load_evidence_summary_text
from cxmap.model.errors import CxmapError
from cxmap.model.evidence import StepEvidence
from cxmap.model.journey import Journey
from cxmap.services.journey_files import read_bytes

LISTED = 3


def read_evidence_summary(path: Path) -> dict[str, StepEvidence]:
    """The evidence per step id in the file at `path`; `InvalidInputError` locates problems."""
    return load_evidence_summary_text(read_bytes(path), str(path))


def check_evidence_fits(journey: Journey, evidence: Mapping[str, StepEvidence]) -> None:
    """Refuse evidence for steps the journey does not have: it was summarised for another."""
    known = journey.step_index()
    strangers = [step for step in evidence if step not in known]
    if not strangers:
        return
    shown = ", ".join(f"'{step}'" for step in strangers[:LISTED])
    more = f" and {len(strangers) - LISTED} more" if len(strangers) > LISTED else ""
    raise CxmapError(
        f"the evidence names step(s) {shown}{more} that journey '{journey.id}' does not "
        "have; was it summarised for another journey?"
    )
