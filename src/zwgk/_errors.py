"""The exception hierarchy: one root, branches that also subclass the matching builtin.

Malformed input raises one of these; well-formed but inconsistent data gives
`zwgk.Finding`s instead.  Every exception pickles (its constructor
arguments are kept in ``args``) and its message says what was wrong and where.
"""

from __future__ import annotations

from typing import Any


class ZwgkError(Exception):
    """Root of every exception zwgk raises on purpose.

    Catch this to handle any failure of the library in one place.

    Examples:
        >>> import zwgk
        >>> try:
        ...     zwgk.from_json("not json")
        ... except zwgk.ZwgkError as exc:
        ...     print(type(exc).__name__)
        SchemaError
    """

    def __init__(self, message: str, *, where: str | None = None) -> None:
        super().__init__(message, where)
        self.message = message
        self.where = where

    def __reduce__(self) -> tuple[type[ZwgkError], tuple[str], dict[str, object]]:
        return (type(self), (self.message,), {"where": self.where})

    def __setstate__(self, state: dict[str, Any] | None) -> None:
        self.where = None if state is None else state.get("where")
        self.args = (self.message, self.where)

    def __str__(self) -> str:
        if self.where is None:
            return self.message
        return f"{self.message} @ {self.where}"


class InputError(ZwgkError, ValueError):
    """The input cannot be read as a document at all.

    Raised for the wrong type (neither ``str`` nor ``bytes``), input over the
    configured size limit, a document nested deeper than allowed, a path or a PDF or
    Word file's bytes given to ``parse`` (open files with ``zwgk.read``), files
    ``zwgk.read`` cannot read (missing, legacy ``.doc``, a PDF without a text layer),
    a file that is no regular file, and a lone surrogate in ``str`` input (``where``
    names the character).

    Examples:
        >>> import zwgk
        >>> try:
        ...     zwgk.parse(42)  # type: ignore[arg-type]
        ... except zwgk.InputError as exc:
        ...     print(exc)
        expected str or bytes, got int
    """


class DecodeError(InputError):
    """Bytes that no supported encoding decodes; ``where`` names the byte offset.

    Examples:
        >>> import zwgk
        >>> try:
        ...     zwgk.parse(b"\\xff\\xfe\\x00\\xd8 broken")
        ... except zwgk.DecodeError as exc:
        ...     print(exc.where.startswith("byte "))
        True
    """


class SchemaError(ZwgkError, ValueError):
    """A JSON dump is invalid: bad JSON, wrong types, unknown keys or wrong schema version.

    ``where`` is the JSON path of the offending value (``$.tables[0].cells[3].value``).

    Examples:
        >>> import zwgk
        >>> try:
        ...     zwgk.from_json('{"schema_version": "0.0", "type": "Span", "start": 0, "end": 1}')
        ... except zwgk.SchemaError as exc:
        ...     print(exc.where)
        $.schema_version
    """


class DataError(ZwgkError, ValueError):
    """Packaged or user-supplied reference data is malformed (an indicator tree, an identity).

    Examples:
        >>> import zwgk
        >>> try:
        ...     zwgk.Identity.parse("X1", "a[value] ~ b[value]")
        ... except zwgk.DataError as exc:
        ...     print(exc.where)
        identity X1
    """


class UnknownError(ZwgkError, LookupError):
    """A lookup found nothing: an unknown generation, indicator or division code.

    Examples:
        >>> import zwgk
        >>> try:
        ...     zwgk.indicator_tree("f2030")
        ... except zwgk.UnknownError as exc:
        ...     print(exc)
        unknown table generation 'f2030'; known: legacy_2014, f2019, f2021
    """


class UnknownIndicatorError(UnknownError):
    """An indicator id that no table generation knows; the message names the closest ids.

    ``suggestions`` holds those ids (closest first), for code that wants to offer them.

    Examples:
        >>> import zwgk
        >>> report = zwgk.AnnualReport(title="x")
        >>> try:
        ...     report.cell("apps_recieved")
        ... except zwgk.UnknownIndicatorError as exc:
        ...     print(exc.suggestions[0])
        apps_received
    """

    def __init__(
        self, message: str, suggestions: tuple[str, ...] = (), *, where: str | None = None
    ) -> None:
        super().__init__(message, where=where)
        self.suggestions = suggestions

    def __reduce__(self) -> tuple[type[ZwgkError], tuple[str], dict[str, object]]:
        return (type(self), (self.message,), {"where": self.where, "suggestions": self.suggestions})

    def __setstate__(self, state: dict[str, Any] | None) -> None:
        super().__setstate__(state)
        self.suggestions = () if state is None else tuple(state.get("suggestions", ()))


class MissingExtraError(ZwgkError, ImportError):
    """An optional dependency is needed; the message names the extra to install.

    Examples:
        >>> import zwgk
        >>> str(zwgk.MissingExtraError("pandas", "to_frame"))
        "to_frame needs the optional dependency 'pandas': pip install 'zwgk[pandas]'"
    """

    def __init__(self, extra: str, feature: str | None = None, *, where: str | None = None) -> None:
        if feature is None:  # unpickling passes the finished message back in
            message = extra
        else:
            message = (
                f"{feature} needs the optional dependency {extra!r}: pip install 'zwgk[{extra}]'"
            )
        super().__init__(message, where=where)
