"""Survey readers: the shared survey export checked against pandas, and every bad input."""

from __future__ import annotations

import itertools
from datetime import UTC, datetime
from pathlib import Path

import openpyxl
import pandas as pd
import pytest

from cxmap.ingest.evidence_readers import read_evidence
from cxmap.model.errors import InvalidInputError
from cxmap.model.evidence import ReadResult
from cxmap.model.evidence_import import ColumnMapping, EvidenceSource, ReadOptions
from cxmap.model.journey import EvidenceKind

HEADER = "respondent_id,submitted_at,touchpoint,nps,csat,ces,comment\n"


def survey(path: Path, options: ReadOptions | None = None) -> ReadResult:
    return read_evidence(EvidenceSource.SURVEY, path, options or ReadOptions())


def write(tmp_path: Path, text: str, name: str = "survey.csv") -> Path:
    path = tmp_path / name
    path.write_text(text, encoding="utf-8", newline="")
    return path


def test_the_shared_survey_export_agrees_with_pandas(shared_data: Path) -> None:
    path = shared_data / "feedback_text" / "survey_responses.csv"
    frame = pd.read_csv(path, dtype=str, keep_default_na=False)
    result = survey(path)

    assert result.rejected == []
    assert len(result.drafts) == len(frame) == 500
    for column in ("nps", "csat", "ces"):
        expected = [None if v == "" else int(v) for v in frame[column]]
        assert [getattr(d.ratings, column) for d in result.drafts] == expected, column
    assert sum(d.ratings.nps is None for d in result.drafts) == (frame["nps"] == "").sum() == 6
    assert sum(d.ratings.ces is None for d in result.drafts) == (frame["ces"] == "").sum() == 31
    assert [d.text for d in result.drafts] == [v.strip() for v in frame["comment"]]
    assert sum(d.text == "" for d in result.drafts) == 76
    assert sum("\n" in d.text for d in result.drafts) == 7
    assert [d.external_id for d in result.drafts] == list(frame["respondent_id"])
    assert [d.touchpoint for d in result.drafts] == list(frame["touchpoint"])
    times = pd.to_datetime(frame["submitted_at"], utc=True)
    assert [d.occurred_at for d in result.drafts] == [t.to_pydatetime() for t in times]
    assert [d.row for d in result.drafts] == list(range(1, 501))
    assert {d.source for d in result.drafts} == {"survey_responses.csv"}
    assert {d.kind for d in result.drafts} == {EvidenceKind.SURVEY}


def test_placeholder_comments_stay_text(shared_data: Path) -> None:
    result = survey(shared_data / "feedback_text" / "survey_responses.csv")
    first = result.drafts[0]
    assert (first.external_id, first.text) == ("R0001", "n/a")


def test_out_of_range_and_non_numeric_scores_reject_only_their_row(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER
        + "R1,2024-01-01T10:00:00Z,web,11,4,6,too high\n"
        + "R2,2024-01-01T10:00:00Z,web,9,0,6,csat too low\n"
        + "R3,2024-01-01T10:00:00Z,web,9,4,8,ces too high\n"
        + "R4,2024-01-01T10:00:00Z,web,ten,4,6,not a number\n"
        + "R5,2024-01-01T10:00:00Z,web,7.5,4,6,half\n"
        + "R6,2024-01-01T10:00:00Z,web,7.0,4,,good row\n",
    )
    result = survey(path)

    lines = [r.describe("survey.csv") for r in result.rejected]
    assert lines == [
        "survey.csv:row 1: column 'nps': 11 is not between 0 and 10",
        "survey.csv:row 2: column 'csat': 0 is not between 1 and 5",
        "survey.csv:row 3: column 'ces': 8 is not between 1 and 7",
        "survey.csv:row 4: column 'nps': 'ten' is not a number",
        "survey.csv:row 5: column 'nps': 7.5 is not a whole number",
    ]
    assert result.rejected[0].raw == "R1,2024-01-01T10:00:00Z,web,11,4,6,too high"
    [good] = result.drafts
    assert (good.row, good.ratings.nps, good.ratings.csat, good.ratings.ces) == (6, 7, 4, None)


def test_empty_rows_are_rejected_but_trailing_blank_lines_dropped(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER + "R1,,web,9,,,fine\n,,,,,,\n\nR2,,web,,,,\n R3 ,,web,,5,,\n\n,,,\n",
    )
    result = survey(path)

    assert [(r.row, r.column, r.reason) for r in result.rejected] == [
        (2, None, "empty row"),
        (3, None, "empty row"),
        (4, None, "no comment and no score"),
    ]
    assert [(d.row, d.external_id) for d in result.drafts] == [(1, "R1"), (5, "R3")]


def test_a_bad_timestamp_rejects_the_row(tmp_path: Path) -> None:
    path = write(
        tmp_path,
        HEADER
        + "R1,yesterday,web,9,,,x\n"
        + "R2,2024-02-30,web,9,,,x\n"
        + "R3,03/04/2024,web,9,,,ambiguous\n"
        + "R4,2024-03-01T10:15:00+01:00,web,9,,,x\n"
        + "R5,25/12/2024 08:30,web,9,,,x\n",
    )
    result = survey(path)

    assert [(r.row, r.column) for r in result.rejected] == [
        (1, "submitted_at"),
        (2, "submitted_at"),
        (3, "submitted_at"),
    ]
    assert "'yesterday' is not a date and time" in result.rejected[0].reason
    assert "ambiguous" in result.rejected[2].reason
    assert [d.occurred_at for d in result.drafts] == [
        datetime(2024, 3, 1, 9, 15, tzinfo=UTC),
        datetime(2024, 12, 25, 8, 30, tzinfo=UTC),
    ]


def test_a_misnamed_mapped_column_is_refused_with_the_closest_header(tmp_path: Path) -> None:
    path = write(tmp_path, "id,NPS Score,Comments\n1,9,fine\n")
    mapping = ColumnMapping(nps="NPS score", text="comment", external_id="id")

    with pytest.raises(InvalidInputError) as caught:
        survey(path, ReadOptions(columns=mapping))

    assert caught.value.lines() == [
        "survey.csv:1: text: column 'comment' is not in the header; did you mean "
        "'Comments'? (the header has: 'id', 'NPS Score', 'Comments')",
        "survey.csv:1: nps: column 'NPS score' is not in the header; did you mean "
        "'NPS Score'? (the header has: 'id', 'NPS Score', 'Comments')",
    ]


def test_defaults_match_headers_loosely_and_skip_absent_columns(tmp_path: Path) -> None:
    path = write(tmp_path, "NPS;Comment;Submitted At\n9;très bien;2024-01-05\n")
    [draft] = survey(path, ReadOptions(department="marketing")).drafts

    assert (draft.ratings.nps, draft.text) == (9, "très bien")
    assert draft.occurred_at == datetime(2024, 1, 5, tzinfo=UTC)
    assert (draft.department, draft.touchpoint, draft.external_id) == ("marketing", None, "")


def test_a_file_without_text_or_score_columns_is_refused(tmp_path: Path) -> None:
    path = write(tmp_path, "when,who\n2024-01-01,ann\n")
    with pytest.raises(InvalidInputError, match="no column 'comment' or 'nps'"):
        survey(path)


def test_a_department_column_wins_over_the_option(tmp_path: Path) -> None:
    path = write(tmp_path, "score,remark,team\n9,good,sales\n3,bad,\n")
    mapping = ColumnMapping(nps="score", text="remark", department="team")
    drafts = survey(path, ReadOptions(columns=mapping, department="marketing")).drafts
    assert [d.department for d in drafts] == ["sales", "marketing"]


def test_wrong_encoding_names_the_byte_offset_and_suggests_encoding(tmp_path: Path) -> None:
    path = tmp_path / "latin.csv"
    path.write_bytes(HEADER.encode() + "R1,,web,9,,,café au lait\n".encode("cp1252"))

    with pytest.raises(InvalidInputError) as caught:
        survey(path)
    offset = len(HEADER) + len("R1,,web,9,,,caf")
    [line] = caught.value.lines()
    assert line == (
        f"latin.csv:2:16: (document): byte 0xe9 at offset {offset} is not utf-8 text; "
        "give the file's encoding with --encoding (e.g. --encoding cp1252)"
    )
    [draft] = survey(path, ReadOptions(encoding="cp1252")).drafts
    assert draft.text == "café au lait"


def test_a_byte_order_mark_and_crlf_line_ends_are_read(tmp_path: Path) -> None:
    path = tmp_path / "bom.csv"
    path.write_bytes(b"\xef\xbb\xbf" + b'nps,comment\r\n10,"two\r\nlines"\r\n')
    [draft] = survey(path).drafts
    assert (draft.ratings.nps, draft.text, draft.row) == (10, "two\r\nlines", 1)


def test_utf16_and_unknown_encodings_are_named(tmp_path: Path) -> None:
    path = tmp_path / "wide.csv"
    path.write_bytes("nps,comment\n9,ok\n".encode("utf-16"))
    with pytest.raises(InvalidInputError, match="use --encoding utf-16"):
        survey(path)
    assert survey(path, ReadOptions(encoding="utf-16")).drafts[0].text == "ok"
    with pytest.raises(InvalidInputError, match="unknown encoding 'klingon'"):
        survey(path, ReadOptions(encoding="klingon"))


def test_rows_that_cannot_be_split_or_are_too_wide_are_rejected(tmp_path: Path) -> None:
    path = write(tmp_path, 'nps,comment\n9,"fine"x\n8,ok,extra\n7,ok,,\n6,"never closed\n5,lost\n')
    result = survey(path)

    assert [(r.row, r.reason[:30]) for r in result.rejected] == [
        (1, "cannot split this row into cel"),
        (2, "3 values but the header has 2"),
        (4, "cannot split this row into cel"),
    ]
    assert "starts on line 5" in result.rejected[2].reason
    assert [(d.row, d.ratings.nps) for d in result.drafts] == [(3, 7)]


def test_empty_and_header_only_files(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="the file is empty"):
        survey(write(tmp_path, ""))
    assert survey(write(tmp_path, HEADER)) == ReadResult(drafts=[], rejected=[])


def test_xlsx_with_typed_cells_and_a_chosen_sheet(tmp_path: Path) -> None:
    workbook = openpyxl.Workbook()
    workbook.active.title = "Notes"
    workbook.active.append(["nothing here"])
    sheet = workbook.create_sheet("Answers")
    sheet.append(["respondent_id", "submitted_at", "nps", "csat", "comment"])
    sheet.append([101, datetime(2024, 5, 1, 9, 30), 9, 5.0, "Lovely"])
    sheet.append([102, "2024-05-02T10:00:00Z", 12, 4, "out of range"])
    sheet.append([None, None, None, None, None])
    sheet.append([103, None, None, 2, None])
    sheet.append([None, None, None, None, None])
    path = tmp_path / "answers.xlsx"
    workbook.save(path)

    calls: list[tuple[int, int | None]] = []
    result = read_evidence(
        EvidenceSource.SURVEY, path, ReadOptions(sheet="Answers"), lambda d, t: calls.append((d, t))
    )

    assert [(d.row, d.external_id, d.ratings.nps, d.ratings.csat) for d in result.drafts] == [
        (1, "101", 9, 5),
        (4, "103", None, 2),
    ]
    assert result.drafts[0].occurred_at == datetime(2024, 5, 1, 9, 30, tzinfo=UTC)
    assert [(r.row, r.column, r.reason) for r in result.rejected] == [
        (2, "nps", "12 is not between 0 and 10"),
        (3, None, "empty row"),
    ]
    assert calls[-1] == (5, 5)
    with pytest.raises(InvalidInputError, match=r"no sheet 'Answer' .*'Notes', 'Answers'"):
        survey(path, ReadOptions(sheet="Answer"))


def test_a_damaged_xlsx_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "broken.xlsx"
    path.write_bytes(b"PK\x03\x04 not really a workbook")
    with pytest.raises(InvalidInputError, match="not a readable XLSX workbook"):
        survey(path)


def test_progress_reaches_the_total_in_small_steps(tmp_path: Path) -> None:
    rows = "".join(f"R{i},,web,{i % 11},,,comment number {i}\n" for i in range(5000))
    path = write(tmp_path, HEADER + rows)
    calls: list[tuple[int, int | None]] = []

    result = read_evidence(
        EvidenceSource.SURVEY, path, progress=lambda done, total: calls.append((done, total))
    )

    total = len(HEADER + rows)
    assert len(result.drafts) == 5000
    assert calls[-1] == (total, total)
    assert all(t == total for _, t in calls)
    assert [d for d, _ in calls] == sorted(d for d, _ in calls)
    gaps = [b - a for (a, _), (b, _) in itertools.pairwise(calls)]
    assert max(gaps) <= total // 100 + 100  # about every 1 % (a line at most past it)
    assert len(calls) >= 90


def test_a_survey_must_be_csv_or_xlsx(tmp_path: Path) -> None:
    with pytest.raises(InvalidInputError, match="a survey is a CSV, TSV or XLSX file"):
        survey(write(tmp_path, "{}", "survey.json"))
