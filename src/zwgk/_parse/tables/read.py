"""Reading a report's template tables: locate each, let a strategy propose, collect."""

from __future__ import annotations

import re
from collections.abc import Sequence

import attrs

from zwgk._model import (
    Finding,
    Layout,
    Span,
    StatTable,
    TableFormat,
    TableTemplate,
    Templates,
    TokenClass,
)
from zwgk._parse.tables.collect import Collected, collect
from zwgk._parse.tables.detect import detect_generation
from zwgk._parse.tables.evidence import Evidence
from zwgk._parse.tables.locate import Match, Region, enough, locate, masked_window, match_rows
from zwgk._parse.tables.proposals import Proposals
from zwgk._parse.tables.strategies import Anchored, Strategy, TemplateOrder, choose
from zwgk._parse.tables.template import compiled
from zwgk._parse.tokens import blank_furniture, find_tokens
from zwgk._text.numbering import MarkerKind, marker_pattern


@attrs.frozen
class TableRead:
    """A table read from text, with what the reader noticed."""

    table: StatTable
    findings: tuple[Finding, ...]
    matched_rows: int
    filled_rows: int
    #: Orders the identities confirmed for values printed apart; blocks left undecided.
    confirmed: tuple[str, ...] = ()
    undecided: int = 0


def region_of(
    text: str, template: TableTemplate, start: int = 0, origins: Sequence[int] | None = None
) -> Region | None:
    """The region of ``template``'s table in ``text`` (its page furniture blanked, as
    `read_tables` does), if its labels are there.

    ``origins`` are the page offsets of an HTML page's text (see `read_tables`).

    Example:
        >>> import zwgk
        >>> from zwgk._parse.tables.read import region_of
        >>> t2 = zwgk.indicator_tree("f2021").table("t2")
        >>> [m.row.indicator.id for m in region_of("规章 1 0 5 规范性文件 3 1 9", t2).matches]
        ['regulations', 'normative_docs']
    """
    norm = blank_furniture(text)
    matches = match_rows(norm, template, start, len(norm))
    if not enough(matches, template):
        return None
    return locate(text, norm, template, matches, len(norm), origins=origins)


def read_region(region: Region) -> TableRead:
    """Read a located table: the first strategy that applies proposes, the collector decides.

    Example:
        >>> import zwgk
        >>> from zwgk._parse.tables.read import read_region, region_of
        >>> t2 = zwgk.indicator_tree("f2021").table("t2")
        >>> read = read_region(region_of("规章 105 规范性文件 319", t2))
        >>> read.table.value("regulations", "in_force"), read.table.get("regulations", "issued").inferred
        (5, True)
    """
    return _read(region, choose(region).propose(region))


def _read(region: Region, proposals: Proposals) -> TableRead:
    """The table the collector makes of what a strategy proposed for ``region``."""
    got = collect(region.text, region.template, proposals.items, region.evidence)
    template = region.template
    return TableRead(
        _table(template, Span(region.start, region.end), got),
        got.findings,
        len(region.matches),
        len({c.indicator for c in got.cells if c.token_class is not TokenClass.BLANK}),
        tuple(proposals.confirmed),
        proposals.undecided,
    )


def _table(template: TableTemplate, span: Span, got: Collected) -> StatTable:
    return StatTable(
        id=template.qualified_id,
        format=template.format,
        title=template.title,
        span=span,
        cells=got.cells,
        unplaced=got.unplaced,
    )


def read_tables(
    text: str,
    norm: str,
    start: int = 0,
    evidence: Evidence | None = None,
    origins: Sequence[int] | None = None,
    templates: Templates | None = None,
) -> tuple[TableFormat | None, list[TableRead]]:
    """Every table of the generation the text uses, read from ``norm[start:]``.

    The generation is detected over the trees of ``templates`` (default: the
    shipped ones) and its tables are read on that registry's tree.
    ``origins`` (an HTML page's text) gives each character's offset in the page:
    the copies a merged cell leaves in every grid column it spans share their
    origin and count once, so values keep their logical order within the row.

    Example:
        >>> from zwgk._parse.tables import read_tables
        >>> t = "信息内容 本年制发件数 本年废止件数 现行有效件数 规章 1 0 5 规范性文件 3 1 9"
        >>> generation, reads = read_tables(t, t)
        >>> generation.value, reads[0].table.value("normative_docs", "in_force")
        ('f2021', 9)
    """
    # Page furniture (「— 5 —」 footers) may fall inside a label broken over lines: it is
    # blanked, offsets kept, so the label reads whole.
    norm = blank_furniture(norm)
    registry = templates or Templates.shipped()
    generation = detect_generation(norm, start, registry)
    if generation is None:
        return None, []
    tree = registry.tree(generation)
    found: list[tuple[TableTemplate, list[Match]]] = []
    pos = start
    for template in tree.tables:
        matches = match_rows(norm, template, pos, len(norm))
        if enough(matches, template):
            found.append((template, matches))
            pos = matches[-1].end

    regions = [
        locate(
            text,
            norm,
            template,
            matches,
            found[i + 1][1][0].start if i + 1 < len(found) else len(norm),
            evidence=evidence,
            origins=origins,
        )
        for i, (template, matches) in enumerate(found)
    ]
    proposed = [choose(region).propose(region) for region in regions]
    # Blocks the identities could not order are read in the one order they confirmed
    # for the document's other blocks, if there is exactly one: proposed again before
    # any table is collected, so each is collected once.
    orders = {how for p in proposed for how in p.confirmed}
    if len(orders) == 1 and any(p.undecided for p in proposed):
        (prior,) = orders
        for k, p in enumerate(proposed):
            if p.undecided:
                regions[k] = attrs.evolve(regions[k], prior=prior)
                proposed[k] = choose(regions[k]).propose(regions[k])
    reads = [_read(region, p) for region, p in zip(regions, proposed, strict=True)]
    read_ids = {t.id for t, _ in found}
    for template in tree.tables:
        if template.layout is Layout.HORIZONTAL and template.id not in read_ids:
            by_position = _read_by_position(text, norm, template, pos, evidence)
            if by_position is not None:
                reads.append(by_position)
    return generation, reads


_NEXT_SECTION = re.compile(rf"\n[ ]*{marker_pattern(MarkerKind.CN)}|附件")
_RULE_ONLY = re.compile(r"[\s|:-]*")


def anchored(norm: str, template: TableTemplate, start: int) -> Anchored | None:
    """A one-row table (表四) found by its heading, from ``start``: the first run of values
    under it with nothing but spaces and rules between them, up to the next section
    (``norm``'s page furniture blanked, as `read_tables` does)."""
    c = compiled(template)
    anchor = c.anchor.search(norm, start) if c.anchor is not None else None
    if anchor is None:
        return None
    section = _NEXT_SECTION.search(norm, anchor.end(), anchor.end() + 4000)
    region_end = section.start() if section is not None else min(len(norm), anchor.end() + 4000)
    masked = masked_window(norm, c, anchor.start(), region_end)
    found = [t for t in find_tokens(masked, anchor.end(), region_end) if t.kind != "blank"]
    tokens = found[:1]
    for token in found[1:]:
        if _RULE_ONLY.fullmatch(masked, tokens[-1].end, token.start) is None:
            break
        tokens.append(token)
    return Anchored(template, anchor.start(), anchor.end(), tuple(tokens))


def _read_by_position(
    text: str, norm: str, template: TableTemplate, start: int, evidence: Evidence | None
) -> TableRead | None:
    """A one-row table (表四) whose header labels are too garbled to read (`TemplateOrder`)."""
    region = anchored(norm, template, start)
    strategy: Strategy[Anchored] = TemplateOrder()
    if region is None or not strategy.applies(region):
        return None  # no heading, or a number or two of prose under it, not the row
    proposals = strategy.propose(region)
    got = collect(text, template, proposals.items, evidence)
    span = Span(region.start, region.tokens[-1].end)
    return TableRead(_table(template, span, got), got.findings, 0, len(region.rows))
