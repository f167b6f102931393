"""Local statistical tables of the years before the national table (``legacy_local``).

There is no national template: counties, cities and provinces printed their
own tables, recognised by their own header — a label column (指标名称,
also spaced out 指 标 名 称), a unit column (计量单位 / 单位) and one or more
value columns (年末统计, 2016年度, 2016年, 历年累计…).  Each row is a printed
label, a unit word and one value per column; cells carry the printed labels
(the 其中 parent above its numbered sub-rows) and no indicator id; the unit
column is not a cell.  Digit runs that a flattened page glued together are
split under the rules every such table obeys — a cumulative column
(历年累计 / 本年累计) is never below the period's value, and a 其中 sub-row
never above its parent — decided for the whole table at once
(`zwgk._parse.resolve`); a run that stays ambiguous keeps its
alternatives.
"""

from __future__ import annotations

import collections
import re
from collections.abc import Iterator
from decimal import Decimal

import attrs

from zwgk._findings import TABLE_AMBIGUOUS_SPLIT, TABLE_SPLIT_INFERRED, TABLE_UNPLACED, finding
from zwgk._model import Cell, Finding, Ref, Span, StatTable, TableFormat, Tag, TokenClass, Unplaced
from zwgk._model.identities import Check, Key
from zwgk._parse.resolve import Choice, resolve
from zwgk._parse.split import split_runs
from zwgk._parse.tables import Evidence, stated_cuts
from zwgk._parse.tokens import Token, classify, find_tokens, part_offsets
from zwgk._text.dates import YEAR
from zwgk._text.numbering import ROW_NUMBERING, MarkerKind, marker_pattern
from zwgk._text.vocab import CELL_UNITS, MONEY_UNITS, alternation

_SEP = r"[ \n\t|]*"  # spaces, line breaks, tabs and the pipes of a markdown table


def _spaced(word: str) -> str:
    """A header word that may be printed with spaces between its characters (指 标 名 称)."""
    return "[ ]*".join(re.escape(ch) for ch in word)


_UNIT_COLUMN = rf"(?:{_spaced('计量单位')}|{_spaced('单位')}){_SEP}"
_HEADER = re.compile(
    rf"{_spaced('指标名称')}{_SEP}(?:{_spaced('代码')}{_SEP})?(?P<unit>{_UNIT_COLUMN})?"
)
#: Value columns a local table heads with words (a year heads the others).
_COLUMN_WORDS = (
    "年末统计", "年末数", "本年度", "上年度", "本期实际", "本期", "本年数", "本年累计",
    "历年累计", "累计", "统计数", "全年", "数量", "数值",
)  # fmt: skip
_COLUMN = re.compile(
    rf"({YEAR}[ ]*年(?:[ ]*度|[ ]*1[ ]*[-—~至][ ]*12[ ]*月)?|"
    + "|".join(_spaced(w) for w in sorted(_COLUMN_WORDS, key=len, reverse=True))
    + rf"){_SEP}"
)
_UNITS = alternation(CELL_UNITS)
_LABEL = rf"(?P<label>{ROW_NUMBERING}?[^\d\s|:：](?:[^\d\s|]|[ ](?=[^\d\s|])){{1,60}}?)"
_ROW = re.compile(rf"{_LABEL}{_SEP}(?P<unit>{_UNITS}){_SEP}(?=[\d—/-]|无)")
#: A row of a table printed without a unit column: its values follow its label.
_BARE_ROW = re.compile(rf"{_LABEL}(?P<unit>){_SEP}(?=[\d—/-]|无)")
_CHILD = re.compile(ROW_NUMBERING)  # 其中：1． / 2、 / 其中：1
_CUMULATIVE = ("历年累计", "本年累计", "累计")
#: How far a row may stand from the previous one (furniture, a stray note).
_ROW_GAP = 80
#: A row standing at most `_ROW_GAP` characters on: the search tries no start further.
_NEAR = {p: re.compile(rf"(?s:.{{0,{_ROW_GAP}}}?)(?:{p.pattern})") for p in (_ROW, _BARE_ROW)}


def _column_id(label: str, index: int) -> str:
    if label in ("历年累计", "累计"):
        return "cumulative"
    if label == "本年累计":
        return "year_to_date"
    if label.endswith(("年度", "年", "月", "统计", "年末数", "本年数")) or label in (
        "本期实际",
        "本期",
        "统计数",
        "全年",
        "数量",
        "数值",
    ):
        return "current" if index == 0 else f"c{index + 1}"
    return f"c{index + 1}"


@attrs.frozen
class _Row:
    label: str
    parent: str | None
    unit: str | None
    start: int
    end: int
    tokens: tuple[Token, ...]

    @property
    def labels(self) -> tuple[str, ...]:
        return (self.label,) if self.parent is None else (self.parent, self.label)


def find_local_tables(norm: str, start: int = 0) -> Iterator[tuple[int, int]]:
    """Where each local table's header stands (start and end), from ``start`` on.

    Examples:
        >>> from zwgk._parse.local import find_local_tables
        >>> list(find_local_tables("附表 指 标 名 称 计量 单位 年末统计 主动公开信息数 条 3"))
        [(3, 17)]
    """
    for m in _HEADER.finditer(norm, start):
        if _COLUMN.match(norm, m.end()) is not None:
            yield m.start(), m.end()


def read_local_table(
    text: str, norm: str, start: int = 0, evidence: Evidence | None = None
) -> tuple[StatTable, list[Finding]] | None:
    """The first ``指标名称 / 计量单位 / <columns>`` table after ``start``, read by printed labels.

    Example:
        >>> from zwgk._parse.local import read_local_table
        >>> t = "指标名称 计量单位 2014年度 历年累计 主动公开文件数 条 2543 78967"
        >>> table, _ = read_local_table(t, t)
        >>> [(c.row_labels[0], c.column, c.value) for c in table.cells]
        [('主动公开文件数', 'current', 2543), ('主动公开文件数', 'cumulative', 78967)]
    """
    return next(iter(read_local_tables(text, norm, start, evidence)), None)


def read_local_tables(
    text: str, norm: str, start: int = 0, evidence: Evidence | None = None
) -> list[tuple[StatTable, list[Finding]]]:
    """Every local table after ``start``, each read by its own header.

    Example:
        >>> from zwgk._parse.local import read_local_tables
        >>> t = "指标名称 单位 2016年 历年累计 行政复议数 件 0 0 指标名称 单位 年末统计 行政诉讼数 件 1"
        >>> [[c.column_labels[0] for c in table.cells] for table, _ in read_local_tables(t, t)]
        [['2016年', '历年累计'], ['年末统计']]
    """
    out: list[tuple[StatTable, list[Finding]]] = []
    pos = start
    for header_start, header_end in find_local_tables(norm, start):
        if header_start < pos:
            continue
        read = _read(text, norm, header_start, header_end, evidence or {})
        if read is not None:
            out.append(read)
            assert read[0].span is not None
            pos = read[0].span.end
    return out


@attrs.frozen(eq=False)
class LocalRegion:
    """A local table located by its own header: its value columns and the rows under them."""

    text: str
    norm: str
    header_start: int
    labels: tuple[str, ...]  # value-column labels as printed (spaces dropped)
    columns: tuple[str, ...]  # their column ids (current, cumulative, c2…)
    rows: tuple[_Row, ...]
    evidence: Evidence


@attrs.frozen(eq=False)
class LocalProposals:
    """What `LocalTable` proposes: per row, its values as printed, its cuts, or nothing."""

    region: LocalRegion
    filled: frozenset[int]  # rows whose values fill the columns as printed
    cuts: dict[int, list[tuple[str, ...]]]  # rows whose digit runs must be cut, and the cuts
    stated: frozenset[int]  # rows whose cuts the prose narrowed
    unfit: tuple[int, ...]  # rows whose values fit no cut


def locate_local(
    text: str, norm: str, header_start: int, header_end: int, evidence: Evidence
) -> LocalRegion | None:
    """The columns and rows of the local table whose header stands at ``header_start``."""
    labels: list[str] = []
    pos = header_end
    while (m := _COLUMN.match(norm, pos)) is not None:
        labels.append(m.group(1).replace(" ", ""))
        pos = m.end()
    if not labels:
        return None
    header = _HEADER.match(norm, header_start)
    rows = _rows(text, norm, pos, _ROW if header and header.group("unit") else _BARE_ROW)
    columns = tuple(_column_id(label, i) for i, label in enumerate(labels))
    return LocalRegion(text, norm, header_start, tuple(labels), columns, tuple(rows), evidence)


class LocalTable:
    """The reading strategy of a local table: each label row, its unit and one value per column.

    A row printing one value per column fills them; a row whose digit runs ran
    together proposes every cut that the table's own rules allow (narrowed by the
    prose where it states one of them); a row that fits no cut proposes nothing.
    Like the strategies of `zwgk._parse.tables.strategies` it writes no cell and
    no finding: `collect_local` does.

    Example:
        >>> from zwgk._parse.local import LocalTable, locate_local
        >>> t = "指标名称 计量单位 2014年度 历年累计 主动公开文件数 条 2543 78967"
        >>> region = locate_local(t, t, 0, 10, {})
        >>> strategy = LocalTable()
        >>> strategy.applies(region), sorted(strategy.propose(region).filled)
        (True, [0])
    """

    name = "local"

    def applies(self, region: LocalRegion) -> bool:
        """True when the header has value columns and rows stand under it."""
        return bool(region.labels and region.rows)

    def propose(self, region: LocalRegion) -> LocalProposals:
        """Per row: filled as printed, the cuts of its digit runs, or unfit."""
        width = len(region.columns)
        filled: set[int] = set()
        cuts: dict[int, list[tuple[str, ...]]] = {}
        stated: set[int] = set()
        unfit: list[int] = []
        for n, row in enumerate(region.rows):
            if not row.tokens or len(row.tokens) == width:
                filled.add(n)
                continue
            candidates = _splits(list(row.tokens), width, list(region.labels))
            if not candidates:
                unfit.append(n)
                continue
            narrowed = stated_cuts(candidates, region.evidence, row.label)
            if len(narrowed) < len(candidates):
                candidates = narrowed  # the prose states a number of these cuts
                stated.add(n)
            cuts[n] = candidates
        return LocalProposals(region, frozenset(filled), cuts, frozenset(stated), tuple(unfit))


def collect_local(proposals: LocalProposals) -> tuple[StatTable, list[Finding]]:
    """The table and findings from what `LocalTable` proposed, cuts decided table-wide."""
    region = proposals.region
    text, columns, labels = region.text, region.columns, region.labels
    rows = region.rows
    width = len(columns)
    cells: list[Cell] = []
    unplaced: list[Unplaced] = []
    findings: list[Finding] = []
    fixed: dict[Key, int | None] = {}
    placed: dict[int, list[tuple[Token, tuple[int | Decimal, ...]]]] = {}

    row_keys = [tuple(("/".join(row.labels), col) for col in columns) for row in rows]

    for n in sorted(proposals.filled):
        row = rows[n]
        tokens = list(row.tokens) or [Token("blank", "", row.end, row.end)] * width
        placed[n] = [(t, ()) for t in tokens]
        for key, token in zip(row_keys[n], tokens, strict=True):
            fixed[key] = _count(token)
    for n in proposals.unfit:
        row = rows[n]
        for t in row.tokens:
            if t.kind != "blank":  # a blank field holds no number to report
                unplaced.append(
                    Unplaced(t.raw, Span(t.start, t.end), "cannot fit the row's columns")
                )
        findings.append(_finding(TABLE_UNPLACED, row.label, list(row.tokens), width))
    order = sorted(proposals.cuts)
    counts = {n: [tuple(int(p) for p in c) for c in proposals.cuts[n]] for n in order}
    # A row cut one way only is known, as a printed one is (where no other row shares
    # its label); the others are decided together.
    shared = collections.Counter(k for row in row_keys for k in row)
    for n in order:
        if len(counts[n]) == 1 and all(shared[k] == 1 for k in row_keys[n]):
            fixed.update(zip(row_keys[n], counts[n][0], strict=True))
            del counts[n]
    choices = [Choice(row_keys[n], tuple(counts[n])) for n in counts]
    # The rules decide only rows left open (with none, there is nothing to decide).
    checks = _checks(list(rows), list(columns), list(labels)) if choices else []
    outcomes = dict(zip(counts, resolve(fixed, choices, checks), strict=True))
    alternatives: dict[int, list[tuple[int, ...]]] = {}
    inferred: dict[int, str] = {}
    for n in order:
        row = rows[n]
        raw = proposals.cuts[n]
        kept = raw
        rules: tuple[str, ...] = ()
        if n in outcomes:
            index: dict[tuple[int, ...], int] = {}
            for k, cut in enumerate(counts[n]):
                index.setdefault(cut, k)
            kept = [raw[index[c]] for c in outcomes[n].candidates]
            rules = outcomes[n].rules
        how = "the only cut that fits"
        if n in proposals.stated and len(kept) == 1:
            how = "the only cut giving a number the prose states"
        elif len(kept) == 1 and rules:
            how = f"by the table's rules ({', '.join(rules)})"
        runs = "+".join(t.raw for t in row.tokens)
        inferred[n] = f"split of the digit run {runs}: {how}"
        if len(kept) > 1:
            inferred[n] = f"digit run {runs} splits {len(kept)} ways; value left open"
        placed[n] = _parts(list(row.tokens), kept)
        code = TABLE_AMBIGUOUS_SPLIT if len(kept) > 1 else TABLE_SPLIT_INFERRED
        findings.append(_finding(code, row.label, list(row.tokens), width))
        alternatives[n] = [tuple(int(p) for p in c) for c in kept]
    column_labels = [(label,) for label in labels]
    for n in sorted(placed):
        row = rows[n]
        options_of = alternatives.get(n, [])
        reason = inferred.get(n)
        money = row.unit in MONEY_UNITS
        for i, (col, column_label, (token, options)) in enumerate(
            zip(columns, column_labels, placed[n], strict=True)
        ):
            token_class, value = classify(token, money=money)
            open_ = len(options_of) > 1 and len({a[i] for a in options_of}) > 1
            if open_:  # a number was printed, which one is open (the run may read as 0…)
                token_class, value = TokenClass.NUMBER, None
            cells.append(
                Cell._trusted(
                    None,
                    col,
                    row.labels,
                    column_label,
                    text[token.start : token.end],
                    value,
                    token_class,
                    row.unit,
                    Span._trusted(token.start, token.end),
                    token.note,
                    reason,
                    options if open_ else (),
                )
            )
    end = max([rows[-1].end, *(t.end for r in rows for t in r.tokens)])
    table = StatTable(
        id="local",
        format=TableFormat.LEGACY_LOCAL,
        title=_caption(text, region.norm, region.header_start),
        span=Span(region.header_start, end),
        cells=tuple(cells),
        unplaced=tuple(unplaced),
    )
    return table, findings


def _read(
    text: str, norm: str, header_start: int, header_end: int, evidence: Evidence
) -> tuple[StatTable, list[Finding]] | None:
    region = locate_local(text, norm, header_start, header_end, evidence)
    strategy = LocalTable()
    if region is None or not strategy.applies(region):
        return None
    return collect_local(strategy.propose(region))


def _count(token: Token) -> int | None:
    if token.kind != "num" or not token.raw.isdigit():
        return None
    return int(token.raw)


def _rows(text: str, norm: str, pos: int, pattern: re.Pattern[str]) -> list[_Row]:
    found: list[re.Match[str]] = []
    end = min(len(norm), pos + 200 * 60)
    following = _HEADER.search(norm, pos, end)  # the next table's header ends this one
    end = following.start() if following is not None else end
    near = _NEAR[pattern]
    while (m := near.match(norm, found[-1].end() if found else pos, end)) is not None:
        found.append(m)
    rows: list[_Row] = []
    parent: str | None = None
    last_top: str | None = None
    for i, m in enumerate(found):
        stop = found[i + 1].start("label") if i + 1 < len(found) else _row_end(norm, m.end())
        label = text[m.start("label") : m.end("label")].strip()
        numbered = _CHILD.match(norm, m.start("label")) is not None
        if norm.startswith("其中", m.start("label")):
            parent = last_top
        elif not numbered:
            parent = None
        if parent is None:
            last_top = label
        rows.append(
            _Row(
                label,
                parent if parent != label else None,
                m.group("unit") or None,
                m.start("label"),
                m.end(),
                tuple(find_tokens(norm, m.end(), stop, label)),
            )
        )
    return rows


# A row's values end at the next label (a 无 that starts label words too), or at a date.
_ROW_END = re.compile(r"无(?=[\u4e00-\u9fff])|[^\d\s.,—/|无-]|\d+[ ]*[年月日]")


def _row_end(norm: str, pos: int) -> int:
    m = _ROW_END.search(norm, pos, min(len(norm), pos + 200))
    return m.start() if m else min(len(norm), pos + 200)


_CAPTION = re.compile(
    rf"({marker_pattern(MarkerKind.CN)}?附[ ]*表[ ]*\d*"
    r"|(?:[^\s。:：,，;；|]{1,40}[ ]?){0,2}[^\s。:：,，;；|]{0,40}统计表)[ :：|]*$"
)


#: What a caption never holds: a line break (or any white space but a space) or a clause stop.
_NOT_IN_CAPTION = re.compile(r".*(?:[^\S ]|[。，;；])", re.DOTALL)
#: The end of an 附表 caption: 附 表, its number, then what may stand before the header.
_APPENDIX_END = re.compile(r"附[ ]*表[ ]*\d*[ :：|]*")


def _caption_start(norm: str, header_start: int) -> int:
    """The earliest start of a `_CAPTION` before the header at ``header_start``.

    A caption runs up to the header (a line break before it aside) with none of
    `_NOT_IN_CAPTION` inside; a 统计表 caption holds at most two spaces, an 附表 one
    ends with 附 表 and its number after a marker of at most four characters.  A search
    from here finds the same match without trying every start before it.
    """
    start = max(0, header_start - 80)
    end = header_start - (header_start > start and norm[header_start - 1] == "\n")
    stop = _NOT_IN_CAPTION.match(norm, start, end)
    if stop is not None:
        start = stop.end()
    words = norm[start:end].rstrip(" :：|")
    spaces = [i for i, ch in enumerate(words) if ch == " "]
    titled = start + spaces[-3] + 1 if len(spaces) >= 3 else start
    appendix = norm.rfind("附", start, end)
    if appendix >= 0 and _APPENDIX_END.fullmatch(norm, appendix, end):
        return min(titled, max(start, appendix - 4))
    return titled


def _caption(text: str, norm: str, header_start: int) -> str | None:
    m = _CAPTION.search(norm, _caption_start(norm, header_start), header_start)
    if m is None:
        return None
    caption = text[m.start(1) : m.end(1)]
    caption = re.sub(r"^附件\s*\d*[:：]?\s*", "", caption.strip())
    return caption.replace(" ", "") or None


def _splits(tokens: list[Token], width: int, labels: list[str]) -> list[tuple[str, ...]]:
    """The cuts of a row's digit runs into ``width`` counts (cumulative never below current)."""
    if len(tokens) > width or not tokens or any(not t.raw.isdigit() for t in tokens):
        return []  # a decimal, a dash or more values than columns: nothing to cut
    cumulative = [i for i, label in enumerate(labels) if label in _CUMULATIVE]

    def holds(parts: tuple[str, ...]) -> bool:
        return all(int(parts[c]) >= int(parts[c - 1]) for c in cumulative if c > 0)

    return list(split_runs([t.raw for t in tokens], width, holds).candidates)


def _checks(rows: list[_Row], columns: list[str], labels: list[str]) -> list[Check]:
    """The rules of a local table: a 其中 sub-row never exceeds its parent, nor a period its total."""
    out: list[Check] = []
    names = {row.label: "/".join(row.labels) for row in rows}
    for row in rows:
        if row.parent is None or row.parent not in names:
            continue
        for col in columns:
            child, parent = ("/".join(row.labels), col), (names[row.parent], col)
            out.append(Check("sub-row ≤ parent", Tag.ALWAYS, "<=", ((child, 1),), ((parent, 1),)))
    cumulative = [i for i, label in enumerate(labels) if label in _CUMULATIVE]
    for row in rows:
        name = "/".join(row.labels)
        for c in cumulative:
            if c > 0:
                out.append(
                    Check(
                        "period ≤ cumulative",
                        Tag.ALWAYS,
                        "<=",
                        (((name, columns[c - 1]), 1),),
                        (((name, columns[c]), 1),),
                    )
                )
    return out


def _parts(
    tokens: list[Token], kept: list[tuple[str, ...]]
) -> list[tuple[Token, tuple[int | Decimal, ...]]]:
    first = kept[0]
    out: list[tuple[Token, tuple[int | Decimal, ...]]] = []
    for i, (start, token) in enumerate(part_offsets(tokens, first)):
        options = tuple(sorted({int(c[i]) for c in kept}))
        piece = Token("num", first[i], start, start + len(first[i]))
        out.append((piece if len(options) == 1 else token, options))
    return out


def _finding(code: str, label: str, tokens: list[Token], width: int) -> Finding:
    """A finding on one row's values (the catalogue's ``row`` message of ``code``)."""
    return finding(
        code,
        variant="row",
        refs=tuple(Ref(span=Span(t.start, t.end)) for t in tokens),
        runs="+".join(t.raw for t in tokens),
        label=label,
        width=width,
    )
