"""A folder of evidence files (documents, pictures, recordings, chat transcripts): one item each.

Files are read in sorted name order and numbered from 1 in that order, which is each
draft's `row`. A file that cannot be read does not stop the others: it becomes a
`RejectedRow` naming the file and why, as a bad row does in a table. Hidden files (a leading
dot, such as `.DS_Store`) and sub-folders are passed over.
"""

from __future__ import annotations

from collections.abc import Callable, Collection
from pathlib import Path

from cxmap.ingest.evidence_text import Progress, ProgressTicker
from cxmap.model.errors import InvalidInputError, NotFoundError, Problem
from cxmap.model.evidence import EvidenceDraft, ReadResult, RejectedRow

#: Reads one file as the `row`-th item (raises InvalidInputError when it cannot).
ReadOne = Callable[[Path, int], EvidenceDraft]


def folder_files(folder: Path, skip: Collection[Path] = ()) -> list[Path]:
    if not folder.is_dir():
        raise NotFoundError(f"{folder}: no such folder")
    return sorted(
        (
            p
            for p in folder.iterdir()
            if p.is_file() and not p.name.startswith(".") and p not in skip
        ),
        key=lambda p: p.name,
    )


def read_files(
    files: list[Path],
    read_one: ReadOne,
    accepted: Collection[str],
    what: str,
    progress: Progress | None,
) -> ReadResult:
    """Every file through `read_one`; a file whose suffix is not `accepted` is rejected."""
    ticker = ProgressTicker(progress, len(files))
    drafts: list[EvidenceDraft] = []
    rejected: list[RejectedRow] = []
    for row, path in enumerate(files, start=1):
        if path.suffix.lower() not in accepted:
            reason = f"{path.name}: not {what} ({', '.join(sorted(accepted))})"
            rejected.append(RejectedRow(row=row, reason=reason, raw=path.name))
        else:
            try:
                drafts.append(read_one(path, row))
            except InvalidInputError as error:
                reason = "; ".join(_described(problem) for problem in error.problems)
                rejected.append(
                    RejectedRow(row=row, reason=f"{path.name}: {reason}", raw=path.name)
                )
        ticker.advance(row)
    ticker.finish(len(files))
    return ReadResult(drafts=drafts, rejected=rejected)


def _described(problem: Problem) -> str:
    return f"line {problem.line}: {problem.message}" if problem.line else problem.message
