"""``validate``, ``validate_many`` and ``summarize``: the validator's public entry points."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping, Sequence

from zwgk._errors import InputError
from zwgk._model.core import Finding, Findings
from zwgk._model.documents import AnnualReport, AnyDocument, Document, Plan
from zwgk._model.templates import Templates
from zwgk._validate.common import sort_key
from zwgk._validate.dates import date_findings, signature_findings
from zwgk._validate.narrative import text_findings
from zwgk._validate.plans import plan_findings
from zwgk._validate.structure import structure_findings
from zwgk._validate.sums import continuity_findings, identity_findings

__all__ = ["document_key", "summarize", "validate", "validate_many"]


def validate(
    doc: Document,
    *,
    previous: AnnualReport | None = None,
    text: str | None = None,
    templates: Templates | None = None,
) -> Findings:
    """The validator's findings on a document, errors first, then in text order.

    Annual reports are checked for identities, text against table, structure
    and dates; with ``previous`` (last year's report of the same agency) also
    for year-to-year continuity.  Plans and work points are checked for leads,
    deadlines and numbering.  Other documents give ``()``.  The parser's own
    findings (``doc.findings``) are not repeated.  Every rule reads the model
    alone (what the body states, such as the statistics period or an empty
    section, the parser records on the document), so ``validate(doc)`` runs
    them all; ``text`` is still accepted for compatibility and not needed.
    ``templates`` is the registry of indicator trees to check against
    (default: the shipped trees; see `zwgk.Templates`).

    Example:
        >>> import zwgk
        >>> from zwgk import validate
        >>> text = open("seeds/003_cfccfa7d233b51e6.txt", encoding="utf-8").read()
        >>> report = zwgk.parse(text)
        >>> validate(report)
        ()

        Change one number (网络申请数 23 → 24) and 收到申请数 no longer adds up:

        >>> import attrs
        >>> table = report.tables[0]
        >>> cells = tuple(attrs.evolve(c, value=24, raw="24") if c.indicator == "apps_online" else c
        ...               for c in table.cells)
        >>> broken = attrs.evolve(report, tables=(attrs.evolve(table, cells=cells),))
        >>> [(f.code, f.severity.value, f.rule, f.reported, f.expected) for f in validate(broken)]
        [('identity.failed', 'error', 'L1', 25, 26)]
    """
    if not isinstance(doc, Document):
        raise InputError(f"validate takes a parsed document, got {type(doc).__name__}")
    if previous is not None and not isinstance(previous, AnnualReport):
        raise InputError(f"previous must be an AnnualReport, got {type(previous).__name__}")
    findings: list[Finding] = []
    registry = templates or Templates.shipped()
    if isinstance(doc, AnnualReport):
        findings.extend(identity_findings(doc, registry))
        findings.extend(text_findings(doc))
        findings.extend(structure_findings(doc, registry))
        findings.extend(date_findings(doc))
        if previous is not None:
            findings.extend(continuity_findings(doc, previous, registry))
    elif isinstance(doc, Plan):
        findings.extend(plan_findings(doc))
        findings.extend(signature_findings(doc))
    return Findings(sorted(findings, key=sort_key))


def _year(doc: Document) -> int | None:
    if isinstance(doc, AnnualReport):
        return doc.year
    date = doc.published or doc.signed
    return None if date is None else date.year


def document_key(doc: Document) -> str:
    """The key `zwgk.validate_many` files a document under.

    ``<agency key> | <year> | <title>``: the agency's key (division code and
    name, ``-`` when unknown), the year covered for annual reports (the year of
    publication, else signature, for other documents; ``-`` when unknown), and
    the title.  ``validate_many`` appends ``#2``, ``#3``… to repeated keys.

    Example:
        >>> import zwgk
        >>> from zwgk import document_key
        >>> report = zwgk.parse(open("seeds/003_cfccfa7d233b51e6.txt", encoding="utf-8").read())
        >>> document_key(report)
        '430200:株洲市工商行政管理局 | 2017 | 株洲市工商行政管理局2017年度政府信息公开工作年度报告'
    """
    agency = "-" if doc.agency is None else doc.agency.key
    year = _year(doc)
    return f"{agency} | {'-' if year is None else year} | {doc.title}"


def validate_many(
    docs: Iterable[AnyDocument] | AnyDocument,
    *,
    texts: Iterable[str | None] | None = None,
    templates: Templates | None = None,
) -> dict[str, Findings]:
    """Validate documents together: annual reports also against last year's report.

    Annual reports are grouped by agency key (``doc.agency.key``) and year;
    each is validated with ``previous=`` the first report of the same agency
    for the year before, if one is among ``docs``.  The result is keyed by
    `zwgk.document_key`, in input order.  ``texts``,
    when given, runs parallel to ``docs`` (the source of each, or ``None``);
    like ``validate``'s ``text`` it is accepted for compatibility and not needed.
    ``templates`` is passed on to ``validate``.
    One document may be passed instead of a list; an item that is not a parsed
    document, or ``texts`` of another length, raise `zwgk.InputError`.

    Example:
        >>> import zwgk
        >>> from zwgk import summarize, validate_many
        >>> docs = [zwgk.parse(open(f"seeds/00{i}_{h}.txt", encoding="utf-8").read())
        ...         for i, h in ((3, "cfccfa7d233b51e6"), (4, "562af7ce0614f99d"))]
        >>> for key, found in validate_many(docs).items():
        ...     print(key.split(" | ")[0], summarize(found))
        430200:株洲市工商行政管理局 {}
        140000:山西省工商行政管理局 {'plan.no_lead': 1}
    """
    items: list[AnyDocument] = [docs] if isinstance(docs, Document) else list(docs)
    sources: Sequence[str | None] = [None] * len(items) if texts is None else list(texts)
    if len(sources) != len(items):
        raise InputError(f"{len(sources)} texts given for {len(items)} documents")
    for i, doc in enumerate(items):
        if not isinstance(doc, Document):
            raise InputError(
                f"validate_many takes parsed documents, got {type(doc).__name__}",
                where=f"docs[{i}]",
            )
    by_agency_year: dict[tuple[str, int], AnnualReport] = {}
    for doc in items:
        if isinstance(doc, AnnualReport) and doc.agency is not None and doc.year is not None:
            by_agency_year.setdefault((doc.agency.key, doc.year), doc)
    out: dict[str, Findings] = {}
    seen: Counter[str] = Counter()
    for doc, source in zip(items, sources, strict=True):
        previous = None
        if isinstance(doc, AnnualReport) and doc.agency is not None and doc.year is not None:
            previous = by_agency_year.get((doc.agency.key, doc.year - 1))
        key = document_key(doc)
        seen[key] += 1
        if seen[key] > 1:
            key = f"{key} #{seen[key]}"
        out[key] = validate(doc, previous=previous, text=source, templates=templates)
    return out


def summarize(
    findings: Mapping[str, Iterable[Finding]] | Iterable[Finding],
) -> dict[str, int]:
    """How many findings there are of each code, codes in alphabetical order.

    Takes the result of `zwgk.validate_many` (a
    mapping of key to findings) or any iterable of findings.

    Example:
        >>> from zwgk import Finding, Severity, summarize
        >>> summarize([Finding("date.late", Severity.WARNING, "late"),
        ...            Finding("date.late", Severity.WARNING, "late")])
        {'date.late': 2}
        >>> summarize({"a": (), "b": [Finding("plan.no_lead", Severity.INFO, "x")]})
        {'plan.no_lead': 1}
        >>> summarize([])
        {}
    """
    counts: Counter[str] = Counter()
    if isinstance(findings, Mapping):
        for group in findings.values():
            counts.update(f.code for f in group)
    else:
        counts.update(f.code for f in findings)
    return dict(sorted(counts.items()))
