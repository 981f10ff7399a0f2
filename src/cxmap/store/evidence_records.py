"""Evidence rows turned into the model's records and back (see `store/evidence.py`).

Reading goes through one validation of each item's whole nested document: pydantic-core
does that faster than building its four models one by one, and a row edited by hand
still fails loudly instead of handing out an item the rest of cxmap cannot trust.
"""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any
from uuid import UUID

from cxmap.model.evidence import EvidenceItem
from cxmap.model.evidence_import import EvidenceSource
from cxmap.model.evidence_record import DepartmentOverview, ImportBatch, ImportChannel
from cxmap.store.rows import EvidenceImportRow


def department_overviews(grouped: Iterable[Any]) -> list[DepartmentOverview]:
    totals: dict[str, dict[str, Any]] = {}
    for department, kind, step, count, total, scored in grouped:
        entry = totals.setdefault(
            department, {"items": 0, "kinds": {}, "steps": {}, "sum": 0.0, "scored": 0}
        )
        entry["items"] += count
        entry["kinds"][kind] = entry["kinds"].get(kind, 0) + count
        if step is not None:
            entry["steps"][step] = entry["steps"].get(step, 0) + count
        entry["sum"] += float(total or 0.0)
        entry["scored"] += scored
    overviews = [
        DepartmentOverview(
            department=department,
            items=entry["items"],
            kinds=dict(sorted(entry["kinds"].items())),
            steps=dict(sorted(entry["steps"].items())),
            mean_sentiment=entry["sum"] / entry["scored"] if entry["scored"] else None,
        )
        for department, entry in totals.items()
    ]
    return sorted(overviews, key=lambda overview: (-overview.items, overview.department))


def item_columns(workspace_id: UUID, item: EvidenceItem) -> dict[str, Any]:
    """The row of `item`, as the bulk INSERT takes it."""
    draft, mapping, ratings = item.draft, item.mapping, item.draft.ratings
    return {
        "id": item.id,
        "workspace_id": workspace_id,
        "journey_id": item.journey_id,
        "batch_id": item.batch_id,
        "kind": draft.kind.value,
        "step_id": mapping.step,
        "mapping": mapping.method.value,
        "confidence": mapping.confidence,
        "candidate": mapping.candidate,
        "text": draft.text,
        "scored_text": draft.scored_text,
        "nps": ratings.nps,
        "csat": ratings.csat,
        "ces": ratings.ces,
        "sentiment": item.sentiment,
        "author": draft.author,
        "source": draft.source,
        "department": draft.department,
        "channel": draft.channel,
        "url": draft.url,
        "occurred_at": draft.occurred_at,
        "touchpoint": draft.touchpoint,
        "external_id": draft.external_id,
        "source_row": draft.row,
        "files": [file.model_dump(mode="json") for file in draft.files],
        "redacted": item.redacted,
        "imported_at": item.imported_at,
        "assigned_by": None,
        "assigned_at": None,
    }


def evidence_item(row: Any) -> EvidenceItem:
    """An item from a row (an ORM row or a plain result row with the same names)."""
    return EvidenceItem.model_validate(
        {
            "id": row.id,
            "journey_id": row.journey_id,
            "draft": {
                "kind": row.kind,
                "text": row.text,
                "scored_text": row.scored_text,
                "ratings": {"nps": row.nps, "csat": row.csat, "ces": row.ces},
                "author": row.author,
                "source": row.source,
                "department": row.department,
                "channel": row.channel,
                "url": row.url,
                "occurred_at": row.occurred_at,
                "touchpoint": row.touchpoint,
                "external_id": row.external_id,
                "row": row.source_row,
                "files": row.files,
            },
            "mapping": _mapping(row),
            "sentiment": row.sentiment,
            "redacted": row.redacted,
            "imported_at": row.imported_at,
            "batch_id": row.batch_id,
        }
    )


def summary_item(journey_id: UUID, row: Any) -> EvidenceItem:
    """An item with the fields aggregation reads (see `Evidence.for_summary`)."""
    return EvidenceItem.model_validate(
        {
            "id": row.id,
            "journey_id": journey_id,
            "draft": {
                "kind": row.kind,
                "text": row.text,
                "scored_text": row.scored_text,
                "ratings": {"nps": row.nps, "csat": row.csat, "ces": row.ces},
                "department": row.department,
                "occurred_at": row.occurred_at,
                "row": row.source_row,
            },
            "mapping": _mapping(row),
            "sentiment": row.sentiment,
            "redacted": row.redacted,
            "imported_at": row.imported_at,
        }
    )


def _mapping(row: Any) -> dict[str, Any]:
    return {
        "step": row.step_id,
        "method": row.mapping,
        "confidence": row.confidence,
        "candidate": row.candidate,
    }


def batch_record(row: EvidenceImportRow) -> ImportBatch:
    return ImportBatch(
        id=row.id,
        workspace_id=row.workspace_id,
        journey_id=row.journey_id,
        source=EvidenceSource(row.source),
        file_name=row.file_name,
        imported_by=row.imported_by,
        imported_via=ImportChannel(row.imported_via),
        imported_at=row.imported_at,
        imported=row.imported,
        rejected=row.rejected,
        unmapped=row.unmapped,
        redactions=row.redactions,
        options=dict(row.options),
    )
