"""Splitting runs of digits that a flattened table glued together (``640020470``).

A run of ``L`` digits that must fill ``n`` cells has at most C(L-1, n-1)
splits; with the rule that no cell but ``0`` starts with ``0`` far fewer
remain.  The search is bounded: it stops after ``max_steps`` steps or
``max_candidates`` candidates and says so, so a 10 MB run of digits costs
no more than a short one.
"""

from __future__ import annotations

from collections.abc import Callable, Container, Sequence

import attrs

#: Default bound on the search steps of one split.
MAX_STEPS = 50_000
#: Default bound on the candidates one split keeps.
MAX_CANDIDATES = 256
#: Rows wider than this are never split (the deepest template row has 15 cells).
MAX_CELLS = 64
#: Runs longer than this are never split (no table cell has that many digits).
MAX_RUN = 40


@attrs.frozen
class SplitResult:
    """The splits of some runs into cells that pass a check, and whether the search was cut."""

    candidates: tuple[tuple[str, ...], ...]
    exhausted: bool


def split_runs(
    runs: Sequence[str],
    cells: int,
    check: Callable[[tuple[str, ...]], bool] | None = None,
    *,
    bound: Callable[[list[str], int], bool] | None = None,
    asks: Container[int] | None = None,
    max_steps: int = MAX_STEPS,
    max_candidates: int = MAX_CANDIDATES,
) -> SplitResult:
    """Every way to cut ``runs`` (in order) into ``cells`` parts that passes ``check``.

    Each run gives at least one part; a part never starts with ``0`` unless it
    is ``0``; the decimal places of a run (``13575394432.52``) stay on its
    last part; a run holding anything but digits and one decimal point is never cut.
    ``bound(parts, digits_left)`` may cut the search short: it is asked after
    each part (only after ``asks`` parts, when given: where it can say no) and returns
    False when no completion of ``parts`` can pass ``check``.

    Examples:
        >>> from zwgk._parse.split import split_runs
        >>> total_ok = lambda parts: int(parts[-1]) == sum(map(int, parts[:-1]))
        >>> split_runs(["710000071"], 7, total_ok).candidates
        (('71', '0', '0', '0', '0', '0', '71'),)
    """
    if cells < len(runs) or cells > MAX_CELLS or any(len(r) > MAX_RUN for r in runs):
        return SplitResult((), False)
    found: list[tuple[str, ...]] = []
    steps = 0
    parts: list[str] = []
    min_left = [0] * (len(runs) + 1)
    max_left = [0] * (len(runs) + 1)
    digits: list[str] = []
    suffixes: list[str] = []
    for run in runs:
        whole, dot, fraction = run.partition(".")
        cuttable = whole.isdigit() and (not dot or fraction.isdigit())
        digits.append(whole if cuttable else "")
        suffixes.append(dot + fraction if cuttable else run)
    digits_after = [0] * (len(runs) + 1)
    for i in range(len(runs) - 1, -1, -1):
        uncuttable = not digits[i]
        min_left[i] = min_left[i + 1] + 1
        max_left[i] = max_left[i + 1] + (1 if uncuttable else len(digits[i]))
        digits_after[i] = digits_after[i + 1] + len(digits[i] or runs[i])
    if not (min_left[0] <= cells <= max_left[0]):
        return SplitResult((), False)

    # Whether the bound is asked after n parts (never more than ``cells`` are cut).
    ask = [asks is None or n in asks for n in range(cells + 1)]
    if cells == max_left[0] and cells < max_steps and max_candidates > 0:
        return _digit_each(runs, digits, suffixes, digits_after, check, bound, ask)
    n_runs = len(runs)

    def walk(run_index: int, pos: int) -> bool:
        # Returns False when a bound was hit and the search must stop.
        nonlocal steps
        steps += 1
        if steps > max_steps or len(found) >= max_candidates:
            return False
        if run_index == n_runs:
            if len(parts) == cells and (check is None or check(tuple(parts))):
                found.append(tuple(parts))
            return True
        run = digits[run_index]
        if not run:
            parts.append(suffixes[run_index])
            ok = walk(run_index + 1, 0)
            parts.pop()
            return ok
        placed = len(parts)
        left_after = cells - placed - 1  # parts still to place after this one
        if pos and placed >= cells:
            return True
        size = len(run)
        need_min, need_max = min_left[run_index + 1], max_left[run_index + 1]
        # A part never starts with 0 unless it is 0; too few digits left for the parts
        # still to place (and fewer further on) ends the cuts.
        last = min(pos + 1 if run[pos] == "0" else size, size + need_max - left_after)
        for end in range(pos + 1, last + 1):
            if end == size:
                if not (need_min <= left_after <= need_max):
                    continue
                parts.append(run[pos:] + suffixes[run_index])
                if (
                    bound is not None
                    and ask[placed + 1]
                    and not bound(parts, digits_after[run_index + 1])
                ):
                    parts.pop()
                    continue
                ok = walk(run_index + 1, 0)
            else:
                if left_after < 1 + need_min:
                    continue  # only the rest of the run as one piece fits
                parts.append(run[pos:end])
                left = size - end + digits_after[run_index + 1]
                if bound is not None and ask[placed + 1] and not bound(parts, left):
                    parts.pop()
                    continue
                ok = walk(run_index, end)
            parts.pop()
            if not ok:
                return False
        return True

    complete = walk(0, 0)
    return SplitResult(tuple(found), not complete)


def _digit_each(
    runs: Sequence[str],
    digits: list[str],
    suffixes: list[str],
    digits_after: list[int],
    check: Callable[[tuple[str, ...]], bool] | None,
    bound: Callable[[list[str], int], bool] | None,
    ask: list[bool],
) -> SplitResult:
    """The one cut that gives every digit a part of its own (an uncut run one part):
    what the search finds when the runs hold as many digits as there are parts."""
    parts: list[str] = []
    for i, run in enumerate(digits):
        if not run:
            parts.append(suffixes[i])
            continue
        for end in range(1, len(run) + 1):
            last = end == len(run)
            parts.append(run[end - 1] + suffixes[i] if last else run[end - 1])
            left = (0 if last else len(run) - end) + digits_after[i + 1]
            if bound is not None and ask[len(parts)] and not bound(parts, left):
                return SplitResult((), False)
    found = tuple(parts)
    ok = check is None or check(found)
    return SplitResult((found,) if ok else (), False)
