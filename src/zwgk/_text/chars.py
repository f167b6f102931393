"""Characters that are not text: lone surrogates, refused wherever a string comes in."""

from __future__ import annotations

import re

from zwgk._errors import InputError

__all__ = ["SURROGATE", "refuse_surrogates"]

#: A lone surrogate: a code point of UTF-16's pairs, not a character of any text.
SURROGATE = re.compile("[\ud800-\udfff]")


def refuse_surrogates(text: str) -> None:
    """Raise `zwgk.InputError` at the first lone surrogate of ``text``.

    A lone surrogate is not a character: no encoding writes it, so a document
    holding one could be parsed but never dumped or saved.

    Examples:
        >>> from zwgk._text.chars import refuse_surrogates
        >>> refuse_surrogates("年度报告\\ud800")
        Traceback (most recent call last):
        ...
        zwgk._errors.InputError: lone surrogate U+D800 is not text @ character 4
    """
    try:
        text.encode("utf-8")  # writes every character but a lone surrogate, in one C pass
    except UnicodeEncodeError as e:  # at the first lone surrogate
        raise InputError(
            f"lone surrogate U+{ord(text[e.start]):04X} is not text", where=f"character {e.start}"
        ) from None
