"""Read the documentation pages the way the build does, so tests can check what readers see.

Two kinds of code blocks are executable on the site:

* ```` ```pycon ```` blocks are interactive sessions; they are run as doctests, all blocks of a
  page in one namespace, from the repository root.
* ```` ```python exec="on" ```` blocks are run by markdown-exec while the site is built; their
  printed output becomes the page.  Blocks that share a ``session="…"`` share a namespace, as on
  the site.
"""

from __future__ import annotations

import contextlib
import functools
import io
import os
import re
from collections.abc import Iterator
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]
DOCS = ROOT / "docs"

_FENCE = re.compile(r"^```(?P<info>[^\n]*)\n(?P<body>.*?)^```[ \t]*$", re.MULTILINE | re.DOTALL)


def pages() -> list[Path]:
    """Every Markdown page of the site, and the README."""
    return [*sorted(DOCS.rglob("*.md")), ROOT / "README.md"]


def blocks(page: Path) -> Iterator[tuple[str, str, int]]:
    """The fenced code blocks of *page*: (info string, body, line number of the fence)."""
    text = page.read_text(encoding="utf-8")
    for match in _FENCE.finditer(text):
        yield match["info"].strip(), match["body"], text.count("\n", 0, match.start()) + 1


def pycon_source(page: Path) -> str:
    """The ``pycon`` blocks of *page* as one doctest text (blocks separated by blank lines)."""
    return "\n\n".join(body for info, body, _ in blocks(page) if info.split()[:1] == ["pycon"])


@contextlib.contextmanager
def at_root() -> Iterator[None]:
    """Run with the repository root as working directory, as ``mkdocs build`` does."""
    before = Path.cwd()
    os.chdir(ROOT)
    try:
        yield
    finally:
        os.chdir(before)


def run_page(page: Path) -> str:
    """Run the ``exec="on"`` Python blocks of *page* and return everything they print."""
    sessions: dict[str, dict[str, object]] = {}
    out = io.StringIO()
    with at_root():
        for info, body, line in blocks(page):
            if not info.startswith("python") or 'exec="on"' not in info:
                continue
            session = re.search(r'session="([^"]*)"', info)
            namespace = (
                sessions.setdefault(session[1], {"__name__": "__main__"})
                if session
                else {"__name__": "__main__"}
            )
            code = compile(body, f"{page.relative_to(ROOT)}:{line}", "exec")
            with contextlib.redirect_stdout(out):
                exec(code, namespace)
    return out.getvalue()


#: ``run_page``, once per page and test session, as the site build runs each page once.
exec_output = functools.cache(run_page)
