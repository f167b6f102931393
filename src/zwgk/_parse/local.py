"""Local statistical tables of the years before the national table (``legacy_local``).

There is no national template: cities and provinces printed their own
``指标名称 / 计量单位 / <columns>`` tables.  They are read generically: each row
is a printed label, a unit word and one value per column; cells carry the
printed labels and no indicator id.  Digit runs that a flattened page glued
together are split under the one rule every such table obeys: a cumulative
column (历年累计 / 本年累计) is never below the period's value.
"""

from __future__ import annotations

import re

from zwgk._model import Cell, Finding, Ref, Severity, Span, StatTable, TableFormat, Unplaced
from zwgk._parse.split import split_runs
from zwgk._parse.tables import Evidence, prefer_stated
from zwgk._parse.tokens import Token, classify, find_tokens, part_offsets

_SEP = r"[ \n|]*"  # spaces, line breaks and the pipes of a markdown table
_HEADER = re.compile(rf"指标名称{_SEP}(?:代码{_SEP})?计量 *单位{_SEP}")
_COLUMN = re.compile(
    rf"((?:19|20)\d\d *年度?|本年度|上年度|本期实际|本期|本年累计|历年累计|累计|统计数){_SEP}"
)
_ROW = re.compile(
    rf"(?P<label>(?:其中[:：]?)?(?:\d[、.])?[^\d\s|]{{2,60}}?){_SEP}"
    rf"(?P<unit>万元|人次|条|件|元|个|次|项|篇|人){_SEP}(?=[\d—/-])"
)
_CUMULATIVE = ("历年累计", "本年累计", "累计")
_MONEY = frozenset({"万元", "元"})


def _column_id(label: str, index: int) -> str:
    if label in ("历年累计", "累计"):
        return "cumulative"
    if label == "本年累计":
        return "year_to_date"
    if label.endswith(("年度", "年")) or label in ("本期实际", "本期", "统计数"):
        return "current" if index == 0 else f"c{index + 1}"
    return f"c{index + 1}"


def read_local_table(
    text: str, norm: str, start: int = 0, evidence: Evidence | None = None
) -> tuple[StatTable, list[Finding]] | None:
    """The first ``指标名称 / 计量单位`` table after ``start``, read by printed labels.

    Example:
        >>> from zwgk._parse.local import read_local_table
        >>> t = "指标名称 计量单位 2014年度 历年累计 主动公开文件数 条 2543 78967"
        >>> table, _ = read_local_table(t, t)
        >>> [(c.row_labels[0], c.column, c.value) for c in table.cells]
        [('主动公开文件数', 'current', 2543), ('主动公开文件数', 'cumulative', 78967)]
    """
    header = _HEADER.search(norm, start)
    if header is None:
        return None
    labels: list[str] = []
    pos = header.end()
    while (m := _COLUMN.match(norm, pos)) is not None:
        labels.append(m.group(1).replace(" ", ""))
        pos = m.end()
    if not labels:
        return None
    columns = [_column_id(label, i) for i, label in enumerate(labels)]
    rows = list(_ROW.finditer(norm, pos, min(len(norm), pos + 200 * 60)))
    # Rows run on while each follows the last closely.
    kept: list[re.Match[str]] = []
    for m in rows:
        if kept and m.start() - kept[-1].end() > 80:
            break
        kept.append(m)
    cells: list[Cell] = []
    unplaced: list[Unplaced] = []
    findings: list[Finding] = []
    for i, m in enumerate(kept):
        stop = kept[i + 1].start() if i + 1 < len(kept) else _row_end(norm, m.end())
        tokens = find_tokens(norm, m.end(), stop)
        label = m.group("label").strip()
        unit = m.group("unit")
        values = _fit(tokens, len(columns), labels, evidence or {}, label)
        if values is None:
            for t in tokens:
                unplaced.append(
                    Unplaced(t.raw, Span(t.start, t.end), "cannot fit the row's columns")
                )
            findings.append(
                _finding("table.unplaced", Severity.WARNING, label, tokens, len(columns))
            )
            continue
        parts, inferred, alternatives = values
        if inferred:
            findings.append(
                _finding(
                    "table.ambiguous_split" if alternatives else "table.split_inferred",
                    Severity.WARNING if alternatives else Severity.INFO,
                    label,
                    tokens,
                    len(columns),
                )
            )
        for col, column_label, (token, options) in zip(columns, labels, parts, strict=True):
            token_class, value = classify(token, money=unit in _MONEY)
            if len(options) > 1:
                value = None
            cells.append(
                Cell(
                    indicator=None,
                    column=col,
                    row_labels=(label,),
                    column_labels=(column_label,),
                    raw=text[token.start : token.end],
                    value=value,
                    token_class=token_class,
                    unit=unit,
                    span=Span(token.start, token.end),
                    inferred=inferred,
                    inferred_reason=(
                        f"split of the digit run {'+'.join(t.raw for t in tokens)}"
                        + ("; several splits fit, value left open" if len(options) > 1 else "")
                        if inferred
                        else None
                    ),
                    alternatives=options if len(options) > 1 else (),
                )
            )
    if not cells and not unplaced:
        return None
    end = kept[-1].end() if kept else pos
    table = StatTable(
        id="local",
        format=TableFormat.LEGACY_LOCAL,
        title=_caption(norm, header.start()),
        span=Span(
            header.start(), max(end, cells[-1].span.end if cells and cells[-1].span else end)
        ),
        cells=tuple(cells),
        unplaced=tuple(unplaced),
    )
    return table, findings


def _row_end(norm: str, pos: int) -> int:
    m = re.compile(r"[^\d\s.,—/|-]").search(norm, pos, min(len(norm), pos + 200))
    return m.start() if m else min(len(norm), pos + 200)


def _caption(norm: str, header_start: int) -> str | None:
    before = norm[max(0, header_start - 60) : header_start]
    m = re.search(r"([^\s。:]{2,40}统计表)\s*$", before)
    return m.group(1) if m else None


def _fit(
    tokens: list[Token], width: int, labels: list[str], evidence: Evidence, label: str
) -> tuple[list[tuple[Token, tuple[int, ...]]], bool, bool] | None:
    """Tokens per column, whether a split was inferred, and whether it stays ambiguous."""
    if len(tokens) == width:
        return [(t, ()) for t in tokens], False, False
    if len(tokens) > width or not tokens or any(t.kind != "num" for t in tokens):
        return None
    cumulative = [i for i, label in enumerate(labels) if label in _CUMULATIVE]

    def holds(parts: tuple[str, ...]) -> bool:
        return all(int(parts[c]) >= int(parts[c - 1]) for c in cumulative if c > 0)

    result = split_runs([t.raw for t in tokens], width, holds)
    if not result.candidates:
        return None
    candidates = result.candidates
    stated = prefer_stated(candidates, evidence, label) if len(candidates) > 1 else None
    if stated is not None:
        candidates = (stated,)
    first = candidates[0]
    out: list[tuple[Token, tuple[int, ...]]] = []
    offsets = part_offsets(tokens, first)
    for i, (start, token) in enumerate(offsets):
        options = tuple(sorted({int(c[i]) for c in candidates}))
        piece = Token("num", first[i], start, start + len(first[i]))
        out.append((piece if len(options) == 1 else token, options))
    return out, True, len(candidates) > 1


def _finding(code: str, severity: Severity, label: str, tokens: list[Token], width: int) -> Finding:
    runs = "+".join(t.raw for t in tokens)
    messages = {
        "table.unplaced": (f"values {runs} of row {label!r} do not fit its {width} columns",
                           "该行数值无法对应到各列"),
        "table.split_inferred": (f"digit run {runs} of row {label!r} split into {width} columns",
                                 "连写数字已拆分"),
        "table.ambiguous_split": (f"digit run {runs} of row {label!r} splits several ways; "
                                  "values left open", "连写数字有多种拆分方式，未作选择"),
    }  # fmt: skip
    message, message_zh = messages[code]
    return Finding(
        code=code,
        severity=severity,
        message=message,
        message_zh=message_zh,
        refs=tuple(Ref(span=Span(t.start, t.end)) for t in tokens),
    )
