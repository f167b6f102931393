"""Numbers the prose states, as evidence among the cuts of a digit run."""

from __future__ import annotations

from collections.abc import Sequence

from zwgk._parse.tables.template import as_int

#: Each number the prose states exactly, with the phrases that state it.
Evidence = dict[int, tuple[str, ...]]


def _bigrams(text: str) -> set[str]:
    return {text[i : i + 2] for i in range(len(text) - 1)}


def stated_cuts(
    candidates: Sequence[tuple[str, ...]], evidence: Evidence, label: str
) -> list[tuple[str, ...]]:
    """The candidate splits whose parts the prose states best (all when it states none).

    A part counts when the prose states that number (two digits or more: a 0
    or a 7 proves nothing) in a clause that shares character pairs with the
    row's label: at least two for a number of three digits or more, at least
    half the label's pairs for a shorter one, which coincidence matches
    easily.  A candidate scores the digits of its counted parts; the best score
    wins, ties kept (「制发行政规范性文件62件」 settles 62 of 6233440, not the rest).

    Examples:
        >>> from zwgk._parse.tables import stated_cuts
        >>> evidence = {62: ("本年度制发行政规范性文件",)}
        >>> cuts = [("6", "2", "33440"), ("62", "3", "3440"), ("62", "33", "440")]
        >>> stated_cuts(cuts, evidence, "行政规范性文件")
        [('62', '3', '3440'), ('62', '33', '440')]
    """
    grams = _bigrams(label)

    def stated(part: str) -> bool:
        value = as_int(part)
        if len(part) < 2 or value is None:
            return False
        need = 2 if len(part) >= 3 else max(2, (len(grams) + 1) // 2)
        return any(len(grams & _bigrams(phrase)) >= need for phrase in evidence.get(value, ()))

    scores = [sum(len(p) for p in c if stated(p)) for c in candidates]
    best = max(scores, default=0)
    if best == 0:
        return list(candidates)
    return [c for c, score in zip(candidates, scores, strict=True) if score == best]
