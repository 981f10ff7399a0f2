"""JSON Lines: one JSON value per line, each parsed on its own so one broken line is one reject.

Lines are numbered from 1 (a JSONL file has no header). A blank line between records is
rejected as an "empty line"; blank lines at the end of the file are dropped.
"""

from __future__ import annotations

import json
from collections.abc import Iterator
from typing import Any

from cxmap.ingest.evidence_text import Progress, ProgressTicker
from cxmap.model.evidence import RejectedRow

JSONL_SUFFIXES = (".jsonl", ".ndjson")


def json_lines(text: str, progress: Progress | None) -> Iterator[tuple[int, str, Any]]:
    """(line number, the line, its value) for each line, or a `RejectedRow` as the value."""
    ticker = ProgressTicker(progress, len(text))
    empty: list[RejectedRow] = []
    done = 0
    number = 0
    # Not `splitlines`: JSON strings may hold U+2028 or U+0085, which it would split on.
    for number, line in enumerate(text.split("\n"), start=1):
        done += len(line) + 1
        ticker.advance(done)
        stripped = line.strip()
        if not stripped:
            empty.append(RejectedRow(row=number, reason="empty line"))
            continue
        for rejected in empty:
            yield rejected.row, "", rejected
        empty.clear()
        yield number, stripped, _parsed(number, stripped)
    ticker.finish(len(text))


def _parsed(number: int, line: str) -> Any:
    try:
        return json.loads(line)
    except json.JSONDecodeError as error:
        reason = f"not valid JSON: {error.msg} (character {error.colno})"
        return RejectedRow(row=number, reason=reason, raw=line)
    except RecursionError:
        return RejectedRow(row=number, reason="not valid JSON: nested too deeply", raw=line[:1000])
