"""Dates: the statutory deadline, the period covered, signature against publication."""

from __future__ import annotations

import datetime as dt
import re
from collections.abc import Iterator

from zwgk._findings import (
    DATE_BEFORE_PERIOD,
    DATE_LATE,
    DATE_SIGNED_AFTER_PUBLISHED,
    DATE_TITLE_PERIOD_MISMATCH,
    finding,
)
from zwgk._model.core import Finding
from zwgk._model.documents import AnnualReport, Document
from zwgk._model.enums import Scope
from zwgk._parse.meta import year_from_title
from zwgk._parse.text import normalize
from zwgk._text.dates import YEAR

__all__ = ["date_findings", "is_government_report", "signature_findings", "statutory_deadline"]

#: The last data year reported under the 2008 条例 (due 31 March of the next year).
LAST_OLD_RULES_YEAR = 2018

# The subject of a title, before its year: 「平潭综合实验区」 in 「平潭综合实验区2024年度政府信息…」.
_SUBJECT = re.compile(rf"^(.{{0,40}}?){YEAR}")
# A subject that is a government or a region, not one of its departments.
_GOVERNMENT = re.compile(r"(?:人民政府|政府|[省市县区旗州盟]|自治区|自治州|自治县|实验区|新区)$")


def statutory_deadline(year: int, *, government: bool = False) -> dt.date:
    """The last day a report on ``year`` may be published.

    Under the 2008 条例 (data years up to 2018, 第三十一条) every organ publishes
    by 31 March of the next year. Under the revised 条例 (in force 2019-05-15,
    第四十九条) departments publish by 31 January, and a government's own report
    (本级政府, published by its disclosure office) by 31 March.

    Example:
        >>> from zwgk._validate.dates import statutory_deadline
        >>> statutory_deadline(2018), statutory_deadline(2019)
        (datetime.date(2019, 3, 31), datetime.date(2020, 1, 31))
        >>> statutory_deadline(2019, government=True)
        datetime.date(2020, 3, 31)
    """
    if year <= LAST_OLD_RULES_YEAR or government:
        return dt.date(year + 1, 3, 31)
    return dt.date(year + 1, 1, 31)


def is_government_report(report: AnnualReport) -> bool:
    """Whether a report is a government's own (本级政府) report rather than a department's.

    True for an aggregate report, and where the title's subject is a government
    (…人民政府) or a region (…市, …区, …实验区) rather than an organ (…局, …委员会).

    Example:
        >>> from zwgk import AnnualReport
        >>> from zwgk._validate.dates import is_government_report
        >>> is_government_report(AnnualReport(title="平潭综合实验区2024年度政府信息公开工作年度报告"))
        True
        >>> is_government_report(AnnualReport(title="株洲市工商行政管理局2017年度政府信息公开工作年度报告"))
        False
    """
    if report.scope is Scope.AGGREGATE:
        return True
    subject = _SUBJECT.match(normalize(report.title).replace(" ", ""))
    return subject is not None and _GOVERNMENT.search(subject[1]) is not None


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
        yield finding(
            DATE_SIGNED_AFTER_PUBLISHED,
            signed=doc.signed.isoformat(),
            published=doc.published.isoformat(),
            days=(doc.signed - doc.published).days,
        )


def date_findings(report: AnnualReport) -> Iterator[Finding]:
    """``date.*`` findings of a report.

    Example:
        >>> import datetime
        >>> from zwgk import AnnualReport
        >>> from zwgk._validate.dates import date_findings
        >>> r = AnnualReport(title="2019年度报告", year=2019, period_year=2018,
        ...                  published=datetime.date(2020, 3, 1))
        >>> [f.code for f in date_findings(r)]
        ['date.late', 'date.title_period_mismatch']
    """
    year, published = report.year, report.published
    if year is not None and published is not None:
        government = is_government_report(report)
        deadline = statutory_deadline(year, government=government)
        if published.year <= year:
            yield finding(DATE_BEFORE_PERIOD, published=published.isoformat(), year=year)
        elif published > deadline:
            if year <= LAST_OLD_RULES_YEAR:
                basis, basis_zh = "2008 条例", "2008年条例"
            elif government:
                basis, basis_zh = (
                    "revised 条例, a government's own report",
                    "修订后条例，本级政府报告",
                )
            else:
                basis, basis_zh = "revised 条例, a department's report", "修订后条例，部门报告"
            yield finding(
                DATE_LATE,
                published=published.isoformat(),
                days=(published - deadline).days,
                deadline=deadline.isoformat(),
                year=year,
                basis=basis,
                basis_zh=basis_zh,
            )
    yield from signature_findings(report)
    title_year = year_from_title(normalize(report.title))
    period_year = report.period_year
    if title_year is not None and period_year is not None and title_year != period_year:
        yield finding(
            DATE_TITLE_PERIOD_MISMATCH,
            reported=title_year,
            expected=period_year,
            title_year=title_year,
            period_year=period_year,
        )
