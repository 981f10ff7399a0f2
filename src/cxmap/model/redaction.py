"""Take personal data out of evidence text before it is stored: emails, phones, card numbers.

Redaction must not eat what analysts need: dates, amounts, times and order numbers stay.
So a phone number has to look like one (a `+` or `00` country code, or a national format:
North American 3-3-4 digits, a trunk `0` with 10-11 digits in consistent groups, or an
Indian ten-digit mobile), and a card number must have 13-19 digits written whole or in a
card's grouping (4-4-4-4..., 4-6-5, 4-6-4), start like an issuer's (2-6) and pass Luhn.
An order number such as 505-4443332-2221110 fits none of these, and a number that
follows `#`, "order", "ticket", "AWB", "ID" and the like is an identifier, not a phone.
"""

from __future__ import annotations

import re
from collections.abc import Callable

EMAIL = "[email]"
PHONE = "[phone]"
CARD = "[card]"
PLACEHOLDERS = (EMAIL, PHONE, CARD)

_EMAIL = re.compile(r"(?<![\w.%+-])[\w.%+-]+@[\w-]+(?:\.[\w-]+)*\.[^\W\d_]{2,}(?![\w-])")

# A number stands alone: no letter, digit or joining mark right before or after it.
_BEFORE = r"(?<![\w+/.,-])"
_AFTER = r"(?![\w/]|[.,:-]\d)"

_CARD = re.compile(_BEFORE + r"\d(?:[ -]?\d){12,18}" + _AFTER)
_CARD_GROUPS = ((4, 6, 5), (4, 6, 4))

_PHONE = re.compile(
    _BEFORE
    + "(?:"
    + r"(?:\+|00)[1-9]\d{0,2}(?:[ .-]?\(\d{1,4}\))?(?:[ .-]?\d){6,13}"  # +44 20 7946 0958
    + r"|\(\d{3}\) ?\d{3}[ .-]\d{4}"  # (555) 123-4567
    + r"|\d{3}([ .-])\d{3}\1\d{4}"  # 555-123-4567, 555.123.4567
    + r"|0\d{1,4}(?:([ /-])\d{2,8})?(?:\2\d{2,8}){0,3}"  # 020 7946 0958, 030/1234567
    + r"|[6-9]\d{9}"  # 9988776655
    + ")"
    + _AFTER
)


def redact(text: str) -> tuple[str, int]:
    """The text with emails, card numbers and phone numbers replaced, and how many were.

    Emails go first (an address may contain digits), then cards (a card's groups could
    pass for a phone number).
    """
    total = 0
    for pattern, placeholder, accept in _RULES:
        text, count = _substitute(pattern, placeholder, accept, text)
        total += count
    return text, total


def _substitute(
    pattern: re.Pattern[str],
    placeholder: str,
    accept: Callable[[re.Match[str]], bool],
    text: str,
) -> tuple[str, int]:
    count = 0

    def substitute(match: re.Match[str]) -> str:
        nonlocal count
        if not accept(match):
            return match.group()
        count += 1
        return placeholder

    return pattern.sub(substitute, text), count


def _is_card(match: re.Match[str]) -> bool:
    return is_card_number(match.group())


def is_card_number(written: str) -> bool:
    """13-19 digits, grouped as cards are, an issuer's first digit, and a valid Luhn sum."""
    digits = re.sub(r"\D", "", written)
    if not 13 <= len(digits) <= 19 or digits[0] not in "23456":
        return False
    return _grouped_like_a_card(written) and luhn_valid(digits)


def luhn_valid(digits: str) -> bool:
    total = 0
    for position, digit in enumerate(reversed(digits)):
        value = int(digit)
        if position % 2 == 1:
            value = value * 2 - 9 if value > 4 else value * 2
        total += value
    return total % 10 == 0


def _grouped_like_a_card(written: str) -> bool:
    separators = set(re.findall(r"[ -]", written))
    if not separators:
        return True
    if len(separators) > 1:
        return False
    groups = tuple(len(group) for group in re.split(r"[ -]", written))
    fours = all(size == 4 for size in groups[:-1]) and 1 <= groups[-1] <= 4
    return fours or groups in _CARD_GROUPS


_NAMED_AS_AN_ID = re.compile(
    r"(?:#|\b(?:order|awb|tracking|invoice|ticket|ref|reference|id)\b"
    r"[\s.:#]*(?:(?:number|no|id|is)\b[\s.:#]*)*)$",
    re.IGNORECASE,
)


def _is_phone_number(match: re.Match[str]) -> bool:
    before = match.string[max(0, match.start() - 30) : match.start()]
    if _NAMED_AS_AN_ID.search(before):
        return False
    written = match.group()
    digits = re.sub(r"\D", "", written)
    if written.startswith(("+", "00")):
        return 8 <= len(digits.removeprefix("00")) <= 15
    if written.startswith("0"):
        return 10 <= len(digits) <= 11
    return len(digits) == 10


def _any(_: re.Match[str]) -> bool:
    return True


_RULES: tuple[tuple[re.Pattern[str], str, Callable[[re.Match[str]], bool]], ...] = (
    (_EMAIL, EMAIL, _any),
    (_CARD, CARD, _is_card),
    (_PHONE, PHONE, _is_phone_number),
)
