"""Redaction takes emails, phone numbers and card numbers out, and leaves everything else."""

from __future__ import annotations

import json
from pathlib import Path

import pytest

from cxmap.model.redaction import is_card_number, luhn_valid, redact


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        ("write to jane.doe+cx@example.co.uk today", "write to [email] today"),
        ("Priya.Rao@email.org.", "[email]."),
        ("<sushil_1990@gmail.com>", "<[email]>"),
        ("josé@correo.es", "[email]"),
    ],
)
def test_emails(text: str, expected: str) -> None:
    assert redact(text) == (expected, 1)


@pytest.mark.parametrize(
    "phone",
    [
        "+44 20 7946 0958",  # UK, international
        "+1 (555) 123-4567",  # US, international with area code in brackets
        "+49 30 12345678",
        "+33 1 23 45 67 89",
        "+91 99887 76655",
        "+4915112345678",
        "0044 20 7946 0958",  # 00 instead of +
        "(555) 123-4567",  # North American national forms
        "555-123-4567",
        "555.123.4567",
        "555 123 4567",
        "020 7946 0958",  # UK national
        "07700 900123",
        "0800 123 4567",
        "030 12345678",  # German national
        "030/1234567",
        "0171 1234567",
        "01 23 45 67 89",  # French national
        "9988776655",  # Indian mobile
    ],
)
def test_phone_numbers(phone: str) -> None:
    assert redact(f"call me on {phone}, thanks") == ("call me on [phone], thanks", 1)


@pytest.mark.parametrize(
    "card",
    [
        "4111 1111 1111 1111",  # Visa test number
        "4111-1111-1111-1111",
        "4111111111111111",
        "5500 0000 0000 0004",  # Mastercard
        "3782 822463 10005",  # American Express, 4-6-5
        "378282246310005",
        "3056 930902 5904",  # Diners, 4-6-4
        "6011 1111 1111 1117",  # Discover
        "4222222222222",  # 13 digits
        "6011 1111 1111 1111 110",  # 19 digits
    ],
)
def test_card_numbers(card: str) -> None:
    assert redact(f"my card {card} was charged") == ("my card [card] was charged", 1)


def test_several_at_once_are_counted() -> None:
    text = "Mail a@b.com or b@c.org, call +44 20 7946 0958, card 4111 1111 1111 1111."
    assert redact(text) == ("Mail [email] or [email], call [phone], card [card].", 4)


@pytest.mark.parametrize(
    "text",
    [
        # dates and times
        "on 2024-01-15 at 10:30",
        "on 15/01/2024 10:30",
        "on 05/01/2024 10:30",
        "on 01.02.2024",
        "2024-01-01T06:16:47Z",
        "between 2019-2024",
        "XX/XX/XXXX",
        # amounts
        "charged $1,200.00 and {$1200.00}",
        "1 234,56 € or £49.99",
        "99 rupees",
        "a 20000mAh power bank",
        "0,99 EUR",
        # order numbers and other identifiers
        "Order 505-4443332-2221110",
        "order #652-9284652-2847193",
        "Order ID: 999-0001112-2223334",
        "order 987-654-321",
        "order number #456-789-0123",
        "Order #987-654-3210 arrived",
        "The AWB is 9876543210",
        "tracking 7777754321",
        "respondent R0001",
        "ticket 123456",
        "version 1.2.3 on 192.168.0.1",
        # numbers that are almost cards
        "4111 1111 1111 1112",  # fails Luhn
        "1234 5678 9012 3452",  # passes Luhn, but no issuer starts with 1
        "41111 11111 11111 1",  # Luhn-valid digits, not a card's grouping
        # ordinary words around @
        "meet @ 5pm",
        "@anonymous said",
    ],
)
def test_what_is_not_personal_data_stays(text: str) -> None:
    assert redact(text) == (text, 0)


def test_luhn() -> None:
    assert luhn_valid("79927398713")  # the textbook example
    assert not luhn_valid("79927398710")
    assert is_card_number("4111 1111 1111 1111")
    assert not is_card_number("4111 1111-1111 1111")  # mixed separators


def test_the_shared_chats_keep_their_order_numbers(shared_data: Path) -> None:
    """The e-commerce chats name orders as 505-4443332-2221110 and phones as 9876543210."""
    path = shared_data / "feedback_text" / "support_chats_cucom_ecommerce.jsonl"
    texts = [
        turn["text"]
        for line in path.read_text(encoding="utf-8").splitlines()
        for turn in json.loads(line)["turns"]
    ]
    redacted = [redact(text)[0] for text in texts]
    order_numbers = [text for text in texts if "505-4443332-2221110" in text]
    assert order_numbers
    assert all("505-4443332-2221110" in redact(text)[0] for text in order_numbers)
    phones = sum(text.count("[phone]") for text in redacted)
    emails = sum(text.count("[email]") for text in redacted)
    # Counted by reading every match: 18 phone numbers, 6 emails, and one bank account
    # number written like an Indian mobile ("A/c no. is 9182736450"), taken out as a phone.
    assert (phones, emails) == (19, 6)
