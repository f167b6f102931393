"""Reading agency names: region prefix, organ, level, sector and canonical forms (spec §9).

A name as printed is read left to right, without regular expressions:

1. a **region chain**: divisions from the GB/T 2260 list (``淮安市`` then ``洪泽区``),
   province short forms (``山西``), functional zones from data (``平潭综合实验区``),
   their sub-areas (``君山片区``), generic zones after a division (``株洲市高新区``),
   townships (``澳前镇``) and villages (``大福村``);
2. or, when no region is printed, a **relative prefix** (``市`` in ``市工商局``) or
   none at all (``公安局``), either resolved against a context;
3. the **organ**: a sequence of organ forms from data, longest first, matched
   where the organ part starts and right after each match (``人民政府`` +
   ``办公厅``); what follows unmatched is kept verbatim as a sub-unit.

A name whose organ part is not an organ (``老年协会``, ``电网``) keeps its region
but gets level ``UNKNOWN``: it is not a body of government.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Iterable, Iterator, Sequence

import attrs

from zwgk._agency.data import AgencyData, Organ, Relative, Zone, agency_data
from zwgk._agency.divisions import (
    PLACEHOLDERS,
    Division,
    Period,
    code_list,
    level_of_code,
    make_division,
)
from zwgk._errors import InputError
from zwgk._model.core import Agency
from zwgk._model.enums import Level

#: Longest region name tried at one position (积石山保安族东乡族撒拉族自治县 has 15 characters).
_MAX_REGION = 16
#: Longest township or village name tried (characters before the suffix).
_MAX_LOCAL = 4


@attrs.frozen
class Place:
    """One link of a region chain (internal).

    ``region`` is the canonical region string through this place (``淮安市洪泽区``,
    ``平潭县澳前镇``); ``code`` the GB/T 2260 code it is located by (its own, or
    the parent division's for zones and townships); ``candidates`` the codes
    an ambiguous name could stand for when ``code`` is ``None``.
    """

    name: str
    kind: str  # division | zone | subzone | township | village
    level: Level
    code: str | None
    region: str
    government: str
    candidates: tuple[str, ...] = ()
    zone: Zone | None = None


@attrs.frozen
class Unit:
    """One organ of a name: a form from data, or text kept verbatim (internal)."""

    full: str
    short: str
    sector: str | None
    kind: str  # government | department | community | verbatim

    @classmethod
    def of(cls, organ: Organ) -> Unit:
        return cls(organ.full, organ.short, organ.sector, organ.kind)

    @property
    def is_government(self) -> bool:
        return self.kind == "government"


@attrs.frozen
class Parsed:
    """What a name says by itself, before any context is applied (internal)."""

    places: tuple[Place, ...] = ()
    units: tuple[Unit, ...] = ()
    rest: str = ""
    relative: str | None = None
    bare: str | None = None
    central: bool = False
    self_reference: bool = False
    prefix: tuple[Unit, ...] = ()  # a central organ before a region: 国家税务总局 沈阳市税务局

    @property
    def organ_text(self) -> str:
        return "".join(u.full for u in self.units)


# --------------------------------------------------------------------------- indexes


@attrs.frozen
class _Index:
    names: dict[str, tuple[Period, ...]]
    shorts: dict[str, tuple[Period, ...]]
    zones: dict[str, Zone]
    starts: frozenset[str]  # first two characters of every region name, for scanning text
    # Where a region name may start in text: a first character followed by a second one.
    start: re.Pattern[str]
    # The lengths of the names, zone names and organ forms, by first character.
    name_sizes: dict[str, tuple[int, ...]]
    zone_sizes: dict[str, tuple[int, ...]]
    form_sizes: dict[str, tuple[int, ...]]


def _current(periods: Sequence[Period]) -> tuple[Period, ...]:
    return tuple(p for p in periods if p.valid_to is None)


@functools.cache
def _index() -> _Index:
    data = agency_data()
    codes = code_list()
    names: dict[str, tuple[Period, ...]] = {
        name: periods for name, periods in codes.by_name.items() if name not in PLACEHOLDERS
    }
    for short, code in data.province_short.items():
        names[short] = names.get(short, ()) + _current(codes.by_code.get(code, ()))
    shorts: dict[str, list[Period]] = {}
    for name, periods in codes.by_name.items():
        if len(name) >= 3 and name[-1] in "市县" and name not in PLACEHOLDERS:
            for period in _current(periods):
                shorts.setdefault(name[:-1], []).append(period)
    unique_shorts = {
        short: tuple(periods)
        for short, periods in shorts.items()
        if len({p.code for p in periods}) == 1 and short not in names
    }
    zones: dict[str, Zone] = {}
    for zone in data.zones:
        for form in (zone.name, *zone.aliases):
            zones[form] = zone
    starts = frozenset(name[:2] for name in (*names, *zones) if len(name) >= 2)
    start = re.compile(
        f"{_char_class(s[0] for s in starts)}(?={_char_class(s[1] for s in starts)})"
    )
    return _Index(
        names,
        unique_shorts,
        zones,
        starts,
        start,
        _sizes(names),
        _sizes(zones),
        _sizes(data.forms),
    )


def _char_class(chars: Iterable[str]) -> str:
    return "[" + "".join(re.escape(c) for c in sorted(set(chars))) + "]"


def _sizes(words: Iterable[str]) -> dict[str, tuple[int, ...]]:
    """For each first character, the lengths of the words starting with it, longest first."""
    sizes: dict[str, set[int]] = {}
    for word in words:
        if word:
            sizes.setdefault(word[0], set()).add(len(word))
    return {first: tuple(sorted(found, reverse=True)) for first, found in sizes.items()}


def _lengths(
    sizes: dict[str, tuple[int, ...]], s: str, i: int, low: int, high: int
) -> Iterator[int]:
    """The lengths, longest first, of the words that may stand at ``s[i]`` in ``low..high``."""
    if i < len(s):
        top = min(high, len(s) - i)
        for size in sizes.get(s[i], ()):
            if size < low:
                return
            if size <= top:
                yield size


def _organ_at(s: str, i: int, *, after: Sequence[Unit] = ()) -> tuple[Organ, int] | None:
    """The longest organ form starting at ``s[i]``, and where it ends.

    A government (人民政府, 管委会) cannot follow a department: in
    ``工商局政府信息公开`` the ``政府`` is not an organ.
    """
    forms = agency_data().forms
    for size in _lengths(_index().form_sizes, s, i, 1, 16):
        organ = forms.get(s[i : i + size])
        if organ is not None:
            below = any(not u.is_government for u in after)
            return None if below and organ.is_government else (organ, i + size)
    return None


# --------------------------------------------------------------------------- places


def _division_region(division: Division) -> str:
    """Canonical region string of a division: districts carry their city (淮安市洪泽区)."""
    if division.level is Level.COUNTY and division.name.endswith("区"):
        parent = division.prefecture
        if parent is None and division.province.endswith("市"):
            parent = division.province
        if parent is not None:
            return parent + division.name
    return division.name


def _choose(periods: Sequence[Period], year: int | None) -> tuple[Period, ...]:
    """The periods to prefer: valid in ``year``, else current, else the most recent."""
    if year is not None:
        valid = tuple(p for p in periods if p.valid_in(year))
        if valid:
            return valid
        nearest = min(p.distance(year) for p in periods)
        return tuple(p for p in periods if p.distance(year) == nearest)
    current = _current(periods)
    if current:
        return current
    latest = max(p.recency for p in periods)
    return tuple(p for p in periods if p.recency == latest)


def division_place(period: Period, year: int | None) -> Place:
    """A place for one period of a division."""
    division = make_division(period, year)
    return Place(
        name=period.name,
        kind="division",
        level=division.level,
        code=period.code,
        region=_division_region(division),
        government="人民政府",
    )


def _place_from_periods(name: str, periods: Sequence[Period], year: int | None) -> Place:
    chosen = _choose(periods, year)
    codes = sorted({p.code for p in chosen})
    if len(codes) == 1:
        return division_place(chosen[0], year)
    levels = {level_of_code(c) for c in codes}
    return Place(
        name=name,
        kind="division",
        level=levels.pop() if len(levels) == 1 else Level.UNKNOWN,
        code=None,
        region=name,
        government="人民政府",
        candidates=tuple(codes),
    )


def _within(period: Period, parent: Place) -> bool:
    if parent.code is None or period.code == parent.code:
        return False
    if parent.level is Level.PROVINCE:
        return period.code[:2] == parent.code[:2]
    if parent.level is Level.CITY:
        return period.code[:4] == parent.code[:4] and level_of_code(period.code) is Level.COUNTY
    return False


def _division_step(
    s: str, i: int, parent: Place | None, year: int | None, text: bool
) -> tuple[Place, int] | None:
    if parent is not None and (parent.kind != "division" or parent.level is Level.COUNTY):
        return None
    index = _index()
    excluded = agency_data().text_excluded
    for size in _lengths(index.name_sizes, s, i, 2, _MAX_REGION):
        end = i + size
        name = s[i:end]
        periods = index.names.get(name)
        if not periods:
            continue
        if text and (name in excluded or (parent is None and len(name) <= 2)):
            continue
        if parent is not None:
            periods = tuple(p for p in periods if _within(p, parent))
            if not periods:
                continue
        place = _place_from_periods(name, periods, year)
        if text and place.code is None and parent is None:
            continue  # an ambiguous bare name in free text says nothing
        return place, end
    return None


def _zone_step(s: str, i: int, parent: Place | None) -> tuple[Place, int] | None:
    if parent is not None and parent.kind != "division":
        return None
    index = _index()
    for size in _lengths(index.zone_sizes, s, i, 2, _MAX_REGION):
        end = i + size
        zone = index.zones.get(s[i:end])
        if zone is None:
            continue
        if parent is not None and parent.code and zone.parent_code:
            width = {Level.PROVINCE: 2, Level.CITY: 4}.get(parent.level, 6)
            if zone.parent_code[:width] != parent.code[:width]:
                continue
        place = Place(
            name=zone.name,
            kind="zone",
            level=zone.level,
            code=zone.parent_code,
            region=zone.name,
            government=zone.government,
            zone=zone,
        )
        return place, end
    return None


def _chunk_ok(chunk: str, data: AgencyData) -> bool:
    return not any(ch in data.stop_chars for ch in chunk)


def _suffixed(
    s: str, i: int, suffixes: Sequence[str], min_chunk: int, max_chunk: int
) -> tuple[str, int] | None:
    """A name at ``s[i]`` made of ``min_chunk``..``max_chunk`` characters and a suffix."""
    data = agency_data()
    for size in range(min_chunk, max_chunk + 1):
        chunk = s[i : i + size]
        if len(chunk) < size or not _chunk_ok(chunk, data):
            return None
        for suffix in suffixes:  # suffixes are listed longest first
            if s.startswith(suffix, i + size):
                return chunk + suffix, i + size + len(suffix)
    return None


def generic_zone_place(name: str, parent: Place | None) -> Place:
    data = agency_data()
    return Place(
        name=name,
        kind="zone",
        level=data.generic_zone_level,
        code=None if parent is None else parent.code,
        region=name if parent is None else parent.region + name,
        government=data.generic_zone_government,
    )


def _generic_zone_step(
    s: str, i: int, parent: Place | None, text: bool
) -> tuple[Place, int] | None:
    if parent is None and text:
        return None
    if parent is not None and (parent.kind != "division" or parent.level is Level.PROVINCE):
        return None
    found = _suffixed(s, i, agency_data().generic_zone_suffixes, 0, 6)
    if found is None or len(found[0]) < 3:
        return None
    return generic_zone_place(found[0], parent), found[1]


def subzone_place(name: str, parent: Place | None) -> Place:
    data = agency_data()
    return Place(
        name=name,
        kind="subzone",
        level=data.subzone_level,
        code=None if parent is None else parent.code,
        region=name if parent is None else parent.region + name,
        government=data.subzone_government,
    )


def _subzone_step(s: str, i: int, parent: Place | None) -> tuple[Place, int] | None:
    if parent is not None and parent.kind != "zone":
        return None
    found = _suffixed(s, i, agency_data().subzone_suffixes, 2, _MAX_LOCAL)
    if found is None:
        return None
    return subzone_place(found[0], parent), found[1]


def _township_prefix(parent: Place) -> tuple[str, str | None]:
    """Region prefix and code a township under ``parent`` is named by (平潭县, 350128)."""
    if parent.kind in ("zone", "subzone") and parent.code is not None:
        zone_parent = code_list().by_code.get(parent.code)
        if zone_parent and level_of_code(parent.code) is Level.COUNTY:
            chosen = _choose(zone_parent, None)[0]
            return division_place(chosen, None).region, parent.code
    return parent.region, parent.code


def township_place(name: str, parent: Place | None) -> Place:
    prefix, code = ("", None) if parent is None else _township_prefix(parent)
    return Place(
        name=name,
        kind="township",
        level=Level.TOWNSHIP,
        code=code,
        region=prefix + name,
        government="办事处" if name.endswith("街道") else "人民政府",
    )


def _township_step(s: str, i: int, parent: Place | None) -> tuple[Place, int] | None:
    if parent is not None and not (
        parent.kind in ("zone", "subzone")
        or (parent.kind == "division" and parent.level is Level.COUNTY)
    ):
        return None
    found = _suffixed(s, i, agency_data().township_suffixes, 2, _MAX_LOCAL)
    if found is None:
        return None
    name, end = found
    # a bare township must be the whole name or be followed by an organ or a village
    if (
        parent is None
        and end < len(s)
        and _organ_at(s, end) is None
        and _suffixed(s, end, agency_data().village_suffixes, 1, _MAX_LOCAL) is None
    ):
        return None
    return township_place(name, parent), end


def _village_step(s: str, i: int, parent: Place | None) -> tuple[Place, int] | None:
    if parent is None or parent.kind != "township":
        return None
    found = _suffixed(s, i, agency_data().village_suffixes, 1, _MAX_LOCAL)
    if found is None:
        return None
    name, end = found
    place = Place(
        name=name,
        kind="village",
        level=Level.UNKNOWN,
        code=parent.code,
        region=parent.region + name,
        government="居民委员会" if name.endswith("社区") else "村民委员会",
    )
    return place, end


def parse_places(
    s: str, i: int, *, year: int | None, text: bool = False
) -> tuple[tuple[Place, ...], int]:
    """The longest region chain starting at ``s[i]``, and where it ends."""
    places: list[Place] = []
    parent: Place | None = None
    while i < len(s):
        step = _division_step(s, i, parent, year, text) or _zone_step(s, i, parent)
        if step is None and _organ_at(s, i) is None:
            step = _generic_zone_step(s, i, parent, text) or _subzone_step(s, i, parent)
            if step is None and not text:
                step = _township_step(s, i, parent) or _village_step(s, i, parent)
        if step is None:
            break
        parent, i = step
        places.append(parent)
    return tuple(places), i


# --------------------------------------------------------------------------- organs


def _ends_like_organ(text: str) -> bool:
    return any(text.endswith(suffix) for suffix in agency_data().organ_suffixes)


def parse_units(s: str, i: int) -> tuple[tuple[Unit, ...], str]:
    """Organ units from ``s[i]`` on, and the rest when it is not an organ at all."""
    units: list[Unit] = []
    while i < len(s):
        found = _organ_at(s, i, after=units)
        if found is not None:
            organ, i = found
            units.append(Unit.of(organ))
            continue
        tail = s[i:]
        if units or _ends_like_organ(tail):
            units.append(Unit(tail, tail, None, "verbatim"))
            return tuple(units), ""
        return tuple(units), tail
    return tuple(units), ""


def _compact(name: str) -> str:
    return "".join(name.split())


def _short_place(s: str, year: int | None) -> tuple[Place, int] | None:
    shorts = _index().shorts
    for end in range(min(len(s), 8), 1, -1):
        periods = shorts.get(s[:end])
        if periods and end < len(s):
            return _place_from_periods(s[:end], periods, year), end
    return None


def parse_name(name: str, *, year: int | None = None) -> Parsed:
    """Read a name by itself: region chain, relative prefix, organ units (internal)."""
    data = agency_data()
    s = _compact(name)
    if not s:
        return Parsed()
    if s in data.self_references:
        return Parsed(self_reference=True)
    head = _organ_at(s, 0)
    if any(s.startswith(p) for p in data.central_prefixes) or (head and head[0].central):
        if head is not None and not head[0].is_government:
            # a central organ over a local branch: 国家税务总局沈阳市税务局
            places, end = parse_places(s, head[1], year=year)
            if places:
                branch, branch_rest = parse_units(s, end)
                return Parsed(places, branch, branch_rest, prefix=(Unit.of(head[0]),))
        units, rest = parse_units(s, 0)
        return Parsed(units=units, rest=rest, central=True)
    # a local party committee prints its region after the party's name: 中共X县委员会
    party = next((p for p in data.party_prefixes if s.startswith(p)), "")
    places, end = parse_places(s, len(party), year=year)
    if not places:
        end = 0
    if not places and head is None:
        relative = data.relative.get(s[0])
        if relative is not None and len(s) > 1:
            if s[1:] in data.bare_organs:
                return Parsed(relative=s[0], bare=s[1:])
            if _organ_at(s, 1) is not None:
                units, rest = parse_units(s, 1)
                return Parsed(units=units, rest=rest, relative=s[0])
        short = _short_place(s, year)
        if short is not None:
            places, end = (short[0],), short[1]
    units, rest = parse_units(s, end)
    return Parsed(places, units, rest)


# --------------------------------------------------------------------------- context


@attrs.frozen
class _Mention:
    places: tuple[Place, ...]
    follow: str  # text right after the chain (for preferring "<region><organ>" mentions)


def _mentions(text: str, year: int | None) -> Iterator[_Mention]:
    """Region chains named in ``text``, in order, then those its ``*.gov.cn`` hosts stand for."""
    index = _index()
    i = 0
    # (A pattern only skips to each place where a region name may start; names are read
    # as everywhere else.)
    while (found := index.start.search(text, i)) is not None:
        i = found.start()
        if text[i : i + 2] in index.starts:
            places, end = parse_places(text, i, year=year, text=True)
            if places:
                yield _Mention(places, text[end : end + 24])
                i = end
                continue
        i += 1
    yield from _domain_mentions(text, year)


def _domain_mentions(text: str, year: int | None) -> Iterator[_Mention]:
    domains = agency_data().domains
    seen: set[str] = set()
    at = text.find(".gov.cn")
    while at >= 0:
        start = at
        while start > 0 and (text[start - 1].isascii() and text[start - 1].isalnum()):
            start -= 1
        label = text[start:at].lower()
        region = domains.get(label)
        if region is not None and label not in seen:
            seen.add(label)
            places, _ = parse_places(region, 0, year=year)
            if places:
                yield _Mention(places, "")
        at = text.find(".gov.cn", at + 7)


def _chain_from_code(code: str, year: int | None) -> tuple[Place, ...]:
    by_code = code_list().by_code
    places: list[Place] = []
    for parent in (code[:2] + "0000", code[:4] + "00", code):
        periods = by_code.get(parent)
        if not periods or (places and places[-1].code == parent):
            continue
        period = _choose(periods, year)[0]
        if period.name in PLACEHOLDERS:
            continue
        places.append(division_place(period, year))
    return tuple(places)


def _with_ancestors(places: tuple[Place, ...], year: int | None) -> tuple[Place, ...]:
    """A chain with the divisions above its first link put in front (沈阳市 → 辽宁省, 沈阳市)."""
    first = places[0]
    if first.code is None or (first.kind == "division" and first.level is Level.PROVINCE):
        return places
    above = _chain_from_code(first.code, year)
    if first.kind == "division":
        above = above[:-1]
    known = {p.code for p in places if p.kind == "division"}
    return tuple(p for p in above if p.code not in known) + places


def _context_mentions(context: str | Agency, year: int | None) -> Iterator[_Mention]:
    if isinstance(context, str):
        for mention in _mentions(context, year):
            yield _Mention(_with_ancestors(mention.places, year), mention.follow)
        return
    parsed = parse_name(context.full_name or context.name, year=year)
    places = parsed.places
    if (not places or places[-1].code is None) and context.division_code:
        places = _chain_from_code(context.division_code, year)
    if places:
        yield _Mention(_with_ancestors(places, year), parsed.organ_text)


def _hinted(mentions: Sequence[tuple[tuple[Place, ...], str]], hints: Sequence[str]) -> int:
    hints = [h for h in hints if h]
    for n, (_places, follow) in enumerate(mentions):
        if any(follow.startswith(h) for h in hints):
            return n
    return 0


def _matches(place: Place, relative: Relative) -> bool:
    if place.kind == "village" or (place.kind == "division" and place.code is None):
        return False
    if place.level not in relative.levels:
        return False
    return not relative.suffixes or any(place.name.endswith(x) for x in relative.suffixes)


def _relative_mentions(
    mentions: Iterator[_Mention], relative: Relative
) -> list[tuple[tuple[Place, ...], str]]:
    """Each mention cut at its deepest link the relative prefix can stand for."""
    found: list[tuple[tuple[Place, ...], str]] = []
    for mention in mentions:
        for k in range(len(mention.places) - 1, -1, -1):
            if _matches(mention.places[k], relative):
                last = k == len(mention.places) - 1
                found.append((mention.places[: k + 1], mention.follow if last else ""))
                break
    return found


def _for_relative(
    mentions: Iterator[_Mention], relative: Relative, hints: Sequence[str]
) -> tuple[Place, ...]:
    found = _relative_mentions(mentions, relative)
    return found[_hinted(found, hints)][0] if found else ()


def _leading_units(text: str) -> tuple[Unit, ...]:
    """The organ forms at the start of ``text``, up to the first thing that is not one."""
    units: list[Unit] = []
    i = 0
    while (found := _organ_at(text, i, after=units)) is not None:
        units.append(Unit.of(found[0]))
        i = found[1]
    return tuple(units)


def _department(units: Sequence[Unit]) -> Unit | None:
    return next((u for u in units if not u.is_government), None)


def _ends_as(unit: Unit | None, bare: str) -> bool:
    """Whether an organ is of the kind a bare word names (局, 委, 厅, 办 …; empty: any)."""
    if unit is None:
        return False
    endings = {"委": ("委员会", "委"), "办": ("办公室", "办公厅", "办")}.get(bare, (bare,))
    return any(unit.full.endswith(e) for e in endings)


def _upper(places: tuple[Place, ...]) -> tuple[Place, ...]:
    """A chain without its township and village links."""
    return tuple(p for p in places if p.kind not in ("township", "village"))


def _for_organ(mentions: Iterator[_Mention], hints: Sequence[str]) -> tuple[Place, ...]:
    found = [(_upper(m.places), m.follow) for m in mentions]
    found = [(p, f) for p, f in found if p]
    return found[_hinted(found, hints)][0] if found else ()


def _for_local(mentions: Iterator[_Mention], kinds: Sequence[str]) -> Place | None:
    for mention in mentions:
        for place in reversed(_upper(mention.places)):
            if (place.kind in kinds and place.code is not None) or (
                "county" in kinds and place.kind == "division" and place.level is Level.COUNTY
            ):
                return place
    return None


def _disambiguate(place: Place, mentions: Iterator[_Mention]) -> Place | None:
    codes = [p.code for m in mentions for p in m.places if p.code]
    for width in (4, 2):
        for code in codes:
            hits = [c for c in place.candidates if c[:width] == code[:width]]
            if len(hits) == 1:
                periods = code_list().by_code[hits[0]]
                named = [p for p in periods if p.name == place.name] or list(periods)
                return division_place(named[-1], None)
    return None


def _rebase(places: tuple[Place, ...], new_first: tuple[Place, ...]) -> tuple[Place, ...]:
    """Rebuild a chain that starts with a township or sub-zone under a parent from context."""
    parent = new_first[-1] if new_first else None
    rebuilt: list[Place] = list(new_first)
    for place in places:
        if place.kind == "zone" and place.zone is None:
            parent = generic_zone_place(place.name, parent)
        elif place.kind == "subzone":
            parent = subzone_place(place.name, parent)
        elif place.kind == "township":
            parent = township_place(place.name, parent)
        elif place.kind == "village" and parent is not None:
            parent = attrs.evolve(place, code=parent.code, region=parent.region + place.name)
        else:
            parent = place
        rebuilt.append(parent)
    return tuple(rebuilt)


# --------------------------------------------------------------------------- public


def _sector(units: Sequence[Unit]) -> str | None:
    for unit in units:
        if not unit.is_government:
            return unit.sector
    return "政府" if units else None


def _build(name: str, parsed: Parsed, places: tuple[Place, ...]) -> Agency:
    units = parsed.units
    if parsed.central:
        if not units:  # 国家电网: not an organ
            return Agency(name=name)
        return Agency(
            name=name,
            full_name="".join(u.full for u in units),
            short_name="".join(u.short for u in units),
            level=Level.CENTRAL,
            sector=_sector(units),
        )
    deepest = places[-1] if places else None
    if deepest is None:
        return Agency(name=name, sector=None if parsed.rest else _sector(units))
    code = next((p.code for p in reversed(places) if p.code), None)
    if parsed.rest:
        return Agency(name=name, level=Level.UNKNOWN, division_code=code, region=deepest.region)
    if not units:
        organ = agency_data().forms.get(deepest.government)
        units = (
            (Unit.of(organ),) if organ else (Unit(deepest.government, "", "政府", "government"),)
        )
    level = deepest.level
    if any(u.kind == "community" for u in units):
        level = Level.UNKNOWN
    prefix = parsed.prefix
    return Agency(
        name=name,
        full_name="".join(u.full for u in prefix) + deepest.region + "".join(u.full for u in units),
        short_name="".join(u.short for u in prefix)
        + deepest.region
        + "".join(u.short for u in units),
        level=level,
        division_code=code,
        region=deepest.region,
        sector=_sector((*prefix, *units)),
    )


def _check(name: object, context: object, year: object) -> None:
    if not isinstance(name, str):
        raise InputError(f"expected an agency name as str, got {type(name).__name__}")
    if context is not None and not isinstance(context, str | Agency):
        raise InputError(f"expected context as str or Agency, got {type(context).__name__}")
    if year is not None and (not isinstance(year, int) or isinstance(year, bool)):
        raise InputError(f"expected year as int, got {type(year).__name__}")


def agency(name: str, *, context: str | Agency | None = None, year: int | None = None) -> Agency:
    """Read an agency name as printed into region, level, division code, sector and canonical names.

    ``name`` is kept as printed; ``full_name`` and ``short_name`` are the
    canonical forms (spec §9.2: region + organ; the short form drops 人民 and
    uses the usual abbreviations such as 工商局, 发展改革委, 科委, 管委会).
    A name without its region (``市工商局``, ``公安局``, ``澳前镇``, ``我局``) is
    resolved against ``context``: any text (a page, a title, a breadcrumb;
    a mention followed by the same organ is preferred, else the first that
    fits) or an `zwgk.Agency`.  ``year`` picks the division names valid
    that year (淮阴市 before 2000).

    Functional zones have no GB/T 2260 code: their agencies carry the code of
    the division their territory lies in and a level by rank (平潭综合实验区:
    prefecture rank, so ``CITY``, code 350128 of 平潭县).  Names that are not
    organs of government (``平潭电网``) keep their region and code but get level
    ``UNKNOWN``; names that say nothing known get ``UNKNOWN`` and no code.
    This never raises for a ``str`` name; any other type raises
    `zwgk.InputError`.

    Example:
        >>> from zwgk import agency
        >>> a = agency("沈阳市工商局")
        >>> (a.full_name, a.region, a.level.value, a.division_code, a.sector)
        ('沈阳市工商行政管理局', '沈阳市', 'city', '210100', '工商')
        >>> agency("市工商局", context="沈阳市工商局2017年度政务信息公开工作报告").full_name
        '沈阳市工商行政管理局'
        >>> agency("株洲市工商行政管理局").short_name
        '株洲市工商局'
        >>> agency("不知道什么").level.value
        'unknown'
    """
    _check(name, context, year)
    parsed = parse_name(name, year=year)
    if parsed.self_reference:
        return _self(name, context, year)
    if parsed.bare is not None and context is not None:
        return _bare(name, parsed, context, year)
    places = parsed.places
    if context is not None:
        places = _resolve(parsed, context, year)
    if parsed.relative is not None and not places:
        relative = agency_data().relative[parsed.relative]
        return Agency(name=name, level=relative.level, sector=_sector(parsed.units))
    if not places and not parsed.central and not parsed.rest:
        return Agency(name=name, sector=_sector(parsed.units))
    return _build(name, parsed, places)


def _resolve(parsed: Parsed, context: str | Agency, year: int | None) -> tuple[Place, ...]:
    places = parsed.places
    data = agency_data()

    def mentions() -> Iterator[_Mention]:
        return _context_mentions(context, year)

    hints = [parsed.organ_text, "".join(u.short for u in parsed.units)]
    if parsed.relative is not None:
        return _for_relative(mentions(), data.relative[parsed.relative], hints)
    if parsed.central:
        return places
    if not places:
        # only a known organ is placed by context: 市委 is not 沈阳市 + 市委
        known = bool(parsed.units) and parsed.units[0].kind != "verbatim"
        return _for_organ(mentions(), hints) if known else ()
    first = places[0]
    if first.kind == "zone" and first.zone is None and first.code is None:
        parent = _for_local(mentions(), ("division",))
        return _rebase(places, (parent,)) if parent else places
    if first.kind == "subzone":
        zone = _for_local(mentions(), ("zone",))
        return _rebase(places, (zone,)) if zone else places
    if first.kind == "township":
        parent = _for_local(mentions(), ("zone", "subzone", "county"))
        return _rebase(places, (parent,)) if parent else places
    if first.kind == "division" and first.code is None and first.candidates:
        resolved = _disambiguate(first, mentions())
        if resolved is not None:
            return _rebase(places[1:], (resolved,))
    return places


def _bare(name: str, parsed: Parsed, context: str | Agency, year: int | None) -> Agency:
    """``省局``, ``市局``: an organ of the same kind in the region the prefix names.

    With an agency as context, its own organ (``省局`` from 沈阳市工商局 is
    辽宁省工商行政管理局); with text, the first matching region mention that is
    followed by an organ ending in the bare word.
    """
    relative = agency_data().relative[parsed.relative or ""]
    bare = parsed.bare or ""
    found = _relative_mentions(_context_mentions(context, year), relative)
    if isinstance(context, Agency):
        own = _department(parse_name(context.full_name or context.name).units)
        if found and own is not None and _ends_as(own, bare):
            return _build(name, Parsed(found[0][0], (own,)), found[0][0])
    else:
        for places, follow in found:
            units = _leading_units(follow)
            if _ends_as(_department(units), bare):
                return _build(name, Parsed(places, units), places)
    if not found:
        return Agency(name=name, level=relative.level)
    places = found[0][0]
    code = next((p.code for p in reversed(places) if p.code), None)
    return Agency(name=name, level=places[-1].level, division_code=code, region=places[-1].region)


def _self(name: str, context: str | Agency | None, year: int | None) -> Agency:
    """``我局``, ``本委``: the context agency, or the first agency of that kind the text names."""
    if isinstance(context, Agency):
        return attrs.evolve(context, name=name)
    if context is None:
        return Agency(name=name)
    word = name.strip()
    bare = word[-1] if word[-1] in "局委厅办部署" else ""
    for mention in _mentions(context, year):
        units = _leading_units(mention.follow)
        department = _department(units)
        if department is not None and (not bare or _ends_as(department, bare)):
            return _build(name, Parsed(mention.places, units), mention.places)
    return Agency(name=name)
