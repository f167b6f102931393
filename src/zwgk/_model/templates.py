"""The registry of table templates: the indicator trees parsing, validation and rendering use.

A `zwgk.Templates` registry holds one indicator tree per
generation (by default the shipped ``legacy_2014``, ``f2019`` and ``f2021``).
Everything a generation means lives in its tree: tables, rows, columns,
identities and the finding code of each, the sections a report prints, the
years it covers and the family it is compared within.  The registry answers
the questions the code used to answer with its own tables (which generation
a year uses, which sections are required, which template a table names) and
keeps the views derived from each template (bound identities, group
definitions, cross-year checks), compiled once.
"""

from __future__ import annotations

import functools
from collections.abc import Iterable, Iterator, Mapping

import attrs

from zwgk._errors import UnknownError
from zwgk._model.enums import Tag
from zwgk._model.identities import Check, Key, checks
from zwgk._model.indicators import (
    KNOWN_TREES,
    Identity,
    IndicatorTree,
    SectionTemplate,
    TableTemplate,
    TemplateRef,
    Term,
    indicator_tree,
)
from zwgk._model.tables import StatTable

__all__ = ["Compiled", "Templates"]


def _zeroed(identity: Identity) -> Identity:
    def flat(side: tuple[Term, ...]) -> tuple[Term, ...]:
        return tuple(attrs.evolve(t, year_offset=0) for t in side)

    return attrs.evolve(identity, lhs=flat(identity.lhs), rhs=flat(identity.rhs))


class Compiled:
    """The views derived from one template, each built on first use and kept.

    ``checks`` are its within-year identities bound to cells;
    ``definitions`` the group cells an ``always`` identity defines as the
    plain sum of other cells (f2021 T3-5: ``other_handling`` = Σ its three
    sub-rows); ``cross_checks`` its cross-year identities bound to cells,
    each with its identity.

    Example:
        >>> import zwgk
        >>> views = zwgk.Templates().compiled(zwgk.indicator_tree("f2021").table("t3"))
        >>> len(views.checks) > 0, ("other_handling", "total") in views.definitions
        (True, True)
        >>> [identity.id for _, identity in views.cross_checks][:1]
        ['X-1']
    """

    def __init__(self, template: TableTemplate) -> None:
        self.template = template

    @functools.cached_property
    def checks(self) -> tuple[Check, ...]:
        """Every within-year identity, its wildcards bound to each row and column."""
        return checks(self.template)

    @functools.cached_property
    def definitions(self) -> Mapping[Key, tuple[Key, ...]]:
        """Group cells defined by an ``always`` identity as the plain sum of other cells."""
        out: dict[Key, tuple[Key, ...]] = {}
        for check in self.checks:
            if check.tag is not Tag.ALWAYS or check.relation != "=" or len(check.lhs) != 1:
                continue
            (key, sign), parts = check.lhs[0], check.rhs
            row = self.template.find(key[0])
            if sign == 1 and row is not None and row.group and all(s == 1 for _, s in parts):
                out.setdefault(key, tuple(k for k, _ in parts))
        return out

    @functools.cached_property
    def cross_checks(self) -> tuple[tuple[Check, Identity], ...]:
        """Every cross-year identity bound to cells (in the order of its terms), with it."""
        # The same identity with its year offsets set to 0 binds to the same cells; the
        # offsets are read back by position, since a bound check keeps its terms' order.
        cross = {i.id: i for i in self.template.identities if i.cross_year}
        flat = attrs.evolve(self.template, identities=tuple(_zeroed(i) for i in cross.values()))
        return tuple((c, cross[c.rule]) for c in checks(flat))


class Templates:
    """A registry of indicator trees, one per generation: the shipped ones by default.

    Pass a registry to `zwgk.parse`, `zwgk.validate`,
    `zwgk.render` and `zwgk.harmonize` to use a tree of
    your own: build it with `zwgk.tree_from_data` and
    ``register`` it (a new registry is returned; registries never change, so
    the views they compile stay right).  A tree replaces the one of its
    generation, or adds a generation: ``legacy_local`` or an id of its own
    (`zwgk.TableFormat` takes any lower-case id).

    `zwgk.parse` detects the generation over the registry's trees and
    reads the tables on its tree; a local table (recognised by its own
    header) is read on a registered ``local`` tree that prints its labels.
    A tree's ``markers`` (labels only it prints; two decide) and ``anchors`` come
    from the ``parsing`` keys of its data; a tree without either is
    recognised by the labels of its rows that no other registered tree
    prints, which is what the shipped markers are.

    Example:
        >>> import zwgk
        >>> templates = zwgk.Templates()
        >>> templates.generations
        ('legacy_2014', 'f2019', 'f2021')
        >>> templates.generation_for_year(2020), templates.required("f2021")
        ('f2019', True)
        >>> local = zwgk.tree_from_data({
        ...     "format": "legacy_local", "title": "统计报表", "basis": "", "years": [2008, 2013],
        ...     "tables": [{"id": "t1", "title": "统计报表", "layout": "vertical",
        ...                 "columns": [{"id": "value", "labels": ["本年累计"]}],
        ...                 "rows": [{"id": "apps", "label": "申请总数", "unit": "条"}]}]})
        >>> mine = templates.register(local)
        >>> mine.generations, "legacy_local" in templates
        (('legacy_2014', 'f2019', 'f2021', 'legacy_local'), False)
        >>> mine.table("legacy_local.t1").title
        '统计报表'
    """

    def __init__(self, trees: Iterable[IndicatorTree] | None = None) -> None:
        chosen = (indicator_tree(f) for f in KNOWN_TREES) if trees is None else trees
        self._trees: dict[str, IndicatorTree] = {}
        for tree in chosen:
            self._trees[tree.format.value] = tree
        self._compiled: dict[int, tuple[TableTemplate, Compiled]] = {}

    @classmethod
    def shipped(cls) -> Templates:
        """The registry of the shipped trees, one shared instance.

        Example:
            >>> import zwgk
            >>> zwgk.Templates.shipped() is zwgk.Templates.shipped()
            True
        """
        return _shipped()

    def register(self, tree: IndicatorTree) -> Templates:
        """A new registry with ``tree`` added, or in the place of the tree of its generation."""
        trees = dict(self._trees)
        trees[tree.format.value] = tree
        return Templates(trees.values())

    @property
    def generations(self) -> tuple[str, ...]:
        """The generation ids of the registered trees, in registration order."""
        return tuple(self._trees)

    @functools.cached_property
    def local(self) -> Templates:
        """The registry of the trees of local generations: ``legacy_local`` and ids of their own.

        These are the trees a local table (one recognised by its own header) is
        read on; a national generation's tree, shipped or replaced, never reads one.

        Example:
            >>> import zwgk
            >>> zwgk.Templates().local.generations
            ()
        """
        return Templates(t for t in self if t.format not in KNOWN_TREES)

    def __iter__(self) -> Iterator[IndicatorTree]:
        return iter(self._trees.values())

    def __contains__(self, generation: object) -> bool:
        return isinstance(generation, str) and generation in self._trees

    def __repr__(self) -> str:
        return f"Templates({', '.join(self._trees)})"

    def get(self, generation: str | None) -> IndicatorTree | None:
        """The tree of a generation, or ``None`` when none is registered."""
        return None if generation is None else self._trees.get(str(generation))

    def tree(self, generation: str) -> IndicatorTree:
        """The tree of a generation; raises `zwgk.UnknownError`."""
        found = self.get(generation)
        if found is None:
            known = ", ".join(self._trees)
            raise UnknownError(f"no tree for generation {str(generation)!r}; known: {known}")
        return found

    def table(self, ref: TemplateRef | str | None) -> TableTemplate | None:
        """The template a reference (or qualified id ``f2021.t3``) names, else ``None``."""
        if isinstance(ref, str):
            ref = TemplateRef.of(ref)
        tree = None if ref is None else self.get(ref.generation)
        if ref is None or tree is None:
            return None
        return next((t for t in tree.tables if t.id == ref.table), None)

    def template_of(self, table: StatTable) -> TableTemplate | None:
        """The template of a parsed table (``None`` for ``local`` tables and unknown ids).

        Example:
            >>> import zwgk
            >>> t = zwgk.StatTable(id="f2021.t3", format=zwgk.TableFormat.F2021)
            >>> zwgk.Templates().template_of(t).title_en
            'Requests received and handled'
        """
        ref = table.template
        if ref is None or ref.generation != table.format.value:
            return None
        return self.table(ref)

    def generation_for_year(self, year: int | None) -> str | None:
        """The generation whose years cover ``year`` (the latest to start), else ``None``."""
        if year is None:
            return None
        covering = [
            t for t in self if t.years[0] <= year and (t.years[1] is None or year <= t.years[1])
        ]
        return max(covering, key=lambda t: t.years[0]).format.value if covering else None

    def sections(self, generation: str | None) -> tuple[SectionTemplate, ...]:
        """The sections a generation's reports print (``()`` for an unknown generation)."""
        tree = self.get(generation)
        return () if tree is None else tree.sections

    def required(self, generation: str | None) -> bool:
        """Whether a generation's reports must print its required sections and their tables."""
        return any(s.required for s in self.sections(generation))

    def family(self, generation: str | None) -> str | None:
        """The family a generation is compared within year to year (its own id by default)."""
        if generation is None:
            return None
        tree = self.get(generation)
        return generation if tree is None else tree.family or generation

    def section_titles(self) -> tuple[str, ...]:
        """Every section title and printed variant of every registered generation, once each."""
        titles = (t for tree in self for s in tree.sections for t in (s.title, *s.aliases))
        return tuple(dict.fromkeys(titles))

    def compiled(self, template: TableTemplate) -> Compiled:
        """The views derived from a template, compiled once and kept by the registry."""
        cached = self._compiled.get(id(template))
        if cached is not None and cached[0] is template:
            return cached[1]
        views = Compiled(template)
        self._compiled[id(template)] = (template, views)
        return views


@functools.cache
def _shipped() -> Templates:
    return Templates()
