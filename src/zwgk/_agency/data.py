"""The agency reference data shipped as JSON under ``zwgk/_data/agencies`` (read once, lazily).

Each file is turned into typed rows here, so that the rest of the package never
indexes raw dictionaries; a malformed file raises `zwgk.DataError`
naming the file and entry.
"""

from __future__ import annotations

import functools
import json
from collections.abc import Mapping, Sequence
from importlib import resources
from typing import Any

import attrs

from zwgk._errors import DataError
from zwgk._model.enums import Level


@attrs.frozen
class Organ:
    """An organ form: ``工商行政管理局`` (short ``工商局``), sector ``工商``."""

    full: str
    short: str
    forms: tuple[str, ...]
    sector: str | None
    kind: str
    central: bool = False

    @property
    def is_government(self) -> bool:
        return self.kind == "government"


@attrs.frozen
class Zone:
    """A functional zone with its rank (level) and the division its territory lies in."""

    name: str
    aliases: tuple[str, ...]
    level: Level
    parent_code: str | None
    government: str
    note: str = ""


@attrs.frozen
class Relative:
    """What a relative prefix (``市`` in ``市工商局``) may stand for."""

    levels: tuple[Level, ...]
    suffixes: tuple[str, ...]
    level: Level


@attrs.frozen
class Rule:
    """An organ-level succession pattern of the 2018 reform."""

    id: str
    relation: str
    levels: tuple[Level, ...]
    members: tuple[str, ...]
    successor: str
    alternatives: tuple[str, ...] = ()
    note: str = ""


@attrs.frozen
class AgencyData:
    """Everything the agency parser reads from data."""

    organs: tuple[Organ, ...]
    forms: dict[str, Organ]
    organ_suffixes: tuple[str, ...]
    central_prefixes: tuple[str, ...]
    party_prefixes: tuple[str, ...]
    self_references: frozenset[str]
    bare_organs: frozenset[str]
    province_short: dict[str, str]
    relative: dict[str, Relative]
    text_excluded: frozenset[str]
    township_suffixes: tuple[str, ...]
    village_suffixes: tuple[str, ...]
    stop_chars: frozenset[str]
    domains: dict[str, str]
    zones: tuple[Zone, ...]
    subzone_suffixes: tuple[str, ...]
    subzone_level: Level
    subzone_government: str
    generic_zone_suffixes: tuple[str, ...]
    generic_zone_level: Level
    generic_zone_government: str
    reform_years: dict[Level, int]
    rules: tuple[Rule, ...]


def _read(name: str) -> Mapping[str, Any]:
    path = resources.files("zwgk") / "_data" / "agencies" / name
    try:
        data = json.loads(path.read_text(encoding="utf-8"))
    except (OSError, ValueError) as exc:
        raise DataError(f"cannot read agency data: {exc}", where=name) from exc
    if not isinstance(data, dict):
        raise DataError("expected a JSON object", where=name)
    return data


def _strings(value: Any, where: str) -> tuple[str, ...]:
    if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
        raise DataError("expected a list of strings", where=where)
    return tuple(value)


def _str(entry: Mapping[str, Any], key: str, where: str) -> str:
    value = entry.get(key)
    if not isinstance(value, str) or not value:
        raise DataError(f"expected a non-empty string for {key!r}", where=where)
    return value


def _level(value: Any, where: str) -> Level:
    try:
        return Level(value)
    except ValueError:
        raise DataError(f"unknown level {value!r}", where=where) from None


def _organs(entries: Sequence[Mapping[str, Any]]) -> tuple[tuple[Organ, ...], dict[str, Organ]]:
    organs = []
    forms: dict[str, Organ] = {}
    for i, entry in enumerate(entries):
        where = f"organs.json: organs[{i}]"
        sector = entry.get("sector")
        if sector is not None and not isinstance(sector, str):
            raise DataError("expected a string or null for 'sector'", where=where)
        kind = _str(entry, "kind", where)
        if kind not in ("government", "department", "community"):
            raise DataError(f"unknown kind {kind!r}", where=where)
        short = entry.get("short")
        if not isinstance(short, str):
            raise DataError("expected a string for 'short'", where=where)
        organ = Organ(
            full=_str(entry, "full", where),
            short=short,
            forms=_strings(entry.get("forms", []), where),
            sector=sector,
            kind=kind,
            central=bool(entry.get("central", False)),
        )
        for form in (organ.full, *organ.forms):
            if form in forms:
                raise DataError(f"form {form!r} listed twice", where=where)
            forms[form] = organ
        organs.append(organ)
    return tuple(organs), forms


def _zones(entries: Sequence[Mapping[str, Any]]) -> tuple[Zone, ...]:
    zones = []
    for i, entry in enumerate(entries):
        where = f"zones.json: zones[{i}]"
        parent = entry.get("parent_code")
        if parent is not None and not (isinstance(parent, str) and len(parent) == 6):
            raise DataError("expected a six-digit parent_code or null", where=where)
        zones.append(
            Zone(
                name=_str(entry, "name", where),
                aliases=_strings(entry.get("aliases", []), where),
                level=_level(entry.get("level"), where),
                parent_code=parent,
                government=_str(entry, "government", where),
                note=str(entry.get("note", "")),
            )
        )
    return tuple(zones)


def _rules(entries: Sequence[Mapping[str, Any]]) -> tuple[Rule, ...]:
    rules = []
    for i, entry in enumerate(entries):
        where = f"reform.json: rules[{i}]"
        relation = _str(entry, "relation", where)
        if relation not in ("merged_into", "renamed"):
            raise DataError(f"unknown relation {relation!r}", where=where)
        rules.append(
            Rule(
                id=_str(entry, "id", where),
                relation=relation,
                levels=tuple(_level(v, where) for v in _strings(entry.get("levels"), where)),
                members=_strings(entry.get("members"), where),
                successor=_str(entry, "successor", where),
                alternatives=_strings(entry.get("alternatives", []), where),
                note=str(entry.get("note", "")),
            )
        )
    return tuple(rules)


@functools.cache
def agency_data() -> AgencyData:
    """The agency data, read once."""
    organs_doc = _read("organs.json")
    regions = _read("regions.json")
    zones = _read("zones.json")
    reform = _read("reform.json")
    try:
        organs, forms = _organs(organs_doc["organs"])
        relative = {
            key: Relative(
                levels=tuple(_level(v, f"regions.json: relative.{key}") for v in spec["levels"]),
                suffixes=_strings(spec["suffixes"], f"regions.json: relative.{key}"),
                level=_level(spec["level"], f"regions.json: relative.{key}"),
            )
            for key, spec in regions["relative"].items()
        }
        years = {_level(k, "reform.json: years"): int(v) for k, v in reform["years"].items()}
        return AgencyData(
            organs=organs,
            forms=forms,
            organ_suffixes=_strings(organs_doc["organ_suffixes"], "organs.json: organ_suffixes"),
            central_prefixes=_strings(
                organs_doc["central_prefixes"], "organs.json: central_prefixes"
            ),
            party_prefixes=_strings(organs_doc["party_prefixes"], "organs.json: party_prefixes"),
            self_references=frozenset(
                _strings(organs_doc["self_references"], "organs.json: self_references")
            ),
            bare_organs=frozenset(_strings(organs_doc["bare_organs"], "organs.json: bare_organs")),
            province_short={str(k): str(v) for k, v in regions["province_short"].items()},
            relative=relative,
            text_excluded=frozenset(
                _strings(regions["text_excluded"], "regions.json: text_excluded")
            ),
            township_suffixes=_strings(
                regions["township_suffixes"], "regions.json: township_suffixes"
            ),
            village_suffixes=_strings(
                regions["village_suffixes"], "regions.json: village_suffixes"
            ),
            stop_chars=frozenset(str(regions["name_stop_chars"])),
            domains={str(k): str(v) for k, v in regions.get("domains", {}).items()},
            zones=_zones(zones["zones"]),
            subzone_suffixes=_strings(zones["subzone_suffixes"], "zones.json: subzone_suffixes"),
            subzone_level=_level(zones["subzone_level"], "zones.json: subzone_level"),
            subzone_government=str(zones["subzone_government"]),
            generic_zone_suffixes=_strings(
                zones["generic_suffixes"], "zones.json: generic_suffixes"
            ),
            generic_zone_level=_level(zones["generic_level"], "zones.json: generic_level"),
            generic_zone_government=str(zones["generic_government"]),
            reform_years=years,
            rules=_rules(reform["rules"]),
        )
    except (KeyError, TypeError, AttributeError, ValueError) as exc:
        if isinstance(exc, DataError):
            raise
        raise DataError(f"malformed agency data: {exc!r}", where="zwgk/_data/agencies") from exc
