"""The actual journey to draw over a desired one: from a mined JSON file or mined on the spot.

`cxmap render JOURNEY --mined mined.json` reads what `cxmap mine --journey` wrote;
`--log LOG` mines the log now through the same use case as `cxmap mine`. Either way the
result is checked against the journey being drawn, and a mismatch names the key of the
mined file (with its line) so nobody draws one journey's counts over another.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cxmap.ingest.mined_file import load_mined_text
from cxmap.model.errors import CxmapError, InvalidInputError
from cxmap.model.journey import Journey
from cxmap.model.journey_gap import GapOverlay, gap_overlay
from cxmap.model.mining import ColumnMapping
from cxmap.services.journey_files import read_bytes
from cxmap.services.mining import MineRequest, mine_log


@dataclass(frozen=True)
class ActualJourney:
    """Where the actual journey comes from: `mined` (a JSON file) or `log` (mined now)."""

    mined: Path | None = None
    log: Path | None = None
    mapping: ColumnMapping = field(default_factory=ColumnMapping)


def overlay_for(journey: Journey, journey_path: Path, actual: ActualJourney) -> GapOverlay:
    """The counts to draw over `journey` (read from `journey_path`)."""
    if actual.mined is not None:
        return _from_mined_file(journey, actual.mined)
    if actual.log is None:
        raise CxmapError("give a mined JSON file (--mined) or an event log (--log)")
    result = mine_log(MineRequest(log=actual.log, journey=journey_path, mapping=actual.mapping))
    return gap_overlay(journey, result, actual.log.name)


def _from_mined_file(journey: Journey, path: Path) -> GapOverlay:
    result, parsed = load_mined_text(read_bytes(path), str(path))
    try:
        return gap_overlay(journey, result, path.name)
    except InvalidInputError as error:
        located = [parsed.locate(problem) for problem in error.problems]
        raise InvalidInputError(located, str(path)) from None
