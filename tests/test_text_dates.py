"""The one date grammar: printed dates read back to the date, in every form."""

from __future__ import annotations

import datetime as dt

from hypothesis import given
from hypothesis import strategies as st
from tests.test_text_numerals import chinese

from zwgk._text.dates import DATE_RE, find_dates, first_date, parse_date

_DIGITS = "〇一二三四五六七八九"


def _forms(d: dt.date) -> list[str]:
    year = "".join(_DIGITS[int(c)] for c in str(d.year))
    return [
        f"{d.year}年{d.month}月{d.day}日",
        f"{d.year} 年 {d.month:02d} 月 {d.day} 日",
        f"{d.year}-{d.month:02d}-{d.day:02d}",
        f"{d.year}.{d.month}.{d.day}",
        f"{d.year}/{d.month}/{d.day}",
        f"{year}年{chinese(d.month)}月{chinese(d.day)}日",
        f"{year.replace('〇', 'O')}年{chinese(d.month)}月{chinese(d.day)}日",
    ]


@given(st.dates(dt.date(1990, 1, 1), dt.date(2039, 12, 31)), st.integers(0, 6))
def test_every_printed_form_reads_back(date: dt.date, form: int) -> None:
    printed = _forms(date)[form]
    text = f"于{printed}印发"
    found = list(find_dates(text))
    assert [(d, text[a:b]) for d, a, b in found] == [(date, printed)]


def test_a_date_no_calendar_has_is_none() -> None:
    assert parse_date(DATE_RE.search("2019年2月30日")) is None  # type: ignore[arg-type]
    assert first_date("二〇一九年十三月一日") is None
    assert first_date("发布时间: 2021-10-08 15:47") == dt.date(2021, 10, 8)


def test_digits_run_on_are_no_date() -> None:
    assert list(find_dates("2019.12.312")) == []
