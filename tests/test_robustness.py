"""Hostile and broken input: fuzzing, adversarial shapes, encodings, limits.

The only exceptions allowed out of ``parse`` are zwgk's own, documented ones;
well-formed but odd input gives a document (possibly ``other``) and findings.
"""

from __future__ import annotations

import codecs
import json
import random

import pytest
from hypothesis import given
from hypothesis import strategies as st
from tests import mutations, strategies
from tests.conftest import SEEDS

import zwgk
from zwgk._text.chars import SURROGATE, refuse_surrogates


def _documents(seed_texts: dict[str, str]) -> list[str]:
    return list(seed_texts.values())


@given(st.text(max_size=400))
def test_random_text_parses(text: str) -> None:
    doc = zwgk.parse(text)
    assert doc.kind in zwgk.DocumentKind


@given(st.binary(max_size=400))
def test_random_bytes_parse_or_raise_decode_error(data: bytes) -> None:
    where = "byte 0"
    try:
        doc = zwgk.parse(data)
    except zwgk.DecodeError as exc:
        where = exc.where or ""
    except zwgk.InputError as exc:  # the bytes of a PDF, Word or ZIP file
        where = "byte 0" if "zwgk.read" in str(exc) else str(exc)
    else:
        assert doc.kind in zwgk.DocumentKind
    assert where.startswith("byte ")


MUTATIONS = st.lists(
    st.tuples(
        st.sampled_from(["delete", "duplicate", "swap", "digit", "truncate"]),
        st.floats(0, 1),
        st.integers(1, 40),
    ),
    min_size=1,
    max_size=6,
)


def _mutate(text: str, steps: list[tuple[str, float, int]]) -> str:
    for op, where, size in steps:
        if not text:
            break
        i = int(where * (len(text) - 1))
        if op == "delete":
            text = text[:i] + text[i + size :]
        elif op == "duplicate":
            text = text[:i] + text[i : i + size] * 2 + text[i + size :]
        elif op == "swap":
            j = min(len(text), i + size)
            text = text[:i] + text[j : j + size] + text[i:j] + text[j + size :]
        elif op == "digit":
            text = text[:i] + str(size % 10) * size + text[i:]
        else:
            text = text[:i]
    return text


@given(st.sampled_from(["000", "001", "002", "003", "004"]), MUTATIONS)
def test_mutated_seeds_parse(
    seed_texts: dict[str, str], key: str, steps: list[tuple[str, float, int]]
) -> None:
    doc = zwgk.parse(_mutate(seed_texts[key], steps))
    assert zwgk.from_json(zwgk.to_json(doc)) == doc
    assert all(isinstance(f, zwgk.Finding) for f in zwgk.validate(doc))


def test_mutated_corpus_parses(corpus_texts: dict[str, str]) -> None:
    @given(st.sampled_from(sorted(corpus_texts)), MUTATIONS)
    def check(key: str, steps: list[tuple[str, float, int]]) -> None:
        doc = zwgk.parse(_mutate(corpus_texts[key], steps))
        assert zwgk.from_json(zwgk.to_json(doc)) == doc
        assert all(isinstance(f, zwgk.Finding) for f in zwgk.validate(doc))

    check()


ADVERSARIAL = {
    "digits_line": ("2021年度政府信息公开工作年度报告\n规章" + "7" * 1_000_000, "annual_report"),
    "headings_100k": (
        "2021年度政府信息公开工作年度报告\n" + "".join(f"{i}.标题\n" for i in range(1, 100_001)),
        "annual_report",
    ),
    "nested_numbering": (
        "工作方案\n" + "一、总体\n(一)主动\n1.网站\n(1)栏目\n" * 20_000,
        "implementation_plan",
    ),
    "columns_10k": (
        "2021年度政府信息公开工作年度报告\n申请人情况 "
        + " ".join(["自然人"] * 10_000)
        + "\n一、本年新收政府信息公开申请数量 "
        + " ".join(["1"] * 10_000),
        "annual_report",
    ),
    "punctuation": ("。,、;:!?()《》" * 100_000, "other"),
}


@pytest.mark.parametrize("name", sorted(ADVERSARIAL))
def test_adversarial_inputs_complete(name: str) -> None:
    text, kind = ADVERSARIAL[name]
    doc = zwgk.parse(text)
    assert doc.kind.value == kind
    if isinstance(doc, zwgk.AnnualReport):
        for table in doc.tables:
            for cell in table.cells:
                assert cell.value is None or len(cell.raw) <= 24


def test_digit_run_is_never_split_beyond_the_bound() -> None:
    from zwgk._parse.split import split_runs

    result = split_runs(["1" * 39], 7)
    assert result.exhausted  # the bound stopped the search; nothing was picked silently
    assert split_runs(["1" * 41], 7).candidates == ()


ENCODINGS = ["utf-8", "utf-8-sig", "utf-16", "gb18030"]


@pytest.mark.parametrize("encoding", ENCODINGS)
def test_encodings_give_the_same_document(seed_texts: dict[str, str], encoding: str) -> None:
    text = seed_texts["003"]
    assert zwgk.parse(text.encode(encoding)) == zwgk.parse(text)


def test_undecodable_bytes_name_the_offset() -> None:
    data = "年度报告".encode() + b"\xff\xfe\xfd\x80\x81" * 40
    with pytest.raises(zwgk.DecodeError) as info:
        zwgk.parse(data)
    assert info.value.where == "byte 12"
    assert isinstance(info.value, ValueError)


def test_utf16_without_bom_is_not_read_as_data() -> None:
    data = "政府信息公开工作年度报告".encode("utf-16-le")
    with pytest.raises(zwgk.DecodeError):
        zwgk.parse(data)


def test_bom_is_honoured() -> None:
    doc = zwgk.parse(codecs.BOM_UTF8 + "标题: 停电通知".encode())
    assert doc.title == "停电通知"


@pytest.mark.parametrize("value", [42, None, 3.5, ["text"], object()])
def test_wrong_type_is_an_input_error(value: object) -> None:
    with pytest.raises(zwgk.InputError, match="expected str or bytes"):
        zwgk.parse(value)  # type: ignore[arg-type]


def test_size_limit_is_configurable() -> None:
    with pytest.raises(zwgk.InputError, match="exceeds the limit of 10"):
        zwgk.parse("年度报告" * 10, max_chars=10)
    assert zwgk.parse("年度报告", max_chars=10).kind is zwgk.DocumentKind.OTHER


JSON = st.recursive(
    st.none() | st.booleans() | st.integers() | st.text(max_size=10),
    lambda inner: (
        st.lists(inner, max_size=4) | st.dictionaries(st.text(max_size=8), inner, max_size=4)
    ),
    max_leaves=20,
)
TAGS = st.sampled_from(["Span", "Cell", "AnnualReport", "Task", "Finding", "Agency", "Nope"])


@given(JSON, TAGS)
def test_random_json_only_raises_schema_error(body: object, tag: str) -> None:
    data = {"schema_version": "1.0", "type": tag, **body} if isinstance(body, dict) else body
    message = ""
    try:
        obj = zwgk.from_json(json.dumps(data))
    except zwgk.SchemaError as exc:
        message = exc.message
    else:
        message = "read"
        assert zwgk.from_json(zwgk.to_json(obj)) == obj
    assert message


@given(strategies.hostile_inputs)
def test_structure_aware_mutations_keep_every_promise(data: str | bytes) -> None:
    # The same mutations, for a million inputs, in fuzz/fuzz_structured.py.
    mutations.check(data)


@pytest.mark.parametrize("name", sorted(mutations.MUTATIONS))
def test_each_mutation_changes_the_text(name: str) -> None:
    text = mutations.seed_documents()[3]
    changed = [mutations.MUTATIONS[name](text, random.Random(i)) != text for i in range(20)]
    assert sum(changed) >= 10


@pytest.mark.parametrize("where", [0, 5, 30])
def test_lone_surrogates_are_refused_with_their_offset(where: int) -> None:
    # They were accepted and broke facts() and UTF-8 dumps later.
    text = "2021年度政府信息公开工作年度报告\n规章 1 2 3 4 5 6 7 8 9"
    bad = text[:where] + "\udc80" + text[where:]
    with pytest.raises(zwgk.InputError) as info:
        zwgk.parse(bad)
    assert info.value.where == f"character {where}"
    assert zwgk.parse(text).kind is zwgk.DocumentKind.ANNUAL_REPORT


@given(st.lists(st.sampled_from(["a", "中", "\ud800", "\udc80", "\udfff", "\U0001f600"])))
def test_the_first_lone_surrogate_is_the_one_refused(chars: list[str]) -> None:
    text = "".join(chars)
    first = SURROGATE.search(text)
    if first is None:
        refuse_surrogates(text)
        return
    with pytest.raises(zwgk.InputError) as info:
        refuse_surrogates(text)
    assert info.value.where == f"character {first.start()}"
    assert f"U+{ord(first.group()):04X}" in str(info.value)


def test_raw_is_the_printed_token() -> None:
    # A full-width digit's raw was its normalized form; raw is as printed, value normalized.
    text = (SEEDS / "003_cfccfa7d233b51e6.txt").read_text(encoding="utf-8")
    wide = text.translate(str.maketrans("0123456789", "０１２３４５６７８９"))
    doc = zwgk.parse(wide)
    assert isinstance(doc, zwgk.AnnualReport)
    items = [*doc.cells(), *doc.facts]
    assert sum(1 for item in items if item.value) > 40
    for item in items:
        if item.span is not None and item.raw:
            assert item.raw == wide[item.span.start : item.span.end]
            assert not any("0" <= ch <= "9" for ch in item.raw)
    fact = next(f for f in doc.facts if f.value == 25)
    assert (fact.raw, fact.value) == ("２５件", 25)


@pytest.fixture(scope="module")
def seed_dumps(seed_texts: dict[str, str]) -> list[str]:
    return [zwgk.to_json(zwgk.parse(text)) for text in seed_texts.values()]


_JSON_MUTATIONS = ["characters", "invisible", "other_digits", "surrogate", "duplicate_block"]


def test_mutated_dumps_only_raise_zwgk_errors(seed_dumps: list[str]) -> None:
    @given(st.randoms(use_true_random=False), st.sampled_from(_JSON_MUTATIONS))
    def check(rng: random.Random, name: str) -> None:
        text = mutations.MUTATIONS[name](rng.choice(seed_dumps), rng)
        try:
            obj = zwgk.from_json(text)
        except zwgk.ZwgkError:
            return
        assert zwgk.from_json(zwgk.to_json(obj)) == obj

    check()
