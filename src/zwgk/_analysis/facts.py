"""Every number of every annual report as one flat, traceable row.

`zwgk.facts` streams one
`zwgk.Fact` per table cell and per narrative fact of
each annual report (plans and other documents give none), with the report's
agency, year and generation, the cell's place, its raw token and its span in
the source text.  It keeps no list of documents: a corpus of any size streams
through it.
"""

from __future__ import annotations

import functools
import hashlib
from collections.abc import Iterable, Iterator
from decimal import Decimal

import attrs

from zwgk._errors import InputError
from zwgk._model.core import Span
from zwgk._model.documents import AnnualReport, AnyDocument, Document
from zwgk._model.enums import TokenClass
from zwgk._model.tables import StatTable

__all__ = ["Fact", "document_id", "facts"]

#: What separates the levels of a printed row label in ``Fact.row_label``.
ROW_LABEL_SEPARATOR = " / "


def document_id(doc: Document) -> str:
    """A stable id of a document: its ``source`` when known, else a hash of what identifies it.

    Without a source the id is ``sha1:`` and the first 16 hex digits of the
    SHA-1 of ``<agency key>|<year>|<title>`` (UTF-8), where the agency key is
    ``division code:full name`` (``-`` when unknown) and the year is the year
    covered (``-`` when unknown).  The same report parsed twice gets the same
    id; two copies of one report from different pages share it too.

    Example:
        >>> import zwgk
        >>> from zwgk._analysis.facts import document_id
        >>> document_id(zwgk.AnnualReport(title="x", source="reports/a.txt"))
        'reports/a.txt'
        >>> document_id(zwgk.AnnualReport(title="2017年度报告", year=2017))
        'sha1:c3524bc974a36fb0'
    """
    if doc.source is not None:
        return doc.source
    agency = "-" if doc.agency is None else doc.agency.key
    year = getattr(doc, "year", None)
    key = f"{agency}|{'-' if year is None else year}|{doc.title}"
    return "sha1:" + hashlib.sha1(key.encode("utf-8")).hexdigest()[:16]


@attrs.frozen
class Fact:
    """One number of an annual report: a table cell (``kind="cell"``) or a narrative fact.

    Report-level fields repeat on every row: ``document`` (see
    `document_id`), ``agency`` as
    printed, ``agency_full`` (its full name or ``None``), ``division_code``,
    ``level``, ``year``, ``format`` and ``scope``.  For a cell, ``format`` is
    its table's generation, ``table`` the table id (``f2021.t3``, ``local``),
    ``indicator`` and ``column`` its place on the tree (``indicator`` is
    ``None`` in local tables), ``row_label`` the printed row labels from the
    outermost, joined with ``" / "``, and ``note`` a bracketed remark.  For a
    narrative fact, ``table`` is ``None``, ``row_label`` is the phrase the
    number counts, ``indicator``/``column`` the cell it restates (if known)
    and ``qualifier`` keeps ``余``/``多``/``约``.  ``value`` is an ``int``
    (counts), a ``Decimal`` (money) or ``None`` (blank, ``—``, ``/``, ``无``,
    text, or a digit run the parser could not split); ``raw`` is the token as
    printed, ``token_class`` its class, ``inferred`` whether the parser had to
    guess the value, ``span_start``/``span_end`` its offsets in the source.

    Example:
        >>> import zwgk
        >>> from zwgk import facts
        >>> report = zwgk.parse(open("seeds/003_cfccfa7d233b51e6.txt", encoding="utf-8").read())
        >>> fact = next(f for f in facts([report]) if f.indicator == "apps_received")
        >>> (fact.kind, fact.table, fact.value, fact.raw, fact.span_start, fact.span_end)
        ('cell', 'legacy_2014.t1', 25, '25', 2952, 2954)
        >>> fact.row_label
        '三、依申请公开情况 / (一)收到申请数'
    """

    document: str
    kind: str = attrs.field(validator=attrs.validators.in_(("cell", "narrative")))
    agency: str | None
    agency_full: str | None
    division_code: str | None
    level: str | None
    year: int | None
    format: str | None
    scope: str
    table: str | None
    indicator: str | None
    column: str | None
    row_label: str
    value: int | Decimal | None
    raw: str
    unit: str | None
    token_class: str
    inferred: bool
    note: str | None
    qualifier: str | None
    span_start: int | None
    span_end: int | None


def _span(span: Span | None) -> tuple[int | None, int | None]:
    return (None, None) if span is None else (span.start, span.end)


def documents(docs: Iterable[AnyDocument] | AnyDocument, feature: str) -> Iterator[AnyDocument]:
    """``docs`` one by one, a single document standing for itself (internal).

    Raises `zwgk.InputError` at once for text, bytes or a non-iterable, and on
    reaching an item that is not a parsed document, saying what was expected.

    Examples:
        >>> import zwgk
        >>> from zwgk._analysis.facts import documents
        >>> [d.title for d in documents(zwgk.OtherDocument(title="x"), "facts")]
        ['x']
        >>> list(documents([zwgk.StatTable(id="local", format="legacy_local")], "to_frame"))
        Traceback (most recent call last):
        ...
        zwgk._errors.InputError: to_frame takes parsed documents (or one), got StatTable; ...
    """
    if isinstance(docs, Document):
        return iter((docs,))
    if isinstance(docs, str | bytes) or not isinstance(docs, Iterable):
        hint = "; parse text with zwgk.parse first" if isinstance(docs, str | bytes) else ""
        raise InputError(
            f"{feature} takes parsed documents (or one), got {type(docs).__name__}{hint}"
        )
    return _checked(docs, feature)


def _checked(docs: Iterable[object], feature: str) -> Iterator[AnyDocument]:
    for i, doc in enumerate(docs):
        if not isinstance(doc, Document):
            hint = "; for one table use table.to_frame()" if isinstance(doc, StatTable) else ""
            raise InputError(
                f"{feature} takes parsed documents (or one), got {type(doc).__name__}{hint}",
                where=f"docs[{i}]",
            )
        yield doc  # type: ignore[misc]


def facts(docs: Iterable[AnyDocument] | AnyDocument) -> Iterator[Fact]:
    """One `zwgk.Fact` per cell and per narrative fact of every annual report.

    Cells come first, table by table in document order, then narrative facts;
    plans and other documents give no rows.  One document may be passed
    instead of a list.  This is a generator: documents are read one at a time
    and not kept; an item that is not a parsed document raises
    `zwgk.InputError`.

    Example:
        >>> import zwgk
        >>> from zwgk import facts
        >>> report = zwgk.parse(open("seeds/003_cfccfa7d233b51e6.txt", encoding="utf-8").read())
        >>> rows = list(facts([report, zwgk.OtherDocument(title="停电通知")]))
        >>> (len(rows), sum(f.kind == "narrative" for f in rows), len(list(facts(report))))
        (72, 13, 72)
    """
    return _facts(documents(docs, "facts"))


def _facts(docs: Iterator[AnyDocument]) -> Iterator[Fact]:
    for doc in docs:
        if not isinstance(doc, AnnualReport):
            continue
        agency = doc.agency
        base = functools.partial(
            Fact,
            document=document_id(doc),
            agency=None if agency is None else agency.name,
            agency_full=None if agency is None else agency.full_name,
            division_code=None if agency is None else agency.division_code,
            level=None if agency is None else agency.level.value,
            year=doc.year,
            scope=doc.scope.value,
        )
        for table in doc.tables:
            for cell in table.cells:
                start, end = _span(cell.span)
                yield base(
                    kind="cell",
                    format=table.format.value,
                    table=table.id,
                    indicator=cell.indicator,
                    column=cell.column,
                    row_label=ROW_LABEL_SEPARATOR.join(cell.row_labels),
                    value=cell.value,
                    raw=cell.raw,
                    unit=cell.unit,
                    token_class=cell.token_class.value,
                    inferred=cell.inferred,
                    note=cell.note,
                    qualifier=None,
                    span_start=start,
                    span_end=end,
                )
        fmt = None if doc.format is None else doc.format.value
        for fact in doc.facts:
            start, end = _span(fact.span)
            token = TokenClass.ZERO if fact.value == 0 else TokenClass.NUMBER
            yield base(
                kind="narrative",
                format=fmt,
                table=None,
                indicator=fact.indicator,
                column=fact.column,
                row_label=fact.phrase,
                value=fact.value,
                raw=fact.raw,
                unit=fact.unit,
                token_class=token.value,
                inferred=False,
                note=None,
                qualifier=fact.qualifier,
                span_start=start,
                span_end=end,
            )
