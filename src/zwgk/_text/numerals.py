"""One reader of printed numerals: Arabic, full-width, Chinese, and both mixed (``1.2万``).

`zwgk._text.numerals.parse_numeral` returns an ``int`` for a whole
number and a ``Decimal`` otherwise, or raises ``NumeralError`` for text that is not a
numeral; there is no "not a number" value to confuse with zero.  Accepted forms:

- Arabic digits, half- or full-width, with thousands commas and a decimal point:
  ``1,234`` ``１２`` ``3.50``;
- Chinese counting numerals with 十/百/千/万/亿, 两 for 2 and 零/〇/○ between:
  ``十二`` ``两百`` ``一千零五`` ``三万五千``;
- Chinese digits read position by position, as years are printed: ``二〇一二``;
- an Arabic number before 十/百/千/万/亿: ``1.2万`` ``3千``.
"""

from __future__ import annotations

from decimal import Decimal, InvalidOperation

__all__ = [
    "CN_COUNT",
    "CN_DIGITS",
    "CN_NUMERAL",
    "CN_SMALL",
    "ZEROS",
    "NumeralError",
    "digits_up_to",
    "numeral_or_none",
    "parse_numeral",
]

#: Chinese digits and their values (两 is 2 as a count; 〇 ○ 零 are 0).
DIGIT_VALUES: dict[str, int] = {
    "〇": 0,
    "○": 0,
    "零": 0,
    "一": 1,
    "二": 2,
    "两": 2,
    "三": 3,
    "四": 4,
    "五": 5,
    "六": 6,
    "七": 7,
    "八": 8,
    "九": 9,
}
_SMALL = {"十": 10, "百": 100, "千": 1000}
_LARGE = {"万": 10_000, "亿": 100_000_000}
#: The one-to-nine digits and 十 of outline numbering and small counts (一 … 九十九).
CN_DIGITS = "一二三四五六七八九十"
#: Every character of a Chinese numeral, for character classes in patterns.
CN_NUMERAL = "〇○零一二两三四五六七八九十百千万亿"
#: The Chinese zeros (〇, ○, 零).
ZEROS = "〇○零"
#: The characters of a Chinese count up to 99 (days, months, times: 三, 十五, 两).
CN_SMALL = CN_NUMERAL[: CN_NUMERAL.index("十") + 1]
#: The characters of a Chinese count below 亿 (the numbers prose states: 三千五百, 两万).
CN_COUNT = CN_NUMERAL.replace("亿", "")


def digits_up_to(n: int) -> str:
    """The one-character numerals of 1 to ``n`` (at most 9), Chinese then Arabic.

    Example:
        >>> from zwgk._text.numerals import digits_up_to
        >>> digits_up_to(4)
        '一二三四1234'
    """
    if not 1 <= n <= 9:
        raise ValueError(f"one-character numerals go from 1 to 9, not {n}")
    return CN_DIGITS[:n] + "".join(str(i) for i in range(1, n + 1))


#: The longest run of plain digits read straight by ``int`` (a machine word's worth).
_PLAIN = 18
_WIDE = str.maketrans("０１２３４５６７８９．，", "0123456789.,")


class NumeralError(ValueError):
    """Text that is not a numeral (internal: callers decide what that means for them).

    Example:
        >>> from zwgk._text.numerals import NumeralError, parse_numeral
        >>> try:
        ...     parse_numeral("十十")
        ... except NumeralError as e:
        ...     print(e)
        not a numeral: '十十'
    """

    def __init__(self, text: str) -> None:
        super().__init__(f"not a numeral: {text!r}")
        self.text = text

    def __reduce__(self) -> tuple[type[NumeralError], tuple[str]]:
        return (type(self), (self.text,))


def parse_numeral(text: str) -> int | Decimal:
    """The value of a printed numeral: ``int`` when whole, else ``Decimal``.

    Raises `zwgk._text.numerals.NumeralError` for anything else.

    Examples:
        >>> from zwgk._text.numerals import parse_numeral
        >>> [parse_numeral(x) for x in ("十二", "两百", "一千零五", "二〇一二", "１２", "1,234")]
        [12, 200, 1005, 2012, 12, 1234]
        >>> parse_numeral("1.2万"), parse_numeral("3.50"), parse_numeral("三万五千")
        (12000, Decimal('3.50'), 35000)
    """
    if len(text) <= _PLAIN and text.isdigit() and text.isascii():
        return int(text)  # the common case, read as the general reading below reads it
    raw = text
    text = text.strip().translate(_WIDE)
    if not text:
        raise NumeralError(raw)
    head = len(text)
    while head and (text[head - 1] in _SMALL or text[head - 1] in _LARGE):
        head -= 1
    if head and text[:head].replace(",", "").replace(".", "").isascii():
        return _mixed(raw, text[:head], text[head:])
    if not all(c in DIGIT_VALUES or c in _SMALL or c in _LARGE for c in text):
        raise NumeralError(raw)
    if all(c in DIGIT_VALUES for c in text):
        if len(text) == 1:
            return DIGIT_VALUES[text]
        if "两" in text:
            raise NumeralError(raw)
        return int("".join(str(DIGIT_VALUES[c]) for c in text))
    return _counting(raw, text)


def numeral_or_none(text: str) -> int | Decimal | None:
    """`zwgk._text.numerals.parse_numeral`, or ``None`` for text that is not one.

    Example:
        >>> from zwgk._text.numerals import numeral_or_none
        >>> numeral_or_none("二十三"), numeral_or_none("若干")
        (23, None)
    """
    try:
        return parse_numeral(text)
    except NumeralError:
        return None


def _arabic(raw: str, digits: str) -> int | Decimal:
    whole, dot, frac = digits.partition(".")
    groups = whole.split(",")
    if (
        not whole
        or not all(g.isdigit() for g in groups)
        or (
            len(groups) > 1
            and (not 1 <= len(groups[0]) <= 3 or any(len(g) != 3 for g in groups[1:]))
        )
        or (dot and not frac.isdigit())
    ):
        raise NumeralError(raw)
    number = "".join(groups)
    try:
        return Decimal(f"{number}.{frac}") if dot else int(number)
    except (InvalidOperation, ValueError):  # pragma: no cover - digits checked above
        raise NumeralError(raw) from None


def _mixed(raw: str, digits: str, units: str) -> int | Decimal:
    value = _arabic(raw, digits)
    if not units:
        return value
    if len(units) > 1:
        raise NumeralError(raw)
    scaled = Decimal(value) * (_SMALL.get(units) or _LARGE[units])
    return int(scaled) if scaled == scaled.to_integral_value() else scaled.normalize()


def _counting(raw: str, text: str) -> int:
    total = 0  # the 亿 and 万 groups read
    section = 0  # the group being read (below 万)
    digit: int | None = None
    prev_unit: int | None = None  # the last unit read (十 … 亿)
    last_small = 10_000  # units within a group fall: 千 > 百 > 十
    last_large = 10**12  # groups fall: 亿 > 万
    zero = False
    for i, c in enumerate(text):
        if c in ("〇", "○", "零"):
            if digit is not None or prev_unit is None or zero or i == len(text) - 1:
                raise NumeralError(raw)
            zero = True
        elif c in DIGIT_VALUES:
            if digit is not None:
                raise NumeralError(raw)
            digit = DIGIT_VALUES[c]
        elif c in _SMALL:
            unit = _SMALL[c]
            if digit is None:
                if unit != 10 or i != 0:  # 十二 for 一十二, only at the head
                    raise NumeralError(raw)
                digit = 1
            if unit >= last_small:
                raise NumeralError(raw)
            section += digit * unit
            digit, last_small, prev_unit, zero = None, unit, unit, False
        else:
            unit = _LARGE[c]
            section += digit or 0
            if section == 0 or unit >= last_large:
                raise NumeralError(raw)
            total += section * unit
            section, digit, last_small, last_large, prev_unit, zero = (
                0,
                None,
                10_000,
                unit,
                unit,
                False,
            )
    if digit is not None:
        # 一百五 / 一万五: a shortened tail means 150 / 15000 in speech; too loose to trust.
        if prev_unit is not None and prev_unit != 10 and not zero:
            raise NumeralError(raw)
        section += digit
    return total + section
