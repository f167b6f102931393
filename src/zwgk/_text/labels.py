"""The normal form of a printed row label, the one every reader and crosswalk compares."""

from __future__ import annotations

import re
import unicodedata

from zwgk._text.numbering import leading_marker

__all__ = ["normalize_label"]

_OF_WHICH = re.compile(r"^其中[:：]?")


def normalize_label(label: str) -> str:
    """A printed label as labels are compared: NFKC, no spaces, no leading ``其中:`` or numbering.

    Numbering is any outline marker (``1、``, ``(一)``, ``一、``, ``①``).

    Example:
        >>> from zwgk._text.labels import normalize_label
        >>> normalize_label("其中:1、当面申请数"), normalize_label("(一) 收到申请数")
        ('当面申请数', '收到申请数')
    """
    text = "".join(label.split())
    for step in range(3):  # "其中:1、…" and "1、其中:…"; NFKC once a ① is off
        text = _OF_WHICH.sub("", text)
        marker = leading_marker(text)
        if marker is not None:
            text = text[len(marker) :]
        if step == 0:
            text = unicodedata.normalize("NFKC", text)
    return text
