"""What a reading strategy proposes: placements of tokens on a table's cells.

Strategies only propose; the collector (`zwgk._parse.tables.collect`) turns
proposals, in order, into cells, unplaced tokens and findings.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence

import attrs

from zwgk._model import Ref, Severity
from zwgk._parse.tables.template import Slot
from zwgk._parse.tokens import Token


@attrs.frozen
class Fill:
    """Tokens for the cells of one row: one token per cell, a glued digit run split
    by the identities, values beyond the cells unplaced, no token a blank row."""

    slots: tuple[Slot, ...]
    tokens: tuple[Token, ...]
    #: Where a row without values is (a blank cell's empty span).
    blank_at: int


@attrs.frozen
class Place:
    """One token per cell, placed by a reading the strategy names (``reason``): each
    cell is marked inferred with it."""

    slots: tuple[Slot, ...]
    tokens: tuple[Token, ...]
    reason: str


@attrs.frozen
class Leave:
    """Tokens no cell takes, with why: reported as unplaced, never dropped."""

    tokens: tuple[Token, ...]
    reason: str


@attrs.frozen
class Apart:
    """How values printed apart from their rows were read (a ``table.values_apart``
    finding of the catalogue: its ``variant`` and message arguments)."""

    refs: tuple[Ref, ...]
    variant: str = ""
    severity: Severity | None = None
    args: tuple[tuple[str, object], ...] = ()


Proposal = Fill | Place | Leave | Apart


@attrs.define
class Proposals:
    """A strategy's proposals for one table, in reading order.

    ``confirmed`` names the orders the identities confirmed for values printed
    apart; ``undecided`` counts the blocks of such values they could not order.

    Example:
        >>> from zwgk._parse.tables.proposals import Proposals
        >>> out = Proposals()
        >>> out.leave([], "nothing")
        >>> out.items
        [Leave(tokens=(), reason='nothing')]
    """

    items: list[Proposal] = attrs.Factory(list)
    confirmed: list[str] = attrs.Factory(list)
    undecided: int = 0

    def fill(self, slots: Sequence[Slot], tokens: Iterable[Token], blank_at: int) -> None:
        """Propose ``tokens`` for a row's ``slots`` (see `Fill`)."""
        self.items.append(Fill(tuple(slots), tuple(tokens), blank_at))

    def place(self, slots: Sequence[Slot], tokens: Iterable[Token], reason: str) -> None:
        """Propose one token per slot, placed by ``reason`` (see `Place`)."""
        self.items.append(Place(tuple(slots), tuple(tokens), reason))

    def leave(self, tokens: Iterable[Token], reason: str) -> None:
        """Report ``tokens`` as unplaced (see `Leave`)."""
        self.items.append(Leave(tuple(tokens), reason))

    def apart(
        self,
        refs: tuple[Ref, ...],
        variant: str = "",
        severity: Severity | None = None,
        **args: object,
    ) -> None:
        """Say how values printed apart were read (see `Apart`)."""
        self.items.append(Apart(refs, variant, severity, tuple(args.items())))

    def extend(self, other: Proposals) -> None:
        """Append another strategy's proposals after these."""
        self.items.extend(other.items)
        self.confirmed.extend(other.confirmed)
        self.undecided += other.undecided
