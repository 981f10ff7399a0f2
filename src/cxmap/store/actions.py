"""A workspace's actions: add, read, list, change field by field with a history, delete.

Every change (creation included) writes an `action_changes` entry naming who changed which
fields from what to what, so a status's path (suggested -> accepted -> done) can always be
told. An action's `key` is unique per journey: a suggestion already made, whatever became of
it, is never stored twice. Changes may name the version the writer saw; a stale one is a
`ConflictError` with the current version, checked by the UPDATE itself.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date
from typing import Any
from uuid import UUID, uuid4

from sqlalchemy import delete, select, update
from sqlalchemy.exc import IntegrityError

from cxmap.model.errors import AlreadyExistsError, ConflictError, NotFoundError
from cxmap.model.priorities import Action, ActionKind, ActionSource, ActionStatus
from cxmap.model.priority_records import ActionChange, FieldChange, StoredAction
from cxmap.store.journey_versions import live_row
from cxmap.store.priority_rows import ActionChangeRow, ActionRow
from cxmap.store.records import Repository
from cxmap.store.rows import JourneyRow

#: At most this many actions in one list.
MAX_LIST = 5_000
#: The fields a change may touch, in the order a history shows them.
EDITABLE = ("title", "description", "owner", "due", "status")


class Actions(Repository):
    def add(
        self, workspace_id: UUID, journey_id: UUID, action: Action, *, by: UUID | None
    ) -> StoredAction:
        """Store `action` for the journey at version 1 (its `id` and times are the store's)."""
        self.require_user(by)
        journey = live_row(self.session, workspace_id, journey_id)
        if action.key in self.keys(journey_id):
            raise key_taken(action.key)
        now = self.clock()
        row = ActionRow(
            id=uuid4(),
            workspace_id=workspace_id,
            journey_id=journey_id,
            key=action.key,
            kind=action.kind.value,
            title=action.title,
            description=action.description,
            stage=action.stage,
            step=action.step,
            owner=action.owner,
            due=action.due,
            status=action.status.value,
            fixes=action.fixes,
            source=action.source.value,
            version=1,
            created_at=now,
            created_by=by,
            updated_at=now,
            updated_by=by,
        )
        self.session.add(row)
        try:
            self.session.flush()
        except IntegrityError:  # a concurrent add of the same key won the race
            raise key_taken(action.key) from None
        self._log(row.id, {"status": (None, row.status)}, by)
        return stored_action(row, journey.slug)

    def keys(self, journey_id: UUID) -> set[str]:
        """The keys of every action the journey has, dismissed ones included."""
        return set(
            self.session.scalars(select(ActionRow.key).where(ActionRow.journey_id == journey_id))
        )

    def get(self, workspace_id: UUID, action_id: UUID) -> StoredAction:
        row, slug = self._row(workspace_id, action_id)
        return stored_action(row, slug)

    def search(
        self,
        workspace_id: UUID,
        *,
        journey_id: UUID | None = None,
        status: ActionStatus | None = None,
    ) -> list[StoredAction]:
        """The workspace's actions of live journeys, oldest first."""
        statement = (
            select(ActionRow, JourneyRow.slug)
            .join(JourneyRow, JourneyRow.id == ActionRow.journey_id)
            .where(ActionRow.workspace_id == workspace_id, JourneyRow.deleted_at.is_(None))
        )
        if journey_id is not None:
            statement = statement.where(ActionRow.journey_id == journey_id)
        if status is not None:
            statement = statement.where(ActionRow.status == status.value)
        rows = self.session.execute(
            statement.order_by(ActionRow.created_at, ActionRow.id).limit(MAX_LIST)
        )
        return [stored_action(row, slug) for row, slug in rows]

    def change(
        self,
        workspace_id: UUID,
        action_id: UUID,
        values: Mapping[str, Any],
        *,
        expected_version: int | None,
        by: UUID | None,
    ) -> StoredAction:
        """Set the given fields (of `EDITABLE`); no actual change records no new version.

        With `expected_version` None the change applies to the current version.
        """
        self.require_user(by)
        row, slug = self._row(workspace_id, action_id)
        expected = row.version if expected_version is None else expected_version
        if row.version != expected:
            raise conflict(action_id, expected, row.version)
        changes = _changes(row, values)
        if not changes:
            return stored_action(row, slug)
        columns = {name: _column_value(after) for name, (_before, after) in changes.items()}
        done = self.session.execute(
            update(ActionRow)
            .where(ActionRow.id == row.id, ActionRow.version == expected)
            .values(version=expected + 1, updated_at=self.clock(), updated_by=by, **columns)
            .execution_options(synchronize_session=False)
        )
        if done.rowcount != 1:  # type: ignore[attr-defined]
            self.session.expire(row)
            raise conflict(action_id, expected, self._row(workspace_id, action_id)[0].version)
        self._log(row.id, {k: (_shown(b), _shown(a)) for k, (b, a) in changes.items()}, by)
        self.session.refresh(row)
        return stored_action(row, slug)

    def history(self, workspace_id: UUID, action_id: UUID) -> list[ActionChange]:
        """Every change of the action, oldest first (its creation is the first)."""
        self._row(workspace_id, action_id)
        rows = self.session.scalars(
            select(ActionChangeRow)
            .where(ActionChangeRow.action_id == action_id)
            .order_by(ActionChangeRow.changed_at, ActionChangeRow.id)
        )
        return [
            ActionChange(
                action_id=row.action_id,
                changed_at=row.changed_at,
                changed_by=row.changed_by,
                changes=[FieldChange.model_validate(change) for change in row.changes],
            )
            for row in rows
        ]

    def delete(
        self, workspace_id: UUID, action_id: UUID, *, expected_version: int, by: UUID | None
    ) -> StoredAction:
        """Forget the action and its history (a generated one may then be suggested again;
        dismissing keeps it instead)."""
        self.require_user(by)
        row, slug = self._row(workspace_id, action_id)
        if row.version != expected_version:
            raise conflict(action_id, expected_version, row.version)
        gone = stored_action(row, slug)
        self.session.execute(delete(ActionChangeRow).where(ActionChangeRow.action_id == row.id))
        self.session.delete(row)
        self.session.flush()
        return gone

    def _log(
        self, action_id: UUID, changes: Mapping[str, tuple[Any, Any]], by: UUID | None
    ) -> None:
        listed = [
            FieldChange(field=name, before=before, after=after).model_dump(mode="json")
            for name, (before, after) in changes.items()
        ]
        self.session.add(
            ActionChangeRow(
                id=uuid4(),
                action_id=action_id,
                changed_at=self.clock(),
                changed_by=by,
                changes=listed,
            )
        )
        self.session.flush()

    def _row(self, workspace_id: UUID, action_id: UUID) -> tuple[ActionRow, str]:
        """The action if it belongs to this workspace (and its journey is live), else not found."""
        found = self.session.execute(
            select(ActionRow, JourneyRow.slug)
            .join(JourneyRow, JourneyRow.id == ActionRow.journey_id)
            .where(
                ActionRow.id == action_id,
                ActionRow.workspace_id == workspace_id,
                JourneyRow.deleted_at.is_(None),
            )
        ).first()
        if found is None:
            raise NotFoundError(f"action {action_id} not found")
        return found[0], found[1]


def _changes(row: ActionRow, values: Mapping[str, Any]) -> dict[str, tuple[Any, Any]]:
    """Field -> (before, after) for the fields whose value actually changes."""
    changes = {}
    for name in EDITABLE:
        if name not in values:
            continue
        before = getattr(row, name)
        after = values[name]
        if name == "owner" and after is None:
            after = ""
        if name == "description" and after is None:
            after = ""
        if isinstance(after, ActionStatus):
            after = after.value
        if before != after:
            changes[name] = (before, after)
    return changes


def _column_value(value: Any) -> Any:
    return value.value if isinstance(value, ActionStatus) else value


def _shown(value: object) -> str | None:
    if value is None:
        return None
    if isinstance(value, date):
        return value.isoformat()
    return str(value)


def stored_action(row: ActionRow, journey_slug: str) -> StoredAction:
    return StoredAction(
        id=str(row.id),
        key=row.key,
        kind=ActionKind(row.kind),
        title=row.title,
        description=row.description,
        journey=journey_slug,
        stage=row.stage,
        step=row.step,
        owner=row.owner,
        due=row.due,
        status=ActionStatus(row.status),
        fixes=row.fixes,
        source=ActionSource(row.source),
        created_at=row.created_at,
        updated_at=row.updated_at,
        workspace_id=row.workspace_id,
        journey_id=row.journey_id,
        version=row.version,
        created_by=row.created_by,
        updated_by=row.updated_by,
    )


def key_taken(key: str) -> AlreadyExistsError:
    return AlreadyExistsError(f"an action about '{key}' already exists for this journey")


def conflict(action_id: object, expected: int, current: int) -> ConflictError:
    return ConflictError(
        f"action {action_id} is at version {current}, not {expected}: someone else changed "
        "it; fetch it again and reapply your change",
        current_version=current,
    )
