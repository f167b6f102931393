"""Agencies and divisions: names as printed resolved to GB/T 2260 divisions, and the 2018 reform.

- `zwgk.agency` reads a name such as ``沈阳市工商局`` or ``市工商局``
  (with a context) into an `zwgk.Agency`: region, level, division
  code, sector and canonical full and short names.
- `zwgk.division`, `zwgk.is_valid_division` and
  `zwgk.find_divisions` look up GB/T 2260 codes with the years
  each name was valid (python-stdnum's code list).
- `zwgk.successors` and `zwgk.predecessors` link an
  agency across the 2018 institutional reform as typed
  `zwgk.Succession` records.

The reference data (organ forms, sectors, zones, reform patterns) is JSON under
``zwgk/_data/agencies``: adding a place's variant means adding data, not code.

Example:
    >>> from zwgk import agency, successors
    >>> agency("株洲市工商局").key
    '430200:株洲市工商行政管理局'
    >>> successors("株洲市工商局")[0].successor
    '株洲市市场监督管理局'
"""

from zwgk._agency.divisions import Division, division, find_divisions, is_valid_division
from zwgk._agency.names import agency
from zwgk._agency.reform import Succession, predecessors, successors

__all__ = [
    "Division",
    "Succession",
    "agency",
    "division",
    "find_divisions",
    "is_valid_division",
    "predecessors",
    "successors",
]
