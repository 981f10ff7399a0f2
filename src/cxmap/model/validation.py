"""Turn untrusted data (a parsed file, an API body) into a `Journey`, or say precisely why not.

Pydantic checks shapes and types; this module adds what a schema cannot: unique ids and
references that resolve. Every problem carries the path of the offending value so callers can
point at `stages[2].steps[0].next[1]` (and, with a location map, at its line and column).
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import Any

from pydantic import BaseModel, ValidationError
from pydantic_core import ErrorDetails

from cxmap.model.errors import InvalidInputError, PathPart, Problem
from cxmap.model.journey import Document, Journey

Path = tuple[PathPart, ...]


def parse_journey(data: object, source: str | None = None) -> Journey:
    """Validate `data` as a journey; raise `InvalidInputError` listing every problem."""
    try:
        journey = Journey.model_validate(data)
    except ValidationError as error:
        problems = [_translate(detail) for detail in error.errors(include_url=False)]
        raise InvalidInputError(problems, source) from None
    problems = list(reference_problems(journey))
    if problems:
        raise InvalidInputError(problems, source)
    return journey


def _suggest(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


def _model_at(path: Path) -> type[BaseModel] | None:
    """The document type that holds the value at `path` (to list its allowed keys)."""
    model: type[BaseModel] = Journey
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


def _translate(detail: ErrorDetails) -> Problem:
    path: Path = tuple(part for part in detail["loc"])
    kind = detail["type"]
    message = detail["msg"]
    if kind == "missing":
        message = "required key is missing"
    elif kind == "extra_forbidden":
        key = str(path[-1])
        holder = _model_at(path[:-1])
        allowed = sorted(holder.model_fields) if holder else []
        message = f"unknown key '{key}'{_suggest(key, allowed)}"
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
    else:
        message = message[:1].lower() + message[1:]
    return Problem(path, message)


def _kind_of(value: object) -> str:
    if value is None:
        return "nothing (null)"
    names = {str: "text", int: "a number", float: "a number", bool: "true/false", list: "a list"}
    return names.get(type(value), "a mapping" if isinstance(value, dict) else type(value).__name__)


def _duplicates(items: Iterable[tuple[str, Path]], what: str) -> Iterator[Problem]:
    seen: dict[str, Path] = {}
    for ident, path in items:
        if ident in seen:
            first = seen[ident]
            yield Problem(path, f"duplicate {what} id '{ident}' (first used at {_fmt(first)})")
        else:
            seen[ident] = path


def _fmt(path: Path) -> str:
    return Problem(path, "").dotted_path


def _dangling(ref: str, known: Iterable[str], path: Path, what: str) -> Iterator[Problem]:
    names = list(known)
    if ref not in names:
        yield Problem(path, f"unknown {what} '{ref}'{_suggest(ref, names)}")


def reference_problems(journey: Journey) -> Iterator[Problem]:
    """Duplicate ids and references that point nowhere."""
    step_paths: list[tuple[str, Path]] = [
        (step.id, ("stages", si, "steps", ti, "id"))
        for si, stage in enumerate(journey.stages)
        for ti, step in enumerate(stage.steps)
    ]
    collections: list[tuple[str, list[tuple[str, Path]]]] = [
        ("stage", [(s.id, ("stages", i, "id")) for i, s in enumerate(journey.stages)]),
        ("step", step_paths),
        ("persona", [(p.id, ("personas", i, "id")) for i, p in enumerate(journey.personas)]),
        (
            "stakeholder",
            [(p.id, ("stakeholders", i, "id")) for i, p in enumerate(journey.stakeholders)],
        ),
        ("insight", [(p.id, ("insights", i, "id")) for i, p in enumerate(journey.insights)]),
        (
            "opportunity",
            [(p.id, ("opportunities", i, "id")) for i, p in enumerate(journey.opportunities)],
        ),
    ]
    for what, items in collections:
        yield from _duplicates(items, what)
    yield from _duplicates(
        ((lane.value, ("lanes", i)) for i, lane in enumerate(journey.lanes)), "lane"
    )

    step_ids = [ident for ident, _ in step_paths]
    stakeholder_ids = [s.id for s in journey.stakeholders]
    insight_ids = [i.id for i in journey.insights]
    for k, ref in enumerate(journey.start):
        yield from _dangling(ref, step_ids, ("start", k), "step")
    for si, stage in enumerate(journey.stages):
        yield from _lane_refs(stage.lanes.model_dump(), ("stages", si, "lanes"), stakeholder_ids)
        for ti, step in enumerate(stage.steps):
            here: Path = ("stages", si, "steps", ti)
            for k, ref in enumerate(step.next):
                yield from _dangling(ref, step_ids, (*here, "next", k), "step")
            yield from _lane_refs(step.lanes.model_dump(), (*here, "lanes"), stakeholder_ids)
    for i, insight in enumerate(journey.insights):
        yield from _dangling(insight.step, step_ids, ("insights", i, "step"), "step")
    for i, opportunity in enumerate(journey.opportunities):
        yield from _dangling(opportunity.step, step_ids, ("opportunities", i, "step"), "step")
        for k, ref in enumerate(opportunity.fixes):
            yield from _dangling(ref, insight_ids, ("opportunities", i, "fixes", k), "insight")


def _lane_refs(lanes: dict[str, Any], path: Path, stakeholders: list[str]) -> Iterator[Problem]:
    for lane, items in lanes.items():
        for k, item in enumerate(items):
            if item["by"] is not None:
                where = (*path, lane, k, "by")
                yield from _dangling(item["by"], stakeholders, where, "stakeholder")
