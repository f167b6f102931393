"""Indicator trees of every table generation, and their identities, as typed data.

The trees live in ``zwgk/_data/trees/*.json`` (one file per generation) and
are loaded once.  They drive parsing (labels to ids), validation (identities),
rendering (layout) and aggregation (crosswalks) alike.
"""

from __future__ import annotations

import functools
import json
import re
from collections.abc import Iterable, Iterator, Mapping
from typing import Any

import attrs

from zwgk._errors import DataError, InputError, UnknownError, UnknownIndicatorError
from zwgk._model.enums import Layout, TableFormat, Tag

#: The generations whose trees ship with zwgk.
KNOWN_TREES = (TableFormat.LEGACY_2014, TableFormat.F2019, TableFormat.F2021)


@attrs.frozen(order=True)
class TemplateRef:
    """A typed reference to a table template: its generation and its table id.

    A parsed `zwgk.StatTable` names its template by the id
    ``f2021.t3``; ``TemplateRef.of`` reads that id in the one place it is
    read, and ``str()`` writes it back.

    Examples:
        >>> import zwgk
        >>> ref = zwgk.TemplateRef.of("f2021.t3")
        >>> (ref.generation, ref.table, str(ref))
        ('f2021', 't3', 'f2021.t3')
        >>> zwgk.TemplateRef.of("local") is None
        True
    """

    generation: str
    table: str

    @classmethod
    def of(cls, table_id: str) -> TemplateRef | None:
        """The reference a qualified id ``<generation>.<table>`` names, else ``None``."""
        generation, dot, table = table_id.partition(".")
        if not dot or not generation or not table or "." in table:
            return None
        return cls(generation, table)

    def __str__(self) -> str:
        return f"{self.generation}.{self.table}"


@attrs.frozen
class Column:
    """A value column of a table template.

    ``labels`` are the printed header labels, outermost first
    (``("申请人情况", "法人或其他组织", "商业企业")``); ``en`` is the English label.

    Examples:
        >>> import zwgk
        >>> t3 = zwgk.indicator_tree("f2021").table("t3")
        >>> t3.column("commercial_enterprise").label, t3.column("commercial_enterprise").en
        ('商业企业', 'Commercial enterprises')
    """

    id: str
    labels: tuple[str, ...]
    unit: str | None = None
    aliases: tuple[str, ...] = ()
    en: str = ""

    @property
    def label(self) -> str:
        """The innermost printed label (empty for a table with one unnamed column)."""
        return self.labels[-1] if self.labels else ""


@attrs.frozen
class Indicator:
    """A row of a table template: an id, its exact printed label, unit and children.

    ``group`` rows normally carry no value; ``columns`` lists the columns this
    row has (``None``: all of the table's); ``block`` is the sub-table heading
    of 表二 rows (``第二十条第（一）项``); ``en`` is the English label, the same
    for an id in every generation.

    Examples:
        >>> import zwgk
        >>> row = zwgk.indicator_tree("legacy_2014").find("apps_received")
        >>> (row.label, row.en, [c.id for c in row.children])
        ('(一)收到申请数', 'Requests received', ['apps_in_person', 'apps_fax', 'apps_online', 'apps_letter'])
    """

    id: str
    label: str
    unit: str | None = None
    group: bool = False
    block: str | None = None
    columns: tuple[str, ...] | None = None
    aliases: tuple[str, ...] = ()
    children: tuple[Indicator, ...] = ()
    en: str = ""

    def walk(self) -> Iterator[Indicator]:
        """This row and every row below it, depth first."""
        yield self
        for child in self.children:
            yield from child.walk()


@attrs.frozen
class Term:
    """One operand of an identity: ``sign × indicator[column]`` at ``year_offset``.

    ``*`` as indicator or column is a wildcard bound when the identity is
    checked (every row / every column both sides share).

    Examples:
        >>> import zwgk
        >>> zwgk.Identity.parse("X-1", "carried_over_in[*] = carried_over_out[*]@-1").rhs[0]
        Term(indicator='carried_over_out', column='*', sign=1, year_offset=-1)
    """

    indicator: str
    column: str
    sign: int = 1
    year_offset: int = 0


_TERM = re.compile(r"([+-])?\s*([a-z0-9_]+|\*)\[([a-z0-9_]+|\*)\](?:@(-\d+))?\s*")
_RELATION = re.compile(r"\s*(<=|>=|=)\s*")


@attrs.frozen
class Identity:
    """A relation between cells (parent = Σ children, row and column totals, cross-year).

    ``relation`` is ``=``, ``<=`` or ``>=``; ``tag`` says whether a
    violation is an error (``always``) or a warning (``usually``); ``code``
    is the finding code a violation gets where it is not the default
    (``identity.failed`` within a year, ``continuity.failed`` across years).

    Examples:
        >>> import zwgk
        >>> i = zwgk.Identity.parse("L7", "staff_total[value] = staff_full_time[value] + staff_part_time[value]")
        >>> (i.relation, [t.indicator for t in i.rhs])
        ('=', ['staff_full_time', 'staff_part_time'])
    """

    id: str
    relation: str
    lhs: tuple[Term, ...]
    rhs: tuple[Term, ...]
    tag: Tag = Tag.ALWAYS
    expr: str = ""
    note: str = ""
    official: bool = False
    code: str = ""

    @property
    def cross_year(self) -> bool:
        """True when a term refers to another year's report."""
        return any(t.year_offset for t in (*self.lhs, *self.rhs))

    @property
    def terms(self) -> tuple[Term, ...]:
        """Every term of both sides."""
        return (*self.lhs, *self.rhs)

    @classmethod
    def parse(
        cls,
        id: str,
        expr: str,
        *,
        tag: Tag = Tag.ALWAYS,
        note: str = "",
        official: bool = False,
        code: str = "",
    ) -> Identity:
        """Parse ``a[c] + b[c] = t[c]`` (relations ``=``, ``<=``, ``>=``; ``@-1`` = last year).

        Raises `zwgk.DataError` naming the identity when the expression is malformed.
        """
        parts = _RELATION.split(expr)
        if len(parts) != 3:
            raise DataError(f"expected one of =, <=, >= in {expr!r}", where=f"identity {id}")
        left, relation, right = parts
        return cls(
            id=id,
            relation=relation,
            lhs=_parse_side(id, left),
            rhs=_parse_side(id, right),
            tag=tag,
            expr=expr,
            note=note,
            official=official,
            code=code,
        )


def _parse_side(id: str, text: str) -> tuple[Term, ...]:
    terms: list[Term] = []
    pos = 0
    text = text.strip()
    while pos < len(text):
        m = _TERM.match(text, pos)
        if m is None or (terms and m.group(1) is None):
            raise DataError(f"cannot read a term at {text[pos:]!r}", where=f"identity {id}")
        sign, indicator, column, offset = m.groups()
        terms.append(
            Term(indicator, column, -1 if sign == "-" else 1, int(offset) if offset else 0)
        )
        pos = m.end()
    if not terms:
        raise DataError("an identity side is empty", where=f"identity {id}")
    return tuple(terms)


@attrs.frozen
class TableTemplate:
    """One table of a generation's template: layout, columns, indicator rows, identities.

    ``title_en`` is the English title; ``stub`` the printed headers of the
    columns before the value columns (``统计指标``, ``单位``; ``信息内容``).

    Examples:
        >>> import zwgk
        >>> t = zwgk.indicator_tree("f2021").table("t4")
        >>> (t.qualified_id, t.layout.value, len(list(t.leaves())))
        ('f2021.t4', 'horizontal', 15)
        >>> t.title_en
        'Administrative reconsideration and litigation'
    """

    id: str
    format: TableFormat
    title: str
    layout: Layout
    columns: tuple[Column, ...]
    rows: tuple[Indicator, ...]
    identities: tuple[Identity, ...] = ()
    title_en: str = ""
    stub: tuple[str, ...] = ()
    #: The tree's header words, blanked between a flattened table's rows (``parsing``).
    header_words: tuple[str, ...] = ()
    #: Where the table begins when its header is too garbled to read (its ``parsing.anchors``).
    anchors: tuple[str, ...] = ()

    @property
    def qualified_id(self) -> str:
        """``<generation>.<table>``, the id a parsed `zwgk.StatTable` carries."""
        return str(self.ref)

    @property
    def ref(self) -> TemplateRef:
        """The typed reference to this table: its generation and table id."""
        return TemplateRef(self.format.value, self.id)

    def walk(self) -> Iterator[Indicator]:
        """Every row, depth first."""
        for row in self.rows:
            yield from row.walk()

    def leaves(self) -> Iterator[Indicator]:
        """Every row without children."""
        return (row for row in self.walk() if not row.children)

    def find(self, indicator_id: str) -> Indicator | None:
        """The row with this id, or ``None``."""
        return self._index.get(indicator_id)

    def column(self, column_id: str) -> Column:
        """The column with this id; raises `zwgk.UnknownError`."""
        for col in self.columns:
            if col.id == column_id:
                return col
        raise UnknownError(f"no column {column_id!r} in table {self.qualified_id}")

    def columns_of(self, row: Indicator) -> tuple[Column, ...]:
        """The columns a row has, in printed order."""
        if row.columns is None:
            return self.columns
        return tuple(c for c in self.columns if c.id in row.columns)

    def parent_of(self, indicator_id: str) -> Indicator | None:
        """The row whose children include this id, or ``None`` for a top-level row."""
        return self._parents.get(indicator_id)

    @functools.cached_property
    def _index(self) -> dict[str, Indicator]:
        return {row.id: row for row in self.walk()}

    @functools.cached_property
    def _parents(self) -> dict[str, Indicator]:
        return {child.id: row for row in self.walk() for child in row.children}


@attrs.frozen
class SectionTemplate:
    """A section a generation's report prints: number, title, the words that find it.

    ``keywords`` find it among headings (any one suffices, near the start of
    the title); ``aliases`` are printed variants of the title the outline
    reader knows; ``table`` is the table that stands for the section;
    ``required`` sections (and their tables) must be in every report of the
    generation; a section with ``content`` must say something (not only
    无 or 暂无).

    Examples:
        >>> import zwgk
        >>> s = zwgk.indicator_tree("f2021").sections[2]
        >>> (s.number, s.title, s.table, s.required)
        ('三', '收到和处理政府信息公开申请情况', 't3', True)
    """

    number: str
    title: str
    keywords: tuple[str, ...] = ()
    aliases: tuple[str, ...] = ()
    table: str | None = None
    required: bool = True
    content: bool = False


@attrs.frozen
class IndicatorTree:
    """All tables of one generation's template, with its legal basis and years.

    ``family`` groups generations whose reports are compared year to year
    (``f2019`` and ``f2021`` are one family); ``sections`` are the sections
    its reports print.

    Examples:
        >>> import zwgk
        >>> tree = zwgk.indicator_tree("legacy_2014")
        >>> (tree.format.value, tree.basis, tree.years)
        ('legacy_2014', '国办发〔2014〕32号', (2014, 2018))
    """

    format: TableFormat
    title: str
    basis: str
    years: tuple[int, int | None]
    tables: tuple[TableTemplate, ...]
    family: str = ""
    sections: tuple[SectionTemplate, ...] = ()
    #: Labels only this generation prints: two of them decide it (``parsing.markers``).
    markers: tuple[str, ...] = ()
    #: Labels that decide it when no generation's markers are printed (``parsing.anchors``).
    anchors: tuple[str, ...] = ()

    def table(self, table_id: str | TemplateRef) -> TableTemplate:
        """The table with this id (``t1``…``t4``, qualified ``f2021.t3``, or a reference)."""
        ref = table_id if isinstance(table_id, TemplateRef) else TemplateRef.of(table_id)
        short = table_id if ref is None else ref.table
        if ref is None or ref.generation == self.format.value:
            for t in self.tables:
                if t.id == short:
                    return t
        raise UnknownError(f"no table {str(table_id)!r} in generation {self.format.value}")

    def find(self, indicator_id: str) -> Indicator | None:
        """The first row with this id in any table, or ``None``."""
        for t in self.tables:
            row = t.find(indicator_id)
            if row is not None:
                return row
        return None

    def identities(self) -> Iterator[tuple[TableTemplate, Identity]]:
        """Every identity of every table, with its table."""
        for t in self.tables:
            for identity in t.identities:
                yield t, identity


def indicator_tree(format: TableFormat | str) -> IndicatorTree:
    """The shipped indicator tree of a generation (``legacy_2014``, ``f2019``, ``f2021``).

    Raises `zwgk.UnknownError` for a generation with no shipped tree.

    Examples:
        >>> import zwgk
        >>> [t.id for t in zwgk.indicator_tree("f2021").tables]
        ['t2', 't3', 't4']
    """
    try:
        fmt = TableFormat(format)
    except ValueError:
        fmt = None
    if fmt not in KNOWN_TREES:
        known = ", ".join(f.value for f in KNOWN_TREES)
        raise UnknownError(f"unknown table generation {str(format)!r}; known: {known}")
    return _load_tree(fmt)


@functools.cache
def known_indicators() -> frozenset[str]:
    """Every indicator id of every shipped tree."""
    return frozenset(
        row.id for fmt in KNOWN_TREES for t in _load_tree(fmt).tables for row in t.walk()
    )


def check_indicator(indicator: str, also: Iterable[str | None] = ()) -> None:
    """Raise `zwgk.UnknownIndicatorError` naming the closest ids when no tree knows ``indicator``.

    ``also`` adds ids known elsewhere (the indicators of a report's own cells).

    Examples:
        >>> from zwgk._model.indicators import check_indicator
        >>> check_indicator("apps_received")
        >>> check_indicator("apps_recieved")
        Traceback (most recent call last):
        ...
        zwgk._errors.UnknownIndicatorError: no indicator 'apps_recieved' in any table generation; closest: ...
    """
    if not isinstance(indicator, str):
        raise InputError(f"an indicator id is a string, got {type(indicator).__name__}")
    known = known_indicators()
    if indicator in known:
        return
    extra = {i for i in also if i is not None}
    if indicator in extra:
        return
    import difflib  # only for the error message (import zwgk stays light)

    close = tuple(difflib.get_close_matches(indicator, sorted(known | extra), n=3, cutoff=0.6))
    hint = f"closest: {', '.join(close)}" if close else "see zwgk.indicator_tree(...) for the ids"
    raise UnknownIndicatorError(
        f"no indicator {indicator!r} in any table generation; {hint}", close
    )


def default_column(fmt: TableFormat, table_id: str, indicator: str) -> str:
    """The column a row of a table has when it has only one; ``value`` where nothing is known.

    Raises `zwgk.InputError` for a row of several columns, naming them.

    Examples:
        >>> from zwgk._model.indicators import default_column
        >>> default_column(TableFormat.F2021, "f2021.t2", "licensing")
        'decisions'
        >>> default_column(TableFormat.LEGACY_2014, "legacy_2014.t1", "apps_received")
        'value'
    """
    if fmt not in KNOWN_TREES:
        return "value"
    try:
        template = _load_tree(fmt).table(table_id)
    except UnknownError:
        return "value"
    row = template.find(indicator)
    if row is None:
        return "value"
    columns = template.columns_of(row)
    if len(columns) == 1:
        return columns[0].id
    names = ", ".join(c.id for c in columns)
    raise InputError(
        f"{indicator} has {len(columns)} columns in {template.qualified_id} ({names}); "
        "pass column= one of them"
    )


@functools.cache
def _load_tree(fmt: TableFormat) -> IndicatorTree:
    return tree_from_data(_tree_data(fmt), where=f"{fmt.value}.json")


@functools.cache
def _tree_data(fmt: TableFormat) -> Mapping[str, Any]:
    from importlib import resources  # on first use of a tree, not at import zwgk

    path = resources.files("zwgk") / "_data" / "trees" / f"{fmt.value}.json"
    data: Mapping[str, Any] = json.loads(path.read_text(encoding="utf-8"))
    return data


@attrs.frozen
class ReadingHints:
    """What the table reader looks for in a generation's text: a tree's ``parsing`` keys.

    ``markers`` are labels only this generation prints (two of them decide it);
    ``anchors`` are labels that decide it when no generation's markers are
    printed; ``header_words`` are the header and caption words blanked out
    between a flattened table's rows; ``table_anchors`` give, per table id,
    where a table begins when its header is too garbled to read.

    Examples:
        >>> from zwgk._model.indicators import reading_hints
        >>> hints = reading_hints("f2021")
        >>> (hints.markers[0], hints.anchors, hints.table_anchors["t4"][1])
        ('本年制发件数', ('本年新收政府信息公开申请数量',), '未经复议直接起诉')

    A tree given without ``markers`` or ``anchors`` (one a user builds) is
    detected by its own labels: see `zwgk.Templates`.
    """

    markers: tuple[str, ...] = ()
    anchors: tuple[str, ...] = ()
    header_words: tuple[str, ...] = ()
    table_anchors: Mapping[str, tuple[str, ...]] = attrs.field(factory=dict)


def hints_from_data(data: Mapping[str, Any], *, where: str = "tree") -> ReadingHints:
    """The `zwgk._model.indicators.ReadingHints` of tree data (none: empty).

    Raises `zwgk.DataError` when a ``parsing`` key is not a list of strings.
    """

    def words(found: Mapping[str, Any], key: str, place: str) -> tuple[str, ...]:
        value = found.get(key, [])
        if not isinstance(value, list) or not all(isinstance(v, str) for v in value):
            raise DataError(f"parsing.{key} must be a list of strings", where=place)
        return tuple(value)

    parsing = data.get("parsing", {})
    tables = {
        t["id"]: words(t.get("parsing", {}), "anchors", f"{where}: table {t['id']}")
        for t in data.get("tables", ())
        if "parsing" in t
    }
    return ReadingHints(
        words(parsing, "markers", where),
        words(parsing, "anchors", where),
        words(parsing, "header_words", where),
        tables,
    )


def reading_hints(format: TableFormat | str) -> ReadingHints:
    """The reading hints of a shipped generation (see `zwgk._model.indicators.ReadingHints`)."""
    tree = indicator_tree(format)
    header_words = next((t.header_words for t in tree.tables), ())
    anchors = {t.id: t.anchors for t in tree.tables if t.anchors}
    return ReadingHints(tree.markers, tree.anchors, header_words, anchors)


def tree_from_data(data: Mapping[str, Any], *, where: str = "tree") -> IndicatorTree:
    """Build an `zwgk.IndicatorTree` from data in the shipped JSON layout.

    This is how a province's local variant is added: as data, not code.
    The optional ``parsing`` keys (``markers``, ``anchors``, ``header_words``,
    and per table ``anchors``) tell the table reader how its tables are
    recognised; a tree without them is recognised by its own row labels
    (see `zwgk.Templates`).  ``format`` is ``legacy_local``, a shipped
    id (to replace that tree) or an id of its own.
    Raises `zwgk.DataError` naming the place of a malformed entry.

    Examples:
        >>> import zwgk
        >>> tree = zwgk.tree_from_data({
        ...     "format": "legacy_local", "title": "统计报表", "basis": "", "years": [2008, 2013],
        ...     "tables": [{"id": "t1", "title": "统计报表", "layout": "vertical",
        ...                 "columns": [{"id": "value", "labels": ["本年累计"]}],
        ...                 "rows": [{"id": "apps", "label": "申请总数", "unit": "条"}],
        ...                 "identities": []}]})
        >>> tree.find("apps").unit
        '条'
    """
    try:
        fmt = TableFormat(data["format"])
        hints = hints_from_data(data, where=where)
        tables = tuple(
            _table(fmt, t, f"{where}: tables[{i}]", hints) for i, t in enumerate(data["tables"])
        )
        first, last = data["years"]
        sections = tuple(_section(x) for x in data.get("sections", ()))
        table_ids = {t.id for t in tables}
        for section in sections:
            if section.table is not None and section.table not in table_ids:
                raise DataError(
                    f"section {section.number} names unknown table {section.table!r}", where=where
                )
        return IndicatorTree(
            fmt,
            data["title"],
            data["basis"],
            (first, last),
            tables,
            _text(data.get("family", ""), f"{where}: family"),
            sections,
            hints.markers,
            hints.anchors,
        )
    except (KeyError, TypeError, ValueError) as exc:
        if isinstance(exc, DataError):
            raise
        raise DataError(f"malformed indicator tree: {exc!r}", where=where) from exc


def _table(
    fmt: TableFormat, data: Mapping[str, Any], where: str, hints: ReadingHints
) -> TableTemplate:
    columns = tuple(
        Column(
            c["id"],
            tuple(c["labels"]),
            c.get("unit"),
            tuple(c.get("aliases", ())),
            _text(c.get("en", ""), f"{where}: column {c['id']!r}: en"),
        )
        for c in data["columns"]
    )
    rows = tuple(_row(r, where) for r in data["rows"])
    identities = tuple(
        Identity.parse(
            i["id"],
            i["expr"],
            tag=Tag(i.get("tag", "always")),
            note=i.get("note", ""),
            official=bool(i.get("official", False)),
            code=_text(i.get("code", ""), f"{where}: identity {i['id']}: code"),
        )
        for i in data.get("identities", ())
    )
    table = TableTemplate(
        data["id"],
        fmt,
        data["title"],
        Layout(data["layout"]),
        columns,
        rows,
        identities,
        _text(data.get("title_en", ""), f"{where}: title_en"),
        tuple(_text(x, f"{where}: stub") for x in data.get("stub", ())),
        hints.header_words,
        hints.table_anchors.get(data["id"], ()),
    )
    column_ids = {c.id for c in columns}
    seen: set[str] = set()
    for row in table.walk():
        if row.id in seen:
            raise DataError(f"indicator id {row.id!r} appears twice", where=where)
        seen.add(row.id)
        unknown = set(row.columns or ()) - column_ids
        if unknown:
            raise DataError(f"row {row.id!r} names unknown columns {sorted(unknown)}", where=where)
    for identity in identities:
        for term in identity.terms:
            if term.indicator != "*" and term.indicator not in seen:
                raise DataError(
                    f"identity {identity.id} names unknown indicator {term.indicator!r}",
                    where=where,
                )
            if term.column != "*" and term.column not in column_ids:
                raise DataError(
                    f"identity {identity.id} names unknown column {term.column!r}", where=where
                )
    return table


def _section(data: Mapping[str, Any]) -> SectionTemplate:
    return SectionTemplate(
        data["number"],
        data["title"],
        tuple(data.get("keywords", ())),
        tuple(data.get("aliases", ())),
        data.get("table"),
        bool(data.get("required", True)),
        bool(data.get("content", False)),
    )


def _row(data: Mapping[str, Any], where: str) -> Indicator:
    columns = data.get("columns")
    return Indicator(
        id=data["id"],
        label=data["label"],
        unit=data.get("unit"),
        group=bool(data.get("group", False)),
        block=data.get("block"),
        columns=None if columns is None else tuple(columns),
        aliases=tuple(data.get("aliases", ())),
        children=tuple(_row(c, where) for c in data.get("children", ())),
        en=_text(data.get("en", ""), f"{where}: row {data['id']!r}: en"),
    )


def _text(value: object, where: str) -> str:
    if not isinstance(value, str):
        raise DataError(f"expected a string, got {type(value).__name__}", where=where)
    return value
