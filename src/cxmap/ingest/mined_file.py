"""Read the JSON that `cxmap mine --json` wrote back into a `MiningResult`, or say where not.

A mined file travels (mailed around, kept next to the journey, edited by hand), so it is
checked as strictly as a journey: every problem names its key and its line and column.
"""

from __future__ import annotations

from pydantic import ValidationError

from cxmap.ingest.journey_file import ParsedText, parse_text
from cxmap.ingest.located_validation import located_problems
from cxmap.model.errors import InvalidInputError, Problem
from cxmap.model.mining import MiningResult

_HINT = "is this the JSON that `cxmap mine --json` writes?"


def load_mined_text(raw: bytes, source: str) -> tuple[MiningResult, ParsedText]:
    """A valid mining result and where its values sit in the text, or every problem, located."""
    if not raw.strip():
        raise InvalidInputError([Problem((), f"the file is empty; {_HINT}")], source)
    parsed = parse_text(raw, source)
    try:
        return MiningResult.model_validate(parsed.data), parsed
    except ValidationError as error:
        raise InvalidInputError(located_problems(error, parsed, _HINT), source) from None
