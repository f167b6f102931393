"""The cuts of a row's glued digit runs that its own identities allow."""

from __future__ import annotations

import functools
from collections.abc import Sequence

from zwgk._model.identities import Check, Key
from zwgk._parse.resolve import holds
from zwgk._parse.split import SplitResult, split_runs
from zwgk._parse.tables.template import as_int


def row_splits(runs: list[str], keys: tuple[Key, ...], local: Sequence[Check]) -> SplitResult:
    """Every cut of ``runs`` into the cells ``keys`` that the row's identities ``local`` allow.

    Example:
        >>> from zwgk._model.identities import Check
        >>> from zwgk._model.enums import Tag
        >>> keys = (("r", "a"), ("r", "b"), ("r", "t"))
        >>> total = Check("S", Tag.ALWAYS, "=", ((keys[2], 1),), ((keys[0], 1), (keys[1], 1)))
        >>> row_splits(["12315"], keys, [total]).candidates
        (('12', '3', '15'),)
    """

    rules = _rules(keys, tuple(local))
    return _split_total_last(runs, rules) or split_runs(
        runs,
        len(keys),
        rules.allows if local else None,
        bound=rules.bound if rules.asks else None,
        asks=rules.asks,
    )


class _Rules:
    """A row's identities over its cells by position (built once per row's cells)."""

    def __init__(self, keys: tuple[Key, ...], local: tuple[Check, ...]) -> None:
        position = {k: i for i, k in enumerate(keys)}
        self.cells = len(keys)
        #: Each identity: its relation and its terms (cell index, sign; rhs negated).
        self.terms = [
            (
                c.relation,
                [(position[k], s) for k, s in c.lhs] + [(position[k], -s) for k, s in c.rhs],
            )
            for c in local
        ]
        #: The identities by the count of parts cut once their last cell is.
        self.by_count: dict[int, list[tuple[str, list[tuple[int, int]]]]] = {}
        for relation, terms in self.terms:
            self.by_count.setdefault(max(i for i, _ in terms) + 1, []).append((relation, terms))
        self.asks = frozenset(self.by_count)
        #: Whether the last cell is the sum of all the others (表三's 总计).
        others = set(keys[:-1])
        self.total_last = len(keys) >= 3 and any(
            c.relation == "="
            and len(c.lhs) == 1
            and c.lhs[0] == (keys[-1], 1)
            and {k for k, _ in c.rhs} == others
            and all(sign == 1 for _, sign in c.rhs)
            for c in local
        )

    def allows(self, parts: tuple[str, ...]) -> bool:
        """True unless an identity fails on the parts (one not a count says nothing)."""
        for relation, terms in self.terms:
            total = 0
            for i, sign in terms:
                value = as_int(parts[i])
                if value is None:
                    break
                total += sign * value
            else:
                if not holds(relation, total):
                    return False
        return True

    def bound(self, parts: list[str], _left: int) -> bool:
        """Prune a split as soon as an identity whose cells are all cut fails (表四's
        blocks); asked only where an identity's last cell is cut (``asks``)."""
        for relation, terms in self.by_count[len(parts)]:
            total = 0
            for i, sign in terms:
                part = parts[i]
                if not part.isdigit():
                    break  # a decimal or a note: not assessable here
                total += sign * int(part)
            else:
                if not holds(relation, total):
                    return False
        return True


@functools.lru_cache(maxsize=1024)
def _rules(keys: tuple[Key, ...], local: tuple[Check, ...]) -> _Rules:
    return _Rules(keys, local)


def _split_total_last(runs: list[str], rules: _Rules) -> SplitResult | None:
    """Splits of a row whose last cell is the sum of the others (表三's 总计), total first.

    The total's digits end the last run; for each length they may have, the
    rest is cut into the other cells with the running sum never above it, which
    prunes almost every branch.  ``None`` when the row has no such identity.
    """
    if sum(map(len, runs)) < rules.cells + 3:
        return None  # few ways to cut: the plain search is as quick
    if not rules.total_last or not runs[-1].isdigit():
        return None
    last = runs[-1]
    cells = rules.cells - 1
    found: list[tuple[str, ...]] = []
    exhausted = False
    for length in range(1, min(len(last), 18) + 1):
        total = last[-length:]
        if len(total) > 1 and total[0] == "0":
            continue
        head = [*runs[:-1], last[:-length]] if length < len(last) else runs[:-1]
        if not head:
            continue
        limit = int(total)

        def bound(parts: list[str], left: int, limit: int = limit) -> bool:
            subtotal = sum(int(p) for p in parts if p.isdigit())
            rest = cells - len(parts)  # parts still to cut from `left` digits
            if rest == 0 or left - rest + 1 > 17:
                return subtotal <= limit
            if left < rest:  # fewer digits left than parts to cut: no split
                return False
            most: int = 10 ** (left - rest + 1) - 1 + 9 * (rest - 1)
            return subtotal <= limit <= subtotal + most

        def check(parts: tuple[str, ...], total: str = total) -> bool:
            return rules.allows((*parts, total))

        result = split_runs(head, cells, check, bound=bound)
        exhausted = exhausted or result.exhausted
        found.extend((*parts, total) for parts in result.candidates)
    return SplitResult(tuple(found), exhausted)
