"""Griffe extension used by the documentation build only (not part of the zwgk package).

It does two things that static analysis cannot do by itself:

1. **attrs signatures.** ``@attrs.frozen`` / ``@attrs.define`` classes get their ``__init__``
   at runtime, so griffe sees no signature.  This rebuilds it from the annotated fields, the way
   griffe's built-in ``dataclasses`` extension does for dataclasses: fields in definition order,
   base classes first, ``kw_only=True`` honoured, ``attrs.field(default=…/factory=…)`` read,
   ``ClassVar``s, properties and methods skipped, a leading underscore dropped from the name.
2. **``Example:`` sections.** zwgk's docstrings title their doctests ``Example:``; griffe's
   Google parser only knows the plural ``Examples:`` and would render the singular as a plain
   admonition (so ``>>>`` became nested block quotes).  Both spellings are accepted here.
3. **Links.** Docstrings name other public objects as plain code, `` `zwgk.parse` ``, which
   reads cleanly in ``help()``; here each such name of an object zwgk has becomes a link
   (``[`parse`][zwgk.parse]``, mkdocs-autorefs markup).  Names zwgk does not have stay code.

Loaded from ``mkdocs.yml`` (``plugins.mkdocstrings.handlers.python.options.extensions``).
"""

from __future__ import annotations

import re
from typing import Any

from griffe import (
    Attribute,
    Class,
    Expr,
    ExprCall,
    Extension,
    Function,
    Module,
    Object,
    Parameter,
    ParameterKind,
    Parameters,
)

_ATTRS_DECORATORS = {
    "attrs.frozen",
    "attrs.define",
    "attrs.mutable",
    "attr.s",
    "attr.attrs",
    "attr.frozen",
    "attr.define",
    "attr.mutable",
}
_FIELD_FUNCTIONS = {"attrs.field", "attr.ib", "attr.attrib", "attr.field"}
_EXAMPLE_HEADING = re.compile(r"^(\s*)Example:[ \t]*$", re.MULTILINE)
# `zwgk.name` or `zwgk.Class.member` in single backticks (not inside ``double`` ones).
_PUBLIC_NAME = re.compile(r"(?<![`\w])`zwgk\.([A-Za-z_][\w]*(?:\.[A-Za-z_]\w*)*)`(?!`)")


def _call_args(expr: Any) -> dict[str, Any]:
    args: dict[str, Any] = {}
    if isinstance(expr, ExprCall):
        for argument in expr.arguments:
            name = getattr(argument, "name", None)
            if name is not None:
                args[name] = argument.value
    return args


def _attrs_decorator(cls: Class) -> Expr | None:
    for decorator in cls.decorators:
        value = decorator.value
        if isinstance(value, Expr) and value.canonical_path in _ATTRS_DECORATORS:
            return value
    return None


def _is_field(member: Object) -> bool:
    if not isinstance(member, Attribute) or member.annotation is None:
        return False
    if "property" in member.labels:
        return False
    # ClassVar annotations leave only the class-attribute label (see griffe's dataclasses ext).
    return not ("class-attribute" in member.labels and "instance-attribute" not in member.labels)


def _own_parameters(cls: Class) -> list[Parameter]:
    decorator = _attrs_decorator(cls)
    class_kw_only = str(_call_args(decorator).get("kw_only")) == "True"
    parameters: list[Parameter] = []
    for member in cls.members.values():
        if member.is_alias or not _is_field(member):
            continue
        assert isinstance(member, Attribute)
        field_args: dict[str, Any] = {}
        default: Any = member.value
        if isinstance(member.value, ExprCall) and member.value.canonical_path in _FIELD_FUNCTIONS:
            field_args = _call_args(member.value)
            if "default" in field_args:
                default = field_args["default"]
            elif "factory" in field_args:
                default = ExprCall(function=field_args["factory"], arguments=[])
            else:
                default = None
        if str(field_args.get("init")) == "False":
            continue
        kw_only = class_kw_only or str(field_args.get("kw_only")) == "True"
        parameters.append(
            Parameter(
                member.name.lstrip("_"),
                annotation=member.annotation,
                kind=ParameterKind.keyword_only if kw_only else ParameterKind.positional_or_keyword,
                default=default,
                docstring=member.docstring,
            )
        )
    return parameters


def _set_attrs_init(cls: Class) -> None:
    if "__init__" in cls.members or _attrs_decorator(cls) is None:
        return
    try:
        mro = [c for c in reversed(cls.mro()) if _attrs_decorator(c) is not None]
    except ValueError:
        mro = []
    collected: dict[str, Parameter] = {}
    for klass in [*mro, cls]:
        for parameter in _own_parameters(klass):
            collected.pop(parameter.name, None)
            collected[parameter.name] = parameter
    ordered = [p for p in collected.values() if p.kind is not ParameterKind.keyword_only]
    ordered += [p for p in collected.values() if p.kind is ParameterKind.keyword_only]
    init = Function(
        "__init__",
        lineno=0,
        endlineno=0,
        parent=cls,
        parameters=Parameters(
            Parameter("self", annotation=None, kind=ParameterKind.positional_or_keyword),
            *ordered,
        ),
        returns="None",
    )
    cls.set_member("__init__", init)


def _fix_examples(obj: Object) -> None:
    docstring = obj.docstring
    if docstring is not None and "Example:" in docstring.value:
        docstring.value = _EXAMPLE_HEADING.sub(r"\1Examples:", docstring.value)


def _link_names(obj: Object, pkg: Module) -> None:
    docstring = obj.docstring
    if docstring is None or "`zwgk." not in docstring.value:
        return

    def link(match: re.Match[str]) -> str:
        path = match[1]
        try:
            pkg[path]  # griffe resolves `Class.member` paths and re-exported names
        except (KeyError, ValueError):
            return match[0]
        return f"[`{path}`][zwgk.{path}]"

    docstring.value = _PUBLIC_NAME.sub(link, docstring.value)


def _walk(obj: Module | Class, seen: set[str], pkg: Module) -> None:
    if obj.path in seen:
        return
    seen.add(obj.path)
    _fix_examples(obj)
    _link_names(obj, pkg)
    if isinstance(obj, Class):
        _set_attrs_init(obj)
    for member in list(obj.members.values()):
        if member.is_alias:
            continue
        if isinstance(member, Module | Class):
            _walk(member, seen, pkg)
        else:
            _fix_examples(member)
            _link_names(member, pkg)


class ZwgkDocs(Extension):
    """Rebuild attrs ``__init__`` signatures and accept ``Example:`` doctest sections."""

    def on_package(self, *, pkg: Module, **kwargs: Any) -> None:  # noqa: ARG002
        """Process the whole package once it is loaded."""
        _walk(pkg, set(), pkg)
