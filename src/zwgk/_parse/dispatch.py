"""``zwgk.parse``: tell what a document is and hand it to the parser of its kind."""

from __future__ import annotations

from zwgk._findings import INPUT_EMPTY, finding
from zwgk._model import (
    AnyDocument,
    DocumentKind,
    ImplementationPlan,
    OtherDocument,
    Templates,
    WorkPoints,
)
from zwgk._parse.common import read_common
from zwgk._parse.kind import detect_kind
from zwgk._parse.organs import resolve_agency
from zwgk._parse.outline import outline
from zwgk._parse.plans import plan_from_source
from zwgk._parse.report import report_from_source
from zwgk._parse.text import MAX_INPUT_CHARS, finish, read_input
from zwgk._text.lexer import begin

#: What an empty or white-space-only input gives, beside an empty ``OtherDocument``.
EMPTY = finding(INPUT_EMPTY)


def parse(
    data: str | bytes,
    *,
    source: str | None = None,
    max_chars: int = MAX_INPUT_CHARS,
    templates: Templates | None = None,
) -> AnyDocument:
    """Parse any government-disclosure page into the document of its kind.

    Returns an `zwgk.AnnualReport`, an
    `zwgk.ImplementationPlan`, `zwgk.WorkPoints`
    or an `zwgk.OtherDocument`.  ``data`` is page text or its
    bytes (files are opened by `zwgk.read`); ``source`` (a URL or path) is kept
    on the document.  Empty input gives an ``OtherDocument`` with an ``input.empty``
    finding.  Raises `zwgk.InputError` for input that is not text (for a
    path, or the bytes of a PDF or Word file, it points to `zwgk.read`; a lone
    surrogate is refused with its offset) and
    `zwgk.DecodeError` for bytes no supported encoding reads.
    ``templates`` is the registry of indicator trees annual reports are read
    on (see `zwgk.Templates`; default: the shipped trees): the
    generation is told apart among its trees, the tables are read on them
    (a tree you register with `zwgk.tree_from_data` is used end to
    end) and the outline takes their section titles.

    Examples:
        >>> import zwgk
        >>> doc = zwgk.parse(open("seeds/004_562af7ce0614f99d.txt", encoding="utf-8").read())
        >>> (doc.kind.value, doc.agency.name)
        ('implementation_plan', '山西省工商行政管理局')
    """
    src = read_input(data, max_chars=max_chars)
    if not src.norm.strip():
        return OtherDocument(title="", source=source, findings=(EMPTY,))
    begin(src.norm)  # this parse's tokens, read by every stage below
    common = read_common(src)
    kind = detect_kind(common.title, src.norm, common.body_start)
    if kind is DocumentKind.ANNUAL_REPORT:
        return finish(report_from_source(src, common, source=source, templates=templates), src)
    if kind in (DocumentKind.IMPLEMENTATION_PLAN, DocumentKind.WORK_POINTS):
        plan: ImplementationPlan | WorkPoints = plan_from_source(src, common, kind, source=source)
        return finish(plan, src)
    other = OtherDocument(
        title=common.title,
        agency=resolve_agency(common, src.norm),
        published=common.published,
        signed=common.signed,
        index_no=common.index_no,
        doc_no=common.doc_no,
        source=source,
        sections=outline(src.norm, common.body_start),
        metadata=common.metadata,
    )
    return finish(other, src)
