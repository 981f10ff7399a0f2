"""Stages, steps, insights, opportunities and lane items of a stored journey, one at a time.

They are not stored on their own: each edit changes the journey document and is saved as a
new version of the journey through `WorkspaceJourneys.edit`, with the same validation, the
same history and the same version check as an edit of the whole journey.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any
from uuid import UUID

from cxmap.model.journey_edits import (
    AnchorKind,
    ItemPath,
    JsonDocument,
    PartKind,
    edit_lane,
    get_part,
    insert_part,
    lane_items,
    list_parts,
    remove_part,
    replace_part,
)
from cxmap.model.journey_record import StoredJourney
from cxmap.services.workspace_journeys import WorkspaceJourneys


@dataclass(frozen=True)
class PartResult:
    """The journey after an edit of one part, and the part as it is now stored."""

    stored: StoredJourney
    part: Any


@dataclass(frozen=True)
class LaneAddress:
    """One lane of one stage or step (`actions`, `thoughts`, `frontstage` ...)."""

    anchor: AnchorKind
    anchor_id: str
    lane: str


class JourneyParts:
    def __init__(self, journeys: WorkspaceJourneys) -> None:
        self.journeys = journeys

    def all(
        self, actor: UUID, workspace_id: UUID, journey_id: UUID, kind: PartKind
    ) -> tuple[StoredJourney, list[Any]]:
        stored = self.journeys.get(actor, workspace_id, journey_id)
        return stored, list_parts(_document(stored), kind)

    def get(
        self, actor: UUID, workspace_id: UUID, journey_id: UUID, kind: PartKind, part_id: str
    ) -> PartResult:
        stored = self.journeys.get(actor, workspace_id, journey_id)
        return PartResult(stored, get_part(_document(stored), kind, part_id))

    def create(
        self,
        actor: UUID,
        ids: tuple[UUID, UUID],
        kind: PartKind,
        item: object,
        *,
        expected_version: int | None,
        stage_id: str | None = None,
        position: int | None = None,
    ) -> PartResult:
        """Add a part (a step into `stage_id`) at `position` (last when not given)."""
        where: list[ItemPath] = []

        def change(document: JsonDocument) -> JsonDocument:
            edited, path = insert_part(document, kind, item, stage_id=stage_id, position=position)
            where.append(path)
            return edited

        stored = self.journeys.edit(actor, *ids, change, expected_version=expected_version)
        return PartResult(stored, _at(_document(stored), where[0]))

    def replace(
        self,
        actor: UUID,
        ids: tuple[UUID, UUID],
        kind: PartKind,
        part_id: str,
        item: object,
        *,
        expected_version: int,
    ) -> PartResult:
        def change(document: JsonDocument) -> JsonDocument:
            return replace_part(document, kind, part_id, item)[0]

        stored = self.journeys.edit(actor, *ids, change, expected_version=expected_version)
        return PartResult(stored, get_part(_document(stored), kind, part_id))

    def delete(
        self,
        actor: UUID,
        ids: tuple[UUID, UUID],
        kind: PartKind,
        part_id: str,
        *,
        expected_version: int,
    ) -> StoredJourney:
        """Remove a part; refused (naming the paths) if something else still refers to it."""
        return self.journeys.edit(
            actor,
            *ids,
            lambda document: remove_part(document, kind, part_id),
            expected_version=expected_version,
        )

    def lane(
        self, actor: UUID, workspace_id: UUID, journey_id: UUID, address: LaneAddress
    ) -> tuple[StoredJourney, list[Any]]:
        stored = self.journeys.get(actor, workspace_id, journey_id)
        items = lane_items(_document(stored), address.anchor, address.anchor_id, address.lane)
        return stored, items

    def edit_lane_item(
        self,
        actor: UUID,
        ids: tuple[UUID, UUID],
        address: LaneAddress,
        *,
        index: int | None,
        item: object | None,
        expected_version: int | None,
    ) -> tuple[StoredJourney, list[Any]]:
        """Add (no `index`), replace (`index` and `item`) or remove (`index` only) an item."""

        def change(document: JsonDocument) -> JsonDocument:
            return edit_lane(
                document,
                address.anchor,
                address.anchor_id,
                address.lane,
                index=index,
                item=item,
            )[0]

        stored = self.journeys.edit(actor, *ids, change, expected_version=expected_version)
        items = lane_items(_document(stored), address.anchor, address.anchor_id, address.lane)
        return stored, items


def _document(stored: StoredJourney) -> JsonDocument:
    return stored.journey.model_dump(mode="json")


def _at(document: JsonDocument, path: ItemPath) -> Any:
    value: Any = document
    for part in path:
        value = value[part]
    return value
