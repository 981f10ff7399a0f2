"""Duplicate ids and references that point nowhere, found in plain (not yet valid) data.

These checks read the parsed file rather than a `Journey` so they can run even when the
schema check fails: a typo in one key and a dangling `next` elsewhere are reported together,
not one validate run after the other. Values of the wrong type are skipped here; the schema
check reports them.
"""

from __future__ import annotations

import difflib
from collections.abc import Iterable, Iterator
from typing import Any

from cxmap.model.errors import PathPart, Problem
from cxmap.model.journey import SCHEMA_VERSION, TEXT_LANES

Path = tuple[PathPart, ...]
Ids = list[tuple[str, Path]]

#: Top-level collections whose items carry an `id`, and what one item is called.
_COLLECTIONS = (
    ("personas", "persona"),
    ("stakeholders", "stakeholder"),
    ("insights", "insight"),
    ("opportunities", "opportunity"),
)


def suggestion(word: str, choices: Iterable[str]) -> str:
    close = difflib.get_close_matches(word, list(choices), n=1)
    return f"; did you mean '{close[0]}'?" if close else ""


def _mappings(data: Any, key: str, path: Path) -> Iterator[tuple[dict[str, Any], Path]]:
    """The mapping items of the list at `data[key]`, each with its path."""
    items = data.get(key) if isinstance(data, dict) else None
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, dict):
                yield item, (*path, key, index)


def _texts(data: dict[str, Any], key: str, path: Path) -> Iterator[tuple[str, Path]]:
    """The text items of the list at `data[key]` (ids in `next`, `start`, `fixes`)."""
    items = data.get(key)
    if isinstance(items, list):
        for index, item in enumerate(items):
            if isinstance(item, str):
                yield item, (*path, key, index)


def _plain(ident: Any) -> bool:
    return isinstance(ident, str | int | float) and not isinstance(ident, bool)


def _ids(items: Iterable[tuple[dict[str, Any], Path]]) -> Ids:
    """`(id, path of the id)` for every item with a plain id (numbers count as their text)."""
    return [(str(item["id"]), (*path, "id")) for item, path in items if _plain(item.get("id"))]


def _well_formed(data: Any, key: str) -> bool:
    """Whether every item of `data[key]` is a mapping with an id (absent counts as empty).

    When not, the schema check reports why, and references into the collection are not
    checked: one broken `stages:` should not also make every `next` look dangling.
    """
    items = data.get(key, []) if isinstance(data, dict) else None
    return isinstance(items, list) and all(
        isinstance(item, dict) and _plain(item.get("id")) for item in items
    )


def _duplicates(items: Ids, what: str) -> Iterator[Problem]:
    seen: dict[str, Path] = {}
    for ident, path in items:
        if ident in seen:
            first = Problem(seen[ident], "").dotted_path
            yield Problem(path, f"duplicate {what} id '{ident}' (first used at {first})")
        else:
            seen[ident] = path


def _dangling(ref: str, known: list[str] | None, path: Path, what: str) -> Iterator[Problem]:
    if known is not None and ref not in known:
        yield Problem(path, f"unknown {what} '{ref}'{suggestion(ref, known)}")


def version_problems(data: Any) -> Iterator[Problem]:
    """A file written for another format version would be misread, so it is refused."""
    version = data.get("cxmap") if isinstance(data, dict) else None
    if isinstance(version, int) and not isinstance(version, bool) and version != SCHEMA_VERSION:
        supported = f"this cxmap reads version {SCHEMA_VERSION}"
        message = f"format version {version} is not supported; {supported}"
        yield Problem(("cxmap",), message)


def reference_problems_in(data: Any) -> Iterator[Problem]:
    """Every duplicate id and dangling reference in a journey given as plain data."""
    if not isinstance(data, dict):
        return
    stages = list(_mappings(data, "stages", ()))
    steps = [step for stage, path in stages for step in _mappings(stage, "steps", path)]
    yield from _duplicates(_ids(stages), "stage")
    yield from _duplicates(_ids(steps), "step")
    complete = _well_formed(data, "stages") and all(_well_formed(s, "steps") for s, _ in stages)
    known: dict[str, list[str] | None] = {
        "step": [ident for ident, _ in _ids(steps)] if complete else None
    }
    for key, what in _COLLECTIONS:
        ids = _ids(_mappings(data, key, ()))
        known[what] = [ident for ident, _ in ids] if _well_formed(data, key) else None
        yield from _duplicates(ids, what)
    yield from _duplicates(list(_texts(data, "lanes", ())), "lane")
    for ref, path in _texts(data, "start", ()):
        yield from _dangling(ref, known["step"], path, "step")
    for stage, stage_path in stages:
        yield from _lane_refs(stage.get("lanes"), (*stage_path, "lanes"), known["stakeholder"])
        for step, path in _mappings(stage, "steps", stage_path):
            for ref, ref_path in _texts(step, "next", path):
                yield from _dangling(ref, known["step"], ref_path, "step")
            yield from _lane_refs(step.get("lanes"), (*path, "lanes"), known["stakeholder"])
    yield from _anchor_refs(data, known)


def _anchor_refs(data: dict[str, Any], known: dict[str, list[str] | None]) -> Iterator[Problem]:
    """Insights and opportunities point at a step; opportunities also at the insights they fix."""
    for key in ("insights", "opportunities"):
        for item, path in _mappings(data, key, ()):
            if isinstance(item.get("step"), str):
                yield from _dangling(item["step"], known["step"], (*path, "step"), "step")
            for ref, ref_path in _texts(item, "fixes", path):
                yield from _dangling(ref, known["insight"], ref_path, "insight")


def _lane_refs(lanes: Any, path: Path, stakeholders: list[str] | None) -> Iterator[Problem]:
    if not isinstance(lanes, dict):
        return
    for lane in TEXT_LANES:
        for item, item_path in _mappings(lanes, lane.value, path):
            if isinstance(item.get("by"), str):
                where = (*item_path, "by")
                yield from _dangling(item["by"], stakeholders, where, "stakeholder")
