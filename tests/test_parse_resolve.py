"""The resolver (`zwgk._parse.resolve`) where rows have one candidate, on problems built here."""

from __future__ import annotations

from hypothesis import given
from hypothesis import strategies as st

import zwgk
from zwgk._model.identities import Check
from zwgk._parse.resolve import Choice, resolve


def _sum(rule: str, total: tuple[str, str], parts: list[tuple[str, str]]) -> Check:
    return Check(rule, zwgk.Tag.ALWAYS, "=", ((total, 1),), tuple((p, 1) for p in parts))


@given(st.lists(st.tuples(st.integers(0, 9), st.integers(0, 9)), max_size=4), st.integers(0, 40))
def test_rows_of_one_candidate_keep_it_whether_the_identities_hold_or_not(
    rows: list[tuple[int, int]], total: int
) -> None:
    choices = [Choice(((f"r{n}", "x"), (f"r{n}", "y")), (row,)) for n, row in enumerate(rows)]
    rules = [_sum("X", ("t", "x"), [(f"r{n}", "x") for n in range(len(rows))])]
    out = resolve({("t", "x"): total}, choices, rules)
    assert [(o.candidates, o.rules) for o in out] == [((row,), ()) for row in rows]


@given(st.integers(0, 20))
def test_an_identity_on_rows_of_one_candidate_leaves_the_others_to_decide(printed: int) -> None:
    # Row a has one candidate and a total of its own (held or broken); row b two, which the
    # column total decides.
    a = Choice((("a", "x"), ("a", "y")), ((5, 6),))
    b = Choice((("b", "x"), ("b", "y")), ((1, 23), (12, 3)))
    rules = [
        _sum("A", ("a", "t"), [("a", "x"), ("a", "y")]),
        _sum("X", ("t", "x"), [("a", "x"), ("b", "x")]),
    ]
    out = resolve({("a", "t"): printed, ("t", "x"): 17}, [a, b], rules)
    assert [(o.candidates, o.rules) for o in out] == [(((5, 6),), ()), (((12, 3),), ("X",))]
