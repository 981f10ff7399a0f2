"""Estimated text widths and word wrapping, without fonts."""

from __future__ import annotations

import pytest
from hypothesis import given, settings
from hypothesis import strategies as st

from cxmap.model.text_metrics import ELLIPSIS, char_width, text_width, tokens, wrap


@pytest.mark.parametrize(
    ("char", "expected"),
    [
        ("顧", 1.0),  # CJK ideograph: one em
        ("ア", 1.0),  # katakana
        ("한", 1.0),  # hangul
        ("\uff21", 1.0),  # fullwidth Latin A
        ("\u200d", 0.0),  # zero-width joiner
        ("\ufe0f", 0.0),  # emoji presentation selector
        ("\U0001f3fd", 0.0),  # skin tone modifier
        ("\u0301", 0.0),  # combining accent
    ],
)
def test_character_widths_in_ems(char: str, expected: float) -> None:
    assert char_width(char) == expected


def test_emoji_are_at_least_one_em_and_latin_is_narrower() -> None:
    assert char_width("🛒") >= 1.0
    assert char_width("⏰") >= 1.0
    assert char_width("i") < char_width("n") < char_width("W") < 1.0
    assert char_width("a", bold=True) > char_width("a")
    assert char_width("é") == char_width("e")  # accented letters as wide as their base letter


def test_width_scales_with_font_size() -> None:
    assert text_width("Checkout", 20) == pytest.approx(2 * text_width("Checkout", 10))
    assert text_width("顧客の旅", 12) == pytest.approx(48)


def test_wrap_breaks_between_words_and_keeps_them_whole() -> None:
    result = wrap("Pays the deposit with a saved card", 100, 12.5, max_lines=5)
    assert result.truncated is False
    assert len(result.lines) > 1
    assert " ".join(result.lines) == "Pays the deposit with a saved card"
    assert all(text_width(line, 12.5) <= 100 for line in result.lines)


def test_wrap_cuts_after_max_lines_with_an_ellipsis() -> None:
    result = wrap("one two three four five six seven eight nine ten", 60, 12.5, max_lines=2)
    assert result.truncated is True
    assert len(result.lines) == 2
    assert result.lines[1].endswith(ELLIPSIS)
    assert text_width(result.lines[1], 12.5) <= 60


def test_a_word_longer_than_the_line_is_split() -> None:
    result = wrap("Donaudampfschifffahrtsgesellschaftskapitän", 80, 12.5, max_lines=9)
    assert "".join(result.lines) == "Donaudampfschifffahrtsgesellschaftskapitän"
    assert all(text_width(line, 12.5) <= 80 for line in result.lines)


def test_cjk_breaks_anywhere_but_closing_punctuation_stays_on_its_line() -> None:
    text = "顧客は注文を確認します。次に支払います。"
    result = wrap(text, 12 * 6, 12, max_lines=9)  # six characters a line
    assert "".join(result.lines) == text
    assert not any(line.startswith("。") for line in result.lines)


def test_emoji_sequences_are_never_split() -> None:
    family = "👨\u200d👩\u200d👧"
    assert (family, True) in tokens(f"a {family} b")  # one token, after a space
    thumbs = "👍\U0001f3fd"
    assert any(token == thumbs for token, _ in tokens(f"ok{thumbs}"))


def test_whitespace_collapses() -> None:
    assert wrap("  two\n\nlines   here ", 1000, 12).lines == ("two lines here",)
    assert wrap("", 100, 12).lines == ()


@given(
    st.text(
        alphabet=st.sampled_from([*"abc defghij KLM 顧客の旅 🛒,.!", "\u200d", "\U0001f3fd"]),
        max_size=120,
    ),
    st.integers(min_value=40, max_value=300),
)
@settings(max_examples=150, deadline=None)
def test_wrapped_lines_fit_and_keep_every_character(text: str, limit: int) -> None:
    result = wrap(text, limit, 12.5, max_lines=100)
    assert result.truncated is False
    assert "".join(result.lines).replace(" ", "") == "".join(text.split())
    for line in result.lines:
        # a line is over the limit only when it holds one character cluster that alone is wider
        assert text_width(line, 12.5) <= limit or len(tokens(line)) == 1
    assert wrap(text, limit, 12.5, max_lines=100) == result  # deterministic
