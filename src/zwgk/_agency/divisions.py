"""GB/T 2260 division codes with the years each name was valid.

The code list is python-stdnum's ``stdnum/cn/loc.dat`` (read once, lazily).  Each
line there carries a code and one or more names with the years they were valid:
``0221 county="[-2018]株洲县"`` or ``0800 county="[1983-1999]淮阴市,[2000-]淮安市"``.
A name without brackets has no known start or end.  Ranges are inclusive, so
in a year of change both the old and the new code are valid (株洲县 and 渌口区 in 2018).
"""

from __future__ import annotations

import functools
from collections.abc import Iterable
from importlib import resources

import attrs

from zwgk._errors import InputError, UnknownError
from zwgk._model.enums import Level

#: Names in the code list that group divisions rather than name one.
PLACEHOLDERS = frozenset(
    {
        "市辖区",
        "县",
        "市",
        "市区",
        "省直辖县级行政单位",
        "自治区直辖县级行政单位",
        "省直辖县级行政区划",
        "自治区直辖县级行政区划",
    }
)


@attrs.frozen
class Period:
    """One name of a code and the years it was valid (internal row of the code list)."""

    code: str
    name: str
    valid_from: int | None
    valid_to: int | None

    def valid_in(self, year: int) -> bool:
        return (self.valid_from is None or self.valid_from <= year) and (
            self.valid_to is None or year <= self.valid_to
        )

    def distance(self, year: int) -> int:
        """Years between ``year`` and this period (0 inside it)."""
        if self.valid_from is not None and year < self.valid_from:
            return self.valid_from - year
        if self.valid_to is not None and year > self.valid_to:
            return year - self.valid_to
        return 0

    @property
    def recency(self) -> int:
        """Sort key: larger is more recent (an open end is the most recent)."""
        return 10_000 if self.valid_to is None else self.valid_to


def level_of_code(code: str) -> Level:
    """The level a six-digit code stands at: ``PP0000``, ``PPCC00`` or ``PPCCDD``."""
    if code.endswith("0000"):
        return Level.PROVINCE
    if code.endswith("00"):
        return Level.CITY
    return Level.COUNTY


@attrs.frozen
class Division:
    """A GB/T 2260 administrative division: a code, its name and the years that name was valid.

    ``province``, ``prefecture`` and ``county`` name the division and its parents
    (``prefecture`` is ``None`` for a province, for a municipality's districts and
    for counties directly under a province; ``county`` is ``None`` above county
    level).  A code that changed names is one ``Division`` per name.

    Example:
        >>> from zwgk import division
        >>> d = division("430221", year=2017)
        >>> (d.name, d.prefecture, d.level.value, d.valid_to)
        ('株洲县', '株洲市', 'county', 2018)
        >>> d.valid_in(2020)
        False
    """

    code: str
    name: str
    province: str
    prefecture: str | None = None
    county: str | None = None
    level: Level = Level.UNKNOWN
    valid_from: int | None = None
    valid_to: int | None = None

    def valid_in(self, year: int) -> bool:
        """Whether this name of the code was valid in ``year`` (ranges are inclusive)."""
        return (self.valid_from is None or self.valid_from <= year) and (
            self.valid_to is None or year <= self.valid_to
        )


@attrs.frozen
class CodeList:
    """The parsed code list: periods by code and by name (internal)."""

    by_code: dict[str, tuple[Period, ...]]
    by_name: dict[str, tuple[Period, ...]]


def _parse_range(text: str) -> tuple[int | None, int | None]:
    low, dash, high = text.partition("-")
    start = int(low) if low else None
    if not dash:
        return start, start
    return start, int(high) if high else None


def _names(value: str, code: str) -> Iterable[Period]:
    for part in value.split(","):
        if part.startswith("["):
            close = part.index("]")
            start, end = _parse_range(part[1:close])
            yield Period(code, part[close + 1 :], start, end)
        elif part:
            yield Period(code, part, None, None)


def _property(props: str, key: str) -> str | None:
    marker = f'{key}="'
    start = props.find(marker)
    if start < 0:
        return None
    start += len(marker)
    end = props.find('"', start)
    return props[start:end] if end >= 0 else None


def parse_code_list(lines: Iterable[str]) -> CodeList:
    """Parse the lines of ``loc.dat`` (two-digit province lines, indented four-digit lines)."""
    by_code: dict[str, list[Period]] = {}
    province = ""
    for raw in lines:
        line = raw.rstrip("\n")
        if not line.strip() or line.startswith("#"):
            continue
        if not line.startswith(" "):
            province, _, props = line.partition(" ")
            name = _property(props, "province")
            if name is not None:
                by_code.setdefault(province + "0000", []).append(
                    Period(province + "0000", name, None, None)
                )
            continue
        rest, _, props = line.strip().partition(" ")
        value = _property(props, "county")
        if value is None or len(rest) != 4 or not rest.isdigit():
            continue
        code = province + rest
        periods = list(_names(value, code))
        if rest == "0000":
            by_code[code] = periods  # the 0000 row is better than the province line
        else:
            by_code.setdefault(code, []).extend(periods)
    by_name: dict[str, list[Period]] = {}
    frozen: dict[str, tuple[Period, ...]] = {}
    for code, periods in sorted(by_code.items()):
        ordered = tuple(sorted(periods, key=lambda p: -1 if p.valid_from is None else p.valid_from))
        frozen[code] = ordered
        for period in ordered:
            by_name.setdefault(period.name, []).append(period)
    return CodeList(frozen, {name: tuple(ps) for name, ps in by_name.items()})


@functools.cache
def code_list() -> CodeList:
    """The code list, read once from python-stdnum's ``cn/loc.dat``."""
    text = (resources.files("stdnum") / "cn" / "loc.dat").read_text(encoding="utf-8")
    return parse_code_list(text.splitlines())


def _pick(periods: tuple[Period, ...], year: int | None) -> Period | None:
    if not periods:
        return None
    if year is None:
        return max(periods, key=lambda p: p.recency)
    return min(periods, key=lambda p: (p.distance(year), -p.recency))


def _name_at(code: str, year: int | None) -> str | None:
    period = _pick(code_list().by_code.get(code, ()), year)
    return None if period is None else period.name


def make_division(period: Period, year: int | None = None) -> Division:
    """The ``Division`` of one period, with its parents' names as of ``year`` (internal)."""
    ref = year if year is not None else period.valid_to
    code = period.code
    level = level_of_code(code)
    province = _name_at(code[:2] + "0000", ref) or ""
    prefecture: str | None = None
    county: str | None = None
    if level is Level.CITY:
        prefecture = period.name if period.name not in PLACEHOLDERS else None
    elif level is Level.COUNTY:
        parent = _name_at(code[:4] + "00", ref)
        prefecture = parent if parent is not None and parent not in PLACEHOLDERS else None
        county = period.name
    if level is Level.PROVINCE:
        province = period.name
    return Division(
        code=code,
        name=period.name,
        province=province,
        prefecture=prefecture,
        county=county,
        level=level,
        valid_from=period.valid_from,
        valid_to=period.valid_to,
    )


def _describe(periods: tuple[Period, ...]) -> str:
    parts = []
    for p in periods:
        if p.valid_from is None and p.valid_to is None:
            when = "with no known dates"
        elif p.valid_from is None:
            when = f"until {p.valid_to}"
        elif p.valid_to is None:
            when = f"from {p.valid_from}"
        else:
            when = f"{p.valid_from}-{p.valid_to}"
        parts.append(f"{p.name} {when}")
    return "; ".join(parts)


def division(code: str, *, year: int | None = None) -> Division:
    """Look up a GB/T 2260 code, as valid in ``year`` (else its latest name).

    Raises `zwgk.UnknownError` for a code not in the list, or
    one not valid in ``year`` (the message gives the years it was valid), and
    `zwgk.InputError` when ``code`` is not a ``str``.

    Example:
        >>> from zwgk import division
        >>> division("320800").name, division("320800", year=1995).name
        ('淮安市', '淮阴市')
        >>> try:
        ...     division("430221", year=2020)
        ... except LookupError as exc:  # UnknownError is a LookupError
        ...     print(exc)
        division code '430221' is not valid in 2020; it was: 株洲县 until 2018
    """
    if not isinstance(code, str):
        raise InputError(f"expected a division code as str, got {type(code).__name__}")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        raise InputError(f"expected year as int, got {type(year).__name__}")
    periods = code_list().by_code.get(code.strip())
    if not periods:
        raise UnknownError(f"unknown division code {code!r}")
    if year is None:
        chosen = _pick(periods, None)
    else:
        valid = tuple(p for p in periods if p.valid_in(year))
        if not valid:
            raise UnknownError(
                f"division code {code!r} is not valid in {year}; it was: {_describe(periods)}"
            )
        chosen = _pick(valid, year)
    assert chosen is not None
    return make_division(chosen, year)


def is_valid_division(code: object, *, year: int | None = None) -> bool:
    """Whether ``code`` is a known GB/T 2260 code (valid in ``year`` if given); never raises.

    Example:
        >>> from zwgk import is_valid_division
        >>> is_valid_division("430212", year=2019), is_valid_division("430212", year=2017)
        (True, False)
        >>> is_valid_division(430212)
        False
    """
    if not isinstance(code, str):
        return False
    try:
        division(code, year=year)
    except (UnknownError, InputError):
        return False
    return True


def find_divisions(name: str, *, year: int | None = None) -> tuple[Division, ...]:
    """Every division that bore exactly ``name`` (valid in ``year`` if given), latest first.

    Names repeat (鼓楼区 is in four cities) and change (淮阴市 became 淮安市), so
    this returns a tuple; it is empty when nothing matches.

    Example:
        >>> from zwgk import find_divisions
        >>> [(d.code, d.valid_to) for d in find_divisions("株洲县")]
        [('430221', 2018)]
        >>> [d.code for d in find_divisions("渌口区", year=2019)]
        ['430212']
        >>> find_divisions("株洲县", year=2020)
        ()
    """
    if not isinstance(name, str):
        raise InputError(f"expected a division name as str, got {type(name).__name__}")
    periods = code_list().by_name.get(name.strip(), ())
    if year is not None:
        periods = tuple(p for p in periods if p.valid_in(year))
    ordered = sorted(periods, key=lambda p: (-p.recency, p.code))
    return tuple(make_division(p, year) for p in ordered)
