"""Lossless JSON for every model class, through one strict cattrs converter.

A dump is an object with ``schema_version``, a ``type`` tag (the class name)
and the class's fields.  Decimals are strings, dates ISO 8601, tuples lists.
Reading is strict: unknown keys, wrong types and a wrong schema version raise
`zwgk.SchemaError` naming the JSON path.
"""

from __future__ import annotations

import datetime as dt
import enum
import json
import re
import types
from decimal import Decimal
from itertools import accumulate
from typing import Any, TypeVar

import attrs
import cattrs

from zwgk._errors import InputError, SchemaError
from zwgk._model import MODEL_CLASSES, TYPE_TAGS, TableFormat
from zwgk._model.enums import GENERATION_ID
from zwgk._text.chars import SURROGATE, refuse_surrogates

#: Version of the JSON layout; the major part changes when old dumps no longer read.
SCHEMA_VERSION = "1.0"

#: Default upper bound on the size of a JSON text ``from_json`` accepts, in characters.
MAX_JSON_CHARS = 64 * 1024 * 1024

#: Default upper bound on nesting depth of a JSON text ``from_json`` accepts.
MAX_JSON_DEPTH = 200

#: A JSON text may hold one array or object per this many characters of ``max_chars``
#: (a dump holds about one per 40): the bound keeps ``json.loads`` from building
#: millions of containers before the first one is looked at.
CHARS_PER_CONTAINER = 16

#: How a decimal is written in a dump, in the JSON Schema and in ``from_json`` alike.
DECIMAL_PATTERN = r"^-?[0-9]+(\.[0-9]+)?$"
_DECIMAL = re.compile(DECIMAL_PATTERN)

T = TypeVar("T")


class _JsonFloat:
    """A JSON number written with a fraction or an exponent (``25.5``, ``25.0``, ``1e3``).

    ``from_json`` keeps it as its text instead of a ``float``, so the field that receives it
    refuses it with its JSON path: counts are integers and money is a decimal string, and no
    field of the model takes a float.
    """

    __slots__ = ("token",)

    def __init__(self, token: str) -> None:
        self.token = token

    def __repr__(self) -> str:
        return self.token


def _fail(expected: str, value: object) -> SchemaError:
    if isinstance(value, _JsonFloat):
        return SchemaError(
            f"floating-point number {value.token} is not allowed "
            f"(expected {expected}; counts are integers, money is a decimal string)"
        )
    return SchemaError(f"expected {expected}, got {type(value).__name__} {_short(value)}")


def _short(value: object) -> str:
    text = repr(value)
    return text if len(text) <= 40 else text[:37] + "..."


def _structure_int(value: object, _type: object) -> int:
    if type(value) is not int:
        raise _fail("an integer", value)
    return value


def _structure_str(value: object, type_: type) -> str:
    # String enums are ``str`` subclasses and arrive here too.
    if type_ is not str and issubclass(type_, enum.Enum):
        member: str = _structure_enum(value, type_)
        return member
    if not isinstance(value, str):
        raise _fail("a string", value)
    m = SURROGATE.search(value)
    if m is not None:
        raise SchemaError(f"lone surrogate U+{ord(m.group()):04X} at character {m.start()}")
    return value


def _structure_enum(value: object, type_: type[Any]) -> Any:
    if isinstance(value, _JsonFloat):
        raise _fail("a string", value)
    try:
        return type_(value)
    except ValueError:
        allowed = ", ".join(repr(m.value) for m in type_)
        if type_ is TableFormat:
            allowed += f" or a generation id ({GENERATION_ID.pattern})"
        raise SchemaError(f"expected one of {allowed}, got {_short(value)}") from None


def _structure_bool(value: object, _type: object) -> bool:
    if not isinstance(value, bool):
        raise _fail("true or false", value)
    return value


def _structure_decimal(value: object, _type: object) -> Decimal:
    # The schema's pattern exactly: plain notation, no exponent, no NaN or Infinity.
    if not isinstance(value, str) or _DECIMAL.fullmatch(value) is None:
        raise _fail("a decimal number as a string (digits, an optional sign and point)", value)
    return Decimal(value)


def _unstructure_decimal(value: Decimal) -> str:
    # Plain notation (``0.0000001``, never ``1E-7``), as the schema's pattern asks.
    return format(value, "f")


def _structure_number(value: object, _type: object) -> int | Decimal:
    if type(value) is int:
        return value
    if isinstance(value, str):
        return _structure_decimal(value, Decimal)
    raise _fail("an integer or a decimal string", value)


def _structure_value(value: object, _type: object) -> int | Decimal | None:
    return None if value is None else _structure_number(value, _type)


_DATE = re.compile(r"[0-9]{4}-[0-9]{2}-[0-9]{2}")


def _structure_date(value: object, _type: object) -> dt.date:
    # The schema's "date" format (RFC 3339 full-date), not every form fromisoformat reads.
    if not isinstance(value, str):
        raise _fail("an ISO 8601 date string", value)
    if _DATE.fullmatch(value) is None:
        raise SchemaError(f"expected a date as YYYY-MM-DD, got {_short(value)}")
    try:
        return dt.date.fromisoformat(value)
    except ValueError:
        raise _fail("an ISO 8601 date (YYYY-MM-DD)", value) from None


def _is_homogeneous_tuple(type_: object) -> bool:
    args: tuple[object, ...] = getattr(type_, "__args__", ())
    return getattr(type_, "__origin__", None) is tuple and len(args) == 2 and args[1] is ...


def _tuple_hook(type_: Any, converter: cattrs.Converter) -> Any:
    item = type_.__args__[0]
    convert = converter.get_structure_hook(item)
    return lambda value, _type: tuple([convert(v, item) for v in value])


def _is_optional(type_: object) -> bool:
    args: tuple[object, ...] = getattr(type_, "__args__", ())
    return isinstance(type_, types.UnionType) and len(args) == 2 and args[1] is type(None)


def _optional_hook(type_: Any, converter: cattrs.Converter) -> Any:
    item = type_.__args__[0]
    convert = converter.get_structure_hook(item)
    return lambda value, _type: None if value is None else convert(value, item)


def _make_converter(*, detailed: bool) -> cattrs.Converter:
    """The strict converter; ``detailed`` ones name the JSON path of a failure.

    Both accept exactly the same dumps (they share every hook): ``from_data`` reads with
    the plain one, and again with the detailed one only to report a failure.
    """
    converter = cattrs.Converter(
        forbid_extra_keys=True,
        detailed_validation=detailed,
        unstruct_collection_overrides={tuple: list},
    )
    for cls in MODEL_CLASSES.values():
        attrs.resolve_types(cls)
    if not detailed:  # each item's hook looked up once per type, not once per item
        converter.register_structure_hook_factory(_is_homogeneous_tuple, _tuple_hook)
        converter.register_structure_hook_factory(_is_optional, _optional_hook)
    converter.register_structure_hook(int, _structure_int)
    converter.register_structure_hook(bool, _structure_bool)
    converter.register_structure_hook(str, _structure_str)
    converter.register_structure_hook(Decimal, _structure_decimal)
    converter.register_structure_hook(int | Decimal, _structure_number)
    converter.register_structure_hook(int | Decimal | None, _structure_value)
    converter.register_structure_hook(dt.date, _structure_date)
    converter.register_unstructure_hook(Decimal, _unstructure_decimal)
    converter.register_unstructure_hook(dt.date, dt.date.isoformat)
    return converter


CONVERTER = _make_converter(detailed=True)
_FAST = _make_converter(detailed=False)


def to_data(obj: object) -> dict[str, Any]:
    """The JSON-ready dict of a model object: ``schema_version``, ``type`` and fields.

    Examples:
        >>> import zwgk
        >>> zwgk.to_data(zwgk.Span(3, 5))
        {'schema_version': '1.0', 'type': 'Span', 'start': 3, 'end': 5}
    """
    name = TYPE_TAGS.get(type(obj))
    if name is None:
        raise InputError(f"cannot serialize {type(obj).__name__}: not a zwgk model class")
    body = CONVERTER.unstructure(obj)
    return {"schema_version": SCHEMA_VERSION, "type": name, **body}


def to_json(obj: object, *, indent: int | None = None) -> str:
    """Serialize any model object to JSON, losslessly.

    Examples:
        >>> import zwgk
        >>> zwgk.to_json(zwgk.Span(3, 5))
        '{"schema_version": "1.0", "type": "Span", "start": 3, "end": 5}'
    """
    return json.dumps(to_data(obj), ensure_ascii=False, indent=indent)


def from_data(data: object, cls: type[T] | None = None) -> Any:
    """Rebuild a model object from the dict `zwgk.to_data` made.

    ``cls`` (optional) checks that the dump holds that class.  Raises
    `zwgk.SchemaError` naming the JSON path of what is wrong.

    Examples:
        >>> import zwgk
        >>> zwgk.from_data({"schema_version": "1.0", "type": "Span", "start": 3, "end": 5})
        Span(start=3, end=5)
    """
    if not isinstance(data, dict):
        raise SchemaError(f"expected a JSON object, got {type(data).__name__}", where="$")
    version = data.get("schema_version")
    _check_version(version)
    tag = data.get("type")
    target = MODEL_CLASSES.get(tag) if isinstance(tag, str) else None
    if target is None:
        raise SchemaError(f"unknown type tag {_short(tag)}", where="$.type")
    if cls is not None and target is not cls:
        name = TYPE_TAGS.get(cls, cls.__name__)
        article = "an" if name[0] in "AEIOU" else "a"
        raise SchemaError(f"expected {article} {name} dump, got {tag}", where="$.type")
    body = {k: v for k, v in data.items() if k not in ("schema_version", "type")}
    try:
        return _FAST.structure(body, target)
    except Exception:  # read again, to name the first failure's JSON path
        pass
    try:
        CONVERTER.structure(body, target)
    except Exception as exc:  # cattrs wraps every failure; report the first with its path
        raise _schema_error(exc) from None
    raise AssertionError("the detailed converter accepted what the plain one refused")


def from_json(
    text: str | bytes,
    cls: type[T] | None = None,
    *,
    max_chars: int = MAX_JSON_CHARS,
    max_depth: int = MAX_JSON_DEPTH,
) -> Any:
    """Read a JSON dump back into the model object it holds, without knowing its class.

    Strict: bad JSON, unknown keys, wrong types, out-of-range values, a wrong
    schema version, a text longer than ``max_chars`` or nested deeper than
    ``max_depth`` raise `zwgk.SchemaError` naming the JSON path.
    Nothing in the text is ever evaluated.

    Examples:
        >>> import zwgk
        >>> zwgk.from_json(zwgk.to_json(zwgk.Span(3, 5)))
        Span(start=3, end=5)
    """
    if isinstance(text, bytes):
        try:
            text = text.decode("utf-8")
        except UnicodeDecodeError as exc:
            raise SchemaError(
                f"JSON bytes are not UTF-8 ({exc.reason})", where=f"byte {exc.start}"
            ) from None
    if not isinstance(text, str):
        raise SchemaError(f"expected JSON text (str or bytes), got {type(text).__name__}")
    if len(text) > max_chars:
        raise SchemaError(f"JSON text of {len(text)} characters exceeds the limit of {max_chars}")
    refuse_surrogates(text)
    _check_structure(text, max_depth, max_chars // CHARS_PER_CONTAINER)
    try:
        data = json.loads(text, parse_float=_JsonFloat, parse_constant=_reject_constant)
    except json.JSONDecodeError as exc:
        raise SchemaError(
            f"invalid JSON: {exc.msg}", where=f"line {exc.lineno} column {exc.colno}"
        ) from None
    except SchemaError:
        raise
    except ValueError as exc:  # an integer past Python's limit on digits
        raise SchemaError(f"invalid JSON number: {exc}") from None
    return from_data(data, cls)


def _reject_constant(token: str) -> float:
    raise SchemaError(f"{token} is not a JSON number")


#: Every byte but a quote and the four brackets (deleted), and curly brackets made square.
_NOT_STRUCTURE = bytes(c for c in range(256) if c not in b'"[]{}')
_SQUARE = bytes.maketrans(b"{}", b"[]")
_STEP = {ord("["): 1, ord("]"): -1}


def _brackets(text: str) -> bytes:
    r"""The brackets of a JSON text outside its strings, all made square (``[`` and ``]``).

    Examples:
        >>> from zwgk._serialize.json import _brackets
        >>> _brackets(r'{"a": ["x]\\", "\"[{"], "b": {}, "c": "\\\"]"}')
        b'[[][]]'
    """
    data = text.encode("utf-8")  # a multi-byte character never holds an ASCII byte
    if b"\\" in data:  # escaped backslashes, then escaped quotes: a string's quotes are left
        data = data.replace(b"\\\\", b"").replace(b'\\"', b"")
    data = data.translate(_SQUARE, _NOT_STRUCTURE)
    # Quotes now pair up around the brackets printed inside strings (an open one runs on).
    return b"".join(data.split(b'"')[::2]) if b'"' in data else data


def _depth(brackets: bytes, max_depth: int) -> int:
    """How deep ``brackets`` nest: the most open at once (exact, also past ``max_depth``)."""
    # Each pass takes out every innermost pair, so well-nested brackets are gone after as
    # many passes as they nest deep; byte replacement is a C loop, never one per character.
    rest = brackets
    for depth in range(max_depth + 1):
        if not rest:
            return depth
        fewer = rest.replace(b"[]", b"")
        if len(fewer) == len(rest):
            break
        rest = fewer
    # Unbalanced (no valid JSON) or deeper than the limit: the running count of open ones.
    return max(accumulate(map(_STEP.__getitem__, brackets)), default=0)


def _check_structure(text: str, max_depth: int, max_containers: int) -> None:
    # Before json.loads can recurse or build anything: strings are cut out and the
    # brackets left are counted and their depth measured, in C loops over bytes.
    brackets = _brackets(text)
    containers = brackets.count(b"[")
    if containers > max_containers:
        raise SchemaError(
            f"JSON text holds {containers} arrays and objects, more than the "
            f"{max_containers} its size limit allows"
        )
    if _depth(brackets, max_depth) > max_depth:
        raise SchemaError(f"JSON nested deeper than {max_depth} levels")


def _check_version(version: object) -> None:
    if not isinstance(version, str):
        raise SchemaError(
            f"missing or non-string schema_version (this zwgk reads {SCHEMA_VERSION})",
            where="$.schema_version",
        )
    ours = _version_tuple(SCHEMA_VERSION)
    theirs = _version_tuple(version)
    if theirs is None or theirs[0] != ours[0] or theirs[1] > ours[1]:  # type: ignore[index]
        raise SchemaError(
            f"schema_version {_short(version)} cannot be read by this zwgk (it reads "
            f"{ours[0]}.0 to {SCHEMA_VERSION})",  # type: ignore[index]
            where="$.schema_version",
        )


_VERSION = re.compile(r"(0|[1-9][0-9]{0,5})\.(0|[1-9][0-9]{0,5})")


def _version_tuple(version: str) -> tuple[int, int] | None:
    m = _VERSION.fullmatch(version)
    return None if m is None else (int(m.group(1)), int(m.group(2)))


def _schema_error(exc: BaseException) -> SchemaError:
    if isinstance(exc, SchemaError):
        return exc
    messages = cattrs.transform_error(exc, path="$", format_exception=_format_exception)
    first = messages[0] if messages else f"{type(exc).__name__}: {exc}"
    message, sep, where = first.rpartition(" @ ")
    if not sep:
        return SchemaError(first)
    return SchemaError(message, where=where)


def _format_exception(exc: BaseException, type_: type | None) -> str:
    if isinstance(exc, SchemaError):
        return exc.message
    if isinstance(exc, cattrs.ForbiddenExtraKeysError):
        return f"unknown keys {sorted(exc.extra_fields)}"
    if isinstance(exc, KeyError):
        return f"required key {exc.args[0]!r} is missing"
    if isinstance(exc, ValueError | TypeError):
        return f"invalid value ({exc})"
    return f"{type(exc).__name__}: {exc}"
