"""Check the links of a built documentation site, offline.

Usage::

    python scripts/check_links.py SITE_DIR [--list-external]

SITE_DIR is the folder written by ``mkdocs build --strict --site-dir SITE_DIR``.  Every
``.html`` file under it is parsed once; every ``href``, ``xlink:href``, ``src``, ``poster``
and ``srcset`` URL in it is checked:

* an internal URL (relative, ``./``, ``../``, or root-absolute, percent-encoded or not) must
  name a file inside SITE_DIR; a directory URL (``guide/`` or ``guide``) names its
  ``index.html``;
* a fragment (``page/#anchor``, or ``#anchor`` on the same page) must be an ``id`` or an
  ``<a name>`` of the target page; ``#`` and ``#top`` always are;
* an external URL (``http:``, ``https:``, ``mailto:``, ``//host/...``, ...) is counted, never
  fetched; ``--list-external`` prints them; ``javascript:``, ``data:`` and ``blob:`` URLs are
  skipped, and a ``file:`` URL is an error (it cannot work once the site is published).

Material for MkDocs specifics: the ``base`` and ``search`` entries of each page's
``__config`` script are checked like links, and so is every ``location`` of
``search/search_index.json`` (the targets of the search results).  ``404.html`` links
root-absolute URLs: they are resolved against the site root, or against the root-absolute
``base`` found in a page's ``__config`` when ``site_url`` has a sub-path.  ``sitemap.xml``
holds only absolute URLs of the published site and is not read.

A cross-reference that mkdocs-autorefs could not resolve is left in the prose as text,
``[title][identifier]``: each one is reported too (``mkdocs build --strict`` fails on it, but
``mkdocs build --strict -q`` does not, as ``-q`` silences the warning that strict mode counts).

One line is printed per broken link, ``page: link: reason``, then a summary line.  The exit
status is 0 when nothing is broken, 1 when something is, and 2 when SITE_DIR is missing or
holds no HTML.  Standard library only.
"""

from __future__ import annotations

import argparse
import json
import os
import posixpath
import re
import sys
import time
from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field
from html.parser import HTMLParser
from pathlib import Path
from urllib.parse import unquote, urlsplit

#: Attributes holding one URL, on any element (``<base href>`` aside).
URL_ATTRIBUTES = frozenset({"href", "xlink:href", "src", "poster"})
#: Schemes of URLs that are not links to check; any other scheme but ``file`` is external.
SKIPPED_SCHEMES = frozenset({"javascript", "data", "blob", "about"})
#: Fragments that every HTML page has.
IMPLICIT_FRAGMENTS = frozenset({"", "top"})
#: The search index of Material for MkDocs (and of the mkdocs ``search`` plugin).
SEARCH_INDEX = "search/search_index.json"
#: Elements whose text is code or data, not prose.
LITERAL_TAGS = frozenset({"pre", "code", "kbd", "samp", "script", "style", "textarea"})
#: What mkdocs-autorefs leaves in the prose for a cross-reference it could not resolve:
#: ``[title][identifier]`` (or ``[identifier][]``), with the title maybe in its own tags.
UNRESOLVED_REFERENCE = re.compile(r"(\[[^\[\]]*)?\]\[[^\[\]\s]*\]")


class PageParser(HTMLParser):
    """Collects the URLs, the anchors and the Material ``__config`` of one HTML page."""

    def __init__(self) -> None:
        super().__init__(convert_charrefs=True)
        self.urls: list[str] = []
        self.anchors: set[str] = set()
        self.config_text: str | None = None
        self.unresolved: list[str] = []
        self._in_config = False
        self._literal_depth = 0
        self._config_parts: list[str] = []

    def handle_starttag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        for name, value in attrs:
            if value is None:
                continue
            if name == "id" or (name == "name" and tag == "a"):
                self.anchors.add(value)
            elif name in URL_ATTRIBUTES and tag != "base":
                self.urls.append(value.strip())
            elif name == "srcset":
                self.urls.extend(srcset_urls(value))
        if tag == "script" and ("id", "__config") in attrs:
            self._in_config = True
        if tag in LITERAL_TAGS:
            self._literal_depth += 1

    def handle_startendtag(self, tag: str, attrs: list[tuple[str, str | None]]) -> None:
        self.handle_starttag(tag, attrs)
        self._in_config = False
        if tag in LITERAL_TAGS:
            self._literal_depth -= 1

    def handle_data(self, data: str) -> None:
        if self._in_config:
            self._config_parts.append(data)
        elif self._literal_depth == 0 and "][" in data:
            for match in UNRESOLVED_REFERENCE.finditer(data):
                text = match.group(0)
                self.unresolved.append(text if match.group(1) else "[…" + text)

    def handle_endtag(self, tag: str) -> None:
        if self._in_config and tag == "script":
            self._in_config = False
            self.config_text = "".join(self._config_parts)
        if tag in LITERAL_TAGS and self._literal_depth > 0:
            self._literal_depth -= 1


def srcset_urls(srcset: str) -> list[str]:
    """The URLs of a ``srcset`` value (``url [descriptor], url [descriptor], ...``)."""
    urls: list[str] = []
    for candidate in srcset.split(","):
        parts = candidate.split()
        if parts:
            urls.append(parts[0])
    return urls


@dataclass
class Page:
    """One parsed HTML page: its URLs, its anchors, its ``__config``, its unresolved refs."""

    urls: list[str]
    anchors: set[str]
    config: dict[str, object] = field(default_factory=dict)
    unresolved: list[str] = field(default_factory=list)


@dataclass
class Report:
    """What a check found."""

    pages: int = 0
    links: int = 0
    external: Counter[str] = field(default_factory=Counter)
    skipped: int = 0
    broken: list[tuple[str, str, str]] = field(default_factory=list)


class Site:
    """The files of a built site, indexed once, and the parsed pages."""

    def __init__(self, root: Path) -> None:
        self.root = root
        self.files: set[str] = set()
        self.dirs: set[str] = {""}
        for dirpath, dirnames, filenames in os.walk(root):
            rel = Path(dirpath).relative_to(root).as_posix()
            rel = "" if rel == "." else rel
            for name in dirnames:
                self.dirs.add(posixpath.join(rel, name))
            for name in filenames:
                self.files.add(posixpath.join(rel, name))
        self.html = sorted(f for f in self.files if f.endswith(".html"))
        self.pages: dict[str, Page] = {}
        self.root_prefix = "/"

    def parse(self) -> None:
        """Parse every HTML page once."""
        for rel in self.html:
            parser = PageParser()
            parser.feed((self.root / rel).read_text(encoding="utf-8", errors="replace"))
            parser.close()
            config: dict[str, object] = {}
            if parser.config_text:
                try:
                    loaded = json.loads(parser.config_text)
                except ValueError:
                    loaded = None
                if isinstance(loaded, dict):
                    config = loaded
            self.pages[rel] = Page(parser.urls, parser.anchors, config, parser.unresolved)
        # With a site_url that has a sub-path, 404.html's root-absolute URLs start with it.
        for page in self.pages.values():
            base = page.config.get("base")
            if isinstance(base, str) and base.startswith("/"):
                self.root_prefix = base if base.endswith("/") else base + "/"
                break

    def target(self, page: str, path: str) -> tuple[str | None, str]:
        """The site file a URL path names, seen from ``page``, or None and why not."""
        if path.startswith("/"):
            if not (path + "/").startswith(self.root_prefix):
                return None, f"outside the site root {self.root_prefix}"
            joined = path[len(self.root_prefix) :]
        else:
            joined = posixpath.join(posixpath.dirname(page), path)
        is_dir_url = joined == "" or joined.endswith(("/", "/."))
        normal = posixpath.normpath(joined) if joined else "."
        if normal == ".." or normal.startswith("../"):
            return None, "goes above the site root"
        normal = "" if normal == "." else normal
        if not is_dir_url and normal in self.files:
            return normal, ""
        if normal in self.dirs:
            index = posixpath.join(normal, "index.html")
            if index in self.files:
                return index, ""
            return None, f"directory {normal or '/'} has no index.html"
        return None, f"no such file: {normal}"

    def check_url(self, page: str, url: str, report: Report, source: str | None = None) -> None:
        """Check one URL found on ``page`` (a site path), recording what is wrong.

        ``source`` names where the URL was found in the report, when that is not ``page``.
        """
        report.links += 1
        source = source or page
        if url.startswith("//"):
            report.external[url] += 1
            return
        parts = urlsplit(url)
        scheme = parts.scheme.lower()
        if scheme in SKIPPED_SCHEMES:
            report.skipped += 1
            return
        if scheme == "file":
            report.broken.append((source, url, "file: URL, unreachable once published"))
            return
        if scheme or parts.netloc:
            report.external[url] += 1
            return
        if parts.path:
            target, reason = self.target(page, unquote(parts.path))
            if target is None:
                report.broken.append((source, url, reason))
                return
        else:
            target = page
        if not parts.fragment or not target.endswith(".html"):
            return
        if target not in self.pages:
            return
        anchors = self.pages[target].anchors
        fragment = parts.fragment
        if fragment in IMPLICIT_FRAGMENTS or fragment in anchors or unquote(fragment) in anchors:
            return
        where = "on this page" if target == source else f"in {target}"
        report.broken.append((source, url, f"no id or <a name> {unquote(fragment)!r} {where}"))

    def check(self) -> Report:
        """Check every page, the Material ``__config`` entries and the search index."""
        report = Report(pages=len(self.pages))
        for rel, page in self.pages.items():
            for url in page.urls:
                self.check_url(rel, url, report)
            for key in ("base", "search"):
                value = page.config.get(key)
                if isinstance(value, str):
                    self.check_url(rel, value, report)
            for text in page.unresolved:
                reason = "unresolved cross-reference, left as text (mkdocs-autorefs)"
                report.broken.append((rel, text, reason))
        if SEARCH_INDEX in self.files:
            self.check_search_index(report)
        return report

    def check_search_index(self, report: Report) -> None:
        """Every search result must lead to an existing page and anchor."""
        try:
            index = json.loads((self.root / SEARCH_INDEX).read_text(encoding="utf-8"))
        except ValueError as error:
            report.broken.append((SEARCH_INDEX, "", f"not valid JSON: {error}"))
            return
        docs = index.get("docs", []) if isinstance(index, dict) else []
        for doc in docs:
            location = doc.get("location") if isinstance(doc, dict) else None
            if isinstance(location, str):
                # Locations are relative to the site root, as the index is read from there.
                self.check_url("index.html", location, report, source=SEARCH_INDEX)


def main(argv: Sequence[str] | None = None) -> int:
    """Run the checker; the exit status (0 all good, 1 broken links, 2 no site)."""
    parser = argparse.ArgumentParser(
        prog="check_links.py",
        description="Check the internal links and anchors of a built (mkdocs) site, offline.",
    )
    parser.add_argument("site_dir", type=Path, help="the folder written by mkdocs build")
    parser.add_argument(
        "--list-external",
        action="store_true",
        help="also list the external URLs (never fetched), with their number of uses",
    )
    args = parser.parse_args(argv)
    root: Path = args.site_dir
    if not root.is_dir():
        print(f"check_links: {root}: no such directory (build the site first)", file=sys.stderr)
        return 2
    start = time.perf_counter()
    site = Site(root)
    if not site.html:
        print(f"check_links: {root}: holds no .html file (not a built site?)", file=sys.stderr)
        return 2
    site.parse()
    report = site.check()
    seen: set[tuple[str, str, str]] = set()
    for broken in report.broken:
        if broken not in seen:
            seen.add(broken)
            print(": ".join(broken))
    if args.list_external:
        for url, count in sorted(report.external.items()):
            print(f"external: {url} ({count}x)")
    elapsed = time.perf_counter() - start
    print(
        f"check_links: {report.pages} pages, {report.links} links checked "
        f"({sum(report.external.values())} external, not fetched; {report.skipped} skipped), "
        f"{len(seen)} broken, in {elapsed:.2f} s"
    )
    return 1 if report.broken else 0


if __name__ == "__main__":
    sys.exit(main())
