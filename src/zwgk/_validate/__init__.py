"""Validation: findings on parsed documents, never exceptions.

`zwgk.validate` checks one document (identities of the
indicator trees, text against table, structure, dates; plans' leads,
deadlines and numbering); `zwgk.validate_many`
checks many and holds each annual report against last year's report of the
same agency; `zwgk.summarize` counts findings by code.
`zwgk.RULES` is the catalogue of finding codes as data (the
parser's and the validator's).

Example:
    >>> import zwgk
    >>> from zwgk import summarize, validate
    >>> report = zwgk.parse(open("seeds/003_cfccfa7d233b51e6.txt", encoding="utf-8").read())
    >>> summarize(validate(report))
    {}
"""

from zwgk._findings import RULES, Rule, rule, rule_catalogue_markdown
from zwgk._validate.api import document_key, summarize, validate, validate_many

__all__ = [
    "RULES",
    "Rule",
    "document_key",
    "rule",
    "rule_catalogue_markdown",
    "summarize",
    "validate",
    "validate_many",
]
