"""Turn untrusted data (a parsed file, an API body) into a `Journey`, or say precisely why not.

Pydantic checks shapes and types and this module words its errors for people;
`references.py` adds what a schema cannot: unique ids and references that resolve. Every
problem carries the path of the offending value so callers can point at
`stages[2].steps[0].next[1]` (and, with a location map, at its line and column).
"""

from __future__ import annotations

from collections.abc import Iterator
from datetime import date
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from cxmap.model.errors import InvalidInputError, PathPart, Problem
from cxmap.model.journey import Document, Journey, Persona
from cxmap.model.references import reference_problems_in, suggestion, version_problems

Path = tuple[PathPart, ...]


def parse_journey(data: object, source: str | None = None) -> Journey:
    """Validate `data` as a journey; raise `InvalidInputError` listing every problem.

    Shape and reference problems are collected together, so one run reports them all.
    """
    problems = [*version_problems(data), *reference_problems_in(data)]
    try:
        journey = Journey.model_validate(data)
    except ValidationError as error:
        schema = [_translate(detail) for detail in error.errors(include_url=False)]
        raise InvalidInputError([*schema, *problems], source) from None
    if problems:
        raise InvalidInputError(problems, source)
    return journey


def reference_problems(journey: Journey) -> Iterator[Problem]:
    """Duplicate ids and references that point nowhere, in an already valid journey."""
    return reference_problems_in(journey.model_dump(mode="json"))


def parse_persona(data: object) -> Persona:
    """Validate `data` as one workspace persona, with problems worded as for a journey."""
    try:
        return Persona.model_validate(data)
    except ValidationError as error:
        details = error.errors(include_url=False)
        raise InvalidInputError([_translate(detail, Persona) for detail in details]) from None


def _model_at(path: Path, root: type[BaseModel] = Journey) -> type[BaseModel] | None:
    """The document type that holds the value at `path` (to list its allowed keys)."""
    model: type[BaseModel] = root
    for part in path:
        if isinstance(part, int):
            continue
        field = model.model_fields.get(part)
        if field is None:
            return None
        candidates = [field.annotation, *getattr(field.annotation, "__args__", ())]
        nested = [
            arg for c in candidates for arg in (c, *getattr(c, "__args__", ())) if _is_doc(arg)
        ]
        if not nested:
            return None
        model = nested[0]
    return model


def _is_doc(value: Any) -> bool:
    return isinstance(value, type) and issubclass(value, Document)


def _translate(detail: ErrorDetails, root: type[BaseModel] = Journey) -> Problem:
    path: Path = tuple(part for part in detail["loc"])
    kind = detail["type"]
    message = detail["msg"]
    if kind == "missing":
        message = "required key is missing"
    elif kind == "extra_forbidden":
        key = str(path[-1])
        holder = _model_at(path[:-1], root)
        allowed = sorted(holder.model_fields) if holder else []
        message = f"unknown key '{key}'{suggestion(key, allowed)}"
    elif kind == "value_error":
        message = message.removeprefix("Value error, ")
    elif kind == "string_too_short":
        message = "must not be empty"
    elif kind == "string_pattern_mismatch":
        message = "not a valid id: start with a letter or digit; use letters, digits, _ - ."
    elif kind in {"model_type", "model_attributes_type", "dict_type"}:
        message = f"must be a mapping (key: value), not {_kind_of(detail['input'])}"
    elif kind == "list_type":
        message = f"must be a list, not {_kind_of(detail['input'])}"
    elif kind in {
        "string_type",
        "float_type",
        "float_parsing",
        "int_type",
        "int_parsing",
        "bool_type",
        "bool_parsing",
        "int_from_float",
    }:
        wanted = {
            "string": "text",
            "float": "a number",
            "int": "a whole number",
            "bool": "true or false",
        }[kind.split("_")[0]]
        message = f"must be {wanted}, not {_kind_of(detail['input'])}"
    elif kind == "enum":
        expected = detail.get("ctx", {}).get("expected", "")
        message = f"must be one of {expected}, not {detail['input']!r}"
    elif kind.startswith(("date_", "datetime_")):
        message = _when_message(kind, detail.get("ctx", {}).get("error"))
    elif kind == "greater_than_equal":
        message = f"must be at least {detail.get('ctx', {}).get('ge')}"
    elif kind == "string_too_long":
        message = f"must be at most {detail.get('ctx', {}).get('max_length')} characters"
    else:
        message = message[:1].lower() + message[1:]
    return Problem(path, message)


def _when_message(kind: str, reason: object) -> str:
    """Dates are a common slip in hand-written files: show the expected form."""
    if kind.startswith("datetime_"):
        wanted = "a date and time such as 2025-01-31T09:30:00Z"
    else:
        wanted = "a date such as 2025-01-31"
    return f"must be {wanted}" + (f" ({reason})" if reason else "")


def _kind_of(value: object) -> str:
    if value is None:
        return "nothing (null)"
    names = {str: "text", int: "a number", float: "a number", bool: "true/false", list: "a list"}
    if isinstance(value, date):  # YAML reads an unquoted 2025-03-01 as a date
        return "a date"
    return names.get(type(value), "a mapping" if isinstance(value, dict) else type(value).__name__)
