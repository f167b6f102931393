"""The JSON Schema of zwgk's dumps, generated from the model and committed as package data."""

from __future__ import annotations

import datetime as dt
import enum
import functools
import json
import types
import typing
from decimal import Decimal
from importlib import resources
from typing import Any

import attrs

from zwgk._model import MODEL_CLASSES, TYPE_TAGS, TableFormat
from zwgk._model.enums import GENERATION_ID
from zwgk._serialize.json import DECIMAL_PATTERN, SCHEMA_VERSION


def json_schema() -> dict[str, Any]:
    """The JSON Schema (draft 2020-12) every `zwgk.to_json` dump validates against.

    It is the committed file ``zwgk/_data/schema.json``; a test keeps it equal
    to what the model generates.

    Examples:
        >>> import zwgk
        >>> schema = zwgk.json_schema()
        >>> (schema["$schema"], "AnnualReport" in schema["$defs"])
        ('https://json-schema.org/draft/2020-12/schema', True)
    """
    schema: dict[str, Any] = json.loads(_schema_text())
    return schema


@functools.cache
def _schema_text() -> str:
    return (resources.files("zwgk") / "_data" / "schema.json").read_text(encoding="utf-8")


def generate_schema() -> dict[str, Any]:
    """Build the schema from the model classes (used to write and test the committed file)."""
    defs: dict[str, Any] = {}
    for name, cls in sorted(MODEL_CLASSES.items()):
        attrs.resolve_types(cls)
        defs[name] = _class_schema(cls)
    envelopes = [_envelope(name, defs[name]) for name in sorted(defs)]
    return {
        "$schema": "https://json-schema.org/draft/2020-12/schema",
        "$id": f"https://zwgk.readthedocs.io/schema/{SCHEMA_VERSION}.json",
        "title": "zwgk dump",
        "description": "A model object serialized by zwgk.to_json: schema_version, type, fields.",
        "oneOf": envelopes,
        "$defs": defs,
    }


def _class_schema(cls: type) -> dict[str, Any]:
    properties: dict[str, Any] = {}
    required: list[str] = []
    for field in attrs.fields(cls):
        properties[field.name] = _type_schema(field.type)
        if field.default is attrs.NOTHING:
            required.append(field.name)
    doc = (cls.__doc__ or "").strip().splitlines()
    return {
        "type": "object",
        "description": doc[0] if doc else cls.__name__,
        "properties": properties,
        "required": required,
        "additionalProperties": False,
    }


def _envelope(name: str, body: dict[str, Any]) -> dict[str, Any]:
    # A top-level dump: the class's fields plus the schema version and type tag.
    return {
        **body,
        "properties": {
            "schema_version": {"type": "string", "pattern": r"^1\.[0-9]+$"},
            "type": {"const": name},
            **body["properties"],
        },
        "required": ["schema_version", "type", *body["required"]],
    }


def _type_schema(tp: Any) -> dict[str, Any]:
    origin = typing.get_origin(tp)
    if tp is type(None):
        return {"type": "null"}
    if tp is bool:
        return {"type": "boolean"}
    if tp is int:
        return {"type": "integer"}
    if tp is str:
        return {"type": "string"}
    if tp is Decimal:
        return {"type": "string", "pattern": DECIMAL_PATTERN}
    if tp is dt.date:
        return {"type": "string", "format": "date"}
    if tp is TableFormat:  # open: a registered tree may take an id of its own
        return {"type": "string", "pattern": f"^{GENERATION_ID.pattern}$"}
    if isinstance(tp, type) and issubclass(tp, enum.Enum):
        return {"enum": [m.value for m in tp]}
    if isinstance(tp, type) and attrs.has(tp):
        return {"$ref": f"#/$defs/{TYPE_TAGS.get(tp, tp.__name__)}"}
    if origin in (typing.Union, types.UnionType):
        return {"anyOf": [_type_schema(arg) for arg in typing.get_args(tp)]}
    if origin is tuple:
        args = typing.get_args(tp)
        if len(args) == 2 and args[1] is Ellipsis:
            return {"type": "array", "items": _type_schema(args[0])}
        return {
            "type": "array",
            "prefixItems": [_type_schema(arg) for arg in args],
            "minItems": len(args),
            "maxItems": len(args),
        }
    raise TypeError(f"no JSON Schema for type {tp!r}")


if __name__ == "__main__":  # pragma: no cover - regenerates the committed file
    print(json.dumps(generate_schema(), ensure_ascii=False, indent=2))
