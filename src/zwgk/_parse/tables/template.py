"""What a table template prints, compiled once per template.

Row label patterns, the header words blanked between rows, each row's
cells (slots), the identities that always hold and the cell order are
derived from the tree once and kept with the template (`compiled`), so
reading a table never rebuilds them.
"""

from __future__ import annotations

import functools
import re

import attrs

from zwgk._model import Indicator, Layout, Ref, TableTemplate, Tag
from zwgk._model.identities import Check, Key, checks
from zwgk._parse.text import normalize
from zwgk._parse.tokens import MAX_DIGITS
from zwgk._text.labels import normalize_label
from zwgk._text.numbering import leading_marker
from zwgk._text.vocab import MONEY_UNITS

_BRACKETED = re.compile(r"\([^()]*\)")
#: Characters a label may have between its printed characters (PDF and HTML line breaks).
_GAP = r"[ \n]*"
#: The fewest characters of a label's head that name its row when the rest wrapped away.
_WRAPPED_HEAD = 8


def core_label(label: str) -> str:
    """A printed label as rows are found in the text: its normal form (see
    `zwgk._text.labels.normalize_label`) without bracketed guidance or quotes.

    Examples:
        >>> from zwgk._parse.tables.template import core_label
        >>> core_label("（二）部分公开（区分处理的，只计这一情形，不计其他情形）")
        '部分公开'
    """
    return _BRACKETED.sub("", normalize_label(normalize(label))).replace('"', "")


def label_pattern(core: str) -> str:
    """A regex for a core label that tolerates line breaks, spaces and quotes inside it.

    Examples:
        >>> import re
        >>> from zwgk._parse.tables.template import label_pattern
        >>> re.fullmatch(label_pattern("新收申请"), "新收\\n申 请") is not None
        True
    """
    return _GAP.join(re.escape(ch) + '"?' if ch in "及稳" else re.escape(ch) for ch in core)


#: An identity by position (see `Compiled.terms`).
Terms = tuple[str, tuple[int, ...], tuple[int, ...]]


@attrs.frozen
class Slot:
    """One cell of a template row: its row and column (``key`` is the pair of ids), and
    what its cell prints beside its value: its row labels, its column labels and its
    unit (the column's, else the row's); ``money`` when that unit is one of money."""

    indicator: Indicator
    column: str
    key: Key
    row_labels: tuple[str, ...]
    column_labels: tuple[str, ...]
    unit: str | None
    money: bool
    #: A reference to the cell (for findings).
    ref: Ref


@attrs.frozen
class RowLabel:
    """A template row as the reader finds it: its label pattern, numbering and cells."""

    indicator: Indicator
    pattern: re.Pattern[str]
    #: The forms its printed numbering takes before the label (「2.」 「2、」 「(2)」).
    numbering: tuple[str, ...]
    columns: tuple[str, ...]
    cores: tuple[str, ...] = ()
    slots: tuple[Slot, ...] = ()

    def wrapped_in(self, printed: str) -> bool:
        """True when ``printed`` ends with the head of this row's label, the rest wrapped
        onto a line of its own (「1.申请人无正当理由逾期不补正、行政机关不再处理其政府信息公」)."""
        text = core_label(printed)
        for core in self.cores:
            for k in range(len(core) - 1, _WRAPPED_HEAD - 1, -1):
                if text.endswith(core[:k]):
                    return True
        return False


class Compiled:
    """A template's derived views (see `compiled`)."""

    def __init__(self, template: TableTemplate) -> None:
        self.template = template
        self.rows = _rows(template)
        #: The rows whose labels are searched (表四's header prints its leaves alone).
        self.searched = (
            tuple(r for r in self.rows if not r.indicator.children)
            if template.layout is Layout.HORIZONTAL
            else self.rows
        )
        self.order = {row.indicator.id: i for i, row in enumerate(self.rows)}
        #: The searched rows' label patterns, and their places among all the rows.
        self.patterns = tuple(row.pattern for row in self.searched)
        self.ranks = tuple(self.order[row.indicator.id] for row in self.searched)
        #: Where a searched row's label may start (a first character, the rest of a label
        #: after it), and the searched rows (indices) whose labels start with each character.
        self.label_start, self.starting = _label_starts(self.searched)
        #: Rows with cells, and of those the value rows and the groups.
        self.own = tuple(r for r in self.rows if r.columns)
        self.value_rows = tuple(r for r in self.own if not r.indicator.group)
        self.groups = tuple(r for r in self.own if r.indicator.group)
        self.mask = _mask_pattern(template)
        anchors = template.anchors
        #: Where a one-row table (表四) begins: its heading, or the first words of its header.
        self.anchor = re.compile("|".join(label_pattern(w) for w in anchors)) if anchors else None
        self.always: tuple[Check, ...] = tuple(c for c in checks(template) if c.tag is Tag.ALWAYS)
        self._by_key: dict[Key, list[int]] = {}
        for i, check in enumerate(self.always):
            for key in check.keys:
                self._by_key.setdefault(key, []).append(i)
        self._within: dict[tuple[Key, ...], tuple[Check, ...]] = {}
        self._terms: dict[tuple[Key, ...], tuple[Terms, ...]] = {}
        position: dict[Key, tuple[int, int]] = {}
        for i, ind in enumerate(template.walk()):
            for j, col in enumerate(template.columns):
                position[(ind.id, col.id)] = (i, j)
        #: Every cell of the template (its slots' keys) in the template's order: rows, then columns.
        self.cell_order = tuple(
            sorted((s.key for r in self.rows for s in r.slots), key=position.__getitem__)
        )
        #: Each row's printed label as a core (`core_label`).
        self.core: dict[str, str] = {ind.id: core_label(ind.label) for ind in template.walk()}

    def within(self, keys: tuple[Key, ...]) -> tuple[Check, ...]:
        """The identities that always hold whose cells are all among ``keys``, in order."""
        found = self._within.get(keys)
        if found is None:
            keyset = set(keys)
            indices = sorted({i for k in keys for i in self._by_key.get(k, ())})
            found = tuple(
                self.always[i] for i in indices if all(k in keyset for k in self.always[i].keys)
            )
            self._within[keys] = found
        return found

    def terms(self, keys: tuple[Key, ...]) -> tuple[Terms, ...]:
        """Each identity of `within` ``keys`` by position: its relation, the index in
        ``keys`` of each cell it reads and the cell's sign (lhs +, rhs -).

        Example:
            >>> import zwgk
            >>> from zwgk._parse.tables.template import compiled
            >>> c = compiled(zwgk.indicator_tree("f2021").table("t3"))
            >>> c.terms(tuple(s.key for s in c.value_rows[0].slots))  # its total: the sum
            (('=', (6, 0, 1, 2, 3, 4, 5), (1, -1, -1, -1, -1, -1, -1)),)
        """
        found = self._terms.get(keys)
        if found is None:
            at = {k: i for i, k in enumerate(keys)}
            found = tuple(
                (
                    check.relation,
                    tuple(at[k] for k, _ in (*check.lhs, *check.rhs)),
                    tuple(s for _, s in check.lhs) + tuple(-s for _, s in check.rhs),
                )
                for check in self.within(keys)
            )
            self._terms[keys] = found
        return found


_COMPILED: dict[int, tuple[TableTemplate, Compiled]] = {}


def compiled(template: TableTemplate) -> Compiled:
    """The derived views of a template, built on first use and kept.

    Example:
        >>> import zwgk
        >>> from zwgk._parse.tables.template import compiled
        >>> c = compiled(zwgk.indicator_tree("f2021").table("t3"))
        >>> c is compiled(zwgk.indicator_tree("f2021").table("t3")), len(c.value_rows) > 10
        (True, True)
    """
    cached = _COMPILED.get(id(template))
    if cached is not None and cached[0] is template:
        return cached[1]
    made = Compiled(template)
    _COMPILED[id(template)] = (template, made)
    return made


def _row_labels(template: TableTemplate, indicator: Indicator) -> tuple[str, ...]:
    labels = [indicator.label]
    parent = template.parent_of(indicator.id)
    while parent is not None:
        labels.append(parent.label)
        parent = template.parent_of(parent.id)
    if indicator.block:
        labels.append(indicator.block)
    return tuple(reversed(labels))


def _rows(template: TableTemplate) -> tuple[RowLabel, ...]:
    cores_of = {
        ind.id: {core_label(label) for label in (ind.label, *ind.aliases)} - {""}
        for ind in template.walk()
    }
    every_core = {c for cores in cores_of.values() for c in cores}
    rows = []
    for ind in template.walk():
        alternatives = "|".join(
            label_pattern(c) + _not_longer(c, every_core)
            for c in sorted(cores_of[ind.id], key=len, reverse=True)
        )
        columns = template.columns_of(ind)
        row_labels = _row_labels(template, ind)
        slots = []
        for col in columns:
            unit = col.unit or ind.unit
            key = (ind.id, col.id)
            slots.append(
                Slot(ind, col.id, key, row_labels, col.labels, unit, unit in MONEY_UNITS, Ref(*key))
            )
        rows.append(
            RowLabel(
                ind,
                re.compile(f"(?:{alternatives})"),
                _numbering_forms(leading_marker(normalize(ind.label))),
                tuple(c.id for c in columns),
                tuple(sorted(cores_of[ind.id], key=len, reverse=True)),
                tuple(slots),
            )
        )
    return tuple(rows)


def _numbering_forms(numbering: str | None) -> tuple[str, ...]:
    if numbering is None:
        return ()
    core = numbering.rstrip(".、").strip("()")
    return (f"{core}.", f"{core}、", f"({core})")


def _label_starts(rows: tuple[RowLabel, ...]) -> tuple[re.Pattern[str], dict[str, tuple[int, ...]]]:
    rests: dict[str, set[str]] = {}
    starting: dict[str, list[int]] = {}
    for i, row in enumerate(rows):
        for core in row.cores:
            first = re.escape(core[0])
            rests.setdefault(core[0], set()).add(label_pattern(core)[len(first) :])
            if i not in starting.setdefault(core[0], []):
                starting[core[0]].append(i)
    pattern = "|".join(
        f"{re.escape(ch)}(?=(?:{'|'.join(sorted(r))}))" for ch, r in sorted(rests.items())
    )
    return re.compile(pattern or "(?!)"), {ch: tuple(ix) for ch, ix in starting.items()}


def _not_longer(core: str, every_core: set[str]) -> str:
    # "其他" must not match the head of another row's label "其他处理".
    rests = sorted(
        {other[len(core) :] for other in every_core if other.startswith(core) and other != core}
    )
    return "".join(f"(?!{label_pattern(rest)})" for rest in rests)


def _mask_pattern(template: TableTemplate) -> re.Pattern[str]:
    # Header words that sit between rows of a flattened table: column labels,
    # block headings, captions.  They are blanked out before reading values.
    words: set[str] = set(template.header_words)
    for col in template.columns:
        words.update(core_label(label) for label in (*col.labels, *col.aliases))
        words.update(normalize(label).replace(" ", "") for label in col.labels)
    for ind in template.walk():
        if ind.block:
            words.add(normalize(ind.block).replace(" ", ""))
    words.add(core_label(template.title))
    words.discard("")
    caption = r"\(本列数据的勾稽关系为[^()]{0,80}\)"
    # One flat alternation, every branch starting with a literal character: the regex
    # engine skips the positions no word starts at.
    words_first = (label_pattern(w) for w in sorted(words, key=len, reverse=True))
    return re.compile("|".join([caption, *words_first]))


@functools.lru_cache(maxsize=8192)
def as_int(raw: str) -> int | None:
    """A printed count as an int (thousands commas dropped), else ``None``.

    Example:
        >>> from zwgk._parse.tables.template import as_int
        >>> as_int("1,024"), as_int("3.5")
        (1024, None)
    """
    raw = raw.replace(",", "")
    if len(raw) > MAX_DIGITS or not raw.lstrip("-").isdigit():
        return None
    return int(raw)
