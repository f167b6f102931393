"""One pass per token kind over a document, shared by every reader of that document.

A document's normalized text is lexed once per parse (`zwgk._text.lexer.lex`, kept
while the readers of a parse ask for that same text object):
each token kind (outline markers, dates, counted numbers, deadline phrases, any
whole-text pattern a reader registers) is found in a single left-to-right scan the
first time a reader asks for it, and every later reader (the kind detector,
the outline, the plan's task tree, signatures, facts, the deadlines of each task) reads
the same tokens by position instead of scanning the text again.

A reader that wants the tokens of one stretch (``text[a:b]``, a task's own words) gets
exactly what a scan of that stretch alone would find (`zwgk._text.lexer.Scan.within`):
the whole-text tokens inside it, and a rescan of the few characters at its end where a
token could be cut by the stretch's end.
"""

from __future__ import annotations

import bisect
import re
from collections.abc import Callable, Hashable, Iterable, Iterator
from typing import TypeVar

from zwgk._text.numbering import MARKER_RE, Marker, marker_from_match

__all__ = ["CLAUSE_BREAKS", "Lexed", "Scan", "begin", "lex"]

T = TypeVar("T")

#: Where a clause ends in prose (a line break is no clause break: PDF text wraps lines).
CLAUSE_BREAKS = "。；;，,：:！？!?"
#: Everything up to the last clause break of a stretch (greedy: read back from its end).
_TO_LAST_BREAK = re.compile(f"(?s:.*)[{re.escape(CLAUSE_BREAKS)}]")
#: How far past its start a marker match may look (第十二部分 and a lookahead).
_MARKER_REACH = 16


class Scan:
    """The matches of one pattern over a whole text, in order (one ``finditer``).

    `zwgk._text.lexer.Scan.within` answers for a stretch of the text exactly as a scan
    of the stretch alone would.  It needs to know how the pattern may look past the
    stretch's end: ``reach=None`` says that nothing in the pattern looks past a match's
    end (no negative lookahead, ``$`` or ``\\b``), so cutting the text can only lose a
    match that runs past the cut; a number says how far past its start a match attempt
    may read (its match and its lookaheads), and the last ``reach`` characters of a
    stretch are read again.

    Example:
        >>> import re
        >>> from zwgk._text.lexer import Scan
        >>> scan = Scan(re.compile(r"\\d+年"), "2019年 与 2020年")
        >>> [m.group() for m in scan.within(0, 10)], [m.group() for m in scan.within(2, 13)]
        (['2019年'], ['19年', '2020年'])
    """

    __slots__ = ("_matches", "_starts", "pattern", "reach", "text")

    def __init__(
        self,
        pattern: re.Pattern[str],
        text: str,
        *,
        reach: int | None = None,
        matches: Iterable[re.Match[str]] | None = None,
    ) -> None:
        self.pattern = pattern
        self.text = text
        self.reach = reach
        # The matches are kept as found (listed in one C loop), and handed to each reader
        # as they are: a reader makes no match again.  ``matches`` are those of
        # ``pattern.finditer(text)`` when the caller has them already.
        self._matches = found = list(pattern.finditer(text) if matches is None else matches)
        self._starts = [m.start() for m in found]  # what a stretch's bounds are looked up in

    def __len__(self) -> int:
        return len(self._matches)

    def match(self, k: int) -> re.Match[str]:
        """The ``k``-th match of the whole-text scan."""
        return self._matches[k]

    def indices(self, start: int, end: int) -> tuple[range, int]:
        """The whole-text matches a scan of ``text[start:end]`` also finds, and where to rescan.

        Returns the range of indices into ``matches`` and the position from which the
        stretch must be scanned again (``end`` when nothing is left to rescan).
        """
        found, starts = self._matches, self._starts
        i = bisect.bisect_left(starts, start)
        if i and found[i - 1].end() > start:  # a match runs across the start: read afresh
            return range(i, i), start
        if end >= len(self.text):  # the stretch ends where the text does
            return range(i, bisect.bisect_left(starts, end, i)), end
        if self.reach is None:
            # Matches that end inside the stretch are the stretch's; from the first one
            # that runs past its end, the stretch is read again.
            j = bisect.bisect_left(starts, end, i)
            if j > i and found[j - 1].end() > end:  # only the last can run past the end
                return range(i, j - 1), starts[j - 1]
            return range(i, j), end
        # A match attempt at p reads text[p : p + reach]: where that lies inside the
        # stretch, the stretch's scan does what the whole-text scan did.
        j = bisect.bisect_right(starts, end - self.reach, i)
        resume = found[j - 1].end() if j > i else start
        return range(i, j), max(resume, end - self.reach + 1)

    def within(self, start: int, end: int) -> Iterator[re.Match[str]]:
        """The matches of ``pattern.finditer(text, start, end)``, read from the whole-text scan."""
        found, resume = self.indices(start, end)
        matches = self._matches
        for k in found:
            yield matches[k]
        if resume < end:
            yield from self.pattern.finditer(self.text, resume, end)


class Lexed:
    """The tokens of one text, each kind found once, the first time a reader asks.

    Example:
        >>> from zwgk._text.lexer import lex
        >>> text = "一、总体情况 2019年3月1日 （一）主动公开"
        >>> lexed = lex(text)
        >>> [m.label for m in lexed.markers()], lexed is lex(text)
        (['一', '(一)'], True)
    """

    __slots__ = ("_marker_tokens", "_memo", "_scans", "text")

    def __init__(self, text: str) -> None:
        self.text = text
        # Keyed by the pattern's identity (a compiled pattern hashes its whole program);
        # the scan holds its pattern, so the identity is not reused while the key lives.
        self._scans: dict[tuple[int, int | None], Scan] = {}
        self._memo: dict[Hashable, object] = {}
        self._marker_tokens: list[Marker | None] | None = None

    def scan(self, pattern: re.Pattern[str], *, reach: int | None = None) -> Scan:
        """The whole-text matches of ``pattern`` (scanned once per text and pattern)."""
        key = (id(pattern), reach)
        found = self._scans.get(key)
        if found is None:
            found = self._scans[key] = Scan(pattern, self.text, reach=reach)
        return found

    def memo(self, key: Hashable, compute: Callable[[], T]) -> T:
        """What ``compute()`` reads from this text, computed once per ``key``."""
        try:
            return self._memo[key]  # type: ignore[return-value]
        except KeyError:
            value = self._memo[key] = compute()
            return value

    def markers(
        self, start: int = 0, end: int | None = None, *, glued: bool = False
    ) -> list[Marker]:
        """`zwgk._text.numbering.markers` of ``text[start:end]``, from the one marker scan."""
        stop = len(self.text) if end is None else end
        if self._marker_tokens is None:
            # The one scan, each match read into its marker as it is found.
            matches = list(MARKER_RE.finditer(self.text))
            scan = Scan(MARKER_RE, self.text, reach=_MARKER_REACH, matches=matches)
            self._scans[id(MARKER_RE), _MARKER_REACH] = scan
            self._marker_tokens = [marker_from_match(m) for m in matches]
        scan, tokens = self._scans[id(MARKER_RE), _MARKER_REACH], self._marker_tokens
        found, resume = scan.indices(start, stop)
        out = [mk for k in found if (mk := tokens[k]) is not None and (glued or not mk.glued)]
        if resume < stop:
            for m in MARKER_RE.finditer(self.text, resume, stop):
                mk = marker_from_match(m)
                if mk is not None and (glued or not mk.glued):
                    out.append(mk)
        return out

    def last_break(self, start: int, end: int) -> int | None:
        """The last clause break (。；，：！？ and their ASCII forms) in ``text[start:end]``,
        or ``None`` (read in the stretch alone: a reader's stretch is a clause or two)."""
        m = _TO_LAST_BREAK.match(self.text, start, end)
        return m.end() - 1 if m is not None else None


#: The tokens of the text being parsed: one parse reads one text.
_current: Lexed | None = None


def lex(text: str) -> Lexed:
    """The shared tokens of ``text`` (a document's normalized text), kept for its readers.

    The tokens are kept while readers ask for the same text object (``is``, not an
    equal text: each parse lexes its own text, see `zwgk._text.lexer.begin`).

    Example:
        >>> from zwgk._text.lexer import lex
        >>> [(m.label, m.start) for m in lex("1.网站 2.微博").markers()]
        [('1', 0), ('2', 5)]
    """
    global _current
    current = _current
    if current is None or current.text is not text:
        current = _current = Lexed(text)
    return current


def begin(text: str) -> Lexed:
    """Fresh tokens for a parse of ``text``, which later `zwgk._text.lexer.lex` calls return.

    A parse starts here, so that it scans its text itself even when it is the very
    text object the previous parse read.

    Example:
        >>> from zwgk._text.lexer import begin, lex
        >>> text = "一、总体"
        >>> first = lex(text)
        >>> begin(text) is not first and lex(text) is lex(text)
        True
    """
    global _current
    _current = Lexed(text)
    return _current
