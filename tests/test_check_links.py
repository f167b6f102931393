"""scripts/check_links.py: the offline link checker of the built documentation site."""

from __future__ import annotations

import importlib.util
import socket
import sys
from pathlib import Path
from types import ModuleType
from typing import Any

import pytest

SCRIPT = Path(__file__).resolve().parents[1] / "scripts" / "check_links.py"


def _load() -> ModuleType:
    spec = importlib.util.spec_from_file_location("check_links", SCRIPT)
    assert spec is not None
    assert spec.loader is not None
    module = importlib.util.module_from_spec(spec)
    sys.modules[spec.name] = module  # dataclasses look their module up there
    spec.loader.exec_module(module)
    return module


check_links = _load()

PAGE = """<!doctype html>
<html><head>
<link rel="stylesheet" href="{up}assets/main.css">
<link rel="preconnect" href="https://fonts.gstatic.com">
<script id="__config" type="application/json">{{"base": "{base}", "search": "{up}assets/search.js"}}</script>
</head><body>
<a href="#content">Skip</a>
<h1 id="content">Title<a class="headerlink" href="#content">¶</a></h1>
{body}
<script src="{up}assets/bundle.js"></script>
</body></html>
"""


def write_page(site: Path, rel: str, body: str = "", root_absolute: bool = False) -> None:
    """A Material-like page at ``rel`` (a site path ending in .html)."""
    depth = rel.count("/")
    up = "/" if root_absolute else "../" * depth
    base = "/" if root_absolute else ("../" * depth).rstrip("/") or "."
    path = site / rel
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(PAGE.format(up=up, base=base, body=body), encoding="utf-8")


@pytest.fixture
def site(tmp_path: Path) -> Path:
    """A small good site: pages at several depths, assets, anchors, a Chinese path, a 404."""
    root = tmp_path / "site"
    assets = root / "assets"
    assets.mkdir(parents=True)
    for name in ("main.css", "bundle.js", "search.js", "logo.png", "logo@2x.png", "data.csv"):
        (assets / name).write_text("x", encoding="utf-8")
    write_page(
        root,
        "index.html",
        """
        <a href="guide/">Guide</a> <a href="guide/index.html#zwgk.parse">parse</a>
        <a href="guide/deep/">Deep</a> <a href="guide">no slash</a> <a href="./">here</a>
        <a href="%E6%8C%87%E5%8D%97/">指南</a> <a href="指南/#小节">小节</a>
        <a href="%E6%8C%87%E5%8D%97/#%E5%B0%8F%E8%8A%82">encoded fragment</a>
        <img src="assets/logo.png" srcset="assets/logo.png 1x, assets/logo@2x.png 2x" alt="">
        <a href="assets/data.csv">data</a> <a href="assets/data.csv#row=2">row</a>
        <a href="https://example.org/x">ext</a> <a href="mailto:a@example.org">mail</a>
        <a href="//cdn.example.org/lib.js">protocol-relative</a>
        <a href="javascript:void(0)">js</a> <a href="#">top</a> <a href="?q=1">query</a>
        """,
    )
    write_page(
        root,
        "guide/index.html",
        '<h2 id="zwgk.parse" class="doc doc-heading">parse</h2><a name="legacy"></a>'
        '<a href="../">Home</a>',
    )
    write_page(root, "guide/deep/index.html", '<a href="../../#content">home</a>')
    write_page(root, "指南/index.html", '<h2 id="小节">小节</h2><a href="../guide/#legacy">x</a>')
    write_page(root, "404.html", '<a href="/guide/">Guide</a> <a href="/.">Home</a>', True)
    (root / "search").mkdir()
    (root / "search" / "search_index.json").write_text(
        '{"docs": [{"location": ""}, {"location": "guide/#zwgk.parse"},'
        ' {"location": "%E6%8C%87%E5%8D%97/#%E5%B0%8F%E8%8A%82"}]}',
        encoding="utf-8",
    )
    (root / "sitemap.xml").write_text("<urlset></urlset>", encoding="utf-8")
    return root


def run(capsys: pytest.CaptureFixture[str], *argv: str) -> tuple[int, list[str]]:
    status: int = check_links.main(list(argv))
    out = capsys.readouterr()
    return status, (out.out + out.err).splitlines()


def broken_lines(lines: list[str]) -> list[str]:
    return [line for line in lines if not line.startswith(("check_links:", "external:"))]


def add_to(site: Path, rel: str, html: str) -> None:
    path = site / rel
    text = path.read_text(encoding="utf-8")
    path.write_text(text.replace("</body>", html + "</body>"), encoding="utf-8")


def test_a_good_site_passes(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, lines = run(capsys, str(site))
    assert broken_lines(lines) == []
    assert status == 0
    (summary,) = lines
    assert summary.startswith("check_links: 5 pages, ")
    assert " 0 broken" in summary


def test_a_missing_page_is_reported(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_to(site, "guide/deep/index.html", '<a href="../nowhere/">x</a>')
    status, lines = run(capsys, str(site))
    assert status == 1
    assert broken_lines(lines) == [
        "guide/deep/index.html: ../nowhere/: no such file: guide/nowhere"
    ]
    assert " 1 broken" in lines[-1]


def test_a_missing_fragment_is_reported(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_to(site, "index.html", '<a href="guide/#zwgk.parse_all">x</a><a href="#nope">y</a>')
    status, lines = run(capsys, str(site))
    assert status == 1
    assert broken_lines(lines) == [
        "index.html: guide/#zwgk.parse_all: no id or <a name> 'zwgk.parse_all' in guide/index.html",
        "index.html: #nope: no id or <a name> 'nope' on this page",
    ]


def test_a_missing_asset_is_reported(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "assets" / "bundle.js").unlink()
    add_to(site, "guide/index.html", '<img src="../assets/gone.svg" srcset="../assets/a.png 2x">')
    status, lines = run(capsys, str(site))
    assert status == 1
    broken = broken_lines(lines)
    assert "guide/index.html: ../assets/gone.svg: no such file: assets/gone.svg" in broken
    assert "guide/index.html: ../assets/a.png: no such file: assets/a.png" in broken
    # Every page loads the bundle: one line each, the 404 page's root-absolute one included.
    assert "404.html: /assets/bundle.js: no such file: assets/bundle.js" in broken
    assert "guide/deep/index.html: ../../assets/bundle.js: no such file: assets/bundle.js" in broken
    assert len(broken) == 7


def test_a_broken_parent_link_is_reported(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_to(
        site, "guide/deep/index.html", '<a href="../../../up/">x</a><a href="../deep.html">y</a>'
    )
    status, lines = run(capsys, str(site))
    assert status == 1
    assert broken_lines(lines) == [
        "guide/deep/index.html: ../../../up/: goes above the site root",
        "guide/deep/index.html: ../deep.html: no such file: guide/deep.html",
    ]


def test_a_directory_without_index_is_reported(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_to(site, "index.html", '<a href="assets/">x</a>')
    status, lines = run(capsys, str(site))
    assert status == 1
    assert broken_lines(lines) == ["index.html: assets/: directory assets has no index.html"]


def test_a_page_url_with_a_file_name_must_be_a_file(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_to(site, "index.html", '<a href="guide/index.html/">x</a>')
    status, lines = run(capsys, str(site))
    assert status == 1
    assert broken_lines(lines) == ["index.html: guide/index.html/: no such file: guide/index.html"]


def test_external_links_are_counted_not_fetched(
    site: Path, capsys: pytest.CaptureFixture[str], monkeypatch: pytest.MonkeyPatch
) -> None:
    def no_network(*args: Any, **kwargs: Any) -> None:
        raise AssertionError("the checker must not open a connection")

    monkeypatch.setattr(socket, "create_connection", no_network)
    monkeypatch.setattr(socket, "getaddrinfo", no_network)
    add_to(site, "guide/index.html", '<a href="https://no-such-host.invalid/">x</a>')
    status, lines = run(capsys, str(site), "--list-external")
    assert status == 0
    assert "external: https://no-such-host.invalid/ (1x)" in lines
    assert "external: https://fonts.gstatic.com (5x)" in lines
    assert "external: mailto:a@example.org (1x)" in lines
    assert "external: //cdn.example.org/lib.js (1x)" in lines
    assert not any(line.startswith("external: javascript:") for line in lines)
    assert "(9 external, not fetched; 1 skipped)" in lines[-1]


def test_external_links_are_listed_only_on_request(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    _, lines = run(capsys, str(site))
    assert not any(line.startswith("external:") for line in lines)


def test_percent_encoded_paths_resolve(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_to(site, "guide/index.html", '<a href="../%E6%8C%87%E5%8D%97/index.html#%E5%B0%8F">x</a>')
    add_to(site, "guide/index.html", '<a href="../%E6%8C%87%E5%8D%97%E4%BA%8C/">y</a>')
    status, lines = run(capsys, str(site))
    assert status == 1
    assert broken_lines(lines) == [
        "guide/index.html: ../%E6%8C%87%E5%8D%97/index.html#%E5%B0%8F: "
        "no id or <a name> '小' in 指南/index.html",
        "guide/index.html: ../%E6%8C%87%E5%8D%97%E4%BA%8C/: no such file: 指南二",
    ]


def test_file_urls_are_errors(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    add_to(site, "index.html", '<a href="file:///home/me/docs/index.html">x</a>')
    status, lines = run(capsys, str(site))
    assert status == 1
    assert broken_lines(lines) == [
        "index.html: file:///home/me/docs/index.html: file: URL, unreachable once published"
    ]


def test_the_search_index_is_checked(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    index = site / "search" / "search_index.json"
    index.write_text('{"docs": [{"location": "guide/#gone"}, {"location": "old/"}]}', "utf-8")
    status, lines = run(capsys, str(site))
    assert status == 1
    assert broken_lines(lines) == [
        "search/search_index.json: guide/#gone: no id or <a name> 'gone' in guide/index.html",
        "search/search_index.json: old/: no such file: old",
    ]


def test_the_material_config_is_checked(site: Path, capsys: pytest.CaptureFixture[str]) -> None:
    (site / "assets" / "search.js").unlink()
    status, lines = run(capsys, str(site))
    assert status == 1
    broken = broken_lines(lines)
    assert "guide/index.html: ../assets/search.js: no such file: assets/search.js" in broken
    assert len(broken) == 5


def test_the_404_page_follows_a_site_url_sub_path(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    page = site / "404.html"
    text = page.read_text(encoding="utf-8").replace('"/', '"/zwgk/')
    page.write_text(text + '<a href="/other/guide/">x</a>', encoding="utf-8")
    status, lines = run(capsys, str(site))
    assert status == 1
    assert broken_lines(lines) == ["404.html: /other/guide/: outside the site root /zwgk/"]


def test_a_broken_link_is_reported_once_per_page(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_to(site, "index.html", '<a href="gone/">x</a>' * 3)
    status, lines = run(capsys, str(site))
    assert status == 1
    assert broken_lines(lines) == ["index.html: gone/: no such file: gone"]


def test_a_missing_site_dir_exits_2(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    status, lines = run(capsys, str(tmp_path / "no-site"))
    assert status == 2
    assert lines == [
        f"check_links: {tmp_path / 'no-site'}: no such directory (build the site first)"
    ]


def test_a_site_dir_without_html_exits_2(
    tmp_path: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    (tmp_path / "sitemap.xml").write_text("<urlset></urlset>", encoding="utf-8")
    status, lines = run(capsys, str(tmp_path))
    assert status == 2
    assert "holds no .html file" in lines[0]


def test_an_unresolved_cross_reference_is_reported(
    site: Path, capsys: pytest.CaptureFixture[str]
) -> None:
    add_to(
        site,
        "guide/index.html",
        "<p>See [<code>Report.format</code>][zwgk.Report.format] and [zwgk.gone][].</p>"
        "<pre><code>x[0][1]; d[a][b]</code></pre><p><code>m[i][j]</code></p>",
    )
    status, lines = run(capsys, str(site))
    assert status == 1
    reason = "unresolved cross-reference, left as text (mkdocs-autorefs)"
    assert broken_lines(lines) == [
        f"guide/index.html: […][zwgk.Report.format]: {reason}",
        f"guide/index.html: [zwgk.gone][]: {reason}",
    ]
