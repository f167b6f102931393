"""Short pieces of the one-line ``repr`` of model objects (the model's own, no other imports)."""

from __future__ import annotations

from collections.abc import Iterable


def short(text: str, limit: int = 32) -> str:
    """``text`` quoted, cut to ``limit`` characters with ``…``.

    Examples:
        >>> short("株洲市工商行政管理局2017年度政府信息公开工作年度报告", 12)
        "'株洲市工商行政管理局2…'"
    """
    text = " ".join(text.split())
    return repr(text if len(text) <= limit else text[: limit - 1] + "…")


def names(items: Iterable[str], limit: int = 3) -> str:
    """The first ``limit`` names (each cut to 12 characters) joined by commas, then ``+N``.

    Examples:
        >>> names(["注册处", "法制处", "办公室", "财务处", "人事处"])
        '注册处, 法制处, 办公室 +2'
    """
    items = list(items)
    shown = ", ".join(short(item, 12)[1:-1] for item in items[:limit])
    return shown if len(items) <= limit else f"{shown} +{len(items) - limit}"


def count(n: int, word: str) -> str:
    """``n`` and ``word``, plural with an ``s`` unless ``n`` is 1.

    Examples:
        >>> (count(1, "table"), count(3, "cell"))
        ('1 table', '3 cells')
    """
    return f"{n} {word}" if n == 1 else f"{n} {word}s"
