"""Pydantic's complaints about a JSON file cxmap wrote, worded for people and located.

Files cxmap writes for itself to read back (a mined result, an evidence summary) travel:
they are mailed around, kept next to the journey, edited by hand. So each is checked as
strictly as a journey, and every problem names its key and the line and column it sits at.
"""

from __future__ import annotations

from pydantic import ValidationError
from pydantic_core import ErrorDetails

from cxmap.ingest.journey_file import KEY, ParsedText
from cxmap.model.errors import Problem

_WANTED = {
    "int": "a whole number",
    "float": "a number",
    "string": "text",
    "bool": "true or false",
    "list": "a list",
    "dict": "a mapping (key: value)",
    "model": "a mapping (key: value)",
}


def located_problems(error: ValidationError, parsed: ParsedText, hint: str) -> list[Problem]:
    """One problem per complaint, in file order; `hint` follows a problem with the whole
    document (wrong type, unknown top-level key), which usually means the wrong file."""
    problems = [_locate(parsed, _problem(d, hint)) for d in error.errors(include_url=False)]
    return sorted(problems, key=lambda p: (p.line or 0, p.column or 0))


def _locate(parsed: ParsedText, problem: Problem) -> Problem:
    """An unknown key is shown at the key itself, anything else at its value."""
    if problem.message.startswith("unknown key"):
        position = parsed.positions.get((*problem.path, KEY))
        if position is not None:
            return Problem(problem.path, problem.message, *position)
    return parsed.locate(problem)


def _problem(detail: ErrorDetails, hint: str) -> Problem:
    path = tuple(detail["loc"])
    kind = detail["type"]
    if kind == "missing":
        return Problem(path, "required key is missing")
    if kind == "extra_forbidden":
        message = f"unknown key '{path[-1]}'"
        return Problem(path, message if len(path) > 1 else f"{message}; {hint}")
    wanted = _WANTED.get(kind.split("_")[0])
    if wanted is not None and kind.endswith(("_type", "_parsing", "_from_float")):
        message = f"must be {wanted}, not {_kind_of(detail['input'])}"
        return Problem(path, message if path else f"{message}; {hint}")
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
