"""The cuts of a row's glued digit runs that its own identities allow."""

from __future__ import annotations

from collections.abc import Callable, Sequence

from zwgk._model.identities import Check, Key
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

    def holds(parts: tuple[str, ...]) -> bool:
        values = dict(zip(keys, (as_int(p) for p in parts), strict=True))
        return all(c.verdict(values) is not False for c in local)

    bound, asks = _settled(keys, local)
    return _split_total_last(runs, keys, local, holds) or split_runs(
        runs, len(keys), holds if local else None, bound=bound, asks=asks
    )


def _settled(
    keys: Sequence[Key], local: Sequence[Check]
) -> tuple[Callable[[list[str], int], bool] | None, frozenset[int]]:
    """Prune a split as soon as an identity whose cells are all cut fails (表四's blocks):
    the bound, and the part counts it is asked at (where an identity's last cell is cut)."""
    position = {k: i for i, k in enumerate(keys)}
    by_count: dict[int, list[tuple[str, list[tuple[int, int]]]]] = {}
    for c in local:
        terms = [(position[k], s) for k, s in c.lhs] + [(position[k], -s) for k, s in c.rhs]
        by_count.setdefault(max(i for i, _ in terms) + 1, []).append((c.relation, terms))
    if not by_count:
        return None, frozenset()

    def bound(parts: list[str], _left: int) -> bool:
        for relation, terms in by_count[len(parts)]:
            total = 0
            for i, sign in terms:
                part = parts[i]
                if not part.isdigit():
                    break  # a decimal or a note: not assessable here
                total += sign * int(part)
            else:
                if not (
                    total == 0
                    if relation == "="
                    else total <= 0
                    if relation == "<="
                    else total >= 0
                ):
                    return False
        return True

    return bound, frozenset(by_count)


def _split_total_last(
    runs: list[str],
    keys: Sequence[Key],
    local: Sequence[Check],
    holds: Callable[[tuple[str, ...]], bool],
) -> SplitResult | None:
    """Splits of a row whose last cell is the sum of the others (表三's 总计), total first.

    The total's digits end the last run; for each length they may have, the
    rest is cut into the other cells with the running sum never above it, which
    prunes almost every branch.  ``None`` when the row has no such identity.
    """
    others = set(keys[:-1])
    if sum(map(len, runs)) < len(keys) + 3:
        return None  # few ways to cut: the plain search is as quick
    if (
        len(keys) < 3
        or not runs[-1].isdigit()
        or not any(
            c.relation == "="
            and len(c.lhs) == 1
            and c.lhs[0] == (keys[-1], 1)
            and {k for k, _ in c.rhs} == others
            and all(sign == 1 for _, sign in c.rhs)
            for c in local
        )
    ):
        return None
    last = runs[-1]
    cells = len(keys) - 1
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
            return holds((*parts, total))

        result = split_runs(head, cells, check, bound=bound)
        exhausted = exhausted or result.exhausted
        found.extend((*parts, total) for parts in result.candidates)
    return SplitResult(tuple(found), exhausted)
