"""Numbers stated in the prose of a report (``依申请公开全年共受理5件``).

Each number with a counting unit becomes a `zwgk.NarrativeFact`
with the clause it counts, its qualifier (余, 多, 约, 近…) and, where the
clause names a table concept unambiguously, the indicator it restates, so
validators can hold text against table.  The clauses that name each concept
are the ``phrases`` of the crosswalk (`zwgk.crosswalk`), the one
place that says which cell stands for a concept in each generation.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Sequence
from decimal import Decimal

import attrs

from zwgk._analysis.crosswalk import Key, prose_bindings
from zwgk._model import NarrativeFact, Span, TableFormat
from zwgk._text.lexer import lex
from zwgk._text.numerals import CN_COUNT, numeral_or_none, parse_numeral
from zwgk._text.vocab import MEASURE_UNITS, MONEY_UNITS, alternation

_UNITS = alternation(MEASURE_UNITS)
# Digits are ASCII (normalising made full-width ones so); another script's digits are no count.
# The pattern opens with the number's first character, so that a scan skips in C to the
# characters a number starts with; the word before it (约, 超过, 共计…) is read behind it.
_FACT = re.compile(
    rf"(?P<number>[0-9{CN_COUNT}](?<![0-9.,][0-9])"  # digits start a number after no digit
    rf"(?:(?<=(?P<pre>[约近逾共达]).)|(?<=(?P<pre2>超过|共计).))?"
    # A digit run is read once (atomic): what it could give back ends before a , or a .,
    # where no unit starts.
    rf"(?:(?>(?<=[0-9])[0-9]{{0,11}}(?:,[0-9]{{3}}){{0,4}}(?:\.[0-9]{{1,6}})?(?![0-9]))"
    rf"|(?<=[{CN_COUNT}])[{CN_COUNT}]{{0,7}}))"
    rf"(?P<mult>万|千)?(?P<post>余|多)? ?(?P<unit>{_UNITS})(?![\u4e00-\u9fff]{{0,1}}[年月日])"
)
#: How far past its start a count's match may read: 3 + 12 + 4·4 + 7 digits, a unit, a date.
_FACT_REACH = 64
# After the number, an enumeration comma already starts the next item.
_ITEM_BREAK = re.compile(r"[。；;，,：:！？!?、(]")

_PART = re.compile(r"其中|代表|分别|本级|下属")
_FACTORS = {"万": 10_000, "千": 1_000}


def narrative_facts(
    norm: str,
    start: int = 0,
    end: int | None = None,
    *,
    skip: Sequence[Span] = (),
    generation: TableFormat | None = None,
) -> tuple[NarrativeFact, ...]:
    """Every counted number in ``norm[start:end]`` outside the ``skip`` spans (tables).

    The counted numbers of a text are read once (shared through ``zwgk._text.lexer``);
    a later call for the same stretch only leaves out the ``skip`` spans and binds the
    facts to the ``generation``'s indicators.

    Examples:
        >>> from zwgk._parse.facts import narrative_facts
        >>> [(f.phrase, f.value, f.unit, f.qualifier)
        ...  for f in narrative_facts("依申请公开全年共受理5件，发放5万余份，第3项。")]
        [('依申请公开全年共受理', 5, '件', None), ('发放', 50000, '份', '余')]
    """
    stop = len(norm) if end is None else end
    lexed = lex(norm)
    counted = lexed.memo(("facts", start, stop), lambda: _counted(norm, start, stop))
    spans = sorted(skip, key=lambda s: s.start)
    bindings, named = _bindings(generation) if generation is not None else ((), None)
    facts: list[NarrativeFact] = []
    si = 0
    for at, fact, context in counted:
        while si < len(spans) and spans[si].end <= at:
            si += 1
        if si < len(spans) and spans[si].start <= at < spans[si].end:
            continue
        # A part of the whole (其中…, 代表…) restates no table total.
        if named is not None and named.search(context) and not _PART.search(fact.phrase):
            # The cells of the crosswalk's concepts the clause names: bound where just one.
            hits = {cell for p, cell in bindings if p.search(context)}
            if len(hits) == 1:
                indicator, column = hits.pop()
                fact = attrs.evolve(fact, indicator=indicator, column=column)
        facts.append(fact)
    return tuple(facts)


@functools.cache
def _bindings(
    generation: TableFormat,
) -> tuple[tuple[tuple[re.Pattern[str], Key], ...], re.Pattern[str] | None]:
    """The crosswalk's prose bindings of a generation, and one pattern that finds whether
    a clause names any of them (most name none: one search then does for them all)."""
    bindings = prose_bindings(generation)
    if not bindings:
        return bindings, None
    return bindings, re.compile("|".join(f"(?:{p.pattern})" for p, _ in bindings))


def _counted(norm: str, start: int, end: int) -> list[tuple[int, NarrativeFact, str]]:
    """Each counted number of ``norm[start:end]``: where its match starts, the fact, and the
    context a crosswalk phrase is looked for in."""
    lexed = lex(norm)
    found: list[tuple[int, NarrativeFact, str]] = []
    for m in lexed.scan(_FACT, reach=_FACT_REACH).within(start, end):
        number_start, stop = m.span()
        if norm[number_start - 1 : number_start] == "第":
            continue  # 第三项, 第十一个: an ordinal, not a count
        printed, pre, pre2, mult, post, unit = m.group(
            "number", "pre", "pre2", "mult", "post", "unit"
        )
        pre = pre or pre2
        at = number_start - len(pre) if pre else number_start
        if at < start:  # the word before the number lies outside the stretch
            pre, at = None, number_start
        if "0" <= printed[0] <= "9":
            number: int | Decimal = parse_numeral(printed.replace(",", ""))
        else:
            if printed in ("一", "两", "二"):
                continue  # 一项, 一次, 两个: words, not counts
            counted = numeral_or_none(printed)
            if not isinstance(counted, int):
                continue
            number = counted
        factor = _FACTORS.get(mult, 1)
        if mult == "万" and unit == "元":
            unit, factor = "万元", 1
            number = Decimal(str(number))
        if factor != 1:
            number = number * factor
            if isinstance(number, Decimal) and number == number.to_integral_value():
                number = int(number)
        elif unit in MONEY_UNITS and isinstance(number, int):
            number = Decimal(number)
        clause_start = max(start, at - 40)
        brk = lexed.last_break(clause_start, at)
        phrase_start = brk + 1 if brk is not None else clause_start
        phrase = "".join(norm[phrase_start:at].split())  # its blanks dropped
        if pre in ("共计", "共", "达"):
            phrase = (phrase + pre).strip()
        qualifier = post or (pre if pre in ("约", "近", "超过", "逾") else None)
        after = _ITEM_BREAK.search(norm, stop, min(end, stop + 20))
        context = phrase + "".join(norm[at : after.start() if after else stop + 20].split())
        fact = NarrativeFact(
            phrase=phrase,
            raw=norm[number_start:stop],
            value=number,
            unit=unit,
            span=Span._trusted(number_start, stop),  # a match, in order
            qualifier=qualifier,
        )
        found.append((at, fact, context))
    return found
