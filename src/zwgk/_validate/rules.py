"""The catalogue of validation rules: one stable code per kind of finding, as data.

Codes are public and never renamed; the guide page "Validating reports"
includes the table `rule_catalogue_markdown`
generates, and a test keeps the two equal.
"""

from __future__ import annotations

import attrs

from zwgk._model.enums import Severity

__all__ = [
    "CONTINUITY_CARRY_OVER",
    "CONTINUITY_FAILED",
    "CONTINUITY_IN_FORCE",
    "DATE_BEFORE_PERIOD",
    "DATE_LATE",
    "DATE_SIGNED_AFTER_PUBLISHED",
    "DATE_TITLE_PERIOD_MISMATCH",
    "IDENTITY_FAILED",
    "INPUT_EMPTY",
    "PLAN_DEADLINE_BEFORE_DOCUMENT",
    "PLAN_DUPLICATE_NUMBER",
    "PLAN_NO_LEAD",
    "RULES",
    "STRUCTURE_EMPTY_CELLS",
    "STRUCTURE_MISSING_SECTION",
    "STRUCTURE_MISSING_TABLE",
    "STRUCTURE_OUTLINE_ORDER",
    "STRUCTURE_PLACEHOLDER_SECTION",
    "TEXT_MISMATCH",
    "Rule",
    "rule",
    "rule_catalogue_markdown",
]


@attrs.frozen
class Rule:
    """One validation rule: its stable code, usual severity and what it checks.

    ``severity`` is the severity the rule gives in the common case; where a
    rule grades its findings (an ``always`` identity is an error, a
    ``usually`` identity a warning) the description says how.

    Example:
        >>> from zwgk import RULES
        >>> r = next(r for r in RULES if r.code == "identity.failed")
        >>> (r.severity.value, r.title_zh)
        ('error', '勾稽关系不成立')
    """

    code: str
    severity: Severity
    title_en: str
    title_zh: str
    description: str


IDENTITY_FAILED = "identity.failed"
TEXT_MISMATCH = "text.mismatch"
STRUCTURE_MISSING_SECTION = "structure.missing_section"
STRUCTURE_OUTLINE_ORDER = "structure.outline_order"
STRUCTURE_MISSING_TABLE = "structure.missing_table"
STRUCTURE_EMPTY_CELLS = "structure.empty_cells"
STRUCTURE_PLACEHOLDER_SECTION = "structure.placeholder_section"
DATE_LATE = "date.late"
DATE_BEFORE_PERIOD = "date.before_period"
DATE_SIGNED_AFTER_PUBLISHED = "date.signed_after_published"
DATE_TITLE_PERIOD_MISMATCH = "date.title_period_mismatch"
CONTINUITY_CARRY_OVER = "continuity.carry_over"
CONTINUITY_IN_FORCE = "continuity.in_force"
CONTINUITY_FAILED = "continuity.failed"
PLAN_NO_LEAD = "plan.no_lead"
PLAN_DEADLINE_BEFORE_DOCUMENT = "plan.deadline_before_document"
PLAN_DUPLICATE_NUMBER = "plan.duplicate_number"
INPUT_EMPTY = "input.empty"

#: Every rule of the validator, in catalogue order.
RULES: tuple[Rule, ...] = (
    Rule(
        IDENTITY_FAILED,
        Severity.ERROR,
        "Identity fails",
        "勾稽关系不成立",
        "An identity of the table's indicator tree (legacy_2014, f2019, f2021) does not hold. "
        "`always` identities give an error, `usually` identities a warning. A check runs only "
        "where the total and at least one part carry numbers; blank, —, / and 无 are not zero. "
        "With parts missing it fails only when the parts present already exceed the total. "
        "Values the parser inferred count, and the message says so.",
    ),
    Rule(
        TEXT_MISMATCH,
        Severity.WARNING,
        "Text and table disagree",
        "正文与统计表不一致",
        "A number the narrative states for a table cell (X-2) differs from the cell. "
        "Qualified numbers (…余, …多, 超过…, 近…) flag only when the cell breaks the bound; "
        "约… never flags.",
    ),
    Rule(
        STRUCTURE_MISSING_SECTION,
        Severity.WARNING,
        "Section missing",
        "缺少规定章节",
        "A report in the 2019 or 2021 format lacks one of the six sections "
        "(总体情况, 主动公开, 申请, 复议诉讼, 问题及改进, 其他事项), matched loosely by title "
        "among the top-level headings and the tables' captions.",
    ),
    Rule(
        STRUCTURE_OUTLINE_ORDER,
        Severity.WARNING,
        "Outline out of order",
        "章节编号顺序错误",
        "A top-level heading repeats or goes back in the numbering (一…六 followed by 一、 again).",
    ),
    Rule(
        STRUCTURE_MISSING_TABLE,
        Severity.ERROR,
        "Table missing",
        "缺少统计表",
        "A report in the 2019 or 2021 format has no 表二, 表三 or 表四 (all are mandatory). "
        "A warning instead of an error where a heading for the table is printed: the table is "
        "then likely there in a form that was not read.",
    ),
    Rule(
        STRUCTURE_EMPTY_CELLS,
        Severity.WARNING,
        "Blank cells",
        "统计表存在空白单元格",
        "Cells of a 2019 or 2021 table are blank where the template asks for a number; one "
        "finding per table lists them. Blank is not zero, so identities through these cells "
        "are not assessed.",
    ),
    Rule(
        STRUCTURE_PLACEHOLDER_SECTION,
        Severity.INFO,
        "Placeholder section",
        "章节内容空缺",
        "Section 五 (存在的主要问题及改进情况) is empty or a one-word placeholder such as 无。",
    ),
    Rule(
        DATE_LATE,
        Severity.WARNING,
        "Published late",
        "逾期发布",
        "Published after the statutory deadline: 31 March of the next year for data years up "
        "to 2018 (2008 条例 第三十一条); from 2019 (revised 条例 第四十九条) 31 January for a "
        "department's report and 31 March for a government's own (本级政府) report — an "
        "aggregate report, or one whose title names a government or region rather than an organ.",
    ),
    Rule(
        DATE_BEFORE_PERIOD,
        Severity.ERROR,
        "Published before the period ended",
        "发布日期早于统计期结束",
        "Published in or before the year the report covers.",
    ),
    Rule(
        DATE_SIGNED_AFTER_PUBLISHED,
        Severity.WARNING,
        "Signed after publication",
        "落款日期晚于发布日期",
        "The date of the closing signature (落款) is later than the publication date.",
    ),
    Rule(
        DATE_TITLE_PERIOD_MISMATCH,
        Severity.WARNING,
        "Title year and period disagree",
        "标题年度与统计期限不一致",
        "The year in the title differs from the statistics period printed in the body "
        "(统计期限自YYYY年1月1日起). Needs the source text.",
    ),
    Rule(
        CONTINUITY_CARRY_OVER,
        Severity.WARNING,
        "Carry-over breaks",
        "结转数前后年度不衔接",
        "X-1: last year's 结转下年度继续办理 differs from this year's 上年结转 in a column. "
        "Needs last year's report of the same agency in the same generation family.",
    ),
    Rule(
        CONTINUITY_IN_FORCE,
        Severity.WARNING,
        "In-force count breaks",
        "现行有效件数前后年度不衔接",
        "T2-1: last year's 现行有效件数 + this year's 制发 − 废止 differs from this year's "
        "现行有效件数 (revisions and cleanups legitimately break it).",
    ),
    Rule(
        CONTINUITY_FAILED,
        Severity.WARNING,
        "Cross-year identity fails",
        "跨年度勾稽关系不成立",
        "Another cross-year identity of the trees fails (T2-3 of 2019: last year's 上一年项目数量 "
        "+ 本年增/减 differs from this year's 上一年项目数量).",
    ),
    Rule(
        PLAN_NO_LEAD,
        Severity.INFO,
        "Task without lead",
        "任务未明确牵头单位",
        "A leaf task of a plan names no lead unit, no collective phrase (各单位按职责分工负责) "
        "and inherits none from a merged cell.",
    ),
    Rule(
        PLAN_DEADLINE_BEFORE_DOCUMENT,
        Severity.WARNING,
        "Deadline before the document",
        "完成时限早于文件日期",
        "A task's deadline resolves to a date earlier than the document's date "
        "(signature, else publication).",
    ),
    Rule(
        PLAN_DUPLICATE_NUMBER,
        Severity.WARNING,
        "Duplicate task number",
        "任务编号重复",
        "Two sibling tasks carry the same number (two lists 1.…4. under one heading).",
    ),
    Rule(
        INPUT_EMPTY,
        Severity.WARNING,
        "Empty input",
        "输入为空",
        "The input holds no text (nothing, or only white space): the parser returns an "
        "`OtherDocument` with this finding instead of a silent empty document.",
    ),
)

_BY_CODE = {r.code: r for r in RULES}


def rule(code: str) -> Rule:
    """The rule with this code; raises ``KeyError`` for an unknown code.

    Example:
        >>> from zwgk._validate import rule
        >>> rule("date.late").title_en
        'Published late'
    """
    return _BY_CODE[code]


def rule_catalogue_markdown() -> str:
    """The catalogue of rules as a markdown table (the one in the guide page).

    Example:
        >>> from zwgk._validate import rule_catalogue_markdown
        >>> print(rule_catalogue_markdown().splitlines()[0])
        | code | severity | title | 标题 | what it checks |
    """
    lines = [
        "| code | severity | title | 标题 | what it checks |",
        "|---|---|---|---|---|",
    ]
    for r in RULES:
        cells = (f"`{r.code}`", r.severity.value, r.title_en, r.title_zh, r.description)
        lines.append("| " + " | ".join(c.replace("|", "\\|") for c in cells) + " |")
    return "\n".join(lines) + "\n"
