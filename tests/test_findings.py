"""The catalogue of findings: every code zwgk emits is in it, with messages that format."""

from __future__ import annotations

import re
import string
from pathlib import Path

import pytest
from tests.docs_pages import exec_output

import zwgk
from zwgk._findings import RULES, Message, Rule, finding, rule, rule_catalogue_markdown
from zwgk._model.enums import Severity
from zwgk._validate import validate

ROOT = Path(__file__).resolve().parents[1]
SRC = ROOT / "src" / "zwgk"
REFERENCE = ROOT / "docs" / "reference" / "validation.md"

KNOWN = {r.code for r in RULES} | {a for r in RULES for a in r.aliases}
FAMILIES = {code.split(".")[0] for code in KNOWN}
# A string literal shaped like a finding code of a known family: "table.unplaced".
_LITERAL = re.compile(r"""["']((?:""" + "|".join(sorted(FAMILIES)) + r""")\.[a-z_]+)["']""")
# Any literal given as a finding's code, whatever its family: Finding("x.y", …), code="x.y".
_GIVEN = re.compile(r"""(?:Finding\(\s*|finding\(\s*|code=)["']([a-z_]+\.[a-z_]+)["']""")
# A finding built by hand rather than from the catalogue: Finding(…) called, not annotated.
_BUILT = re.compile(r"""(?<![\w.])Finding\(""")
# Doctest lines: examples may build findings as a caller would.
_DOCTEST = re.compile(r"^[ \t]*(?:>>>|\.\.\.)[^\n]*$", re.MULTILINE)


def _built_by_hand(source: str) -> int:
    return len(_BUILT.findall(_DOCTEST.sub("", source)))


def test_every_code_literal_in_the_sources_is_catalogued() -> None:
    found: dict[str, set[str]] = {}
    for path in sorted(SRC.rglob("*.py")):
        source = path.read_text(encoding="utf-8")
        for m in (*_LITERAL.finditer(source), *_GIVEN.finditer(source)):
            found.setdefault(m[1], set()).add(path.name)
    unknown = {c: p for c, p in found.items() if c not in KNOWN}
    assert unknown == {}
    # The scan sees the catalogue's own codes and aliases.
    assert {"table.unplaced", "plan.task_without_lead", "plan.no_tasks"} <= set(found)


def test_every_finding_is_built_by_the_catalogue() -> None:
    # Parser and validator alike call zwgk._findings.finding(code, variant=…, **args); only
    # the catalogue constructs a Finding (doctests may, as callers do).
    by_hand = {
        path.relative_to(SRC).as_posix(): n
        for path in sorted(SRC.rglob("*.py"))
        if path.name != "_findings.py" and (n := _built_by_hand(path.read_text(encoding="utf-8")))
    }
    assert by_hand == {}
    assert _built_by_hand((SRC / "_findings.py").read_text(encoding="utf-8")) == 1


def test_the_scan_catches_an_unknown_code() -> None:
    assert _LITERAL.findall('Finding(code="table.made_up", ...)') == ["table.made_up"]
    assert _GIVEN.findall('Finding(\n    "html.made_up", …)') == ["html.made_up"]
    assert "table.made_up" not in KNOWN


def test_the_scan_catches_a_finding_built_by_hand() -> None:
    source = (
        'def f():\n    return Finding(\n        code="table.unplaced", severity=s, message=m)\n'
        '    """\n    >>> Finding("x.y", Severity.INFO, "")\n    """\n'
        "def g() -> Finding:\n    return finding(TABLE_UNPLACED, count=1)\n"
    )
    assert _built_by_hand(source) == 1
    assert _built_by_hand("found: list[Finding] = []; attrs.evolve(f, refs=())") == 0


def test_every_code_emitted_on_the_seeds_and_corpus_is_catalogued(
    seed_texts: dict[str, str], corpus_texts: dict[str, str]
) -> None:
    emitted: set[str] = set()
    for text in (*seed_texts.values(), *corpus_texts.values()):
        doc = zwgk.parse(text)
        for f in (*doc.findings, *validate(doc)):
            emitted.add(f.code)
            assert rule(f.code).severity in Severity
    assert emitted <= KNOWN
    assert {"plan.no_lead", "identity.failed", "table.split_inferred"} <= emitted


def _fields(text: str) -> set[str]:
    return {name for _, name, _, _ in string.Formatter().parse(text) if name}


@pytest.mark.parametrize("entry", RULES, ids=lambda r: r.code)
def test_every_rule_has_messages_in_both_languages(entry: Rule) -> None:
    assert entry.messages
    assert entry.stage in ("parse", "validate")
    assert len({m.variant for m in entry.messages}) == len(entry.messages)
    for m in entry.messages:
        assert m.en
        assert m.zh
        args = {name: f"<{name}>" for name in _fields(m.en) | _fields(m.zh)}
        args.pop("rule", None)
        f = finding(entry.code, variant=m.variant, rule="R1", **args)
        assert f.code == entry.code
        assert f.severity is (m.severity or entry.severity)
        assert "{" not in f.message
        assert "{" not in f.message_zh


def test_finding_fills_the_template_and_keeps_the_details() -> None:
    f = finding("structure.missing_table", variant="printed", label="表三", heading="三、申请")
    assert (f.severity, f.message_zh) == (
        Severity.WARNING,
        "已印出标题“三、申请”，但未读取到该统计表，可能是表格形式未能识别。",
    )
    g = finding("identity.failed", severity=Severity.WARNING, rule="T3-1", reported=1,
                expected=2, expr="a = b", template="", head="h", head_zh="h", parts="p",
                notes="", notes_zh="")  # fmt: skip
    assert (g.severity, g.rule, g.reported, g.expected) == (Severity.WARNING, "T3-1", 1, 2)
    assert g.message == "identity T3-1 does not hold: a = b; h; parts used: p."


def test_unknown_codes_variants_and_missing_arguments_raise() -> None:
    with pytest.raises(KeyError):
        finding("table.made_up")
    with pytest.raises(KeyError):
        finding("date.late", variant="no such variant")
    with pytest.raises(KeyError):
        finding("report.year_assumed")  # {year} not given
    with pytest.raises(KeyError):
        rule("no.such_code")


def test_the_duplicate_plan_code_is_an_alias() -> None:
    merged = rule("plan.task_without_lead")
    assert merged is rule("plan.no_lead")
    assert merged.aliases == ("plan.task_without_lead",)
    assert "plan.task_without_lead" not in {r.code for r in RULES}
    assert isinstance(merged.message("elsewhere"), Message)


def test_the_reference_documents_every_code_and_alias() -> None:
    rendered = exec_output(REFERENCE)
    assert rule_catalogue_markdown() in rendered
    for code in KNOWN:
        assert f"`{code}`" in rendered


def test_rules_stay_public_and_compatible() -> None:
    assert zwgk.RULES is RULES
    assert zwgk.Rule is Rule
    r = Rule("x.y", Severity.INFO, "t", "标题", "what")  # the old positional form
    assert (r.stage, r.messages, r.aliases) == ("validate", (), ())
