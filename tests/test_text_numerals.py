"""The one numeral reader: Chinese, Arabic, full-width and mixed numerals."""

from __future__ import annotations

import pickle
from decimal import Decimal

import pytest
from hypothesis import given
from hypothesis import strategies as st

from zwgk._text.numerals import (
    CN_COUNT,
    CN_NUMERAL,
    CN_SMALL,
    ZEROS,
    NumeralError,
    digits_up_to,
    numeral_or_none,
    parse_numeral,
)

_DIGITS = "零一二三四五六七八九"


def _group(n: int) -> str:
    """A number below 10 000 as printed in Chinese, 零 marking each gap."""
    out = ""
    gap = False
    for unit, name in ((1000, "千"), (100, "百"), (10, "十"), (1, "")):
        d = n // unit % 10
        if d == 0:
            gap = bool(out)
            continue
        if gap:
            out += "零"
            gap = False
        out += _DIGITS[d] + name
    return out


def chinese(n: int) -> str:
    """The canonical Chinese numeral of ``n`` (0 ≤ n < 10¹²), the generator the tests read back."""
    if n == 0:
        return "零"
    parts = ((n // 10**8, "亿"), (n // 10**4 % 10**4, "万"), (n % 10**4, ""))
    out = ""
    for value, name in parts:
        if value == 0:
            continue
        if out and value < 1000:
            out += "零"
        out += _group(value) + name
    if out.startswith("一十"):  # 十二, not 一十二, at the head
        out = out[1:]
    return out


@given(st.integers(min_value=0, max_value=10**12 - 1))
def test_chinese_numerals_read_back(n: int) -> None:
    assert parse_numeral(chinese(n)) == n


@given(st.integers(min_value=0, max_value=10**9))
def test_arabic_full_width_and_grouped_read_back(n: int) -> None:
    wide = str(n).translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    assert parse_numeral(str(n)) == parse_numeral(wide) == parse_numeral(f"{n:,}") == n


@given(st.decimals(min_value=0, max_value=10**6, places=2, allow_nan=False))
def test_decimals_stay_decimal(d: Decimal) -> None:
    value = parse_numeral(str(d))
    assert value == d
    assert isinstance(value, Decimal if "." in str(d) else int)


@given(st.integers(min_value=1, max_value=9999), st.sampled_from(["千", "万", "亿"]))
def test_mixed_numerals_scale(n: int, unit: str) -> None:
    scale = {"千": 1000, "万": 10_000, "亿": 10**8}[unit]
    assert parse_numeral(f"{n}{unit}") == n * scale
    assert parse_numeral(f"{n / 10}{unit}") == Decimal(str(n / 10)) * scale


@pytest.mark.parametrize(
    ("text", "value"),
    [
        ("十", 10),
        ("一十", 10),
        ("两百", 200),
        ("两万", 20_000),
        ("一千零五", 1005),
        ("二〇一二", 2012),
        ("二○一二", 2012),
        ("二零二一", 2021),
        ("〇", 0),
        ("1.2万", 12_000),
        ("1.25万", 12_500),
        ("0.5", Decimal("0.5")),
        ("１２", 12),
        ("１．５", Decimal("1.5")),
    ],
)
def test_printed_forms(text: str, value: int | Decimal) -> None:
    assert parse_numeral(text) == value
    assert type(parse_numeral(text)) is type(value)


@pytest.mark.parametrize(
    "text",
    [
        "",
        "十十",
        "一百五",
        "一万五",
        "万",
        "一零十",
        "百",
        "1,23",
        "1.2.3",
        "若干",
        "两一",
        "1万万",
    ],
)
def test_not_numerals(text: str) -> None:
    with pytest.raises(NumeralError):
        parse_numeral(text)
    assert numeral_or_none(text) is None


def test_error_is_a_value_error_and_pickles() -> None:
    err = pickle.loads(pickle.dumps(NumeralError("x")))
    assert isinstance(err, ValueError)
    assert err.text == "x"


def test_numeral_classes_are_slices_of_the_one_numeral_alphabet() -> None:
    assert set(CN_SMALL) | set("百千万亿") == set(CN_NUMERAL)
    assert set(CN_COUNT) | {"亿"} == set(CN_NUMERAL)
    assert set(ZEROS) <= set(CN_SMALL)
    assert [parse_numeral(c) for c in digits_up_to(4)] == [1, 2, 3, 4, 1, 2, 3, 4]
    with pytest.raises(ValueError, match="1 to 9"):
        digits_up_to(10)


@given(st.text(alphabet="0123456789", min_size=1, max_size=30))
def test_plain_digits_read_as_the_general_reading_reads_them(digits: str) -> None:
    # Spaces around the digits take the general reading (strip, widths, groups).
    assert parse_numeral(digits) == parse_numeral(f" {digits} ") == int(digits)


def test_digits_past_what_int_reads_are_no_numeral() -> None:
    with pytest.raises(NumeralError):
        parse_numeral("9" * 5000)
