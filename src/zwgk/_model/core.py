"""Small value classes shared by every document: spans, agencies, units, deadlines, findings."""

from __future__ import annotations

import datetime as dt
import types
from collections.abc import Callable
from decimal import Decimal
from typing import Any

import attrs

from zwgk._model.enums import DeadlineKind, Level, Severity
from zwgk._model.reprs import short

#: A value read from a document: a count (``int``), money (``Decimal``) or nothing.
Value = int | Decimal | None


#: Building a frozen object without its generated ``__init__`` (see `Span._trusted`).
_new = object.__new__

#: A field's setter on an instance: its slot's ``__set__``.
Setter = Callable[[Any, Any], None]


def slot_setters(cls: type) -> tuple[Setter, ...]:
    """The ``__set__`` of each field's slot of a slotted attrs class, in field order:
    what a ``_trusted`` constructor assigns through, as the frozen class's own
    ``__setattr__`` refuses.  Raises ``TypeError`` for a class whose fields are not all
    slots.

    Example:
        >>> from zwgk._model.core import Span, slot_setters
        >>> len(slot_setters(Span))
        2
    """
    slots = [getattr(cls, field.name, None) for field in attrs.fields(cls)]
    setters = tuple(s.__set__ for s in slots if isinstance(s, types.MemberDescriptorType))
    if len(setters) != len(slots):
        raise TypeError(f"the fields of {cls.__name__} are not all slots")
    return setters


def _non_negative(_inst: object, attribute: attrs.Attribute[int], value: int) -> None:
    if value < 0:
        raise ValueError(f"{attribute.name} must be >= 0, got {value}")


@attrs.frozen(order=True)
class Span:
    """Character offsets ``[start, end)`` in the source text a value was read from.

    Examples:
        >>> import zwgk
        >>> text = "共受理申请25件"
        >>> span = zwgk.Span(5, 7)
        >>> span.of(text)
        '25'
    """

    start: int = attrs.field(validator=_non_negative)
    end: int = attrs.field()

    @end.validator
    def _check_end(self, _attribute: attrs.Attribute[int], value: int) -> None:
        if value < self.start:
            raise ValueError(f"span end {value} is before its start {self.start}")

    @classmethod
    def _trusted(cls, start: int, end: int) -> Span:
        """A span of offsets the parser made itself, in order: built without the validators.

        Equal to ``Span(start, end)`` for such offsets.  The validators guard what
        users, ``from_json`` and tests build; the parser's hot loops use this.

        Example:
            >>> import zwgk
            >>> zwgk.Span._trusted(5, 7) == zwgk.Span(5, 7)
            True
        """
        set_start, set_end = _SPAN_SLOTS
        span = _new(cls)
        set_start(span, start)
        set_end(span, end)
        return span

    def of(self, text: str) -> str:
        """The slice of ``text`` this span covers."""
        return text[self.start : self.end]

    def __len__(self) -> int:
        return self.end - self.start


_SPAN_SLOTS = slot_setters(Span)


def _two_places(value: Decimal) -> Decimal:
    return value.quantize(Decimal("0.01"))


@attrs.frozen
class BBox:
    """A rectangle on a PDF page, in points from the page's top-left corner.

    ``x0``/``x1`` are the left and right edges, ``top``/``bottom`` the upper and
    lower ones; coordinates are ``Decimal`` rounded to 0.01 pt (never float).

    Examples:
        >>> import zwgk
        >>> from decimal import Decimal
        >>> box = zwgk.BBox(Decimal("72.8"), Decimal("80"), Decimal("244.5"), Decimal("116"))
        >>> (str(box.x1), str(box.width))
        ('244.50', '171.70')
    """

    x0: Decimal = attrs.field(converter=_two_places)
    top: Decimal = attrs.field(converter=_two_places)
    x1: Decimal = attrs.field(converter=_two_places)
    bottom: Decimal = attrs.field(converter=_two_places)

    @property
    def width(self) -> Decimal:
        """``x1 - x0``."""
        return self.x1 - self.x0

    @property
    def height(self) -> Decimal:
        """``bottom - top``."""
        return self.bottom - self.top


@attrs.frozen
class Agency:
    """A government body as a document names it, resolved where possible.

    ``name`` is kept as printed; ``full_name`` and ``short_name`` are the
    canonical forms when they are known.  Agencies are keyed by division code
    plus full name, never by a short name (every county has a 财政局).

    Examples:
        >>> import zwgk
        >>> a = zwgk.Agency(name="株洲市工商局", full_name="株洲市工商行政管理局",
        ...                 level=zwgk.Level.CITY, division_code="430200",
        ...                 region="株洲市", sector="工商")
        >>> a.key
        '430200:株洲市工商行政管理局'
    """

    name: str
    full_name: str | None = None
    short_name: str | None = None
    level: Level = Level.UNKNOWN
    division_code: str | None = None
    region: str | None = None
    sector: str | None = None

    @property
    def key(self) -> str:
        """A stable key: division code (or ``-``) and the full (else printed) name."""
        return f"{self.division_code or '-'}:{self.full_name or self.name}"


@attrs.frozen
class OrgUnit:
    """A unit that a plan names as lead or cooperating (牵头单位 / 配合单位).

    An organisational unit (a department, an office), not a unit of measure
    (``Cell.unit``).  Its JSON type tag stays ``Unit``; ``zwgk.Unit`` is a
    deprecated alias of this class.

    Examples:
        >>> import zwgk
        >>> zwgk.OrgUnit("注册处").name
        '注册处'
    """

    name: str
    full_name: str | None = None


@attrs.frozen
class Duration:
    """An amount of time after an event: ``3个工作日内`` is ``Duration(3, "working_day")``.

    ``unit`` is one of ``hour``, ``day``, ``working_day``, ``week``, ``month``, ``year``.

    Examples:
        >>> import zwgk
        >>> zwgk.Duration(24, "hour")
        Duration(amount=24, unit='hour')
    """

    amount: int = attrs.field(validator=_non_negative)
    unit: str = attrs.field(
        validator=attrs.validators.in_(("hour", "day", "working_day", "week", "month", "year"))
    )


@attrs.frozen
class Recurrence:
    """A date that comes back each period: ``每年的12月31日前`` is year, months (12,), day 31.

    ``period`` is ``year``, ``half_year``, ``quarter``, ``month`` or ``week``; ``months`` and
    ``day`` are empty or ``None`` where the phrase does not fix them.

    Examples:
        >>> import zwgk
        >>> zwgk.Recurrence("year", months=(6, 12))
        Recurrence(period='year', months=(6, 12), day=None)
    """

    period: str = attrs.field(
        validator=attrs.validators.in_(("year", "half_year", "quarter", "month", "week"))
    )
    months: tuple[int, ...] = ()
    day: int | None = None


@attrs.frozen
class Deadline:
    """A deadline as printed (完成时限), with what it means where that can be said.

    Examples:
        >>> import datetime, zwgk
        >>> d = zwgk.Deadline("2017年底前", zwgk.DeadlineKind.DATE, date=datetime.date(2017, 12, 31))
        >>> d.date.isoformat()
        '2017-12-31'
    """

    phrase: str
    kind: DeadlineKind
    date: dt.date | None = None
    recurrence: Recurrence | None = None
    duration: Duration | None = None
    after: str | None = None
    span: Span | None = None


@attrs.frozen
class Ref:
    """Where a finding points: an indicator and column of a table, and/or a span of text.

    Examples:
        >>> import zwgk
        >>> zwgk.Ref("apps_received", "value", zwgk.Span(10, 12)).label
        'apps_received[value]'
    """

    indicator: str | None = None
    column: str | None = None
    span: Span | None = None

    @property
    def label(self) -> str:
        """``indicator[column]``, or what of it is known."""
        if self.indicator is None:
            return "" if self.column is None else f"[{self.column}]"
        return self.indicator if self.column is None else f"{self.indicator}[{self.column}]"


@attrs.frozen(repr=False)
class Finding:
    """A record of something wrong or uncertain in a document; never an exception.

    ``code`` is stable (documented, never renamed); ``refs`` locate it
    (the total first, then the parts used); ``missing`` names parts that were
    not reported; ``reported`` and ``expected`` are the values compared.

    Examples:
        >>> import zwgk
        >>> f = zwgk.Finding("identity", zwgk.Severity.ERROR, "L1 fails",
        ...                  rule="L1", reported=25, expected=24)
        >>> (f.code, f.severity.value, f.reported - f.expected)
        ('identity', 'error', 1)
    """

    code: str
    severity: Severity
    message: str
    message_zh: str = ""
    rule: str | None = None
    refs: tuple[Ref, ...] = ()
    missing: tuple[Ref, ...] = ()
    reported: int | Decimal | None = None
    expected: int | Decimal | None = None

    def __repr__(self) -> str:
        rule = f" [{self.rule}]" if self.rule else ""
        where = f" at {self.refs[0].label}" if self.refs and self.refs[0].label else ""
        values = ""
        if self.reported is not None or self.expected is not None:
            values = f" reported={self.reported} expected={self.expected}"
        body = f"{self.severity.value} {self.code}{rule}{where}{values}"
        return f"<Finding {body}: {short(self.message, 60)}>"


class Findings(tuple[Finding, ...]):
    """A tuple of findings that lists itself as a table in a notebook (what `zwgk.validate` returns).

    It is a plain ``tuple`` in every other respect: it compares equal to one,
    pickles and serializes like one.

    Examples:
        >>> import zwgk
        >>> found = zwgk.Findings([zwgk.Finding("date.late", zwgk.Severity.WARNING, "late")])
        >>> (found == (found[0],), "date.late" in found._repr_html_())
        (True, True)
    """

    __slots__ = ()

    def _repr_html_(self) -> str:
        from zwgk._render_html import findings_html  # rendering stays out of the model

        return findings_html(self)
