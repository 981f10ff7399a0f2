"""Read the JSON that `cxmap mine --json` wrote back into a `MiningResult`, or say where not.

A mined file travels (mailed around, kept next to the journey, edited by hand), so it is
checked as strictly as a journey: every problem names its key and its line and column.
"""

from __future__ import annotations

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from cxmap.ingest.journey_file import KEY, ParsedText, parse_text
from cxmap.model.errors import InvalidInputError, Problem
from cxmap.model.mining import MiningResult

_WANTED = {
    "int": "a whole number",
    "float": "a number",
    "string": "text",
    "bool": "true or false",
    "list": "a list",
    "dict": "a mapping (key: value)",
    "model": "a mapping (key: value)",
}
_HINT = "is this the JSON that `cxmap mine --json` writes?"


def load_mined_text(raw: bytes, source: str) -> tuple[MiningResult, ParsedText]:
    """A valid mining result and where its values sit in the text, or every problem, located."""
    if not raw.strip():
        raise InvalidInputError([Problem((), f"the file is empty; {_HINT}")], source)
    parsed = parse_text(raw, source)
    try:
        return MiningResult.model_validate(parsed.data), parsed
    except ValidationError as error:
        problems = [_locate(parsed, _problem(d)) for d in error.errors(include_url=False)]
        problems.sort(key=lambda p: (p.line or 0, p.column or 0))
        raise InvalidInputError(problems, source) from None


def _locate(parsed: ParsedText, problem: Problem) -> Problem:
    """An unknown key is shown at the key itself, anything else at its value."""
    if problem.message.startswith("unknown key"):
        position = parsed.positions.get((*problem.path, KEY))
        if position is not None:
            return Problem(problem.path, problem.message, *position)
    return parsed.locate(problem)


def _problem(detail: ErrorDetails) -> Problem:
    path = tuple(detail["loc"])
    kind = detail["type"]
    if kind == "missing":
        return Problem(path, "required key is missing")
    if kind == "extra_forbidden":
        message = f"unknown key '{path[-1]}'"
        return Problem(path, message if len(path) > 1 else f"{message}; {_HINT}")
    wanted = _WANTED.get(kind.split("_")[0])
    if wanted is not None and kind.endswith(("_type", "_parsing", "_from_float")):
        message = f"must be {wanted}, not {_kind_of(detail['input'])}"
        return Problem(path, message if path else f"{message}; {_HINT}")
    text = detail["msg"]
    return Problem(path, text[:1].lower() + text[1:])


def _kind_of(value: object) -> str:
    if value is None:
        return "nothing (null)"
    if isinstance(value, bool):
        return "true/false"
    if isinstance(value, int | float):
        return "a number"
    if isinstance(value, str):
        return "text"
    return "a list" if isinstance(value, list) else "a mapping"
