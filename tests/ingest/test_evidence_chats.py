"""Chat transcripts: the shared JSONL conversations and plain `speaker: text` files."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cxmap.ingest.evidence_readers import read_evidence
from cxmap.model.errors import InvalidInputError
from cxmap.model.evidence import ReadResult
from cxmap.model.evidence_import import EvidenceSource, ReadOptions
from cxmap.model.journey import EvidenceKind


def chats(path: Path, options: ReadOptions | None = None) -> ReadResult:
    return read_evidence(EvidenceSource.CHAT, path, options or ReadOptions())


@pytest.mark.parametrize(
    ("name", "count"),
    [("support_chats_abcd.jsonl", 3), ("support_chats_cucom_ecommerce.jsonl", 197)],
)
def test_shared_conversations_one_item_each(shared_data: Path, name: str, count: int) -> None:
    path = shared_data / "feedback_text" / name
    records = [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines()]

    result = chats(path, ReadOptions(department="support"))

    assert result.rejected == []
    assert len(result.drafts) == len(records) == count
    for draft, record in zip(result.drafts, records, strict=True):
        customer = [t["text"].strip() for t in record["turns"] if t["speaker"] == "customer"]
        assert draft.scored_text == "\n".join(customer)
        assert draft.external_id == record["conversation_id"]
        said = [f"{t['speaker']}: {t['text'].strip()}" for t in record["turns"]]
        intent = [f"intent: {record['intent']}"] if "intent" in record else []
        assert draft.text == "\n".join(intent + said)
        assert (draft.kind, draft.channel, draft.department) == (
            EvidenceKind.CHAT,
            "chat",
            "support",
        )
    assert [d.row for d in result.drafts] == list(range(1, count + 1))


def test_the_abcd_chat_keeps_system_turns_in_the_transcript_only(shared_data: Path) -> None:
    first = chats(shared_data / "feedback_text" / "support_chats_abcd.jsonl").drafts[0]
    assert "system: Account has been pulled up for Crystal Minh." in first.text
    assert first.scored_text is not None
    assert "pulled up" not in first.scored_text
    assert first.scored_text.startswith("Hi! I need to return an item")
    assert first.text_to_score == first.scored_text


def test_bad_conversations_are_rejected_per_line(tmp_path: Path) -> None:
    lines = [
        json.dumps({"conversation_id": "c1", "turns": [{"speaker": "User", "text": "Hi"}]}),
        "{not json",
        json.dumps({"conversation_id": "c3"}),
        json.dumps({"conversation_id": "c4", "turns": [{"speaker": "agent"}]}),
        json.dumps({"conversation_id": "c5", "turns": [{"text": "who?"}]}),
        json.dumps({"conversation_id": "c6", "turns": [{"speaker": "agent", "text": "  "}]}),
        json.dumps({"conversation_id": "c7", "turns": [], "occurred_at": "2024-01-01"}),
        json.dumps({"turns": [{"speaker": "bot", "text": "Hello"}], "occurred_at": "later"}),
        json.dumps(
            {
                "conversation_id": 9,
                "occurred_at": "2024-02-03T04:05:06Z",
                "touchpoint": "returns",
                "department": "ops",
                "turns": [{"speaker": "Anna", "text": "hello"}, {"speaker": "bot", "text": "hi"}],
            }
        ),
    ]
    path = tmp_path / "chats.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    result = chats(path, ReadOptions(department="support"))

    assert [(r.row, r.column, r.reason) for r in result.rejected] == [
        (
            2,
            None,
            "not valid JSON: Expecting property name enclosed in double quotes (character 2)",
        ),
        (3, "turns", "no 'turns' list"),
        (4, "turns[0].text", "no text"),
        (5, "turns[0].speaker", "no speaker"),
        (6, "turns", "the conversation has no turns with text"),
        (7, "turns", "the conversation has no turns with text"),
        (8, "occurred_at", "'later' is not a date and time (e.g. 2024-03-01T09:15:00Z)"),
    ]
    first, last = result.drafts
    assert (first.text, first.scored_text, first.department) == ("customer: Hi", "Hi", "support")
    assert (last.external_id, last.touchpoint, last.department) == ("9", "returns", "ops")
    assert (last.text, last.scored_text) == ("Anna: hello\nagent: hi", "")


def test_a_plain_text_transcript(tmp_path: Path) -> None:
    path = tmp_path / "chat-0042.txt"
    path.write_text(
        "\n[10:02] Customer: My parcel never came.\n"
        "Order ID: 3348917502\n"
        "\n"
        "Agent: Sorry to hear that!\n"
        "SYSTEM: refund issued\n"
        "customer:thanks\n",
        encoding="utf-8",
    )
    result = chats(path, ReadOptions(department="support"))

    [draft] = result.drafts
    assert draft.text == (
        "customer: My parcel never came.\nOrder ID: 3348917502\n"
        "agent: Sorry to hear that!\nsystem: refund issued\ncustomer: thanks"
    )
    assert draft.scored_text == "My parcel never came.\nOrder ID: 3348917502\nthanks"
    assert (draft.row, draft.external_id, draft.source) == (1, "chat-0042", "chat-0042.txt")


def test_plain_text_problems_are_refused(tmp_path: Path) -> None:
    preamble = tmp_path / "a.txt"
    preamble.write_text("Chat log\ncustomer: hi\n", encoding="utf-8")
    with pytest.raises(InvalidInputError, match=r"a.txt:1: .*text before the first"):
        chats(preamble)
    nothing = tmp_path / "b.txt"
    nothing.write_text("\n\n", encoding="utf-8")
    with pytest.raises(InvalidInputError, match="no `speaker: text` lines"):
        chats(nothing)
    other = tmp_path / "c.csv"
    other.write_text("x", encoding="utf-8")
    with pytest.raises(InvalidInputError, match="chats come as JSON Lines"):
        chats(other)


def test_a_folder_of_transcripts(tmp_path: Path) -> None:
    (tmp_path / "2.txt").write_text("customer: second\n", encoding="utf-8")
    (tmp_path / "1.txt").write_text("agent: hello\ncustomer: first\n", encoding="utf-8")
    (tmp_path / "3.txt").write_text("no speakers here\n", encoding="utf-8")
    (tmp_path / "notes.doc").write_bytes(b"\xd0\xcf")
    (tmp_path / ".hidden.txt").write_text("customer: hidden\n", encoding="utf-8")

    result = chats(tmp_path)

    assert [(d.row, d.scored_text, d.source) for d in result.drafts] == [
        (1, "first", "1.txt"),
        (2, "second", "2.txt"),
    ]
    assert [(r.row, r.reason) for r in result.rejected] == [
        (3, "3.txt: line 1: text before the first `speaker: text` line (e.g. `customer: Hi`)"),
        (4, "notes.doc: not a .txt transcript (.txt)"),
    ]
