"""Which generation a report's tables follow, told apart by the labels only it prints."""

from __future__ import annotations

import functools
import re

from zwgk._model import IndicatorTree, TableFormat, Templates
from zwgk._parse.tables.template import core_label, label_pattern

_Markers = tuple[tuple[TableFormat, tuple[re.Pattern[str], ...]], ...]
_Anchors = tuple[tuple[TableFormat, re.Pattern[str]], ...]


def _printed(tree: IndicatorTree, *, rows_only: bool = False) -> set[str]:
    """The core of every label a tree prints (its row labels alone with ``rows_only``)."""
    words = {w for t in tree.tables for r in t.walk() for w in (r.label, *r.aliases)}
    if not rows_only:
        for t in tree.tables:
            words.update((t.title, *(w for c in t.columns for w in (*c.labels, *c.aliases))))
            words.update(r.block for r in t.walk() if r.block)
    return {core_label(w) for w in words} - {""}


@functools.lru_cache(maxsize=16)
def _detectors(registry: Templates) -> tuple[_Markers, _Anchors]:
    """Each registered generation's marker patterns, and the anchors of every generation.

    A tree's ``markers`` and ``anchors`` are its ``parsing`` hints (spec §0: labels
    only that generation prints; a table's own labels decide, not the year).
    A tree given without either is detected by its own labels: its markers
    are the cores of its row labels that no other registered tree prints
    (nor holds inside a longer label), which is what the shipped markers are.
    """
    markers = []
    for tree in registry:
        words = tree.markers
        if not words and not tree.anchors:
            others = {w for t in registry if t is not tree for w in _printed(t)}
            own = _printed(tree, rows_only=True)
            words = tuple(sorted(w for w in own if not any(w in o for o in others)))
        markers.append((tree.format, tuple(re.compile(label_pattern(m)) for m in words)))
    anchors = tuple(
        (tree.format, re.compile(label_pattern(a))) for tree in registry for a in tree.anchors
    )
    return tuple(markers), anchors


def detect_generation(
    norm: str, start: int = 0, templates: Templates | None = None
) -> TableFormat | None:
    """The generation whose marker labels the text prints most, or ``None``.

    Two markers decide; one decides when no other generation has one.  A text
    with 表三's rows and no marker at all (表二 missing) is read as ``f2021``,
    whose 表三 holds the rows of both 2019 and 2021.  ``templates`` is the
    registry whose trees are told apart (default: the shipped ones).

    Examples:
        >>> from zwgk._parse.tables import detect_generation
        >>> detect_generation("第二十条第（一）项 信息内容 本年制发件数 本年废止件数 现行有效件数")
        <TableFormat.F2021: 'f2021'>
    """
    markers, anchors = _detectors(templates or Templates.shipped())
    if not markers:
        return None
    scores = {fmt: sum(1 for p in patterns if p.search(norm, start)) for fmt, patterns in markers}
    best = max(scores, key=lambda f: scores[f])
    if scores[best] >= 2 or (scores[best] == 1 and list(scores.values()).count(1) == 1):
        return best
    for fmt, anchor in anchors:
        if anchor.search(norm, start) is not None:
            return fmt
    return None
