"""Score zwgk against the hand-checked gold of the dev corpus.

Every ``tests/corpus/dev/gold/NNN_slug.json`` (format: tests/corpus/dev/NOTES.md, "Expected
values") is compared with what zwgk reads from each form of the document that exists:

- ``text``: ``tests/corpus/dev/NNN_slug.txt`` through ``zwgk.parse``;
- ``html``: ``tests/corpus/dev/html/NNN_slug.html`` (raw page bytes) through ``zwgk.parse``;
- ``pdf``: ``tests/corpus/dev/pdf/NNN_*.pdf`` through ``zwgk.read`` (skipped while zwgk has no
  ``read``).

What is scored, per document and form:

- ``kind`` and the metadata fields title, agency, report_year, published, index_no, doc_no,
  format and sections (sections right when the headings match as a list);
- ``cells``: each gold cell is looked up among the library's cells by its printed row and column
  labels (normalised: NFKC, no spaces or punctuation, numbering such as ``其中：1．`` or ``（一）``
  dropped; an exact label first, then one containing the other, then the closest label with a
  similarity of at least 0.75, each time the one candidate that fits best, a library cell used at
  most once). A gold cell is *right* when the matched cell has the same value, *open* when it has
  no value, *wrong* when its value differs and *missing* when no cell matches;
- ``tasks``: a gold task is found when the library has a task with the same numbering path
  (markers compared without brackets and punctuation, ``（一）`` = ``(一)`` = ``一``);
- ``leads``: lead units of the found tasks, by name. Two names are the same unit when they are
  equal after normalisation, or when one is the other with a region prefix in front (``区法院`` =
  ``法院``, ``平潭综合实验区财政金融局`` = ``财政金融局``: the prefix is one of 省 市 区 县 镇 乡 alone
  or a place name ending in one of them, and does not cut a word such as 市场 or 乡村).
  Precision counts the library's leads on found tasks;
  recall counts every gold lead (leads of tasks not found are missed).

Prints one line per document and form and the totals; ``--json`` prints the same as JSON. Always
exits 0: this is a measurement, not a check (tests/test_accuracy.py guards the totals).

Run: ``PYTHONPATH=src python scripts/accuracy.py [--json] [--forms text,html,pdf] [NNN ...]``.
"""

from __future__ import annotations

import argparse
import datetime as dt
import difflib
import json
import re
import sys
import unicodedata
from collections.abc import Callable, Iterable, Sequence
from dataclasses import asdict, dataclass, field
from decimal import Decimal
from pathlib import Path
from typing import Any

import zwgk

ROOT = Path(__file__).resolve().parents[1]
DEV = ROOT / "tests" / "corpus" / "dev"
GOLD = DEV / "gold"
FORMS = ("text", "html", "pdf")
META = ("title", "agency", "report_year", "published", "index_no", "doc_no", "format", "sections")
FUZZY = 0.75

_NUMBERING = re.compile(
    r"^(?:其中)?[:：]?\s*(?:"
    r"[(（][一二三四五六七八九十\d]{1,3}[)）]"  # （一） (1)
    r"|[一二三四五六七八九十]{1,3}[、.．]"  # 一、
    r"|\d{1,2}(?:[.、．]|(?=[^\d年月日号项件条元.]))"  # 1. 1、 1．  1同意…
    r"|[①-⑳]"
    r")"
)
_NOT_WORD = re.compile(r"[^\w]|_")
_REGION = re.compile(r"^(?:[省市区县镇乡]|\w{1,10}?[省市区县镇乡])$")
# Words that begin with a region character: 市场监管局 is not 场监管局 with the prefix 市.
_REGION_WORDS = frozenset(
    {"市场", "市政", "区域", "县域", "乡村", "镇村", "省级", "市级", "区级", "县级"}
)


def squash(text: str | None) -> str:
    """NFKC, no whitespace or punctuation: the form two printed strings are compared in."""
    if text is None:
        return ""
    return _NOT_WORD.sub("", unicodedata.normalize("NFKC", text))


def label_key(label: str | None) -> str:
    """A printed label without its numbering (``其中：1．网站公开`` -> ``网站公开``)."""
    text = unicodedata.normalize("NFKC", label or "").strip()
    text = re.sub(r"\s+", "", text)
    for _ in range(3):
        cut = _NUMBERING.sub("", text, count=1)
        if cut == text or not cut:
            break
        text = cut
    return squash(text)


def marker_key(marker: str) -> str:
    """A numbering marker without brackets or punctuation (``（一）`` -> ``一``)."""
    return squash(marker)


def same_unit(a: str, b: str) -> bool:
    """Whether two printed unit names name the same unit (see the module docstring)."""
    x, y = squash(a), squash(b)
    if not x or not y:
        return False
    if x == y:
        return True
    short, long = sorted((x, y), key=len)
    prefix = long[: len(long) - len(short)]
    return (
        long.endswith(short)
        and _REGION.match(prefix) is not None
        and prefix[-1] + short[0] not in _REGION_WORDS
    )


# ---------------------------------------------------------------- results


@dataclass
class Score:
    """The counts of one document in one form (or the totals)."""

    kind_right: int = 0
    kind_total: int = 0
    meta_right: int = 0
    meta_total: int = 0
    cells_right: int = 0
    cells_open: int = 0
    cells_wrong: int = 0
    cells_missing: int = 0
    tasks_found: int = 0
    tasks_expected: int = 0
    leads_matched: int = 0
    leads_predicted: int = 0
    leads_expected: int = 0

    def add(self, other: Score) -> None:
        """Add another score's counts to this one."""
        for name in self.__dataclass_fields__:
            setattr(self, name, getattr(self, name) + getattr(other, name))

    @property
    def cells_total(self) -> int:
        """Gold cells scored."""
        return self.cells_right + self.cells_open + self.cells_wrong + self.cells_missing


@dataclass
class DocResult:
    """One document in one form: its score and what went wrong."""

    doc: str
    form: str
    score: Score = field(default_factory=Score)
    meta_wrong: dict[str, list[Any]] = field(default_factory=dict)
    cells_wrong: list[dict[str, Any]] = field(default_factory=list)
    cells_open: list[dict[str, Any]] = field(default_factory=list)
    cells_missing: list[dict[str, Any]] = field(default_factory=list)
    tasks_missing: list[list[str]] = field(default_factory=list)
    error: str | None = None


# ---------------------------------------------------------------- cells


@dataclass
class _LibCell:
    table: str
    row: list[str]  # label keys of the row path, top first
    col: str  # label key of the column (the last label of the path)
    value: Any


def _lib_cells(doc: Any) -> list[_LibCell]:
    out = []
    for table in getattr(doc, "tables", ()):
        for cell in table.cells:
            labels = [label_key(x) for x in (*cell.row_labels, *cell.column_labels)]
            if not labels:
                continue
            # A table with no column labels (f2021 表四) ends its row path with the column.
            row = labels[:-1] if not cell.column_labels else [label_key(x) for x in cell.row_labels]
            out.append(_LibCell(label_key(table.title), row, labels[-1], cell.value))
    return out


def _fit(gold: str, lib: str) -> float:
    """How well two label keys agree: 3 equal, 2 one inside the other, else the fuzzy ratio."""
    if not gold or not lib:
        return 0.0
    if gold == lib:
        return 3.0
    if gold in lib or lib in gold:
        return 2.0
    ratio = difflib.SequenceMatcher(None, gold, lib).ratio()
    return ratio if ratio >= FUZZY else 0.0


def _gold_path(cell: dict[str, Any]) -> list[str]:
    parts: list[str] = []
    for label in cell["row"]:
        if label:
            parts.extend(label_key(p) for p in str(label).split("/"))
    return [p for p in parts if p]


def _match(cell: dict[str, Any], pool: list[_LibCell], used: set[int]) -> int | None:
    path = _gold_path(cell)
    if not path:
        return None
    leaf, parents, col = path[-1], path[:-1], label_key(cell["col"])
    table = label_key(cell.get("table"))
    best: tuple[float, ...] | None = None
    best_at: int | None = None
    for at, lib in enumerate(pool):
        if at in used or not lib.row:
            continue
        fit_col = _fit(col, lib.col)
        fit_leaf = _fit(leaf, lib.row[-1])
        if not fit_col or not fit_leaf:
            continue
        fit_parents = sum(max((_fit(p, r) for r in lib.row[:-1]), default=0.0) for p in parents)
        rank = (min(fit_col, fit_leaf), fit_col + fit_leaf, fit_parents, _fit(table, lib.table))
        if best is None or rank > best:
            best, best_at = rank, at
    return best_at


def _same_value(gold: Any, lib: Any) -> bool:
    if isinstance(gold, bool) or isinstance(lib, bool):
        return bool(gold == lib)
    try:
        return Decimal(str(gold)) == Decimal(str(lib))
    except ArithmeticError:
        return bool(gold == lib)


def score_cells(gold: dict[str, Any], doc: Any, result: DocResult) -> None:
    """Count every gold cell right, open, wrong or missing against the document's cells."""
    pool = _lib_cells(doc)
    used: set[int] = set()
    s = result.score
    for cell in gold.get("cells", []):
        at = _match(cell, pool, used)
        where = {"table": cell.get("table"), "row": cell["row"], "col": cell["col"]}
        if at is None:
            s.cells_missing += 1
            result.cells_missing.append({**where, "gold": cell["value"]})
            continue
        used.add(at)
        value = pool[at].value
        if value is None:
            s.cells_open += 1
            result.cells_open.append({**where, "gold": cell["value"]})
        elif _same_value(cell["value"], value):
            s.cells_right += 1
        else:
            s.cells_wrong += 1
            result.cells_wrong.append({**where, "gold": cell["value"], "got": str(value)})


# ---------------------------------------------------------------- metadata, tasks


def _format(doc: Any) -> str:
    fmt = getattr(doc, "format", None)
    if fmt is None:
        return "none"
    value = str(fmt.value)
    return {"f2021": "2021", "f2019": "2019"}.get(value, "legacy" if "legacy" in value else value)


def _agency_names(doc: Any) -> list[str]:
    agency = getattr(doc, "agency", None)
    if agency is None:
        return []
    return [n for n in (agency.name, agency.full_name) if n]


def _meta(doc: Any) -> dict[str, Callable[[Any], bool]]:
    published = getattr(doc, "published", None)
    year = getattr(doc, "year", None)
    headings = [squash(s.heading) for s in getattr(doc, "sections", ())]
    return {
        "title": lambda g: squash(g) == squash(getattr(doc, "title", None)),
        "agency": lambda g: (
            (g is None and not _agency_names(doc))
            or any(squash(g) == squash(n) for n in _agency_names(doc))
        ),
        "report_year": lambda g: g == year,
        "published": lambda g: g == (published.isoformat() if published else None),
        "index_no": lambda g: squash(g) == squash(getattr(doc, "index_no", None)),
        "doc_no": lambda g: squash(g) == squash(getattr(doc, "doc_no", None)),
        "format": lambda g: g == _format(doc),
        "sections": lambda g: [squash(h) for h in g] == headings,
    }


def _meta_got(doc: Any, name: str) -> Any:
    if name == "agency":
        return _agency_names(doc)
    if name == "format":
        return _format(doc)
    if name == "sections":
        return [s.heading for s in getattr(doc, "sections", ())]
    if name == "report_year":
        return getattr(doc, "year", None)
    value = getattr(doc, name, None)
    return value.isoformat() if isinstance(value, dt.date) else value


def score_meta(gold: dict[str, Any], doc: Any, result: DocResult) -> None:
    """Score kind and every metadata field the gold gives."""
    s = result.score
    s.kind_total += 1
    if doc.kind.value == gold["kind"]:
        s.kind_right += 1
    else:
        result.meta_wrong["kind"] = [gold["kind"], doc.kind.value]
    checks = _meta(doc)
    for name in META:
        if name not in gold:
            continue
        s.meta_total += 1
        if checks[name](gold[name]):
            s.meta_right += 1
        else:
            result.meta_wrong[name] = [gold[name], _meta_got(doc, name)]


def score_tasks(gold: dict[str, Any], doc: Any, result: DocResult) -> None:
    """Tasks found by numbering path; lead units by name on the found ones."""
    s = result.score
    walk = getattr(doc, "walk_tasks", None)
    tasks: dict[tuple[str, ...], Any] = {}
    for lib_task in walk() if walk else ():  # the first task at a path, as printed first
        tasks.setdefault(tuple(marker_key(m) for m in lib_task.path), lib_task)
    for task in gold.get("tasks", []):
        leads = [str(x) for x in task.get("lead") or []]
        s.tasks_expected += 1
        s.leads_expected += len(leads)
        found = tasks.get(tuple(marker_key(m) for m in task["path"]))
        if found is None:
            result.tasks_missing.append(list(task["path"]))
            continue
        s.tasks_found += 1
        names = [[n for n in (u.name, u.full_name) if n] for u in found.lead]
        s.leads_predicted += len(names)
        free = list(range(len(names)))
        for lead in leads:
            hit = next((i for i in free if any(same_unit(lead, n) for n in names[i])), None)
            if hit is not None:
                free.remove(hit)
                s.leads_matched += 1


# ---------------------------------------------------------------- forms


def _forms(gold_id: str) -> dict[str, Path]:
    out = {"text": DEV / f"{gold_id}.txt"}
    html = DEV / "html" / f"{gold_id}.html"
    if html.exists():
        out["html"] = html
    number = gold_id.split("_", 1)[0]
    pdfs = sorted((DEV / "pdf").glob(f"{number}_*.pdf"))
    if pdfs:
        out["pdf"] = pdfs[0]
    return out


def _read(form: str, path: Path) -> Any:
    if form == "text":
        return zwgk.parse(path.read_text(encoding="utf-8"), source=str(path))
    if form == "html":
        return zwgk.parse(path.read_bytes(), source=str(path))
    reader = getattr(zwgk, "read", None)
    if reader is None:
        return None
    return reader(path)


def score_document(gold: dict[str, Any], form: str, path: Path) -> DocResult | None:
    """Score one gold document in one form; None when the form cannot be read here."""
    result = DocResult(gold["id"], form)
    try:
        doc = _read(form, path)
    except zwgk.ZwgkError as exc:
        result.error = f"{type(exc).__name__}: {exc}"
        s = result.score
        s.kind_total, s.meta_total = 1, sum(name in gold for name in META)
        s.cells_missing = len(gold.get("cells", []))
        s.tasks_expected = len(gold.get("tasks", []))
        s.leads_expected = sum(len(t.get("lead") or []) for t in gold.get("tasks", []))
        return result
    if doc is None:
        return None
    score_meta(gold, doc, result)
    score_cells(gold, doc, result)
    score_tasks(gold, doc, result)
    return result


def load_gold(directory: Path = GOLD) -> list[dict[str, Any]]:
    """Every gold file, money and other fractions read as Decimal."""
    return [
        json.loads(p.read_text(encoding="utf-8"), parse_float=Decimal)
        for p in sorted(directory.glob("*.json"))
    ]


def run(
    golds: Iterable[dict[str, Any]], forms: Sequence[str] = FORMS
) -> tuple[list[DocResult], dict[str, Score]]:
    """Score every gold document in every form asked for; totals per form and overall."""
    results: list[DocResult] = []
    totals: dict[str, Score] = {}
    for gold in golds:
        for form, path in _forms(gold["id"]).items():
            if form not in forms:
                continue
            result = score_document(gold, form, path)
            if result is None:
                continue
            results.append(result)
            totals.setdefault(form, Score()).add(result.score)
            totals.setdefault("all", Score()).add(result.score)
    return results, totals


# ---------------------------------------------------------------- output


def _ratio(a: int, b: int) -> str:
    return f"{a / b:.2f}" if b else "-"


def line(name: str, form: str, s: Score) -> str:
    """One printed line of the scoreboard."""
    cells = (
        f"{s.cells_right:4d} {s.cells_open:4d} {s.cells_wrong:4d} {s.cells_missing:4d} /{s.cells_total:4d}"
        if s.cells_total
        else f"{'':24s}"
    )
    tasks = f"{s.tasks_found:3d}/{s.tasks_expected:<3d}" if s.tasks_expected else f"{'':7s}"
    leads = (
        f"P {_ratio(s.leads_matched, s.leads_predicted):>4s} R {_ratio(s.leads_matched, s.leads_expected):>4s}"
        if s.leads_expected
        else ""
    )
    return (
        f"{name:46s} {form:4s} kind {s.kind_right}/{s.kind_total} meta {s.meta_right:2d}/{s.meta_total:<2d} "
        f"cells {cells}  tasks {tasks} {leads}".rstrip()
    )


def markdown_row(name: str, form: str, s: Score) -> str:
    """One row of the markdown scoreboard (docs/accuracy.md)."""
    counts = (s.cells_right, s.cells_open, s.cells_wrong, s.cells_missing, s.cells_total)
    cells = [str(n) for n in counts] if s.cells_total else [""] * 5
    tasks = f"{s.tasks_found}/{s.tasks_expected}" if s.tasks_expected else ""
    leads = (
        [_ratio(s.leads_matched, s.leads_predicted), _ratio(s.leads_matched, s.leads_expected)]
        if s.leads_expected
        else ["", ""]
    )
    kind = f"{s.kind_right}/{s.kind_total}"
    meta = f"{s.meta_right}/{s.meta_total}"
    return "| " + " | ".join([name, form, kind, meta, *cells, tasks, *leads]) + " |"


MARKDOWN_HEADER = (
    "| document | form | kind | meta | cells right | open | wrong | missing | gold cells "
    "| tasks | lead P | lead R |\n|---|---|:-:|---:|---:|---:|---:|---:|---:|---:|---:|---:|"
)


HEADER = (
    f"{'document':46s} form kind     meta       cells right open wrong miss / gold  tasks   leads"
)


def main(argv: Sequence[str] | None = None) -> int:
    """Print the scoreboard (or its JSON with ``--json``); always 0."""
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0] if __doc__ else None)
    parser.add_argument("docs", nargs="*", help="document numbers (e.g. 006); default all")
    parser.add_argument("--json", action="store_true", help="machine-readable output")
    parser.add_argument("--forms", default=",".join(FORMS), help="forms to score: text,html,pdf")
    parser.add_argument("--detail", action="store_true", help="list every cell not right")
    parser.add_argument(
        "--markdown", action="store_true", help="the totals and per-document tables as markdown"
    )
    args = parser.parse_args(argv)
    golds = [g for g in load_gold() if not args.docs or g["id"].split("_")[0] in args.docs]
    results, totals = run(golds, tuple(args.forms.split(",")))
    if args.json:
        out = {
            "date": dt.date.today().isoformat(),
            "documents": [
                {**asdict(r), "score": asdict(r.score) | {"cells_total": r.score.cells_total}}
                for r in results
            ],
            "totals": {k: asdict(v) | {"cells_total": v.cells_total} for k, v in totals.items()},
        }
        print(json.dumps(out, ensure_ascii=False, indent=1, default=str))
        return 0
    if args.markdown:
        print(MARKDOWN_HEADER)
        for form, s in totals.items():
            print(markdown_row("**total**", form, s))
        print()
        print(MARKDOWN_HEADER)
        for r in results:
            print(markdown_row(r.doc, r.form, r.score))
        return 0
    print(HEADER)
    for r in results:
        print(line(r.doc, r.form, r.score) + (f"  ERROR {r.error}" if r.error else ""))
        if args.detail:
            for key in (
                "meta_wrong",
                "cells_wrong",
                "cells_open",
                "cells_missing",
                "tasks_missing",
            ):
                value = getattr(r, key)
                if value:
                    print(f"    {key}: {json.dumps(value, ensure_ascii=False, default=str)}")
    for form, s in totals.items():
        print(line("TOTAL", form, s))
    return 0


if __name__ == "__main__":
    sys.exit(main())
