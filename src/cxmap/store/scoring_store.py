"""A workspace's scoring settings (weights and scale) and the inputs its team entered per
journey, stage and step, each as one versioned document.

Nothing saved yet reads as version 1 with the defaults (no weights) or nothing entered (no
inputs), so the first save names version 1 like any other and becomes version 2. A save
names the version the writer saw and a stale one is a `ConflictError` with the current
version; the check is part of the UPDATE (or the INSERT's primary key), so of two writers
racing from the same version exactly one lands.
"""

from __future__ import annotations

from typing import Any
from uuid import UUID

from sqlalchemy import select, update
from sqlalchemy.exc import IntegrityError

from cxmap.model.errors import ConflictError
from cxmap.model.priorities import ScoringSettings
from cxmap.model.priority_records import (
    UNSAVED_VERSION,
    JourneyInputs,
    StoredInputs,
    StoredScoring,
)
from cxmap.store.journey_versions import live_row
from cxmap.store.priority_rows import ScoreInputsRow, ScoringSettingsRow
from cxmap.store.records import Repository
from cxmap.store.rows import JourneyRow


class ScoringStore(Repository):
    def settings(self, workspace_id: UUID) -> StoredScoring:
        self.require_workspace(workspace_id)
        row = self.session.get(ScoringSettingsRow, workspace_id)
        if row is None:
            return StoredScoring(
                workspace_id=workspace_id,
                version=UNSAVED_VERSION,
                updated_at=None,
                updated_by=None,
                settings=ScoringSettings(),
            )
        return _stored_scoring(row)

    def save_settings(
        self,
        workspace_id: UUID,
        settings: ScoringSettings,
        *,
        expected_version: int,
        by: UUID | None,
    ) -> StoredScoring:
        """Replace the workspace's weights and scale if they are still at `expected_version`."""
        self.require_user(by)
        current = self.settings(workspace_id)
        if current.version != expected_version:
            raise settings_conflict(expected_version, current.version)
        content = settings.model_dump(mode="json")
        if current.settings.model_dump(mode="json") == content:
            return current
        values = {"content": content, "updated_at": self.clock(), "updated_by": by}
        if expected_version == UNSAVED_VERSION:
            row = ScoringSettingsRow(workspace_id=workspace_id, version=2, **values)
            self._insert(row, expected_version)
            return _stored_scoring(row)
        changed = self.session.execute(
            update(ScoringSettingsRow)
            .where(
                ScoringSettingsRow.workspace_id == workspace_id,
                ScoringSettingsRow.version == expected_version,
            )
            .values(version=expected_version + 1, **values)
            .execution_options(synchronize_session=False)
        )
        if changed.rowcount != 1:  # type: ignore[attr-defined]
            raise settings_conflict(expected_version, self.settings(workspace_id).version)
        row = self.session.get_one(ScoringSettingsRow, workspace_id, populate_existing=True)
        return _stored_scoring(row)

    def inputs(self, workspace_id: UUID, journey_id: UUID) -> StoredInputs:
        """The journey's entered inputs (not found for another workspace's journey)."""
        journey = live_row(self.session, workspace_id, journey_id)
        row = self.session.get(ScoreInputsRow, journey_id)
        return _stored_inputs(journey, row)

    def all_inputs(self, workspace_id: UUID) -> dict[UUID, JourneyInputs]:
        """Journey id -> its entered inputs, for the journeys that have any."""
        rows = self.session.scalars(
            select(ScoreInputsRow).where(ScoreInputsRow.workspace_id == workspace_id)
        )
        return {row.journey_id: JourneyInputs.model_validate(row.content) for row in rows}

    def save_inputs(
        self,
        workspace_id: UUID,
        journey_id: UUID,
        inputs: JourneyInputs,
        *,
        expected_version: int,
        by: UUID | None,
    ) -> StoredInputs:
        """Replace the journey's entered inputs if they are still at `expected_version`."""
        self.require_user(by)
        journey = live_row(self.session, workspace_id, journey_id)
        row = self.session.get(ScoreInputsRow, journey_id)
        current = _stored_inputs(journey, row)
        if current.version != expected_version:
            raise inputs_conflict(journey.slug, expected_version, current.version)
        content = inputs.model_dump(mode="json", exclude_none=True)
        if current.inputs.model_dump(mode="json", exclude_none=True) == content:
            return current
        values: dict[str, Any] = {"content": content, "updated_at": self.clock(), "updated_by": by}
        if row is None:
            row = ScoreInputsRow(
                journey_id=journey_id, workspace_id=workspace_id, version=2, **values
            )
            self._insert(row, expected_version)
            return _stored_inputs(journey, row)
        changed = self.session.execute(
            update(ScoreInputsRow)
            .where(
                ScoreInputsRow.journey_id == journey_id,
                ScoreInputsRow.version == expected_version,
            )
            .values(version=expected_version + 1, **values)
            .execution_options(synchronize_session=False)
        )
        if changed.rowcount != 1:  # type: ignore[attr-defined]
            latest = self.session.get_one(ScoreInputsRow, journey_id, populate_existing=True)
            raise inputs_conflict(journey.slug, expected_version, latest.version)
        self.session.refresh(row)
        return _stored_inputs(journey, row)

    def _insert(self, row: ScoringSettingsRow | ScoreInputsRow, expected: int) -> None:
        self.session.add(row)
        try:
            self.session.flush()
        except IntegrityError:  # a concurrent first save won the race
            raise ConflictError(
                f"saved by someone else meanwhile (you had version {expected}); fetch it again",
                current_version=expected + 1,
            ) from None


def _stored_scoring(row: ScoringSettingsRow) -> StoredScoring:
    return StoredScoring(
        workspace_id=row.workspace_id,
        version=row.version,
        updated_at=row.updated_at,
        updated_by=row.updated_by,
        settings=ScoringSettings.model_validate(row.content),
    )


def _stored_inputs(journey: JourneyRow, row: ScoreInputsRow | None) -> StoredInputs:
    if row is None:
        return StoredInputs(
            journey_id=journey.id,
            journey=journey.slug,
            version=UNSAVED_VERSION,
            updated_at=None,
            updated_by=None,
            inputs=JourneyInputs(),
        )
    return StoredInputs(
        journey_id=journey.id,
        journey=journey.slug,
        version=row.version,
        updated_at=row.updated_at,
        updated_by=row.updated_by,
        inputs=JourneyInputs.model_validate(row.content),
    )


def settings_conflict(expected: int, current: int) -> ConflictError:
    return ConflictError(
        f"the workspace's score weights are at version {current}, not {expected}: someone "
        "else changed them; fetch them again and reapply your change",
        current_version=current,
    )


def inputs_conflict(journey: str, expected: int, current: int) -> ConflictError:
    return ConflictError(
        f"the score inputs of journey '{journey}' are at version {current}, not {expected}: "
        "someone else changed them; fetch them again and reapply your change",
        current_version=current,
    )
