"""Themes: recurring phrases per step, counted by items, with quotes that link back."""

from __future__ import annotations

import json
from datetime import UTC, datetime
from pathlib import Path
from uuid import UUID

from cxmap.analytics.themes import QUOTE_CHARS, phrases, step_themes, themes_of
from cxmap.model.evidence import EvidenceDraft, EvidenceItem, MappingMethod, StepMapping
from cxmap.model.journey import EvidenceKind


def item(number: int, text: str, scored: str | None = None) -> EvidenceItem:
    return EvidenceItem(
        id=UUID(int=number),
        journey_id=UUID(int=0),
        draft=EvidenceDraft(kind=EvidenceKind.SURVEY, text=text, scored_text=scored),
        mapping=StepMapping(step="pay", method=MappingMethod.COLUMN, confidence=1.0),
        imported_at=datetime(2024, 3, 1, tzinfo=UTC),
    )


PAY = [
    item(1, "Payment failed and I was charged twice."),
    item(2, "payment failed again, charged twice!"),
    item(3, "The payment failed at 3D Secure."),
    item(4, "Nice shoes."),
]


def test_themes_by_hand() -> None:
    # "payment failed": items 1, 2, 3 -> 3; "payment" and "failed" also 3, so they are
    # inside a longer phrase with the same count and are dropped. "charged twice": items
    # 1 and 2; "charged" and "twice" dropped likewise. Nothing else recurs.
    themes = step_themes({"pay": PAY})["pay"]
    assert [(theme.phrase, theme.count) for theme in themes] == [
        ("payment failed", 3),
        ("charged twice", 2),
    ]
    assert [quote.evidence_id.int for quote in themes[0].quotes] == [1, 2, 3]
    assert [quote.text for quote in themes[1].quotes] == [
        "Payment failed and I was charged twice.",
        "payment failed again, charged twice!",
    ]


def test_a_shorter_phrase_with_a_higher_count_is_kept() -> None:
    more = [*PAY, item(5, "My payment went through fine"), item(6, "payment page was slow")]
    counted = {theme.phrase: theme.count for theme in step_themes({"pay": more})["pay"]}
    assert counted == {"payment": 5, "payment failed": 3, "charged twice": 2}


def test_candidate_phrases_do_not_start_or_end_with_stop_words_or_numbers() -> None:
    assert phrases("I won't pay 20 pounds, ok") == ["pay", "pounds", "pay 20 pounds"]
    assert "xxxx" not in phrases("my XXXX card XXXX")


def test_ties_go_to_longer_then_alphabetical_phrases() -> None:
    items = [
        item(i, text)
        for i, text in enumerate(["slow app", "slow app", "zebra", "zebra", "apple", "apple"])
    ]
    assert [theme.phrase for theme in themes_of(items)] == ["slow app", "apple", "zebra"]


def test_redaction_marks_are_not_themes() -> None:
    items = [item(1, "mail [email] or call [phone]"), item(2, "my [card] and [email] leaked")]
    assert themes_of(items) == []


def test_one_item_is_not_a_theme() -> None:
    assert step_themes({"pay": PAY[:1], "none": []}) == {"pay": [], "none": []}


def test_repeated_wordings_are_quoted_once_up_to_the_limit() -> None:
    same = [item(i, "Refund still not received") for i in range(1, 5)]
    other = [item(i, f"refund still not received after {i} weeks") for i in range(5, 9)]
    [theme, *_] = themes_of([*same, *other], quotes=3)
    assert theme.count == 8
    assert [quote.evidence_id.int for quote in theme.quotes] == [1, 5, 6]


def test_top_limits_the_themes() -> None:
    assert len(themes_of(PAY, top=1)) == 1


def test_a_long_text_is_quoted_around_the_phrase() -> None:
    filler = "We had waited for the courier all week long and nobody called us back. " * 4
    long = item(1, filler + "Then the payment failed again. " + filler)
    short = item(2, "payment failed")
    [theme] = themes_of([long, short])
    quote = theme.quotes[0].text
    assert "payment failed" in quote
    assert quote.startswith("…")
    assert quote.endswith("…")
    assert len(quote) <= QUOTE_CHARS + 2
    inner = quote.strip("…")
    flat = " ".join(long.draft.text.split())
    start = flat.index(inner)
    assert flat[start - 1] == " "  # cut at whole words
    assert flat[start + len(inner)] == " "


def test_chats_are_themed_on_what_the_customer_said() -> None:
    items = [
        item(
            i,
            f"customer: parcel missing\nagent: I understand your concern {i}",
            scored="parcel missing",
        )
        for i in (1, 2)
    ]
    assert [theme.phrase for theme in themes_of(items)] == ["parcel missing"]


def test_the_shared_chats_have_themes_with_quotes(shared_data: Path) -> None:
    path = shared_data / "feedback_text" / "support_chats_cucom_ecommerce.jsonl"
    items = []
    for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1):
        turns = json.loads(line)["turns"]
        said = " ".join(turn["text"] for turn in turns if turn["speaker"] == "customer")
        items.append(item(number, said))
    first = themes_of(items, top=10)
    assert first == themes_of(items, top=10)  # deterministic
    counted = {theme.phrase: theme.count for theme in first}
    assert {"order", "refund", "money"} <= set(counted)
    for theme in first:
        assert 1 <= len(theme.quotes) <= 3
        assert all(theme.phrase.split(" ")[0] in quote.text.lower() for quote in theme.quotes)
