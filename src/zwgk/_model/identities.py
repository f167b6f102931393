"""Identities bound to concrete cells, and checked: one engine for parsing and validation.

An `zwgk.Identity` of a template may use wildcards (``*[total] =
*[natural_person] + …`` holds for every row); `checks`
binds it to each row and column the template has, once per template.
"""

from __future__ import annotations

import functools

import attrs

from zwgk._model.enums import Tag
from zwgk._model.indicators import TableTemplate, Term

Key = tuple[str, str]


@attrs.frozen
class Check:
    """An identity bound to concrete cells: ``Σ lhs (relation) Σ rhs``."""

    rule: str
    tag: Tag
    relation: str
    lhs: tuple[tuple[Key, int], ...]
    rhs: tuple[tuple[Key, int], ...]

    @functools.cached_property
    def keys(self) -> tuple[Key, ...]:
        """Every cell the check reads."""
        return tuple(k for k, _ in (*self.lhs, *self.rhs))

    def verdict(self, values: dict[Key, int | None]) -> bool | None:
        """True/False when every cell has an integer value, else None (not assessable)."""
        left = 0
        for key, sign in self.lhs:
            value = values.get(key)
            if value is None:
                return None
            left += sign * value
        right = 0
        for key, sign in self.rhs:
            value = values.get(key)
            if value is None:
                return None
            right += sign * value
        if self.relation == "=":
            return left == right
        if self.relation == "<=":
            return left <= right
        return left >= right

    def evidence(self, values: dict[Key, int | None]) -> int:
        """+1 when it holds on some non-zero value, -1 when it fails, else 0."""
        verdict = self.verdict(values)
        if verdict is None:
            return 0
        if verdict is False:
            return -1
        return 1 if any(values.get(k) for k in self.keys) else 0


_CHECKS: dict[int, tuple[TableTemplate, tuple[Check, ...]]] = {}


def checks(template: TableTemplate) -> tuple[Check, ...]:
    """Every within-year identity of a template, its wildcards bound to each row and column.

    Example:
        >>> import zwgk
        >>> from zwgk._model.identities import checks
        >>> len([c for c in checks(zwgk.indicator_tree("f2021").table("t3")) if c.rule == "T3-3"])
        30
    """
    cached = _CHECKS.get(id(template))
    if cached is not None and cached[0] is template:
        return cached[1]
    cells = {(r.id, c.id) for r in template.walk() for c in template.columns_of(r)}
    out: list[Check] = []
    for identity in template.identities:
        if identity.cross_year:
            continue
        row_wild = any(t.indicator == "*" for t in identity.terms)
        col_wild = any(t.column == "*" for t in identity.terms)
        for ind in [r.id for r in template.walk()] if row_wild else [None]:
            for col in [c.id for c in template.columns] if col_wild else [None]:

                def bind(
                    side: tuple[Term, ...], ind: str | None = ind, col: str | None = col
                ) -> tuple[tuple[Key, int], ...]:
                    return tuple(
                        (
                            (
                                ind if t.indicator == "*" and ind else t.indicator,
                                col if t.column == "*" and col else t.column,
                            ),
                            t.sign,
                        )
                        for t in side
                    )

                lhs, rhs = bind(identity.lhs), bind(identity.rhs)
                if all(k in cells for k, _ in (*lhs, *rhs)):
                    out.append(Check(identity.id, identity.tag, identity.relation, lhs, rhs))
    _CHECKS[id(template)] = (template, tuple(out))
    return tuple(out)
