"""Deciding a table's undecided rows together: constraint propagation over candidate splits.

A flattened row (``520010558`` under seven columns) may split several ways on
its own; the table's identities (row sums, column sums, block totals, any
relation of the template) often leave one.  Each undecided row brings its
candidate values; every identity whose cells are all either known or on an
undecided row prunes the candidates no choice of the other rows can satisfy
(generalized arc consistency, with the sums of the other rows computed as
bounded sets).  Pruning repeats until nothing changes.  What survives is
every value the identities allow: one candidate means the row is decided
(and by which identities), several mean it stays open.  An identity the
printed numbers break (no candidate of some row satisfies it) is set aside,
never allowed to force a value.  Work is bounded per identity, so a table
costs time linear in its size.
"""

from __future__ import annotations

import itertools
from collections.abc import Mapping, Sequence

import attrs

from zwgk._model.identities import Check, Key

#: Largest set of partial sums kept per identity; beyond it the identity prunes nothing.
MAX_SUMS = 4096
#: Largest number of joint assignments enumerated after propagation.
MAX_COMBOS = 1024


@attrs.frozen
class Choice:
    """An undecided row: the cells it fills and the candidate values for them, in order."""

    keys: tuple[Key, ...]
    candidates: tuple[tuple[int, ...], ...]


@attrs.frozen
class Outcome:
    """What survives of a choice, and the identities that pruned it."""

    candidates: tuple[tuple[int, ...], ...]
    rules: tuple[str, ...]


def resolve(
    fixed: Mapping[Key, int | None], choices: Sequence[Choice], rules: Sequence[Check]
) -> list[Outcome]:
    """The candidates of each choice that every applicable identity allows.

    ``fixed`` holds the cells already known (``None``: blank or not a number,
    which makes an identity on it unusable).  A check applies when each of its
    cells is known or on a choice.

    Examples:
        >>> from zwgk._model.identities import Check
        >>> from zwgk._model.enums import Tag
        >>> total = Check("S", Tag.ALWAYS, "=", ((("t", "v"), 1),), ((("a", "v"), 1), (("b", "v"), 1)))
        >>> row = Choice((("a", "v"), ("b", "v")), ((1, 23), (12, 3)))
        >>> [o.candidates for o in resolve({("t", "v"): 15}, [row], [total])]
        [((12, 3),)]
    """
    if all(len(c.candidates) == 1 for c in choices):
        # Nothing to decide: an identity can only keep a row's one candidate or be broken.
        return [Outcome(tuple(c.candidates), ()) for c in choices]
    where: dict[Key, tuple[int, int]] = {}
    for i, choice in enumerate(choices):
        for j, key in enumerate(choice.keys):
            where[key] = (i, j)
    usable: list[Check] = []
    for check in rules:
        if not any(k in where for k in check.keys):
            continue
        if all(k in where or isinstance(fixed.get(k), int) for k in check.keys):
            usable.append(check)
    broken: set[int] = set()
    for _ in range(len(usable) + 1):
        domains = [list(c.candidates) for c in choices]
        pruned_by: list[set[str]] = [set() for _ in choices]
        failed = _propagate(fixed, where, usable, broken, domains, pruned_by)
        if failed is None:
            break
        broken.add(failed)  # the printed numbers break it: it decides nothing
    else:  # pragma: no cover - every round sets one more identity aside
        return [Outcome(c.candidates, ()) for c in choices]
    before = [len(d) for d in domains]
    deciding = _enumerate(
        fixed, where, [u for k, u in enumerate(usable) if k not in broken], domains
    )
    for i, d in enumerate(domains):
        if len(d) < before[i]:
            pruned_by[i].update(deciding)
    return [
        Outcome(tuple(d), tuple(sorted(p)) if len(d) < len(c.candidates) else ())
        for c, d, p in zip(choices, domains, pruned_by, strict=True)
    ]


def _propagate(
    fixed: Mapping[Key, int | None],
    where: Mapping[Key, tuple[int, int]],
    usable: Sequence[Check],
    broken: set[int],
    domains: list[list[tuple[int, ...]]],
    pruned_by: list[set[str]],
) -> int | None:
    """Prune to a fixpoint; the index of an identity that empties a domain, else None."""
    active = [k for k in range(len(usable)) if k not in broken]
    by_choice: dict[int, list[int]] = {}
    for k in active:
        for key in usable[k].keys:
            if key in where:
                by_choice.setdefault(where[key][0], []).append(k)
    queue = list(active)
    queued = set(queue)
    steps = 0
    limit = 50 * (len(active) + 1)
    while queue and steps < limit:
        steps += 1
        k = queue.pop()
        queued.discard(k)
        changed = _revise(fixed, where, usable[k], domains)
        if changed is None:
            return k
        for i in changed:
            pruned_by[i].add(usable[k].rule)
            for other in by_choice.get(i, ()):
                if other not in queued:
                    queued.add(other)
                    queue.append(other)
    return None


def _terms(check: Check) -> list[tuple[Key, int]]:
    return [(k, s) for k, s in check.lhs] + [(k, -s) for k, s in check.rhs]


def holds(relation: str, total: int) -> bool:
    """True when an identity whose two sides differ by ``total`` (lhs - rhs) holds.

    Example:
        >>> from zwgk._parse.resolve import holds
        >>> holds("=", 0), holds("<=", 2), holds(">=", 2)
        (True, False, True)
    """
    if relation == "=":
        return total == 0
    if relation == "<=":
        return total <= 0
    return total >= 0


def _revise(
    fixed: Mapping[Key, int | None],
    where: Mapping[Key, tuple[int, int]],
    check: Check,
    domains: list[list[tuple[int, ...]]],
) -> list[int] | None:
    """Drop the candidates this check rules out; the choices changed, or None if one empties."""
    constant = 0
    parts: dict[int, list[tuple[int, int]]] = {}  # choice -> [(position, sign)]
    for key, sign in _terms(check):
        if key in where:
            i, j = where[key]
            parts.setdefault(i, []).append((j, sign))
        else:
            value = fixed.get(key)
            assert isinstance(value, int)
            constant += sign * value
    involved = list(parts)
    contributions = [
        [sum(s * cand[j] for j, s in parts[i]) for cand in domains[i]] for i in involved
    ]
    if contributions and all(len(c) == 1 for c in contributions):  # the check holds or not
        total = constant + sum(c[0] for c in contributions)
        return [] if holds(check.relation, total) else None
    sets = [set(c) for c in contributions]
    changed: list[int] = []
    if check.relation == "=":
        prefix: list[set[int] | None] = [{0}]
        for s in sets:
            prefix.append(_add(prefix[-1], s))
        suffix: list[set[int] | None] = [{0}]
        for s in reversed(sets):
            suffix.append(_add(suffix[-1], s))
        suffix.reverse()
        for n, i in enumerate(involved):
            others = _add(prefix[n], suffix[n + 1])
            if others is None:
                continue
            keep = [
                cand
                for cand, c in zip(domains[i], contributions[n], strict=True)
                if -(constant + c) in others
            ]
            if not keep:
                return None
            if len(keep) < len(domains[i]):
                domains[i] = keep
                changed.append(i)
                contributions[n] = [sum(s * cand[j] for j, s in parts[i]) for cand in domains[i]]
        return changed
    lows = [min(s) for s in sets]
    highs = [max(s) for s in sets]
    for n, i in enumerate(involved):
        other_low = sum(lows) - lows[n]
        other_high = sum(highs) - highs[n]
        # <= needs the smallest total to fit; >= the largest.
        best = other_low if check.relation == "<=" else other_high
        keep = [
            cand
            for cand, c in zip(domains[i], contributions[n], strict=True)
            if holds(check.relation, constant + c + best)
        ]
        if not keep:
            return None
        if len(keep) < len(domains[i]):
            domains[i] = keep
            changed.append(i)
            values = [sum(s * cand[j] for j, s in parts[i]) for cand in keep]
            lows[n], highs[n] = min(values), max(values)
    return changed


def _add(a: set[int] | None, b: set[int] | None) -> set[int] | None:
    """The sums of one element of each set, or None when that set would grow too large."""
    if a is None or b is None or len(a) * len(b) > MAX_SUMS * 4:
        return None
    out = {x + y for x in a for y in b}
    return out if len(out) <= MAX_SUMS else None


def _enumerate(
    fixed: Mapping[Key, int | None],
    where: Mapping[Key, tuple[int, int]],
    usable: Sequence[Check],
    domains: list[list[tuple[int, ...]]],
) -> tuple[str, ...]:
    """Where few joint assignments remain, keep only those satisfying every identity at once."""
    open_ = [i for i, d in enumerate(domains) if len(d) > 1]
    combos = 1
    for i in open_:
        combos *= len(domains[i])
        if combos > MAX_COMBOS:
            return ()
    if combos <= 1:
        return ()
    relevant = [c for c in usable if any(k in where and where[k][0] in open_ for k in c.keys)]
    survivors: list[tuple[tuple[int, ...], ...]] = []
    for combo in itertools.product(*(domains[i] for i in open_)):
        chosen = dict(zip(open_, combo, strict=True))

        def value(key: Key, chosen: dict[int, tuple[int, ...]] = chosen) -> int:
            if key in where:
                i, j = where[key]
                return chosen[i][j] if i in chosen else domains[i][0][j]
            found = fixed.get(key)
            assert isinstance(found, int)
            return found

        if all(holds(c.relation, sum(s * value(k) for k, s in _terms(c))) for c in relevant):
            survivors.append(combo)
    if not survivors:
        return ()
    for n, i in enumerate(open_):
        kept = {combo[n] for combo in survivors}
        domains[i] = [cand for cand in domains[i] if cand in kept]
    return tuple(c.rule for c in relevant)
