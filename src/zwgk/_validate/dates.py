"""Dates: the statutory deadline, the period covered, signature against publication."""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterator

from zwgk._model.core import Finding
from zwgk._model.documents import AnnualReport, Document
from zwgk._model.enums import Severity
from zwgk._parse.meta import statistics_year, year_from_title
from zwgk._parse.text import normalize
from zwgk._validate.common import finding
from zwgk._validate.rules import (
    DATE_BEFORE_PERIOD,
    DATE_LATE,
    DATE_SIGNED_AFTER_PUBLISHED,
    DATE_TITLE_PERIOD_MISMATCH,
)

__all__ = ["date_findings", "signature_findings", "statutory_deadline"]

#: The last data year reported under the 2008 条例 (due 31 March of the next year).
LAST_OLD_RULES_YEAR = 2018


def statutory_deadline(year: int) -> dt.date:
    """The last day a report on ``year`` may be published.

    31 March of the next year for data years up to 2018 (2008 条例), 31
    January for data years from 2019 (revised 条例, in force 2019-05-15).

    Example:
        >>> from zwgk._validate.dates import statutory_deadline
        >>> statutory_deadline(2018), statutory_deadline(2019)
        (datetime.date(2019, 3, 31), datetime.date(2020, 1, 31))
    """
    if year <= LAST_OLD_RULES_YEAR:
        return dt.date(year + 1, 3, 31)
    return dt.date(year + 1, 1, 31)


def signature_findings(doc: Document) -> Iterator[Finding]:
    """``date.signed_after_published`` for any document with both dates.

    Example:
        >>> import datetime
        >>> from zwgk import ImplementationPlan
        >>> from zwgk._validate.dates import signature_findings
        >>> p = ImplementationPlan(title="x", signed=datetime.date(2020, 5, 2),
        ...                        published=datetime.date(2020, 5, 1))
        >>> [f.code for f in signature_findings(p)]
        ['date.signed_after_published']
    """
    if doc.signed is not None and doc.published is not None and doc.signed > doc.published:
        days = (doc.signed - doc.published).days
        yield finding(
            DATE_SIGNED_AFTER_PUBLISHED,
            Severity.WARNING,
            f"signed {doc.signed.isoformat()}, {days} day(s) after its publication on "
            f"{doc.published.isoformat()}.",
            f"落款日期 {doc.signed.isoformat()} 晚于发布日期 {doc.published.isoformat()}"
            f"（晚 {days} 天）。",
        )


def date_findings(report: AnnualReport, text: str | None = None) -> Iterator[Finding]:
    """``date.*`` findings of a report; ``text`` (the source) enables the period check.

    Example:
        >>> import datetime
        >>> from zwgk import AnnualReport
        >>> from zwgk._validate.dates import date_findings
        >>> r = AnnualReport(title="2019年度报告", year=2019, published=datetime.date(2020, 3, 1))
        >>> [f.code for f in date_findings(r, "本报告统计期限自2018年1月1日起至2018年12月31日止。")]
        ['date.late', 'date.title_period_mismatch']
    """
    year, published = report.year, report.published
    if year is not None and published is not None:
        deadline = statutory_deadline(year)
        if published.year <= year:
            yield finding(
                DATE_BEFORE_PERIOD,
                Severity.ERROR,
                f"published on {published.isoformat()}, before the end of {year}, the year "
                "the report covers.",
                f"发布日期 {published.isoformat()} 早于所报告年度（{year}年）结束。",
            )
        elif published > deadline:
            basis = "2008 条例" if year <= LAST_OLD_RULES_YEAR else "revised 条例"
            days = (published - deadline).days
            yield finding(
                DATE_LATE,
                Severity.WARNING,
                f"published on {published.isoformat()}, {days} day(s) after the statutory "
                f"deadline {deadline.isoformat()} for {year} ({basis}).",
                f"发布日期 {published.isoformat()} 晚于法定期限 {deadline.isoformat()}"
                f"（逾期 {days} 天）。",
            )
    yield from signature_findings(report)
    if text is not None:
        title_year = year_from_title(normalize(report.title))
        period_year = statistics_year(normalize(text))
        if title_year is not None and period_year is not None and title_year != period_year:
            yield finding(
                DATE_TITLE_PERIOD_MISMATCH,
                Severity.WARNING,
                f"the title names {title_year} but the statistics period printed in the body "
                f"starts in {period_year}.",
                f"标题年度为 {title_year} 年，正文统计期限却自 {period_year} 年起。",
                reported=title_year,
                expected=period_year,
            )
