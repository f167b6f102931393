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

    return _split_total_last(runs, keys, local, holds) or split_runs(
        runs, len(keys), holds if local else None, bound=_settled(keys, local)
    )


def _settled(
    keys: Sequence[Key], local: Sequence[Check]
) -> Callable[[list[str], int], bool] | None:
    """Prune a split as soon as an identity whose cells are all cut fails (表四's blocks)."""
    position = {k: i for i, k in enumerate(keys)}
    by_last: dict[int, list[tuple[str, list[tuple[int, int]]]]] = {}
    for c in local:
        terms = [(position[k], s) for k, s in c.lhs] + [(position[k], -s) for k, s in c.rhs]
        by_last.setdefault(max(i for i, _ in terms), []).append((c.relation, terms))
    if not by_last:
        return None

    def bound(parts: list[str], _left: int) -> bool:
        for relation, terms in by_last.get(len(parts) - 1, ()):
            if not all(parts[i].isdigit() for i, _ in terms):
                continue  # a decimal or a note: not assessable here
            total = sum(s * int(parts[i]) for i, s in terms)
            if not (
                total == 0 if relation == "=" else total <= 0 if relation == "<=" else total >= 0
            ):
                return False
        return True

    return bound


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
