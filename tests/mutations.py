"""Structure-aware mutations of real documents, driven by a ``random.Random``.

One set of mutation classes serves two runners: the hypothesis strategy
``mutated_inputs`` in ``tests/strategies.py`` (shrinkable, in CI) and the long
stand-alone run ``fuzz/fuzz_structured.py``.  Each mutation keeps most of the
document's structure and breaks one thing a crawler really brings back: rows
swapped or repeated, stray numbering, HTML tags and entities, nested or unclosed
tables, invisible and control characters, digits of other scripts, other encodings.
"""

from __future__ import annotations

import random
import re
from collections.abc import Callable
from pathlib import Path

ROOT = Path(__file__).resolve().parents[1]


def seed_documents() -> list[str]:
    """The seeds and the dev-corpus texts, the starting points of every mutation."""
    paths = sorted((ROOT / "seeds").glob("*.txt")) + sorted(
        (ROOT / "tests" / "corpus" / "dev").glob("[0-9]*.txt")
    )
    return [p.read_text(encoding="utf-8") for p in paths]


def window(text: str, rng: random.Random, size: int) -> str:
    """A run of whole lines of about ``size`` characters (all of a short text)."""
    if len(text) <= size:
        return text
    start = text.rfind("\n", 0, rng.randrange(len(text) - size)) + 1
    end = text.find("\n", start + size)
    return text[start : None if end < 0 else end]


def _lines(text: str) -> list[str]:
    return text.split("\n")


def row_swap(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    i, j = rng.randrange(len(lines)), rng.randrange(len(lines))
    lines[i], lines[j] = lines[j], lines[i]
    return "\n".join(lines)


def duplicate_block(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    i = rng.randrange(len(lines))
    j = min(len(lines), i + rng.randint(1, 30))
    at = rng.randrange(len(lines) + 1)
    return "\n".join(lines[:at] + lines[i:j] + lines[at:])


def delete_lines(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    i = rng.randrange(len(lines))
    return "\n".join(lines[:i] + lines[i + rng.randint(1, 5) :])


_MARKERS = [
    "一、",
    "二、",
    "十一、",
    "(一)",
    "（二）",
    "1.",
    "2、",
    "(1)",
    "（3）",
    "①",
    "第一条",
    "第1项",
    "一是",
    "|",
    "| 1 |",
    "合计",
    "总计",
    "—",
    "/",
    "无",
]


def stray_numbering(text: str, rng: random.Random) -> str:
    lines = _lines(text)
    i = rng.randrange(len(lines))
    marker = rng.choice(_MARKERS)
    line = lines[i]
    at = 0 if rng.random() < 0.6 else rng.randint(0, len(line))
    lines[i] = line[:at] + marker + line[at:]
    return "\n".join(lines)


_INVISIBLE = (
    "\u200b\u200c\u200d\u2060\ufeff\u202a\u202b\u202c\u202d\u202e\u2066\u2067\u2068\u2069"
    "\u200e\u200f\x00\x01\x0b\x0c\x1b\x7f\x85\r\t\u2028\u2029\u3000\xa0\xad"
)


def invisible(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 8)):
        at = rng.randint(0, len(text))
        text = text[:at] + rng.choice(_INVISIBLE) * rng.randint(1, 3) + text[at:]
    return text


_DIGIT_SETS = [
    "０１２３４５６７８９",
    "٠١٢٣٤٥٦٧٨٩",
    "۰۱۲۳۴۵۶۷۸۹",
    "०१२३४५६७८९",
    "০১২৩৪৫৬৭৮৯",
    "๐๑๒๓๔๕๖๗๘๙",
    "⁰¹²³⁴⁵⁶⁷⁸⁹",
    "₀₁₂₃₄₅₆₇₈₉",
    "𝟎𝟏𝟐𝟑𝟒𝟓𝟔𝟕𝟖𝟗",
    "〇一二三四五六七八九",
    "⓪①②③④⑤⑥⑦⑧⑨",
]


def other_digits(text: str, rng: random.Random) -> str:
    digits = rng.choice(_DIGIT_SETS)
    table = str.maketrans("0123456789", digits)
    if rng.random() < 0.5:
        return text.translate(table)
    matches = list(re.finditer(r"[0-9]+", text))
    if not matches:
        return text
    m = rng.choice(matches)
    return text[: m.start()] + m.group().translate(table) + text[m.end() :]


def characters(text: str, rng: random.Random) -> str:
    """The blind classes: delete, duplicate, swap or truncate characters, add digit runs."""
    if not text:
        return text
    i = rng.randrange(len(text))
    size = rng.randint(1, 40)
    op = rng.randrange(5)
    if op == 0:
        return text[:i] + text[i + size :]
    if op == 1:
        return text[:i] + text[i : i + size] * 2 + text[i + size :]
    if op == 2:
        j = min(len(text), i + size)
        return text[:i] + text[j : j + size] + text[i:j] + text[j + size :]
    if op == 3:
        return text[:i] + rng.choice("0123456789.") * size + text[i:]
    return text[:i]


_ENTITIES = ["&nbsp;", "&#12288;", "&#x3000;", "&amp;", "&lt;", "&#49;", "&#xff11;", "&bogus;", "&"]
_TAGS = [
    "<br>",
    "<p>",
    "</p>",
    "<div>",
    "</td>",
    "<td>",
    "<tr>",
    "</tr>",
    "<table>",
    "</table>",
    "<td rowspan=3>",
    "<td colspan=2>",
    "<th colspan='x'>",
    "<td rowspan=१०>",
    "<td colspan=99999>",
    "<script>",
    "</script>",
    "<!--",
    "-->",
    "<![CDATA[",
    "<![ ",
    "<![if !supportLists]>",
    "<![endif]>",
    "<!DOCTYPE html>",
    "<?xml version='1.0'?>",
    "<span style='x'>",
    "</",
    "<",
    ">",
]


def html_noise(text: str, rng: random.Random) -> str:
    for _ in range(rng.randint(1, 6)):
        at = rng.randint(0, len(text))
        piece = rng.choice(_ENTITIES if rng.random() < 0.4 else _TAGS)
        text = text[:at] + piece + text[at:]
    return text


def _cell(rng: random.Random, value: str) -> str:
    attrs = ""
    if rng.random() < 0.15:
        attrs += f" rowspan={rng.choice(['2', '3', '0', '-1', 'x', '١٠', '10'])}"
    if rng.random() < 0.15:
        attrs += f" colspan={rng.choice(['2', '3', '0', '-1', 'x', '١٠', '10'])}"
    tag = "th" if rng.random() < 0.1 else "td"
    close = f"</{tag}>" if rng.random() < 0.9 else ""
    return f"<{tag}{attrs}>{value}{close}"


def as_html(text: str, rng: random.Random) -> str:
    """The text as a page: lines as paragraphs, whitespace-separated rows as tables."""
    out = ["<html><body>"]
    in_table = False
    for line in _lines(text):
        parts = [p for p in re.split(r"\s+|\|", line) if p]
        tabular = len(parts) >= 3 and any(p[:1].isdigit() for p in parts)
        if tabular and not in_table:
            out.append("<table>" if rng.random() < 0.95 else "<table><tr><td><table>")
            in_table = True
        elif not tabular and in_table:
            if rng.random() < 0.9:
                out.append("</table>")
            in_table = False
        if tabular:
            out.append("<tr>" + "".join(_cell(rng, p) for p in parts) + "</tr>")
        else:
            out.append(f"<p>{line}</p>")
    if in_table and rng.random() < 0.5:
        out.append("</table>")
    out.append("</body></html>")
    return "\n".join(out)


def nested_tables(text: str, rng: random.Random) -> str:
    depth = rng.randint(1, 10)
    span = rng.choice(["", " colspan=10", " rowspan=10", " colspan=3 rowspan=3"])
    head = "".join(f"<table><tr><td{span}>" for _ in range(depth))
    tail = "".join("</td></tr></table>" for _ in range(depth if rng.random() < 0.7 else 0))
    at = rng.randint(0, len(text))
    return "<p>x</p><p>y</p>" + text[:at] + head + text[at : at + 200] + tail + text[at + 200 :]


def surrogate(text: str, rng: random.Random) -> str:
    at = rng.randint(0, len(text))
    return text[:at] + chr(rng.randint(0xD800, 0xDFFF)) + text[at:]


#: Every text-to-text mutation, by name.
MUTATIONS: dict[str, Callable[[str, random.Random], str]] = {
    "row_swap": row_swap,
    "duplicate_block": duplicate_block,
    "delete_lines": delete_lines,
    "stray_numbering": stray_numbering,
    "invisible": invisible,
    "other_digits": other_digits,
    "characters": characters,
    "html_noise": html_noise,
    "as_html": as_html,
    "nested_tables": nested_tables,
    "surrogate": surrogate,
}

#: The encodings a mutated text may be handed over in (``None``: as ``str``).
ENCODINGS = [
    None,
    "utf-8",
    "utf-8-sig",
    "utf-16",
    "utf-16-le",
    "utf-32",
    "gb18030",
    "gbk",
    "big5",
    "cp1252",
    "latin-1",
]


def mutate(text: str, rng: random.Random, *, steps: int | None = None) -> str:
    """``text`` after one to four mutations chosen by ``rng``."""
    names = sorted(MUTATIONS)
    for _ in range(steps if steps is not None else rng.randint(1, 4)):
        text = MUTATIONS[rng.choice(names)](text, rng)
    return text


def encode(text: str, rng: random.Random) -> str | bytes:
    """``text`` as given to ``parse``: usually a ``str``, else bytes in some encoding."""
    if rng.random() < 0.7:
        return text
    encoding = rng.choice(ENCODINGS[1:])
    return text.encode(encoding, errors="replace" if encoding != "utf-8" else "surrogatepass")


def hostile_input(documents: list[str], rng: random.Random, *, size: int = 3000) -> str | bytes:
    """One fuzz input: a window of a real document, mutated, maybe encoded."""
    text = window(rng.choice(documents), rng, size)
    return encode(mutate(text, rng), rng)


def check(data: str | bytes) -> None:
    """Every promise ``parse`` makes about one input; an ``AssertionError`` (or any
    exception that is not a ``ZwgkError``) is a broken promise."""
    import zwgk  # here, so the module imports without zwgk for the runners' set-up

    try:
        doc = zwgk.parse(data)
    except zwgk.ZwgkError:
        return
    dumped = zwgk.to_json(doc)
    dumped.encode("utf-8")  # no lone surrogate can reach a dump
    assert zwgk.from_json(dumped) == doc, "JSON round trip"
    for finding in zwgk.validate(doc):
        assert isinstance(finding, zwgk.Finding)
    for fact in zwgk.facts([doc]):
        assert fact.raw is not None
    if isinstance(doc, zwgk.AnnualReport):
        size = len(data) if isinstance(data, str) else None
        for table in doc.tables:
            for item in (*table.cells, *table.unplaced):
                if size is not None:
                    assert 0 <= item.span.start <= item.span.end <= size, "span outside the input"
            for entry in table.unplaced:
                assert entry.raw.strip(), "unplaced entry without a token"
