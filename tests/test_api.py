"""The public API: one location per name, a docstring with an example, a reference entry."""

from __future__ import annotations

import ast
import importlib
import inspect
import os
import re
import subprocess
import sys
from pathlib import Path

import pytest

import zwgk

ROOT = Path(__file__).resolve().parents[1]
# Described in prose on the reference pages rather than by a directive.
IN_PROSE = {"__version__", "SCHEMA_VERSION", "Value", "AnyDocument"}
DOCUMENTED = sorted(set(zwgk.__all__) - IN_PROSE)


def test_all_is_sorted_and_complete() -> None:
    assert len(set(zwgk.__all__)) == len(zwgk.__all__)
    for name in zwgk.__all__:
        assert hasattr(zwgk, name), name


@pytest.mark.parametrize("name", DOCUMENTED)
def test_public_name_has_a_docstring_with_an_example(name: str) -> None:
    obj = getattr(zwgk, name)
    if not (inspect.isclass(obj) or inspect.isfunction(obj)):
        pytest.skip(f"{name} is data; its reference entry describes it")
    doc = inspect.getdoc(obj) or ""
    assert doc, f"{name} has no docstring"
    assert ">>>" in doc, f"{name}'s docstring has no example"


def test_every_public_name_is_in_the_reference_exactly_once() -> None:
    text = "\n".join(
        p.read_text(encoding="utf-8") for p in (ROOT / "docs" / "reference").glob("*.md")
    )
    found = re.findall(r"^::: zwgk\.(\w+)\s*$", text, flags=re.MULTILINE)
    assert sorted(found) == sorted(set(found)), "a name is documented twice"
    assert sorted(found) == DOCUMENTED


def test_public_objects_live_in_private_modules() -> None:
    # One public location each: zwgk.<name>; implementation modules are private.
    for name in DOCUMENTED:
        module = getattr(getattr(zwgk, name), "__module__", "zwgk")
        assert module == "zwgk" or module.startswith("zwgk._") or module == "builtins", name


def test_docstrings_read_cleanly_in_help() -> None:
    # Cross-references are plain `zwgk.name` code in the source; the docs build links them.
    markup = re.compile(r"`\]\[(zwgk\.[\w.]*)?\]")
    for path in sorted((ROOT / "src" / "zwgk").rglob("*.py")):
        text = path.read_text(encoding="utf-8")
        assert not markup.search(text), f"{path.name}: {markup.search(text)}"
    for name in DOCUMENTED:
        doc = inspect.getdoc(getattr(zwgk, name)) or ""
        assert not markup.search(doc), name


def test_import_loads_only_the_model_and_errors() -> None:
    # The parser, serializer (cattrs), validator, readers and analyses load on first use.
    code = (
        "import sys, zwgk; "
        "print(' '.join(sorted(m for m in sys.modules if m.startswith(('zwgk.', 'cattrs')))))"
    )
    # The zwgk these tests import, whatever else the interpreter would find first.
    env = {**os.environ, "PYTHONPATH": str(Path(zwgk.__file__).parents[1])}
    loaded = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, check=True, env=env
    ).stdout.split()
    assert "zwgk._model" in loaded
    assert all(m.startswith(("zwgk._model", "zwgk._errors", "zwgk._version")) for m in loaded), (
        loaded
    )


def test_lazy_names_match_the_imports_type_checkers_see() -> None:
    # Each name loaded on first use is imported, for mypy and the docs, from the same module.
    tree = ast.parse((ROOT / "src" / "zwgk" / "__init__.py").read_text(encoding="utf-8"))
    guarded = next(
        node
        for node in tree.body
        if isinstance(node, ast.If) and ast.unparse(node.test) == "TYPE_CHECKING"
    )
    imported = {
        alias.name: node.module
        for node in guarded.body
        if isinstance(node, ast.ImportFrom)
        for alias in node.names
    }
    assert imported == zwgk._LAZY
    for name, module in zwgk._LAZY.items():
        assert getattr(zwgk, name) is getattr(importlib.import_module(module), name)
        assert name in dir(zwgk)
        assert name in zwgk.__all__


def test_a_missing_name_raises_attribute_error() -> None:
    with pytest.raises(AttributeError, match="no attribute 'nothing'"):
        _ = zwgk.nothing
