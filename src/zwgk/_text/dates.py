"""Printed dates: ``2018年3月14日``, ``2018-03-14``, ``2018.3.14``, ``二〇一二年二月二十日``.

`zwgk._text.dates.DATE_RE` is the one date pattern; `zwgk._text.dates.parse_date`
reads a match into a ``datetime.date`` (``None`` for a date no calendar has).  Years
print digit by digit (二〇一二, or 二O一二 with a letter O for the zero); months and
days count (二十).
"""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from zwgk._text.numerals import CN_DIGITS, ZEROS, parse_numeral

__all__ = ["DATE_RE", "YEAR", "find_dates", "first_date", "parse_date"]

#: A year of the documents' era, in Arabic digits.
YEAR = r"(?:19|20)\d\d"
#: The letters a typist puts for the zero of a Chinese year (二O一二).
_LETTER_ZEROS = "Oo"
_CN_YEAR_DIGIT = f"[{ZEROS}{_LETTER_ZEROS}{CN_DIGITS[:-1]}]"
_CN_COUNT = f"[{ZEROS}{_LETTER_ZEROS}{CN_DIGITS}]"
#: Every printed date; groups ``y m1 d1`` (dashes, dots, slashes), ``y m2 d2`` (年月日),
#: ``cy cm cd`` (Chinese numerals).  The pattern opens with the characters a date starts
#: with, so that a scan skips to them in C; the year's four characters are then read
#: and named behind.
DATE_RE = re.compile(
    rf"[12{ZEROS}{_LETTER_ZEROS}{CN_DIGITS[:-1]}]"
    rf"(?:\d{{3}}(?<=(?P<y>{YEAR}))"
    rf" *(?:(?P<s1>[-./]) *(?P<m1>\d{{1,2}}) *(?P=s1) *(?P<d1>\d{{1,2}})(?!\d)"
    r"|年 *(?P<m2>\d{1,2}) *月 *(?P<d2>\d{1,2}) *日)"
    rf"|{_CN_YEAR_DIGIT}{{3}}(?<=(?P<cy>{_CN_YEAR_DIGIT}{{4}}))"
    rf"年(?P<cm>{_CN_COUNT}{{1,2}})月(?P<cd>{_CN_COUNT}{{1,3}})日)"
)
_ZERO_LETTERS = str.maketrans(dict.fromkeys(_LETTER_ZEROS, ZEROS[0]))


def parse_date(match: re.Match[str]) -> dt.date | None:
    """The date a `zwgk._text.dates.DATE_RE` match stands for, or ``None`` when it is not one.

    Example:
        >>> from zwgk._text.dates import DATE_RE, parse_date
        >>> parse_date(DATE_RE.search("二O一二年二月二十日")), parse_date(DATE_RE.search("2019-2-30"))
        (datetime.date(2012, 2, 20), None)
    """
    try:
        if match.group("y"):
            month = match.group("m1") or match.group("m2")
            day = match.group("d1") or match.group("d2")
            return dt.date(int(match.group("y")), int(month), int(day))
        year, month, day = (
            int(parse_numeral(match.group(g).translate(_ZERO_LETTERS))) for g in ("cy", "cm", "cd")
        )
        return dt.date(year, month, day)
    except ValueError:  # NumeralError too
        return None


def find_dates(
    text: str, start: int = 0, end: int | None = None
) -> Iterator[tuple[dt.date, int, int]]:
    """Every date in ``text[start:end]`` with its offsets.

    Examples:
        >>> from zwgk._text.dates import find_dates
        >>> [d.isoformat() for d, _, _ in find_dates("二〇一二年二月二十日 与 2018年3月14日")]
        ['2012-02-20', '2018-03-14']
    """
    for m in DATE_RE.finditer(text, start, len(text) if end is None else end):
        date = parse_date(m)
        if date is not None:
            yield date, m.start(), m.end()


def first_date(value: str) -> dt.date | None:
    """The first date in a short string such as a metadata value.

    Examples:
        >>> from zwgk._text.dates import first_date
        >>> first_date("2021-10-08 15:47")
        datetime.date(2021, 10, 8)
    """
    return next((d for d, _, _ in find_dates(value)), None)
