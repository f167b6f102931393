"""Numbers stated in the prose of a report (``依申请公开全年共受理5件``).

Each number with a counting unit becomes a `zwgk.NarrativeFact`
with the clause it counts, its qualifier (余, 多, 约, 近…) and, where the
clause names a table concept unambiguously, the indicator it restates, so
validators can hold text against table.  The clauses that name each concept
are the ``phrases`` of the crosswalk (`zwgk.crosswalk`), the one
place that says which cell stands for a concept in each generation.
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from decimal import Decimal

from zwgk._analysis.crosswalk import prose_bindings
from zwgk._model import NarrativeFact, Span, TableFormat
from zwgk._text.numerals import CN_NUMERAL, numeral_or_none
from zwgk._text.vocab import MEASURE_UNITS, alternation

_UNITS = alternation(MEASURE_UNITS)
_CN_NUM = CN_NUMERAL.replace("亿", "")
_FACT = re.compile(
    rf"(?P<pre>约|近|超过|逾|共计|共|达)?"
    rf"(?:(?<![\d.,])(?P<num>\d{{1,12}}(?:,\d{{3}}){{0,4}}(?:\.\d{{1,6}})?)(?![\d])"
    rf"|(?P<cn>[{_CN_NUM}]{{1,8}}))"
    rf"(?P<mult>万|千)?(?P<post>余|多)? ?(?P<unit>{_UNITS})(?![\u4e00-\u9fff]{{0,1}}[年月日])"
)
# Line breaks are no clause breaks: PDF text wraps lines in mid-sentence.
_CLAUSE_BREAK = re.compile(r"[。；;，,：:！？!?]")
# After the number, an enumeration comma already starts the next item.
_ITEM_BREAK = re.compile(r"[。；;，,：:！？!?、(]")

_PART = re.compile(r"其中|代表|分别|本级|下属")


def narrative_facts(
    norm: str,
    start: int = 0,
    end: int | None = None,
    *,
    skip: Sequence[Span] = (),
    generation: TableFormat | None = None,
) -> tuple[NarrativeFact, ...]:
    """Every counted number in ``norm[start:end]`` outside the ``skip`` spans (tables).

    Examples:
        >>> from zwgk._parse.facts import narrative_facts
        >>> [(f.phrase, f.value, f.unit, f.qualifier)
        ...  for f in narrative_facts("依申请公开全年共受理5件，发放5万余份，第3项。")]
        [('依申请公开全年共受理', 5, '件', None), ('发放', 50000, '份', '余')]
    """
    end = len(norm) if end is None else end
    spans = sorted(skip, key=lambda s: s.start)
    facts: list[NarrativeFact] = []
    si = 0
    for m in _FACT.finditer(norm, start, end):
        while si < len(spans) and spans[si].end <= m.start():
            si += 1
        if si < len(spans) and spans[si].start <= m.start() < spans[si].end:
            continue
        number_start = m.start("num") if m.group("num") else m.start("cn")
        if norm[number_start - 1 : number_start] == "第":
            continue  # 第三项, 第十一个: an ordinal, not a count
        if m.group("num"):
            text = m.group("num").replace(",", "")
            number: int | Decimal = Decimal(text) if "." in text else int(text)
        else:
            if m.group("cn") in ("一", "两", "二"):
                continue  # 一项, 一次, 两个: words, not counts
            cn = numeral_or_none(m.group("cn"))
            if not isinstance(cn, int):
                continue
            number = cn
        unit = m.group("unit")
        factor = {"万": 10_000, "千": 1_000}.get(m.group("mult") or "", 1)
        if m.group("mult") == "万" and unit == "元":
            unit, factor = "万元", 1
            number = Decimal(str(number))
        if factor != 1:
            number = number * factor
            if isinstance(number, Decimal) and number == number.to_integral_value():
                number = int(number)
        elif unit in ("万元", "元") and isinstance(number, int):
            number = Decimal(number)
        clause_start = max(start, m.start() - 40)
        breaks = list(_CLAUSE_BREAK.finditer(norm, clause_start, m.start()))
        phrase_start = breaks[-1].end() if breaks else clause_start
        phrase = re.sub(r"\s+", "", norm[phrase_start : m.start()])
        if m.group("pre") in ("共计", "共", "达"):
            phrase = (phrase + m.group("pre")).strip()
        qualifier = m.group("post") or (
            m.group("pre") if m.group("pre") in ("约", "近", "超过", "逾") else None
        )
        indicator = column = None
        if generation is not None:
            after = _ITEM_BREAK.search(norm, m.end(), min(end, m.end() + 20))
            context = phrase + re.sub(
                r"\s+", "", norm[m.start() : after.start() if after else m.end() + 20]
            )
            # The cells of the crosswalk's concepts the clause names: bound where just one.
            hits = {cell for p, cell in prose_bindings(generation) if p.search(context)}
            if _PART.search(phrase):
                hits.clear()  # a part of the whole (其中…, 代表…), not the table's total
            if len(hits) == 1:
                indicator, column = hits.pop()
        facts.append(
            NarrativeFact(
                phrase=phrase,
                raw=norm[number_start : m.end()],
                value=number,
                unit=unit,
                span=Span(number_start, m.end()),
                qualifier=qualifier,
                indicator=indicator,
                column=column,
            )
        )
    return tuple(facts)
