"""JSON round trips, the committed JSON Schema, and strict reading of untrusted dumps."""

from __future__ import annotations

import json
import pickle
from decimal import Decimal

import jsonschema
import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests.strategies import BY_CLASS, documents

import zwgk
from zwgk._model import MODEL_CLASSES
from zwgk._serialize.schema import generate_schema

VALIDATOR = jsonschema.Draft202012Validator(
    zwgk.json_schema(), format_checker=jsonschema.FormatChecker()
)


def test_every_model_class_has_a_strategy() -> None:
    assert set(BY_CLASS) == set(MODEL_CLASSES.values())


@pytest.mark.parametrize(
    "cls", sorted(BY_CLASS, key=lambda c: c.__name__), ids=lambda c: c.__name__
)
def test_round_trip_and_schema_for_every_class(cls: type) -> None:
    @given(BY_CLASS[cls])
    def check(obj: object) -> None:
        text = zwgk.to_json(obj)
        assert zwgk.from_json(text) == obj
        assert zwgk.from_json(text, cls) == obj
        VALIDATOR.validate(json.loads(text))

    check()


@given(documents)
def test_documents_round_trip_with_their_class(doc: zwgk.Document) -> None:
    back = zwgk.from_json(zwgk.to_json(doc, indent=2))
    assert back == doc
    assert type(back) is type(doc)
    assert back.kind is doc.kind


def test_committed_schema_is_what_the_model_generates() -> None:
    assert zwgk.json_schema() == generate_schema(), (
        "src/zwgk/_data/schema.json is stale: regenerate it with "
        "`python -m zwgk._serialize.schema > src/zwgk/_data/schema.json`"
    )


def test_money_stays_decimal_and_counts_stay_int() -> None:
    cell = zwgk.Cell(
        indicator="admin_fees",
        column="fee_amount",
        row_labels=("行政事业性收费",),
        column_labels=("本年收费金额（单位：万元）",),
        raw="4068.208",
        value=Decimal("4068.208"),
        token_class=zwgk.TokenClass.NUMBER,
        unit="万元",
        span=zwgk.Span(0, 8),
    )
    data = json.loads(zwgk.to_json(cell))
    assert data["value"] == "4068.208"
    back = zwgk.from_json(zwgk.to_json(cell))
    assert isinstance(back.value, Decimal)
    assert back.value == Decimal("4068.208")
    counted = zwgk.from_json(zwgk.to_json(zwgk.Finding("x", zwgk.Severity.INFO, "m", reported=25)))
    assert type(counted.reported) is int


def _money_cell(value: Decimal) -> zwgk.Cell:
    return zwgk.Cell(
        indicator="admin_fees",
        column="fee_amount",
        row_labels=(),
        column_labels=(),
        raw=str(value),
        value=value,
        token_class=zwgk.TokenClass.NUMBER,
    )


@pytest.mark.parametrize(
    ("value", "written"),
    [("1E-7", "0.0000001"), ("2.5E+3", "2500"), ("-0.50", "-0.50"), ("4068.208", "4068.208")],
)
def test_decimals_are_written_in_plain_notation(value: str, written: str) -> None:
    # The schema's pattern has no exponent; the dump never uses one.
    data = zwgk.to_data(_money_cell(Decimal(value)))
    assert data["value"] == written
    assert list(VALIDATOR.iter_errors(data)) == []
    assert zwgk.from_data(data).value == Decimal(value)


@pytest.mark.parametrize(
    "text", ["1e5", "1E-7", "NaN", "Infinity", "+1", ".5", "1.", " 1", "1,000"]
)
def test_decimal_strings_follow_the_schema_pattern(text: str) -> None:
    data = {**zwgk.to_data(_money_cell(Decimal(1))), "value": text}
    with pytest.raises(zwgk.SchemaError) as info:
        zwgk.from_data(data)
    assert info.value.where == "$.value"
    assert "a decimal number as a string" in info.value.message


@pytest.mark.parametrize(
    ("token_class", "value", "words"),
    [
        ("blank", 25, "a blank cell has no value, not 25"),
        ("dash", 0, "a dash cell has no value"),
        ("zero", 3, "a zero cell must have value 0, not 3"),
        ("zero", None, "a zero cell must have value 0, not None"),
    ],
)
def test_token_class_and_value_must_agree(token_class: str, value: int | None, words: str) -> None:
    data = {**zwgk.to_data(_money_cell(Decimal(1))), "token_class": token_class, "value": value}
    with pytest.raises(zwgk.SchemaError) as info:
        zwgk.from_data(data)
    assert info.value.where == "$"
    assert words in info.value.message


BASE = {"schema_version": "1.0", "type": "Span", "start": 1, "end": 2}


@pytest.mark.parametrize(
    ("change", "where", "words"),
    [
        ({"schema_version": "2.0"}, "$.schema_version", "cannot be read"),
        ({"schema_version": "1.9"}, "$.schema_version", "cannot be read"),
        ({"schema_version": None}, "$.schema_version", "schema_version"),
        ({"type": "Nope"}, "$.type", "unknown type tag"),
        ({"extra": 1}, "$", "unknown keys ['extra']"),
        ({"start": True}, "$.start", "expected an integer"),
        ({"start": "1"}, "$.start", "expected an integer"),
        ({"end": 0}, "$", "before its start"),
        ({"start": 1.5}, "$.start", "floating-point number 1.5 is not allowed"),
        ({"start": 1.0}, "$.start", "floating-point number 1.0 is not allowed"),
        ({"end": 2e0}, "$.end", "floating-point number 2.0 is not allowed"),
    ],
)
def test_bad_dumps_name_the_path(change: dict[str, object], where: str, words: str) -> None:
    with pytest.raises(zwgk.SchemaError) as info:
        zwgk.from_json(json.dumps({**BASE, **change}))
    assert info.value.where == where
    assert words in info.value.message


def test_missing_key_names_it() -> None:
    with pytest.raises(zwgk.SchemaError, match="required key 'end' is missing"):
        zwgk.from_json('{"schema_version": "1.0", "type": "Span", "start": 1}')


def test_nested_path_is_named() -> None:
    doc = zwgk.AnnualReport(
        title="t", tables=(zwgk.StatTable(id="local", format=zwgk.TableFormat.LEGACY_LOCAL),)
    )
    data = zwgk.to_data(doc)
    data["tables"][0]["format"] = "F 2099"  # not a generation id
    with pytest.raises(zwgk.SchemaError) as info:
        zwgk.from_data(data)
    assert info.value.where == "$.tables[0].format"


@pytest.mark.parametrize(
    ("text", "words"),
    [
        ("not json", "invalid JSON"),
        ("[1, 2]", "expected a JSON object"),
        ('{"a": NaN}', "NaN is not a JSON number"),
        ("[" * 500 + "]" * 500, "nested deeper"),
        (b"\xff\xfe", "not UTF-8"),
    ],
)
def test_malformed_json_raises_schema_error(text: str | bytes, words: str) -> None:
    with pytest.raises(zwgk.SchemaError, match=words):
        zwgk.from_json(text)


def test_oversized_payload_is_refused() -> None:
    with pytest.raises(zwgk.SchemaError, match="exceeds the limit of 10"):
        zwgk.from_json(json.dumps(BASE), max_chars=10)


def test_wrong_class_is_refused() -> None:
    with pytest.raises(zwgk.SchemaError, match="expected a Cell dump, got Span"):
        zwgk.from_json(json.dumps(BASE), zwgk.Cell)


def test_to_json_refuses_foreign_objects() -> None:
    with pytest.raises(zwgk.InputError, match="not a zwgk model class"):
        zwgk.to_json(object())


@given(st.text(max_size=200))
def test_random_text_only_raises_schema_error(text: str) -> None:
    with pytest.raises(zwgk.SchemaError):
        zwgk.from_json(text)


@pytest.mark.parametrize(
    "exc",
    [
        zwgk.ZwgkError("m", where="w"),
        zwgk.SchemaError("bad", where="$.x"),
        zwgk.DecodeError("undecodable", where="byte 3"),
        zwgk.MissingExtraError("pandas", "to_frame"),
        zwgk.UnknownError("no such thing"),
    ],
)
def test_errors_pickle_and_keep_their_message(exc: zwgk.ZwgkError) -> None:
    back = pickle.loads(pickle.dumps(exc))
    assert type(back) is type(exc)
    assert str(back) == str(exc)
    assert back.where == exc.where


def test_error_branches_subclass_builtins() -> None:
    assert issubclass(zwgk.SchemaError, ValueError)
    assert issubclass(zwgk.InputError, ValueError)
    assert issubclass(zwgk.DecodeError, zwgk.InputError)
    assert issubclass(zwgk.UnknownError, LookupError)
    assert issubclass(zwgk.MissingExtraError, ImportError)
    assert str(zwgk.SchemaError("bad", where="$.x")) == "bad @ $.x"


def _span_dump(**change: object) -> str:
    return json.dumps({**BASE, **change}, ensure_ascii=False)


@pytest.mark.parametrize("version", ["².0", "1" * 5000 + ".0", "١.٠", "01.0", "1.00", "1", "1.0 "])
def test_only_plain_schema_versions_are_read(version: str) -> None:
    # "².0" and 5,000 digits once raised ValueError; "١.٠" and "01.0" were read as 1.0.
    with pytest.raises(zwgk.SchemaError) as info:
        zwgk.from_json(_span_dump(schema_version=version))
    assert info.value.where == "$.schema_version"


def test_an_integer_past_pythons_digit_limit_is_a_schema_error() -> None:
    text = _span_dump().replace('"start": 1', '"start": ' + "1" * 5000)
    with pytest.raises(zwgk.SchemaError, match="invalid JSON number"):
        zwgk.from_json(text)


@pytest.mark.parametrize("date", ["2020-W01-1", "20200101", "2020-001", "2020-01-01T00:00"])
def test_dates_are_the_schemas_format_only(date: str) -> None:
    data = {"schema_version": "1.0", "type": "OtherDocument", "title": "x", "published": date}
    with pytest.raises(zwgk.SchemaError, match="YYYY-MM-DD") as info:
        zwgk.from_json(json.dumps(data))
    assert info.value.where == "$.published"


def test_lone_surrogates_are_refused() -> None:
    raw = '{"schema_version": "1.0", "type": "OtherDocument", "title": "报告\ud800"}'
    with pytest.raises(zwgk.InputError) as info:
        zwgk.from_json(raw)
    assert info.value.where == f"character {raw.index(chr(0xD800))}"
    escaped = '{"schema_version": "1.0", "type": "OtherDocument", "title": "报告\\udc00"}'
    with pytest.raises(zwgk.SchemaError, match="lone surrogate U\\+DC00") as schema_info:
        zwgk.from_json(escaped)
    assert schema_info.value.where == "$.title"


def test_a_payload_of_containers_is_refused_before_it_is_built() -> None:
    # 63 MB of nested arrays under the depth limit once took 29 s and 3.3 GB to refuse.
    # The bound is one array or object per 16 characters of max_chars, counted before
    # json.loads builds anything.
    block = "[" * 100 + "]" * 100
    with pytest.raises(zwgk.SchemaError, match="arrays and objects, more than the 1000"):
        zwgk.from_json(block * 70, max_chars=16_000)
    with pytest.raises(zwgk.SchemaError, match="expected a JSON object"):
        zwgk.from_json("[" + ",".join([block] * 9) + "]", max_chars=16_000)


@pytest.mark.parametrize("depth", [2, 200, 201])
def test_depth_limit_counts_brackets_outside_strings(depth: int) -> None:
    # The object is one level; "x" holds depth - 1 arrays; brackets in strings do not count.
    inner = "[" * (depth - 1) + '"[[{{"' + "]" * (depth - 1)
    title = "[" * 300
    data = f'{{"schema_version": "1.0", "type": "OtherDocument", "title": "{title}", "x": {inner}}}'
    words = "unknown keys" if depth <= 200 else "nested deeper than 200"
    with pytest.raises(zwgk.SchemaError, match=words):
        zwgk.from_json(data)


def _reference_structure(text: str) -> tuple[int, int]:
    # The plain definition: strings cut out, then brackets counted and their running sum.
    import re
    from itertools import accumulate

    brackets = re.sub(r"[^\[\]{}]+", "", re.sub(r'"[^"\\]*(?:\\.[^"\\]*)*"?', "", text))
    steps = [1 if b in "[{" else -1 for b in brackets]
    return brackets.count("[") + brackets.count("{"), max(accumulate(steps), default=0)


_JSON = st.recursive(
    st.none() | st.integers() | st.text(alphabet='[]{}"\\ab中\n\u00e9'),
    lambda inner: (
        st.lists(inner, max_size=4)
        | st.dictionaries(st.text(alphabet='[]{}"\\ab'), inner, max_size=4)
    ),
    max_leaves=40,
)


@given(
    st.one_of(
        _JSON.map(lambda v: json.dumps(v, ensure_ascii=False)),
        st.text(alphabet='[]{}"a中 '),  # any text without escapes: valid JSON or not
    )
)
def test_structure_check_counts_as_the_plain_definition(text: str) -> None:
    from zwgk._serialize.json import _brackets, _depth

    containers, depth = _reference_structure(text)
    brackets = _brackets(text)
    assert brackets.count(b"[") == containers
    assert _depth(brackets, 200) == depth
    assert _depth(brackets, max(depth - 1, 0)) == depth  # past the limit: still exact


_JSON_LEAVES = st.none() | st.booleans() | st.integers() | st.text(max_size=5)
_JSON_VALUES = st.recursive(
    _JSON_LEAVES,
    lambda inner: st.lists(inner, max_size=2) | st.dictionaries(st.text(max_size=3), inner),
    max_leaves=4,
)


@given(documents, st.data())
def test_a_changed_dump_is_read_or_refused_with_its_path(
    doc: zwgk.Document, data: st.DataObject
) -> None:
    """``from_data`` reads with a plain converter and names failures with a detailed one:
    both must accept and refuse the same dumps, whatever value a field is given."""
    dump = zwgk.to_data(doc)
    node: object = dump
    while True:  # down to a random field or item
        keys = (
            [k for k in node if k not in ("schema_version", "type")]
            if isinstance(node, dict)
            else list(range(len(node)))
            if isinstance(node, list)
            else []
        )
        if not keys:
            break
        key = data.draw(st.sampled_from(keys))
        child = node[key]  # type: ignore[index]
        if not isinstance(child, dict | list) or data.draw(st.booleans()):
            node[key] = data.draw(_JSON_VALUES)  # type: ignore[index]
            break
        node = child
    try:
        back = zwgk.from_data(dump)
    except zwgk.SchemaError as exc:
        where = exc.where
    else:
        assert type(back) is type(doc)
        return
    assert where is None or where.startswith("$")
