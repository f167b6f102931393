"""The 2018 institutional reform as typed links between agencies (spec §9.3).

The reform is data (``zwgk/_data/agencies/reform.json``): organ-level patterns
such as 工商行政管理局 + 质量技术监督局 + 食品药品监督管理局 → 市场监督管理局,
each for the levels it applies to.  Applied to a concrete agency the region is
kept, so a 工商局 series can be linked to its successor without renaming history.
"""

from __future__ import annotations

import attrs

from zwgk._agency.data import Rule, agency_data
from zwgk._agency.names import Parsed, Unit, agency, parse_name
from zwgk._errors import InputError
from zwgk._model.core import Agency
from zwgk._model.enums import Level


@attrs.frozen
class Succession:
    """A typed link from a body that ceased to the body that took over (2018 reform).

    ``relation`` is ``merged_into`` (the successor was formed from several
    bodies; ``others`` names the rest of them as the national pattern has it;
    a place may not have had every one) or ``renamed`` (one body, new name and
    remit).  ``year`` is the national timetable for the level: 2018 for the
    State Council and provinces, 2019 for cities, counties and below; a given
    body may have changed earlier or later.  ``alternatives`` are other names
    the successor has in some places (自然资源和规划局).

    Example:
        >>> from zwgk import Succession
        >>> s = Succession("沈阳市环境保护局", "沈阳市生态环境局", "renamed", 2019)
        >>> (s.relation, s.others)
        ('renamed', ())
    """

    predecessor: str
    successor: str
    relation: str = attrs.field(validator=attrs.validators.in_(("merged_into", "renamed")))
    year: int
    others: tuple[str, ...] = ()
    alternatives: tuple[str, ...] = ()


@attrs.frozen
class _Frame:
    """An agency cut around its head organ: ``prefix`` + head + ``suffix``."""

    prefix: str
    head: str
    suffix: str
    level: Level
    full: str


def _frame(value: Agency | str) -> _Frame | None:
    if isinstance(value, str):
        value = agency(value)
    elif not isinstance(value, Agency):
        raise InputError(f"expected an Agency or a name as str, got {type(value).__name__}")
    parsed: Parsed = parse_name(value.full_name or value.name)
    units: tuple[Unit, ...] = parsed.units
    if parsed.central:
        k = 0
        region = ""
        level = Level.CENTRAL
    else:
        k = next((n for n, u in enumerate(units) if not u.is_government), -1)
        if value.region is not None:
            region = value.region
        elif parsed.places:
            region = parsed.places[-1].region
        else:
            region = parsed.relative or ""
        region = "".join(u.full for u in parsed.prefix) + region
        level = value.level
    if not units or k < 0 or units[k].kind == "verbatim":
        return None
    prefix = region + "".join(u.full for u in units[:k])
    suffix = "".join(u.full for u in units[k + 1 :])
    return _Frame(prefix, units[k].full, suffix, level, prefix + units[k].full + suffix)


def _rules(level: Level) -> tuple[Rule, ...]:
    return tuple(r for r in agency_data().rules if level in r.levels)


def _year(level: Level) -> int:
    years = agency_data().reform_years
    return years.get(level, years.get(Level.UNKNOWN, 2018))


def _check_year(year: object) -> None:
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        raise InputError(f"expected year as int, got {type(year).__name__}")


def successors(agency_or_name: Agency | str, *, year: int | None = None) -> tuple[Succession, ...]:
    """Where an agency went in the 2018 reform: empty if no pattern applies.

    A name is read with `zwgk.agency` first, so short forms work.
    With ``year``, only successions that had taken effect by that year (by the
    national timetable) are returned.  A name of the wrong type raises
    `zwgk.InputError`.

    Example:
        >>> from zwgk import successors
        >>> (s,) = successors("沈阳市工商行政管理局")
        >>> (s.relation, s.successor, s.year)
        ('merged_into', '沈阳市市场监督管理局', 2019)
        >>> s.others
        ('沈阳市质量技术监督局', '沈阳市食品药品监督管理局')
        >>> successors("沈阳市工商行政管理局", year=2018)
        ()
    """
    _check_year(year)
    frame = _frame(agency_or_name)
    if frame is None:
        return ()
    when = _year(frame.level)
    if year is not None and year < when:
        return ()
    found = []
    for rule in _rules(frame.level):
        if frame.head not in rule.members:
            continue
        found.append(
            Succession(
                predecessor=frame.full,
                successor=frame.prefix + rule.successor + frame.suffix,
                relation=rule.relation,
                year=when,
                others=tuple(
                    frame.prefix + m + frame.suffix for m in rule.members if m != frame.head
                ),
                alternatives=tuple(frame.prefix + a + frame.suffix for a in rule.alternatives),
            )
        )
    return tuple(found)


def predecessors(
    agency_or_name: Agency | str, *, year: int | None = None
) -> tuple[Succession, ...]:
    """Which bodies an agency was formed from in the 2018 reform: empty if none.

    Every pattern that could apply is returned (a 农业农村局 replaced a
    农业委员会 in some places and a 农业局 in others).  With ``year``, nothing
    is returned before the succession took effect.

    Example:
        >>> from zwgk import predecessors
        >>> [s.predecessor for s in predecessors("株洲市市场监督管理局")]
        ['株洲市工商行政管理局', '株洲市质量技术监督局', '株洲市食品药品监督管理局']
    """
    _check_year(year)
    frame = _frame(agency_or_name)
    if frame is None:
        return ()
    when = _year(frame.level)
    if year is not None and year < when:
        return ()
    found = []
    for rule in _rules(frame.level):
        if frame.head != rule.successor and frame.head not in rule.alternatives:
            continue
        for member in rule.members:
            found.append(
                Succession(
                    predecessor=frame.prefix + member + frame.suffix,
                    successor=frame.full,
                    relation=rule.relation,
                    year=when,
                    others=tuple(
                        frame.prefix + m + frame.suffix for m in rule.members if m != member
                    ),
                    alternatives=(),
                )
            )
    return tuple(found)
