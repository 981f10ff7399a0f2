"""The one entry point: every source reads through `read_evidence`, missing paths are named."""

from __future__ import annotations

from pathlib import Path

import pytest

from cxmap.ingest.evidence_readers import read_evidence
from cxmap.model.errors import InvalidInputError, NotFoundError
from cxmap.model.evidence_import import EvidenceSource, ReadOptions


@pytest.mark.parametrize("source", list(EvidenceSource))
def test_a_missing_path_is_not_found(tmp_path: Path, source: EvidenceSource) -> None:
    with pytest.raises(NotFoundError, match=r"nothing.csv: no such file or folder"):
        read_evidence(source, tmp_path / "nothing.csv")


@pytest.mark.parametrize("source", [EvidenceSource.SURVEY, EvidenceSource.SOCIAL])
def test_tables_are_files_not_folders(tmp_path: Path, source: EvidenceSource) -> None:
    folder = tmp_path / "export.csv"
    folder.mkdir()
    with pytest.raises(InvalidInputError, match="is a folder; give one file"):
        read_evidence(source, folder)


def test_the_source_name_option_replaces_the_file_name(tmp_path: Path) -> None:
    path = tmp_path / "q1.csv"
    path.write_text("nps,comment\n9,good\n", encoding="utf-8")
    options = ReadOptions(source_name="Qualtrics Q1")
    [draft] = read_evidence(EvidenceSource.SURVEY, path, options).drafts
    assert draft.source == "Qualtrics Q1"
    [draft] = read_evidence(EvidenceSource.SURVEY, path).drafts
    assert draft.source == "q1.csv"


def test_same_items_whichever_reader_family_writes_the_text(tmp_path: Path) -> None:
    """A post in CSV and in JSONL gives the same draft apart from the source name."""
    csv_path = tmp_path / "posts.csv"
    csv_path.write_text(
        'author,time,text,channel,url\n@ann,2024-01-01T00:00:00Z,"Hi, all",x,u\n',
        encoding="utf-8",
    )
    jsonl_path = tmp_path / "posts.jsonl"
    jsonl_path.write_text(
        '{"author": "@ann", "time": "2024-01-01T00:00:00Z", "text": "Hi, all", '
        '"channel": "x", "url": "u"}\n',
        encoding="utf-8",
    )
    options = ReadOptions(source_name="listening")
    [from_csv] = read_evidence(EvidenceSource.SOCIAL, csv_path, options).drafts
    [from_jsonl] = read_evidence(EvidenceSource.SOCIAL, jsonl_path, options).drafts
    assert from_csv == from_jsonl
