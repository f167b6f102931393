"""Hypothesis strategies that build valid instances of every model class.

``reports(fmt)`` builds well-formed annual reports whose tables sit on the
shipped indicator tree of a generation, with cells that satisfy every
``always`` identity (so validators stay quiet and renderers round-trip).
"""

from __future__ import annotations

import datetime as dt
from decimal import Decimal

from hypothesis import assume
from hypothesis import strategies as st
from tests import mutations

import zwgk
from zwgk._model.identities import checks

# Printable text with CJK, full-width forms and digits; no surrogates.
texts = st.text(
    alphabet=st.one_of(
        st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5),
        st.characters(min_codepoint=0x20, max_codepoint=0x7E),
        st.sampled_from("（）、，。：；〔〕—／０１２３"),
    ),
    max_size=20,
)
short_texts = st.text(
    alphabet=st.characters(min_codepoint=0x4E00, max_codepoint=0x9FA5), min_size=1, max_size=8
)
dates = st.dates(min_value=dt.date(2000, 1, 1), max_value=dt.date(2035, 12, 31))
counts = st.integers(min_value=0, max_value=10**6)
money = st.decimals(
    min_value=Decimal(0), max_value=Decimal(10**6), places=3, allow_nan=False, allow_infinity=False
)
values = st.one_of(st.none(), counts, money)


@st.composite
def spans(draw: st.DrawFn) -> zwgk.Span:
    start = draw(st.integers(min_value=0, max_value=10**6))
    return zwgk.Span(start, start + draw(st.integers(min_value=0, max_value=200)))


coordinates = st.decimals(
    min_value=Decimal(0), max_value=Decimal(2000), places=2, allow_nan=False, allow_infinity=False
)
bboxes = st.builds(zwgk.BBox, coordinates, coordinates, coordinates, coordinates)

agencies = st.builds(
    zwgk.Agency,
    name=short_texts,
    full_name=st.none() | short_texts,
    short_name=st.none() | short_texts,
    level=st.sampled_from(zwgk.Level),
    division_code=st.none() | st.from_regex(r"\A[1-6][0-9]{5}\Z"),
    region=st.none() | short_texts,
    sector=st.none() | short_texts,
)
units = st.builds(zwgk.OrgUnit, name=short_texts, full_name=st.none() | short_texts)
durations = st.builds(
    zwgk.Duration,
    amount=st.integers(0, 1000),
    unit=st.sampled_from(["hour", "day", "working_day", "week", "month", "year"]),
)
recurrences = st.builds(
    zwgk.Recurrence,
    period=st.sampled_from(["year", "half_year", "quarter", "month", "week"]),
    months=st.lists(st.integers(1, 12), max_size=4, unique=True).map(lambda m: tuple(sorted(m))),
    day=st.none() | st.integers(1, 31),
)
deadlines = st.builds(
    zwgk.Deadline,
    phrase=texts,
    kind=st.sampled_from(zwgk.DeadlineKind),
    date=st.none() | dates,
    recurrence=st.none() | recurrences,
    duration=st.none() | durations,
    after=st.none() | texts,
    span=st.none() | spans(),
)
refs = st.builds(
    zwgk.Ref,
    indicator=st.none() | st.from_regex(r"\A[a-z_]{1,12}\Z"),
    column=st.none() | st.from_regex(r"\A[a-z_]{1,12}\Z"),
    span=st.none() | spans(),
)
findings = st.builds(
    zwgk.Finding,
    code=st.from_regex(r"\A[a-z_.]{1,20}\Z"),
    severity=st.sampled_from(zwgk.Severity),
    message=texts,
    message_zh=texts,
    rule=st.none() | st.from_regex(r"\A[A-Z][0-9a-z-]{0,4}\Z"),
    refs=st.lists(refs, max_size=3).map(tuple),
    missing=st.lists(refs, max_size=2).map(tuple),
    reported=values,
    expected=values,
)
contacts = st.builds(zwgk.Contact, person=st.none() | short_texts, phone=st.none() | texts)
unplaced = st.builds(
    zwgk.Unplaced, raw=st.from_regex(r"\A[0-9]{1,8}\Z"), span=spans(), reason=texts
)


@st.composite
def cells(draw: st.DrawFn) -> zwgk.Cell:
    token_class = draw(st.sampled_from(zwgk.TokenClass))
    value: zwgk.Value = None
    if token_class is zwgk.TokenClass.NUMBER:
        value = draw(st.one_of(st.integers(1, 10**6), money.filter(bool)))
    elif token_class is zwgk.TokenClass.ZERO:
        value = 0
    inferred = draw(st.booleans())
    return zwgk.Cell(
        indicator=draw(st.none() | st.from_regex(r"\A[a-z_]{1,20}\Z")),
        column=draw(st.none() | st.from_regex(r"\A[a-z_]{1,12}\Z")),
        row_labels=tuple(draw(st.lists(texts, max_size=3))),
        column_labels=tuple(draw(st.lists(texts, max_size=3))),
        raw=draw(texts),
        value=value,
        token_class=token_class,
        unit=draw(st.none() | st.sampled_from(["件", "条", "万元", "人次"])),
        span=draw(st.none() | spans()),
        note=draw(st.none() | texts),
        inferred=inferred,
        inferred_reason=draw(texts) if inferred else None,
        alternatives=tuple(draw(st.lists(counts, max_size=3))) if inferred else (),
        page=draw(st.none() | st.integers(1, 2000)),
        bbox=draw(st.none() | bboxes),
    )


facts = st.builds(
    zwgk.NarrativeFact,
    phrase=texts,
    raw=st.from_regex(r"\A[0-9]{1,6}\Z"),
    value=st.one_of(counts, money),
    unit=st.none() | st.sampled_from(["件", "条", "人", "份"]),
    span=spans(),
    qualifier=st.none() | st.sampled_from(["余", "多", "约"]),
    indicator=st.none() | st.from_regex(r"\A[a-z_]{1,20}\Z"),
    column=st.none() | st.sampled_from(["total", "value"]),
)
tables = st.builds(
    zwgk.StatTable,
    id=st.sampled_from(["legacy_2014.t1", "f2019.t3", "f2021.t4", "local"]),
    format=st.sampled_from(zwgk.TableFormat),
    title=st.none() | texts,
    span=st.none() | spans(),
    cells=st.lists(cells(), max_size=5).map(tuple),
    unplaced=st.lists(unplaced, max_size=2).map(tuple),
)


def sections(depth: int = 2) -> st.SearchStrategy[zwgk.Section]:
    children = st.just(()) if depth == 0 else st.lists(sections(depth - 1), max_size=2).map(tuple)
    return st.builds(
        zwgk.Section,
        heading=texts,
        number=st.none() | st.sampled_from(["一", "(一)", "1", "(1)"]),
        title=texts,
        level=st.integers(1, 4),
        span=spans(),
        children=children,
        placeholder=st.none() | st.sampled_from(["", "无。", "暂无"]),
    )


def tasks(depth: int = 2) -> st.SearchStrategy[zwgk.Task]:
    children = st.just(()) if depth == 0 else st.lists(tasks(depth - 1), max_size=2).map(tuple)
    return st.builds(
        zwgk.Task,
        path=st.lists(
            st.sampled_from(["一", "(一)", "1", "(1)", "二"]), min_size=1, max_size=4
        ).map(tuple),
        title=texts,
        text=texts,
        lead=st.lists(units, max_size=3).map(tuple),
        cooperating=st.lists(units, max_size=2).map(tuple),
        collective=st.lists(texts, max_size=2).map(tuple),
        lead_inherited=st.booleans(),
        deadlines=st.lists(deadlines, max_size=2).map(tuple),
        span=st.none() | spans(),
        children=children,
    )


metadata = st.lists(st.tuples(short_texts, texts), max_size=4).map(tuple)

_document_fields = {
    "title": texts,
    "agency": st.none() | agencies,
    "published": st.none() | dates,
    "signed": st.none() | dates,
    "index_no": st.none() | texts,
    "doc_no": st.none() | texts,
    "source": st.none() | texts,
    "sections": st.lists(sections(), max_size=2).map(tuple),
    "metadata": metadata,
    "findings": st.lists(findings, max_size=2).map(tuple),
}
_plan_fields = {
    **_document_fields,
    "addressees": st.lists(short_texts, max_size=3).map(tuple),
    "reply_deadline": st.none() | deadlines,
    "attachments": st.lists(texts, max_size=2).map(tuple),
    "contact": st.none() | contacts,
    "tasks": st.lists(tasks(), max_size=3).map(tuple),
}

annual_reports = st.builds(
    zwgk.AnnualReport,
    **_document_fields,
    year=st.none() | st.integers(2008, 2030),
    period_year=st.none() | st.integers(2008, 2030),
    format=st.none() | st.sampled_from(zwgk.TableFormat),
    scope=st.sampled_from(zwgk.Scope),
    tables=st.lists(tables, max_size=2).map(tuple),
    facts=st.lists(facts, max_size=3).map(tuple),
)
implementation_plans = st.builds(zwgk.ImplementationPlan, **_plan_fields)
work_points = st.builds(zwgk.WorkPoints, **_plan_fields)
other_documents = st.builds(zwgk.OtherDocument, **_document_fields)
documents = st.one_of(annual_reports, implementation_plans, work_points, other_documents)

trees = st.sampled_from([zwgk.indicator_tree(f) for f in ("legacy_2014", "f2019", "f2021")])
templates = trees.flatmap(lambda tree: st.sampled_from(tree.tables))

#: A strategy for every model class, by class: the round-trip tests walk this.
BY_CLASS: dict[type, st.SearchStrategy[object]] = {
    zwgk.Span: spans(),
    zwgk.BBox: bboxes,
    zwgk.Agency: agencies,
    zwgk.OrgUnit: units,
    zwgk.Duration: durations,
    zwgk.Recurrence: recurrences,
    zwgk.Deadline: deadlines,
    zwgk.Ref: refs,
    zwgk.Finding: findings,
    zwgk.Contact: contacts,
    zwgk.Unplaced: unplaced,
    zwgk.Cell: cells(),
    zwgk.NarrativeFact: facts,
    zwgk.StatTable: tables,
    zwgk.Section: sections(),
    zwgk.Task: tasks(),
    zwgk.AnnualReport: annual_reports,
    zwgk.ImplementationPlan: implementation_plans,
    zwgk.WorkPoints: work_points,
    zwgk.OtherDocument: other_documents,
    zwgk.IndicatorTree: trees,
    zwgk.TableTemplate: templates,
    zwgk.SectionTemplate: trees.flatmap(lambda t: st.sampled_from(t.sections)),
    zwgk.Indicator: templates.flatmap(lambda t: st.sampled_from(list(t.walk()))),
    zwgk.Column: templates.flatmap(lambda t: st.sampled_from(t.columns)),
    zwgk.Identity: trees.flatmap(lambda t: st.sampled_from([i for _, i in t.identities()])),
    zwgk.Term: trees.flatmap(
        lambda t: st.sampled_from([term for _, i in t.identities() for term in i.terms])
    ),
}


# -- well-formed reports on the indicator trees ---------------------------------------------

_MONEY_UNITS = ("万元", "元")
_EMPTY_TOKENS = {
    zwgk.TokenClass.BLANK: "",
    zwgk.TokenClass.DASH: "—",
    zwgk.TokenClass.SLASH: "/",
    zwgk.TokenClass.NONE_WORD: "无",
}


def _row_labels(template: zwgk.TableTemplate, row: zwgk.Indicator) -> tuple[str, ...]:
    labels = [row.label]
    parent = template.parent_of(row.id)
    while parent is not None:
        labels.append(parent.label)
        parent = template.parent_of(parent.id)
    if row.block:
        labels.append(row.block)
    return tuple(reversed(labels))


def _cell(
    template: zwgk.TableTemplate,
    row: zwgk.Indicator,
    column: zwgk.Column,
    token_class: zwgk.TokenClass,
    number: int,
) -> zwgk.Cell:
    unit = column.unit or row.unit
    money = unit in _MONEY_UNITS
    value: zwgk.Value
    if token_class in _EMPTY_TOKENS:
        raw, value = _EMPTY_TOKENS[token_class], None
    elif token_class is zwgk.TokenClass.ZERO or number == 0:
        token_class, raw = zwgk.TokenClass.ZERO, "0"
        value = Decimal(0) if money else 0
    else:
        raw = str(number)
        value = Decimal(number) if money else number
    return zwgk.Cell(
        indicator=row.id,
        column=column.id,
        row_labels=_row_labels(template, row),
        column_labels=column.labels,
        raw=raw,
        value=value,
        token_class=token_class,
        unit=unit,
    )


def _solve(template: zwgk.TableTemplate, values: dict[tuple[str, str], int]) -> bool:
    """Make every ``always`` '=' identity hold by deriving its first term; False if impossible."""
    derived = {
        c.lhs[0][0] for c in checks(template) if c.tag is zwgk.Tag.ALWAYS and c.relation == "="
    }
    for key in derived:
        values.pop(key, None)
    for _ in range(6):
        progress = False
        for check in checks(template):
            if check.tag is not zwgk.Tag.ALWAYS or check.relation != "=":
                continue
            key, sign = check.lhs[0]
            if key in values:
                continue
            others = [(k, s) for k, s in check.lhs[1:]]
            if any(k not in values for k, _ in (*others, *check.rhs)):
                continue
            total = sum(s * values[k] for k, s in check.rhs) - sum(s * values[k] for k, s in others)
            values[key] = sign * total
            progress = True
        if not progress:
            break
    return all(v >= 0 for v in values.values())


@st.composite
def consistent_tables(draw: st.DrawFn, template: zwgk.TableTemplate) -> zwgk.StatTable:
    """A table of every value cell of the template, all numeric, every ``always`` identity holding."""
    cells = [
        (row, column)
        for row in template.walk()
        if not row.group
        for column in template.columns_of(row)
    ]
    values = {(r.id, c.id): draw(st.integers(0, 30)) for r, c in cells}
    ok = _solve(template, values)
    assume(ok and all((r.id, c.id) in values for r, c in cells))
    return zwgk.StatTable(
        id=template.qualified_id,
        format=template.format,
        title=template.title,
        cells=tuple(
            _cell(template, r, c, zwgk.TokenClass.NUMBER, values[(r.id, c.id)]) for r, c in cells
        ),
    )


@st.composite
def token_tables(draw: st.DrawFn, template: zwgk.TableTemplate) -> zwgk.StatTable:
    """A table whose cells hold any token class (numbers, 0, blank, —, /, 无)."""
    cells = []
    for row in template.walk():
        if row.group:
            continue
        for column in template.columns_of(row):
            token_class = draw(
                st.sampled_from(zwgk.TokenClass).filter(lambda t: t is not zwgk.TokenClass.TEXT)
            )
            cells.append(_cell(template, row, column, token_class, draw(st.integers(0, 99999))))
    return zwgk.StatTable(
        id=template.qualified_id, format=template.format, title=template.title, cells=tuple(cells)
    )


def reports(fmt: str, *, consistent: bool = True) -> st.SearchStrategy[zwgk.AnnualReport]:
    """Annual reports of a generation carrying every table of its template."""
    tree = zwgk.indicator_tree(fmt)
    make = consistent_tables if consistent else token_tables
    return st.tuples(*(make(t) for t in tree.tables)).map(
        lambda tables: zwgk.AnnualReport(
            title=f"{tree.years[0]}年度政府信息公开工作年度报告",
            year=tree.years[0],
            format=tree.format,
            tables=tables,
        )
    )


_SEED_DOCUMENTS = mutations.seed_documents()

#: Hostile inputs: windows of the seeds and dev corpus after one to four mutations of
#: ``tests/mutations.py`` (row swaps, duplicated tables, stray numbering, HTML tags and
#: entities, nested and unclosed tables, invisible characters, other digit sets, lone
#: surrogates), as ``str`` or in one of ten encodings.
hostile_inputs = st.builds(
    lambda rng: mutations.hostile_input(_SEED_DOCUMENTS, rng, size=rng.choice((300, 1000, 3000))),
    st.randoms(use_true_random=False),
)
