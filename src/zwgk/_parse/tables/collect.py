"""Turning a strategy's proposals into a table: cells, unplaced tokens, findings.

The one place a table's findings are written.  Proposals are applied in
order: a token per cell, extra values unplaced, a second value for a cell
unplaced.  Rows whose digits ran together are held with their candidate cuts
until every proposal is in; then the whole table's identities decide them at
once (`zwgk._parse.resolve`), the prose may pick among what is left, and a
row still open keeps its alternatives with a finding.  Never a silent guess.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from decimal import Decimal
from typing import Any, cast

import attrs

from zwgk._findings import (
    TABLE_AMBIGUOUS_SPLIT,
    TABLE_SPLIT_INFERRED,
    TABLE_UNPLACED,
    TABLE_VALUES_APART,
    finding,
)
from zwgk._model import Cell, Finding, Ref, Span, TableTemplate, TokenClass, Unplaced
from zwgk._model.identities import Key
from zwgk._parse.resolve import Choice, resolve
from zwgk._parse.split import SplitResult
from zwgk._parse.tables.evidence import Evidence, stated_cuts
from zwgk._parse.tables.proposals import Apart, Fill, Leave, Place, Proposal
from zwgk._parse.tables.splits import row_splits
from zwgk._parse.tables.template import Slot, Terms, as_int, compiled
from zwgk._parse.tokens import Token, classify, part_offsets


@attrs.frozen
class Collected:
    """A table's cells in template order, its unplaced tokens and its findings."""

    cells: tuple[Cell, ...]
    unplaced: tuple[Unplaced, ...]
    findings: tuple[Finding, ...]


def collect(
    text: str,
    template: TableTemplate,
    proposals: Iterable[Proposal],
    evidence: Evidence | None = None,
) -> Collected:
    """Apply ``proposals`` in order, then decide the rows left split several ways.

    Example:
        >>> import zwgk
        >>> from zwgk._parse.tables.collect import collect
        >>> from zwgk._parse.tables.proposals import Fill
        >>> from zwgk._parse.tables.template import compiled
        >>> from zwgk._parse.tokens import find_tokens
        >>> t2 = zwgk.indicator_tree("f2021").table("t2")
        >>> rules = compiled(t2).value_rows[0]
        >>> text = "规章 1 0 5"
        >>> got = collect(text, t2, [Fill(rules.slots, tuple(find_tokens(text, 2, 8)), 2)])
        >>> [(c.column, c.value) for c in got.cells]
        [('issued', 1), ('repealed', 0), ('in_force', 5)]
    """
    collector = _Collector(text, template, evidence or {})
    for item in proposals:
        collector.apply(item)
    collector.resolve()
    return Collected(tuple(collector.cells()), tuple(collector.unplaced), tuple(collector.findings))


class _Collector:
    def __init__(self, text: str, template: TableTemplate, evidence: Evidence) -> None:
        self.text = text
        self.template = template
        self.compiled = compiled(template)
        self.evidence = evidence
        self.placed: dict[Key, Cell] = {}
        self.pending: list[tuple[Sequence[Slot], Sequence[Token], tuple[tuple[str, ...], ...]]] = []
        self.split_cells: list[Ref] = []
        #: The identities inside each pending row that its cuts had to satisfy.
        self.row_rules: list[tuple[str, ...]] = []
        self.splits: dict[tuple[tuple[str, ...], int, tuple[Terms, ...]], SplitResult] = {}
        self.unplaced: list[Unplaced] = []
        self.findings: list[Finding] = []

    def apply(self, item: Proposal) -> None:
        if isinstance(item, Fill):
            self.fill(item.slots, item.tokens, item.blank_at)
        elif isinstance(item, Place):
            for slot, token in zip(item.slots, item.tokens, strict=True):
                self.put(slot, token, inferred=item.reason)
        elif isinstance(item, Leave):
            self.leave(item.tokens, item.reason)
        elif isinstance(item, Apart):
            args: dict[str, Any] = dict(item.args)  # the message's fields
            self.findings.append(
                finding(
                    TABLE_VALUES_APART,
                    variant=item.variant,
                    severity=item.severity,
                    refs=item.refs,
                    **args,
                )
            )

    def fill(self, slots: Sequence[Slot], tokens: Sequence[Token], blank_at: int) -> None:
        if not tokens:
            for slot in slots:
                self.put(slot, None, blank_at=blank_at)
            return
        if len(tokens) == len(slots):
            for slot, token in zip(slots, tokens, strict=True):
                self.put(slot, token)
            return
        if len(tokens) > len(slots):
            for slot, token in zip(slots, tokens, strict=False):
                self.put(slot, token)
            self.leave(tokens[len(slots) :], f"more values than the {len(slots)} cells of the row")
            return
        self.split(slots, tokens)

    def split(self, slots: Sequence[Slot], tokens: Sequence[Token]) -> None:
        if any(t.kind != "num" for t in tokens):
            self.leave(tokens, f"{len(tokens)} values for {len(slots)} cells and nothing to split")
            return
        runs = [t.raw for t in tokens]
        keys = tuple(s.key for s in slots)
        local = self.compiled.within(keys)
        # The cuts depend on the runs and on the row's identities by position alone: rows
        # alike (「0000000」 under 表三's columns) are cut once a table.
        alike = (tuple(runs), len(keys), self.compiled.terms(keys))
        result = self.splits.get(alike)
        if result is None:
            result = self.splits[alike] = row_splits(runs, keys, local)
        if not result.candidates:
            why = "the search bound was reached" if result.exhausted else "no split fits"
            self.leave(tokens, f"cannot split {'+'.join(runs)} into {len(slots)} cells: {why}")
            return
        self.pending.append((slots, tokens, result.candidates))
        self.row_rules.append(tuple(sorted({c.rule for c in local})))

    def put(
        self,
        slot: Slot,
        token: Token | None,
        *,
        blank_at: int = 0,
        inferred: str | None = None,
        alternatives: tuple[int | Decimal, ...] = (),
        value_override: tuple[TokenClass, int | Decimal | None] | None = None,
    ) -> None:
        key = slot.key
        if token is None:
            token = Token("blank", "", blank_at, blank_at)
        if key in self.placed:
            self.leave([token], f"a second value for {key[0]}[{key[1]}]")
            return
        _kind, _printed, start, end, unit, note = token
        if value_override is not None:
            token_class, value = value_override
        else:
            token_class, value = classify(token, money=slot.money)
        raw = self.text[start:end]
        self.placed[key] = Cell._trusted(
            key[0],
            slot.column,
            slot.row_labels,
            slot.column_labels,
            raw,
            value,
            token_class,
            unit or slot.unit,
            Span._trusted(start, start + len(raw)),
            note,
            inferred,
            alternatives,
        )

    def leave(self, tokens: Iterable[Token], reason: str) -> None:
        tokens = list(tokens)
        for token in tokens:
            if token.kind == "blank":
                continue
            self.unplaced.append(Unplaced(token.raw, Span(token.start, token.end), reason))
        if tokens:
            self.findings.append(
                finding(
                    TABLE_UNPLACED,
                    refs=tuple(Ref(span=Span(t.start, t.end)) for t in tokens[:8]),
                    count=len(tokens),
                    table=self.template.qualified_id,
                    reason=reason,
                )
            )

    def cells(self) -> list[Cell]:
        # Template order, not discovery order (every slot is a cell of the template).
        placed = self.placed
        cells = [placed[k] for k in self.compiled.cell_order if k in placed]
        assert len(cells) == len(placed), "every slot proposed is one of the template's"
        return cells

    # -- rows split several ways -----------------------------------------------------------

    def resolve(self) -> None:
        """Decide pending splits for the whole table at once, else keep their candidates.

        Every identity of the template prunes the cuts no choice of the other
        rows can satisfy (`zwgk._parse.resolve.resolve`); then the
        prose may pick among the cuts left, and what it picked propagates again.
        """
        if not self.pending:
            return
        # The cells known (a row cut one way is known too): built only once a row is
        # left to decide, as nothing else reads them.
        fixed: dict[Key, int | None] | None = None
        rules = self.compiled.always
        domains = [list(candidates) for _, _, candidates in self.pending]
        decided_by: list[tuple[str, ...]] = list(self.row_rules)
        stated: list[bool] = [False for _ in self.pending]
        for round_ in range(2):
            indexed: list[tuple[int, Choice]] = []
            settled: list[int] = []
            for i, (slots, _tokens, _all) in enumerate(self.pending):
                if len(domains[i]) == 1:
                    settled.append(i)
                elif (ints := _ints(domains[i])) is not None:
                    indexed.append((i, Choice(tuple(s.key for s in slots), ints)))
            if not indexed:
                break
            if fixed is None:
                fixed = {
                    k: c.value if isinstance(c.value, int) else None for k, c in self.placed.items()
                }
            for i in settled:  # settled on its own: a known value for the others
                if (ints := _ints(domains[i])) is not None:
                    fixed.update(zip((s.key for s in self.pending[i][0]), ints[0], strict=True))
            outcomes = resolve(fixed, [c for _, c in indexed], rules)
            for (i, choice), outcome in zip(indexed, outcomes, strict=True):
                kept = set(outcome.candidates)
                domains[i] = [
                    d for d, v in zip(domains[i], choice.candidates, strict=True) if v in kept
                ]
                decided_by[i] = tuple(sorted({*decided_by[i], *outcome.rules}))
            if round_ == 1:
                break
            changed = False
            for i, (slots, _tokens, _all) in enumerate(self.pending):
                label = "".join(self.compiled.core[s.indicator.id] for s in slots[:1])
                narrowed = stated_cuts(domains[i], self.evidence, label)
                if len(narrowed) < len(domains[i]):
                    domains[i], stated[i], changed = narrowed, True, True
            if not changed:
                break
        for (slots, tokens, every), cands, rules_used, prose in zip(
            self.pending, domains, decided_by, stated, strict=True
        ):
            self.place_split(slots, tokens, cands, rules_used, prose=prose, of=len(every))
        if self.split_cells:
            self.findings.append(
                finding(
                    TABLE_SPLIT_INFERRED,
                    refs=tuple(self.split_cells),
                    count=len(self.split_cells),
                    table=self.template.qualified_id,
                )
            )

    def place_split(
        self,
        slots: Sequence[Slot],
        tokens: Sequence[Token],
        candidates: Sequence[tuple[str, ...]],
        rules: tuple[str, ...],
        *,
        prose: bool,
        of: int,
    ) -> None:
        runs = "+".join(t.raw for t in tokens)
        if len(candidates) == 1:
            if prose:
                how = f"of {of} cuts, only this one gives a number the prose states"
            elif rules:
                how = f"by the table's identities ({', '.join(rules)})"
            else:
                how = "the only cut that fits"
            reason = f"split of the digit run {runs}: {how}"
            # Each part inside the token it came from (`part_offsets`), for its span; the
            # last part keeps its token's unit.
            parts = candidates[0]
            last = len(parts) - 1
            for i, (slot, (start, token)) in enumerate(
                zip(slots, part_offsets(list(tokens), parts), strict=True)
            ):
                raw = parts[i]
                unit = token.unit if i == last else None
                piece = _new(Token, ("num", raw, start, start + len(raw), unit, None))
                self.put(slot, piece, inferred=reason)
            self.split_cells.extend(s.ref for s in slots)
            return
        reason = f"digit run {runs} has {len(candidates)} possible splits; value left open"
        settled = f"digit run {runs} has {len(candidates)} possible splits, alike in this cell"
        if prose:
            reason += f" (of {of} cuts, these give a number the prose states)"
            settled += f" (of {of} cuts, these give a number the prose states)"
        offsets = part_offsets(list(tokens), candidates[0])
        for i, slot in enumerate(slots):
            options = sorted({_number(c[i]) for c in candidates})
            self._place_one(
                slot,
                offsets,
                candidates[0],
                i,
                reason if len(options) > 1 else settled,
                tuple(options),
                open_=len(options) > 1,
            )
        self.findings.append(
            finding(
                TABLE_AMBIGUOUS_SPLIT,
                refs=tuple(s.ref for s in slots),
                runs=runs,
                count=len(candidates),
                width=len(slots),
                candidates="; ".join(",".join(c) for c in candidates[:6]),
            )
        )

    def _place_one(
        self,
        slot: Slot,
        offsets: Sequence[tuple[int, Token]],
        parts: tuple[str, ...],
        index: int,
        reason: str,
        alternatives: tuple[int | Decimal, ...],
        *,
        open_: bool = False,
    ) -> None:
        # Part `index` inside the token it came from (`part_offsets`), for its span.
        start, token = offsets[index]
        raw = parts[index]
        if open_:
            covering = Token("num", token.raw, token.start, token.end, token.unit)
            self.put(
                slot,
                covering,
                inferred=reason,
                alternatives=alternatives,
                value_override=(TokenClass.NUMBER, None),
            )
            return
        piece = Token(
            "num", raw, start, start + len(raw), token.unit if index == len(parts) - 1 else None
        )
        self.put(slot, piece, inferred=reason, alternatives=alternatives)


#: A token from all its fields at once (see `zwgk._parse.tokens`).
_new = tuple.__new__


def _ints(candidates: Sequence[tuple[str, ...]]) -> tuple[tuple[int, ...], ...] | None:
    """The candidates as counts, or None when a part is not one (a decimal)."""
    out = []
    for parts in candidates:
        values = tuple(as_int(p) for p in parts)
        if any(v is None for v in values):
            return None
        out.append(cast(tuple[int, ...], values))
    return tuple(out)


def _number(raw: str) -> int | Decimal:
    value = as_int(raw)
    return Decimal(raw.replace(",", "")) if value is None else value
