"""Editing one part of a journey document: a stage, a step, an insight, an opportunity, a
lane item, or a JSON merge patch of the whole.

Every edit works on the document as plain JSON data and returns a new document; the caller
then validates the *whole* result with `parse_journey`. So a step sent on its own is held to
exactly the rules of a journey file, and a problem is reported where it sits in the journey
(`stages[2].steps[0].emotion`), including the references the edit broke elsewhere (a
deleted step that another step's `next` still names).
"""

from __future__ import annotations

import copy
from enum import StrEnum
from typing import Any

from cxmap.model.errors import InvalidInputError, NotFoundError, PathPart, Problem
from cxmap.model.journey import TEXT_LANES, Lane
from cxmap.model.references import suggestion

JsonDocument = dict[str, Any]
ItemPath = tuple[PathPart, ...]


class PartKind(StrEnum):
    """The parts of a journey that have an id of their own and can be edited one by one."""

    STAGE = "stage"
    STEP = "step"
    INSIGHT = "insight"
    OPPORTUNITY = "opportunity"


class AnchorKind(StrEnum):
    """What lane items hang from."""

    STAGE = "stage"
    STEP = "step"


def part_paths(document: JsonDocument, kind: PartKind) -> dict[str, ItemPath]:
    """Id -> path of every part of `kind`, in document order."""
    stages = document.get("stages", [])
    if kind is PartKind.STAGE:
        return {stage["id"]: ("stages", si) for si, stage in enumerate(stages)}
    if kind is PartKind.STEP:
        return {
            step["id"]: ("stages", si, "steps", ti)
            for si, stage in enumerate(stages)
            for ti, step in enumerate(stage.get("steps", []))
        }
    field = _TOP_LEVEL[kind]
    return {item["id"]: (field, index) for index, item in enumerate(document.get(field, []))}


_TOP_LEVEL = {PartKind.INSIGHT: "insights", PartKind.OPPORTUNITY: "opportunities"}


def list_parts(document: JsonDocument, kind: PartKind) -> list[Any]:
    return [_at(document, path) for path in part_paths(document, kind).values()]


def get_part(document: JsonDocument, kind: PartKind, part_id: str) -> Any:
    return _at(document, locate(document, kind, part_id))


def locate(document: JsonDocument, kind: PartKind, part_id: str) -> ItemPath:
    """The path of one part, or `NotFoundError` with a suggestion for a near miss."""
    paths = part_paths(document, kind)
    if part_id not in paths:
        raise NotFoundError(
            f"no {kind.value} '{part_id}' in this journey{suggestion(part_id, list(paths))}"
        )
    return paths[part_id]


def insert_part(
    document: JsonDocument,
    kind: PartKind,
    item: object,
    *,
    stage_id: str | None = None,
    position: int | None = None,
) -> tuple[JsonDocument, ItemPath]:
    """A new document with `item` added (a step into `stage_id`), and where it went.

    `position` counts from 0 and is clamped to the list; without it the item goes last.
    """
    edited = copy.deepcopy(document)
    if kind is PartKind.STEP:
        if stage_id is None:
            raise InvalidInputError([Problem(("stage",), "a step needs the stage it belongs to")])
        holder: ItemPath = (*locate(edited, PartKind.STAGE, stage_id), "steps")
    else:
        holder = ("stages",) if kind is PartKind.STAGE else (_TOP_LEVEL[kind],)
    items = _list_at(edited, holder)
    index = len(items) if position is None else max(0, min(position, len(items)))
    items.insert(index, copy.deepcopy(item))
    return edited, (*holder, index)


def replace_part(
    document: JsonDocument, kind: PartKind, part_id: str, item: object
) -> tuple[JsonDocument, ItemPath]:
    """A new document with the part replaced by `item`, which keeps the id of the URL.

    An `item` without an `id` takes `part_id`; a different id is refused, because renaming
    would leave every reference to the old id dangling.
    """
    path = locate(document, kind, part_id)
    if isinstance(item, dict):
        item = {"id": part_id, **item}
        if item["id"] != part_id:
            message = f"must be '{part_id}', the id this {kind.value} is addressed by"
            raise InvalidInputError([Problem((*path, "id"), message)])
    edited = copy.deepcopy(document)
    _list_at(edited, path[:-1])[_index(path)] = copy.deepcopy(item)
    return edited, path


def remove_part(document: JsonDocument, kind: PartKind, part_id: str) -> JsonDocument:
    path = locate(document, kind, part_id)
    edited = copy.deepcopy(document)
    del _list_at(edited, path[:-1])[_index(path)]
    return edited


def lane_path(document: JsonDocument, anchor: AnchorKind, anchor_id: str, lane: str) -> ItemPath:
    """Where the items of `lane` of one stage or step are (the list may not exist yet)."""
    text_lanes = [item.value for item in TEXT_LANES]
    if lane not in text_lanes:
        message = f"'{lane}' is not a text lane; use one of {', '.join(text_lanes)}"
        raise InvalidInputError([Problem(("lane",), message)])
    return (*locate(document, PartKind(anchor.value), anchor_id), "lanes", Lane(lane).value)


def lane_items(document: JsonDocument, anchor: AnchorKind, anchor_id: str, lane: str) -> list[Any]:
    path = lane_path(document, anchor, anchor_id, lane)
    return list(_at(document, path[:-2]).get("lanes", {}).get(path[-1], []))


def edit_lane(
    document: JsonDocument,
    anchor: AnchorKind,
    anchor_id: str,
    lane: str,
    *,
    index: int | None,
    item: object | None,
) -> tuple[JsonDocument, ItemPath]:
    """Add (`index` None), replace (both given) or remove (`item` None) one lane item."""
    path = lane_path(document, anchor, anchor_id, lane)
    edited = copy.deepcopy(document)
    lanes = _at(edited, path[:-2]).setdefault("lanes", {})
    items: list[Any] = lanes.setdefault(path[-1], [])
    if index is None:
        items.append(copy.deepcopy(item))
        return edited, (*path, len(items) - 1)
    if not 0 <= index < len(items):
        raise NotFoundError(f"{lane} of {anchor.value} '{anchor_id}' has no item {index}")
    if item is None:
        del items[index]
    else:
        items[index] = copy.deepcopy(item)
    return edited, (*path, index)


def merge_patch(target: Any, patch: Any) -> Any:
    """RFC 7396 JSON Merge Patch: objects merge, `null` removes a key, anything else replaces."""
    if not isinstance(patch, dict):
        return copy.deepcopy(patch)
    merged = dict(target) if isinstance(target, dict) else {}
    for key, value in patch.items():
        if value is None:
            merged.pop(key, None)
        else:
            merged[key] = merge_patch(merged.get(key), value)
    return merged


def _at(document: JsonDocument, path: ItemPath) -> Any:
    value: Any = document
    for part in path:
        value = value[part]
    return value


def _list_at(document: JsonDocument, path: ItemPath) -> list[Any]:
    """The list at `path`, created empty when the document leaves it out."""
    holder = _at(document, path[:-1])
    items: list[Any] = holder.setdefault(path[-1], [])
    return items


def _index(path: ItemPath) -> int:
    return int(path[-1])
