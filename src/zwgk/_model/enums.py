"""Closed vocabularies of the model, as string enums whose values are the public ids."""

from __future__ import annotations

import enum
import re

#: What a generation id looks like: the four named ones, and any a registered tree takes.
GENERATION_ID = re.compile(r"[a-z][a-z0-9_]{0,39}")


class DocumentKind(enum.StrEnum):
    """What a document is.

    Examples:
        >>> import zwgk
        >>> zwgk.DocumentKind("annual_report") is zwgk.DocumentKind.ANNUAL_REPORT
        True
    """

    ANNUAL_REPORT = "annual_report"
    """政府信息公开工作年度报告: an agency's yearly disclosure report."""
    IMPLEMENTATION_PLAN = "implementation_plan"
    """实施方案 / 工作方案 / 实施意见: a plan that assigns tasks to units."""
    WORK_POINTS = "work_points"
    """政务公开工作要点 / 任务分解表: the year's key tasks, often as a table."""
    OTHER = "other"
    """Anything else: notices, rules, guides, templates."""


class TableFormat(enum.StrEnum):
    """The generation of statistical table a report uses: a generation id.

    The four named generations are the members; a tree registered in a
    `zwgk.Templates` registry may take an id of its own (lower-case
    letters, digits and ``_``, starting with a letter), and ``TableFormat``
    of that id is a generation like the others, without a member name in
    the class.  Whether a tree exists for an id is the registry's question
    (`zwgk.Templates.tree` raises `zwgk.UnknownError`).

    Examples:
        >>> import zwgk
        >>> [f.value for f in zwgk.TableFormat]
        ['legacy_local', 'legacy_2014', 'f2019', 'f2021']
        >>> zwgk.TableFormat("zhejiang_2012").value, zwgk.TableFormat("zhejiang_2012") == "zhejiang_2012"
        ('zhejiang_2012', True)
        >>> zwgk.TableFormat("Not an id")
        Traceback (most recent call last):
        ...
        ValueError: 'Not an id' is not a valid TableFormat
    """

    LEGACY_LOCAL = "legacy_local"
    """Local 统计报表 before the national table of 2014."""
    LEGACY_2014 = "legacy_2014"
    """国办发〔2014〕32号: vertical 统计指标 / 单位 / 统计数 table."""
    F2019 = "f2019"
    """格式（试行） of 2019: reports on 2019 and 2020."""
    F2021 = "f2021"
    """国办公开办函〔2021〕30号: reports on 2021 onward."""

    @classmethod
    def _missing_(cls, value: object) -> TableFormat | None:
        # An id no member has: a generation of a registered tree, made on the fly as Flag
        # makes its combined members (equal and hashed by its id; not listed in the class).
        if not isinstance(value, str) or GENERATION_ID.fullmatch(value) is None:
            return None
        member = str.__new__(cls, value)
        member._name_ = value.upper()
        member._value_ = value
        return member


class Scope(enum.StrEnum):
    """Whose data a report holds.

    Examples:
        >>> import zwgk
        >>> zwgk.Scope.AGGREGATE.value
        'aggregate'
    """

    AGENCY = "agency"
    """The issuing agency's own work."""
    AGGREGATE = "aggregate"
    """A region's summed report (综合各县(市、区)政府和市级各部门…)."""


class Level(enum.StrEnum):
    """Administrative level of an agency.

    Examples:
        >>> import zwgk
        >>> zwgk.Level.COUNTY.value
        'county'
    """

    CENTRAL = "central"
    """国务院部门 / 中央."""
    PROVINCE = "province"
    """省级: 省 / 自治区 / 直辖市."""
    CITY = "city"
    """地级: 设区的市 / 自治州 / 地区 / 盟."""
    COUNTY = "county"
    """县级: 县 / 县级市 / 市辖区 / 旗, and functional zones of that rank."""
    TOWNSHIP = "township"
    """乡级: 乡 / 镇 / 街道."""
    UNKNOWN = "unknown"
    """Not determined."""


class TokenClass(enum.StrEnum):
    """What a printed cell token is; blank, dashes, slashes and 无 are never zero.

    Examples:
        >>> import zwgk
        >>> zwgk.TokenClass.DASH.value
        'dash'
    """

    NUMBER = "number"
    """A non-zero number."""
    ZERO = "zero"
    """Printed ``0``."""
    BLANK = "blank"
    """Nothing printed: unknown, not filled."""
    DASH = "dash"
    """``—``, ``－``, ``-``, ``--``: not applicable."""
    SLASH = "slash"
    """``/``, ``／``, ``不适用``, ``N/A``: not applicable."""
    NONE_WORD = "none_word"
    """``无``: none (kept apart from zero)."""
    TEXT = "text"
    """Anything else."""


class Severity(enum.StrEnum):
    """How serious a finding is.

    Examples:
        >>> import zwgk
        >>> zwgk.Severity.ERROR > zwgk.Severity.INFO  # plain string order; use rank
        False
        >>> zwgk.Severity.ERROR.rank > zwgk.Severity.INFO.rank
        True
    """

    ERROR = "error"
    """A contradiction that cannot be legitimate (an ``always`` identity fails)."""
    WARNING = "warning"
    """Likely wrong, but real reports sometimes do it (a ``usually`` identity fails)."""
    INFO = "info"
    """Worth knowing: an inference made, a value not placed."""

    @property
    def rank(self) -> int:
        """0 for info, 1 for warning, 2 for error."""
        return {"info": 0, "warning": 1, "error": 2}[self.value]


class Tag(enum.StrEnum):
    """How firmly an identity holds.

    Examples:
        >>> import zwgk
        >>> zwgk.Tag.ALWAYS.severity
        <Severity.ERROR: 'error'>
    """

    ALWAYS = "always"
    """Holds by definition; a violation is an error."""
    USUALLY = "usually"
    """Expected, but real reports break it legitimately; a violation is a warning."""

    @property
    def severity(self) -> Severity:
        """The severity of a violation."""
        return Severity.ERROR if self is Tag.ALWAYS else Severity.WARNING


class Layout(enum.StrEnum):
    """How a table template is laid out on the page.

    Examples:
        >>> import zwgk
        >>> zwgk.Layout.VERTICAL.value
        'vertical'
    """

    VERTICAL = "vertical"
    """One indicator per line, with a unit and one value column (legacy 统计指标 / 单位 / 统计数)."""
    GRID = "grid"
    """Indicators down, columns across (表二, 表三)."""
    HORIZONTAL = "horizontal"
    """One data row whose indicators stand across under block headers (表四)."""


class DeadlineKind(enum.StrEnum):
    """What a deadline phrase means.

    Examples:
        >>> import zwgk
        >>> zwgk.DeadlineKind.RELATIVE.value
        'relative'
    """

    DATE = "date"
    """A date: ``2017年底前`` is 2017-12-31."""
    RECURRING = "recurring"
    """A date that comes back: ``每年的12月31日前``, ``每年6月和12月``."""
    RELATIVE = "relative"
    """A duration after an event: ``文件公开后3个工作日内``, ``24小时内``."""
    FREQUENCY = "frequency"
    """A frequency with no date: ``定期``, ``每年至少听取一次``, ``动态更新``."""
    ONGOING = "ongoing"
    """No end: ``持续推进``, ``长期坚持``."""
    UNRESOLVED = "unresolved"
    """A phrase the parser keeps but cannot interpret."""
