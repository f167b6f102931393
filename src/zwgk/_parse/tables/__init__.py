"""Reading statistical tables, driven by the indicator trees.

The package is laid out as the reading runs:

1. `template` — what a template prints, compiled once per template: each
   row's label pattern (numbering and bracketed guidance stripped, spaces
   allowed between characters), the header words to blank, cells, identities.
2. `detect` — which generation the text uses (the labels only it prints).
3. `locate` — where a table is: its rows' labels searched in template order
   from an anchor (a table flattened onto one line, split over PDF lines or
   laid out in markdown is found the same way), the stretch it covers, the
   tokens between one label and the next, its pipe or tab lines
   (`lines`).  The result is a `Region`.
4. `strategies` — the ways a table is printed (HTML grid, pipe, tab-separated,
   horizontal, vertical, flattened; values printed apart; 表四 by position).
   The first that applies proposes placements (`proposals`); none writes a
   cell or a finding.
5. `collect` — the one place proposals become cells, unplaced tokens and
   findings: glued digit runs are split under the row's identities
   (`splits`), then the whole table's identities decide the rows left open
   (`zwgk._parse.resolve`), the prose may pick (`evidence`), and ambiguity
   stays as alternatives with a finding, never resolved silently.
6. `read` — `read_tables` ties them together for a report.
"""

from zwgk._parse.tables.detect import detect_generation
from zwgk._parse.tables.evidence import Evidence, stated_cuts
from zwgk._parse.tables.read import TableRead, read_tables
from zwgk._parse.tables.template import core_label, label_pattern

__all__ = [
    "Evidence",
    "TableRead",
    "core_label",
    "detect_generation",
    "label_pattern",
    "read_tables",
    "stated_cuts",
]
