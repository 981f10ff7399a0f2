"""Live-chat and support conversations: JSON Lines, or plain `speaker: text` transcripts.

One draft per conversation. Its `text` is the whole transcript as `speaker: text` lines, so a
reader sees what happened; its `scored_text` is the customer's turns alone, because the
agent's politeness ("happy to help!") would otherwise lift every conversation's sentiment.
A conversation without customer turns has an empty `scored_text`.

JSONL: `{"conversation_id", "intent"?, "turns": [{"speaker", "text"}]}` per line (the shared
format), optionally with `occurred_at`, `touchpoint`, `department` and `channel`. Speakers
`user`, `client`, `caller` ... count as the customer and `assistant`, `bot`, `operator` ...
as the agent; other names are kept as written. The source system's intent label
(`product_defect/return_size`) is not a step name, so it is not a touchpoint: it becomes
the transcript's first line (`intent: ...`), where rule and similarity mapping and people see
it, while sentiment, computed on the customer's turns, is not touched by it.

Plain text: one conversation per file; a line `customer: ...`, `agent: ...` or `system: ...`
(or another known role, optionally after a `[10:02]` time) starts a turn, and any other line
continues the previous turn (so `Order ID: 3348917502` stays inside a turn). A folder of
`.txt` files is read as one conversation per file.
"""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

from cxmap.ingest.evidence_folders import folder_files, read_files
from cxmap.ingest.evidence_jsonl import JSONL_SUFFIXES, json_lines
from cxmap.ingest.evidence_text import Progress, read_text
from cxmap.ingest.evidence_values import cell_text, parse_time
from cxmap.model.errors import InvalidInputError, Problem
from cxmap.model.evidence import EvidenceDraft, ReadResult, RejectedRow
from cxmap.model.evidence_import import ReadOptions
from cxmap.model.journey import EvidenceKind

TEXT_SUFFIXES = (".txt",)
CHAT_SUFFIXES = JSONL_SUFFIXES + TEXT_SUFFIXES
CUSTOMER = "customer"
ROLES = {
    **dict.fromkeys(("customer", "user", "client", "caller", "consumer", "visitor"), CUSTOMER),
    **dict.fromkeys(
        ("agent", "assistant", "bot", "operator", "advisor", "adviser", "support", "rep"),
        "agent",
    ),
    "system": "system",
}
_SPEAKER_LINE = re.compile(r"^\s*(?:\[[^\]\n]{1,40}\]\s*)?([A-Za-z][A-Za-z ]{0,20}?)\s*:\s?(.*)$")
Turn = tuple[str, str]


def read_chats(path: Path, options: ReadOptions, progress: Progress | None = None) -> ReadResult:
    """JSONL: one draft per line (`row` = line number from 1). A `.txt` file: one draft,
    row 1. A folder: every `.txt` file in it, `row` = its number in name order."""
    if path.is_dir():
        files = folder_files(path)
        read_one = lambda file, row: _read_text_chat(file, row, options)  # noqa: E731
        return read_files(files, read_one, TEXT_SUFFIXES, "a .txt transcript", progress)
    suffix = path.suffix.lower()
    if suffix in JSONL_SUFFIXES:
        return _read_jsonl(path, options, progress)
    if suffix in TEXT_SUFFIXES:
        draft = _read_text_chat(path, 1, options)
        if progress is not None:
            progress(1, 1)
        return ReadResult(drafts=[draft], rejected=[])
    message = f"chats come as JSON Lines (.jsonl) or `speaker: text` .txt files, not '{suffix}'"
    raise InvalidInputError([Problem((), message)], options.source_name or path.name)


def transcript(turns: list[Turn], intent: str = "") -> tuple[str, str]:
    """(`speaker: text` lines, the customer's turns joined by newlines)."""
    lines = [f"intent: {intent}"] if intent else []
    lines += [f"{speaker}: {text}" for speaker, text in turns]
    customer = [text for speaker, text in turns if speaker == CUSTOMER]
    return "\n".join(lines), "\n".join(customer)


def _read_jsonl(path: Path, options: ReadOptions, progress: Progress | None) -> ReadResult:
    source = options.source_name or path.name
    drafts: list[EvidenceDraft] = []
    rejected: list[RejectedRow] = []
    for number, line, value in json_lines(read_text(path, options.encoding, source), progress):
        if isinstance(value, RejectedRow):
            rejected.append(value)
            continue
        try:
            drafts.append(_conversation(value, number, options, source))
        except _RejectedError as error:
            rejected.append(
                RejectedRow(row=number, column=error.column, reason=str(error), raw=line)
            )
    return ReadResult(drafts=drafts, rejected=rejected)


class _RejectedError(ValueError):
    def __init__(self, reason: str, column: str | None = None) -> None:
        super().__init__(reason)
        self.column = column


def _conversation(value: Any, number: int, options: ReadOptions, source: str) -> EvidenceDraft:
    if not isinstance(value, dict):
        raise _RejectedError("a conversation is a JSON object with a 'turns' list")
    turns = _turns(value.get("turns"))
    try:
        occurred_at = parse_time(_scalar(value, "occurred_at"))
    except ValueError as error:
        raise _RejectedError(str(error), "occurred_at") from None
    text, scored = transcript(turns, cell_text(_scalar(value, "intent")))
    return EvidenceDraft(
        kind=EvidenceKind.CHAT,
        text=text,
        scored_text=scored,
        source=source,
        department=cell_text(_scalar(value, "department")) or options.department,
        channel=cell_text(_scalar(value, "channel")) or "chat",
        occurred_at=occurred_at,
        touchpoint=cell_text(_scalar(value, "touchpoint")) or None,
        external_id=cell_text(_scalar(value, "conversation_id")),
        row=number,
    )


def _scalar(record: dict[str, Any], key: str) -> str | int | float | None:
    value = record.get(key)
    if value is None or (isinstance(value, str | int | float) and not isinstance(value, bool)):
        return value
    raise _RejectedError("must be text or a number", key)


def _turns(value: Any) -> list[Turn]:
    if not isinstance(value, list):
        raise _RejectedError("no 'turns' list", "turns")
    turns: list[Turn] = []
    for index, turn in enumerate(value):
        where = f"turns[{index}]"
        if not isinstance(turn, dict):
            raise _RejectedError("a turn is an object with 'speaker' and 'text'", where)
        speaker, text = turn.get("speaker"), turn.get("text")
        if not isinstance(speaker, str) or not speaker.strip():
            raise _RejectedError("no speaker", f"{where}.speaker")
        if not isinstance(text, str):
            raise _RejectedError("no text", f"{where}.text")
        if text.strip():
            turns.append((_role(speaker), text.strip()))
    if not turns:
        raise _RejectedError("the conversation has no turns with text", "turns")
    return turns


def _role(speaker: str) -> str:
    name = speaker.strip()
    return ROLES.get(name.lower(), name)


def _read_text_chat(path: Path, row: int, options: ReadOptions) -> EvidenceDraft:
    source = options.source_name or path.name
    turns = parse_speaker_lines(read_text(path, options.encoding, source), source)
    text, scored = transcript(turns)
    return EvidenceDraft(
        kind=EvidenceKind.CHAT,
        text=text,
        scored_text=scored,
        source=source,
        department=options.department,
        channel="chat",
        external_id=path.stem,
        row=row,
    )


def parse_speaker_lines(text: str, source: str) -> list[Turn]:
    """`speaker: text` lines -> turns; a line without a known speaker continues the last turn."""
    turns: list[list[str]] = []
    for number, line in enumerate(text.splitlines(), start=1):
        match = _SPEAKER_LINE.match(line)
        role = ROLES.get(match.group(1).strip().lower()) if match else None
        if match and role:
            turns.append([role, match.group(2).strip()])
        elif turns:
            turns[-1][1] = (
                f"{turns[-1][1]}\n{line.strip()}".strip() if line.strip() else turns[-1][1]
            )
        elif line.strip():
            message = "text before the first `speaker: text` line (e.g. `customer: Hi`)"
            raise InvalidInputError([Problem((), message, number)], source)
    kept = [(role, words) for role, words in turns if words]
    if not kept:
        message = (
            "no `speaker: text` lines; a transcript looks like `customer: Hi` / `agent: Hello`"
        )
        raise InvalidInputError([Problem((), message, 1)], source)
    return kept
