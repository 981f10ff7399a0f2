"""Tables of evidence (CSV, TSV, XLSX): one item per row, columns named by a `ColumnMapping`.

Surveys and social posts share this: the header is checked against the mapping before any
row is read, then each row becomes a draft or a `RejectedRow` naming the column and why.

Rows are numbered from 1 at the first data row; the header is not counted (in a CSV file a
row is a record, which may span lines when a quoted comment holds line breaks). A row may be
shorter than the header (the missing cells are blank); one with extra non-blank cells is
rejected. An all-blank row is rejected as an "empty row", except at the end of the file,
where blank rows are usually left-over formatting and are dropped. Every rejected row is
listed once, for its first problem (width, then scores, time and text, in that order).
"""

from __future__ import annotations

import csv
import io
from collections.abc import Iterable, Iterator, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any
from zipfile import BadZipFile

import openpyxl
from openpyxl.utils.exceptions import InvalidFileException

from cxmap.ingest.evidence_columns import resolve_columns
from cxmap.ingest.evidence_text import Progress, ProgressTicker, read_text, require_file
from cxmap.ingest.evidence_values import Cell, cell_text, is_blank, parse_score, parse_time
from cxmap.model.errors import InvalidInputError, Problem
from cxmap.model.evidence import EvidenceDraft, Ratings, ReadResult, RejectedRow
from cxmap.model.evidence_import import ColumnMapping, ReadOptions
from cxmap.model.journey import EvidenceKind

CSV_SUFFIXES = (".csv", ".tsv", ".txt")
XLSX_SUFFIXES = (".xlsx", ".xlsm")
SCORES = (("nps", 0, 10), ("csat", 1, 5), ("ces", 1, 7))
_TEXT_FIELDS = ("text", "author", "channel", "url", "external_id", "department", "touchpoint")
_FIELD_LIMIT = 64 * 1024 * 1024


@dataclass(frozen=True)
class BrokenRecord:
    """A CSV record the csv module could not split into cells (a stray or unclosed quote)."""

    reason: str


Rows = Iterable[tuple[int, Sequence[Cell] | BrokenRecord]]


class _RowError(Exception):
    def __init__(self, column: str | None, reason: str) -> None:
        super().__init__(reason)
        self.column = column
        self.reason = reason


class RowReader:
    """Turns one row's cells into a draft, or raises `_RowError` with the column and why."""

    def __init__(
        self,
        kind: EvidenceKind,
        header: Sequence[str],
        columns: dict[str, int],
        options: ReadOptions,
        source: str,
    ) -> None:
        self.kind = kind
        self.header = [name.strip() for name in header]
        self.columns = columns
        self.options = options
        self.source = source
        self.scores = [(f, columns[f], low, high) for f, low, high in SCORES if f in columns]
        self.texts = [(f, columns[f]) for f in _TEXT_FIELDS if f in columns]
        self.time = columns.get("occurred_at")

    def read(
        self, number: int, cells: Sequence[Cell], raw: str | None = None
    ) -> EvidenceDraft | RejectedRow:
        """The row's draft, or why it is rejected (`raw`: the row as written; default: as CSV)."""
        try:
            return self._draft(number, cells)
        except _RowError as error:
            text = _raw(cells) if raw is None else raw
            return RejectedRow(row=number, column=error.column, reason=error.reason, raw=text)

    def _draft(self, number: int, cells: Sequence[Cell]) -> EvidenceDraft:
        width = len(self.header)
        if len(cells) < width:
            cells = [*cells, *[None] * (width - len(cells))]
        elif len(cells) > width and any(not is_blank(c) for c in cells[width:]):
            raise _RowError(None, f"{len(cells)} values but the header has {width}")
        ratings = self._ratings(cells)
        values: dict[str, Any] = {f: cell_text(cells[i]) for f, i in self.texts}
        if self.time is not None:
            try:
                values["occurred_at"] = parse_time(cells[self.time])
            except ValueError as error:
                raise _RowError(self.header[self.time], str(error)) from None
        self._check_content(values.get("text", ""), ratings)
        values["department"] = values.get("department") or self.options.department
        values["touchpoint"] = values.get("touchpoint") or None
        return EvidenceDraft(
            kind=self.kind, ratings=ratings, source=self.source, row=number, **values
        )

    def _ratings(self, cells: Sequence[Cell]) -> Ratings:
        found: dict[str, int] = {}
        for field, index, low, high in self.scores:
            try:
                value = parse_score(cells[index], low, high)
            except ValueError as error:
                raise _RowError(self.header[index], str(error)) from None
            if value is not None:
                found[field] = value
        return Ratings(**found) if found else Ratings()

    def _check_content(self, text: str, ratings: Ratings) -> None:
        if text:
            return
        if self.kind is not EvidenceKind.SURVEY:
            raise self._error("text", "no text")
        if ratings.is_empty():
            raise _RowError(None, "no comment and no score")

    def _error(self, field: str, reason: str) -> _RowError:
        return _RowError(self.header[self.columns[field]], reason)


def read_rows(rows: Rows, reader: RowReader) -> ReadResult:
    """Every row through `reader`; blank rows at the end are dropped, not rejected."""
    drafts: list[EvidenceDraft] = []
    rejected: list[RejectedRow] = []
    empty: list[RejectedRow] = []
    for number, cells in rows:
        if isinstance(cells, BrokenRecord):
            rejected.extend(empty)
            empty.clear()
            rejected.append(RejectedRow(row=number, reason=cells.reason))
            continue
        if all(is_blank(cell) for cell in cells):
            empty.append(RejectedRow(row=number, reason="empty row"))
            continue
        rejected.extend(empty)
        empty.clear()
        result = reader.read(number, cells)
        if isinstance(result, RejectedRow):
            rejected.append(result)
        else:
            drafts.append(result)
    return ReadResult(drafts=drafts, rejected=rejected)


def _raw(cells: Sequence[Cell]) -> str:
    out = io.StringIO()
    csv.writer(out, lineterminator="").writerow([cell_text(cell) for cell in cells])
    return out.getvalue()


def read_table(
    kind: EvidenceKind,
    path: Path,
    options: ReadOptions,
    defaults: ColumnMapping,
    progress: Progress | None,
) -> ReadResult:
    """A CSV/TSV (by default) or XLSX (by suffix) file of `kind` items."""
    source = options.source_name or path.name
    strict = options.columns is not None
    mapping = options.columns if options.columns is not None else defaults
    if path.suffix.lower() in XLSX_SUFFIXES:
        return _read_xlsx(kind, path, options, source, mapping, strict, progress)
    text = read_text(path, options.encoding, source)
    delimiter = "\t" if path.suffix.lower() == ".tsv" else _delimiter(text)
    lines = _counted_lines(text, ProgressTicker(progress, len(text)))
    records = _records(lines, delimiter)
    header = next(records, None)
    if header is None or isinstance(header[1], BrokenRecord):
        reason = "the file is empty" if header is None else "the header cannot be read"
        raise InvalidInputError([Problem((), f"{reason}; expected a header line", 1)], source)
    reader = _row_reader(kind, header[1], mapping, strict, options, source)
    return read_rows(records, reader)


def _row_reader(
    kind: EvidenceKind,
    header: Sequence[Cell],
    mapping: ColumnMapping,
    strict: bool,
    options: ReadOptions,
    source: str,
) -> RowReader:
    names = [cell_text(cell) for cell in header]
    columns = resolve_columns(names, mapping, strict, source)
    useful = {"text"} if kind is not EvidenceKind.SURVEY else {"text", "nps", "csat", "ces"}
    if not useful & columns.keys():
        wanted = " or ".join(f"'{c}'" for f, c in mapping.mapped().items() if f in useful)
        listed = ", ".join(f"'{n}'" for n in names)
        message = f"no column {wanted or 'for text'} (the header has: {listed}); map the columns"
        raise InvalidInputError([Problem((), message, 1)], source)
    return RowReader(kind, names, columns, options, source)


def _delimiter(text: str) -> str:
    """The commonest of `,` `;` tab `|` in the header line (Excel writes `;` in some locales)."""
    first = text[: text.find("\n")] if "\n" in text else text
    counts = {d: first.count(d) for d in (",", ";", "\t", "|")}
    best = max(counts, key=lambda d: counts[d])
    return best if counts[best] else ","


def _counted_lines(text: str, ticker: ProgressTicker) -> Iterator[str]:
    done = 0
    for line in io.StringIO(text, newline=""):
        done += len(line)
        ticker.advance(done)
        yield line
    ticker.finish(done)


def _records(
    lines: Iterator[str], delimiter: str
) -> Iterator[tuple[int, Sequence[Cell] | BrokenRecord]]:
    """(row number, cells) for the header (row 0) and every data row after it."""
    csv.field_size_limit(max(csv.field_size_limit(), _FIELD_LIMIT))
    reader = csv.reader(lines, delimiter=delimiter, strict=True)
    number = 0
    while True:
        start = reader.line_num + 1
        try:
            cells = next(reader)
        except StopIteration:
            return
        except csv.Error as error:
            reason = f"cannot split this row into cells: {error} (a stray or unclosed quote?"
            yield number, BrokenRecord(f"{reason} it starts on line {start})")
        else:
            yield number, cells
        number += 1


def _read_xlsx(
    kind: EvidenceKind,
    path: Path,
    options: ReadOptions,
    source: str,
    mapping: ColumnMapping,
    strict: bool,
    progress: Progress | None,
) -> ReadResult:
    require_file(path)
    try:
        workbook = openpyxl.load_workbook(path, read_only=True, data_only=True)
    except (BadZipFile, InvalidFileException, KeyError, OSError, ValueError) as error:
        message = f"not a readable XLSX workbook: {error}"
        raise InvalidInputError([Problem((), message)], source) from None
    try:
        sheet = _sheet(workbook, options.sheet, source)
        total = sheet.max_row - 1 if sheet.max_row else None
        rows = sheet.iter_rows(values_only=True)
        header = next(rows, None)
        if header is None:
            raise InvalidInputError(
                [Problem((), "the sheet is empty; expected a header row", 1)], source
            )
        width = max((i + 1 for i, cell in enumerate(header) if not is_blank(cell)), default=0)
        reader = _row_reader(kind, header[:width], mapping, strict, options, source)
        return read_rows(_ticked(enumerate(rows, start=1), ProgressTicker(progress, total)), reader)
    finally:
        workbook.close()


def _sheet(workbook: Any, name: str | None, source: str) -> Any:
    """The named worksheet, or the first; chart sheets hold no rows and are not offered."""
    sheets = {sheet.title: sheet for sheet in workbook.worksheets}
    if not sheets:
        raise InvalidInputError([Problem(("sheet",), "the workbook has no worksheets")], source)
    if name is None:
        return next(iter(sheets.values()))
    if name in sheets:
        return sheets[name]
    listed = ", ".join(f"'{n}'" for n in sheets)
    raise InvalidInputError(
        [Problem(("sheet",), f"no sheet '{name}' (the workbook has: {listed})")], source
    )


def _ticked(rows: Iterable[tuple[int, Sequence[Cell]]], ticker: ProgressTicker) -> Rows:
    number = 0
    for number, cells in rows:
        ticker.advance(number)
        yield number, cells
    ticker.finish(number)
