"""Social posts and complaints: the CFPB export through a mapping file, and JSON Lines posts."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path

import pandas as pd
import pytest

from cxmap.ingest.evidence_columns import load_column_mapping
from cxmap.ingest.evidence_readers import read_evidence
from cxmap.model.errors import InvalidInputError
from cxmap.model.evidence import ReadResult
from cxmap.model.evidence_import import ColumnMapping, EvidenceSource, ReadOptions
from cxmap.model.journey import EvidenceKind

CFPB_MAPPING = "text: narrative_normalised\nexternal_id: complaint_id\ntouchpoint: issue\n"


def social(path: Path, options: ReadOptions | None = None) -> ReadResult:
    return read_evidence(EvidenceSource.SOCIAL, path, options or ReadOptions())


def test_cfpb_complaints_through_a_mapping_file(shared_data: Path) -> None:
    path = shared_data / "feedback_text" / "cfpb_complaints_normalised.csv"
    mapping = load_column_mapping(CFPB_MAPPING, "cfpb.yaml")
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)

    result = social(path, ReadOptions(columns=mapping, department="support"))

    assert result.rejected == []
    assert len(result.drafts) == len(frame) == 714
    assert [d.external_id for d in result.drafts] == list(frame["complaint_id"])
    assert [d.touchpoint for d in result.drafts] == list(frame["issue"])
    assert [d.text for d in result.drafts] == [t.strip() for t in frame["narrative_normalised"]]
    assert {d.department for d in result.drafts} == {"support"}
    assert {d.kind for d in result.drafts} == {EvidenceKind.SOCIAL}
    assert all(d.ratings.is_empty() for d in result.drafts)


def test_cfpb_with_a_wrong_mapping_suggests_the_header(shared_data: Path) -> None:
    path = shared_data / "feedback_text" / "cfpb_complaints_normalised.csv"
    mapping = ColumnMapping(text="narrative", external_id="complaint_id")
    with pytest.raises(InvalidInputError, match="did you mean 'narrative_normalised'"):
        social(path, ReadOptions(columns=mapping))


def test_csv_posts_with_default_columns(tmp_path: Path) -> None:
    path = tmp_path / "posts.csv"
    path.write_text(
        "author,time,text,channel,url\n"
        "@ann,2024-04-01T12:00:00Z,Love the new app,twitter,https://x.example/1\n"
        "@bob,2024-04-01T13:00:00Z,,twitter,https://x.example/2\n",
        encoding="utf-8",
    )
    result = social(path)
    [post] = result.drafts
    assert (post.author, post.channel, post.url, post.text) == (
        "@ann",
        "twitter",
        "https://x.example/1",
        "Love the new app",
    )
    assert post.occurred_at == datetime(2024, 4, 1, 12, tzinfo=UTC)
    assert [(r.row, r.column, r.reason) for r in result.rejected] == [(2, "text", "no text")]


def test_jsonl_posts_with_broken_lines(tmp_path: Path) -> None:
    good = {"author": "@ann", "time": "2024-04-01T12:00:00Z", "text": "Great service", "x": 1}
    lines = [
        json.dumps(good),
        '{"author": "@bob", "text": "unterminated',
        json.dumps({"author": "@cy", "time": "2024-04-01"}),
        "",
        json.dumps(["a", "list"]),
        json.dumps({"text": "bad time", "time": "someday"}),
        json.dumps({"text": "line\u2028separator inside", "channel": "reddit"}, ensure_ascii=False),
        "",
        "",
    ]
    path = tmp_path / "posts.jsonl"
    path.write_text("\n".join(lines), encoding="utf-8")

    result = social(path)

    assert [(r.row, r.column, r.reason) for r in result.rejected] == [
        (2, None, "not valid JSON: Unterminated string starting at (character 28)"),
        (3, "text", "no text"),
        (4, None, "empty line"),
        (5, None, "a post is a JSON object, not a list"),
        (6, "time", "'someday' is not a date and time (e.g. 2024-03-01T09:15:00Z)"),
    ]
    assert result.rejected[0].raw == lines[1]
    assert [(d.row, d.text, d.author, d.channel) for d in result.drafts] == [
        (1, "Great service", "@ann", ""),
        (7, "line\u2028separator inside", "", "reddit"),
    ]


def test_jsonl_keys_may_be_dotted_paths(tmp_path: Path) -> None:
    record = {"full_text": "Parcel lost again", "user": {"screen_name": "dee"}, "id": 42}
    path = tmp_path / "tweets.ndjson"
    path.write_text(json.dumps(record) + "\n", encoding="utf-8")
    mapping = ColumnMapping(text="full_text", author="user.screen_name", external_id="id")

    [post] = social(path, ReadOptions(columns=mapping, source_name="twitter export")).drafts

    assert (post.text, post.author, post.external_id, post.source) == (
        "Parcel lost again",
        "dee",
        "42",
        "twitter export",
    )


def test_jsonl_in_the_wrong_encoding_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "posts.jsonl"
    path.write_bytes('{"text": "na\u00efve"}\n'.encode("latin-1"))
    with pytest.raises(InvalidInputError, match=r"posts.jsonl:1:13: .*byte 0xef at offset 12"):
        social(path)
    assert social(path, ReadOptions(encoding="latin-1")).drafts[0].text == "na\u00efve"


def test_social_file_types(tmp_path: Path) -> None:
    path = tmp_path / "posts.json"
    path.write_text("[]", encoding="utf-8")
    with pytest.raises(InvalidInputError, match=r"JSON Lines \(.jsonl\), not '.json'"):
        social(path)
