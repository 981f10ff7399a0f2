"""Evidence imports through the service, on SQLite and PostgreSQL: exact per-step numbers
from small hand-checked files, the reject file, redaction before storing, one transaction
(a failure half-way leaves nothing), roles, events, deleting an import, and backups."""

from __future__ import annotations

import csv
import math
from pathlib import Path
from typing import Any
from uuid import UUID

import pytest
from sqlalchemy import func, select, text
from vaderSentiment.vaderSentiment import SentimentIntensityAnalyzer

from cxmap.model.errors import InvalidInputError, NotFoundError, PermissionDeniedError
from cxmap.model.evidence import MappingMethod
from cxmap.model.evidence_import import EvidenceSource
from cxmap.model.evidence_record import ImportChannel, ImportStage
from cxmap.model.workspace import Role
from cxmap.services.backup import create_backup, restore_backup
from cxmap.services.evidence_import import EvidenceImports, ImportRequest
from cxmap.services.evidence_summary import EvidenceSummaries
from cxmap.services.journey_events import JourneyEvent
from cxmap.settings import Settings
from cxmap.store import Accounts, Database, Journeys, Workspaces
from cxmap.store import evidence as evidence_store
from cxmap.store.blobs import BlobStore
from cxmap.store.evidence import Evidence
from cxmap.store.schema import upgrade
from tests.services.test_backup import state
from tests.store.conftest import (
    Team,
    backend,
    clock,
    database,
    fresh_database,
    make_journey,
    migrated_url,
    team,
)

__all__ = ["backend", "clock", "database", "migrated_url", "team"]  # fixtures used here

HEADER = "respondent_id,submitted_at,touchpoint,nps,csat,ces,comment"
SURVEY = [
    'R1,2024-01-01T10:00:00Z,search,10,5,7,"Great search, found it at once"',
    "R2,2024-01-01T11:00:00Z,search,9,4,6,",
    "R3,2024-01-02T10:00:00Z,search,3,2,2,Terrible search results",
    "R4,2024-01-02T11:00:00Z,pay,0,1,1,Payment failed twice",
    'R5,2024-01-03T10:00:00Z,pay,,3,,"It was ok, I guess"',
    "R6,2024-01-03T11:00:00Z,pay,11,4,5,Out of range NPS",
    "R7,2024-01-04T10:00:00Z,billing,7,4,5,Invoice was clear",
    ",,,,,,",
    "R9,2024-01-04T12:00:00Z,view,8,4,,Nice pictures",
]
VADER = SentimentIntensityAnalyzer()


class Recorded:
    def __init__(self) -> None:
        self.events: list[JourneyEvent] = []

    def publish(self, event: JourneyEvent) -> None:
        self.events.append(event)


@pytest.fixture
def events() -> Recorded:
    return Recorded()


@pytest.fixture
def imports(database: Database, tmp_path: Path, events: Recorded) -> EvidenceImports:
    blobs = BlobStore(tmp_path / "attachments")
    return EvidenceImports(database, blobs, max_bytes=1_000_000, events=events)


@pytest.fixture
def journey_id(database: Database, team: Team) -> UUID:
    with database.writing() as session:
        return Journeys(session).create(team.ws, make_journey(), by=team.owner).id


def write(path: Path, lines: list[str]) -> Path:
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")
    return path


def survey(tmp_path: Path, rows: list[str] = SURVEY) -> Path:
    return write(tmp_path / "survey.csv", [HEADER, *rows])


def request(team: Team, journey_id: UUID, path: Path, **extra: Any) -> ImportRequest:
    fields: dict[str, Any] = {"source": EvidenceSource.SURVEY, **extra}
    return ImportRequest(workspace_id=team.ws, journey_id=journey_id, path=path, **fields)


def compound(text: str) -> float:
    return float(VADER.polarity_scores(text)["compound"])


def stored_counts(database: Database) -> dict[str, int]:
    with database.reading() as session:
        return {
            table: int(session.scalar(select(func.count()).select_from(text(table))) or 0)
            for table in ("evidence_imports", "evidence_items", "attachments")
        }


def test_per_step_numbers_are_exactly_those_of_the_file(
    imports: EvidenceImports, database: Database, team: Team, journey_id: UUID, tmp_path: Path
) -> None:
    report = imports.import_file(team.editor, request(team, journey_id, survey(tmp_path)))
    batch = report.batch
    assert (batch.imported, batch.rejected, batch.unmapped) == (7, 2, 1)
    assert (batch.imported_by, batch.imported_via) == (team.editor, ImportChannel.API)
    assert report.by_step == {"search": 3, "pay": 2, "view": 1}
    assert set(report.seconds) == set(ImportStage)

    found = EvidenceSummaries(database).summary(team.editor, team.ws, journey_id)
    assert (found.items, found.unmapped) == (7, 1)
    search, pay = found.steps["search"], found.steps["pay"]
    assert search.items == 3
    assert search.nps is not None
    assert search.nps.n == 3
    assert search.nps.mean == pytest.approx(100 * (2 - 1) / 3)  # 10, 9 promote; 3 detracts
    assert search.csat is not None
    assert search.csat.mean == pytest.approx(200 / 3)
    assert search.ces is not None
    assert search.ces.mean == pytest.approx(5.0)
    half_width = 4.302653 * math.sqrt(7) / math.sqrt(3)  # t(2) * s / sqrt(n), s^2 = 14/2
    assert search.ces.interval is not None
    assert search.ces.interval.low == pytest.approx(5 - half_width, abs=1e-6)
    assert search.ces.interval.high == pytest.approx(5 + half_width, abs=1e-6)
    scored = [compound("Great search, found it at once"), compound("Terrible search results")]
    assert search.sentiment is not None
    assert search.sentiment.n == 2
    assert search.sentiment.mean == pytest.approx(sum(scored) / 2)
    assert pay.items == 2
    assert pay.nps is not None
    assert (pay.nps.n, pay.nps.mean) == (1, -100.0)
    assert pay.csat is not None
    assert (pay.csat.n, pay.csat.mean) == (2, 0.0)
    assert found.steps["view"].items == 1
    assert [share.department for share in search.departments] == [""]
    assert sum(each.items for each in found.departments) == 7


def test_rejected_rows_are_listed_in_the_reject_file_in_source_order(
    imports: EvidenceImports, team: Team, journey_id: UUID, tmp_path: Path
) -> None:
    rejects = tmp_path / "out" / "survey.rejects.csv"
    report = imports.import_file(
        team.editor, request(team, journey_id, survey(tmp_path), reject_file=rejects)
    )
    assert report.reject_file == str(rejects)
    with rejects.open(encoding="utf-8", newline="") as stream:
        rows = list(csv.reader(stream))
    assert rows[0] == ["row", "column", "reason", "raw"]
    assert [(row[0], row[1]) for row in rows[1:]] == [("6", "nps"), ("8", "")]
    assert "11" in rows[1][2]
    assert "10" in rows[1][2]
    assert rows[1][3].startswith("R6,2024-01-03T11:00:00Z,pay,11,")
    assert rows[2][2] == "empty row"
    assert [(row.row, row.column) for row in report.rejected_rows] == [(6, "nps"), (8, None)]


def test_the_unmapped_item_waits_with_its_data_and_a_person_places_it(
    imports: EvidenceImports,
    database: Database,
    team: Team,
    journey_id: UUID,
    tmp_path: Path,
    events: Recorded,
) -> None:
    imports.import_file(team.editor, request(team, journey_id, survey(tmp_path)))
    summaries = EvidenceSummaries(database, events=events)
    queue = summaries.unmapped(team.editor, team.ws, journey_id)
    assert queue.total == 1
    waiting = queue.items[0]
    assert (waiting.draft.touchpoint, waiting.draft.external_id) == ("billing", "R7")
    assert waiting.mapping.method is MappingMethod.UNMAPPED
    with database.writing() as session:
        elsewhere = Journeys(session).create(team.ws, make_journey("returns"), by=team.owner)
    with pytest.raises(NotFoundError):
        summaries.assign(team.editor, team.ws, elsewhere.id, waiting.id, "pay")
    placed = summaries.assign(team.editor, team.ws, journey_id, waiting.id, "pay")
    assert (placed.mapping.step, placed.mapping.method) == ("pay", MappingMethod.MANUAL)
    assert summaries.unmapped(team.editor, team.ws, journey_id).total == 0
    assert summaries.summary(team.editor, team.ws, journey_id).steps["pay"].items == 3
    assert [(event.type, event.journey_id, event.by) for event in events.events] == [
        ("evidence.imported", journey_id, team.editor),
        ("evidence.assigned", journey_id, team.editor),
    ]


def test_deleting_an_import_removes_its_items_files_and_blobs(
    imports: EvidenceImports, database: Database, team: Team, journey_id: UUID, tmp_path: Path
) -> None:
    document = tmp_path / "interview.md"
    document.write_text("# Interview\n\nThe search never finds the right size.\n")
    kept = imports.import_file(team.editor, request(team, journey_id, survey(tmp_path)))
    gone = imports.import_file(
        team.editor, request(team, journey_id, document, source=EvidenceSource.DOCUMENT)
    )
    assert gone.attachments == 1
    assert len(list(imports.blobs.hashes())) == 1
    deleted = imports.delete_batch(team.editor, team.ws, journey_id, gone.batch.id)
    assert deleted.items == 1
    assert list(imports.blobs.hashes()) == []
    assert stored_counts(database) == {"evidence_imports": 1, "evidence_items": 7, "attachments": 0}
    summaries = EvidenceSummaries(database)
    assert [each.id for each in summaries.batches(team.editor, team.ws, journey_id)] == [
        kept.batch.id
    ]
    with pytest.raises(NotFoundError):
        imports.delete_batch(team.editor, team.ws, journey_id, gone.batch.id)


def test_a_backup_keeps_the_evidence_and_its_files(
    backend: str, tmp_path: Path, team: Team
) -> None:
    del team  # the store fixtures' database is not the one backed up here
    with fresh_database(backend, tmp_path) as url:
        settings = Settings(data_dir=tmp_path / "a", database_url=url)
        upgrade(url)
        source = Database.open(url)
        try:
            with source.writing() as session:
                owner = Accounts(session).create_user("o@example.com", "O", None).id
                ws = Workspaces(session).create("cx", "CX", owner=owner).id
                journey = Journeys(session).create(ws, make_journey(), by=owner).id
            imports = EvidenceImports.from_settings(settings, source)
            document = tmp_path / "notes.txt"
            document.write_text("Paying took three tries.\n")
            imports.import_file(
                owner, ImportRequest(ws, journey, EvidenceSource.SURVEY, survey(tmp_path))
            )
            imports.import_file(
                owner, ImportRequest(ws, journey, EvidenceSource.DOCUMENT, document)
            )
        finally:
            source.close()
        archive = tmp_path / "backup.tar.gz"
        manifest = create_backup(settings, archive)
        assert (manifest.tables["evidence_items"], manifest.tables["evidence_imports"]) == (8, 2)
        expected = state(settings)
        with fresh_database(backend, tmp_path) as other:
            target = Settings(data_dir=tmp_path / "b", database_url=other)
            restore_backup(target, archive)
            assert state(target) == expected


def test_redaction_happens_before_anything_is_stored(
    imports: EvidenceImports, database: Database, team: Team, journey_id: UUID, tmp_path: Path
) -> None:
    rows = [
        "R1,2024-01-01T10:00:00Z,pay,2,1,1,Mail ann.lee@example.com or call +44 20 7946 0958",
        "R2,2024-01-01T11:00:00Z,pay,3,2,2,Card 4111 1111 1111 1111 was charged twice",
        "R3,2024-01-01T12:00:00Z,pay,9,5,7,All fine",
    ]
    report = imports.import_file(
        team.editor, request(team, journey_id, survey(tmp_path, rows), redact=True)
    )
    assert report.batch.redactions == 3
    with database.reading() as session:
        texts = list(session.scalars(text("SELECT text FROM evidence_items ORDER BY source_row")))
        flags = list(
            session.scalars(text("SELECT redacted FROM evidence_items ORDER BY source_row"))
        )
    assert texts[2] == "All fine"
    for secret in ("ann.lee@example.com", "7946 0958", "4111 1111 1111 1111", "4111"):
        assert not any(secret in stored for stored in texts)
    assert "Mail" in texts[0]
    assert "charged twice" in texts[1]
    assert [bool(flag) for flag in flags] == [True, True, False]


def test_a_failure_half_way_leaves_no_item_import_attachment_or_blob(
    imports: EvidenceImports,
    database: Database,
    team: Team,
    journey_id: UUID,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
    events: Recorded,
) -> None:
    folder = tmp_path / "interviews"
    folder.mkdir()
    for number in range(4):
        (folder / f"interview-{number}.txt").write_text(f"Paying took ages, call {number}\n")
    monkeypatch.setattr("cxmap.services.evidence_import.STORE_BLOCK", 2)
    calls: list[int] = []
    add_items = Evidence.add_items

    def failing(self: Evidence, workspace_id: UUID, items: Any) -> int:
        calls.append(len(items))
        if len(calls) == 2:  # the first half is in, the second half breaks
            raise RuntimeError("disk full")
        return add_items(self, workspace_id, items)

    monkeypatch.setattr(Evidence, "add_items", failing)
    with pytest.raises(RuntimeError, match="disk full"):
        imports.import_file(
            team.editor, request(team, journey_id, folder, source=EvidenceSource.DOCUMENT)
        )
    assert calls == [2, 2]
    assert stored_counts(database) == {"evidence_imports": 0, "evidence_items": 0, "attachments": 0}
    assert list(imports.blobs.hashes()) == []
    assert list((imports.blobs.root / ".incoming").iterdir()) == []
    assert events.events == []

    monkeypatch.setattr(Evidence, "add_items", add_items)
    report = imports.import_file(
        team.editor, request(team, journey_id, folder, source=EvidenceSource.DOCUMENT)
    )
    assert (report.batch.imported, report.attachments) == (4, 4)
    assert len(list(imports.blobs.hashes())) == 4


def test_a_survey_failure_half_way_also_leaves_nothing(
    imports: EvidenceImports,
    database: Database,
    team: Team,
    journey_id: UUID,
    tmp_path: Path,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    rows = [f"R{n},2024-01-01T10:00:00Z,pay,{n % 11},3,4,Comment {n}" for n in range(1, 41)]
    monkeypatch.setattr(evidence_store, "CHUNK", 5)
    monkeypatch.setattr("cxmap.services.evidence_import.STORE_BLOCK", 20)
    original = evidence_store.item_columns
    seen: list[int] = []

    def breaking(workspace_id: UUID, item: Any) -> dict[str, Any]:
        seen.append(item.draft.row)
        if len(seen) == 21:  # the first twenty rows were inserted
            raise ValueError("broken row")
        return original(workspace_id, item)

    monkeypatch.setattr(evidence_store, "item_columns", breaking)
    with pytest.raises(ValueError, match="broken row"):
        imports.import_file(team.editor, request(team, journey_id, survey(tmp_path, rows)))
    assert stored_counts(database) == {"evidence_imports": 0, "evidence_items": 0, "attachments": 0}


def test_a_file_without_one_good_row_imports_nothing_and_says_why(
    imports: EvidenceImports, database: Database, team: Team, journey_id: UUID, tmp_path: Path
) -> None:
    rows = ["R1,2024-01-01T10:00:00Z,pay,12,3,4,Too high", "R2,2024-01-01T10:00:00Z,pay,,,,"]
    rejects = tmp_path / "rejects.csv"
    with pytest.raises(InvalidInputError) as raised:
        imports.import_file(
            team.editor, request(team, journey_id, survey(tmp_path, rows), reject_file=rejects)
        )
    lines = raised.value.lines()
    assert lines[0].startswith("survey.csv:1: nps: ") or lines[0].startswith(
        f"{tmp_path / 'survey.csv'}:1: nps: "
    )
    assert len(lines) == 2
    assert "no comment and no score" in lines[1]
    assert len(rejects.read_text().splitlines()) == 3
    assert stored_counts(database)["evidence_items"] == 0


def test_importing_needs_the_editor_role_and_a_member(
    imports: EvidenceImports,
    database: Database,
    team: Team,
    journey_id: UUID,
    tmp_path: Path,
) -> None:
    path = survey(tmp_path)
    with pytest.raises(NotFoundError, match="workspace"):
        imports.import_file(team.outsider, request(team, journey_id, path))
    with database.writing() as session:
        viewer = Accounts(session).create_user("viewer@example.com", "Vi Ewer", None).id
        Workspaces(session).add_member(team.ws, viewer, role=Role.VIEWER)
    with pytest.raises(PermissionDeniedError, match="editor"):
        imports.import_file(viewer, request(team, journey_id, path))
    assert stored_counts(database)["evidence_items"] == 0
    local = imports.import_file(None, request(team, journey_id, path))
    assert (local.batch.imported_by, local.batch.imported_via) == (None, ImportChannel.CLI)


def test_a_redacted_document_keeps_no_original_and_a_clean_one_does(
    imports: EvidenceImports, database: Database, team: Team, journey_id: UUID, tmp_path: Path
) -> None:
    folder = tmp_path / "notes"
    folder.mkdir()
    (folder / "a.txt").write_text("Write to me at ann@example.com about the refund.\n")
    (folder / "b.txt").write_text("The search page is lovely.\n")
    report = imports.import_file(
        team.editor,
        request(team, journey_id, folder, source=EvidenceSource.DOCUMENT, redact=True),
    )
    assert (report.attachments, report.withheld_files, report.batch.redactions) == (1, 1, 1)
    with database.reading() as session:
        names = list(session.scalars(text("SELECT file_name FROM attachments")))
        stored = list(session.scalars(text("SELECT text FROM evidence_items")))
    assert names == ["b.txt"]
    assert not any("ann@example.com" in each for each in stored)
    blobs = [imports.blobs.path_of(sha).read_bytes() for sha in imports.blobs.hashes()]
    assert blobs == [b"The search page is lovely.\n"]
