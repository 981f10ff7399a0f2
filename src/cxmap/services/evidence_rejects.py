"""The reject report of an import: one CSV line per refused row (row, column, reason, raw).

It is written beside the input by default (`survey.csv` -> `survey.rejects.csv`), so the
person who fixes the file finds the list next to it, and atomically, like every file cxmap
writes. The rows are in source order; `raw` is the row as it was read, to be corrected and
imported again.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from pathlib import Path

from cxmap.model.evidence import RejectedRow
from cxmap.services.journey_files import write_atomically

HEADER = ("row", "column", "reason", "raw")


def default_reject_path(source: Path) -> Path:
    """Beside the input: `survey.csv` -> `survey.rejects.csv` (a folder `media/` ->
    `media.rejects.csv`)."""
    return source.with_name(f"{source.stem}.rejects.csv")


def reject_csv(rejected: Sequence[RejectedRow]) -> str:
    buffer = io.StringIO()
    writer = csv.writer(buffer, lineterminator="\n")
    writer.writerow(HEADER)
    for row in sorted(rejected, key=lambda each: each.row):
        writer.writerow((row.row, row.column or "", row.reason, row.raw))
    return buffer.getvalue()


def write_reject_file(path: Path, rejected: Sequence[RejectedRow]) -> None:
    write_atomically(path, reject_csv(rejected).encode("utf-8"))
