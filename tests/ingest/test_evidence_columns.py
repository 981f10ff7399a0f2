"""The YAML column-mapping file and the cell parsers behind every table reader."""

from __future__ import annotations

from datetime import UTC, date, datetime

import pytest

from cxmap.ingest.evidence_columns import load_column_mapping
from cxmap.ingest.evidence_values import cell_text, parse_score, parse_time
from cxmap.model.errors import InvalidInputError
from cxmap.model.evidence_import import ColumnMapping, EvidenceSource


def test_a_mapping_file_names_columns() -> None:
    mapping = load_column_mapping(
        "text: narrative_normalised\nexternal_id: complaint_id\ntouchpoint: issue\nurl:\n",
        "cfpb.yaml",
    )
    assert mapping == ColumnMapping(
        text="narrative_normalised", external_id="complaint_id", touchpoint="issue"
    )
    assert mapping.mapped() == {
        "text": "narrative_normalised",
        "touchpoint": "issue",
        "external_id": "complaint_id",
    }


def test_mapping_file_problems_carry_line_numbers() -> None:
    with pytest.raises(InvalidInputError) as caught:
        load_column_mapping("text: comment\nnsp: score\ncsat: 5\n", "map.yaml")
    assert caught.value.lines() == [
        "map.yaml:2:1: nsp: unknown field 'nsp'; did you mean 'nps'? the fields are: "
        "text, nps, csat, ces, author, occurred_at, touchpoint, department, channel, url, "
        "external_id",
        "map.yaml:3:1: csat: must be a column name (text); put it in quotes",
    ]


def test_a_duplicate_key_and_a_non_mapping_are_refused() -> None:
    with pytest.raises(InvalidInputError, match=r"map.yaml:2:1: nps: duplicate key 'nps'"):
        load_column_mapping("nps: a\nnps: b\n", "map.yaml")
    with pytest.raises(InvalidInputError, match="a column mapping is a YAML mapping"):
        load_column_mapping("- text\n- nps\n", "map.yaml")
    with pytest.raises(InvalidInputError, match="the mapping file is empty"):
        load_column_mapping("  \n", "map.yaml")
    with pytest.raises(InvalidInputError, match=r"map.yaml:2:1: .*YAML syntax error"):
        load_column_mapping("text: [unclosed\n", "map.yaml")


def test_defaults_per_source() -> None:
    assert ColumnMapping.defaults_for(EvidenceSource.SURVEY).mapped() == {
        "text": "comment",
        "nps": "nps",
        "csat": "csat",
        "ces": "ces",
        "occurred_at": "submitted_at",
        "touchpoint": "touchpoint",
        "external_id": "respondent_id",
    }
    assert ColumnMapping.defaults_for(EvidenceSource.SOCIAL).mapped() == {
        "text": "text",
        "author": "author",
        "occurred_at": "time",
        "channel": "channel",
        "url": "url",
    }
    assert ColumnMapping.defaults_for(EvidenceSource.CHAT).mapped() == {}


@pytest.mark.parametrize(
    ("cell", "expected"),
    [("", None), ("  ", None), (None, None), ("0", 0), (" 10 ", 10), (7.0, 7), ("8,0", 8), (3, 3)],
)
def test_scores_that_are_read(cell: str | float | None, expected: int | None) -> None:
    assert parse_score(cell, 0, 10) == expected


@pytest.mark.parametrize(
    ("cell", "reason"),
    [
        ("11", "11 is not between 0 and 10"),
        ("-1", "-1 is not between 0 and 10"),
        ("9.5", "9.5 is not a whole number"),
        ("nan", "'nan' is not a number"),
        ("seven", "'seven' is not a number"),
        (True, "'True' is not a number"),
        (datetime(2024, 1, 1), "'2024-01-01T00:00:00' is not a number"),
    ],
)
def test_scores_that_are_refused(cell: object, reason: str) -> None:
    with pytest.raises(ValueError, match=reason) as caught:
        parse_score(cell, 0, 10)  # type: ignore[arg-type]
    assert str(caught.value) == reason


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("2024-03-01T09:15:00Z", datetime(2024, 3, 1, 9, 15, tzinfo=UTC)),
        ("2024-03-01T10:15:00+01:00", datetime(2024, 3, 1, 9, 15, tzinfo=UTC)),
        ("2024-03-01 09:15", datetime(2024, 3, 1, 9, 15, tzinfo=UTC)),
        ("2024-03-01", datetime(2024, 3, 1, tzinfo=UTC)),
        ("2024/3/1 09:15:30", datetime(2024, 3, 1, 9, 15, 30, tzinfo=UTC)),
        ("01.03.2024", datetime(2024, 3, 1, tzinfo=UTC)),
        ("13/03/2024", datetime(2024, 3, 13, tzinfo=UTC)),
        ("05/05/2024", datetime(2024, 5, 5, tzinfo=UTC)),
        ("03/13/2024 17:05", datetime(2024, 3, 13, 17, 5, tzinfo=UTC)),
        ("Tue, 05 Mar 2024 10:00:00 +0100", datetime(2024, 3, 5, 9, tzinfo=UTC)),
        ("Wed Oct 10 20:19:24 +0000 2018", datetime(2018, 10, 10, 20, 19, 24, tzinfo=UTC)),
    ],
)
def test_times_that_are_read(text: str, expected: datetime) -> None:
    moment = parse_time(text)
    assert moment == expected
    assert moment is not None
    assert moment.tzinfo is UTC


def test_typed_times_and_blanks() -> None:
    assert parse_time(date(2024, 1, 2)) == datetime(2024, 1, 2, tzinfo=UTC)
    assert parse_time(datetime(2024, 1, 2, 3, 4)) == datetime(2024, 1, 2, 3, 4, tzinfo=UTC)
    assert parse_time(" ") is None


@pytest.mark.parametrize(
    ("text", "reason"),
    [
        ("03/04/2024", "ambiguous"),
        ("12/11/2024 10:00", "ambiguous"),
        ("31/31/2024", "not a valid date"),
        ("2024-13-01", "is not a date and time"),
        ("soon", "is not a date and time"),
    ],
)
def test_times_that_are_refused(text: str, reason: str) -> None:
    with pytest.raises(ValueError, match=reason):
        parse_time(text)


def test_cell_text_reads_spreadsheet_numbers_as_people_do() -> None:
    assert [cell_text(v) for v in (12.0, 12.5, None, "  x ", 7)] == ["12", "12.5", "", "x", "7"]
